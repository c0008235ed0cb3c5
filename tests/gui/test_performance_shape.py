"""What the fast paths of the route drawing must keep (behaviour, never timings): a dragged
node still drags its edges and keeps its place, a zoomed-out overview still draws every node
and edge, the overview leaves the painter as the view expects, and start-up does not load
the core."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

from mailpath.core.model import Status
from mailpath.core.route.attrs import NodeKind
from mailpath.gui.graph import render
from mailpath.gui.graph.view import RouteScene, RouteView
from tests.gui import fakes

ROOT = Path(__file__).resolve().parents[2]
#: Code that lists in `made` the name of every Python enum made from then on (PySide6 makes
#: one of each Qt enum of a class at the class's first use).
ENUM_SPY = (
    "import enum\n"
    "made = []\n"
    "create = enum.EnumType._create_\n"
    "def spy(cls, name, *args, **kwargs):\n"
    "    made.append(name)\n"
    "    return create(cls, name, *args, **kwargs)\n"
    "enum.EnumType._create_ = spy\n"
)


def _first_launch(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """`code` in a new Python, offscreen, as a first launch: its settings in `folder`, with
    no saved window state (the session's settings folder, which the other tests write to,
    would restore their docks)."""
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(folder),
        "MAILPATH_CONFIG_DIR": str(folder),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _view(qtbot: Any, graph: Any) -> tuple[RouteScene, RouteView]:
    scene = RouteScene()
    view = RouteView(scene)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    scene.set_graph(graph)
    return scene, view


def test_dragging_a_node_moves_its_edges_and_keeps_its_place(qtbot: Any) -> None:
    graph = fakes.big_graph(20)
    scene, view = _view(qtbot, graph)
    view.resetTransform()
    node = scene.nodes["n5"]  # layer 2: edges in and out
    assert node.edges
    view.centerOn(node)
    before = {e.key: e.geometry.path.boundingRect() for e in node.edges if e.geometry}
    start = view.mapFromScene(node.scene_rect().center())
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(0, 8 * step))
    end = start + QPoint(0, 40)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert node.pos().y() > float(graph.nodes["n5"]["y"]) + 20
    for edge in node.edges:
        assert edge.geometry is not None
        assert edge.geometry.path.boundingRect() != before[edge.key]
        rect = node.scene_rect()
        ends = (edge.geometry.path.pointAtPercent(0), edge.geometry.path.pointAtPercent(1))
        assert any(rect.adjusted(-1, -1, 1, 1).contains(p) for p in ends)
    assert scene.moved["n5"] == node.pos()
    # An update of the graph keeps the place the person gave it.
    scene.set_graph(graph)
    assert scene.nodes["n5"].pos() == scene.moved["n5"]


def test_overview_draws_every_node_and_edge(qtbot: Any) -> None:
    graph = fakes.big_graph(1000)
    scene, view = _view(qtbot, graph)
    view.fit_all()
    assert view.zoom() < render.LOD_TEXT  # the overview level of detail
    painted: list[str] = []
    for item in list(scene.nodes.values()) + list(scene.edge_items.values()):
        original = item.paint

        def paint(*args: Any, _o: Any = original, _k: Any = item) -> None:
            painted.append(str(getattr(_k, "node_id", getattr(_k, "key", ""))))
            _o(*args)

        item.paint = paint  # type: ignore[method-assign, assignment]  # a recording stand-in
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    assert len(painted) >= len(scene.nodes) + len(scene.edge_items)
    assert set(scene.nodes) <= set(painted)


def test_overview_painting_leaves_the_view_painter_usable(qtbot: Any) -> None:
    """The overview path does not save the painter: the view must (DontSavePainterState)."""
    _scene, view = _view(qtbot, fakes.big_graph(200))
    assert not (view.optimizationFlags() & view.OptimizationFlag.DontSavePainterState)
    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    render.paint_node(
        painter, {"kind": NodeKind.MX, "status": Status.PASS}, QRectF(0, 0, 90, 40), render.LIGHT
    )
    assert painter.testRenderHint(QPainter.RenderHint.Antialiasing)  # full detail restores
    painter.end()


def test_window_start_up_does_not_load_the_core(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from argparse import Namespace\n"
        "from mailpath.gui import app as appmod\n"
        "a, w = appmod.launch(Namespace())\n"
        "w.built.connect(a.quit)\n"
        "a.exec()\n"
        "w.shutdown()\n"
        "core = ('dns', 'networkx', 'mailpath.core.judgement.verdict',\n"
        "        'mailpath.core.dns.resolvers',  # the Resolver list's, when first wanted\n"
        "        'mailpath.core.route.attrs')  # the route's, with the first route\n"
        "print(sorted(m for m in core if m in sys.modules))\n"
    )
    out = _first_launch(code, tmp_path)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_png_writer_is_lossless_with_text_and_resolution(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QPen

    from mailpath.gui.graph import png

    # Big enough for the threaded path (several slices of rows joined into one stream).
    for size in ((37, 11), (1500, 1100)):
        image = QImage(*size, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setPen(QPen(QColor("#cf222e"), 3))
        painter.drawLine(0, 0, size[0], size[1])
        painter.fillRect(QRectF(5, 2, 9, 5), QColor("#1a7f37"))
        painter.end()
        image.setDotsPerMeterX(7559)
        image.setDotsPerMeterY(7559)
        image.setText("Title", "a.example → 日本語.jp — today")
        image.setText("Software", "mailpath")
        path = tmp_path / f"{size[0]}.png"
        png.write(image, str(path))
        back = QImage(str(path))
        assert back.size() == image.size()
        assert back.convertToFormat(QImage.Format.Format_RGB32) == image
        assert back.text("Title") == "a.example → 日本語.jp — today"
        assert back.text("Software") == "mailpath"
        assert back.dotsPerMeterX() == 7559


def test_window_start_up_creates_no_enums_it_does_not_use(tmp_path: Path) -> None:
    """PySide6 makes a Python enum of each Qt enum a class has when the class is first used
    (the whole `Qt` namespace at once): start-up leaves out QStyle and QTextDocument (the
    findings' delegate needs them only to draw findings), the dialogs and views that a search
    for the type of an unknown widget pulls in, QGradient and QImage (a QBrush constructor or
    fillRect() picking its overload), the Message, Authoritative servers, Re-check and
    Requirements panels until their docks are shown, and the route's items and drawing until
    there is a route."""
    code = (
        "import sys\n" + ENUM_SPY + "from argparse import Namespace\n"
        "from mailpath.gui import app as appmod\n"
        "a, w = appmod.launch(Namespace())\n"
        "from PySide6.QtCore import QTimer\n"
        "w.built.connect(lambda: QTimer.singleShot(100, a.quit))  # and painted\n"
        "a.exec()\n"
        "w.shutdown()\n"
        "unused = {'PrimitiveElement', 'ControlElement', 'TabPosition', 'WizardOption',\n"
        "          'FileMode', 'SliderAction', 'Preset', 'InvertMode', 'MarkdownFeature'}\n"
        "lazy = ('panels.message', 'panels.authoritative', 'panels.watch', 'panels.requirements',\n"
        "        'graph.render', 'graph.items', 'graph.detail')  # no route yet: an empty scene\n"
        "print(sorted(unused & set(made)), *(f'mailpath.gui.{m}' in sys.modules for m in lazy))\n"
    )
    out = _first_launch(code, tmp_path)
    last = out.stdout.strip().splitlines()[-1]
    assert last == "[] " + " ".join(["False"] * 7), out.stdout + out.stderr


def test_window_makes_no_enum_of_the_qt_namespace_before_its_first_paint(tmp_path: Path) -> None:
    """The `Qt` namespace's 110 enums are made all at once, at its first use (~14 ms of
    Python's enum machinery, more than a tenth of a bare window's start): the first frame
    (inputs, menus, headline, status line) is built without it, and everything else after."""
    code = (
        ENUM_SPY + "from mailpath import cli\n"
        "args = cli.arguments([])\n"
        "appmod = cli.load_gui()  # as `mailpath` starts the window\n"
        "a, w = appmod.launch(args)\n"
        "first = []\n"
        "w.firstPainted.connect(lambda: first.extend(made))\n"
        "w.built.connect(a.quit)\n"
        "a.exec()\n"
        "w.shutdown()\n"
        "namespace = {'AlignmentFlag', 'GlobalColor', 'DockWidgetArea', 'Key'}\n"
        "print(bool(first), sorted(namespace & set(first)), sorted(namespace & set(made)))\n"
    )
    out = _first_launch(code, tmp_path)
    # The namespace is made after the first paint (the last list: the test sees it made).
    expected = "True [] ['AlignmentFlag', 'DockWidgetArea', 'GlobalColor', 'Key']"
    assert out.stdout.strip().splitlines()[-1] == expected, out.stdout + out.stderr
