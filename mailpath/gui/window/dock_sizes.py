"""The docked panels keep the size the person left them: across a new language or theme, and
when the window grows again after it was made small."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow


def dock_sizes(window: QMainWindow, docks: Iterable[QDockWidget]) -> dict[QDockWidget, int]:
    """The docked panels' widths (right) and heights (bottom), as the person left them."""
    from PySide6.QtCore import Qt

    sizes: dict[QDockWidget, int] = {}
    for dock in docks:
        if dock.isVisible() and not dock.isFloating():
            bottom = window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
            sizes[dock] = dock.height() if bottom else dock.width()
    return sizes


def restore_dock_sizes(window: QMainWindow, sizes: dict[QDockWidget, int]) -> None:
    """A new language or theme brings new minimum sizes (longer words, other margins): the
    panels keep their size rather than grow into the graph's room."""
    if not sizes:
        return
    from PySide6.QtCore import Qt

    layout = window.layout()
    if layout is not None:
        layout.activate()
    for dock, size in sizes.items():
        bottom = window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
        now = dock.height() if bottom else dock.width()
        if now != size:
            orientation = Qt.Orientation.Vertical if bottom else Qt.Orientation.Horizontal
            window.resizeDocks([dock], [size], orientation)


#: The Details dock opens this wide at most, a narrow window giving it less (28 %, at least
#: 240), so that the route keeps the room (at 1280x800 with Findings open too, 9 pt names).
DETAILS_WIDTH = 300
#: The Findings dock opens tall enough for a few findings.
FINDINGS_HEIGHT = 190
#: The window's least size: below it the route is a strip too thin to see nodes in and the
#: headline is cut (Qt's own minimum, from the widgets', was 783x421).
MIN_WINDOW_SIZE = (900, 600)


def default_dock_sizes(window: QMainWindow, details: QDockWidget, findings: QDockWidget) -> None:
    """The docks' sizes at the first launch (no saved window state)."""
    from PySide6.QtCore import Qt

    width = min(DETAILS_WIDTH, max(240, int(window.width() * 0.28)))
    window.resizeDocks([details], [width], Qt.Orientation.Horizontal)
    height = opening_height(window, findings, FINDINGS_HEIGHT)
    window.resizeDocks([findings], [height], Qt.Orientation.Vertical)


def opening_height(window: QMainWindow, dock: QDockWidget, at_least: int) -> int:
    """The height a bottom dock opens at: its panel's hint (room for a few rows), its title
    bar, and the tab bar it shares with the docks tabbed with it (Requirements): resizeDocks
    counts that bar in, so without it the panel would show a row fewer."""
    from mailpath.gui.window.keyboard import dock_tab_bars

    height = max(at_least, dock.sizeHint().height())
    if window.tabifiedDockWidgets(dock):
        # Not findChildren(QTabBar): a search by type makes Python types (and their enums)
        # of every unknown widget it passes (QAbstractSlider, QTextDocument: ~2 ms).
        bars = dock_tab_bars(window)
        height += max((b.sizeHint().height() for b in bars), default=0)
    return height


class DockWidthKeeper(QObject):
    """The right docks come back to their width when the window grows again after being made
    so small that they had to give way (the Details dock stayed narrow).

    Widths are read once the window and its docks have settled (on the next turn of the event
    loop after any of them was resized): a dock's width is remembered while the window is at
    least as wide as when it was last remembered, and given back when the window, having been
    narrower, is that wide again."""

    def __init__(self, window: QMainWindow, docks: Iterable[QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.docks = tuple(docks)
        self.wanted: dict[QDockWidget, int] = {}
        self._wanted_at = 0  # the window's width when `wanted` was read
        self._shrunk = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self._settled)
        for watched in (window, *self.docks):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._settle.start()
        return False

    def _settled(self) -> None:
        from PySide6.QtCore import Qt

        self._whole_tabs()
        width = self.window.width()
        if width < self._wanted_at:
            self._shrunk = True  # the docks gave way: what they had is still wanted
            return
        if self._shrunk:
            self._shrunk = False
            for dock, wanted in self.wanted.items():
                if dock.isVisible() and not dock.isFloating() and dock.width() < wanted - 1:
                    self.window.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)
            return
        self.wanted = {d: d.width() for d in self.docks if d.isVisible() and not d.isFloating()}
        self._wanted_at = width

    def _whole_tabs(self) -> None:
        """A group of tabbed docks is never narrower than its tabs' whole titles: at the
        window's smallest, Details, SPF trace and Message read "Det…", "SPF tr…", "Messa…"
        (the graph gives way instead, down to its least width)."""
        from mailpath.gui.window.keyboard import dock_tab_bars

        if not self.window.isVisible():
            return  # closing, or not shown yet: no tab bar to measure
        titles = {d.windowTitle(): d for d in self.docks}
        least = dict.fromkeys(self.docks, 0)
        for bar in dock_tab_bars(self.window):
            group = [titles[bar.tabText(i)] for i in range(bar.count()) if bar.tabText(i) in titles]
            need = sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + 4
            for dock in group:
                least[dock] = need
        for dock, width in least.items():
            if dock.minimumWidth() != width:
                dock.setMinimumWidth(width)
