"""check_host() of RFC 7208, async, with a trace tree and concurrent prefetching.

The walk follows RFC order and limits exactly; concurrency comes only from asking, ahead of
the walk, the questions it will need (`_Prefetcher`), through a `CachingSource` so that the
walk then finds them answered or in flight. A prefetched answer the walk never reaches costs
nothing in the limits and does not appear in the trace.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from mailpath.core.dns.sources import Answer, CachingSource, DnsSource, Outcome
from mailpath.core.facts import LookupStatus
from mailpath.core.names import InputError, parse_domain
from mailpath.core.sentences import Sentence

from .parser import (
    DNS_MECHANISMS,
    MacroContext,
    Mechanism,
    Modifier,
    ParsedRecord,
    SpfSyntaxError,
    expand_domain_spec,
    expand_macros,
    is_spf_record,
    parse_record,
    parse_term,
    queryable_name,
    split_terms,
    uses_ptr_macro,
    valid_check_domain,
)
from .trace import (
    MAX_LOOKUPS,
    MAX_VOID_LOOKUPS,
    QUALIFIER_RESULTS,
    SpfOutcome,
    SpfResult,
    SpfTrace,
    TermTrace,
)

__all__ = ["MAX_PREFETCH", "MAX_PTR_NAMES", "check_host", "check_spf", "identity_to_sender"]

#: Questions one check may start ahead of the walk (hostile trees must not amplify).
MAX_PREFETCH = 40
MAX_MX_NAMES = 10
#: RFC 7208 4.6.4 caps names examined under mx/ptr at 10; analysis uses the same cap for PTR.
MAX_PTR_NAMES = 10
#: An audit ignores the 10-lookup limit to count the whole tree, but stops somewhere.
AUDIT_HARD_LIMIT = 100

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class _TermFailure(Exception):
    """A term ended evaluation with permerror or temperror."""

    def __init__(self, result: SpfResult, message: str) -> None:
        super().__init__(message)
        self.result = result
        self.message = message


@dataclass
class _TermState:
    term: Mechanism | Modifier | None
    text: str
    kind: str
    name: str
    qualifier: str
    target: str | None = None
    queries: list[LookupStatus] = field(default_factory=list)
    lookups: int = 0
    void_lookups: int = 0
    matched: bool | None = None
    decisive: bool = False
    child: SpfTrace | None = None
    error: str | None = None

    def freeze(self) -> TermTrace:
        return TermTrace(
            text=self.text,
            kind=self.kind,
            name=self.name,
            qualifier=self.qualifier,
            target=self.target,
            queries=tuple(self.queries),
            lookups=self.lookups,
            void_lookups=self.void_lookups,
            matched=self.matched,
            decisive=self.decisive,
            child=self.child,
            error=self.error,
        )


def _state_for(term: Mechanism | Modifier) -> _TermState:
    if isinstance(term, Mechanism):
        qualifier = term.text[0] if term.text[:1] in "+-~?" else "+"
        return _TermState(term, term.text, "mechanism", term.name, qualifier)
    return _TermState(term, term.text, "modifier", term.name, "")


def _raw_state(raw: str) -> _TermState:
    """A term of a record that did not parse, shown as written."""
    try:
        return _state_for(parse_term(raw))
    except SpfSyntaxError as exc:
        body = raw[1:] if raw[:1] in "+-~?" else raw
        if "=" in raw and (":" not in raw or raw.index("=") < raw.index(":")):
            name = raw.split("=", 1)[0].lower()
            return _TermState(None, raw, "modifier", name, "", error=str(exc))
        name = body.split(":", 1)[0].split("/", 1)[0].lower()
        qualifier = raw[0] if raw[:1] in "+-~?" else "+"
        return _TermState(None, raw, "mechanism", name, qualifier, error=str(exc))


def _reverse_name(ip: IPAddress) -> str:
    return ip.reverse_pointer


def _addr_type(ip: IPAddress) -> str:
    return "AAAA" if ip.version == 6 else "A"


def _select(answer: Answer) -> tuple[list[bytes], int]:
    """The v=spf1 records of a TXT answer (strings joined), and how many TXT records."""
    found: list[bytes] = []
    for record in answer.records:
        text = b"".join(record) if isinstance(record, tuple) else bytes(record)
        if is_spf_record(text):
            found.append(text)
    return found, len(answer.records)


def _display(record: bytes) -> str:
    return record.decode("utf-8", "replace")


class _Prefetcher:
    """Starts, ahead of the walk, the questions the walk will need; bounded, no re-visits."""

    def __init__(self, evaluator: SpfEvaluator, limit: int) -> None:
        self.ev = evaluator
        self.cache = evaluator.cache
        self.budget = limit
        self.seen: set[tuple[str, str]] = set()
        self.tasks: set[asyncio.Task[None]] = set()
        self.started = 0

    def _want(self, name: str, rdtype: str) -> bool:
        key = (name.lower().rstrip("."), rdtype)
        if key in self.seen or self.budget <= 0 or not queryable_name(key[0]):
            return False
        self.seen.add(key)
        self.budget -= 1
        self.started += 1
        self.cache.prefetch(key[0], rdtype)
        return True

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:  # Any: a coroutine's send/yield
        # Created after cache.prefetch(): tasks start in order, so the CachingSource's own
        # background task owns the query and this follower only waits for it.
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def mark_seen(self, name: str, rdtype: str) -> None:
        self.seen.add((name.lower().rstrip("."), rdtype))

    def plan(self, record: ParsedRecord, domain: str) -> None:
        ev = self.ev
        addr = _addr_type(ev.ip)
        for term in record.terms:
            if self.budget <= 0:
                return
            if isinstance(term, Modifier):
                if term.name == "redirect":
                    target = self._target(term.value, domain)
                    if target and self._want(target, "TXT"):
                        self._spawn(self._follow_txt(target))
                continue
            if term.name in ("all", "ip4", "ip6"):
                continue
            spec = term.domain_spec
            target = self._target(spec, domain) if spec is not None else domain
            if not target:
                continue
            if term.name == "include":
                if self._want(target, "TXT"):
                    self._spawn(self._follow_txt(target))
            elif term.name == "a":
                self._want(target, addr)
            elif term.name == "exists":
                self._want(target, "A")
            elif term.name == "mx":
                if self._want(target, "MX"):
                    self._spawn(self._follow_mx(target))
            elif term.name == "ptr":
                reverse = _reverse_name(ev.ip)
                if self._want(reverse, "PTR"):
                    self._spawn(self._follow_ptr(reverse))

    def _target(self, spec: str, domain: str) -> str | None:
        if uses_ptr_macro(spec):
            return None  # %{p} needs PTR lookups of its own: not worth guessing
        try:
            return expand_domain_spec(spec, self.ev.context(domain))
        except (SpfSyntaxError, ValueError):
            return None

    async def _follow_txt(self, name: str) -> None:
        with contextlib.suppress(Exception):
            answer = await self.cache.query(name, "TXT")
            found, _ = _select(answer)
            if len(found) == 1:
                parsed = parse_record(found[0])
                self.plan(parsed, name)

    async def _follow_mx(self, name: str) -> None:
        with contextlib.suppress(Exception):
            answer = await self.cache.query(name, "MX")
            if answer.outcome is Outcome.OK and len(answer.records) <= MAX_MX_NAMES:
                addr = _addr_type(self.ev.ip)
                for _, exchange in sorted(answer.records):
                    if exchange and exchange != ".":
                        self._want(exchange, addr)

    async def _follow_ptr(self, reverse: str) -> None:
        with contextlib.suppress(Exception):
            answer = await self.cache.query(reverse, "PTR")
            if answer.outcome is Outcome.OK:
                addr = _addr_type(self.ev.ip)
                for name in answer.records[:MAX_PTR_NAMES]:
                    self._want(name, addr)

    def cancel(self) -> None:
        for task in list(self.tasks):
            task.cancel()


class SpfEvaluator:
    """One evaluation of a record tree for one client address: `run()` it once; afterwards
    `lookups`, `voids`, `over_limit` and `first_error` hold its counts (the audit reads them).
    With `audit=True` it walks the whole tree past the limits and errors."""

    def __init__(
        self,
        cache: CachingSource,
        ip: IPAddress,
        sender: str,
        helo: str,
        *,
        default_explanation: str | None,
        prefetch: bool,
        audit: bool = False,
        receiver: str = "unknown",
    ) -> None:
        self.cache = cache
        self.ip = ip
        self.sender = sender
        self.helo = helo
        self.default_explanation = default_explanation
        self.audit = audit
        self.receiver = receiver
        self.lookups = 0
        self.voids = 0
        self.over_limit: tuple[str, ...] = ()
        self.first_error: str | None = None
        self._validated: dict[str, str] = {}
        self.prefetcher = _Prefetcher(self, MAX_PREFETCH) if prefetch else None

    # ------------------------------------------------------------ helpers

    def context(self, domain: str, validated: str | None = None) -> MacroContext:
        return MacroContext(
            sender=self.sender,
            domain=domain,
            ip=str(self.ip),
            helo=self.helo,
            receiver=self.receiver,
            validated_name=(lambda: validated) if validated is not None else None,
        )

    async def _expand(self, spec: str | None, domain: str, state: _TermState) -> str:
        if spec is None:
            return domain
        validated = None
        if uses_ptr_macro(spec):
            validated = await self._validated_name(domain, state)
        return expand_domain_spec(spec, self.context(domain, validated))

    async def _query(self, name: str, rdtype: str, state: _TermState | None) -> Answer:
        answer = await self.cache.query(name, rdtype)
        if state is not None:
            state.queries.append(LookupStatus.used(answer))
        return answer

    def _count_lookup(self, state: _TermState, path: tuple[str, ...]) -> None:
        self.lookups += 1
        state.lookups += 1
        if self.lookups > MAX_LOOKUPS:
            if self.audit:
                if not self.over_limit:
                    self.over_limit = (*path, state.text)
                if self.lookups > AUDIT_HARD_LIMIT:
                    raise _TermFailure(
                        SpfResult.PERMERROR, Sentence("spf/audit-stopped", limit=AUDIT_HARD_LIMIT)
                    )
                return
            raise _TermFailure(SpfResult.PERMERROR, Sentence("spf/lookup-limit", limit=MAX_LOOKUPS))

    def _count_void(self, state: _TermState) -> None:
        self.voids += 1
        state.void_lookups += 1
        if self.voids > MAX_VOID_LOOKUPS:
            message = Sentence("spf/void-limit", limit=MAX_VOID_LOOKUPS)
            if self.audit:
                self._note_error(Sentence("spf/term-error", term=state.text, reason=message))
                return
            raise _TermFailure(SpfResult.PERMERROR, message)

    def _note_error(self, message: str) -> None:
        if self.first_error is None:
            self.first_error = message

    @staticmethod
    def _dns_failure(answer: Answer) -> _TermFailure:
        outcome = Sentence(f"outcome/{answer.outcome.value}")
        if answer.detail:
            return _TermFailure(
                SpfResult.TEMPERROR,
                Sentence(
                    "spf/dns-failure-detail",
                    outcome=outcome,
                    name=answer.name,
                    rdtype=answer.rdtype,
                    detail=answer.detail,
                ),
            )
        return _TermFailure(
            SpfResult.TEMPERROR,
            Sentence("spf/dns-failure", outcome=outcome, name=answer.name, rdtype=answer.rdtype),
        )

    def _in_network(self, address: str, cidr4: int, cidr6: int) -> bool:
        if self.audit:
            return False
        addr = _address(address)
        if addr is None or addr.version != self.ip.version:
            return False
        length = cidr4 if addr.version == 4 else cidr6
        net = ipaddress.ip_network(f"{addr}/{length}", strict=False)
        return self.ip in net

    async def _addresses(self, name: str, state: _TermState) -> Answer:
        return await self._query(name, _addr_type(self.ip), state)

    async def _validated_name(self, domain: str, state: _TermState | None) -> str:
        """%{p}: a validated domain name of the IP (RFC 7208 7.3), or "unknown"."""
        key = domain.lower()
        if key in self._validated:
            return self._validated[key]
        validated = await self._validated_names(state)
        best = "unknown"
        if validated:
            dom = key.rstrip(".")
            exact = [n for n in validated if n.lower() == dom]
            sub = [n for n in validated if n.lower().endswith("." + dom)]
            best = (exact or sub or validated)[0]
        self._validated[key] = best
        return best

    async def _validated_names(self, state: _TermState | None) -> list[str]:
        answer = await self._query(_reverse_name(self.ip), "PTR", state)
        if answer.outcome is not Outcome.OK:
            return []
        names = [str(n) for n in answer.records[:MAX_PTR_NAMES]]
        rdtype = _addr_type(self.ip)
        answers = await asyncio.gather(*(self.cache.query(n, rdtype) for n in names))
        validated: list[str] = []
        for name, addr_answer in zip(names, answers, strict=True):
            if state is not None:
                state.queries.append(LookupStatus.used(addr_answer))
            if addr_answer.outcome is not Outcome.OK:
                continue  # RFC 7208 5.5: a DNS error skips that name
            if any(self._same_ip(addr) for addr in addr_answer.records):
                validated.append(name.rstrip("."))
        return validated

    # ------------------------------------------------------------ check_host

    async def run(self, domain: str, *, want_exp: bool) -> tuple[SpfTrace, str | None]:
        """The top-level check of `domain`; the prefetcher is stopped whatever happens."""
        try:
            return await self.check(domain, want_exp=want_exp, path=())
        finally:
            if self.prefetcher is not None:
                self.prefetcher.cancel()

    async def check(
        self, domain: str, *, want_exp: bool, path: tuple[str, ...]
    ) -> tuple[SpfTrace, str | None]:
        """One check_host() on `domain`: its trace, and the exp= explanation if it failed."""
        domain = domain.rstrip(".") if domain.endswith(".") and len(domain) > 1 else domain
        path = (*path, domain)
        if not valid_check_domain(domain) or not domain.isascii():
            return self._trace(
                domain, None, [], [], SpfResult.NONE, f"'{domain}' is not a valid domain name"
            ), None
        if self.prefetcher is not None:
            self.prefetcher.mark_seen(domain, "TXT")
        answer = await self.cache.query(domain, "TXT")
        record_queries = [LookupStatus.used(answer)]
        if answer.outcome.is_error:
            failure = self._dns_failure(answer)
            return self._trace(
                domain, None, record_queries, [], failure.result, failure.message
            ), None
        found, _ = _select(answer)
        if not found:
            why = Sentence(
                "spf/no-domain" if answer.outcome is Outcome.NXDOMAIN else "spf/no-record"
            )
            return self._trace(domain, None, record_queries, [], SpfResult.NONE, why), None
        if len(found) > 1:
            return self._trace(
                domain,
                None,
                record_queries,
                [],
                SpfResult.PERMERROR,
                Sentence("spf/several-records", count=len(found)),
            ), None
        raw = found[0]
        text = _display(raw)
        try:
            parsed = parse_record(raw)
        except SpfSyntaxError as exc:
            states = [_raw_state(t) for t in split_terms(raw.decode("latin-1"))]
            for st in states:
                if exc.term is not None and st.text == exc.term:
                    st.error = str(exc)
                    st.decisive = True
                    break
            return self._trace(
                domain, text, record_queries, states, SpfResult.PERMERROR, str(exc)
            ), None
        if self.prefetcher is not None:
            self.prefetcher.plan(parsed, domain)
        states = [_state_for(t) for t in parsed.terms]
        result: SpfResult | None = None
        error: str | None = None
        explanation: str | None = None
        decided_by_redirect = False
        for state in states:
            term = state.term
            if not isinstance(term, Mechanism):
                continue
            try:
                matched = await self._mechanism(term, domain, state, path)
            except _TermFailure as failure:
                state.error = failure.message
                if self.audit:
                    where = " > ".join(path)
                    self._note_error(
                        Sentence(
                            "spf/path-error", path=where, term=term.text, reason=failure.message
                        )
                    )
                    state.matched = False
                    continue
                state.decisive = True
                error = Sentence("spf/term-error", term=term.text, reason=failure.message)
                result = failure.result
                break
            state.matched = matched
            if matched:
                state.decisive = True
                result = QUALIFIER_RESULTS[term.qualifier]
                break
        if result is None and parsed.redirect is not None:
            rstate = next(s for s in states if s.term is parsed.redirect)
            try:
                result, error, explanation = await self._redirect(
                    parsed.redirect, domain, rstate, path, want_exp
                )
            except _TermFailure as failure:
                rstate.error = failure.message
                error = Sentence("spf/term-error", term=rstate.text, reason=failure.message)
                result = failure.result
                if self.audit:
                    where = " > ".join(path)
                    self._note_error(
                        Sentence(
                            "spf/path-error", path=where, term=rstate.text, reason=failure.message
                        )
                    )
            rstate.decisive = True
            decided_by_redirect = True
        if result is None:
            result = SpfResult.NEUTRAL
        if (
            result is SpfResult.FAIL
            and want_exp
            and not decided_by_redirect
            and parsed.exp is not None
            and not self.audit
        ):
            estate = next(s for s in states if s.term is parsed.exp)
            explanation = await self._explanation(parsed.exp, domain, estate)
        return self._trace(domain, text, record_queries, states, result, error), explanation

    def _trace(
        self,
        domain: str,
        record: str | None,
        record_queries: list[LookupStatus],
        states: list[_TermState],
        result: SpfResult,
        error: str | None,
    ) -> SpfTrace:
        return SpfTrace(
            domain=domain,
            record=record,
            record_queries=tuple(record_queries),
            terms=tuple(s.freeze() for s in states),
            result=result,
            error=error,
            lookups=self.lookups,
            void_lookups=self.voids,
        )

    async def _mechanism(
        self, mech: Mechanism, domain: str, state: _TermState, path: tuple[str, ...]
    ) -> bool:
        name = mech.name
        if name == "all":
            return True
        if name in ("ip4", "ip6"):
            assert mech.network is not None
            state.target = str(mech.network)
            if self.audit or mech.network.version != self.ip.version:
                return False
            return self.ip in mech.network
        if name in DNS_MECHANISMS:
            self._count_lookup(state, path)
        target = await self._expand(mech.domain_spec, domain, state)
        state.target = target
        if name == "include":
            return await self._include(target, state, path)
        if not queryable_name(target):
            state.error = Sentence("spf/target-invalid", target=target)
            return False
        if name == "a":
            answer = await self._addresses(target, state)
            if answer.outcome.is_error:
                raise self._dns_failure(answer)
            if answer.outcome.is_void:
                self._count_void(state)
                return False
            return any(self._in_network(a, mech.cidr4, mech.cidr6) for a in answer.records)
        if name == "mx":
            return await self._mx(mech, target, state)
        if name == "ptr":
            answer = await self._query(_reverse_name(self.ip), "PTR", state)
            if answer.outcome.is_void:
                self._count_void(state)
                return False
            if answer.outcome is not Outcome.OK or self.audit:
                return False  # RFC 7208 5.5: a DNS error on the PTR lookup is no match
            names = [str(n) for n in answer.records[:MAX_PTR_NAMES]]
            rdtype = _addr_type(self.ip)
            answers = await asyncio.gather(*(self.cache.query(n, rdtype) for n in names))
            want = target.lower().rstrip(".")
            for pname, addr_answer in zip(names, answers, strict=True):
                state.queries.append(LookupStatus.used(addr_answer))
                if addr_answer.outcome is not Outcome.OK:
                    continue
                if not any(self._same_ip(a) for a in addr_answer.records):
                    continue
                low = pname.lower().rstrip(".")
                if low == want or low.endswith("." + want):
                    return True
            return False
        if name == "exists":
            if self.audit and mech.domain_spec is not None and "%" in mech.domain_spec:
                return False
            answer = await self._query(target, "A", state)
            if answer.outcome.is_error:
                raise self._dns_failure(answer)
            if answer.outcome.is_void:
                self._count_void(state)
                return False
            return not self.audit
        raise _TermFailure(SpfResult.PERMERROR, f"unknown mechanism {name}")  # pragma: no cover

    def _same_ip(self, address: str) -> bool:
        return _address(address) == self.ip

    async def _mx(self, mech: Mechanism, target: str, state: _TermState) -> bool:
        answer = await self._query(target, "MX", state)
        if answer.outcome.is_error:
            raise self._dns_failure(answer)
        if answer.outcome.is_void:
            self._count_void(state)
            return False
        exchanges = [ex for _, ex in sorted(answer.records) if ex and ex != "."]
        if len(answer.records) > MAX_MX_NAMES:
            raise _TermFailure(
                SpfResult.PERMERROR,
                Sentence(
                    "spf/too-many-mx", count=len(answer.records), target=target, limit=MAX_MX_NAMES
                ),
            )
        rdtype = _addr_type(self.ip)
        exchanges = [ex for ex in exchanges if queryable_name(ex)]
        for ex in exchanges:
            # Background tasks own these questions; the walk below only waits for them.
            self.cache.prefetch(ex, rdtype)
        for ex in exchanges:
            addr_answer = await self.cache.query(ex, rdtype)
            state.queries.append(LookupStatus.used(addr_answer))
            if addr_answer.outcome.is_error:
                raise self._dns_failure(addr_answer)
            if any(self._in_network(a, mech.cidr4, mech.cidr6) for a in addr_answer.records):
                return True
        return False

    async def _include(self, target: str, state: _TermState, path: tuple[str, ...]) -> bool:
        if self.audit and target.lower() in (p.lower() for p in path):
            raise _TermFailure(SpfResult.PERMERROR, Sentence("spf/include-loop", target=target))
        child, _ = await self.check(target, want_exp=False, path=(*path, state.text))
        state.child = child
        if child.result is SpfResult.PASS:
            return True
        if child.result in (SpfResult.FAIL, SpfResult.SOFTFAIL, SpfResult.NEUTRAL):
            return False
        if child.result is SpfResult.TEMPERROR:
            raise _TermFailure(
                SpfResult.TEMPERROR,
                Sentence("spf/include-error", target=target, reason=child.error),
            )
        if child.result is SpfResult.NONE:
            raise _TermFailure(SpfResult.PERMERROR, Sentence("spf/include-none", target=target))
        raise _TermFailure(
            SpfResult.PERMERROR, Sentence("spf/include-error", target=target, reason=child.error)
        )

    async def _redirect(
        self,
        mod: Modifier,
        domain: str,
        state: _TermState,
        path: tuple[str, ...],
        want_exp: bool,
    ) -> tuple[SpfResult, str | None, str | None]:
        self._count_lookup(state, path)
        target = await self._expand(mod.value, domain, state)
        state.target = target
        if self.audit and target.lower() in (p.lower() for p in path):
            raise _TermFailure(SpfResult.PERMERROR, Sentence("spf/redirect-loop", target=target))
        child, explanation = await self.check(target, want_exp=want_exp, path=(*path, state.text))
        state.child = child
        state.matched = True
        if child.result is SpfResult.NONE:
            raise _TermFailure(SpfResult.PERMERROR, Sentence("spf/redirect-none", target=target))
        error = (
            Sentence("spf/term-error", term=state.text, reason=child.error) if child.error else None
        )
        if child.result in (SpfResult.PERMERROR, SpfResult.TEMPERROR) and self.audit:
            self._note_error(error or f"{state.text}: {child.result.value}")
        return child.result, error, explanation

    async def _explanation(self, mod: Modifier, domain: str, state: _TermState) -> str | None:
        """RFC 7208 6.2: any trouble means "as if no exp= was given" (None)."""
        try:
            target = await self._expand(mod.value, domain, state)
        except (SpfSyntaxError, ValueError) as exc:
            state.error = f"exp ignored: {exc}"
            return None
        state.target = target
        if not queryable_name(target):
            state.error = Sentence("spf/exp-target-invalid", target=target)
            return None
        answer = await self._query(target, "TXT", state)
        if answer.outcome is not Outcome.OK or len(answer.records) != 1:
            state.error = (
                Sentence("spf/exp-records", count=len(answer.records))
                if answer.outcome is Outcome.OK
                else Sentence("spf/exp-dns", outcome=Sentence(f"outcome/{answer.outcome.value}"))
            )
            return None
        raw = b"".join(answer.records[0])
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            state.error = Sentence("spf/exp-not-ascii")
            return None
        try:
            validated = None
            if uses_ptr_macro(text):
                validated = await self._validated_name(domain, state)
            return expand_macros(text, self.context(domain, validated), explanation=True)
        except SpfSyntaxError as exc:
            state.error = f"exp ignored: {exc}"
            return None


# ---------------------------------------------------------------- public entry points


def _unmapped(addr: IPAddress) -> IPAddress:
    """RFC 7208 5: an IPv4-mapped IPv6 address is the IPv4 address (the one place it is done)."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


def _address(text: str) -> IPAddress | None:
    """An address from DNS, IPv4-mapped ones as IPv4; None when it is not an address."""
    try:
        return _unmapped(ipaddress.ip_address(text))
    except ValueError:
        return None


def _parse_ip(ip: str) -> IPAddress:
    addr = ipaddress.ip_address(ip.strip())
    if isinstance(addr, ipaddress.IPv6Address) and addr.scope_id:
        addr = ipaddress.IPv6Address(str(addr).split("%", 1)[0])
    return _unmapped(addr)


def as_caching(source: DnsSource) -> CachingSource:
    """`source` behind a cache (one question asked once per evaluation)."""
    return source if isinstance(source, CachingSource) else CachingSource(source)


async def check_host(
    source: DnsSource,
    ip: str,
    domain: str,
    sender: str,
    helo: str = "",
    *,
    default_explanation: str | None = None,
    prefetch: bool = True,
    receiver: str = "unknown",
) -> SpfOutcome:
    """RFC 7208 check_host(<ip>, <domain>, <sender>); raises ValueError for a bad IP."""
    addr = _parse_ip(ip)
    cache = as_caching(source)
    evaluator = SpfEvaluator(
        cache,
        addr,
        sender,
        helo,
        default_explanation=default_explanation,
        prefetch=prefetch,
        receiver=receiver,
    )
    trace, explanation = await evaluator.run(domain, want_exp=True)
    if trace.result is SpfResult.FAIL and explanation is None and default_explanation:
        try:
            explanation = expand_macros(
                default_explanation, evaluator.context(trace.domain), explanation=True
            )
        except SpfSyntaxError:
            explanation = default_explanation
    if trace.result is not SpfResult.FAIL:
        explanation = None
    return SpfOutcome(
        result=trace.result,
        explanation=explanation,
        trace=trace,
        lookups=evaluator.lookups,
        void_lookups=evaluator.voids,
        record=trace.record,
        ip=str(addr) if addr.version == 4 else ip.strip(),
        domain=domain,
        sender=sender,
        helo=helo,
    )


def _idna(domain: str) -> str:
    """The A-label form (IDNA 2008, as everywhere in mailpath). A name that has none stays
    as it is, and check_host() answers "none" for it (RFC 7208 4.3): it is never handed to
    the DNS layer, whose text parser would encode it with IDNA 2003."""
    if domain.isascii():
        return domain
    try:
        return parse_domain(domain).ascii
    except InputError:
        return domain


def identity_to_sender(identity: str, helo: str = "") -> tuple[str, str]:
    """(sender, domain) for a MAIL FROM identity, or the HELO identity when it is empty."""
    identity = identity.strip()
    if identity.startswith("<") and identity.endswith(">"):
        identity = identity[1:-1].strip()
    if not identity:
        domain = _idna(helo.strip().rstrip("."))
        return f"postmaster@{domain}", domain
    if "@" in identity:
        local, _, domain = identity.rpartition("@")
        domain = _idna(domain.rstrip("."))
        return f"{local or 'postmaster'}@{domain}", domain
    domain = _idna(identity.rstrip("."))
    return f"postmaster@{domain}", domain


async def check_spf(
    source: DnsSource,
    ip: str,
    identity: str,
    helo: str = "",
    *,
    default_explanation: str | None = None,
    prefetch: bool = True,
    receiver: str = "unknown",
) -> SpfOutcome:
    """check_host() for a MAIL FROM identity ("" = null reverse-path: the HELO identity)."""
    sender, domain = identity_to_sender(identity, helo)
    return await check_host(
        source,
        ip,
        domain,
        sender,
        helo,
        default_explanation=default_explanation,
        prefetch=prefetch,
        receiver=receiver,
    )
