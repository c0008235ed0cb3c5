"""Findings from DNS blocklist answers (`core.dns.blocklist`): `blocklisted` (error) for each
listing, with the list's delisting address when it publishes one, and `blocklist-refused`
(warning) when a list refused the query, which says nothing about a listing."""

from __future__ import annotations

from collections.abc import Sequence

from mailpath.core.dns.blocklist import BlocklistAnswer
from mailpath.core.judgement.finding import finding
from mailpath.core.model import Finding, Severity
from mailpath.core.names import is_ip_address

__all__ = ["blocklist_findings"]


def blocklist_findings(answers: Sequence[BlocklistAnswer] | None) -> tuple[Finding, ...]:
    """`blocklisted` (error) per listing; `blocklist-refused` (warning) per refused list."""
    out: list[Finding] = []
    for a in answers or ():
        subject = f"addr:{a.subject}" if is_ip_address(a.subject) else None
        if a.listed:
            key = "blocklisted" if a.delist else "blocklisted/no-delist"
            params: dict[str, str] = {
                "item": a.subject,
                "list": a.list,
                "codes": ", ".join(a.codes),
                "meaning": "; ".join(a.meanings) or ", ".join(a.codes),
                "reason": a.reason or "-",
            }
            if a.delist:
                params["delist"] = a.delist
            out.append(finding(Severity.ERROR, key, subject, **params))
        elif a.error == "refused":
            out.append(
                finding(
                    Severity.WARNING,
                    "blocklist-refused",
                    subject,
                    item=a.subject,
                    list=a.list,
                    codes=", ".join(a.codes),
                )
            )
    return tuple(out)
