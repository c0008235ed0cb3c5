"""The background runner: order of events, cancel, superseded runs, joining threads."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from mailpath.gui.worker import AnalysisRunner
from tests.support.dnsserver import TIMEOUT


class Recorder:
    def __init__(self, runner: AnalysisRunner) -> None:
        self.events: list[tuple[Any, ...]] = []
        runner.progress.connect(lambda g, d, p, r: self.events.append(("progress", g, d, p, r)))
        runner.finished.connect(lambda g, r, x: self.events.append(("finished", g, r, x)))
        runner.failed.connect(lambda g, m, d: self.events.append(("failed", g, m)))
        runner.cancelled.connect(lambda g: self.events.append(("cancelled", g)))

    def kinds(self, generation: int | None = None) -> list[str]:
        return [e[0] for e in self.events if generation is None or e[1] == generation]


@pytest.fixture
def runner(qtbot: Any) -> Any:
    r = AnalysisRunner()
    yield r
    assert r.shutdown(5.0)
    assert r.threads() == []


def test_progress_then_result_in_order(qtbot: Any, runner: AnalysisRunner) -> None:
    gui_thread = threading.current_thread()
    threads: list[threading.Thread] = []

    async def job(emit: Any) -> tuple[str, str]:
        threads.append(threading.current_thread())
        for i in range(5):
            await asyncio.sleep(0.01)
            emit(i + 1, 4 - i, f"partial {i}")
        return "result", "extra"

    rec = Recorder(runner)
    generation = runner.start(job)
    qtbot.waitUntil(lambda: "finished" in rec.kinds(), timeout=5000)
    assert threads and threads[0] is not gui_thread  # never on the GUI thread
    assert rec.kinds() == ["progress"] * 5 + ["finished"]
    assert [e[2] for e in rec.events[:5]] == [1, 2, 3, 4, 5]
    assert rec.events[-1] == ("finished", generation, "result", "extra")


def test_cancel_stops_in_flight_work_at_once(qtbot: Any, runner: AnalysisRunner) -> None:
    started = threading.Event()
    stopped: list[float] = []

    async def job(emit: Any) -> tuple[None, None]:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            stopped.append(time.monotonic())
        return None, None

    rec = Recorder(runner)
    runner.start(job)
    assert started.wait(5)
    threads = runner.threads()
    runner.cancel()
    for thread in threads:
        thread.join(2)  # the job sleeps 30 s: ending within 2 means it was cancelled
        assert not thread.is_alive()
    assert stopped
    qtbot.waitUntil(lambda: "cancelled" in rec.kinds(), timeout=2000)
    assert "finished" not in rec.kinds()


def deliver_queued_events() -> None:
    """Deliver every event already queued to the GUI thread (the worker threads' signals)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def test_superseded_run_events_are_dropped(qtbot: Any, runner: AnalysisRunner) -> None:
    release = threading.Event()
    old_started = threading.Event()
    old_threads: list[threading.Thread] = []
    old_emitted: list[str] = []

    async def old_job(emit: Any) -> tuple[str, None]:
        old_threads.append(threading.current_thread())
        old_started.set()
        # Ignores cancellation on purpose, like a job stuck in a blocking step.
        while not release.is_set():
            try:
                await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                continue
        emit(1, 0, "stale")
        old_emitted.append("stale")
        return "stale result", None

    async def new_job(emit: Any) -> tuple[str, None]:
        emit(1, 1, "fresh")
        await asyncio.sleep(0.05)
        return "fresh result", None

    rec = Recorder(runner)
    old = runner.start(old_job)
    assert old_started.wait(5)
    new = runner.start(new_job)
    release.set()
    qtbot.waitUntil(lambda: "finished" in rec.kinds(new), timeout=5000)
    # The old run's thread has ended: everything it emitted is queued; deliver it, then look.
    [old_thread] = old_threads
    old_thread.join(5)
    assert not old_thread.is_alive()
    assert old_emitted == ["stale"]  # the stale events really were sent
    deliver_queued_events()
    assert rec.kinds(old) in ([], ["cancelled"])
    assert [e[4] if e[0] == "progress" else e[2] for e in rec.events if e[1] == new] == [
        "fresh",
        "fresh result",
    ]


def test_failure_is_reported_not_raised(qtbot: Any, runner: AnalysisRunner) -> None:
    async def job(emit: Any) -> tuple[None, None]:
        raise ValueError("boom")

    rec = Recorder(runner)
    runner.start(job)
    qtbot.waitUntil(lambda: "failed" in rec.kinds(), timeout=5000)
    assert "boom" in rec.events[-1][2]


def test_shutdown_joins_every_thread(qtbot: Any) -> None:
    runner = AnalysisRunner()

    async def job(emit: Any) -> tuple[None, None]:
        await asyncio.sleep(30)
        return None, None

    for _ in range(3):
        runner.start(job)
    threads = runner.threads()
    assert threads
    assert runner.shutdown(5.0)
    assert not any(t.is_alive() for t in threads)


def late_prefetch_zone() -> dict[str, Any]:
    """example.com's SPF matches 192.0.2.25 with `ip4:` before an `exists:` term whose
    name (expanded for that address) is never answered: the check ends with the match while
    the `exists:` question fetched ahead is still in flight."""
    return {
        "example.com": [
            ("MX", (10, "mail.example.com")),
            ("TXT", "v=spf1 ip4:192.0.2.25 exists:%{i}._spf.example.com -all"),
        ],
        "mail.example.com": [("A", "192.0.2.25")],
        "192.0.2.25._spf.example.com": [TIMEOUT],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "example.org": [("MX", (10, "mx1.example.org"))],
        "mx1.example.org": [("A", "203.0.113.1")],
    }


def test_no_progress_after_the_finished_result(
    qtbot: Any, runner: AnalysisRunner, dns_server: Any
) -> None:
    from mailpath.core.session import AnalysisRequest
    from mailpath.gui.jobs import make_job

    server = dns_server(late_prefetch_zone(), latency=0.02)
    rec = Recorder(runner)
    generation = runner.start(
        make_job(
            AnalysisRequest("example.com", "example.org", "mail.example.com", (server.nameserver,))
        )
    )
    qtbot.waitUntil(lambda: "finished" in rec.kinds(), timeout=10000)
    # The prefetched exists: question was still unanswered when the result came.
    assert ("192.0.2.25._spf.example.com", "A", "udp") in server.queries
    # Let the thread wind down (it cancels what the job left behind) and every queued
    # event arrive.
    qtbot.waitUntil(lambda: runner.threads() == [], timeout=10000)
    deliver_queued_events()
    kinds = rec.kinds(generation)
    assert kinds[-1] == "finished", kinds
    result = rec.events[-1][2]
    assert result.complete
    spf = result.sending_hosts[0].addresses[0].spf
    assert spf.result.value == "pass"
