"""`mailpath` / `mailpath gui ...`: start the application and open the window.

Start-up order matters for the cold-start budget: only PySide6 and the window's own modules
load before the first paint; the core (dnspython, networkx) loads when the first analysis
starts, which for `mailpath gui SENDER RECIPIENT` is right after that paint.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from mailpath.gui_start import pause_collector, resume_collector

if TYPE_CHECKING:
    from argparse import Namespace

    # Types only: the window's modules load after the application object exists.
    from PySide6.QtCore import (
        QCoreApplication,
        QEvent,
        QMessageLogContext,
        QObject,
        QSettings,
        QtMsgType,
    )
    from PySide6.QtGui import QFileOpenEvent

    from mailpath.gui.window.main_window import MainWindow

NO_DISPLAY = (
    "mailpath: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "  For a picture of the route without a window:  mailpath check SENDER RECIPIENT --png FILE\n"
    "  To run the window without a screen (tests, screenshots):  QT_QPA_PLATFORM=offscreen "
    "mailpath gui ... --screenshot FILE\n"
)

EXIT_OK = 0
EXIT_USAGE = 2


def _display_missing() -> bool:
    from mailpath.gui.graph.export import has_display

    if not has_display():
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    display = os.environ.get("DISPLAY", "")
    if (
        sys.platform == "linux"
        and not os.environ.get("WAYLAND_DISPLAY")
        and (not platform or platform.startswith("xcb"))
        and display.startswith(":")
    ):
        # A local X display whose socket is gone would make Qt abort: say it plainly instead.
        number = display[1:].split(".")[0]
        if number.isdigit() and not os.path.exists(f"/tmp/.X11-unix/X{number}"):
            return True
    return False


def create_application() -> QCoreApplication:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from mailpath.paths import resource

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("mailpath")
        QCoreApplication.setApplicationName("mailpath")
        app = QApplication([sys.argv[0] if sys.argv else "mailpath"])
        app.setApplicationDisplayName("mailpath")
        icon = resource("icons", "mailpath.svg")
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
    return app


def launch(
    args: Namespace, settings: QSettings | None = None
) -> tuple[QCoreApplication, MainWindow]:
    """Create the application and the window, shown, with the CLI's inputs applied.

    The cyclic garbage collector is paused until the window is built (`gui_start`)."""
    pause_collector()
    try:
        return _launch(args, settings)
    except BaseException:
        resume_collector()
        raise


def _launch(args: Namespace, settings: QSettings | None) -> tuple[QCoreApplication, MainWindow]:
    import mailpath.gui  # noqa: F401 - applies the PySide6 workaround first
    from mailpath.gui.errors import install_excepthook, setup_logging
    from mailpath.gui.text import i18n
    from mailpath.gui.window.main_window import MainWindow

    app = create_application()
    setup_logging()
    install_excepthook()
    if settings is None:
        from mailpath.gui.settings import open_settings

        settings = open_settings()
    setting = str(settings.value("language", "system"))
    language = i18n.install(i18n.resolve_language(None if setting == "system" else setting))
    window = MainWindow(settings, language, deferred=True)
    window.built.connect(resume_collector)
    window.screenshot_mode = bool(getattr(args, "screenshot", None))
    if window.screenshot_mode:
        # The same picture whatever the screen (offscreen: 800x800) or the saved geometry.
        from mailpath.gui.settings import DEFAULT_SIZE

        window.resize(DEFAULT_SIZE)
    sender = getattr(args, "sender", None) or ""
    recipient = getattr(args, "recipient", None) or ""
    via = getattr(args, "via", None)
    nameservers = list(getattr(args, "nameserver", None) or [])
    if sender or recipient or via or nameservers:
        window.inputs.set_inputs(sender, recipient, via, nameservers)
    window.show()
    return app, window


def _after_first_paint(window: MainWindow, args: Namespace) -> None:
    """Start what the command line asked for; with --screenshot, save and quit when done."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    screenshot: str | None = getattr(args, "screenshot", None)
    replay = getattr(args, "replay", None)
    sender = getattr(args, "sender", None)
    recipient = getattr(args, "recipient", None)
    status = {"code": EXIT_OK}

    def save_and_quit() -> None:
        window.view.graph_updated()
        QApplication.processEvents()
        pixmap = window.grab()
        if screenshot is None or not pixmap.save(screenshot, "PNG"):
            print(f"mailpath: cannot write {screenshot}", file=sys.stderr)
            status["code"] = 1
        QApplication.exit(status["code"])

    def finished() -> None:
        if screenshot:
            QTimer.singleShot(200, save_and_quit)

    window.analysisFinished.connect(finished)
    window.ensure_built()
    started = False
    if replay:
        started = window.files.open_analysis(replay)
        if not started:  # a file that cannot be opened: said in a dialog (or the status)
            status["code"] = EXIT_USAGE
            if screenshot and window.files.last_warning:
                print(f"mailpath: {window.files.last_warning}", file=sys.stderr)
    elif sender and recipient:
        started = window.analysis.start()
        if not started:
            status["code"] = EXIT_USAGE  # the marked fields are in the screenshot
    if screenshot and not started and not window.session.running:
        QTimer.singleShot(200, save_and_quit)


def run(args: Namespace) -> int:
    """Entry point for `mailpath` and `mailpath gui`; returns the exit status."""
    try:
        return _run(args)
    finally:
        resume_collector()  # whichever way it ended (`cli.load_gui` paused it)


def _run(args: Namespace) -> int:
    screenshot = getattr(args, "screenshot", None)
    if _display_missing():
        if not screenshot:
            sys.stderr.write(NO_DISPLAY)
            return EXIT_USAGE
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    if screenshot:
        install_quiet_message_handler()
    app, window = launch(args)
    window.firstPainted.connect(lambda: _after_first_paint(window, args))
    app.installEventFilter(file_open_handler(window))
    code = app.exec()
    finish(window)
    return int(code)


#: Set by finish() once a window that was really shown has ended in order: its threads
#: joined, its settings on disk. Only then may the entry point end the process at once.
_ended_in_order = False


def finish(window: MainWindow) -> None:
    """After the event loop: stop and join every analysis thread, write the settings."""
    global _ended_in_order
    resume_collector()
    window.shutdown()
    window.settings.sync()
    _ended_in_order = bool(window.was_shown)


def exit_now(code: int) -> None:
    """End the process without tearing down Qt's and Python's objects one by one (~40 ms
    for the window), when the window ended in order and no other thread runs.

    Only the entry-point functions call this, after `cli.main()` has returned: tests call
    main() in their own process, which must go on. Returns when the fast way is not safe."""
    import threading

    if not _ended_in_order:
        return
    main = threading.main_thread()
    if any(t is not main and t.is_alive() for t in threading.enumerate()):
        return
    import contextlib
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):  # None under pythonw (the gui-script on Windows)
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)


#: Messages Qt prints that say nothing to a person: the offscreen platform (screenshots,
#: CI) warns about every top-level window.
QUIET_MESSAGES = ("This plugin does not support propagateSizeHints()",)

_previous_handler: Callable[[QtMsgType, QMessageLogContext, str], object] | None = None


def install_quiet_message_handler() -> None:
    """Drop just the messages in QUIET_MESSAGES; every other one goes where it went."""
    from PySide6.QtCore import qInstallMessageHandler

    global _previous_handler

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in QUIET_MESSAGES:
            return
        if _previous_handler is not None:
            _previous_handler(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    _previous_handler = qInstallMessageHandler(handler)


def file_open_handler(window: MainWindow) -> QObject:
    """An application event filter for macOS: a double-clicked `*.mailpath.json` (or one
    dropped on the Dock icon) arrives as a `QFileOpenEvent`; it is opened as a recording."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QGuiApplication

    class FileOpenHandler(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.FileOpen:
                path = cast("QFileOpenEvent", event).file()
                if path:
                    window.ensure_built()
                    window.files.open_analysis(path)
                    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
                        window.raise_()
                        window.activateWindow()
                return True
            return False

    return FileOpenHandler(window)
