"""Where the window keeps its settings, and the window geometry it may restore.

`MAILPATH_CONFIG_DIR` (an environment variable) puts the settings in an INI file in that
folder instead of the system's place (`~/.config/mailpath/`, the registry, a plist): the test
suite sets it so that no test ever reads or writes a person's real settings, and it makes a
portable install possible.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen

CONFIG_DIR_VARIABLE = "MAILPATH_CONFIG_DIR"

#: The window's size when nothing usable was saved, at most: and never more than 90% of the
#: screen's available area.
DEFAULT_SIZE = QSize(1280, 800)
#: A restored window smaller than this (or than the screen, if that is smaller) is not
#: restored: such a size comes from another screen, a test, or a bug, never from a choice.
MIN_RESTORED = QSize(640, 420)
#: Share of a restored window's area that must be on one screen's available area.
MIN_VISIBLE_SHARE = 0.6


def open_settings() -> QSettings:
    """The application's settings: the system's place, or `$MAILPATH_CONFIG_DIR/mailpath.ini`."""
    folder = os.environ.get(CONFIG_DIR_VARIABLE, "").strip()
    if folder:
        return QSettings(str(Path(folder) / "mailpath.ini"), QSettings.Format.IniFormat)
    return QSettings()


def _screen_for(rect: QRect) -> QScreen | None:
    return QGuiApplication.screenAt(rect.center())


def geometry_is_usable(rect: QRect) -> bool:
    """True when `rect` (a window's frame) is big enough and mostly on one screen, with its
    top edge (the title bar) reachable."""
    screen = _screen_for(rect)
    if screen is None or rect.isEmpty():
        return False
    available = screen.availableGeometry()
    min_width = min(MIN_RESTORED.width(), available.width())
    min_height = min(MIN_RESTORED.height(), available.height())
    if rect.width() < min_width or rect.height() < min_height:
        return False
    visible = available.intersected(rect)
    share = (visible.width() * visible.height()) / float(rect.width() * rect.height())
    top_reachable = available.top() <= rect.top() < available.bottom() - 20
    return share >= MIN_VISIBLE_SHARE and top_reachable


def default_geometry(screen: QScreen | None = None) -> QRect:
    """DEFAULT_SIZE (at most 90% of the available area), centered on `screen` (the primary)."""
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(QPoint(0, 0), DEFAULT_SIZE)
    available = screen.availableGeometry()
    size = QSize(
        min(DEFAULT_SIZE.width(), int(available.width() * 0.9)),
        min(DEFAULT_SIZE.height(), int(available.height() * 0.9)),
    )
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect
