"""Received messages read into their real path: fixtures written for the project, and hostile
input that must give a result (or one clear MessageError), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailpath.core.message.check import receiving_results
from mailpath.core.message.parse import (
    MessageError,
    ParsedMessage,
    find_handover,
    handover_to_json,
    message_from_json_headers,
    message_to_json,
    message_to_json_headers,
    parse_message,
)
from mailpath.core.message.received import parse_received
from mailpath.core.names import InputError

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[3]


def load(name: str) -> ParsedMessage:
    return parse_message((DATA / name).read_bytes())


# -- the seed story ------------------------------------------------------------------------


def test_gmail_receiving_from_sakura() -> None:
    msg = load("gmail_from_sakura.eml")
    assert (msg.from_address, msg.from_domain) == ("someone@ts.skr.jp", "ts.skr.jp")
    assert (msg.mail_from, msg.mail_from_domain) == ("someone@ts.skr.jp", "ts.skr.jp")
    assert (msg.recipient_domain, msg.recipient_source) == ("gmail.com", "delivered-to")
    submission, mx, internal = msg.hops
    assert (submission.helo, submission.from_address, submission.by) == (
        "[192.168.1.10]",
        "192.0.2.10",
        "www274.sakura.ne.jp",
    )
    assert (submission.protocol, submission.tls, submission.delay_s) == ("ESMTPSA", True, None)
    assert submission.time == "2026-11-27T19:32:05+00:00"
    assert (mx.from_name, mx.from_address, mx.by) == (
        "www274.sakura.ne.jp",
        "203.0.113.74",
        "mx.google.com",
    )
    assert (mx.protocol, mx.tls, mx.delay_s, mx.for_address) == (
        "ESMTPS",
        True,
        1.0,
        "user@gmail.com",
    )
    assert (internal.from_address, internal.by, internal.tls) == (
        None,
        "2002:a05:7010:8a0c:b0:3e4:1f2a:9b7c",
        False,
    )
    assert handover_to_json(msg.handover) == {
        "address": "203.0.113.74",
        "host": "www274.sakura.ne.jp",
        "hop": 1,
    }
    assert msg.dkim_signatures == ()
    assert not msg.has_arc
    assert msg.subject == "ts.skr.jp からのテスト送信"
    assert (msg.body_present, msg.headers_only, msg.notes) == (True, False, ())
    (results,) = receiving_results(msg)
    assert results.authserv_id == "mx.google.com"
    assert [(r.method, r.result) for r in results.results] == [
        ("spf", "none"),
        ("dkim", "none"),
        ("dmarc", "none"),
    ]


def test_bundled_seed_message_matches_the_seed_analysis() -> None:
    msg = parse_message((ROOT / "resources/examples/seed.eml").read_bytes())
    analysis = json.loads((ROOT / "resources/examples/seed.mailpath.json").read_text())
    addresses = {
        record
        for query in analysis["queries"]
        if query["name"] == "www274.sakura.ne.jp"
        for record in query["records"]
    }
    assert msg.handover is not None
    assert msg.handover.address in addresses
    assert (msg.from_domain, msg.recipient_domain) == (
        analysis["inputs"]["sender"],
        analysis["inputs"]["recipient"],
    )
    assert msg.handover.host == analysis["inputs"]["via"]


def test_handover_with_the_callers_mx_domains() -> None:
    msg = load("gmail_from_sakura.eml")
    handover = find_handover(msg.hops, {"gmail.com", "gmail-smtp-in.l.google.com"})
    assert handover is not None
    assert (handover.hop, handover.address, handover.by) == (1, "203.0.113.74", "mx.google.com")
    # Gmail's internal hop (no `from`) continues the chain to the server that received it...
    assert find_handover(msg.hops, {"example.net"}) == handover
    # ...but a newest named `by` outside the given domains ends the walk.
    assert find_handover(msg.hops[:2], {"example.net"}) is None


# -- other real-world shapes ---------------------------------------------------------------


def test_microsoft_365() -> None:
    msg = load("microsoft365.eml")
    assert (msg.from_domain, msg.mail_from) == ("example.org", "alice@example.org")
    assert (msg.recipient_domain, msg.recipient_source) == ("example.net", "received-for")
    assert len(msg.hops) == 5
    assert [h.tls for h in msg.hops] == [True, True, True, True, True]
    assert msg.hops[-1].protocol == "HTTPS"
    assert msg.handover is not None
    assert (msg.handover.hop, msg.handover.address, msg.handover.host) == (
        1,
        "192.0.2.25",
        "mail.example.org",
    )
    assert msg.handover.by == "bn2pepf000044a9.mail.protection.outlook.com"
    assert msg.hops[2].from_address == "2603:10b6:408:fe:cafe::2"
    assert [h.delay_s for h in msg.hops] == [None, 1.0, 1.0, 1.0, 1.0]
    assert len(msg.dkim_signatures) == 1
    assert "d=example.org;" in msg.dkim_signatures[0]
    # Microsoft writes no authserv-id: only taken when asked for.
    assert receiving_results(msg) == ()
    (own,) = receiving_results(msg, {"outlook.com"}, accept_missing_id=True)
    assert [(r.method, r.result, r.reason) for r in own.results] == [
        ("spf", "pass", None),
        ("dkim", "pass", None),
        ("dmarc", "pass", None),
        ("compauth", "pass", "100"),
    ]


def test_mailing_list_with_arc() -> None:
    msg = load("mailing_list_arc.eml")
    assert msg.from_domain == "example.org"
    assert msg.mail_from_domain == "lists.example.com"
    assert (msg.recipient_domain, msg.recipient_source) == ("example.net", "delivered-to")
    assert [h.by for h in msg.hops] == ["lists.example.com", "mx1.example.net", "imap1.example.net"]
    assert msg.hops[2].protocol == "LMTPS" and msg.hops[2].from_address == "10.0.0.3"
    assert msg.handover is not None
    assert (msg.handover.hop, msg.handover.address, msg.handover.host) == (
        1,
        "198.51.100.40",
        "lists.example.com",
    )
    assert msg.has_arc
    assert [name for name, _ in msg.arc_headers] == [
        "ARC-Seal",
        "ARC-Message-Signature",
        "ARC-Authentication-Results",
    ]
    assert [s.split("d=")[1].split(";")[0] for s in msg.dkim_signatures] == [
        "lists.example.com",
        "example.org",
    ]
    assert len(msg.authentication_results) == 2
    # The second mx1.example.net header came with the message (below every Received): ignored.
    (own,) = receiving_results(msg)
    assert [(r.method, r.result) for r in own.results] == [
        ("dkim", "fail"),
        ("dkim", "pass"),
        ("arc", "pass"),
        ("spf", "pass"),
        ("dmarc", "fail"),
    ]
    assert own.results[0].reason == "signature verification failed"


def test_postfix_exim_qmail_relays() -> None:
    msg = load("postfix_exim_qmail.eml")
    assert (msg.mail_from, msg.mail_from_domain) == (None, None)  # Return-Path: <>
    assert msg.recipient_domain == "example.net"
    postfix, exim, qmail, local = msg.hops
    assert (postfix.by, postfix.from_address, postfix.from_name) == (
        "smtp.example.org",
        "198.51.100.20",
        None,
    )
    assert (exim.from_name, exim.helo, exim.from_address, exim.by) == (
        "smtp.example.org",
        "smtp.example.org",
        "192.0.2.25",
        "relay.example.com",
    )
    assert (exim.tls, exim.id, exim.delay_s) == (True, "1tAbCd-000XyZ-0a", 12.0)
    assert (qmail.helo, qmail.from_address, qmail.by, qmail.tls) == (
        "relay.example.com",
        "203.0.113.25",
        "mail.example.net",
        False,
    )
    assert qmail.delay_s == -2.0  # the relay's clock is ahead: kept for the caller to flag
    assert (local.unparsed, local.by, local.delay_s) == (False, None, 0.0)
    assert msg.handover is not None
    assert (msg.handover.hop, msg.handover.address, msg.handover.host) == (
        2,
        "203.0.113.25",
        "relay.example.com",
    )


def test_ipv6_literals() -> None:
    msg = load("ipv6.eml")
    assert (msg.recipient_domain, msg.recipient_source) == ("example.net", "x-original-to")
    assert [h.from_address for h in msg.hops] == ["2001:db8:2::10", "2001:db8:1::25"]
    assert [h.tls for h in msg.hops] == [False, True]
    assert msg.hops[1].time == "2026-12-04T11:00:02+00:00"
    assert msg.hops[1].delay_s == 1.0
    assert msg.handover is not None and msg.handover.address == "2001:db8:1::25"
    assert msg.headers_only and not msg.body_present


# -- JSON and privacy ----------------------------------------------------------------------


def test_saved_headers_never_hold_the_body() -> None:
    data = (DATA / "gmail_from_sakura.eml").read_bytes()
    msg = parse_message(data)
    saved = message_to_json_headers(msg)
    text = json.dumps(saved, ensure_ascii=False)
    assert "This is a test sent from my PC" not in text
    assert saved["body_present"] is True
    again = message_from_json_headers(json.loads(text))
    assert again.hops == msg.hops and again.handover == msg.handover
    assert again.headers_only and not again.body_present
    assert b"This is a test" not in again.raw


def test_saved_headers_round_trip_8bit_bytes() -> None:
    msg = parse_message(b"From: a@example.org\r\nSubject: \xff\xfe\x83\x65\r\n\r\nbody")
    again = message_from_json_headers(json.loads(json.dumps(message_to_json_headers(msg))))
    assert again.header_bytes == msg.header_bytes


@pytest.mark.parametrize("obj", [{}, {"format": "other"}, {"format": "mailpath-message-headers"}])
def test_corrupt_saved_headers(obj: dict[str, object]) -> None:
    with pytest.raises(MessageError):
        message_from_json_headers(obj)


def test_message_json_is_serializable() -> None:
    for path in sorted(DATA.glob("*.eml")):
        data = message_to_json(parse_message(path.read_bytes()))
        json.dumps(data)
        assert "body" not in json.dumps(data).lower() or path.name != "gmail_from_sakura.eml"


# -- hostile input -------------------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \r\n\r\n", PNG, b"hello world\nthis is plain text\n", b"\r\n\r\nFrom: a@b.c\r\n"],
)
def test_not_a_message(data: bytes) -> None:
    with pytest.raises(MessageError) as info:
        parse_message(data)
    assert isinstance(info.value, InputError)
    assert str(info.value)


def test_five_megabyte_header_block() -> None:
    folded = b"X-Big: " + b"x\r\n " * 1_000_000 + b"x\r\n"
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(100_000))
    data = b"From: a@example.org\r\n" + folded + many + b"Received: by mx.example.net; x\r\n\r\nb"
    assert len(data) > 5_000_000
    msg = parse_message(data)
    assert msg.from_domain == "example.org"
    assert [h.by for h in msg.hops] == ["mx.example.net"]


def test_one_thousand_received_headers() -> None:
    lines = [
        f"Received: from h{i}.example.org (h{i}.example.org [192.0.2.{i % 250 + 1}]) "
        f"by h{i + 1}.example.org with ESMTPS id q{i}; Tue, 1 Dec 2026 10:{i // 60 % 60:02d}:"
        f"{i % 60:02d} +0000\r\n"
        for i in range(999, -1, -1)
    ]
    data = ("".join(lines) + "From: a@example.org\r\nTo: b@example.net\r\n\r\n").encode()
    msg = parse_message(data)
    assert len(msg.hops) == 1000
    assert msg.hops[0].by == "h1.example.org" and msg.hops[-1].by == "h1000.example.org"
    assert all(h.tls for h in msg.hops)
    assert msg.hops[1].delay_s == 1.0


def test_malformed_and_missing_dates() -> None:
    data = (
        b"Received: by c.example.net; 32 Foo 2026 99:99:99 +9999\r\n"
        b"Received: by b.example.net with ESMTP id 2\r\n"
        b"Received: by a.example.net; Tue, 1 Dec 2026 10:00:00 +0000\r\n"
        b"From: a@example.org\r\n\r\n"
    )
    msg = parse_message(data)
    assert [h.time for h in msg.hops] == ["2026-12-01T10:00:00+00:00", None, None]
    assert [h.delay_s for h in msg.hops] == [None, None, None]
    assert not any(h.unparsed for h in msg.hops)


def test_8bit_and_misdeclared_charsets_are_shown_not_trusted() -> None:
    data = (
        "From: 山田 <yamada@例え.jp>\r\n".encode()
        + b"Subject: =?iso-2022-jp?B?44OG44K544OI?= \xff\r\n"
        + b"To: =?x-unknown?Q?caf=E9?= <b@example.net>\r\n"
        + b"Received: from h.example.org (h.example.org [192.0.2.1]) by mx.example.net\r\n"
        + b" (\x82\xa0 shift_jis) with ESMTP; Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\n"
    )
    msg = parse_message(data)
    assert msg.from_domain == "xn--r8jz45g.jp"
    assert msg.from_address == "yamada@例え.jp"
    assert msg.subject is not None and "\ufffd" in msg.subject
    assert msg.recipient_domain == "example.net"
    assert msg.hops[0].by == "mx.example.net" and msg.hops[0].tls is False


def test_abused_folding() -> None:
    data = (
        b" leading continuation\r\n"
        b"From: a@example.org\r\n"
        b"Received: from\r\n \t h.example.org\r\n ([192.0.2.1])\r\n by\r\n"
        b"          mx.example.net;\r\n Tue, 1 Dec 2026\r\n 10:00:00 +0000\r\n\r\n"
    )
    # A first line that is a continuation is not a header field.
    with pytest.raises(MessageError):
        parse_message(data)
    msg = parse_message(data.split(b"\r\n", 1)[1])
    (hop,) = msg.hops
    assert (hop.from_name, hop.from_address, hop.by) == (
        "h.example.org",
        "192.0.2.1",
        "mx.example.net",
    )
    assert hop.time == "2026-12-01T10:00:00+00:00"


def test_nul_bytes_and_a_stray_line_that_ends_the_header_block() -> None:
    data = (
        b"From: a@exa\x00mple.org\r\n"
        b"Return-Path: <b@example.org>\r\n"
        b"this line is no header field\r\n"
        b"Received: from h\x00.example.org ([192.0.2.1]) by mx.example.net; x\r\n\r\n"
    )
    msg = parse_message(data)
    assert "nul-bytes" in msg.notes and "header-block-unterminated" in msg.notes
    assert "from-unparseable" in msg.notes and msg.from_domain is None
    assert msg.mail_from_domain == "example.org"
    # A line that is neither a field nor a continuation ends the block (no separator): what
    # follows is the body, never read as fields.
    assert msg.hops == () and msg.body_present
    assert msg.header_bytes == data[: data.index(b"this line")]


def test_multiple_from_addresses_and_fields() -> None:
    data = (
        b"From: a@one.example, b@two.example\r\nFrom: c@three.example\r\nTo: x@example.net\r\n\r\n"
    )
    msg = parse_message(data)
    assert msg.from_domain == "one.example"
    assert {"from-multiple-addresses", "from-multiple-headers"} <= set(msg.notes)


def test_missing_from_and_unparsed_received() -> None:
    msg = parse_message(b"Received: ((( garbage\r\nSubject: hi\r\n\r\n")
    assert msg.from_domain is None and "from-missing" in msg.notes
    assert msg.hops[0].unparsed and msg.hops[0].raw == "((( garbage"
    assert msg.handover is None and msg.recipient_domain is None


def test_mbox_separator_and_lf_line_endings() -> None:
    data = b"From someone@ts.skr.jp Fri Nov 27 19:32:06 2026\nFrom: someone@ts.skr.jp\n\nbody\n"
    msg = parse_message(data)
    assert msg.from_domain == "ts.skr.jp" and msg.body_present


def test_handover_with_unknown_sides() -> None:
    hops = [parse_received("from a.example.org ([192.0.2.1]) by b.example.org; x")]
    assert find_handover(hops, set()) is None
    assert find_handover([], {"example.net"}) is None


def test_a_field_folded_two_million_times_unfolds_like_a_short_one() -> None:
    """Large values are unfolded a piece at a time: the same text as unfolding at once."""
    import random
    import re

    rng = random.Random(15)
    # Every newline is followed by a continuation line (whitespace, then text).
    parts = [b"a", b"bc", b"\r\n a", b"\n\tb", b"\r\n \t  c", b"\r", b" ", b"\r\r\n d"]
    folded = b"".join(rng.choice(parts) for _ in range(2_000_000))
    msg = parse_message(b"From: a@example.org\r\nX-Folded: x" + folded + b"y\r\n\r\n")
    expected = re.sub(rb"\r?\n[ \t]*", b" ", b"x" + folded + b"y").decode().strip()
    assert [value for key, value in msg.headers if key == "X-Folded"] == [expected]
