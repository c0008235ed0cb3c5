"""What a person sees in the route drawing: every name whole in its node with any font,
labels clear of nodes, of each other and of other edges, Unicode names, the whole route
after Fit, the first-launch hint, a real font family in the SVG."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QPainterPathStroker
from PySide6.QtWidgets import QApplication

from mailpath.gui.graph import export, render
from mailpath.gui.graph.edges import break_in_two
from mailpath.gui.text import i18n
from mailpath.paths import seed_example

CJK = "Noto Sans CJK JP"
IDN = "xn--wgv71a119e.jp"  # 日本語.jp


def _many_mx_recording(tmp_path: Path) -> Path:
    """The seed story sent to 日本語.jp, with long MX names and a long IPv6 sender."""
    data = json.loads(seed_example().read_text(encoding="utf-8"))
    via = "mail-relay-outbound-01.example-corp.example"
    data["inputs"].update(recipient="日本語.jp", via=via)
    hosts = [
        (5, f"mx-primary-tokyo-01.mailgateway.{IDN}"),
        (5, f"mx-primary-osaka-02.mailgateway.{IDN}"),
        (10, "alt1.gmail-smtp-in.l.google.com"),
        (20, "backup-mx.very-long-provider-name.example.net"),
        (30, "mx4.example.org"),
    ]
    q = [x for x in data["queries"] if x["type"] in ("TXT",) and "ts.skr.jp" in x["name"]]
    q.append({"name": IDN, "type": "MX", "outcome": "ok", "records": [list(h) for h in hosts]})
    for i, (_, host) in enumerate(hosts):
        q.append({"name": host, "type": "A", "outcome": "ok", "records": [f"198.51.100.{i}"]})
        q.append({"name": host, "type": "AAAA", "outcome": "ok", "records": [f"2001:db8::{i}"]})
    v6 = "2001:db8:abcd:1234:5678:9abc:def0:1274"
    q.append({"name": via, "type": "A", "outcome": "ok", "records": ["203.0.113.74"]})
    q.append({"name": via, "type": "AAAA", "outcome": "ok", "records": [v6]})
    q.append({"name": f"_dmarc.{IDN}", "type": "TXT", "outcome": "nxdomain", "records": []})
    for entry in q:
        entry.setdefault("elapsed_us", 1000)
    data["queries"] = q
    path = tmp_path / "many.mailpath.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _graph(path: Path) -> Any:
    from mailpath.core.analysis import analyze
    from mailpath.core.dns.recording import open_recording
    from mailpath.core.dns.sources import ReplaySource
    from mailpath.core.route.graph import build_route_graph
    from mailpath.gui.text.labels import LocalizedGraph

    rec = open_recording(path)
    result = asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))
    return LocalizedGraph(build_route_graph(result))


@pytest.fixture(params=["default", "cjk"])
def app_font(request: Any, qapp: Any) -> Iterator[str]:
    """The application's default font: the desktop's, or Noto Sans CJK as on a Japanese one."""
    before = QApplication.font()
    if request.param == "cjk":
        if CJK not in QFontDatabase.families():
            pytest.fail("fonts-noto-cjk is not installed")
        QApplication.setFont(QFont(CJK))
    yield request.param
    QApplication.setFont(before)


def _rejoined(drawn: list[str], label: list[str]) -> list[str]:
    """The label's lines found in `drawn`, whole or as the two parts a break makes."""
    found: list[str] = []
    for line in label:
        parts = break_in_two(line)
        if drawn[:1] == [line]:
            drawn = drawn[1:]
        elif len(parts) == 2 and drawn[:2] == parts:
            drawn = drawn[2:]
        else:
            break
        found.append(line)
    return found + drawn


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_name_is_drawn_whole_inside_its_node(
    app_font: str, lang: str, tmp_path: Path
) -> None:
    i18n.install(lang)
    for path in (seed_example(), _many_mx_recording(tmp_path)):
        graph = _graph(path)
        rects = render.node_rects(graph)
        for node_id, attrs in graph.nodes(data=True):
            rect = rects[node_id]
            lines = render.node_text_layout(attrs, rect)
            label = str(attrs["label"]).split("\n")
            # Every line of the label is drawn (the MX host name was dropped with CJK fonts),
            # a line wider than the widest node broken in two at a space...
            drawn = [ln.text for ln in lines if ln.role != "caption"]
            assert _rejoined(drawn, label) == label, node_id
            for line in lines:
                # ...whole, not elided, and inside the node, measured with the font drawn.
                assert line.shown == line.text, (node_id, line.shown)
                from PySide6.QtGui import QFontMetricsF

                metrics = QFontMetricsF(line.font)
                assert line.font.family() == QApplication.font().family()
                assert metrics.horizontalAdvance(line.text) <= line.rect.width() + 0.5
                assert metrics.height() <= line.rect.height() + 0.01
                assert rect.contains(line.rect), (node_id, line.text)
                assert line.font.pixelSize() >= 9, (node_id, line.text)
            heights = [ln.rect for ln in lines]
            for a, b in itertools.pairwise(heights):
                assert a.bottom() <= b.top() + 0.01  # lines do not overlap


def _shown_labels(graph: Any) -> tuple[list[tuple[Any, str, Any]], Any, Any]:
    rects = render.node_rects(graph)
    edges = render.edge_geometries(graph, rects)
    spots = render.label_spots(edges, rects)
    shown = []
    for key, attrs, geo, _ in edges:
        spot = spots.get(key, render.MID)
        if spot.shown:
            shown.append((key, render.edge_label_text(attrs), render.spot_rect(attrs, geo, spot)))
    return shown, rects, edges


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_edge_labels_clear_of_nodes_each_other_and_other_edges(
    app_font: str, lang: str, tmp_path: Path
) -> None:
    i18n.install(lang)
    stroker = QPainterPathStroker()
    stroker.setWidth(2.0)
    for path in (seed_example(), _many_mx_recording(tmp_path)):
        graph = _graph(path)
        shown, rects, edges = _shown_labels(graph)
        prefs = [text for _, text, _ in shown if text.startswith("SMTP :25")]
        # The preference number is in the label of every MX host mail goes to.
        assert prefs and all(text.rstrip().endswith(" 5") for text in prefs), prefs
        for i, (key, text, rect) in enumerate(shown):
            for node_id, node in rects.items():
                assert not rect.intersects(node), (text, node_id)
            for other_key, _, other in shown[i + 1 :]:
                assert not rect.intersects(other), (key, other_key)
            bundle = {
                k
                for k, a, _, dst in edges
                if dst == key[1] and render.edge_label_text(a) == text and text
            } | {key}
            for other_key, _, geo, _ in edges:
                if other_key not in bundle:
                    assert not stroker.createStroke(geo.path).intersects(rect), (
                        text,
                        other_key,
                    )
            if not text:
                continue  # a marker only (an edge mail does not take)
            # The text fits its box, marker beside it.
            f = render.font(render.EDGE_PX)
            from PySide6.QtGui import QFontMetricsF

            widest = max(QFontMetricsF(f).horizontalAdvance(t) for t in text.split("\n"))
            assert widest + render.EDGE_MARKER_SIZE + 6 <= rect.width() + 0.5


def test_unicode_domains_in_both_forms(qapp: Any, tmp_path: Path) -> None:
    graph = _graph(_many_mx_recording(tmp_path))
    labels = {n: str(a["label"]) for n, a in graph.nodes(data=True)}
    assert "日本語.jp (xn--wgv71a119e.jp)" in labels["mailbox"]
    assert "日本語.jp (xn--wgv71a119e.jp)" in labels["dns:mx"]
    tokyo = labels[f"mx:mx-primary-tokyo-01.mailgateway.{IDN}"]
    assert tokyo.split("\n")[1] == "mx-primary-tokyo-01.mailgateway.日本語.jp (xn--wgv71a119e.jp)"
    svg = tmp_path / "idn.svg"
    export.export_images(graph.source, None, str(svg), f"ts.skr.jp → {IDN}")
    text = svg.read_text(encoding="utf-8")
    assert "日本語.jp (xn--wgv71a119e.jp)" in text


def test_svg_names_real_font_families(qapp: Any, tmp_path: Path) -> None:
    svg = tmp_path / "seed.svg"
    export.export_images(_graph(seed_example()).source, None, str(svg), "seed")
    families = set(re.findall(r'font-family="([^"]*)"', svg.read_text(encoding="utf-8")))
    assert families
    for family in families:
        names = [n.strip().strip("'") for n in family.split(",")]
        assert names[-1] == "sans-serif", family
        assert "Sans Serif" not in names, family


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_fit_shows_the_whole_route(qtbot: Any, size: tuple[int, int]) -> None:
    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en")
    win.screenshot_mode = True
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    try:
        with qtbot.waitSignal(win.analysisFinished, timeout=15000):
            assert win.files.open_analysis(str(seed_example()))
        win.view.fit_all()
        visible = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
        for node_id, item in win.scene.nodes.items():
            assert visible.contains(item.scene_rect()), (size, node_id)
    finally:
        win.close()


def test_first_launch_hint_fills_the_empty_view(qtbot: Any) -> None:
    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en", deferred=True)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    with qtbot.waitSignal(win.built, timeout=5000):
        win.show()
    hint = win.placeholder
    # The hint takes the viewport's geometry on the view's resize event: wait for that.
    qtbot.waitUntil(
        lambda: hint.isVisible() and hint.geometry() == win.view.viewport().geometry(),
        timeout=5000,
    )
    lines = hint.text().split("\n")
    widest = max(hint.fontMetrics().horizontalAdvance(line) for line in lines)
    assert hint.width() >= widest and hint.height() > 300
    win.close()
