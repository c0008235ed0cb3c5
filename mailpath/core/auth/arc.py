"""Verifying a message's ARC chain (RFC 8617) with dkimpy, every key fetched through the run's
`DnsSource` first: `verify_arc` (see `mailpath.core.auth.dkim` for the result, the limits and
the time)."""

from __future__ import annotations

import functools
import re

import dkim

from mailpath.core.auth.dkim import ArcResult
from mailpath.core.auth.dkim_limits import (
    _DIGITS,
    MAX_ARC_INSTANCES,
    MAX_MESSAGE,
    THREAD_THRESHOLD,
    _decode,
    _Guard,
    _hostile,
    _in_worker,
    _read_section,
    _short,
)
from mailpath.core.auth.dkim_tags import (
    _dns_name,
    _fetch,
    _key_name,
    _lookup_problem,
    parse_tag_list,
)
from mailpath.core.dns.sources import Deadline, DnsSource
from mailpath.core.facts import LookupStatus
from mailpath.core.sentences import Sentence

_ARC_KEY_HEADERS = (b"arc-message-signature", b"arc-seal")
_AAR_INSTANCE = re.compile(r"\s*i\s*=\s*(\S*?)\s*;")


async def verify_arc(
    source: DnsSource, message: bytes, *, deadline: Deadline | None = None
) -> ArcResult:
    """Verify the ARC chain of `message` (RFC 8617) with dkimpy (see the module docstring).
    Past `deadline` (the analysis's --budget) the chain is "not evaluated: ran out of time"."""
    message = bytes(message)
    if len(message) > MAX_MESSAGE:
        return ArcResult("fail", 0, Sentence("arc/too-large", limit=MAX_MESSAGE))
    section = _read_section(message)
    if section.limit is not None:
        return ArcResult("fail", 0, section.limit.reason(), limit=section.limit)
    headers = section.headers
    if headers is None:
        return ArcResult("fail", 0, Sentence("dkim/header-malformed", detail=section.malformed))
    chain = _chain(headers)
    if isinstance(chain, ArcResult):
        return chain
    instances, names = chain
    answers = await _fetch(source, names)
    lookups = tuple(LookupStatus.of(a) for a in answers.values())
    records = {
        name: b"".join(a.records[0]) for name, a in answers.items() if a.ok and len(a.records) == 1
    }
    guard = _Guard(deadline)
    outcome: list[tuple[object, str]] = []  # (dkimpy's CV_ value, reason)
    run = functools.partial(_run_dkimpy, message, records, guard, outcome)
    if deadline is not None or len(message) > THREAD_THRESHOLD:
        await _in_worker(run, guard)
    else:
        run()
    guard.stop()
    if not outcome:
        budget = guard.budget()
        return ArcResult("fail", instances, budget.reason(), lookups, limit=budget)
    cv, reason = outcome[0]
    if cv == dkim.CV_Pass:
        return ArcResult("pass", instances, Sentence("arc/pass"), lookups)
    if cv == dkim.CV_None:
        return ArcResult("none", instances, Sentence("arc/none"), lookups)
    problems = [_lookup_problem(answers[n], n)[1] for n in answers if not answers[n].ok] + [
        f"{len(answers[n].records)} TXT records at {n}"
        for n in answers
        if len(answers[n].records) > 1
    ]
    text = Sentence("arc/fail", detail=_short(reason))
    if problems:
        listed = "; ".join(dict.fromkeys(problems))
        text = Sentence("arc/fail-lookups", detail=_short(reason), problems=listed)
    return ArcResult("fail", instances, text, lookups, _short(reason))


def _chain(headers: list[tuple[bytes, bytes]]) -> ArcResult | tuple[int, list[str]]:
    """The ARC sets' highest i= and the key names to fetch, or the result when the chain
    cannot be read (no ARC set, a hostile or malformed field, too many sets)."""
    arc = [(bytes(n).lower(), bytes(v)) for n, v in headers if bytes(n).lower().startswith(b"arc-")]
    arc = [(n, v) for n, v in arc if n in dkim.ARC.ARC_HEADERS]
    if not arc:
        return ArcResult("none", 0, Sentence("arc/none"))
    instances = 0
    names: list[str] = []
    for hname, value in arc:
        hostile = _hostile(value)
        if hostile is not None:
            return ArcResult("fail", 0, Sentence("dkim/not-evaluated", detail=hostile))
        if hname in _ARC_KEY_HEADERS:
            try:
                tags = parse_tag_list(_decode(value))
            except ValueError as exc:
                return ArcResult("fail", 0, Sentence("arc/field-malformed", detail=str(exc)))
        else:  # ARC-Authentication-Results: "i=N; authserv-id; results", not a tag list
            found = _AAR_INSTANCE.match(_decode(value))
            tags = {"i": found.group(1) if found else ""}
        instance = tags.get("i", "")
        if not _DIGITS.match(instance):
            return ArcResult("fail", 0, Sentence("arc/no-instance", value=_short(instance)))
        instances = max(instances, int(instance))
        if hname in _ARC_KEY_HEADERS and "d" in tags and "s" in tags:
            try:
                names.append(_key_name(_dns_name(tags["s"], "s="), _dns_name(tags["d"], "d=")))
            except ValueError as exc:
                return ArcResult(
                    "fail", instances, Sentence("arc/signature-malformed", detail=str(exc))
                )
    if instances > MAX_ARC_INSTANCES:
        return ArcResult(
            "fail", instances, f"i={instances}: ARC allows at most {MAX_ARC_INSTANCES} sets"
        )
    return instances, names


def _run_dkimpy(
    message: bytes,
    records: dict[str, bytes],
    guard: _Guard,
    outcome: list[tuple[object, str]],
) -> None:
    """dkimpy's ARC verification, its keys already fetched (`records`); its (CV_ value,
    reason) goes into `outcome` unless the guard has stopped (in a worker: see `_in_worker`)."""

    def dnsfunc(name: bytes, timeout: float = 5) -> bytes | None:
        try:
            text = _decode(name).strip().rstrip(".").lower()
            sel, _, dom = text.partition("._domainkey.")
            key = _key_name(_dns_name(sel, "s="), _dns_name(dom, "d="))
        except ValueError:
            return None
        return records.get(key)

    if guard.over():
        return
    try:
        cv, _data, reason = dkim.ARC(message, minkey=1024).verify(dnsfunc=dnsfunc)
        found = (cv, str(reason))
    except Exception as exc:  # dkimpy on hostile input
        found = (dkim.CV_Fail, _short(f"{type(exc).__name__}: {exc}"))
    guard.commit(functools.partial(outcome.append, found))
