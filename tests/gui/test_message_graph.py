"""The received message drawn over the route: badges, hop lane, export, Japanese labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mailpath.core.route.graph import build_route_graph
from mailpath.gui.graph import render
from mailpath.gui.graph.export import export_images
from tests.core.test_route_message import seed  # noqa: F401  (fixture)


def test_badge_numbers_match_the_message_panel() -> None:
    assert render.hop_badge([0, 1]) == "#1 #2"
    assert render.hop_badge(range(9)) == "#1–#9"
    assert render.hop_badge([]) == ""


def test_seed_message_exports(qapp: Any, tmp_path: Path, seed: Any) -> None:  # noqa: F811
    g = build_route_graph(seed)
    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    export_images(g, str(png), str(svg), g.graph["title"])
    assert png.stat().st_size > 10_000
    text = svg.read_text(encoding="utf-8")
    assert "Hop #3" in text and "DKIM: none" in text
