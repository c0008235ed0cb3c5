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
        # the received message (hops, DKIM, DMARC)
        (r"Hop #(\d+)", tr("RouteText", "Hop #{1}")),
        (r"Hops #(\d+)–#(\d+)", tr("RouteText", "Hops #{1}–#{2}")),
        (r"\+(\d+) internal hops", tr("RouteText", "+{1} internal hops")),
        (r"\+(\d+) more signatures", tr("RouteText", "+{1} more signatures")),
        (r"by (.+)", tr("RouteText", "by {1}")),
        (r"not on the predicted route", tr("RouteText", "not on the predicted route")),
        (r"unparsed", tr("RouteText", "unparsed")),
        (r"([+-]\d+) s", tr("RouteText", "{1} s")),
        (r"no TLS", tr("RouteText", "no TLS")),
        (r"TLS \?", tr("RouteText", "TLS ?")),
        (r"disposition (\S+)", tr("RouteText", "disposition {1}")),
        (r"not evaluated", tr("RouteText", "not evaluated")),
        (r"DKIM: none", tr("RouteText", "DKIM: none")),
        (r"no signature", tr("RouteText", "no signature")),
        (r"aligned", tr("RouteText", "aligned")),
        (r"not aligned", tr("RouteText", "not aligned")),
        (r"(\d+)-bit", tr("RouteText", "{1}-bit")),
        (r"hop #(\d+)", tr("RouteText", "hop #{1}")),
        (r"hops?", tr("RouteText", "hop")),
        (r"client address", tr("RouteText", "client address")),
        (r"from", tr("RouteText", "from")),
        (r"by", tr("RouteText", "by")),
        (r"protocol", tr("RouteText", "protocol")),
        (r"time", tr("RouteText", "time")),
        (r"delay", tr("RouteText", "delay")),
        (r"received", tr("RouteText", "received")),
        (r"note", tr("RouteText", "note")),
        (r"first", tr("RouteText", "first")),
        (r"last", tr("RouteText", "last")),
        (r"disposition", tr("RouteText", "disposition")),
        (r"policy domain", tr("RouteText", "policy domain")),
        (r"SPF aligned", tr("RouteText", "SPF aligned")),
        (r"DKIM aligned", tr("RouteText", "DKIM aligned")),
        (r"reason", tr("RouteText", "reason")),
        (r"domain", tr("RouteText", "domain")),
        (r"selector", tr("RouteText", "selector")),
        (r"algorithm", tr("RouteText", "algorithm")),
        (r"result", tr("RouteText", "result")),
        (r"key", tr("RouteText", "key")),
        (r"signatures", tr("RouteText", "signatures")),
        (
            r"handover to the recipient's servers",
            tr("RouteText", "handover to the recipient's servers"),
        ),
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
    if " · " in line:
        # A line of parts ("19:32:07 UTC · +1 s · no TLS"): each part on its own.
        return " · ".join(translate_line(part) for part in line.split(" · "))
    return line


def translate_text(text: str) -> str:
    if not text:
        return text
    return "\n".join(translate_line(line) for line in text.split("\n"))


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


_PHRASE_KEYS = frozenset(
    {
        "role",
        "FCrDNS",
        "verdict",
        "preference",
        "SPF lookups",
        "lookups",
        "addresses",
        "PTR",
        "note",
        "aligned",
        "SPF aligned",
        "DKIM aligned",
        "TLS",
    }
)


def localized(attrs: dict[str, Any]) -> dict[str, Any]:
    """A copy of node or edge attributes with label and detail keys in the UI language."""
    out = dict(attrs)
    if "label" in out:
        out["label"] = idn_display(translate_text(str(out["label"])))
    details = out.get("details")
    if isinstance(details, dict):
        new: dict[str, Any] = {}
        for key, value in details.items():
            # Values are mostly DNS data: only the core's own fixed phrases are translated.
            if isinstance(value, str) and key in _PHRASE_KEYS:
                value = translate_line(value)
            if key in _IDN_DETAIL_KEYS:
                if isinstance(value, str):
                    value = idn_display(value)
                elif isinstance(value, list):
                    value = [idn_display(v) if isinstance(v, str) else v for v in value]
            new[translate_line(str(key))] = value
        out["details"] = new
    return out


# ---------------------------------------------------------------- input errors

_WHAT = r"(?P<what>sender|recipient|sending host address|sending host|domain|IP address)"
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
        (r"the name server is empty", tr("InputError", "The name server is empty.")),
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
    }
    text = message.strip().rstrip(".")
    for pattern, template in _input_error_patterns():
        match = pattern.match(text)
        if match is None:
            continue
        values = {k: v for k, v in match.groupdict().items() if v is not None}
        if "what" in values:
            values["what"] = what_names.get(values["what"].lower(), values["what"])
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


def route_verdict(graph: Any) -> tuple[str, str] | None:
    """(sentence, status) of the route: the core's one verdict (the graph's "verdict"
    attribute, from `mailpath.core.verdict`), in the UI language."""
    from mailpath.gui.finding_text import verdict_text

    source = getattr(graph, "source", graph)
    if source is None:
        return None
    attrs = getattr(source, "graph", {}) or {}
    verdict = attrs.get("verdict")
    if not verdict or not attrs.get("complete", True):
        return None
    return headline_sentence(verdict_text(verdict)), str(verdict.get("status", ""))


class LocalizedGraph:
    """A read-only view of a route graph whose labels are translated.

    Offers what the renderer reads: `.graph`, `.nodes(data=True)`, `.edges(data=True)`.
    """

    def __init__(self, graph: Any) -> None:
        self.source = graph
        self.graph = dict(getattr(graph, "graph", {}) or {})
        for key in ("title", "sender", "recipient"):
            if isinstance(self.graph.get(key), str):
                self.graph[key] = idn_display(self.graph[key])
        self._nodes = [(n, localized(a)) for n, a in graph.nodes(data=True)]
        self._edges = [(u, v, localized(a)) for u, v, a in graph.edges(data=True)]

    def nodes(self, data: bool = False) -> list[Any]:
        return list(self._nodes) if data else [n for n, _ in self._nodes]

    def edges(self, data: bool = False) -> list[Any]:
        return list(self._edges) if data else [(u, v) for u, v, _ in self._edges]

    def number_of_nodes(self) -> int:
        return len(self._nodes)
