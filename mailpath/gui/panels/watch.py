"""Re-check until it passes: the window's `check --watch`.

`WatchMode` runs the window's analysis again every N seconds (the spin box; at least 30 s,
`$MAILPATH_WATCH_MIN` lowers the floor as it does for the CLI), counts down in the status
bar, keeps the history of verdicts (time, verdict, what changed: `core.watch.change_parts`,
rendered in the UI language from `core.watch.TEMPLATES`, context `WatchChanges`, and rendered
again when the language changes) in the "Re-check" panel, and stops once the verdict passes
(`core.watch.passes`), with a desktop notification (the system tray's message when there is a
tray, else a message box that does not block, and always the status bar). Stop, Cancel or an
input error end it, and so does any analysis of other inputs (typed, a message opened, a file,
Analyze): "Re-check stopped: the inputs changed." Changes are always said in words.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from mailpath.core.judgement.verdict import Verdict
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest
    from mailpath.core.watch import Change
    from mailpath.gui.window.headline import StatusLine
    from mailpath.gui.window.session import WindowSession

#: The context of the watch's "what changed" templates (`mailpath.core.watch.TEMPLATES`).
CHANGES_CONTEXT = "WatchChanges"

#: As the CLI's: lowers the 30 s floor of the interval (tests use 1).
WATCH_MIN_ENV = "MAILPATH_WATCH_MIN"
DEFAULT_FLOOR = 30
DEFAULT_INTERVAL = 60


def interval_floor() -> int:
    try:
        value = int(os.environ.get(WATCH_MIN_ENV, "").strip() or DEFAULT_FLOOR)
    except ValueError:
        return DEFAULT_FLOOR
    return max(1, min(value, DEFAULT_FLOOR))


def verdict_words() -> dict[str, str]:
    """The verdict's codes (`core.verdict.TEMPLATES`, the part before "/") in words."""
    return {
        "verified": tr("WatchMode", "accepted as verified"),
        "unverified": tr("WatchMode", "accepted but unverified"),
        "flagged": tr("WatchMode", "flagged as suspicious"),
        "refused": tr("WatchMode", "refused"),
        "queued": tr("WatchMode", "kept queued"),
        "lookup-failed": tr("WatchMode", "a lookup failed"),
        "no-route": tr("WatchMode", "no route to the recipient"),
        "nxdomain": tr("WatchMode", "a domain does not exist"),
        "incomplete": tr("WatchMode", "incomplete"),
    }


def change_text(change: Change) -> str:
    """One change in words, in the UI language: the verdict and the findings as people say
    them (never their codes); records and addresses are data and stay as they are."""
    if change.key == "verdict":
        words = verdict_words()
        before, after = (str(change.params.get(k, "")) for k in ("before", "after"))
        return tr("WatchMode", "verdict: {before} → {after}").format(
            before=words.get(before, before), after=words.get(after, after)
        )
    if change.key in ("finding-added", "finding-removed") and change.finding is not None:
        from mailpath.gui.text.findings import texts

        message = texts(change.finding)[0]
        if change.key == "finding-added":
            return tr("WatchMode", "new problem: {finding}").format(finding=message)
        resolved = tr("WatchMode", "resolved (found before, not now): {finding}")
        return resolved.format(finding=message)
    # The window draws the change arrow as the verdict's line does, "→" (the command line's
    # templates keep ASCII "->", which the Japanese catalogue already renders as "→").
    return change.render(lambda template: tr(CHANGES_CONTEXT, template).replace(" -> ", " → "))


#: What a request checks: sender, recipient, sending host, the message (by identity) and
#: the recording it replays.
Checked = tuple[str, str, str | None, int | None, str | None]


def _inputs_of(request: AnalysisRequest) -> Checked:
    """What a request checks: a different one is not a re-check of the same thing."""
    return (
        request.sender,
        request.recipient,
        request.via or None,
        id(request.message) if request.message is not None else None,
        request.replay_path,
    )


class Run(NamedTuple):
    """One check of the watch: its time, verdict and what changed since the previous one."""

    at: str
    code: str  # the verdict's code
    verdict: Verdict
    changes: tuple[Change, ...]


class WatchPanel(QWidget):
    """The interval, Start/Stop, and the history of the runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("watchPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.every_label = QLabel(self)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("watchInterval")
        self.interval.setRange(interval_floor(), 24 * 3600)
        self.interval.setValue(DEFAULT_INTERVAL)
        self.every_label.setBuddy(self.interval)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("watchStart")
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("watchStop")
        self.stop_button.setEnabled(False)
        row.addWidget(self.every_label)
        row.addWidget(self.interval)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.state = QLabel(self)
        self.state.setObjectName("watchState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.history = QListWidget(self)
        self.history.setObjectName("watchHistory")
        self.history.setWordWrap(True)
        layout.addWidget(self.history, 1)

    def retranslate(self) -> None:
        # No mnemonics here: the window's keys are all taken by the menus and fields.
        self.every_label.setText(tr("WatchMode", "Every"))
        self.interval.setSuffix(tr("WatchMode", " s"))
        self.interval.setAccessibleName(tr("WatchMode", "Seconds between checks"))
        self.start_button.setText(tr("WatchMode", "Start"))
        self.start_button.setToolTip(
            tr("WatchMode", "Analyze now, then again after each interval until the verdict passes")
        )
        self.stop_button.setText(tr("WatchMode", "Stop"))
        self.history.setAccessibleName(tr("WatchMode", "Verdicts of the checks so far"))


class WatchMode(QObject):
    """The watch's loop on the GUI thread; each run is the window's own analysis."""

    #: Emitted with the last run's text when the watch ends because the verdict passed.
    passed = Signal(str)
    #: Emitted whenever the watch starts or stops (True: running).
    activeChanged = Signal(bool)

    def __init__(
        self,
        session: WindowSession,
        start_analysis: Callable[[], bool],
        status: StatusLine,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        #: Analyze what the inputs say; False when they cannot be (a field says why).
        self.start_analysis = start_analysis
        self.status = status
        #: Where the notice opens.
        self.parent_widget = parent
        self.panel = WatchPanel(parent)
        self.panel.start_button.clicked.connect(self.start)
        self.panel.stop_button.clicked.connect(self.stop)
        self.panel.interval.valueChanged.connect(lambda _value: self._show_state())
        self.active = False
        self.remaining = 0
        self.number = 0
        self.previous: Result | None = None
        #: Each run, kept as data so that the history is shown again in a new language.
        self.runs: list[Run] = []
        self.last_notice = ""
        self._awaiting = False
        #: The watch itself is starting the analysis (not the person, a message, a file).
        self._starting = False
        #: What the watch checks (`_inputs_of` its first run's request).
        self._inputs: Checked | None = None
        #: The watch ended because the inputs changed (shown in the history and the state).
        self.inputs_changed = False
        self._tray: QSystemTrayIcon | None = None
        self.countdown = QLabel(status.bar)
        self.countdown.setObjectName("watchCountdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setVisible(False)
        self.countdown.setContentsMargins(8, 0, 8, 0)  # apart from the resolver's "via …"
        status.bar.addPermanentWidget(self.countdown)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        session.finished.connect(self._on_analysis_finished)
        session.started.connect(self._on_analysis_started)
        self.retranslate()

    def retranslate(self) -> None:
        self.panel.retranslate()
        self._show_history()
        self._show_state()
        self._show_countdown()

    # ------------------------------------------------------------ control

    def start(self) -> None:
        if self.active:
            return
        self.panel.interval.setMinimum(interval_floor())
        self.active = True
        self.number = 0
        self.previous = None
        self.runs.clear()
        self.panel.history.clear()
        self.last_notice = ""
        self._inputs = None
        self.inputs_changed = False
        self.panel.start_button.setEnabled(False)
        self.panel.stop_button.setEnabled(True)
        self.activeChanged.emit(True)
        self._run()

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self._awaiting = False
        self._tick.stop()
        self.countdown.setVisible(False)
        self.panel.start_button.setEnabled(True)
        self.panel.stop_button.setEnabled(False)
        self._show_state()
        self.activeChanged.emit(False)

    def _run(self) -> None:
        self._tick.stop()
        self.countdown.setVisible(False)
        self._show_state()
        self._starting = True
        try:
            started = self.start_analysis()
        finally:
            self._starting = False
        if not self.active:
            return  # it checks something else now: `_on_analysis_started` stopped the watch
        if started:
            self._awaiting = True  # its end arrives later, from the worker
        else:
            self.stop()  # the inputs need correcting: the fields say why

    def _on_analysis_started(self, request: AnalysisRequest) -> None:
        """An analysis of other inputs (typed ones, a message, a file), started by the person
        or by the watch's own timer: the re-check would compare different things, so it
        stops."""
        if not self.active:
            return
        inputs = _inputs_of(request)
        if self._inputs is None:
            self._inputs = inputs  # the first run: this is what the watch checks
            return
        if inputs == self._inputs:
            return  # the same check, whoever started it
        self.inputs_changed = True
        self.panel.history.addItem(self._stopped_line())
        self.panel.history.scrollToBottom()
        self.stop()
        self.status.set_text(self._stopped_line())

    def _on_tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._run()
        else:
            self._show_countdown()

    def _on_analysis_finished(self) -> None:
        if not self.active or not self._awaiting or self.session.running:
            return
        self._awaiting = False
        result = self.session.result
        if result is None or not result.complete or result.cancelled:
            # Cancelled (Esc, Cancel) or failed: the person's decision, or nothing to judge.
            self.stop()
            return
        from mailpath.core.judgement.verdict import verdict
        from mailpath.core.watch import change_parts, passes
        from mailpath.gui.text.findings import verdict_text

        self.number += 1
        outcome = verdict(result)
        said = change_parts(self.previous, result)  # () when the inputs differ
        at = datetime.now().astimezone().strftime("%H:%M:%S")
        self.runs.append(Run(at, outcome.code, outcome, said))
        self.panel.history.addItem(self._history_line(len(self.runs)))
        self.panel.history.scrollToBottom()
        self.previous = result
        if passes(result):
            self.stop()
            self._notify(verdict_text(outcome))
            return
        self.remaining = max(1, self.panel.interval.value())
        self._show_countdown()
        self.countdown.setVisible(True)
        self._tick.start()

    # ------------------------------------------------------------ display

    def _history_line(self, number: int) -> str:
        """The history's line for run `number` (1, 2, ...) in the UI language."""
        from mailpath.gui.text.findings import verdict_text

        run = self.runs[number - 1]
        if number == 1:
            what = tr("WatchMode", "first check")
        elif run.changes:
            what = tr("WatchMode", "; ").join(change_text(c) for c in run.changes)
        else:
            what = tr("WatchMode", "no change")
        return tr("WatchMode", "{time}  #{number}  {verdict}\n    {changes}").format(
            time=run.at, number=number, verdict=verdict_text(run.verdict), changes=what
        )

    def _stopped_line(self) -> str:
        return tr("WatchMode", "Re-check stopped: the inputs changed.")

    def _show_history(self) -> None:
        """The history again, in the language now in use (list items never interpret markup)."""
        history = self.panel.history
        for row in range(history.count()):
            item = history.item(row)
            if item is None:
                continue
            if row < len(self.runs):
                item.setText(self._history_line(row + 1))
            elif self.inputs_changed:
                item.setText(self._stopped_line())

    def _show_countdown(self) -> None:
        if self.active and self.remaining > 0:
            self.countdown.setText(
                tr("WatchMode", "Re-checking in {seconds} s (run {number})").format(
                    seconds=self.remaining, number=self.number + 1
                )
            )

    def _show_state(self) -> None:
        if self.active:
            text = tr("WatchMode", "Re-checking every {seconds} s until the verdict passes.")
            self.panel.state.setText(text.format(seconds=self.panel.interval.value()))
        elif self.inputs_changed:
            self.panel.state.setText(self._stopped_line())
        elif self.runs and self.runs[-1].code == "verified":
            self.panel.state.setText(
                tr("WatchMode", "Stopped: the verdict passed after {count} checks.").format(
                    count=len(self.runs)
                )
            )
        elif self.runs:
            self.panel.state.setText(tr("WatchMode", "Stopped."))
        else:
            self.panel.state.setText(
                tr(
                    "WatchMode",
                    "Start analyzes the inputs now and again after each interval, and "
                    "tells you when the verdict passes.",
                )
            )

    def _notify(self, verdict_message: str) -> None:
        """The verdict passed: a desktop notification where there is a tray, else a message
        box that does not block; the status bar always says it."""
        title = tr("WatchMode", "mailpath: the verdict passes")
        body = tr("WatchMode", "After {count} checks: {verdict}").format(
            count=len(self.runs), verdict=verdict_message
        )
        self.last_notice = body
        self.status.set_text(body)
        self.passed.emit(body)
        from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                from PySide6.QtWidgets import QStyle

                icon = self.parent_widget.window().windowIcon()
                if icon.isNull():  # a tray icon without one is not shown at all
                    icon = self.parent_widget.style().standardIcon(
                        QStyle.StandardPixmap.SP_MessageBoxInformation
                    )
                self._tray = QSystemTrayIcon(icon, self)
            self._tray.show()
            self._tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information)
            return
        if self.session.quiet:
            return  # tests and --screenshot: no window of its own
        box = QMessageBox(self.parent_widget)
        box.setIcon(QMessageBox.Icon.Information)
        # Qt adds " — mailpath" (the application's display name) to a dialog's title itself.
        box.setWindowTitle(tr("WatchMode", "The verdict passes"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(body)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
