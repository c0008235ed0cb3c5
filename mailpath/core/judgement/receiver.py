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

Everything a person reads derives from it: the headline (`verdict`), the consequence clause
and severity of each finding (`consequences.judge_findings`), the route's markers
(`core.route`) and whether a fix is offered (`fixes.fix_outcome`: a fix is kept only when the
model, run with the fix applied, moves the disposition toward `delivered`, and never when it
would authorize a host that only relays mail for the sender — a forwarder).

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
from collections.abc import Iterable
from dataclasses import dataclass

from mailpath.core.auth.dmarc import applied_policy
from mailpath.core.auth.spf import SpfResult
from mailpath.core.model import (
    MxHost,
    Result,
    SendingAddress,
    Severity,
    Status,
)
from mailpath.core.transport import refused_hosts

__all__ = [
    "Disposition",
    "Judgement",
    "Path",
    "disposition_severity",
    "judge",
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
        failed = [s for h in hosts for s in h.address_lookups if s.outcome.is_error]
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


def families(host: MxHost) -> set[int]:
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
                reachable = addr.family in families(mx_host) and mx_host.host not in down
                basis: tuple[str, ...]
                if reachable and mx_host.host in refused:
                    # The recipient's MTA-STS policy (enforce) does not name this host:
                    # senders that honour it refuse to hand the mail over there.
                    disposition, basis = Disposition.QUEUED, ("mta-sts:mx-mismatch",)
                elif reachable:
                    disposition, basis = auth.disposition, auth.basis
                elif addr.family not in families(mx_host):
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
                auth = _Auth(Disposition.QUEUED, ("mta-sts:mx-mismatch",), frozenset({"mta-sts"}))
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
        usable = [h for h in groups[pref] if h.host not in down and family in families(h)]
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
