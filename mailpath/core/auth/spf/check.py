"""RFC 7208 check_host() and check_spf(): one evaluation (`SpfEvaluator`) of a domain's record
tree for one client address, with its trace, lookups and explanation."""

from __future__ import annotations

from mailpath.core.dns.sources import DnsSource
from mailpath.core.names import InputError, parse_domain

from .evaluate import SpfEvaluator, as_caching
from .parser import (
    SpfSyntaxError,
    expand_macros,
)
from .terms import _parse_ip
from .trace import (
    SpfOutcome,
    SpfResult,
)

__all__ = ["check_host", "check_spf", "identity_to_sender"]


async def check_host(
    source: DnsSource,
    ip: str,
    domain: str,
    sender: str,
    helo: str = "",
    *,
    default_explanation: str | None = None,
    prefetch: bool = True,
    receiver: str = "unknown",
) -> SpfOutcome:
    """RFC 7208 check_host(<ip>, <domain>, <sender>); raises ValueError for a bad IP."""
    addr = _parse_ip(ip)
    cache = as_caching(source)
    evaluator = SpfEvaluator(
        cache,
        addr,
        sender,
        helo,
        default_explanation=default_explanation,
        prefetch=prefetch,
        receiver=receiver,
    )
    trace, explanation = await evaluator.run(domain, want_exp=True)
    if trace.result is SpfResult.FAIL and explanation is None and default_explanation:
        try:
            explanation = expand_macros(
                default_explanation, evaluator.context(trace.domain), explanation=True
            )
        except SpfSyntaxError:
            explanation = default_explanation
    if trace.result is not SpfResult.FAIL:
        explanation = None
    return SpfOutcome(
        result=trace.result,
        explanation=explanation,
        trace=trace,
        lookups=evaluator.lookups,
        void_lookups=evaluator.voids,
        record=trace.record,
        ip=str(addr) if addr.version == 4 else ip.strip(),
        domain=domain,
        sender=sender,
        helo=helo,
    )


def _idna(domain: str) -> str:
    """The A-label form (IDNA 2008, as everywhere in mailpath). A name that has none stays
    as it is, and check_host() answers "none" for it (RFC 7208 4.3): it is never handed to
    the DNS layer, whose text parser would encode it with IDNA 2003."""
    if domain.isascii():
        return domain
    try:
        return parse_domain(domain).ascii
    except InputError:
        return domain


def identity_to_sender(identity: str, helo: str = "") -> tuple[str, str]:
    """(sender, domain) for a MAIL FROM identity, or the HELO identity when it is empty."""
    identity = identity.strip()
    if identity.startswith("<") and identity.endswith(">"):
        identity = identity[1:-1].strip()
    if not identity:
        domain = _idna(helo.strip().rstrip("."))
        return f"postmaster@{domain}", domain
    if "@" in identity:
        local, _, domain = identity.rpartition("@")
        domain = _idna(domain.rstrip("."))
        return f"{local or 'postmaster'}@{domain}", domain
    domain = _idna(identity.rstrip("."))
    return f"postmaster@{domain}", domain


async def check_spf(
    source: DnsSource,
    ip: str,
    identity: str,
    helo: str = "",
    *,
    default_explanation: str | None = None,
    prefetch: bool = True,
    receiver: str = "unknown",
) -> SpfOutcome:
    """check_host() for a MAIL FROM identity ("" = null reverse-path: the HELO identity)."""
    sender, domain = identity_to_sender(identity, helo)
    return await check_host(
        source,
        ip,
        domain,
        sender,
        helo,
        default_explanation=default_explanation,
        prefetch=prefetch,
        receiver=receiver,
    )
