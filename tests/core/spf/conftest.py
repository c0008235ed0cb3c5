"""Helpers for SPF tests: run a check against a loopback server's zone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mailpath.core.auth.spf import SpfAudit, SpfOutcome, audit, check_spf
from mailpath.core.dns.sources import CachingSource, LiveSource, Nameserver
from tests.support.dnsserver import DnsTestServer


@pytest.fixture(scope="module")
def spf_server() -> Iterator[DnsTestServer]:
    """One loopback server per module; tests swap `.zone` (and reset latency etc.)."""
    with DnsTestServer({}) as server:
        yield server


def live(server: DnsTestServer, timeout: float = 0.5, budget: float = 10.0) -> LiveSource:
    return LiveSource([Nameserver("127.0.0.1", server.port)], timeout=timeout, budget=budget)


Runner = Callable[..., SpfOutcome]


@pytest.fixture
def run_spf(spf_server: DnsTestServer) -> Iterator[Runner]:
    def run(
        zone: dict[str, Any],
        ip: str,
        identity: str,
        helo: str = "mail.example.com",
        *,
        cache: list[CachingSource] | None = None,
        timeout: float = 0.5,
        budget: float = 10.0,
        **kw: Any,
    ) -> SpfOutcome:
        spf_server.zone = zone
        spf_server.queries.clear()

        async def go() -> SpfOutcome:
            source = CachingSource(live(spf_server, timeout, budget))
            if cache is not None:
                cache.append(source)
            outcome = await check_spf(source, ip, identity, helo, **kw)
            # Every question started, prefetches included, has ended (answered or timed
            # out), so the server has seen all it will ever be asked.
            while pending := [s.task for s in source._shared.values() if not s.task.done()]:
                await asyncio.gather(*pending, return_exceptions=True)
            return outcome

        return asyncio.run(go())

    yield run
    spf_server.latency = 0.0
    spf_server.silent = False
    spf_server.servfail = set()
    spf_server.refused = set()
    spf_server.truncate_udp = False


@pytest.fixture
def run_audit(spf_server: DnsTestServer) -> Iterator[Callable[..., SpfAudit]]:
    def run(zone: dict[str, Any], domain: str) -> SpfAudit:
        spf_server.zone = zone
        spf_server.queries.clear()
        return asyncio.run(audit(live(spf_server), domain))

    yield run
