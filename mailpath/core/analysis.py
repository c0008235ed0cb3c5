"""The delivery-route analysis: who sends, who receives, and what each receiving server sees.

`analyze()` starts every independent lookup at once (recipient MX and its addresses, the
sending host's addresses, per-address SPF and reverse DNS, the SPF audit, DMARC); all of them go
through one `CachingSource`, so the time on the network is the longest chain of dependent
lookups and no question is asked twice. Each finished lookup emits a `Progress` with a partial
`Result`, which the GUI draws as it arrives.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import dns.reversename as reversename

from mailpath.core.auth.dkim import DkimKey, check_dkim_key, parse_selector
from mailpath.core.auth.dmarc import lookup_dmarc
from mailpath.core.auth.spf import (
    MAX_PTR_NAMES,
    SpfAudit,
    SpfOutcome,
    SpfResult,
    audit,
    check_host,
)
from mailpath.core.dns.blocklist import BlocklistAnswer, check_blocklists, ordered
from mailpath.core.dns.sources import Answer, CachingSource, DnsSource, Outcome
from mailpath.core.judgement.blocklist_findings import blocklist_findings
from mailpath.core.judgement.consequences import judge_findings
from mailpath.core.judgement.findings import build_findings, missing_domains
from mailpath.core.message.check import MessageInput, Verified, evaluate, spf_identity, verify
from mailpath.core.model import (
    DmarcInfo,
    Finding,
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
    parse_party,
    parse_sending_host,
)
from mailpath.core.transport import TransportInfo, TransportOptions, check_transport
from mailpath.core.transport.findings import transport_findings


@dataclass(frozen=True)
class Progress:
    """Emitted each time a lookup finishes: counts and the partial result so far."""

    done: int
    pending: int
    result: Result


lookup_status = LookupStatus.of


class _Tracker:
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
class _State:
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
            blocklists=(
                None
                if self.blocklist_zones is None
                else ordered(self.blocklists, self.blocklist_zones)
            ),
            **extra,
        )


def parse_inputs(
    sender: str, recipient: str, via: str | None
) -> tuple[Party, Party, SendingHost | None]:
    """Normalize once; raises InputError with a reason naming the field."""
    sender_party = parse_party(sender, "sender")
    recipient_party = parse_party(recipient, "recipient")
    via_host = parse_sending_host(via) if via and via.strip() else None
    return sender_party, recipient_party, via_host


def input_notes(sender: Party, recipient: Party, via: SendingHost | None) -> tuple[str, ...]:
    """The notes normalization left on the inputs ("the sender ... was read as ...")."""
    return tuple(n for n in (sender.note, recipient.note, via.note if via else None) if n)


async def analyze(
    source: DnsSource,
    sender: str,
    recipient: str,
    via: str | None = None,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    started_at: str | None = None,
    message: MessageInput | None = None,
    dkim_selectors: Sequence[str] = (),
    transport: TransportOptions | None = None,
    blocklists: Sequence[str] | None = None,
) -> Result:
    """Resolve the whole route. Raises InputError for bad input; DNS trouble is a result.

    With a received `message`, SPF is checked for its MAIL FROM (as the receiver did), its
    DKIM signatures and ARC chain are verified, and DMARC is evaluated for it. Each of
    `dkim_selectors` has its key at SELECTOR._domainkey.SENDER checked. Each DNS blocklist
    zone of `blocklists` (opt-in; `core.dns.blocklist`) is asked about every sending address, or
    for a domain list the sender domain and the sending host names, as they become known. The
    recipient's transport (MTA-STS, TLS-RPT, DNSSEC, DANE) is checked with `transport`'s
    options."""
    sender_party, recipient_party, via_host = parse_inputs(sender, recipient, via)
    inputs = Inputs(
        sender=sender_party.address if sender_party.local else sender_party.domain.ascii,
        recipient=(
            recipient_party.address if recipient_party.local else recipient_party.domain.ascii
        ),
        via=via_host.label if via_host else None,
        notes=input_notes(sender_party, recipient_party, via_host),
    )
    cache = source if isinstance(source, CachingSource) else CachingSource(source)
    state = _State(
        inputs=inputs,
        sender=sender_party,
        recipient=recipient_party,
        started_at=started_at or datetime.now(UTC).isoformat(timespec="seconds"),
        blocklist_zones=None if blocklists is None else tuple(blocklists),
    )
    selectors = [parse_selector(sel) for sel in dkim_selectors]
    if message is not None:
        mail_from, mail_from_domain = spf_identity(message.parsed)
        handover = message.parsed.handover
        if mail_from_domain:
            state.spf_domain, state.spf_sender = mail_from_domain, mail_from
        elif handover is not None and handover.host and not is_ip_address(handover.host):
            # A null sender: SPF checks the HELO identity (RFC 7208 2.4).
            state.spf_domain = handover.host
            state.spf_sender = f"postmaster@{handover.host}"
    t0 = time.monotonic()
    over = False  # once the result is final, no lookup reports progress any more

    def changed() -> None:
        if on_progress is not None and not over:
            on_progress(Progress(tracker.done, tracker.pending, state.snapshot()))

    tracker = _Tracker(cache, changed)
    run = _Run(tracker, state, changed)
    mx_known = asyncio.Event()

    verified: list[Verified] = []

    async def verify_message() -> None:
        if message is not None:
            verified.append(await verify(tracker, message))

    try:
        await asyncio.gather(
            run.recipient_mx(mx_known),
            run.transport(mx_known, transport),
            run.sending_hosts(via_host),
            run.spf_audit(),
            run.dmarc(),
            run.dkim_keys(selectors),
            run.blocklist([], [sender_party.domain.ascii]),
            verify_message(),
        )
    except asyncio.CancelledError:
        # Cancel means at once: questions fetched ahead for nobody stop too.
        cache.cancel_pending()
        raise
    if state.dmarc is not None and state.hosts:
        # MAIL FROM is in the sender's domain, so an SPF pass aligns with a From header there.
        spf_results = [a.spf.result for h in state.hosts.values() for a in h.addresses if a.spf]
        state.dmarc = replace(
            state.dmarc,
            spf_aligned=SpfResult.PASS in spf_results if spf_results else None,
        )
    partial = state.snapshot()
    if message is not None:
        info = await evaluate(
            tracker,
            message,
            verified[0],
            dmarc=state.dmarc,
            hosts=partial.sending_hosts or (),
            mx=state.mx,
            recipient=state.recipient.domain.ascii,
        )
        partial = replace(partial, message=info)
    built = (*build_findings(partial), *blocklist_findings(partial.blocklists))
    findings = await verify_fixes(tracker, partial, built)
    if "recipient" not in missing_domains(partial) and (
        partial.mx is None or partial.mx.kind != "null"
    ):
        # A recipient that does not exist or takes no mail (null MX) has no transport to fix.
        findings = (*findings, *transport_findings(partial.transport, _mx_names(partial)))
    # The receiver model gives each finding its consequence and judges each fix.
    findings = judge_findings(replace(partial, complete=True), findings)
    result = replace(
        partial,
        findings=findings,
        complete=True,
        elapsed=time.monotonic() - t0,
        queries=len(cache.asked),
    )
    # Questions fetched ahead that nobody needed (an SPF term after the one that matched)
    # stop now, silently, before the final result goes out: nothing may follow it.
    over = True
    await cache.aclose()
    if on_progress is not None:
        on_progress(Progress(tracker.done, tracker.pending, result))
    return result


class _Run:
    def __init__(self, dns: _Tracker, state: _State, changed: Callable[[], None]) -> None:
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
            return _mx_names(self.state.snapshot())

        domain = self.state.recipient.domain.ascii
        self.state.transport = await check_transport(self.dns, domain, mx_hosts, options)
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


class _WithRecord:
    """The same DNS, except that `domain` publishes `record` as its only TXT record."""

    def __init__(self, inner: DnsSource, domain: str, record: str) -> None:
        self.inner = inner
        self.domain = domain
        self.record = record

    async def query(self, name: str, rdtype: str) -> Answer:
        if rdtype.upper() == "TXT" and name.rstrip(".").lower() == self.domain:
            data = self.record.encode("utf-8")
            strings = tuple(data[i : i + 255] for i in range(0, len(data), 255))
            return Answer(self.domain, "TXT", Outcome.OK, records=(strings,))
        return await self.inner.query(name, rdtype)


async def verify_fixes(
    source: DnsSource, result: Result, findings: tuple[Finding, ...]
) -> tuple[Finding, ...]:
    """Evaluate each suggested SPF record against the same DNS, as a receiver would."""
    sender = result.sender_domain.ascii

    async def verify(finding: Finding) -> Finding:
        if finding.record is None:
            return finding
        overlay = _WithRecord(source, sender, finding.record)
        addresses = [
            (host.host, a.address) for host in result.sending_hosts or () for a in host.addresses
        ]
        outcomes = await asyncio.gather(
            *(
                check_host(
                    overlay,
                    ip,
                    sender,
                    f"postmaster@{sender}",
                    "" if is_ip_address(host) else host,
                )
                for host, ip in addresses
            )
        )
        verified = tuple(
            f"{ip} {o.result.value}" for (_, ip), o in zip(addresses, outcomes, strict=True)
        )
        return replace(finding, verified=verified)

    return tuple(await asyncio.gather(*(verify(f) for f in findings)))


def _mx_names(result: Result) -> list[str]:
    """The recipient's MX host names (not address literals), in preference order."""
    if result.mx is None:
        return []
    return [h.host for h in result.mx.hosts if not h.ip_literal]


def _is_name(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return True
    return False


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
