"""The one verdict: what happens to the mail, as a pure function of the Result.

`verdict(result, down)` is the headline every renderer shows (the window, the PNG/SVG title
line, the text report and `check --json`), with its severity and the status of its marker,
and the route's markers follow it (`route.py` reads `Verdict.subject` and `Verdict.status`).

Like findings, the message is a template of `TEMPLATES` filled with `params` (names,
addresses, outcomes), so the GUI renders it in its own language.

The verdict decides nothing itself: the receiver model (`core.judgement.judge`) gives the
disposition of the mail and its basis; the verdict picks the sentence that states it, takes
its marker from the disposition and its severity from the most severe finding (never milder).
What DNS alone cannot see is said, not assumed: a verdict that depends on how the mail is
authenticated names DKIM as not checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from mailpath.core.auth.spf import SpfTrace
from mailpath.core.judgement.consequences import what_if_findings
from mailpath.core.judgement.finding import address_node, host_node, mx_node
from mailpath.core.judgement.findings import missing_domains
from mailpath.core.judgement.receiver import (
    MARKER,
    SEVERITY_RANK,
    Disposition,
    Judgement,
    disposition_severity,
    judge,
)
from mailpath.core.model import MxInfo, Result, SendingAddress, SendingHostInfo, Severity, Status
from mailpath.core.names import is_ip_address

__all__ = ["TEMPLATES", "Verdict", "verdict"]

_DKIM_CAVEAT = (
    " DKIM was not checked (give a selector or open a received message): a valid DKIM "
    "signature aligned with {sender} would still authenticate it."
)

#: Template key -> English text. The key's part before "/" is the verdict's code.
TEMPLATES: dict[str, str] = {
    "incomplete": "Still resolving…",
    "incomplete/cancelled": "The analysis was cancelled before it ended: no verdict.",
    "incomplete/no-sender": (
        "No sending server is known ({sender} has no MX host to assume): name the server "
        "that sends to get {recipient}'s verdict."
    ),
    "nxdomain/recipient": (
        "{recipient} does not exist (NXDOMAIN): check the spelling of the recipient's domain."
    ),
    "nxdomain/sender": (
        "{sender} does not exist (NXDOMAIN): check the spelling of the sender's domain; "
        "{recipient} refuses mail from a domain that does not exist."
    ),
    "nxdomain/both": (
        "Neither {sender} nor {recipient} exists (NXDOMAIN): check the spelling of both domains."
    ),
    "nxdomain/via": "The sending host {host} does not exist (NXDOMAIN): check its spelling.",
    "lookup-failed/mx": (
        "The MX lookup for {recipient} failed ({outcome}): the sending server keeps the mail "
        "queued and retries; no verdict until it answers."
    ),
    "lookup-failed/sender-mx": (
        "No sending host was given and the MX lookup for {sender} failed ({outcome}): no "
        "server to assume, so no verdict."
    ),
    "lookup-failed/via": (
        "The address lookup of the sending host {host} failed ({outcome}): no verdict."
    ),
    "lookup-failed/spf": (
        "{recipient} may defer this mail: the SPF check of {sender} for {host} failed "
        "({outcome} for {name})."
    ),
    "lookup-failed/mx-hosts": (
        "The address lookups of every MX host of {recipient} failed ({outcome}): the sending "
        "server keeps the mail queued and retries."
    ),
    "no-route/null": "{recipient} accepts no mail (null MX): the mail bounces at once.",
    "no-route/none": "{recipient} has no MX record and no address: the mail bounces.",
    "no-route/broken": (
        "{recipient} publishes a broken MX ({record}): no server accepts its mail, the mail "
        "bounces."
    ),
    "no-route/unresolved": "No MX host of {recipient} has an address: the mail bounces.",
    "queued": (
        "Every MX host of {recipient} is down: the mail waits in the queue of {host} and is "
        "retried, then bounced after the sender's retry period (often 5 days)."
    ),
    "refused": (
        "{recipient} will reject this mail: the SPF record of {sender} does not "
        "authorize {host} ({addresses}, SPF fail)." + _DKIM_CAVEAT
    ),
    "flagged": (
        "{recipient} will flag this mail as suspicious: the SPF record of {sender} does not "
        "authorize {host} ({addresses}, SPF softfail)." + _DKIM_CAVEAT
    ),
    "flagged/ptr": (
        "{recipient} may refuse or flag this mail: SPF passes, but {address} has no reverse "
        "DNS (PTR)."
    ),
    "flagged/fcrdns": (
        "{recipient} may refuse or flag this mail: SPF passes, but the reverse DNS of "
        "{address} ({ptr}) does not resolve back to it."
    ),
    "unverified": (
        "{recipient} will mark this mail unverified: {sender} publishes no SPF record that "
        "authorizes {host}." + _DKIM_CAVEAT
    ),
    "unverified/neutral": (
        "{recipient} will mark this mail unverified: the SPF record of {sender} gives neutral "
        "for {host} ({addresses})." + _DKIM_CAVEAT
    ),
    "unverified/permerror": (
        "{recipient} will treat this mail as unauthenticated: the SPF record of {sender} is "
        "broken (permerror)." + _DKIM_CAVEAT
    ),
    "verified": "{recipient} accepts the mail as SPF-verified",
    "verified/dkim": "{recipient} accepts the mail as DKIM-verified",
    "refused/dmarc": (
        "{recipient} will reject this mail: DMARC fails for {sender} (neither SPF nor DKIM "
        "gives an aligned pass) and the policy of {domain} is reject."
    ),
    "flagged/dmarc": (
        "{recipient} will put this mail in spam: DMARC fails for {sender} (neither SPF nor "
        "DKIM gives an aligned pass) and the policy of {domain} is quarantine."
    ),
    "refused/from-multiple": (
        "{recipient} will reject this mail: it names more than one author in From (RFC 5322 "
        "allows exactly one), so no domain can be authenticated for it."
    ),
    "queued/family": (
        "No MX host of {recipient} can be reached from the sending addresses ({addresses}): "
        "the mail waits in the queue of {host} and is retried, then bounced."
    ),
}
# From DNS alone DMARC is judged without DKIM: say so.
TEMPLATES.update(
    {f"{key}/dns": TEMPLATES[key] + _DKIM_CAVEAT for key in ("refused/dmarc", "flagged/dmarc")}
)

# With a received message DKIM was checked: the same verdicts say what it showed instead.
_DKIM_SEEN = " The message carries no valid DKIM signature aligned with {sender} either."
TEMPLATES.update(
    {
        f"{key}/message": text.replace(_DKIM_CAVEAT, _DKIM_SEEN)
        for key, text in list(TEMPLATES.items())
        if text.endswith(_DKIM_CAVEAT)
    }
)
# A delivered mail with problems that still need fixing (the most severe finding sets the
# headline's severity, so the headline says why it is not green).
_ATTENTION = " Problems listed below still need fixing, though they do not stop this mail."
TEMPLATES.update(
    {
        f"{key}/attention": text + ("." if not text.endswith(".") else "") + _ATTENTION
        for key, text in list(TEMPLATES.items())
        if key.startswith("verified")
    }
)
# A sending host given as an address is named once: "203.0.113.74 (SPF fail)".
TEMPLATES.update(
    {
        f"{key}/address": text.replace(" {host} ({addresses}, ", " {host} (").replace(
            " {host} ({addresses})", " {host}"
        )
        for key, text in list(TEMPLATES.items())
        if " {host} ({addresses}" in text
    }
)

_SEVERITY_STATUS = {
    Severity.ERROR: Status.FAIL,
    Severity.WARNING: Status.SOFTFAIL,
    Severity.INFO: Status.UNKNOWN,
}


@dataclass(frozen=True)
class Verdict:
    severity: Severity
    code: str  # stable: incomplete nxdomain lookup-failed no-route queued refused flagged ...
    message: str  # English, one or two sentences
    status: Status  # the marker colour of the headline and of the hop in `subject`
    template: str = ""  # the key of TEMPLATES the message was rendered from
    params: Mapping[str, str] = field(default_factory=dict)
    #: The route node where the outcome happens (the MX that flags or refuses, the host
    #: that queues, the mailbox that is never reached), or None.
    subject: str | None = None
    #: Sending-address nodes whose hop into `subject` carries the verdict's marker.
    culprits: tuple[str, ...] = ()
    #: The receiver model's disposition of the mail (`core.judgement`) and its basis.
    disposition: str = "unknown"
    basis: tuple[str, ...] = ()


def _make(
    severity: Severity,
    key: str,
    names: Mapping[str, str],
    *,
    status: Status | None = None,
    subject: str | None = None,
    culprits: tuple[str, ...] = (),
    **params: object,
) -> Verdict:
    values = {**names, **{k: str(v) for k, v in params.items()}}
    return Verdict(
        severity=severity,
        code=key.split("/")[0],
        message=TEMPLATES[key].format(**values),
        status=status or _SEVERITY_STATUS[severity],
        template=key,
        params=values,
        subject=subject,
        culprits=culprits,
    )


def _outcome(outcome: str) -> str:
    return outcome.upper()


def verdict(result: Result, down: frozenset[str] = frozenset()) -> Verdict:
    """The headline for `result`.

    `down`: the MX hosts the what-if marked down, as host names or route node ids
    ("mx:HOST", what the GUI keeps); both are accepted."""
    down = frozenset(down) | {mx_node(d) for d in down if not d.startswith("mx:")}
    sender = result.sender_domain.ascii
    recipient = result.recipient_domain.ascii
    names = {"sender": sender, "recipient": recipient}
    if result.cancelled:
        return _make(Severity.INFO, "incomplete/cancelled", names, status=Status.UNKNOWN)
    if not result.complete:
        return _make(Severity.INFO, "incomplete", names, status=Status.UNKNOWN)
    judged = judge(result, down)
    return _with_judgement(result, down, _headline(result, down, names, judged), judged)


def _with_judgement(
    result: Result, down: frozenset[str], headline: Verdict, judged: Judgement
) -> Verdict:
    """The headline with the model's disposition, its marker, and the severity of the most
    severe finding (a red headline always has a red finding that says why, and a green one
    none)."""
    findings = [*result.findings, *what_if_findings(result, down)]
    severity = max(
        [disposition_severity(judged.disposition), *(f.severity for f in findings)],
        key=lambda s: SEVERITY_RANK[s],
    )
    key = headline.template
    if (
        judged.disposition is Disposition.DELIVERED
        and severity is not Severity.INFO
        and f"{key}/attention" in TEMPLATES
    ):
        key = f"{key}/attention"
    return replace(
        headline,
        severity=severity,
        template=key,
        message=TEMPLATES[key].format(**headline.params),
        status=MARKER[judged.disposition],
        disposition=judged.disposition.value,
        basis=judged.basis,
    )


def _headline(
    result: Result, down: frozenset[str], names: dict[str, str], judged: Judgement
) -> Verdict:

    missing = missing_domains(result)
    if missing:
        key = "nxdomain/both" if len(missing) == 2 else f"nxdomain/{missing[0]}"
        subject = "mx:none" if "recipient" in missing else "client"
        return _make(Severity.ERROR, key, names, subject=subject)

    mx = result.mx
    route = _route_verdict(mx, down, result, names)
    if route is not None:
        return route
    sending = _sending_verdict(result, names)
    if sending is not None:
        return sending
    return _path_verdict(result, mx, down, names, judged)


def _queue_host(result: Result) -> str:
    hosts = [h.host for h in result.sending_hosts or ()]
    return ", ".join(hosts) if hosts else "the sending server"


def _route_verdict(
    mx: MxInfo | None, down: frozenset[str], result: Result, names: dict[str, str]
) -> Verdict | None:
    if mx is None:
        return None
    if mx.kind == "error":
        if mx.lookup is not None and mx.lookup.outcome == "ok":
            return _make(
                Severity.ERROR,
                "no-route/broken",
                names,
                subject="mx:none",
                record="; ".join(mx.lookup.records),
            )
        tried = [mx.lookup, *mx.implicit_lookups] if mx.lookup else list(mx.implicit_lookups)
        failed = [s.outcome for s in tried if s is not None and s.outcome.is_error]
        return _make(
            Severity.ERROR,
            "lookup-failed/mx",
            names,
            subject="mx:none",
            outcome=_outcome(failed[0] if failed else "error"),
        )
    if mx.kind == "null":
        return _make(Severity.ERROR, "no-route/null", names, subject="mx:none")
    if mx.kind == "none":
        return _make(Severity.ERROR, "no-route/none", names, subject="mx:none")
    hosts = [h for h in mx.hosts if not h.ip_literal]
    reachable = [h for h in hosts if h.addresses]
    if not reachable:
        failed = [s.outcome for h in hosts for s in h.address_lookups if s.outcome.is_error]
        if failed:
            return _make(
                Severity.ERROR,
                "lookup-failed/mx-hosts",
                names,
                subject="mailbox",
                outcome=_outcome(failed[0]),
            )
        return _make(Severity.ERROR, "no-route/unresolved", names, subject="mailbox")
    if all(mx_node(h.host) in down for h in reachable):
        first = result.sending_hosts[0].host if result.sending_hosts else "client"
        return _make(
            Severity.ERROR,
            "queued",
            names,
            subject=host_node(first) if result.sending_hosts else "client",
            host=_queue_host(result),
        )
    return None


def _sending_verdict(result: Result, names: dict[str, str]) -> Verdict | None:
    hosts = result.sending_hosts
    if hosts is None:
        return None
    if not hosts:
        smx = result.sender_mx
        if smx is not None and smx.kind == "error" and smx.lookup is not None:
            return _make(
                Severity.WARNING,
                "lookup-failed/sender-mx",
                names,
                subject="client",
                outcome=_outcome(smx.lookup.outcome),
            )
        return _make(Severity.WARNING, "incomplete/no-sender", names, subject="client")
    usable = [h for h in hosts if h.addresses]
    if usable:
        return None
    host = hosts[0]
    failed = [s.outcome for s in host.lookups if s.outcome.is_error]
    if failed:
        return _make(
            Severity.ERROR,
            "lookup-failed/via",
            names,
            subject=host_node(host.host),
            host=host.host,
            outcome=_outcome(failed[0]),
        )
    return _make(
        Severity.ERROR, "nxdomain/via", names, subject=host_node(host.host), host=host.host
    )


def _failed_query(trace: SpfTrace) -> tuple[str, str] | None:
    """(outcome, "name TYPE") of the first DNS question in the trace that failed."""
    for q in trace.record_queries:
        if q.outcome.is_error:
            return q.outcome, f"{q.name} {q.rdtype}"
    for term in trace.terms:
        for q in term.queries:
            if q.outcome.is_error:
                return q.outcome, f"{q.name} {q.rdtype}"
        if term.child is not None:
            found = _failed_query(term.child)
            if found:
                return found
    return None


def _path_verdict(
    result: Result,
    mx: MxInfo | None,
    down: frozenset[str],
    names: dict[str, str],
    judged: Judgement,
) -> Verdict:
    """The headline of the receiver model's judgement of the paths (`core.judgement`)."""
    receiver = _receiver(mx, down)
    hosts = [h for h in result.sending_hosts or () if h.addresses]
    addresses = [(h, a) for h in hosts for a in h.addresses]
    culprits = [(h, a) for h, a in addresses if a.address in judged.culprits]
    nodes = tuple(address_node(a.address) for _, a in culprits)
    basis = set(judged.basis)
    disposition = judged.disposition
    if "message:from-multiple" in basis:
        return _make(
            Severity.ERROR, "refused/from-multiple", names, subject=receiver, culprits=nodes
        )
    if "mx:unreachable" in basis:
        return _make(
            Severity.ERROR,
            "queued/family",
            names,
            subject=host_node(hosts[0].host) if hosts else "client",
            host=_queue_host(result),
            addresses=", ".join(a.address for _, a in addresses),
        )
    if disposition is Disposition.QUEUED and "spf:temperror" in basis and culprits:
        host, addr = culprits[0]
        trace = addr.spf.trace if addr.spf is not None else None
        failed = (_failed_query(trace) if trace else None) or ("error", names["sender"])
        return _make(
            Severity.ERROR,
            "lookup-failed/spf",
            names,
            subject=receiver,
            culprits=nodes,
            host=host.host,
            outcome=_outcome(failed[0]),
            name=failed[1],
        )
    enforced = {Disposition.REFUSED: "policy:reject", Disposition.FLAGGED: "policy:quarantine"}
    if "dmarc:fail" in basis and enforced.get(disposition) in basis:
        return _dmarc_verdict(result, names, judged, receiver, nodes)
    if disposition is Disposition.DELIVERED:
        if judged.authenticated_by.startswith("dkim:"):
            return _make(Severity.INFO, "verified/dkim", names, subject=receiver)
        return _make(Severity.INFO, "verified", names, subject="mailbox")
    if disposition is Disposition.FLAGGED and basis & {"ptr:missing", "ptr:not-confirmed"}:
        return _ptr_verdict(names, receiver, nodes, culprits[0][1])
    by_spf = _spf_verdict(names, judged, receiver, culprits, nodes)
    if by_spf is not None:
        return by_spf
    return _make(Severity.INFO, "incomplete", names, status=Status.UNKNOWN)


def _dmarc_verdict(
    result: Result,
    names: dict[str, str],
    judged: Judgement,
    receiver: str,
    nodes: tuple[str, ...],
) -> Verdict:
    """DMARC fails and the policy is enforced: refused or flagged, naming the policy domain."""
    disposition = judged.disposition
    key = "refused/dmarc" if disposition is Disposition.REFUSED else "flagged/dmarc"
    if judged.dkim_unchecked:
        key += "/dns"
    message = result.message
    dm = message.dmarc_result if message is not None else None
    domain = (dm.policy_domain if dm is not None else None) or (
        result.dmarc.domain if result.dmarc is not None else names["sender"]
    )
    return _make(Severity.ERROR, key, names, subject=receiver, culprits=nodes, domain=domain)


def _ptr_verdict(
    names: dict[str, str], receiver: str, nodes: tuple[str, ...], addr: SendingAddress
) -> Verdict:
    """Flagged for reverse DNS: no PTR, or one that does not lead back to the address."""
    if not addr.ptr:
        return _make(
            Severity.WARNING,
            "flagged/ptr",
            names,
            subject=receiver,
            culprits=nodes,
            address=addr.address,
        )
    return _make(
        Severity.WARNING,
        "flagged/fcrdns",
        names,
        subject=receiver,
        culprits=nodes,
        address=addr.address,
        ptr=", ".join(addr.ptr),
    )


def _spf_verdict(
    names: dict[str, str],
    judged: Judgement,
    receiver: str,
    culprits: list[tuple[SendingHostInfo, SendingAddress]],
    nodes: tuple[str, ...],
) -> Verdict | None:
    """The headline from the SPF result of the first culprit, when SPF decided."""
    basis = set(judged.basis)
    seen = "" if judged.dkim_unchecked else "/message"
    by_spf = {
        "spf:fail": "refused",
        "spf:permerror": "unverified/permerror",
        "spf:softfail": "flagged",
        "spf:none": "unverified",
        "spf:neutral": "unverified/neutral",
    }
    for tag, key in by_spf.items():
        if tag not in basis or not culprits:
            continue
        host = culprits[0][0]
        key = key + seen if f"{key}{seen}" in TEMPLATES else key
        if is_ip_address(host.host) and f"{key}/address" in TEMPLATES:
            key += "/address"
        return _make(
            Severity.ERROR,
            key,
            names,
            subject=receiver,
            culprits=nodes,
            host=host.host,
            addresses=", ".join(a.address for h, a in culprits if h is host),
        )
    return None


def _receiver(mx: MxInfo | None, down: frozenset[str]) -> str:
    """The node of the MX host that receives the mail and judges it."""
    if mx is None:
        return "mailbox"
    for _, group in mx.groups():
        for h in group:
            if h.addresses and mx_node(h.host) not in down:
                return mx_node(h.host)
    return "mailbox"
