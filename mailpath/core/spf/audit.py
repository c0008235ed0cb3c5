"""Whole-tree audit of a domain's SPF record: what every branch costs a receiver."""

from __future__ import annotations

import ipaddress

from mailpath.core.dns import DnsSource

from .evaluate import _as_caching, _Evaluator
from .trace import SpfAudit, SpfResult

__all__ = ["audit"]

#: The address the audit evaluates for; no mechanism but "all" is let to match it.
AUDIT_IP = "192.0.2.0"


async def audit(source: DnsSource, domain: str, *, prefetch: bool = True) -> SpfAudit:
    """Evaluate `domain`'s record for an address that matches nothing, over every branch.

    Unlike check_host(), the audit does not stop at the 10-lookup or 2-void limits, nor at
    an error in one branch: it counts the whole tree, names the branch where the count
    crosses 10 and reports the first error found.
    """
    domain = domain.strip().rstrip(".")
    evaluator = _Evaluator(
        _as_caching(source),
        ipaddress.IPv4Address(AUDIT_IP),
        f"postmaster@{domain}",
        "",
        default_explanation=None,
        prefetch=prefetch,
        audit=True,
    )
    try:
        tree, _ = await evaluator.check(domain, want_exp=False, path=())
    finally:
        if evaluator.prefetcher is not None:
            evaluator.prefetcher.cancel()
    error = evaluator.first_error
    if tree.result is SpfResult.NONE:
        error = None  # no record is not an error of the record; `record` None says it
    elif tree.error and (error is None or tree.record is None):
        # The top record's own trouble (two records, syntax, DNS) comes first.
        error = tree.error
    return SpfAudit(
        domain=domain,
        record=tree.record,
        lookups=evaluator.lookups,
        void_lookups=evaluator.voids,
        error=error,
        over_limit=evaluator.over_limit,
        tree=tree,
    )
