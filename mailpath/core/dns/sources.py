"""The one DNS interface every lookup of mailpath goes through.

A `DnsSource` answers `await source.query(name, rdtype)` with an `Answer`; it never raises for
DNS trouble. Implementations:

- `LiveSource`: dnspython's async resolver (system resolver or chosen servers), a per-query
  timeout, a total budget, TCP retry on truncation (dnspython does that for us).
- `RecordingSource`: wraps another source and keeps every question, answer and its timing.
- `ReplaySource`: answers from a recording, with no network.
- `CachingSource`: the front every analysis uses: concurrent callers of the same question
  share one in-flight query, so one analysis never sends a question twice.

Answers keep NXDOMAIN, NODATA, TIMEOUT, SERVFAIL and REFUSED apart; a timeout is never "no
record".
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import replace

import dns._asyncio_backend
import dns.asyncbackend
import dns.asyncquery
import dns.asyncresolver
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.nameserver
import dns.query
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.resolver

from mailpath.core.dns.answer import (
    Answer,
    CachingSource,
    Deadline,
    DnsSource,
    Outcome,
    QueryRecord,
    RecordingSource,
    RecordValue,
    ReplaySource,
    _name_text,
    answer_to_json,
    close_connections,
    deadline_of,
    normalize_qname,
    record_from_rdata,
    record_to_display,
    record_to_json,
)
from mailpath.core.dns.outcomes import (
    RESOLVER_FAILURES,
    ResolverFailure,
    ResolverInfo,
    _aa,
    _classify_no_nameservers,
    _failure_cause,
    _negative_ttl,
    _referral,
    _soa_owner,
    _tls_failure,
    _transport_failure,
)
from mailpath.core.dns.transports import (
    _CONNECTED_UDP,
    BootstrapError,
    EncryptedSessions,
    HttpStatusError,
    Nameserver,
    ResolverKind,
)

__all__ = [
    "RESOLVER_FAILURES",
    "Answer",
    "BootstrapError",
    "CachingSource",
    "Deadline",
    "DnsSource",
    "EncryptedSessions",
    "HttpStatusError",
    "LiveSource",
    "Nameserver",
    "Outcome",
    "QueryRecord",
    "RecordValue",
    "RecordingSource",
    "ReplaySource",
    "ResolverFailure",
    "ResolverInfo",
    "ResolverKind",
    "answer_to_json",
    "close_connections",
    "deadline_of",
    "normalize_qname",
    "record_from_rdata",
    "record_to_display",
    "record_to_json",
]


def _since(start: float) -> float:
    """Seconds since `start`, in whole microseconds: what a recording keeps, so a replayed
    answer carries exactly the same figure as the live one."""
    return round((time.monotonic() - start) * 1_000_000) / 1_000_000


class LiveSource:
    """Real DNS through dnspython's async resolver.

    `timeout` bounds one question (dnspython retries UDP within it and falls back to TCP on a
    truncated answer); `budget` bounds the whole life of this source: once spent, questions
    end at once as TIMEOUT, so an analysis against a server that never answers still ends.
    """

    def __init__(
        self,
        nameservers: Sequence[Nameserver] = (),
        *,
        timeout: float = 5.0,
        budget: float = 30.0,
        recursive: bool = True,
        ca_file: str | None = None,
    ) -> None:
        self.timeout = timeout
        self.budget = budget
        self._deadline: float | None = None
        #: The first TLS certificate failure met (DoH/DoT), as text naming the server: the
        #: question ended as ERROR; nothing is ever retried over plain DNS.
        self.tls_failure: str | None = None
        verify: bool | str = ca_file if ca_file else True
        self._labels: dict[str, str] = {}
        #: The run's connections to its DoH/DoT servers (one per server).
        self.sessions = EncryptedSessions(verify)
        if nameservers:
            resolver = dns.asyncresolver.Resolver(configure=False)
            made = [ns.to_dnspython(verify, self.sessions) for ns in nameservers]
            resolver.nameservers = made
            self.servers = [str(ns) for ns in nameservers]
            # dnspython names servers its own way ("DoT:IP@port"): errors name ours.
            self._labels = {str(d): str(ns) for d, ns in zip(made, nameservers, strict=True)}
            kinds = {ns.kind for ns in nameservers}
            kind = kinds.pop() if len(kinds) == 1 else ResolverKind.MIXED
        else:
            try:
                resolver = dns.asyncresolver.Resolver()
            except dns.resolver.NoResolverConfiguration:
                resolver = dns.asyncresolver.Resolver(configure=False)
                resolver.nameservers = ["127.0.0.1"]
            self.servers = [str(ns) for ns in resolver.nameservers]
            kind = ResolverKind.SYSTEM
        self.resolver_info = ResolverInfo(kind, ", ".join(self.servers))
        #: Replies read from the servers (any rcode): one is enough to show they are alive.
        self.replies = 0
        self._first_failure: ResolverFailure | None = None
        self._failure: ResolverFailure | None = None
        self._probe: asyncio.Task[bool] | None = None
        # Each UDP attempt waits a fraction of the question's time, so one lost datagram is
        # retried before the question gives up.
        resolver.timeout = max(timeout / 2.5, 0.05)
        resolver.lifetime = timeout
        resolver.retry_servfail = False
        resolver.use_edns(0, 0, 1232)
        resolver.cache = None
        if not recursive:
            resolver.flags = 0  # RD clear: a server answers from its own zones only
        self._resolver = resolver

    def _remaining(self) -> float:
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self.budget
        return self._deadline - now

    @property
    def resolver_failure(self) -> ResolverFailure | None:
        """The resolver itself is unusable: nothing it was asked got a reply, and (when there
        was time to ask) neither did a probe of the root's NS. None when any reply came."""
        if self._failure is not None:
            return self._failure
        return self._first_failure if self.replies == 0 else None

    def _failed(self, cause: str, params: dict[str, str]) -> ResolverFailure:
        return ResolverFailure(", ".join(self.servers), cause, tuple(sorted(params.items())))

    async def close_connections(self) -> None:
        """Close the DoH/DoT connections (a later question opens new ones)."""
        await self.sessions.aclose()

    def deadline(self) -> Deadline:
        """When this source's budget ends (its clock starts at the first question or here)."""
        self._remaining()
        assert self._deadline is not None
        return Deadline(self._deadline, self.budget)

    async def query(self, name: str, rdtype: str) -> Answer:
        if self._failure is not None:
            # The resolver answers nothing: no use waiting for it again.
            outcome = Outcome.TIMEOUT if self._failure.cause == "timeout" else Outcome.ERROR
            return Answer(
                normalize_qname(name),
                rdtype.upper(),
                outcome,
                detail=self._failure.sentence(),
                failure=self._failure.cause,
            )
        answer, failure, replied = await self._ask(name, rdtype)
        if replied:
            self.replies += 1
        elif failure is not None:
            self._first_failure = self._first_failure or failure
            if self.replies == 0 and await self._resolver_is_dead():
                self._failure = self._failure or failure
        return answer

    async def query_signed(self, name: str, rdtype: str) -> dns.message.Message | None:
        """One question with the DO and AD bits set, for DNSSEC validation
        (core.transport.dnssec): the whole reply, with its RRSIGs, or None when no reply
        came within the question's time and the budget."""
        remaining = self._remaining()
        if remaining <= 0:
            return None
        lifetime = min(self.timeout, remaining)
        try:
            query = dns.message.make_query(
                dns.name.from_text(normalize_qname(name) or "."),
                rdtype.upper(),
                want_dnssec=True,
                payload=1232,
            )
            query.flags |= dns.flags.AD
            if self._resolver.flags == 0:
                query.flags &= ~dns.flags.RD
            async with asyncio.timeout(lifetime + 0.05):
                for server in self._resolver.nameservers:
                    if isinstance(server, str):
                        server = dns.nameserver.Do53Nameserver(server)
                    try:
                        if isinstance(server, dns.nameserver.Do53Nameserver):
                            reply, _ = await dns.asyncquery.udp_with_fallback(
                                query,
                                server.address,
                                timeout=lifetime,
                                port=server.port,
                                backend=_CONNECTED_UDP,
                            )
                        else:
                            reply = await server.async_query(
                                query,
                                timeout=lifetime,
                                source=None,
                                source_port=0,
                                max_size=False,
                                backend=dns.asyncbackend.get_default_backend(),
                            )
                    except (dns.exception.DNSException, OSError):
                        continue
                    self.replies += 1
                    return reply
        except (TimeoutError, dns.exception.DNSException, ValueError):
            return None
        return None

    async def _resolver_is_dead(self) -> bool:
        """Ask the root's NS once (every resolver knows it): no reply means the resolver, not
        the zone asked, is what fails. One probe per source, shared by every question."""
        loop = asyncio.get_running_loop()
        if self._probe is None or self._probe.get_loop() is not loop or self._probe.cancelled():
            self._probe = loop.create_task(self._probe_root())
        return await asyncio.shield(self._probe)

    async def _probe_root(self) -> bool:
        _, _, replied = await self._ask(".", "NS")
        if replied:
            self.replies += 1
        return self.replies == 0

    async def _ask(self, name: str, rdtype: str) -> tuple[Answer, ResolverFailure | None, bool]:
        """One question; the transport failure that ended it (None if a server replied or
        the budget was spent); whether a server replied (with any rcode)."""
        qname = normalize_qname(name)
        rdtype = rdtype.upper()
        remaining = self._remaining()
        if remaining <= 0:
            answer = Answer(qname, rdtype, Outcome.TIMEOUT, detail="the analysis ran out of time")
            return answer, None, False
        lifetime = min(self.timeout, remaining)
        start = time.monotonic()
        try:
            absolute = dns.name.from_text(qname if qname else ".")
        except dns.exception.DNSException as exc:
            return Answer(qname, rdtype, Outcome.ERROR, detail=f"bad name: {exc}"), None, False
        try:
            # dnspython may sleep between retries past `lifetime`: hold it to the limit.
            async with asyncio.timeout(lifetime + 0.05):
                result = await self._resolver.resolve(
                    absolute,
                    rdtype,
                    search=False,
                    raise_on_no_answer=False,
                    lifetime=lifetime,
                )
        except (dns.exception.DNSException, OSError, ValueError) as exc:
            return self._no_answer(exc, qname, rdtype, lifetime, start)
        return _answer_of(result, qname, rdtype, _since(start)), None, True

    def _no_answer(
        self, exc: BaseException, qname: str, rdtype: str, lifetime: float, start: float
    ) -> tuple[Answer, ResolverFailure | None, bool]:
        """What `_ask` gives when dnspython raised `exc` (see there)."""
        if isinstance(exc, dns.resolver.NXDOMAIN):
            try:
                replies = list(exc.responses().values())  # type: ignore[no-untyped-call]
            except (KeyError, AttributeError):
                replies = []
            reply = replies[-1] if replies else None
            answer = Answer(
                qname,
                rdtype,
                Outcome.NXDOMAIN,
                elapsed=_since(start),
                ttl=_negative_ttl(reply),
                authoritative=_aa(reply),
                soa_owner=_soa_owner(reply),
            )
            return answer, None, True
        if isinstance(exc, dns.resolver.LifetimeTimeout | TimeoutError):
            answer = Answer(
                qname,
                rdtype,
                Outcome.TIMEOUT,
                detail=f"no answer from {', '.join(self.servers)} within {lifetime:.1f} s",
                elapsed=_since(start),
                failure="timeout",
            )
            return answer, self._failed("timeout", {"seconds": f"{lifetime:.1f}"}), False
        if isinstance(exc, dns.resolver.NoNameservers):
            outcome, detail = _classify_no_nameservers(exc)
            tls = _tls_failure(exc, self._labels)
            if tls is not None:
                self.tls_failure = self.tls_failure or tls
                outcome, detail = Outcome.ERROR, tls
            answer = Answer(qname, rdtype, outcome, detail=detail, elapsed=_since(start))
            cause = _transport_failure(exc)
            if cause is None:
                return answer, None, True
            answer = replace(answer, failure=cause[0])
            return answer, self._failed(*cause), False
        if isinstance(exc, dns.resolver.YXDOMAIN):
            answer = Answer(qname, rdtype, Outcome.ERROR, detail="YXDOMAIN", elapsed=_since(start))
            return answer, None, True
        if isinstance(exc, dns.exception.DNSException):
            answer = Answer(qname, rdtype, Outcome.ERROR, detail=str(exc), elapsed=_since(start))
            return answer, None, False
        # OSError, ValueError
        cause = _failure_cause(exc)
        answer = Answer(
            qname,
            rdtype,
            Outcome.ERROR,
            detail=str(exc),
            elapsed=_since(start),
            failure=cause[0],
        )
        return answer, self._failed(*cause), False


def _answer_of(result: dns.resolver.Answer, qname: str, rdtype: str, elapsed: float) -> Answer:
    """The `Answer` of a reply dnspython accepted: its records, or NODATA."""
    rrset = result.rrset
    reply = result.response
    if rrset is None or len(rrset) == 0:
        answer = Answer(
            qname,
            rdtype,
            Outcome.NODATA,
            elapsed=elapsed,
            ttl=_negative_ttl(reply),
            authoritative=_aa(reply),
            soa_owner=_soa_owner(reply),
            referral=_referral(reply),
        )
        return answer
    canonical = _name_text(result.canonical_name).lower()
    records = tuple(record_from_rdata(rdtype, rd) for rd in rrset)
    answer = Answer(
        qname,
        rdtype,
        Outcome.OK,
        records=records,
        canonical=canonical if canonical != qname else None,
        elapsed=elapsed,
        ttl=int(rrset.ttl),
        authoritative=_aa(reply),
    )
    return answer
