"""PNG and SVG of the whole route diagram, for the window's File menu and `mailpath check --png`.

Both use `render.paint_diagram`, so the files show exactly what the window draws (title line,
the verdict line under it, every node and edge with its marker, the legend), independent of
what part is on screen.
No window is needed: without a running application one `QGuiApplication` is created, on the
offscreen platform when there is no display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypedDict, Unpack

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from mailpath.gui.graph import render

if TYPE_CHECKING:
    from mailpath.gui.text.labels import RouteLike

#: PNG pixels per diagram unit: crisp on high-density screens and when zoomed.
PNG_SCALE = 2.0

_app: QGuiApplication | None = None


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, minimal, vnc...: no display needed
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_gui_application() -> QGuiApplication:
    """The running application, or a new one (offscreen when there is no display)."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv else "mailpath"])
    return _app


#: Above this many pixels a PNG is rendered at less than PNG_SCALE (never under 1x).
MAX_PNG_PIXELS = 40_000_000


def render_image(
    graph: RouteLike,
    title: str,
    *,
    scale: float = PNG_SCALE,
    theme: render.RenderTheme = render.LIGHT,
    positions: Mapping[str, QPointF] | None = None,
    headline: render.Headline | None = None,
) -> QImage:
    ensure_gui_application()
    headline = headline or default_headline(graph)
    rects = render.node_rects(graph, positions)
    layout = render.diagram_layout(graph, rects, title, headline)
    area = max(1.0, layout.size.width() * layout.size.height())
    if area * scale * scale > MAX_PNG_PIXELS:
        # A huge diagram at 2x is hundreds of megabytes to fill and compress (and more than
        # Qt's own image reader accepts): fewer pixels per unit, never under 1x.
        scale = max(min(1.0, scale), (MAX_PNG_PIXELS / area) ** 0.5)
    size = QSize(round(layout.size.width() * scale), round(layout.size.height() * scale))
    # Opaque (the background fills it): written as 24-bit RGB with no conversion.
    image = QImage(size, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(theme.background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    render.paint_diagram(painter, graph, title, theme, positions, layout, headline)
    painter.end()
    image.setText("Title", title)
    image.setText("Software", "mailpath")
    return image


class ImageOptions(TypedDict, total=False):
    """`render_image`'s keyword options, as `write_png` passes them on."""

    scale: float
    theme: render.RenderTheme
    positions: Mapping[str, QPointF] | None
    headline: render.Headline | None


def write_png(graph: RouteLike, path: str, title: str, **kwargs: Unpack[ImageOptions]) -> QImage:
    from mailpath.gui.graph import png

    image = render_image(graph, title, **kwargs)
    try:
        png.write(image, path)
    except OSError as exc:
        # As QImage.save failed before: the callers say why from the path itself.
        raise OSError(f"cannot write PNG {path}") from exc
    return image


def write_svg(
    graph: RouteLike,
    path: str,
    title: str,
    *,
    theme: render.RenderTheme = render.LIGHT,
    positions: Mapping[str, QPointF] | None = None,
    headline: render.Headline | None = None,
) -> None:
    ensure_gui_application()
    from PySide6.QtSvg import QSvgGenerator  # only export needs QtSvg

    headline = headline or default_headline(graph)
    rects = render.node_rects(graph, positions)
    layout = render.diagram_layout(graph, rects, title, headline)
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(round(layout.size.width()), round(layout.size.height())))
    generator.setViewBox(QRectF(QPointF(0, 0), layout.size))
    generator.setResolution(96)
    generator.setTitle(title)
    generator.setDescription("mailpath delivery route")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"cannot write SVG {path}")
    render.paint_diagram(painter, graph, title, theme, positions, layout, headline)
    painter.end()
    if not os.path.exists(path):
        raise OSError(f"cannot write SVG {path}")
    _name_real_fonts(path)


def svg_font_families() -> str:
    """A CSS font-family list for the SVG: the family the picture was drawn with (Qt's
    own "Sans Serif" is no family a browser knows), Japanese fallbacks, then the generic."""
    from PySide6.QtGui import QFontInfo

    families = [QFontInfo(render.font(14)).family()]
    families += ["Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo"]
    seen: list[str] = []
    for family in families:
        if family and family not in seen and family.lower() not in ("sans serif", "sans-serif"):
            seen.append(family)
    return ", ".join(f"'{f}'" for f in seen) + ", sans-serif"


def _name_real_fonts(path: str) -> None:
    import re

    with open(path, encoding="utf-8") as f:
        text = f.read()
    families = svg_font_families()

    def replace(match: re.Match[str]) -> str:
        named = match.group(1)
        if named.lower() in ("sans serif", "sans-serif", ""):
            return f'font-family="{families}"'
        if families.startswith(f"'{named}',"):
            return f'font-family="{families}"'
        return f"font-family=\"'{named}', {families}\""

    text = re.sub(r'font-family="([^"]*)"', replace, text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def export_images(graph: RouteLike, png: str | None, svg: str | None, title: str) -> None:
    """Write the route diagram as PNG (2x pixels) and/or SVG; headless when needed."""
    ensure_gui_application()
    from mailpath.gui.text.labels import LocalizedGraph, idn_display

    if not isinstance(graph, LocalizedGraph):
        graph = LocalizedGraph(graph)  # the display forms: Unicode names beside ASCII
    title = idn_display(title)
    if png:
        write_png(graph, png, title)
    if svg:
        write_svg(graph, svg, title)


def default_headline(graph: RouteLike) -> render.Headline | None:
    """The title's second line: the verdict of the active route, from the graph itself."""
    from mailpath.gui.text.labels import route_verdict

    return route_verdict(graph)


def default_title(graph: RouteLike | None) -> str:
    """ "Mail route: SENDER → RECIPIENT — DATE", from the graph's own attributes."""
    from mailpath.gui.text.i18n import tr

    attrs = getattr(graph, "graph", {}) or {}
    sender = attrs.get("sender", "")
    recipient = attrs.get("recipient", "")
    date = attrs.get("date", "")
    return tr("Export", "Mail route: {sender} → {recipient} — {date}").format(
        sender=sender, recipient=recipient, date=date
    )
