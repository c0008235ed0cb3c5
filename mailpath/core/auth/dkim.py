"""DKIM (RFC 6376) and ARC (RFC 8617) on a received message, and published DKIM keys.

dkimpy does the cryptography and canonicalization; every DNS question goes through mailpath's
one `DnsSource` (so timeouts, the budget, recording and replay apply, and there is no second
resolver). dkimpy's DNS hook is synchronous, so each call first reads the signatures' ``d=``
and ``s=``, fetches every ``s._domainkey.d`` TXT record concurrently with
``await source.query(...)``, and then lets dkimpy verify with a DNS function that answers from
what was fetched. Before dkimpy sees a signature, its tags are checked here so that a result
always comes with a reason in plain words, and so that hostile input stays cheap (see
*Limits*). Nothing here raises for bad messages, bad records or DNS trouble.

API
---
``async verify_dkim(source, message, from_domain, *, org_domain=psl_org_domain)
-> tuple[DkimSignature, ...]``
    One `DkimSignature` per DKIM-Signature header field, topmost first (``from_domain``: the
    RFC5322.From domain, an address is accepted too; None = unknown, nothing aligned;
    ``org_domain``: the organizational-domain function for relaxed alignment, injectable so
    that DMARC's own can be used). Fields: ``index``,
    ``domain`` (d=), ``selector`` (s=), ``algorithm`` (a=), ``result`` (pass | fail | neutral |
    temperror | permerror), ``reason`` (plain words), ``key_type``, ``key_bits``, ``aligned``
    (= ``aligned_relaxed``: the organizational domains of d= and the From domain are equal),
    ``aligned_strict`` (d= is the From domain), ``body_length_limit`` (l=, or None: a finding,
    anyone may append to the body), ``headers_signed`` (h=, lower case), ``identity`` (i=),
    ``timestamp`` (t=), ``expiration`` (x=), ``testing`` (the key says t=y), ``lookup`` (the
    `LookupStatus` of the key query, None when no query was needed), ``error`` (technical
    detail: dkimpy's message, the DNS detail, a limit that was hit), ``failure`` (why it did
    not pass, as data: see `DkimFailure`; None on pass).

    Results: pass; fail = body hash mismatch or a signature that does not verify;
    permerror = a malformed signature, expired (x= more than `CLOCK_SLACK` seconds ago) or
    dated in the future (t= more than `CLOCK_SLACK` seconds ahead), a key that is missing
    (NXDOMAIN/NODATA), revoked, malformed or not applicable; temperror = the key lookup timed
    out or failed (SERVFAIL, REFUSED, the budget ran out, not in a recording); neutral = not
    evaluated by policy: rsa-sha1 (RFC 8301), an RSA key under 1024 bits, a mailpath limit,
    ed25519 without PyNaCl.

``async verify_arc(source, message) -> ArcResult``
    ``result`` (none | pass | fail), ``instances`` (the highest i= found, 0 without ARC),
    ``reason``, ``lookups`` (the key queries), ``error``.

``async check_dkim_key(source, selector, domain) -> DkimKey``
    Checks ``SELECTOR._domainkey.DOMAIN``. Fields: ``selector``, ``domain``, ``name``,
    ``record`` (the TXT strings joined, or None), ``key_type`` (rsa | ed25519), ``key_bits``,
    ``status`` (ok | weak | revoked | missing | invalid | error), ``error`` (what is wrong, in
    plain words, or None), ``severity`` (None for ok; weak: "error" under 1024 bits, "warning"
    from 1024 to 2047; revoked: "warning"; missing, invalid, error: "error"), ``testing``
    (t=y), ``lookup``. RSA of 2048 bits or more and ed25519 are ok. Several TXT records at the
    name, a selector or domain that is not a DNS name, a bad tag list, ``v=`` not first or not
    DKIM1, an unknown ``k=``, a key not for email (``s=``), a ``p=`` that is not base64 or not
    a key -> invalid. Timeout, SERVFAIL, REFUSED -> error (``error`` names the outcome).

``dkim_signature_to_json(sig) -> dict`` and ``dkim_key_to_json(key) -> dict``;
``arc_result_to_json(arc) -> dict``; ``psl_org_domain(domain) -> str`` (the default
organizational-domain function: the registrable domain under the public suffix list).

Limits
------
Before dkimpy sees anything, the header section is read here in one linear pass (dkimpy's own
parser copies a field once per folded line: quadratic). A header field over
`MAX_HEADER_FIELD` octets (64 KiB) or `MAX_FOLDED_LINES` continuation lines (1,000), or a header
block over `MAX_HEADER_BLOCK` octets (1 MiB), means no signature of the message is handed to
dkimpy: each is neutral, "not verified: ..." with ``limit`` (a `LimitHit`: kind, header, size,
maximum) saying which limit; so is the ARC chain. At most `MAX_SIGNATURES` signatures are
verified (the rest are listed as neutral, "not verified"); a signature header over
`MAX_SIGNATURE_HEADER` octets, a whitespace run over `MAX_WHITESPACE_RUN` (dkimpy's regular
expressions are quadratic on those), more than `MAX_SIGNED_HEADERS` names in h=, or h= names
times header fields over `MAX_HEADER_WORK` are not evaluated (neutral); a message over
`MAX_MESSAGE` octets is not verified; RSA keys over 8192 bits or with a public exponent over 64
bits are refused as invalid.

Time
----
``verify_dkim(..., deadline=)`` and ``verify_arc(..., deadline=)`` take the analysis's `Deadline`
(--budget; `mailpath.core.dns.sources.deadline_of`). With a deadline, or for a message over
`THREAD_THRESHOLD` octets, dkimpy runs in a daemon worker thread: the event loop keeps running, the
wait ends at the deadline, the worker checks it between signatures and its late results are dropped.
A signature not verified by then is neutral, "not evaluated: ran out of time (--budget)",
``limit.kind`` "budget"; the ARC chain likewise. What bounds the time is both: the limits above keep
each dkimpy call short (a bounded header section, at most `MAX_MESSAGE` of body), and the deadline
ends the wait whatever remains; a worker still inside one call ends by itself, and never holds the
process at exit.

Memory: dkimpy's relaxed body canonicalization (two ``re.sub`` over the whole body) peaks at
about 25 times the body's size; mailpath replaces those two functions of
``dkim.canonicalization`` with `strip_trailing_whitespace` and `compress_whitespace`, which
give the same bytes a megabyte at a time (a 31 MB signed message: 837 MB -> 128 MB).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import datetime
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

import dkim
import dkim.canonicalization
import idna
from dkim.crypto import UnparsableKeyError, parse_public_key

from mailpath.core.dns.sources import Answer, Deadline, DnsSource, Outcome
from mailpath.core.facts import LookupStatus, Severity, lookup_to_json
from mailpath.core.jsontypes import JsonObject, JsonValue
from mailpath.core.names import psl_registrable
from mailpath.core.sentences import Sentence, idna_reason, quoted
from mailpath.core.sentences import register as register_sentences

try:  # ed25519 keys need PyNaCl (dkimpy imports it the same way)
    import nacl.signing  # noqa: F401

    HAVE_ED25519 = True
except ImportError:  # pragma: no cover - PyNaCl is a dependency
    HAVE_ED25519 = False

DkimResultText = Literal["pass", "fail", "neutral", "temperror", "permerror"]
ArcResultText = Literal["none", "pass", "fail"]
KeyStatus = Literal["ok", "weak", "revoked", "missing", "invalid", "error"]
#: Why a signature did not pass, finer than its result (None on pass):
#: key-missing (NXDOMAIN/NODATA at s._domainkey.d), temperror (the key lookup timed out or
#: failed), body-changed (body hash mismatch), signature-mismatch (the signed headers changed
#: or the key does not match), expired (x= in the past), key-invalid (the key record is
#: malformed, revoked, too weak or not for this signature), permerror (the signature itself is
#: malformed or unsupported: a missing tag, an unknown algorithm, rsa-sha1, t= in the future),
#: not-evaluated (a mailpath limit or hostile input: see *Limits*).
DkimFailure = Literal[
    "key-missing",
    "temperror",
    "body-changed",
    "signature-mismatch",
    "expired",
    "key-invalid",
    "permerror",
    "not-evaluated",
]

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


@dataclass(frozen=True)
class DkimSignature:
    """One DKIM-Signature header field and what verifying it gave."""

    index: int  # 0 = the topmost DKIM-Signature
    domain: str  # d= ("" when absent)
    selector: str  # s= ("" when absent)
    algorithm: str  # a= ("" when absent)
    result: DkimResultText
    reason: str
    key_type: str | None = None  # "rsa" | "ed25519"
    key_bits: int | None = None
    aligned: bool = False  # relaxed alignment with the From domain (DMARC's default)
    aligned_relaxed: bool = False
    aligned_strict: bool = False
    body_length_limit: int | None = None  # l=: content past it is not covered
    headers_signed: tuple[str, ...] = ()
    identity: str | None = None  # i=
    timestamp: int | None = None  # t=
    expiration: int | None = None  # x=
    testing: bool = False  # the key record says t=y
    lookup: LookupStatus | None = None
    error: str | None = None
    failure: DkimFailure | None = None  # why it did not pass (None on pass)
    limit: LimitHit | None = None  # the mailpath limit that stopped it (failure not-evaluated)


@dataclass(frozen=True)
class ArcResult:
    result: ArcResultText
    instances: int
    reason: str
    lookups: tuple[LookupStatus, ...] = ()
    error: str | None = None
    limit: LimitHit | None = None  # the mailpath limit that stopped it (result fail)


@dataclass(frozen=True)
class DkimKey:
    """A published DKIM key record and what is wrong with it."""

    selector: str
    domain: str
    name: str  # SELECTOR._domainkey.DOMAIN
    record: str | None
    key_type: str | None
    key_bits: int | None
    status: KeyStatus
    error: str | None = None
    severity: Severity | None = None
    testing: bool = False
    lookup: LookupStatus | None = None


# ---------------------------------------------------------------- small helpers


def psl_org_domain(domain: str) -> str:
    """The registrable domain under the public suffix list (the domain itself if none)."""
    return psl_registrable(domain)


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


def parse_tag_list(text: str) -> dict[str, str]:
    """RFC 6376 3.2 tag=value list; raises ValueError naming the problem.

    Values keep their inner whitespace; a trailing ';' is allowed, an empty tag in the middle
    or a repeated tag is not.
    """
    tags: dict[str, str] = {}
    specs = text.split(";")
    if specs and not specs[-1].strip():
        specs.pop()
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip()
        if not sep:
            raise ValueError(f"{_short(spec.strip())!r} is not a tag=value pair")
        if not _TAG_NAME.match(name):
            raise ValueError(f"{_short(name)!r} is not a tag name")
        if name in tags:
            raise ValueError(f"the tag {name}= appears twice")
        tags[name] = value.strip()
    return tags


#: The reasons of DKIM and ARC results (and of the names they check) a person reads: template
#: key -> English template, rendered by `mailpath.core.sentences` (see there).
REASONS: dict[str, str] = {
    "what/the-dkim-selector": "the DKIM selector",
    "what/the-selector": "the selector",
    "what/the-domain": "the domain",
    "name/empty": "{what} is empty",
    "name/idna": "{what} {value} is not a valid name: {reason}",
    "name/invalid": "{what} {value} is not a valid DNS name",
    "dkim/key-not-found": "key not found at {name}",
    "dkim/key-timeout": "the key lookup for {name} timed out",
    "dkim/key-not-recorded": "the key lookup for {name} is not in the recording",
    "dkim/key-lookup-failed": "the key lookup for {name} failed: {outcome}",
    "dkim/malformed": "the signature is malformed: {detail}",
    "dkim/tag-missing": "the signature lacks the {tag}= tag",
    "dkim/version": "v={value} is not 1",
    "dkim/algorithm": "unknown signature algorithm a={algorithm}",
    "dkim/base64": "{tag}= is not valid base64",
    "dkim/identity-outside": "i={identity} is not within d={domain}",
    "dkim/query-method": "q={value} names no query method mailpath knows",
    "dkim/length": "l={value} is not a length",
    "dkim/timestamp": "{tag}={value} is not a timestamp",
    "dkim/from-unsigned": "h= does not include From, which must be signed",
    "dkim/too-many-headers": (
        "not evaluated: h= names {count} header fields; mailpath evaluates at most {limit}"
    ),
    "dkim/too-much-work": (
        "not evaluated: h= names {count} header fields and the message has "
        "{fields}; that is more work than mailpath allows"
    ),
    "dkim/expiry-before-signing": "x= (expiration) is before t= (signing time)",
    "dkim/expired": "signature expired at {time} (x=)",
    "dkim/future": "signature dated in the future: {time} (t=)",
    "dkim/rsa-sha1": "rsa-sha1 signatures are not accepted any more (RFC 8301)",
    "dkim/key-not-unique": "{count} TXT records at {name}; a key must be unique",
    "dkim/key-invalid": "the key record is not valid",
    "dkim/key-type": "the key at {name} is {key_type}, the signature {want}",
    "dkim/key-hash": "the key at {name} does not allow {algorithm} (h=)",
    "dkim/key-strict": "the key at {name} (t=s) requires i= to be exactly d=",
    "dkim/not-accepted": "not accepted: {detail}",
    "dkim/no-ed25519": "ed25519 signatures cannot be checked: PyNaCl is not installed",
    "dkim/body-hash": "body hash mismatch: the body changed after signing",
    "dkim/not-valid": "the signature is not valid: {detail}",
    "dkim/cannot-evaluate-detail": "the signature cannot be evaluated: {detail}",
    "dkim/cannot-evaluate": "the signature cannot be evaluated",
    "dkim/pass": "the signature verifies",
    "dkim/mismatch": (
        "signature verification failed: the signed headers changed or the key does not match"
    ),
    "dkim/header-malformed": "the message header section is malformed: {detail}",
    "dkim/not-evaluated": "not evaluated: {detail}",
    "limit/budget": "not evaluated: ran out of time (--budget)",
    "limit/header-block": (
        "not verified: the header block is {size} octets; mailpath hands dkimpy at most {maximum}"
    ),
    "limit/header-lines": (
        "not verified: the {header} header is folded over {size} continuation lines; "
        "mailpath hands dkimpy at most {maximum}"
    ),
    "limit/header-octets": (
        "not verified: the {header} header is {size} octets; mailpath hands dkimpy at most "
        "{maximum} per header field"
    ),
    "dkim/header-too-long": "the header is {size} octets; mailpath evaluates at most {limit}",
    "dkim/whitespace-run": ("the header holds a run of more than {limit} whitespace characters"),
    "dkim/message-too-large": (
        "not verified: the message is {size} octets; mailpath verifies at most {limit}"
    ),
    "dkim/too-many-signatures": "not verified: only the first {limit} signatures are checked",
    "key/tag-list": "the key record is not a valid tag list: {detail}",
    "key/v-first": "v= must be the first tag of the key record",
    "key/version": "v={value} is not DKIM1",
    "key/type": "unknown key type k={value}",
    "key/service": "the key is not for email (s={value})",
    "key/no-p": "the key record has no p= tag",
    "key/revoked": "key revoked (empty p=)",
    "key/base64": "the key record is not valid base64",
    "key/ed25519-size": "p= holds {size} octets; an ed25519 key has 32",
    "key/not-rsa": "p= is not an RSA public key",
    "key/rsa-too-large": "an RSA key of {bits} bits is over {limit}",
    "key/exponent": "the RSA key's public exponent is not usable",
    "key/rsa-too-small": (
        "the RSA key has {bits} bits; RFC 8301 requires at least 1024 (2048 advised)"
    ),
    "key/rsa-small": "the RSA key has {bits} bits; 2048 or more is advised",
    "arc/too-large": "not verified: the message is over {limit} octets",
    "arc/none": "the message carries no ARC set",
    "arc/field-malformed": "an ARC header field is malformed: {detail}",
    "arc/no-instance": "an ARC header field has no valid i= ({value})",
    "arc/signature-malformed": "an ARC signature is malformed: {detail}",
    "arc/pass": "the ARC chain verifies",
    "arc/fail": "the ARC chain does not verify: {detail}",
    "arc/fail-lookups": "the ARC chain does not verify: {detail}; {problems}",
}

_WHAT_NAMES = {
    "the DKIM selector": "what/the-dkim-selector",
    "the selector": "what/the-selector",
    "the domain": "what/the-domain",
}


def _dns_name(text: str, what: str) -> str:
    """A d= or s= value as the ASCII name DNS sees; raises ValueError, its one argument a
    `Sentence`."""
    what = Sentence(_WHAT_NAMES[what]) if what in _WHAT_NAMES else what
    name = text.strip().rstrip(".").lower()
    if not name:
        raise ValueError(Sentence("name/empty", what=what))
    if not name.isascii():
        try:
            name = idna.encode(name, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            reason = idna_reason(exc)
            value = quoted(_short(text))
            raise ValueError(Sentence("name/idna", what=what, value=value, reason=reason)) from None
    if len(name) > 253 or not all(_DNS_LABEL.match(label) for label in name.split(".")):
        raise ValueError(Sentence("name/invalid", what=what, value=quoted(_short(text))))
    return name


def parse_selector(text: str) -> str:
    """A DKIM selector as typed (`--dkim-selector`, the window's field); raises InputError."""
    from mailpath.core.names import InputError

    try:
        return _dns_name(text, "the DKIM selector")
    except ValueError as exc:
        raise InputError(exc.args[0]) from None


def _key_name(selector: str, domain: str) -> str:
    return f"{selector}._domainkey.{domain}"


def _strip_ws(value: str) -> str:
    return re.sub(r"\s+", "", value)


def _utc(ts: int) -> str:
    try:
        when = datetime.datetime.fromtimestamp(ts, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return str(ts)
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def _lookup_problem(answer: Answer, name: str) -> tuple[DkimResultText, str]:
    """The result and reason for a key query that gave no usable answer."""
    if answer.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        return "permerror", Sentence("dkim/key-not-found", name=name)
    if answer.outcome is Outcome.TIMEOUT:
        return "temperror", Sentence("dkim/key-timeout", name=name)
    if answer.outcome is Outcome.MISSING:
        return "temperror", Sentence("dkim/key-not-recorded", name=name)
    outcome = Sentence(f"outcome/{answer.outcome.value}")
    return "temperror", Sentence("dkim/key-lookup-failed", name=name, outcome=outcome)


# ---------------------------------------------------------------- key records


@dataclass(frozen=True)
class _KeyInfo:
    status: KeyStatus  # ok | weak | revoked | invalid
    error: str | None = None
    key_type: str | None = None
    key_bits: int | None = None
    severity: Severity | None = None
    testing: bool = False
    hashes: tuple[str, ...] | None = None  # h= of the key, None = any
    strict_identity: bool = False  # t=s


def parse_key_record(record: str) -> _KeyInfo:
    """Evaluate the text of a DKIM key record (RFC 6376 3.6.1, RFC 8301, RFC 8463)."""
    try:
        tags = parse_tag_list(record)
    except ValueError as exc:
        return _KeyInfo("invalid", Sentence("key/tag-list", detail=str(exc)))
    if "v" in tags:
        if next(iter(tags)) != "v":
            return _KeyInfo("invalid", Sentence("key/v-first"))
        if tags["v"] != "DKIM1":
            return _KeyInfo("invalid", Sentence("key/version", value=_short(tags["v"])))
    key_type = tags.get("k", "rsa").lower()
    flags = {f.strip().lower() for f in tags.get("t", "").split(":")}
    testing = "y" in flags
    hashes = None
    if "h" in tags:
        hashes = tuple(h.strip().lower() for h in tags["h"].split(":"))
    services = {s.strip().lower() for s in tags.get("s", "*").split(":")}

    def out(
        status: KeyStatus,
        error: str | None,
        key_type: str | None = key_type,
        bits: int | None = None,
        severity: Severity | None = None,
    ) -> _KeyInfo:
        return _KeyInfo(status, error, key_type, bits, severity, testing, hashes, "s" in flags)

    if key_type not in ("rsa", "ed25519"):
        return out("invalid", Sentence("key/type", value=_short(key_type)), None)
    if not services & {"*", "email"}:
        return out("invalid", Sentence("key/service", value=_short(tags["s"])), key_type)
    if "p" not in tags:
        return out("invalid", Sentence("key/no-p"), key_type)
    p = _strip_ws(tags["p"])
    if not p:
        return out("revoked", Sentence("key/revoked"), key_type)
    if len(p) % 4 or not _BASE64.match(p):
        return out("invalid", Sentence("key/base64"), key_type)
    try:
        data = base64.b64decode(p, validate=True)
    except (binascii.Error, ValueError):
        return out("invalid", Sentence("key/base64"), key_type)
    if key_type == "ed25519":
        if len(data) != 32:
            return out("invalid", Sentence("key/ed25519-size", size=len(data)), key_type)
        return out("ok", None, key_type, 256)
    try:
        pk = parse_public_key(data)
        modulus, exponent = int(pk["modulus"]), int(pk["publicExponent"])
    except (UnparsableKeyError, KeyError, IndexError, TypeError, ValueError, AttributeError):
        return out("invalid", Sentence("key/not-rsa"), key_type)
    except Exception:  # dkimpy's ASN.1 reader on hostile octets
        return out("invalid", Sentence("key/not-rsa"), key_type)
    bits = modulus.bit_length()
    if bits > MAX_RSA_BITS:
        return out(
            "invalid", Sentence("key/rsa-too-large", bits=bits, limit=MAX_RSA_BITS), key_type, bits
        )
    if exponent < 3 or exponent % 2 == 0 or exponent.bit_length() > MAX_EXPONENT_BITS:
        return out("invalid", Sentence("key/exponent"), key_type, bits)
    if bits < 2048:  # RFC 8301: under 1024 bits an error, under 2048 a warning
        small = "key/rsa-too-small" if bits < 1024 else "key/rsa-small"
        severity = Severity.ERROR if bits < 1024 else Severity.WARNING
        return out("weak", Sentence(small, bits=bits), key_type, bits, severity)
    return out("ok", None, key_type, bits)


async def check_dkim_key(source: DnsSource, selector: str, domain: str) -> DkimKey:
    """Check the key published at ``SELECTOR._domainkey.DOMAIN`` (see the module docstring)."""
    raw_name = _key_name(selector.strip().rstrip("."), domain.strip().rstrip("."))
    try:
        sel = _dns_name(selector, "the selector")
        dom = _dns_name(domain, "the domain")
    except ValueError as exc:
        return DkimKey(
            selector, domain, raw_name, None, None, None, "invalid", exc.args[0], Severity.ERROR
        )
    name = _key_name(sel, dom)
    answer = await source.query(name, "TXT")
    lookup = LookupStatus.of(answer)

    def key(
        status: KeyStatus,
        error: str | None,
        severity: Severity | None,
        record: str | None = None,
        info: _KeyInfo | None = None,
    ) -> DkimKey:
        return DkimKey(
            selector=sel,
            domain=dom,
            name=name,
            record=record,
            key_type=info.key_type if info else None,
            key_bits=info.key_bits if info else None,
            status=status,
            error=error,
            severity=severity,
            testing=info.testing if info else False,
            lookup=lookup,
        )

    if answer.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        return key("missing", f"no key at {name}: {answer.outcome.describe()}", Severity.ERROR)
    if not answer.ok:
        detail = f" ({answer.detail})" if answer.detail else ""
        return key("error", f"{answer.outcome.describe()}{detail}", Severity.ERROR)
    texts = answer.texts()
    if len(texts) != 1:
        return key(
            "invalid",
            f"{len(texts)} TXT records at {name}; a DKIM key must be the only one",
            Severity.ERROR,
            record=" | ".join(texts),
        )
    info = parse_key_record(texts[0])
    severity = info.severity
    if info.status in ("invalid",):
        severity = Severity.ERROR
    elif info.status == "revoked":
        severity = Severity.WARNING
    return key(info.status, info.error, severity, texts[0], info)


# ---------------------------------------------------------------- DKIM signatures


@dataclass
class _Plan:
    """One signature on its way: what was read from it, and its result once known."""

    index: int
    tags: dict[str, str]
    domain: str = ""
    selector: str = ""
    algorithm: str = ""
    qname: str | None = None  # the key to fetch, when the signature gets that far
    result: DkimResultText | None = None
    reason: str = ""
    error: str | None = None
    body_length_limit: int | None = None
    headers_signed: tuple[str, ...] = ()
    identity: str | None = None
    timestamp: int | None = None
    expiration: int | None = None
    key: _KeyInfo | None = None
    lookup: LookupStatus | None = None
    record: bytes | None = None
    failure: DkimFailure | None = None
    limit: LimitHit | None = None

    def end(
        self,
        result: DkimResultText,
        reason: str,
        error: str | None = None,
        failure: DkimFailure | None = None,
    ) -> None:
        self.result, self.reason, self.error = result, reason, error
        self.failure = None if result == "pass" else failure or _FAILURE_OF[result]


#: The failure a result stands for when no finer one is given.
_FAILURE_OF: dict[DkimResultText, DkimFailure] = {
    "fail": "signature-mismatch",
    "temperror": "temperror",
    "permerror": "permerror",
    "neutral": "not-evaluated",
}


def _hostile(value: bytes) -> Sentence | None:
    """Why a header value is not handed to dkimpy, or None."""
    if len(value) > MAX_SIGNATURE_HEADER:
        return Sentence("dkim/header-too-long", size=len(value), limit=MAX_SIGNATURE_HEADER)
    if _WS_RUN.search(value):
        return Sentence("dkim/whitespace-run", limit=MAX_WHITESPACE_RUN)
    return None


def _plan(index: int, value: bytes, header_count: int, now: float) -> _Plan:
    """Read one DKIM-Signature value and settle what can be settled without DNS."""
    plan = _Plan(index, {})
    try:
        plan.tags = tags = parse_tag_list(_decode(value))
    except ValueError as exc:
        plan.end("permerror", Sentence("dkim/malformed", detail=str(exc)))
        return plan
    plan.domain = _short(printable(tags.get("d", "")))
    plan.selector = _short(printable(tags.get("s", "")))
    plan.algorithm = _short(printable(tags.get("a", "").lower()))
    names = [h.strip().lower() for h in tags.get("h", "").split(":")] if "h" in tags else []
    plan.headers_signed = tuple(_short(h) for h in names[:MAX_SIGNED_HEADERS])
    plan.identity = _short(tags["i"]) if "i" in tags else None

    for required in ("v", "a", "b", "bh", "d", "h", "s"):
        if required not in tags:
            plan.end("permerror", Sentence("dkim/tag-missing", tag=required))
            return plan
    if tags["v"] != "1":
        plan.end("permerror", Sentence("dkim/version", value=_short(tags["v"])))
        return plan
    if plan.algorithm not in _SIG_ALGORITHMS:
        plan.end("permerror", Sentence("dkim/algorithm", algorithm=plan.algorithm))
        return plan
    for tag in ("b", "bh"):
        text = _strip_ws(tags[tag])
        if not text or len(text) % 4 or not _BASE64.match(text):
            plan.end("permerror", Sentence("dkim/base64", tag=tag))
            return plan
    try:
        domain = _dns_name(tags["d"], "d=")
        selector = _dns_name(tags["s"], "s=")
    except ValueError as exc:
        plan.end("permerror", str(exc))
        return plan
    plan.domain, plan.selector = domain, selector
    if "i" in tags:
        at = tags["i"].rpartition("@")
        i_domain = at[2].strip().rstrip(".").lower()
        if not at[1] or not (i_domain == domain or i_domain.endswith("." + domain)):
            plan.end(
                "permerror",
                Sentence("dkim/identity-outside", identity=plan.identity, domain=domain),
            )
            return plan
    if "q" in tags and "dns/txt" not in [q.strip().lower() for q in tags["q"].split(":")]:
        plan.end("permerror", Sentence("dkim/query-method", value=_short(tags["q"])))
        return plan
    if "l" in tags:
        if not _DIGITS.match(tags["l"]) or len(tags["l"]) > 76:
            plan.end("permerror", Sentence("dkim/length", value=_short(tags["l"])))
            return plan
        plan.body_length_limit = int(tags["l"])
    for tag in ("t", "x"):
        if tag in tags:
            if not _DIGITS.match(tags[tag]):
                plan.end("permerror", Sentence("dkim/timestamp", tag=tag, value=_short(tags[tag])))
                return plan
            setattr(plan, "timestamp" if tag == "t" else "expiration", int(tags[tag]))
    if "from" not in names:
        plan.end("permerror", Sentence("dkim/from-unsigned"))
        return plan
    if len(names) > MAX_SIGNED_HEADERS:
        plan.end(
            "neutral",
            Sentence("dkim/too-many-headers", count=len(names), limit=MAX_SIGNED_HEADERS),
        )
        return plan
    if len(names) * max(header_count, 1) > MAX_HEADER_WORK:
        plan.end(
            "neutral",
            Sentence("dkim/too-much-work", count=len(names), fields=header_count),
        )
        return plan
    if (
        plan.expiration is not None
        and plan.timestamp is not None
        and plan.expiration < plan.timestamp
    ):
        plan.end("permerror", Sentence("dkim/expiry-before-signing"))
        return plan
    if plan.expiration is not None and plan.expiration < now - CLOCK_SLACK:
        plan.end(
            "permerror",
            Sentence("dkim/expired", time=_utc(plan.expiration)),
            failure="expired",
        )
        return plan
    if plan.timestamp is not None and plan.timestamp > now + CLOCK_SLACK:
        plan.end(
            "permerror",
            Sentence("dkim/future", time=_utc(plan.timestamp)),
            failure="permerror",
        )
        return plan
    if plan.algorithm == "rsa-sha1":
        plan.end(
            "neutral",
            Sentence("dkim/rsa-sha1"),
            failure="permerror",
        )
        return plan
    plan.qname = _key_name(selector, domain)
    return plan


def _apply_key(plan: _Plan, answer: Answer) -> None:
    """Judge the fetched key; leaves `plan.record` set when dkimpy must verify."""
    assert plan.qname is not None
    plan.lookup = LookupStatus.of(answer)
    name = plan.qname
    if not answer.ok:
        result, reason = _lookup_problem(answer, name)
        missing: DkimFailure = "key-missing" if result == "permerror" else "temperror"
        plan.end(result, reason, answer.detail or answer.outcome.describe(), missing)
        return
    bad_key: DkimFailure = "key-invalid"
    if len(answer.records) != 1:
        plan.end(
            "permerror",
            Sentence("dkim/key-not-unique", count=len(answer.records), name=name),
            failure=bad_key,
        )
        return
    record = b"".join(answer.records[0])
    info = parse_key_record(_decode(record))
    plan.key = info
    if info.status in ("invalid", "revoked"):
        plan.end("permerror", info.error or Sentence("dkim/key-invalid"), failure=bad_key)
        return
    want = "ed25519" if plan.algorithm.startswith("ed25519") else "rsa"
    if info.key_type != want:
        plan.end(
            "permerror",
            Sentence("dkim/key-type", name=name, key_type=info.key_type, want=want),
            failure=bad_key,
        )
        return
    if info.hashes is not None and plan.algorithm.rpartition("-")[2] not in info.hashes:
        plan.end(
            "permerror",
            Sentence("dkim/key-hash", name=name, algorithm=plan.algorithm),
            failure=bad_key,
        )
        return
    if (
        info.strict_identity
        and plan.identity is not None
        and plan.identity.rpartition("@")[2].lower().rstrip(".") != plan.domain
    ):
        plan.end(
            "permerror",
            Sentence("dkim/key-strict", name=name),
            failure=bad_key,
        )
        return
    if info.status == "weak" and info.severity is Severity.ERROR:
        plan.end("neutral", Sentence("dkim/not-accepted", detail=info.error), failure=bad_key)
        return
    if want == "ed25519" and not HAVE_ED25519:  # pragma: no cover - PyNaCl is a dependency
        plan.end("neutral", Sentence("dkim/no-ed25519"))
        return
    plan.record = record


def _run_dkimpy(verifier: dkim.DKIM, plan: _Plan) -> None:
    """dkimpy's verification of one signature, its key already fetched."""
    record = plan.record

    def dnsfunc(name: bytes, timeout: float = 5) -> bytes | None:
        return record

    try:
        ok = verifier.verify(idx=plan.index, dnsfunc=dnsfunc)
    except dkim.ValidationError as exc:
        text = str(exc)
        if text.startswith("body hash mismatch"):
            plan.end(
                "fail",
                Sentence("dkim/body-hash"),
                _short(text),
                "body-changed",
            )
        else:
            plan.end("permerror", Sentence("dkim/not-valid", detail=_short(text)), _short(text))
        return
    except dkim.DKIMException as exc:
        plan.end("permerror", Sentence("dkim/cannot-evaluate-detail", detail=_short(str(exc))))
        return
    except Exception as exc:  # dkimpy on hostile input: report, never a traceback
        plan.end(
            "permerror",
            Sentence("dkim/cannot-evaluate"),
            _short(f"{type(exc).__name__}: {exc}"),
        )
        return
    if ok:
        plan.end("pass", Sentence("dkim/pass"))
    else:
        plan.end(
            "fail",
            Sentence("dkim/mismatch"),
        )


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

    def commit(self, plan: _Plan, done: _Plan) -> None:
        with self.lock:
            if not self.stopped:
                plan.result, plan.reason, plan.error = done.result, done.reason, done.error
                plan.failure = done.failure

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


async def _fetch(source: DnsSource, names: Iterable[str]) -> dict[str, Answer]:
    unique = list(dict.fromkeys(names))
    answers = await asyncio.gather(*(source.query(n, "TXT") for n in unique))
    return dict(zip(unique, answers, strict=True))


def _aligned(domain: str, from_domain: str | None, org: Callable[[str], str]) -> tuple[bool, bool]:
    if not from_domain or not domain:
        return False, False
    frm = from_domain.rpartition("@")[2].strip().rstrip(".").lower()
    if not frm.isascii():
        try:
            frm = idna.encode(frm, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError):
            return False, False
    strict = domain == frm
    try:
        relaxed = strict or org(domain).lower() == org(frm).lower()
    except Exception:  # an injected function failing is no reason to fail the report
        relaxed = strict
    return relaxed, strict


async def verify_dkim(
    source: DnsSource,
    message: bytes,
    from_domain: str | None,
    *,
    org_domain: Callable[[str], str] = psl_org_domain,
    deadline: Deadline | None = None,
) -> tuple[DkimSignature, ...]:
    """Verify every DKIM-Signature of `message` (see the module docstring). `deadline`: the
    analysis's time (--budget); signatures still unverified when it passes are neutral,
    "not evaluated: ran out of time (--budget)"."""
    message = bytes(message)
    too_large = len(message) > MAX_MESSAGE
    section = _read_section(message)
    if section.headers is None:
        limit = section.limit
        if limit is not None:
            reason, result = limit.reason(), "neutral"
        else:
            reason = Sentence("dkim/header-malformed", detail=section.malformed)
            result = "permerror"
        plans = [
            _plan_failed(i, v[:MAX_SIGNATURE_HEADER], result, reason, limit)  # type: ignore[arg-type]
            for i, v in enumerate(section.signatures)
        ]
        return tuple(_finish(p, from_domain, org_domain) for p in plans)
    headers = section.headers
    values = list(section.signatures)
    now = time.time()
    plans = []
    for i, value in enumerate(values):
        hostile = _hostile(value)
        if hostile is not None:
            plans.append(
                _plan_failed(
                    i, value[:4096], "neutral", Sentence("dkim/not-evaluated", detail=hostile)
                )
            )
        elif too_large:
            plans.append(
                _plan_failed(
                    i,
                    value,
                    "neutral",
                    Sentence("dkim/message-too-large", size=len(message), limit=MAX_MESSAGE),
                )
            )
        elif i >= MAX_SIGNATURES:
            plans.append(
                _plan_failed(
                    i,
                    value,
                    "neutral",
                    Sentence("dkim/too-many-signatures", limit=MAX_SIGNATURES),
                )
            )
        else:
            plans.append(_plan(i, value, len(headers), now))
    pending = [p for p in plans if p.result is None and p.qname is not None]
    answers = await _fetch(source, (p.qname for p in pending if p.qname))
    for plan in pending:
        assert plan.qname is not None
        _apply_key(plan, answers[plan.qname])
    to_verify = [p for p in plans if p.result is None and p.record is not None]
    if to_verify:
        guard = _Guard(deadline)
        if deadline is not None or len(message) > THREAD_THRESHOLD:
            await _in_worker(lambda: _verify_all(message, to_verify, guard), guard)
        else:
            _verify_all(message, to_verify, guard)
        guard.stop()  # whatever the worker had not finished is not evaluated
        budget = guard.budget()
        for plan in to_verify:
            if plan.result is None:
                plan.end("neutral", budget.reason())
                plan.limit = budget
    return tuple(_finish(p, from_domain, org_domain) for p in plans)


def _verify_all(message: bytes, plans: list[_Plan], guard: _Guard) -> None:
    """dkimpy's verification of `plans`, one after the other while the guard allows; each
    result is committed through the guard (in a worker thread, see `_in_worker`)."""
    if guard.over():
        return
    try:
        verifier = dkim.DKIM(message, minkey=1024)
    except Exception as exc:  # the section was read once already; kept for safety
        for plan in plans:
            done = _Plan(plan.index, plan.tags)
            done.end("permerror", "the message cannot be read", _short(str(exc)))
            guard.commit(plan, done)
        return
    for plan in plans:
        if guard.over():
            return
        done = _Plan(plan.index, plan.tags, record=plan.record)
        _run_dkimpy(verifier, done)
        guard.commit(plan, done)


_RAW_SIG = re.compile(rb"^dkim-signature[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.I | re.M)


def _raw_signature_values(message: bytes, end: int) -> tuple[bytes, ...]:
    """The DKIM-Signature values of the header section `message[:end]` found by a linear
    scan (no copy of the section), each cut to `MAX_SIGNATURE_HEADER` octets."""
    return tuple(
        message[m.start(1) : min(m.end(1), m.start(1) + MAX_SIGNATURE_HEADER)]
        for m in _RAW_SIG.finditer(message, 0, end)
    )


def _plan_failed(
    index: int,
    value: bytes,
    result: DkimResultText,
    reason: str,
    limit: LimitHit | None = None,
) -> _Plan:
    """A signature that is not verified: keep what it says about itself, if readable."""
    try:
        tags = parse_tag_list(_decode(value[:MAX_SIGNATURE_HEADER]))
    except ValueError:
        tags = {}
    plan = _Plan(index, {})
    plan.domain = _short(printable(tags.get("d", "").lower()))
    plan.selector = _short(printable(tags.get("s", "").lower()))
    plan.algorithm = _short(printable(tags.get("a", "").lower()))
    plan.end(result, reason)
    plan.limit = limit
    return plan


def _finish(plan: _Plan, from_domain: str | None, org: Callable[[str], str]) -> DkimSignature:
    relaxed, strict = _aligned(plan.domain, from_domain, org)
    key = plan.key
    assert plan.result is not None
    return DkimSignature(
        index=plan.index,
        domain=plan.domain,
        selector=plan.selector,
        algorithm=plan.algorithm,
        result=plan.result,
        reason=plan.reason,
        key_type=key.key_type if key else None,
        key_bits=key.key_bits if key else None,
        aligned=relaxed,
        aligned_relaxed=relaxed,
        aligned_strict=strict,
        body_length_limit=plan.body_length_limit,
        headers_signed=plan.headers_signed,
        identity=plan.identity,
        timestamp=plan.timestamp,
        expiration=plan.expiration,
        testing=key.testing if key else False,
        lookup=plan.lookup,
        error=plan.error,
        failure=plan.failure,
        limit=plan.limit,
    )


# ---------------------------------------------------------------- ARC


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
    answers = await _fetch(source, names)
    lookups = tuple(LookupStatus.of(a) for a in answers.values())
    records = {
        name: b"".join(a.records[0]) for name, a in answers.items() if a.ok and len(a.records) == 1
    }

    def dnsfunc(name: bytes, timeout: float = 5) -> bytes | None:
        try:
            text = _decode(name).strip().rstrip(".").lower()
            sel, _, dom = text.partition("._domainkey.")
            key = _key_name(_dns_name(sel, "s="), _dns_name(dom, "d="))
        except ValueError:
            return None
        return records.get(key)

    guard = _Guard(deadline)
    outcome: list[tuple[object, str]] = []  # (dkimpy's CV_ value, reason)

    def run() -> None:
        if guard.over():
            return
        try:
            cv, _data, reason = dkim.ARC(message, minkey=1024).verify(dnsfunc=dnsfunc)
            found = (cv, str(reason))
        except Exception as exc:  # dkimpy on hostile input
            found = (dkim.CV_Fail, _short(f"{type(exc).__name__}: {exc}"))
        with guard.lock:
            if not guard.stopped:
                outcome.append(found)

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


# ---------------------------------------------------------------- JSON


def _lookup_json(lookup: LookupStatus | None) -> JsonObject | None:
    return None if lookup is None else lookup_to_json(lookup)


def dkim_signature_to_json(sig: DkimSignature) -> JsonObject:
    return {
        "domain": sig.domain,
        "selector": sig.selector,
        "algorithm": sig.algorithm,
        "result": sig.result,
        "reason": sig.reason,
        "key_bits": sig.key_bits,
        "aligned": sig.aligned,
        "body_length_limit": sig.body_length_limit,
        "index": sig.index,
        "key_type": sig.key_type,
        "aligned_strict": sig.aligned_strict,
        "headers_signed": list(sig.headers_signed),
        "identity": sig.identity,
        "timestamp": sig.timestamp,
        "expiration": sig.expiration,
        "testing": sig.testing,
        "lookup": _lookup_json(sig.lookup),
        "error": sig.error,
        "failure": sig.failure,
        "limit": limit_to_json(sig.limit),
    }


def dkim_key_to_json(key: DkimKey) -> JsonObject:
    return {
        "selector": key.selector,
        "name": key.name,
        "record": key.record,
        "key_type": key.key_type,
        "key_bits": key.key_bits,
        "status": key.status,
        "error": key.error,
        "domain": key.domain,
        "severity": key.severity.value if key.severity else None,
        "testing": key.testing,
        "lookup": _lookup_json(key.lookup),
    }


def arc_result_to_json(arc: ArcResult) -> JsonObject:
    return {
        "result": arc.result,
        "instances": arc.instances,
        "reason": arc.reason,
        "lookups": [_lookup_json(lk) for lk in arc.lookups],
        "error": arc.error,
        "limit": limit_to_json(arc.limit),
    }


__all__ = [
    "CLOCK_SLACK",
    "MAX_FOLDED_LINES",
    "MAX_HEADER_BLOCK",
    "MAX_HEADER_FIELD",
    "MAX_SIGNATURES",
    "ArcResult",
    "DkimFailure",
    "DkimKey",
    "DkimSignature",
    "LimitHit",
    "LimitKind",
    "arc_result_to_json",
    "check_dkim_key",
    "dkim_key_to_json",
    "dkim_signature_to_json",
    "limit_from_json",
    "limit_to_json",
    "parse_key_record",
    "parse_selector",
    "parse_tag_list",
    "printable",
    "psl_org_domain",
    "verify_arc",
    "verify_dkim",
]


register_sentences(REASONS)
