"""DKIM and ARC verification, and DKIM key checks, through real DNS sockets.

Keys are generated here at test time (RSA in pure Python, so no openssl binary is needed;
ed25519 with PyNaCl), messages are signed with dkimpy, and the public keys are served by the
loopback DNS server (`tests/support/dnsserver.py`) that `LiveSource` queries over UDP/TCP.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import Awaitable
from typing import Any, TypeVar

import dkim
import nacl.encoding
import nacl.signing
import pytest
from dkim.canonicalization import CanonicalizationPolicy
from dkim.crypto import parse_pem_private_key

from mailpath.core.auth.arc import verify_arc
from mailpath.core.auth.dkim import (
    MAX_SIGNATURES,
    DkimKey,
    DkimSignature,
    check_dkim_key,
    dkim_key_to_json,
    dkim_signature_to_json,
)
from mailpath.core.auth.dkim_verify import verify_dkim
from mailpath.core.dns.sources import LiveSource, Nameserver, RecordingSource, ReplaySource
from tests.support.dkimkeys import key_record, rsa_key
from tests.support.dnsserver import TIMEOUT, DnsTestServer

T = TypeVar("T")
QUICK = 0.3  # per-question timeout: the silent-server tests end fast

MESSAGE = (
    b"From: Alice <alice@example.com>\r\n"
    b"To: Bob <bob@example.net>\r\n"
    b"Subject: quarterly figures\r\n"
    b"Date: Mon, 30 Nov 2026 10:00:00 +0900\r\n"
    b"Message-ID: <1@example.com>\r\n"
    b"\r\n"
    b"Hello Bob,\r\nthe figures are attached.\r\n"
)
SIGNED = [b"from", b"to", b"subject", b"date", b"message-id"]


def run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def live(server: DnsTestServer, timeout: float = 2.0) -> LiveSource:
    return LiveSource([Nameserver(server.address, server.port)], timeout=timeout)


# ---------------------------------------------------------------- keys, made here


def sign(
    message: bytes,
    domain: bytes = b"example.com",
    selector: bytes = b"sel",
    bits: int = 2048,
    seed: int = 1,
    **kwargs: Any,
) -> bytes:
    kwargs.setdefault("include_headers", SIGNED)
    header = dkim.sign(message, selector, domain, rsa_key(bits, seed)[0], **kwargs)
    return bytes(header) + message


def sign_with_tags(message: bytes, extra: list[tuple[bytes, bytes]]) -> bytes:
    """A real rsa-sha256 signature carrying tags dkimpy's sign() cannot add (x=)."""
    signer = dkim.DKIM(message)
    signer.hasher = hashlib.sha256
    policy = CanonicalizationPolicy.from_c_value(b"relaxed/simple")
    body_hash = base64.b64encode(hashlib.sha256(policy.canonicalize_body(signer.body)).digest())
    fields = [
        (b"v", b"1"),
        (b"a", b"rsa-sha256"),
        (b"c", b"relaxed/simple"),
        (b"d", b"example.com"),
        (b"s", b"sel"),
        *extra,
        (b"h", b" : ".join(SIGNED)),
        (b"bh", body_hash),
        (b"b", b""),
    ]
    value = signer.gen_header(
        fields, SIGNED, policy, b"DKIM-Signature", parse_pem_private_key(rsa_key(2048)[0])
    )
    return b"DKIM-Signature: " + bytes(value) + message


def zone_with(records: dict[str, Any]) -> dict[str, Any]:
    return {name: [("TXT", value)] for name, value in records.items()}


KEY_NAME = "sel._domainkey.example.com"


def verify(
    server: DnsTestServer, message: bytes, from_domain: str | None = "example.com"
) -> tuple[DkimSignature, ...]:
    return run(verify_dkim(live(server), message, from_domain))


# ---------------------------------------------------------------- verify_dkim


def test_good_signature_passes_with_key_details(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record(2048)}))
    (sig,) = verify(server, sign(MESSAGE))
    assert sig.result == "pass"
    assert (sig.domain, sig.selector, sig.algorithm) == ("example.com", "sel", "rsa-sha256")
    assert (sig.key_type, sig.key_bits) == ("rsa", 2048)
    assert sig.aligned and sig.aligned_strict and sig.aligned_relaxed
    assert sig.body_length_limit is None
    assert sig.headers_signed[:2] == ("from", "to")
    assert sig.lookup is not None and sig.lookup.outcome == "ok"
    assert sig.lookup.name == KEY_NAME
    data = dkim_signature_to_json(sig)
    for field in ("domain", "selector", "algorithm", "result", "reason", "key_bits"):
        assert field in data
    assert data["aligned"] is True and data["body_length_limit"] is None
    assert server.queries == [(KEY_NAME, "TXT", "udp")]


def test_changed_body_fails_with_body_hash_reason(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    tampered = sign(MESSAGE).replace(b"figures are attached", b"figures are wrong")
    (sig,) = verify(server, tampered)
    assert sig.result == "fail"
    assert sig.reason == "body hash mismatch: the body changed after signing"


def test_changed_header_fails(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    tampered = sign(MESSAGE).replace(b"quarterly figures", b"URGENT: pay now")
    (sig,) = verify(server, tampered)
    assert sig.result == "fail"
    assert sig.reason.startswith("signature verification failed")


def test_key_from_another_key_pair_fails(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record(2048, seed=2)}))
    (sig,) = verify(server, sign(MESSAGE))
    assert sig.result == "fail"
    assert "the key does not match" in sig.reason


def test_missing_key_is_permerror(dns_server: Any) -> None:
    server = dns_server({"example.com": [("A", "192.0.2.1")]})
    (sig,) = verify(server, sign(MESSAGE))
    assert sig.result == "permerror"
    assert sig.reason == f"key not found at {KEY_NAME}"
    assert sig.lookup is not None and sig.lookup.outcome == "nxdomain"


def test_silent_key_server_is_temperror_not_missing(dns_server: Any) -> None:
    server = dns_server({KEY_NAME: [TIMEOUT]})
    (sig,) = run(verify_dkim(live(server, timeout=QUICK), sign(MESSAGE), "example.com"))
    assert sig.result == "temperror"
    assert sig.reason == f"the key lookup for {KEY_NAME} timed out"
    assert sig.lookup is not None and sig.lookup.outcome == "timeout"


def test_servfail_is_temperror(dns_server: Any) -> None:
    server = dns_server({}, servfail=[KEY_NAME])
    (sig,) = verify(server, sign(MESSAGE))
    assert sig.result == "temperror"
    assert "SERVFAIL" in sig.reason


def test_revoked_key(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: "v=DKIM1; k=rsa; p="}))
    (sig,) = verify(server, sign(MESSAGE))
    assert (sig.result, sig.reason) == ("permerror", "key revoked (empty p=)")


def test_key_that_is_not_base64(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: "v=DKIM1; k=rsa; p=MIIB!!not*base64"}))
    (sig,) = verify(server, sign(MESSAGE))
    assert (sig.result, sig.reason) == ("permerror", "the key record is not valid base64")


def test_key_split_over_several_strings_is_joined(dns_server: Any) -> None:
    record = key_record(2048)
    server = dns_server({KEY_NAME: [("TXT", [record[:100], record[100:]])]})
    (sig,) = verify(server, sign(MESSAGE))
    assert sig.result == "pass"


def test_expired_signature_is_permerror_with_the_time(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    message = sign_with_tags(MESSAGE, [(b"t", b"1699000000"), (b"x", b"1700000000")])
    (sig,) = verify(server, message)
    assert (sig.result, sig.failure) == ("permerror", "expired")
    assert sig.reason == "signature expired at 2023-11-14 22:13:20 UTC (x=)"
    assert sig.expiration == 1700000000
    # Not worth a DNS question.
    assert server.queries == []


def test_signature_with_future_expiry_verifies(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    (sig,) = verify(server, sign_with_tags(MESSAGE, [(b"x", b"99999999999")]))
    assert sig.result == "pass"


def test_body_length_limit_is_reported_and_lets_content_be_appended(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    signed = sign(MESSAGE, length=True)
    appended = signed + b"\r\nClick http://phish.example/ to claim your prize.\r\n"
    (sig,) = verify(server, appended)
    assert sig.result == "pass"
    assert sig.body_length_limit == len(b"Hello Bob,\r\nthe figures are attached.\r\n")
    assert dkim_signature_to_json(sig)["body_length_limit"] == sig.body_length_limit


def test_subdomain_signer_is_aligned_relaxed_not_strict(dns_server: Any) -> None:
    name = "sel._domainkey.mail.example.com"
    server = dns_server(zone_with({name: key_record()}))
    (sig,) = verify(server, sign(MESSAGE, domain=b"mail.example.com"))
    assert sig.result == "pass"
    assert sig.domain == "mail.example.com"
    assert sig.aligned and sig.aligned_relaxed and not sig.aligned_strict
    # The From address may be given whole; case does not matter.
    (sig,) = verify(server, sign(MESSAGE, domain=b"mail.example.com"), "alice@Mail.Example.COM")
    assert sig.aligned_strict


def test_unrelated_signer_is_not_aligned(dns_server: Any) -> None:
    name = "sel._domainkey.esp.example.net"
    server = dns_server(zone_with({name: key_record()}))
    (sig,) = verify(server, sign(MESSAGE, domain=b"esp.example.net"))
    assert sig.result == "pass"
    assert not sig.aligned and not sig.aligned_strict
    # Without a From domain nothing is aligned.
    (sig,) = verify(server, sign(MESSAGE, domain=b"esp.example.net"), None)
    assert not sig.aligned


def test_organizational_domain_function_is_injectable(dns_server: Any) -> None:
    name = "sel._domainkey.esp.example.net"
    server = dns_server(zone_with({name: key_record()}))
    message = sign(MESSAGE, domain=b"esp.example.net")
    (sig,) = run(verify_dkim(live(server), message, "example.com", org_domain=lambda d: "same"))
    assert sig.aligned and not sig.aligned_strict


def test_two_signatures_one_passing_one_failing(dns_server: Any) -> None:
    other = "s2._domainkey.example.org"
    server = dns_server(zone_with({KEY_NAME: key_record(2048), other: key_record(2048, seed=2)}))
    first = sign(MESSAGE)  # example.com, good
    # example.org signs with a key that is not the one it publishes.
    both = sign(first, domain=b"example.org", selector=b"s2", seed=1)
    top, bottom = verify(server, both)
    assert (top.index, top.domain, top.result) == (0, "example.org", "fail")
    assert (bottom.index, bottom.domain, bottom.result) == (1, "example.com", "pass")
    assert bottom.aligned and not top.aligned
    assert sorted(q[0] for q in server.queries) == sorted([KEY_NAME, other])


def test_ed25519_signature_passes(dns_server: Any) -> None:
    signing_key = nacl.signing.SigningKey(b"\x07" * 32)
    private = signing_key.encode(encoder=nacl.encoding.Base64Encoder)
    public = base64.b64encode(bytes(signing_key.verify_key)).decode()
    name = "ed._domainkey.example.com"
    server = dns_server(zone_with({name: f"v=DKIM1; k=ed25519; p={public}"}))
    header = dkim.sign(
        MESSAGE,
        b"ed",
        b"example.com",
        private,
        signature_algorithm=b"ed25519-sha256",
        include_headers=SIGNED,
    )
    (sig,) = verify(server, bytes(header) + MESSAGE)
    assert (sig.result, sig.key_type, sig.key_bits) == ("pass", "ed25519", 256)
    assert sig.algorithm == "ed25519-sha256"


def test_key_type_mismatch_is_permerror(dns_server: Any) -> None:
    public = base64.b64encode(bytes(nacl.signing.SigningKey(b"\x01" * 32).verify_key))
    server = dns_server(zone_with({KEY_NAME: f"v=DKIM1; k=ed25519; p={public.decode()}"}))
    (sig,) = verify(server, sign(MESSAGE))
    assert sig.result == "permerror"
    assert "ed25519" in sig.reason


def test_rsa_key_under_1024_bits_is_not_accepted(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record(512)}))
    (sig,) = verify(server, sign(MESSAGE, bits=512))
    assert sig.result == "neutral"
    assert "512 bits" in sig.reason
    assert sig.key_bits == 512


def test_unsigned_message_has_no_signatures(dns_server: Any) -> None:
    server = dns_server({})
    assert verify(server, MESSAGE) == ()
    assert verify(server, b"") == ()


def test_recorded_verification_replays_identically(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    recording = RecordingSource(live(server))
    message = sign(MESSAGE)
    first = run(verify_dkim(recording, message, "example.com"))
    replayed = run(verify_dkim(ReplaySource(recording.answers()), message, "example.com"))
    assert replayed == first
    assert first[0].result == "pass"
    # A recording without the key says so: temperror, never "no key".
    (missing,) = run(verify_dkim(ReplaySource([]), message, "example.com"))
    assert missing.result == "temperror"
    assert "not in the recording" in missing.reason


# ---------------------------------------------------------------- hostile input


def test_garbage_signatures_are_permerror_without_dns(dns_server: Any) -> None:
    server = dns_server({})
    garbage = [
        b"DKIM-Signature: ;;;===garbage; \x00\xff\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com\r\n",
        b"DKIM-Signature: v=1; a=rot13; b=AAAA; bh=AAAA; d=x.com; h=from; s=s\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256; b=!!!; bh=AAAA; d=x.com; h=from; s=s\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256; b=AAAA; bh=AAAA; d=a b.com; h=from; s=s\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256; b=AAAA; bh=AAAA; d=x.com; h=to; s=s\r\n",
        b"DKIM-Signature: v=1; v=1; a=rsa-sha256\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256; b=AAAA; bh=AAAA; d=x.com; h=from; s=s; l=-5\r\n",
        b"DKIM-Signature: v=1; a=rsa-sha256; b=AAAA; bh=AAAA; d=x.com; h=from; s=s; "
        b"i=@evil.example\r\n",
    ]
    results = verify(server, b"".join(garbage) + MESSAGE)
    assert len(results) == len(garbage)
    assert all(r.result == "permerror" and r.reason for r in results)
    assert "is not a tag=value pair" in results[0].reason
    assert results[1].reason == "the signature lacks the b= tag"
    assert "unknown signature algorithm" in results[2].reason
    assert results[3].reason == "b= is not valid base64"
    assert "not a valid DNS name" in results[4].reason
    assert "From" in results[5].reason
    assert "twice" in results[6].reason
    assert "not within d=" in results[8].reason
    assert server.queries == []


def test_signature_over_five_thousand_header_names(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    names = [b"from"] + [b"x-h%d" % i for i in range(5000)]
    (sig,) = verify(server, sign(MESSAGE, include_headers=names))
    # Oversigning absent fields is legal: the work stays small, so it is verified.
    assert sig.result == "pass"
    assert len(sig.headers_signed) == 5001


def test_many_header_names_against_many_fields_is_not_evaluated(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    names = b":".join([b"from"] + [b"x-h%d" % i for i in range(5000)])
    fields = b"".join(b"X-Filler: %d\r\n" % i for i in range(1000))
    header = (
        b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=" + names + b"; "
        b"bh=AAAA; b=AAAA\r\n"
    )
    (sig,) = verify(server, header + fields + MESSAGE)
    assert sig.result == "neutral"
    assert sig.reason.startswith("not evaluated")
    assert server.queries == []


def test_whitespace_bomb_is_not_handed_to_dkimpy(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    bomb = (
        b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from; bh=AAAA; b="
        + (b"\r\n " * 500)  # within the folding limit: the whitespace rule stops it
        + b"!\r\n"
    )
    (sig,) = verify(server, bomb + MESSAGE)
    assert sig.result == "neutral"
    assert "whitespace" in sig.reason


def test_only_the_first_signatures_are_verified(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record()}))
    one = sign(MESSAGE)
    header = one[: len(one) - len(MESSAGE)]
    results = verify(server, header * (MAX_SIGNATURES + 5) + MESSAGE)
    assert len(results) == MAX_SIGNATURES + 5
    # Identical signatures with the other copies present still verify (h= picks From etc.).
    assert all(r.result == "pass" for r in results[:MAX_SIGNATURES])
    rest = results[MAX_SIGNATURES:]
    assert all(r.result == "neutral" and "only the first" in r.reason for r in rest)
    assert all(r.domain == "example.com" for r in rest)
    assert len(server.queries) == 1  # one key, asked once


def test_malformed_header_section(dns_server: Any) -> None:
    server = dns_server({})
    message = b" leading continuation\r\n" + sign(MESSAGE)
    results = verify(server, message)
    assert all(r.result == "permerror" for r in results)
    broken = b"DKIM-Signature: v=1; d=example.com\r\nthis line has no colon\r\n\r\nbody\r\n"
    (sig,) = verify(server, broken)
    assert sig.result == "permerror" and "malformed" in sig.reason


def test_hostile_key_records(dns_server: Any) -> None:
    huge = base64.b64encode(b"\x30\x82" + b"\xff" * 3000).decode()
    zone = {
        "a._domainkey.example.com": [("TXT", "v=DKIM1; p=" + huge)],
        "b._domainkey.example.com": [("TXT", "k=rsa; k=rsa; p=AAAA")],
        "c._domainkey.example.com": [("TXT", "p=AAAA; v=DKIM1")],
        "d._domainkey.example.com": [("TXT", "v=DKIM1; k=dsa; p=AAAA")],
        "e._domainkey.example.com": [("TXT", key_record()), ("TXT", key_record(1024))],
    }
    server = dns_server(zone)
    message = MESSAGE
    for sel in (b"a", b"b", b"c", b"d", b"e"):
        message = sign(message, selector=sel)
    results = verify(server, message)
    assert [r.selector for r in results] == ["e", "d", "c", "b", "a"]
    assert all(r.result == "permerror" for r in results)
    assert "2 TXT records" in results[0].reason
    assert "unknown key type" in results[1].reason
    assert "first tag" in results[2].reason
    assert "twice" in results[3].reason
    assert "not an RSA public key" in results[4].reason


# ---------------------------------------------------------------- ARC


ARC_KEY = "arc._domainkey.example.org"
AR = b"Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.com\r\n"


def arc_sealed(message: bytes) -> bytes:
    with_ar = AR + message
    headers = dkim.arc_sign(with_ar, b"arc", b"example.org", rsa_key(2048)[0], b"mx.example.org")
    assert headers, "dkimpy produced no ARC set"
    return b"".join(bytes(h) for h in headers) + with_ar


def test_arc_chain_passes(dns_server: Any) -> None:
    server = dns_server(zone_with({ARC_KEY: key_record()}))
    arc = run(verify_arc(live(server), arc_sealed(MESSAGE)))
    assert (arc.result, arc.instances) == ("pass", 1)
    assert [lk.name for lk in arc.lookups] == [ARC_KEY]


def test_broken_arc_chain_fails(dns_server: Any) -> None:
    server = dns_server(zone_with({ARC_KEY: key_record()}))
    broken = arc_sealed(MESSAGE).replace(b"quarterly figures", b"changed subject")
    arc = run(verify_arc(live(server), broken))
    assert arc.result == "fail"
    assert arc.reason.startswith("the ARC chain does not verify")


def test_arc_key_timeout_is_named(dns_server: Any) -> None:
    server = dns_server({ARC_KEY: [TIMEOUT]})
    arc = run(verify_arc(live(server, timeout=QUICK), arc_sealed(MESSAGE)))
    assert arc.result == "fail"
    assert f"the key lookup for {ARC_KEY} timed out" in arc.reason


def test_no_arc_is_none(dns_server: Any) -> None:
    server = dns_server({})
    arc = run(verify_arc(live(server), MESSAGE))
    assert (arc.result, arc.instances) == ("none", 0)
    assert server.queries == []


def test_hostile_arc_headers(dns_server: Any) -> None:
    server = dns_server({})
    for header in (
        b"ARC-Seal: i=99999999999999999999; a=rsa-sha256; d=x.org; s=s; cv=none; b=AAAA\r\n",
        b"ARC-Seal: garbage without tags\r\n",
        b"ARC-Message-Signature: i=1; b=" + b" " * 5000 + b"!\r\n",
    ):
        arc = run(verify_arc(live(server), header + MESSAGE))
        assert arc.result == "fail" and arc.reason


# ---------------------------------------------------------------- check_dkim_key


def check(server: DnsTestServer, selector: str = "sel", timeout: float = 2.0) -> DkimKey:
    return run(check_dkim_key(live(server, timeout), selector, "example.com"))


@pytest.mark.parametrize(
    ("bits", "status", "severity"),
    [(2048, "ok", None), (1024, "weak", "warning"), (512, "weak", "error")],
)
def test_key_sizes(dns_server: Any, bits: int, status: str, severity: str | None) -> None:
    server = dns_server(zone_with({KEY_NAME: key_record(bits)}))
    key = check(server)
    assert (key.status, key.key_type, key.key_bits) == (status, "rsa", bits)
    assert (key.severity.value if key.severity else None) == severity
    assert key.name == KEY_NAME and key.record == key_record(bits)
    data = dkim_key_to_json(key)
    assert {k: data[k] for k in ("selector", "name", "status", "key_bits")} == {
        "selector": "sel",
        "name": KEY_NAME,
        "status": status,
        "key_bits": bits,
    }
    assert set(data) >= {"record", "key_type", "error"}


def test_ed25519_key_is_ok(dns_server: Any) -> None:
    public = base64.b64encode(bytes(nacl.signing.SigningKey(b"\x02" * 32).verify_key)).decode()
    server = dns_server(zone_with({KEY_NAME: f"v=DKIM1; k=ed25519; p={public}"}))
    key = check(server)
    assert (key.status, key.key_type, key.key_bits) == ("ok", "ed25519", 256)


def test_revoked_key_record(dns_server: Any) -> None:
    server = dns_server(zone_with({KEY_NAME: "v=DKIM1; p="}))
    key = check(server)
    assert (key.status, key.error) == ("revoked", "key revoked (empty p=)")


def test_missing_key_record(dns_server: Any) -> None:
    server = dns_server({"example.com": [("A", "192.0.2.1")], KEY_NAME: [("A", "192.0.2.2")]})
    assert check(server, "nosuch").status == "missing"
    nodata = check(server)
    assert nodata.status == "missing" and "NODATA" in (nodata.error or "")


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ("v=DKIM1; k=rsa; p=%%%", "the key record is not valid base64"),
        ("v=DKIM2; p=AAAA", "v=DKIM2 is not DKIM1"),
        ("k=rsa; v=DKIM1; p=AAAA", "v= must be the first tag of the key record"),
        ("v=DKIM1; k=rsa", "the key record has no p= tag"),
        ("v=DKIM1; p=AAAA", "p= is not an RSA public key"),
        ("v=DKIM1; s=tlsrpt; p=AAAA", "the key is not for email (s=tlsrpt)"),
        ("hello world", "the key record is not a valid tag list"),
    ],
)
def test_invalid_key_records(dns_server: Any, record: str, error: str) -> None:
    server = dns_server(zone_with({KEY_NAME: record}))
    key = check(server)
    assert key.status == "invalid"
    assert key.error is not None and key.error.startswith(error)


def test_several_txt_records_are_invalid(dns_server: Any) -> None:
    server = dns_server({KEY_NAME: [("TXT", key_record()), ("TXT", "v=spf1 -all")]})
    key = check(server)
    assert key.status == "invalid"
    assert key.error == f"2 TXT records at {KEY_NAME}; a DKIM key must be the only one"


def test_key_record_in_several_strings(dns_server: Any) -> None:
    record = key_record(2048)
    server = dns_server({KEY_NAME: [("TXT", [record[:255], record[255:]])]})
    key = check(server)
    assert (key.status, key.record) == ("ok", record)


def test_key_lookup_timeout_is_error(dns_server: Any) -> None:
    server = dns_server({KEY_NAME: [TIMEOUT]})
    key = check(server, timeout=QUICK)
    assert key.status == "error"
    assert key.error is not None and key.error.startswith("timed out")
    assert key.lookup is not None and key.lookup.outcome == "timeout"


def test_key_lookup_servfail_is_error(dns_server: Any) -> None:
    server = dns_server({}, servfail=[KEY_NAME])
    key = check(server)
    assert key.status == "error" and "SERVFAIL" in (key.error or "")


def test_bad_selector_is_invalid_without_a_query(dns_server: Any) -> None:
    server = dns_server({})
    key = check(server, "bad selector!")
    assert key.status == "invalid" and "selector" in (key.error or "")
    assert server.queries == []
