"""Compare resolvers: the same questions asked of several resolvers, and where they differ.

`compare_resolvers(questions, sources)` asks every question of every resolver at once and
returns the questions whose answers (outcome and records, order aside) are not the same
everywhere. TTLs are shown but never count as a difference: caches differ in age.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mailpath.core.dns.sources import Answer, DnsSource, close_connections
from mailpath.core.jsontypes import JsonObject

__all__ = ["Comparison", "Difference", "compare_resolvers", "comparison_to_json", "render_text"]


@dataclass(frozen=True)
class Difference:
    name: str
    rdtype: str
    answers: tuple[tuple[str, Answer], ...]  # (resolver label, its answer), in resolver order


@dataclass(frozen=True)
class Comparison:
    resolvers: tuple[str, ...]
    questions: int
    differences: tuple[Difference, ...]

    @property
    def agree(self) -> bool:
        return not self.differences


def _key(answer: Answer) -> tuple[str, tuple[str, ...]]:
    return (answer.outcome.value, tuple(sorted(answer.texts())))


async def compare_resolvers(
    questions: Sequence[tuple[str, str]], sources: Mapping[str, DnsSource]
) -> Comparison:
    labels = list(sources)
    unique = list(dict.fromkeys((n.lower().rstrip("."), t.upper()) for n, t in questions))
    try:
        rows = await asyncio.gather(
            *(asyncio.gather(*(sources[label].query(n, t) for label in labels)) for n, t in unique)
        )
    finally:
        # Each DoH/DoT resolver kept one connection for its questions: they are done.
        await asyncio.gather(*(close_connections(s) for s in sources.values()))
    differences = tuple(
        Difference(n, t, tuple(zip(labels, answers, strict=True)))
        for (n, t), answers in zip(unique, rows, strict=True)
        if len({_key(a) for a in answers}) > 1
    )
    return Comparison(tuple(labels), len(unique), differences)


def _answer_json(label: str, answer: Answer) -> JsonObject:
    return {
        "resolver": label,
        "outcome": answer.outcome.value,
        "records": sorted(answer.texts()),
        "ttl": answer.ttl,
        "detail": answer.detail,
    }


def comparison_to_json(comparison: Comparison | None) -> JsonObject | None:
    if comparison is None:
        return None
    return {
        "resolvers": list(comparison.resolvers),
        "questions": comparison.questions,
        "agree": comparison.agree,
        "differences": [
            {
                "name": d.name,
                "type": d.rdtype,
                "answers": [_answer_json(label, a) for label, a in d.answers],
            }
            for d in comparison.differences
        ],
    }


def render_text(comparison: Comparison) -> list[str]:
    lines = [
        f"Resolvers compared ({', '.join(comparison.resolvers)}): {comparison.questions} "
        f"questions, {len(comparison.differences)} answered differently"
    ]
    for d in comparison.differences:
        lines.append(f"  {d.name} {d.rdtype}")
        for label, a in d.answers:
            shown = "; ".join(sorted(a.texts())) if a.ok else a.outcome.describe()
            ttl = f" (TTL {a.ttl} s)" if a.ttl is not None else ""
            lines.append(f"    {label:<28} {shown}{ttl}")
    return lines
