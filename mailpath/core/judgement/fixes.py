"""Fixes, judged by the receiver model: the `Result` as it would be with a finding's fix
applied (`applied_fix`), and the disposition the model then gives (`fix_outcome`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from mailpath.core.auth.spf import SpfResult
from mailpath.core.judgement.receiver import Disposition, judge
from mailpath.core.model import Finding, MessageInfo, Result, SendingAddress

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
    targets = {a.address for a in finding_addresses(result, finding)}

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


#: Findings about one address family's gap: about the addresses of that family only.
_GAP_CODES = ("spf-ipv6-gap", "spf-ipv4-gap")


def finding_addresses(result: Result, finding: Finding) -> list[SendingAddress]:
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
