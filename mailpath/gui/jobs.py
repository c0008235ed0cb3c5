"""The analysis job a worker thread runs: the core's session (`core.session.run_session`).

Imported by the window only when an analysis starts, and it imports the core (dnspython,
networkx) only inside the job, so none of that is loaded before the window has painted.
The request is the core's `AnalysisRequest`; the job's `extra` is the session's outcome.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.gui.worker import Job, ProgressFn

if TYPE_CHECKING:
    from mailpath.core.analysis import Progress
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest, SessionOutcome

__all__ = ["CA_FILE_ENV", "ca_file", "make_job"]


def make_job(request: AnalysisRequest) -> Job:
    async def job(emit: ProgressFn) -> tuple[Result | None, SessionOutcome]:
        import asyncio

        from mailpath.core.session import run_session

        def on_progress(progress: Progress) -> None:
            emit(progress.done, progress.pending, progress.result)

        # The window draws each partial result as a route graph (networkx: ~100 ms to load):
        # loaded beside the first lookups, not in the window's thread as the first arrives
        # (a 180-250 ms freeze of the window at the start of the first analysis).
        warm = asyncio.get_running_loop().run_in_executor(None, _load_route_graph)
        outcome = await run_session(request, on_progress)
        await warm
        return outcome.result, outcome

    return job


def _load_route_graph() -> None:
    import mailpath.core.route.graph  # noqa: F401


#: A CA bundle to trust for DoH/DoT servers (as the CLI's `--ca-file`).
CA_FILE_ENV = "MAILPATH_CA_FILE"


def ca_file() -> str | None:
    """The CA file `$MAILPATH_CA_FILE` names, when it exists; else the system's CAs."""
    import os

    path = os.environ.get(CA_FILE_ENV, "").strip()
    return path if path and os.path.isfile(path) else None
