"""DNSSEC and DANE against NSD serving zones signed with ldns-signzone, validated
by mailpath from a test trust anchor: secure, bogus (a corrupted signature) and insecure."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from mailpath.core.dns.sources import CachingSource, LiveSource, Nameserver
from mailpath.core.transport import TransportInfo, TransportOptions, check_transport
from mailpath.core.transport.findings import transport_findings
from tests.support.nsd import NsdServer, zone_text
from tests.support.signzone import ZoneSigner, corrupt, ldns_available

TLSA_EE = "3 1 1 " + "ab" * 32
TLSA_PKIX = "1 1 1 " + "cd" * 32


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str]:
    """The zones (origin -> signed text) and the trust anchor file (the DS of example.)."""
    if not ldns_available():
        message = "ldns-signzone/ldns-keygen missing (apt-get install -y ldnsutils)"
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail(message + "; CI must run the DNSSEC tests")
        pytest.skip(message)
    directory = tmp_path_factory.mktemp("signed")
    signer = ZoneSigner(directory)

    def child(origin: str, mx: Sequence[tuple[str, str]], extra: list[Any]) -> str:
        records = [("@", "MX", f"{10 * (i + 1)} {name}") for i, (name, _) in enumerate(mx)]
        records += [(name, "A", address) for name, address in mx]
        return zone_text(origin, [*records, *extra], ns=("ns.example.",))

    zones = {
        "secure.example": signer.sign(
            "secure.example",
            child(
                "secure.example",
                [("mx", "192.0.2.25"), ("mx2", "192.0.2.26")],
                [("_25._tcp.mx", "TLSA", TLSA_EE), ("_25._tcp.mx2", "TLSA", TLSA_PKIX)],
            ),
        ),
        "bogus.example": corrupt(
            signer.sign("bogus.example", child("bogus.example", [("mx", "192.0.2.27")], [])),
            "bogus.example",
            "SOA",
        ),
        "plain.example": child(
            "plain.example", [("mx", "192.0.2.28")], [("_25._tcp.mx", "TLSA", TLSA_EE)]
        ),
    }
    parent = zone_text(
        "example",
        [
            ("ns", "A", "127.0.0.1"),
            *signer.delegation("secure.example", "ns.example."),
            *signer.delegation("bogus.example", "ns.example."),
            *signer.delegation("plain.example", "ns.example.", signed=False),
        ],
        ns=("ns.example.",),
    )
    zones["example"] = signer.sign("example", parent)
    return zones, signer.anchor_file("example")


def check(
    nsd: NsdServer, domain: str, hosts: Sequence[str], anchor: str, **options: Any
) -> TransportInfo:
    source = LiveSource([Nameserver(nsd.address, nsd.port)], timeout=2.0, budget=10.0)

    async def mx_hosts() -> Sequence[str]:
        return hosts

    opts = TransportOptions(trust_anchor=anchor, **options)
    return asyncio.run(check_transport(CachingSource(source), domain, mx_hosts, opts))


@pytest.fixture
def nsd(nsd_server: Callable[..., NsdServer], signed: tuple[dict[str, str], str]) -> NsdServer:
    return nsd_server(signed[0])


def test_signed_zone_is_secure_and_its_dane_ee_record_usable(nsd: NsdServer, signed: Any) -> None:
    hosts = ["mx.secure.example", "mx2.secure.example"]
    info = check(nsd, "secure.example", hosts, signed[1])
    assert (info.dnssec.state, info.dnssec.secure, info.dnssec.by) == ("secure", True, "mailpath")
    assert info.dnssec.zone == "secure.example"
    assert info.dane["mx.secure.example"].tlsa == (TLSA_EE,)
    assert info.dane["mx.secure.example"].usable
    assert info.host_dnssec["mx.secure.example"].state == "secure"
    # PKIX-EE (1) is not for SMTP: secure, but not usable.
    assert not info.dane["mx2.secure.example"].usable
    found = transport_findings(info, hosts)
    assert [
        (f.code, f.params.get("host"))
        for f in found
        if f.code.startswith(("tlsa", "dane", "dnssec"))
    ] == [("tlsa-unusable", "mx2.secure.example")]


def test_corrupted_signature_is_bogus_and_an_error(nsd: NsdServer, signed: Any) -> None:
    # The recipient's zone is judged on its SOA answer, whose signature is corrupted.
    info = check(nsd, "bogus.example", ["mx.bogus.example"], signed[1])
    assert (info.dnssec.state, info.dnssec.secure) == ("bogus", False)
    bogus = [f for f in transport_findings(info, ["mx.bogus.example"]) if f.code == "dnssec-bogus"]
    assert [(f.severity.value, f.params["name"], f.params["rdtype"]) for f in bogus] == [
        ("error", "bogus.example", "SOA")
    ]


def test_unsigned_delegation_is_insecure_and_its_tlsa_ignored(nsd: NsdServer, signed: Any) -> None:
    info = check(nsd, "plain.example", ["mx.plain.example"], signed[1])
    assert (info.dnssec.state, info.dnssec.secure) == ("insecure", False)
    assert info.dane["mx.plain.example"].tlsa == (TLSA_EE,)
    assert not info.dane["mx.plain.example"].usable
    codes = [f.code for f in transport_findings(info, ["mx.plain.example"])]
    assert "dane-without-dnssec" in codes
    assert "dnssec-bogus" not in codes


def test_wrong_trust_anchor_makes_the_signed_zone_bogus(
    nsd: NsdServer, signed: Any, tmp_path: Path
) -> None:
    other = ZoneSigner(tmp_path)
    info = check(nsd, "secure.example", ["mx.secure.example"], other.anchor_file("example"))
    assert info.dnssec.state == "bogus"


def test_resolver_mode_says_so(nsd: NsdServer, signed: Any) -> None:
    # NSD is no validating resolver: it never sets AD, so the answer is not called secure.
    info = check(nsd, "secure.example", [], signed[1], dnssec_by="resolver")
    assert (info.dnssec.by, info.dnssec.secure) == ("resolver", False)
