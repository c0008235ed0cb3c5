"""Labels as data: the route's labels and details rendered from template parts, in English
(the core's own `label`/`details`) and in Japanese, with no English left and nothing parsed."""

from __future__ import annotations

import asyncio
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import LiveSource, Nameserver, ReplaySource
from mailpath.core.judgement.verdict import TEMPLATES as VERDICT_TEMPLATES
from mailpath.core.model import Result
from mailpath.core.route.graph import (
    TEMPLATES,
    build_route_graph,
    graph_to_json,
    render_part,
    render_value,
)
from mailpath.gui.text import catalogue, i18n, labels
from mailpath.paths import seed_example
from tests.core.test_route_message import seed  # noqa: F401  (fixture)
from tests.core.test_verdict import zone
from tests.support.dnsserver import TIMEOUT

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

KINDS = {"client", "sending_host", "sending_address", "mx", "mailbox", "dns"}
#: Words of the core's English labels that a Japanese label must not contain.
ENGLISH = (
    "Sender's PC",
    "Submission server",
    "Sending server",
    "Mailbox",
    "MX of",
    "pref",
    "resolving",
    "lookup failed",
    "null MX: accepts",
    "no MX, no address",
    "does not exist",
    "submission",
    "delivery",
    "lookup",
    "check",
    "Hop #",
    "Hops #",
    "by ",
    "internal hops",
    "not on the predicted route",
    "no TLS",
    "not evaluated",
    "disposition",
    "no signature",
    "aligned",
    "-bit",
    "more signatures",
)


@pytest.fixture
def ja(qapp: Any) -> Iterator[dict[tuple[str, str], tuple[str, str | None]]]:
    i18n.install("ja")
    yield catalogue.read_ts(i18n.ts_path("ja"))
    i18n.install("en")


def _replay() -> Result:
    rec = open_recording(seed_example())
    return asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))


def _live(server: Any, recipient: str) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=0.4, budget=10)
    return asyncio.run(analyze(source, "example.org", recipient, "out.example.org"))


def _parts(value: Any) -> Iterator[dict[str, Any]]:
    """Every part in a label line or detail value, nested ones included."""
    if isinstance(value, dict) and "key" in value:
        yield value
        for param in (value.get("params") or {}).values():
            yield from _parts(param)
    elif isinstance(value, list):
        for item in value:
            yield from _parts(item)


def _template(part: dict[str, Any]) -> tuple[str, str]:
    if part.get("table") == "verdict":
        return "FindingTemplates", VERDICT_TEMPLATES[part["key"]]
    return "RouteText", TEMPLATES[part["key"]]


Ts = dict[tuple[str, str], tuple[str, str | None]]


def _check(g: RouteGraph, ts: Ts) -> None:
    for _, node in g.nodes(data=True):
        _check_item(node, labels.localized(node), ts)
    for _, _, edge in g.edges(data=True):
        _check_item(edge, labels.localized(edge), ts)


def _check_item(data: Mapping[str, Any], localized: Mapping[str, Any], ts: Ts) -> None:
    """One node's or edge's attributes (the keys both have), in English and localized."""
    lines = data["label_parts"]
    # One source: the English label and details are the parts rendered in English.
    assert data["label"] == "\n".join(render_part(p) for p in lines)
    entries = data.get("details_parts", [])
    english_details = {render_part(e["name"]): render_value(e["value"]) for e in entries}
    assert english_details == data.get("details", {})
    for entry in entries:
        for part in _parts([entry["name"], entry["value"]]):
            context, template = _template(part)
            translation, kind = ts.get((context, template), ("", "unfinished"))
            assert translation and kind != "unfinished", (context, template)
    # In Japanese: every template translated, and each line reads differently where its
    # template does.
    shown = localized["label"].split("\n") if localized["label"] else []
    assert len(shown) == len(lines)
    for line, part, text in zip(lines, lines, shown, strict=True):
        for p in _parts(line):
            context, template = _template(p)
            translation, kind = ts.get((context, template), ("", "unfinished"))
            assert translation and kind != "unfinished", (context, template)
        context, template = _template(part)
        if ts[(context, template)][0] != template:
            assert text != render_part(part), text
    for word in ENGLISH:
        assert word not in localized["label"], (word, localized["label"])
    for name in localized.get("details", {}):
        assert name not in english_details or name in ("PTR", "MX", "TLS"), name


def test_every_route_template_is_collected_for_translation(qapp: Any) -> None:
    wanted = catalogue.extract()["RouteText"]
    assert set(TEMPLATES.values()) <= set(wanted)
    for template in TEMPLATES.values():
        assert string.Formatter().parse(template)  # a valid format string


def test_seed_graph_in_japanese(ja: Any) -> None:
    g = build_route_graph(_replay())
    assert {d["kind"] for _, d in g.nodes(data=True)} == KINDS
    _check(g, ja)
    shown = labels.localized(g.nodes["client"])
    assert shown["label"].startswith("送信者のPC\n")
    assert "判定" in labels.localized(g.nodes["mailbox"])["details"]


def test_received_message_graph_in_japanese(ja: Any, seed: Result) -> None:  # noqa: F811
    g = build_route_graph(seed)
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert {"hop", "dkim", "dmarc"} <= kinds
    _check(g, ja)
    assert "ホップ #3" in "\n".join(labels.localized(d)["label"] for _, d in g.nodes(data=True))


def test_failures_in_japanese(ja: Any, dns_server: Any) -> None:
    cases = {
        "nxdomain": _live(dns_server(zone()), "exampel.net"),
        "null": _live(dns_server(zone(**{"example.net": [("MX", (0, "."))]})), "example.net"),
        "timeout": _live(dns_server(zone(**{"example.net": [TIMEOUT]})), "example.net"),
    }
    for name, result in cases.items():
        g = build_route_graph(result)
        _check(g, ja)
        label = labels.localized(g.nodes["mx:none"])["label"]
        assert {"nxdomain": "NXDOMAIN", "null": "null MX", "timeout": "TIMEOUT"}[name] in label


def test_graph_json_keeps_the_english_text_and_adds_the_parts() -> None:
    data = graph_to_json(build_route_graph(_replay()))
    client = next(n for n in data["nodes"] if n["id"] == "client")
    assert client["label"].startswith("Sender's PC\n")
    assert client["details"]["role"] == "mail client (MUA)"
    assert client["label_parts"][0] == {"key": "client.title", "params": {}}
    assert client["details_parts"][1]["value"] == {"key": "v.mua", "params": {}}


def test_labels_has_no_translation_patterns() -> None:
    source = Path(labels.__file__).read_text(encoding="utf-8")
    assert "translate_line" not in source and 'RouteText", "' not in source
