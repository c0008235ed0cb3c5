"""The authoritative view: "is my fix live yet?"

A resolver answers from its cache for as long as a record's TTL allows; the zone's own servers
answer with what is published now, and during a change they may not all publish the same
thing yet (a secondary that has not transferred the new serial). `authoritative_view()` asks
each of them directly, over the one DNS interface (a non-recursive `LiveSource` pointed at
that server, reading the AA flag), for every record the verdict depends on, and compares:

1. the zone cut of each name: the longest suffix with a SOA record (asked of the resolver, all
   ancestors at once: one round trip);
2. the zone's NS hosts and their addresses (through the resolver);
3. each server's SOA serial and, from each server, the records of that zone's questions.

Findings: `ns-disagree` (the servers of one zone serve different answers), `ns-lame` (a
listed server that answers but not authoritatively), `ns-unreachable` (no answer), and
`stale-cache` (the authoritative servers publish something else than the resolver holds, and
for how long at most it may go on holding it).
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mailpath.core.dns import Answer, DnsSource, LiveSource, Nameserver, Outcome
from mailpath.core.model import Finding, LookupStatus, Result, Severity
from mailpath.core.spf import SpfTrace

__all__ = [
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
    "stale-cache": (
        "{name} {type}: the new record is on {count} of {total} authoritative servers "
        "(serial {serial}); your resolver still holds the old answer for up to {ttl} s.",
        None,
    ),
}


@dataclass(frozen=True)
class ServerStatus:
    """One address of one NS host of a zone, and how it answered the zone's SOA question."""

    zone: str
    host: str
    address: str
    outcome: str  # dns.Outcome value of the SOA question
    authoritative: bool  # the SOA reply carried AA
    serial: int | None
    detail: str = ""

    @property
    def label(self) -> str:
        return f"{self.host} ({self.address})"

    @property
    def answers(self) -> bool:
        """It answered for the zone with authority: its answers count."""
        return self.authoritative and self.outcome == Outcome.OK.value


@dataclass(frozen=True)
class ServerAnswer:
    """One question asked of one authoritative server."""

    name: str
    rdtype: str
    host: str
    address: str
    outcome: str
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

    @property
    def agree(self) -> bool:
        """Every server answers, they agree, and the resolver holds what they publish."""
        if self.error is not None:
            return False
        if any(not s.answers for s in self.servers):
            return False
        return all(q.agree and q.resolver_agrees is not False for q in self.questions)

    def serials(self) -> dict[str, int | None]:
        """NS host -> the zone serial it serves (the highest of its addresses)."""
        out: dict[str, int | None] = {}
        for s in self.servers:
            known = out.get(s.host)
            if known is None or (s.serial is not None and s.serial > known):
                out[s.host] = s.serial
        return out


# ---------------------------------------------------------------- which questions


def _spf_domains(tree: SpfTrace | None) -> list[str]:
    out: list[str] = []
    if tree is None:
        return out
    out.append(tree.domain)
    for term in tree.terms:
        out.extend(_spf_domains(term.child))
    return out


def questions_for(result: Result, dkim_selectors: Sequence[str] = ()) -> list[tuple[str, str]]:
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
        if _is_name(host.host):
            wanted.extend([(host.host, "A"), (host.host, "AAAA")])
    seen: set[tuple[str, str]] = set()
    ordered = []
    for name, rdtype in wanted:
        key = (name.lower().rstrip("."), rdtype)
        if key not in seen:
            seen.add(key)
            ordered.append(key)
    return ordered


def _is_name(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return True
    return False


# ---------------------------------------------------------------- zone cut and servers


def _ancestors(name: str) -> list[str]:
    labels = name.strip(".").lower().split(".")
    return [".".join(labels[i:]) for i in range(len(labels)) if labels[i:]]


async def find_zone(source: DnsSource, name: str) -> str | None:
    """The zone `name` is in: the longest of its suffixes that owns a SOA record.

    Every suffix is asked at once (one round trip, not one per label); the root is never
    asked. None when no suffix has a SOA (or the resolver failed)."""
    candidates = _ancestors(name)
    answers = await asyncio.gather(*(source.query(c, "SOA") for c in candidates))
    for candidate, answer in zip(candidates, answers, strict=True):
        if answer.ok and answer.canonical is None:
            return candidate
    return None


@dataclass(frozen=True)
class _Server:
    host: str
    address: str


async def _zone_servers(source: DnsSource, zone: str) -> list[_Server]:
    ns = await source.query(zone, "NS")
    hosts = sorted({str(h).lower() for h in ns.records})
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


def live_servers(*, port: int = 53, timeout: float = 2.0) -> Callable[[Any], DnsSource]:
    """Each authoritative server as its own non-recursive LiveSource (`port`: for tests)."""

    def make(server: Any) -> DnsSource:
        return LiveSource(
            [Nameserver(server.address, port)], timeout=timeout, budget=timeout * 4, recursive=False
        )

    return make


async def authoritative_view(
    resolver: DnsSource,
    result: Result,
    dkim_selectors: Sequence[str] = (),
    *,
    servers: Callable[[Any], DnsSource] | None = None,
) -> AuthoritativeView:
    """Ask every authoritative server of the zones involved; compare with `resolver`.

    `resolver` should be the analysis's own (caching) source, so that the resolver's answers
    compared are those the verdict used and nothing is asked twice. `servers` builds the
    source that asks one server directly (default: `live_servers()`)."""
    make = servers or live_servers()
    sender = result.sender_domain.ascii
    questions = questions_for(result, dkim_selectors)
    zones_of = await asyncio.gather(*(find_zone(resolver, n) for n, _ in questions))
    sender_zone = await find_zone(resolver, sender)
    if sender_zone is None:
        return AuthoritativeView(
            zone="",
            error=f"no zone cut found for {sender}: the resolver returned no SOA record for "
            "it or any parent",
        )
    by_zone: dict[str, list[tuple[str, str]]] = {sender_zone: []}
    skipped: list[str] = []
    for (name, rdtype), zone in zip(questions, zones_of, strict=True):
        if zone is None:
            skipped.append(name)
            continue
        by_zone.setdefault(zone, []).append((name, rdtype))
    zone_list = list(by_zone)
    server_lists = await asyncio.gather(*(_zone_servers(resolver, z) for z in zone_list))

    async def ask_server(zone: str, server: _Server) -> tuple[ServerStatus, list[ServerAnswer]]:
        source = make(server)
        soa, *rest = await asyncio.gather(
            source.query(zone, "SOA"), *(source.query(n, t) for n, t in by_zone[zone])
        )
        status = ServerStatus(
            zone=zone,
            host=server.host,
            address=server.address,
            outcome=soa.outcome.value,
            authoritative=bool(soa.authoritative),
            serial=_serial(soa),
            detail=soa.detail,
        )
        answers = [
            ServerAnswer(
                name=a.name,
                rdtype=a.rdtype,
                host=server.host,
                address=server.address,
                outcome=a.outcome.value,
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
        error = f"no address found for any name server of {sender_zone}"
    view = AuthoritativeView(
        zone=sender_zone,
        servers=statuses,
        answers=answers,
        questions=views,
        skipped=tuple(skipped),
        error=error,
    )
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
    )


# ---------------------------------------------------------------- findings


def _finding(severity: Severity, key: str, params: Mapping[str, str]) -> Finding:
    message, fix = TEMPLATES[key]
    return Finding(
        severity=severity,
        code=key,
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
        if s.outcome in (Outcome.TIMEOUT.value, Outcome.ERROR.value):
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
            out.append(
                _finding(
                    Severity.INFO,
                    "stale-cache",
                    {
                        "name": q.name,
                        "type": q.rdtype,
                        "count": str(len(holders)),
                        "total": str(len(rows)),
                        "serial": str(max(serials)) if serials else "?",
                        "ttl": f"{ttl:,}" if ttl is not None else "an unknown time",
                    },
                )
            )
    return tuple(out)


# ---------------------------------------------------------------- JSON


def view_to_json(view: AuthoritativeView | None) -> dict[str, Any] | None:
    """`check --json`'s `authoritative`: zone, serials, servers, answers, agree."""
    if view is None:
        return None
    return {
        "zone": view.zone,
        "serials": view.serials(),
        "servers": [
            {
                "host": s.host,
                "address": s.address,
                "outcome": s.outcome,
                "authoritative": s.authoritative,
                "zone": s.zone,
                "serial": s.serial,
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
            }
            for q in view.questions
        ],
        "skipped": list(view.skipped),
        "error": view.error,
        "agree": view.agree,
    }


def render_text(view: AuthoritativeView) -> list[str]:
    """Lines for the text report."""
    lines = [f"Authoritative servers (zone {view.zone or '?'})"]
    if view.error:
        lines.append(f"  error: {view.error}")
    for s in view.servers:
        aa = "authoritative" if s.authoritative else "NOT authoritative"
        serial = f"serial {s.serial}" if s.serial is not None else Outcome(s.outcome).describe()
        lines.append(f"  {s.zone:<20} {s.host} ({s.address}): {serial}, {aa}")
    for q in view.questions:
        state = "agree" if q.agree else "DISAGREE"
        res = {True: "resolver current", False: "resolver STALE", None: "resolver ?"}[
            q.resolver_agrees
        ]
        ttl = f", resolver TTL {q.resolver.ttl} s" if q.resolver.ttl is not None else ""
        lines.append(f"  {q.name} {q.rdtype}: servers {state}, {res}{ttl}")
    lines.append(f"  all agree: {'yes' if view.agree else 'no'}")
    return lines
