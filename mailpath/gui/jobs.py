"""The analysis job a worker thread runs: the core's `analyze()` on a live or replayed source.

Imported by the window only when an analysis starts, and it imports the core (dnspython,
networkx) only inside the job, so none of that is loaded before the window has painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mailpath.gui.worker import Job, ProgressFn


@dataclass(frozen=True)
class AnalysisRequest:
    sender: str
    recipient: str
    via: str | None = None
    nameservers: tuple[str, ...] = ()  # "IP[:PORT]"; empty: the system resolver
    replay_answers: tuple[Any, ...] | None = None  # answers of an opened recording
    replay_path: str | None = None
    created: str | None = None  # the recording's start time, kept when replaying
    resolver_label: tuple[str, ...] = ()
    timeout: float = 5.0
    budget: float = 30.0
    #: A received message (core.message_check.MessageInput) whose parties filled the inputs.
    message: Any = None
    #: Where the message came from, for the status line: a file name or "pasted".
    message_name: str | None = None
    dkim_selectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunExtra:
    """What a finished run leaves for Save: every answer and where they came from."""

    answers: tuple[Any, ...] = ()
    resolver: tuple[str, ...] = ()
    replay_path: str | None = None
    elapsed_lookups: dict[str, float] = field(default_factory=dict)


def make_job(request: AnalysisRequest) -> Job:
    async def job(emit: ProgressFn) -> tuple[Any, RunExtra]:
        from mailpath.core.analysis import analyze
        from mailpath.core.dns import LiveSource, RecordingSource, ReplaySource
        from mailpath.core.names import parse_nameserver

        resolver: Sequence[str]
        if request.replay_answers is not None:
            source: Any = ReplaySource(request.replay_answers)
            resolver = request.resolver_label
        else:
            live = LiveSource(
                [parse_nameserver(ns) for ns in request.nameservers],
                timeout=request.timeout,
                budget=request.budget,
            )
            resolver = tuple(live.servers)
            source = RecordingSource(live)

        def on_progress(progress: Any) -> None:
            emit(progress.done, progress.pending, progress.result)

        result = await analyze(
            source,
            request.sender,
            request.recipient,
            request.via,
            on_progress=on_progress,
            started_at=request.created,
            message=request.message,
            dkim_selectors=request.dkim_selectors,
        )
        answers = (
            tuple(request.replay_answers)
            if request.replay_answers is not None
            else tuple(source.answers())
        )
        return result, RunExtra(answers, tuple(resolver), request.replay_path)

    return job
