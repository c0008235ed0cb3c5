"""Findings of a received message (DKIM, ARC, DMARC, hops, the receiver's own results) and of
the DKIM keys asked for with a selector. The templates are entries of `findings.TEMPLATES`, so
translations render them like any other finding.
"""

from __future__ import annotations

from mailpath.core.dkim import DkimKey, DkimSignature
from mailpath.core.dmarc_findings import dmarc_result_findings
from mailpath.core.findings import finding, host_node
from mailpath.core.message import Handover
from mailpath.core.message_check import differences, forwarder_hops
from mailpath.core.model import Finding, MessageInfo, Result, Severity

SUBJECT = "dns:dkim"

#: RSA keys under this many bits are a warning; under MIN_RSA_BITS an error (RFC 8301).
GOOD_RSA_BITS = 2048
MIN_RSA_BITS = 1024


def message_findings(result: Result) -> list[Finding]:
    out: list[Finding] = []
    sender = result.sender_domain.ascii
    for key in result.dkim_keys:
        out += _key_findings(key)
    message = result.message
    if message is None:
        if not result.dkim_keys:
            out.append(finding(Severity.INFO, "dkim-unchecked", SUBJECT))
        return out
    out += _dkim_findings(message, sender, result.dmarc.adkim if result.dmarc else "r")
    if message.arc is not None and message.arc.result == "fail":
        out.append(finding(Severity.WARNING, "arc-fail", SUBJECT, reason=message.arc.reason))
    if message.dmarc_result is not None:
        out += dmarc_result_findings(message.dmarc_result, sender)
    forwarded = message.parsed.forwarded_by
    by_forwarder = set(forwarder_hops(message.parsed))
    if forwarded is not None:
        submission = message.parsed.submission
        # Forwarding is what it is; it costs nothing when an aligned DKIM signature passes.
        carried = any(s.result == "pass" and s.aligned for s in message.dkim)
        out.append(
            finding(
                Severity.INFO if carried else Severity.WARNING,
                "hop-unexpected/forwarder",
                _forwarder_node(result, forwarded),
                forwarder=forwarded.host or forwarded.address or "?",
                address=forwarded.address or "?",
                submission=(submission.host if submission else None) or "?",
                sender=sender,
            )
        )
    for index in message.unexpected_hops:
        if index in by_forwarder:
            continue  # said once, by the forwarder's finding
        hop = message.parsed.hops[index]
        out.append(
            finding(
                Severity.WARNING,
                "hop-unexpected",
                f"hop:{index}",
                by=hop.by or "?",
                sender=sender,
            )
        )
    authserv = _authserv(message)
    for method, theirs, ours in differences(message):
        out.append(
            finding(
                Severity.WARNING,
                "auth-results-differ",
                SUBJECT,
                authserv=authserv,
                method=method,
                theirs=theirs,
                ours=ours,
            )
        )
    return out


def _forwarder_node(result: Result, forwarded: Handover) -> str:
    """The route node that shows the forwarder: the sending host the analysis drew for it."""
    address, host = forwarded.address, forwarded.host
    for sending in result.sending_hosts or ():
        if sending.host in (address, host) or any(a.address == address for a in sending.addresses):
            return host_node(sending.host)
    return f"hop:{forwarded.hop}"


def _authserv(message: MessageInfo) -> str:
    for header in message.receiver_results:
        if header.authserv_id:
            return header.authserv_id
    return "The receiver"


def _dkim_findings(message: MessageInfo, sender: str, mode: str) -> list[Finding]:
    out: list[Finding] = []
    if not message.dkim:
        if not message.parsed.dkim_signatures:
            out.append(finding(Severity.WARNING, "dkim-missing", SUBJECT, sender=sender))
        return out
    any_aligned_pass = any(s.result == "pass" and s.aligned for s in message.dkim)
    for sig in message.dkim:
        names = {"domain": sig.domain or "?", "selector": sig.selector or "?"}
        if sig.result == "fail":
            severity = Severity.WARNING if any_aligned_pass else Severity.ERROR
            out.append(finding(severity, "dkim-fail", SUBJECT, reason=sig.reason, **names))
        elif sig.result in ("temperror", "permerror", "neutral"):
            severity = Severity.WARNING if any_aligned_pass else Severity.ERROR
            out.append(
                finding(
                    severity,
                    "dkim-fail/error",
                    SUBJECT,
                    result=sig.result,
                    reason=sig.reason,
                    **names,
                )
            )
        elif not sig.aligned and not any_aligned_pass:
            out.append(
                finding(
                    Severity.WARNING, "dkim-not-aligned", SUBJECT, sender=sender, mode=mode, **names
                )
            )
        if sig.body_length_limit is not None:
            out.append(
                finding(
                    Severity.WARNING,
                    "dkim-body-length",
                    SUBJECT,
                    length=sig.body_length_limit,
                    **names,
                )
            )
        weak = _weak(sig)
        if weak is not None:
            out.append(weak)
    return out


def _weak(sig: DkimSignature) -> Finding | None:
    if sig.key_type != "rsa" or sig.key_bits is None or sig.key_bits >= GOOD_RSA_BITS:
        return None
    severity = Severity.ERROR if sig.key_bits < MIN_RSA_BITS else Severity.WARNING
    name = f"{sig.selector}._domainkey.{sig.domain}"
    return finding(severity, "dkim-weak-key", SUBJECT, name=name, bits=sig.key_bits)


def _key_findings(key: DkimKey) -> list[Finding]:
    params = {"name": key.name, "selector": key.selector}
    if key.status == "weak" and key.key_bits is not None:
        severity = Severity.ERROR if key.key_bits < MIN_RSA_BITS else Severity.WARNING
        return [finding(severity, "dkim-weak-key", SUBJECT, name=key.name, bits=key.key_bits)]
    if key.status == "missing":
        return [finding(Severity.ERROR, "dkim-key-missing", SUBJECT, **params)]
    if key.status == "revoked":
        return [finding(Severity.WARNING, "dkim-key-revoked", SUBJECT, **params)]
    if key.status == "invalid":
        error = key.error or "not a DKIM key record"
        return [finding(Severity.ERROR, "dkim-key-invalid", SUBJECT, error=error, **params)]
    if key.status == "error":
        error = key.error or "lookup failed"
        return [finding(Severity.ERROR, "dkim-key-error", SUBJECT, error=error, **params)]
    return []
