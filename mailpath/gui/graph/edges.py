"""The route's edges: geometry, labels (text, size, placement clear of nodes, labels and other
edges), pens and painting. `paint_edge` calls `edge_decorations` for every SMTP edge: the one
hook for extra marks on an MX edge (transport locks)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)

from mailpath.gui.graph import markers, transport
from mailpath.gui.graph.style import (
    ACTUAL,
    EDGE_MARKER_SIZE,
    EDGE_PX,
    LOD_TEXT,
    RenderTheme,
    font,
    font_metrics,
    text_width,
)

if TYPE_CHECKING:
    from mailpath.core.route.attrs import EdgeAttrs

    #: An edge: (source, target).
    EdgeKey: TypeAlias = tuple[str, str]
    #: An edge laid out: its key, attributes, geometry and target node.
    PlacedEdge: TypeAlias = tuple[EdgeKey, EdgeAttrs, "EdgeGeometry", str]

_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_BRUSH = Qt.BrushStyle.NoBrush
_NO_PEN = Qt.PenStyle.NoPen
#: Pens and brushes by look (key: what, theme id, flags), with the theme kept alive.
_tool_cache: dict[tuple[object, ...], tuple[RenderTheme, QPen, QBrush]] = {}
_brush_cache: dict[str, QBrush] = {}


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


@dataclass(frozen=True)
class EdgeGeometry:
    path: QPainterPath
    arrow: QPolygonF
    mid: QPointF


#: How far an edge from the mailbox to a verdict stacked above it bows out right of them.
BRACKET = 24.0


def bows(attrs: EdgeAttrs) -> bool:
    """Whether the edge bows out right of its column: the mailbox's edges to its verdicts,
    stacked above it in a compact route (`layout`), and the received message's path down
    from a node into a hop of the lane under its column (the nodes below it are in the way)."""
    return attrs.get("kind") in ("auth", "actual")


def edge_geometry(src: QRectF, dst: QRectF, bow: bool = False) -> EdgeGeometry:
    """The edge's path and arrowhead from `src` to `dst`; `bow` (see `bows`) for an edge that
    runs along its column's right side: when both ends are in one column, or when `dst` is
    below `src` and under its column (into `dst`'s top, right of the column)."""
    sc, dc = src.center(), dst.center()
    dx, dy = dc.x() - sc.x(), dc.y() - sc.y()
    horizontal = abs(dx) >= abs(dy) * 0.6 and (
        dst.left() >= src.right() or dst.right() <= src.left()
    )
    under = dst.top() > src.bottom() and dst.left() < src.right() < dst.right() - BRACKET
    if bow and src.left() == dst.left() and src.right() == dst.right():
        # Clear of the verdicts between the mailbox and this one.
        start = QPointF(src.right(), sc.y())
        end = QPointF(dst.right(), dc.y())
        c1 = QPointF(start.x() + BRACKET, start.y())
        c2 = QPointF(end.x() + BRACKET, end.y())
    elif bow and under:
        # Clear of the nodes under `src` in its column (MX 10 to 40 under MX 5).
        start = QPointF(src.right(), sc.y())
        end = QPointF(src.right() + BRACKET, dst.top())
        c1 = QPointF(end.x(), start.y())
        c2 = QPointF(end.x(), start.y() + (end.y() - start.y()) * 0.5)
    elif horizontal:
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
    if "\n" in text or text_width(text, font(EDGE_PX)) <= EDGE_WRAP_PX:
        return text
    return "\n".join(break_in_two(text))


def break_in_two(text: str) -> list[str]:
    """`text` broken at the space nearest its middle, a " · " separator's dot going with the
    break ("SMTP :25 · pref 5" -> "SMTP :25" / "pref 5"), in every language; `[text]` when it
    has no space."""
    middle = len(text) / 2
    separators = [i for i in range(len(text)) if text.startswith(" · ", i)]
    if separators:
        cut = min(separators, key=lambda i: abs(i + 1 - middle))
        return [text[:cut], text[cut + 3 :]]
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [text[:cut], text[cut + 1 :]]


def edge_label_size(attrs: EdgeAttrs, highlighted: bool = False) -> QSizeF:
    text = edge_label_text(attrs, highlighted)
    if not text:
        return QSizeF(EDGE_MARKER_SIZE + 4, EDGE_MARKER_SIZE + 4)
    f = font(EDGE_PX)
    lines = text.split("\n")
    width = max(text_width(line, f) for line in lines) + EDGE_MARKER_SIZE + 10
    height = max(font_metrics(f).height() * len(lines), EDGE_MARKER_SIZE) + 4
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


def _bundle_order(members: list[tuple[EdgeKey, EdgeAttrs, EdgeGeometry]]) -> tuple[int, int, float]:
    """Labelled bundles first, by kind of edge (the route before DNS), top to bottom."""
    attrs = members[0][1]
    has_text = bool(edge_label_text(attrs))
    return (
        0 if has_text else 1,
        _EDGE_ORDER.get(str(attrs.get("kind")), 5),
        members[0][2].mid.y(),
    )


def place_edge_labels(
    edges: Iterable[PlacedEdge],
    obstacles: Iterable[QRectF],
    crowded: set[EdgeKey] | None = None,
) -> dict[EdgeKey, LabelSpot]:
    """Spots for edge labels so that none covers a node, another label or another edge.

    `edges` are (key, attrs, geometry, target). Edges into the same node with the same label
    and status form one bundle with one label (two addresses to one MX host say "SMTP :25 ·
    pref 5" once). Each label tries points along its edges, on and beside the line, and takes
    the one crossing the fewest other edges, nearest the middle. The edges whose label found
    no spot clear of nodes, labels and other edges are added to `crowded`."""
    edges = list(edges)
    if len(edges) > PLACEMENT_LIMIT:
        return {}
    nodes = [r.adjusted(-3, -3, 3, 3) for r in obstacles]
    for _key, attrs, geo, _dst in edges:  # the transport locks, drawn at the edges' ends
        lock = transport.lock_rect(attrs, geo.path)
        if lock is not None:
            nodes.append(lock)
    stroker = QPainterPathStroker()
    stroker.setWidth(2.0)
    strokes = {}
    for key, _attrs, geo, _dst in edges:
        strokes[key] = (geo.path.controlPointRect(), stroker.createStroke(geo.path))
    # (target, label, status, kind).
    bundles: dict[tuple[str, ...], list[tuple[EdgeKey, EdgeAttrs, EdgeGeometry]]] = {}
    for key, attrs, geo, dst in edges:
        text = edge_label_text(attrs)
        # Without text too: the fallback edges of both addresses into one MX host carry one
        # marker, or one per address family where their statuses differ.
        bundle = (dst, text, str(attrs.get("status")), str(attrs.get("kind")))
        bundles.setdefault(bundle, []).append((key, attrs, geo))

    placed: list[QRectF] = []
    spots: dict[EdgeKey, LabelSpot] = {}
    for members in sorted(bundles.values(), key=_bundle_order):
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
        if (best is None or best[0] >= 100) and crowded is not None:
            crowded.add(members[0][0] if best is None else best[1])
        if best is None:
            # No spot clear of nodes and labels: rather no label than one over a node's
            # text (hovering the edge still shows it).
            carrier = members[0][0]
            spots[carrier] = LabelSpot(shown=False)
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


def edge_decorations(
    painter: QPainter, attrs: EdgeAttrs, geometry: EdgeGeometry, theme: RenderTheme, key: EdgeKey
) -> None:
    """Extra marks on an SMTP edge (address -> MX host), drawn over its line and under its
    label, in the window and in exports alike (not in an overview below LOD_TEXT); `key` is
    the edge's (source, target) node ids, the target an "mx:<host>" node: the transport lock
    (`gui/graph/transport.py`)."""
    transport.paint_edge_lock(painter, attrs, geometry.path)


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
    key: EdgeKey = ("", ""),
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
    if attrs.get("kind") == "smtp":
        edge_decorations(painter, attrs, geometry, theme, key)
    if labels and lod >= LOD_TEXT and (spot.shown or highlighted):
        rect = spot_rect(attrs, geometry, spot, highlighted)
        paint_edge_label(painter, attrs, rect, theme, highlighted)
    painter.restore()


def paint_edge_label(
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
