"""What reaches dkimpy is bounded, and DKIM/ARC verification stops at the analysis's deadline.

A header field over `MAX_HEADER_FIELD` octets or `MAX_FOLDED_LINES` continuation lines, or a
header block over `MAX_HEADER_BLOCK` octets, is never handed to dkimpy: the signatures are
neutral, "not verified", with the limit as data (`LimitHit`) and a finding naming it. Past the
deadline (--budget) a signature still unverified reads "not evaluated: ran out of time
(--budget)". Keys come from the loopback DNS server; the command runs against it too.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.auth.arc import verify_arc
from mailpath.core.auth.dkim import (
    MAX_FOLDED_LINES,
    MAX_HEADER_BLOCK,
    MAX_HEADER_FIELD,
    LimitHit,
    dkim_signature_to_json,
)
from mailpath.core.auth.dkim_verify import verify_dkim
from mailpath.core.dns.sources import Deadline, LiveSource, Nameserver
from tests.core.test_dkim import KEY_NAME, MESSAGE, arc_sealed, sign, zone_with
from tests.support.dkimkeys import key_record

ARC_KEY = "arc._domainkey.example.org"


def live(server: Any) -> LiveSource:
    return LiveSource([Nameserver(server.address, server.port)], timeout=2.0)


def folded_received(lines: int) -> bytes:
    return (
        b"Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net;"
        + b"\r\n\tx" * lines
        + b"\r\n"
    )


def signed_with(extra: bytes) -> bytes:
    """A message signed over From/To/Subject/Date/Message-ID, then `extra` fields added on
    top (as a relay adds Received): unsigned, so the signature itself still verifies."""
    return extra + sign(MESSAGE)


def test_a_folded_header_within_the_limit_still_verifies(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    (sig,) = asyncio.run(
        verify_dkim(live(server), signed_with(folded_received(MAX_FOLDED_LINES)), "example.com")
    )
    assert sig.result == "pass" and sig.limit is None


def test_a_header_folded_over_too_many_lines_is_not_verified(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    message = signed_with(folded_received(MAX_FOLDED_LINES + 1))
    (sig,) = asyncio.run(verify_dkim(live(server), message, "example.com"))
    assert (sig.result, sig.failure) == ("neutral", "not-evaluated")
    assert sig.limit == LimitHit("header-lines", "Received", MAX_FOLDED_LINES + 1, 1000)
    assert sig.domain == "example.com" and sig.selector == "sel"
    assert server.queries == []  # not even the key is fetched
    assert dkim_signature_to_json(sig)["limit"] == {
        "kind": "header-lines",
        "header": "Received",
        "size": MAX_FOLDED_LINES + 1,
        "maximum": 1000,
    }


def test_a_header_over_64_kib_is_not_verified(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    big = b"X-Big: " + b"y" * MAX_HEADER_FIELD + b"\r\n"
    (sig,) = asyncio.run(verify_dkim(live(server), signed_with(big), "example.com"))
    assert sig.result == "neutral"
    assert sig.limit is not None and sig.limit.kind == "header-octets"
    assert sig.limit.header == "X-Big" and sig.limit.size == len(big)


def test_a_header_block_over_1_mib_is_not_verified(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    many = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"z" * 60) for i in range(20_000))
    assert len(many) > MAX_HEADER_BLOCK
    (sig,) = asyncio.run(verify_dkim(live(server), signed_with(many), "example.com"))
    assert sig.result == "neutral" and sig.domain == "example.com"
    assert sig.limit is not None and sig.limit.kind == "header-block"
    assert sig.limit.size is not None and sig.limit.size > MAX_HEADER_BLOCK


def test_the_4_mb_signature_is_listed_not_parsed(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    b_tag = b"\r\n ".join([b"A" * 72] * 58_000)
    header = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from; bh=AAAA; b="
    (sig,) = asyncio.run(
        verify_dkim(live(server), header + b_tag + b"\r\n" + MESSAGE, "example.com")
    )
    assert sig.result == "neutral" and sig.domain == "example.com"
    assert sig.limit is not None and sig.limit.kind == "header-block"


def test_arc_over_a_limit_is_not_verified(dns_server: Any) -> None:
    server = dns_server(zone_with({ARC_KEY: key_record()}))
    arc = asyncio.run(
        verify_arc(live(server), folded_received(MAX_FOLDED_LINES + 5) + arc_sealed(MESSAGE))
    )
    assert arc.result == "fail"
    assert arc.limit == LimitHit("header-lines", "Received", MAX_FOLDED_LINES + 5, 1000)
    assert server.queries == []


def test_past_the_deadline_signatures_are_not_evaluated(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    spent = Deadline(time.monotonic() - 1, 7.0)
    (sig,) = asyncio.run(verify_dkim(live(server), sign(MESSAGE), "example.com", deadline=spent))
    assert (sig.result, sig.reason) == ("neutral", "not evaluated: ran out of time (--budget)")
    assert sig.limit == LimitHit("budget", None, None, 7.0)
    # Within the deadline the same signature passes.
    ahead = Deadline(time.monotonic() + 60, 60.0)
    (sig,) = asyncio.run(verify_dkim(live(server), sign(MESSAGE), "example.com", deadline=ahead))
    assert sig.result == "pass"


def test_past_the_deadline_arc_is_not_evaluated(dns_server: Any) -> None:
    server = dns_server(zone_with({ARC_KEY: key_record()}))
    spent = Deadline(time.monotonic() - 1, 7.0)
    arc = asyncio.run(verify_arc(live(server), arc_sealed(MESSAGE), deadline=spent))
    assert arc.reason == "not evaluated: ran out of time (--budget)"
    assert arc.limit is not None and arc.limit.kind == "budget"


# ---------------------------------------------------------------- the command


def run_check(tmp_path: Path, server: Any, message: bytes, *args: str) -> tuple[int, Any]:
    path = tmp_path / "m.eml"
    path.write_bytes(message)
    code = main(
        ["check", "--message", str(path), "--nameserver", server.nameserver, "--json", *args]
    )
    return code, path


ZONE = {
    KEY_NAME: [("TXT", key_record())],
    "example.com": [("TXT", "v=spf1 -all")],
    "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
    "example.net": [("MX", (10, "mx.example.net"))],
}


def test_command_with_the_500000_line_header(
    tmp_path: Path, dns_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """The measured case: one Received folded into 500,000 lines. The note names the limit,
    the analysis still ends with a verdict, exit 0."""
    server = dns_server(ZONE)
    message = signed_with(folded_received(500_000))
    code, _path = run_check(tmp_path, server, message, "--budget", "30")
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    (sig,) = data["message"]["dkim"]
    assert sig["limit"]["kind"] == "header-block" and sig["result"] == "neutral"
    templates = {f.get("template") for f in data["findings"]}
    assert "dkim-permerror/header-block" in templates
    assert data["verdict"]["code"]


def test_command_out_of_time_reads_so(
    tmp_path: Path, dns_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ten signatures over a 24 MB body (each hashes the body again) take seconds in
    dkimpy; with --budget 1 the verification stops at the deadline and says so, and the
    analysis still ends with a verdict."""
    server = dns_server(ZONE)
    body = b"".join(
        b"line %d of a long attachment, relaxed canonicalization\r\n" % i for i in range(400_000)
    )
    base = MESSAGE + body
    header = sign(base, canonicalize=(b"relaxed", b"relaxed"))[: -len(base)]
    message = header * 10 + base
    code, _path = run_check(tmp_path, server, message, "--budget", "1", "--timeout", "1")
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    sigs = data["message"]["dkim"]
    assert len(sigs) == 10
    out_of_time = [s for s in sigs if (s["limit"] or {}).get("kind") == "budget"]
    assert out_of_time, [s["reason"] for s in sigs]
    assert all(s["reason"] == "not evaluated: ran out of time (--budget)" for s in out_of_time)
    assert all(s["limit"]["maximum"] == 1 for s in out_of_time)
    assert "dkim-temperror/budget" in {f.get("template") for f in data["findings"]}
    assert data["verdict"]["code"]


# ---------------------------------------------------------------- dkimpy's body, in pieces


def test_body_canonicalization_in_pieces_gives_dkimpys_bytes() -> None:
    """mailpath's piecewise replacements give exactly what dkimpy's own whole-body ``re.sub``
    gives, on bodies over the piece size with whitespace runs and CRLF/LF/CR everywhere."""
    import random
    import re

    from mailpath.core.auth import dkim as mp_dkim

    rng = random.Random(15)
    alphabet = [b" ", b"\t", b"  \t ", b"\r\n", b"\n", b"\r", b"x", b"word", b" \r\n"]
    for _ in range(3):
        body = b"".join(rng.choice(alphabet) for _ in range(1_200_000))
        assert len(body) > mp_dkim.CANON_CHUNK
        assert mp_dkim.strip_trailing_whitespace(body) == re.sub(b"[\t ]+\r\n", b"\r\n", body)
        assert mp_dkim.compress_whitespace(body) == re.sub(b"[\t ]+", b" ", body)


def test_a_large_relaxed_body_still_verifies_and_fails_when_changed(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    body = b"".join(b"line %d  with\t runs   of space \r\n" % i for i in range(100_000))
    base = MESSAGE + body
    signed = sign(base, canonicalize=(b"relaxed", b"relaxed"))
    (sig,) = asyncio.run(verify_dkim(live(server), signed, "example.com"))
    assert sig.result == "pass"
    changed = signed.replace(b"line 99999 ", b"line 99998 ")
    (sig,) = asyncio.run(verify_dkim(live(server), changed, "example.com"))
    assert sig.failure == "body-changed"
