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
from mailpath.core.dns.sources import (
    Answer,
    DnsSource,
    LiveSource,
    Nameserver,
    Outcome,
    close_connections,
)
from mailpath.core.facts import DmarcInfo, Finding, LookupStatus, Severity
from mailpath.core.jsontypes import JsonObject
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
    "render_text",
    "view_to_json",
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
        """Every server answers, they agree, and the resolver holds what they publish."""
        if self.error is not None:
            return False
        if any(not s.answers for s in self.servers):
            return False
        return all(q.agree and q.resolver_agrees is not False for q in self.questions)

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


# ---------------------------------------------------------------- zone cut and servers


def _ancestors(name: str) -> list[str]:
    labels = name.strip(".").lower().split(".")
    return [".".join(labels[i:]) for i in range(len(labels)) if labels[i:]]


def _within(name: str, zone: str) -> bool:
    return zone == "." or name == zone or name.endswith("." + zone)


_NEGATIVE = (Outcome.NXDOMAIN, Outcome.NODATA)


async def find_zone(
    source: DnsSource, name: str, *, servers: Callable[[_Server], DnsSource] | None = None
) -> str | None:
    """The zone `name` is in (its closest enclosing zone cut); None when it cannot be told.

    The resolver is asked for NS name by name from `name` upward; the root is never asked.
    See `_find_cut` for how a name the resolver fails on is settled (`servers` builds the
    source that asks one server directly; default `live_servers()`)."""
    zone, _hosts = await _find_cut(source, name, servers or live_servers())
    return zone


async def _find_cut(
    resolver: DnsSource, name: str, make: Callable[[_Server], DnsSource]
) -> tuple[str | None, tuple[str, ...]]:
    """(zone, NS hosts named by the parent's referral, or () when the resolver gave them).

    Each name from `name` upward: NS records owned by the name make it the zone; a negative
    answer gives its zone by the SOA in the authority section (or, without one, says the
    name is no cut: go on upward); a CNAME is no cut either. A failed question (SERVFAIL,
    timeout, ...) tells nothing: the name is remembered, and once an enclosing zone is found
    its own servers are asked directly for that name's NS, deepest zone first. A referral
    makes the name a zone (with the servers the referral names); an authoritative answer
    without one says it is not a cut. When no server of the zone can tell, the zone is
    unknown (None): guessing the parent is exactly what a lame or dead server must not cause.
    """
    unsettled: list[str] = []
    zone: str | None = None
    for candidate in _ancestors(name):
        answer = await resolver.query(candidate, "NS")
        if answer.ok and answer.canonical is None and answer.records:
            zone = candidate
            break
        if answer.outcome in _NEGATIVE or answer.ok:
            owner = answer.soa_owner
            if answer.outcome in _NEGATIVE and owner and owner != "." and _within(candidate, owner):
                zone = owner
                unsettled = [u for u in unsettled if _within(u, owner) and u != owner]
                break
            continue
        unsettled.append(candidate)
    if zone is None:
        return None, ()
    hosts: tuple[str, ...] = ()
    for candidate in reversed(unsettled):  # the name just below the zone first
        if not _within(candidate, zone) or candidate == zone:
            continue
        servers = await _zone_servers(resolver, zone, hosts)
        verdict = await _ask_delegation(candidate, servers, make)
        if verdict is None:
            return None, ()
        if verdict:
            zone, hosts = candidate, verdict
    return zone, hosts


async def _ask_delegation(
    name: str, servers: Sequence[_Server], make: Callable[[_Server], DnsSource]
) -> tuple[str, ...] | None:
    """Ask the servers of the zone above `name` for its NS: the NS hosts of a referral to
    `name`, () when a server answers with authority that `name` is no cut, None when no
    server could tell (all failed, lame, or there were none)."""
    answers = await asyncio.gather(*(make(s).query(name, "NS") for s in servers))
    referrals = [a.referral for a in answers if a.referral is not None and a.referral[0] == name]
    if referrals:
        return min(referrals)[1]
    if any(a.authoritative and (a.ok or a.outcome in _NEGATIVE) for a in answers):
        return ()
    return None


@dataclass(frozen=True)
class _Server:
    host: str
    address: str


async def _zone_servers(
    source: DnsSource, zone: str, referral: Sequence[str] = ()
) -> list[_Server]:
    """The zone's servers: its NS hosts from the resolver (or, when it gives none, those the
    parent's referral named) and their addresses (through the resolver)."""
    ns = await source.query(zone, "NS")
    hosts = sorted({str(h).lower() for h in ns.records}) if ns.ok else []
    if not hosts:
        hosts = sorted(set(referral))
    lookups = await asyncio.gather(*(source.query(h, t) for h in hosts for t in ("A", "AAAA")))
    servers: list[_Server] = []
    for i, host in enumerate(hosts):
        for answer in lookups[2 * i : 2 * i + 2]:
            servers.extend(_Server(host, str(a)) for a in answer.records)
    return servers


def _serial(answer: Answer) -> int | None:
    if not answer.ok or not answer.records:
        return None
    parts = str(answer.records[0]).split()
    try:
        return int(parts[2])
    except (IndexError, ValueError):
        return None


# ---------------------------------------------------------------- the view


def live_servers(*, port: int = 53, timeout: float = 2.0) -> Callable[[_Server], DnsSource]:
    """Each authoritative server as its own non-recursive LiveSource (`port`: for tests)."""

    def make(server: _Server) -> DnsSource:
        return LiveSource(
            [Nameserver(server.address, port)], timeout=timeout, budget=timeout * 4, recursive=False
        )

    return make


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

    async def ask_server(zone: str, server: _Server) -> tuple[ServerStatus, list[ServerAnswer]]:
        source = make(server)
        soa, *rest = await asyncio.gather(
            source.query(zone, "SOA"), *(source.query(n, t) for n, t in by_zone[zone])
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

    jobs = [
        ask_server(zone, server)
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


# ---------------------------------------------------------------- JSON


def view_to_json(view: AuthoritativeView | None) -> JsonObject | None:
    """`check --json`'s `authoritative`: zone, serials (the sender zone's), zones (every
    zone's serials), servers, answers, questions, agree."""
    if view is None:
        return None
    return {
        "zone": view.zone,
        "serials": view.serials(),
        "zones": [{"zone": z, "serials": serials} for z, serials in view.zones()],
        "servers": [
            {
                "host": s.host,
                "address": s.address,
                "outcome": s.outcome,
                "authoritative": s.authoritative,
                "zone": s.zone,
                "serial": s.serial,
                "failure": s.failure or None,
            }
            for s in view.servers
        ],
        "answers": [
            {
                "name": a.name,
                "type": a.rdtype,
                "server": a.host,
                "address": a.address,
                "outcome": a.outcome,
                "records": list(a.records),
                "ttl": a.ttl,
                "authoritative": a.authoritative,
            }
            for a in view.answers
        ],
        "questions": [
            {
                "name": q.name,
                "type": q.rdtype,
                "zone": q.zone,
                "agree": q.agree,
                "resolver": {
                    "outcome": q.resolver.outcome,
                    "records": sorted(q.resolver.records),
                    "ttl": q.resolver.ttl,
                },
                "resolver_agrees": q.resolver_agrees,
                "answered": q.answered,
                "servers": q.servers,
            }
            for q in view.questions
        ],
        "skipped": list(view.skipped),
        "error": view.error,
        "agree": view.agree,
        # How the servers were asked: always plain DNS (no authoritative server offers TLS);
        # `note` says so when the resolver was asked over DoH/DoT.
        "servers_transport": "plain",
        "resolver_transport": view.resolver_transport or None,
        "note": _note_json(view),
    }


def _note_json(view: AuthoritativeView) -> JsonObject | None:
    note = view.note
    if note is None:
        return None
    key, params = note
    return {"template": key, "params": params, "message": NOTES[key].format(**params)}


def render_text(view: AuthoritativeView) -> list[str]:
    """Lines for the text report."""
    lines = [f"Authoritative servers (zone {view.zone or '?'})"]
    if view.note is not None:
        key, params = view.note
        lines.append(f"  note: {NOTES[key].format(**params)}")
    if view.error:
        lines.append(f"  error: {view.error}")
    for s in view.servers:
        aa = "authoritative" if s.authoritative else "NOT authoritative"
        serial = f"serial {s.serial}" if s.serial is not None else Outcome(s.outcome).describe()
        lines.append(f"  {s.zone:<20} {s.host} ({s.address}): {serial}, {aa}")
    for q in view.questions:
        state = _state_text(q)
        res = {True: "resolver current", False: "resolver STALE", None: "resolver ?"}[
            q.resolver_agrees
        ]
        ttl = f", resolver TTL {q.resolver.ttl} s" if q.resolver.ttl is not None else ""
        lines.append(f"  {q.name} {q.rdtype}: {state}, {res}{ttl}")
    lines.append(f"  all agree: {'yes' if view.agree else 'no'}")
    return lines


def _state_text(q: QuestionView) -> str:
    """ "servers agree" only when at least two servers answered with authority."""
    if not q.agree:
        return "servers DISAGREE"
    if q.answered >= 2:
        return "servers agree"
    if q.answered == 1:
        return f"only 1 of {q.servers} servers answered with authority"
    return f"none of {q.servers} servers answered with authority"
