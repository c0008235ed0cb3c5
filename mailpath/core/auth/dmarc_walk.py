"""DMARC's DNS tree walk (RFC 9989 4.10): the names asked, the records found on the way, and the
organizational domain it gives."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from mailpath.core.auth.dmarc_record import (
    _LOOKS_LIKE,
    WALK_JUMP_LABELS,
    WALK_KEEP_LABELS,
    DmarcRecord,
    is_dmarc_record,
    parse_record,
)
from mailpath.core.dns.sources import Answer, DnsSource, normalize_qname

# ---------------------------------------------------------------- the DNS tree walk


def walk_targets(domain: str) -> list[str]:
    """The names a DNS tree walk asks, in order (RFC 9989 4.10): the domain itself, then, from
    8 labels up, a jump to its 7-label ancestor, then one label less each step; never the
    root."""
    labels = domain.split(".")
    out = [domain]
    rest = labels[-WALK_KEEP_LABELS:] if len(labels) >= WALK_JUMP_LABELS else labels[1:]
    while rest:
        out.append(".".join(rest))
        rest = rest[1:]
    return out


@dataclass(frozen=True)
class _Step:
    name: str
    answer: Answer
    record: DmarcRecord | None  # the one DMARC record there
    multiple: int = 0  # how many DMARC records, when more than one (all discarded)
    ignored: tuple[str, ...] = ()  # TXT records that look like DMARC but are not


def _step(name: str, answer: Answer) -> _Step:
    texts = answer.texts() if answer.ok else []
    records = [t for t in texts if is_dmarc_record(t)]
    ignored = tuple(t for t in texts if not is_dmarc_record(t) and _LOOKS_LIKE.match(t))
    if len(records) == 1:
        return _Step(name, answer, parse_record(records[0], name), ignored=ignored)
    return _Step(name, answer, None, multiple=len(records) if records else 0, ignored=ignored)


@dataclass(frozen=True)
class _Walk:
    steps: tuple[_Step, ...]  # up to and including where the walk stopped
    error: _Step | None  # the first step whose lookup failed, before any stop

    @property
    def found(self) -> list[_Step]:
        return [s for s in self.steps if s.record is not None]


async def _walk(source: DnsSource, domain: str) -> tuple[_Walk, dict[str, Answer]]:
    targets = walk_targets(domain)
    # Every name of the walk at once: the walk then costs one round trip, not eight.
    answers = await asyncio.gather(*(source.query(f"_dmarc.{t}", "TXT") for t in targets))
    steps: list[_Step] = []
    error: _Step | None = None
    for name, answer in zip(targets, answers, strict=True):
        step = _step(name, answer)
        steps.append(step)
        if answer.outcome.is_error:
            error = step
            break
        if step.record is not None and step.record.psd in ("y", "n"):
            break
    return _Walk(tuple(steps), error), dict(zip(targets, answers, strict=True))


def _org_from_walk(domain: str, walk: _Walk) -> str:
    """RFC 9989 4.10.2: psd=n names the organizational domain, psd=y the name one label below
    it; otherwise the record with the fewest labels; with no record, the domain itself."""
    found = walk.found
    for step in found:
        assert step.record is not None
        if step.record.psd == "n":
            return step.name
        if step.record.psd == "y" and step.name != domain:
            depth = step.name.count(".") + 2
            return ".".join(domain.split(".")[-depth:])
    if found:
        return found[-1].name
    return domain


async def org_domain(source: DnsSource, domain: str) -> str:
    """The organizational domain of `domain` by the DNS tree walk (for relaxed alignment of a
    DKIM d= or MAIL FROM domain). When the walk hits a DNS error, the names below the failure
    decide (the receiver cannot know more)."""
    name = normalize_qname(domain)
    walk, _ = await _walk(source, name)
    return _org_from_walk(name, walk)
