"""The route graph's schema (`mailpath.core.route.attrs`) is the one the builder writes and the
GUI's fake graphs follow: no attribute outside it, kinds and statuses from their closed sets."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import ReplaySource
from mailpath.core.message.check import MessageInput, message_parties
from mailpath.core.message.parse import parse_message
from mailpath.core.model import Status
from mailpath.core.route.attrs import EdgeAttrs, EdgeKind, NodeAttrs, NodeKind
from mailpath.core.route.graph import build_route_graph
from tests.gui import fakes

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
NODE_KEYS = NodeAttrs.__optional_keys__ | NodeAttrs.__required_keys__
EDGE_KEYS = EdgeAttrs.__optional_keys__ | EdgeAttrs.__required_keys__


def _graphs() -> Iterator[tuple[str, RouteGraph]]:
    for path in sorted(EXAMPLES.glob("*.mailpath.json")):
        rec = open_recording(path)
        result = asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))
        yield path.name, build_route_graph(result)
        mx = [n for n in build_route_graph(result) if n.startswith("mx:")]
        yield f"{path.name}, {mx[0]} down", build_route_graph(result, down=frozenset(mx[:1]))
    parsed = parse_message((EXAMPLES / "seed.eml").read_bytes())
    rec = open_recording(EXAMPLES / "seed.mailpath.json")
    s, r, v = message_parties(parsed)
    message = MessageInput(parsed)
    result = asyncio.run(analyze(ReplaySource(rec.answers), s, r, v, message=message))
    yield "seed.eml", build_route_graph(result)
    yield "fakes.route_graph", fakes.route_graph()
    yield "fakes.big_graph", fakes.big_graph(50)


GRAPHS = dict(_graphs())


def _problems(attrs: Mapping[str, object], keys: frozenset[str], kinds: type) -> list[str]:
    out = [f"undeclared attribute {key!r}" for key in attrs if key not in keys]
    if not isinstance(attrs.get("kind"), kinds):
        out.append(f"kind {attrs.get('kind')!r} is not a {kinds.__name__}")
    if attrs.get("status") not in {s.value for s in Status}:
        out.append(f"status {attrs.get('status')!r} is not a Status value")
    return out


@pytest.mark.parametrize("name", list(GRAPHS))
def test_every_node_and_edge_follows_the_schema(name: str) -> None:
    g = GRAPHS[name]
    problems = [
        f"node {node}: {p}"
        for node, attrs in g.nodes(data=True)
        for p in _problems(attrs, NODE_KEYS, NodeKind)
    ]
    problems += [
        f"edge {u} -> {v}: {p}"
        for u, v, attrs in g.edges(data=True)
        for p in _problems(attrs, EDGE_KEYS, EdgeKind)
    ]
    assert not problems, problems
