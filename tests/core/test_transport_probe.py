"""The STARTTLS probe through the whole analysis (`--probe-smtp`): the recipient's MX hosts
are aiosmtpd servers on loopback port 25 with trustme certificates, its MTA-STS policy comes
from a real HTTPS server on loopback port 443, the rest from the loopback DNS server. What a
user reads: the `smtp` object of `--json`, the findings and what they say a sending server
does, which paths are queued, and the lock on each SMTP edge of the route."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from mailpath.cli import main
from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.judgement.receiver import Disposition, judge
from mailpath.core.model import Result
from mailpath.core.route.attrs import EdgeKind, TransportMarker
from mailpath.core.route.graph import build_route_graph
from mailpath.core.route.transport import transport_marker
from mailpath.core.transport import (
    MtaStsInfo,
    TlsRptInfo,
    TransportInfo,
    TransportOptions,
    mx_transport,
    probe_transport,
    refused_hosts,
)
from mailpath.core.transport.dane import dane_host
from mailpath.core.transport.dnssec import SECURE, DnssecStatus
from tests.support.doh import LocalCa
from tests.support.https_policy import PolicyServer, free_loopback
from tests.support.smtpserver import SmtpServer

MX1, MX2 = "mx1.corp.example", "mx2.corp.example"
POLICY_HOST = "mta-sts.corp.example"
ENFORCE = f"version: STSv1\nmode: enforce\nmx: {MX1}\nmx: {MX2}\nmax_age: 604800\n"
TESTING = ENFORCE.replace("enforce", "testing")


def zone(policy: str, mx1: str, mx2: str) -> dict[str, Any]:
    return {
        "sender.example": [("TXT", "v=spf1 ip4:192.0.2.10 -all"), ("A", "192.0.2.10")],
        "_dmarc.sender.example": [("TXT", "v=DMARC1; p=none")],
        "10.2.0.192.in-addr.arpa": [("PTR", "sender.example")],
        "corp.example": [("MX", (10, MX1)), ("MX", (20, MX2))],
        MX1: [("A", mx1)],
        MX2: [("A", mx2)],
        "_mta-sts.corp.example": [("TXT", "v=STSv1; id=2026120501")],
        "_smtp._tls.corp.example": [("TXT", "v=TLSRPTv1; rua=mailto:tls@corp.example")],
        POLICY_HOST: [("A", policy)],
    }


@pytest.fixture
def ca(tmp_path: Path) -> LocalCa:
    return LocalCa(tmp_path, names=(POLICY_HOST,))


@contextlib.contextmanager
def world(
    dns_server: Any, ca: LocalCa, body: str, mx2_names: tuple[str, ...] | None
) -> Iterator[str]:
    """MX1 presents a good certificate; MX2 one for `mx2_names` (None: no STARTTLS at all).
    Yields the DNS server as `-n` takes it."""
    good = SmtpServer(free_loopback(25), ca.ca.issue_cert(MX1))
    with good:
        other = SmtpServer(
            free_loopback(25), ca.ca.issue_cert(*mx2_names) if mx2_names is not None else None
        )
        with other, PolicyServer(ca, body=body) as policy:
            dns = dns_server(zone(policy.address, good.address, other.address))
            yield f"{dns.address}:{dns.port}"


def analysis(nameserver: str, ca: LocalCa, *, probe: bool = True) -> Result:
    address, port = nameserver.rsplit(":", 1)
    source = LiveSource([Nameserver(address, int(port))], timeout=2.0, budget=15.0)
    options = TransportOptions(ca_file=ca.ca_file, probe_smtp=probe)
    return asyncio.run(
        analyze(source, "sender.example", "corp.example", "192.0.2.10", transport=options)
    )


def markers(result: Result) -> dict[str, TransportMarker]:
    g = build_route_graph(result)
    return {
        v.removeprefix("mx:"): a["transport"]
        for _, v, a in g.edges(data=True)
        if a["kind"] is EdgeKind.SMTP
    }


def cli_json(argv: list[str]) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([*argv, "--json"])
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_probe_smtp_fills_the_json_contract_and_is_off_by_default(
    dns_server: Any, ca: LocalCa
) -> None:
    with world(dns_server, ca, ENFORCE, ("other.example",)) as ns:
        argv = ["check", "sender.example", "corp.example", "--via", "192.0.2.10"]
        argv += ["-n", ns, "--ca-file", ca.ca_file]
        without = cli_json(argv)
        probed = cli_json([*argv, "--probe-smtp"])
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            main([*argv, "--probe-smtp"])
    report = text.getvalue()
    assert f"  {MX1}: mta-sts;" in report
    assert "    route marker: closed lock (verified TLS: MTA-STS enforce)" in report
    assert "    route marker: red (the recipient's own policy makes delivery fail)" in report
    assert "names do not match" in report
    assert without["transport"]["smtp"] is None
    smtp = probed["transport"]["smtp"]
    assert set(smtp) == {MX1, MX2}
    for host in (MX1, MX2):
        entry = smtp[host]
        for key in ("address", "starttls", "tls_version", "cipher", "tlsa_match", "error"):
            assert key in entry
        assert entry["starttls"] is True
        assert entry["tls_version"] in ("TLSv1.2", "TLSv1.3")
        assert set(entry["certificate"]) >= {
            "subject",
            "issuer",
            "not_after",
            "trusted",
            "names_match",
        }
    assert smtp[MX1]["certificate"]["names_match"] is True
    assert smtp[MX2]["certificate"]["names_match"] is False
    found = {f["code"]: f for f in probed["findings"]}
    assert "certificate-name-mismatch" in found
    assert "certificate-name-mismatch" not in {f["code"] for f in without["findings"]}
    paths = {p["mx"]: p for p in probed["paths"]}
    assert paths[MX2]["disposition"] == "queued"
    assert paths[MX2]["basis"] == ["mta-sts:certificate-name-mismatch"]
    assert paths[MX1]["disposition"] == "delivered"


def test_wrong_name_under_enforce_queues_that_path_and_the_lock_is_red(
    dns_server: Any, ca: LocalCa
) -> None:
    with world(dns_server, ca, ENFORCE, ("other.example",)) as ns:
        result = analysis(ns, ca)
    f = next(f for f in result.findings if f.code == "certificate-name-mismatch")
    assert f.params["host"] == MX2
    assert (f.consequence, f.disposition, f.severity.value) == (
        "consequence/tls-refused",
        "queued",
        "error",
    )
    assert "refuse to deliver to mx2.corp.example" in f.message
    paths = {p.mx: p for p in judge(result).paths}
    assert paths[MX2].disposition is Disposition.QUEUED
    assert paths[MX1].disposition is Disposition.DELIVERED
    assert markers(result) == {MX1: TransportMarker.VERIFIED, MX2: TransportMarker.FAILS}


def test_wrong_name_without_enforce_is_delivered_unverified_under_an_open_lock(
    dns_server: Any, ca: LocalCa
) -> None:
    with world(dns_server, ca, TESTING, ("other.example",)) as ns:
        result = analysis(ns, ca)
    f = next(f for f in result.findings if f.code == "certificate-name-mismatch")
    assert (f.consequence, f.severity.value) == ("consequence/tls-unverified", "warning")
    assert f.disposition == "delivered"
    assert "without verifying" in f.message
    assert all(p.disposition is Disposition.DELIVERED for p in judge(result).paths)
    assert markers(result) == {MX1: TransportMarker.UNVERIFIED, MX2: TransportMarker.UNVERIFIED}


@pytest.mark.parametrize(
    ("body", "consequence", "disposition", "marker"),
    [
        (ENFORCE, "consequence/tls-refused", "queued", TransportMarker.FAILS),
        (TESTING, "consequence/tls-clear", "delivered", TransportMarker.UNVERIFIED),
    ],
    ids=["enforce", "testing"],
)
def test_no_starttls_is_refused_under_enforce_and_sent_in_the_clear_otherwise(
    dns_server: Any,
    ca: LocalCa,
    body: str,
    consequence: str,
    disposition: str,
    marker: TransportMarker,
) -> None:
    with world(dns_server, ca, body, None) as ns:
        result = analysis(ns, ca)
    f = next(f for f in result.findings if f.code == "starttls-missing")
    assert f.params["host"] == MX2
    assert (f.consequence, f.disposition) == (consequence, disposition)
    assert markers(result)[MX2] is marker


def test_without_the_probe_enforce_draws_open_locks_and_asks_no_smtp(
    dns_server: Any, ca: LocalCa
) -> None:
    """A closed lock means a certificate seen valid: without the probe, MTA-STS enforce only
    demands verified TLS, and the lock stays open (its Details say the certificate was not
    checked)."""
    with world(dns_server, ca, ENFORCE, None) as ns:
        result = analysis(ns, ca, probe=False)
    assert result.transport is not None and result.transport.smtp is None
    assert not [f for f in result.findings if f.code == "starttls-missing"]
    assert markers(result) == {MX1: TransportMarker.UNVERIFIED, MX2: TransportMarker.UNVERIFIED}


def _dane_info(record: str) -> TransportInfo:
    """A recipient whose MX1 publishes `record` as a DNSSEC-secure TLSA record (the DNSSEC
    verdict given, as a signed zone would give it; the probe itself is real)."""
    secure = DnssecStatus(f"_25._tcp.{MX1}", "TLSA", SECURE, "mailpath", zone="corp.example")
    return TransportInfo(
        "corp.example",
        MtaStsInfo(),
        TlsRptInfo(),
        DnssecStatus("corp.example", "SOA", SECURE, "mailpath"),
        dane={MX1: dane_host(MX1, [record], True)},
        host_dnssec={MX1: secure},
    )


@pytest.mark.parametrize("matching", [True, False], ids=["match", "mismatch"])
def test_dane_host_whose_certificate_misses_its_tlsa_fails_the_policy(
    ca: LocalCa, matching: bool
) -> None:
    leaf = ca.ca.issue_cert(MX1)
    cert = x509.load_pem_x509_certificate(leaf.cert_chain_pems[0].bytes())
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = hashlib.sha256(spki).hexdigest() if matching else "00" * 32
    info = _dane_info(f"3 1 1 {digest}")
    assert mx_transport(info, MX1).state == "dane"  # before the probe: DANE applies
    with SmtpServer(free_loopback(25), leaf) as server:
        probed = asyncio.run(
            probe_transport(info, [(MX1, server.address)], TransportOptions(), lambda: 10.0)
        )
    assert probed.smtp is not None and probed.smtp[MX1].tlsa_match is matching
    state = mx_transport(probed, MX1)
    if matching:
        assert (state.state, transport_marker(probed, MX1)) == ("dane", TransportMarker.VERIFIED)
        assert refused_hosts(probed) == frozenset()
    else:
        assert (state.state, state.basis) == ("policy-fails", ("dane:tlsa-mismatch",))
        assert transport_marker(probed, MX1) is TransportMarker.FAILS
        assert refused_hosts(probed) == {MX1}


def test_a_saved_probe_replays_as_it_was_found(
    dns_server: Any, ca: LocalCa, tmp_path: Path
) -> None:
    saved = tmp_path / "probed.json"
    with world(dns_server, ca, ENFORCE, ("other.example",)) as ns:
        argv = ["check", "sender.example", "corp.example", "--via", "192.0.2.10"]
        live = cli_json(
            [*argv, "-n", ns, "--ca-file", ca.ca_file, "--probe-smtp", "--save", str(saved)]
        )
    # Replayed with every server gone: the probe's facts come from the recording.
    replayed = cli_json(["check", "--replay", str(saved)])
    assert live["transport"]["smtp"] is not None
    assert replayed["transport"] == live["transport"]
    assert replayed["findings"] == live["findings"]
    assert replayed["paths"] == live["paths"]
