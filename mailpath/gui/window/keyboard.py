"""Tab visits only what is on screen.

Qt's focus chain counts a widget as visible when it and its parents are not hidden; the
panels of docks tabbed behind another dock are not hidden, only laid out off screen, so Tab
would stop on them (and arrow keys would change widgets nobody sees). The window skips them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMainWindow, QTabBar, QWidget

#: More stops than the window has: a chain with nothing on screen ends the search.
MAX_STOPS = 64


def on_screen(widget: QWidget) -> bool:
    """Part of `widget` is painted in its window (not hidden, not off screen, not covered)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def focus_next_shown(move: Callable[[bool], bool], forward: bool) -> bool:
    """Tab (or Shift+Tab) through Qt's chain with `move` until a widget on screen has focus."""
    start = QApplication.focusWidget()
    for _ in range(MAX_STOPS):
        if not move(forward):
            return False
        now = QApplication.focusWidget()
        if now is None or now is start or on_screen(now):
            return True
    return True


def dock_tab_bars(window: QMainWindow) -> list[QTabBar]:
    """The tab bars of the window's groups of two or more tabbed docks."""
    bars = [child for child in window.children() if isinstance(child, QTabBar)]
    return [bar for bar in bars if bar.count() >= 2]


def place_dock_tab_bars(window: QMainWindow, graph: QWidget, after: QWidget) -> None:
    """A dock tab bar right of the graph follows `after` (the right docks' last stop) in the
    Tab order: reading order, before the findings below."""
    edge = graph.mapTo(window, graph.rect().topRight()).x()
    for bar in dock_tab_bars(window):
        if bar.isVisible() and bar.x() >= edge:
            QWidget.setTabOrder(after, bar)
