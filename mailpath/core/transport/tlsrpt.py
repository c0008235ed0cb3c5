"""TLS-RPT (RFC 8460): the `_smtp._tls` TXT record and its report destinations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class TlsRptRecord:
    text: str
    rua: tuple[str, ...]
    #: Why it is invalid, a key: "multiple", "syntax", "no-rua", "bad-rua"; or None.
    error: str | None
    #: The destination that is neither a mailto: address nor an https: URL ("bad-rua").
    bad: str = ""


def parse_record(texts: Sequence[str]) -> TlsRptRecord | None:
    """The one `v=TLSRPTv1` record, or None when none is published (RFC 8460 3)."""
    found = [t for t in texts if t.startswith("v=TLSRPTv1")]
    if not found:
        return None
    if len(found) > 1:
        return TlsRptRecord(found[0], (), "multiple")
    text = found[0]
    fields: dict[str, str] = {}
    for part in text.split(";"):
        part = part.strip()
        if part:
            key, _, value = part.partition("=")
            fields[key.strip()] = value.strip()
    if fields.get("v") != "TLSRPTv1":
        return TlsRptRecord(text, (), "syntax")
    rua = tuple(u.strip() for u in fields.get("rua", "").split(",") if u.strip())
    if not rua:
        return TlsRptRecord(text, (), "no-rua")
    for uri in rua:
        if not _valid_destination(uri):
            return TlsRptRecord(text, rua, "bad-rua", uri)
    return TlsRptRecord(text, rua, None)


def _valid_destination(uri: str) -> bool:
    parts = urlsplit(uri)
    if parts.scheme == "mailto":
        local, at, domain = parts.path.partition("@")
        return bool(local and at and "." in domain)
    return parts.scheme == "https" and bool(parts.hostname)
