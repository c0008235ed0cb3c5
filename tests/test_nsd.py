"""Smoke test: NSD from Debian serves a zone on loopback and LiveSource reads it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import dns.flags
import dns.message
import dns.query
import pytest

from mailpath.core.dns.sources import Answer, LiveSource, Nameserver, Outcome
from tests.support import nsd as nsd_module
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


def test_every_zone_answers_with_authority_once_started(
    nsd_server: Callable[..., NsdServer],
) -> None:
    zones = {
        f"z{i}.example": zone_text(f"z{i}.example", [("@", "A", "192.0.2.1")]) for i in range(30)
    }
    nsd = nsd_server(zones)
    for origin in zones:
        query = dns.message.make_query(origin + ".", "SOA")
        reply = dns.query.udp(query, "127.0.0.1", port=nsd.port, timeout=2)
        assert reply.flags & dns.flags.AA, origin
        assert reply.answer, origin


def test_a_zone_that_never_loads_is_a_clear_error_within_the_bound(
    nsd_server: Callable[..., NsdServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first zone loads, the second does not (a bad MX preference): NSD answers for the
    first, but a test using the second would read SERVFAIL as a lookup error. Starting fails,
    naming the zone, within START_TIMEOUT."""
    monkeypatch.setattr(nsd_module, "START_TIMEOUT", 1.5)
    zones = {
        "good.example": zone_text("good.example", [("@", "A", "192.0.2.1")]),
        "broken.example": zone_text("broken.example", [("@", "MX", "ten mx.broken.example.")]),
    }
    started = time.monotonic()
    with pytest.raises(RuntimeError) as error:
        nsd_server(zones)
    assert time.monotonic() - started < 10
    message = str(error.value)
    assert "1 of 2 zones" in message
    assert "broken.example: SERVFAIL" in message
    assert "good.example:" not in message
