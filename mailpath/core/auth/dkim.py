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
This module holds the results, published keys and JSON; `verify_dkim` lives in
`mailpath.core.auth.dkim_verify`, `verify_arc` in `mailpath.core.auth.arc`, the limits and the
worker thread in `mailpath.core.auth.dkim_limits`, tag lists and reasons in
`mailpath.core.auth.dkim_tags`.

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

import base64
import binascii
from dataclasses import dataclass

from dkim.crypto import UnparsableKeyError, parse_public_key

from mailpath.core.auth.dkim_limits import (
    _BASE64,
    CANON_CHUNK,
    CLOCK_SLACK,
    MAX_EXPONENT_BITS,
    MAX_FOLDED_LINES,
    MAX_HEADER_BLOCK,
    MAX_HEADER_FIELD,
    MAX_RSA_BITS,
    MAX_SIGNATURES,
    LimitHit,
    LimitKind,
    _short,
    compress_whitespace,
    limit_from_json,
    limit_to_json,
    printable,
    strip_trailing_whitespace,
)
from mailpath.core.auth.dkim_tags import (
    REASONS,
    ArcResultText,
    DkimFailure,
    DkimResultText,
    KeyStatus,
    _dns_name,
    _key_name,
    _strip_ws,
    parse_selector,
    parse_tag_list,
)
from mailpath.core.dns.sources import DnsSource, Outcome
from mailpath.core.facts import LookupStatus, Severity, lookup_to_json
from mailpath.core.jsontypes import JsonObject
from mailpath.core.names import psl_registrable
from mailpath.core.sentences import Sentence

try:  # ed25519 keys need PyNaCl (dkimpy imports it the same way)
    import nacl.signing  # noqa: F401

    HAVE_ED25519 = True
except ImportError:  # pragma: no cover - PyNaCl is a dependency
    HAVE_ED25519 = False


# ---------------------------------------------------------------- results


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
    "CANON_CHUNK",
    "CLOCK_SLACK",
    "HAVE_ED25519",
    "MAX_FOLDED_LINES",
    "MAX_HEADER_BLOCK",
    "MAX_HEADER_FIELD",
    "MAX_SIGNATURES",
    "REASONS",
    "ArcResult",
    "ArcResultText",
    "DkimFailure",
    "DkimKey",
    "DkimResultText",
    "DkimSignature",
    "LimitHit",
    "LimitKind",
    "arc_result_to_json",
    "check_dkim_key",
    "compress_whitespace",
    "dkim_key_to_json",
    "dkim_signature_to_json",
    "limit_from_json",
    "limit_to_json",
    "parse_key_record",
    "parse_selector",
    "parse_tag_list",
    "printable",
    "psl_org_domain",
    "strip_trailing_whitespace",
]
