"""The lookups of one analysis: each independent question starts at once, through one
cache, and fills the shared state a partial `Result` is drawn from (`analysis.analyze`
runs them; `Gather` is what it gathers with).
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import dns.reversename as reversename

from mailpath.core.auth.bimi import bimi_for_sender
from mailpath.core.auth.bimi_report import BimiReport
from mailpath.core.auth.dkim import DkimKey, check_dkim_key
from mailpath.core.auth.dmarc import lookup_dmarc
from mailpath.core.auth.spf import (
    MAX_PTR_NAMES,
    SpfAudit,
    SpfOutcome,
    audit,
    check_host,
)
from mailpath.core.dns.blocklist import BlocklistAnswer, check_blocklists, ordered
from mailpath.core.dns.sources import Answer, CachingSource, DnsSource, Outcome, deadline_of
from mailpath.core.message.check import MessageInput
from mailpath.core.model import (
    DmarcInfo,
    Inputs,
    LookupStatus,
    MxHost,
    MxInfo,
    MxKind,
    Result,
    SendingAddress,
    SendingHostInfo,
)
from mailpath.core.names import (
    Party,
    SendingHost,
    is_ip_address,
)
from mailpath.core.transport import (
    TransportInfo,
    TransportOptions,
    check_transport,
    probe_transport,
)

lookup_status = LookupStatus.of


def mx_names(result: Result) -> list[str]:
    """The recipient's MX host names (not address literals), in preference order."""
    if result.mx is None:
        return []
    return [h.host for h in result.mx.hosts if not h.ip_literal]


class Tracker:
    """A DnsSource front that counts lookups done and pending and reports each one."""

    def __init__(self, inner: CachingSource, changed: Callable[[], None]) -> None:
        self.inner = inner
        self.done = 0
        self.pending = 0
        self._changed = changed

    async def query(self, name: str, rdtype: str) -> Answer:
        self.pending += 1
        try:
            return await self.inner.query(name, rdtype)
        finally:
            self.pending -= 1
            self.done += 1
            self._changed()

    def prefetch(self, name: str, rdtype: str) -> None:
        self.inner.prefetch(name, rdtype)


@dataclass
class State:
    """What is known so far; `snapshot()` freezes it into a Result."""

    inputs: Inputs
    sender: Party
    recipient: Party
    started_at: str
    mx: MxInfo | None = None
    sender_mx: MxInfo | None = None
    hosts: dict[str, SendingHostInfo] | None = None
    spf_audit: SpfAudit | None = None
    dmarc: DmarcInfo | None = None
    notes: tuple[str, ...] = ()
    dkim_keys: tuple[DkimKey, ...] = ()
    #: SPF's identity when a received message says it (MAIL FROM, or HELO for `<>`).
    spf_domain: str | None = None
    spf_sender: str | None = None
    transport: TransportInfo | None = None
    #: The blocklist zones asked (None: none asked) and their answers so far.
    blocklist_zones: tuple[str, ...] | None = None
    blocklists: list[BlocklistAnswer] = field(default_factory=list)
    bimi: BimiReport | None = None

    def snapshot(self, **extra: Any) -> Result:  # Any: Result fields, as replace() takes them
        return Result(
            inputs=self.inputs,
            sender_domain=self.sender.domain,
            recipient_domain=self.recipient.domain,
            recipient_local=self.recipient.local,
            mx=self.mx,
            sender_mx=self.sender_mx,
            sending_hosts=None if self.hosts is None else tuple(self.hosts.values()),
            spf_audit=self.spf_audit,
            dmarc=self.dmarc,
            started_at=self.started_at,
            notes=self.notes,
            dkim_keys=self.dkim_keys,
            transport=self.transport,
            bimi=self.bimi,
            blocklists=(
                None
                if self.blocklist_zones is None
                else ordered(self.blocklists, self.blocklist_zones)
            ),
            **extra,
        )


class Gather:
    def __init__(self, dns: Tracker, state: State, changed: Callable[[], None]) -> None:
        self.dns = dns
        self.state = state
        self.changed = changed

    # ------------------------------------------------------------ recipient

    async def recipient_mx(self, known: asyncio.Event | None = None) -> None:
        try:
            self.state.mx = await resolve_mx(self.dns, self.state.recipient.domain.ascii)
        finally:
            if known is not None:
                known.set()
        self.changed()

    # ------------------------------------------------------------ sending side

    async def transport(self, mx_known: asyncio.Event, options: TransportOptions | None) -> None:
        """Starts with the first round of questions; the per-MX part waits for the MX names."""

        async def mx_hosts() -> list[str]:
            await mx_known.wait()
            return mx_names(self.state.snapshot())

        domain = self.state.recipient.domain.ascii
        info = await check_transport(self.dns, domain, mx_hosts, options)
        deadline = deadline_of(self.dns)
        if options is not None and options.probe_smtp and info.checked and deadline is not None:
            self.state.transport = info
            self.changed()
            await mx_known.wait()
            mx = self.state.mx
            pairs = [
                (h.host, a)
                for h in (mx.hosts if mx else ())
                if not h.ip_literal
                for a in h.addresses
            ]
            info = await probe_transport(info, pairs, options, deadline.remaining)
        self.state.transport = info
        self.changed()

    async def sending_hosts(self, via: SendingHost | None) -> None:
        sender_domain = self.state.sender.domain.ascii
        if via is not None and via.address is not None:
            host = SendingHostInfo(host=str(via.address), assumed=False)
            self.state.hosts = {host.host: host}
            await self._host_addresses(host, [str(via.address)])
            return
        if via is not None and via.name is not None:
            names = [(via.name.ascii, False)]
        else:
            sender_mx = await resolve_mx(self.dns, sender_domain)
            self.state.sender_mx = sender_mx
            names = [(h.host, True) for h in sender_mx.hosts]
            if names:
                note = (
                    f"No sending host was given: {sender_domain}'s own MX hosts are assumed "
                    "to send its mail."
                )
            elif sender_mx.kind == "error" and sender_mx.lookup is not None:
                note = (
                    f"No sending host was given and the MX lookup for {sender_domain} "
                    f"{Outcome(sender_mx.lookup.outcome).describe()}: no host to assume."
                )
            else:
                note = f"No sending host was given and {sender_domain} has no MX host to assume."
            self.state.notes = (*self.state.notes, note)
        self.state.hosts = {n: SendingHostInfo(host=n, assumed=a) for n, a in names}
        self.changed()
        await asyncio.gather(*(self._resolve_host(n) for n, _ in names))

    async def _resolve_host(self, name: str) -> None:
        a, aaaa = await asyncio.gather(self.dns.query(name, "A"), self.dns.query(name, "AAAA"))
        lookups = (lookup_status(a), lookup_status(aaaa))
        addresses = [str(x) for x in (*a.records, *aaaa.records)]
        error = None
        if not addresses:
            bad = [x for x in (a, aaaa) if x.outcome.is_error]
            if bad:
                error = f"{name}: address lookup {bad[0].outcome.describe()}"
            elif a.outcome is Outcome.NXDOMAIN:
                error = f"{name} does not exist (NXDOMAIN)"
            else:
                error = f"{name} has no A or AAAA record"
        assert self.state.hosts is not None
        host = replace(self.state.hosts[name], lookups=lookups, error=error)
        self.state.hosts[name] = host
        self.changed()
        await self._host_addresses(host, addresses)

    async def _host_addresses(self, host: SendingHostInfo, addresses: list[str]) -> None:
        ordered = sorted(set(addresses), key=_address_key)
        assert self.state.hosts is not None
        self.state.hosts[host.host] = replace(
            self.state.hosts[host.host],
            addresses=tuple(
                SendingAddress(address=ip, family=ipaddress.ip_address(ip).version)
                for ip in ordered
            ),
        )
        self.changed()
        named = [] if is_ip_address(host.host) else [host.host]
        await asyncio.gather(
            self.blocklist(ordered, named), *(self._address(host.host, ip) for ip in ordered)
        )

    def _update_address(self, host: str, ip: str, **changes: Any) -> None:  # Any: replace() fields
        assert self.state.hosts is not None
        info = self.state.hosts[host]
        self.state.hosts[host] = replace(
            info,
            addresses=tuple(
                replace(a, **changes) if a.address == ip else a for a in info.addresses
            ),
        )
        self.changed()

    async def _address(self, host: str, ip: str) -> None:
        async def spf() -> None:
            outcome = await self.spf_for(ip, host)
            self._update_address(host, ip, spf=outcome)

        async def reverse() -> None:
            ptr, names, fcrdns = await reverse_dns(self.dns, ip)
            self._update_address(host, ip, ptr=names, ptr_lookup=ptr, fcrdns=fcrdns)

        await asyncio.gather(spf(), reverse())

    async def spf_for(self, ip: str, helo: str) -> SpfOutcome:
        sender = self.state.sender
        domain = self.state.spf_domain or sender.domain.ascii
        address = self.state.spf_sender or sender.address
        return await check_host(self.dns, ip, domain, address, "" if is_ip_address(helo) else helo)

    async def dkim_keys(self, selectors: Sequence[str]) -> None:
        if not selectors:
            return
        domain = self.state.sender.domain.ascii
        keys = await asyncio.gather(*(check_dkim_key(self.dns, s, domain) for s in selectors))
        self.state.dkim_keys = tuple(keys)
        self.changed()

    async def blocklist(self, addresses: list[str], domains: list[str]) -> None:
        zones = self.state.blocklist_zones
        if not zones:
            return
        answers = await check_blocklists(self.dns, zones, addresses, domains)
        if answers:
            self.state.blocklists.extend(answers)
            self.changed()

    async def spf_audit(self) -> None:
        self.state.spf_audit = await audit(self.dns, self.state.sender.domain.ascii)
        self.changed()

    async def dmarc(self) -> None:
        self.state.dmarc = await lookup_dmarc(self.dns, self.state.sender.domain.ascii)
        self.changed()

    async def bimi(self, message: MessageInput | None, mode: str, ca_file: str | None) -> None:
        if mode == "off":
            return
        domain, headers = self.state.sender.domain.ascii, message.parsed.headers if message else ()
        dmarc = lookup_dmarc(self.dns, domain)  # dmarc()'s questions: the cache asks them once
        self.state.bimi = await bimi_for_sender(
            self.dns, domain, dmarc, headers=headers, fetch=mode == "fetch", ca_file=ca_file
        )
        self.changed()


def _address_key(ip: str) -> tuple[int, int]:
    addr = ipaddress.ip_address(ip)
    return (addr.version, int(addr))


async def resolve_mx(dns: DnsSource, domain: str) -> MxInfo:
    """MX in delivery order, with every exchange's addresses (RFC 5321 5.1, RFC 7505)."""
    answer = await dns.query(domain, "MX")
    status = lookup_status(answer)
    if answer.outcome.is_error:
        return MxInfo(
            kind=MxKind.ERROR,
            lookup=status,
            error=f"the MX lookup for {domain}: {answer.outcome.describe()}"
            + (f" ({answer.detail})" if answer.detail else ""),
        )
    if answer.ok:
        records = sorted(answer.records, key=lambda r: (r[0], r[1]))
        dots = tuple(pref for pref, name in records if name in (".", ""))
        real = [(pref, name) for pref, name in records if name not in (".", "")]
        if dots == (0,) and not real:
            return MxInfo(kind=MxKind.NULL, lookup=status)  # RFC 7505: exactly "0 ."
        if not real:
            return MxInfo(
                kind=MxKind.ERROR,
                lookup=status,
                stray_null=dots,
                error=f'the MX record of {domain} "{dots[0]} ." is not a null MX (RFC 7505 '
                "needs preference 0) and names no host",
            )
        hosts = await asyncio.gather(*(_mx_host(dns, pref, name) for pref, name in real))
        return MxInfo(kind=MxKind.EXPLICIT, hosts=tuple(hosts), lookup=status, stray_null=dots)
    # No MX: the domain itself is the implicit MX if it has an address (RFC 5321 5.1).
    implicit = await _mx_host(dns, 0, domain)
    if implicit.addresses:
        return MxInfo(kind=MxKind.IMPLICIT, hosts=(implicit,), lookup=status)
    failed = [s for s in implicit.address_lookups if s.outcome not in ("ok", "nxdomain", "nodata")]
    if failed:
        return MxInfo(
            kind=MxKind.ERROR,
            lookup=status,
            implicit_lookups=implicit.address_lookups,
            error=f"{domain} has no MX record and its address lookup failed: {failed[0].outcome}",
        )
    return MxInfo(kind=MxKind.NONE, lookup=status)


async def _mx_host(dns: DnsSource, preference: int, name: str) -> MxHost:
    if is_ip_address(name):
        return MxHost(preference, name, ip_literal=True)
    a, aaaa = await asyncio.gather(dns.query(name, "A"), dns.query(name, "AAAA"))
    addresses = tuple(sorted({str(x) for x in (*a.records, *aaaa.records)}, key=_address_key))
    canonical = a.canonical or aaaa.canonical
    return MxHost(
        preference,
        name,
        addresses=addresses,
        address_lookups=(lookup_status(a), lookup_status(aaaa)),
        cname=canonical,
    )


async def reverse_dns(dns: DnsSource, ip: str) -> tuple[LookupStatus, tuple[str, ...], bool | None]:
    """PTR names of an address and whether forward-confirmed reverse DNS holds."""
    rev = reversename.from_address(ip).to_text(omit_final_dot=True)
    answer = await dns.query(rev, "PTR")
    names = tuple(str(n) for n in answer.records[:MAX_PTR_NAMES])
    if not names:
        return lookup_status(answer), (), (None if answer.outcome.is_error else False)
    rdtype = "AAAA" if ":" in ip else "A"
    forwards = await asyncio.gather(*(dns.query(n, rdtype) for n in names))
    wanted = ipaddress.ip_address(ip)
    confirmed = any(
        ipaddress.ip_address(str(rec)) == wanted for fwd in forwards for rec in fwd.records
    )
    if not confirmed and any(f.outcome.is_error for f in forwards):
        return lookup_status(answer), names, None
    return lookup_status(answer), names, confirmed
