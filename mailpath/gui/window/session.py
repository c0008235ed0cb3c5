"""The window's session: the analysis on screen, as one object the parts subscribe to.

It holds the request, the result (partial while a run is going), the session's outcome, the
MX hosts the what-if has marked down and whether the inputs have moved on from what is shown
(stale). Whoever changes one of them calls its setter; the setter emits the typed signal, and
the headline, the route, the panels and the status line redraw from it. No part holds the
window: each is given this object and the widgets it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest, SessionOutcome


class WindowSession(QObject):
    #: The result shown changed (a new run, progress, the end, a cancel, a what-if): redraw.
    resultChanged = Signal()
    #: An analysis started (True) or ended (False).
    runningChanged = Signal(bool)
    #: The what-if's MX hosts marked down changed (the result is redrawn after it).
    hostsDownChanged = Signal()
    #: The inputs no longer say what the route shows (True), or they do again (False).
    staleChanged = Signal(bool)
    #: An analysis started, with its request (the inputs, a message, a recording, a re-check).
    started = Signal(object)
    #: A run ended, whichever way (finished, cancelled, failed); the result is in place.
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request: AnalysisRequest | None = None
        self.result: Result | None = None
        #: What the session returned besides the result (answers, resolver, failures).
        self.outcome: SessionOutcome | None = None
        self.running = False
        self.hosts_down: frozenset[str] = frozenset()
        self.stale = False
        #: No modal dialogs (--screenshot runs and tests): warnings go to the status line.
        self.quiet = False

    def begin(self, request: AnalysisRequest) -> None:
        """A new run: nothing of the previous one stays on screen. (The caller says
        `started` once the run is under way.)"""
        self.request = request
        self.outcome = None
        self.hosts_down = frozenset()
        self.set_stale(False)
        self.set_result(None)
        self.set_running(True)

    def set_result(self, result: Result | None) -> None:
        self.result = result
        if result is None and self.stale:
            self.set_stale(False)
        self.resultChanged.emit()

    def set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.runningChanged.emit(running)

    def set_hosts_down(self, hosts: frozenset[str]) -> None:
        if hosts != self.hosts_down:
            self.hosts_down = hosts
            self.hostsDownChanged.emit()
            if self.result is not None:
                self.resultChanged.emit()

    def toggle_host_down(self, node_id: str) -> None:
        self.set_hosts_down(self.hosts_down ^ {node_id})

    def set_stale(self, stale: bool) -> None:
        """Only a route on screen can be stale: without one there is nothing to dim."""
        stale = stale and self.result is not None
        if stale != self.stale:
            self.stale = stale
            self.staleChanged.emit(stale)

    def end(self) -> None:
        self.set_running(False)
        self.finished.emit()
