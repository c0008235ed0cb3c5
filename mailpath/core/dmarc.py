"""DMARC (RFC 7489): the sender's record, or its organizational domain's."""

from __future__ import annotations

import functools

from publicsuffixlist import PublicSuffixList

from mailpath.core.dns import Answer, DnsSource
from mailpath.core.model import DmarcInfo, LookupStatus

_POLICIES = ("none", "quarantine", "reject")


@functools.cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def organizational_domain(domain: str) -> str:
    """The registrable domain under the public suffix list (the domain itself if it is one)."""
    return _psl().privatesuffix(domain) or domain


def parse_dmarc(text: str) -> dict[str, str]:
    """Tags of a DMARC record; raises ValueError naming what is wrong."""
    tags: dict[str, str] = {}
    parts = [p.strip() for p in text.split(";")]
    if not parts or parts[0].replace(" ", "").lower() != "v=dmarc1":
        raise ValueError("the record does not start with v=DMARC1")
    for part in parts[1:]:
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"tag {part!r} has no '='")
        tags[key.strip().lower()] = value.strip()
    return tags


def _records(answer: Answer) -> list[str]:
    found = []
    for text in answer.texts():
        if text.replace(" ", "").lower().startswith("v=dmarc1"):
            found.append(text)
    return found


async def lookup_dmarc(source: DnsSource, domain: str) -> DmarcInfo:
    org = organizational_domain(domain)
    lookups: list[LookupStatus] = []
    candidates = [domain] if org == domain else [domain, org]
    for where in candidates:
        answer = await source.query(f"_dmarc.{where}", "TXT")
        lookups.append(LookupStatus.of(answer))
        if answer.outcome.is_error:
            return DmarcInfo(
                domain=where,
                record=None,
                policy=None,
                subdomain_policy=None,
                org_domain=org,
                lookups=tuple(lookups),
                error=f"the DMARC lookup for _dmarc.{where} {answer.outcome.describe()}",
                error_code="lookup",
                error_params=(("outcome", answer.outcome.value.upper()),),
            )
        records = _records(answer)
        if len(records) > 1:
            return DmarcInfo(
                domain=where,
                record=records[0],
                policy=None,
                subdomain_policy=None,
                org_domain=org,
                lookups=tuple(lookups),
                error=f"_dmarc.{where} has {len(records)} DMARC records; receivers ignore all",
                error_code="multiple",
                error_params=(("count", str(len(records))),),
            )
        if records:
            return _info(records[0], where, domain, org, tuple(lookups))
    return DmarcInfo(
        domain=candidates[-1],
        record=None,
        policy=None,
        subdomain_policy=None,
        org_domain=org,
        lookups=tuple(lookups),
    )


def _info(
    record: str, where: str, domain: str, org: str, lookups: tuple[LookupStatus, ...]
) -> DmarcInfo:
    try:
        tags = parse_dmarc(record)
    except ValueError as exc:
        return DmarcInfo(
            domain=where,
            record=record,
            policy=None,
            subdomain_policy=None,
            org_domain=org,
            from_org_domain=where != domain,
            lookups=lookups,
            error=f"the DMARC record at _dmarc.{where} is invalid: {exc}",
            error_code="invalid",
            error_params=(("reason", str(exc)),),
        )
    policy = tags.get("p", "").lower() or None
    error = error_code = None
    if policy not in _POLICIES:
        error = f"the DMARC record at _dmarc.{where} has no valid p= policy"
        error_code = "policy"
        policy = None
    sp = tags.get("sp", "").lower() or None
    try:
        pct = int(tags.get("pct", "100"))
    except ValueError:
        pct = 100
    return DmarcInfo(
        domain=where,
        record=record,
        policy=policy,
        subdomain_policy=sp if sp in _POLICIES else None,
        adkim=tags.get("adkim", "r").lower(),
        aspf=tags.get("aspf", "r").lower(),
        pct=pct,
        org_domain=org,
        from_org_domain=where != domain,
        lookups=lookups,
        error=error,
        error_code=error_code,
    )


def effective_policy(info: DmarcInfo) -> str | None:
    """The policy that applies to the sender's domain (sp= when inherited from the org)."""
    if info.from_org_domain and info.subdomain_policy:
        return info.subdomain_policy
    return info.policy
