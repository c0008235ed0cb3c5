"""The one Result model: the CLI's JSON, the report, the GUI and the picture all render it.

A `Result` may be partial while an analysis runs: a field that is still `None` has not been
resolved yet (`complete` tells whether the analysis ended).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailpath.core.dns.sources import Answer, Outcome, ResolverInfo

if TYPE_CHECKING:
    from mailpath.core.dns.authoritative import AuthoritativeView
from mailpath.core.auth.spf import SpfAudit, SpfOutcome
from mailpath.core.names import Domain

if TYPE_CHECKING:  # these modules import this one
    from mailpath.core.auth.authresults import AuthResultsHeader
    from mailpath.core.auth.bimi_report import BimiReport
    from mailpath.core.auth.dkim import ArcResult, DkimKey, DkimSignature
    from mailpath.core.auth.dmarc import DmarcResult
    from mailpath.core.dns.blocklist import BlocklistAnswer
    from mailpath.core.message.parse import ParsedMessage
    from mailpath.core.message.received import Hop
    from mailpath.core.transport import TransportInfo


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


@dataclass(frozen=True)
class MxHost:
    preference: int
    host: str  # ASCII, no trailing dot (never "."; a null MX has no hosts)
    addresses: tuple[str, ...] = ()
    #: How the address lookups ended ("ok", "nxdomain", "timeout"...), A then AAAA.
    address_lookups: tuple[LookupStatus, ...] = ()
    cname: str | None = None  # the canonical name when the exchange is an alias
    ip_literal: bool = False  # the exchange is written as an address: not allowed


class MxKind(enum.StrEnum):
    """What the recipient's MX lookup found."""

    EXPLICIT = "explicit"  # MX records naming hosts
    IMPLICIT = "implicit"  # no MX record: the domain's own address (RFC 5321 5.1)
    NULL = "null"  # RFC 7505: the domain accepts no mail
    NONE = "none"  # no MX and no address: nowhere to deliver
    ERROR = "error"  # the lookup failed, or the records are unusable


@dataclass(frozen=True)
class MxInfo:
    kind: MxKind
    hosts: tuple[MxHost, ...] = ()  # in delivery order: preference, then as a sender tries
    lookup: LookupStatus | None = None
    error: str | None = None  # for kind "error": what went wrong (timeout, SERVFAIL...)
    #: With no MX record: the address lookups of the domain itself (implicit MX).
    implicit_lookups: tuple[LookupStatus, ...] = ()
    #: Preferences of "." records that are not a valid null MX (RFC 7505: a null MX is one
    #: record "0 ."): "10 ." alone (kind "error") or "." beside other hosts (kind "explicit").
    stray_null: tuple[int, ...] = ()

    def groups(self) -> list[tuple[int, list[MxHost]]]:
        """Hosts grouped by preference, lowest (tried first) first."""
        out: list[tuple[int, list[MxHost]]] = []
        for host in self.hosts:
            if out and out[-1][0] == host.preference:
                out[-1][1].append(host)
            else:
                out.append((host.preference, [host]))
        return out


@dataclass(frozen=True)
class SendingAddress:
    address: str
    family: int  # 4 or 6
    spf: SpfOutcome | None = None
    ptr: tuple[str, ...] = ()
    ptr_lookup: LookupStatus | None = None
    fcrdns: bool | None = None  # None while unknown (lookups pending or failed)


@dataclass(frozen=True)
class SendingHostInfo:
    host: str  # name (ASCII) or address literal
    assumed: bool  # taken from the sender's own MX because no --via was given
    addresses: tuple[SendingAddress, ...] = ()
    lookups: tuple[LookupStatus, ...] = ()
    error: str | None = None


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


@dataclass(frozen=True)
class MessageInfo:
    """A received message and what re-checking it gave (`core.message_check`)."""

    parsed: ParsedMessage
    dkim: tuple[DkimSignature, ...] = ()
    arc: ArcResult | None = None
    #: The DKIM/ARC results come from a saved analysis (whose body was never stored).
    dkim_recorded: bool = False
    #: SPF of the address that handed the message over, for its MAIL FROM (or HELO).
    spf: SpfOutcome | None = None
    spf_address: str | None = None
    mail_from: str | None = None
    dmarc_result: DmarcResult | None = None
    #: The Authentication-Results headers the receiving side added.
    receiver_results: tuple[AuthResultsHeader, ...] = ()
    #: Indexes into `parsed.hops` of relays the predicted route does not have.
    unexpected_hops: tuple[int, ...] = ()

    @property
    def forwarder(self) -> Hop | None:
        """The handover hop when a forwarder handed the message to the recipient: a server of
        another organization that received it after the sender's own server
        (`ParsedMessage.forwarded_by`). SPF at the recipient then checks the forwarder's
        address, which the sender's SPF record cannot list; DKIM (and the forwarder's ARC)
        carry the judgement. None when the sender's own server handed it over."""
        forwarded = self.parsed.forwarded_by
        if forwarded is None or not 0 <= forwarded.hop < len(self.parsed.hops):
            return None
        return self.parsed.hops[forwarded.hop]


@dataclass(frozen=True)
class Inputs:
    sender: str  # as normalized: the address or domain
    recipient: str
    via: str | None = None
    notes: tuple[str, ...] = ()  # what forgiving input read a pasted value as (names.py)


@dataclass(frozen=True)
class Result:
    inputs: Inputs
    sender_domain: Domain
    recipient_domain: Domain
    recipient_local: str | None = None
    mx: MxInfo | None = None
    sender_mx: MxInfo | None = None  # the sender's own MX, when it stands in for --via
    sending_hosts: tuple[SendingHostInfo, ...] | None = None
    spf_audit: SpfAudit | None = None
    dmarc: DmarcInfo | None = None
    findings: tuple[Finding, ...] = ()
    complete: bool = False
    cancelled: bool = False
    started_at: str = ""  # ISO 8601, UTC
    elapsed: float = 0.0
    queries: int = 0  # questions really sent
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: The received message the analysis started from, or None.
    message: MessageInfo | None = None
    #: The DKIM keys asked for with --dkim-selector (or the window's selector field).
    dkim_keys: tuple[DkimKey, ...] = ()
    #: `check --authoritative`: what the sender zone's own servers say (core.authoritative).
    authoritative: AuthoritativeView | None = None
    #: Where the answers came from (None: replayed without that information).
    resolver: ResolverInfo | None = None
    #: The receiver whose published requirements were asked for (`core.judgement.requirements`
    #: RECEIVERS: "gmail", "yahoo", "outlook"; `check --receiver`); None: the one the
    #: recipient's MX hosts belong to.
    receiver: str | None = None
    #: DNS blocklist answers (`core.dns.blocklist`), None when no list was asked (opt-in).
    blocklists: tuple[BlocklistAnswer, ...] | None = None
    #: MTA-STS, TLS-RPT, DNSSEC and DANE of the recipient (core.transport); None before known.
    transport: TransportInfo | None = None
    #: The sender's BIMI record, logo and mark certificate (core.auth.bimi); None before known.
    bimi: BimiReport | None = None
