"""The delivery-route analysis: who sends, who receives, and what each receiving server sees.

`analyze()` starts every independent lookup at once (recipient MX and its addresses, the
sending host's addresses, per-address SPF and reverse DNS, the SPF audit, DMARC); all of them go
through one `CachingSource`, so the time on the network is the longest chain of dependent
lookups and no question is asked twice. Each finished lookup emits a `Progress` with a partial
`Result`, which the GUI draws as it arrives.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from mailpath.core.auth.dkim import parse_selector
from mailpath.core.auth.spf import (
    SpfResult,
    check_host,
)
from mailpath.core.dns.sources import Answer, CachingSource, DnsSource, Outcome
from mailpath.core.gather import Gather, State, Tracker, mx_names
from mailpath.core.judgement.bimi_findings import bimi_result_findings
from mailpath.core.judgement.blocklist_findings import blocklist_findings
from mailpath.core.judgement.consequences import judge_findings
from mailpath.core.judgement.findings import build_findings, missing_domains
from mailpath.core.message.check import MessageInput, Verified, evaluate, spf_identity, verify
from mailpath.core.model import (
    Finding,
    Inputs,
    Result,
)
from mailpath.core.names import (
    Party,
    SendingHost,
    is_ip_address,
    parse_party,
    parse_sending_host,
)
from mailpath.core.transport import (
    TransportOptions,
)
from mailpath.core.transport.findings import transport_findings


@dataclass(frozen=True)
class Progress:
    """Emitted each time a lookup finishes: counts and the partial result so far."""

    done: int
    pending: int
    result: Result


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


def _initial_state(
    sender: Party,
    recipient: Party,
    via: SendingHost | None,
    started_at: str | None,
    blocklists: Sequence[str] | None,
    message: MessageInput | None,
) -> State:
    """The analysis's state before any question: the inputs as read, and for a received
    message the identity SPF checks (its MAIL FROM, or for a null sender its HELO)."""
    inputs = Inputs(
        sender=sender.address if sender.local else sender.domain.ascii,
        recipient=recipient.address if recipient.local else recipient.domain.ascii,
        via=via.label if via else None,
        notes=input_notes(sender, recipient, via),
    )
    state = State(
        inputs=inputs,
        sender=sender,
        recipient=recipient,
        started_at=started_at or datetime.now(UTC).isoformat(timespec="seconds"),
        blocklist_zones=None if blocklists is None else tuple(blocklists),
    )
    if message is not None:
        mail_from, mail_from_domain = spf_identity(message.parsed)
        handover = message.parsed.handover
        if mail_from_domain:
            state.spf_domain, state.spf_sender = mail_from_domain, mail_from
        elif handover is not None and handover.host and not is_ip_address(handover.host):
            # A null sender: SPF checks the HELO identity (RFC 7208 2.4).
            state.spf_domain = handover.host
            state.spf_sender = f"postmaster@{handover.host}"
    return state


async def _conclude(
    tracker: Tracker, state: State, message: MessageInput | None, verified: list[Verified]
) -> tuple[Result, tuple[Finding, ...]]:
    """After every lookup: SPF's alignment for DMARC, the message's DMARC result, and the
    findings, their fixes checked against the same DNS and judged by the receiver model."""
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
    built += bimi_result_findings(partial.bimi)
    findings = await verify_fixes(tracker, partial, built)
    if "recipient" not in missing_domains(partial) and (
        partial.mx is None or partial.mx.kind != "null"
    ):
        # A recipient that does not exist or takes no mail (null MX) has no transport to fix.
        findings = (*findings, *transport_findings(partial.transport, mx_names(partial)))
    # The receiver model gives each finding its consequence and judges each fix.
    findings = judge_findings(replace(partial, complete=True), findings)
    return partial, findings


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
    bimi: str = "fetch",
) -> Result:
    """Resolve the whole route. Raises InputError for bad input; DNS trouble is a result.

    With a received `message`, SPF is checked for its MAIL FROM (as the receiver did), its
    DKIM signatures and ARC chain are verified, and DMARC is evaluated for it. Each of
    `dkim_selectors` has its key at SELECTOR._domainkey.SENDER checked. Each DNS blocklist
    zone of `blocklists` (opt-in; `core.dns.blocklist`) is asked about every sending address, or
    for a domain list the sender domain and the sending host names, as they become known. The
    recipient's transport (MTA-STS, TLS-RPT, DNSSEC, DANE) is checked with `transport`'s
    options; the sender's BIMI with `bimi` "fetch" (live), "records" (a replay) or "off"."""
    sender_party, recipient_party, via_host = parse_inputs(sender, recipient, via)
    state = _initial_state(sender_party, recipient_party, via_host, started_at, blocklists, message)
    cache = source if isinstance(source, CachingSource) else CachingSource(source)
    selectors = [parse_selector(sel) for sel in dkim_selectors]
    t0 = time.monotonic()
    over = False  # once the result is final, no lookup reports progress any more

    def changed() -> None:
        if on_progress is not None and not over:
            on_progress(Progress(tracker.done, tracker.pending, state.snapshot()))

    tracker = Tracker(cache, changed)
    run = Gather(tracker, state, changed)
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
            run.bimi(message, bimi, transport.ca_file if transport else None),
            verify_message(),
        )
    except asyncio.CancelledError:
        # Cancel means at once: questions fetched ahead for nobody stop too.
        cache.cancel_pending()
        raise
    partial, findings = await _conclude(tracker, state, message, verified)
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
