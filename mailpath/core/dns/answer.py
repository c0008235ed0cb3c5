"""The one DNS interface every lookup of mailpath goes through: a `DnsSource` answers
`await source.query(name, rdtype)` with an `Answer` and never raises for DNS trouble. Answers
keep NXDOMAIN, NODATA, TIMEOUT, SERVFAIL and REFUSED apart; a timeout is never "no record".

Here too are the sources that wrap another one: `CachingSource` (the front every analysis uses:
concurrent callers of the same question share one in-flight query), `RecordingSource` (keeps
every question, answer and its timing) and `ReplaySource` (answers from a recording, with no
network). The live resolver is `mailpath.core.dns.sources.LiveSource`.
"""

from __future__ import annotations

import asyncio
import enum
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import dns._asyncio_backend
import dns.asyncbackend
import dns.asyncquery
import dns.asyncresolver
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.nameserver
import dns.query
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.IN.A
import dns.rdtypes.IN.AAAA
import dns.rdtypes.mxbase
import dns.rdtypes.nsbase
import dns.rdtypes.txtbase
import dns.resolver

from mailpath.core.jsontypes import JsonObject, JsonValue
from mailpath.core.sentences import register as register_sentences


class Outcome(enum.StrEnum):
    """How a question ended."""

    OK = "ok"  # records of the asked type
    NXDOMAIN = "nxdomain"  # the name does not exist
    NODATA = "nodata"  # the name exists, no records of that type
    TIMEOUT = "timeout"  # no answer within the time allowed
    SERVFAIL = "servfail"
    REFUSED = "refused"
    ERROR = "error"  # anything else (FORMERR, malformed reply, no server reachable...)
    MISSING = "missing"  # replay only: the recording holds no such question

    @property
    def is_void(self) -> bool:
        """RFC 7208 4.6.4: a void lookup is NXDOMAIN or an empty answer."""
        return self in (Outcome.NXDOMAIN, Outcome.NODATA)

    @property
    def is_error(self) -> bool:
        """A DNS failure (not an answer about the name): RFC 7208's temperror path."""
        return self not in (Outcome.OK, Outcome.NXDOMAIN, Outcome.NODATA)

    def describe(self) -> str:
        return _OUTCOME_TEXT[self]


_OUTCOME_TEXT = {
    Outcome.OK: "answered",
    Outcome.NXDOMAIN: "NXDOMAIN (no such name)",
    Outcome.NODATA: "no records of this type (NODATA)",
    Outcome.TIMEOUT: "timed out (no answer)",
    Outcome.SERVFAIL: "SERVFAIL (server failure)",
    Outcome.REFUSED: "REFUSED by the server",
    Outcome.ERROR: "DNS error",
    Outcome.MISSING: "not in the recording",
}

# Typed record values, by type:
#   A, AAAA           -> str (address text)
#   MX                -> tuple[int, str] (preference, exchange without trailing dot)
#   TXT, SPF          -> tuple[bytes, ...] (the character-strings of one record)
#   PTR, CNAME, NS    -> str (target name without trailing dot)
RecordValue = Any  # Any: one of the shapes above, chosen by the rdtype beside it


@dataclass(frozen=True)
class Answer:
    """The answer to one question: an outcome, typed records, and where it ended."""

    name: str  # the name asked, lower case, no trailing dot
    rdtype: str  # "A", "TXT", ...
    outcome: Outcome
    records: tuple[RecordValue, ...] = ()
    #: The name the records belong to when the question was answered through CNAMEs.
    canonical: str | None = None
    #: Human-readable detail for errors ("no answer from 127.0.0.1:53 within 2.0 s").
    detail: str = ""
    #: Seconds the question took (0 for cached and replayed answers).
    elapsed: float = 0.0
    #: The TTL the server gave: for a caching resolver what remains of it, for an
    #: authoritative server the full TTL; for NXDOMAIN/NODATA the negative-caching TTL
    #: (RFC 2308: the SOA's minimum, capped by its TTL). None when unknown (old recordings).
    ttl: int | None = None
    #: Whether the reply carried the AA flag (None when no reply was read).
    authoritative: bool | None = None
    #: A negative answer's zone: the owner of the SOA in its authority section (RFC 2308).
    soa_owner: str | None = None
    #: A referral (a reply without AA and without answer that names the servers of a zone
    #: below): (the delegated zone, its NS host names, sorted). None otherwise.
    referral: tuple[str, tuple[str, ...]] | None = None
    #: No server replied: the cause, a key of `RESOLVER_FAILURES` ("refused": nothing
    #: listens on the server's port, "timeout", ...). "" when a server replied.
    failure: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    def texts(self) -> list[str]:
        """Records as display strings (TXT strings joined, decoded leniently)."""
        return [record_to_display(self.rdtype, r) for r in self.records]


class DnsSource(Protocol):
    """Anything that answers DNS questions."""

    async def query(self, name: str, rdtype: str) -> Answer: ...


@dataclass(frozen=True)
class Deadline:
    """When an analysis's time (--budget) runs out: `at` on `time.monotonic()`'s clock,
    `seconds` the budget it ends. CPU-bound work (DKIM, ARC) stops at it too."""

    at: float
    seconds: float

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.remaining() <= 0


def deadline_of(source: object) -> Deadline | None:
    """The deadline of the live source under `source` (through its wrappers' ``inner``),
    starting its clock if no question was asked yet; None for a source without a budget
    (a replay)."""
    for _ in range(16):
        get = getattr(source, "deadline", None)
        if callable(get):
            found = get()
            return found if isinstance(found, Deadline) else None
        source = getattr(source, "inner", None)
        if source is None:
            return None
    return None


async def close_connections(source: object) -> None:
    """Close the DoH/DoT connections of the live source under `source` (through its
    wrappers' ``inner``); nothing for sources without connections."""
    for _ in range(16):
        close = getattr(source, "close_connections", None)
        if callable(close):
            await close()
            return
        source = getattr(source, "inner", None)
        if source is None:
            return


def normalize_qname(name: str) -> str:
    return name.strip().rstrip(".").lower()


# ---------------------------------------------------------------- record conversions


def record_from_rdata(rdtype: str, rdata: dns.rdata.Rdata) -> RecordValue:
    if rdtype in ("A", "AAAA") and isinstance(rdata, dns.rdtypes.IN.A.A | dns.rdtypes.IN.AAAA.AAAA):
        return str(rdata.address)
    if rdtype == "MX" and isinstance(rdata, dns.rdtypes.mxbase.MXBase):
        return (int(rdata.preference), _name_text(rdata.exchange))
    if rdtype in ("TXT", "SPF") and isinstance(rdata, dns.rdtypes.txtbase.TXTBase):
        return tuple(bytes(s) for s in rdata.strings)
    if rdtype in ("PTR", "CNAME", "NS") and isinstance(rdata, dns.rdtypes.nsbase.NSBase):
        return _name_text(rdata.target)
    return rdata.to_text()


def _name_text(name: dns.name.Name) -> str:
    text = name.to_text(omit_final_dot=True)
    return "." if text == "" or name == dns.name.root else text


def record_to_display(rdtype: str, value: RecordValue) -> str:
    if rdtype in ("TXT", "SPF"):
        return b"".join(value).decode("utf-8", "replace")
    if rdtype == "MX":
        return f"{value[0]} {value[1]}"
    return str(value)


def record_to_json(rdtype: str, value: RecordValue) -> JsonValue:
    """A JSON-safe form that `recording.answer_from_json` reads back exactly."""
    if rdtype in ("TXT", "SPF"):
        # Latin-1 maps every byte to one code point: lossless and readable for ASCII.
        return [s.decode("latin-1") for s in value]
    if rdtype == "MX":
        return [value[0], value[1]]
    return value


def answer_to_json(answer: Answer) -> JsonObject:
    out: JsonObject = {
        "name": answer.name,
        "type": answer.rdtype,
        "outcome": answer.outcome.value,
        "records": [record_to_json(answer.rdtype, r) for r in answer.records],
        "elapsed_us": round(answer.elapsed * 1_000_000),
    }
    if answer.canonical:
        out["canonical"] = answer.canonical
    if answer.detail:
        out["detail"] = answer.detail
    out["ttl"] = answer.ttl
    if answer.authoritative is not None:
        out["authoritative"] = answer.authoritative
    if answer.soa_owner is not None:
        out["soa_owner"] = answer.soa_owner
    if answer.referral is not None:
        out["referral"] = [answer.referral[0], list(answer.referral[1])]
    if answer.failure:
        out["failure"] = answer.failure
    return out


@dataclass(frozen=True)
class QueryRecord:
    """One question as it was asked, for a recording."""

    answer: Answer
    started: float  # seconds since the recording began


class _Shared:
    """One question in flight: its task and how many callers wait for it."""

    __slots__ = ("task", "waiters")

    def __init__(self, task: asyncio.Task[Answer]) -> None:
        self.task = task
        self.waiters = 0


class CachingSource:
    """One in-flight query per question, shared by every caller; answers kept for the run.

    Each question runs in its own task and callers wait on it through `asyncio.shield`, so a
    caller that is cancelled does not cancel the others; the task itself is cancelled when its
    last waiter gives up (prefetched questions nobody waits for yet keep running until
    `cancel_pending()`, or `aclose()` at the end of the run). `asked` lists the questions
    really sent, in order.
    """

    def __init__(self, inner: DnsSource) -> None:
        self.inner = inner
        self._shared: dict[tuple[str, str], _Shared] = {}
        self.asked: list[tuple[str, str]] = []
        self.closed = False

    def _start(self, key: tuple[str, str]) -> _Shared:
        shared = self._shared.get(key)
        if shared is None:
            shared = _Shared(asyncio.ensure_future(self.inner.query(*key)))
            self._shared[key] = shared
            self.asked.append(key)
        return shared

    async def query(self, name: str, rdtype: str) -> Answer:
        key = (normalize_qname(name), rdtype.upper())
        shared = self._start(key)
        shared.waiters += 1
        try:
            return await asyncio.shield(shared.task)
        except asyncio.CancelledError:
            if shared.waiters == 1 and not shared.task.done():
                shared.task.cancel()
                if self._shared.get(key) is shared:
                    # Forget it, so that a later run may ask again.
                    del self._shared[key]
            raise
        finally:
            shared.waiters -= 1

    def prefetch(self, name: str, rdtype: str) -> None:
        """Start a question in the background; its answer waits for whoever asks."""
        if not self.closed:
            self._start((normalize_qname(name), rdtype.upper()))

    def cancel_pending(self) -> list[asyncio.Task[Answer]]:
        """Stop every question still in flight (the analysis was cancelled or has ended);
        returns their tasks, which end at their next step."""
        stopped = []
        for key, shared in list(self._shared.items()):
            if not shared.task.done():
                shared.task.cancel()
                del self._shared[key]
                stopped.append(shared.task)
        return stopped

    async def aclose(self) -> None:
        """The run is over: stop the questions still in flight (prefetches nobody asked for)
        and wait until they have ended, so none of them finishes after its run's result.
        Later prefetches are ignored; answers already in stay available."""
        self.closed = True
        stopped = self.cancel_pending()
        if stopped:
            await asyncio.gather(*stopped, return_exceptions=True)
        await close_connections(self.inner)

    def answers(self) -> list[Answer]:
        return [
            s.task.result()
            for s in self._shared.values()
            if s.task.done() and not s.task.cancelled() and s.task.exception() is None
        ]


@dataclass
class RecordingSource:
    """Keeps every question with its answer and timing."""

    inner: DnsSource
    log: list[QueryRecord] = field(default_factory=list)
    _t0: float = field(default_factory=time.monotonic)

    async def query(self, name: str, rdtype: str) -> Answer:
        started = time.monotonic() - self._t0
        answer = await self.inner.query(name, rdtype)
        self.log.append(QueryRecord(answer, started))
        return answer

    def answers(self) -> list[Answer]:
        return [r.answer for r in self.log]


class ReplaySource:
    """Answers from a recording; a question the recording lacks is MISSING, not NXDOMAIN."""

    def __init__(self, answers: Iterable[Answer]) -> None:
        self._answers = {(a.name, a.rdtype): a for a in answers}

    async def query(self, name: str, rdtype: str) -> Answer:
        key = (normalize_qname(name), rdtype.upper())
        found = self._answers.get(key)
        if found is None:
            return Answer(key[0], key[1], Outcome.MISSING, detail="not in the recording")
        # Timings stay as recorded, so a replayed analysis reports what the live one saw.
        return found


register_sentences({f"outcome/{outcome.value}": outcome.describe() for outcome in Outcome})
