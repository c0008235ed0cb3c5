"""Receivers' requirements answered row by row.

The bundled example before and after its fix is replayed from its saved DNS answers; every
other case runs against the loopback DNS server with messages built and signed (dkimpy) here:
with and without List-Unsubscribe / List-Unsubscribe-Post, signed and unsigned, with a second
From, and forwarded with and without ARC.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from pathlib import Path
from typing import Any

import dkim
import pytest

from mailpath.cli import main
from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import LiveSource, Nameserver, ReplaySource
from mailpath.core.judgement.requirements import Requirement, evaluate, receivers
from mailpath.core.message.check import MessageInput, message_parties
from mailpath.core.message.parse import parse_message
from mailpath.core.model import Result
from tests.core.test_real_path import (
    FORWARDER_V4,
    SUBMISSION_V4,
    analyse,
    forwarded_message,
    forwarding_zone,
)
from tests.support.dkimkeys import rsa_key

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def replayed(name: str) -> Result:
    rec = open_recording(EXAMPLES / name)
    return asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))


def table(rows: tuple[Requirement, ...]) -> list[tuple[str, str, str, str | None]]:
    return [(r.audience, r.rule, r.status, r.fix_finding) for r in rows]


def row(result: Result, rule: str) -> Requirement:
    (found,) = [r for r in evaluate(result) if r.rule == rule]
    return found


# ---------------------------------------------------------------- the bundled example


def test_bundled_example_before_the_fix_row_by_row() -> None:
    rows = evaluate(replayed("seed.mailpath.json"))
    assert {r.receiver for r in rows} == {"gmail.com"}  # recognised from Gmail's MX hosts
    assert table(rows) == [
        # SPF gives none and DKIM is not visible from DNS: it may still be met by DKIM.
        ("all", "spf-or-dkim", "unknown", "spf-missing"),
        ("all", "ptr-fcrdns", "met", None),
        ("all", "tls", "unknown", None),
        ("all", "rfc5322", "unknown", None),
        ("all", "no-gmail-from", "met", None),
        ("all", "arc-for-forwarders", "unknown", None),
        ("all", "spam-rate", "unknown", None),
        ("bulk", "spf-and-dkim", "not-met", "spf-missing"),
        ("bulk", "dmarc-published", "not-met", "dmarc-missing"),
        ("bulk", "dmarc-aligned", "unknown", "spf-missing"),
        ("bulk", "one-click-unsubscribe", "unknown", None),
    ]
    by_rule = {r.rule: r for r in rows}
    # The fixes are the findings' own, word for word (the ones the receiver model kept).
    result = replayed("seed.mailpath.json")
    fixes = {f.code: f.fix for f in result.findings}
    assert by_rule["spf-and-dkim"].fix == fixes["spf-missing"]
    assert (
        by_rule["spf-and-dkim"].fix
        == 'Publish at ts.skr.jp this TXT record: "v=spf1 a:www274.sakura.ne.jp ~all"'
    )
    assert by_rule["dmarc-published"].fix == fixes["dmarc-missing"]
    assert by_rule["spf-and-dkim"].evidence == (
        "SPF gives 203.0.113.74 none, 2001:db8:e0::274 none."
    )
    assert by_rule["spam-rate"].evidence_params["tools"] == "https://postmaster.google.com/"
    assert all(r.source.startswith("https://") and r.date for r in rows)


def test_bundled_example_after_the_fix_row_by_row() -> None:
    rows = evaluate(replayed("seed-fixed.mailpath.json"))
    assert table(rows) == [
        ("all", "spf-or-dkim", "met", None),
        ("all", "ptr-fcrdns", "met", None),
        ("all", "tls", "unknown", None),
        ("all", "rfc5322", "unknown", None),
        ("all", "no-gmail-from", "met", None),
        ("all", "arc-for-forwarders", "unknown", None),
        ("all", "spam-rate", "unknown", None),
        # SPF passes now; DKIM still cannot be seen from DNS alone.
        ("bulk", "spf-and-dkim", "unknown", "dkim-unchecked"),
        ("bulk", "dmarc-published", "met", None),
        ("bulk", "dmarc-aligned", "met", None),
        ("bulk", "one-click-unsubscribe", "unknown", None),
    ]
    assert row(replayed("seed-fixed.mailpath.json"), "dmarc-published").evidence == (
        "_dmarc.ts.skr.jp publishes p=none."
    )


def test_bundled_received_message_row_by_row() -> None:
    # The seed message replayed from the seed's DNS answers (as tests/core/test_message_check
    # does): unsigned, SPF none, handed to mx.google.com over TLS, well-formed, no list headers.
    rec = open_recording(EXAMPLES / "seed.mailpath.json")
    parsed = parse_message((EXAMPLES / "seed.eml").read_bytes())
    sender, recipient, via = message_parties(parsed)
    result = asyncio.run(
        analyze(ReplaySource(rec.answers), sender, recipient, via, message=MessageInput(parsed))
    )
    rows = evaluate(result)
    assert table(rows) == [
        ("all", "spf-or-dkim", "not-met", "spf-missing"),
        ("all", "ptr-fcrdns", "met", None),
        ("all", "tls", "met", None),
        ("all", "rfc5322", "met", None),
        ("all", "no-gmail-from", "met", None),
        ("all", "arc-for-forwarders", "met", None),
        ("all", "spam-rate", "unknown", None),
        ("bulk", "spf-and-dkim", "not-met", "spf-missing"),
        ("bulk", "dmarc-published", "not-met", "dmarc-missing"),
        ("bulk", "dmarc-aligned", "not-met", "spf-missing"),
        ("bulk", "one-click-unsubscribe", "not-met", None),
    ]
    by_rule = {r.rule: r for r in rows}
    assert by_rule["spf-or-dkim"].evidence == (
        "SPF gives 203.0.113.74 none and the message carries no DKIM signature."
    )
    assert by_rule["tls"].evidence_params == {"by": "mx.google.com"}
    assert by_rule["one-click-unsubscribe"].evidence_template == "req/unsubscribe/missing"


def run_json(*argv: str) -> dict[str, Any]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["check", "--replay", str(EXAMPLES / "seed.mailpath.json"), *argv]) == 0
    data: dict[str, Any] = json.loads(buffer.getvalue())
    return data


def test_json_rows_follow_the_contract_and_receiver_asks_for_another() -> None:
    data = run_json("--json")
    first = data["requirements"][0]
    for key in ("receiver", "audience", "rule", "status", "evidence", "fix", "source"):
        assert key in first
    assert first["receiver"] == "gmail.com"
    outlook = run_json("--json", "--receiver", "outlook")["requirements"]
    assert {r["receiver"] for r in outlook} == {"outlook.com"}
    assert [r["rule"] for r in outlook] == [
        "spam-rate",
        "spf-and-dkim",
        "dmarc-published",
        "dmarc-aligned",
        "one-click-unsubscribe",
    ]
    assert [r["status"] for r in outlook][1:3] == ["not-met", "not-met"]


def test_text_report_has_the_section() -> None:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["check", "--replay", str(EXAMPLES / "seed.mailpath.json"), "--receiver", "yahoo"])
    text = buffer.getvalue()
    assert "Requirements of yahoo.com" in text
    assert "NOT MET [bulk] dmarc-published: No DMARC record applies to ts.skr.jp." in text
    assert "source: https://senders.yahooinc.com/best-practices/ (2024-02-01)" in text


def test_rules_are_data_files_with_both_languages() -> None:
    known = receivers()
    assert sorted(known) == ["gmail", "outlook", "yahoo"]
    for receiver in known.values():
        for rule in receiver.rules:
            assert rule.audience in ("all", "bulk")
            assert rule.text and rule.text_ja and rule.source.startswith("https://")


# ---------------------------------------------------------------- recognised from MX hosts


@pytest.mark.parametrize(
    ("mx", "expected"),
    [
        ("mta5.am0.yahoodns.net", "yahoo.com"),
        ("rcpt-example.mail.protection.outlook.com", "outlook.com"),
        ("aspmx.l.google.com", "gmail.com"),
        ("mx.example.net", None),
    ],
)
def test_receiver_is_recognised_from_the_recipients_mx(
    dns_server: Any, mx: str, expected: str | None
) -> None:
    zone = {
        **forwarding_zone(),
        "rcpt.example": [("MX", (10, mx))],
        mx: [("A", "198.51.100.40")],
    }
    server = dns_server(zone)
    source = LiveSource([Nameserver(server.address, server.port)], timeout=1.0, budget=10.0)
    result = asyncio.run(analyze(source, "corp.example", "rcpt.example", "mail.corp.example"))
    rows = evaluate(result)
    assert {r.receiver for r in rows} == ({expected} if expected else set())


# ---------------------------------------------------------------- messages built here

BODY = b"\r\nHello,\r\nthis month's offers.\r\n"
HEAD = (
    b"From: Alice <alice@corp.example>\r\n"
    b"To: user@gmail.com\r\n"
    b"Subject: Offers\r\n"
    b"Date: Fri, 27 Nov 2026 11:32:00 -0800\r\n"
    b"Message-ID: <offers-1@corp.example>\r\n"
)
UNSUBSCRIBE = (
    b"List-Unsubscribe: <mailto:u@corp.example>, <https://corp.example/u?id=1>\r\n"
    b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
)
SIGNED = [b"from", b"to", b"subject", b"date", b"message-id"]
LIST = [b"list-unsubscribe", b"list-unsubscribe-post"]


def received(protocol: bytes = b"ESMTPS") -> bytes:
    return (
        b"Delivered-To: user@gmail.com\r\n"
        b"Received: from mail.corp.example (mail.corp.example [192.0.2.25])\r\n"
        b"        by mx.google.com with " + protocol + b" id f41si1\r\n"
        b"        for <user@gmail.com>; Fri, 27 Nov 2026 11:32:03 -0800 (PST)\r\n"
        b"Return-Path: <alice@corp.example>\r\n"
    )


def message(
    head: bytes = HEAD, *, sign: list[bytes] | None = None, protocol: bytes = b"ESMTPS"
) -> bytes:
    original = head + BODY
    signature = b""
    if sign is not None:
        signature = bytes(
            dkim.sign(original, b"sel", b"corp.example", rsa_key(2048)[0], include_headers=sign)
        )
    return received(protocol) + signature + original


def zone() -> dict[str, list[Any]]:
    out = forwarding_zone()
    out["25.2.0.192.in-addr.arpa"] = [("PTR", "mail.corp.example")]
    return out


@pytest.fixture
def server(dns_server: Any) -> Any:
    return dns_server(zone())


def test_a_signed_one_click_unsubscribe_meets_every_rule_a_message_shows(server: Any) -> None:
    result = analyse(server, message(HEAD + UNSUBSCRIBE, sign=SIGNED + LIST))
    statuses = {r.rule: r.status for r in evaluate(result)}
    assert statuses == {
        "spf-or-dkim": "met",
        "ptr-fcrdns": "met",
        "tls": "met",
        "rfc5322": "met",
        "no-gmail-from": "met",
        "arc-for-forwarders": "met",
        "spam-rate": "unknown",
        "spf-and-dkim": "met",
        "dmarc-published": "met",
        "dmarc-aligned": "met",
        "one-click-unsubscribe": "met",
    }
    unsubscribe = row(result, "one-click-unsubscribe")
    assert unsubscribe.evidence_params == {
        "uri": "https://corp.example/u?id=1",
        "domain": "corp.example",
    }
    assert unsubscribe.fix is None


@pytest.mark.parametrize(
    ("head", "sign", "key"),
    [
        (HEAD, SIGNED, "req/unsubscribe/missing"),
        (HEAD + UNSUBSCRIBE.splitlines(True)[1], SIGNED, "req/unsubscribe/missing"),
        (
            HEAD
            + b"List-Unsubscribe: <mailto:u@corp.example>\r\n"
            + UNSUBSCRIBE.splitlines(True)[1],
            SIGNED + LIST,
            "req/unsubscribe/no-https",
        ),
        (HEAD + UNSUBSCRIBE.splitlines(True)[0], SIGNED + LIST[:1], "req/unsubscribe/no-post"),
        # Present, but the signature does not cover them (h= lacks them): anyone could add them.
        (HEAD + UNSUBSCRIBE, SIGNED, "req/unsubscribe/unsigned"),
        # Present, and nothing is signed at all.
        (HEAD + UNSUBSCRIBE, None, "req/unsubscribe/unsigned"),
    ],
)
def test_one_click_unsubscribe_not_met_says_what_is_missing(
    server: Any, head: bytes, sign: list[bytes] | None, key: str
) -> None:
    result = analyse(server, message(head, sign=sign))
    found = row(result, "one-click-unsubscribe")
    assert (found.status, found.evidence_template, found.audience) == ("not-met", key, "bulk")
    assert found.fix is not None and "List-Unsubscribe-Post" in found.fix


def test_unsigned_mail_meets_spf_or_dkim_but_not_spf_and_dkim(server: Any) -> None:
    result = analyse(server, message(sign=None))
    assert row(result, "spf-or-dkim").status == "met"
    both = row(result, "spf-and-dkim")
    assert (both.status, both.evidence_template) == ("not-met", "req/dkim/unsigned")
    assert both.fix_finding == "dkim-missing"
    assert both.fix == next(f.fix for f in result.findings if f.code == "dkim-missing")


def test_a_second_from_fails_rfc5322_with_the_findings_fix(server: Any) -> None:
    head = HEAD.replace(b"To:", b"From: Mallory <m@corp.example>\r\nTo:", 1)
    result = analyse(server, message(head, sign=SIGNED))
    found = row(result, "rfc5322")
    assert (found.status, found.evidence_params) == ("not-met", {"count": "2"})
    assert found.fix_finding == "from-multiple"
    assert found.fix == next(f.fix for f in result.findings if f.code == "from-multiple")


def test_a_missing_message_id_fails_rfc5322(server: Any) -> None:
    head = b"".join(line for line in HEAD.splitlines(True) if not line.startswith(b"Message-ID"))
    result = analyse(server, message(head, sign=SIGNED[:-1]))
    found = row(result, "rfc5322")
    assert (found.status, found.evidence_template) == ("not-met", "req/rfc5322/message-id")
    assert found.fix_finding == "message-id-missing"


def test_a_hop_without_tls_fails_the_tls_rule(server: Any) -> None:
    result = analyse(server, message(sign=SIGNED, protocol=b"ESMTP"))
    found = row(result, "tls")
    assert (found.status, found.evidence_params) == ("not-met", {"by": "mx.google.com"})
    assert found.fix == "Enable TLS (STARTTLS) for outgoing mail on mail.corp.example."


def test_a_gmail_from_sent_from_elsewhere_is_impersonation(server: Any) -> None:
    head = HEAD.replace(b"alice@corp.example", b"someone@gmail.com")
    data = message(head, sign=SIGNED).replace(b"<alice@corp.example>", b"<someone@gmail.com>")
    result = analyse(server, data)
    found = row(result, "no-gmail-from")
    assert (found.status, found.evidence_params) == ("not-met", {"sender": "gmail.com"})


# ---------------------------------------------------------------- forwarded


ARC_KEY = "arc._domainkey.forwarder.example"


def arc_sealed(data: bytes) -> bytes:
    results = (
        b"Authentication-Results: mx.forwarder.example; spf=pass "
        b"smtp.mailfrom=alice@corp.example; dkim=pass header.d=corp.example\r\n"
    )
    with_ar = results + data
    headers = dkim.arc_sign(
        with_ar, b"arc", b"forwarder.example", rsa_key(2048, 2)[0], b"mx.forwarder.example"
    )
    assert headers, "dkimpy produced no ARC set"
    return b"".join(bytes(h) for h in headers) + with_ar


def forwarding_zone_with_arc() -> dict[str, list[Any]]:
    out = forwarding_zone()
    out[ARC_KEY] = [("TXT", [f"v=DKIM1; k=rsa; p={rsa_key(2048, 2)[1]}"])]
    return out


def test_forwarded_without_arc_is_not_met_with_the_forwarder_findings_fix(
    dns_server: Any,
) -> None:
    result = analyse(dns_server(forwarding_zone_with_arc()), forwarded_message())
    found = row(result, "arc-for-forwarders")
    assert (found.status, found.evidence_template) == ("not-met", "req/arc/missing")
    assert found.evidence_params == {"host": "mx.forwarder.example"}
    assert found.fix_finding == "hop-unexpected"
    assert found.fix is not None and "ARC" in found.fix
    assert FORWARDER_V4 not in found.fix and SUBMISSION_V4 not in found.fix


def test_forwarded_with_a_valid_arc_chain_is_met(dns_server: Any) -> None:
    result = analyse(dns_server(forwarding_zone_with_arc()), arc_sealed(forwarded_message()))
    assert result.message is not None and result.message.arc is not None
    assert result.message.arc.result == "pass"
    found = row(result, "arc-for-forwarders")
    assert (found.status, found.evidence_template) == ("met", "req/arc/sealed")
