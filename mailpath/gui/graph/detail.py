"""The window's level of detail: names first.

A route fitted to the graph area is drawn as large as the area allows. When the whole route,
with its edge labels, would be fitted so small that node names fall below READABLE_POINTS on
screen (a dock beside the graph, a small window), the edge labels give way to their status
markers: the gaps between columns then need only room for an arrow and a marker, the route is
narrower and is drawn larger. The label's text stays in the edge's tooltip; closing the dock
brings the labels back. Exports (PNG, SVG) always draw the full route.

Such a route is compact too (`layout.fit_layout`): two columns fewer (the client under the
submission server it hands mail to, DMARC's and DKIM's verdicts stacked above the mailbox),
a body line too wide broken at a space, an MX host's role beside its title, rows closer. A
received message's route beside its Message panel went from 6.2 to 9.3 pt that way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from mailpath.gui.graph.render import edge_geometries, fitted_rects, graph_bounds, label_spots
from mailpath.gui.graph.style import BODY_PX, SCENE_MARGIN
from mailpath.gui.text.labels import LocalizedGraph

if TYPE_CHECKING:
    from mailpath.gui.text.labels import RouteLike

#: Node names (host names, node titles) are never drawn smaller than this on screen when the
#: window can help it (issue 17: 9 pt at the default size with any one dock open).
READABLE_POINTS = 9.0
#: Around the export's bounds (6 around each node) as the scene rectangle has it: node
#: outlines (7) and the scene's own margin.
_MARGIN = 1.0 + SCENE_MARGIN


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
    """The scene rectangle the full route (every label shown) takes in the window: the
    export's bounds of its nodes, edges and labels, with the scene's margin."""
    rects = fitted_rects(graph)
    edges = edge_geometries(graph, rects)
    bounds = graph_bounds(graph, rects, edges, label_spots(edges, rects))
    return bounds.adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)
