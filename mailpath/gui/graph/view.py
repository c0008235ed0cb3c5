"""The interactive route graph's view: zoom, pan, fit and keyboard navigation over a
`RouteScene` (scene.py), the legend strip under it and the MX node's menu."""

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
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsView,
    QLabel,
    QMenu,
    QSizePolicy,
    QWidget,
)

from mailpath.gui.graph.edges import PLACEMENT_LIMIT
from mailpath.gui.graph.legend import legend_flow, paint_legend_flow, shows_locks
from mailpath.gui.graph.scene import RouteScene
from mailpath.gui.graph.style import LIGHT
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.gui.graph.style import RenderTheme

__all__ = ["LegendWidget", "RouteScene", "RouteView", "mx_menu"]


#: The graph area's least size, in pixels.
MIN_VIEW_WIDTH = 320
MIN_VIEW_HEIGHT = 100


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
        # However small the window, the route keeps room to see it whole in (at the window's
        # least size the docks below and beside give way first).
        self.setMinimumSize(MIN_VIEW_WIDTH, MIN_VIEW_HEIGHT)
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

    def fit_zoom(self, rect: QRectF | None = None) -> float | None:
        """The zoom fit_all() gives now (or would give the scene rectangle `rect`); None
        without a route or room to show it."""
        rect = self.route_scene.sceneRect() if rect is None else rect
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
        """The whole route in the window, centred, not enlarged beyond MAX_FIT_ZOOM; with
        edge labels as markers only where the whole route would leave names too small to
        read (`detail`)."""
        self._choose_detail()
        zoom = self.fit_zoom()
        if zoom is None:
            return
        self._set_zoom(zoom, self.route_scene.sceneRect().center())
        self.zoomChanged.emit(self.zoom())

    def _choose_detail(self) -> None:
        scene = self.route_scene
        if scene.moved:  # the person arranged the route: it stays as it is
            return
        if len(scene.edge_items) > PLACEMENT_LIMIT:
            return  # an overview: no labels are placed, and no names could be read
        extent = scene.full_extent()
        zoom = self.fit_zoom(extent) if extent is not None else None
        if zoom is not None:
            from mailpath.gui.graph import detail

            view = self.viewport().rect()
            aspect = view.width() / view.height() if view.height() > 0 else None
            scene.set_terse(zoom < detail.readable_zoom(self.logicalDpiY()), aspect)

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

    def __init__(self, parent: QWidget, scene: RouteScene) -> None:
        super().__init__(parent)
        self.theme: RenderTheme = LIGHT
        #: The route on screen shows transport locks: the legend lists them (only then).
        self.locks = False
        scene.graphChanged.connect(lambda: self.set_locks(shows_locks(scene.graph)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.refresh()

    def set_locks(self, locks: bool) -> None:
        if locks != self.locks:
            self.locks = locks
            self.refresh()

    def refresh(self) -> None:
        _, size = legend_flow(max(200, self.width() - 2 * self.PAD), self.locks)
        self.setFixedHeight(int(size.height()) + 2 * self.PAD)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def sizeHint(self) -> QSize:
        _, size = legend_flow(max(200, self.width() - 2 * self.PAD), self.locks)
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
        width = self.width() - 2 * self.PAD - 4
        paint_legend_flow(painter, QPointF(self.PAD + 4, self.PAD), self.theme, width, self.locks)
        painter.end()


def mx_menu(parent: QWidget, down: bool) -> tuple[QMenu, QAction]:
    menu = QMenu(parent)
    action = menu.addAction(
        tr("Graph", "Mark as up again") if down else tr("Graph", "Mark as down (what-if)")
    )
    action.setShortcut(QKeySequence(Qt.Key.Key_D))
    return menu, action
