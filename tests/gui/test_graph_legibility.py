"""The route as a person sees it in the window: names large enough to read at the default
size, edge labels that never cover one another (after a drag, after a what-if), and no
elided name where the whole name fits."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest

from mailpath.gui.graph import render
from mailpath.gui.graph.view import RouteView
from mailpath.paths import seed_example
from tests.gui.test_refit import settled

#: 9 pt, as the issue asks, at the screen's logical resolution.
MIN_POINTS = 9.0


def opened_window(qtbot: Any, open_it: Callable[[Any], object]) -> Iterator[Any]:
    """A 1280x800 window, shown, with what `open_it(win)` opens analysed and fitted."""
    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en")
    win.screenshot_mode = True
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.analysisFinished, timeout=15000):
        assert open_it(win)
    settled(qtbot, win.view)
    yield win
    win.close()


@pytest.fixture
def seed_window(qtbot: Any) -> Iterator[Any]:
    yield from opened_window(qtbot, lambda win: win.files.open_analysis(str(seed_example())))


def shown_label_rects(scene: Any) -> list[tuple[tuple[str, str], Any]]:
    """The label boxes drawn on screen now (scene units), as the edge items paint them."""
    return [
        (key, edge.label_rect(False))
        for key, edge in scene.edge_items.items()
        if edge.spot.shown and edge.geometry is not None
    ]


def assert_no_label_overlaps(scene: Any, when: str) -> None:
    shown = shown_label_rects(scene)
    assert shown, when
    for (a, ra), (b, rb) in itertools.combinations(shown, 2):
        assert not ra.intersects(rb), (when, a, b)
    for key, rect in shown:
        for node_id, node in scene.nodes.items():
            assert not rect.intersects(node.scene_rect()), (when, key, node_id)


def drag(qtbot: Any, view: Any, item: Any, by: QPointF) -> None:
    """Drag `item` with the mouse, in steps, as a person does."""
    start = view.mapFromScene(item.scene_rect().center())
    end = view.mapFromScene(item.scene_rect().center() + by)
    port = view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 9):
        point = start + (end - start) * (i / 8)
        QTest.mouseMove(port, QPoint(point.x(), point.y()))
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    settled(qtbot, view)


def test_labels_never_overlap_after_build_drag_and_what_if(qtbot: Any, seed_window: Any) -> None:
    win = seed_window
    scene = win.scene
    assert_no_label_overlaps(scene, "after build")
    # The IPv6 address dragged up onto the IPv4 address's edges: their labels must move.
    v6 = scene.nodes["addr:2001:db8:e0::274"]
    before = v6.scene_rect().topLeft()
    drag(qtbot, win.view, v6, QPointF(0, -70))
    assert v6.scene_rect().topLeft() != before  # it really moved
    assert_no_label_overlaps(scene, "after drag")
    win.route.toggle_down("mx:gmail-smtp-in.l.google.com")
    settled(qtbot, win.view)
    assert scene.nodes["mx:gmail-smtp-in.l.google.com"].attrs.get("down")
    assert_no_label_overlaps(scene, "after what-if")


def on_screen_points(view: RouteView, pixel_size: int) -> float:
    """A scene font size as drawn on screen: through the view's transform, in points."""
    pixels = (
        view.transform().map(QPointF(0, pixel_size)).y() - view.transform().map(QPointF(0, 0)).y()
    )
    return pixels * 72.0 / view.logicalDpiY()


def only_dock(qtbot: Any, win: Any, name: str) -> None:
    """Hide every dock but `name` (Requirements shares the bottom area with Findings)."""
    from PySide6.QtWidgets import QDockWidget

    shown = win.findChild(QDockWidget, f"{name}Dock")
    assert shown is not None, name
    for dock in win.findChildren(QDockWidget):
        if dock is not shown:
            dock.hide()
    shown.show()
    shown.raise_()
    win.view.request_fit()
    settled(qtbot, win.view)


def small_names(win: Any) -> list[tuple[str, str, float]]:
    """Node titles and host names drawn below MIN_POINTS on screen now."""
    small = []
    for node_id, item in win.scene.nodes.items():
        for line in render.node_text_layout(item.attrs, item.scene_rect()):
            if line.role == "caption":
                continue  # "primary", "fallback": the title and host name are what is read
            points = on_screen_points(win.view, line.font.pixelSize())
            if points < MIN_POINTS:
                small.append((node_id, line.text, round(points, 1)))
    return small


def assert_compact_and_legible(qtbot: Any, win: Any, dock: str, lang: str) -> None:
    """With only `dock` open, in `lang`: the route is compact and every name is 9 pt."""
    win.set_language(lang)
    try:
        only_dock(qtbot, win, dock)
        assert win.scene.terse
        assert not small_names(win)
    finally:
        win.set_language("en")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("dock", ["details", "spf", "findings", "message", "requirements", "watch"])
def test_names_are_9_points_on_screen_at_the_default_size(
    qtbot: Any, seed_window: Any, dock: str, lang: str
) -> None:
    """With a dock on the right the whole route, labels and all, would be fitted at 7.9 pt:
    its edge labels then give way to their markers (the text in each edge's tooltip)."""
    win = seed_window
    win.set_language(lang)
    try:
        only_dock(qtbot, win, dock)
        assert not small_names(win)
    finally:
        win.set_language("en")


def test_names_are_9_points_with_a_cjk_default_font(qtbot: Any, seed_window: Any) -> None:
    """Noto Sans CJK JP as the desktop's font: its taller lines did not fit the core's 64-unit
    nodes, so every node's text was drawn smaller (8.7 pt) at a zoom that gave 9 pt."""
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    if "Noto Sans CJK JP" not in QFontDatabase.families():
        pytest.skip("Noto Sans CJK JP is not installed (fonts-noto-cjk)")
    win = seed_window
    before = QGuiApplication.font()
    QGuiApplication.setFont(QFont("Noto Sans CJK JP", before.pointSize()))
    render.clear_font_cache()
    try:
        win.set_language("ja")
        win.scene.set_graph(win.scene.graph)
        only_dock(qtbot, win, "details")
        assert not small_names(win)
    finally:
        QGuiApplication.setFont(before)
        render.clear_font_cache()
        win.set_language("en")


def test_edge_labels_come_back_when_the_dock_closes(qtbot: Any, seed_window: Any) -> None:
    win = seed_window
    only_dock(qtbot, win, "details")
    assert win.scene.terse
    submission = next(
        e for e in win.scene.edge_items.values() if e.attrs.get("kind") == "submission"
    )
    assert "587" in submission.toolTip()  # the label a marker stands for
    assert "587" not in render.edge_label_text(submission.attrs)
    win.details_dock.hide()
    win.view.request_fit()
    settled(qtbot, win.view)
    assert not win.scene.terse
    assert "587" in render.edge_label_text(submission.attrs)
    assert not small_names(win)


def test_no_dns_node_is_elided_where_its_name_fits(qapp: Any, tmp_path: Path) -> None:
    from tests.gui.test_drawing import _graph

    # A sender domain long enough that "DNS: SPF <domain>" is wider than the core's box.
    data = json.loads(seed_example().read_text(encoding="utf-8"))
    long_domain = "timeout-and-retries.subdomain.example"
    old = str(data["inputs"]["sender"]).rpartition("@")[2] or str(data["inputs"]["sender"])
    text = json.dumps(data, ensure_ascii=False).replace(old, long_domain)
    path = tmp_path / "long.mailpath.json"
    path.write_text(text, encoding="utf-8")
    graph = _graph(path)
    rects = render.node_rects(graph)
    labels = {n: str(a.get("label")) for n, a in graph.nodes(data=True)}
    assert any(long_domain in label for n, label in labels.items() if n.startswith("dns:")), labels
    for node_id, attrs in graph.nodes(data=True):
        for line in render.node_text_layout(attrs, rects[node_id]):
            assert line.shown == line.text, (node_id, line.shown)
            width = QFontMetricsF(line.font).horizontalAdvance(line.text)
            assert width <= line.rect.width() + 0.5, (node_id, line.text)
    # The DNS nodes keep clear of each other.
    dns = [rects[n] for n in rects if n.startswith("dns:")]
    for a, b in itertools.combinations(dns, 2):
        assert not a.intersects(b)


def test_the_fan_out_shows_one_marker_per_mx_host_and_status(qtbot: Any, seed_window: Any) -> None:
    """Two addresses fan out to five MX hosts: ten edges, but one marker (label) into each
    host, or one per address family where the families' statuses differ."""
    scene = seed_window.scene
    into: dict[str, list[str]] = {}
    for (_u, v), edge in scene.edge_items.items():
        if edge.attrs.get("kind") == "smtp" and edge.spot.shown:
            into.setdefault(v, []).append(str(edge.attrs.get("status")))
    assert len(into) == 5, into
    for host, statuses in into.items():
        assert len(statuses) == len(set(statuses)), (host, statuses)


def test_edge_labels_keep_clear_of_the_transport_locks(qapp: Any) -> None:
    """The "SMTP :25 · pref 10" label was drawn over the TLS lock at the end of its edge."""
    from mailpath.core.route.attrs import EdgeKind, TransportMarker
    from mailpath.gui.graph import transport
    from mailpath.gui.graph.scene import RouteScene
    from tests.gui.test_drawing import _graph

    graph = _graph(seed_example())
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("kind") == EdgeKind.SMTP:
            attrs["transport"] = TransportMarker.VERIFIED
    scene = RouteScene()
    scene.set_graph(graph)
    locks = [
        lock
        for edge in scene.edge_items.values()
        if edge.geometry is not None
        and (lock := transport.lock_rect(edge.attrs, edge.geometry.path)) is not None
    ]
    assert len(locks) == 10  # two addresses to five MX hosts
    for key, rect in shown_label_rects(scene):
        for lock in locks:
            assert not rect.intersects(lock), key


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_names_are_9_points_as_the_window_first_opens(
    qtbot: Any, seed_window: Any, lang: str
) -> None:
    """The first launch at 1280x800 opens Details beside the route and Findings below it:
    8.6 pt with the Details dock 340 px wide and the scene's 8-unit margins; 7.9 pt in
    Japanese before the compact route stacked the verdicts and tucked the client."""
    win = seed_window
    win.set_language(lang)
    try:
        win._default_dock_sizes()
        win.view.request_fit()
        settled(qtbot, win.view)
        assert win.details_dock.isVisible() and win.findings_dock.isVisible()
        assert not small_names(win)
    finally:
        win.set_language("en")


@pytest.fixture
def message_window(qtbot: Any) -> Iterator[Any]:
    """The window with the example received message open (its route has six columns)."""
    yield from opened_window(qtbot, lambda win: win.files.open_example_message())


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("dock", ["message", "details", "findings"])
def test_a_received_message_is_9_points_with_one_dock(
    qtbot: Any, message_window: Any, dock: str, lang: str
) -> None:
    """A received message's route beside its Message panel was drawn at 6.2 pt (about 5 px
    in the issue): six columns in 837 px. Compact, its client goes under the submission
    server, the verdicts above the mailbox, and long lines break at a space."""
    assert_compact_and_legible(qtbot, message_window, dock, lang)


def test_a_compact_route_stacks_without_overlaps(qtbot: Any, message_window: Any) -> None:
    """The compact layout's moves keep every node clear of every other, and the edges from
    the mailbox to the verdicts stacked above it run clear of the nodes between."""
    win = message_window
    only_dock(qtbot, win, "message")
    rects = {n: item.scene_rect() for n, item in win.scene.nodes.items()}
    mailbox, sending, client = rects["mailbox"], rects["sending:203.0.113.74"], rects["client"]
    verdicts = [n for n, i in win.scene.nodes.items() if i.attrs.get("kind") in ("dmarc", "dkim")]
    assert len(verdicts) == 2
    for n in verdicts:  # in the mailbox's column, above it
        assert rects[n].left() == mailbox.left() and rects[n].bottom() < mailbox.top()
    assert client.top() > sending.bottom()  # under the node it hands mail to
    assert client.left() >= sending.left() and client.right() <= sending.right()
    for a, b in itertools.combinations(rects, 2):
        assert not rects[a].intersects(rects[b]), (a, b)
    for (u, v), edge in win.scene.edge_items.items():
        if u == "mailbox" and v in verdicts:
            assert edge.geometry is not None
            path = edge.geometry.path
            others = [r for n, r in rects.items() if n not in (u, v)]
            assert not any(path.intersects(r.adjusted(1, 1, -1, -1)) for r in others), v
