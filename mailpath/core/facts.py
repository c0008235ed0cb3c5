"""The facts' shared types, below the model and the modules that find the facts (auth, dns):
how bad something is (`Severity`), the marker it draws (`Status`), a `Finding`, how one DNS
question ended (`LookupStatus`) and what DMARC publishes (`DmarcInfo`). `model.Result` holds
them; `auth.dkim`, `auth.dmarc`, `auth.spf` and `dns.authoritative` make them without
importing the model."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from mailpath.core.dns.sources import Answer, Outcome
from mailpath.core.jsontypes import JsonObject


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(enum.StrEnum):
    """The marker a node or an edge of the route carries."""

    PASS = "pass"
    FAIL = "fail"
    SOFTFAIL = "softfail"
    NEUTRAL = "neutral"
    NONE = "none"
    ERROR = "error"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # stable identifier, e.g. "spf-missing", "spf-ipv6-gap"
    message: str  # plain language, names the host and the record
    fix: str | None = None  # a concrete step (often the exact record to publish)
    subject: str | None = None  # the route-graph node id this is about
    #: The SPF record the fix asks to publish, when the fix is one.
    record: str | None = None
    #: What evaluating that record against the same DNS gave, e.g. "203.0.113.74 pass".
    verified: tuple[str, ...] = ()
    #: The key of `findings.TEMPLATES` the message and fix were rendered from, and the values
    #: filled in (names, addresses, records): enough for a translation to render it anew.
    template: str = ""
    params: Mapping[str, str] = field(default_factory=dict)
    #: The cause alone (`message` without the consequence clause), when a clause was added.
    cause: str = ""
    #: The consequence clause, from the receiver model (`core.judgement.CONSEQUENCES` key and
    #: its values), and the disposition it states; "" when the finding states none.
    consequence: str = ""
    consequence_params: Mapping[str, str] = field(default_factory=dict)
    disposition: str = ""
    #: The mail's disposition with the fix applied, as the receiver model judges it.
    fix_disposition: str = ""


@dataclass(frozen=True)
class LookupStatus:
    """How one DNS question the route depends on ended."""

    name: str
    rdtype: str
    outcome: Outcome
    records: tuple[str, ...] = ()
    detail: str = ""
    elapsed: float = 0.0
    ttl: int | None = None  # as the server reported it (a resolver: what remains)

    @classmethod
    def of(cls, answer: Answer) -> LookupStatus:
        return cls(
            name=answer.name,
            rdtype=answer.rdtype,
            outcome=answer.outcome,
            records=tuple(answer.texts()),
            detail=answer.detail,
            elapsed=answer.elapsed,
            ttl=answer.ttl,
        )

    @classmethod
    def used(cls, answer: Answer) -> LookupStatus:
        """The question as a trace shows it (SPF's terms): the CNAME the answer came through
        named in the detail, no timing."""
        detail = answer.detail
        if answer.canonical:
            alias = f"via CNAME to {answer.canonical}"
            detail = f"{detail}; {alias}" if detail else alias
        return cls(
            answer.name,
            answer.rdtype,
            answer.outcome,
            tuple(answer.texts()),
            detail,
            ttl=answer.ttl,
        )


def lookup_to_json(lookup: LookupStatus) -> JsonObject:
    """One question as JSON (the SPF trace's queries, DKIM's and ARC's key lookups)."""
    return {
        "name": lookup.name,
        "type": lookup.rdtype,
        "outcome": lookup.outcome,
        "records": list(lookup.records),
        "detail": lookup.detail,
        "ttl": lookup.ttl,
    }


@dataclass(frozen=True)
class DmarcInfo:
    domain: str  # where the record was found (or looked for last)
    record: str | None
    policy: str | None  # p=
    subdomain_policy: str | None  # sp=
    adkim: str = "r"
    aspf: str = "r"
    pct: int = 100
    org_domain: str = ""
    from_org_domain: bool = False  # found at the organizational domain, not the sender's
    spf_aligned: bool | None = None  # would an SPF pass align with a From in the sender's domain
    lookups: tuple[LookupStatus, ...] = ()
    error: str | None = None
    #: Which kind of error (a `findings.TEMPLATES` "dmarc-error/..." variant) and its values.
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()
    # RFC 9989 (DMARCbis) additions.
    #: The From domain the policy was looked up for.
    author: str = ""
    np: str | None = None  # np=: policy for non-existent subdomains
    psd: str | None = None  # psd= of the applied record: "y" | "n" | "u"
    testing: bool = False  # t=y: receivers apply one level less than the policy
    discovery: str = "tree-walk"
    #: Where an RFC 7489 receiver (public suffix list) takes the policy from: the From domain
    #: when it publishes a record, else its PSL organizational domain.
    legacy_policy_domain: str | None = None
    legacy_org_domain: str | None = None  # the PSL organizational domain
    legacy_divergent: bool = False  # the two methods apply different records
    #: Whether the From domain exists (None: not asked or unknown); np= applies when it does not.
    author_exists: bool | None = None
    from_psd: bool = False  # the applied record is a public suffix operator's (psd=y)
    rua: tuple[str, ...] = ()  # usable report URIs, as written
    ruf: tuple[str, ...] = ()
    fo: str = "0"
    #: The names the DNS tree walk asked _dmarc TXT for, in order.
    walk: tuple[str, ...] = ()
    #: Record problems and remarks: (a `findings.TEMPLATES` key, its parameters).
    issues: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
