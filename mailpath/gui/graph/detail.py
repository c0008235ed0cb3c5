"""The window's level of detail: names first.

A route fitted to the graph area is drawn as large as the area allows. When the whole route,
with its edge labels, would be fitted so small that node names fall below READABLE_POINTS on
screen (a dock beside the graph, a small window), the edge labels give way to their status
markers: the gaps between columns then need only room for an arrow and a marker, the route is
narrower and is drawn larger. The label's text stays in the edge's tooltip; closing the dock
brings the labels back. Exports (PNG, SVG) always draw the full route.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from mailpath.gui.graph.edges import edge_geometry, place_edge_labels, spot_rect
from mailpath.gui.graph.render import fitted_rects
from mailpath.gui.graph.style import BODY_PX, SCENE_MARGIN
from mailpath.gui.text.labels import LocalizedGraph

if TYPE_CHECKING:
    from mailpath.gui.text.labels import RouteLike

#: Node names (host names, node titles) are never drawn smaller than this on screen when the
#: window can help it (issue 17: 9 pt at the default size with any one dock open).
READABLE_POINTS = 9.0
#: Around the route, as the scene rectangle has it: node outlines and edge bounds (7) and
#: the scene's own margin.
_MARGIN = 7.0 + SCENE_MARGIN


def readable_zoom(dpi: float) -> float:
    """The smallest zoom at which the body text of a node is READABLE_POINTS at `dpi`."""
    return READABLE_POINTS * dpi / 72.0 / BODY_PX


def terse(graph: RouteLike) -> LocalizedGraph:
    """`graph` with its edge labels given way to their markers (see the module's text)."""
    edges = []
    for u, v, attrs in graph.edges(data=True):
        copy = attrs.copy()
        copy["label"] = ""
        edges.append((u, v, copy))
    return LocalizedGraph.with_edges(graph, edges)


def route_extent(graph: RouteLike) -> QRectF:
    """The scene rectangle the full route (every label shown) takes in the window."""
    rects = fitted_rects(graph)
    extent = QRectF()
    for rect in rects.values():
        extent = extent.united(rect)
    placed = [
        (key, attrs, edge_geometry(rects[key[0]], rects[key[1]]), key[1])
        for key, attrs in (((u, v), a) for u, v, a in graph.edges(data=True))
        if key[0] in rects and key[1] in rects
    ]
    spots = place_edge_labels(placed, rects.values())
    for key, attrs, geometry, _target in placed:
        spot = spots.get(key)
        if spot is not None and spot.shown:
            extent = extent.united(spot_rect(attrs, geometry, spot, False))
    return extent.adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)
