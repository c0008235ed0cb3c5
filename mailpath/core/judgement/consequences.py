"""What each finding means for the mail, from the receiver model (`receiver.judge`): its
consequence clause and severity, the model's own findings (every MX host down, no reachable
family), and whether its fix is kept (`fixes`: a fix is kept only when the model, run with the
fix applied, moves the mail toward `delivered`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from mailpath.core.judgement.finding import finding
from mailpath.core.judgement.fixes import _GAP_CODES, applied_fix, finding_addresses
from mailpath.core.judgement.receiver import (
    _SEVERITY,
    RANK,
    SEVERITY_RANK,
    Disposition,
    Judgement,
    authenticate,
    families,
    judge,
)
from mailpath.core.judgement.templates import TEMPLATES
from mailpath.core.model import Finding, Result, SendingAddress, Severity
from mailpath.core.transport import refused_hosts

#: Which check a finding's cause belongs to: a finding of a family that decided the
#: disposition takes its consequence (and severity) from the model.
CAUSES: dict[str, str] = {
    "spf-missing": "spf",
    "spf-not-authorized": "spf",
    "spf-permerror": "spf",
    "spf-temperror": "spf",
    "spf-ipv6-gap": "spf",
    "spf-ipv4-gap": "spf",
    "spf-record-error": "spf",
    "spf-multiple-records": "spf",
    "spf-too-many-lookups": "spf",
    "hop-unexpected": "spf",
    "ptr-missing": "ptr",
    "fcrdns-failed": "ptr",
    "dkim-missing": "dkim",
    "dkim-key-missing": "dkim",
    "dkim-fail": "dkim",
    "dkim-permerror": "dkim",
    "dkim-temperror": "dkim",
    "dkim-not-aligned": "dkim",
    "dmarc-fail": "dmarc",
    "dmarc-policy-none": "dmarc",
    "from-multiple": "message",
}

#: Consequence clauses, appended to a finding's cause. Key -> English text.
CONSEQUENCES: dict[str, str] = {
    "consequence/refused": "{recipient} refuses this mail.",
    "consequence/flagged": "{recipient} puts this mail in spam or quarantine.",
    "consequence/unverified": "{recipient} delivers it marked as unverified.",
    "consequence/queued": "{recipient} defers this mail: it stays queued and is retried.",
    "consequence/unknown": "Whether {recipient} accepts it cannot be told yet.",
    "consequence/delivered/dkim": (
        "DKIM d={domain} still authenticates the mail, so {recipient} delivers it."
    ),
    "consequence/delivered/spf": (
        "SPF still passes for {address}, so {recipient} delivers the mail."
    ),
    "consequence/path/refused": "Mail that leaves from {address} is refused by {recipient}.",
    "consequence/path/flagged": (
        "Mail that leaves from {address} goes to spam or quarantine at {recipient}."
    ),
    "consequence/path/unverified": (
        "Mail that leaves from {address} is delivered by {recipient} marked as unverified."
    ),
    "consequence/path/queued": "Mail that leaves from {address} is deferred by {recipient}.",
    # Transport: the recipient's own MTA-STS policy (enforce) makes an MX host undeliverable.
    "consequence/mta-sts-refused": (
        "Sending servers that honour MTA-STS refuse to deliver to {host}: mail routed there "
        "stays queued, then bounces."
    ),
}

_TRANSIENT = ("dkim-temperror",)


def judge_findings(
    result: Result, findings: Iterable[Finding], down: Iterable[str] = ()
) -> tuple[Finding, ...]:
    """Each finding with its consequence and severity taken from the model, and its fix
    kept only when the model says it helps (`fix_outcome`); most severe first."""
    judgement = judge(result, down)
    out = [_judge_fix(result, judgement, _judged(result, judgement, f)) for f in findings]
    out = [_transport_judged(result, f) for f in out]
    known = {f.code for f in out}
    out += [f for f in model_findings(result, judgement) if f.code not in known]
    out.sort(key=lambda f: -SEVERITY_RANK[f.severity])
    return tuple(out)


def model_findings(result: Result, judgement: Judgement) -> list[Finding]:
    """What only the model sees: every MX host marked down (a what-if), or no MX host that
    the sending addresses' families can reach."""
    recipient = result.recipient_domain.ascii
    if "mx:all-down" in judgement.basis and result.mx is not None:
        hosts = ", ".join(h.host for h in result.mx.hosts if h.addresses)
        return [finding(Severity.ERROR, "mx-down", "mailbox", recipient=recipient, hosts=hosts)]
    if "mx:unreachable" in judgement.basis:
        addresses = [a for h in result.sending_hosts or () for a in h.addresses]
        families = sorted({a.family for a in addresses})
        return [
            finding(
                Severity.ERROR,
                "mx-family-unreachable",
                "mailbox",
                recipient=recipient,
                addresses=", ".join(a.address for a in addresses),
                family=" / ".join(f"IPv{f}" for f in families),
            )
        ]
    return []


def what_if_findings(result: Result, down: Iterable[str]) -> list[Finding]:
    """The model's own findings for a what-if (MX hosts marked down) that the analysis's
    findings do not already hold."""
    known = {f.code for f in result.findings}
    return [f for f in model_findings(result, judge(result, down)) if f.code not in known]


def _judge_fix(result: Result, judgement: Judgement, finding: Finding) -> Finding:
    """Keep a fix only when the model says it helps; never put a relay in the sender's SPF."""
    if finding.fix is None or not result.complete:
        return finding
    if CAUSES.get(finding.code) == "spf" and finding.code != "hop-unexpected" and forwarded(result):
        return _forwarded_variant(finding)
    fixed = applied_fix(result, finding)
    if fixed is None:
        return finding
    after = judge(fixed)
    before = Disposition(finding.disposition) if finding.disposition else judgement.disposition
    if fix_helps(result, finding, before, fixed, after):
        return replace(finding, fix_disposition=after.disposition.value)
    return _without_fix(finding)


def fix_helps(
    result: Result, finding: Finding, before: Disposition, fixed: Result, after: Judgement
) -> bool:
    """A fix helps when the mail ends closer to `delivered`, or when the finding's own cause
    no longer decides it (another problem, with its own finding and fix, still does)."""
    if RANK[after.disposition] < RANK[before] or after.disposition is Disposition.DELIVERED:
        return True
    family = CAUSES.get(finding.code)
    if family is None:
        return False
    still = {
        fam for a in finding_addresses(fixed, finding) for fam in authenticate(fixed, a).deciding
    }
    return family not in still


def _without_fix(finding: Finding) -> Finding:
    params = {k: v for k, v in finding.params.items() if k not in ("record_name", "record_type")}
    return replace(finding, fix=None, record=None, params=params, fix_disposition="")


def _forwarded_variant(finding: Finding) -> Finding:
    """The finding with the forwarding fix (DKIM, or ARC at the forwarder) instead of an SPF
    record that would authorize the forwarder to send as the sender."""
    key = f"{finding.template}/forwarded"
    if key not in TEMPLATES:
        return _without_fix(finding)
    _, fix = TEMPLATES[key]
    params = {k: v for k, v in finding.params.items() if k not in ("record_name", "record_type")}
    return replace(
        finding,
        template=key,
        params=params,
        fix=fix.format(**params) if fix else None,
        record=None,
        verified=(),
    )


def _judged(result: Result, judgement: Judgement, finding: Finding) -> Finding:
    family = CAUSES.get(finding.code)
    if family is None or not result.complete:
        return finding
    recipient = result.recipient_domain.ascii
    addresses = finding_addresses(result, finding)
    auths = [(a, authenticate(result, a)) for a in addresses if _reaches(result, a)]
    if family in ("dkim", "dmarc", "message") or not auths:
        # About the mail, not one address: the mail's own disposition.
        disposition = judgement.disposition
        deciding = _deciding(result, judgement)
        how = judgement.authenticated_by
        address = ""
    else:
        addr, auth = max(auths, key=lambda pair: RANK[pair[1].disposition])
        disposition, deciding, how = auth.disposition, auth.deciding, auth.authenticated_by
        address = addr.address
    if disposition is Disposition.DELIVERED:
        key, params = _delivered_clause(how, recipient)
        severity = _overridden_severity(result, finding)
    elif family in deciding:
        if finding.code in _GAP_CODES and address:
            key = f"consequence/path/{disposition.value}"
        else:
            key = f"consequence/{disposition.value}"
        params = {"recipient": recipient, "address": address}
        # A DNS failure of the moment is no error of the owner's: it says what it does to
        # the mail, and stays a warning (the error that decides is another finding's).
        severity = finding.severity if finding.code in _TRANSIENT else _SEVERITY[disposition]
    else:
        return finding
    return with_consequence(finding, key, params, severity, disposition)


def _transport_judged(result: Result, finding: Finding) -> Finding:
    """An MX host that the recipient's MTA-STS policy (enforce) does not name: its paths are
    queued (`_paths_judgement`), and the finding says so."""
    if finding.code != "mta-sts-mx-mismatch" or not result.complete:
        return finding
    host = finding.params.get("host", "")
    if host not in refused_hosts(result.transport):
        return finding
    params = {"host": host, "recipient": result.recipient_domain.ascii}
    return with_consequence(
        finding, "consequence/mta-sts-refused", params, Severity.ERROR, Disposition.QUEUED
    )


def _delivered_clause(how: str, recipient: str) -> tuple[str, dict[str, str]]:
    kind, _, value = how.partition(":")
    if kind == "dkim":
        return "consequence/delivered/dkim", {"recipient": recipient, "domain": value}
    return "consequence/delivered/spf", {"recipient": recipient, "address": value}


def _overridden_severity(result: Result, finding: Finding) -> Severity:
    """A problem the mail survives: a warning — information only when it is what
    forwarding does (SPF fails at a relay of another organization)."""
    if finding.code == "hop-unexpected" or (
        CAUSES.get(finding.code) == "spf" and forwarded(result)
    ):
        return Severity.INFO
    return min(finding.severity, Severity.WARNING, key=lambda s: SEVERITY_RANK[s])


def _reaches(result: Result, addr: SendingAddress) -> bool:
    mx = result.mx
    if mx is None:
        return True
    return any(addr.family in families(h) for h in mx.hosts if not h.ip_literal)


def _deciding(result: Result, judgement: Judgement) -> frozenset[str]:
    every = [a for h in result.sending_hosts or () for a in h.addresses]
    for addr in every:
        if addr.address in judgement.culprits:
            return authenticate(result, addr).deciding
    return frozenset()


def with_consequence(
    finding: Finding,
    key: str,
    params: Mapping[str, str],
    severity: Severity,
    disposition: Disposition,
) -> Finding:
    clause = CONSEQUENCES[key].format(**params)
    cause = finding.message
    return replace(
        finding,
        severity=severity,
        message=f"{cause} {clause}",
        cause=cause,
        consequence=key,
        consequence_params=dict(params),
        disposition=disposition.value,
    )


def forwarded(result: Result) -> bool:
    """The message reached the recipient through a relay of another organization (a
    forwarder, a list) after the sender's own server (`ParsedMessage.forwarded_by`)."""
    message = result.message
    return message is not None and message.parsed.forwarded_by is not None
