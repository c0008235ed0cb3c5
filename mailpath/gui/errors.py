"""Unexpected errors: logged, and shown in a dialog whose details can be copied.

The window stays alive: the hook replaces Python's default (print and, in a Qt slot, carry
on) with a dialog, at most one at a time.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from mailpath.gui.text.i18n import tr

log = logging.getLogger("mailpath.gui")

_showing = False


def log_file() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or ".") / "mailpath.log"


def setup_logging() -> None:
    root = logging.getLogger("mailpath")
    if root.handlers:
        return
    root.setLevel(logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    root.addHandler(stderr)
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        pass


def show_error(parent: QWidget | None, message: str, details: str) -> None:
    """A modal dialog with the message, the details behind "Show Details", and Copy."""
    global _showing
    if _showing:
        return
    _showing = True
    try:
        # Imported here: QMessageBox's enums cost the start-up a few ms, for a rare dialog.
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(tr("Errors", "mailpath: unexpected error"))
        from PySide6.QtCore import Qt

        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        box.setInformativeText(
            tr("Errors", "The window is still usable. Details were written to {path}.").format(
                path=str(log_file())
            )
        )
        box.setDetailedText(details)
        copy = box.addButton(tr("Errors", "Copy details"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        copy.clicked.disconnect()  # keep the dialog open after copying
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{message}\n\n{details}"))
        box.exec()
    finally:
        _showing = False


def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", details)
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        sys.__excepthook__(exc_type, exc, tb)
        return
    message = f"{exc_type.__name__}: {exc}"
    parent = QApplication.activeWindow()
    # Not from inside the failing slot: let it return first.
    QTimer.singleShot(0, lambda: show_error(parent, message, details))


def install_excepthook() -> None:
    sys.excepthook = _hook
