"""Watch: run the analysis again and again until the verdict passes ("is my fix live yet?").

`watch()` drives the loop for any front end: it awaits `run()` (a fresh analysis each time),
compares the Result with the previous one (`changes()`), hands a `WatchRun` to `on_run`, and
ends when the verdict passes or after `limit` runs. The GUI can call `changes()` alone on its
own timer; the CLI prints `WatchRun.line()`. Cancelling the task (Ctrl+C) ends it at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from mailpath.core.model import Result
from mailpath.core.verdict import Verdict, verdict

__all__ = ["WatchRun", "changes", "passes", "watch"]


def passes(result: Result) -> bool:
    """The verdict passes: the recipient accepts the mail as verified."""
    return verdict(result).code == "verified"


def _spf_results(result: Result) -> dict[str, str]:
    return {
        a.address: a.spf.result.value
        for h in result.sending_hosts or ()
        for a in h.addresses
        if a.spf is not None
    }


def _mx_hosts(result: Result) -> list[str]:
    return [f"{h.preference} {h.host}" for h in (result.mx.hosts if result.mx else ())]


def changes(old: Result | None, new: Result) -> tuple[str, ...]:
    """What differs from `old` to `new`, in words ("SPF record: 'v=spf1 -all' -> '...'").

    Covers what a fix changes: the verdict, the SPF record and each address's SPF result,
    the DMARC record, the MX hosts, finding codes and authoritative serials."""
    if old is None:
        return ()
    out: list[str] = []
    before, after = verdict(old), verdict(new)
    if before.code != after.code:
        out.append(f"verdict {before.code} -> {after.code}")

    def record(r: Result) -> str | None:
        return r.spf_audit.record if r.spf_audit else None

    if record(old) != record(new):
        out.append(f"SPF record {_q(record(old))} -> {_q(record(new))}")
    old_spf, new_spf = _spf_results(old), _spf_results(new)
    for address in sorted(set(old_spf) | set(new_spf)):
        a, b = old_spf.get(address), new_spf.get(address)
        if a != b:
            out.append(f"SPF for {address} {a or 'none'} -> {b or 'none'}")

    def dmarc(r: Result) -> str | None:
        return r.dmarc.record if r.dmarc else None

    if dmarc(old) != dmarc(new):
        out.append(f"DMARC record {_q(dmarc(old))} -> {_q(dmarc(new))}")
    if _mx_hosts(old) != _mx_hosts(new):
        out.append(f"MX {', '.join(_mx_hosts(old)) or '(none)'} -> {', '.join(_mx_hosts(new))}")
    old_codes = {f.code for f in old.findings}
    new_codes = {f.code for f in new.findings}
    for code in sorted(new_codes - old_codes):
        out.append(f"+{code}")
    for code in sorted(old_codes - new_codes):
        out.append(f"-{code}")
    if old.authoritative is not None and new.authoritative is not None:
        a_serials, b_serials = old.authoritative.serials(), new.authoritative.serials()
        for host in sorted(set(a_serials) | set(b_serials)):
            if a_serials.get(host) != b_serials.get(host):
                out.append(f"serial of {host} {a_serials.get(host)} -> {b_serials.get(host)}")
    return tuple(out)


def _q(text: str | None) -> str:
    return "(none)" if text is None else repr(text)


@dataclass(frozen=True)
class WatchRun:
    number: int  # 1, 2, ...
    at: str  # local time, HH:MM:SS
    result: Result
    verdict: Verdict
    changes: tuple[str, ...]
    passed: bool

    def line(self) -> str:
        if self.number == 1:
            what = "first run"
        else:
            what = "; ".join(self.changes) if self.changes else "no change"
        return f"{self.at} #{self.number} {self.verdict.code}: {self.verdict.message} [{what}]"


async def watch(
    run: Callable[[], Awaitable[Result]],
    interval: float,
    *,
    limit: int | None = None,
    on_run: Callable[[WatchRun], None] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> WatchRun:
    """Run until the verdict passes or `limit` runs were made; return the last run.

    Waits `interval` seconds between the end of one run and the start of the next."""
    now = clock or (lambda: datetime.now(UTC).astimezone())
    previous: Result | None = None
    number = 0
    while True:
        number += 1
        result = await run()
        outcome = verdict(result)
        current = WatchRun(
            number=number,
            at=now().strftime("%H:%M:%S"),
            result=result,
            verdict=outcome,
            changes=changes(previous, result),
            passed=outcome.code == "verified",
        )
        if on_run is not None:
            on_run(current)
        if current.passed or (limit is not None and number >= limit):
            return current
        previous = result
        await asyncio.sleep(interval)
