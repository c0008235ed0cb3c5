"""`check --message` when the message names its sending host badly: the run goes on with the
recorded address, or with the sending host unknown and a finding, and ends with a verdict
(exit 0 or 1), never with an input error (exit 2) about a value the user never typed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mailpath.cli import main
from tests.support.dnsserver import DnsTestServer

ZONE = {
    "wooster.example": [
        ("MX", (10, "jeeves.wooster.example")),
        ("TXT", "v=spf1 ip4:203.0.113.0/24 -all"),
    ],
    "jeeves.wooster.example": [("A", "203.0.113.25")],
    "_dmarc.wooster.example": [("TXT", "v=DMARC1; p=none")],
}


def _message(received: str) -> bytes:
    return (
        "Delivered-To: jeeves@wooster.example\r\n"
        f"Received: {received}\r\n"
        "Return-Path: <bertie@wooster.example>\r\n"
        "From: Bertie <bertie@wooster.example>\r\n"
        "To: jeeves@wooster.example\r\n"
        "Subject: the newt\r\n"
        "Date: Sat, 2 Nov 2002 10:00:00 -0500\r\n"
        "Message-ID: <newt@wooster.example>\r\n"
        "\r\n"
        "What ho!\r\n"
    ).encode()


def _check(
    tmp_path: Path,
    server: DnsTestServer,
    received: str,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
) -> tuple[int, dict[str, object], str]:
    path = tmp_path / "message.eml"
    path.write_bytes(_message(received))
    capsys.readouterr()
    code = main(
        [
            "check",
            "--message",
            str(path),
            "--nameserver",
            f"{server.address}:{server.port}",
            "--json",
            *extra,
        ]
    )
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


@pytest.mark.parametrize(
    "received",
    [
        # IMail writes the address it recorded after the client's HELO name.
        "from xcar [192.168.0.2] by jeeves.wooster.example (SMTPD32-7.07) id A1B2C3D4; "
        "Sat, 2 Nov 2002 10:00:00 -0500",
        "from xcar by jeeves.wooster.example (SMTPD32-7.07) id A1; Sat, 2 Nov 2002 10:00:00 -0500",
        "from localhost by jeeves.wooster.example with SMTP; Sat, 2 Nov 2002 10:00:00 -0500",
        "from x (HELO x) by jeeves.wooster.example with SMTP; Sat, 2 Nov 2002 10:00:00 -0500",
    ],
)
def test_an_unusable_derived_host_ends_with_a_verdict(
    tmp_path: Path,
    dns_server: Callable[..., DnsTestServer],
    capsys: pytest.CaptureFixture[str],
    received: str,
) -> None:
    code, data, err = _check(tmp_path, dns_server(ZONE), received, capsys)
    assert code in (0, 1), err
    assert "Traceback" not in err and "labels" not in err
    verdict = data["verdict"]
    assert isinstance(verdict, dict) and verdict.get("code")


def test_a_garbage_handover_name_says_the_sending_host_is_unknown(
    tmp_path: Path, dns_server: Callable[..., DnsTestServer], capsys: pytest.CaptureFixture[str]
) -> None:
    received = (
        "from bad_host!.example.org by jeeves.wooster.example with SMTP; "
        "Sat, 2 Nov 2002 10:00:00 -0500"
    )
    code, data, err = _check(tmp_path, dns_server(ZONE), received, capsys)
    assert code in (0, 1), err
    assert "invalid label" not in err
    findings = data["findings"]
    assert isinstance(findings, list)
    # `sending-host-unknown/message`: the one naming the name the message gave.
    [unknown] = [
        f
        for f in findings
        if f["code"] == "sending-host-unknown" and "bad_host!.example.org" in f["message"]
    ]
    assert unknown["severity"] == "info"
    message = data["message"]
    assert isinstance(message, dict) and "handover-host-unusable" in message["notes"]


def test_a_typed_via_that_is_no_host_name_is_still_an_input_error(
    tmp_path: Path, dns_server: Callable[..., DnsTestServer], capsys: pytest.CaptureFixture[str]
) -> None:
    received = (
        "from mail.example.org (mail.example.org [198.51.100.5]) by jeeves.wooster.example "
        "(Postfix) with ESMTPS id 1; Sat, 2 Nov 2002 10:00:00 -0500"
    )
    code, _data, err = _check(tmp_path, dns_server(ZONE), received, capsys, "--via", "xcar")
    assert code == 2
    assert "needs at least two labels" in err
