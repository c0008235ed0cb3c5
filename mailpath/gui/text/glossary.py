"""The glossary: the terms a user meets in mailpath, explained for a non-expert, as data.

The terms live in data files translators edit: `resources/glossary/en.toml` (every term, in
the order the glossary lists them: key, title, text, advice, RFC) and one file per language
beside it (`ja.toml`: the same keys, translated title, text and advice). `terms()` gives them
in the current UI language (`i18n.current_language()`), reading each file once; a term or
field a translation lacks is shown in English. The text is plain text: a dialog must show it
as such, never as HTML.

`term_for_finding(code)` maps a finding's code (or its full template key, which is more
precise for a few verdicts) to the key of the term that explains it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from mailpath.gui.text.i18n import current_language, tr
from mailpath.paths import resource

CONTEXT = "Glossary"

#: The new name of Help → "Open Seed Example" (English source, Japanese translation), for
#: the Help menu; `example_action_text()` gives it in the UI language.
EXAMPLE_ACTION = (
    "Open &Example: Mail Marked Unverified",
    "例を開く(&E)：未認証と表示されたメール",
)
#: The Help menu entry that opens the glossary (English source, Japanese translation).
GLOSSARY_ACTION = ("&Glossary of Terms", "用語集(&G)")


def example_action_text() -> str:
    return tr("Glossary", "Open &Example: Mail Marked Unverified")


def glossary_action_text() -> str:
    return tr("Glossary", "&Glossary of Terms")


@dataclass(frozen=True)
class Term:
    key: str  # stable, English, never shown translated ("spf-softfail")
    title: str
    text: str  # what it is: 2-5 plain sentences
    advice: str | None  # what to do about it, when there is something to do
    rfc: str  # "RFC 7208 2.6.5": not translated

    def plain_text(self, with_title: bool = True) -> str:
        """Title, explanation, advice and RFC as one plain-text block."""
        parts = [self.title, "", self.text] if with_title else [self.text]
        if self.advice:
            parts += ["", tr("Glossary", "What to do: {advice}").format(advice=self.advice)]
        parts += ["", tr("Glossary", "Reference: {rfc}").format(rfc=self.rfc)]
        return "\n".join(parts)


@functools.cache
def _entries(lang: str) -> tuple[dict[str, str], ...]:
    """The [[term]] tables of `resources/glossary/<lang>.toml`; none when there is no file.
    Every value in them is a string (key, title, text, advice, rfc)."""
    import tomllib

    path = resource("glossary", f"{lang}.toml")
    if not path.exists():
        return ()
    with path.open("rb") as fh:
        return tuple(tomllib.load(fh).get("term", ()))


def __getattr__(name: str) -> tuple[str, ...]:
    # KEYS is read from the English file on first use, not at import (start-up).
    if name == "KEYS":
        return tuple(entry["key"] for entry in _entries("en"))
    raise AttributeError(name)


#: Every term's key, in the order the glossary lists them (from `en.toml`).
KEYS: tuple[str, ...]


def terms() -> list[Term]:
    """Every term, in the current UI language, in the order of the English file."""
    translated = {entry["key"]: entry for entry in _entries(current_language())}
    out = []
    for english in _entries("en"):
        entry = {**english, **translated.get(english["key"], {})}
        out.append(
            Term(
                english["key"],
                entry["title"],
                entry["text"],
                entry.get("advice") if "advice" in english else None,
                english["rfc"],
            )
        )
    return out


def term(key: str) -> Term | None:
    for item in terms():
        if item.key == key:
            return item
    return None


#: Finding code (the part of a template key before "/") -> term key.
CODE_TERMS: dict[str, str] = {
    # core/transport
    "mta-sts-invalid": "mta-sts",
    "mta-sts-policy-unreachable": "mta-sts",
    "mta-sts-policy-invalid": "mta-sts",
    "mta-sts-mx-mismatch": "mta-sts",
    "mta-sts-testing": "mta-sts",
    "mta-sts-max-age-short": "mta-sts",
    "tls-rpt-missing": "tls-rpt",
    "tls-rpt-invalid": "tls-rpt",
    "dnssec-bogus": "dnssec",
    "tlsa-unusable": "dane",
    "dane-without-dnssec": "dane",
    "starttls-missing": "starttls",
    "certificate-untrusted": "starttls",
    "certificate-expired": "starttls",
    "certificate-name-mismatch": "starttls",
    "tlsa-mismatch": "tlsa",
    "smtp-probe-failed": "starttls",
    "blocklisted": "dnsbl",
    "blocklist-refused": "dnsbl",
    "bimi-invalid": "bimi",
    "bimi-not-eligible": "bimi",
    "bimi-svg-invalid": "bimi",
    "bimi-certificate-expired": "bimi",
    # core/findings.py (also the DMARC and message findings, whose templates live there)
    "arc-fail": "arc",
    "auth-results-differ": "authentication-results",
    "dkim-body-length": "dkim-length",
    "dkim-fail": "dkim-body-hash",
    "dkim-key-error": "dkim-selector",
    "dkim-key-invalid": "dkim-selector",
    "dkim-key-missing": "dkim-selector",
    "dkim-key-revoked": "dkim-revoked",
    "dkim-missing": "dkim",
    "dkim-not-aligned": "dmarc-alignment",
    "dkim-permerror": "dkim",
    "dkim-temperror": "timeout",
    "dkim-unchecked": "dkim",
    "dkim-weak-key": "dkim-key-size",
    "dmarc-error": "dmarc",
    "dmarc-fail": "dmarc-policy",
    "dmarc-legacy-divergence": "dmarc-tree-walk",
    "dmarc-missing": "dmarc",
    "dmarc-nonexistent": "dmarc-policy",
    "dmarc-policy-none": "dmarc-policy",
    "dmarc-psd-policy": "dmarc-tree-walk",
    "dmarc-record-ignored": "dmarc",
    "dmarc-report-scheme": "dmarc-reports",
    "dmarc-report-unauthorized": "dmarc-reports",
    "dmarc-tag-ignored": "dmarc",
    "dmarc-tag-invalid": "dmarc",
    "dmarc-tag-legacy": "dmarc",
    "dmarc-tag-missing": "dmarc",
    "dmarc-tag-syntax": "dmarc",
    "dmarc-tag-unknown": "dmarc",
    "dmarc-testing": "dmarc-testing",
    "domain-nxdomain": "nxdomain",
    "fcrdns-failed": "fcrdns",
    "from-multiple": "dmarc-alignment",
    "hop-unexpected": "received",
    "message-date-missing": "received",
    "message-id-missing": "received",
    "mx-cname": "mx",
    "mx-down": "mx-preference",
    "mx-family-unreachable": "mx",
    "mx-host-unresolved": "mx",
    "mx-implicit": "implicit-mx",
    "mx-ip-literal": "mx",
    "mx-lookup-failed": "servfail",
    "mx-missing": "implicit-mx",
    "mx-null": "null-mx",
    "ptr-missing": "ptr",
    "sending-host-assumed": "received",
    "sending-host-unknown": "received",
    "sending-host-unresolved": "received",
    "spf-ipv4-gap": "spf",
    "spf-ipv6-gap": "spf",
    "spf-missing": "spf-none",
    "spf-multiple-records": "spf-permerror",
    "spf-neutral-all": "spf-all",
    "spf-not-authorized": "spf-softfail",
    "spf-pass-all": "spf-all",
    "spf-permerror": "spf-permerror",
    "spf-ptr": "ptr",
    "spf-record-error": "spf-permerror",
    "spf-temperror": "spf-temperror",
    "spf-too-many-lookups": "spf-lookup-limit",
    "spf-void-lookups": "spf-void-limit",
    # core/verdict.py
    "flagged": "spf-softfail",
    "incomplete": "timeout",
    "lookup-failed": "servfail",
    "no-route": "mx",
    "nxdomain": "nxdomain",
    "queued": "mx-preference",
    "refused": "spf-fail",
    "unverified": "unverified",
    "verified": "spf-pass",
    # core/authoritative.py
    "ns-disagree": "authoritative",
    "ns-lame": "authoritative",
    "ns-unreachable": "authoritative",
    "stale-cache": "ttl",
}

#: Full template keys that a more precise term explains than their code's.
TEMPLATE_TERMS: dict[str, str] = {
    "flagged/ptr": "ptr",
    "flagged/fcrdns": "fcrdns",
    "flagged/dmarc": "dmarc-policy",
    "refused/dmarc": "dmarc-policy",
    "unverified/neutral": "spf-neutral",
    "unverified/permerror": "spf-permerror",
    "verified/dkim": "dkim",
    "no-route/null": "null-mx",
    "incomplete/no-sender": "received",
    "lookup-failed/spf": "spf-temperror",
    "dkim-fail/signature": "dkim",
    "dkim-permerror/key": "dkim-selector",
    "dmarc-tag-legacy/pct": "dmarc-testing",
    "spf-not-authorized/fail": "spf-fail",
    "spf-not-authorized/neutral": "spf-neutral",
}

#: A code no table knows (a finding added later) falls back by its prefix.
_PREFIX_TERMS = (
    ("spf-", "spf"),
    ("dkim-", "dkim"),
    ("dmarc-", "dmarc"),
    ("arc-", "arc"),
    ("mx-", "mx"),
    ("ns-", "authoritative"),
)


def term_for_finding(code: str) -> str | None:
    """The key of the term explaining a finding's code or template key; None if unknown."""
    code = code or ""
    if code in TEMPLATE_TERMS:
        return TEMPLATE_TERMS[code]
    if code.endswith("/message"):
        return term_for_finding(code[: -len("/message")])
    base = code.split("/")[0]
    if base in CODE_TERMS:
        return CODE_TERMS[base]
    for prefix, key in _PREFIX_TERMS:
        if base.startswith(prefix):
            return key
    return None
