"""The analysis controller: runs an analysis and puts its result on screen.

It starts, supersedes and cancels runs on the worker thread, coalesces their progress into
redraws, and shows each (partial or final) result in the graph, the panels, the headline and
the status line. It holds the run's state: the request, the result, the MX hosts marked down.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from mailpath.gui.text.i18n import tr
from mailpath.gui.window.inputs import sentence

if TYPE_CHECKING:
    from mailpath.core.model import MessageInfo, Result
    from mailpath.core.session import AnalysisRequest, SessionOutcome
    from mailpath.gui.window.main_window import MainWindow
    from mailpath.gui.worker import AnalysisRunner

log = logging.getLogger("mailpath.gui.window.main_window")

#: Progress events are applied at most this often (ms): a burst of answers (a replay, a
#: fast resolver) becomes one redraw, and the GUI thread stays responsive.
PROGRESS_COALESCE_MS = 40


class AnalysisController(QObject):
    """Run control (start, cancel, progress, end) and the display of the result."""

    #: An analysis started, with its request (whoever started it: the inputs, a message, a
    #: recording, the re-check).
    started = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.result: Result | None = None
        self.extra: SessionOutcome | None = None
        self.down: set[str] = set()
        self.request: AnalysisRequest | None = None
        self.running = False
        self._pending_progress: tuple[int, int, Result] | None = None
        self._shown_message: MessageInfo | None = None
        #: A message was opened: its dock stays in front when the result arrives.
        self.raise_message_dock = False
        self._runner: AnalysisRunner | None = None  # made by the first analysis
        self._progress_timer = QTimer(window)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_COALESCE_MS)
        self._progress_timer.timeout.connect(self._apply_progress)

    @property
    def runner(self) -> AnalysisRunner:
        """The worker thread's runner, made when it is first needed (the first analysis)."""
        if self._runner is None:
            from mailpath.gui.worker import AnalysisRunner

            runner = AnalysisRunner(self.window)
            runner.progress.connect(self._on_progress)
            runner.finished.connect(self._on_finished)
            runner.failed.connect(self._on_failed)
            self._runner = runner
        return self._runner

    def _status(self, text: str) -> None:
        self.window.status_line.set_text(text)

    def idle_status(self) -> str:
        extra = self.extra
        if extra is not None and extra.failure is not None and self.result is None:
            from mailpath.gui.window.resolver_field import failure_text, run_failure_text

            # A resolver that answered nothing is said first: its field names it too.
            if extra.resolver_failure is not None:
                return failure_text(extra.resolver_failure)
            return run_failure_text(extra.failure)
        return self.window.status_line.idle_text(self.result)

    def start(self) -> bool:
        w = self.window
        w.ensure_built()
        request = w.inputs.validate()
        if request is None:
            w.analysisFinished.emit()
            return False
        w.inputs.remember(request)
        self.run_request(w.fix_live.adjust_request(request))
        return True

    def run_request(self, request: AnalysisRequest) -> None:
        from mailpath.gui.jobs import make_job

        w = self.window
        w.ensure_built()
        self.request = request
        self.down.clear()
        w.headline_part.set_stale(False)
        self.result = None
        self.extra = None
        self._pending_progress = None
        self._progress_timer.stop()
        w.scene.clear_graph()
        w.details.show_node(None, None)
        w.spf_panel.clear()
        w.findings.set_findings(())
        w.requirements.show_result(None)
        w.sender_logo.show_result(None)
        self.show_message(None)
        w.headline_part.update()
        w.view.request_fit()
        self.running = True
        self.runner.start(make_job(request))
        w.status_line.show_running(True)
        w.menus.act_cancel.setEnabled(True)
        self._status(
            tr("MainWindow", "Analyzing {sender} → {recipient}…").format(
                sender=request.sender, recipient=request.recipient
            )
        )
        w.position_overlays()
        self.started.emit(request)

    def cancel(self) -> None:
        if not self.running:
            return
        self.runner.cancel()
        self._progress_timer.stop()
        if self._pending_progress is not None:
            self._apply_progress()
        self._end_run()
        if self.result is not None and not getattr(self.result, "complete", True):
            from dataclasses import replace

            # What was still being resolved never will be: the route and headline say so.
            self.show_result(replace(self.result, cancelled=True))
        self._status(tr("MainWindow", "Cancelled: the route shows what was resolved so far."))
        self.window.analysisFinished.emit()

    def escape(self) -> None:
        if self.running:
            self.cancel()
        elif self.window.scene.selected_node():
            self.window.scene.clearSelection()

    def _end_run(self) -> None:
        self.running = False
        self.window.status_line.show_running(False)
        self.window.menus.act_cancel.setEnabled(False)

    def _on_progress(self, generation: int, done: int, pending: int, result: Result) -> None:
        if not self.running or generation != self.runner.generation:
            return  # the run has ended (or been superseded): its result stays as it is
        self._pending_progress = (done, pending, result)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    def _apply_progress(self) -> None:
        if self._pending_progress is None:
            return
        if not self.running:
            self._pending_progress = None
            return
        done, pending, result = self._pending_progress
        self._pending_progress = None
        progress = self.window.status_line.progress
        progress.setRange(0, max(1, done + pending))
        progress.setValue(done)
        self._status(
            tr("MainWindow", "Analyzing: {done} lookups done, {pending} pending…").format(
                done=done, pending=pending
            )
        )
        self.show_result(result)

    def _on_finished(self, generation: int, result: Result | None, extra: SessionOutcome) -> None:
        self._progress_timer.stop()
        self._pending_progress = None
        self.extra = extra
        self._end_run()
        if extra.failure is not None:
            self._show_failure(extra)
            return
        assert result is not None  # the session gives a result unless a failure ended the run
        self.show_result(result)
        self.window.route.select_worst()
        if self.raise_message_dock:
            self.raise_message_dock = False
            if result.message is not None:
                self.window.message_dock.raise_()
        self._status(self.idle_status())
        self.window.analysisFinished.emit()

    def _show_failure(self, outcome: SessionOutcome) -> None:
        """The session ended the run (core.session decides when): a certificate that did not
        verify, or a resolver that answered nothing. The failure stands where the verdict
        would be, never a verdict about the domains (whose lookups "failed" only because of
        it); the TLS failure's own dialog follows (`fix_live`)."""
        w = self.window
        self.result = None
        w.scene.clear_graph()
        w.details.show_node(None, None)
        w.spf_panel.clear()
        w.findings.set_findings(())
        self.show_message(None)
        w.headline_part.update()
        if outcome.resolver_failure is not None:
            w.inputs.show_resolver_failure(outcome.resolver_failure)
        self._status(self.idle_status())
        assert outcome.failure is not None
        log.info("run failure: %s", outcome.failure.sentence())
        w.analysisFinished.emit()

    def _on_failed(self, generation: int, message: str, details: str) -> None:
        self._progress_timer.stop()
        self._pending_progress = None
        self._end_run()
        self._status(tr("MainWindow", "The analysis failed: {message}").format(message=message))
        log.error("analysis failed: %s\n%s", message, details)
        replay_path = self.request.replay_path if self.request is not None else None
        if replay_path:  # the file's content, not the program, is what went wrong
            self.window.files.cannot_open(replay_path, sentence(message), details)
        elif not getattr(self.window, "screenshot_mode", False):
            from mailpath.gui.errors import show_error

            show_error(self.window, message, details)
        self.window.analysisFinished.emit()

    def show_result(self, result: Result) -> None:
        from mailpath.core.route.graph import build_route_graph
        from mailpath.gui.text.labels import LocalizedGraph

        w = self.window
        self.result = result
        graph = LocalizedGraph(build_route_graph(result, down=frozenset(self.down)))
        w.scene.set_graph(graph)
        w.view.graph_updated()
        w.spf_panel.set_result(result)
        findings = result.findings
        if self.down and result.complete:
            # The what-if's own findings (every MX host marked down): the headline's severity
            # counts them, so the list shows them.
            from mailpath.core.judgement.receiver import what_if_findings

            findings = (*what_if_findings(result, frozenset(self.down)), *findings)
        w.findings.set_findings(findings)
        self.show_message(result.message)
        w.fix_live.show_result(result)
        w.requirements.show_result(result)
        w.sender_logo.show_result(result)
        selected = w.scene.selected_node()
        if selected and selected in w.scene.nodes:
            w.details.show_node(selected, w.scene.nodes[selected].attrs)
        w.headline_part.update()
        w.position_overlays()

    def show_message(self, info: MessageInfo | None) -> None:
        """The Message panel shows the result's received message (None clears it); refilled
        only when the message changes, so progress redraws keep the selected hop."""
        if info is self._shown_message:
            return
        self._shown_message = info
        if info is None:
            if self.window.message_panel_built:  # else there is nothing to clear
                self.window.message_panel.set_message(None)
            return
        from mailpath.core.message.check import message_to_json

        self.window.message_panel.set_message(message_to_json(info))

    def shutdown(self) -> None:
        """Stop and join every analysis thread."""
        self._progress_timer.stop()
        if self._runner is not None:
            self._runner.shutdown()
