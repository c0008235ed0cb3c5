"""DANE for SMTP (RFC 7672): TLSA records at `_25._tcp.MXHOST` and whether they can be used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are not for SMTP; DANE-TA(2) and DANE-EE(3) are.
USABLE_USAGES = (2, 3)
USAGE_NAMES = {0: "PKIX-TA", 1: "PKIX-EE", 2: "DANE-TA", 3: "DANE-EE"}


@dataclass(frozen=True)
class DaneHost:
    host: str
    tlsa: tuple[str, ...]  # "usage selector matching-type data"
    secure: bool  # the TLSA answer validated by DNSSEC
    usable: bool  # secure and at least one DANE-TA/DANE-EE record

    @property
    def unusable_records(self) -> tuple[str, ...]:
        return tuple(t for t in self.tlsa if tlsa_usage(t) not in USABLE_USAGES)


def tlsa_name(host: str) -> str:
    return f"_25._tcp.{host}"


def tlsa_usage(record: str) -> int | None:
    head = record.split(maxsplit=1)[0] if record.strip() else ""
    return int(head) if head.isdigit() else None


def dane_host(host: str, records: Sequence[str], secure: bool) -> DaneHost:
    usable = secure and any(tlsa_usage(r) in USABLE_USAGES for r in records)
    return DaneHost(host, tuple(records), secure, usable)
