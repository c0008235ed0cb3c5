"""The route's own words (node and edge labels, details) in the UI language.

The core puts on every node and edge, beside its English `label` and `details`, the same text
as data: `label_parts` (one part per line) and `details_parts`, each part a template key of
`mailpath.core.route.TEMPLATES` with its parameters. Here each part is rendered through the
translations (context `RouteText`, the English template as the source text, as for findings);
the parameters (names, addresses, records from DNS) are carried over untouched. Nothing
English is parsed back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

from mailpath.gui.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.route_attrs import (
        DetailValue,
        EdgeAttrs,
        NodeAttrs,
        PartDict,
        RenderedValue,
        RouteGraph,
    )
    from mailpath.gui.render import RouteLike

    _Attrs = TypeVar("_Attrs", "NodeAttrs", "EdgeAttrs")

_cache: dict[str, list[tuple[re.Pattern[str], str]]] = {}

#: The context of the route's templates (`mailpath.core.route.TEMPLATES`) in the .ts.
CONTEXT = "RouteText"


def clear_cache() -> None:
    _cache.clear()


def _translate(table: str, template: str) -> str:
    """A route template (or, for the verdict, a verdict template) in the UI language."""
    from mailpath.gui.finding_text import CONTEXT as FINDING_CONTEXT

    return tr(CONTEXT if table == "route" else FINDING_CONTEXT, template)


def render_part(part: PartDict) -> str:
    """One label line or detail (a `mailpath.core.route` part) in the UI language."""
    from mailpath.core.route import render_part as render

    return render(part, _translate)


def render_value(value: DetailValue) -> RenderedValue:
    """A detail value (a part, a list of parts, or a number) in the UI language."""
    from mailpath.core.route import render_value as render

    return render(value, _translate)


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
    from mailpath.core.route import render_part as render_english

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


# ---------------------------------------------------------------- input errors

_WHAT = (
    r"(?P<what>sender|recipient|sending host address|sending host|domain|IP address"
    r"|DKIM selector|DoH server in '.*?'|TLS name in '.*?')"
)
_VALUE = r"(?P<value>'.*'|\".*\")"


def _input_error_patterns() -> list[tuple[re.Pattern[str], str]]:
    table = _cache.get("input")
    if table is not None:
        return table
    raw = [
        (rf"the {_WHAT} is empty", tr("InputError", "The {what} is empty.")),
        (
            rf"the {_WHAT} {_VALUE} is an IP address; a domain name is needed here",
            tr("InputError", "The {what} {value} is an IP address; a domain name is needed here."),
        ),
        (
            rf"the {_WHAT} {_VALUE} contains a space",
            tr("InputError", "The {what} {value} contains a space."),
        ),
        (
            rf"the {_WHAT} {_VALUE} has an empty label",
            tr("InputError", "The {what} {value} has an empty label (two dots in a row?)."),
        ),
        (
            rf"the {_WHAT} {_VALUE} is not a valid internationalized name: (?P<reason>.+)",
            tr("InputError", "The {what} {value} is not a valid internationalized name: {reason}."),
        ),
        (
            rf"the {_WHAT} {_VALUE} is not a valid name: (?P<reason>.+)",
            tr("InputError", "The {what} {value} is not a valid name: {reason}."),
        ),
        (
            rf"the {_WHAT} is (?P<count>\d+) characters long; the limit is 253",
            tr("InputError", "The {what} is {count} characters long; the limit is 253."),
        ),
        (
            rf"the {_WHAT} has a label of (?P<count>\d+) characters \((?P<label>.*)\); "
            r"the limit is 63",
            tr(
                "InputError",
                "The {what} has a label of {count} characters ({label}); the limit is 63.",
            ),
        ),
        (
            rf"the {_WHAT} {_VALUE} has an invalid label (?P<label>'.*'|\".*\"): use letters, "
            r"digits and hyphens, not at the start or end",
            tr(
                "InputError",
                "The {what} {value} has an invalid label {label}: use letters, digits and "
                "hyphens, not at the start or end.",
            ),
        ),
        (
            rf"the {_WHAT} {_VALUE} needs at least two labels, like example\.com",
            tr("InputError", "The {what} {value} needs at least two labels, like example.com."),
        ),
        (
            rf"the {_WHAT} {_VALUE} ends in a numeric label",
            tr("InputError", "The {what} {value} ends in a numeric label."),
        ),
        (
            rf"the {_WHAT} {_VALUE} has no domain after '@'",
            tr("InputError", "The {what} {value} has no domain after '@'."),
        ),
        (
            rf"the {_WHAT} {_VALUE} has a space in its local part",
            tr("InputError", "The {what} {value} has a space in its local part."),
        ),
        (
            rf"the {_WHAT}'s local part is over 64 octets",
            tr("InputError", "The local part of the {what} is over 64 octets."),
        ),
        (
            rf"{_VALUE} is not a valid IPv4 or IPv6 {_WHAT}",
            tr("InputError", "{value} is not a valid IPv4 or IPv6 {what}."),
        ),
        (
            rf"the {_WHAT} {_VALUE} has more than one '@'",
            tr("InputError", "The {what} {value} has more than one '@'."),
        ),
        (
            rf"the {_WHAT} {_VALUE} is a web address without a host name",
            tr("InputError", "The {what} {value} is a web address without a host name."),
        ),
        (
            rf"the {_WHAT} {_VALUE} is not a usable web address: (?P<reason>.+)",
            tr("InputError", "The {what} {value} is not a usable web address: {reason}."),
        ),
        (
            rf"the {_WHAT} {_VALUE} is an address; give the server's name or IP",
            tr("InputError", "The {what} {value} is an address; give the server's name or IP."),
        ),
        (
            rf"the {_WHAT} {_VALUE} is not a valid DNS name",
            tr("InputError", "The {what} {value} is not a valid DNS name."),
        ),
        # Notes of forgiving input (names.normalize_input): the typed value is not quoted.
        (
            rf"the {_WHAT} (?P<value>.+) was read as (?P<host>\S+) \(its host without www\.\)",
            tr("InputError", "The {what} {value} was read as {host} (its host without www.)."),
        ),
        (
            rf"the {_WHAT} (?P<value>.+) was read as (?P<host>\S+)",
            tr("InputError", "The {what} {value} was read as {host}."),
        ),
        (r"the name server is empty", tr("InputError", "The name server is empty.")),
        (
            rf"name server {_VALUE}: unknown scheme \(use IP\[:PORT\], "
            r"https://HOST/dns-query or tls://IP\[:PORT\]\[#NAME\]\)",
            tr(
                "InputError",
                "Name server {value}: unknown scheme (use IP[:PORT], https://HOST/dns-query "
                "or tls://IP[:PORT][#NAME]).",
            ),
        ),
        (
            rf"name server {_VALUE}: bad URL \((?P<reason>.*)\)",
            tr("InputError", "Name server {value}: bad URL ({reason})."),
        ),
        (
            rf"name server {_VALUE}: the URL names no host",
            tr("InputError", "Name server {value}: the URL names no host."),
        ),
        (
            rf"name server {_VALUE}: a DoH URL takes no query or fragment",
            tr("InputError", "Name server {value}: a DoH URL takes no query or fragment."),
        ),
        (
            rf"name server {_VALUE}: give the server's IP after tls://",
            tr("InputError", "Name server {value}: give the server's IP after tls://."),
        ),
        (
            rf"name server {_VALUE}: missing '\]'",
            tr("InputError", "Name server {value}: the closing ']' is missing."),
        ),
        (
            rf"name server {_VALUE}: expected ':PORT' after '\]'",
            tr("InputError", "Name server {value}: expected ':PORT' after ']'."),
        ),
        (
            rf"name server {_VALUE} is not an IP address \(use IP, IP:PORT or \[IPv6\]:PORT\)",
            tr(
                "InputError",
                "Name server {value} is not an IP address (use IP, IP:PORT or [IPv6]:PORT).",
            ),
        ),
        (
            rf"name server {_VALUE}: the port must be a number from 1 to 65535",
            tr("InputError", "Name server {value}: the port must be a number from 1 to 65535."),
        ),
        # A received message that cannot be analysed (core.message, core.message_check).
        (r"the message is empty", tr("InputError", "The message is empty.")),
        (
            r"the message has no header fields",
            tr("InputError", "The message has no header fields: it is not a mail message."),
        ),
        (
            r"this file is not a mail message: it does not start with a header field such as "
            r"'From: \.\.\.'",
            tr(
                "InputError",
                "This file is not a mail message: it does not start with a header field such as "
                "'From: ...'.",
            ),
        ),
        (
            r"the message has no From address with a domain: give the sender yourself",
            tr(
                "InputError",
                "The message has no From address with a domain: type the sender yourself.",
            ),
        ),
        (
            r"the message does not say where it was delivered .*: give the recipient yourself",
            tr(
                "InputError",
                "The message does not say where it was delivered (no Delivered-To, "
                "X-Original-To, 'for <...>' or To): type the recipient yourself.",
            ),
        ),
    ]
    table = [(re.compile(f"^(?:{p})$", re.IGNORECASE | re.DOTALL), t) for p, t in raw]
    _cache["input"] = table
    return table


def translate_input_error(message: str) -> str:
    """An `InputError` message (as the window shows it) in the UI language; unknown ones
    stay as they are. The typed value is carried over untouched."""
    what_names = {
        "sender": tr("InputError", "sender"),
        "recipient": tr("InputError", "recipient"),
        "sending host address": tr("InputError", "sending host address"),
        "sending host": tr("InputError", "sending host"),
        "domain": tr("InputError", "domain"),
        "ip address": tr("InputError", "IP address"),
        "dkim selector": tr("InputError", "DKIM selector"),
    }
    text = message.strip().rstrip(".")
    for pattern, template in _input_error_patterns():
        match = pattern.match(text)
        if match is None:
            continue
        values = {k: v for k, v in match.groupdict().items() if v is not None}
        if "what" in values:
            what = values["what"]
            if what.startswith("DoH server in "):
                what = tr("InputError", "DoH server in {url}").format(url=what[14:])
            elif what.startswith("TLS name in "):
                what = tr("InputError", "TLS name in {url}").format(url=what[12:])
            values["what"] = what_names.get(what.lower(), what)
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return message
    return message


def headline_sentence(text: str) -> str:
    """A verdict phrase as a headline: capitalized unless it starts with a domain name."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if text and "." not in first and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def route_verdict(graph: RouteLike | None) -> tuple[str, str] | None:
    """(sentence, status) of the route: the core's one verdict (the graph's "verdict"
    attribute, from `mailpath.core.verdict`), in the UI language."""
    from mailpath.gui.finding_text import verdict_text

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
