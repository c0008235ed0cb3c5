"""The scene that holds the route graph as items (`items.NodeItem`, `items.EdgeItem`: one per
node and edge).

Items keep their identity across updates (`RouteScene.set_graph` diffs by node id and edge
key), so a node a person dragged, selected or hovered stays so while lookups finish. The
items, `render` and `detail` are loaded with the first route shown: the first launch's empty
graph area needs none of them (~5 ms of the start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene, QWidget

from mailpath.gui.graph.style import LIGHT, SCENE_MARGINS

if TYPE_CHECKING:
    from mailpath.gui.graph.items import EdgeItem, NodeItem
    from mailpath.gui.graph.style import RenderTheme
    from mailpath.gui.text.labels import RouteLike


class RouteScene(QGraphicsScene):
    """Holds one route graph as items; emits which node is selected."""

    nodeSelected = Signal(str)  # "" when nothing is selected
    contextMenuRequested = Signal(str, object)  # node id, global QPoint
    graphChanged = Signal()  # a route is shown, or none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = LIGHT
        self.graph: RouteLike | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self.moved: dict[str, QPointF] = {}
        self.user_moving = False
        #: A node was moved by the person since the mouse went down.
        self.dragged = False
        #: Edge labels give way to their markers (the window's level of detail, `detail`).
        self.terse = False
        #: The view's width over its height (`set_terse`), and the one the terse route was
        #: laid out for: its DNS row and hops' lane are folded into it where that draws it
        #: larger in such a view (`layout._fold`).
        self.aspect: float | None = None
        self._laid_for: float | None = None
        self._extent: QRectF | None = None
        self._succ: dict[str, list[str]] = {}
        self._pred: dict[str, list[str]] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._selection_changed)

    def set_theme(self, theme: RenderTheme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        self.update()

    def clear_graph(self) -> None:
        self.graph = None
        self._extent = None
        self.moved.clear()
        for item in list(self.nodes.values()) + list(self.edge_items.values()):
            self.removeItem(item)
        self.nodes.clear()
        self.edge_items.clear()
        self._succ.clear()
        self._pred.clear()
        self.graphChanged.emit()

    def set_graph(self, graph: RouteLike) -> None:
        """Show `graph`, reusing items by node id; user-moved nodes keep their place."""
        from mailpath.gui.graph import detail
        from mailpath.gui.graph.items import EdgeItem, NodeItem

        self.graph = graph
        self._extent = None
        self.graphChanged.emit()
        shown = detail.terse(graph) if self.terse else graph
        full = {(u, v): a for u, v, a in graph.edges(data=True)} if self.terse else {}
        new_nodes = {node_id: attrs for node_id, attrs in shown.nodes(data=True)}
        rects = self._fitted(shown)
        for node_id in [n for n in self.nodes if n not in new_nodes]:
            gone = self.nodes.pop(node_id)
            for gone_edge in list(gone.edges):
                self._remove_edge(gone_edge.key)
            self.removeItem(gone)
            self.moved.pop(node_id, None)
        for node_id, attrs in new_nodes.items():
            item = self.nodes.get(node_id)
            rect = rects[node_id]
            if node_id in self.moved:
                rect.moveTopLeft(self.moved[node_id])
            if item is None:
                item = NodeItem(node_id, attrs, self, rect)
                self.nodes[node_id] = item
                self.addItem(item)
            else:
                item.update_attrs(attrs, rect, move=node_id not in self.moved)
        new_edges = {(u, v): edge_attrs for u, v, edge_attrs in shown.edges(data=True)}
        for key in [k for k in self.edge_items if k not in new_edges]:
            self._remove_edge(key)
        for key, edge_attrs in new_edges.items():
            edge = self.edge_items.get(key)
            if edge is None:
                src, dst = self.nodes.get(key[0]), self.nodes.get(key[1])
                if src is None or dst is None:
                    continue
                edge = EdgeItem(key, edge_attrs, src, dst, self)
                self.edge_items[key] = edge
                self.addItem(edge)
            edge.update_attrs(edge_attrs, adjust=False, full=full.get(key))
        # Positions may have moved: refresh every edge once, with labels placed together.
        self.place_labels()
        self._succ = {n: [] for n in self.nodes}
        self._pred = {n: [] for n in self.nodes}
        for u, v in self.edge_items:
            if self.edge_items[(u, v)].attrs.get("kind") == "dns":
                continue
            self._succ[u].append(v)
            self._pred[v].append(u)
        self.setSceneRect(self.itemsBoundingRect().adjusted(*SCENE_MARGINS))

    def full_extent(self) -> QRectF | None:
        """The scene rectangle of the route with every edge label shown (None: no route)."""
        if self.graph is None:
            return None
        if self._extent is None:
            from mailpath.gui.graph import detail

            self._extent = detail.route_extent(self.graph)
        return self._extent

    def _fitted(self, shown: RouteLike) -> dict[str, QRectF]:
        """The nodes' rectangles; a terse route's folded for the view's shape (`aspect`)."""
        from mailpath.gui.graph import render

        self._laid_for = self.aspect if self.terse else None
        return render.fitted_rects(shown, terse=self.terse, fold=self._laid_for)

    def set_terse(self, terse: bool, aspect: float | None = None) -> None:
        """Draw edge labels as markers only (True) or whole; `aspect`, the view's width over
        its height, is what a terse route is folded for (laid out again when it changes by
        more than 5 %). Nodes the person moved stay."""
        if aspect is not None:
            self.aspect = aspect
        again = terse != self.terse
        if terse and not again and self.aspect is not None:
            laid = self._laid_for
            again = laid is None or abs(self.aspect / laid - 1) > 0.05
        self.terse = terse
        if again and self.graph is not None:
            extent = self._extent  # the same route: its full extent stays
            self.set_graph(self.graph)
            self._extent = extent

    def place_labels(self) -> None:
        """Lay out every edge and put the labels where they cover no node, label or edge."""
        from mailpath.gui.graph import render

        rects = {node_id: item.scene_rect() for node_id, item in self.nodes.items()}
        geometries = {
            key: render.edge_geometry(rects[key[0]], rects[key[1]], render.bows(e.attrs))
            for key, e in self.edge_items.items()
        }
        spots = render.place_edge_labels(
            [(key, e.attrs, geometries[key], key[1]) for key, e in self.edge_items.items()],
            rects.values(),
        )
        for key, edge in self.edge_items.items():
            edge.spot = spots.get(key, render.MID)
            edge.adjust(geometries[key])

    def _remove_edge(self, key: tuple[str, str]) -> None:
        edge = self.edge_items.pop(key, None)
        if edge is not None:
            edge.detach()
            self.removeItem(edge)

    def positions(self) -> dict[str, QPointF]:
        """Where each node is now (top-left), for exporting what the person arranged."""
        return {node_id: item.pos() for node_id, item in self.nodes.items()}

    def selected_node(self) -> str | None:
        for item in self.selectedItems():
            node_id = getattr(item, "node_id", None)  # edges have none
            if node_id is not None and self.nodes.get(node_id) is item:
                return str(node_id)
        return None

    def select_node(self, node_id: str) -> bool:
        item = self.nodes.get(node_id)
        if item is None:
            return False
        self.clearSelection()
        item.setSelected(True)
        item.setFocus()
        for view in self.views():
            view.ensureVisible(item, 40, 40)
        return True

    def _selection_changed(self) -> None:
        self.nodeSelected.emit(self.selected_node() or "")

    def path_through(self, node_id: str) -> tuple[set[str], set[tuple[str, str]]]:
        """Nodes and edges on any route through `node_id` (its ancestors and descendants)."""
        nodes = {node_id}
        edges: set[tuple[str, str]] = set()
        for adjacency, forward in ((self._pred, False), (self._succ, True)):
            stack = [node_id]
            seen = {node_id}
            while stack:
                current = stack.pop()
                for other in adjacency.get(current, []):
                    edges.add((current, other) if forward else (other, current))
                    if other not in seen:
                        seen.add(other)
                        nodes.add(other)
                        stack.append(other)
        return nodes, edges

    def highlight_path(self, node_id: str | None) -> None:
        nodes, edges = self.path_through(node_id) if node_id in self.nodes else (set(), set())
        for nid, item in self.nodes.items():
            on = nid in nodes
            if item.highlighted != on:
                item.highlighted = on
                item.update()
        for key, edge in self.edge_items.items():
            on = key in edges
            if edge.highlighted != on:
                edge.highlighted = on
                edge.setZValue(1.5 if on else (0 if edge.attrs.get("kind") == "dns" else 1))
                edge.update()

    def ordered_nodes(self) -> list[str]:
        """Nodes in reading order (by column, then row), for keyboard navigation."""
        return sorted(self.nodes, key=lambda n: (round(self.nodes[n].x()), self.nodes[n].y()))
