"""DKIM's words: the result and failure names, RFC 6376 tag lists, d= and s= as DNS names, and the
reasons a person reads (`REASONS`, template keys rendered by `mailpath.core.sentences`)."""

from __future__ import annotations

import asyncio
import datetime
import re
from collections.abc import Iterable
from typing import Literal

import idna

from mailpath.core.auth.dkim_limits import _DNS_LABEL, _TAG_NAME, _short
from mailpath.core.dns.sources import Answer, DnsSource, Outcome
from mailpath.core.sentences import Sentence, idna_reason, quoted
from mailpath.core.sentences import register as register_sentences

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


async def _fetch(source: DnsSource, names: Iterable[str]) -> dict[str, Answer]:
    unique = list(dict.fromkeys(names))
    answers = await asyncio.gather(*(source.query(n, "TXT") for n in unique))
    return dict(zip(unique, answers, strict=True))


register_sentences(REASONS)
