"""The headline and the status line: what the window says about the analysis it shows.

The headline is the core's one verdict of the active route, above the graph, with a note when
it is not "now, live" (a recording, or an earlier analysis kept after an input error); the
status line says what the window is doing (ready, analyzing, done) with the progress bar and
the Cancel button. The headline draws itself from the window's session whenever it changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QPushButton, QStatusBar, QWidget

from mailpath.gui import theme
from mailpath.gui.text.i18n import tr
from mailpath.gui.window.fit_height import HeightForWidth

if TYPE_CHECKING:
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest
    from mailpath.gui.window.session import WindowSession


def plain_label(text: str, parent: QWidget) -> QLabel:
    from mailpath.gui.panels.widgets import plain_label as _plain_label

    return _plain_label(text, parent)


class Headline:
    """The verdict above the graph, its note, and the stale veil over an earlier analysis."""

    def __init__(self, session: WindowSession) -> None:
        self.session = session
        #: The status of the verdict shown ("" while there is none).
        self.status = ""
        #: Its severity ("error", "warning", "info"; "" while there is none).
        self.severity = ""
        #: The dark theme was chosen (its colours are lightened).
        self.dark = False
        self.is_built = False

    @property
    def stale(self) -> bool:
        """The graph and headline are of an earlier analysis than the inputs (input error)."""
        return self.session.stale

    def build(self, parent: QWidget) -> None:
        from PySide6.QtCore import Qt

        self.widget = QWidget(parent)
        self.widget.setObjectName("headline")
        row = QGridLayout(self.widget)
        row.setContentsMargins(10, 4, 10, 4)
        row.setHorizontalSpacing(8)
        self.icon = QLabel(self.widget)
        self.icon.setFixedSize(22, 22)
        self.text = plain_label("", self.widget)
        self.text.setObjectName("headlineText")
        font = self.text.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text.setFont(font)
        row.addWidget(self.icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 0, 1)
        # Where the verdict comes from when that is not "now, live": a recording, or the
        # previous analysis kept on screen after an input error.
        self.note = plain_label("", self.widget)
        self.note.setObjectName("headlineNote")
        self.note.setVisible(False)
        row.addWidget(self.note, 1, 1)
        row.setColumnStretch(1, 1)
        self.fit_height = HeightForWidth(self.widget)
        self.widget.setVisible(False)
        self.status = ""
        self.is_built = True
        for signal in (
            self.session.resultChanged,
            self.session.staleChanged,
            self.session.started,
        ):
            signal.connect(self.update)

    def retranslate(self) -> None:
        self.widget.setAccessibleName(tr("MainWindow", "Verdict"))

    def for_route(self) -> tuple[str, str] | None:
        """(sentence, status) from the core's one verdict, or None before there is one.

        The same function gives the export's title line, the text report and `--json`;
        the what-if's MX hosts marked down are part of its input."""
        result = self.session.result
        if result is None or not result.complete:
            return None  # before importing the core: this runs at start-up too
        from mailpath.core.judgement.verdict import verdict
        from mailpath.gui.text import findings as finding_text
        from mailpath.gui.text.labels import headline_sentence

        outcome = verdict(result, self.session.hosts_down)
        return headline_sentence(finding_text.verdict_text(outcome)), outcome.status.value

    def severity_of_route(self) -> str:
        """The verdict's severity ("error", "warning", "info"), "" before there is one."""
        result = self.session.result
        if result is None or not result.complete:
            return ""
        from mailpath.core.judgement.verdict import verdict

        return verdict(result, self.session.hosts_down).severity.value

    def update(self, *_signal_args: object) -> None:
        if not self.is_built:
            return
        from mailpath.gui.graph import markers

        headline = self.for_route()
        note = self.note_text()
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if headline is None:
            self.widget.setVisible(False)
            self.status = ""
            return
        text, status = headline
        status = markers.normalize(status)
        self.status = status
        self.text.setText(text)
        self.text.setToolTip(markers.status_name(status))
        self.icon.setPixmap(markers.status_icon(status, 22).pixmap(22, 22))
        self.icon.setToolTip(markers.status_name(status))
        # The icon is the mail's disposition; the sentence is as severe as the most severe
        # finding (never milder than the findings below it).
        self.severity = self.severity_of_route()
        color = markers.color(markers.SEVERITY_STATUS.get(self.severity, status))
        if self.severity == "info":
            color = markers.color(status)
        if self.dark or theme.is_dark(QApplication.palette()):
            color = color.lighter(150)
        if self.stale:  # grey: not the verdict of what the fields now say
            color = QApplication.palette().color(QApplication.palette().ColorRole.PlaceholderText)
        self.text.setStyleSheet(f"color: {color.name()};")
        self.icon.setEnabled(not self.stale)
        self.widget.setVisible(True)

    def note_text(self) -> str:
        result = self.session.result
        if self.stale and result is not None:
            return tr(
                "MainWindow",
                "Showing the previous analysis ({sender} → {recipient}); "
                "the inputs above were not analyzed.",
            ).format(sender=result.inputs.sender, recipient=result.inputs.recipient)
        return recording_note(self.session.request)


def recording_note(request: AnalysisRequest | None) -> str:
    """Where a replayed run's answers come from ("" for a live run)."""
    if request is None or not request.replay_path:
        return ""
    name = Path(request.replay_path).name
    if request.created:
        return tr("MainWindow", "Recording {name}, made {when}: replayed without network.").format(
            name=name, when=local_time(request.created)
        )
    return tr("MainWindow", "Recording {name}: replayed without network.").format(name=name)


class StatusLine:
    """The status bar: one line of text, the lookups' progress and the Cancel button."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.label = QLabel(bar)
        bar.addWidget(self.label, 1)

    def build(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressBar  # after the first paint: its enums

        # Status texts may carry what was typed or resolved: never markup from here on.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(False)
        status = self.bar
        self.progress = QProgressBar(status)
        self.progress.setMaximumWidth(260)
        # The count is said in the status text beside it: drawn on the bar as well, half of
        # it stood in the highlight colour on the empty groove (white on white).
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(status)
        self.cancel_button.setVisible(False)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def retranslate(self) -> None:
        self.cancel_button.setText(tr("MainWindow", "Cancel"))
        self.cancel_button.setAccessibleName(tr("MainWindow", "Cancel the analysis (Esc)"))
        self.cancel_button.setToolTip(tr("MainWindow", "Cancel the analysis (Esc)"))
        self.progress.setAccessibleName(tr("MainWindow", "Lookups done"))
        self.progress.setFormat(tr("MainWindow", "%v of %m lookups"))
        # Room for "888 of 888 lookups" in this language and font: never squeezed until the
        # text wraps or is clipped by a long status message next to it.
        sample = self.progress.format().replace("%v", "888").replace("%m", "888")
        needed = self.progress.fontMetrics().horizontalAdvance(sample) + 40
        self.progress.setMinimumWidth(needed)
        self.progress.setMaximumWidth(max(260, needed))

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def show_running(self, running: bool) -> None:
        if running:
            self.progress.setRange(0, 0)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def show_progress(self, done: int, pending: int) -> None:
        self.progress.setRange(0, max(1, done + pending))
        self.progress.setValue(done)

    def idle_text(self, result: Result | None, request: AnalysisRequest | None = None) -> str:
        text = self._idle_text(result, request)
        notes = input_notes(result)
        return " ".join([*notes, text]) if notes else text

    def _idle_text(self, result: Result | None, request: AnalysisRequest | None) -> str:
        if result is None:
            return tr("MainWindow", "Ready.")
        if result.cancelled or not result.complete:
            return tr("MainWindow", "Cancelled: the route shows what was resolved so far.")
        recording = recording_note(request)
        if recording:
            return recording
        return tr("MainWindow", "Done: {queries} DNS questions in {seconds:.2f} s.").format(
            queries=result.queries,
            seconds=result.elapsed,
        )


def input_notes(result: Result | None) -> list[str]:
    """What forgiving input read a pasted value as ("The sender https://www.example.com/path
    was read as example.com (its host without www.)."), in the UI language."""
    from mailpath.gui.window.inputs import localized_input_error

    notes = result.inputs.notes if result is not None else ()
    return [localized_input_error(note) for note in notes]


def local_time(iso: str) -> str:
    """An ISO 8601 time stamp as local time, minutes; unchanged when it is not one."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")
