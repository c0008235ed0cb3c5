"""Every sentence the core can say, in both languages.

Walks every template key — finding messages and fixes, verdicts, the receiver model's
consequence clauses, route labels and details, the watch's changes, and the core's sentences
(input errors, saved-analysis errors, DKIM/ARC/DNS/authoritative/TLS reasons) — renders each
with sample parameters through the Japanese catalogue, and checks that it has a Japanese
rendering and that no English word is left outside the parameters and the terms Japanese text
keeps as they are (SPF, DKIM, DNS…). The Japanese catalogue has no unfinished entries.
"""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mailpath.gui.text import i18n

#: A parameter's stand-in: not ASCII, so it cannot be mistaken for a word of the template.
PARAM = "\u27e6p\u27e7"

#: Words Japanese text keeps in Latin letters: protocol and record names, tags, options,
#: placeholders of syntax, and names that are data (example.com).
TERMS = frozenset(
    [
        "SPF",
        "DKIM",
        "DMARC",
        "ARC",
        "MX",
        "PTR",
        "DNS",
        "IP",
        "IPv4",
        "IPv6",
        "TLS",
        "SOA",
        "TXT",
        "NS",
        "CNAME",
        "AAAA",
        "TTL",
        "NXDOMAIN",
        "NODATA",
        "SERVFAIL",
        "REFUSED",
        "FORMERR",
        "HTTP",
        "HTTPS",
        "SMTP",
        "STARTTLS",
        "URL",
        "DoH",
        "DoT",
        "IDNA",
        "UTF",
        "JSON",
        "Base64",
        "RFC",
        "CA",
        "PyNaCl",
        "ed25519",
        "rsa",
        "sha1",
        "sha256",
        "MAIL",
        "FROM",
        "From",
        "To",
        "Delivered-To",
        "X-Original-To",
        "Received",
        "Authentication-Results",
        "Return-Path",
        "Reply-To",
        "Sender",
        "Message-ID",
        "Date",
        "Subject",
        "helo",
        "HELO",
        "EHLO",
        "SMTP",
        "STARTTLS",
        "MTA-STS",
        "TLSA",
        "DANE",
        "FCrDNS",
        "MUA",
        "MTA",
        "PSL",
        "BIMI",
        "SENDER",
        "RECIPIENT",
        "FILE",
        "PORT",
        "HOST",
        "NAME",
        "IPV",
        "dns",
        "query",
        "tls",
        "https",
        "mailpath",
        "www",
        "example",
        "com",
        "org",
        "net",
        "jp",
        "gmail",
        "Gmail",
        "Google",
        "Microsoft",
        "Outlook",
        "Yahoo",
        "iCloud",
        "Apple",
        "Proton",
        "spf",
        "include",
        "all",
        "redirect",
        "exp",
        "ptr",
        "mx",
        "exists",
        "ip4",
        "ip6",
        "DMARC1",
        "DKIM1",
        "spf1",
        "none",
        "quarantine",
        "reject",
        "pass",
        "fail",
        "softfail",
        "neutral",
        "temperror",
        "permerror",
        "policy",
        "rua",
        "ruf",
        "pct",
        "adkim",
        "aspf",
        "sp",
        "np",
        "psd",
        "ruf",
        "fo",
        "rf",
        "ri",
        "relaxed",
        "strict",
        "p=none",
        "v=spf1",
        "dkim",
        "dmarc",
        "arc",
        "arc-seal",
        "ARC-Seal",
        "ARC-Message-Signature",
        "ARC-Authentication-Results",
        "DKIM-Signature",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "One-Click",
        "postmaster",
        "abuse",
        "localhost",
        "UDP",
        "TCP",
        "RSA",
        "null",
        "mail",
        "Web",
        "via",
        "void",
        "lookup",
        "mailto",
        "domainkey",
        "SELECTOR",
        "budget",
        "eml",
        "for",
        "dns-query",
        "IPv",
        "ASCII",
        "dkimpy",
        # Transport: record and policy syntax the user types as it is (RFC 8461
        # "version: STSv1", "mode: enforce|testing", "max_age:", text/plain; _smtp._tls;
        # _25._tcp; TLSA usages) and protocol names.
        "mta-sts",
        "smtp",
        "tcp",
        "version",
        "mode",
        "enforce",
        "testing",
        "max",
        "age",
        "Content-Type",
        "text",
        "plain",
        "TLS-RPT",
        "DNSSEC",
        "DNSKEY",
        "DANE-TA",
        "DANE-EE",
        "PKIX-TA",
        "PKIX-EE",
    ]
)

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-=][A-Za-z0-9]+)*")
#: Command-line options (--via, --budget) are typed as they are.
_OPTION = re.compile(r"--[a-z][a-z-]*")


class _Param(str):
    """A sample parameter: renders as PARAM whatever the format spec."""

    def __format__(self, spec: str) -> str:
        return PARAM


def _fields(template: str) -> list[str]:
    return [
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    ]


def _keys() -> Iterator[tuple[str, str, str, Callable[[str], str]]]:
    """(table, key, English template, translate) of every template a person can read."""
    import mailpath.core.auth.dkim
    import mailpath.core.dns.sources  # noqa: F401  (registers failures and outcomes)
    from mailpath.core.judgement.consequences import CONSEQUENCES
    from mailpath.core.judgement.verdict import TEMPLATES as VERDICTS
    from mailpath.core.route.graph import TEMPLATES as ROUTE
    from mailpath.core.sentences import all_templates, window_template
    from mailpath.core.transport import starttls  # noqa: F401  (registers the probe's errors)
    from mailpath.core.watch import TEMPLATES as WATCH
    from mailpath.gui.text.findings import CONTEXT as FINDINGS
    from mailpath.gui.text.findings import finding_templates
    from mailpath.gui.text.i18n import tr
    from mailpath.gui.text.labels import CONTEXT as ROUTE_CONTEXT
    from mailpath.gui.text.sentences import CONTEXT as SENTENCES

    def through(context: str) -> Callable[[str], str]:
        return lambda text: tr(context, text)

    for key, (message, fix) in finding_templates().items():
        yield "finding", key, message, through(FINDINGS)
        if fix:
            yield "fix", key, fix, through(FINDINGS)
    for key, text in VERDICTS.items():
        yield "verdict", key, text, through(FINDINGS)
    for key, text in CONSEQUENCES.items():
        yield "consequence", key, text, through(FINDINGS)
    for key, text in ROUTE.items():
        yield "route", key, text, through(ROUTE_CONTEXT)
    for key, text in WATCH.items():
        yield "watch", key, text, through("WatchChanges")
    for key in all_templates():
        yield "sentence", key, window_template(key), through(SENTENCES)


def _render(template: str, translate: Callable[[str], str]) -> str:
    params = {name: _Param(name) for name in _fields(template)}
    return translate(template).format(**params)


def _english_words(text: str) -> list[str]:
    """The ASCII words of 3+ letters in `text` that are not terms Japanese keeps."""
    words = []
    for word in _WORD.findall(_OPTION.sub(" ", text.replace(PARAM, " "))):
        letters = sum(c.isalpha() for c in word)
        # tag=value syntax (v=DMARC1, k=rsa) and algorithm or encoding names with digits
        # (rsa-sha256, UTF-8) are record syntax, the same in every language.
        syntax = "=" in word or any(c.isdigit() for c in word)
        if letters >= 3 and not syntax and word not in TERMS:
            words.append(word)
    return words


def _every_key() -> list[tuple[str, str, str]]:
    return [(table, key, text) for table, key, text, _ in _keys()]


def test_the_walk_covers_every_table() -> None:
    tables = {table for table, _, _ in _every_key()}
    assert tables == {"finding", "fix", "verdict", "consequence", "route", "watch", "sentence"}
    keys = {key for table, key, _ in _every_key() if table == "sentence"}
    # input errors, saved analyses, DKIM, ARC, DNS outcomes, authoritative, TLS, IDNA
    for prefix in ("input/", "recording/", "dkim/", "arc/", "outcome/", "authoritative/"):
        assert any(k.startswith(prefix) for k in keys), prefix
    assert any(k.startswith("smtp-probe/") for k in keys)  # the STARTTLS probe's errors
    assert "resolver-failure/tls_certificate" in keys and "idna/codepoint" in keys


def test_every_key_renders_in_english_with_its_parameters(qapp: Any) -> None:
    i18n.install("en")
    for _table, key, template, translate in _keys():
        shown = _render(template, translate)
        assert shown == template.format(**{n: PARAM for n in _fields(template)}), key


def test_every_key_has_japanese_and_no_english_reaches_the_japanese_window(qapp: Any) -> None:
    i18n.install("ja")
    problems = []
    try:
        for table, key, template, translate in _keys():
            shown = _render(template, translate)
            english = template.format(**{n: PARAM for n in _fields(template)})
            if _english_words(english) and shown == english:
                problems.append(f"{table} {key}: no Japanese for {template!r}")
                continue
            words = _english_words(shown)
            if words:
                problems.append(f"{table} {key}: English {words} in {shown!r}")
    finally:
        i18n.install("en")
    assert not problems, "\n".join(problems)


def test_the_japanese_catalogue_has_no_unfinished_entries() -> None:
    root = ET.parse(i18n.ts_path("ja")).getroot()
    unfinished = [
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if (message.find("translation") is None)
        or message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (message.findtext("translation") or "")
    ]
    assert unfinished == []


@pytest.mark.parametrize(
    ("text", "what"),
    [("a@b@example.com", "sender"), ("日本\u200d.jp", "recipient"), ("a..b", "recipient")],
)
def test_an_input_error_reaches_the_japanese_window_without_english(
    qapp: Any, text: str, what: str
) -> None:
    from mailpath.core.names import InputError, parse_party
    from mailpath.gui.window.inputs import localized_input_error

    with pytest.raises(InputError) as info:
        parse_party(text, what)
    i18n.install("ja")
    try:
        shown = localized_input_error(info.value.sentence)
    finally:
        i18n.install("en")
    # The typed value is a parameter; everything around it is Japanese.
    assert _english_words(shown.replace(repr(text), PARAM)) == [], shown


def test_dkim_reasons_reach_the_japanese_window_without_english(qapp: Any, dns_server: Any) -> None:
    """Real DKIM results (verified over the loopback server: malformed signatures, a key
    that is not published) give reasons the window shows in Japanese; the names from the
    message stay as they are."""
    import asyncio

    from mailpath.core.auth.dkim import verify_dkim
    from mailpath.core.dns.sources import LiveSource, Nameserver
    from mailpath.core.sentences import Sentence
    from mailpath.gui.text.sentences import sentence_text

    server = dns_server({})  # no key anywhere: NXDOMAIN for every key name
    message = (
        b"DKIM-Signature: v=1; a=rot13; b=AAAA; bh=AAAA; d=x.example; h=from; s=s\r\n"
        b"DKIM-Signature: v=1; a=rsa-sha256; b=!!!; bh=AAAA; d=x.example; h=from; s=s\r\n"
        b"DKIM-Signature: v=1; a=rsa-sha256; b=AAAA; bh=AAAA; d=x.example; h=to; s=s\r\n"
        b"DKIM-Signature: v=1; a=rsa-sha256; b=AAAA; bh=AAAA; d=x.example; h=from; s=s\r\n"
        b"From: Alice <alice@x.example>\r\n"
        b"To: bob@example.net\r\n"
        b"\r\n"
        b"Hello\r\n"
    )
    source = LiveSource([Nameserver(server.address, server.port)], timeout=2.0)
    results = asyncio.run(verify_dkim(source, message, "x.example"))
    reasons = [r.reason for r in results]
    assert [r.key for r in reasons if isinstance(r, Sentence)] == [
        "dkim/algorithm",
        "dkim/base64",
        "dkim/from-unsigned",
        "dkim/key-not-found",
    ]
    i18n.install("ja")
    try:
        shown = [sentence_text(r) for r in reasons]
    finally:
        i18n.install("en")
    for text, reason in zip(shown, reasons, strict=True):
        assert text != reason, text
        data = [str(v) for v in reason.params.values()]  # type: ignore[attr-defined]
        for value in data:
            text = text.replace(value, PARAM)
        assert _english_words(text) == [], text
