"""DKIM and ARC verification's limits and time: what reaches dkimpy at all (the header section
read here in one linear pass, `LimitHit` when a limit stops it), dkimpy's relaxed body
canonicalization a piece at a time, and the worker thread that lets the analysis's deadline end
the wait (see `mailpath.core.auth.dkim`, *Limits* and *Time*)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

import dkim
import dkim.canonicalization

from mailpath.core.dns.sources import Deadline
from mailpath.core.jsontypes import JsonObject, JsonValue
from mailpath.core.sentences import Sentence

MAX_SIGNATURES = 10
MAX_SIGNATURE_HEADER = 64 * 1024
#: Limits on what reaches dkimpy at all (its header parser copies a field once per folded
#: line: quadratic in the lines of one field). A message over any of them is not verified.
MAX_HEADER_FIELD = 64 * 1024  # octets of one header field, folding included
MAX_FOLDED_LINES = 1_000  # continuation lines of one header field
MAX_HEADER_BLOCK = 1024 * 1024  # octets of the whole header block
MAX_WHITESPACE_RUN = 256
MAX_SIGNED_HEADERS = 10_000
MAX_HEADER_WORK = 1_000_000
MAX_MESSAGE = 32 * 1024 * 1024
THREAD_THRESHOLD = 1024 * 1024
MAX_ARC_INSTANCES = 50  # RFC 8617 4.2.1
MAX_RSA_BITS = 8192
MAX_EXPONENT_BITS = 64
#: Leeway for signers' clocks on x= and t=. RFC 6376 3.5 lets a verifier consider a signature
#: past x= invalid and allows a small "fudge factor" for drift; 6.1.1 makes it PERMFAIL
#: (signature expired), as OpenDKIM does. dkimpy's own check allows 10 hours (hard-coded in
#: `dkim.validate_signature_fields`), so mailpath judges x= and t= itself, before dkimpy.
CLOCK_SLACK = 300
_MAX_TEXT = 200  # longest piece of hostile text quoted back in a reason

_SIG_ALGORITHMS = ("rsa-sha256", "rsa-sha1", "ed25519-sha256")
_TAG_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_WS_RUN = re.compile(rb"\s{%d,}" % (MAX_WHITESPACE_RUN + 1))
_BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")
_DNS_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_DIGITS = re.compile(r"^\d{1,40}$")


# ---------------------------------------------------------------- dkimpy's body, in pieces

#: Body canonicalization works on pieces of about this many octets, cut after a newline.
CANON_CHUNK = 1 << 20
_TRAILING_WSP = re.compile(rb"[\t ]+\r\n")
_WSP = re.compile(rb"[\t ]+")


def _pieces(content: bytes) -> Iterable[bytes]:
    start, size = 0, len(content)
    while start < size:
        stop = content.find(b"\n", min(start + CANON_CHUNK, size))
        stop = size if stop < 0 else stop + 1
        yield content[start:stop]
        start = stop


def strip_trailing_whitespace(content: bytes) -> bytes:
    """dkimpy's ``strip_trailing_whitespace`` (relaxed body canonicalization), the same bytes
    out, made a piece at a time: one ``re.sub`` over a 30 MB body keeps a list of millions of
    pieces (about 800 MB at its peak). A match never crosses a newline, so pieces cut after
    one give the same result."""
    if len(content) <= CANON_CHUNK:
        return _TRAILING_WSP.sub(b"\r\n", content)
    return b"".join([_TRAILING_WSP.sub(b"\r\n", piece) for piece in _pieces(content)])


def compress_whitespace(content: bytes) -> bytes:
    """dkimpy's ``compress_whitespace``, the same bytes out, a piece at a time (see
    `strip_trailing_whitespace`)."""
    if len(content) <= CANON_CHUNK:
        return _WSP.sub(b" ", content)
    return b"".join([_WSP.sub(b" ", piece) for piece in _pieces(content)])


# dkimpy's relaxed body canonicalization calls these by their module-level names.
dkim.canonicalization.strip_trailing_whitespace = strip_trailing_whitespace
dkim.canonicalization.compress_whitespace = compress_whitespace


# ---------------------------------------------------------------- results

#: Why a signature (or the ARC chain) was not verified, as data: a header field over
#: `MAX_HEADER_FIELD` octets or `MAX_FOLDED_LINES` continuation lines, a header block over
#: `MAX_HEADER_BLOCK` octets, or the analysis's time (--budget) ran out.
LimitKind = Literal["header-octets", "header-lines", "header-block", "budget"]


@dataclass(frozen=True)
class LimitHit:
    """A mailpath limit that stopped verification. `header`: the field's name (printable,
    short) for header-octets/header-lines, else None; `size`: the octets or continuation
    lines found (None for budget); `maximum`: the limit (seconds for budget, None if unknown)."""

    kind: LimitKind
    header: str | None = None
    size: int | None = None
    maximum: float | None = None

    def reason(self) -> Sentence:
        if self.kind == "budget":
            return Sentence("limit/budget")
        maximum = f"{self.maximum:.0f}"
        if self.kind == "header-block":
            return Sentence("limit/header-block", size=self.size, maximum=maximum)
        if self.kind == "header-lines":
            return Sentence(
                "limit/header-lines", header=self.header, size=self.size, maximum=maximum
            )
        return Sentence("limit/header-octets", header=self.header, size=self.size, maximum=maximum)


def limit_to_json(limit: LimitHit | None) -> JsonObject | None:
    if limit is None:
        return None
    return {
        "kind": limit.kind,
        "header": limit.header,
        "size": limit.size,
        "maximum": limit.maximum,
    }


def limit_from_json(value: JsonValue) -> LimitHit | None:
    """A saved `limit_to_json` object, or None when absent or not one."""
    if not isinstance(value, dict) or value.get("kind") not in get_args(LimitKind):
        return None
    header, size, maximum = value.get("header"), value.get("size"), value.get("maximum")
    return LimitHit(
        value["kind"],
        _short(printable(header)) if isinstance(header, str) else None,
        size if isinstance(size, int) and not isinstance(size, bool) else None,
        float(maximum)
        if isinstance(maximum, int | float) and not isinstance(maximum, bool)
        else None,
    )


# ---------------------------------------------------------------- small helpers


def _short(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "…"


def _decode(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def printable(text: str) -> str:
    """`text` with control and other unprintable characters escaped (NUL -> \\x00), so that a
    hostile d= or s= is shown, never acted on by a terminal or a widget."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _hostile(value: bytes) -> Sentence | None:
    """Why a header value is not handed to dkimpy, or None."""
    if len(value) > MAX_SIGNATURE_HEADER:
        return Sentence("dkim/header-too-long", size=len(value), limit=MAX_SIGNATURE_HEADER)
    if _WS_RUN.search(value):
        return Sentence("dkim/whitespace-run", limit=MAX_WHITESPACE_RUN)
    return None


# ---------------------------------------------------------------- the header section


_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_FIELD_START = re.compile(rb"\n(?=[^ \t])")
_DKIMPY_NAME = re.compile(rb"([\x21-\x7e]+?):")


@dataclass
class _Section:
    """The header section as dkimpy will read it, checked against the limits in one linear
    pass (dkimpy itself never reads a section over them)."""

    headers: list[tuple[bytes, bytes]] | None  # (name, value); None: over a limit or malformed
    limit: LimitHit | None = None  # the first limit met
    malformed: str | None = None
    signatures: tuple[bytes, ...] = ()  # DKIM-Signature values, as far as they can be found


def _section_end(message: bytes) -> int:
    """Where the header section ends as dkimpy splits it (after the newline of its last line,
    before the empty line)."""
    if message.startswith((b"\n", b"\r\n")):
        return 0
    found = _BLANK_LINE.search(message)
    if found is None:
        return len(message)
    return message.index(b"\n", found.start()) + 1


def _read_section(message: bytes) -> _Section:
    """The header fields, or the limit they are over, or why dkimpy could not read them;
    linear in the size of the section, whatever its folding (dkimpy's own parser is not)."""
    end = _section_end(message)
    if end > MAX_HEADER_BLOCK:
        block = LimitHit("header-block", None, end, MAX_HEADER_BLOCK)
        return _Section(None, block, signatures=_raw_signature_values(message, end))
    section = message[:end]
    if section[:1] in (b" ", b"\t"):
        return _Section(
            None,
            malformed="the first line is a continuation line",
            signatures=_raw_signature_values(section, end),
        )
    headers: list[tuple[bytes, bytes]] = []
    limit: LimitHit | None = None
    starts = [0, *(m.end() for m in _FIELD_START.finditer(section))]
    for start, stop in zip(starts, [*starts[1:], end], strict=True):
        line_end = section.find(b"\n", start, stop)
        match = _DKIMPY_NAME.match(section, start, stop if line_end < 0 else line_end)
        if match is None:
            if section.startswith(b"From ", start):
                continue  # an mbox line, as dkimpy skips it
            line = _decode(section[start : min(stop, start + _MAX_TEXT)]).rstrip()
            return _Section(
                None,
                malformed=f"Unexpected characters in RFC822 header: {printable(_short(line))}",
                signatures=_raw_signature_values(section, end),
            )
        name = match.group(1)
        headers.append((name, section[match.end() : stop]))
        if limit is None:
            octets = stop - start
            lines = section.count(b"\n", start, stop) - (
                1 if section.endswith(b"\n", 0, stop) else 0
            )
            shown = _short(printable(_decode(name)))
            if octets > MAX_HEADER_FIELD:
                limit = LimitHit("header-octets", shown, octets, MAX_HEADER_FIELD)
            elif lines > MAX_FOLDED_LINES:
                limit = LimitHit("header-lines", shown, lines, MAX_FOLDED_LINES)
    signatures = tuple(v for n, v in headers if n.lower() == b"dkim-signature")
    if limit is not None:
        return _Section(None, limit, signatures=signatures)
    return _Section(headers, signatures=signatures)


_RAW_SIG = re.compile(rb"^dkim-signature[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.I | re.M)


def _raw_signature_values(message: bytes, end: int) -> tuple[bytes, ...]:
    """The DKIM-Signature values of the header section `message[:end]` found by a linear
    scan (no copy of the section), each cut to `MAX_SIGNATURE_HEADER` octets."""
    return tuple(
        message[m.start(1) : min(m.end(1), m.start(1) + MAX_SIGNATURE_HEADER)]
        for m in _RAW_SIG.finditer(message, 0, end)
    )


# ---------------------------------------------------------------- time


class _Guard:
    """The deadline of one verification, shared with its worker thread: once stopped, the
    worker's late results are dropped and it ends before its next signature."""

    def __init__(self, deadline: Deadline | None) -> None:
        self.deadline = deadline
        self.lock = threading.Lock()
        self.stopped = False

    def over(self) -> bool:
        return self.stopped or (self.deadline is not None and self.deadline.passed())

    def stop(self) -> None:
        with self.lock:
            self.stopped = True

    def commit(self, write: Callable[[], None]) -> None:
        """Run `write` (a worker's result into the caller's) unless the wait has ended."""
        with self.lock:
            if not self.stopped:
                write()

    def budget(self) -> LimitHit:
        seconds = self.deadline.seconds if self.deadline is not None else None
        return LimitHit("budget", None, None, seconds)


async def _in_worker(work: Callable[[], None], guard: _Guard) -> None:
    """Run `work` in a daemon thread and wait for it until the guard's deadline. The event
    loop keeps running meanwhile; a worker past the deadline is left to end by itself (it
    checks the guard between signatures, and its input is bounded by the limits), and being
    a daemon it never holds the process at exit."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def finished() -> None:
        if not done.done():
            done.set_result(None)

    def target() -> None:
        try:
            work()
        finally:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                loop.call_soon_threadsafe(finished)

    threading.Thread(target=target, name="mailpath-dkim", daemon=True).start()
    timeout = None if guard.deadline is None else max(0.0, guard.deadline.remaining())
    try:
        await asyncio.wait_for(asyncio.shield(done), timeout)
    except TimeoutError:
        guard.stop()
    except asyncio.CancelledError:
        guard.stop()
        raise
