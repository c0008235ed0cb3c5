"""The interactive route graph: a QGraphicsScene of node and edge items, and its view.

Items keep their identity across updates (`RouteScene.set_graph` diffs by node id and edge
key), so a node a person dragged, selected or hovered stays so while lookups finish. Painting
is delegated to `render`, the same code the PNG/SVG export uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QLabel,
    QMenu,
    QSizePolicy,
    QStyleOptionGraphicsItem,
    QWidget,
)

from mailpath.gui.graph import render
from mailpath.gui.text.i18n import escape_html, tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import EdgeAttrs, NodeAttrs
    from mailpath.gui.text.labels import RouteLike


def _tooltip(attrs: NodeAttrs) -> str:
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
        return self._rect.adjusted(-7, -7, 7, 7)

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

    def update_attrs(self, attrs: EdgeAttrs, adjust: bool = True) -> None:
        self.attrs = attrs
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
        geo = geometry or render.edge_geometry(self.src.scene_rect(), self.dst.scene_rect())
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = render.LIGHT
        self.graph: RouteLike | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self.moved: dict[str, QPointF] = {}
        self.user_moving = False
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
        self.moved.clear()
        for item in list(self.nodes.values()) + list(self.edge_items.values()):
            self.removeItem(item)
        self.nodes.clear()
        self.edge_items.clear()
        self._succ.clear()
        self._pred.clear()

    def set_graph(self, graph: RouteLike) -> None:
        """Show `graph`, reusing items by node id; user-moved nodes keep their place."""
        self.graph = graph
        new_nodes = {node_id: attrs for node_id, attrs in graph.nodes(data=True)}
        rects = render.fitted_rects(graph)
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
        new_edges = {(u, v): edge_attrs for u, v, edge_attrs in graph.edges(data=True)}
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
            else:
                edge.update_attrs(edge_attrs, adjust=False)
        # Positions may have moved: refresh every edge once, with labels placed together.
        self.place_labels()
        self._succ = {n: [] for n in self.nodes}
        self._pred = {n: [] for n in self.nodes}
        for u, v in self.edge_items:
            if self.edge_items[(u, v)].attrs.get("kind") == "dns":
                continue
            self._succ[u].append(v)
            self._pred[v].append(u)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-8, -8, 8, 8))

    def place_labels(self) -> None:
        """Lay out every edge and put the labels where they cover no node, label or edge."""
        rects = {node_id: item.scene_rect() for node_id, item in self.nodes.items()}
        geometries = {
            key: render.edge_geometry(rects[key[0]], rects[key[1]]) for key in self.edge_items
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


class RouteView(QGraphicsView):
    """Zoom (wheel, Ctrl +/-), pan (drag the background), fit (Ctrl+0), keyboard navigation."""

    zoomChanged = Signal(float)

    MIN_ZOOM = 0.05
    MAX_ZOOM = 6.0
    #: Fit-to-window shows the whole route, however small that makes it (zoom in for the
    #: names); it only refuses to blow a small route up beyond this.
    MAX_FIT_ZOOM = 1.5

    def __init__(self, route_scene: RouteScene, parent: QWidget | None = None) -> None:
        super().__init__(route_scene, parent)
        # QGraphicsView's constructor sets a new plain QWidget as its viewport (and enables
        # input methods on it); one made here is the same, and PySide6 knows its wrapper
        # (see panels.wrap_viewport).
        self.setViewport(QWidget())
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
        self.route_scene = route_scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.auto_fit = True  # until the person zooms or pans, new nodes keep the route in view
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_all)

    # ------------------------------------------------------------ zoom

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor_under_mouse: bool = True) -> None:
        current = self.zoom()
        target = min(self.MAX_ZOOM, max(self.MIN_ZOOM, current * factor))
        if target == current:
            return
        self.auto_fit = False
        old = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(target / current, target / current)
        self.setTransformationAnchor(old)
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.zoom_by(1.25, anchor_under_mouse=False)

    def zoom_out(self) -> None:
        self.zoom_by(0.8, anchor_under_mouse=False)

    def fit_zoom(self) -> float | None:
        """The zoom fit_all() gives now; None without a route or room to show it."""
        rect = self.route_scene.sceneRect()
        if rect.isEmpty() or not self.route_scene.nodes:
            return None
        view = self.viewport().rect()
        if view.width() < 2 or view.height() < 2:
            return None
        # Computed rather than QGraphicsView.fitInView: that keeps a margin of its own and
        # then scrollbars can appear and take what the fit counted on.
        margin = 4
        zoom = min(
            (view.width() - 2 * margin) / rect.width(),
            (view.height() - 2 * margin) / rect.height(),
            self.MAX_FIT_ZOOM,
        )
        return max(self.MIN_ZOOM, zoom)

    def fit_all(self) -> None:
        """The whole route in the window, centred, not enlarged beyond MAX_FIT_ZOOM."""
        zoom = self.fit_zoom()
        if zoom is None:
            return
        self._set_zoom(zoom, self.route_scene.sceneRect().center())
        self.zoomChanged.emit(self.zoom())

    def is_fitted(self) -> bool:
        """The view shows the route as fit_all() left it: kept to the fit, or a click on the
        background (which turns auto_fit off) that neither zoomed nor moved it."""
        if self.auto_fit:
            return True
        zoom = self.fit_zoom()
        if zoom is None or abs(self.zoom() - zoom) > 0.005 * zoom:
            return False
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        return shown.adjusted(-2, -2, 2, 2).contains(self.route_scene.sceneRect())

    def _set_zoom(self, zoom: float, center: QPointF) -> None:
        self.resetTransform()
        self.scale(zoom, zoom)
        self.centerOn(center)

    def request_fit(self) -> None:
        """Fit on the next turn of the event loop (after a burst of updates)."""
        self.auto_fit = True
        self._fit_timer.start()

    def graph_updated(self) -> None:
        if self.auto_fit:
            self._fit_timer.start()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.zoom_by(1.0015**delta)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The window's first-launch hint is a child laid over the viewport; the viewport has
        # its new size only now (an event filter on the view sees the old one, which left the
        # hint squeezed into the corner until the next resize).
        for overlay in self.findChildren(
            QLabel, "placeholder", Qt.FindChildOption.FindDirectChildrenOnly
        ):
            overlay.setGeometry(self.viewport().geometry())
        if self.auto_fit:
            self._fit_timer.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.itemAt(event.position().toPoint()) is None:
            self.auto_fit = False  # panning the background
        super().mousePressEvent(event)

    # ------------------------------------------------------------ keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        order = self.route_scene.ordered_nodes()
        current = self.route_scene.selected_node()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and order:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                super().keyPressEvent(event)  # scroll
                return
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            index = order.index(current) + step if current in order else 0
            self.route_scene.select_node(order[index % len(order)])
            self.route_scene.highlight_path(order[index % len(order)])
            event.accept()
            return
        if key == Qt.Key.Key_Escape and current:
            # Esc first clears the selection; the window's Esc (cancel) still works.
            event.ignore()
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            node = self.route_scene.selected_node()
            if node:
                item = self.route_scene.nodes[node]
                pos = self.mapToGlobal(self.mapFromScene(item.scene_rect().center()))
                self.route_scene.contextMenuRequested.emit(node, pos)
                return
        super().contextMenuEvent(event)


class LegendWidget(QWidget):
    """The marker legend as a compact strip under the graph: as many rows as its width needs
    (one or two in a normal window). View → Show Legend (Ctrl+L) hides it."""

    PAD = 4

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.theme = render.LIGHT
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.refresh()

    def refresh(self) -> None:
        _, size = render.legend_flow(max(200, self.width() - 2 * self.PAD))
        self.setFixedHeight(int(size.height()) + 2 * self.PAD)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def sizeHint(self) -> QSize:
        _, size = render.legend_flow(max(200, self.width() - 2 * self.PAD))
        return QSize(int(size.width()) + 2 * self.PAD, int(size.height()) + 2 * self.PAD)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # fillRect() would do: but its overloads make PySide6 create QGradient's enums
        # (~3 ms of the start-up); a rectangle without a pen fills exactly the same pixels.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.theme.background)
        painter.drawRect(self.rect())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(self.theme.border, 1.0)
        painter.setPen(pen)
        painter.drawLine(0, 0, self.width(), 0)
        render.paint_legend_flow(
            painter, QPointF(self.PAD + 4, self.PAD), self.theme, self.width() - 2 * self.PAD - 4
        )
        painter.end()


def mx_menu(parent: QWidget, down: bool) -> tuple[QMenu, QAction]:
    menu = QMenu(parent)
    action = menu.addAction(
        tr("Graph", "Mark as up again") if down else tr("Graph", "Mark as down (what-if)")
    )
    action.setShortcut(QKeySequence(Qt.Key.Key_D))
    return menu, action
