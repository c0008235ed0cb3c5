"""Asking, ahead of the RFC 7208 walk, the questions it will need: bounded (`MAX_PREFETCH`), no
question twice, through the run's `CachingSource` so that the walk then finds them answered or in
flight. A prefetched answer the walk never reaches costs nothing in the limits."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Protocol

from mailpath.core.dns.sources import CachingSource, Outcome

from .parser import (
    MacroContext,
    Modifier,
    ParsedRecord,
    SpfSyntaxError,
    expand_domain_spec,
    parse_record,
    queryable_name,
    uses_ptr_macro,
)
from .terms import MAX_MX_NAMES, MAX_PTR_NAMES, IPAddress, _addr_type, _reverse_name, _select


class _Walk(Protocol):
    """What the prefetcher needs of the evaluation it runs ahead of (`SpfEvaluator`)."""

    cache: CachingSource
    ip: IPAddress

    def context(self, domain: str, validated: str | None = None) -> MacroContext: ...


class _Prefetcher:
    """Starts, ahead of the walk, the questions the walk will need; bounded, no re-visits."""

    def __init__(self, evaluator: _Walk, limit: int) -> None:
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

    def _spawn(self, coro: Awaitable[None]) -> None:
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
