"""Painting the route: nodes, edges, markers, legend and title with a plain `QPainter`.

One renderer for every picture of the route: the scene items of the window call
`paint_node`/`paint_edge`, and `paint_diagram` draws the whole route (title, graph, legend)
for PNG/SVG export, in the window or headless from the command line. It needs a
`QGuiApplication` (fonts), never a widget.

The graph is the core's `networkx.DiGraph` but it is only read through `.nodes(data=True)`,
`.edges(data=True)` and `.graph`, so this module does not import networkx.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QTextOption,
)

from mailpath.gui import markers
from mailpath.gui.i18n import tr

NodeAttrs = Mapping[str, Any]

MARKER_SIZE = 20.0
EDGE_MARKER_SIZE = 14.0
LOD_TEXT = 0.35  # below this zoom, nodes are drawn without text (1,000-node overviews)

# Text sizes in scene units. The window fits the route at no less than
# `graph_view.MIN_FIT_ZOOM`, so on screen the node's name is at least ~10 px.
CAPTION_PX = 12
HEAD_PX = 16
BODY_PX = 15
EDGE_PX = 13
#: A line that does not fit is first drawn smaller, down to this share of its size, and
#: only then elided: host names are what a person reads the route for.
SHRINK_LIMIT = 0.8


@dataclass(frozen=True)
class RenderTheme:
    dark: bool
    background: QColor
    text: QColor
    muted: QColor
    border: QColor
    active: QColor
    edge: QColor
    edge_inactive: QColor
    highlight: QColor
    selection: QColor
    fills: Mapping[str, QColor]
    down_fill: QColor


LIGHT = RenderTheme(
    dark=False,
    background=QColor("#ffffff"),
    text=QColor("#1f2328"),
    muted=QColor("#57606a"),
    border=QColor("#8c959f"),
    active=QColor("#0969da"),
    edge=QColor("#424a53"),
    edge_inactive=QColor("#afb8c1"),
    highlight=QColor("#e36209"),
    selection=QColor("#0969da"),
    fills={
        "client": QColor("#ddf4ff"),
        "mailbox": QColor("#ddf4ff"),
        "sending_host": QColor("#dafbe1"),
        "sending_address": QColor("#f0fff4"),
        "mx": QColor("#fff8c5"),
        "dns": QColor("#f6f8fa"),
    },
    down_fill=QColor("#eaeef2"),
)

DARK = RenderTheme(
    dark=True,
    background=QColor("#0d1117"),
    text=QColor("#e6edf3"),
    muted=QColor("#9198a1"),
    border=QColor("#656c76"),
    active=QColor("#58a6ff"),
    edge=QColor("#b7bdc8"),
    edge_inactive=QColor("#3d444d"),
    highlight=QColor("#f0883e"),
    selection=QColor("#58a6ff"),
    fills={
        "client": QColor("#0c2d48"),
        "mailbox": QColor("#0c2d48"),
        "sending_host": QColor("#0f2e1a"),
        "sending_address": QColor("#122117"),
        "mx": QColor("#33290a"),
        "dns": QColor("#161b22"),
    },
    down_fill=QColor("#21262d"),
)


def theme_for_palette(palette: QPalette) -> RenderTheme:
    base = palette.color(QPalette.ColorRole.Base)
    return DARK if base.lightness() < 128 else LIGHT


_fonts: dict[tuple[str, int, bool], QFont] = {}


def font(pixel_size: int, bold: bool = False, family: str = "") -> QFont:
    key = (family, pixel_size, bold)
    f = _fonts.get(key)
    if f is None:
        f = QFont(family) if family else QFont()
        f.setPixelSize(pixel_size)
        f.setBold(bold)
        # Stable rendering between screen and export (no hinting differences).
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        _fonts[key] = f
    return f


def clear_font_cache() -> None:
    """Call after the application font changed (language switch)."""
    _fonts.clear()


# ---------------------------------------------------------------- nodes


def node_rect(attrs: NodeAttrs) -> QRectF:
    return QRectF(
        float(attrs.get("x", 0.0)),
        float(attrs.get("y", 0.0)),
        float(attrs.get("w", 180.0)),
        float(attrs.get("h", 56.0)),
    )


def node_caption(attrs: NodeAttrs) -> str:
    """A small line above MX labels: primary or fallback, and DOWN when marked so."""
    if attrs.get("kind") != "mx" or attrs.get("role") not in ("primary", "fallback"):
        return ""
    role = attrs.get("role")
    caption = tr("Route", "primary") if role == "primary" else tr("Route", "fallback")
    if attrs.get("down"):
        caption += " · " + tr("Route", "DOWN (what-if)")
    elif attrs.get("active"):
        caption += " · " + tr("Route", "mail goes here")
    return caption


def is_active(attrs: NodeAttrs) -> bool:
    return bool(attrs.get("active", True)) and not attrs.get("down", False)


def paint_node(
    painter: QPainter,
    attrs: NodeAttrs,
    rect: QRectF,
    theme: RenderTheme,
    *,
    selected: bool = False,
    highlighted: bool = False,
    lod: float = 1.0,
) -> None:
    kind = str(attrs.get("kind", ""))
    status = markers.normalize(attrs.get("status"))
    down = bool(attrs.get("down", False))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fill = theme.down_fill if down else theme.fills.get(kind, theme.fills["dns"])
    if highlighted:
        width = 3.0
        border = QPen(theme.highlight, width)
    elif kind == "mx" and is_active(attrs):
        border = QPen(theme.active, 2.2)
    else:
        border = QPen(theme.border, 1.2)
    if kind == "dns":
        border.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(border)
    painter.setBrush(QBrush(fill))
    radius = 8.0
    painter.drawRoundedRect(rect, radius, radius)
    if down:
        hatch = QColor(theme.muted)
        hatch.setAlpha(70)  # the label must stay readable through it
        painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, radius, radius)
    if selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(theme.selection, 2.0, Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), radius + 3, radius + 3)
    marker_center = QPointF(rect.left() + 6 + MARKER_SIZE / 2, rect.center().y())
    markers.paint_marker(painter, status, marker_center, MARKER_SIZE)
    if lod >= LOD_TEXT:
        text_rect = QRectF(
            rect.left() + MARKER_SIZE + 12,
            rect.top() + 4,
            rect.width() - MARKER_SIZE - 18,
            rect.height() - 8,
        )
        _paint_node_text(painter, attrs, text_rect, theme, down)
    painter.restore()


def _paint_node_text(
    painter: QPainter, attrs: NodeAttrs, rect: QRectF, theme: RenderTheme, down: bool
) -> None:
    caption = node_caption(attrs)
    label = str(attrs.get("label", ""))
    lines = label.split("\n") if label else []
    cap_font = font(CAPTION_PX)
    head_font = font(HEAD_PX, bold=True)
    body_font = font(BODY_PX)
    heights = [QFontMetricsF(cap_font).height()] if caption else []
    for i, _ in enumerate(lines):
        heights.append(QFontMetricsF(head_font if i == 0 else body_font).height())
    total = sum(heights)
    y = rect.top() + max(0.0, (rect.height() - total) / 2)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    row = 0
    if caption:
        painter.setFont(cap_font)
        painter.setPen(theme.muted)
        _draw_elided(painter, caption, QRectF(rect.left(), y, rect.width(), heights[0]), cap_font)
        y += heights[0]
        row = 1
    for i, line in enumerate(lines):
        f = head_font if i == 0 else body_font
        h = heights[row + i]
        if y + h > rect.bottom() + 2:
            break
        painter.setFont(f)
        painter.setPen(theme.muted if (down or i > 0) else theme.text)
        _draw_elided(painter, line, QRectF(rect.left(), y, rect.width(), h), f)
        y += h


def _fitting_font(text: str, width: float, f: QFont) -> QFont:
    """`f`, or a smaller size of it (down to SHRINK_LIMIT) at which `text` fits `width`."""
    if QFontMetricsF(f).horizontalAdvance(text) <= width:
        return f
    size = f.pixelSize()
    smallest = max(1, math.ceil(size * SHRINK_LIMIT))
    for px in range(size - 1, smallest - 1, -1):
        smaller = font(px, f.bold())
        if QFontMetricsF(smaller).horizontalAdvance(text) <= width:
            return smaller
    return font(smallest, f.bold())


def _draw_elided(painter: QPainter, text: str, rect: QRectF, f: QFont) -> None:
    f = _fitting_font(text, rect.width(), f)
    painter.setFont(f)
    metrics = QFontMetricsF(f)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, rect.width())
    # drawText with a plain string never interprets markup: DNS text stays literal.
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


# ---------------------------------------------------------------- edges


@dataclass(frozen=True)
class EdgeGeometry:
    path: QPainterPath
    arrow: QPolygonF
    mid: QPointF


def edge_geometry(src: QRectF, dst: QRectF) -> EdgeGeometry:
    sc, dc = src.center(), dst.center()
    dx, dy = dc.x() - sc.x(), dc.y() - sc.y()
    horizontal = abs(dx) >= abs(dy) * 0.6 and (
        dst.left() >= src.right() or dst.right() <= src.left()
    )
    if horizontal:
        if dx >= 0:
            start = QPointF(src.right(), sc.y())
            end = QPointF(dst.left(), dc.y())
        else:
            start = QPointF(src.left(), sc.y())
            end = QPointF(dst.right(), dc.y())
        bend = (end.x() - start.x()) * 0.5
        c1 = QPointF(start.x() + bend, start.y())
        c2 = QPointF(end.x() - bend, end.y())
    else:
        if dy >= 0:
            start = QPointF(sc.x(), src.bottom())
            end = QPointF(dc.x(), dst.top())
        else:
            start = QPointF(sc.x(), src.top())
            end = QPointF(dc.x(), dst.bottom())
        bend = (end.y() - start.y()) * 0.5
        c1 = QPointF(start.x(), start.y() + bend)
        c2 = QPointF(end.x(), end.y() - bend)
    path = QPainterPath(start)
    path.cubicTo(c1, c2, end)
    # Arrowhead along the final tangent.
    angle = math.atan2(end.y() - c2.y(), end.x() - c2.x())
    if c2 == end:
        angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    size = 9.0
    p1 = QPointF(
        end.x() - size * math.cos(angle - math.pi / 7),
        end.y() - size * math.sin(angle - math.pi / 7),
    )
    p2 = QPointF(
        end.x() - size * math.cos(angle + math.pi / 7),
        end.y() - size * math.sin(angle + math.pi / 7),
    )
    arrow = QPolygonF([end, p1, p2])
    return EdgeGeometry(path, arrow, path.pointAtPercent(0.5))


def edge_label_text(attrs: NodeAttrs, highlighted: bool = False) -> str:
    """The label as drawn: hidden on edges mail does not take (unless hovered), wrapped."""
    if not attrs.get("active", True) and not highlighted and attrs.get("kind") != "dns":
        return ""
    text = str(attrs.get("label", ""))
    if "\n" in text or len(text) <= 16 or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def edge_label_rect(attrs: NodeAttrs, mid: QPointF, highlighted: bool = False) -> QRectF:
    text = edge_label_text(attrs, highlighted)
    if not text:
        return QRectF(
            mid.x() - EDGE_MARKER_SIZE / 2 - 2,
            mid.y() - EDGE_MARKER_SIZE / 2 - 2,
            EDGE_MARKER_SIZE + 4,
            EDGE_MARKER_SIZE + 4,
        )
    metrics = QFontMetricsF(font(EDGE_PX))
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines) + EDGE_MARKER_SIZE + 8
    height = max(metrics.height() * len(lines), EDGE_MARKER_SIZE) + 4
    return QRectF(mid.x() - width / 2, mid.y() - height / 2, width, height)


def edge_pen(attrs: NodeAttrs, theme: RenderTheme, highlighted: bool) -> QPen:
    kind = attrs.get("kind", "")
    active = bool(attrs.get("active", True))
    if highlighted:
        pen = QPen(theme.highlight, 3.0)
    elif kind == "dns":
        pen = QPen(theme.muted, 1.2, Qt.PenStyle.DotLine)
    elif active:
        pen = QPen(theme.edge, 2.0)
    else:
        pen = QPen(theme.edge_inactive, 1.6, Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def paint_edge(
    painter: QPainter,
    attrs: NodeAttrs,
    geometry: EdgeGeometry,
    theme: RenderTheme,
    *,
    highlighted: bool = False,
    lod: float = 1.0,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = edge_pen(attrs, theme, highlighted)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(geometry.path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(pen.color()))
    painter.drawPolygon(geometry.arrow)
    if lod >= LOD_TEXT:
        _paint_edge_label(painter, attrs, geometry.mid, theme, highlighted)
    painter.restore()


def _paint_edge_label(
    painter: QPainter, attrs: NodeAttrs, mid: QPointF, theme: RenderTheme, highlighted: bool
) -> None:
    rect = edge_label_rect(attrs, mid, highlighted)
    bg = QColor(theme.background)
    bg.setAlpha(225)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(bg))
    painter.drawRoundedRect(rect, 4, 4)
    status = markers.normalize(attrs.get("status"))
    marker_center = QPointF(rect.left() + 2 + EDGE_MARKER_SIZE / 2, rect.center().y())
    markers.paint_marker(painter, status, marker_center, EDGE_MARKER_SIZE)
    text = edge_label_text(attrs, highlighted)
    if text:
        painter.setFont(font(EDGE_PX))
        painter.setPen(theme.text if attrs.get("active", True) else theme.muted)
        text_rect = rect.adjusted(EDGE_MARKER_SIZE + 6, 0, 0, 0)
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )


# ---------------------------------------------------------------- legend and title


def legend_entries() -> list[tuple[str, str]]:
    return [(s, markers.status_name(s)) for s in markers.STATUSES]


def legend_line_entries() -> list[tuple[dict[str, Any], str]]:
    return [
        ({"kind": "smtp", "active": True}, tr("Legend", "route mail takes")),
        ({"kind": "smtp", "active": False}, tr("Legend", "fallback, not used now")),
        ({"kind": "dns", "active": True}, tr("Legend", "DNS lookup it depends on")),
    ]


def legend_size(columns: int = 1) -> QSizeF:
    metrics = QFontMetricsF(font(11))
    title_h = QFontMetricsF(font(11, bold=True)).height() + 4
    entries = [text for _, text in legend_entries()] + [t for _, t in legend_line_entries()]
    row_h = max(metrics.height(), MARKER_SIZE * 0.8) + 4
    text_w = max(metrics.horizontalAdvance(t) for t in entries)
    cell_w = 36 + text_w + 14
    rows = math.ceil(len(entries) / columns)
    title_w = QFontMetricsF(font(11, bold=True)).horizontalAdvance(tr("Legend", "Legend"))
    return QSizeF(max(cell_w * columns, title_w) + 16, title_h + rows * row_h + 12)


def paint_legend(
    painter: QPainter, origin: QPointF, theme: RenderTheme, columns: int = 1
) -> QRectF:
    size = legend_size(columns)
    rect = QRectF(origin, size)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    bg = QColor(theme.background)
    bg.setAlpha(235)
    painter.setBrush(QBrush(bg))
    painter.setPen(QPen(theme.border, 1.0))
    painter.drawRoundedRect(rect, 6, 6)
    metrics = QFontMetricsF(font(11))
    title_h = QFontMetricsF(font(11, bold=True)).height() + 4
    painter.setFont(font(11, bold=True))
    painter.setPen(theme.text)
    painter.drawText(
        QRectF(rect.left() + 8, rect.top() + 6, rect.width() - 16, title_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        tr("Legend", "Legend"),
    )
    row_h = max(metrics.height(), MARKER_SIZE * 0.8) + 4
    cells: list[tuple[str, Any]] = [("marker", e) for e in legend_entries()]
    cells += [("line", e) for e in legend_line_entries()]
    rows = math.ceil(len(cells) / columns)
    col_w = (rect.width() - 16) / columns
    for index, (what, entry) in enumerate(cells):
        col, row = divmod(index, rows)
        x = rect.left() + 8 + col * col_w
        y = rect.top() + 6 + title_h + row * row_h
        if what == "marker":
            status, text = entry
            markers.paint_marker(painter, status, QPointF(x + 10, y + row_h / 2), MARKER_SIZE * 0.8)
        else:
            attrs, text = entry
            painter.setPen(edge_pen(attrs, theme, False))
            painter.drawLine(QLineF(x, y + row_h / 2, x + 26, y + row_h / 2))
        painter.setFont(font(11))
        painter.setPen(theme.text)
        painter.drawText(
            QRectF(x + 34, y, col_w - 34, row_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
    painter.restore()
    return rect


LEGEND_STRIP_PX = 12


def _legend_cells() -> list[tuple[str, Any, str]]:
    cells: list[tuple[str, Any, str]] = [("marker", s, t) for s, t in legend_entries()]
    cells += [("line", a, t) for a, t in legend_line_entries()]
    return cells


def legend_flow(width: float) -> tuple[list[tuple[QRectF, str, Any, str]], QSizeF]:
    """The legend as one or more compact rows that fit `width`: the window's strip.

    Returns each cell's rectangle (with what it shows) and the size of the whole."""
    metrics = QFontMetricsF(font(LEGEND_STRIP_PX))
    bold = QFontMetricsF(font(LEGEND_STRIP_PX, bold=True))
    row_h = max(metrics.height(), MARKER_SIZE * 0.75) + 4
    gap = 18.0
    title = tr("Legend", "Legend")
    out: list[tuple[QRectF, str, Any, str]] = []
    x = y = 0.0
    used = 0.0
    title_w = bold.horizontalAdvance(title) + 12
    out.append((QRectF(0, 0, title_w, row_h), "title", None, title))
    x = title_w
    for what, entry, text in _legend_cells():
        w = (22 if what == "marker" else 34) + metrics.horizontalAdvance(text)
        if x > title_w and x + w > width:
            x, y = title_w, y + row_h
        out.append((QRectF(x, y, w, row_h), what, entry, text))
        used = max(used, x + w)
        x += w + gap
    return out, QSizeF(used, y + row_h)


def paint_legend_flow(painter: QPainter, origin: QPointF, theme: RenderTheme, width: float) -> None:
    cells, _ = legend_flow(width)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for rect, what, entry, text in cells:
        rect = rect.translated(origin)
        mid = rect.center().y()
        painter.setPen(theme.text)
        if what == "title":
            painter.setFont(font(LEGEND_STRIP_PX, bold=True))
            painter.drawText(rect, align, text)
            continue
        if what == "marker":
            markers.paint_marker(painter, entry, QPointF(rect.left() + 8, mid), MARKER_SIZE * 0.75)
            text_left = rect.left() + 22
        else:
            painter.setPen(edge_pen(entry, theme, False))
            painter.drawLine(QLineF(rect.left(), mid, rect.left() + 26, mid))
            text_left = rect.left() + 34
        painter.setFont(font(LEGEND_STRIP_PX))
        painter.setPen(theme.text)
        painter.drawText(
            QRectF(text_left, rect.top(), rect.right() - text_left + 4, rect.height()), align, text
        )
    painter.restore()


#: The verdict line under an exported title: (sentence, status of the route).
Headline = tuple[str, str]

TITLE_PX = 16
HEADLINE_PX = 14


def _headline_lines(headline: Headline | None, width: float) -> list[str]:
    if not headline or not headline[0]:
        return []
    metrics = QFontMetricsF(font(HEADLINE_PX))
    words = headline[0].split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def title_height(headline: Headline | None = None, width: float = 1e9) -> float:
    height = QFontMetricsF(font(TITLE_PX, bold=True)).height() + 14
    lines = _headline_lines(headline, max(100.0, width - MARKER_SIZE - 8))
    if lines:
        height += len(lines) * QFontMetricsF(font(HEADLINE_PX)).height() + 6
    return height


def paint_title(
    painter: QPainter,
    rect: QRectF,
    title: str,
    theme: RenderTheme,
    headline: Headline | None = None,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font(TITLE_PX, bold=True))
    painter.setPen(theme.text)
    title_h = QFontMetricsF(font(TITLE_PX, bold=True)).height() + 4
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_h), align, title)
    lines = _headline_lines(headline, max(100.0, rect.width() - MARKER_SIZE - 8))
    if headline and lines:
        line_h = QFontMetricsF(font(HEADLINE_PX)).height()
        top = rect.top() + title_h + 6
        status = markers.normalize(headline[1])
        markers.paint_marker(
            painter, status, QPointF(rect.left() + MARKER_SIZE / 2, top + line_h / 2), MARKER_SIZE
        )
        painter.setFont(font(HEADLINE_PX))
        painter.setPen(theme.text)
        for i, line in enumerate(lines):
            painter.drawText(
                QRectF(rect.left() + MARKER_SIZE + 8, top + i * line_h, rect.width(), line_h),
                align,
                line,
            )
    painter.restore()


# ---------------------------------------------------------------- the whole diagram


def node_rects(graph: Any, positions: Mapping[str, QPointF] | None = None) -> dict[str, QRectF]:
    rects: dict[str, QRectF] = {}
    for node_id, attrs in graph.nodes(data=True):
        rect = node_rect(attrs)
        if positions and node_id in positions:
            rect.moveTopLeft(positions[node_id])
        rects[node_id] = rect
    return rects


def graph_bounds(graph: Any, rects: Mapping[str, QRectF]) -> QRectF:
    bounds = QRectF()
    for rect in rects.values():
        bounds = bounds.united(rect.adjusted(-6, -6, 6, 6))
    for u, v, attrs in graph.edges(data=True):
        if u in rects and v in rects:
            geo = edge_geometry(rects[u], rects[v])
            bounds = bounds.united(geo.path.boundingRect())
            bounds = bounds.united(edge_label_rect(attrs, geo.mid))
    return bounds


@dataclass(frozen=True)
class DiagramLayout:
    size: QSizeF
    offset: QPointF  # added to scene coordinates of the graph
    title_rect: QRectF
    legend_origin: QPointF
    legend_columns: int


MARGIN = 24.0


def diagram_layout(
    graph: Any, rects: Mapping[str, QRectF], title: str, headline: Headline | None = None
) -> DiagramLayout:
    bounds = graph_bounds(graph, rects)
    if bounds.isNull():
        bounds = QRectF(0, 0, 200, 100)
    columns = 4
    legend = legend_size(columns)
    title_w = QFontMetricsF(font(TITLE_PX, bold=True)).horizontalAdvance(title) + 4
    width = max(bounds.width(), legend.width(), title_w) + 2 * MARGIN
    th = title_height(headline, width - 2 * MARGIN)
    height = MARGIN + th + bounds.height() + 16 + legend.height() + MARGIN
    offset = QPointF(MARGIN - bounds.left(), MARGIN + th - bounds.top())
    return DiagramLayout(
        size=QSizeF(math.ceil(width), math.ceil(height)),
        offset=offset,
        title_rect=QRectF(MARGIN, MARGIN, width - 2 * MARGIN, th - 6),
        legend_origin=QPointF(MARGIN, MARGIN + th + bounds.height() + 16),
        legend_columns=columns,
    )


def paint_diagram(
    painter: QPainter,
    graph: Any,
    title: str,
    theme: RenderTheme = LIGHT,
    positions: Mapping[str, QPointF] | None = None,
    layout: DiagramLayout | None = None,
    headline: Headline | None = None,
) -> DiagramLayout:
    """The whole route with title, verdict line and legend, origin at (0, 0)."""
    rects = node_rects(graph, positions)
    layout = layout or diagram_layout(graph, rects, title, headline)
    painter.save()
    painter.fillRect(QRectF(QPointF(0, 0), layout.size), theme.background)
    paint_title(painter, layout.title_rect, title, theme, headline)
    painter.translate(layout.offset)
    for u, v, attrs in _edges_in_paint_order(graph):
        if u in rects and v in rects:
            paint_edge(painter, attrs, edge_geometry(rects[u], rects[v]), theme)
    for node_id, attrs in graph.nodes(data=True):
        paint_node(painter, attrs, rects[node_id], theme)
    painter.translate(-layout.offset)
    paint_legend(painter, layout.legend_origin, theme, layout.legend_columns)
    painter.restore()
    return layout


def _edges_in_paint_order(graph: Any) -> Iterable[tuple[str, str, NodeAttrs]]:
    # Inactive and DNS edges underneath, the route mail takes on top.
    edges = list(graph.edges(data=True))
    edges.sort(key=lambda e: (e[2].get("kind") != "dns", bool(e[2].get("active", True))))
    return edges
