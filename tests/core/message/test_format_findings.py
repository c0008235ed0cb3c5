"""A received message that breaks RFC 5322 3.6 (two From fields, several From addresses, no
Date, no Message-ID): the facts the parser exposes and the findings a person reads. Messages
are built here; DNS is the loopback server."""

from __future__ import annotations

import asyncio
from typing import Any

from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.message.check import MessageInput, message_parties
from mailpath.core.message.parse import parse_message
from mailpath.core.model import Finding, Result
from mailpath.core.report import result_to_json

ZONE: dict[str, list[Any]] = {
    "example.org": [("TXT", "v=spf1 ip4:192.0.2.10 -all")],
    "_dmarc.example.org": [("TXT", "v=DMARC1; p=reject")],
    "evil.example": [("TXT", "v=spf1 -all")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "198.51.100.1")],
}

RECEIVED = (
    b"Received: from out.example.org (out.example.org [192.0.2.10])\r\n"
    b"        by mx.example.net with ESMTPS id 4ABC for <user@example.net>;\r\n"
    b"        Sat, 28 Nov 2026 04:32:06 +0900\r\n"
    b"Return-Path: <someone@example.org>\r\n"
)
DATE = b"Date: Sat, 28 Nov 2026 04:32:04 +0900\r\n"
MESSAGE_ID = b"Message-ID: <1.2.3@example.org>\r\n"
BODY = b"To: user@example.net\r\nSubject: hello\r\n\r\nHello.\r\n"


def message(from_fields: bytes, *, date: bool = True, message_id: bool = True) -> bytes:
    return (
        RECEIVED
        + from_fields
        + (DATE if date else b"")
        + (MESSAGE_ID if message_id else b"")
        + BODY
    )


def analyse(server: Any, data: bytes) -> Result:
    parsed = parse_message(data)
    sender, recipient, via = message_parties(parsed)
    source = LiveSource([Nameserver(server.address, server.port)], timeout=0.5, budget=10)
    return asyncio.run(analyze(source, sender, recipient, via, message=MessageInput(parsed)))


def found(result: Result, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def test_a_second_from_field_is_an_error_naming_both_and_the_one_used(dns_server: Any) -> None:
    # A From added above the signed one: the topmost is analysed, and the person is told so.
    data = message(b"From: Boss <ceo@evil.example>\r\nFrom: Someone <someone@example.org>\r\n")
    parsed = parse_message(data)
    assert parsed.from_headers == ("Boss <ceo@evil.example>", "Someone <someone@example.org>")
    assert parsed.from_addresses == ("ceo@evil.example", "someone@example.org")
    assert parsed.from_ambiguous
    result = analyse(dns_server(ZONE), data)
    [finding] = found(result, "from-multiple")
    assert finding.severity.value == "error"
    assert finding.template == "from-multiple"
    assert finding.params["used"] == "ceo@evil.example"
    assert finding.params["addresses"] == "ceo@evil.example; someone@example.org"
    assert "2 From fields" in finding.message
    assert "refuse" in finding.message and "ceo@evil.example, as the author" in finding.message
    assert result.sender_domain.ascii == "evil.example"  # the analysis kept the topmost
    data_json = result_to_json(result)["message"]
    assert data_json["from_ambiguous"] is True
    assert data_json["from_fields"] == 2
    assert data_json["from_addresses"] == ["ceo@evil.example", "someone@example.org"]


def test_a_from_field_with_two_addresses_is_the_same_error(dns_server: Any) -> None:
    data = message(b"From: someone@example.org, other@example.org\r\n")
    parsed = parse_message(data)
    assert len(parsed.from_headers) == 1 and parsed.from_ambiguous
    result = analyse(dns_server(ZONE), data)
    [finding] = found(result, "from-multiple")
    assert finding.severity.value == "error"
    assert finding.template == "from-multiple/addresses"
    assert finding.params["used"] == "someone@example.org"
    assert "2 addresses (someone@example.org; other@example.org)" in finding.message


def test_missing_date_and_message_id_are_warnings(dns_server: Any) -> None:
    data = message(b"From: someone@example.org\r\n", date=False, message_id=False)
    parsed = parse_message(data)
    assert parsed.date is None and parsed.message_id is None
    result = analyse(dns_server(ZONE), data)
    [date] = found(result, "message-date-missing")
    [message_id] = found(result, "message-id-missing")
    for finding, name in ((date, "Date"), (message_id, "Message-ID")):
        assert finding.severity.value == "warning"
        assert f"no {name} field" in finding.message
        assert finding.fix is not None and f"add a {name} field" in finding.fix
    data_json = result_to_json(result)["message"]
    assert data_json["date"] is None and data_json["message_id"] is None


def test_a_well_formed_message_has_none_of_these(dns_server: Any) -> None:
    data = message(b"From: Someone <someone@example.org>\r\n")
    parsed = parse_message(data)
    assert not parsed.from_ambiguous
    assert parsed.date == "Sat, 28 Nov 2026 04:32:04 +0900"
    assert parsed.message_id == "<1.2.3@example.org>"
    result = analyse(dns_server(ZONE), data)
    codes = {f.code for f in result.findings}
    assert not codes & {"from-multiple", "message-date-missing", "message-id-missing"}
