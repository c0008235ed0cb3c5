"""The receiver model: what the receiving side does with the mail, and why.

This is the one place that decides what happens to the mail. Lookups and parsers produce
facts (the `Result`); `judge(result, down)` turns them into a **disposition** for every path
the mail can take — each sending address (IPv4, IPv6) to each MX host of the recipient that
the address family can reach; for a received message, the real handover address — and for
the mail as a whole:

| disposition | what the receiver does                                              | marker   |
|-------------|---------------------------------------------------------------------|----------|
| delivered   | accepts it, authenticated (SPF or DKIM passes, DMARC does not fail) | pass     |
| unverified  | delivers it, shown as unauthenticated (SPF none/neutral/permerror)  | neutral  |
| flagged     | spam folder or quarantine (SPF softfail, DMARC quarantine, no PTR)  | softfail |
| refused     | rejects it in the SMTP dialogue (SPF fail, DMARC reject, bad From)  | fail     |
| queued      | cannot deliver now: retried, then bounced (MX down, DNS temperror)  | error    |
| unknown     | the data cannot decide (no sending host, analysis incomplete)       | unknown  |

Every disposition comes with its **basis**: the checks that decided it, as short tags
(``"spf:fail"``, ``"dkim:pass-aligned"``, ``"dmarc:fail"``, ``"policy:reject"``,
``"ptr:missing"``, ``"mx:all-down"``…).

Everything a person reads derives from it: the headline (`core.verdict`), the consequence
clause and severity of each finding (`judge_findings`), the route's markers (`core.route`)
and whether a fix is offered (`fix_outcome`: a fix is kept only when the model, run with the
fix applied, moves the disposition toward `delivered`, and never when it would authorize a
host that only relays mail for the sender — a forwarder).

The receiver (RFC 7208, RFC 9989, and the 2024 rules of large receivers such as Gmail):
1. A From header that names more than one author (RFC 5322 3.6) is refused.
2. SPF temperror without an aligned DKIM pass: the receiver defers (4xx), the mail is queued.
3. DMARC (when a policy is published) that fails: `reject` refuses, `quarantine` flags (after
   `t=y` lowers it one level); `none` asks for nothing and the next rules decide.
4. Authenticated mail (DMARC pass, or SPF or any valid DKIM signature passing) is delivered —
   flagged instead when the sending address has no forward-confirmed reverse DNS.
5. Otherwise SPF decides: fail refuses, softfail flags, none / neutral / permerror leave the
   mail unverified.
From DNS alone DKIM is not seen (``"dkim:unchecked"``): the model judges the mail as if it
carried no signature, and the verdict says so.
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from mailpath.core.auth.dmarc import applied_policy
from mailpath.core.auth.spf import SpfResult
from mailpath.core.model import (
    Finding,
    MessageInfo,
    MxHost,
    Result,
    SendingAddress,
    Severity,
    Status,
)
from mailpath.core.transport import mx_transport, refused_hosts

__all__ = [
    "CONSEQUENCES",
    "Disposition",
    "Judgement",
    "Path",
    "disposition_severity",
    "judge",
    "judge_findings",
]


class Disposition(enum.StrEnum):
    DELIVERED = "delivered"
    UNVERIFIED = "unverified"
    FLAGGED = "flagged"
    REFUSED = "refused"
    QUEUED = "queued"
    UNKNOWN = "unknown"


#: How far from `delivered` a disposition is: the mail's is the worst of its active paths.
RANK = {
    Disposition.DELIVERED: 0,
    Disposition.UNKNOWN: 1,
    Disposition.UNVERIFIED: 2,
    Disposition.FLAGGED: 3,
    Disposition.QUEUED: 4,
    Disposition.REFUSED: 5,
}

_SEVERITY = {
    Disposition.DELIVERED: Severity.INFO,
    Disposition.UNKNOWN: Severity.WARNING,
    Disposition.UNVERIFIED: Severity.ERROR,
    Disposition.FLAGGED: Severity.ERROR,
    Disposition.REFUSED: Severity.ERROR,
    Disposition.QUEUED: Severity.ERROR,
}

#: The marker of a path (node or edge) with that disposition: red and amber only for
#: `refused` and `flagged`.
MARKER = {
    Disposition.DELIVERED: Status.PASS,
    Disposition.UNVERIFIED: Status.NEUTRAL,
    Disposition.FLAGGED: Status.SOFTFAIL,
    Disposition.REFUSED: Status.FAIL,
    Disposition.QUEUED: Status.ERROR,
    Disposition.UNKNOWN: Status.UNKNOWN,
}

SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def disposition_severity(disposition: Disposition) -> Severity:
    return _SEVERITY[disposition]


@dataclass(frozen=True)
class Path:
    """One way the mail can go: from a sending address to one MX host."""

    address: str | None  # the sending address; None when no sending host is known
    family: int | None  # 4 or 6
    mx: str | None  # the MX host name; None when the recipient has no usable MX
    disposition: Disposition
    basis: tuple[str, ...]
    #: A sender tries this MX first (best preference with a host up that has the family).
    active: bool = True
    #: The MX host has an address of this family and is not marked down.
    reachable: bool = True


@dataclass(frozen=True)
class Judgement:
    disposition: Disposition
    basis: tuple[str, ...]
    paths: tuple[Path, ...] = ()
    #: The sending addresses whose active paths carry the mail's disposition.
    culprits: tuple[str, ...] = ()
    #: How the mail is authenticated when delivered: "dkim:DOMAIN" or "spf:ADDRESS", or "".
    authenticated_by: str = ""
    #: DKIM was not seen (DNS alone): the disposition assumes no signature.
    dkim_unchecked: bool = False


@dataclass(frozen=True)
class _Auth:
    """How the receiver judges the mail from one sending address."""

    disposition: Disposition
    basis: tuple[str, ...]
    #: The check families that decided it (a finding of these families is a cause).
    deciding: frozenset[str]
    authenticated_by: str = ""


# ---------------------------------------------------------------- the model


def judge(result: Result, down: Iterable[str] = ()) -> Judgement:
    """The disposition of the mail and of every path, with the basis of each.

    `down`: MX hosts a what-if marked down, as host names or route node ids ("mx:HOST")."""
    down_hosts = frozenset(d[3:] if d.startswith("mx:") else d for d in down)
    if result.cancelled or not result.complete:
        return Judgement(Disposition.UNKNOWN, ("analysis:incomplete",))
    whole = _whole_mail(result, down_hosts)
    if whole is not None:
        return whole
    return _paths_judgement(result, down_hosts)


def _whole_mail(result: Result, down: frozenset[str]) -> Judgement | None:
    """Outcomes that do not depend on the path: no route, no such domain, no sender."""
    from mailpath.core.judgement.findings import missing_domains

    missing = missing_domains(result)
    if "recipient" in missing:
        return Judgement(Disposition.REFUSED, ("recipient:nxdomain",))
    mx = result.mx
    if mx is None:
        return Judgement(Disposition.UNKNOWN, ("mx:unresolved",))
    if mx.kind == "error":
        if mx.lookup is not None and mx.lookup.outcome == "ok":
            return Judgement(Disposition.REFUSED, ("mx:broken",))
        return Judgement(Disposition.QUEUED, ("mx:lookup-failed",))
    if mx.kind == "null":
        return Judgement(Disposition.REFUSED, ("mx:null",))
    if mx.kind == "none":
        return Judgement(Disposition.REFUSED, ("mx:none",))
    hosts = [h for h in mx.hosts if not h.ip_literal]
    if not any(h.addresses for h in hosts):
        failed = [s for h in hosts for s in h.address_lookups if s.outcome not in _ANSWERED]
        if failed:
            return Judgement(Disposition.QUEUED, ("mx:lookup-failed",))
        return Judgement(Disposition.REFUSED, ("mx:unresolved",))
    if "sender" in missing:
        return Judgement(Disposition.REFUSED, ("sender:nxdomain",))
    if all(h.host in down for h in hosts if h.addresses):
        return Judgement(Disposition.QUEUED, ("mx:all-down",))
    sending = result.sending_hosts
    if sending is None:
        return Judgement(Disposition.UNKNOWN, ("sending-host:unresolved",))
    if not sending:
        return Judgement(Disposition.UNKNOWN, ("sending-host:unknown",))
    if not any(h.addresses for h in sending):
        return Judgement(Disposition.UNKNOWN, ("sending-host:no-address",))
    return None


_ANSWERED = ("ok", "nodata", "nxdomain")


def _families(host: MxHost) -> set[int]:
    return {_family(a) for a in host.addresses}


def _family(address: str) -> int:
    return 6 if ":" in address else 4


def _paths_judgement(result: Result, down: frozenset[str]) -> Judgement:
    mx = result.mx
    assert mx is not None
    hosts = [h for h in mx.hosts if not h.ip_literal]
    dkim_unchecked = result.message is None
    paths: list[Path] = []
    refused = refused_hosts(result.transport)
    worst: tuple[int, Disposition, tuple[str, ...], str] | None = None
    culprits: list[str] = []
    for host in result.sending_hosts or ():
        for addr in host.addresses:
            auth = authenticate(result, addr)
            active = _active_hosts(hosts, addr.family, down)
            for mx_host in hosts:
                reachable = addr.family in _families(mx_host) and mx_host.host not in down
                basis: tuple[str, ...]
                if reachable and mx_host.host in refused:
                    # The recipient's own policy (MTA-STS enforce, DANE) cannot be met at this
                    # host: senders that honour it refuse to hand the mail over there.
                    disposition = Disposition.QUEUED
                    basis = mx_transport(result.transport, mx_host.host).basis
                elif reachable:
                    disposition, basis = auth.disposition, auth.basis
                elif addr.family not in _families(mx_host):
                    disposition = Disposition.QUEUED
                    basis = ("mx:no-aaaa" if addr.family == 6 else "mx:no-a",)
                else:
                    disposition, basis = Disposition.QUEUED, ("mx:down",)
                paths.append(
                    Path(
                        addr.address,
                        addr.family,
                        mx_host.host,
                        disposition,
                        basis,
                        active=mx_host.host in active,
                        reachable=reachable,
                    )
                )
            if not active:
                continue  # this address reaches no MX host: the server sends from another
            if active <= refused:
                # Every MX host this address would use is one the policy refuses.
                why = mx_transport(result.transport, min(active)).basis
                auth = _Auth(Disposition.QUEUED, why, frozenset({"mta-sts"}))
            rank = RANK[auth.disposition]
            if worst is None or rank > worst[0]:
                worst = (rank, auth.disposition, auth.basis, auth.authenticated_by)
                culprits = [addr.address]
            elif rank == worst[0] and auth.disposition is worst[1]:
                culprits.append(addr.address)
    if worst is None:
        # No sending address reaches any MX host that is up: nothing can be delivered.
        return Judgement(
            Disposition.QUEUED, ("mx:unreachable",), tuple(paths), dkim_unchecked=dkim_unchecked
        )
    _, disposition, basis, how = worst
    return Judgement(
        disposition,
        basis,
        tuple(paths),
        culprits=tuple(culprits),
        authenticated_by=how if disposition is Disposition.DELIVERED else "",
        dkim_unchecked=dkim_unchecked,
    )


def _active_hosts(hosts: list[MxHost], family: int, down: frozenset[str]) -> set[str]:
    """The MX hosts a sender tries first from an address of `family`."""
    groups: dict[int, list[MxHost]] = {}
    for h in hosts:
        groups.setdefault(h.preference, []).append(h)
    for pref in sorted(groups):
        usable = [h for h in groups[pref] if h.host not in down and family in _families(h)]
        if usable:
            return {h.host for h in usable}
    return set()


def spf_of(result: Result, addr: SendingAddress) -> SpfResult | None:
    """The SPF result the receiver sees for mail from `addr`: the received message's own
    identity (MAIL FROM, or HELO for <>) at its handover address, else the sender's."""
    message = result.message
    if message is not None and message.spf is not None and message.spf_address == addr.address:
        return message.spf.result
    return addr.spf.result if addr.spf is not None else None


def from_multiple(result: Result) -> bool:
    message = result.message
    if message is None:
        return False
    # Several From fields: Gmail and Microsoft refuse the message ("Multiple 'From' headers
    # found"). Several addresses in one From field are allowed with a Sender field (RFC 5322
    # 3.6.2): its finding says so without a refusal here.
    return len(message.parsed.from_headers) > 1


def authenticate(result: Result, addr: SendingAddress) -> _Auth:
    """What the receiver does with the mail from `addr` (rules 1-5 of the module doc)."""
    spf = spf_of(result, addr)
    basis = [f"spf:{spf.value if spf is not None else 'unknown'}"]
    dkim_tag, dkim_domain = _dkim(result)
    basis.append(f"dkim:{dkim_tag}")
    dmarc, policy = _dmarc(result, spf)
    basis.append(f"dmarc:{dmarc}")
    if dmarc == "fail":
        basis.append(f"policy:{policy}")
    if from_multiple(result):
        return _Auth(Disposition.REFUSED, ("message:from-multiple", *basis), frozenset({"message"}))
    aligned_dkim = dkim_tag == "pass-aligned"
    if spf is SpfResult.TEMPERROR and not aligned_dkim:
        return _Auth(Disposition.QUEUED, tuple(basis), frozenset({"spf"}))
    if dmarc == "fail" and policy in ("reject", "quarantine"):
        disposition = Disposition.REFUSED if policy == "reject" else Disposition.FLAGGED
        return _Auth(disposition, tuple(basis), frozenset({"spf", "dkim", "dmarc"}))
    how = ""
    if aligned_dkim or dkim_tag == "pass-unaligned":
        how = f"dkim:{dkim_domain}"
    elif spf is SpfResult.PASS:
        how = f"spf:{addr.address}"
    if how:
        if addr.fcrdns is False:
            tag = "ptr:missing" if not addr.ptr else "ptr:not-confirmed"
            return _Auth(Disposition.FLAGGED, (*basis, tag), frozenset({"ptr"}), how)
        return _Auth(Disposition.DELIVERED, tuple(basis), frozenset(), how)
    deciding = frozenset({"spf", "dkim"})
    if spf is SpfResult.FAIL:
        return _Auth(Disposition.REFUSED, tuple(basis), deciding)
    if spf is SpfResult.SOFTFAIL:
        return _Auth(Disposition.FLAGGED, tuple(basis), deciding)
    if spf is None:
        return _Auth(Disposition.UNKNOWN, tuple(basis), deciding)
    return _Auth(Disposition.UNVERIFIED, tuple(basis), deciding)


def _dkim(result: Result) -> tuple[str, str]:
    """("pass-aligned" | "pass-unaligned" | "fail" | "temperror" | "absent" | "unchecked",
    the d= of the best passing signature)."""
    message = result.message
    if message is None:
        return "unchecked", ""
    sigs = message.dkim
    for s in sigs:
        if s.result == "pass" and s.aligned:
            return "pass-aligned", s.domain
    for s in sigs:
        if s.result == "pass":
            return "pass-unaligned", s.domain
    if any(s.result == "temperror" for s in sigs):
        return "temperror", ""
    if sigs or message.parsed.dkim_signatures:
        return "fail", ""
    return "absent", ""


def _dmarc(result: Result, spf: SpfResult | None) -> tuple[str, str]:
    """(DMARC result, the policy applied to failing mail)."""
    message = result.message
    if message is not None and message.dmarc_result is not None:
        dm = message.dmarc_result
        return dm.result, dm.disposition
    info = result.dmarc
    if info is None:
        return "none", "none"
    if info.error_code == "lookup":
        return "temperror", "none"
    policy = applied_policy(info)
    if policy is None:
        return "none", "none"
    # From DNS alone: the MAIL FROM is taken in the sender's domain (aligned), DKIM unseen.
    if spf is SpfResult.PASS:
        return "pass", "none"
    return "fail", policy


# ---------------------------------------------------------------- findings

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
    # Transport: what the STARTTLS probe saw at an MX host, under the recipient's policy.
    "consequence/tls-refused": (
        "Sending servers that honour {policy} refuse to deliver to {host}: mail routed there "
        "stays queued, then bounces."
    ),
    "consequence/tls-clear": "Sending servers still deliver to {host}, in the clear.",
    "consequence/tls-unverified": (
        "Sending servers still deliver to {host}, encrypted but without verifying the server."
    ),
}

#: The STARTTLS probe's findings; `starttls-missing` alone leaves mail unencrypted.
_TLS_CODES = (
    "starttls-missing",
    "certificate-untrusted",
    "certificate-expired",
    "certificate-name-mismatch",
    "tlsa-mismatch",
)

_GAP_CODES = ("spf-ipv6-gap", "spf-ipv4-gap")
_TRANSIENT = ("dkim-temperror",)


def _finding_addresses(result: Result, finding: Finding) -> list[SendingAddress]:
    """The sending addresses a finding is about (from its subject node), or all of them."""
    every = [a for h in result.sending_hosts or () for a in h.addresses]
    subject = finding.subject or ""
    if subject.startswith("addr:"):
        picked = [a for a in every if a.address == subject[5:]]
        if finding.code in _GAP_CODES:
            return picked
        return picked or every
    if subject.startswith("sending:"):
        host = subject[8:]
        return [a for h in result.sending_hosts or () if h.host == host for a in h.addresses]
    return every


def judge_findings(
    result: Result, findings: Iterable[Finding], down: Iterable[str] = ()
) -> tuple[Finding, ...]:
    """Each finding with its consequence and severity taken from the model, and its fix
    kept only when the model says it helps (`fix_outcome`); most severe first."""
    judgement = judge(result, down)
    out = [_judge_fix(result, judgement, _judged(result, judgement, f)) for f in findings]
    out = [_transport_judged(result, judgement, f) for f in out]
    known = {f.code for f in out}
    out += [f for f in model_findings(result, judgement) if f.code not in known]
    out.sort(key=lambda f: -SEVERITY_RANK[f.severity])
    return tuple(out)


def model_findings(result: Result, judgement: Judgement) -> list[Finding]:
    """What only the model sees: every MX host marked down (a what-if), or no MX host that
    the sending addresses' families can reach."""
    from mailpath.core.judgement.findings import finding

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
        fam for a in _finding_addresses(fixed, finding) for fam in authenticate(fixed, a).deciding
    }
    return family not in still


def _without_fix(finding: Finding) -> Finding:
    params = {k: v for k, v in finding.params.items() if k not in ("record_name", "record_type")}
    return replace(finding, fix=None, record=None, params=params, fix_disposition="")


def _forwarded_variant(finding: Finding) -> Finding:
    """The finding with the forwarding fix (DKIM, or ARC at the forwarder) instead of an SPF
    record that would authorize the forwarder to send as the sender."""
    from mailpath.core.judgement.findings import TEMPLATES

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
    addresses = _finding_addresses(result, finding)
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


def _transport_judged(result: Result, judgement: Judgement, finding: Finding) -> Finding:
    """An MX host that the recipient's MTA-STS policy (enforce) does not name: its paths are
    queued (`_paths_judgement`), and the finding says so. A STARTTLS probe finding: queued
    when the recipient's policy (MTA-STS enforce, DANE) cannot be met at that host; otherwise
    senders deliver there anyway, in the clear or unverified."""
    if finding.code in _TLS_CODES and result.complete:
        return _tls_judged(result, judgement, finding)
    if finding.code != "mta-sts-mx-mismatch" or not result.complete:
        return finding
    host = finding.params.get("host", "")
    if host not in refused_hosts(result.transport):
        return finding
    params = {"host": host, "recipient": result.recipient_domain.ascii}
    return with_consequence(
        finding, "consequence/mta-sts-refused", params, Severity.ERROR, Disposition.QUEUED
    )


def _tls_judged(result: Result, judgement: Judgement, finding: Finding) -> Finding:
    host = finding.params.get("host", "")
    params = {"host": host, "recipient": result.recipient_domain.ascii}
    if host in refused_hosts(result.transport):
        policy = (
            "DANE"
            if mx_transport(result.transport, host).basis[0].startswith("dane")
            else "MTA-STS"
        )
        return with_consequence(
            finding,
            "consequence/tls-refused",
            {**params, "policy": policy},
            Severity.ERROR,
            Disposition.QUEUED,
        )
    through = [p for p in judgement.paths if p.mx == host and p.reachable]
    disposition = max(
        (p.disposition for p in through), key=RANK.__getitem__, default=judgement.disposition
    )
    key = (
        "consequence/tls-clear"
        if finding.code == "starttls-missing"
        else "consequence/tls-unverified"
    )
    return with_consequence(finding, key, params, Severity.WARNING, disposition)


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
    return any(addr.family in _families(h) for h in mx.hosts if not h.ip_literal)


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


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- fixes, judged by the model

#: Findings whose fix is signing with DKIM d=SENDER (the model applies an aligned pass).
_DKIM_FIXES = ("dkim-missing", "dkim-not-aligned", "dkim-fail", "dmarc-fail")
#: Findings whose fix makes the reverse DNS of the address confirm.
_PTR_FIXES = ("ptr-missing", "fcrdns-failed")


def applied_fix(result: Result, finding: Finding) -> Result | None:
    """`result` as it would be with `finding`'s fix in place, or None when the model cannot
    apply that fix (it is advice in words, not a change of facts)."""
    if finding.fix is None:
        return None
    if finding.record is not None and finding.verified:
        return _with_spf(result, finding.verified)
    if finding.code in _PTR_FIXES:
        return _with_ptr(result, finding)
    if finding.code in _DKIM_FIXES:
        return _with_dkim(result)
    return None


def fix_outcome(result: Result, finding: Finding) -> Disposition | None:
    """The mail's disposition once the fix is applied, or None when it cannot be applied."""
    fixed = applied_fix(result, finding)
    return judge(fixed).disposition if fixed is not None else None


def _map_addresses(result: Result, change: Callable[[SendingAddress], SendingAddress]) -> Result:
    """`result` with every sending address passed through `change`."""
    hosts = tuple(
        replace(h, addresses=tuple(change(a) for a in h.addresses))
        for h in result.sending_hosts or ()
    )
    return replace(result, sending_hosts=hosts)


def _with_spf(result: Result, verified: tuple[str, ...]) -> Result:
    results: dict[str, SpfResult] = {}
    for entry in verified:
        ip, _, value = entry.rpartition(" ")
        try:
            results[ip] = SpfResult(value)
        except ValueError:
            continue

    def address(a: SendingAddress) -> SendingAddress:
        new = results.get(a.address)
        if new is None or a.spf is None:
            return a
        return replace(a, spf=replace(a.spf, result=new))

    fixed = _map_addresses(result, address)
    message = result.message
    if message is not None and message.spf is not None and message.spf_address in results:
        # The record fixes the sender's own domain: it counts for the message only when the
        # message's SPF identity (MAIL FROM) is in that domain.
        mail_from = message.parsed.mail_from_domain or ""
        if mail_from == result.sender_domain.ascii:
            spf = replace(message.spf, result=results[message.spf_address])
            fixed = replace(fixed, message=_redo_dmarc(result, replace(message, spf=spf)))
    return fixed


def _with_ptr(result: Result, finding: Finding) -> Result:
    targets = {a.address for a in _finding_addresses(result, finding)}

    def address(a: SendingAddress) -> SendingAddress:
        if a.address not in targets:
            return a
        return replace(a, fcrdns=True, ptr=a.ptr or (finding.params.get("host", "host"),))

    return _map_addresses(result, address)


def _with_dkim(result: Result) -> Result | None:
    """A valid DKIM signature d=SENDER added (what "sign with DKIM" does)."""
    from mailpath.core.auth.dkim import DkimSignature

    message = result.message
    if message is None:
        return None
    sender = result.sender_domain.ascii
    signature = DkimSignature(
        index=len(message.dkim),
        domain=sender,
        selector="fix",
        algorithm="rsa-sha256",
        result="pass",
        reason="",
        aligned=True,
        aligned_relaxed=True,
        aligned_strict=True,
    )
    return replace(
        result, message=_redo_dmarc(result, replace(message, dkim=(*message.dkim, signature)))
    )


def _redo_dmarc(result: Result, message: MessageInfo) -> MessageInfo:
    """The message's DMARC result again, from its (changed) SPF and DKIM results."""
    from mailpath.core.auth.dmarc import evaluate_dmarc

    info = result.dmarc
    if info is None or message.dmarc_result is None:
        return message
    parsed = message.parsed
    dmarc = evaluate_dmarc(
        info,
        parsed.from_domain or result.sender_domain.ascii,
        message.spf.result.value if message.spf is not None else None,
        parsed.mail_from_domain,
        [(s.domain, s.result) for s in message.dkim],
    )
    return replace(message, dmarc_result=dmarc)
