"""A saved analysis (`check --message FILE --save OUT`) never holds the body: the saved header
block ends at the first line that is neither a header field nor a continuation line, also when
the blank separator is missing, holds only whitespace, or is ``\\r\\r\\n``.

Each variant runs the real command against the loopback DNS server, then reads the saved file
and looks for the body's text: as written, and inside every base64 string of the file decoded.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main

HEADERS = (
    b"Received: from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.net "
    b"with ESMTPS id 1; Mon, 30 Nov 2026 10:00:00 +0000\r\n"
    b"From: Alice <alice@example.org>\r\n"
    b"To: bob@example.net\r\n"
    b"Subject: figures\r\n"
)
# The body's first paragraph looks like header fields and continuation lines on purpose.
SECRET = b"Secret-Plan: the merger closes on Friday\r\n continued: pay 42 million\r\n"
BODY = SECRET + b"\r\nSecond paragraph, also private.\r\n"
SECRET_WORDS = (b"merger closes", b"42 million", b"Second paragraph")

CPYTHON_MSG_35 = Path("/usr/lib/python3.11/test/test_email/data/msg_35.txt")

VARIANTS = {
    "blank line": HEADERS + b"\r\n" + BODY,
    "no separator": HEADERS + b"This line opens the body: merger closes soon\r\n" + BODY,
    "space only": HEADERS + b" \r\n" + BODY,
    "tab only": HEADERS + b"\t\r\n" + BODY,
    "spaces and tabs": HEADERS + b" \t \r\n" + BODY,
    "CR CR LF": HEADERS + b"\r\r\n" + BODY,
    "LF endings, space only": (HEADERS + b" \r\n" + BODY).replace(b"\r\n", b"\n"),
}


def _strings(obj: Any) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for key, value in obj.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(obj, list):
        return [s for value in obj for s in _strings(value)]
    return []


def _decoded(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""


def saved_bytes(path: Path) -> list[bytes]:
    """The saved file as written, and every base64 string in it decoded."""
    raw = path.read_bytes()
    data = json.loads(raw)
    return [raw, *(d for s in _strings(data) if (d := _decoded(s)))]


def save(tmp_path: Path, dns_server: Any, message: bytes) -> Path:
    server = dns_server({"example.net": [("MX", (10, "mx.example.net"))]})
    eml = tmp_path / "message.eml"
    eml.write_bytes(message)
    out = tmp_path / "saved.json"
    code = main(
        [
            "check",
            "--message",
            str(eml),
            "--nameserver",
            server.nameserver,
            "--timeout",
            "1",
            "--budget",
            "10",
            "--save",
            str(out),
        ]
    )
    assert code == 0
    return out


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_saved_analysis_holds_no_body(
    tmp_path: Path, dns_server: Any, variant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = save(tmp_path, dns_server, VARIANTS[variant])
    contents = saved_bytes(out)
    assert any(b"mx.example.net" in c for c in contents[1:])  # the header block is there
    for content in contents:
        for words in SECRET_WORDS:
            assert words not in content, (variant, words)
    # What was saved replays: the same hop, and the body is known to have existed.
    capsys.readouterr()
    code = main(["check", "--replay", str(out), "--json"])
    assert code == 0
    replayed = json.loads(capsys.readouterr().out)
    assert [h["by"] for h in replayed["message"]["hops"]] == ["mx.example.net"]


@pytest.mark.skipif(not CPYTHON_MSG_35.exists(), reason="Debian's libpython3.11-testsuite")
def test_cpython_message_without_separator(tmp_path: Path, dns_server: Any) -> None:
    """CPython's msg_35.txt: three fields, then the body with no blank line before it."""
    message = CPYTHON_MSG_35.read_bytes()
    body_line = b"counter to RFC 2822, there's no separating newline here"
    assert body_line in message
    out = save(tmp_path, dns_server, message)
    for content in saved_bytes(out):
        assert b"separating newline" not in content
        assert b"counter to RFC" not in content
    saved = json.loads(out.read_text())
    names = [name for name, _value in saved["message"]["headers"]]
    assert names == ["From", "To", "Subject"]
