"""A received message, re-checked as its receiver did: DKIM, ARC, DMARC, the receiver's own
Authentication-Results, and where the real path leaves the predicted one.

The analysis (`analysis.analyze(..., message=MessageInput(...))`) takes the sender, the
recipient and the handover address from the message (`message_parties`), verifies DKIM and ARC
while the route resolves (`verify`), and, once SPF and DMARC are known, joins them
(`evaluate`) into the `MessageInfo` the Result carries. Every DNS question goes through the
analysis's one source.

The body is needed only to verify DKIM body hashes, in memory. A saved analysis keeps the
header block and the DKIM/ARC results (`MessageInput.saved_dkim`), never the body, so a replay
shows the results as they were verified when the analysis was made.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from mailpath.core.auth.arc import verify_arc
from mailpath.core.auth.authresults import AuthResultsHeader, auth_results_to_json
from mailpath.core.auth.dkim import (
    ArcResult,
    DkimSignature,
    arc_result_to_json,
    dkim_signature_to_json,
)
from mailpath.core.auth.dkim_verify import verify_dkim
from mailpath.core.auth.dmarc import DmarcResult, aligned, evaluate_dmarc, org_domains_for
from mailpath.core.auth.spf import SpfOutcome
from mailpath.core.dns.sources import DnsSource, deadline_of
from mailpath.core.jsontypes import JsonObject
from mailpath.core.message.parse import (
    MessageError,
    ParsedMessage,
    handover_to_json,
    handover_via,
    receiver_domains,
    registrable_domain,
    submission_to_json,
)
from mailpath.core.message.received import hop_to_json
from mailpath.core.model import DmarcInfo, MessageInfo, MxInfo, SendingHostInfo

__all__ = [
    "DifferenceCause",
    "MessageInput",
    "difference_cause",
    "differences",
    "evaluate",
    "forwarder_hops",
    "message_parties",
    "message_to_json",
    "unexpected_hops",
    "verify",
]


@dataclass(frozen=True)
class MessageInput:
    """A message to analyse. `saved_dkim`/`saved_arc` come from a saved analysis (whose body
    was never stored): given, they are shown as recorded instead of verified again."""

    parsed: ParsedMessage
    saved_dkim: tuple[DkimSignature, ...] | None = None
    saved_arc: ArcResult | None = None


def message_parties(
    parsed: ParsedMessage,
    sender: str | None = None,
    recipient: str | None = None,
    via: str | None = None,
) -> tuple[str, str, str | None]:
    """Sender, recipient and via for the analysis: what the caller gave overrides what the
    message says. Raises MessageError naming what the message lacks."""
    sender = sender or parsed.from_address or parsed.from_domain
    if not sender:
        raise MessageError("message/no-sender")
    recipient = recipient or parsed.recipient_domain
    if not recipient:
        raise MessageError("message/no-recipient")
    if via is None:
        # Only a usable name or the recorded address: a name the message gives that is no
        # host name (``xcar``, ``localhost``, garbage) leaves the sending host unknown, with
        # the finding ``sending-host-unknown/message``, instead of ending the run.
        via = handover_via(parsed.handover)
    return sender, recipient, via


def spf_identity(parsed: ParsedMessage) -> tuple[str | None, str | None]:
    """(MAIL FROM address, its domain) the receiver checked SPF for; (None, None) for `<>`."""
    if parsed.mail_from_domain:
        return parsed.mail_from, parsed.mail_from_domain
    return None, None


@dataclass(frozen=True)
class Verified:
    dkim: tuple[DkimSignature, ...]
    arc: ArcResult | None
    recorded: bool  # taken from a saved analysis


async def verify(source: DnsSource, message: MessageInput) -> Verified:
    """DKIM signatures and the ARC chain, through `source` (or as saved)."""
    if message.saved_dkim is not None:
        return Verified(message.saved_dkim, message.saved_arc, recorded=True)
    parsed = message.parsed
    if not parsed.dkim_signatures and not parsed.has_arc:
        return Verified((), None, recorded=False)
    # DKIM and ARC are CPU work in dkimpy: they stop at the analysis's own deadline.
    deadline = deadline_of(source)
    dkim, arc = await asyncio.gather(
        verify_dkim(source, parsed.raw, parsed.from_domain, deadline=deadline),
        verify_arc(source, parsed.raw, deadline=deadline) if parsed.has_arc else _no_arc(),
    )
    return Verified(dkim, arc, recorded=False)


async def _no_arc() -> ArcResult | None:
    return None


def _handover_spf(
    hosts: Iterable[SendingHostInfo], address: str | None
) -> tuple[str | None, SpfOutcome | None]:
    """The handover address and its SPF outcome (the analysis checks it for MAIL FROM)."""
    for host in hosts:
        for addr in host.addresses:
            if address is None or addr.address == address:
                return addr.address, addr.spf
    return address, None


async def evaluate(
    source: DnsSource,
    message: MessageInput,
    verified: Verified,
    *,
    dmarc: DmarcInfo | None,
    hosts: Sequence[SendingHostInfo],
    mx: MxInfo | None,
    recipient: str,
) -> MessageInfo:
    """Join DKIM, the handover's SPF and the From domain's DMARC record into DMARC's result,
    and set the receiver's recorded results beside it."""
    parsed = message.parsed
    from_domain = parsed.from_domain
    mail_from, mail_from_domain = spf_identity(parsed)
    handover_address = parsed.handover.address if parsed.handover else None
    address, spf = _handover_spf(hosts, handover_address)

    dkim = verified.dkim
    dmarc_result: DmarcResult | None = None
    if from_domain and dmarc is not None:
        names = [from_domain, *(s.domain for s in dkim if s.domain)]
        if mail_from_domain:
            names.append(mail_from_domain)
        orgs = await org_domains_for(source, sorted(set(names)))

        def org_of(name: str) -> str:
            return orgs.get(name, name)

        dkim = tuple(
            replace(
                s, aligned=bool(s.domain) and aligned(s.domain, from_domain, dmarc.adkim, org_of)
            )
            for s in dkim
        )
        dmarc_result = evaluate_dmarc(
            dmarc,
            from_domain,
            spf.result.value if spf is not None else None,
            mail_from_domain,
            [(s.domain, s.result) for s in dkim if s.domain],
            org_domains=orgs,
        )
    receivers = _receiver_names(recipient, mx)
    return MessageInfo(
        parsed=parsed,
        dkim=dkim,
        arc=verified.arc,
        dkim_recorded=verified.recorded,
        spf=spf,
        spf_address=address,
        mail_from=mail_from,
        dmarc_result=dmarc_result,
        receiver_results=receiving_results(parsed, receivers),
        unexpected_hops=unexpected_hops(parsed),
    )


def _receiver_names(recipient: str, mx: MxInfo | None) -> set[str]:
    names = {recipient}
    for host in mx.hosts if mx is not None else ():
        org = registrable_domain(host.host)
        if org:
            names.add(org)
    if "gmail.com" in names or "google.com" in names:
        names |= {"mx.google.com", "google.com"}
    return names


def _org(name: str | None) -> str | None:
    return registrable_domain(name) if name else None


def unexpected_hops(parsed: ParsedMessage) -> tuple[int, ...]:
    """Hops on the sending side run by an organization the predicted route does not have: a
    relay, a forwarder or a mailing list between the sender's submission server and the
    recipient.

    Expected are the From domain's organization, the sender's submission server's
    (`ParsedMessage.submission`: a hosting provider's server is the sender's own) and, unless
    it is a forwarder, the handover host's: the sending server the route draws. Only hops after
    the submission server's own are looked at."""
    handover = parsed.handover
    if handover is None:
        return ()
    known = {_org(parsed.from_domain)}
    names: set[str] = set()
    submission = parsed.submission
    start = 0
    if submission is not None:
        known.add(_org(submission.host))
        names.add((submission.host or "").lower())
        if submission.hop is not None:
            start = submission.hop + 1
    if parsed.forwarded_by is None and handover.host:
        known.add(_org(handover.host))
        names.add(handover.host.lower())
    known.discard(None)
    out = []
    for index in range(start, handover.hop):
        hop = parsed.hops[index]
        org = _org(hop.by)
        if hop.unparsed or org is None or (hop.by or "").lower() in names:
            continue
        if org not in known:
            out.append(index)
    return tuple(out)


def forwarder_hops(parsed: ParsedMessage) -> tuple[int, ...]:
    """Hops the forwarder (`ParsedMessage.forwarded_by`) received: those before the handover
    whose ``by`` is of the forwarder's organization (its inbound server, its internal steps)."""
    forwarder = parsed.forwarded_by
    if forwarder is None:
        return ()
    org = _org(forwarder.host)
    host = (forwarder.host or "").lower()
    out = []
    for index, hop in enumerate(parsed.hops[: forwarder.hop]):
        by = (hop.by or "").lower()
        if hop.unparsed or not by:
            continue
        if by == host or (org is not None and _org(by) == org):
            out.append(index)
    return tuple(out)


# ---------------------------------------------------------------- JSON


def _result_names(info: MessageInfo) -> dict[str, str]:
    """What mailpath's re-check gives per method, as an A-R header would say it."""
    out: dict[str, str] = {}
    if info.spf is not None:
        out["spf"] = info.spf.result.value
    if info.dkim:
        results = [s.result for s in info.dkim]
        out["dkim"] = "pass" if "pass" in results else results[0]
    elif not info.parsed.dkim_signatures:
        out["dkim"] = "none"
    if info.dmarc_result is not None:
        out["dmarc"] = info.dmarc_result.result
    return out


def differences(info: MessageInfo) -> list[tuple[str, str, str]]:
    """(method, the receiver's result, mailpath's result) where they differ."""
    ours = _result_names(info)
    out = []
    seen: set[str] = set()
    for header in info.receiver_results:
        for res in header.results:
            method = res.method.lower()
            if method in seen or method not in ours:
                continue
            seen.add(method)
            theirs = res.result.lower()
            if theirs != ours[method] and not _same(method, theirs, ours[method]):
                out.append((method, theirs, ours[method]))
    return out


@dataclass(frozen=True)
class DifferenceCause:
    """Why the re-check gives another result than the receiver recorded, from the re-check's
    own outcome: ``kind`` is body-changed (the file changed since it was received; DNS did
    not), key-changed (the key at ``name`` is gone, or present and no longer matching: a key
    rotated), dns-error (a lookup failed now: try again) or expired (x= passed since)."""

    kind: str
    name: str | None = None


#: Which failure explains a difference, most telling first.
_CAUSE_OF_FAILURE = (
    ("body-changed", "body-changed"),
    ("key-missing", "key-changed"),
    ("signature-mismatch", "key-changed"),
    ("temperror", "dns-error"),
    ("expired", "expired"),
)


def difference_cause(info: MessageInfo, method: str) -> DifferenceCause | None:
    """The cause of a difference `differences` reports for `method`, or None when the
    re-check's outcome does not tell (the generic text applies)."""
    method = method.lower()
    if method == "spf":
        if info.spf is not None and info.spf.result.value == "temperror":
            return DifferenceCause("dns-error")
        return None
    if method not in ("dkim", "dmarc") or any(s.result == "pass" for s in info.dkim):
        return None
    signatures = list(info.dkim)
    if method == "dmarc":
        signatures = [s for s in signatures if s.aligned]
    # The signatures the receiver named (header.d=) when it recorded its result, if any.
    named = {
        res.properties.get("header.d", "").lower()
        for header in info.receiver_results
        for res in header.results
        if res.method.lower() == "dkim"
    }
    chosen = [s for s in signatures if s.domain.lower() in named] or signatures
    for failure, kind in _CAUSE_OF_FAILURE:
        for sig in chosen:
            if sig.failure == failure:
                name = sig.lookup.name if sig.lookup is not None else None
                if kind == "key-changed" and name is None:
                    continue
                return DifferenceCause(kind, name)
    return None


def _same(method: str, theirs: str, ours: str) -> bool:
    # Older receivers write "hardfail" for SPF's fail.
    return method == "spf" and {theirs, ours} == {"hardfail", "fail"}


def message_to_json(info: MessageInfo | None) -> JsonObject | None:
    """The `message` object of `check --json` (null without a message)."""
    if info is None:
        return None
    parsed = info.parsed
    dmarc = info.dmarc_result
    return {
        "from_domain": parsed.from_domain,
        "from_addresses": list(parsed.from_addresses),
        "from_fields": len(parsed.from_headers),
        "from_ambiguous": parsed.from_ambiguous,
        "date": parsed.date,
        "message_id": parsed.message_id,
        "mail_from_domain": parsed.mail_from_domain,
        "recipient_domain": parsed.recipient_domain,
        "hops": [hop_to_json(h) for h in parsed.hops],
        "handover": handover_to_json(parsed.handover),
        "unexpected_hops": list(info.unexpected_hops),
        "submission": submission_to_json(parsed.submission),
        "forwarded_by": handover_to_json(parsed.forwarded_by),
        "spf": (
            None
            if info.spf is None
            else {"address": info.spf_address, "result": info.spf.result.value}
        ),
        "dkim": [dkim_signature_to_json(s) for s in info.dkim],
        "dkim_recorded": info.dkim_recorded,
        "arc": arc_result_to_json(info.arc) if info.arc else {"result": "none", "instances": 0},
        "authentication_results": auth_results_to_json(info.receiver_results),
        "dmarc_result": None
        if dmarc is None
        else {
            "result": dmarc.result,
            "spf_aligned": dmarc.spf_aligned,
            "dkim_aligned": dmarc.dkim_aligned,
            "policy_domain": dmarc.policy_domain,
            "disposition": dmarc.disposition,
            "reason": dmarc.reason,
        },
        "differences": [
            {"method": m, "receiver": theirs, "mailpath": ours}
            for m, theirs, ours in differences(info)
        ],
        "headers_only": parsed.headers_only,
        "notes": list(parsed.notes),
    }


# -- the receiver's own Authentication-Results ---------------------------------------------


def _matches(authserv_id: str | None, wanted: Iterable[str], accept_missing: bool) -> bool:
    if authserv_id is None:
        return accept_missing
    for item in wanted:
        item = item.strip().rstrip(".").lower()
        if item and (authserv_id == item or authserv_id.endswith("." + item)):
            return True
    return False


def receiving_results(
    message: ParsedMessage,
    authserv_ids_or_domains: Collection[str] | None = None,
    *,
    accept_missing_id: bool = False,
) -> tuple[AuthResultsHeader, ...]:
    """The Authentication-Results the receiving side added, topmost first.

    A header counts when its authserv-id equals, or is a subdomain of, one of
    `authserv_ids_or_domains` (``"mx.google.com"`` or ``"google.com"`` for gmail.com) and it
    sits above the Received field of the hop before the handover: the receiver adds its
    results above or just below its own Received field (Gmail puts them below), while headers
    under the older hop's Received came with the message and may be forged. Without a known
    handover every matching header counts. None for `authserv_ids_or_domains` means the
    recipient domain and the receiving server's registrable domain (the handover's `by`, else
    the newest named `by`). `accept_missing_id` also takes headers with no authserv-id
    (Microsoft 365's own).
    """
    wanted = (
        list(authserv_ids_or_domains)
        if authserv_ids_or_domains is not None
        else sorted(receiver_domains(message))
    )
    limit: int | None = None
    handover = message.handover
    if handover is not None and 0 < handover.hop <= len(message.received_positions):
        limit = message.received_positions[handover.hop - 1]
    return tuple(
        header
        for header in message.authentication_results
        if (limit is None or header.position < limit)
        and _matches(header.authserv_id, wanted, accept_missing_id)
    )
