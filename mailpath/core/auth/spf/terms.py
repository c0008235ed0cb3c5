"""The pieces of one SPF evaluation: the limits, a term's state while it is evaluated (frozen
into a `TermTrace`), the SPF records of a TXT answer, and client addresses as RFC 7208 compares
them (IPv4-mapped IPv6 is IPv4)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from mailpath.core.dns.sources import Answer
from mailpath.core.facts import LookupStatus

from .parser import (
    Mechanism,
    Modifier,
    SpfSyntaxError,
    is_spf_record,
    parse_term,
)
from .trace import (
    SpfResult,
    SpfTrace,
    TermTrace,
)

#: Questions one check may start ahead of the walk (hostile trees must not amplify).
MAX_PREFETCH = 40
MAX_MX_NAMES = 10
#: RFC 7208 4.6.4 caps names examined under mx/ptr at 10; analysis uses the same cap for PTR.
MAX_PTR_NAMES = 10
#: An audit ignores the 10-lookup limit to count the whole tree, but stops somewhere.
AUDIT_HARD_LIMIT = 100

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class _TermFailure(Exception):
    """A term ended evaluation with permerror or temperror."""

    def __init__(self, result: SpfResult, message: str) -> None:
        super().__init__(message)
        self.result = result
        self.message = message


@dataclass
class _TermState:
    term: Mechanism | Modifier | None
    text: str
    kind: str
    name: str
    qualifier: str
    target: str | None = None
    queries: list[LookupStatus] = field(default_factory=list)
    lookups: int = 0
    void_lookups: int = 0
    matched: bool | None = None
    decisive: bool = False
    child: SpfTrace | None = None
    error: str | None = None

    def freeze(self) -> TermTrace:
        return TermTrace(
            text=self.text,
            kind=self.kind,
            name=self.name,
            qualifier=self.qualifier,
            target=self.target,
            queries=tuple(self.queries),
            lookups=self.lookups,
            void_lookups=self.void_lookups,
            matched=self.matched,
            decisive=self.decisive,
            child=self.child,
            error=self.error,
        )


def _state_for(term: Mechanism | Modifier) -> _TermState:
    if isinstance(term, Mechanism):
        qualifier = term.text[0] if term.text[:1] in "+-~?" else "+"
        return _TermState(term, term.text, "mechanism", term.name, qualifier)
    return _TermState(term, term.text, "modifier", term.name, "")


def _raw_state(raw: str) -> _TermState:
    """A term of a record that did not parse, shown as written."""
    try:
        return _state_for(parse_term(raw))
    except SpfSyntaxError as exc:
        body = raw[1:] if raw[:1] in "+-~?" else raw
        if "=" in raw and (":" not in raw or raw.index("=") < raw.index(":")):
            name = raw.split("=", 1)[0].lower()
            return _TermState(None, raw, "modifier", name, "", error=str(exc))
        name = body.split(":", 1)[0].split("/", 1)[0].lower()
        qualifier = raw[0] if raw[:1] in "+-~?" else "+"
        return _TermState(None, raw, "mechanism", name, qualifier, error=str(exc))


def _reverse_name(ip: IPAddress) -> str:
    return ip.reverse_pointer


def _addr_type(ip: IPAddress) -> str:
    return "AAAA" if ip.version == 6 else "A"


def _select(answer: Answer) -> tuple[list[bytes], int]:
    """The v=spf1 records of a TXT answer (strings joined), and how many TXT records."""
    found: list[bytes] = []
    for record in answer.records:
        text = b"".join(record) if isinstance(record, tuple) else bytes(record)
        if is_spf_record(text):
            found.append(text)
    return found, len(answer.records)


def _display(record: bytes) -> str:
    return record.decode("utf-8", "replace")


def _unmapped(addr: IPAddress) -> IPAddress:
    """RFC 7208 5: an IPv4-mapped IPv6 address is the IPv4 address (the one place it is done)."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


def _address(text: str) -> IPAddress | None:
    """An address from DNS, IPv4-mapped ones as IPv4; None when it is not an address."""
    try:
        return _unmapped(ipaddress.ip_address(text))
    except ValueError:
        return None


def _parse_ip(ip: str) -> IPAddress:
    addr = ipaddress.ip_address(ip.strip())
    if isinstance(addr, ipaddress.IPv6Address) and addr.scope_id:
        addr = ipaddress.IPv6Address(str(addr).split("%", 1)[0])
    return _unmapped(addr)
