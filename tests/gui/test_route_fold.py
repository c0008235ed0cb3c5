"""A compact route in a wide, low view: its DNS row and the received message's hops' lane
fold into free room inside the route (`layout._fold`), so that a received message is read at
9 pt in the window's default size on a 1280x800 screen (1152x720), with any one dock."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRectF, QSettings

from mailpath.gui.graph import detail, render
from mailpath.gui.graph.edges import bows, edge_geometry
from tests.gui.test_graph_legibility import assert_compact_and_legible
from tests.gui.test_refit import settled


@pytest.fixture
def laptop_window(qtbot: Any) -> Iterator[Any]:
    """The window as it first opens on a 1280x800 screen (90 % of it: 1152x720), with the
    example received message opened."""
    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en")
    win.screenshot_mode = True
    qtbot.addWidget(win)
    win.resize(1152, 720)
    win.show()
    qtbot.waitExposed(win)
    win._default_dock_sizes()  # the first launch's
    settled(qtbot, win.view)
    with qtbot.waitSignal(win.analysisFinished, timeout=15000):
        assert win.files.open_example_message()
    settled(qtbot, win.view)
    yield win
    win.close()


@pytest.mark.parametrize("dock", ["message", "details", "findings"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_received_message_is_9_points_in_a_laptop_window(
    qtbot: Any, laptop_window: Any, lang: str, dock: str
) -> None:
    """Before: 8.4 pt beside the Message or Details dock (the Message panel had widened the
    right docks from 300 to 391 px), 7.35 pt above the Findings (the DNS row and the hops'
    lane took a third of the route's height; 6.45 pt in Japanese)."""
    assert_compact_and_legible(qtbot, laptop_window, dock, lang)


def test_the_message_dock_keeps_the_right_docks_width(qtbot: Any, laptop_window: Any) -> None:
    """Opened beside Details, the Message dock takes the width the Details dock had."""
    win = laptop_window
    assert win.message_dock.isVisible()
    assert abs(win.message_dock.width() - win.details_dock.width()) <= 1
    assert win.message_dock.width() <= 310  # the first launch's 300 px, not the panel's 391


def _folded(win: Any, aspect: float | None) -> dict[str, QRectF]:
    return render.fitted_rects(detail.terse(win.scene.graph), terse=True, fold=aspect)


def _height(rects: dict[str, QRectF]) -> float:
    return max(r.bottom() for r in rects.values()) - min(r.top() for r in rects.values())


def test_a_folded_route_keeps_every_node_and_edge_clear(laptop_window: Any) -> None:
    """Above the Findings alone (a view four times as wide as high): both rows fold into
    the route, which is a fifth lower; no two nodes touch and no edge crosses a node."""
    win = laptop_window
    graph = detail.terse(win.scene.graph)
    plain, folded = _folded(win, None), _folded(win, 4.0)
    assert _height(folded) < 0.8 * _height(plain)
    kinds = {n: a.get("kind") for n, a in graph.nodes(data=True)}
    band = [r for n, r in plain.items() if kinds[n] not in ("dns", "hop")]
    top, bottom = min(r.top() for r in band), max(r.bottom() for r in band)
    for n, rect in folded.items():
        assert top <= rect.top() and rect.bottom() <= bottom, n  # the rows are inside
    for a, b in itertools.combinations(folded, 2):
        assert not folded[a].intersects(folded[b]), (a, b)
    for u, v, attrs in graph.edges(data=True):
        path = edge_geometry(folded[u], folded[v], bows(attrs)).path
        for n, rect in folded.items():
            if n not in (u, v):
                assert not path.intersects(rect.adjusted(1, 1, -1, -1)), (u, v, n)


def test_a_tall_view_keeps_the_rows(laptop_window: Any) -> None:
    """Beside a right dock with no dock below (a view not two times as wide as high) the
    route is as wide as the view allows: folding would make it wider, and it is not."""
    win = laptop_window
    assert _folded(win, 1.0) == _folded(win, None)


@pytest.mark.parametrize("terse", [False, True])
def test_no_edge_of_a_received_message_runs_through_a_node(laptop_window: Any, terse: bool) -> None:
    """The message's path from MX 5 down into the hop of the lane under the MX column ran
    straight through MX 10, 20, 30 (and 40): it now leaves along the column's right side,
    in the full route (exports) and the compact one."""
    graph = detail.terse(laptop_window.scene.graph) if terse else laptop_window.scene.graph
    rects = render.fitted_rects(graph, terse=terse)
    assert any(a.get("kind") == "hop" for _n, a in graph.nodes(data=True))
    for u, v, attrs in graph.edges(data=True):
        path = edge_geometry(rects[u], rects[v], bows(attrs)).path
        for n, rect in rects.items():
            if n not in (u, v):
                assert not path.intersects(rect.adjusted(1, 1, -1, -1)), (u, v, n)
