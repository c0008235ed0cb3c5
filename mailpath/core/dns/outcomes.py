"""How a live question ended: what its reply says beyond the records (AA, the SOA owner, a
referral, the negative-caching TTL), why no server replied (`ResolverFailure`, a key of
`RESOLVER_FAILURES`), and where a live analysis got its answers (`ResolverInfo`)."""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass

import dns._asyncio_backend
import dns.asyncbackend
import dns.asyncquery
import dns.asyncresolver
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.nameserver
import dns.query
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.resolver

from mailpath.core.dns.answer import Outcome, _name_text
from mailpath.core.dns.transports import (
    BootstrapError,
    HttpStatusError,
    ResolverKind,
    _certificate_error,
)
from mailpath.core.jsontypes import JsonObject
from mailpath.core.sentences import register as register_sentences

#: Why a resolver answers nothing: cause key -> English template (the window translates it,
#: context "ResolverFailure"). Parameters are plain text.
RESOLVER_FAILURES: dict[str, str] = {
    "refused": "connection refused",
    "timeout": "no answer within {seconds} s",
    "tls_certificate": "its TLS certificate is not trusted: {reason}",
    "tls": "the TLS handshake failed: {reason}",
    "http": "HTTP status {status}",
    "unreachable": "the network or host is unreachable",
    "bootstrap": "the system's name service finds no address for {host} ({reason})",
    "error": "{reason}",
}


@dataclass(frozen=True)
class ResolverFailure:
    """The resolver itself answers nothing: every question of the run failed at the transport
    (refused, TLS, HTTP status, silence) and a probe of the root's NS failed too. No verdict
    about any domain can come from such a run."""

    server: str  # the server(s) as the user names them
    cause: str  # a key of RESOLVER_FAILURES
    params: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        return RESOLVER_FAILURES[self.cause].format(**dict(self.params))

    def sentence(self) -> str:
        return f"the resolver {self.server} does not answer ({self.describe()})"

    def to_json(self) -> JsonObject:
        return {
            "server": self.server,
            "cause": self.cause,
            "params": dict(self.params),
            "message": self.sentence(),
        }


def _failure_cause(exc: BaseException) -> tuple[str, dict[str, str]]:
    """The cause key and parameters of one transport failure."""
    import errno
    import os

    cert = _certificate_error(exc)
    if cert is not None:
        reason = getattr(cert, "verify_message", "") or getattr(cert, "reason", "") or "?"
        return "tls_certificate", {"reason": str(reason)}
    if isinstance(exc, HttpStatusError):
        return "http", {"status": str(exc.status)}
    if isinstance(exc, BootstrapError):
        return "bootstrap", {"host": exc.host, "reason": exc.reason}
    if isinstance(exc, ConnectionRefusedError):
        return "refused", {}
    if isinstance(exc, ssl.SSLError):
        return "tls", {"reason": str(exc.reason or exc.strerror or type(exc).__name__)}
    if isinstance(exc, TimeoutError | dns.exception.Timeout):
        return "timeout", {"seconds": "?"}
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "unreachable", {}
    if isinstance(exc, OSError) and exc.errno:
        return "error", {"reason": os.strerror(exc.errno)}
    return "error", {"reason": (str(exc) or type(exc).__name__).splitlines()[0]}


def _transport_failure(exc: dns.resolver.NoNameservers) -> tuple[str, dict[str, str]] | None:
    """The cause of a NoNameservers that no server replied to at all, else None (a server
    that replied, even SERVFAIL or REFUSED, is alive)."""
    errors = exc.kwargs.get("errors", []) if hasattr(exc, "kwargs") else []
    causes = []
    for err in errors:
        detail, response = err[3], err[4] if len(err) > 4 else None
        if isinstance(response, dns.message.Message) or not isinstance(detail, BaseException):
            return None
        causes.append(_failure_cause(detail))
    return causes[0] if causes else None


@dataclass(frozen=True)
class ResolverInfo:
    """Where a live analysis got its answers."""

    kind: ResolverKind
    address: str


def _aa(reply: dns.message.Message | None) -> bool | None:
    if not isinstance(reply, dns.message.Message):
        return None
    return bool(reply.flags & dns.flags.AA)


def _soa_owner(reply: dns.message.Message | None) -> str | None:
    """The owner of the SOA in a negative reply's authority section: the zone the name is in."""
    if not isinstance(reply, dns.message.Message):
        return None
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.SOA:
            return _name_text(rrset.name).lower()
    return None


def _referral(reply: dns.message.Message | None) -> tuple[str, tuple[str, ...]] | None:
    """(zone, NS hosts) of a referral: a reply without AA and without answer whose authority
    section holds the NS records of a zone (and no SOA)."""
    if not isinstance(reply, dns.message.Message) or reply.flags & dns.flags.AA:
        return None
    if reply.answer or any(r.rdtype == dns.rdatatype.SOA for r in reply.authority):
        return None
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.NS and len(rrset):
            hosts = sorted({_name_text(rd.target).lower() for rd in rrset})
            return _name_text(rrset.name).lower(), tuple(hosts)
    return None


def _negative_ttl(reply: dns.message.Message | None) -> int | None:
    """RFC 2308 section 5: a negative answer is cached for min(SOA TTL, SOA minimum)."""
    if not isinstance(reply, dns.message.Message):
        return None
    for rrset in reply.authority:
        if rrset.rdtype == dns.rdatatype.SOA and len(rrset):
            return int(min(rrset.ttl, next(iter(rrset)).minimum))
    return None


def _tls_failure(exc: dns.resolver.NoNameservers, labels: Mapping[str, str]) -> str | None:
    """'<server>: TLS certificate not trusted (...)' when a DoH/DoT server's certificate
    failed verification, else None."""
    for err in exc.kwargs.get("errors", []) if hasattr(exc, "kwargs") else []:
        server, detail = err[0], err[3]
        cert = _certificate_error(detail) if isinstance(detail, BaseException) else None
        if cert is not None:
            reason = getattr(cert, "verify_message", "") or str(cert)
            return f"{labels.get(server, server)}: TLS certificate not trusted ({reason})"
    return None


def _classify_no_nameservers(exc: dns.resolver.NoNameservers) -> tuple[Outcome, str]:
    errors = exc.kwargs.get("errors", []) if hasattr(exc, "kwargs") else []
    rcodes: list[int] = []
    texts: list[str] = []
    for err in errors:
        server = err[0]
        detail = err[3]
        response = err[4] if len(err) > 4 else None
        if isinstance(detail, Exception):
            texts.append(f"{server}: {detail}")
        elif isinstance(response, dns.message.Message):
            rcodes.append(response.rcode())
            texts.append(f"{server}: {dns.rcode.to_text(response.rcode())}")
        else:
            texts.append(f"{server}: {detail}")
    detail_text = "; ".join(texts)
    if rcodes and all(r == dns.rcode.REFUSED for r in rcodes):
        return Outcome.REFUSED, detail_text
    if rcodes and any(r == dns.rcode.SERVFAIL for r in rcodes):
        return Outcome.SERVFAIL, detail_text
    if any("timed out" in t.lower() or "timeout" in t.lower() for t in texts):
        return Outcome.TIMEOUT, detail_text
    return Outcome.ERROR, detail_text or "no server could answer"


register_sentences({f"resolver-failure/{cause}": text for cause, text in RESOLVER_FAILURES.items()})
