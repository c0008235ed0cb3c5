"""The route's scene items: a node item and an edge item per node and edge of the route
graph (`scene.RouteScene` holds them). Painting is delegated to `render`, the same code the
PNG/SVG export uses.

Loaded with the first route shown: the empty graph area of the first launch needs none of
`render`, `layout` or `nodetext`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt, SignalInstance
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from mailpath.gui.graph import render
from mailpath.gui.graph.style import SCENE_MARGINS
from mailpath.gui.text.i18n import escape_html, tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import EdgeAttrs, NodeAttrs
    from mailpath.gui.graph.style import RenderTheme


class ItemScene(Protocol):
    """What an item asks of the scene that holds it (`scene.RouteScene`, which imports this
    module when it draws its first route)."""

    theme: RenderTheme
    moved: dict[str, QPointF]
    user_moving: bool
    dragged: bool

    @property
    def contextMenuRequested(self) -> SignalInstance: ...

    def selectedItems(self) -> list[QGraphicsItem]: ...

    def itemsBoundingRect(self) -> QRectF: ...

    def setSceneRect(self, rect: QRectF) -> None: ...

    def place_labels(self) -> None: ...

    def highlight_path(self, node_id: str | None) -> None: ...


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
        self, node_id: str, attrs: NodeAttrs, route_scene: ItemScene, rect: QRectF
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
        route_scene: ItemScene,
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
