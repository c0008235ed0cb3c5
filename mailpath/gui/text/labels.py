"""The route's own words (node and edge labels, details) in the UI language.

The core puts on every node and edge, beside its English `label` and `details`, the same text
as data: `label_parts` (one part per line) and `details_parts`, each part a template key of
`mailpath.core.route.graph.TEMPLATES` with its parameters. Here each part is rendered through the
translations (context `RouteText`, the English template as the source text, as for findings);
the parameters (names, addresses, records from DNS) are carried over untouched. Nothing
English is parsed back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, cast, overload

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import (
        DetailValue,
        EdgeAttrs,
        NodeAttrs,
        PartDict,
        RenderedValue,
        RouteGraph,
    )

    _Attrs = TypeVar("_Attrs", "NodeAttrs", "EdgeAttrs")

#: The context of the route's templates (`mailpath.core.route.graph.TEMPLATES`) in the .ts.
CONTEXT = "RouteText"


def _translate(table: str, template: str) -> str:
    """A route template (or, for the verdict, a verdict template) in the UI language."""
    from mailpath.gui.text.findings import CONTEXT as FINDING_CONTEXT

    return tr(CONTEXT if table == "route" else FINDING_CONTEXT, template)


def render_part(part: PartDict) -> str:
    """One label line or detail (a `mailpath.core.route.graph` part) in the UI language; a
    parameter that is one of the core's sentences (a DKIM reason) is rendered in it too."""
    from mailpath.core.route.graph import render_part as render
    from mailpath.core.sentences import Sentence

    params = part.get("params") or {}
    if any(isinstance(value, Sentence) for value in params.values()):
        from mailpath.gui.text.sentences import embedded

        rendered = {name: embedded(value) for name, value in params.items()}
        part = cast("PartDict", {**part, "params": rendered})
    return render(part, _translate)


def render_value(value: DetailValue) -> RenderedValue:
    """A detail value (a part, a list of parts, or a number) in the UI language."""
    if isinstance(value, dict) and "key" in value:
        return render_part(value)
    if isinstance(value, list):
        return [render_value(v) for v in value]
    return value


# ---------------------------------------------------------------- Unicode domain names

_NAME = re.compile(r"[^\s()<>\[\]\"',;@]+\.[^\s()<>\[\]\"',;@]*[^\s()<>\[\]\"',;@.:]")


def _idn_forms(token: str) -> tuple[str, str] | None:
    """(ASCII, Unicode) of an internationalized name; None for any other token."""
    import idna

    labels = token.split(".")
    try:
        if any(label.lower().startswith("xn--") for label in labels):
            unicode = ".".join(
                idna.decode(label) if label.lower().startswith("xn--") else label
                for label in labels
            )
            return token, unicode
        if not token.isascii():
            return idna.encode(token, uts46=True).decode("ascii"), token
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    return None


def idn_display(text: str) -> str:
    """Every internationalized name in `text` as "Unicode (ASCII)":
    "mx.xn--wgv71a119e.jp" and "日本語.jp" both read "日本語.jp (xn--wgv71a119e.jp)"."""
    if not text or ("xn--" not in text.lower() and text.isascii()):
        return text

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        forms = _idn_forms(token)
        if forms is None:
            return token
        ascii_name, unicode_name = forms
        if ascii_name in text and unicode_name in text:
            return token  # already shown in both forms
        # Beside a host name, only the labels that differ: "mx.日本語.jp (xn--wgv71a119e.jp)".
        a, u = ascii_name.split("."), unicode_name.split(".")
        first = next((i for i, (x, y) in enumerate(zip(a, u, strict=False)) if x != y), 0)
        return f"{unicode_name} ({'.'.join(a[first:])})"

    return _NAME.sub(replace, text)


_IDN_DETAIL_KEYS = frozenset(
    {"host", "sender", "recipient", "question", "found at", "PTR", "CNAME", "address"}
)


def localized(attrs: _Attrs) -> _Attrs:
    """A copy of node or edge attributes with `label` and `details` rendered in the UI
    language from their parts (`label_parts`, `details_parts`); attributes without parts
    keep their text. Internationalized names show in both forms."""
    from mailpath.core.route.graph import render_part as render_english

    out: dict[str, Any] = dict(attrs)  # Any: a node's or edge's values; two keys rewritten
    parts = out.get("label_parts")
    if isinstance(parts, list):
        out["label"] = "\n".join(render_part(p) for p in parts)
    if "label" in out:
        out["label"] = idn_display(str(out["label"]))
    entries = out.get("details_parts")
    if isinstance(entries, list):
        new: dict[str, RenderedValue] = {}
        for entry in entries:
            value = render_value(entry["value"])
            if render_english(entry["name"]) in _IDN_DETAIL_KEYS:
                if isinstance(value, str):
                    value = idn_display(value)
                elif isinstance(value, list):
                    value = [idn_display(v) if isinstance(v, str) else v for v in value]
            new[render_part(entry["name"])] = value
        out["details"] = new
    return cast("_Attrs", out)


def headline_sentence(text: str) -> str:
    """A verdict phrase as a headline: capitalized unless it starts with a domain name."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if text and "." not in first and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def route_verdict(graph: RouteLike | None) -> tuple[str, str] | None:
    """(sentence, status) of the route: the core's one verdict (the graph's "verdict"
    attribute, from `mailpath.core.judgement.verdict`), in the UI language."""
    from mailpath.gui.text.findings import verdict_text

    if graph is None:
        return None
    source = graph.source if isinstance(graph, LocalizedGraph) else graph
    attrs = source.graph
    verdict = attrs.get("verdict")
    if not verdict or not attrs.get("complete", True):
        return None
    return headline_sentence(verdict_text(verdict)), str(verdict.get("status", ""))


class LocalizedGraph:
    """A read-only view of a route graph whose labels are translated.

    Offers what the renderer reads: `.graph`, `.nodes(data=True)`, `.edges(data=True)`.
    """

    def __init__(self, graph: RouteGraph) -> None:
        self.source = graph
        self.graph: dict[str, Any] = dict(graph.graph)  # Any: networkx's graph attributes
        for key in ("title", "sender", "recipient"):
            if isinstance(self.graph.get(key), str):
                self.graph[key] = idn_display(self.graph[key])
        self._nodes = [(n, localized(a)) for n, a in graph.nodes(data=True)]
        self._edges = [(u, v, localized(a)) for u, v, a in graph.edges(data=True)]

    @classmethod
    def with_edges(
        cls, shown: RouteLike, edges: list[tuple[str, str, EdgeAttrs]]
    ) -> LocalizedGraph:
        """`shown`, its nodes and graph attributes as they are, with `edges` instead of its
        own (the window's level of detail, `gui/graph/detail.py`)."""
        view = cls.__new__(cls)
        view.source = shown.source if isinstance(shown, LocalizedGraph) else shown
        view.graph = dict(shown.graph)
        view._nodes = [(n, a) for n, a in shown.nodes(data=True)]
        view._edges = edges
        return view

    @overload
    def nodes(self, data: Literal[True]) -> list[tuple[str, NodeAttrs]]: ...
    @overload
    def nodes(self, data: Literal[False] = False) -> list[str]: ...
    def nodes(self, data: bool = False) -> list[tuple[str, NodeAttrs]] | list[str]:
        return list(self._nodes) if data else [n for n, _ in self._nodes]

    @overload
    def edges(self, data: Literal[True]) -> list[tuple[str, str, EdgeAttrs]]: ...
    @overload
    def edges(self, data: Literal[False] = False) -> list[tuple[str, str]]: ...
    def edges(self, data: bool = False) -> list[tuple[str, str, EdgeAttrs]] | list[tuple[str, str]]:
        return list(self._edges) if data else [(u, v) for u, v, _ in self._edges]

    def number_of_nodes(self) -> int:
        return len(self._nodes)


#: What the renderer draws: a route graph, or its translated view.
RouteLike: TypeAlias = "RouteGraph | LocalizedGraph"


def role_text(role: str) -> str:
    """An MX host's role in the UI language ("primary", "fallback"; anything else as is)."""
    if role == "primary":
        return tr("Details", "primary")
    if role == "fallback":
        return tr("Details", "fallback")
    return role


def entries_text(count: int) -> str:
    """ "1 entry", "3 entries" in the UI language."""
    if count == 1:
        return tr("Details", "1 entry")
    return tr("Details", "{count} entries").format(count=count)
