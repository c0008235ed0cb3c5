"""The docked panels keep the size the person left them across a new language or theme."""

from __future__ import annotations

from collections.abc import Iterable

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


def opening_height(window: QMainWindow, dock: QDockWidget, at_least: int) -> int:
    """The height a bottom dock opens at: its panel's hint (room for a few rows), its title
    bar, and the tab bar it shares with the docks tabbed with it (Requirements): resizeDocks
    counts that bar in, so without it the panel would show a row fewer."""
    from PySide6.QtWidgets import QTabBar

    height = max(at_least, dock.sizeHint().height())
    if window.tabifiedDockWidgets(dock):
        bars = [b for b in window.findChildren(QTabBar) if b.parent() is window]
        height += max((b.sizeHint().height() for b in bars), default=0)
    return height
