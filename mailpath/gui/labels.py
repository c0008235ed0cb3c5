"""Translating the route's own words (node and edge labels, detail keys) for display.

The core writes labels in English ("Sender's PC\\nts.skr.jp", "SMTP :25 · pref 10"). The
window and its exports show them in the chosen language by matching each line against the
patterns below; the parts that came from DNS (names, addresses, records) are carried over
untouched. A line no pattern knows is shown as it is, so a new core label is never lost,
only untranslated.
"""

from __future__ import annotations

import re
from typing import Any

from mailpath.gui.i18n import tr

_cache: dict[str, list[tuple[re.Pattern[str], str]]] = {}


def clear_cache() -> None:
    _cache.clear()


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    table = _cache.get("lines")
    if table is not None:
        return table
    raw = [
        # node titles
        (r"Sender's PC", tr("RouteText", "Sender's PC")),
        (r"Sending server", tr("RouteText", "Sending server")),
        (r"Submission server", tr("RouteText", "Submission server")),
        (r"Assumed sender", tr("RouteText", "Assumed sender")),
        (r"Mailbox", tr("RouteText", "Mailbox")),
        (r"implicit MX", tr("RouteText", "implicit MX")),
        (r"MX of (.+)", tr("RouteText", "MX of {1}")),
        (r"resolving…", tr("RouteText", "resolving…")),
        (r"(.+)?null MX: accepts no mail", tr("RouteText", "null MX: accepts no mail")),
        (r"no MX, no address", tr("RouteText", "no MX, no address")),
        (r"lookup failed", tr("RouteText", "lookup failed")),
        (r"SPF (\S+) · FCrDNS ok", tr("RouteText", "SPF {1} · FCrDNS ok")),
        (r"SPF (\S+) · FCrDNS fails", tr("RouteText", "SPF {1} · FCrDNS fails")),
        (r"DNS: MX (.+)", tr("RouteText", "DNS: MX of {1}")),
        (r"DNS: SPF (.+)", tr("RouteText", "DNS: SPF of {1}")),
        (r"DNS: DMARC (.+)", tr("RouteText", "DNS: DMARC of {1}")),
        # edges
        (r"submission :587 \(SMTP AUTH\)", tr("RouteText", "submission :587 (SMTP AUTH)")),
        (r"submission", tr("RouteText", "submission")),
        (r"SMTP :25 · pref (\d+)", tr("RouteText", "SMTP :25 · pref {1}")),
        (r"delivery", tr("RouteText", "delivery")),
        (r"MX lookup", tr("RouteText", "MX lookup")),
        (r"SPF check", tr("RouteText", "SPF check")),
        (r"DMARC check", tr("RouteText", "DMARC check")),
        # detail keys and fixed values
        (r"sender", tr("RouteText", "sender")),
        (r"recipient", tr("RouteText", "recipient")),
        (r"role", tr("RouteText", "role")),
        (r"host", tr("RouteText", "host")),
        (r"addresses", tr("RouteText", "addresses")),
        (r"address", tr("RouteText", "address")),
        (r"family", tr("RouteText", "family")),
        (r"(A|AAAA|PTR|MX|TXT) lookup", tr("RouteText", "{1} lookup")),
        (r"SPF for (.+)", tr("RouteText", "SPF for {1}")),
        (r"SPF record", tr("RouteText", "SPF record")),
        (r"SPF lookups", tr("RouteText", "SPF lookups")),
        (r"SPF error", tr("RouteText", "SPF error")),
        (r"preference", tr("RouteText", "preference")),
        (r"verdict", tr("RouteText", "verdict")),
        (r"question", tr("RouteText", "question")),
        (r"answer", tr("RouteText", "answer")),
        (r"timing", tr("RouteText", "timing")),
        (r"record", tr("RouteText", "record")),
        (r"lookups", tr("RouteText", "lookups")),
        (r"void lookups", tr("RouteText", "void lookups")),
        (r"error", tr("RouteText", "error")),
        (r"found at", tr("RouteText", "found at")),
        (r"policy", tr("RouteText", "policy")),
        (r"yes", tr("RouteText", "yes")),
        (r"no", tr("RouteText", "no")),
        (r"unknown", tr("RouteText", "unknown")),
        (r"\(none\)", tr("RouteText", "(none)")),
        (r"mail client \(MUA\)", tr("RouteText", "mail client (MUA)")),
        (r"submission server", tr("RouteText", "submission server")),
        (
            r"assumed outbound server \(sender's MX\)",
            tr("RouteText", "assumed outbound server (sender's MX)"),
        ),
        (r"implicit \(no MX record\)", tr("RouteText", "implicit (no MX record)")),
        (r"(\d+)/10 for an unlisted address", tr("RouteText", "{1}/10 for an unlisted address")),
        (r"(\d+)/10, void (\d+)/2", tr("RouteText", "{1}/10, void {2}/2")),
        (
            r"(\S+) accepts the mail as SPF-verified",
            tr("RouteText", "{1} accepts the mail as SPF-verified"),
        ),
        (
            r"(\S+) refuses or quarantines the mail",
            tr("RouteText", "{1} refuses or quarantines the mail"),
        ),
        (
            r"(\S+) accepts the mail but flags it as suspicious",
            tr("RouteText", "{1} accepts the mail but flags it as suspicious"),
        ),
        (
            r"(\S+) accepts the mail as unverified",
            tr("RouteText", "{1} accepts the mail as unverified"),
        ),
        (
            r"(\S+) accepts the mail as unverified \(no SPF\)",
            tr("RouteText", "{1} accepts the mail as unverified (no SPF)"),
        ),
        (
            r"a DNS or record error decides the outcome",
            tr("RouteText", "a DNS or record error decides the outcome"),
        ),
        (r"still resolving", tr("RouteText", "still resolving")),
    ]
    table = [(re.compile(f"^(?:{pattern})$"), template) for pattern, template in raw]
    _cache["lines"] = table
    return table


def translate_line(line: str) -> str:
    for pattern, template in _patterns():
        match = pattern.match(line)
        if match:
            groups = [match.group(0), *match.groups()]
            try:
                return template.format(*[g or "" for g in groups])
            except (IndexError, KeyError, ValueError):
                return line
    return line


def translate_text(text: str) -> str:
    if not text:
        return text
    return "\n".join(translate_line(line) for line in text.split("\n"))


_PHRASE_KEYS = frozenset(
    {"role", "FCrDNS", "verdict", "preference", "SPF lookups", "lookups", "addresses", "PTR"}
)


def localized(attrs: dict[str, Any]) -> dict[str, Any]:
    """A copy of node or edge attributes with label and detail keys in the UI language."""
    out = dict(attrs)
    if "label" in out:
        out["label"] = translate_text(str(out["label"]))
    details = out.get("details")
    if isinstance(details, dict):
        new: dict[str, Any] = {}
        for key, value in details.items():
            # Values are mostly DNS data: only the core's own fixed phrases are translated.
            if isinstance(value, str) and key in _PHRASE_KEYS:
                value = translate_line(value)
            new[translate_line(str(key))] = value
        out["details"] = new
    return out


class LocalizedGraph:
    """A read-only view of a route graph whose labels are translated.

    Offers what the renderer reads: `.graph`, `.nodes(data=True)`, `.edges(data=True)`.
    """

    def __init__(self, graph: Any) -> None:
        self.source = graph
        self.graph = dict(getattr(graph, "graph", {}) or {})
        self._nodes = [(n, localized(a)) for n, a in graph.nodes(data=True)]
        self._edges = [(u, v, localized(a)) for u, v, a in graph.edges(data=True)]

    def nodes(self, data: bool = False) -> list[Any]:
        return list(self._nodes) if data else [n for n, _ in self._nodes]

    def edges(self, data: bool = False) -> list[Any]:
        return list(self._edges) if data else [(u, v) for u, v, _ in self._edges]

    def number_of_nodes(self) -> int:
        return len(self._nodes)
