"""Painting the route with a plain `QPainter`: nodes here, edges in `edges`, legend and title
in `legend`, colours and fonts in `style`; this module also lays out the whole diagram.

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
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from mailpath.gui.graph import markers, style
from mailpath.gui.graph.edges import (
    MID,
    PLACEMENT_LIMIT,
    EdgeGeometry,
    LabelSpot,
    bows,
    edge_geometry,
    edge_label_rect,
    edge_label_text,
    paint_edge,
    paint_edge_label,
    place_edge_labels,
    spot_rect,
)
from mailpath.gui.graph.layout import fit_layout
from mailpath.gui.graph.legend import (
    TITLE_PX,
    Headline,
    legend_flow,
    legend_size,
    paint_legend,
    paint_legend_flow,
    paint_title,
    shows_locks,
    title_height,
)
from mailpath.gui.graph.nodetext import (
    node_text_height,
    node_text_layout,
    node_text_width,
)
from mailpath.gui.graph.style import (
    ACTUAL,
    CAPTION_PX,
    DARK,
    EDGE_MARKER_SIZE,
    EDGE_PX,
    LIGHT,
    LOD_TEXT,
    MARKER_SIZE,
    RenderTheme,
    font,
    font_metrics,
    text_width,
    theme_for_palette,
)

if TYPE_CHECKING:
    # Types only: the renderer does not import networkx or the core's route module.
    from mailpath.core.route.attrs import EdgeAttrs, NodeAttrs
    from mailpath.gui.graph.edges import PlacedEdge
    from mailpath.gui.text.labels import RouteLike

#: What other modules (the view, export, tests) take from here: the renderer's own names and
#: those of the modules it is made of.
__all__ = [
    "ACTUAL",
    "DARK",
    "EDGE_MARKER_SIZE",
    "EDGE_PX",
    "LIGHT",
    "LOD_TEXT",
    "MID",
    "EdgeGeometry",
    "Headline",
    "LabelSpot",
    "RenderTheme",
    "badge_rise",
    "bows",
    "clear_font_cache",
    "diagram_layout",
    "edge_geometries",
    "edge_geometry",
    "edge_label_rect",
    "edge_label_text",
    "fitted_rects",
    "font",
    "hop_badge",
    "label_spots",
    "legend_flow",
    "node_rects",
    "node_text_layout",
    "paint_diagram",
    "paint_edge",
    "paint_legend_flow",
    "paint_node",
    "place_edge_labels",
    "shows_locks",
    "spot_rect",
    "theme_for_palette",
]


def clear_font_cache() -> None:
    """Call after the application font changed (language switch): the fonts, their
    measurements and the node text laid out with them."""
    style.clear_font_cache()


def hop_badge(hops: Iterable[int]) -> str:
    """The hop numbers a node shows, as the Message panel numbers them: "#1 #2", "#3–#9"."""
    numbers = sorted(i + 1 for i in hops)
    if not numbers:
        return ""
    if len(numbers) <= 3:
        return " ".join(f"#{n}" for n in numbers)
    return f"#{numbers[0]}–#{numbers[-1]}"


# ---------------------------------------------------------------- nodes


def node_rect(attrs: NodeAttrs) -> QRectF:
    return QRectF(
        float(attrs.get("x", 0.0)),
        float(attrs.get("y", 0.0)),
        float(attrs.get("w", 180.0)),
        float(attrs.get("h", 56.0)),
    )


def is_active(attrs: NodeAttrs) -> bool:
    return bool(attrs.get("active", True)) and not attrs.get("down", False)


#: Pens and brushes of the overview (key: what, theme id, flags), with the theme kept alive.
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
        if badge_rise(attrs):
            _paint_hop_badge(painter, hop_badge(attrs["hops"]), rect, theme)
    painter.restore()


#: How far a hop badge reaches above its node's top (beyond the 7 units of its outline).
BADGE_RISE = 16.0


def badge_rise(attrs: NodeAttrs) -> float:
    """How far the node's hop badge (`_paint_hop_badge`) reaches above its outline; 0 for a
    node without one."""
    return BADGE_RISE if attrs.get("kind") != "hop" and attrs.get("hops") else 0.0


def _paint_hop_badge(painter: QPainter, text: str, rect: QRectF, theme: RenderTheme) -> None:
    """The numbers of the hops that happened at a predicted node, on its top-right corner,
    above the node's text (a title as wide as the node stays clear)."""
    f = font(CAPTION_PX, bold=True)
    width = text_width(text, f) + 10
    height = font_metrics(f).height() + 2
    badge = QRectF(rect.right() - width - 6, rect.top() + 3 - height, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(ACTUAL[theme.dark]))
    painter.drawRoundedRect(badge, height / 2, height / 2)
    painter.setFont(f)
    painter.setPen(theme.background)
    painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)


def _paint_node_text(
    painter: QPainter, attrs: NodeAttrs, rect: QRectF, theme: RenderTheme, down: bool
) -> None:
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for line in node_text_layout(attrs, rect):
        painter.setFont(line.font)
        painter.setPen(theme.muted if (down or line.role != "head") else theme.text)
        # drawText with a plain string never interprets markup: DNS text stays literal.
        painter.drawText(line.rect, align, line.shown)


# ---------------------------------------------------------------- the whole diagram


#: How often a gap is widened for a label that found no clear spot, and by how much.
WIDEN_TRIES = 4
WIDEN_BY = 36.0


def fitted_rects(
    graph: RouteLike, terse: bool = False, fold: float | None = None
) -> dict[str, QRectF]:
    """Every node's rectangle as drawn: the core's layout fitted to the text (see `layout`),
    as compact as the edge labels allow. Where a label finds no spot clear of nodes, labels
    and other edges, the gap before the node its edge goes into is widened, and the labels
    placed again. A `terse` route (edge labels as markers, `detail.py`) is not widened (a
    marker may sit on a crossing edge) and its DNS row is lower and closer; `fold` (the
    view's width over its height) moves its DNS row and hops' lane into free room inside
    the route where that draws it larger in such a view (`layout._fold`)."""
    widen: dict[str, float] = {}
    # Labels are placed only on routes of up to PLACEMENT_LIMIT edges (see edges.py).
    many = len(graph.edges(data=True)) > PLACEMENT_LIMIT
    tries = 1 if many or terse else WIDEN_TRIES
    for _ in range(tries):
        rects = fit_layout(
            graph,
            partial(node_text_width, broken=terse),
            widen,
            compact=terse,
            height=partial(node_text_height, beside=terse),
            fold=fold if terse else None,
        )
        if tries == 1:
            break
        crowded: set[tuple[str, str]] = set()
        place_edge_labels(edge_geometries(graph, rects), rects.values(), crowded)
        if not crowded:
            break
        for _u, v in crowded:
            widen[v] = widen.get(v, 0.0) + WIDEN_BY
    return rects


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
        ((u, v), attrs, edge_geometry(rects[u], rects[v], bows(attrs)), v)
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
    attrs_of: dict[str, NodeAttrs] = {n: a for n, a in graph.nodes(data=True)}
    for node_id, rect in rects.items():
        rise = badge_rise(attrs_of.get(node_id, {}))
        bounds = bounds.united(rect.adjusted(-6, -(7 + rise if rise else 6), 6, 6))
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
    #: The route shows transport locks: the legend explains them.
    legend_locks: bool
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
    locks = shows_locks(graph)
    legend = legend_size(columns, locks)
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
        legend_locks=locks,
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
        paint_edge(
            painter, edge, geo, theme, spot=layout.spots.get(key, MID), labels=False, key=key
        )
    # Labels over every line, so no edge runs across another's label.
    for key, edge, geo, _ in edges:
        spot = layout.spots.get(key, MID)
        if spot.shown:
            paint_edge_label(painter, edge, spot_rect(edge, geo, spot), theme, False)
    for node_id, attrs in graph.nodes(data=True):
        paint_node(painter, attrs, layout.rects[node_id], theme)
    painter.translate(-layout.offset)
    paint_legend(painter, layout.legend_origin, theme, layout.legend_columns, layout.legend_locks)
    painter.restore()
    return layout


def _paint_rank(attrs: EdgeAttrs) -> tuple[bool, bool]:
    # Inactive and DNS edges underneath, the route mail takes on top.
    return (attrs.get("kind") != "dns", bool(attrs.get("active", True)))
