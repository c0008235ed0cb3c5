"""Where a name's zone begins and who serves it, asked over the one DNS interface: the zone cut
found name by name from the resolver (a name the resolver fails on is settled by the servers of
the zone above: a referral, or an authoritative "no cut"), the zone's NS hosts and their
addresses, and a non-recursive `LiveSource` per server (see `mailpath.core.dns.authoritative`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mailpath.core.dns.sources import Answer, DnsSource, LiveSource, Nameserver, Outcome


def _ancestors(name: str) -> list[str]:
    labels = name.strip(".").lower().split(".")
    return [".".join(labels[i:]) for i in range(len(labels)) if labels[i:]]


def _within(name: str, zone: str) -> bool:
    return zone == "." or name == zone or name.endswith("." + zone)


_NEGATIVE = (Outcome.NXDOMAIN, Outcome.NODATA)


async def find_zone(
    source: DnsSource, name: str, *, servers: Callable[[_Server], DnsSource] | None = None
) -> str | None:
    """The zone `name` is in (its closest enclosing zone cut); None when it cannot be told.

    The resolver is asked for NS name by name from `name` upward; the root is never asked.
    See `_find_cut` for how a name the resolver fails on is settled (`servers` builds the
    source that asks one server directly; default `live_servers()`)."""
    zone, _hosts = await _find_cut(source, name, servers or live_servers())
    return zone


async def _find_cut(
    resolver: DnsSource, name: str, make: Callable[[_Server], DnsSource]
) -> tuple[str | None, tuple[str, ...]]:
    """(zone, NS hosts named by the parent's referral, or () when the resolver gave them).

    Each name from `name` upward: NS records owned by the name make it the zone; a negative
    answer gives its zone by the SOA in the authority section (or, without one, says the
    name is no cut: go on upward); a CNAME is no cut either. A failed question (SERVFAIL,
    timeout, ...) tells nothing: the name is remembered, and once an enclosing zone is found
    its own servers are asked directly for that name's NS, deepest zone first. A referral
    makes the name a zone (with the servers the referral names); an authoritative answer
    without one says it is not a cut. When no server of the zone can tell, the zone is
    unknown (None): guessing the parent is exactly what a lame or dead server must not cause.
    """
    unsettled: list[str] = []
    zone: str | None = None
    for candidate in _ancestors(name):
        answer = await resolver.query(candidate, "NS")
        if answer.ok and answer.canonical is None and answer.records:
            zone = candidate
            break
        if answer.outcome in _NEGATIVE or answer.ok:
            owner = answer.soa_owner
            if answer.outcome in _NEGATIVE and owner and owner != "." and _within(candidate, owner):
                zone = owner
                unsettled = [u for u in unsettled if _within(u, owner) and u != owner]
                break
            continue
        unsettled.append(candidate)
    if zone is None:
        return None, ()
    hosts: tuple[str, ...] = ()
    for candidate in reversed(unsettled):  # the name just below the zone first
        if not _within(candidate, zone) or candidate == zone:
            continue
        servers = await _zone_servers(resolver, zone, hosts)
        verdict = await _ask_delegation(candidate, servers, make)
        if verdict is None:
            return None, ()
        if verdict:
            zone, hosts = candidate, verdict
    return zone, hosts


async def _ask_delegation(
    name: str, servers: Sequence[_Server], make: Callable[[_Server], DnsSource]
) -> tuple[str, ...] | None:
    """Ask the servers of the zone above `name` for its NS: the NS hosts of a referral to
    `name`, () when a server answers with authority that `name` is no cut, None when no
    server could tell (all failed, lame, or there were none)."""
    answers = await asyncio.gather(*(make(s).query(name, "NS") for s in servers))
    referrals = [a.referral for a in answers if a.referral is not None and a.referral[0] == name]
    if referrals:
        return min(referrals)[1]
    if any(a.authoritative and (a.ok or a.outcome in _NEGATIVE) for a in answers):
        return ()
    return None


@dataclass(frozen=True)
class _Server:
    host: str
    address: str


async def _zone_servers(
    source: DnsSource, zone: str, referral: Sequence[str] = ()
) -> list[_Server]:
    """The zone's servers: its NS hosts from the resolver (or, when it gives none, those the
    parent's referral named) and their addresses (through the resolver)."""
    ns = await source.query(zone, "NS")
    hosts = sorted({str(h).lower() for h in ns.records}) if ns.ok else []
    if not hosts:
        hosts = sorted(set(referral))
    lookups = await asyncio.gather(*(source.query(h, t) for h in hosts for t in ("A", "AAAA")))
    servers: list[_Server] = []
    for i, host in enumerate(hosts):
        for answer in lookups[2 * i : 2 * i + 2]:
            servers.extend(_Server(host, str(a)) for a in answer.records)
    return servers


def _serial(answer: Answer) -> int | None:
    if not answer.ok or not answer.records:
        return None
    parts = str(answer.records[0]).split()
    try:
        return int(parts[2])
    except (IndexError, ValueError):
        return None


def live_servers(*, port: int = 53, timeout: float = 2.0) -> Callable[[_Server], DnsSource]:
    """Each authoritative server as its own non-recursive LiveSource (`port`: for tests)."""

    def make(server: _Server) -> DnsSource:
        return LiveSource(
            [Nameserver(server.address, port)], timeout=timeout, budget=timeout * 4, recursive=False
        )

    return make
