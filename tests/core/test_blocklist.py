"""DNS blocklists, opt-in: zones served by the loopback DNS server.

corp.example sends from mail.corp.example (192.0.2.25 and 2001:db8::25) to rcpt.example. The
lists: `bl.test` (a list mailpath has no table for: every 127/8 answer is a listing),
`zen.spamhaus.org` (its refused codes 127.255.255.252-255 are never a listing) and
`dbl.spamhaus.org` (a domain list: asked for the sender domain and the host name).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import time
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.analysis import analyze
from mailpath.core.dns.blocklist import query_name
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.model import Finding, Result, Severity
from mailpath.core.report import render_text, result_to_json
from tests.support.dnsserver import TIMEOUT

V4 = "192.0.2.25"
V6 = "2001:db8::25"
V6_NIBBLES = "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"


def world(**lists: list[Any]) -> dict[str, list[Any]]:
    zone: dict[str, list[Any]] = {
        "corp.example": [("TXT", f"v=spf1 ip4:{V4} ip6:{V6} -all")],
        "mail.corp.example": [("A", V4), ("AAAA", V6)],
        "rcpt.example": [("MX", (10, "mx.rcpt.example"))],
        "mx.rcpt.example": [("A", "198.51.100.40")],
        "25.2.0.192.in-addr.arpa": [("PTR", "mail.corp.example")],
    }
    for name, records in lists.items():
        zone[name] = records
    return zone


def run(server: Any, zones: list[str] | None, timeout: float = 0.5) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=timeout, budget=10.0)
    return asyncio.run(
        analyze(source, "corp.example", "rcpt.example", "mail.corp.example", blocklists=zones)
    )


def rows(result: Result) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = result_to_json(result)["blocklists"]
    return data


def findings(result: Result, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def test_query_names_reverse_octets_and_nibbles() -> None:
    assert query_name(V4, "bl.test") == "25.2.0.192.bl.test"
    assert query_name(V6, "bl.test") == f"{V6_NIBBLES}.bl.test"
    assert query_name("Corp.Example.", "dbl.spamhaus.org") == "corp.example.dbl.spamhaus.org"


def test_listed_v4_and_v6_with_codes_and_reason(dns_server: Any) -> None:
    server = dns_server(
        world(
            **{
                "25.2.0.192.bl.test": [("A", "127.0.0.2"), ("TXT", "spam trap hits, see x")],
                f"{V6_NIBBLES}.bl.test": [("A", "127.0.0.3"), ("A", "127.0.0.2")],
            }
        )
    )
    result = run(server, ["bl.test"])
    assert rows(result) == [
        {
            "list": "bl.test",
            "query": "25.2.0.192.bl.test",
            "subject": V4,
            "listed": True,
            "codes": ["127.0.0.2"],
            "meanings": [],
            "reason": "spam trap hits, see x",
            "error": None,
            "error_detail": None,
            "delist": None,
        },
        {
            "list": "bl.test",
            "query": f"{V6_NIBBLES}.bl.test",
            "subject": V6,
            "listed": True,
            "codes": ["127.0.0.2", "127.0.0.3"],
            "meanings": [],
            "reason": None,
            "error": None,
            "error_detail": None,
            "delist": None,
        },
    ]
    listed = findings(result, "blocklisted")
    assert [(f.severity, f.params["item"], f.template) for f in listed] == [
        (Severity.ERROR, V4, "blocklisted/no-delist"),
        (Severity.ERROR, V6, "blocklisted/no-delist"),
    ]
    assert "spam trap hits, see x" in listed[0].message
    assert listed[0].fix == (
        f"Find and stop what got {V4} listed, then ask the operator of bl.test to delist it."
    )


def test_not_listed_is_false_and_says_nothing(dns_server: Any) -> None:
    server = dns_server(world())
    result = run(server, ["bl.test"])
    assert [(r["subject"], r["listed"], r["error"]) for r in rows(result)] == [
        (V4, False, None),
        (V6, False, None),
    ]
    assert not findings(result, "blocklisted") and not findings(result, "blocklist-refused")


@pytest.mark.parametrize(
    "code", ["127.255.255.252", "127.255.255.253", "127.255.255.254", "127.255.255.255"]
)
def test_spamhaus_refused_codes_are_never_listed(dns_server: Any, code: str) -> None:
    server = dns_server(world(**{"25.2.0.192.zen.spamhaus.org": [("A", code)]}))
    result = run(server, ["zen.spamhaus.org"])
    first = rows(result)[0]
    assert (first["listed"], first["error"], first["codes"]) == (None, "refused", [code])
    assert not findings(result, "blocklisted")
    (refused,) = findings(result, "blocklist-refused")
    assert refused.severity is Severity.WARNING
    assert "does not answer public or open resolvers" in refused.message
    assert rows(result)[1]["listed"] is False  # the IPv6 address: NXDOMAIN


def test_spamhaus_listing_is_read_by_its_meaning_with_the_delisting_address(
    dns_server: Any,
) -> None:
    server = dns_server(world(**{"25.2.0.192.zen.spamhaus.org": [("A", "127.0.0.4")]}))
    result = run(server, ["zen.spamhaus.org"])
    first = rows(result)[0]
    assert first["meanings"] == ["XBL (exploited or infected host)"]
    (listed,) = findings(result, "blocklisted")
    assert listed.template == "blocklisted"
    assert listed.fix is not None and "https://check.spamhaus.org/" in listed.fix


def test_domain_list_asks_for_the_sender_and_the_host_name(dns_server: Any) -> None:
    server = dns_server(world(**{"corp.example.dbl.spamhaus.org": [("A", "127.0.1.2")]}))
    result = run(server, ["dbl.spamhaus.org"])
    assert [(r["query"], r["listed"]) for r in rows(result)] == [
        ("corp.example.dbl.spamhaus.org", True),
        ("mail.corp.example.dbl.spamhaus.org", False),
    ]
    assert not any(name.startswith("25.2.0.192.dbl") for name, _, _ in server.queries)


def test_a_silent_list_is_unknown_not_clean(dns_server: Any) -> None:
    server = dns_server(world(**{"25.2.0.192.bl.test": [TIMEOUT]}))
    result = run(server, ["bl.test"])
    first = rows(result)[0]
    assert (first["listed"], first["error"]) == (None, "timeout")
    assert "unknown (timeout" in render_text(result)


def test_without_asking_no_list_is_queried_and_json_says_null(dns_server: Any) -> None:
    server = dns_server(world())
    result = run(server, None)
    assert result.blocklists is None and result_to_json(result)["blocklists"] is None
    assert not [q for q in server.queries if q[0].endswith(("bl.test", "spamhaus.org"))]


def test_cli_blocklist_option(dns_server: Any) -> None:
    server = dns_server(world(**{"25.2.0.192.bl.test": [("A", "127.0.0.2")]}))
    out = io.StringIO()
    argv = ["check", "corp.example", "rcpt.example", "--via", "mail.corp.example"]
    argv += ["-n", server.nameserver, "--blocklist", "bl.test", "--json"]
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    data = json.loads(out.getvalue())
    assert [(r["subject"], r["listed"]) for r in data["blocklists"]] == [(V4, True), (V6, False)]
    assert "blocklisted" in [f["code"] for f in data["findings"]]


def test_a_listing_costs_no_extra_round_trip(dns_server: Any) -> None:
    # Every reply takes 0.5 s: the route alone needs its rounds (addresses, then SPF and PTR
    # with its forward confirmation); asking the lists in that round, A and TXT together,
    # adds none. Asking the TXT reason after the A record would add a whole round (0.5 s).
    server = dns_server(
        world(**{"25.2.0.192.bl.test": [("A", "127.0.0.2"), ("TXT", "listed")]}), latency=0.5
    )
    started = time.monotonic()
    run(server, None, timeout=3.0)
    alone = time.monotonic() - started
    started = time.monotonic()
    result = run(server, ["bl.test"], timeout=3.0)
    with_lists = time.monotonic() - started
    assert rows(result)[0]["reason"] == "listed"
    assert with_lists < alone + 0.35, (alone, with_lists)
