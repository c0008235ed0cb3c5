"""check_host() of RFC 7208, async, with a trace tree and concurrent prefetching.

The walk follows RFC order and limits exactly; concurrency comes only from asking, ahead of
the walk, the questions it will need (`_Prefetcher`), through a `CachingSource` so that the
walk then finds them answered or in flight. A prefetched answer the walk never reaches costs
nothing in the limits and does not appear in the trace.
"""

from __future__ import annotations

import asyncio
import ipaddress

from mailpath.core.dns.sources import Answer, CachingSource, DnsSource, Outcome
from mailpath.core.facts import LookupStatus
from mailpath.core.sentences import Sentence

from .parser import (
    DNS_MECHANISMS,
    MacroContext,
    Mechanism,
    Modifier,
    SpfSyntaxError,
    expand_domain_spec,
    expand_macros,
    parse_record,
    queryable_name,
    split_terms,
    uses_ptr_macro,
    valid_check_domain,
)
from .prefetch import _Prefetcher
from .terms import (
    AUDIT_HARD_LIMIT,
    MAX_MX_NAMES,
    MAX_PREFETCH,
    MAX_PTR_NAMES,
    IPAddress,
    _addr_type,
    _address,
    _display,
    _raw_state,
    _reverse_name,
    _select,
    _state_for,
    _TermFailure,
    _TermState,
)
from .trace import (
    MAX_LOOKUPS,
    MAX_VOID_LOOKUPS,
    QUALIFIER_RESULTS,
    SpfResult,
    SpfTrace,
)

__all__ = ["SpfEvaluator", "as_caching"]


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
        fetched = await self._record(domain)
        if isinstance(fetched, SpfTrace):
            return fetched, None
        raw, record_queries = fetched
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
        explanation: str | None = None
        decided_by_redirect = False
        result, error = await self._mechanisms(states, domain, path)
        if result is None and parsed.redirect is not None:
            rstate = next(s for s in states if s.term is parsed.redirect)
            result, error, explanation = await self._follow_redirect(
                parsed.redirect, domain, rstate, path, want_exp
            )
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

    async def _record(self, domain: str) -> SpfTrace | tuple[bytes, list[LookupStatus]]:
        """The one SPF record of `domain` and the question that found it, or the trace of a
        check that ends there (no valid domain, a DNS failure, no record, several)."""
        if not valid_check_domain(domain) or not domain.isascii():
            return self._trace(
                domain, None, [], [], SpfResult.NONE, f"'{domain}' is not a valid domain name"
            )
        if self.prefetcher is not None:
            self.prefetcher.mark_seen(domain, "TXT")
        answer = await self.cache.query(domain, "TXT")
        record_queries = [LookupStatus.used(answer)]
        if answer.outcome.is_error:
            failure = self._dns_failure(answer)
            return self._trace(domain, None, record_queries, [], failure.result, failure.message)
        found, _ = _select(answer)
        if not found:
            why = Sentence(
                "spf/no-domain" if answer.outcome is Outcome.NXDOMAIN else "spf/no-record"
            )
            return self._trace(domain, None, record_queries, [], SpfResult.NONE, why)
        if len(found) > 1:
            return self._trace(
                domain,
                None,
                record_queries,
                [],
                SpfResult.PERMERROR,
                Sentence("spf/several-records", count=len(found)),
            )
        return found[0], record_queries

    async def _mechanisms(
        self, states: list[_TermState], domain: str, path: tuple[str, ...]
    ) -> tuple[SpfResult | None, str | None]:
        """The mechanisms in order until one matches or fails: (result, error); (None, None)
        when none decided."""
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
                return failure.result, error
            state.matched = matched
            if matched:
                state.decisive = True
                return QUALIFIER_RESULTS[term.qualifier], None
        return None, None

    async def _follow_redirect(
        self,
        mod: Modifier,
        domain: str,
        rstate: _TermState,
        path: tuple[str, ...],
        want_exp: bool,
    ) -> tuple[SpfResult, str | None, str | None]:
        """redirect=, its failure turned into the check's result (see `_redirect`)."""
        explanation: str | None = None
        try:
            result, error, explanation = await self._redirect(mod, domain, rstate, path, want_exp)
        except _TermFailure as failure:
            rstate.error = failure.message
            error = Sentence("spf/term-error", term=rstate.text, reason=failure.message)
            result = failure.result
            if self.audit:
                where = " > ".join(path)
                self._note_error(
                    Sentence("spf/path-error", path=where, term=rstate.text, reason=failure.message)
                )
        rstate.decisive = True
        return result, error, explanation

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


def as_caching(source: DnsSource) -> CachingSource:
    """`source` behind a cache (one question asked once per evaluation)."""
    return source if isinstance(source, CachingSource) else CachingSource(source)
