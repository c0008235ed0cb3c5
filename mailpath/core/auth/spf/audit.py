"""Whole-tree audit of a domain's SPF record: what every branch costs a receiver."""

from __future__ import annotations

import asyncio
import ipaddress

from mailpath.core.dns.sources import CachingSource, DnsSource

from .evaluate import SpfEvaluator, as_caching
from .trace import SpfAudit, SpfResult, SpfTrace

__all__ = ["audit"]

#: The addresses the audit evaluates for, one per family; no mechanism but "all" is let to
#: match them. A target's voids differ by family (an `a:` name with only AAAA records is a
#: void for IPv4 clients, not for IPv6 ones), so both are audited.
AUDIT_IPS = {4: "192.0.2.0", 6: "2001:db8::"}


async def audit(source: DnsSource, domain: str, *, prefetch: bool = True) -> SpfAudit:
    """Evaluate `domain`'s record for an address that matches nothing, over every branch.

    Unlike check_host(), the audit does not stop at the 10-lookup or 2-void limits, nor at
    an error in one branch: it counts the whole tree, names the branch where the count
    crosses 10 and reports the first error found. It runs once per address family over the
    same cache; `void_lookups` is the worse of the two, `void_by_family` says which.
    """
    domain = domain.strip().rstrip(".")
    cache = as_caching(source)
    (tree, ev4), (_, ev6) = await asyncio.gather(
        _walk(cache, domain, 4, prefetch), _walk(cache, domain, 6, prefetch)
    )
    error = ev4.first_error or (ev6.first_error and f"{ev6.first_error} (IPv6 clients)")
    if tree.result is SpfResult.NONE:
        error = None  # no record is not an error of the record; `record` None says it
    elif tree.error and (error is None or tree.record is None):
        # The top record's own trouble (two records, syntax, DNS) comes first.
        error = tree.error
    return SpfAudit(
        domain=domain,
        record=tree.record,
        lookups=max(ev4.lookups, ev6.lookups),
        void_lookups=max(ev4.voids, ev6.voids),
        error=error,
        over_limit=ev4.over_limit or ev6.over_limit,
        tree=tree,
        void_by_family=((4, ev4.voids), (6, ev6.voids)),
    )


async def _walk(
    cache: CachingSource, domain: str, family: int, prefetch: bool
) -> tuple[SpfTrace, SpfEvaluator]:
    evaluator = SpfEvaluator(
        cache,
        ipaddress.ip_address(AUDIT_IPS[family]),
        f"postmaster@{domain}",
        "",
        default_explanation=None,
        prefetch=prefetch,
        audit=True,
    )
    tree, _ = await evaluator.run(domain, want_exp=False)
    return tree, evaluator
