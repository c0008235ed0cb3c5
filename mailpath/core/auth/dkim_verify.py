"""Verifying a message's DKIM signatures (RFC 6376) with dkimpy, every key fetched through the
run's `DnsSource` first: `verify_dkim` (see `mailpath.core.auth.dkim` for the results, the
limits and the time)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

import dkim
import idna

from mailpath.core.auth.dkim import (
    HAVE_ED25519,
    DkimSignature,
    _KeyInfo,
    parse_key_record,
    psl_org_domain,
)
from mailpath.core.auth.dkim_limits import (
    _BASE64,
    _DIGITS,
    _SIG_ALGORITHMS,
    CLOCK_SLACK,
    MAX_HEADER_WORK,
    MAX_MESSAGE,
    MAX_SIGNATURE_HEADER,
    MAX_SIGNATURES,
    MAX_SIGNED_HEADERS,
    THREAD_THRESHOLD,
    LimitHit,
    _decode,
    _Guard,
    _hostile,
    _in_worker,
    _read_section,
    _short,
    printable,
)
from mailpath.core.auth.dkim_tags import (
    DkimFailure,
    DkimResultText,
    _dns_name,
    _fetch,
    _key_name,
    _lookup_problem,
    _strip_ws,
    _utc,
    parse_tag_list,
)
from mailpath.core.dns.sources import Answer, Deadline, DnsSource
from mailpath.core.facts import LookupStatus, Severity
from mailpath.core.sentences import Sentence


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
    if _malformed(plan, tags) or _refused(plan, names, header_count, now):
        return plan
    plan.qname = _key_name(plan.selector, plan.domain)
    return plan


def _malformed(plan: _Plan, tags: dict[str, str]) -> bool:
    """End `plan` if its tags break RFC 6376 3.5 (a tag missing or malformed); True if so."""
    for required in ("v", "a", "b", "bh", "d", "h", "s"):
        if required not in tags:
            plan.end("permerror", Sentence("dkim/tag-missing", tag=required))
            return True
    if tags["v"] != "1":
        plan.end("permerror", Sentence("dkim/version", value=_short(tags["v"])))
        return True
    if plan.algorithm not in _SIG_ALGORITHMS:
        plan.end("permerror", Sentence("dkim/algorithm", algorithm=plan.algorithm))
        return True
    for tag in ("b", "bh"):
        text = _strip_ws(tags[tag])
        if not text or len(text) % 4 or not _BASE64.match(text):
            plan.end("permerror", Sentence("dkim/base64", tag=tag))
            return True
    try:
        domain = _dns_name(tags["d"], "d=")
        selector = _dns_name(tags["s"], "s=")
    except ValueError as exc:
        plan.end("permerror", str(exc))
        return True
    plan.domain, plan.selector = domain, selector
    if "i" in tags:
        at = tags["i"].rpartition("@")
        i_domain = at[2].strip().rstrip(".").lower()
        if not at[1] or not (i_domain == domain or i_domain.endswith("." + domain)):
            plan.end(
                "permerror",
                Sentence("dkim/identity-outside", identity=plan.identity, domain=domain),
            )
            return True
    if "q" in tags and "dns/txt" not in [q.strip().lower() for q in tags["q"].split(":")]:
        plan.end("permerror", Sentence("dkim/query-method", value=_short(tags["q"])))
        return True
    if "l" in tags:
        if not _DIGITS.match(tags["l"]) or len(tags["l"]) > 76:
            plan.end("permerror", Sentence("dkim/length", value=_short(tags["l"])))
            return True
        plan.body_length_limit = int(tags["l"])
    for tag in ("t", "x"):
        if tag in tags:
            if not _DIGITS.match(tags[tag]):
                plan.end("permerror", Sentence("dkim/timestamp", tag=tag, value=_short(tags[tag])))
                return True
            setattr(plan, "timestamp" if tag == "t" else "expiration", int(tags[tag]))
    return False


def _refused(plan: _Plan, names: list[str], header_count: int, now: float) -> bool:
    """End `plan` if it is not to be verified (From unsigned, over a limit, expired, dated in
    the future, rsa-sha1); True if so."""
    if "from" not in names:
        plan.end("permerror", Sentence("dkim/from-unsigned"))
        return True
    if len(names) > MAX_SIGNED_HEADERS:
        plan.end(
            "neutral",
            Sentence("dkim/too-many-headers", count=len(names), limit=MAX_SIGNED_HEADERS),
        )
        return True
    if len(names) * max(header_count, 1) > MAX_HEADER_WORK:
        plan.end(
            "neutral",
            Sentence("dkim/too-much-work", count=len(names), fields=header_count),
        )
        return True
    if (
        plan.expiration is not None
        and plan.timestamp is not None
        and plan.expiration < plan.timestamp
    ):
        plan.end("permerror", Sentence("dkim/expiry-before-signing"))
        return True
    if plan.expiration is not None and plan.expiration < now - CLOCK_SLACK:
        plan.end(
            "permerror",
            Sentence("dkim/expired", time=_utc(plan.expiration)),
            failure="expired",
        )
        return True
    if plan.timestamp is not None and plan.timestamp > now + CLOCK_SLACK:
        plan.end(
            "permerror",
            Sentence("dkim/future", time=_utc(plan.timestamp)),
            failure="permerror",
        )
        return True
    if plan.algorithm == "rsa-sha1":
        plan.end(
            "neutral",
            Sentence("dkim/rsa-sha1"),
            failure="permerror",
        )
        return True
    return False


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
            guard.commit(functools.partial(_take, plan, done))
        return
    for plan in plans:
        if guard.over():
            return
        done = _Plan(plan.index, plan.tags, record=plan.record)
        _run_dkimpy(verifier, done)
        guard.commit(functools.partial(_take, plan, done))


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


def _take(plan: _Plan, done: _Plan) -> None:
    """A worker's result for `plan` (see `_Guard.commit`)."""
    plan.result, plan.reason, plan.error = done.result, done.reason, done.error
    plan.failure = done.failure
