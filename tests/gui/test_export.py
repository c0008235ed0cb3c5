"""PNG and SVG export: size, content, markers, title; headless from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage

from mailpath.core.model import Status
from mailpath.gui.graph import export, markers, render
from tests.gui import fakes

ROOT = Path(__file__).resolve().parents[2]


def colours_near(image: QImage, target: QColor, tolerance: int = 40, step: int = 2) -> int:
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - target.red())
                + abs(c.green() - target.green())
                + abs(c.blue() - target.blue())
            ) <= tolerance:
                count += 1
    return count


def test_png_is_2x_non_blank_with_markers(qapp: Any, tmp_path: Path) -> None:
    graph = fakes.route_graph(spf_status=Status.FAIL)
    path = tmp_path / "route.png"
    title = "Mail route: example.com → example.org — 2025-01-01"
    export.export_images(graph, str(path), None, title)
    image = QImage(str(path))
    rects = render.node_rects(graph)
    layout = render.diagram_layout(graph, rects, title)
    assert image.width() == round(layout.size.width() * 2)
    assert image.height() == round(layout.size.height() * 2)
    assert image.text("Title") == title
    small = image.scaled(image.width() // 4, image.height() // 4)
    distinct = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    assert len(distinct) > 50  # not blank
    # The pass (green) and fail (red) markers are there, in their colours.
    assert colours_near(image, markers.COLORS["pass"]) > 100
    assert colours_near(image, markers.COLORS["fail"]) > 100
    assert colours_near(image, markers.COLORS["softfail"]) > 20


def test_svg_has_the_whole_diagram_and_title(qapp: Any, tmp_path: Path) -> None:
    graph = fakes.route_graph()
    path = tmp_path / "route.svg"
    title = "Mail route: example.com → example.org — 2025-01-01"
    export.export_images(graph, None, str(path), title)
    root = ET.parse(path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    text = "".join(root.itertext())
    assert "example.com" in text and "example.org" in text and "2025-01-01" in text
    # every node's host label is in the file, including nodes far off any screen
    for host in ("mx1.example.org", "backup.example.org", "smtp.example.com"):
        assert host in text
    assert len(list(root.iter(f"{ns}path"))) > 20


def test_export_from_window_uses_moved_positions(qtbot: Any, window: Any, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    png, svg = tmp_path / "w.png", tmp_path / "w.svg"
    window.files.export_png(str(png))
    window.files.export_svg(str(svg))
    assert QImage(str(png)).width() > 1000
    assert "ts.skr.jp" in svg.read_text(encoding="utf-8")


def test_export_in_japanese_renders(qtbot: Any, window: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QFontDatabase

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    window.set_language("ja")
    svg = tmp_path / "ja.svg"
    window.files.export_svg(str(svg))
    assert "凡例" in svg.read_text(encoding="utf-8")
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Japanese), (
        "no Japanese font installed: apt-get install fonts-noto-cjk"
    )
    window.files.export_png(str(tmp_path / "ja.png"))
    window.set_language("en")


def test_headless_export_without_a_display(tmp_path: Path) -> None:
    """`mailpath check --png` path: no application, no DISPLAY, no QT_QPA_PLATFORM."""
    code = (
        "import sys\n"
        "sys.path.insert(0, '.')\n"
        "from tests.gui import fakes\n"
        "from mailpath.gui.graph.export import export_images\n"
        f"export_images(fakes.route_graph(), {str(tmp_path / 'h.png')!r}, "
        f"{str(tmp_path / 'h.svg')!r}, 'headless')\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert QImage(str(tmp_path / "h.png")).width() > 500
    assert (tmp_path / "h.svg").stat().st_size > 1000
