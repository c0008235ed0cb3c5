"""The one Result model: the CLI's JSON, the report, the GUI and the picture all render it.

A `Result` may be partial while an analysis runs: a field that is still `None` has not been
resolved yet (`complete` tells whether the analysis ended).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailpath.core.auth.spf import SpfAudit, SpfOutcome
from mailpath.core.dns.sources import ResolverInfo
from mailpath.core.facts import DmarcInfo, Finding, LookupStatus, Severity, Status
from mailpath.core.names import Domain

if TYPE_CHECKING:
    from mailpath.core.auth.authresults import AuthResultsHeader
    from mailpath.core.auth.dkim import ArcResult, DkimKey, DkimSignature
    from mailpath.core.auth.dmarc import DmarcResult
    from mailpath.core.dns.authoritative import AuthoritativeView
    from mailpath.core.dns.blocklist import BlocklistAnswer
    from mailpath.core.message.parse import ParsedMessage
    from mailpath.core.message.received import Hop
    from mailpath.core.transport import TransportInfo

#: The facts' shared types (`facts`) are named here too, where most callers look for them.
__all__ = [
    "DmarcInfo",
    "Finding",
    "Inputs",
    "LookupStatus",
    "MessageInfo",
    "MxHost",
    "MxInfo",
    "MxKind",
    "Result",
    "SendingAddress",
    "SendingHostInfo",
    "Severity",
    "Status",
]


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
