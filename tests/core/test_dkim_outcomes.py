"""Each way a DKIM signature fails gets its own finding, severity and fix.

A whole analysis runs against the loopback DNS server (`tests/support/dnsserver.py`): the
message is signed with dkimpy here, its key is served (or not, or never answered), and the
findings a user reads are checked for what they say and what they must not say.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from mailpath.core.analysis import analyze
from mailpath.core.auth.dkim import dkim_signature_to_json
from mailpath.core.dns.recording import open_recording, save_recording
from mailpath.core.dns.sources import LiveSource, Nameserver, RecordingSource, ReplaySource
from mailpath.core.message.check import MessageInput, message_parties, message_to_json
from mailpath.core.message.parse import parse_message
from mailpath.core.model import Finding, Result, Severity
from tests.core.test_dkim import KEY_NAME, MESSAGE, sign, sign_with_tags
from tests.support.dkimkeys import key_record
from tests.support.dnsserver import TIMEOUT, DnsTestServer

ZONE: dict[str, list[Any]] = {
    "example.com": [("A", "192.0.2.1"), ("MX", (10, "mail.example.com"))],
    "mail.example.com": [("A", "192.0.2.1")],
    "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "192.0.2.25")],
}
KEY = {KEY_NAME: [("TXT", key_record())]}
RECEIVED = b"Authentication-Results: mx.example.net; dkim=pass header.d=example.com\r\n"


def analyse(server: DnsTestServer, data: bytes, timeout: float = 2.0) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=timeout)
    parsed = parse_message(data)
    sender, recipient, via = message_parties(parsed)
    return asyncio.run(analyze(source, sender, recipient, via, message=MessageInput(parsed)))


def dkim_findings(result: Result) -> list[Finding]:
    return [f for f in result.findings if f.code.startswith("dkim-")]


def everything_said(result: Result) -> str:
    """Every finding's words and the message's JSON, as a user or a tool would read them."""
    words = [f"{f.message} {f.fix or ''}" for f in result.findings]
    return " ".join(words) + json.dumps(message_to_json(result.message))


def only(result: Result) -> Finding:
    (found,) = dkim_findings(result)
    return found


def test_missing_key_says_publish_it_there(dns_server: Any) -> None:
    result = analyse(dns_server(ZONE), sign(MESSAGE))
    found = only(result)
    assert (found.code, found.template, found.severity) == (
        "dkim-key-missing",
        "dkim-key-missing/signature",
        Severity.ERROR,
    )
    assert found.fix is not None and KEY_NAME in found.fix
    assert "NXDOMAIN" in found.message
    assert result.message is not None
    assert dkim_signature_to_json(result.message.dkim[0])["failure"] == "key-missing"


def test_key_lookup_timeout_is_a_warning_with_nothing_to_publish(dns_server: Any) -> None:
    server = dns_server({**ZONE, KEY_NAME: [TIMEOUT]})
    result = analyse(server, sign(MESSAGE), timeout=0.3)
    found = only(result)
    assert (found.code, found.severity) == ("dkim-temperror", Severity.WARNING)
    assert found.fix is not None and "Publish" not in found.fix and "try again" in found.fix
    assert "TIMEOUT" in found.message
    assert result.message is not None and result.message.dkim[0].failure == "temperror"


def test_changed_body_says_the_body_changed_not_the_key(dns_server: Any) -> None:
    tampered = sign(MESSAGE).replace(b"figures are attached", b"figures are wrong")
    result = analyse(dns_server({**ZONE, **KEY}), tampered)
    found = only(result)
    assert (found.template, found.severity) == ("dkim-fail/body-changed", Severity.ERROR)
    assert "body" in found.message and "changed after signing" in found.message
    assert "_domainkey" not in f"{found.message} {found.fix}"
    assert result.message is not None and result.message.dkim[0].failure == "body-changed"


def test_changed_header_says_the_signed_headers_changed(dns_server: Any) -> None:
    tampered = sign(MESSAGE).replace(b"quarterly figures", b"URGENT: pay now")
    result = analyse(dns_server({**ZONE, **KEY}), tampered)
    found = only(result)
    assert (found.template, found.severity) == ("dkim-fail/signature", Severity.ERROR)
    assert "signed header fields" in found.message and "body" not in found.message
    assert result.message is not None and result.message.dkim[0].failure == "signature-mismatch"


def test_hostile_signature_invents_no_key_location(dns_server: Any) -> None:
    hostile = b"DKIM-Signature: v=1; a=rot13; b=AAAA; bh=AAAA; d=; h=from; s=\x00\r\n"
    server = dns_server(ZONE)
    result = analyse(server, hostile + MESSAGE)
    found = only(result)
    assert (found.code, found.severity) == ("dkim-permerror", Severity.ERROR)
    said = everything_said(result)
    assert "._domainkey.?" not in said and "_domainkey" not in found.message + str(found.fix)
    assert "\x00" not in said and "\\u0000" not in said  # shown escaped, never raw
    assert "\\x00" in found.message
    assert not [q for q in server.queries if "_domainkey" in q[0]]


def test_signature_expired_two_hours_ago_is_permerror(dns_server: Any) -> None:
    now = int(time.time())
    tags = [(b"t", str(now - 3 * 3600).encode()), (b"x", str(now - 2 * 3600).encode())]
    result = analyse(dns_server({**ZONE, **KEY}), sign_with_tags(MESSAGE, tags))
    assert result.message is not None
    (sig,) = result.message.dkim
    assert (sig.result, sig.failure) == ("permerror", "expired")
    assert sig.reason.startswith("signature expired at ") and sig.reason.endswith(" UTC (x=)")
    found = only(result)
    assert (found.template, found.severity) == ("dkim-permerror/expired", Severity.ERROR)
    assert found.fix is not None and "Publish" not in found.fix


def test_signature_expired_within_the_clock_slack_still_passes(dns_server: Any) -> None:
    now = int(time.time())
    tags = [(b"t", str(now - 3600).encode()), (b"x", str(now - 100).encode())]
    result = analyse(dns_server({**ZONE, **KEY}), sign_with_tags(MESSAGE, tags))
    assert result.message is not None
    assert [s.result for s in result.message.dkim] == ["pass"]
    assert dkim_findings(result) == []


def test_receiver_passed_a_body_that_changed_since_is_not_blamed_on_dns(dns_server: Any) -> None:
    tampered = sign(RECEIVED + MESSAGE).replace(b"figures are attached", b"figures are wrong")
    result = analyse(dns_server({**ZONE, **KEY}), tampered)
    differs = [f for f in result.findings if f.code == "auth-results-differ"]
    assert [f.params["method"] for f in differs] == ["dkim"]
    for found in differs:
        assert found.template == "auth-results-differ/body-changed"
        assert "DNS" not in found.message and "rotated" not in found.message
        assert "changed after it was received" in found.message


def test_saved_analysis_replays_the_same_dkim_findings(dns_server: Any, tmp_path: Path) -> None:
    # Saved analyses keep the DKIM results as verified (the body is never stored): the
    # reopened file must give the same finding, not a vaguer one.
    tampered = sign(MESSAGE).replace(b"figures are attached", b"figures are wrong")
    server = dns_server({**ZONE, **KEY})
    recording = RecordingSource(LiveSource([Nameserver(server.address, server.port)]))
    parsed = parse_message(tampered)
    sender, recipient, via = message_parties(parsed)
    live = asyncio.run(analyze(recording, sender, recipient, via, message=MessageInput(parsed)))
    path = tmp_path / "saved.mailpath.json"
    save_recording(
        path,
        sender=sender,
        recipient=recipient,
        via=via,
        created="2026-12-05T00:00:00Z",
        resolver=["loopback"],
        answers=recording.answers(),
        message=live.message,
    )
    saved = open_recording(path)
    assert saved.message is not None
    replayed = asyncio.run(
        analyze(ReplaySource(saved.answers), sender, recipient, via, message=saved.message)
    )
    assert replayed.message is not None and replayed.message.dkim_recorded
    assert [(f.template, f.severity) for f in dkim_findings(replayed)] == [
        (f.template, f.severity) for f in dkim_findings(live)
    ]
    assert only(replayed).template == "dkim-fail/body-changed"
