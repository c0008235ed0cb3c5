"""The analysis job a worker thread runs: the core's `analyze()` on a live or replayed source.

Imported by the window only when an analysis starts, and it imports the core (dnspython,
networkx) only inside the job, so none of that is loaded before the window has painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailpath.gui.worker import Job, ProgressFn

if TYPE_CHECKING:
    from mailpath.core.analysis import Progress
    from mailpath.core.dns import Answer, DnsSource, ResolverFailure
    from mailpath.core.message_check import MessageInput
    from mailpath.core.model import Result


@dataclass(frozen=True)
class AnalysisRequest:
    sender: str
    recipient: str
    via: str | None = None
    nameservers: tuple[str, ...] = ()  # "IP[:PORT]"; empty: the system resolver
    replay_answers: tuple[Answer, ...] | None = None  # answers of an opened recording
    replay_path: str | None = None
    created: str | None = None  # the recording's start time, kept when replaying
    resolver_label: tuple[str, ...] = ()
    timeout: float = 5.0
    budget: float = 30.0
    #: A received message whose parties filled the inputs.
    message: MessageInput | None = None
    #: Where the message came from, for the status line: a file name or "pasted".
    message_name: str | None = None
    dkim_selectors: tuple[str, ...] = ()
    #: Also ask the zone's own name servers (`check --authoritative`), on this port.
    authoritative: bool = False
    authoritative_port: int = 53


@dataclass(frozen=True)
class RunExtra:
    """What a finished run leaves for Save: every answer and where they came from."""

    answers: tuple[Answer, ...] = ()
    resolver: tuple[str, ...] = ()
    replay_path: str | None = None
    elapsed_lookups: dict[str, float] = field(default_factory=dict)
    #: Every question the analysis asked (for Compare Resolvers), in order.
    questions: tuple[tuple[str, str], ...] = ()
    #: The DoH/DoT server whose certificate did not verify (nothing was taken over plain DNS).
    tls_failure: str | None = None
    #: The resolver answered nothing at all: no verdict to show.
    resolver_failure: ResolverFailure | None = None


def make_job(request: AnalysisRequest) -> Job:
    async def job(emit: ProgressFn) -> tuple[Result, RunExtra]:
        from dataclasses import replace

        from mailpath.core.analysis import analyze
        from mailpath.core.dns import CachingSource, LiveSource, RecordingSource, ReplaySource
        from mailpath.core.names import parse_nameserver

        resolver: Sequence[str]
        live: LiveSource | None = None
        recording: RecordingSource | None = None
        if request.replay_answers is not None:
            source: DnsSource = ReplaySource(request.replay_answers)
            resolver = request.resolver_label
        else:
            live = LiveSource(
                [parse_nameserver(ns) for ns in request.nameservers],
                timeout=request.timeout,
                budget=request.budget,
                ca_file=ca_file(),
            )
            resolver = tuple(live.servers)
            source = recording = RecordingSource(live)
        # One cache for the analysis and what follows it (the authoritative view asks the
        # resolver's side of its comparison again): nothing is asked twice.
        cache = CachingSource(source)

        def on_progress(progress: Progress) -> None:
            emit(progress.done, progress.pending, progress.result)

        result = await analyze(
            cache,
            request.sender,
            request.recipient,
            request.via,
            on_progress=on_progress,
            started_at=request.created,
            message=request.message,
            dkim_selectors=request.dkim_selectors,
        )
        tls_failure = None
        resolver_failure = None
        if live is not None:
            result = replace(result, resolver=live.resolver_info)
            tls_failure = live.tls_failure
            resolver_failure = live.resolver_failure
            if request.authoritative and tls_failure is None and resolver_failure is None:
                from mailpath.core.authoritative import authoritative_view, live_servers

                view = await authoritative_view(
                    cache,
                    result,
                    request.dkim_selectors,
                    servers=live_servers(
                        port=request.authoritative_port, timeout=min(request.timeout, 3.0)
                    ),
                )
                result = replace(
                    result, authoritative=view, findings=(*result.findings, *view.findings)
                )
        answers = (
            tuple(recording.answers())
            if recording is not None
            else tuple(request.replay_answers or ())
        )
        return result, RunExtra(
            answers,
            tuple(resolver),
            request.replay_path,
            questions=tuple(cache.asked),
            tls_failure=tls_failure,
            resolver_failure=resolver_failure,
        )

    return job


#: A CA bundle to trust for DoH/DoT servers (as the CLI's `--ca-file`).
CA_FILE_ENV = "MAILPATH_CA_FILE"


def ca_file() -> str | None:
    """The CA file `$MAILPATH_CA_FILE` names, when it exists; else the system's CAs."""
    import os

    path = os.environ.get(CA_FILE_ENV, "").strip()
    return path if path and os.path.isfile(path) else None
