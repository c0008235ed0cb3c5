"""The received message's hops, DKIM and DMARC over the predicted route."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.auth.dkim import DkimSignature
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import ReplaySource
from mailpath.core.message.check import MessageInput, message_parties, unexpected_hops
from mailpath.core.message.parse import parse_message
from mailpath.core.message.received import Hop
from mailpath.core.model import Result
from mailpath.core.route.graph import LANE_MAX, build_route_graph, node_for_hop

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "message" / "data"


@pytest.fixture(scope="module")
def seed() -> Result:
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    parsed = parse_message((ROOT / "resources" / "examples" / "seed.eml").read_bytes())
    s, r, v = message_parties(parsed)
    return asyncio.run(analyze(ReplaySource(rec.answers), s, r, v, message=MessageInput(parsed)))


def with_message(seed: Result, name: str, unexpected: tuple[int, ...] = ()) -> Result:
    assert seed.message is not None
    parsed = parse_message((DATA / name).read_bytes())
    info = dataclasses.replace(
        seed.message, parsed=parsed, unexpected_hops=unexpected or unexpected_hops(parsed)
    )
    return dataclasses.replace(seed, message=info)


def _overlaps(g: object) -> list[tuple[str, str]]:
    boxes = [(n, d["x"], d["y"], d["x"] + d["w"], d["y"] + d["h"]) for n, d in g.nodes(data=True)]  # type: ignore[attr-defined]
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                out.append((a[0], b[0]))
    return out


def test_seed_hops_on_the_handover_node(seed: Result) -> None:
    g = build_route_graph(seed)
    handover = g.nodes["addr:203.0.113.74"]
    # #1 (the PC's submission into www274) happens on the submission server; #2 (the handover
    # to Gmail) leaves from its address.
    assert g.nodes["sending:203.0.113.74"]["hops"] == [0]
    assert handover["hops"] == [1]
    assert "hop #2" in handover["details"] and "mx.google.com" in str(handover["details"]["hop #2"])
    assert node_for_hop(g, 0) == "sending:203.0.113.74"
    assert node_for_hop(g, 1) == "addr:203.0.113.74"
    # mx.google.com is Gmail's receiving side: the primary MX received the handover.
    assert g.nodes["mx:gmail-smtp-in.l.google.com"]["received_hops"] == [1]
    # Gmail's internal hop is drawn apart, below the route.
    hop = g.nodes["hop:2"]
    assert hop["kind"] == "hop" and hop["hops"] == [2]
    assert hop["label"].splitlines()[0] == "Hop #3"
    assert "19:32:07 UTC · +1 s · no TLS" in hop["label"]
    assert node_for_hop(g, 2) == "hop:2"
    assert node_for_hop(g, 3) is None
    route_bottom = max(d["y"] + d["h"] for n, d in g.nodes(data=True) if d["kind"] != "hop")
    assert hop["y"] > route_bottom
    # The path: predicted edges it took are marked, the rest are "actual" edges.
    assert g.edges["client", "sending:203.0.113.74"]["actual"] is True
    assert g.edges["addr:203.0.113.74", "mx:gmail-smtp-in.l.google.com"]["hops"] == [1]
    assert g.edges["mx:gmail-smtp-in.l.google.com", "hop:2"]["kind"] == "actual"
    assert g.edges["hop:2", "mailbox"]["kind"] == "actual"
    assert not g.edges["addr:203.0.113.74", "mx:alt1.gmail-smtp-in.l.google.com"].get("actual")
    # No signature, DMARC none (no record).
    assert g.nodes["dkim:none"]["kind"] == "dkim"
    assert g.nodes["dmarc:result"]["label"].startswith("DMARC none")
    assert g.has_edge("mailbox", "dkim:none") and g.has_edge("mailbox", "dmarc:result")
    assert _overlaps(g) == []


def test_without_a_message_the_graph_is_unchanged(seed: Result) -> None:
    plain = build_route_graph(dataclasses.replace(seed, message=None))
    assert not [n for n, d in plain.nodes(data=True) if d["kind"] in ("hop", "dkim", "dmarc")]
    assert not [e for e in plain.edges(data=True) if e[2].get("actual")]
    assert all("hops" not in d for _, d in plain.nodes(data=True))


def test_relay_off_the_predicted_route_is_flagged(seed: Result) -> None:
    # relay.example.com (hop #2) relays for example.org: the analysis flags it when the
    # sender's route is predicted through its own servers.
    result = with_message(seed, "postfix_exim_qmail.eml")
    assert result.message is not None and result.message.unexpected_hops
    g = build_route_graph(result)
    for index in result.message.unexpected_hops:
        node = node_for_hop(g, index)
        assert node == f"hop:{index}"
        assert g.nodes[node]["status"] == "softfail"
        assert g.nodes[node]["unexpected"] is True
        assert "not on the predicted route" in g.nodes[node]["label"]
    # Every hop is somewhere, joined in order.
    nodes = [node_for_hop(g, i) for i in range(len(result.message.parsed.hops))]
    assert None not in nodes
    assert _overlaps(g) == []


def test_microsoft365_collapses_nothing_and_keeps_the_handover(seed: Result) -> None:
    result = with_message(seed, "microsoft365.eml")
    g = build_route_graph(result)
    assert result.message is not None
    handover = result.message.parsed.handover
    assert handover is not None
    assert node_for_hop(g, handover.hop) == f"hop:{handover.hop}"
    assert _overlaps(g) == []


def test_a_thousand_hops_stay_bounded(seed: Result) -> None:
    assert seed.message is not None
    base = seed.message.parsed.hops
    internal = Hop(None, None, None, "10.0.0.1", "SMTP", False, None, 0.0, "x", False)
    hops = (*base, *([internal] * 1000))
    parsed = dataclasses.replace(seed.message.parsed, hops=hops)
    info = dataclasses.replace(seed.message, parsed=parsed)
    g = build_route_graph(dataclasses.replace(seed, message=info))
    lane = [n for n, d in g.nodes(data=True) if d["kind"] == "hop"]
    assert len(lane) <= LANE_MAX
    assert node_for_hop(g, 500) is not None
    assert node_for_hop(g, len(hops) - 1) == f"hop:{len(hops) - 1}"
    assert any("+999 internal hops" in g.nodes[n]["label"] for n in lane)
    assert "Hop #1,003" in g.nodes[f"hop:{len(hops) - 1}"]["label"]
    assert _overlaps(g) == []


def test_dkim_signatures_and_dmarc_result(seed: Result) -> None:
    assert seed.message is not None
    sigs = (
        DkimSignature(0, "ts.skr.jp", "s1", "rsa-sha256", "pass", "", "rsa", 2048, aligned=True),
        DkimSignature(1, "esp.example", "k", "rsa-sha256", "fail", "body hash", "rsa", 1024),
    )
    info = dataclasses.replace(seed.message, dkim=sigs)
    g = build_route_graph(dataclasses.replace(seed, message=info))
    assert g.nodes["dkim:0"]["status"] == "pass"
    assert g.nodes["dkim:0"]["label"] == "DKIM d=ts.skr.jp s=s1\npass · aligned · 2048-bit"
    assert g.nodes["dkim:1"]["status"] == "fail"
    assert "dkim:none" not in g
    assert _overlaps(g) == []


def test_handover_server_is_named_beside_its_address(seed: Result) -> None:
    # The message says who is behind 203.0.113.74: the picture shows the name, not only digits.
    g = build_route_graph(seed)
    assert "www274.sakura.ne.jp [203.0.113.74]" in g.nodes["sending:203.0.113.74"]["label"]


def _relayed_message(total: int) -> bytes:
    """The seed message with relays between the sender's server and Gmail's: `total` hops
    in all, the relays off the predicted route."""
    seed_eml = (ROOT / "resources" / "examples" / "seed.eml").read_bytes()
    relays = b"".join(
        b"Received: from relay%d.example.net (relay%d.example.net [198.51.100.%d])\n"
        b"        by relay%d.example.net with ESMTP id x%d;\n"
        b"        Fri, 27 Nov 2026 11:%02d:06 -0800 (PST)\n"
        % (i + 1, i + 1, i % 250 + 1, i, i, i % 60)
        for i in range(total - 3)
    )
    marker = b"Received: from [192.168.1.10]"
    return seed_eml.replace(marker, relays + marker)


def test_collapsed_hops_count_what_they_hold_and_name_hop_numbers(seed: Result) -> None:
    parsed = parse_message(_relayed_message(1500))
    assert len(parsed.hops) == 1500
    s, r, v = message_parties(parsed)
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    result = asyncio.run(analyze(ReplaySource(rec.answers), s, r, v, message=MessageInput(parsed)))
    g = build_route_graph(result)
    collapsed = [d for _, d in g.nodes(data=True) if d["kind"] == "hop" and len(d["hops"]) > 1]
    assert len(collapsed) == 1
    node = collapsed[0]
    held = len(node["hops"])
    assert held > 1000
    first, last = node["hops"][0] + 1, node["hops"][-1] + 1
    lines = node["label"].split("\n")
    # The hop numbers people read (1-based, with thousands separators), and the count it holds.
    assert lines[0] == f"Hops #{first:,}–#{last:,}"
    assert lines[1] == f"{held:,} hops"
    assert "+0" not in node["label"]
    assert node["details"]["hops"] == f"#{first:,}–#{last:,} of 1,500"
    assert node["details"]["note"] == f"not on the predicted route ({held:,} hops)"
