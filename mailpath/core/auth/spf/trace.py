"""The SPF result model: a trace tree of every term, and its JSON and text renderings."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mailpath.core.facts import LookupStatus, lookup_to_json
from mailpath.core.jsontypes import JsonObject

__all__ = [
    "SpfAudit",
    "SpfOutcome",
    "SpfResult",
    "SpfTrace",
    "TermTrace",
    "audit_to_json",
    "outcome_to_json",
    "render_audit_text",
    "render_text",
    "trace_to_json",
]

MAX_LOOKUPS = 10
MAX_VOID_LOOKUPS = 2


class SpfResult(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SOFTFAIL = "softfail"
    NEUTRAL = "neutral"
    NONE = "none"
    PERMERROR = "permerror"
    TEMPERROR = "temperror"

    def __str__(self) -> str:
        return self.value


QUALIFIER_RESULTS = {
    "+": SpfResult.PASS,
    "-": SpfResult.FAIL,
    "~": SpfResult.SOFTFAIL,
    "?": SpfResult.NEUTRAL,
}


@dataclass(frozen=True)
class TermTrace:
    text: str
    kind: str  # "mechanism" | "modifier"
    name: str
    qualifier: str  # "" for modifiers
    target: str | None
    queries: tuple[LookupStatus, ...]
    lookups: int
    void_lookups: int
    matched: bool | None  # None: not reached / not evaluated
    decisive: bool
    child: SpfTrace | None
    error: str | None


@dataclass(frozen=True)
class SpfTrace:
    domain: str
    record: str | None
    record_queries: tuple[LookupStatus, ...]
    terms: tuple[TermTrace, ...]
    result: SpfResult
    error: str | None
    lookups: int
    void_lookups: int


@dataclass(frozen=True)
class SpfOutcome:
    result: SpfResult
    explanation: str | None
    trace: SpfTrace
    lookups: int
    void_lookups: int
    record: str | None
    ip: str
    domain: str
    sender: str
    helo: str

    @property
    def error(self) -> str | None:
        return self.trace.error


@dataclass(frozen=True)
class SpfAudit:
    """Whole-tree audit of one domain's record."""

    domain: str
    record: str | None
    lookups: int
    void_lookups: int
    error: str | None
    over_limit: tuple[str, ...]
    tree: SpfTrace  # the walk for an IPv4 client
    #: Void lookups per address family ((4, n), (6, m)): a target may be void for one only.
    void_by_family: tuple[tuple[int, int], ...] = ()

    def void_families(self) -> str:
        """Which client families the void count holds for: "IPv4", "IPv6" or both."""
        worst = [f"IPv{f}" for f, n in self.void_by_family if n == self.void_lookups]
        return " and ".join(worst) or "IPv4"

    def void_text(self) -> str:
        """ "1/2 (IPv4), 3/2 (IPv6)": the void count for each family, with the limit."""
        if not self.void_by_family:
            return f"{self.void_lookups}/{MAX_VOID_LOOKUPS}"
        return ", ".join(f"{n}/{MAX_VOID_LOOKUPS} (IPv{f})" for f, n in self.void_by_family)


# ---------------------------------------------------------------- JSON


def _term_json(t: TermTrace) -> JsonObject:
    return {
        "text": t.text,
        "kind": t.kind,
        "name": t.name,
        "qualifier": t.qualifier,
        "target": t.target,
        "queries": [lookup_to_json(q) for q in t.queries],
        "lookups": t.lookups,
        "void_lookups": t.void_lookups,
        "matched": t.matched,
        "decisive": t.decisive,
        "error": t.error,
        "child": trace_to_json(t.child) if t.child is not None else None,
    }


def trace_to_json(trace: SpfTrace) -> JsonObject:
    return {
        "domain": trace.domain,
        "record": trace.record,
        "record_queries": [lookup_to_json(q) for q in trace.record_queries],
        "result": trace.result.value,
        "error": trace.error,
        "lookups": trace.lookups,
        "void_lookups": trace.void_lookups,
        "terms": [_term_json(t) for t in trace.terms],
    }


def outcome_to_json(o: SpfOutcome) -> JsonObject:
    return {
        "result": o.result.value,
        "explanation": o.explanation,
        "error": o.trace.error,
        "lookups": o.lookups,
        "void_lookups": o.void_lookups,
        "max_lookups": MAX_LOOKUPS,
        "max_void_lookups": MAX_VOID_LOOKUPS,
        "record": o.record,
        "ip": o.ip,
        "domain": o.domain,
        "sender": o.sender,
        "helo": o.helo,
        "tree": trace_to_json(o.trace),
    }


def audit_to_json(a: SpfAudit) -> JsonObject:
    return {
        "domain": a.domain,
        "record": a.record,
        "lookups": a.lookups,
        "void_lookups": a.void_lookups,
        "void_lookups_by_family": {f"ipv{f}": n for f, n in a.void_by_family},
        "error": a.error,
        "over_limit": list(a.over_limit),
        "tree": trace_to_json(a.tree),
    }


# ---------------------------------------------------------------- text

_COLORS = {
    SpfResult.PASS: "\x1b[32m",
    SpfResult.FAIL: "\x1b[31m",
    SpfResult.SOFTFAIL: "\x1b[33m",
    SpfResult.NEUTRAL: "\x1b[36m",
    SpfResult.NONE: "\x1b[37m",
    SpfResult.PERMERROR: "\x1b[35m",
    SpfResult.TEMPERROR: "\x1b[35m",
}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"


def _safe(text: str) -> str:
    """DNS text is data: control characters are shown escaped, never sent to the terminal."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _result_text(result: SpfResult, color: bool) -> str:
    if not color:
        return result.value
    return f"{_BOLD}{_COLORS[result]}{result.value}{_RESET}"


def _query_line(q: LookupStatus) -> str:
    records = ", ".join(_safe(r) for r in q.records[:6])
    if len(q.records) > 6:
        records += f", ... ({len(q.records)} records)"
    out = f"{q.name} {q.rdtype}: {q.outcome}"
    if records:
        out += f" [{records}]"
    if q.detail and q.outcome != "ok":
        out += f" ({_safe(q.detail)})"
    return out


def _render_trace(trace: SpfTrace, lines: list[str], indent: str, color: bool) -> None:
    head = f"{indent}{trace.domain}: {_result_text(trace.result, color)}"
    lines.append(head)
    if trace.record is not None:
        lines.append(f"{indent}  record: {_safe(trace.record)}")
    else:
        for q in trace.record_queries:
            lines.append(f"{indent}  query {_query_line(q)}")
        lines.append(f"{indent}  record: (none)")
    for term in trace.terms:
        if term.decisive:
            mark = "=>"
        elif term.matched is None:
            mark = "  "
        elif term.matched:
            mark = "+ "
        else:
            mark = "- "
        state = (
            "not reached"
            if term.matched is None and term.error is None
            else ("match" if term.matched else "no match")
        )
        if term.matched is None and term.error is not None:
            state = "error"
        line = f"{indent}  {mark} {_safe(term.text)}"
        if term.target and term.target not in term.text:
            line += f" -> {_safe(term.target)}"
        line += f"  [{state}"
        if term.lookups:
            line += f", lookups +{term.lookups}"
        if term.void_lookups:
            line += f", void +{term.void_lookups}"
        line += "]"
        lines.append(line)
        for q in term.queries:
            lines.append(f"{indent}       {_query_line(q)}")
        if term.error:
            lines.append(f"{indent}       error: {_safe(term.error)}")
        if term.child is not None:
            _render_trace(term.child, lines, indent + "       ", color)
    if trace.error:
        lines.append(f"{indent}  error: {_safe(trace.error)}")


def render_text(o: SpfOutcome, color: bool = False) -> str:
    lines = [
        f"SPF result: {_result_text(o.result, color)}",
        f"checked: ip {o.ip}, domain {_safe(o.domain)}, sender {_safe(o.sender)}"
        + (f", helo {_safe(o.helo)}" if o.helo else ""),
        f"record: {_safe(o.record) if o.record is not None else '(none)'}",
        f"lookups {o.lookups}/{MAX_LOOKUPS}, void {o.void_lookups}/{MAX_VOID_LOOKUPS}",
    ]
    if o.trace.error:
        lines.append(f"error: {_safe(o.trace.error)}")
    if o.explanation is not None:
        lines.append(f"explanation: {_safe(o.explanation)}")
    lines.append("trace:")
    _render_trace(o.trace, lines, "  ", color)
    return "\n".join(lines) + "\n"


def render_audit_text(a: SpfAudit, color: bool = False) -> str:
    lines = [
        f"SPF audit of {_safe(a.domain)}",
        f"record: {_safe(a.record) if a.record is not None else '(none)'}",
        f"lookups over every branch {a.lookups}/{MAX_LOOKUPS}, void {a.void_text()}",
    ]
    if a.over_limit:
        lines.append("over the limit at: " + " > ".join(_safe(s) for s in a.over_limit))
    if a.error:
        lines.append(f"error: {_safe(a.error)}")
    lines.append("tree:")
    _render_trace(a.tree, lines, "  ", color)
    return "\n".join(lines) + "\n"
