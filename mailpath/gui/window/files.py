"""File actions: open and save analyses, export pictures, open, paste and drop messages.

Every way a file comes in or goes out of the window is here, with the dialogs that ask for
it and the warnings that name a file that could not be read or written (never a traceback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from mailpath.gui.text.i18n import tr
from mailpath.gui.window.inputs import sentence

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QWidget

    from mailpath.gui.graph.view import RouteScene
    from mailpath.gui.window.analysis import AnalysisController
    from mailpath.gui.window.headline import Headline, StatusLine
    from mailpath.gui.window.inputs import InputBar
    from mailpath.gui.window.message_dock import MessageDock
    from mailpath.gui.window.session import WindowSession

log = logging.getLogger("mailpath.gui.window.main_window")

#: The Message panel's width when a message is opened (hops, signatures: long lines).
MESSAGE_WIDTH = 440


class FileActions:
    """Open/Save Analysis, Export PNG/SVG, Open/Paste Message, dropped files, the seed."""

    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        session: WindowSession,
        analysis: AnalysisController,
        inputs: InputBar,
        scene: RouteScene,
        headline: Headline,
        status: StatusLine,
        message_dock: MessageDock,
    ) -> None:
        #: Where the dialogs open.
        self.parent = parent
        self.settings = settings
        self.session = session
        self.analysis = analysis
        self.inputs = inputs
        self.scene = scene
        self.headline = headline
        self.status = status
        self.message_dock = message_dock
        #: The text of the last warning (a dialog, or the status line in screenshot runs).
        self.last_warning = ""

    # ------------------------------------------------------------ helpers

    def default_name(self, suffix: str) -> str:
        graph = self.scene.graph
        attrs = getattr(graph, "graph", {}) or {}
        stem = f"mailpath-{attrs.get('sender', 'route')}-{attrs.get('recipient', '')}"
        stem = "".join(c if c.isalnum() or c in "-._" else "_" for c in stem).strip("-_")
        last = str(self.settings.value("files/lastDir", str(Path.home())))
        return str(Path(last) / f"{stem}{suffix}")

    def remember_dir(self, path: str) -> None:
        self.settings.setValue("files/lastDir", str(Path(path).parent))

    def _last_dir(self) -> str:
        return str(self.settings.value("files/lastDir", str(Path.home())))

    def with_suffix(self, path: str, suffix: str, accepted: tuple[str, ...]) -> str:
        """`path` with `suffix` added when it has none of `accepted` (the Open filter would
        hide a bare file). "" when the person cancelled, or declined to replace the file that
        the added suffix names."""
        from PySide6.QtWidgets import QMessageBox

        if not path or path.lower().endswith(accepted):
            return path
        path += suffix
        if Path(path).exists() and not self.session.quiet:
            answer = QMessageBox.question(
                self.parent,
                tr("MainWindow", "Replace the file?"),
                tr("MainWindow", "{path} already exists. Replace it?").format(path=path),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return ""
        return path

    def write_file(self, write: Callable[[], object], path: str) -> None:
        try:
            write()
        except Exception as exc:  # any failure is a message about this file, never a crash
            log.info("cannot write %s", path, exc_info=True)
            self.warn(
                tr("MainWindow", "Cannot write the file"),
                tr("MainWindow", "Cannot write {path}: {reason}").format(
                    path=path, reason=write_problem(path, exc)
                ),
            )
            return
        self.status.set_text(tr("MainWindow", "Wrote {path}.").format(path=path))

    def warn(self, title: str, text: str, details: str = "") -> None:
        """A warning the person must see: a dialog, or (screenshot runs) the status line."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        self.last_warning = text
        if self.session.quiet:
            self.status.set_text(text)
            return
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        if details:
            box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()

    # ------------------------------------------------------------ export

    def export_title(self) -> str:
        from mailpath.gui.graph.export import default_title

        return default_title(self.scene.graph)

    def _need_graph(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        if self.scene.graph is None:
            QMessageBox.information(
                self.parent,
                tr("MainWindow", "Nothing to export"),
                tr("MainWindow", "Analyze a route first."),
            )
            return False
        return True

    def export_png(self, path: str) -> None:
        from mailpath.gui.graph.export import write_png

        scene = self.scene
        if scene.graph is None:
            return  # the export dialogs ask for a route first (`_need_graph`)
        write_png(
            scene.graph,
            path,
            self.export_title(),
            positions=scene.positions(),
            headline=self.headline.for_route(),
        )

    def export_svg(self, path: str) -> None:
        from mailpath.gui.graph.export import write_svg

        scene = self.scene
        if scene.graph is None:
            return  # the export dialogs ask for a route first (`_need_graph`)
        write_svg(
            scene.graph,
            path,
            self.export_title(),
            positions=scene.positions(),
            headline=self.headline.for_route(),
        )

    def export_png_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._need_graph():
            return
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            tr("MainWindow", "Export PNG"),
            self.default_name(".png"),
            tr("MainWindow", "PNG images (*.png)"),
        )
        path = self.with_suffix(path, ".png", (".png",))
        if path:
            self.remember_dir(path)
            self.write_file(lambda: self.export_png(path), path)

    def export_svg_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._need_graph():
            return
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            tr("MainWindow", "Export SVG"),
            self.default_name(".svg"),
            tr("MainWindow", "SVG images (*.svg)"),
        )
        path = self.with_suffix(path, ".svg", (".svg",))
        if path:
            self.remember_dir(path)
            self.write_file(lambda: self.export_svg(path), path)

    # ------------------------------------------------------------ analyses

    def save_analysis(self, path: str) -> None:
        from mailpath.core.session import save_outcome

        session = self.session
        # Save is offered once an analysis has ended.
        assert session.outcome is not None and session.request is not None
        save_outcome(path, session.request, session.outcome)

    def save_analysis_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        session = self.session
        if session.result is None or session.outcome is None or not session.result.complete:
            QMessageBox.information(
                self.parent,
                tr("MainWindow", "Nothing to save"),
                tr("MainWindow", "Save needs a finished analysis."),
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            tr("MainWindow", "Save Analysis"),
            self.default_name(".mailpath.json"),
            tr("MainWindow", "mailpath analyses (*.mailpath.json *.json)"),
        )
        path = self.with_suffix(path, ".mailpath.json", (".json",))
        if path:
            self.remember_dir(path)
            self.write_file(lambda: self.save_analysis(path), path)

    def open_analysis(self, path: str) -> bool:
        """Replay a saved analysis: no network; the route is recomputed from its answers.

        The Resolver field keeps what the person had: the next analysis they start is live.
        A file that cannot be read, whatever is wrong with it, is a dialog naming it."""
        import traceback

        from mailpath.core.dns.recording import RecordingError, open_recording
        from mailpath.core.session import replay_request
        from mailpath.gui.text.sentences import error_text

        try:
            recording = open_recording(path)
        except RecordingError as exc:
            self.cannot_open(path, sentence(error_text(exc)))
            return False
        except Exception as exc:  # a hostile file must never leave a traceback behind
            log.info("cannot open %s", path, exc_info=True)
            self.cannot_open(path, recording_problem(exc), traceback.format_exc())
            return False
        self.inputs.set_inputs(recording.sender, recording.recipient, recording.via)
        # A saved message replays with its DKIM/ARC results as they were verified; it is not
        # kept for the next (live) analysis, whose inputs the person types.
        self.inputs.forget_message()
        self.analysis.run_request(replay_request(recording, path))
        if recording.message is not None:
            self.show_message_dock()
        return True

    def run_failed(self, message: str, details: str) -> None:
        """The worker raised: a replayed file's content (a dialog naming it), or the program
        (the error dialog; none in quiet runs)."""
        request = self.session.request
        replay_path = request.replay_path if request is not None else None
        if replay_path:  # the file's content, not the program, is what went wrong
            self.cannot_open(replay_path, sentence(message), details)
        elif not self.session.quiet:
            from mailpath.gui.errors import show_error

            show_error(self.parent, message, details)

    def cannot_open(self, path: str, reason: str, details: str = "") -> None:
        self.warn(
            tr("MainWindow", "Cannot open the analysis"),
            tr("MainWindow", "Cannot open {path}: {reason}").format(path=path, reason=reason),
            details,
        )

    def open_analysis_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            tr("MainWindow", "Open Analysis"),
            self._last_dir(),
            tr("MainWindow", "mailpath analyses (*.mailpath.json *.json);;All files (*)"),
        )
        if path:
            self.remember_dir(path)
            self.open_analysis(path)

    def open_seed_example(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mailpath.paths import seed_example

        path = seed_example()
        if not path.exists():
            QMessageBox.warning(
                self.parent,
                tr("MainWindow", "Seed example missing"),
                tr("MainWindow", "{path} is not installed.").format(path=str(path)),
            )
            return
        self.open_analysis(str(path))

    def open_example_message(self) -> bool:
        """Help → the example received message (resources/examples/seed.eml), analyzed as
        File → Open Message would, but offline: the DNS answers are the bundled seed
        recording's (a question it lacks shows as "not in the recording", never a lookup)."""
        import traceback
        from dataclasses import replace

        from mailpath.core.dns.recording import open_recording
        from mailpath.core.message.check import MessageInput, message_parties
        from mailpath.core.message.parse import parse_message
        from mailpath.core.session import replay_request
        from mailpath.paths import resource, seed_example

        path = resource("examples", "seed.eml")
        try:
            parsed = parse_message(path.read_bytes())
            sender, recipient, via = message_parties(parsed)
            recording = open_recording(seed_example())
        except Exception as exc:  # a broken installation: a dialog naming the file
            log.info("cannot open the example message", exc_info=True)
            from mailpath.gui.text.sentences import error_text

            reason = sentence(error_text(exc))
            self._cannot_read_message(str(path), reason, traceback.format_exc())
            return False
        self.analysis.cancel()
        message = MessageInput(parsed)
        self.inputs.fill_from_message(sender, recipient, via, message, str(path))
        self.inputs.forget_message()  # the next analysis the person starts is live, of the fields
        self.show_message_dock()
        # The seed recording's answers, for the message's own parties.
        seed = replay_request(recording, str(seed_example()))
        self.analysis.run_request(
            replace(
                seed,
                sender=sender,
                recipient=recipient,
                via=via,
                message=message,
                message_name=str(path),
                dkim_selectors=(),
            )
        )
        return True

    # ------------------------------------------------------------ received messages

    def open_message(self, path: str) -> bool:
        """Read a received message (.eml) and analyze the route it took.

        A file that cannot be read or is not a message is a dialog naming it, never a
        traceback."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            reason = sentence(exc.strerror or str(exc))
            self._cannot_read_message(path, reason)
            return False
        return self.open_message_data(data, path)

    def open_message_data(self, data: bytes, name: str) -> bool:
        """Analyze the message `data`: the inputs are filled from it, the Resolver field
        stays as it is. `name` (a path, or words such as "the pasted message") names it in
        errors and the status line."""
        import traceback

        from mailpath.core.message.check import MessageInput, message_parties
        from mailpath.core.message.parse import MessageError, parse_message

        try:
            parsed = parse_message(data)
            sender, recipient, via = message_parties(parsed)
        except MessageError as exc:
            from mailpath.gui.text.sentences import error_text

            self._cannot_read_message(name, sentence(error_text(exc)))
            return False
        except Exception as exc:  # a hostile message must never leave a traceback behind
            log.info("cannot read the message %s", name, exc_info=True)
            reason = tr("MainWindow", "It is not a message mailpath can read ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"[:300]
            )
            self._cannot_read_message(name, reason, traceback.format_exc())
            return False
        self.analysis.cancel()
        self.inputs.fill_from_message(sender, recipient, via, MessageInput(parsed), name)
        self.show_message_dock()
        return self.analysis.start()

    def show_message_dock(self) -> None:
        """Show the Message dock in front, and keep it there when the result arrives (which
        otherwise brings Details forward with the worst finding's node)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMainWindow

        self.message_dock.show_opened()
        dock = self.message_dock.dock
        host = dock.parentWidget()
        if not isinstance(host, QMainWindow):
            return
        # Hops and signatures need more room than the node details: widen the panel a little.
        wanted = min(MESSAGE_WIDTH, int(host.width() * 0.34))
        if not dock.isFloating() and dock.width() < wanted:
            host.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)

    def _cannot_read_message(self, name: str, reason: str, details: str = "") -> None:
        self.warn(
            tr("MainWindow", "Cannot read the message"),
            tr("MainWindow", "Cannot read {path}: {reason}").format(path=name, reason=reason),
            details,
        )

    def open_message_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            tr("MainWindow", "Open Message"),
            self._last_dir(),
            tr("MainWindow", "Mail messages (*.eml *.msg.txt *.txt);;All files (*)"),
        )
        if path:
            self.remember_dir(path)
            self.open_message(path)

    def paste_message_dialog(self) -> bool:
        from PySide6.QtWidgets import QDialog

        from mailpath.gui.window.message_dialog import PasteMessageDialog

        dialog = PasteMessageDialog(self.parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            data = dialog.message_bytes()
        finally:
            dialog.setParent(None)  # not one of the window's widgets any more
            dialog.deleteLater()
        return self.open_message_data(data, tr("MainWindow", "the pasted message"))

    # ------------------------------------------------------------ drops

    def open_dropped(self, path: str) -> bool:
        """A file dropped on the window: a saved analysis (.json) is replayed, anything
        else is read as a received message."""
        if path.lower().endswith(".json"):
            return self.open_analysis(path)
        return self.open_message(path)

    def drop(self, event: QDropEvent) -> bool:
        """Take a dropped file; False when the drop carries none."""
        paths = dropped_paths(event)
        if not paths:
            return False
        event.acceptProposedAction()
        path = paths[0]
        self.remember_dir(path)
        # After the drop has finished: a dialog must not run inside the drag's event loop.
        QTimer.singleShot(0, lambda: self.open_dropped(path))
        return True


def dropped_paths(event: QDropEvent) -> list[str]:
    """The local files a drag carries (none: not ours)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def write_problem(path: str, exc: BaseException) -> str:
    """Why `path` could not be written, in words: OSError's strerror when there is one, else
    what the folder says (QImage.save only returns False), else the exception's text."""
    import os

    if isinstance(exc, OSError) and exc.strerror:
        return sentence(exc.strerror)
    folder = Path(path).parent
    if not folder.is_dir():
        return tr("MainWindow", "The folder {folder} does not exist.").format(folder=str(folder))
    if not os.access(folder, os.W_OK):
        return tr("MainWindow", "The folder {folder} is not writable.").format(folder=str(folder))
    if Path(path).is_dir():
        return tr("MainWindow", "It is a folder.")
    text = " ".join(str(a) for a in getattr(exc, "args", ()) if a not in (None, ""))
    if text and not isinstance(exc, OSError):
        return sentence(text)
    return tr("MainWindow", "The file could not be written (is the disk full?).")


def recording_problem(exc: BaseException) -> str:
    """What is wrong with a saved analysis that the reader did not describe itself."""
    if isinstance(exc, RecursionError):
        return tr("MainWindow", "Its content is nested too deeply to be a saved analysis.")
    if isinstance(exc, UnicodeError):
        return tr("MainWindow", "It is not UTF-8 text.")
    if isinstance(exc, MemoryError):
        return tr("MainWindow", "It is too large.")
    return tr("MainWindow", "It is not a valid saved analysis ({error}).").format(
        error=f"{type(exc).__name__}: {exc}"[:300]
    )
