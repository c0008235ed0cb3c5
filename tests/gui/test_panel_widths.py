"""The docked panels at the width their dock opens with (1280x800 screen, default window):
every value is shown whole, on as many lines as it needs, and no column is pushed out of
sight. A cell whose text is wider than its column on a single line is cut ("sending:www274.
sakura.n…"), which a person reads as the value."""

from __future__ import annotations

import asyncio
import math
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from mailpath.paths import seed_example

if TYPE_CHECKING:
    from mailpath.core.model import Result

#: The Details and SPF trace docks' panel width at the default window size (the dock's 340
#: less its frame), and the Message dock's (34 % of the window).
NARROW_DOCK = 320
MESSAGE_DOCK = 390


@pytest.fixture(scope="module")
def seed_result() -> Result:
    from mailpath.core.analysis import analyze
    from mailpath.core.dns.recording import open_recording
    from mailpath.core.dns.sources import ReplaySource

    rec = open_recording(seed_example())
    return asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))


def show(qtbot: Any, panel: QWidget, width: int) -> None:
    qtbot.addWidget(panel)
    panel.resize(width, 520)
    panel.show()
    qtbot.waitExposed(panel)
    QCoreApplication.processEvents()  # the rows' new layout after the columns were sized


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []

    def walk(item: QTreeWidgetItem) -> None:
        out.append(item)
        for i in range(item.childCount()):
            child = item.child(i)
            if child is not None:
                walk(child)

    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top is not None:
            walk(top)
    return out


def cut_texts(tree: QTreeWidget, columns: range | tuple[int, ...]) -> list[str]:
    """Texts in `columns` that their cell cannot show whole: a row shorter than the lines
    the text needs at least (its width over the column's), or a column outside the view."""
    cut: list[str] = []
    header = tree.header()
    view_width = tree.viewport().width()
    for column in columns:
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if right > view_width + 1:
            cut.append(f"column {tree.headerItem().text(column)!r} out of sight")
    for item in _items(tree):
        parent = item.parent()
        if parent is not None and not parent.isExpanded():
            continue
        row = tree.visualItemRect(item).height()
        for column in columns:
            text = item.text(column)
            if not text:
                continue
            metrics = QFontMetrics(item.font(column))
            lines = max(
                math.ceil(metrics.horizontalAdvance(line) / header.sectionSize(column))
                for line in text.splitlines()
            )
            if row < lines * metrics.height():
                cut.append(text)
    return cut


def test_details_show_every_value_of_every_node_whole(qtbot: Any, seed_result: Result) -> None:
    from mailpath.core.route.graph import build_route_graph
    from mailpath.gui.panels.details import DetailsPanel
    from mailpath.gui.text.labels import LocalizedGraph

    panel = DetailsPanel()
    show(qtbot, panel, NARROW_DOCK)
    graph = LocalizedGraph(build_route_graph(seed_result))
    checked = 0
    for node, attrs in graph.nodes(data=True):
        panel.show_node(node, attrs)
        QCoreApplication.processEvents()
        assert cut_texts(panel.tree, (0, 1)) == [], node
        checked += panel.tree.topLevelItemCount()
    assert checked > 40  # the seed route's nodes have details to show


def test_spf_trace_shows_terms_results_and_records_whole(qtbot: Any, seed_result: Result) -> None:
    from mailpath.gui.panels.spf_trace import SpfTracePanel

    panel = SpfTracePanel()
    show(qtbot, panel, NARROW_DOCK)
    panel.set_result(seed_result)
    assert panel.choice.count() >= 2
    for index in range(panel.choice.count()):
        panel.choice.setCurrentIndex(index)
        QCoreApplication.processEvents()
        assert panel.tree.topLevelItemCount() >= 1
        assert cut_texts(panel.tree, range(5)) == [], panel.choice.itemText(index)


def test_message_authentication_shows_results_and_reasons_whole(qtbot: Any) -> None:
    from mailpath.gui.panels.message import MessagePanel
    from tests.gui.test_message_panel import MESSAGE

    panel = MessagePanel()
    show(qtbot, panel, MESSAGE_DOCK)
    panel.set_message(MESSAGE)
    QCoreApplication.processEvents()
    assert len(_items(panel.auth)) > 10
    assert cut_texts(panel.auth, range(3)) == []


def test_findings_dock_opens_showing_three_findings(qtbot: Any, window: Any) -> None:
    """At the default window size on a 1280x800 screen (90 % of it), the seed's first three
    findings are in view whole, not two and the top of a third."""
    window.resize(1152, 720)
    window._default_dock_sizes()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_analysis(str(seed_example()))
    tree = window.findings.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() >= 3)
    QCoreApplication.processEvents()
    view = tree.viewport().rect()
    shown = [
        i
        for i in range(tree.topLevelItemCount())
        if view.contains(tree.visualItemRect(tree.topLevelItem(i)))
    ]
    assert shown[:3] == [0, 1, 2], (shown, view)
