"""Receivers' published requirements, answered row by row from a `Result`.

Each large receiver's rules are a data file, `resources/receivers/<id>.toml`: the receiver, the
MX host names that mean it, its postmaster tools, and one `[[rule]]` per requirement with its
audience (``all`` senders or ``bulk`` senders), the date and address of the guideline it comes
from and a short text in English and Japanese. A rule change is an edit of that file; this
module knows what each rule id checks:

| rule                    | met when                                                          |
|-------------------------|-------------------------------------------------------------------|
| `spf-or-dkim`           | SPF passes, or a valid DKIM signature does                        |
| `spf-and-dkim`          | both pass                                                         |
| `dmarc-published`       | a DMARC record with p=none, quarantine or reject applies           |
| `dmarc-aligned`         | SPF or DKIM passes aligned with the From domain                   |
| `ptr-fcrdns`            | every sending address has forward-confirmed reverse DNS           |
| `tls`                   | a message's hop into the receiver was made over TLS               |
| `rfc5322`               | a message has exactly one From (one address), a Date, a Message-ID |
| `one-click-unsubscribe` | List-Unsubscribe with an https URI and List-Unsubscribe-Post:      |
|                         | List-Unsubscribe=One-Click, both covered by a valid DKIM signature |
| `no-gmail-from`         | the From domain is not Gmail's, or the mail authenticates as Gmail's |
| `arc-for-forwarders`    | no forwarder handed the message over, or its ARC chain validates  |
| `spam-rate`             | never known here: the receiver's postmaster tools report it       |

Each row is ``met``, ``not-met`` or ``unknown`` — unknown where the facts cannot decide (DKIM
from DNS alone, anything only a received message shows) — with its evidence and a fix. The
evidence is a `TEMPLATES` key and its parameters (the GUI renders them in its language). The
fix is, wherever the analysis has a finding about the same cause, that finding's own fix (the
one the receiver model, `core.judgement`, checked and kept), so a row never advises something
the findings contradict; only causes no finding covers (TLS, unsubscribe headers, a Gmail
From) take a fix from `TEMPLATES`.

The receiver is the one asked for (`Result.receiver`, `check --receiver`) or else the one
recognised from the recipient's MX host names; with neither there are no rows.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mailpath.core.model import Finding, Result, SendingAddress
from mailpath.paths import resource

__all__ = [
    "RECEIVERS",
    "TEMPLATES",
    "Receiver",
    "Requirement",
    "Rule",
    "evaluate",
    "receiver_for",
    "receivers",
    "requirements_to_json",
]

#: The receivers a data file exists for (`--receiver` choices).
RECEIVERS = ("gmail", "yahoo", "outlook")

#: Evidence and fixes of the rows: key -> English template (str.format fields).
TEMPLATES: dict[str, str] = {
    "req/spf-pass": "SPF passes for {addresses}.",
    "req/dkim-pass": "A valid DKIM signature d={domains} authenticates the message.",
    "req/no-auth/unsigned": "SPF gives {spf} and the message carries no DKIM signature.",
    "req/no-auth/failed": "SPF gives {spf} and no DKIM signature passes ({dkim}).",
    "req/no-auth/dkim-unchecked": (
        "SPF gives {spf}; whether the mail carries a valid DKIM signature is not visible from "
        "DNS alone."
    ),
    "req/no-sending-address": "No sending address is known, so SPF cannot be judged.",
    "req/both-pass": "SPF passes for {addresses} and DKIM d={domains} passes.",
    "req/spf-not-pass": "SPF gives {spf}.",
    "req/dkim/unsigned": "SPF passes, but the message carries no DKIM signature.",
    "req/dkim/failed": "SPF passes, but no DKIM signature passes ({dkim}).",
    "req/dkim/unchecked": (
        "SPF passes for {addresses}; whether the mail carries a valid DKIM signature is not "
        "visible from DNS alone."
    ),
    "req/dmarc/published": "_dmarc.{domain} publishes p={policy}.",
    "req/dmarc/missing": "No DMARC record applies to {sender}.",
    "req/dmarc/invalid": "The DMARC record at _dmarc.{domain} cannot be used.",
    "req/dmarc/lookup-failed": "The DMARC lookup for {sender} did not get an answer.",
    "req/dmarc/not-resolved": "DMARC was not looked up.",
    "req/aligned/spf": "SPF passes for {domain}, aligned with the From domain {sender}.",
    "req/aligned/dkim": "DKIM d={domain} passes, aligned with the From domain {sender}.",
    "req/aligned/none": "Neither SPF nor DKIM passes aligned with the From domain {sender}.",
    "req/aligned/dkim-unchecked": (
        "SPF passes but does not align with {sender}; whether an aligned DKIM signature is "
        "present is not visible from DNS alone."
    ),
    "req/ptr/ok": "Every sending address has forward-confirmed reverse DNS ({addresses}).",
    "req/ptr/missing": "No forward-confirmed reverse DNS for {addresses}.",
    "req/ptr/unknown": "The reverse DNS of {addresses} could not be checked.",
    "req/tls/yes": "The hop into {by} was made over TLS.",
    "req/tls/no": "The hop into {by} was made without TLS.",
    "req/tls/not-recorded": "The Received field of the hop into {by} does not say whether "
    "TLS was used.",
    "req/no-message": "Not visible from DNS: open a received message to check it.",
    "req/rfc5322/ok": "The message has one From address, a Date and a Message-ID.",
    "req/rfc5322/from": "The message has {count} From fields or addresses; RFC 5322 allows one.",
    "req/rfc5322/date": "The message has no Date field.",
    "req/rfc5322/message-id": "The message has no Message-ID field.",
    "req/unsubscribe/ok": (
        "List-Unsubscribe ({uri}) and List-Unsubscribe-Post: List-Unsubscribe=One-Click are "
        "both signed by DKIM d={domain}."
    ),
    "req/unsubscribe/missing": "The message has no List-Unsubscribe field.",
    "req/unsubscribe/no-https": "List-Unsubscribe offers no https URI ({value}).",
    "req/unsubscribe/no-post": (
        "The message has no List-Unsubscribe-Post: List-Unsubscribe=One-Click field."
    ),
    "req/unsubscribe/unsigned": (
        "No valid DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post."
    ),
    "req/gmail-from/other": "The From domain is {sender}, not Gmail's.",
    "req/gmail-from/authenticated": (
        "The From domain {sender} is Gmail's, and the mail authenticates as sent by it."
    ),
    "req/gmail-from/impersonated": (
        "The From domain {sender} is Gmail's, but the mail does not authenticate as sent by it."
    ),
    "req/arc/no-forwarder": "The message came from the sender's own server: no forwarder.",
    "req/arc/sealed": "The forwarder {host} added an ARC chain that validates.",
    "req/arc/missing": "The forwarder {host} added no ARC headers.",
    "req/arc/failed": "The ARC chain the forwarder {host} added does not validate ({result}).",
    "req/spam-rate": (
        "The spam rate is not visible in DNS or in a message; {name} reports it at {tools}."
    ),
    "req/unsupported": "mailpath cannot check the rule {rule}.",
    # Fixes for causes no finding covers.
    "req-fix/tls": "Enable TLS (STARTTLS) for outgoing mail on {host}.",
    "req-fix/unsubscribe": (
        'Add "List-Unsubscribe: <https://…>" and "List-Unsubscribe-Post: '
        "List-Unsubscribe=One-Click\" to bulk mail, and list both in the DKIM signature's h=."
    ),
    "req-fix/gmail-from": (
        "Send with a From address in your own domain: Gmail addresses send only through Gmail."
    ),
    "req-fix/arc": "Ask whoever runs {host} to add ARC headers (RFC 8617) to the mail it forwards.",
    "req-fix/rfc5322": "Make the sending software add the missing field.",
    "req-fix/spf-or-dkim": (
        "Publish an SPF record that lists the sending server, or sign the mail with DKIM."
    ),
}

_GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


@dataclass(frozen=True)
class Rule:
    id: str
    audience: str  # "all" | "bulk"
    date: str
    source: str
    text: str
    text_ja: str


@dataclass(frozen=True)
class Receiver:
    id: str  # "gmail"
    receiver: str  # "gmail.com"
    name: str
    mx: tuple[str, ...]
    postmaster: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Requirement:
    """One rule of one receiver, answered from the facts."""

    receiver: str
    audience: str
    rule: str
    status: str  # "met" | "not-met" | "unknown"
    evidence: str
    evidence_template: str
    evidence_params: Mapping[str, str]
    fix: str | None
    #: The fix's template: a `findings.TEMPLATES` key when `fix_finding` names the finding it
    #: was taken from, else a key of this module's `TEMPLATES`; "" without a fix.
    fix_template: str = ""
    fix_params: Mapping[str, str] = field(default_factory=dict)
    fix_finding: str | None = None
    source: str = ""
    date: str = ""
    text: str = ""
    text_ja: str = ""


def _load(path: Any) -> Receiver:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = tuple(
        Rule(
            id=str(r["id"]),
            audience=str(r.get("audience", "all")),
            date=str(r.get("date", "")),
            source=str(r.get("source", "")),
            text=str(r.get("en", "")),
            text_ja=str(r.get("ja", "")),
        )
        for r in data.get("rule", [])
    )
    return Receiver(
        id=str(data["id"]),
        receiver=str(data["receiver"]),
        name=str(data.get("name", data["receiver"])),
        mx=tuple(str(m).lower().rstrip(".") for m in data.get("mx", [])),
        postmaster=str(data.get("postmaster", "")),
        rules=rules,
    )


@functools.cache
def receivers() -> dict[str, Receiver]:
    """Every receiver with a data file, by id."""
    out: dict[str, Receiver] = {}
    for name in RECEIVERS:
        path = resource("receivers", f"{name}.toml")
        if path.is_file():
            out[name] = _load(path)
    return out


def receiver_for(result: Result) -> Receiver | None:
    """The receiver asked for (`result.receiver`), else the one the recipient's MX hosts
    belong to, else None."""
    known = receivers()
    if result.receiver:
        return known.get(result.receiver)
    hosts = [h.host.lower().rstrip(".") for h in (result.mx.hosts if result.mx else ())]
    for receiver in known.values():
        for host in hosts:
            if any(host == s or host.endswith("." + s) for s in receiver.mx):
                return receiver
    return None


# ---------------------------------------------------------------- facts


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


def _facts(result: Result) -> _Facts:
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
class _Answer:
    status: str
    key: str
    params: Mapping[str, str] = field(default_factory=dict)
    fix: Finding | None = None
    fix_key: str = ""  # a TEMPLATES fix when no finding has one
    fix_params: Mapping[str, str] = field(default_factory=dict)


def _spf_or_dkim(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    if f.spf == "pass":
        return _Answer("met", "req/spf-pass", {"addresses": f.spf_addresses})
    if f.dkim == "pass":
        return _Answer("met", "req/dkim-pass", {"domains": f.dkim_domains})
    fix = _finding(result, *_SPF_CODES) or _finding(result, *_DKIM_CODES)
    fallback = "" if fix else "req-fix/spf-or-dkim"
    if f.spf == "unknown":
        return _Answer("unknown", "req/no-sending-address", fix=fix)
    if f.dkim == "unchecked":
        return _Answer("unknown", "req/no-auth/dkim-unchecked", {"spf": f.spf_text}, fix, fallback)
    if f.dkim == "unsigned":
        return _Answer("not-met", "req/no-auth/unsigned", {"spf": f.spf_text}, fix, fallback)
    return _Answer(
        "not-met", "req/no-auth/failed", {"spf": f.spf_text, "dkim": f.dkim_text}, fix, fallback
    )


def _spf_and_dkim(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    if f.spf == "not-pass":
        return _Answer(
            "not-met", "req/spf-not-pass", {"spf": f.spf_text}, _finding(result, *_SPF_CODES)
        )
    if f.spf == "unknown":
        return _Answer("unknown", "req/no-sending-address")
    dkim_fix = _finding(result, *_DKIM_CODES)
    if f.dkim == "pass":
        return _Answer(
            "met", "req/both-pass", {"addresses": f.spf_addresses, "domains": f.dkim_domains}
        )
    if f.dkim == "unchecked":
        fix = _finding(result, "dkim-unchecked")
        return _Answer("unknown", "req/dkim/unchecked", {"addresses": f.spf_addresses}, fix)
    if f.dkim == "unsigned":
        return _Answer("not-met", "req/dkim/unsigned", fix=dkim_fix)
    return _Answer("not-met", "req/dkim/failed", {"dkim": f.dkim_text}, dkim_fix)


def _dmarc_published(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    dmarc = result.dmarc
    sender = result.sender_domain.ascii
    fix = _finding(result, *_DMARC_CODES)
    if dmarc is None:
        return _Answer("unknown", "req/dmarc/not-resolved")
    if dmarc.record and dmarc.policy in ("none", "quarantine", "reject"):
        return _Answer(
            "met", "req/dmarc/published", {"domain": dmarc.domain, "policy": dmarc.policy}
        )
    if dmarc.error_code == "lookup":
        return _Answer("unknown", "req/dmarc/lookup-failed", {"sender": sender}, fix)
    if dmarc.record:
        return _Answer("not-met", "req/dmarc/invalid", {"domain": dmarc.domain}, fix)
    return _Answer("not-met", "req/dmarc/missing", {"sender": sender}, fix)


def _dmarc_aligned(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    message = result.message
    sender = result.sender_domain.ascii
    if message is not None and message.dmarc_result is not None:
        d = message.dmarc_result
        if d.spf_aligned:
            domain = message.spf.domain if message.spf is not None else sender
            return _Answer("met", "req/aligned/spf", {"domain": domain, "sender": sender})
        if d.dkim_aligned:
            return _Answer("met", "req/aligned/dkim", {"domain": f.dkim_domains, "sender": sender})
        fix = (
            _finding(result, "dmarc-fail", "dkim-not-aligned")
            or _finding(result, *_SPF_CODES)
            or _finding(result, *_DKIM_CODES)
        )
        return _Answer("not-met", "req/aligned/none", {"sender": sender}, fix)
    dmarc = result.dmarc
    if f.spf == "pass":
        if dmarc is None or dmarc.spf_aligned is not False:
            return _Answer("met", "req/aligned/spf", {"domain": sender, "sender": sender})
        return _Answer(
            "unknown",
            "req/aligned/dkim-unchecked",
            {"sender": sender},
            _finding(result, "dkim-unchecked"),
        )
    if f.spf == "unknown":
        return _Answer("unknown", "req/no-sending-address")
    return _Answer(
        "unknown", "req/no-auth/dkim-unchecked", {"spf": f.spf_text}, _finding(result, *_SPF_CODES)
    )


def _ptr(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    addrs = _addresses(result)
    if not addrs:
        return _Answer("unknown", "req/no-sending-address")
    failing = [a.address for a in addrs if a.fcrdns is False]
    if failing:
        fix = _finding(result, "ptr-missing", "fcrdns-failed")
        return _Answer("not-met", "req/ptr/missing", {"addresses": ", ".join(failing)}, fix)
    unknown = [a.address for a in addrs if a.fcrdns is None]
    if unknown:
        return _Answer("unknown", "req/ptr/unknown", {"addresses": ", ".join(unknown)})
    return _Answer("met", "req/ptr/ok", {"addresses": ", ".join(a.address for a in addrs)})


def _tls(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    message = result.message
    handover = message.parsed.handover if message is not None else None
    if message is None or handover is None or not 0 <= handover.hop < len(message.parsed.hops):
        return _Answer("unknown", "req/no-message")
    hop = message.parsed.hops[handover.hop]
    by = hop.by or handover.by or receiver.receiver
    if hop.tls is True:
        return _Answer("met", "req/tls/yes", {"by": by})
    if hop.tls is False:
        host = handover.host or handover.address or "?"
        return _Answer(
            "not-met", "req/tls/no", {"by": by}, fix_key="req-fix/tls", fix_params={"host": host}
        )
    return _Answer("unknown", "req/tls/not-recorded", {"by": by})


def _rfc5322(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    message = result.message
    if message is None:
        return _Answer("unknown", "req/no-message")
    parsed = message.parsed
    count = max(len(parsed.from_headers), len(parsed.from_addresses))
    if count != 1:
        fix = _finding(result, "from-multiple")
        return _Answer(
            "not-met",
            "req/rfc5322/from",
            {"count": str(count)},
            fix,
            "" if fix else "req-fix/rfc5322",
        )
    if not parsed.date:
        fix = _finding(result, "message-date-missing")
        return _Answer(
            "not-met", "req/rfc5322/date", fix=fix, fix_key="" if fix else "req-fix/rfc5322"
        )
    if not parsed.message_id:
        fix = _finding(result, "message-id-missing")
        return _Answer(
            "not-met", "req/rfc5322/message-id", fix=fix, fix_key="" if fix else "req-fix/rfc5322"
        )
    return _Answer("met", "req/rfc5322/ok")


def _https_uri(value: str) -> str | None:
    """The first https URI of a List-Unsubscribe value (RFC 2369: <uri>, <uri>, …)."""
    for part in value.split(","):
        uri = part.strip().strip("<>").strip()
        if uri.lower().startswith("https://"):
            return uri
    return None


def _unsubscribe(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    message = result.message
    if message is None:
        return _Answer("unknown", "req/no-message")
    parsed = message.parsed
    fix = "req-fix/unsubscribe"
    values = parsed.header_values("List-Unsubscribe")
    if not values:
        return _Answer("not-met", "req/unsubscribe/missing", fix_key=fix)
    uri = next((u for u in map(_https_uri, values) if u), None)
    if uri is None:
        return _Answer(
            "not-met", "req/unsubscribe/no-https", {"value": values[0].strip()}, fix_key=fix
        )
    posts = [v.strip().lower() for v in parsed.header_values("List-Unsubscribe-Post")]
    if "list-unsubscribe=one-click" not in posts:
        return _Answer("not-met", "req/unsubscribe/no-post", fix_key=fix)
    if message.dkim_recorded and not message.dkim:
        return _Answer("unknown", "req/no-message")
    wanted = {"list-unsubscribe", "list-unsubscribe-post"}
    for sig in message.dkim:
        if sig.result == "pass" and wanted <= {h.lower() for h in sig.headers_signed}:
            return _Answer("met", "req/unsubscribe/ok", {"uri": uri, "domain": sig.domain})
    return _Answer("not-met", "req/unsubscribe/unsigned", fix_key=fix)


def _gmail_from(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    message = result.message
    author = (message.parsed.from_domain if message is not None else None) or (
        result.sender_domain.ascii
    )
    if author not in _GMAIL_DOMAINS:
        return _Answer("met", "req/gmail-from/other", {"sender": author})
    if message is not None and message.dmarc_result is not None:
        authenticated = message.dmarc_result.result == "pass"
    else:
        authenticated = f.spf == "pass"
    if authenticated:
        return _Answer("met", "req/gmail-from/authenticated", {"sender": author})
    return _Answer(
        "not-met", "req/gmail-from/impersonated", {"sender": author}, fix_key="req-fix/gmail-from"
    )


def _arc(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    message = result.message
    if message is None:
        return _Answer("unknown", "req/no-message")
    forwarded = message.parsed.forwarded_by
    if forwarded is None:
        return _Answer("met", "req/arc/no-forwarder")
    host = forwarded.host or forwarded.address or "?"
    arc = message.arc
    if arc is not None and arc.result == "pass":
        return _Answer("met", "req/arc/sealed", {"host": host})
    fix = _finding(result, "hop-unexpected")
    fallback = "" if fix else "req-fix/arc"
    if arc is None or arc.result == "none":
        return _Answer("not-met", "req/arc/missing", {"host": host}, fix, fallback, {"host": host})
    return _Answer(
        "not-met",
        "req/arc/failed",
        {"host": host, "result": arc.result},
        fix,
        fallback,
        {"host": host},
    )


def _spam_rate(result: Result, f: _Facts, receiver: Receiver) -> _Answer:
    return _Answer(
        "unknown", "req/spam-rate", {"name": receiver.name, "tools": receiver.postmaster}
    )


_RULES = {
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


def evaluate(result: Result, receiver: Receiver | None = None) -> tuple[Requirement, ...]:
    """Every rule of `receiver` (default: `receiver_for(result)`) answered from `result`;
    () when no receiver applies."""
    receiver = receiver or receiver_for(result)
    if receiver is None:
        return ()
    facts = _facts(result)
    out: list[Requirement] = []
    for rule in receiver.rules:
        check = _RULES.get(rule.id)
        answer = (
            check(result, facts, receiver)
            if check is not None
            else _Answer("unknown", "req/unsupported", {"rule": rule.id})
        )
        params = {k: str(v) for k, v in answer.params.items()}
        if answer.fix is not None:
            fix: str | None = answer.fix.fix
            fix_template, fix_params = answer.fix.template, dict(answer.fix.params)
            fix_finding: str | None = answer.fix.code
        elif answer.fix_key:
            fix_params = {k: str(v) for k, v in answer.fix_params.items()}
            fix, fix_template, fix_finding = (
                TEMPLATES[answer.fix_key].format(**fix_params),
                answer.fix_key,
                None,
            )
        else:
            fix, fix_template, fix_params, fix_finding = None, "", {}, None
        out.append(
            Requirement(
                receiver=receiver.receiver,
                audience=rule.audience,
                rule=rule.id,
                status=answer.status,
                evidence=TEMPLATES[answer.key].format(**params),
                evidence_template=answer.key,
                evidence_params=params,
                fix=fix,
                fix_template=fix_template,
                fix_params=fix_params,
                fix_finding=fix_finding,
                source=rule.source,
                date=rule.date,
                text=rule.text,
                text_ja=rule.text_ja,
            )
        )
    return tuple(out)


def requirements_to_json(rows: Sequence[Requirement]) -> list[dict[str, Any]]:
    return [
        {
            "receiver": r.receiver,
            "audience": r.audience,
            "rule": r.rule,
            "status": r.status,
            "evidence": r.evidence,
            "fix": r.fix,
            "source": r.source,
            "date": r.date,
            "text": r.text,
            "text_ja": r.text_ja,
            "evidence_template": r.evidence_template,
            "evidence_params": dict(r.evidence_params),
            "fix_template": r.fix_template or None,
            "fix_params": dict(r.fix_params),
            "fix_finding": r.fix_finding,
        }
        for r in rows
    ]


def render_lines(rows: Sequence[Requirement]) -> list[str]:
    """The text report's section: one line per rule, its evidence and fix beneath."""
    if not rows:
        return []
    marks = {"met": "met    ", "not-met": "NOT MET", "unknown": "unknown"}
    lines = [f"Requirements of {rows[0].receiver}"]
    for r in rows:
        lines.append(f"  {marks.get(r.status, r.status)} [{r.audience}] {r.rule}: {r.evidence}")
        if r.fix and r.status != "met":
            lines.append(f"        fix: {r.fix}")
    for source, date in dict.fromkeys((r.source, r.date) for r in rows):
        lines.append(f"  source: {source} ({date})")
    return lines
