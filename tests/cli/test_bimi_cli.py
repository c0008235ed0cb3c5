"""BIMI through `mailpath check --json`, end to end: the records and host names served by the
loopback DNS server, the logo and the mark certificate by a loopback HTTPS server (a test CA)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme

from mailpath.cli import main
from tests.support.dnsserver import DnsTestServer
from tests.support.httpsserver import HttpsTestServer, Reply

SVG = "image/svg+xml"
GOOD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    b'version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100"><title>Brand</title>'
    b'<circle cx="50" cy="50" r="40" fill="#c00"/></svg>'
)
SCRIPT = GOOD.replace(b"</svg>", b"<script>alert(1)</script></svg>")


def _vmc(ca: trustme.CA, not_after: dt.datetime) -> bytes:
    leaf = ca.issue_cert(
        "brand.test", not_before=not_after - dt.timedelta(days=365), not_after=not_after
    )
    return b"".join(blob.bytes() for blob in leaf.cert_chain_pems)


@dataclass
class World:
    dns: DnsTestServer
    ca_file: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    ca = trustme.CA()
    ca_file = str(tmp_path_factory.mktemp("bimi-cli") / "ca.pem")
    ca.cert_pem.write_to_path(ca_file)
    now = dt.datetime.now(dt.UTC)
    routes = {
        "/good.svg": Reply(200, GOOD, {"Content-Type": SVG}),
        "/script.svg": Reply(200, SCRIPT, {"Content-Type": SVG}),
        "/vmc.pem": Reply(200, _vmc(ca, now + dt.timedelta(days=200))),
        "/expired.pem": Reply(200, _vmc(ca, now - dt.timedelta(days=3))),
    }
    zone: dict[str, list[Any]] = {
        "inbox.test": [("MX", (10, "mx.inbox.test"))],
        "mx.inbox.test": [("A", "192.0.2.25")],
        "mail.brand.test": [("A", "192.0.2.2")],
        "2.2.0.192.in-addr.arpa": [("PTR", "mail.brand.test")],
    }
    for domain, dmarc, records in (
        (
            "brand.test",
            "v=DMARC1; p=reject",
            {
                "default": "v=BIMI1; l=https://logo.test/good.svg; a=https://logo.test/vmc.pem",
                "spring": "v=BIMI1; l=https://logo.test/script.svg",
            },
        ),
        (
            "stale.test",
            "v=DMARC1; p=quarantine",
            {"default": "v=BIMI1; l=https://logo.test/good.svg; a=https://logo.test/expired.pem"},
        ),
        ("relaxed.test", "v=DMARC1; p=none", {"default": "v=BIMI1; l=https://logo.test/good.svg"}),
    ):
        zone[domain] = [("TXT", "v=spf1 ip4:192.0.2.2 -all")]
        zone[f"_dmarc.{domain}"] = [("TXT", dmarc)]
        for selector, record in records.items():
            zone[f"{selector}._bimi.{domain}"] = [("TXT", record)]
    with HttpsTestServer(ca, ("logo.test",), routes) as https:
        zone["logo.test"] = [("A", https.address)]
        with DnsTestServer(zone) as dns:
            yield World(dns, ca_file)


def check_json(world: World, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(
        [
            "check",
            *args,
            "--via",
            "mail.brand.test",
            "--nameserver",
            f"{world.dns.address}:{world.dns.port}",
            "--ca-file",
            world.ca_file,
            "--timeout",
            "1",
            "--json",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def bimi_codes(data: dict[str, Any]) -> list[str]:
    return [f["template"] for f in data["findings"] if f["code"].startswith("bimi")]


def test_a_valid_logo_and_certificate(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    data = check_json(world, capsys, "brand.test", "inbox.test")
    bimi = data["bimi"]
    assert bimi["record"] == "v=BIMI1; l=https://logo.test/good.svg; a=https://logo.test/vmc.pem"
    assert bimi["selector"] == "default"
    assert bimi["location"] == "https://logo.test/good.svg"
    assert bimi["authority"] == "https://logo.test/vmc.pem"
    assert bimi["eligible"] is True
    assert bimi["svg"]["valid"] is True and bimi["svg"]["errors"] == []
    assert bimi["certificate"]["expired"] is False
    assert bimi["error"] is None and bimi["checked"] is True
    assert bimi_codes(data) == []


def test_an_expired_certificate_is_an_error_finding(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    data = check_json(world, capsys, "stale.test", "inbox.test")
    assert data["bimi"]["certificate"]["expired"] is True
    (found,) = [f for f in data["findings"] if f["code"].startswith("bimi")]
    assert found["code"] == "bimi-certificate-expired" and found["severity"] == "error"
    assert "https://logo.test/expired.pem" in found["message"]
    assert found["fix"].startswith("Renew the VMC or CMC")


def test_a_policy_of_none_names_the_dmarc_prerequisite(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    data = check_json(world, capsys, "relaxed.test", "inbox.test")
    assert data["bimi"]["eligible"] is False
    assert bimi_codes(data) == ["bimi-not-eligible/dmarc-policy"]
    (found,) = [f for f in data["findings"] if f["code"] == "bimi-not-eligible"]
    assert "p=none" in found["message"]


def test_a_message_s_bimi_selector_picks_the_record(
    world: World, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    message = tmp_path / "spring.eml"
    message.write_text(
        "Received: from mail.brand.test (mail.brand.test [192.0.2.2]) by mx.inbox.test "
        "with ESMTPS; Sat, 5 Dec 2026 10:00:00 +0000\r\n"
        "From: news@brand.test\r\nTo: someone@inbox.test\r\n"
        "BIMI-Selector: v=BIMI1; s=spring\r\n"
        "Date: Sat, 5 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@brand.test>\r\n"
        "Subject: spring\r\n\r\nhello\r\n"
    )
    data = check_json(world, capsys, "--message", str(message))
    assert data["bimi"]["selector"] == "spring"
    assert data["bimi"]["record_name"] == "spring._bimi.brand.test"
    assert data["bimi"]["svg"]["errors"] == ["script"]
    assert bimi_codes(data) == ["bimi-svg-invalid"]


def test_a_replay_keeps_the_record_without_fetching(
    world: World, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    saved = tmp_path / "brand.mailpath.json"
    live = check_json(world, capsys, "brand.test", "inbox.test", "--save", str(saved))
    assert main(["check", "--replay", str(saved), "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)["bimi"]
    assert replayed["record"] == live["bimi"]["record"]
    assert replayed["eligible"] is True
    assert replayed["svg"] is None and replayed["certificate"] is None
