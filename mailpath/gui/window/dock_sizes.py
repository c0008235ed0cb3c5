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
    """The height a bottom dock opens at: its panel's hint (room for a few rows) and its title
    bar."""
    # The tab bar it shares with the docks tabbed with it (Requirements) is not counted: the
    # graph above needs that height for 9 pt names (tests/gui/test_graph_legibility.py).
    return max(at_least, dock.sizeHint().height())
