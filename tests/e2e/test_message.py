"""Received messages end to end: `mailpath check --message` as a subprocess against NSD.

Messages are signed at test time by dkimpy with keys published in the test zone; the receiving
side (Gmail's mx.google.com) adds its Received header on top, as a delivered message has it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import dkim
import pytest

from tests.e2e.cli import check_json, codes
from tests.e2e.seed import (
    OUTSIDE_V4,
    RECIPIENT,
    SENDER,
    SPF_FIXED,
    VIA,
    VIA_V4,
    seed_zones,
)
from tests.support.dkimkeys import rsa_key

pytestmark = pytest.mark.nsd

ROOT = Path(__file__).resolve().parents[2]
SEED_MESSAGE = ROOT / "resources" / "examples" / "seed.eml"

ORIGINAL = (
    b"From: Someone <someone@ts.skr.jp>\r\n"
    b"To: user@gmail.com\r\n"
    b"Subject: The quarterly report\r\n"
    b"Date: Fri, 27 Nov 2026 11:32:04 -0800\r\n"
    b"Message-ID: <report-1@ts.skr.jp>\r\n"
    b"\r\n"
    b"Hello,\r\nthe report is attached in spirit.\r\n"
)


def signed(domain: str = SENDER, body: bytes | None = None) -> bytes:
    """ORIGINAL signed with d=`domain` s=sel; `body` replaces the body after signing."""
    header = dkim.sign(
        ORIGINAL,
        b"sel",
        domain.encode(),
        rsa_key(2048)[0],
        include_headers=[b"from", b"to", b"subject", b"date", b"message-id"],
    )
    message = bytes(header) + ORIGINAL
    if body is not None:
        message = message.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n" + body
    return message


def delivered(message: bytes, handed_by: str = VIA, address: str = VIA_V4) -> bytes:
    """`message` as it lies in the Gmail mailbox: the receiving hop's headers on top."""
    received = (
        f"Delivered-To: user@{RECIPIENT}\r\n"
        f"Received: from {handed_by} ({handed_by}. [{address}])\r\n"
        f"        by mx.google.com with ESMTPS id abc123\r\n"
        f"        for <user@{RECIPIENT}>\r\n"
        f"        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n"
        f"        Fri, 27 Nov 2026 11:32:06 -0800 (PST)\r\n"
        f"Return-Path: <someone@{SENDER}>\r\n"
    )
    return received.encode() + message


def zones(
    *, spf: str | None = SPF_FIXED, dmarc: str | None = None, key_owner: str = "sel._domainkey.ts"
) -> dict[str, str]:
    out = seed_zones(spf=spf, dmarc=dmarc)
    record = f"v=DKIM1; k=rsa; p={rsa_key(2048)[1]}"
    # One TXT string holds at most 255 bytes: a 2048-bit key takes two.
    key = " ".join(f'"{record[i : i + 255]}"' for i in range(0, len(record), 255))
    # skr.jp's zone again, with the key added to its records.
    skr = out["skr.jp"].rstrip("\n").split("\n")
    out["skr.jp"] = "\n".join([*skr, f"{key_owner} IN TXT {key}"]) + "\n"
    return out


def check(nsd: Any, tmp_path: Path, message: bytes, *args: str) -> dict[str, Any]:
    path = tmp_path / "message.eml"
    path.write_bytes(message)
    return check_json(nsd, "--message", str(path), *args)


def test_signed_message_passes_dkim_and_dmarc(nsd_zones: Any, tmp_path: Path) -> None:
    nsd = nsd_zones(zones(dmarc="v=DMARC1; p=reject"))
    data = check(nsd, tmp_path, delivered(signed()))
    message = data["message"]
    assert message["from_domain"] == SENDER
    assert message["handover"]["address"] == VIA_V4
    [sig] = message["dkim"]
    assert (sig["domain"], sig["selector"], sig["result"], sig["aligned"]) == (
        SENDER,
        "sel",
        "pass",
        True,
    )
    assert sig["key_bits"] == 2048
    assert message["dmarc_result"]["result"] == "pass"
    assert message["dmarc_result"]["dkim_aligned"] is True
    assert data["verdict"]["severity"] == "info"
    assert "dkim-missing" not in codes(data)


def test_changed_body_fails_dkim_but_aligned_spf_carries_dmarc(
    nsd_zones: Any, tmp_path: Path
) -> None:
    nsd = nsd_zones(zones(dmarc="v=DMARC1; p=reject"))
    data = check(nsd, tmp_path, delivered(signed(body=b"Altered by a footer.\r\n")))
    [sig] = data["message"]["dkim"]
    assert sig["result"] == "fail"
    assert "body hash mismatch" in sig["reason"]
    dmarc = data["message"]["dmarc_result"]
    assert (dmarc["result"], dmarc["spf_aligned"], dmarc["dkim_aligned"]) == ("pass", True, False)
    assert "dkim-fail" in codes(data)
    assert data["verdict"]["code"] == "verified"


def test_forwarded_outside_spf_dkim_carries_dmarc(nsd_zones: Any, tmp_path: Path) -> None:
    nsd = nsd_zones(zones(dmarc="v=DMARC1; p=reject"))
    forwarded = delivered(signed(), handed_by="forwarder.example.net", address=OUTSIDE_V4)
    data = check(nsd, tmp_path, forwarded)
    assert data["message"]["handover"]["address"] == OUTSIDE_V4
    assert data["message"]["spf"]["result"] == "softfail"
    dmarc = data["message"]["dmarc_result"]
    assert (dmarc["result"], dmarc["spf_aligned"], dmarc["dkim_aligned"]) == ("pass", False, True)
    assert data["verdict"]["code"] == "verified"
    assert "DKIM" in data["verdict"]["message"]


def test_strict_dkim_alignment_rejects_a_subdomain_signer(nsd_zones: Any, tmp_path: Path) -> None:
    nsd = nsd_zones(
        zones(spf=None, dmarc="v=DMARC1; p=reject; adkim=s", key_owner="sel._domainkey.mail.ts")
    )
    data = check(nsd, tmp_path, delivered(signed(domain=f"mail.{SENDER}")))
    [sig] = data["message"]["dkim"]
    assert (sig["result"], sig["aligned"]) == ("pass", False)
    dmarc = data["message"]["dmarc_result"]
    assert (dmarc["result"], dmarc["disposition"]) == ("fail", "reject")
    assert data["verdict"]["code"] == "refused"
    assert {"dkim-not-aligned", "dmarc-fail"} <= set(codes(data))


def test_seed_message_is_unverified_with_no_spf_and_no_dkim(nsd_zones: Any, tmp_path: Path) -> None:
    nsd = nsd_zones(zones(spf=None))
    data = check(nsd, tmp_path, SEED_MESSAGE.read_bytes())
    assert data["message"]["spf"]["result"] == "none"
    assert data["message"]["dkim"] == []
    assert data["verdict"]["code"] == "unverified"
    assert "no valid DKIM signature" in data["verdict"]["message"]
    assert "not checked" not in data["verdict"]["message"]
    assert {"spf-missing", "dkim-missing"} <= set(codes(data))
    [header] = data["message"]["authentication_results"]
    assert header["authserv_id"] == "mx.google.com"


def test_saved_message_analysis_replays_offline_without_the_body(
    nsd_zones: Any, tmp_path: Path
) -> None:
    nsd = nsd_zones(zones(dmarc="v=DMARC1; p=reject"))
    saved = tmp_path / "message.mailpath.json"
    live = check(nsd, tmp_path, delivered(signed()), "--save", str(saved))
    assert b"the report is attached" not in saved.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "mailpath", "check", "--replay", str(saved), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    replayed = json.loads(proc.stdout)
    assert replayed["message"]["dkim"][0]["result"] == "pass"
    assert replayed["message"]["dmarc_result"] == live["message"]["dmarc_result"]
    assert replayed["verdict"] == live["verdict"]


def test_dkim_selector_checks_the_published_key(nsd_zones: Any, tmp_path: Path) -> None:
    nsd = nsd_zones(zones())
    data = check_json(
        nsd, SENDER, RECIPIENT, "--via", VIA, "--dkim-selector", "sel", "--dkim-selector", "old"
    )
    keys = {k["selector"]: k for k in data["dkim_keys"]}
    assert (keys["sel"]["status"], keys["sel"]["key_bits"]) == ("ok", 2048)
    assert keys["old"]["status"] == "missing"
    assert "dkim-key-missing" in codes(data)
    assert "dkim-unchecked" not in codes(data)
