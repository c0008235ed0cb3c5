"""The checks behind each rule id of the receivers' requirements (`requirements`).

Each check reads the facts of a `Result` and answers with a status ("met", "not-met",
"unknown"), an evidence key of `requirements.TEMPLATES` and its parameters, and a fix: the
finding about the same cause (whose fix the receiver model kept), or a fix key of
`requirements.TEMPLATES` where no finding covers the cause.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from mailpath.core.model import Finding, Result, SendingAddress

__all__ = ["RULES", "RuleAnswer", "facts_of"]


class ReceiverFacts(Protocol):
    """What a check needs of the receiver (`requirements.Receiver`)."""

    @property
    def receiver(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def postmaster(self) -> str: ...


_GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


@dataclass(frozen=True)
class _Facts:
    spf: str  # "pass" | "not-pass" | "unknown"
    spf_text: str  # "203.0.113.74 none, …"
    spf_addresses: str  # the addresses SPF was checked for
    dkim: str  # "pass" | "unsigned" | "failed" | "unchecked"
    dkim_domains: str  # d= of the passing signatures
    dkim_text: str  # "d=example.com fail, …"


def _addresses(result: Result) -> list[SendingAddress]:
    return [a for h in result.sending_hosts or () for a in h.addresses]


def facts_of(result: Result) -> _Facts:
    message = result.message
    if message is not None and message.spf is not None:
        where = message.spf_address or message.spf.ip
        spf_value = message.spf.result.value
        spf = "pass" if spf_value == "pass" else "not-pass"
        spf_text, spf_addresses = f"{where} {spf_value}", where
    else:
        addrs = _addresses(result)
        outcomes = [(a.address, a.spf.result.value if a.spf else None) for a in addrs]
        spf_text = ", ".join(f"{a} {r or '?'}" for a, r in outcomes)
        spf_addresses = ", ".join(a for a, _ in outcomes)
        if not outcomes:
            spf = "unknown"
        elif any(r not in ("pass", None) for _, r in outcomes):
            spf = "not-pass"
        elif all(r == "pass" for _, r in outcomes):
            spf = "pass"
        else:
            spf = "unknown"
    if message is None:
        return _Facts(spf, spf_text, spf_addresses, "unchecked", "", "")
    passing = [s.domain for s in message.dkim if s.result == "pass"]
    text = ", ".join(f"d={s.domain} {s.result}" for s in message.dkim)
    if passing:
        dkim = "pass"
    elif message.dkim:
        dkim = "failed"
    else:
        dkim = "unsigned"
    return _Facts(spf, spf_text, spf_addresses, dkim, ", ".join(passing), text)


def _finding(result: Result, *codes: str) -> Finding | None:
    """The first finding of these codes that carries a fix (the model kept it)."""
    for f in result.findings:
        if f.code in codes and f.fix:
            return f
    return None


_SPF_CODES = (
    "spf-missing",
    "spf-not-authorized",
    "spf-permerror",
    "spf-temperror",
    "spf-ipv6-gap",
    "spf-ipv4-gap",
    "spf-record-error",
    "spf-multiple-records",
    "spf-too-many-lookups",
)
_DKIM_CODES = (
    "dkim-missing",
    "dkim-key-missing",
    "dkim-fail",
    "dkim-permerror",
    "dkim-temperror",
    "dkim-not-aligned",
)
_DMARC_CODES = ("dmarc-missing", "dmarc-error", "dmarc-tag-missing")


@dataclass(frozen=True)
class RuleAnswer:
    status: str
    key: str
    params: Mapping[str, str] = field(default_factory=dict)
    fix: Finding | None = None
    fix_key: str = ""  # a TEMPLATES fix when no finding has one
    fix_params: Mapping[str, str] = field(default_factory=dict)


def _spf_or_dkim(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    if f.spf == "pass":
        return RuleAnswer("met", "req/spf-pass", {"addresses": f.spf_addresses})
    if f.dkim == "pass":
        return RuleAnswer("met", "req/dkim-pass", {"domains": f.dkim_domains})
    fix = _finding(result, *_SPF_CODES) or _finding(result, *_DKIM_CODES)
    fallback = "" if fix else "req-fix/spf-or-dkim"
    if f.spf == "unknown":
        return RuleAnswer("unknown", "req/no-sending-address", fix=fix)
    if f.dkim == "unchecked":
        return RuleAnswer(
            "unknown", "req/no-auth/dkim-unchecked", {"spf": f.spf_text}, fix, fallback
        )
    if f.dkim == "unsigned":
        return RuleAnswer("not-met", "req/no-auth/unsigned", {"spf": f.spf_text}, fix, fallback)
    return RuleAnswer(
        "not-met", "req/no-auth/failed", {"spf": f.spf_text, "dkim": f.dkim_text}, fix, fallback
    )


def _spf_and_dkim(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    if f.spf == "not-pass":
        return RuleAnswer(
            "not-met", "req/spf-not-pass", {"spf": f.spf_text}, _finding(result, *_SPF_CODES)
        )
    if f.spf == "unknown":
        return RuleAnswer("unknown", "req/no-sending-address")
    dkim_fix = _finding(result, *_DKIM_CODES)
    if f.dkim == "pass":
        return RuleAnswer(
            "met", "req/both-pass", {"addresses": f.spf_addresses, "domains": f.dkim_domains}
        )
    if f.dkim == "unchecked":
        fix = _finding(result, "dkim-unchecked")
        return RuleAnswer("unknown", "req/dkim/unchecked", {"addresses": f.spf_addresses}, fix)
    if f.dkim == "unsigned":
        return RuleAnswer("not-met", "req/dkim/unsigned", fix=dkim_fix)
    return RuleAnswer("not-met", "req/dkim/failed", {"dkim": f.dkim_text}, dkim_fix)


def _dmarc_published(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    dmarc = result.dmarc
    sender = result.sender_domain.ascii
    fix = _finding(result, *_DMARC_CODES)
    if dmarc is None:
        return RuleAnswer("unknown", "req/dmarc/not-resolved")
    if dmarc.record and dmarc.policy in ("none", "quarantine", "reject"):
        return RuleAnswer(
            "met", "req/dmarc/published", {"domain": dmarc.domain, "policy": dmarc.policy}
        )
    if dmarc.error_code == "lookup":
        return RuleAnswer("unknown", "req/dmarc/lookup-failed", {"sender": sender}, fix)
    if dmarc.record:
        return RuleAnswer("not-met", "req/dmarc/invalid", {"domain": dmarc.domain}, fix)
    return RuleAnswer("not-met", "req/dmarc/missing", {"sender": sender}, fix)


def _dmarc_aligned(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    message = result.message
    sender = result.sender_domain.ascii
    if message is not None and message.dmarc_result is not None:
        d = message.dmarc_result
        if d.spf_aligned:
            domain = message.spf.domain if message.spf is not None else sender
            return RuleAnswer("met", "req/aligned/spf", {"domain": domain, "sender": sender})
        if d.dkim_aligned:
            return RuleAnswer(
                "met", "req/aligned/dkim", {"domain": f.dkim_domains, "sender": sender}
            )
        fix = (
            _finding(result, "dmarc-fail", "dkim-not-aligned")
            or _finding(result, *_SPF_CODES)
            or _finding(result, *_DKIM_CODES)
        )
        return RuleAnswer("not-met", "req/aligned/none", {"sender": sender}, fix)
    dmarc = result.dmarc
    if f.spf == "pass":
        if dmarc is None or dmarc.spf_aligned is not False:
            return RuleAnswer("met", "req/aligned/spf", {"domain": sender, "sender": sender})
        return RuleAnswer(
            "unknown",
            "req/aligned/dkim-unchecked",
            {"sender": sender},
            _finding(result, "dkim-unchecked"),
        )
    if f.spf == "unknown":
        return RuleAnswer("unknown", "req/no-sending-address")
    return RuleAnswer(
        "unknown", "req/no-auth/dkim-unchecked", {"spf": f.spf_text}, _finding(result, *_SPF_CODES)
    )


def _ptr(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    addrs = _addresses(result)
    if not addrs:
        return RuleAnswer("unknown", "req/no-sending-address")
    failing = [a.address for a in addrs if a.fcrdns is False]
    if failing:
        fix = _finding(result, "ptr-missing", "fcrdns-failed")
        return RuleAnswer("not-met", "req/ptr/missing", {"addresses": ", ".join(failing)}, fix)
    unknown = [a.address for a in addrs if a.fcrdns is None]
    if unknown:
        return RuleAnswer("unknown", "req/ptr/unknown", {"addresses": ", ".join(unknown)})
    return RuleAnswer("met", "req/ptr/ok", {"addresses": ", ".join(a.address for a in addrs)})


def _tls(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    message = result.message
    handover = message.parsed.handover if message is not None else None
    if message is None or handover is None or not 0 <= handover.hop < len(message.parsed.hops):
        return RuleAnswer("unknown", "req/no-message")
    hop = message.parsed.hops[handover.hop]
    by = hop.by or handover.by or receiver.receiver
    if hop.tls is True:
        return RuleAnswer("met", "req/tls/yes", {"by": by})
    if hop.tls is False:
        host = handover.host or handover.address or "?"
        return RuleAnswer(
            "not-met", "req/tls/no", {"by": by}, fix_key="req-fix/tls", fix_params={"host": host}
        )
    return RuleAnswer("unknown", "req/tls/not-recorded", {"by": by})


def _rfc5322(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    message = result.message
    if message is None:
        return RuleAnswer("unknown", "req/no-message")
    parsed = message.parsed
    count = max(len(parsed.from_headers), len(parsed.from_addresses))
    if count != 1:
        fix = _finding(result, "from-multiple")
        return RuleAnswer(
            "not-met",
            "req/rfc5322/from",
            {"count": str(count)},
            fix,
            "" if fix else "req-fix/rfc5322",
        )
    if not parsed.date:
        fix = _finding(result, "message-date-missing")
        return RuleAnswer(
            "not-met", "req/rfc5322/date", fix=fix, fix_key="" if fix else "req-fix/rfc5322"
        )
    if not parsed.message_id:
        fix = _finding(result, "message-id-missing")
        return RuleAnswer(
            "not-met", "req/rfc5322/message-id", fix=fix, fix_key="" if fix else "req-fix/rfc5322"
        )
    return RuleAnswer("met", "req/rfc5322/ok")


def _header_values(headers: Sequence[tuple[str, str]], name: str) -> list[str]:
    """Values of every field called `name` (case-insensitive), topmost first."""
    wanted = name.lower()
    return [value for key, value in headers if key.lower() == wanted]


def _https_uri(value: str) -> str | None:
    """The first https URI of a List-Unsubscribe value (RFC 2369: <uri>, <uri>, …)."""
    for part in value.split(","):
        uri = part.strip().strip("<>").strip()
        if uri.lower().startswith("https://"):
            return uri
    return None


def _unsubscribe(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    message = result.message
    if message is None:
        return RuleAnswer("unknown", "req/no-message")
    parsed = message.parsed
    fix = "req-fix/unsubscribe"
    values = _header_values(parsed.headers, "List-Unsubscribe")
    if not values:
        return RuleAnswer("not-met", "req/unsubscribe/missing", fix_key=fix)
    uri = next((u for u in map(_https_uri, values) if u), None)
    if uri is None:
        return RuleAnswer(
            "not-met", "req/unsubscribe/no-https", {"value": values[0].strip()}, fix_key=fix
        )
    posts = [v.strip().lower() for v in _header_values(parsed.headers, "List-Unsubscribe-Post")]
    if "list-unsubscribe=one-click" not in posts:
        return RuleAnswer("not-met", "req/unsubscribe/no-post", fix_key=fix)
    if message.dkim_recorded and not message.dkim:
        return RuleAnswer("unknown", "req/no-message")
    wanted = {"list-unsubscribe", "list-unsubscribe-post"}
    for sig in message.dkim:
        if sig.result == "pass" and wanted <= {h.lower() for h in sig.headers_signed}:
            return RuleAnswer("met", "req/unsubscribe/ok", {"uri": uri, "domain": sig.domain})
    return RuleAnswer("not-met", "req/unsubscribe/unsigned", fix_key=fix)


def _gmail_from(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    message = result.message
    author = (message.parsed.from_domain if message is not None else None) or (
        result.sender_domain.ascii
    )
    if author not in _GMAIL_DOMAINS:
        return RuleAnswer("met", "req/gmail-from/other", {"sender": author})
    if message is not None and message.dmarc_result is not None:
        authenticated = message.dmarc_result.result == "pass"
    else:
        authenticated = f.spf == "pass"
    if authenticated:
        return RuleAnswer("met", "req/gmail-from/authenticated", {"sender": author})
    return RuleAnswer(
        "not-met", "req/gmail-from/impersonated", {"sender": author}, fix_key="req-fix/gmail-from"
    )


def _arc(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    message = result.message
    if message is None:
        return RuleAnswer("unknown", "req/no-message")
    forwarded = message.parsed.forwarded_by
    if forwarded is None:
        return RuleAnswer("met", "req/arc/no-forwarder")
    host = forwarded.host or forwarded.address or "?"
    arc = message.arc
    if arc is not None and arc.result == "pass":
        return RuleAnswer("met", "req/arc/sealed", {"host": host})
    fix = _finding(result, "hop-unexpected")
    fallback = "" if fix else "req-fix/arc"
    if arc is None or arc.result == "none":
        return RuleAnswer(
            "not-met", "req/arc/missing", {"host": host}, fix, fallback, {"host": host}
        )
    return RuleAnswer(
        "not-met",
        "req/arc/failed",
        {"host": host, "result": arc.result},
        fix,
        fallback,
        {"host": host},
    )


def _spam_rate(result: Result, f: _Facts, receiver: ReceiverFacts) -> RuleAnswer:
    return RuleAnswer(
        "unknown", "req/spam-rate", {"name": receiver.name, "tools": receiver.postmaster}
    )


RULES: dict[str, Callable[[Result, _Facts, ReceiverFacts], RuleAnswer]] = {
    "spf-or-dkim": _spf_or_dkim,
    "spf-and-dkim": _spf_and_dkim,
    "dmarc-published": _dmarc_published,
    "dmarc-aligned": _dmarc_aligned,
    "ptr-fcrdns": _ptr,
    "tls": _tls,
    "rfc5322": _rfc5322,
    "one-click-unsubscribe": _unsubscribe,
    "no-gmail-from": _gmail_from,
    "arc-for-forwarders": _arc,
    "spam-rate": _spam_rate,
}
