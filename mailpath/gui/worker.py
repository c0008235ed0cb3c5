"""Running analyses off the GUI thread.

Each run gets its own thread with its own asyncio loop running one task (the core's
`analyze()` coroutine). Events reach the GUI through Qt signals, which Qt queues into the GUI
thread because `AnalysisRunner` lives there. Every event carries the run's *generation*;
starting a new run or cancelling bumps the current generation, and the runner drops any event
of an older one before it is emitted, so a superseded run can never leak stale results into
the window, even if its thread is still winding down.

Cancel is `loop.call_soon_threadsafe(task.cancel)`: the coroutine gets `CancelledError` at its
current `await`, so in-flight queries stop at once. `shutdown()` cancels everything and joins
every thread (closing the window, and after each test).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)

#: A job is an async function of one argument, `emit_progress(done, pending, result)`,
#: returning the final (result, extra) pair; `extra` is whatever the window needs after the
#: run (the recorded answers, for Save).
#: The worker passes them on as they are (Qt signals of `object`): each job's owner knows
#: their types (the analysis: a partial `Result`; its final pair: `Result`, `RunExtra`).
ProgressFn = Callable[[int, int, object], None]
Job = Callable[[ProgressFn], Awaitable[tuple[object, object]]]


@dataclass
class _Run:
    generation: int
    thread: threading.Thread
    loop: asyncio.AbstractEventLoop | None = None
    task: asyncio.Task[tuple[object, object]] | None = None
    ready: threading.Event = field(default_factory=threading.Event)
    cancel_requested: bool = False
    #: Set in the worker thread just before the final event: nothing of this run follows it.
    ended: bool = False
    started: float = field(default_factory=time.monotonic)


class AnalysisRunner(QObject):
    """Starts, supersedes, cancels and joins analysis runs; emits their events in order."""

    #: generation, lookups done, lookups pending, partial result
    progress = Signal(int, int, int, object)
    #: generation, final result, extra (e.g. recorded answers)
    finished = Signal(int, object, object)
    #: generation, message, details (traceback)
    failed = Signal(int, str, str)
    #: generation
    cancelled = Signal(int)

    # Emitted from worker threads; queued to the GUI thread, filtered there, re-emitted above.
    _progress = Signal(int, int, int, object)
    _finished = Signal(int, object, object)
    _failed = Signal(int, str, str)
    _cancelled = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._generation = 0
        self._runs: dict[int, _Run] = {}
        #: The newest generation whose final event (finished, failed) the GUI thread has seen.
        self._ended_generation = 0
        queued = Qt.ConnectionType.QueuedConnection
        self._progress.connect(self._on_progress, queued)
        self._finished.connect(self._on_finished, queued)
        self._failed.connect(self._on_failed, queued)
        self._cancelled.connect(self._on_cancelled, queued)

    # The second check, in the GUI thread: a cancel or a new run may have come after the
    # worker's own check and before Qt delivered the event.
    def _on_progress(self, generation: int, done: int, pending: int, result: object) -> None:
        # A finished run accepts no more progress: a late one would replace its result.
        if self._current(generation) and generation > self._ended_generation:
            self.progress.emit(generation, done, pending, result)

    def _on_finished(self, generation: int, result: object, extra: object) -> None:
        self._ended_generation = max(self._ended_generation, generation)
        self._reap()
        if self._current(generation):
            self.finished.emit(generation, result, extra)

    def _on_failed(self, generation: int, message: str, details: str) -> None:
        self._ended_generation = max(self._ended_generation, generation)
        self._reap()
        if self._current(generation):
            self.failed.emit(generation, message, details)

    def _on_cancelled(self, generation: int) -> None:
        self._reap()
        self.cancelled.emit(generation)

    # ------------------------------------------------------------ GUI-thread API

    @property
    def generation(self) -> int:
        return self._generation

    def start(self, job: Job, name: str = "analysis") -> int:
        """Supersede any current run and start `job` in a new thread; returns its generation."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            old = [r for g, r in self._runs.items() if g != generation]
        for run in old:
            self._cancel_run(run)
        thread = threading.Thread(
            target=self._thread_main,
            args=(generation, job),
            name=f"mailpath-{name}-{generation}",
            daemon=True,
        )
        run = _Run(generation, thread)
        with self._lock:
            self._runs[generation] = run
        thread.start()
        self._reap()
        return generation

    def cancel(self) -> int | None:
        """Stop the current run now; its later events are dropped. Returns its generation."""
        with self._lock:
            current = self._runs.get(self._generation)
            cancelled_generation = self._generation
            # Any event still on its way belongs to a generation that is no longer current.
            self._generation += 1
        if current is None:
            return None
        self._cancel_run(current)
        return cancelled_generation

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Cancel every run and join every thread; True when all have ended."""
        with self._lock:
            self._generation += 1
            runs = list(self._runs.values())
        for run in runs:
            self._cancel_run(run)
        deadline = time.monotonic() + timeout
        ok = True
        for run in runs:
            run.thread.join(max(0.0, deadline - time.monotonic()))
            if run.thread.is_alive():
                log.warning("analysis thread %s did not stop in time", run.thread.name)
                ok = False
        self._reap()
        return ok

    def threads(self) -> list[threading.Thread]:
        with self._lock:
            return [r.thread for r in self._runs.values() if r.thread.is_alive()]

    # ------------------------------------------------------------ internals

    def _reap(self) -> None:
        with self._lock:
            for generation in [g for g, r in self._runs.items() if not r.thread.is_alive()]:
                if self._runs[generation].thread.ident is not None:
                    del self._runs[generation]

    def _cancel_run(self, run: _Run) -> None:
        # Either the thread sees this flag after creating its task, or we see the task here.
        run.cancel_requested = True
        loop, task = run.loop, run.task
        if loop is not None and task is not None and not loop.is_closed():
            # RuntimeError: the loop closed in between, so the run has ended anyway.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(task.cancel)

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    def _thread_main(self, generation: int, job: Job) -> None:
        import asyncio  # here, not at import: the window paints before asyncio loads

        with self._lock:
            run = self._runs[generation]
        loop = asyncio.new_event_loop()
        run.loop = loop

        def emit_progress(done: int, pending: int, result: object) -> None:
            if self._current(generation) and not run.ended:
                self._progress.emit(generation, done, pending, result)

        async def main() -> tuple[object, object]:
            return await job(emit_progress)

        try:
            asyncio.set_event_loop(loop)
            task = loop.create_task(main())
            run.task = task
            run.ready.set()
            if run.cancel_requested:
                task.cancel()
            try:
                result, extra = loop.run_until_complete(task)
            except asyncio.CancelledError:
                run.ended = True
                self._cancelled.emit(generation)
                return
            except Exception as exc:
                message = _describe(exc)
                details = traceback.format_exc()
                log.warning("analysis %d failed: %s", generation, message)
                run.ended = True
                if self._current(generation):
                    self._failed.emit(generation, message, details)
                return
            run.ended = True
            if self._current(generation):
                self._finished.emit(generation, result, extra)
        finally:
            run.ready.set()
            try:
                _cancel_leftovers(loop)
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())  # joined
            finally:
                asyncio.set_event_loop(None)
                loop.close()


def _describe(exc: BaseException) -> str:
    sentence = getattr(exc, "sentence", None)
    if sentence is not None:  # an InputError: its sentence in the UI language
        from mailpath.gui.text.sentences import sentence_text

        return sentence_text(sentence)
    text = str(exc)
    name = type(exc).__name__
    return f"{name}: {text}" if text and name not in ("InputError",) else (text or name)


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel tasks the job left behind (prefetches) and let them finish cancelling."""
    import asyncio

    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
