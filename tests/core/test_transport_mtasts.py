"""MTA-STS through the whole analysis: the record from the loopback DNS server, the policy from
a real HTTPS server on loopback port 443 with a test CA."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.judgement.receiver import Disposition, judge
from mailpath.core.model import Finding, Result
from mailpath.core.transport import TransportOptions, mx_transport
from mailpath.core.transport.mtasts import corrected_mx, mx_matches, parse_policy
from tests.support.doh import LocalCa
from tests.support.https_policy import PolicyServer, free_loopback

POLICY_HOST = "mta-sts.corp.example"
GOOD = (
    "version: STSv1\nmode: enforce\nmx: mx1.corp.example\nmx: mx2.corp.example\nmax_age: 604800\n"
)


def zone(policy_address: str) -> dict[str, Any]:
    return {
        "sender.example": [("TXT", "v=spf1 ip4:192.0.2.10 -all"), ("A", "192.0.2.10")],
        "_dmarc.sender.example": [("TXT", "v=DMARC1; p=none")],
        "corp.example": [("MX", (10, "mx1.corp.example")), ("MX", (20, "mx2.corp.example"))],
        "mx1.corp.example": [("A", "192.0.2.25")],
        "mx2.corp.example": [("A", "192.0.2.26")],
        "_mta-sts.corp.example": [("TXT", "v=STSv1; id=2026120501")],
        "_smtp._tls.corp.example": [("TXT", "v=TLSRPTv1; rua=mailto:tls@corp.example")],
        POLICY_HOST: [("A", policy_address)],
    }


def run(dns_server: Any, server: PolicyServer, ca: LocalCa, **extra: Any) -> Result:
    dns = dns_server({**zone(server.address), **extra})
    source = LiveSource([Nameserver(dns.address, dns.port)], timeout=2.0, budget=10.0)
    options = TransportOptions(ca_file=ca.ca_file)
    return asyncio.run(
        analyze(source, "sender.example", "corp.example", "192.0.2.10", transport=options)
    )


def transport_findings(result: Result) -> list[Finding]:
    return [f for f in result.findings if f.code.startswith(("mta-sts", "tls-rpt"))]


@pytest.fixture
def ca(tmp_path: Path) -> LocalCa:
    return LocalCa(tmp_path, names=(POLICY_HOST,))


def test_good_policy_requires_verified_tls_on_every_mx(dns_server: Any, ca: LocalCa) -> None:
    with PolicyServer(ca, body=GOOD) as server:
        result = run(dns_server, server, ca)
    info = result.transport
    assert info is not None and info.mta_sts.policy is not None
    assert info.mta_sts.policy.mode == "enforce"
    assert dict(info.mta_sts.hosts) == {"mx1.corp.example": True, "mx2.corp.example": True}
    assert [mx_transport(info, h).state for h in info.mta_sts.hosts] == ["mta-sts", "mta-sts"]
    assert transport_findings(result) == []
    # Fetched over HTTPS with the policy host's name (SNI and Host), from its DNS address.
    assert server.requests == [("/.well-known/mta-sts.txt", POLICY_HOST)]


def test_policy_missing_an_mx_queues_that_path_and_gives_the_mx_lines(
    dns_server: Any, ca: LocalCa
) -> None:
    body = GOOD.replace("mx: mx2.corp.example\n", "")
    with PolicyServer(ca, body=body) as server:
        result = run(dns_server, server, ca)
    found = [f for f in result.findings if f.code == "mta-sts-mx-mismatch"]
    assert len(found) == 1
    f = found[0]
    assert f.params["host"] == "mx2.corp.example"
    assert f.params["lines"] == "mx: mx1.corp.example, mx: mx2.corp.example"
    assert f.severity.value == "error"
    assert (f.consequence, f.disposition) == ("consequence/mta-sts-refused", "queued")
    paths = {p.mx: p for p in judge(result).paths}
    assert paths["mx2.corp.example"].disposition is Disposition.QUEUED
    assert paths["mx2.corp.example"].basis == ("mta-sts:mx-mismatch",)
    assert paths["mx1.corp.example"].disposition is not Disposition.QUEUED


def test_testing_mode_is_reported_and_queues_nothing(dns_server: Any, ca: LocalCa) -> None:
    body = GOOD.replace("enforce", "testing").replace("mx: mx2.corp.example\n", "")
    with PolicyServer(ca, body=body) as server:
        result = run(dns_server, server, ca)
    codes = {f.code: f for f in transport_findings(result)}
    assert "mta-sts-testing" in codes
    assert codes["mta-sts-mx-mismatch"].severity.value == "warning"
    assert all(p.disposition is not Disposition.QUEUED for p in judge(result).paths)


@pytest.mark.parametrize(
    ("kwargs", "template", "param"),
    [
        ({"body": "x" * (64 * 1024 + 1)}, "mta-sts-policy-unreachable/too-large", None),
        (
            {"status": 301, "headers": {"Location": "https://elsewhere.example/p.txt"}},
            "mta-sts-policy-unreachable/redirect",
            ("location", "https://elsewhere.example/p.txt"),
        ),
        (
            {"body": GOOD, "content_type": "text/html"},
            "mta-sts-policy-unreachable/content-type",
            ("content_type", "text/html"),
        ),
        (
            {"body": "not found", "status": 404},
            "mta-sts-policy-unreachable/status",
            ("status", "404"),
        ),
        (
            {"body": "version: STSv1\nmode: sometimes\n"},
            "mta-sts-policy-invalid",
            ("field", "mode"),
        ),
    ],
    ids=["oversized", "redirect", "content-type", "status", "invalid"],
)
def test_policy_that_senders_cannot_use_is_named(
    dns_server: Any, ca: LocalCa, kwargs: dict[str, Any], template: str, param: Any
) -> None:
    with PolicyServer(ca, **kwargs) as server:
        result = run(dns_server, server, ca)
    found = [f for f in transport_findings(result) if f.template == template]
    assert len(found) == 1, [f.template for f in result.findings]
    if param is not None:
        assert found[0].params[param[0]] == param[1]
    assert result.transport is not None and result.transport.mta_sts.policy is None
    # No policy: no host is refused, nothing is queued by MTA-STS.
    assert all("mta-sts:mx-mismatch" not in p.basis for p in judge(result).paths)


def test_certificate_for_another_name_is_a_tls_failure(dns_server: Any, tmp_path: Path) -> None:
    wrong = LocalCa(tmp_path, names=("www.corp.example",))
    with PolicyServer(wrong, body=GOOD) as server:
        result = run(dns_server, server, wrong)
    found = [f for f in transport_findings(result) if f.code == "mta-sts-policy-unreachable"]
    assert [f.template for f in found] == ["mta-sts-policy-unreachable/tls"]


def test_certificate_from_an_untrusted_ca_is_a_tls_failure(
    dns_server: Any, ca: LocalCa, tmp_path: Path
) -> None:
    other = LocalCa(tmp_path, names=(POLICY_HOST,))
    with PolicyServer(ca, body=GOOD) as server:
        result = run(dns_server, server, other)  # trusts another CA than the server's
    templates = [f.template for f in transport_findings(result)]
    assert "mta-sts-policy-unreachable/tls" in templates


def test_short_max_age_and_missing_tls_rpt(dns_server: Any, ca: LocalCa) -> None:
    body = GOOD.replace("604800", "3600")
    with PolicyServer(ca, body=body) as server:
        result = run(dns_server, server, ca, **{"_smtp._tls.corp.example": []})
    by_code = {f.code: f for f in transport_findings(result)}
    assert by_code["mta-sts-max-age-short"].params["max_age"] == "3600"
    # MTA-STS is published, so no TLS-RPT is a warning, with the record to publish.
    assert by_code["tls-rpt-missing"].severity.value == "warning"
    assert by_code["tls-rpt-missing"].params["record"] == (
        "v=TLSRPTv1; rua=mailto:tls-reports@corp.example"
    )


def test_cli_json_has_the_transport_contract(dns_server: Any, ca: LocalCa) -> None:
    with PolicyServer(ca, body=GOOD) as server:
        dns = dns_server(zone(server.address))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(
                [
                    "check", "sender.example", "corp.example", "--via", "192.0.2.10",
                    "-n", f"{dns.address}:{dns.port}", "--ca-file", ca.ca_file, "--json",
                ]
            )  # fmt: skip
    data = json.loads(out.getvalue())["transport"]
    assert data["domain"] == "corp.example"
    assert data["mta_sts"]["record"] == "v=STSv1; id=2026120501"
    assert data["mta_sts"]["id"] == "2026120501"
    assert data["mta_sts"]["policy"] == {
        "version": "STSv1",
        "mode": "enforce",
        "mx": ["mx1.corp.example", "mx2.corp.example"],
        "max_age": 604800,
    }
    assert data["mta_sts"]["hosts"] == {"mx1.corp.example": True, "mx2.corp.example": True}
    assert data["tls_rpt"] == {"record": "v=TLSRPTv1; rua=mailto:tls@corp.example",
                               "rua": ["mailto:tls@corp.example"], "error": None}  # fmt: skip
    assert data["dnssec"]["by"] == "mailpath"
    assert set(data["dane"]) == {"mx1.corp.example", "mx2.corp.example"}
    assert data["smtp"] is None


def test_mx_patterns_use_one_label_wildcards() -> None:
    assert mx_matches("mx1.corp.example", "*.corp.example")
    assert not mx_matches("a.mx1.corp.example", "*.corp.example")
    assert not mx_matches("corp.example", "*.corp.example")
    assert mx_matches("MX1.Corp.Example.", "mx1.corp.example")
    policy, problem = parse_policy(
        "version: STSv1\r\nmode: enforce\r\nmx: *.corp.example\r\nmax_age: 86400\r\n"
    )
    assert problem is None and policy is not None
    assert corrected_mx(policy, ["mx1.corp.example", "backup.other.example"]) == (
        "*.corp.example",
        "backup.other.example",
    )


def test_policy_server_that_never_answers_ends_within_the_budget(dns_server: Any) -> None:
    """A TCP listener that never completes the TLS handshake: the check still ends within
    --budget, and says the policy did not answer in time."""
    address = free_loopback()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind((address, 443))
        silent.listen(8)  # the kernel completes TCP handshakes; nothing reads or replies
        dns = dns_server(zone(address))
        source = LiveSource([Nameserver(dns.address, dns.port)], timeout=1.0, budget=2.0)
        start = time.monotonic()
        result = asyncio.run(analyze(source, "sender.example", "corp.example", "192.0.2.10"))
        elapsed = time.monotonic() - start
    assert elapsed < 2.5, f"the check took {elapsed:.2f} s with a 2 s budget"
    templates = [f.template for f in transport_findings(result)]
    assert "mta-sts-policy-unreachable/timeout" in templates


def test_saved_analysis_replays_the_same_transport(
    dns_server: Any, ca: LocalCa, tmp_path: Path
) -> None:
    body = GOOD.replace("mx: mx2.corp.example\n", "")
    saved = tmp_path / "corp.mailpath.json"

    def json_of(argv: list[str]) -> dict[str, Any]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main([*argv, "--json"])
        data: dict[str, Any] = json.loads(out.getvalue())
        return data

    with PolicyServer(ca, body=body) as server:
        dns = dns_server(zone(server.address))
        live = json_of(
            [
                "check", "sender.example", "corp.example", "--via", "192.0.2.10",
                "-n", f"{dns.address}:{dns.port}", "--ca-file", ca.ca_file, "--save", str(saved),
            ]
        )  # fmt: skip
    # Replayed with the HTTPS server gone: the policy comes from the recording.
    replayed = json_of(["check", "--replay", str(saved)])
    assert replayed["transport"] == live["transport"]
    assert replayed["findings"] == live["findings"]
    assert replayed["paths"] == live["paths"]
    assert "mta-sts-mx-mismatch" in {f["code"] for f in replayed["findings"]}


def test_invalid_records_are_named_with_a_record_to_publish(dns_server: Any) -> None:
    dns = dns_server(
        {
            **zone("127.0.0.1"),
            "_mta-sts.corp.example": [("TXT", "v=STSv1; id=")],
            "_smtp._tls.corp.example": [
                ("TXT", "v=TLSRPTv1; rua=mailto:tls@corp.example,ftp://reports.example")
            ],
        }
    )
    source = LiveSource([Nameserver(dns.address, dns.port)], timeout=2.0, budget=10.0)
    result = asyncio.run(analyze(source, "sender.example", "corp.example", "192.0.2.10"))
    by_template = {f.template: f for f in transport_findings(result)}
    sts = by_template["mta-sts-invalid/no-id"]
    assert sts.fix == 'Publish at _mta-sts.corp.example this TXT record: "v=STSv1; id=1"'
    rpt = by_template["tls-rpt-invalid/bad-rua"]
    assert rpt.params["destination"] == "ftp://reports.example"
    assert rpt.params["record_fixed"] == "v=TLSRPTv1; rua=mailto:tls@corp.example"
    # An invalid record is no policy: nothing is fetched, nothing queued.
    assert result.transport is not None and result.transport.mta_sts.policy is None
