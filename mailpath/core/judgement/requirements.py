"""Receivers' published requirements, answered row by row from a `Result`.

Each large receiver's rules are a data file, `resources/receivers/<id>.toml`: the receiver, the
MX host names that mean it, its postmaster tools, and one `[[rule]]` per requirement with its
audience (``all`` senders or ``bulk`` senders), the date and address of the guideline it comes
from and a short text in English and Japanese. A rule change is an edit of that file;
`requirement_rules` knows what each rule id checks:

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
from pathlib import Path

from mailpath.core.jsontypes import JsonObject
from mailpath.core.judgement.requirement_rules import RULES, RuleAnswer, facts_of
from mailpath.core.model import Result
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
    "render_lines",
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


def _load(path: Path) -> Receiver:
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


def evaluate(result: Result, receiver: Receiver | None = None) -> tuple[Requirement, ...]:
    """Every rule of `receiver` (default: `receiver_for(result)`) answered from `result`;
    () when no receiver applies."""
    receiver = receiver or receiver_for(result)
    if receiver is None:
        return ()
    facts = facts_of(result)
    out: list[Requirement] = []
    for rule in receiver.rules:
        check = RULES.get(rule.id)
        answer = (
            check(result, facts, receiver)
            if check is not None
            else RuleAnswer("unknown", "req/unsupported", {"rule": rule.id})
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


def requirements_to_json(rows: Sequence[Requirement]) -> list[JsonObject]:
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
