"""The route graph's DMARC node says where a record was found, or where it was looked for
when there is none; zones served by the loopback server."""

from __future__ import annotations

import asyncio
from typing import Any

from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.route.graph import build_route_graph

ZONE: dict[str, list[Any]] = {
    "shop.example.jp": [("TXT", "v=spf1 -all")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "198.51.100.1")],
}


def dmarc_details(server: Any) -> dict[str, Any]:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=0.5, budget=10)
    result = asyncio.run(analyze(source, "shop.example.jp", "example.net", None))
    details: dict[str, Any] = build_route_graph(result).nodes["dns:dmarc"]["details"]
    return details


def test_no_record_says_where_it_was_looked_for_not_found_at(dns_server: Any) -> None:
    details = dmarc_details(dns_server(ZONE))
    assert details["record"] == "(none)"
    assert "found at" not in details
    assert details["looked for at"] == "_dmarc.shop.example.jp, _dmarc.example.jp, _dmarc.jp"


def test_a_record_says_where_it_was_found(dns_server: Any) -> None:
    zone = {**ZONE, "_dmarc.example.jp": [("TXT", "v=DMARC1; p=reject")]}
    details = dmarc_details(dns_server(zone))
    assert details["record"] == "v=DMARC1; p=reject"
    assert details["found at"] == "_dmarc.example.jp"
    assert "looked for at" not in details
