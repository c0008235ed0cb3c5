"""DKIM interoperability with OpenDKIM, a second implementation nobody here wrote.

Messages are signed by OpenDKIM 2.11 (Debian's `opendkim` filter in its test mode, and
`opendkim-testmsg`), with keys from `opendkim-genkey` (RSA 1024 and 2048) and openssl (ed25519:
opendkim-genkey makes RSA keys only). The TXT records are served by the loopback DNS server;
mailpath verifies each message through a whole analysis (`analyze`, as `check --message`
does), OpenDKIM verifies the same bytes against the same server (`Nameservers 127.0.0.1@PORT`),
before and after mutations. Both must give the verdict the RFC gives; where they differ the
RFC decides, and each such place is named here (and in `opendkim_expected`):

- rsa-sha1 (signed by `opendkim-testmsg`, whose only algorithm it is): OpenDKIM 2.11 passes it;
  mailpath refuses it (counts it as no signature, failure permerror), because RFC 8301
  section 3.1 says verifiers MUST NOT consider rsa-sha1 signatures valid.
- A second From added above a signature that lists From once: OpenDKIM passes (h= takes the
  bottom-most From, RFC 6376 5.4.2); mailpath fails it (signature-mismatch). RFC 5322 3.6
  allows exactly one From, RFC 6376 8.15 describes this very attack (the reader sees the
  unsigned From) and RFC 7489 6.6.1 expects such mail to be rejected; dkimpy, and so mailpath,
  verifies as if From were listed once more than it was signed.
- A key that is not published: both refuse, in different words: OpenDKIM says
  ``dkim=fail (key not found in DNS)``, mailpath ``permerror`` (failure key-missing). RFC 6376
  6.1.2 returns PERMFAIL (no key for signature), which RFC 8601 2.7.1 calls permerror (the
  message "could not be verified"), keeping fail for a signature that was checked and failed.

One agreement that looks like a difference: OpenDKIM 2.11's ed25519 signer with *simple*
header canonicalization makes signatures nobody can verify, OpenDKIM included: it hashes its
own DKIM-Signature field with "; b=" on one line and then emits it folded before b= (shown
below by unfolding it). Both verifiers say fail, as RFC 6376 section 3.4.1 (simple: no change
at all) requires, so those cases are tested apart and the mutations run on ed25519 with
relaxed header canonicalization.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailpath.core.model import Result
from tests.core.test_dkim import MESSAGE
from tests.core.test_dkim_outcomes import ZONE, analyse
from tests.support.dnsserver import DnsTestServer
from tests.support.opendkim import (
    OpenDkimKey,
    genkey_ed25519,
    genkey_rsa,
    sign,
    sign_testmsg,
    verify,
)

DOMAIN = "example.com"  # the From domain of MESSAGE

pytestmark = pytest.mark.usefixtures("opendkim_tools")


@dataclasses.dataclass(frozen=True)
class Case:
    key: str  # "rsa1024" | "rsa2048" | "ed25519"
    canonicalization: str = "relaxed/relaxed"
    body_length: bool = False  # l=
    oversign: bool = False  # From listed twice in h=

    @property
    def id(self) -> str:
        extra = ("-l" if self.body_length else "") + ("-oversigned" if self.oversign else "")
        return f"{self.key}-{self.canonicalization.replace('/', '.')}{extra}"

    @property
    def header_relaxed(self) -> bool:
        return self.canonicalization.split("/")[0] == "relaxed"

    @property
    def body_relaxed(self) -> bool:
        return self.canonicalization.split("/")[-1] == "relaxed"

    @property
    def algorithm(self) -> str:
        return "ed25519-sha256" if self.key == "ed25519" else "rsa-sha256"


CASES = [
    Case("rsa1024", "relaxed/relaxed"),
    Case("rsa1024", "simple/simple"),
    Case("rsa2048", "relaxed/relaxed"),
    Case("rsa2048", "simple/simple"),
    Case("rsa2048", "relaxed/simple"),
    Case("rsa2048", "simple/relaxed"),
    Case("ed25519", "relaxed/relaxed"),
    Case("ed25519", "relaxed/simple"),
    Case("rsa2048", "relaxed/relaxed", body_length=True),
    Case("rsa1024", "simple/simple", body_length=True),
    Case("rsa2048", "relaxed/relaxed", oversign=True),
    Case("ed25519", "relaxed/simple", oversign=True),
]

# ---------------------------------------------------------------- mutations of a signed message

FOOTER = b"--\r\nadded by the list\r\n"


def _header_whitespace(m: bytes) -> bytes:
    # Relaxed header canonicalization folds runs of spaces and drops trailing ones (RFC 6376
    # 3.4.2); simple keeps every octet (3.4.1).
    return m.replace(b"Subject: quarterly figures\r\n", b"Subject: quarterly \t figures  \r\n")


def _body_whitespace(m: bytes) -> bytes:
    # Relaxed body canonicalization: runs of WSP become one SP, trailing WSP goes (3.4.4).
    return m.replace(b"Hello Bob,\r\n", b"Hello  Bob, \t\r\n")


MUTATIONS: dict[str, Callable[[bytes], bytes]] = {
    "unchanged": lambda m: m,
    "body-changed": lambda m: m.replace(b"figures are attached", b"figures are wrong"),
    "body-appended": lambda m: m + FOOTER,
    "signed-header-changed": lambda m: m.replace(b"quarterly figures", b"URGENT: pay now"),
    "received-added-above": lambda m: (
        b"Received: from mx.example.net by inbox.example.net; Mon, 30 Nov 2026 10:01:00"
        b" +0900\r\n" + m
    ),
    "from-added-above": lambda m: b"From: Mallory <ceo@example.com>\r\n" + m,
    "header-whitespace": _header_whitespace,
    "body-whitespace": _body_whitespace,
}


def expected(case: Case, mutation: str) -> tuple[str, str | None]:
    """What RFC 6376 says a verifier must answer: (result, mailpath's failure)."""
    body_changed = ("fail", "body-changed")
    headers_changed = ("fail", "signature-mismatch")
    if mutation == "body-changed":
        return body_changed
    if mutation == "body-appended":  # l= covers only the signed length (RFC 6376 3.4.5)
        return ("pass", None) if case.body_length else body_changed
    if mutation == "signed-header-changed":
        return headers_changed
    if mutation == "from-added-above":
        # Oversigned (From listed once more than it occurs, 8.15): the extra From on top
        # takes the slot that was empty at signing, so the signature breaks (5.4.2). Signed
        # once: h= alone would cover only the bottom From, but a message with two From fields
        # is the attack 8.15 describes (RFC 5322 3.6: exactly one From): fail (a documented
        # difference: OpenDKIM passes it).
        return headers_changed
    if mutation == "header-whitespace":
        return ("pass", None) if case.header_relaxed else headers_changed
    if mutation == "body-whitespace":
        return ("pass", None) if case.body_relaxed else body_changed
    return ("pass", None)  # unchanged; an unsigned field added above


def opendkim_expected(case: Case, mutation: str) -> str:
    """OpenDKIM's verdict: the RFC's, except the differences in the module docstring."""
    if mutation == "from-added-above" and not case.oversign:
        return "pass"  # OpenDKIM covers only the bottom From (RFC 5322 3.6, RFC 6376 8.15)
    return expected(case, mutation)[0]


# ---------------------------------------------------------------- keys, signing, verdicts


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory, opendkim_tools: None) -> dict[str, OpenDkimKey]:
    base = tmp_path_factory.mktemp("opendkim-keys")
    return {
        "rsa1024": genkey_rsa(base / "rsa1024", DOMAIN, "odk1024", 1024),
        "rsa2048": genkey_rsa(base / "rsa2048", DOMAIN, "odk2048", 2048),
        "ed25519": genkey_ed25519(base / "ed25519", DOMAIN, "odked"),
        # Debian's opendkim-genkey writes h=sha256; the rsa-sha1 key must allow sha1.
        "rsa-sha1": genkey_rsa(base / "sha1", DOMAIN, "odksha1", 1024, hashes="sha1:sha256"),
    }


@pytest.fixture(scope="module")
def signed(
    keys: dict[str, OpenDkimKey], tmp_path_factory: pytest.TempPathFactory
) -> dict[Case, bytes]:
    """Every case signed once by OpenDKIM."""
    work = tmp_path_factory.mktemp("opendkim-sign")
    return {
        case: sign(
            work / case.id,
            MESSAGE,
            keys[case.key],
            canonicalization=case.canonicalization,
            algorithm=case.algorithm,
            oversign=("From",) if case.oversign else (),
            body_length=case.body_length,
        )
        for case in CASES
    }


@pytest.fixture
def key_server(dns_server: Any, keys: dict[str, OpenDkimKey]) -> DnsTestServer:
    zone = dict(ZONE)
    for key in keys.values():
        zone[key.name] = [("TXT", key.record)]
    server: DnsTestServer = dns_server(zone)
    return server


def mailpath_verdict(server: DnsTestServer, message: bytes) -> tuple[str, str | None]:
    result: Result = analyse(server, message)
    assert result.message is not None
    (sig,) = result.message.dkim
    return sig.result, sig.failure


def opendkim_verdict(server: DnsTestServer, message: bytes, work: Path) -> str:
    return verify(work, message, server.address, server.port)


def signature_field(message: bytes) -> bytes:
    return message.split(b"\r\nFrom:", 1)[0]


# ---------------------------------------------------------------- tests


def test_opendkim_signed_what_each_case_asks(signed: dict[Case, bytes]) -> None:
    """The signatures carry the algorithm, canonicalization, l= and oversigning asked for."""
    for case, message in signed.items():
        field = b" ".join(signature_field(message).split())
        assert f"a={case.algorithm};".encode() in field, case.id
        assert f"c={case.canonicalization};".encode() in field, case.id
        assert (b" l=" in field) == case.body_length, case.id
        h = field.split(b" h=", 1)[1].split(b";", 1)[0].lower().replace(b" ", b"")
        assert h.split(b":").count(b"from") == (2 if case.oversign else 1), case.id


@pytest.mark.parametrize("mutation", list(MUTATIONS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_mailpath_and_opendkim_agree(
    case: Case,
    mutation: str,
    signed: dict[Case, bytes],
    key_server: DnsTestServer,
    tmp_path: Path,
) -> None:
    message = MUTATIONS[mutation](signed[case])
    theirs = opendkim_verdict(key_server, message, tmp_path)
    ours = mailpath_verdict(key_server, message)
    assert theirs == opendkim_expected(case, mutation), f"OpenDKIM said {theirs}"
    assert ours == expected(case, mutation)


@pytest.mark.parametrize("canonicalization", ["simple/simple", "simple/relaxed"])
def test_opendkim_ed25519_with_simple_headers_fails_everywhere(
    canonicalization: str,
    keys: dict[str, OpenDkimKey],
    key_server: DnsTestServer,
    tmp_path: Path,
) -> None:
    """OpenDKIM 2.11 hashes its ed25519 DKIM-Signature with "; b=" unfolded, then emits it
    folded: under simple header canonicalization the field changed, so both verifiers fail the
    untouched message, and both pass it once the fold is taken out again."""
    message = sign(
        tmp_path / "sign",
        MESSAGE,
        keys["ed25519"],
        canonicalization=canonicalization,
        algorithm="ed25519-sha256",
    )
    assert opendkim_verdict(key_server, message, tmp_path / "v1") == "fail"
    assert mailpath_verdict(key_server, message) == ("fail", "signature-mismatch")
    assert b";\r\n\tb=" in message
    unfolded = message.replace(b";\r\n\tb=", b"; b=", 1)
    assert opendkim_verdict(key_server, unfolded, tmp_path / "v2") == "pass"
    assert mailpath_verdict(key_server, unfolded) == ("pass", None)


def test_rsa_sha1_opendkim_passes_mailpath_refuses_per_rfc8301(
    keys: dict[str, OpenDkimKey], key_server: DnsTestServer, tmp_path: Path
) -> None:
    """The one documented difference: OpenDKIM 2.11 still accepts rsa-sha1; RFC 8301 3.1
    says verifiers MUST NOT consider rsa-sha1 signatures valid, and mailpath follows it."""
    message = sign_testmsg(MESSAGE, keys["rsa-sha1"])
    assert b"a=rsa-sha1;" in signature_field(message)
    assert opendkim_verdict(key_server, message, tmp_path) == "pass"
    result = analyse(key_server, message)
    assert result.message is not None
    (sig,) = result.message.dkim
    assert (sig.result, sig.failure) == ("neutral", "permerror")  # counted as no signature
    (finding,) = [f for f in result.findings if f.code.startswith("dkim-")]
    assert finding.template == "dkim-permerror/rsa-sha1"


def test_unpublished_key_both_refuse(
    keys: dict[str, OpenDkimKey], dns_server: Any, tmp_path: Path
) -> None:
    """The signature with its key record absent: neither passes. OpenDKIM calls it fail,
    mailpath permerror (RFC 6376 6.1.2 PERMFAIL "no key for signature"; RFC 8601 2.7.1 keeps
    fail for a signature that was checked), see the module docstring."""
    server: DnsTestServer = dns_server(dict(ZONE))
    message = sign(tmp_path / "sign", MESSAGE, keys["rsa2048"])
    assert opendkim_verdict(server, message, tmp_path / "v") == "fail"
    assert mailpath_verdict(server, message) == ("permerror", "key-missing")
