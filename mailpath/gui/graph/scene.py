"""The route as scene items: a node item and an edge item per node and edge of the route
graph, and the scene that holds them.

Items keep their identity across updates (`RouteScene.set_graph` diffs by node id and edge
key), so a node a person dragged, selected or hovered stays so while lookups finish. Painting
is delegated to `render`, the same code the PNG/SVG export uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from mailpath.gui.graph import detail, render
from mailpath.gui.graph.style import SCENE_MARGINS
from mailpath.gui.text.i18n import escape_html, tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import EdgeAttrs, NodeAttrs
    from mailpath.gui.text.labels import RouteLike


def _tooltip(attrs: NodeAttrs | EdgeAttrs) -> str:
    """A plain-text tooltip, escaped: Qt renders tooltips that look like HTML as rich text."""
    lines = [str(attrs.get("label", "")).replace("\n", " — ")]
    status = attrs.get("status")
    if status:
        lines.append(tr("Graph", "status: {status}").format(status=status))
    body = "<br>".join(escape_html(line) for line in lines if line)
    return f"<qt>{body}</qt>"


_NODE_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
)
_POINTING = Qt.CursorShape.PointingHandCursor


class NodeItem(QGraphicsObject):
    """One node. It does not override `itemChange`: Qt would call that Python method for
    every property of every item (14 times per node while a 1,000-node scene is built);
    the one change it must follow, a person dragging nodes, is handled in mouseMoveEvent."""

    def __init__(
        self, node_id: str, attrs: NodeAttrs, route_scene: RouteScene, rect: QRectF
    ) -> None:
        super().__init__()
        self.node_id = node_id
        self.attrs = attrs
        self.route_scene = route_scene
        self.edges: list[EdgeItem] = []
        self.highlighted = False
        self._rect = QRectF()
        self.setFlags(_NODE_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setCursor(_POINTING)
        self.setZValue(2)
        self.update_attrs(attrs, rect, move=True)

    def update_attrs(self, attrs: NodeAttrs, rect: QRectF, move: bool) -> None:
        self.prepareGeometryChange()
        self.attrs = attrs
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        if move:
            self.setPos(rect.topLeft())
        self.setToolTip(_tooltip(attrs))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-7, -7 - render.badge_rise(self.attrs), 7, 7)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, 8, 8)
        return path

    def scene_rect(self) -> QRectF:
        return self._rect.translated(self.pos())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        render.paint_node(
            painter,
            self.attrs,
            self._rect,
            self.route_scene.theme,
            selected=self.isSelected(),
            highlighted=self.highlighted,
            lod=lod,
        )

    def moved_to(self) -> None:
        """Follow a move made by the person: the edges, and the place kept across updates."""
        for edge in self.edges:
            edge.adjust()
        if self.route_scene.user_moving:
            self.route_scene.moved[self.node_id] = self.pos()
            self.route_scene.dragged = True

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.route_scene.user_moving = True
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Qt moves every selected movable item with the one dragged.
        before = {item: item.pos() for item in self._moving()}
        super().mouseMoveEvent(event)
        for item, pos in before.items():
            if item.pos() != pos:
                item.moved_to()

    def _moving(self) -> list[NodeItem]:
        items = [i for i in self.route_scene.selectedItems() if isinstance(i, NodeItem)]
        return items if self in items else [*items, self]

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.route_scene.user_moving = False
        if self.route_scene.dragged:
            # While dragging, labels ride along with their edges; where the node is let go
            # they are placed again, clear of every node, label and edge.
            self.route_scene.dragged = False
            self.route_scene.place_labels()
            self.route_scene.setSceneRect(
                self.route_scene.itemsBoundingRect().adjusted(*SCENE_MARGINS)
            )

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.route_scene.highlight_path(self.node_id)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.route_scene.highlight_path(None)
        super().hoverLeaveEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        self.setSelected(True)
        self.route_scene.contextMenuRequested.emit(self.node_id, event.screenPos())
        event.accept()


class EdgeItem(QGraphicsItem):
    def __init__(
        self,
        key: tuple[str, str],
        attrs: EdgeAttrs,
        src: NodeItem,
        dst: NodeItem,
        route_scene: RouteScene,
    ) -> None:
        super().__init__()
        self.key = key
        self.attrs = attrs
        self.src = src
        self.dst = dst
        self.route_scene = route_scene
        self.highlighted = False
        self.spot = render.MID
        self.geometry: render.EdgeGeometry | None = None
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self.setAcceptHoverEvents(True)
        src.edges.append(self)
        dst.edges.append(self)
        self.update_attrs(attrs, adjust=False)

    def update_attrs(
        self, attrs: EdgeAttrs, adjust: bool = True, full: EdgeAttrs | None = None
    ) -> None:
        self.attrs = attrs
        # `full`: the edge as the route has it, when the scene draws it with its marker only
        # (`detail.terse`): its label is the edge's tooltip.
        self.setToolTip(_tooltip(full) if full is not None and full.get("label") else "")
        kind = attrs.get("kind")
        self.setZValue(0 if kind == "dns" else (1 if attrs.get("active", True) else 0.5))
        if adjust:
            self.adjust()

    def detach(self) -> None:
        for node in (self.src, self.dst):
            if self in node.edges:
                node.edges.remove(self)

    def adjust(self, geometry: render.EdgeGeometry | None = None) -> None:
        self.prepareGeometryChange()
        geo = geometry or render.edge_geometry(
            self.src.scene_rect(), self.dst.scene_rect(), render.bows(self.attrs)
        )
        self.geometry = geo
        self._bounds = geo.path.controlPointRect().united(self.label_rect()).adjusted(-6, -6, 6, 6)
        self._shape = None
        self.update()

    def label_rect(self, highlighted: bool = True) -> QRectF:
        """Where the label is drawn (with its text, as when hovered), in scene units."""
        assert self.geometry is not None
        return render.spot_rect(self.attrs, self.geometry, self.spot, highlighted)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:  # only hover and clicks ask: made then, not for every edge
            assert self.geometry is not None
            stroker = QPainterPathStroker(QPen(Qt.GlobalColor.black, 8))
            shape = stroker.createStroke(self.geometry.path)
            if self.spot.shown:
                shape.addRect(self.label_rect(False))
            self._shape = shape
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.geometry is None:
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        render.paint_edge(
            painter,
            self.attrs,
            self.geometry,
            self.route_scene.theme,
            highlighted=self.highlighted,
            lod=lod,
            spot=self.spot,
            key=self.key,
        )

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.route_scene.highlight_path(self.dst.node_id)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.route_scene.highlight_path(None)
        super().hoverLeaveEvent(event)


class RouteScene(QGraphicsScene):
    """Holds one route graph as items; emits which node is selected."""

    nodeSelected = Signal(str)  # "" when nothing is selected
    contextMenuRequested = Signal(str, object)  # node id, global QPoint
    graphChanged = Signal()  # a route is shown, or none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = render.LIGHT
        self.graph: RouteLike | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self.moved: dict[str, QPointF] = {}
        self.user_moving = False
        #: A node was moved by the person since the mouse went down.
        self.dragged = False
        #: Edge labels give way to their markers (the window's level of detail, `detail`).
        self.terse = False
        self._extent: QRectF | None = None
        self._succ: dict[str, list[str]] = {}
        self._pred: dict[str, list[str]] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._selection_changed)

    def set_theme(self, theme: render.RenderTheme) -> None:
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
        self.graph = graph
        self._extent = None
        self.graphChanged.emit()
        shown = detail.terse(graph) if self.terse else graph
        full = {(u, v): a for u, v, a in graph.edges(data=True)} if self.terse else {}
        new_nodes = {node_id: attrs for node_id, attrs in shown.nodes(data=True)}
        rects = render.fitted_rects(shown, terse=self.terse)
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
            self._extent = detail.route_extent(self.graph)
        return self._extent

    def set_terse(self, terse: bool) -> None:
        """Draw edge labels as markers only (True) or whole; nodes the person moved stay."""
        if terse != self.terse:
            self.terse = terse
            if self.graph is not None:
                extent = self._extent  # the same route: its full extent stays
                self.set_graph(self.graph)
                self._extent = extent

    def place_labels(self) -> None:
        """Lay out every edge and put the labels where they cover no node, label or edge."""
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
            if isinstance(item, NodeItem):
                return item.node_id
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
