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
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QPolygonF,
)

from mailpath.gui.graph import markers, transport
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    # Types only: the renderer does not import networkx or the core's route module.
    from mailpath.core.route.attrs import EdgeAttrs, NodeAttrs
    from mailpath.gui.text.labels import RouteLike

    #: What a legend cell shows: a marker's status, a line's edge attributes, or (the
    #: title) nothing.
    LegendItem: TypeAlias = str | EdgeAttrs | None
    #: An edge: (source, target).
    EdgeKey: TypeAlias = tuple[str, str]
    #: An edge laid out: its key, attributes, geometry and target node.
    PlacedEdge: TypeAlias = tuple[EdgeKey, EdgeAttrs, "EdgeGeometry", str]

MARKER_SIZE = 20.0
EDGE_MARKER_SIZE = 14.0
LOD_TEXT = 0.15  # below this zoom, nodes are drawn as plain boxes (1,000-node overviews)

# Text sizes in scene units; a fitted route may be drawn smaller, and zooming in (wheel,
# Ctrl +) brings the names to any size.
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
        "forwarder": QColor("#fff1e5"),
        "sending_address": QColor("#f0fff4"),
        "mx": QColor("#fff8c5"),
        "dns": QColor("#f6f8fa"),
        "hop": QColor("#fbefff"),
        "dkim": QColor("#f6f8fa"),
        "dmarc": QColor("#f6f8fa"),
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
        "forwarder": QColor("#3d1f0a"),
        "sending_address": QColor("#122117"),
        "mx": QColor("#33290a"),
        "dns": QColor("#161b22"),
        "hop": QColor("#271938"),
        "dkim": QColor("#161b22"),
        "dmarc": QColor("#161b22"),
    },
    down_fill=QColor("#21262d"),
)


#: The path the received message really took (hops, "actual" edges).
ACTUAL = {False: QColor("#8250df"), True: QColor("#bc8cff")}


def hop_badge(hops: Iterable[int]) -> str:
    """The hop numbers a node shows, as the Message panel numbers them: "#1 #2", "#3–#9"."""
    numbers = sorted(i + 1 for i in hops)
    if not numbers:
        return ""
    if len(numbers) <= 3:
        return " ".join(f"#{n}" for n in numbers)
    return f"#{numbers[0]}–#{numbers[-1]}"


def theme_for_palette(palette: QPalette) -> RenderTheme:
    base = palette.color(QPalette.ColorRole.Base)
    return DARK if base.lightness() < 128 else LIGHT


_fonts: dict[tuple[str, str, int, bool], QFont] = {}


def font(pixel_size: int, bold: bool = False, family: str = "") -> QFont:
    """The application's font (or `family`) at `pixel_size`: whatever family the desktop or
    the application chose (DejaVu Sans, Noto Sans CJK JP...), so every measurement below is
    made with the font that is drawn."""
    key = (QGuiApplication.font().family(), family, pixel_size, bold)
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
    _metrics_cache.clear()
    _layout_cache.clear()
    _advance_cache.clear()


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


_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_BRUSH = Qt.BrushStyle.NoBrush
_NO_PEN = Qt.PenStyle.NoPen
#: Pens and brushes by look (key: what, theme id, flags), with the theme kept alive.
_tool_cache: dict[tuple[object, ...], tuple[RenderTheme, QPen, QBrush]] = {}
_brush_cache: dict[str, QBrush] = {}


def _overview_tools(theme: RenderTheme, highlighted: bool, fill: QColor) -> tuple[QPen, QBrush]:
    key = ("node", id(theme), highlighted, fill.rgba())
    hit = _tool_cache.get(key)
    if hit is None:
        pen = QPen(theme.highlight if highlighted else theme.border, 0)
        hit = _tool_cache[key] = (theme, pen, QBrush(fill))
    return hit[1], hit[2]


def _status_brush(status: str) -> QBrush:
    brush = _brush_cache.get(status)
    if brush is None:
        brush = _brush_cache[status] = QBrush(markers.color(status))
    return brush


def _edge_tools(attrs: EdgeAttrs, theme: RenderTheme, highlighted: bool) -> tuple[QPen, QBrush]:
    """The pen of an edge (`edge_pen`) and the brush of its arrowhead, made once per look."""
    key = (
        "edge",
        id(theme),
        highlighted,
        attrs.get("kind", ""),
        bool(attrs.get("active", True)),
        bool(attrs.get("actual")),
    )
    hit = _tool_cache.get(key)
    if hit is None:
        pen = edge_pen(attrs, theme, highlighted)
        hit = _tool_cache[key] = (theme, pen, QBrush(pen.color()))
    return hit[1], hit[2]


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
    fill = theme.down_fill if down else theme.fills.get(kind, theme.fills["dns"])
    if lod < LOD_TEXT:
        # An overview (1,000 nodes): a box in its colour with a dot of the status colour;
        # shapes and glyphs a few pixels across cost the most and show nothing. Pens and
        # brushes come from a cache and the painter's state is not saved: the view saves it
        # around every item, and per-item Python is what an overview of 1,000 costs.
        # Antialiasing stays as the view set it: without it a status dot a pixel across
        # would vanish.
        pen, brush = _overview_tools(theme, highlighted, fill)
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawRect(rect)
        painter.fillRect(
            QRectF(rect.left() + 6, rect.center().y() - MARKER_SIZE / 2, MARKER_SIZE, MARKER_SIZE),
            _status_brush(status),
        )
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if highlighted:
        width = 3.0
        border = QPen(theme.highlight, width)
    elif kind == "mx" and is_active(attrs):
        border = QPen(theme.active, 2.2)
    else:
        border = QPen(theme.border, 1.2)
    if kind == "dns":
        border.setStyle(Qt.PenStyle.DashLine)
    elif kind == "hop" and not highlighted:
        border = QPen(ACTUAL[theme.dark], 1.6, Qt.PenStyle.DashLine)
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
        _paint_node_text(painter, attrs, rect, theme, down)
        if kind != "hop" and attrs.get("hops"):
            _paint_hop_badge(painter, hop_badge(attrs["hops"]), rect, theme)
    painter.restore()


def _paint_hop_badge(painter: QPainter, text: str, rect: QRectF, theme: RenderTheme) -> None:
    """The numbers of the hops that happened at a predicted node, on its top-right corner."""
    f = font(CAPTION_PX, bold=True)
    width = text_width(text, f) + 10
    height = _metrics(f).height() + 2
    badge = QRectF(rect.right() - width - 6, rect.top() - height / 2 + 2, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(ACTUAL[theme.dark]))
    painter.drawRoundedRect(badge, height / 2, height / 2)
    painter.setFont(f)
    painter.setPen(theme.background)
    painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)


@dataclass(frozen=True)
class TextLine:
    """One line of a node's text as drawn: what is shown, in which font, where."""

    text: str
    shown: str
    font: QFont
    rect: QRectF
    role: str  # "caption", "head" or "body"


#: Below this share of their size the lines of a node are not shrunk further to fit its
#: height: the caption is left out instead, never the host name.
MIN_LINE_SCALE = 0.62


def node_text_rect(rect: QRectF) -> QRectF:
    return QRectF(
        rect.left() + MARKER_SIZE + 12,
        rect.top() + 3,
        rect.width() - MARKER_SIZE - 18,
        rect.height() - 6,
    )


def _node_lines(attrs: NodeAttrs) -> list[tuple[str, str]]:
    caption = node_caption(attrs)
    label = str(attrs.get("label", ""))
    lines = [("caption", caption)] if caption else []
    for i, line in enumerate(label.split("\n") if label else []):
        lines.append(("head" if i == 0 else "body", line))
    return lines


_ROLE_PX = {"caption": CAPTION_PX, "head": HEAD_PX, "body": BODY_PX}


def _role_font(role: str, scale: float = 1.0) -> QFont:
    px = max(1, round(_ROLE_PX[role] * scale))
    return font(px, bold=role == "head")


def node_text_layout(attrs: NodeAttrs, rect: QRectF) -> list[TextLine]:
    """Where each line of a node's text goes, measured with the font actually used.

    Lines are centred vertically. When their natural height does not fit the node (fonts
    with tall line metrics, such as Noto Sans CJK, need ~20 % more than DejaVu Sans) all
    lines are drawn smaller together; a line is never dropped for it, except the caption
    as a last resort. A line too wide is first drawn smaller, then elided."""
    lines = _node_lines(attrs)
    if not lines:
        return []
    # Measured once per text, node size and font, at the origin, then moved where the node
    # is: a window repaints every visible node, an export draws a thousand.
    key = (tuple(lines), rect.width(), rect.height(), QGuiApplication.font().family())
    laid = _layout_cache.get(key)
    if laid is None:
        if len(_layout_cache) > 5000:
            _layout_cache.clear()
        laid = _layout_cache[key] = _lay_out(lines, QRectF(0, 0, rect.width(), rect.height()))
    dx, dy = rect.left(), rect.top()
    return [
        TextLine(line.text, line.shown, line.font, line.rect.translated(dx, dy), line.role)
        for line in laid
    ]


_layout_cache: dict[tuple[object, ...], list[TextLine]] = {}


def _lay_out(lines: list[tuple[str, str]], rect: QRectF) -> list[TextLine]:
    area = node_text_rect(rect)
    scale = 1.0
    while True:
        heights = [_metrics(_role_font(role, scale)).height() for role, _ in lines]
        total = sum(heights)
        if total <= area.height() or scale <= MIN_LINE_SCALE:
            break
        scale = max(MIN_LINE_SCALE, scale * area.height() / total - 0.005)
    if total > area.height() and lines[0][0] == "caption" and len(lines) > 1:
        lines = lines[1:]
        heights = heights[1:]
        total = sum(heights)
    y = area.top() + (area.height() - total) / 2
    out: list[TextLine] = []
    for (role, text), h in zip(lines, heights, strict=True):
        f = _fitting_font(text, area.width(), _role_font(role, scale))
        shown = text
        if text_width(text, f) > area.width():
            shown = _metrics(f).elidedText(text, Qt.TextElideMode.ElideMiddle, area.width())
        out.append(TextLine(text, shown, f, QRectF(area.left(), y, area.width(), h), role))
        y += h
    return out


def _paint_node_text(
    painter: QPainter, attrs: NodeAttrs, rect: QRectF, theme: RenderTheme, down: bool
) -> None:
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for line in node_text_layout(attrs, rect):
        painter.setFont(line.font)
        painter.setPen(theme.muted if (down or line.role != "head") else theme.text)
        # drawText with a plain string never interprets markup: DNS text stays literal.
        painter.drawText(line.rect, align, line.shown)


_metrics_cache: dict[tuple[str, int, bool], QFontMetricsF] = {}


def _metrics(f: QFont) -> QFontMetricsF:
    key = (f.family(), f.pixelSize(), f.bold())
    m = _metrics_cache.get(key)
    if m is None:
        m = QFontMetricsF(f)
        _metrics_cache[key] = m
    return m


_advance_cache: dict[tuple[str, int, bool, str], float] = {}


def text_width(text: str, f: QFont) -> float:
    key = (f.family(), f.pixelSize(), f.bold(), text)
    w = _advance_cache.get(key)
    if w is None:
        w = _metrics(f).horizontalAdvance(text)
        if len(_advance_cache) > 20000:
            _advance_cache.clear()
        _advance_cache[key] = w
    return w


def _fitting_font(text: str, width: float, f: QFont) -> QFont:
    """`f`, or a smaller size of it (down to SHRINK_LIMIT) at which `text` fits `width`."""
    if text_width(text, f) <= width:
        return f
    size = f.pixelSize()
    smallest = max(1, math.ceil(size * SHRINK_LIMIT))
    for px in range(size - 1, smallest - 1, -1):
        smaller = font(px, f.bold())
        if text_width(text, smaller) <= width:
            return smaller
    return font(smallest, f.bold())


def node_text_width(attrs: NodeAttrs) -> float:
    """The node width at which every line of its text fits at full size."""
    widest = max(
        (text_width(text, _role_font(role)) for role, text in _node_lines(attrs)), default=0.0
    )
    return math.ceil(widest) + MARKER_SIZE + 18 + 2


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


#: An edge label wider than this (in its font) goes on two lines.
EDGE_WRAP_PX = 96.0


def edge_label_text(attrs: EdgeAttrs, highlighted: bool = False) -> str:
    """The label as drawn: hidden on edges mail does not take (unless hovered), wrapped.

    A wide label breaks at the space nearest its middle; at a " · " separator the dot goes
    with the break ("SMTP :25 · pref 5" -> "SMTP :25" / "pref 5"), in every language."""
    if not attrs.get("active", True) and not highlighted and attrs.get("kind") != "dns":
        return ""
    text = str(attrs.get("label", ""))
    if "\n" in text or " " not in text or text_width(text, font(EDGE_PX)) <= EDGE_WRAP_PX:
        return text
    middle = len(text) / 2
    separators = [i for i in range(len(text)) if text.startswith(" · ", i)]
    if separators:
        cut = min(separators, key=lambda i: abs(i + 1 - middle))
        return text[:cut] + "\n" + text[cut + 3 :]
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def edge_label_size(attrs: EdgeAttrs, highlighted: bool = False) -> QSizeF:
    text = edge_label_text(attrs, highlighted)
    if not text:
        return QSizeF(EDGE_MARKER_SIZE + 4, EDGE_MARKER_SIZE + 4)
    f = font(EDGE_PX)
    lines = text.split("\n")
    width = max(text_width(line, f) for line in lines) + EDGE_MARKER_SIZE + 10
    height = max(_metrics(f).height() * len(lines), EDGE_MARKER_SIZE) + 4
    return QSizeF(math.ceil(width), math.ceil(height))


def edge_label_rect(attrs: EdgeAttrs, mid: QPointF, highlighted: bool = False) -> QRectF:
    size = edge_label_size(attrs, highlighted)
    return QRectF(
        mid.x() - size.width() / 2, mid.y() - size.height() / 2, size.width(), size.height()
    )


@dataclass(frozen=True)
class LabelSpot:
    """Where an edge's label sits: at `t` along the edge, centred on it (side 0), above (-1)
    or below (+1) it; `shown` False when another edge of the same bundle carries it."""

    t: float = 0.5
    side: int = 0
    shown: bool = True
    #: At the arrowhead: the label ends just before the node the edge goes into.
    at_end: bool = False


MID = LabelSpot()


def spot_rect(
    attrs: EdgeAttrs, geometry: EdgeGeometry, spot: LabelSpot, highlighted: bool = False
) -> QRectF:
    if spot.at_end:
        end = geometry.path.currentPosition()
        size = edge_label_size(attrs, highlighted)
        start = geometry.path.elementAt(0)
        left = end.x() - 8 - size.width() if end.x() >= start.x else end.x() + 8
        rect = QRectF(left, end.y() - size.height() / 2, size.width(), size.height())
        if spot.side:
            rect.translate(0, spot.side * (rect.height() / 2 + 4))
        return rect
    point = geometry.mid if spot.t == 0.5 else geometry.path.pointAtPercent(spot.t)
    rect = edge_label_rect(attrs, point, highlighted)
    if spot.side:
        rect.translate(0, spot.side * (rect.height() / 2 + 4))
    return rect


#: Label placement looks at every pair of label and edge; beyond this many edges (1,000-node
#: overviews, where labels are not legible anyway) labels stay at the middle of their edge.
PLACEMENT_LIMIT = 400
_AT_END = 1.0
_SPOT_TS = (0.5, 0.42, 0.58, 0.66, 0.34, 0.74, 0.27, 0.8, 0.2, _AT_END)
_EDGE_ORDER = {"submission": 0, "smtp": 1, "delivery": 2, "source": 3, "dns": 4}


def place_edge_labels(
    edges: Iterable[PlacedEdge], obstacles: Iterable[QRectF]
) -> dict[EdgeKey, LabelSpot]:
    """Spots for edge labels so that none covers a node, another label or another edge.

    `edges` are (key, attrs, geometry, target). Edges into the same node with the same label
    and status form one bundle with one label (two addresses to one MX host say "SMTP :25 ·
    pref 5" once). Each label tries points along its edges, on and beside the line, and takes
    the one crossing the fewest other edges, nearest the middle."""
    edges = list(edges)
    if len(edges) > PLACEMENT_LIMIT:
        return {}
    nodes = [r.adjusted(-3, -3, 3, 3) for r in obstacles]
    stroker = QPainterPathStroker()
    stroker.setWidth(2.0)
    strokes = {}
    for key, _attrs, geo, _dst in edges:
        strokes[key] = (geo.path.controlPointRect(), stroker.createStroke(geo.path))
    # (target, label, status, kind), or the edge's own key when it has no label.
    bundles: dict[tuple[str, ...], list[tuple[EdgeKey, EdgeAttrs, EdgeGeometry]]] = {}
    for key, attrs, geo, dst in edges:
        text = edge_label_text(attrs)
        bundle = (dst, text, str(attrs.get("status")), str(attrs.get("kind"))) if text else key
        bundles.setdefault(bundle, []).append((key, attrs, geo))

    def order(members: list[tuple[EdgeKey, EdgeAttrs, EdgeGeometry]]) -> tuple[int, int, float]:
        attrs = members[0][1]
        has_text = bool(edge_label_text(attrs))
        return (
            0 if has_text else 1,
            _EDGE_ORDER.get(str(attrs.get("kind")), 5),
            members[0][2].mid.y(),
        )

    placed: list[QRectF] = []
    spots: dict[EdgeKey, LabelSpot] = {}
    for members in sorted(bundles.values(), key=order):
        own = {key for key, _, _ in members}
        best: tuple[float, EdgeKey, LabelSpot, QRectF] | None = None
        for t in _SPOT_TS:
            for side in (0, -1, 1):
                for key, attrs, geo in members:
                    spot = LabelSpot(t, side, at_end=t == _AT_END)
                    rect = spot_rect(attrs, geo, spot)
                    if any(rect.intersects(n) for n in nodes):
                        continue
                    padded = rect.adjusted(-2, -2, 2, 2)
                    if any(padded.intersects(p) for p in placed):
                        continue
                    # Another edge under a label is what must not happen; its own edges
                    # under it hide a stretch of the line, so beside them is better still.
                    crossings = sum(
                        5 if other in own else 100
                        for other, (bounds, stroke) in strokes.items()
                        if bounds.intersects(rect) and stroke.intersects(rect)
                    )
                    score = crossings + abs(t - 0.5) * 10 + abs(side) * 2.5
                    if spot.at_end:
                        score = crossings + 6 + abs(side) * 2.5
                    if best is None or score < best[0]:
                        best = (score, key, spot, rect)
                if best is not None and best[0] < 3:
                    break
            if best is not None and best[0] < 3:
                break
        if best is None:
            carrier = members[0][0]
            spots[carrier] = MID
        else:
            _, carrier, spot, rect = best
            spots[carrier] = spot
            placed.append(rect)
        for key, _, _ in members:
            if key != carrier:
                spots[key] = LabelSpot(shown=False)
    return spots


def edge_pen(attrs: EdgeAttrs, theme: RenderTheme, highlighted: bool) -> QPen:
    kind = attrs.get("kind", "")
    active = bool(attrs.get("active", True))
    if highlighted:
        pen = QPen(theme.highlight, 3.0)
    elif kind == "actual":
        pen = QPen(ACTUAL[theme.dark], 2.2, Qt.PenStyle.DashLine)
    elif attrs.get("actual"):
        pen = QPen(ACTUAL[theme.dark], 2.6)
    elif kind in ("auth", "dns"):
        pen = QPen(theme.muted, 1.2, Qt.PenStyle.DotLine)
    elif active:
        pen = QPen(theme.edge, 2.0)
    else:
        pen = QPen(theme.edge_inactive, 1.6, Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def paint_edge(
    painter: QPainter,
    attrs: EdgeAttrs,
    geometry: EdgeGeometry,
    theme: RenderTheme,
    *,
    highlighted: bool = False,
    lod: float = 1.0,
    spot: LabelSpot = MID,
    labels: bool = True,
) -> None:
    pen, arrow_brush = _edge_tools(attrs, theme, highlighted)
    if lod < LOD_TEXT:  # an overview: no label, no antialiasing, no saved state (see nodes)
        painter.setRenderHint(_ANTIALIASING, False)
        painter.setPen(pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(geometry.path)
        painter.setPen(_NO_PEN)
        painter.setBrush(arrow_brush)
        painter.drawPolygon(geometry.arrow)
        return
    painter.save()
    painter.setRenderHint(_ANTIALIASING, True)
    painter.setPen(pen)
    painter.setBrush(_NO_BRUSH)
    painter.drawPath(geometry.path)
    painter.setPen(_NO_PEN)
    painter.setBrush(arrow_brush)
    painter.drawPolygon(geometry.arrow)
    transport.paint_edge_lock(painter, attrs, geometry.path)
    if labels and lod >= LOD_TEXT and (spot.shown or highlighted):
        rect = spot_rect(attrs, geometry, spot, highlighted)
        _paint_edge_label(painter, attrs, rect, theme, highlighted)
    painter.restore()


def _paint_edge_label(
    painter: QPainter, attrs: EdgeAttrs, rect: QRectF, theme: RenderTheme, highlighted: bool
) -> None:
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
        text_rect = rect.adjusted(EDGE_MARKER_SIZE + 6, 0, 0, 0)  # 4 units to spare
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )


# ---------------------------------------------------------------- legend and title


def legend_entries() -> list[tuple[str, str]]:
    return [(s, markers.status_name(s)) for s in markers.STATUSES]


def legend_line_entries() -> list[tuple[EdgeAttrs, str]]:
    from mailpath.core.route.attrs import EdgeKind  # an enum module, no networkx

    return [
        ({"kind": EdgeKind.SMTP, "active": True}, tr("Legend", "route mail takes")),
        ({"kind": EdgeKind.SMTP, "active": False}, tr("Legend", "fallback, not used now")),
        ({"kind": EdgeKind.DNS, "active": True}, tr("Legend", "DNS lookup it depends on")),
        *transport.legend_entries(),
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
    cells: list[tuple[str, LegendItem, str]] = _legend_cells()
    rows = math.ceil(len(cells) / columns)
    col_w = (rect.width() - 16) / columns
    for index, (_what, entry, text) in enumerate(cells):
        col, row = divmod(index, rows)
        x = rect.left() + 8 + col * col_w
        y = rect.top() + 6 + title_h + row * row_h
        if isinstance(entry, str):  # a marker
            markers.paint_marker(painter, entry, QPointF(x + 10, y + row_h / 2), MARKER_SIZE * 0.8)
        elif entry is not None:  # a line
            painter.setPen(edge_pen(entry, theme, False))
            painter.drawLine(QLineF(x, y + row_h / 2, x + 26, y + row_h / 2))
            transport.paint_legend_lock(painter, entry, QPointF(x + 13, y + row_h / 2))
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


def _legend_cells() -> list[tuple[str, LegendItem, str]]:
    cells: list[tuple[str, LegendItem, str]] = [("marker", s, t) for s, t in legend_entries()]
    cells += [("line", a, t) for a, t in legend_line_entries()]
    return cells


def legend_flow(width: float) -> tuple[list[tuple[QRectF, str, LegendItem, str]], QSizeF]:
    """The legend as one or more compact rows that fit `width`: the window's strip.

    Returns each cell's rectangle (with what it shows) and the size of the whole."""
    metrics = QFontMetricsF(font(LEGEND_STRIP_PX))
    bold = QFontMetricsF(font(LEGEND_STRIP_PX, bold=True))
    row_h = max(metrics.height(), MARKER_SIZE * 0.75) + 4
    gap = 18.0
    title = tr("Legend", "Legend")
    out: list[tuple[QRectF, str, LegendItem, str]] = []
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
        if isinstance(entry, str):  # a marker
            markers.paint_marker(painter, entry, QPointF(rect.left() + 8, mid), MARKER_SIZE * 0.75)
            text_left = rect.left() + 22
        else:  # a line
            assert entry is not None
            painter.setPen(edge_pen(entry, theme, False))
            painter.drawLine(QLineF(rect.left(), mid, rect.left() + 26, mid))
            transport.paint_legend_lock(painter, entry, QPointF(rect.left() + 13, mid))
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


#: A node grows to show its longest line at full size, up to this width; beyond it the line
#: is drawn smaller, then elided in the middle.
MAX_NODE_W = 520.0
#: Room kept on both sides of an edge label between two columns.
LABEL_MARGIN = 10.0


def fitted_rects(graph: RouteLike) -> dict[str, QRectF]:
    """The core's layout with every column as wide as its text needs.

    The core lays out fixed-size nodes; names are as long as DNS makes them and fonts as
    wide as the desktop's. Each column of route nodes takes the width of its widest text
    (all of a column alike), the gap before it the width of the labels that cross it, and
    everything to the right moves over by as much. Order, rows and heights stay the core's.
    DNS nodes between columns keep their place relative to the gap they sit in."""
    base = {node_id: node_rect(attrs) for node_id, attrs in graph.nodes(data=True)}
    attrs_of = {node_id: attrs for node_id, attrs in graph.nodes(data=True)}
    columns: dict[float, list[str]] = {}
    for node_id, attrs in attrs_of.items():
        if attrs.get("kind") != "dns":
            columns.setdefault(round(base[node_id].left(), 1), []).append(node_id)
    if not columns:
        return base
    lefts = sorted(columns)
    col_w = {x: max(base[n].width() for n in columns[x]) for x in lefts}
    need = {
        x: min(MAX_NODE_W, max(node_text_width(attrs_of[n]) for n in columns[x])) for x in lefts
    }
    extra = {x: max(0.0, need[x] - col_w[x]) for x in lefts}
    column_of = {n: x for x in lefts for n in columns[x]}
    gap_extra = dict.fromkeys(lefts, 0.0)
    # Into a column with several labelled bundles (one per MX host) the edges fan out: a
    # label then keeps to the last ~40 % of the gap, where each edge is nearly level with
    # its own node, so the gap is made wide enough for that.
    bundles: dict[float, set[tuple[str, str]]] = {}
    for u, v, edge in graph.edges(data=True):
        if u in column_of and v in column_of and edge_label_text(edge):
            bundles.setdefault(column_of[v], set()).add((v, str(edge.get("label"))))
    for u, v, edge in graph.edges(data=True):
        a, b = column_of.get(u), column_of.get(v)
        if a is None or b is None or a == b:
            continue
        a, b = min(a, b), max(a, b)
        if lefts.index(b) - lefts.index(a) != 1:
            continue
        text = edge_label_text(edge)
        if not text:
            continue
        gap = b - (a + col_w[a])
        fan = 2.4 if len(bundles.get(column_of[v], ())) > 1 else 1.0
        want = edge_label_size(edge).width() * fan + 2 * LABEL_MARGIN
        gap_extra[b] = max(gap_extra[b], want - gap)

    def shift(x: float) -> float:
        """How far a point at scene x (in the core's layout) moves right."""
        moved = 0.0
        for left in lefts:
            if x >= left:  # past this column's left edge: the gap before it widened
                moved += gap_extra[left]
            if x >= left + col_w[left]:
                moved += extra[left]
            elif x > left:  # inside the column: proportionally
                moved += extra[left] * (x - left) / col_w[left]
        return moved

    out: dict[str, QRectF] = {}
    for node_id, rect in base.items():
        x = column_of.get(node_id)
        if x is not None:
            out[node_id] = QRectF(
                rect.left() + shift(rect.left()), rect.top(), col_w[x] + extra[x], rect.height()
            )
    dns = sorted((n for n in base if n not in column_of), key=lambda n: base[n].center().x())
    centers = {n: base[n].center().x() + shift(base[n].center().x()) for n in dns}
    for i, node_id in enumerate(dns):
        rect = base[node_id]
        width = max(rect.width(), min(MAX_NODE_W, node_text_width(attrs_of[node_id])))
        for j in (i - 1, i + 1):  # never into a neighbour in the same row
            if 0 <= j < len(dns) and abs(base[dns[j]].top() - rect.top()) < rect.height():
                room = abs(centers[dns[j]] - centers[node_id]) - base[dns[j]].width() / 2 - 16
                width = max(rect.width(), min(width, 2 * room - rect.width()))
        out[node_id] = QRectF(centers[node_id] - width / 2, rect.top(), width, rect.height())
    return out


def node_rects(
    graph: RouteLike, positions: Mapping[str, QPointF] | None = None
) -> dict[str, QRectF]:
    rects = fitted_rects(graph)
    if positions:
        for node_id, rect in rects.items():
            if node_id in positions:
                rect.moveTopLeft(positions[node_id])
    return rects


def edge_geometries(graph: RouteLike, rects: Mapping[str, QRectF]) -> list[PlacedEdge]:
    return [
        ((u, v), attrs, edge_geometry(rects[u], rects[v]), v)
        for u, v, attrs in graph.edges(data=True)
        if u in rects and v in rects
    ]


def label_spots(
    edges: list[PlacedEdge],
    rects: Mapping[str, QRectF],
) -> dict[tuple[str, str], LabelSpot]:
    return place_edge_labels(edges, rects.values())


def graph_bounds(
    graph: RouteLike,
    rects: Mapping[str, QRectF],
    edges: list[PlacedEdge] | None = None,
    spots: Mapping[tuple[str, str], LabelSpot] | None = None,
) -> QRectF:
    bounds = QRectF()
    for rect in rects.values():
        bounds = bounds.united(rect.adjusted(-6, -6, 6, 6))
    if edges is None:
        edges = edge_geometries(graph, rects)
    spots = spots or {}
    for key, attrs, geo, _ in edges:
        bounds = bounds.united(geo.path.boundingRect())
        bounds = bounds.united(spot_rect(attrs, geo, spots.get(key, MID)))
    return bounds


@dataclass(frozen=True)
class DiagramLayout:
    size: QSizeF
    offset: QPointF  # added to scene coordinates of the graph
    title_rect: QRectF
    legend_origin: QPointF
    legend_columns: int
    rects: Mapping[str, QRectF]
    edges: list[PlacedEdge]
    spots: Mapping[tuple[str, str], LabelSpot]


MARGIN = 24.0


def diagram_layout(
    graph: RouteLike, rects: Mapping[str, QRectF], title: str, headline: Headline | None = None
) -> DiagramLayout:
    edges = edge_geometries(graph, rects)
    spots = label_spots(edges, rects)
    bounds = graph_bounds(graph, rects, edges, spots)
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
        rects=rects,
        edges=edges,
        spots=spots,
    )


def paint_diagram(
    painter: QPainter,
    graph: RouteLike,
    title: str,
    theme: RenderTheme = LIGHT,
    positions: Mapping[str, QPointF] | None = None,
    layout: DiagramLayout | None = None,
    headline: Headline | None = None,
) -> DiagramLayout:
    """The whole route with title, verdict line and legend, origin at (0, 0)."""
    if layout is None:
        layout = diagram_layout(graph, node_rects(graph, positions), title, headline)
    painter.save()
    painter.fillRect(QRectF(QPointF(0, 0), layout.size), theme.background)
    paint_title(painter, layout.title_rect, title, theme, headline)
    painter.translate(layout.offset)
    edges = sorted(layout.edges, key=lambda e: _paint_rank(e[1]))
    for key, edge, geo, _ in edges:
        paint_edge(painter, edge, geo, theme, spot=layout.spots.get(key, MID), labels=False)
    # Labels over every line, so no edge runs across another's label.
    for key, edge, geo, _ in edges:
        spot = layout.spots.get(key, MID)
        if spot.shown:
            _paint_edge_label(painter, edge, spot_rect(edge, geo, spot), theme, False)
    for node_id, attrs in graph.nodes(data=True):
        paint_node(painter, attrs, layout.rects[node_id], theme)
    painter.translate(-layout.offset)
    paint_legend(painter, layout.legend_origin, theme, layout.legend_columns)
    painter.restore()
    return layout


def _paint_rank(attrs: EdgeAttrs) -> tuple[bool, bool]:
    # Inactive and DNS edges underneath, the route mail takes on top.
    return (attrs.get("kind") != "dns", bool(attrs.get("active", True)))
