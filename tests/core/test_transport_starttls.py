"""The STARTTLS probe against real SMTP servers (aiosmtpd) on loopback port 25, with
certificates from a trustme test CA: what a user reads in the `smtp` part of the transport
report, and the finding codes it leads to."""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from mailpath.core.transport.certificate import TlsaRecord, name_matches
from mailpath.core.transport.starttls import SmtpProbe, all_probes, probe_findings, probe_mx
from tests.support.smtpserver import BannerThenClose, ScriptedServer, SilentServer, SmtpServer

HOST = "mx1.corp.test"


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = str(tmp_path / "ca.pem")
    ca.cert_pem.write_to_path(path)
    return path


def probe(
    ca_file: str | None,
    hosts: list[tuple[str, str]],
    timeout: float = 5.0,
    **kwargs: object,
) -> dict[str, SmtpProbe]:
    return asyncio.run(probe_mx(hosts, ca_file=ca_file, timeout=timeout, **kwargs))  # type: ignore[arg-type]


def codes(probes: dict[str, SmtpProbe]) -> list[str]:
    return [code for code, _ in probe_findings(probes)]


def spki_sha256(pem: bytes) -> str:
    cert = x509.load_pem_x509_certificate(pem)
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).hexdigest()


@pytest.fixture
def good(ca: trustme.CA) -> Iterator[SmtpServer]:
    with SmtpServer("127.0.25.1", ca.issue_cert(HOST), requiretls=True) as server:
        yield server


def test_a_good_server_reports_tls_and_a_trusted_matching_certificate(
    good: SmtpServer, ca_file: str
) -> None:
    probes = probe(ca_file, [(HOST, "127.0.25.1")], mta_sts_patterns=["*.corp.test"])
    p = probes[HOST]
    assert p.error is None
    assert p.starttls
    assert p.tls_version in ("TLSv1.2", "TLSv1.3")
    assert p.cipher
    assert p.certificate is not None
    assert p.certificate.trusted
    assert p.certificate.names_match
    assert p.certificate.mta_sts_match is True
    assert not p.certificate.expired
    assert p.requiretls
    assert p.connections == 1
    assert codes(probes) == []
    data = p.to_json()
    contract = {"address", "starttls", "tls_version", "cipher", "certificate", "tlsa_match"}
    assert contract | {"error"} <= set(data)
    assert set(data["certificate"]) >= {"subject", "issuer", "not_after", "trusted", "names_match"}
    assert data["address"] == "127.0.25.1"
    assert data["tlsa_match"] is None
    assert data["error"] is None
    # the ISO date a person reads is the certificate's own
    assert datetime.datetime.fromisoformat(data["certificate"]["not_after"]).tzinfo is not None


def test_the_probe_never_sends_mail_from_and_says_quit(good: SmtpServer, ca_file: str) -> None:
    probe(ca_file, [(HOST, "127.0.25.1")], helo_name="probe.example")
    assert good.commands == ["EHLO probe.example", "STARTTLS", "EHLO probe.example", "QUIT"]


def test_a_server_without_starttls_is_starttls_missing(ca_file: str) -> None:
    with SmtpServer("127.0.25.2", None) as server:
        probes = probe(ca_file, [(HOST, "127.0.25.2")])
    p = probes[HOST]
    assert not p.starttls
    assert p.certificate is None
    assert p.to_json()["certificate"] is None
    assert p.error is None
    assert codes(probes) == ["starttls-missing"]
    assert "MAIL" not in " ".join(server.commands)
    assert server.commands[-1] == "QUIT"


def test_an_expired_certificate_is_reported_expired_not_untrusted(
    ca: trustme.CA, ca_file: str
) -> None:
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30)
    cert = ca.issue_cert(HOST, not_before=past - datetime.timedelta(days=90), not_after=past)
    with SmtpServer("127.0.25.3", cert):
        probes = probe(ca_file, [(HOST, "127.0.25.3")])
    c = probes[HOST].certificate
    assert c is not None
    assert c.expired
    assert not c.trusted
    assert c.not_after.startswith(past.date().isoformat())
    assert probes[HOST].connections == 2  # the certificate was read despite the failed check
    assert codes(probes) == ["certificate-expired"]


def test_a_certificate_from_an_unknown_ca_is_untrusted(ca_file: str) -> None:
    other = trustme.CA()
    with SmtpServer("127.0.25.4", other.issue_cert(HOST)):
        probes = probe(ca_file, [(HOST, "127.0.25.4")])
    c = probes[HOST].certificate
    assert c is not None
    assert not c.trusted
    assert c.names_match
    assert c.verify_error  # OpenSSL's reason, kept for the finding
    [(code, params)] = probe_findings(probes)
    assert code == "certificate-untrusted"
    assert params["host"] == HOST and params["address"] == "127.0.25.4"
    assert params["reason"] == c.verify_error


def test_the_wrong_name_is_a_name_mismatch_but_still_trusted(ca: trustme.CA, ca_file: str) -> None:
    with SmtpServer("127.0.25.5", ca.issue_cert("mail.elsewhere.test")):
        probes = probe(ca_file, [(HOST, "127.0.25.5")], mta_sts_patterns=["*.corp.test"])
    c = probes[HOST].certificate
    assert c is not None
    assert c.trusted
    assert not c.names_match
    assert c.mta_sts_match is False
    assert c.names == ("mail.elsewhere.test",)
    assert probe_findings(probes) == [
        (
            "certificate-name-mismatch",
            {
                "host": HOST,
                "address": "127.0.25.5",
                "family": "ipv4",
                "names": "mail.elsewhere.test",
            },
        )
    ]


def test_dane_ee_matches_the_leaf_whatever_its_name_and_issuer(ca_file: str) -> None:
    other = trustme.CA()  # not trusted, and the wrong name: DANE-EE ignores both
    cert = other.issue_cert("wrong.test")
    record = f"3 1 1 {spki_sha256(cert.cert_chain_pems[0].bytes())}"
    with SmtpServer("127.0.25.6", cert):
        # keyed as a DNS answer names the host: absolute, any case
        probes = probe(ca_file, [(HOST, "127.0.25.6")], tlsa={"MX1.Corp.test.": [record]})
    assert probes[HOST].tlsa_match is True
    assert probes[HOST].to_json()["tlsa_match"] is True
    assert codes(probes) == []


def test_a_tlsa_record_for_another_key_is_a_mismatch(ca: trustme.CA, ca_file: str) -> None:
    cert = ca.issue_cert(HOST)
    stale = ca.issue_cert(HOST)  # e.g. the key before a rollover
    record = f"3 1 1 {spki_sha256(stale.cert_chain_pems[0].bytes())}"
    with SmtpServer("127.0.25.7", cert):
        probes = probe(ca_file, [(HOST, "127.0.25.7")], tlsa={HOST: [record]})
    assert probes[HOST].tlsa_match is False
    assert codes(probes) == ["tlsa-mismatch"]


def test_dane_ta_matches_the_intermediate_the_server_presents(ca: trustme.CA, ca_file: str) -> None:
    intermediate = ca.create_child_ca()
    cert = intermediate.issue_cert(HOST)
    ta = x509.load_pem_x509_certificate(intermediate.cert_pem.bytes())
    full = hashlib.sha256(ta.public_bytes(serialization.Encoding.DER)).hexdigest()
    wrong = TlsaRecord(2, 0, 1, bytes(32))
    with SmtpServer("127.0.25.8", cert):
        matched = probe(ca_file, [(HOST, "127.0.25.8")], tlsa={HOST: [f"2 0 1 {full}"]})
        missed = probe(ca_file, [(HOST, "127.0.25.8")], tlsa={HOST: [wrong]})
    leaf = matched[HOST].certificate
    assert leaf is not None
    assert leaf.chain_length == 2
    assert matched[HOST].tlsa_match is True
    assert missed[HOST].tlsa_match is False


def test_a_silent_server_ends_within_the_deadline(ca_file: str) -> None:
    with SilentServer("127.0.25.9"), SilentServer("127.0.25.10"):
        start = time.monotonic()
        probes = probe(
            ca_file, [(HOST, "127.0.25.9"), ("mx2.corp.test", "127.0.25.10")], timeout=1.0
        )
        elapsed = time.monotonic() - start
    assert elapsed < 1.8  # both at once: one deadline, not one each
    for p in all_probes(probes):
        assert p.error_key == "smtp-probe/timeout"
        assert p.error_params["stage"] == "banner"
        assert p.error == f"{p.address} did not answer within 1 s (at banner)."
    assert codes(probes) == ["smtp-probe-failed", "smtp-probe-failed"]


def test_a_server_that_closes_after_its_banner(ca_file: str) -> None:
    with BannerThenClose("127.0.25.11"):
        probes = probe(ca_file, [(HOST, "127.0.25.11")])
    p = probes[HOST]
    assert p.error_key == "smtp-probe/closed"
    assert p.error == "127.0.25.11 closed the connection (at ehlo)."
    assert not p.starttls
    assert probe_findings(probes)[0][0] == "smtp-probe-failed"


def test_starttls_offered_then_refused_is_starttls_missing(ca_file: str) -> None:
    replies = [
        "220 mx ESMTP",
        "250-mx\r\n250-STARTTLS\r\n250 8BITMIME",
        "454 TLS not available",
        "221 bye",
    ]
    with ScriptedServer("127.0.25.14", replies) as server:
        probes = probe(ca_file, [(HOST, "127.0.25.14")])
    p = probes[HOST]
    assert p.starttls  # offered...
    assert p.error == "127.0.25.14 offers STARTTLS but answered 454 to it."
    assert probe_findings(probes) == [
        (
            "starttls-missing",
            {"host": HOST, "address": "127.0.25.14", "family": "ipv4", "reply": "454"},
        )
    ]
    assert not any(line.startswith("MAIL") for line in server.received)


def test_a_server_that_refuses_at_its_greeting(ca_file: str) -> None:
    with ScriptedServer("127.0.25.15", ["554 no service here"]):
        probes = probe(ca_file, [(HOST, "127.0.25.15")])
    p = probes[HOST]
    assert p.error_key == "smtp-probe/greeting-refused"
    assert dict(p.error_params)["reply"] == "554"
    assert p.stage == "banner"


def test_cancelling_the_probe_closes_its_connections(ca_file: str) -> None:
    async def run(server: ScriptedServer) -> bytes:
        task = asyncio.ensure_future(probe_mx([(HOST, "127.0.25.16")], timeout=60))
        while not server.held:  # the probe sent EHLO: it is waiting for the reply
            await asyncio.sleep(0.01)
        task.cancel()
        start = time.monotonic()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert time.monotonic() - start < 1
        # While the event loop still runs: the probe hung up (EOF), it left nothing open.
        held = server.held[0]
        held.settimeout(5)
        return await asyncio.to_thread(held.recv, 1)

    with ScriptedServer("127.0.25.16", ["220 mx ESMTP"], hold=True) as server:
        assert asyncio.run(run(server)) == b""


def test_a_server_that_never_closes_tls_after_quit_does_not_hold_the_probe(
    ca: trustme.CA, ca_file: str
) -> None:
    ehlo = "250-mx\r\n250-STARTTLS\r\n250 8BITMIME"
    replies = ["220 mx ESMTP", ehlo, "220 go ahead", "250-mx\r\n250 8BITMIME", "221 bye"]
    cert = ca.issue_cert(HOST)
    with ScriptedServer("127.0.25.17", replies, cert=cert, hold=True) as server:
        start = time.monotonic()
        probes = probe(ca_file, [(HOST, "127.0.25.17")], timeout=20)
        elapsed = time.monotonic() - start
        assert server.received[-1] == "QUIT"
    p = probes[HOST]
    assert p.error is None  # the probe finished: no timeout for the unanswered close
    assert p.stage == "done"
    assert p.certificate is not None and p.certificate.trusted
    assert elapsed < 5


def test_a_refused_connection_is_named(ca_file: str) -> None:
    probes = probe(ca_file, [(HOST, "127.0.25.12")])
    error = probes[HOST].error
    assert error == "127.0.25.12 refused the connection to port 25."
    # a sentence the window renders in its language from the key and the parameters
    assert error is not None and error.key == "smtp-probe/refused"
    assert error.params == {"host": HOST, "address": "127.0.25.12", "port": "25"}


def test_both_families_of_a_host_are_probed(ca: trustme.CA, ca_file: str) -> None:
    cert = ca.issue_cert(HOST)
    with SmtpServer("127.0.25.13", cert), SmtpServer("::1", None):
        probes = probe(ca_file, [(HOST, "127.0.25.13"), (HOST, "::1")])
    assert list(probes) == [HOST]
    by_address = probes[HOST].to_json()["by_address"]
    assert by_address["127.0.25.13"]["starttls"] is True
    assert by_address["::1"]["starttls"] is False
    assert by_address["::1"]["family"] == "ipv6"
    assert [(c, p["address"]) for c, p in probe_findings(probes)] == [("starttls-missing", "::1")]


@pytest.mark.parametrize(
    ("name", "host", "expected"),
    [
        ("mx1.corp.test", "MX1.corp.test.", True),
        ("*.corp.test", "mx1.corp.test", True),
        ("*.corp.test", "a.mx1.corp.test", False),  # one label only
        ("*.corp.test", "corp.test", False),
        ("*.test", "corp.test", False),  # no wildcard over a top-level label
        ("mx*.corp.test", "mx1.corp.test", False),  # partial-label wildcards are not honoured
    ],
)
def test_certificate_name_rules(name: str, host: str, expected: bool) -> None:
    assert name_matches(host, name) is expected
