"""The authoritative view: "is my fix live yet?"

A resolver answers from its cache for as long as a record's TTL allows; the zone's own servers
answer with what is published now, and during a change they may not all publish the same
thing yet (a secondary that has not transferred the new serial). `authoritative_view()` asks
each of them directly, over the one DNS interface (a non-recursive `LiveSource` pointed at
that server, reading the AA flag), for every record the verdict depends on, and compares:

1. the zone cut of each name, found by asking the resolver for NS name by name from the name
   upward: the first name that owns NS records is the zone, and a negative answer names its
   zone by the SOA in its authority section. A name the resolver fails on (SERVFAIL, timeout:
   what a resolver gives when some of a zone's servers are lame or dead) is not skipped: the
   servers of the zone above are asked directly whether they delegate it (a referral), so a
   broken child never makes its parent zone "win";
2. the zone's NS hosts (from the resolver, or the parent's referral) and their addresses;
3. each server's SOA serial and, from each server, the records of that zone's questions.
   Servers are asked over connected UDP sockets (`dns.LiveSource`), so a closed port
   (connection refused) is reported at once rather than after the timeout.

Findings: `ns-disagree` (the servers of one zone serve different answers), `ns-lame` (a
listed server that answers but not authoritatively), `ns-unreachable` (no answer), and
`stale-cache` (the authoritative servers publish something else than the resolver holds, and
for how long at most it may go on holding it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from mailpath.core.auth.spf import SpfAudit, SpfTrace
from mailpath.core.dns.sources import Answer, DnsSource, Outcome, close_connections
from mailpath.core.dns.zones import (
    _find_cut,
    _serial,
    _Server,
    _zone_servers,
    find_zone,
    live_servers,
)
from mailpath.core.facts import DmarcInfo, Finding, LookupStatus, Severity
from mailpath.core.names import Domain, is_ip_address
from mailpath.core.sentences import Sentence

__all__ = [
    "NOTES",
    "TEMPLATES",
    "AuthoritativeView",
    "QuestionView",
    "ServerAnswer",
    "ServerStatus",
    "authoritative_view",
    "find_zone",
    "live_servers",
    "questions_for",
]

#: Template key -> (message, fix), filled with `Finding.params` (as findings.TEMPLATES).
TEMPLATES: dict[str, tuple[str, str | None]] = {
    "ns-disagree": (
        "The authoritative servers of {zone} disagree about {name} {type}: {servers}.",
        "Wait for the secondary servers to load the new serial (or check that zone transfers "
        "to them work), then compare again.",
    ),
    "ns-lame": (
        "{host} ({address}) is listed as a name server of {zone} but does not answer for it "
        "authoritatively ({how}).",
        "Remove {host} from the NS records of {zone} (at the parent too) or configure it to "
        "serve the zone.",
    ),
    "ns-unreachable": (
        "{host} ({address}), a name server of {zone}, did not answer ({how}).",
        "Check that {host} is up and reachable over UDP and TCP port 53.",
    ),
    "ns-unreachable/refused": (
        "{host} ({address}), a name server of {zone}, did not answer (connection refused: "
        "nothing listens for DNS on that address).",
        "Start the name server on {host} (or let it listen on {address}), or remove {host} "
        "from the NS records of {zone} (at the parent too).",
    ),
    "stale-cache": (
        "{name} {type}: the new record is on {count} of {total} authoritative servers "
        "(serial {serial}); your resolver still holds the old answer for up to {ttl} s.",
        None,
    ),
    "stale-cache/ttl-unknown": (
        "{name} {type}: the new record is on {count} of {total} authoritative servers "
        "(serial {serial}); your resolver still holds the old answer and did not say for how "
        "long (its reply carried no TTL).",
        None,
    ),
}


_ENCRYPTED = {"doh": "DoH", "dot": "DoT"}

#: Notes on how the view was made: key -> English text, filled with the note's params (the
#: window translates them, context "AuthoritativePanel").
NOTES: dict[str, str] = {
    "plain-dns": (
        "The authoritative servers were asked over plain DNS (port 53, not encrypted): they "
        "offer no TLS. Only the questions to your resolver went over {transport}."
    ),
}


class _Host(Protocol):
    @property
    def host(self) -> str: ...


class Asked(Protocol):
    """What the questions depend on: a `model.Result` (named by its shape, so that the model,
    which holds an `AuthoritativeView`, and this module do not import each other)."""

    @property
    def sender_domain(self) -> Domain: ...
    @property
    def spf_audit(self) -> SpfAudit | None: ...
    @property
    def dmarc(self) -> DmarcInfo | None: ...
    @property
    def sending_hosts(self) -> Sequence[_Host] | None: ...


def _resolver_transport(source: object) -> str:
    """ "doh"/"dot" when the live source under `source` (through wrappers' ``inner``) asks
    over an encrypted transport only, else ""."""
    for _ in range(16):
        info = getattr(source, "resolver_info", None)
        if info is not None:
            kind = str(getattr(info, "kind", ""))
            return kind if kind in _ENCRYPTED else ""
        source = getattr(source, "inner", None)
        if source is None:
            break
    return ""


@dataclass(frozen=True)
class ServerStatus:
    """One address of one NS host of a zone, and how it answered the zone's SOA question."""

    zone: str
    host: str
    address: str
    outcome: Outcome  # of the SOA question
    authoritative: bool  # the SOA reply carried AA
    serial: int | None
    detail: str = ""
    #: dns.Answer.failure of the SOA question ("refused": nothing listens there), or "".
    failure: str = ""

    @property
    def label(self) -> str:
        return f"{self.host} ({self.address})"

    @property
    def answers(self) -> bool:
        """It answered for the zone with authority: its answers count."""
        return self.authoritative and self.outcome == Outcome.OK


@dataclass(frozen=True)
class ServerAnswer:
    """One question asked of one authoritative server."""

    name: str
    rdtype: str
    host: str
    address: str
    outcome: Outcome
    records: tuple[str, ...]
    ttl: int | None
    authoritative: bool | None
    detail: str = ""


@dataclass(frozen=True)
class QuestionView:
    """One question compared across the zone's servers and the resolver."""

    name: str
    rdtype: str
    zone: str
    resolver: LookupStatus
    #: What the server with the highest serial (the newest publication) answers.
    newest: tuple[str, tuple[str, ...]] | None
    #: Every server that answered authoritatively gives the same answer.
    agree: bool
    #: The resolver's answer is the newest one (None: one side gave no answer to compare).
    resolver_agrees: bool | None
    #: How many of the zone's servers answered this question with authority, of how many.
    #: "The servers agree" means something only when at least two did.
    answered: int = 0
    servers: int = 0


@dataclass(frozen=True)
class AuthoritativeView:
    zone: str  # the sender domain's zone ("" when no zone cut was found)
    servers: tuple[ServerStatus, ...] = ()
    answers: tuple[ServerAnswer, ...] = ()
    questions: tuple[QuestionView, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: Names whose zone could not be found (their questions were not asked directly).
    skipped: tuple[str, ...] = ()
    error: str | None = None
    #: "doh" or "dot" when the resolver was asked over an encrypted transport (the
    #: authoritative servers never are: they offer no TLS); "" otherwise.
    resolver_transport: str = ""

    @property
    def note(self) -> tuple[str, dict[str, str]] | None:
        """(NOTES key, params) of what the reader must know about how servers were
        asked: with an encrypted resolver, that the authoritative servers were not."""
        if self.resolver_transport in _ENCRYPTED:
            return "plain-dns", {"transport": _ENCRYPTED[self.resolver_transport]}
        return None

    @property
    def agree(self) -> bool:
        """Every server answers, they agree, and the resolver holds what they publish: said
        only when at least two servers answered each question with authority (one server, or
        none, cannot agree with anything)."""
        if self.error is not None or not self.servers or not self.questions:
            return False
        if any(not s.answers for s in self.servers):
            return False
        return all(
            q.agree and q.answered >= 2 and q.resolver_agrees is not False for q in self.questions
        )

    def serials(self, zone: str | None = None) -> dict[str, int | None]:
        """NS host -> the serial of `zone` (default: the sender's zone) it serves (the highest
        of its addresses). A host serving several zones of the check has one serial each."""
        zone = self.zone if zone is None else zone
        out: dict[str, int | None] = {}
        for s in self.servers:
            if s.zone != zone:
                continue
            known = out.get(s.host)
            if known is None or (s.serial is not None and s.serial > known):
                out[s.host] = s.serial
        return out

    def zones(self) -> list[tuple[str, dict[str, int | None]]]:
        """(zone, serials) of every zone asked, the sender's first."""
        names = list(dict.fromkeys([self.zone, *(s.zone for s in self.servers)]))
        return [(z, self.serials(z)) for z in names if z]


# ---------------------------------------------------------------- which questions


def _spf_domains(tree: SpfTrace | None) -> list[str]:
    out: list[str] = []
    if tree is None:
        return out
    out.append(tree.domain)
    for term in tree.terms:
        out.extend(_spf_domains(term.child))
    return out


def questions_for(result: Asked, dkim_selectors: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The questions the verdict depends on, in a stable order without repeats: the sender's
    SPF TXT and every include/redirect target, DMARC, the DKIM keys asked for, and the sending
    host's A/AAAA."""
    sender = result.sender_domain.ascii
    wanted: list[tuple[str, str]] = [(sender, "TXT")]
    if result.spf_audit is not None:
        wanted.extend((d, "TXT") for d in _spf_domains(result.spf_audit.tree))
    dmarc_domain = result.dmarc.domain if result.dmarc and result.dmarc.record else sender
    wanted.append((f"_dmarc.{dmarc_domain}", "TXT"))
    if dmarc_domain != sender:
        wanted.append((f"_dmarc.{sender}", "TXT"))
    for selector in dkim_selectors:
        wanted.append((f"{selector.strip().rstrip('.').lower()}._domainkey.{sender}", "TXT"))
    for host in result.sending_hosts or ():
        if not is_ip_address(host.host):
            wanted.extend([(host.host, "A"), (host.host, "AAAA")])
    seen: set[tuple[str, str]] = set()
    ordered = []
    for name, rdtype in wanted:
        key = (name.lower().rstrip("."), rdtype)
        if key not in seen:
            seen.add(key)
            ordered.append(key)
    return ordered


# ---------------------------------------------------------------- the view


async def authoritative_view(
    resolver: DnsSource,
    result: Asked,
    dkim_selectors: Sequence[str] = (),
    *,
    servers: Callable[[_Server], DnsSource] | None = None,
) -> AuthoritativeView:
    """Ask every authoritative server of the zones involved; compare with `resolver`.

    `resolver` should be the analysis's own (caching) source, so that the resolver's answers
    compared are those the verdict used and nothing is asked twice. `servers` builds the
    source that asks one server directly (default: `live_servers()`)."""
    make = servers or live_servers()
    sender = result.sender_domain.ascii
    questions = questions_for(result, dkim_selectors)
    names = list(dict.fromkeys([sender.lower().rstrip("."), *(n for n, _ in questions)]))
    found = await asyncio.gather(*(_find_cut(resolver, n, make) for n in names))
    cut_of = dict(zip(names, found, strict=True))
    zones_of = [cut_of[n][0] for n, _ in questions]
    referrals = {z: h for z, h in found if z is not None and h}
    sender_zone = cut_of[names[0]][0]
    if sender_zone is None:
        await close_connections(resolver)
        return AuthoritativeView(
            zone="",
            error=Sentence("authoritative/no-zone-cut", name=sender),
            resolver_transport=_resolver_transport(resolver),
        )
    by_zone: dict[str, list[tuple[str, str]]] = {sender_zone: []}
    skipped: list[str] = []
    for (name, rdtype), zone in zip(questions, zones_of, strict=True):
        if zone is None:
            skipped.append(name)
            continue
        by_zone.setdefault(zone, []).append((name, rdtype))
    zone_list = list(by_zone)
    server_lists = await asyncio.gather(
        *(_zone_servers(resolver, z, referrals.get(z, ())) for z in zone_list)
    )

    jobs = [
        _ask_server(make(server), zone, server, by_zone[zone])
        for zone, zone_servers in zip(zone_list, server_lists, strict=True)
        for server in zone_servers
    ]
    resolver_answers = asyncio.gather(*(resolver.query(n, t) for n, t in questions))
    asked, from_resolver = await asyncio.gather(asyncio.gather(*jobs), resolver_answers)
    statuses = tuple(s for s, _ in asked)
    answers = tuple(a for _, rows in asked for a in rows)
    resolver_by_q = {(n, t): a for (n, t), a in zip(questions, from_resolver, strict=True)}
    views = tuple(
        _compare(name, rdtype, zone, statuses, answers, resolver_by_q[(name, rdtype)])
        for zone in zone_list
        for name, rdtype in by_zone[zone]
    )
    empty = [z for z, s in zip(zone_list, server_lists, strict=True) if not s]
    error = None
    if sender_zone in empty:
        error = Sentence("authoritative/no-server-address", zone=sender_zone)
    view = AuthoritativeView(
        zone=sender_zone,
        servers=statuses,
        answers=answers,
        questions=views,
        skipped=tuple(skipped),
        error=error,
        resolver_transport=_resolver_transport(resolver),
    )
    # The resolver's questions of this view are over: its DoH/DoT connection (reopened after
    # the analysis closed it) closes too, as the analysis's did.
    await close_connections(resolver)
    return replace(view, findings=_findings(view))


async def _ask_server(
    source: DnsSource, zone: str, server: _Server, questions: Sequence[tuple[str, str]]
) -> tuple[ServerStatus, list[ServerAnswer]]:
    """One authoritative server (asked through `source`): its SOA for `zone`, and its answers
    to the zone's `questions`."""
    soa, *rest = await asyncio.gather(
        source.query(zone, "SOA"), *(source.query(n, t) for n, t in questions)
    )
    status = ServerStatus(
        zone=zone,
        host=server.host,
        address=server.address,
        outcome=soa.outcome,
        authoritative=bool(soa.authoritative),
        serial=_serial(soa),
        detail=soa.detail,
        failure=soa.failure,
    )
    answers = [
        ServerAnswer(
            name=a.name,
            rdtype=a.rdtype,
            host=server.host,
            address=server.address,
            outcome=a.outcome,
            records=tuple(sorted(a.texts())),
            ttl=a.ttl,
            authoritative=a.authoritative,
            detail=a.detail,
        )
        for a in rest
    ]
    return status, answers


def _key(outcome: str, records: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    return (outcome, tuple(sorted(records)))


_ANSWERS = (Outcome.OK.value, Outcome.NODATA.value, Outcome.NXDOMAIN.value)


def _compare(
    name: str,
    rdtype: str,
    zone: str,
    statuses: Sequence[ServerStatus],
    answers: Sequence[ServerAnswer],
    resolver: Answer,
) -> QuestionView:
    good = {(s.host, s.address): s for s in statuses if s.zone == zone and s.answers}
    rows = [
        a
        for a in answers
        if a.name == name
        and a.rdtype == rdtype
        and (a.host, a.address) in good
        and a.authoritative
        and a.outcome in _ANSWERS
    ]
    keys = {_key(a.outcome, a.records) for a in rows}
    newest = None
    if rows:
        # The newest publication: the answer of the highest serial; on a tie, the most common.
        def rank(a: ServerAnswer) -> tuple[int, int]:
            serial = good[(a.host, a.address)].serial or 0
            count = sum(1 for b in rows if _key(b.outcome, b.records) == _key(a.outcome, a.records))
            return (serial, count)

        best = max(rows, key=rank)
        newest = _key(best.outcome, best.records)
    status = LookupStatus.of(resolver)
    resolver_agrees = None
    if newest is not None and resolver.outcome.value in _ANSWERS:
        resolver_agrees = _key(status.outcome, status.records) == newest
    return QuestionView(
        name=name,
        rdtype=rdtype,
        zone=zone,
        resolver=status,
        newest=newest,
        agree=len(keys) <= 1,
        resolver_agrees=resolver_agrees,
        answered=len(rows),
        servers=sum(1 for s in statuses if s.zone == zone),
    )


# ---------------------------------------------------------------- findings


def _finding(
    severity: Severity, code: str, params: Mapping[str, str], template: str | None = None
) -> Finding:
    """A finding of `code`, rendered from `template` (default: the code's own template; a
    variant "code/variant" words one case of it)."""
    key = template or code
    message, fix = TEMPLATES[key]
    return Finding(
        severity=severity,
        code=code,
        message=message.format(**params),
        fix=fix.format(**params) if fix else None,
        template=key,
        params=dict(params),
    )


def _answer_text(outcome: str, records: Sequence[str]) -> str:
    if outcome == Outcome.OK.value:
        return " | ".join(f'"{r}"' for r in records) if records else "(empty)"
    return Outcome(outcome).describe()


def _findings(view: AuthoritativeView) -> tuple[Finding, ...]:
    out: list[Finding] = []
    for s in view.servers:
        params = {"host": s.host, "address": s.address, "zone": s.zone}
        if s.failure == "refused":
            out.append(
                _finding(Severity.WARNING, "ns-unreachable", params, "ns-unreachable/refused")
            )
        elif s.outcome in (Outcome.TIMEOUT.value, Outcome.ERROR.value):
            how = Outcome(s.outcome).describe() + (f": {s.detail}" if s.detail else "")
            out.append(_finding(Severity.WARNING, "ns-unreachable", {**params, "how": how}))
        elif not s.answers:
            if s.outcome == Outcome.OK.value or s.outcome in _ANSWERS:
                how = "its reply lacks the AA flag"
            else:
                how = Outcome(s.outcome).describe()
            out.append(_finding(Severity.WARNING, "ns-lame", {**params, "how": how}))
    serial_of = {(s.host, s.address): s for s in view.servers if s.answers}
    for q in view.questions:
        rows = [
            a
            for a in view.answers
            if a.name == q.name
            and a.rdtype == q.rdtype
            and (a.host, a.address) in serial_of
            and a.authoritative
            and a.outcome in _ANSWERS
        ]
        if not q.agree:
            groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
            for a in rows:
                serial = serial_of[(a.host, a.address)].serial
                groups.setdefault(_key(a.outcome, a.records), []).append(
                    f"{a.host} ({a.address}, serial {serial})"
                )
            servers = "; ".join(
                f"{', '.join(hosts)} serve{'s' if len(hosts) == 1 else ''} "
                f"{_answer_text(k[0], k[1])}"
                for k, hosts in groups.items()
            )
            out.append(
                _finding(
                    Severity.WARNING,
                    "ns-disagree",
                    {"zone": q.zone, "name": q.name, "type": q.rdtype, "servers": servers},
                )
            )
        if q.resolver_agrees is False and q.newest is not None:
            holders = [a for a in rows if _key(a.outcome, a.records) == q.newest]
            serials = [serial_of[(a.host, a.address)].serial or 0 for a in holders]
            ttl = q.resolver.ttl
            params = {
                "name": q.name,
                "type": q.rdtype,
                "count": str(len(holders)),
                "total": str(len(rows)),
                "serial": str(max(serials)) if serials else "?",
            }
            if ttl is None:
                out.append(
                    _finding(Severity.INFO, "stale-cache", params, "stale-cache/ttl-unknown")
                )
            else:
                out.append(_finding(Severity.INFO, "stale-cache", {**params, "ttl": f"{ttl:,}"}))
    return tuple(out)
