"""The route graph and its layout, from the bundled seed analysis."""

from __future__ import annotations

import asyncio
from itertools import combinations

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import ReplaySource
from mailpath.core.model import Result
from mailpath.core.route.graph import build_route_graph
from mailpath.paths import resource, seed_example


def replay(path: str) -> Result:
    rec = open_recording(path)
    return asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))


@pytest.fixture(scope="module")
def seed() -> Result:
    return replay(str(seed_example()))


@pytest.fixture(scope="module")
def fixed() -> Result:
    return replay(str(resource("examples", "seed-fixed.mailpath.json")))


MX = [
    "mx:gmail-smtp-in.l.google.com",
    "mx:alt1.gmail-smtp-in.l.google.com",
    "mx:alt2.gmail-smtp-in.l.google.com",
    "mx:alt3.gmail-smtp-in.l.google.com",
    "mx:alt4.gmail-smtp-in.l.google.com",
]


def test_route_nodes_and_delivery_order(seed: Result) -> None:
    g = build_route_graph(seed)
    assert {"client", "sending:www274.sakura.ne.jp", "mailbox", "dns:mx", "dns:spf"} <= set(g)
    assert g.has_edge("client", "sending:www274.sakura.ne.jp")
    assert g.edges["client", "sending:www274.sakura.ne.jp"]["kind"] == "submission"
    for ip in ("203.0.113.74", "2001:db8:e0::274"):
        assert g.nodes[f"addr:{ip}"]["status"] == "neutral"
        for mx in MX:
            assert g.edges[f"addr:{ip}", mx]["kind"] == "smtp"
    assert [g.nodes[m]["preference"] for m in MX] == [5, 10, 20, 30, 40]
    assert g.nodes[MX[0]]["role"] == "primary" and g.nodes[MX[0]]["active"]
    assert not any(g.nodes[m]["active"] for m in MX[1:])
    assert g.nodes["mailbox"]["status"] == "neutral"
    assert g.edges["dns:spf", MX[0]]["kind"] == "dns"


def test_fixed_route_passes(fixed: Result) -> None:
    g = build_route_graph(fixed)
    assert g.nodes["addr:203.0.113.74"]["status"] == "pass"
    assert g.nodes["addr:2001:db8:e0::274"]["status"] == "pass"
    assert g.nodes["mailbox"]["status"] == "pass"
    assert g.nodes["dns:spf"]["status"] == "pass"


def test_what_if_primary_down_moves_to_the_next_group(seed: Result) -> None:
    g = build_route_graph(seed, down=frozenset({MX[0]}))
    assert g.nodes[MX[0]]["down"] and not g.nodes[MX[0]]["active"]
    assert g.nodes[MX[1]]["active"]
    assert g.edges["addr:203.0.113.74", MX[1]]["active"]
    assert not g.edges["addr:203.0.113.74", MX[0]]["active"]
    everything_down = build_route_graph(seed, down=frozenset(MX))
    assert not any(everything_down.nodes[m]["active"] for m in MX)
    assert everything_down.nodes["mailbox"]["status"] == "error"  # queued
    restored = build_route_graph(seed)
    assert restored.nodes[MX[0]]["active"]


def test_layout_is_left_to_right_and_nothing_overlaps(seed: Result) -> None:
    g = build_route_graph(seed)
    x = {n: g.nodes[n]["x"] for n in g}
    assert x["client"] < x["sending:www274.sakura.ne.jp"] < x["addr:203.0.113.74"]
    assert x["addr:203.0.113.74"] < x[MX[0]] < x["mailbox"]
    for a, b in combinations(g.nodes, 2):
        na, nb = g.nodes[a], g.nodes[b]
        apart = (
            na["x"] + na["w"] <= nb["x"]
            or nb["x"] + nb["w"] <= na["x"]
            or na["y"] + na["h"] <= nb["y"]
            or nb["y"] + nb["h"] <= na["y"]
        )
        assert apart, (a, b)


def test_partial_result_draws_pending_parts_as_unknown(seed: Result) -> None:
    from dataclasses import replace

    partial = replace(seed, mx=None, sending_hosts=None, spf_audit=None, complete=False)
    g = build_route_graph(partial)
    assert g.nodes["mx:?"]["status"] == "unknown"
    assert g.nodes["sending:?"]["status"] == "unknown"
    assert g.nodes["dns:spf"]["status"] == "unknown"
