"""Findings of a received message (DKIM, ARC, DMARC, hops, the receiver's own results) and of
the DKIM keys asked for with a selector. The templates are in `templates/message.py`, so
translations render them like any other finding.
"""

from __future__ import annotations

import datetime

from mailpath.core.auth.dkim import CLOCK_SLACK, DkimKey, DkimSignature, LimitHit, printable
from mailpath.core.judgement.dmarc_findings import dmarc_result_findings
from mailpath.core.judgement.finding import finding, host_node
from mailpath.core.message.check import difference_cause, differences, forwarder_hops
from mailpath.core.message.parse import Handover, ParsedMessage, field_addresses, handover_via
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
    out += format_findings(message.parsed)
    handover = message.parsed.handover
    if result.inputs.via is None and handover is not None and handover_via(handover) is None:
        out.append(
            finding(
                Severity.INFO,
                "sending-host-unknown/message",
                f"hop:{handover.hop}",
                host=printable((handover.host or "?")[:120]),
                by=printable((handover.by or "?")[:120]),
            )
        )
    out += _dkim_findings(message, sender, result.dmarc.adkim if result.dmarc else "r")
    if message.arc is not None and message.arc.limit is not None:
        kind, limit = _limit_params(message.arc.limit)
        out.append(finding(Severity.INFO, f"arc-fail/{kind}", SUBJECT, **limit))
    elif message.arc is not None and message.arc.result == "fail":
        out.append(finding(Severity.WARNING, "arc-fail", SUBJECT, reason=message.arc.reason))
    if message.dmarc_result is not None:
        out += dmarc_result_findings(message.dmarc_result, sender)
    out += _hop_findings(result, message)
    out += _difference_findings(message)
    return out


def _hop_findings(result: Result, message: MessageInfo) -> list[Finding]:
    """A forwarder on the way, and hops off the predicted route (once each)."""
    out: list[Finding] = []
    sender = result.sender_domain.ascii
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
    return out


def _difference_findings(message: MessageInfo) -> list[Finding]:
    """Where the receiver's own Authentication-Results differ from checking again now."""
    out: list[Finding] = []
    authserv = _authserv(message)
    for method, theirs, ours in differences(message):
        cause = difference_cause(message, method)
        template = "auth-results-differ"
        extra: dict[str, str] = {}
        if cause is not None:
            template = f"auth-results-differ/{cause.kind}"
            if cause.name is not None:
                extra["name"] = cause.name
        out.append(
            finding(
                Severity.WARNING,
                template,
                SUBJECT,
                authserv=authserv,
                method=method,
                theirs=theirs,
                ours=ours,
                **extra,
            )
        )
    return out


#: From fields or addresses named in a finding, at most.
MAX_SHOWN = 10
#: The node the message's own format findings point at: the software that wrote it.
FORMAT_SUBJECT = "client"


def format_findings(parsed: ParsedMessage) -> list[Finding]:
    """RFC 5322 3.6 in the message itself: one From field with one address, a Date field and
    a Message-ID. A message with several From fields or addresses is refused by large
    receivers (`ParsedMessage.from_ambiguous`); the finding says which author was analysed."""
    out: list[Finding] = []
    if parsed.from_ambiguous:
        several_fields = len(parsed.from_headers) > 1
        if several_fields:
            shown = [
                ", ".join(field_addresses(v)[:MAX_SHOWN]) or v[:80] for v in parsed.from_headers
            ]
        else:
            shown = list(parsed.from_addresses)
        if len(shown) > MAX_SHOWN:  # a hostile message may carry thousands
            shown = [*shown[:MAX_SHOWN], "…"]
        out.append(
            finding(
                Severity.ERROR,
                "from-multiple" if several_fields else "from-multiple/addresses",
                FORMAT_SUBJECT,
                count=len(parsed.from_headers) if several_fields else len(parsed.from_addresses),
                addresses="; ".join(shown),
                used=parsed.from_address or "?",
            )
        )
    if parsed.date is None:
        out.append(finding(Severity.WARNING, "message-date-missing", FORMAT_SUBJECT))
    if parsed.message_id is None:
        out.append(finding(Severity.WARNING, "message-id-missing", FORMAT_SUBJECT))
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
        names = {"domain": printable(sig.domain), "selector": printable(sig.selector)}
        if sig.result != "pass":
            severity = Severity.WARNING if any_aligned_pass else Severity.ERROR
            out.append(_failure_finding(sig, severity))
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


def _failure_finding(sig: DkimSignature, severity: Severity) -> Finding:
    """The one finding of a signature that did not pass, chosen by `sig.failure` (data, never
    the English reason). A key location is named only when d= and s= were valid names, that
    is when the key was looked up."""
    params: dict[str, str] = {
        "domain": printable(sig.domain),
        "selector": printable(sig.selector),
    }
    name = sig.lookup.name if sig.lookup is not None else None
    reason = printable(sig.reason)
    failure = sig.failure
    if sig.limit is not None:
        key, limit = _limit_params(sig.limit)
        if key == "budget":
            # Out of time says nothing about the signature: never more than a warning.
            return finding(Severity.WARNING, "dkim-temperror/budget", SUBJECT, **limit, **params)
        return finding(severity, f"dkim-permerror/{key}", SUBJECT, **limit, **params)
    if failure == "key-missing" and name is not None and sig.lookup is not None:
        outcome = sig.lookup.outcome.upper()
        return finding(
            severity, "dkim-key-missing/signature", SUBJECT, name=name, outcome=outcome, **params
        )
    if failure == "temperror" and name is not None and sig.lookup is not None:
        # DNS trouble says nothing about the signature: never more than a warning.
        outcome = sig.lookup.outcome.upper()
        return finding(
            Severity.WARNING, "dkim-temperror", SUBJECT, name=name, outcome=outcome, **params
        )
    if failure == "body-changed":
        return finding(severity, "dkim-fail/body-changed", SUBJECT, **params)
    if failure == "signature-mismatch" and name is not None:
        return finding(severity, "dkim-fail/signature", SUBJECT, name=name, **params)
    if failure == "expired" and sig.expiration is not None:
        return finding(
            severity,
            "dkim-permerror/expired",
            SUBJECT,
            expired=_utc(sig.expiration),
            slack=CLOCK_SLACK,
            **params,
        )
    if failure == "key-invalid" and name is not None:
        return finding(severity, "dkim-permerror/key", SUBJECT, name=name, reason=reason, **params)
    if failure == "not-evaluated":
        return finding(severity, "dkim-permerror/not-evaluated", SUBJECT, reason=reason, **params)
    if failure == "permerror" and sig.algorithm == "rsa-sha1":
        return finding(severity, "dkim-permerror/rsa-sha1", SUBJECT, **params)
    if failure is not None and sig.result in ("permerror", "neutral"):
        return finding(severity, "dkim-permerror", SUBJECT, reason=reason, **params)
    # A saved analysis from before failures were recorded: its result and reason only.
    if sig.result == "fail":
        return finding(severity, "dkim-fail", SUBJECT, reason=reason, **params)
    if sig.result == "temperror":
        return finding(
            Severity.WARNING, "dkim-temperror/recorded", SUBJECT, reason=reason, **params
        )
    return finding(
        severity, "dkim-permerror/recorded", SUBJECT, result=sig.result, reason=reason, **params
    )


def _limit_params(limit: LimitHit) -> tuple[str, dict[str, str]]:
    """The template suffix and parameters of a mailpath limit that stopped verification."""
    if limit.kind == "budget":
        seconds = "?" if limit.maximum is None else f"{limit.maximum:g}"
        return "budget", {"budget": seconds}
    params = {
        "size": f"{limit.size:,}" if limit.size is not None else "?",
        "maximum": f"{limit.maximum:,.0f}" if limit.maximum is not None else "?",
    }
    if limit.kind != "header-block":
        params["header"] = printable(limit.header or "?")
    return limit.kind, params


def _utc(ts: int) -> str:
    try:
        return datetime.datetime.fromtimestamp(ts, datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, OSError, ValueError):
        return str(ts)


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
