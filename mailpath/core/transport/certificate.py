"""The certificate a server presented, as facts: names (RFC 6125), expiry, the MTA-STS
patterns (RFC 8461) and TLSA records (RFC 7672 DANE-EE and DANE-TA), computed with
`cryptography`. Trust itself is OpenSSL's verdict, obtained by the STARTTLS probe
(`core.transport.starttls`)."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from mailpath.core.jsontypes import JsonObject
from mailpath.core.transport.mtasts import mx_matches

__all__ = [
    "CertificateFacts",
    "TlsaRecord",
    "certificate_facts",
    "name_matches",
    "tlsa_matches",
]


@dataclass(frozen=True)
class TlsaRecord:
    usage: int  # 2 DANE-TA, 3 DANE-EE (0 and 1 are not for SMTP, RFC 7672 3.1.3)
    selector: int  # 0 the full certificate, 1 its SubjectPublicKeyInfo
    matching: int  # 0 exact, 1 SHA-256, 2 SHA-512
    data: bytes

    @classmethod
    def parse(cls, text: str) -> TlsaRecord | None:
        """A TLSA record in presentation form ("3 1 1 ab12..."), None when it is not one."""
        parts = text.split()
        if len(parts) < 4 or not all(p.isdigit() for p in parts[:3]):
            return None
        try:
            data = bytes.fromhex("".join(parts[3:]))
        except ValueError:
            return None
        return cls(int(parts[0]), int(parts[1]), int(parts[2]), data)

    def __str__(self) -> str:
        return f"{self.usage} {self.selector} {self.matching} {self.data.hex()}"


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    issuer: str
    not_after: str  # ISO 8601, UTC
    not_before: str
    #: The chain verified against the system CAs (or the probe's ca_file), expiry included.
    trusted: bool
    #: A DNS name of the certificate identifies the MX host (RFC 6125: SAN dNSName, a
    #: wildcard only as the whole left label, covering one label; CN only without SAN names).
    names_match: bool
    names: tuple[str, ...]
    expired: bool
    #: Why OpenSSL did not trust it ("certificate has expired", "self-signed certificate"...).
    verify_error: str | None = None
    verify_code: int | None = None
    #: The names match the host and the host matches one of the MTA-STS `mx` patterns
    #: (RFC 8461 4.1, 4.2); None when no patterns were given.
    mta_sts_match: bool | None = None
    chain_length: int = 1

    def to_json(self) -> JsonObject:
        return {
            "subject": self.subject,
            "issuer": self.issuer,
            "not_after": self.not_after,
            "trusted": self.trusted,
            "names_match": self.names_match,
            "not_before": self.not_before,
            "names": list(self.names),
            "expired": self.expired,
            "verify_error": self.verify_error,
            "mta_sts_match": self.mta_sts_match,
            "chain_length": self.chain_length,
            "verify_code": self.verify_code,
        }


def name_matches(host: str, name: str) -> bool:
    """RFC 6125 6.4.3 as Python's ssl applies it: exact, or `*.` as the whole left label
    standing for exactly one label."""
    host = host.lower().rstrip(".")
    name = name.lower().rstrip(".")
    if name.startswith("*."):
        head, dot, rest = host.partition(".")
        return bool(head) and bool(dot) and rest == name[2:] and "." in rest
    return "*" not in name and host == name


def _dns_names(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        san = None
    if san is not None:
        names = tuple(str(n) for n in san.value.get_values_for_type(x509.DNSName))
        if names:
            return names
    cns = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return tuple(str(a.value) for a in cns)


def _tlsa_data(cert: x509.Certificate, record: TlsaRecord) -> bytes | None:
    if record.selector == 0:
        raw = cert.public_bytes(serialization.Encoding.DER)
    elif record.selector == 1:
        raw = cert.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    else:
        return None
    if record.matching == 0:
        return raw
    if record.matching == 1:
        return hashlib.sha256(raw).digest()
    if record.matching == 2:
        return hashlib.sha512(raw).digest()
    return None


def _issued_chain(chain: Sequence[x509.Certificate], upto: int) -> bool:
    """Each certificate from the leaf up to `upto` is signed by the next one."""
    for child, parent in itertools.pairwise(chain[: upto + 1]):
        try:
            child.verify_directly_issued_by(parent)
        except (ValueError, TypeError, InvalidSignature):
            return False
    return True


def tlsa_matches(
    chain: Sequence[x509.Certificate], records: Sequence[TlsaRecord], host_named: bool
) -> bool | None:
    """RFC 7672 3.1: DANE-EE(3) matches the leaf (names and expiry do not matter); DANE-TA(2)
    matches a certificate the server presented above the leaf, the leaf chains up to it by
    signature and the names identify the host. None when no record is usable for SMTP."""
    usable = [r for r in records if r.usage in (2, 3)]
    if not usable or not chain:
        return None
    for record in usable:
        if record.usage == 3 and _tlsa_data(chain[0], record) == record.data:
            return True
        if record.usage == 2 and host_named:
            for depth in range(1, len(chain)):
                if _tlsa_data(chain[depth], record) == record.data and _issued_chain(chain, depth):
                    return True
    return False


def certificate_facts(
    chain: Sequence[x509.Certificate],
    host: str,
    *,
    trusted: bool,
    verify_error: str | None = None,
    verify_code: int | None = None,
    mta_sts_patterns: Sequence[str] | None = None,
    now: datetime.datetime | None = None,
) -> CertificateFacts:
    leaf = chain[0]
    now = now or datetime.datetime.now(datetime.UTC)
    names = _dns_names(leaf)
    names_match = any(name_matches(host, n) for n in names)
    sts: bool | None = None
    if mta_sts_patterns is not None:
        sts = names_match and any(mx_matches(host, p) for p in mta_sts_patterns)
    return CertificateFacts(
        subject=leaf.subject.rfc4514_string(),
        issuer=leaf.issuer.rfc4514_string(),
        not_after=leaf.not_valid_after_utc.isoformat(),
        not_before=leaf.not_valid_before_utc.isoformat(),
        trusted=trusted,
        names_match=names_match,
        names=names,
        expired=leaf.not_valid_after_utc < now,
        verify_error=verify_error,
        verify_code=verify_code,
        mta_sts_match=sts,
        chain_length=len(chain),
    )
