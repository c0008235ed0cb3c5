"""Smoke test: NSD from Debian serves a zone on loopback and LiveSource reads it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from mailpath.core.dns import Answer, LiveSource, Nameserver, Outcome
from tests.support.nsd import NsdServer, zone_text

pytestmark = pytest.mark.nsd


def test_nsd_serves_a_small_zone(nsd_server: Callable[..., NsdServer]) -> None:
    zone = zone_text(
        "example.org",
        [
            ("@", "A", "192.0.2.1"),
            ("@", "AAAA", "2001:db8::1"),
            ("@", "MX", "10 mx.example.org."),
            ("@", "TXT", '"v=spf1 ip4:" "192.0.2.0/24 -all"'),
            ("mx", "A", "192.0.2.25"),
        ],
    )
    nsd = nsd_server({"example.org": zone})
    assert nsd.nameserver == f"127.0.0.1:{nsd.port}"
    source = LiveSource([Nameserver("127.0.0.1", nsd.port)], timeout=2)

    async def ask() -> list[Answer]:
        types = ("A", "AAAA", "MX", "TXT")
        return await asyncio.gather(*(source.query("example.org", t) for t in types))

    a, aaaa, mx, txt = asyncio.run(ask())
    assert a.records == ("192.0.2.1",)
    assert aaaa.records == ("2001:db8::1",)
    assert mx.records == ((10, "mx.example.org"),)
    assert txt.records == ((b"v=spf1 ip4:", b"192.0.2.0/24 -all"),)
    missing = asyncio.run(source.query("nope.example.org", "A"))
    assert missing.outcome is Outcome.NXDOMAIN
