"""Watch: run the analysis again and again until the verdict passes ("is my fix live yet?").

`watch()` drives the loop for any front end: it awaits `run()` (a fresh analysis each time),
compares the Result with the previous one (`change_parts()`), hands a `WatchRun` to `on_run`,
and ends when the verdict passes or after `limit` runs. The GUI calls `change_parts()` alone on
its own timer and renders each `Change` in the UI language; the CLI prints `WatchRun.line()`,
whose English (`changes()`, rendered from `TEMPLATES`) is also `--json`'s "changes" and does
not change. Cancelling the task (Ctrl+C) ends it at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from mailpath.core.judgement.verdict import Verdict, verdict
from mailpath.core.model import Finding, Result
from mailpath.core.session import AnalysisRequest, SessionFailed, run_session

__all__ = [
    "TEMPLATES",
    "Change",
    "WatchRun",
    "change_parts",
    "changes",
    "passes",
    "same_inputs",
    "session_run",
    "watch",
]


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


#: What a run changed, as template key -> English text with `str.format` fields. `changes()`
#: renders these in English (the CLI's line and `--json`'s "changes"); the GUI renders the same
#: keys through its translations (context `WatchChanges`). A parameter is data (a record, an
#: address, a finding code, an SPF result, a verdict code), or a nested `Change` for the words
#: "(none)" and "None" that stand for a missing value.
TEMPLATES: dict[str, str] = {
    "verdict": "verdict {before} -> {after}",
    "spf-record": "SPF record {before} -> {after}",
    "spf-result": "SPF for {address} {before} -> {after}",
    "dmarc-record": "DMARC record {before} -> {after}",
    "mx": "MX {before} -> {after}",
    "finding-added": "+{code}",
    "finding-removed": "-{code}",
    "serial": "serial of {host} {before} -> {after}",
    # Values: a record or MX host list that is missing, a serial that was not read.
    "none": "(none)",
    "no-serial": "None",
}

#: translate(English template) -> the template in the UI language.
Translate = Callable[[str], str]


@dataclass(frozen=True)
class Change:
    """One thing a run changed: a key of `TEMPLATES` and its parameters."""

    key: str
    params: Mapping[str, str | Change] = field(default_factory=dict)
    #: "finding-added"/"finding-removed": the finding itself, so that a front end can say it
    #: in words (its template and parameters) rather than show its code.
    finding: Finding | None = field(default=None, compare=False)

    def render(self, translate: Translate | None = None) -> str:
        """The change as text: English, or through `translate`; English again when the
        translation does not fit the parameters."""
        template = TEMPLATES[self.key]
        params = {name: _value(v, translate) for name, v in self.params.items()}
        english = template.format(**params)
        if translate is None:
            return english
        try:
            return translate(template).format(**params)
        except (KeyError, IndexError, ValueError):
            return english

    def __str__(self) -> str:
        return self.render()


def _value(value: str | Change, translate: Translate | None) -> str:
    return value.render(translate) if isinstance(value, Change) else value


_NONE = Change("none")


def _record(text: str | None) -> str | Change:
    return _NONE if text is None else repr(text)


def same_inputs(a: Result, b: Result) -> bool:
    """Do two runs check the same thing (sender, recipient, sending server, message)?"""

    def key(r: Result) -> tuple[object, ...]:
        headers = r.message.parsed.headers if r.message is not None else None
        return (r.inputs.sender, r.inputs.recipient, r.inputs.via, headers)

    return key(a) == key(b)


def change_parts(old: Result | None, new: Result) -> tuple[Change, ...]:
    """What differs from `old` to `new`, as `Change`s (the data `changes()` renders).

    Covers what a fix changes: the verdict, the SPF record and each address's SPF result,
    the DMARC record, the MX hosts, finding codes and authoritative serials."""
    if old is None or not same_inputs(old, new):
        # Runs of different inputs are not before and after of one fix: nothing to compare.
        return ()
    out: list[Change] = []
    before, after = verdict(old), verdict(new)
    if before.code != after.code:
        out.append(Change("verdict", {"before": before.code, "after": after.code}))

    def record(r: Result) -> str | None:
        return r.spf_audit.record if r.spf_audit else None

    if record(old) != record(new):
        out.append(
            Change("spf-record", {"before": _record(record(old)), "after": _record(record(new))})
        )
    old_spf, new_spf = _spf_results(old), _spf_results(new)
    for address in sorted(set(old_spf) | set(new_spf)):
        a, b = old_spf.get(address), new_spf.get(address)
        if a != b:
            # "none" is SPF's own word for "no result" (RFC 7208), kept as data.
            params = {"address": address, "before": a or "none", "after": b or "none"}
            out.append(Change("spf-result", params))

    def dmarc(r: Result) -> str | None:
        return r.dmarc.record if r.dmarc else None

    if dmarc(old) != dmarc(new):
        out.append(
            Change("dmarc-record", {"before": _record(dmarc(old)), "after": _record(dmarc(new))})
        )
    if _mx_hosts(old) != _mx_hosts(new):
        hosts_before = ", ".join(_mx_hosts(old))
        # As the CLI has always printed it: "(none)" before, nothing after.
        out.append(
            Change("mx", {"before": hosts_before or _NONE, "after": ", ".join(_mx_hosts(new))})
        )
    old_codes = {f.code: f for f in old.findings}
    new_codes = {f.code: f for f in new.findings}
    for code in sorted(set(new_codes) - set(old_codes)):
        out.append(Change("finding-added", {"code": code}, finding=new_codes[code]))
    for code in sorted(set(old_codes) - set(new_codes)):
        out.append(Change("finding-removed", {"code": code}, finding=old_codes[code]))
    if old.authoritative is not None and new.authoritative is not None:
        a_serials, b_serials = old.authoritative.serials(), new.authoritative.serials()
        for host in sorted(set(a_serials) | set(b_serials)):
            if a_serials.get(host) != b_serials.get(host):
                serial: dict[str, str | Change] = {
                    "host": host,
                    "before": _serial(a_serials.get(host)),
                    "after": _serial(b_serials.get(host)),
                }
                out.append(Change("serial", serial))
    return tuple(out)


def _serial(value: object) -> str | Change:
    return Change("no-serial") if value is None else str(value)


def changes(old: Result | None, new: Result) -> tuple[str, ...]:
    """What differs from `old` to `new`, in English words ("SPF record 'v=spf1 -all' ->
    '...'"): `change_parts()` rendered from `TEMPLATES`."""
    return tuple(c.render() for c in change_parts(old, new))


@dataclass(frozen=True)
class WatchRun:
    number: int  # 1, 2, ...
    at: str  # local time, HH:MM:SS
    result: Result
    verdict: Verdict
    changes: tuple[str, ...]  # `parts` in English, as the CLI prints them
    passed: bool
    parts: tuple[Change, ...] = ()  # what changed, as data (`change_parts`)

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
        parts = change_parts(previous, result)
        current = WatchRun(
            number=number,
            at=now().strftime("%H:%M:%S"),
            result=result,
            verdict=outcome,
            changes=tuple(c.render() for c in parts),
            passed=outcome.code == "verified",
            parts=parts,
        )
        if on_run is not None:
            on_run(current)
        if current.passed or (limit is not None and number >= limit):
            return current
        previous = result
        await asyncio.sleep(interval)


def session_run(request: AnalysisRequest) -> Callable[[], Awaitable[Result]]:
    """`watch()`'s `run` for `request`: a fresh session each time; a run that a resolver
    problem ended (`SessionOutcome.failure`) ends the watch with `SessionFailed`."""

    async def run() -> Result:
        outcome = await run_session(request)
        if outcome.failure is not None:
            raise SessionFailed(outcome.failure)
        assert outcome.result is not None
        return outcome.result

    return run
