"""The real path of a received message: the sender's own submission server, a forwarder of
another organization, and PTR fixes that name the host the Received header names.

DNS comes from the loopback server (real sockets); the forwarded message is signed at test time
by dkimpy with a key published in the test zone.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import dkim

from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.judgement.findings import TEMPLATES
from mailpath.core.message.check import MessageInput, message_parties
from mailpath.core.message.parse import parse_message
from mailpath.core.model import Result
from mailpath.core.route.graph import build_route_graph, node_for_hop
from tests.support.dkimkeys import rsa_key

ROOT = Path(__file__).resolve().parents[2]
SEED_EML = (ROOT / "resources" / "examples" / "seed.eml").read_bytes()

SUBMISSION_V4 = "192.0.2.25"
FORWARDER_V4 = "198.51.100.99"
GMAIL_MX = "gmail-smtp-in.l.google.com"


def gmail_zone() -> dict[str, list[Any]]:
    return {
        "gmail.com": [("MX", (5, GMAIL_MX)), ("TXT", "v=spf1 redirect=_spf.google.com")],
        GMAIL_MX: [("A", "198.51.100.26")],
        "_spf.google.com": [("TXT", "v=spf1 ip4:198.51.100.0/28 ~all")],
        "_dmarc.gmail.com": [("TXT", "v=DMARC1; p=none")],
    }


def analyse(server: Any, message: bytes) -> Result:
    parsed = parse_message(message)
    sender, recipient, via = message_parties(parsed)
    source = LiveSource([Nameserver(server.address, server.port)], timeout=1.0, budget=10.0)
    return asyncio.run(analyze(source, sender, recipient, via, message=MessageInput(parsed)))


# ---------------------------------------------------------------- the seed message


def seed_zone(*, ptr: bool) -> dict[str, list[Any]]:
    zone = gmail_zone()
    zone["ts.skr.jp"] = [("MX", (10, "ts.skr.jp")), ("A", "203.0.113.74")]
    zone["www274.sakura.ne.jp"] = [("A", "203.0.113.74")]
    if ptr:
        zone["74.113.0.203.in-addr.arpa"] = [("PTR", "www274.sakura.ne.jp")]
    return zone


def with_named_client(message: bytes) -> bytes:
    """The seed message as a PC behind an ISP sends it: the submission hop names the PC by its
    reverse DNS (an ISP's name), as Sendmail writes it."""
    return message.replace(
        b"from [192.168.1.10] ([192.0.2.10])",
        b"from [192.168.1.10] (p1234-ipngn1234.tokyo.ocn.ne.jp [192.0.2.10])",
    )


def with_content_filter(message: bytes) -> bytes:
    """The seed message with a second hop on the submission server: its content filter handed
    the message back to it (localhost) a second later."""
    hop = (
        b"Received: from localhost (localhost [127.0.0.1])\r\n"
        b"        by www274.sakura.ne.jp (8.16.1/8.16.1) with ESMTP id 4ARJW5Ac012346\r\n"
        b"        for <user@gmail.com>; Sat, 28 Nov 2026 04:32:06 +0900 (JST)\r\n"
    )
    marker = b"Received: from [192.168.1.10]"
    assert marker in message
    return message.replace(marker, hop + marker, 1)


def test_seed_sending_server_is_the_submission_server_not_an_unexpected_relay(
    dns_server: Any,
) -> None:
    server = dns_server(seed_zone(ptr=True))
    for message in (with_named_client(SEED_EML), SEED_EML):
        result = analyse(server, message)
        assert result.message is not None
        assert result.message.unexpected_hops == ()
        assert "hop-unexpected" not in [f.code for f in result.findings]
        g = build_route_graph(result)
        hosts = [n for n, d in g.nodes(data=True) if d["kind"] in ("sending_host", "forwarder")]
        # www274 is drawn once, as the submission server, and the submission hop is on it.
        assert hosts == ["sending:203.0.113.74"]
        node = g.nodes["sending:203.0.113.74"]
        assert node["label"] == "Submission server\nwww274.sakura.ne.jp [203.0.113.74]"
        assert node_for_hop(g, 0) == "sending:203.0.113.74"
        assert node_for_hop(g, 1) == "addr:203.0.113.74"
        assert not [n for n, d in g.nodes(data=True) if d.get("unexpected")]
        assert result.message.forwarder is None


def test_two_hops_on_one_server_say_which_is_which(dns_server: Any) -> None:
    result = analyse(dns_server(seed_zone(ptr=True)), with_content_filter(SEED_EML))
    g = build_route_graph(result)
    node = g.nodes["sending:203.0.113.74"]
    assert node["hops"] == [0, 1]
    details = node["details"]
    assert str(details["hop #1"]).startswith("1 of 2 here · by www274.sakura.ne.jp · 19:32:05 UTC")
    assert str(details["hop #2"]).startswith("2 of 2 here · by www274.sakura.ne.jp · 19:32:06 UTC")
    # The handover (hop #3) leaves from the address, alone there.
    assert g.nodes["addr:203.0.113.74"]["hops"] == [2]
    assert str(g.nodes["addr:203.0.113.74"]["details"]["hop #3"]).startswith("by mx.google.com")


# ---------------------------------------------------------------- PTR fixes


def _ptr_fixes(result: Result) -> list[str]:
    return [f.fix or "" for f in result.findings if f.code == "ptr-missing"]


def test_ptr_fix_for_the_seed_message_names_the_host(dns_server: Any) -> None:
    result = analyse(dns_server(seed_zone(ptr=False)), SEED_EML)
    [fix] = _ptr_fixes(result)
    assert fix == (
        "Ask whoever runs 203.0.113.74 (your provider) to set its PTR to www274.sakura.ne.jp."
    )
    [message] = [f.message for f in result.findings if f.code == "ptr-missing"]
    assert message.startswith("203.0.113.74 (www274.sakura.ne.jp) has no reverse DNS")


GMAIL_SENT = (
    b"Delivered-To: user@example.net\r\n"
    b"Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\r\n"
    b"        by mx.example.net with SMTPS id x1sor123.2026.11.27.11.32.06\r\n"
    b"        for <user@example.net>\r\n"
    b"        (Google Transport Security);\r\n"
    b"        Fri, 27 Nov 2026 11:32:06 -0800 (PST)\r\n"
    b"Received: by 2002:a17:90a:1234:b0:2f0:abcd:ef01 with SMTP id abc;\r\n"
    b"        Fri, 27 Nov 2026 11:32:05 -0800 (PST)\r\n"
    b"Return-Path: <someone@gmail.com>\r\n"
    b"From: Someone <someone@gmail.com>\r\n"
    b"To: user@example.net\r\n"
    b"Subject: hello\r\n"
    b"\r\n"
    b"Hello.\r\n"
)


def test_ptr_fix_for_a_gmail_sender_names_the_host_not_the_address(dns_server: Any) -> None:
    zone: dict[str, list[Any]] = {
        "gmail.com": [("TXT", "v=spf1 ip4:209.85.128.0/17 ~all")],
        "_dmarc.gmail.com": [("TXT", "v=DMARC1; p=none")],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }
    result = analyse(dns_server(zone), GMAIL_SENT)
    [fix] = _ptr_fixes(result)
    assert "set its PTR to 209.85.220.41" not in fix
    assert fix.endswith("to set its PTR to mail-sor-f41.google.com.")


def test_without_a_name_the_ptr_fix_asks_for_the_host_name(dns_server: Any) -> None:
    zone = gmail_zone()
    zone["ts.skr.jp"] = [("TXT", "v=spf1 ip4:203.0.113.80 ~all")]
    server = dns_server(zone)
    source = LiveSource([Nameserver(server.address, server.port)], timeout=1.0, budget=10.0)
    result = asyncio.run(analyze(source, "ts.skr.jp", "gmail.com", "203.0.113.80"))
    [finding] = [f for f in result.findings if f.code == "ptr-missing"]
    assert finding.template == "ptr-missing/unnamed"
    assert finding.fix == (
        "Ask whoever runs 203.0.113.80 (your provider) to set its PTR to the server's host "
        "name: a name whose A or AAAA record is 203.0.113.80."
    )
    assert "PTR to 203.0.113.80" not in finding.fix
    assert "(203.0.113.80)" not in finding.message


# ---------------------------------------------------------------- a forwarded message

ORIGINAL = (
    b"From: Alice <alice@corp.example>\r\n"
    b"To: bob@forwarder.example\r\n"
    b"Subject: Minutes\r\n"
    b"Date: Fri, 27 Nov 2026 11:32:00 -0800\r\n"
    b"Message-ID: <minutes-1@corp.example>\r\n"
    b"\r\n"
    b"The minutes of today's meeting.\r\n"
)


def forwarded_message() -> bytes:
    """Signed by corp.example, submitted to corp.example's server, sent to bob@forwarder.example,
    forwarded by forwarder.example (198.51.100.99) to user@gmail.com."""
    signature = dkim.sign(
        ORIGINAL,
        b"sel",
        b"corp.example",
        rsa_key(2048)[0],
        include_headers=[b"from", b"to", b"subject", b"date", b"message-id"],
    )
    received = (
        b"Delivered-To: user@gmail.com\r\n"
        b"Received: by 2002:a05:7010:8a0c:b0:3e4:1f2a:9b7c with SMTP id k12csp1;\r\n"
        b"        Fri, 27 Nov 2026 11:32:04 -0800 (PST)\r\n"
        b"Received: from mx.forwarder.example (mx.forwarder.example. [198.51.100.99])\r\n"
        b"        by mx.google.com with ESMTPS id f41si1\r\n"
        b"        for <user@gmail.com>\r\n"
        b"        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n"
        b"        Fri, 27 Nov 2026 11:32:03 -0800 (PST)\r\n"
        b"Received: from mail.corp.example (mail.corp.example [192.0.2.25])\r\n"
        b"        by mx.forwarder.example (Postfix) with ESMTPS id 4QZ1\r\n"
        b"        for <bob@forwarder.example>; Fri, 27 Nov 2026 19:32:02 +0000 (UTC)\r\n"
        b"Received: from [192.168.1.20] (unknown [192.0.2.200])\r\n"
        b"        (Authenticated sender: alice@corp.example)\r\n"
        b"        by mail.corp.example (Postfix) with ESMTPSA id 7AB1\r\n"
        b"        for <bob@forwarder.example>; Fri, 27 Nov 2026 19:32:01 +0000 (UTC)\r\n"
        b"Return-Path: <alice@corp.example>\r\n"
    )
    return received + bytes(signature) + ORIGINAL


def forwarding_zone() -> dict[str, list[Any]]:
    record = f"v=DKIM1; k=rsa; p={rsa_key(2048)[1]}"
    zone = gmail_zone()
    zone["corp.example"] = [("TXT", f"v=spf1 ip4:{SUBMISSION_V4} -all")]
    zone["_dmarc.corp.example"] = [("TXT", "v=DMARC1; p=reject")]
    zone["sel._domainkey.corp.example"] = [("TXT", [record])]
    zone["mail.corp.example"] = [("A", SUBMISSION_V4)]
    zone["mx.forwarder.example"] = [("A", FORWARDER_V4)]
    zone["99.100.51.198.in-addr.arpa"] = [("PTR", "mx.forwarder.example")]
    return zone


def test_forwarder_is_drawn_as_forwarder_after_the_real_submission_server(
    dns_server: Any,
) -> None:
    result = analyse(dns_server(forwarding_zone()), forwarded_message())
    g = build_route_graph(result)
    forwarder = g.nodes[f"sending:{FORWARDER_V4}"]
    assert forwarder["kind"] == "forwarder"
    assert forwarder["label"] == f"Forwarder\nmx.forwarder.example [{FORWARDER_V4}]"
    submission = g.nodes["submission:mail.corp.example"]
    assert submission["kind"] == "sending_host"
    assert submission["label"] == f"Submission server\nmail.corp.example [{SUBMISSION_V4}]"
    # The mail client submits to corp.example's server, which hands it on over SMTP.
    assert g.edges["client", "submission:mail.corp.example"]["label"] == (
        "submission :587 (SMTP AUTH)"
    )
    edge = g.edges["submission:mail.corp.example", f"sending:{FORWARDER_V4}"]
    assert (edge["kind"], edge["label"]) == ("smtp", "SMTP :25")
    assert not g.has_edge("client", f"sending:{FORWARDER_V4}")
    # The forwarder, which hands the mail to Gmail, asks for Gmail's MX (the arrow pointed
    # into the sender's PC).
    assert g.has_edge("dns:mx", f"sending:{FORWARDER_V4}")
    assert not g.has_edge("dns:mx", "client")
    # Each hop where it happened: #1 into corp.example's server, #2 into the forwarder,
    # #3 leaving the forwarder's address for Gmail.
    assert node_for_hop(g, 0) == "submission:mail.corp.example"
    assert node_for_hop(g, 1) == f"sending:{FORWARDER_V4}"
    assert node_for_hop(g, 2) == f"addr:{FORWARDER_V4}"
    # Left to right: client, submission server, forwarder, its address, Gmail's MX.
    xs = [
        g.nodes[n]["x"]
        for n in (
            "client",
            "submission:mail.corp.example",
            f"sending:{FORWARDER_V4}",
            f"addr:{FORWARDER_V4}",
            f"mx:{GMAIL_MX}",
        )
    ]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    boxes = [(n, d["x"], d["y"], d["x"] + d["w"], d["y"] + d["h"]) for n, d in g.nodes(data=True)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a, b)
    info = result.message
    assert info is not None
    # The facts: corp.example's own server submitted it; forwarder.example handed it over.
    assert info.parsed.submission is not None
    assert (info.parsed.submission.hop, info.parsed.submission.host) == (0, "mail.corp.example")
    assert info.parsed.forwarded_by is not None
    assert info.parsed.forwarded_by.address == FORWARDER_V4
    assert info.forwarder is info.parsed.hops[2]
    # DKIM carries DMARC although SPF fails at the forwarder.
    assert info.spf is not None and info.spf.result.value == "fail"
    assert info.dmarc_result is not None and info.dmarc_result.result == "pass"


def test_forwarder_fix_is_dkim_or_arc_never_the_senders_spf(dns_server: Any) -> None:
    result = analyse(dns_server(forwarding_zone()), forwarded_message())
    for f in result.findings:
        # Nothing proposes listing the forwarder in corp.example's SPF record.
        assert FORWARDER_V4 not in (f.fix or ""), f
        assert FORWARDER_V4 not in (f.record or ""), f
    [forwarded] = [f for f in result.findings if f.code == "hop-unexpected"]
    assert forwarded.template == "hop-unexpected/forwarder"
    # An aligned DKIM signature passed: forwarding cost nothing, so it is said, not warned.
    assert forwarded.severity.value == "info"
    assert forwarded.subject == f"sending:{FORWARDER_V4}"
    assert forwarded.fix is not None
    assert "DKIM d=corp.example" in forwarded.fix and "ARC" in forwarded.fix
    assert "mail.corp.example" in forwarded.message
    assert TEMPLATES["hop-unexpected/forwarder"][1] is not None
    assert "SPF" not in TEMPLATES["hop-unexpected/forwarder"][1]


def test_forwarder_facts_of_the_header_fixtures() -> None:
    data = Path(__file__).resolve().parent / "message" / "data"
    expected = {
        "gmail_from_sakura.eml": (0, "www274.sakura.ne.jp", None),
        "microsoft365.eml": (0, "mail.example.org", None),
        # The list server re-sends example.org's message: the list is the forwarder.
        "mailing_list_arc.eml": (None, "mail.example.org", "lists.example.com"),
        "postfix_exim_qmail.eml": (0, "smtp.example.org", "relay.example.com"),
    }
    for name, (hop, host, forwarder) in expected.items():
        parsed = parse_message((data / name).read_bytes())
        assert parsed.submission is not None, name
        assert (parsed.submission.hop, parsed.submission.host) == (hop, host), name
        got = parsed.forwarded_by.host if parsed.forwarded_by is not None else None
        assert got == forwarder, name
