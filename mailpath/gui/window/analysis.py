"""The analysis controller: starts, supersedes and cancels runs on the worker thread.

It coalesces a run's progress into redraws and puts each (partial or final) result into the
window's session (`session.WindowSession`); the graph, the panels, the headline and the
status line draw themselves from there. It says in the status line what the run is doing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest, SessionOutcome
    from mailpath.gui.window.headline import StatusLine
    from mailpath.gui.window.session import WindowSession
    from mailpath.gui.worker import AnalysisRunner

log = logging.getLogger("mailpath.gui.window.main_window")

#: Progress events are applied at most this often (ms): a burst of answers (a replay, a
#: fast resolver) becomes one redraw, and the GUI thread stays responsive.
PROGRESS_COALESCE_MS = 40


class AnalysisController(QObject):
    """Run control: start, cancel, progress, end."""

    #: The worker raised (message, details): the program, or a replayed file, went wrong.
    runFailed = Signal(str, str)

    def __init__(
        self,
        session: WindowSession,
        status: StatusLine,
        request_from_inputs: Callable[[], AnalysisRequest | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.status = status
        #: The inputs as a request (None: a field is wrong and says why).
        self.request_from_inputs = request_from_inputs
        self._pending_progress: tuple[int, int, Result] | None = None
        self._runner: AnalysisRunner | None = None  # made by the first analysis
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_COALESCE_MS)
        self._progress_timer.timeout.connect(self._apply_progress)

    @property
    def runner(self) -> AnalysisRunner:
        """The worker thread's runner, made when it is first needed (the first analysis)."""
        if self._runner is None:
            from mailpath.gui.worker import AnalysisRunner

            runner = AnalysisRunner(self)
            runner.progress.connect(self._on_progress)
            runner.finished.connect(self._on_finished)
            runner.failed.connect(self._on_failed)
            self._runner = runner
        return self._runner

    def idle_status(self) -> str:
        session = self.session
        outcome = session.outcome
        if outcome is not None and outcome.failure is not None and session.result is None:
            from mailpath.gui.window.resolver_field import failure_text, run_failure_text

            # A resolver that answered nothing is said first: its field names it too.
            if outcome.resolver_failure is not None:
                return failure_text(outcome.resolver_failure)
            return run_failure_text(outcome.failure)
        return self.status.idle_text(session.result, session.request)

    def start(self) -> bool:
        """Analyze what the inputs say; False (and the fields marked) when they cannot be."""
        request = self.request_from_inputs()
        if request is None:
            self.session.finished.emit()
            return False
        self.run_request(request)
        return True

    def run_request(self, request: AnalysisRequest) -> None:
        from mailpath.gui.jobs import make_job

        self._pending_progress = None
        self._progress_timer.stop()
        self.session.begin(request)
        self.runner.start(make_job(request))
        self.status.set_text(
            tr("MainWindow", "Analyzing {sender} → {recipient}…").format(
                sender=request.sender, recipient=request.recipient
            )
        )
        self.session.started.emit(request)

    def cancel(self) -> None:
        session = self.session
        if not session.running:
            return
        self.runner.cancel()
        self._progress_timer.stop()
        if self._pending_progress is not None:
            self._apply_progress()
        session.set_running(False)
        result = session.result
        if result is not None and not result.complete:
            from dataclasses import replace

            # What was still being resolved never will be: the route and headline say so.
            session.set_result(replace(result, cancelled=True))
        self.status.set_text(
            tr("MainWindow", "Cancelled: the route shows what was resolved so far.")
        )
        session.finished.emit()

    def _on_progress(self, generation: int, done: int, pending: int, result: Result) -> None:
        if not self.session.running or generation != self.runner.generation:
            return  # the run has ended (or been superseded): its result stays as it is
        self._pending_progress = (done, pending, result)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    def _apply_progress(self) -> None:
        if self._pending_progress is None:
            return
        if not self.session.running:
            self._pending_progress = None
            return
        done, pending, result = self._pending_progress
        self._pending_progress = None
        self.status.show_progress(done, pending)
        self.status.set_text(
            tr("MainWindow", "Analyzing: {done} lookups done, {pending} pending…").format(
                done=done, pending=pending
            )
        )
        self.session.set_result(result)

    def _on_finished(self, generation: int, result: Result | None, extra: SessionOutcome) -> None:
        self._progress_timer.stop()
        self._pending_progress = None
        session = self.session
        session.outcome = extra
        session.set_running(False)
        if extra.failure is not None:
            # The session ended the run (core.session decides when): a certificate that did
            # not verify, or a resolver that answered nothing. The failure stands where the
            # verdict would be, never a verdict about the domains; the TLS failure's own
            # dialog follows (`propagation`).
            session.set_result(None)
            log.info("run failure: %s", extra.failure.sentence())
        else:
            assert result is not None  # the session gives a result unless a failure ended it
            session.set_result(result)
        self.status.set_text(self.idle_status())
        session.finished.emit()

    def _on_failed(self, generation: int, message: str, details: str) -> None:
        self._progress_timer.stop()
        self._pending_progress = None
        self.session.set_running(False)
        self.status.set_text(
            tr("MainWindow", "The analysis failed: {message}").format(message=message)
        )
        log.error("analysis failed: %s\n%s", message, details)
        self.runFailed.emit(message, details)
        self.session.finished.emit()

    def shutdown(self) -> None:
        """Stop and join every analysis thread."""
        self._progress_timer.stop()
        if self._runner is not None:
            self._runner.shutdown()
