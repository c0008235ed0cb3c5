"""Saved analyses: the inputs and every DNS question and answer, as versioned JSON.

Format (`"format": "mailpath-analysis"`, `"version": 1`)::

    {
      "format": "mailpath-analysis",
      "version": 1,
      "tool": "mailpath 0.1.0",
      "created": "2026-11-27T18:00:00+00:00",     # when the live analysis started (UTC)
      "inputs": {"sender": "ts.skr.jp", "recipient": "gmail.com", "via": "www274.sakura.ne.jp"},
      "resolver": ["127.0.0.1:53"],                 # where the answers came from
      "resolver_kind": "udp",                       # system | udp | doh | dot (optional)
      "queries": [                                  # one entry per question asked
        {"name": "gmail.com", "type": "MX", "outcome": "ok",
         "records": [[5, "gmail-smtp-in.l.google.com"], ...], "elapsed_us": 12500,
         "ttl": 300, "authoritative": false,       # ttl: null when unknown; both optional
         "canonical": "...", "detail": "..."},     # canonical/detail only when set
        ...
      ]
    }

`outcome` is one of ok, nxdomain, nodata, timeout, servfail, refused, error. Records are typed
by `type`: A/AAAA address strings, MX `[preference, exchange]`, TXT/SPF a list of the
record's character-strings (each byte as one Latin-1 code point), PTR/CNAME/NS a name.
Readers must reject a `version` they do not know.

A recording may come from someone else, so `open_recording` validates all of it before any of
it is used (structure, types, names, addresses, sizes) and rejects it with one `RecordingError`
whose text names the file and what is wrong. Limits: the file at most 16 MiB, at most 20,000
queries, 4,096 records per answer, 256 character-strings of at most 255 octets per TXT record.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NoReturn, get_args

import dns.exception
import dns.name

from mailpath import __version__
from mailpath.core.auth.dkim import (
    ArcResult,
    DkimFailure,
    DkimSignature,
    arc_result_to_json,
    dkim_signature_to_json,
    limit_from_json,
)
from mailpath.core.dns.sources import (
    Answer,
    Outcome,
    RecordValue,
    ResolverKind,
    answer_to_json,
    normalize_qname,
)
from mailpath.core.jsontypes import JsonObject, JsonValue
from mailpath.core.message.check import MessageInput
from mailpath.core.message.parse import message_from_json_headers, message_to_json_headers
from mailpath.core.model import LookupStatus, MessageInfo
from mailpath.core.names import InputError, parse_party, parse_sending_host
from mailpath.core.transport import TransportInfo
from mailpath.core.transport import record as transport_record

FORMAT = "mailpath-analysis"
VERSION = 1

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_QUERIES = 20_000
MAX_RECORDS = 4_096
MAX_TXT_STRINGS = 256
MAX_TXT_STRING = 255
#: A name as it was asked; it need not be a valid DNS name (then its outcome is "error").
MAX_ASKED_NAME = 1_024
MAX_TEXT = 2_000
MAX_RESOLVERS = 64
MAX_SELECTORS = 32
MAX_SIGNATURES = 200
MAX_ELAPSED_US = 24 * 3_600 * 1_000_000
MAX_TTL = 2**31 - 1  # RFC 2181 8

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_RDTYPE = re.compile(r"[A-Z][A-Z0-9]{0,9}")
_NAME_TYPES = frozenset({"PTR", "CNAME", "NS"})


class RecordingError(InputError):
    """A saved analysis that cannot be read; str() is the message for the user."""


class _Damaged(Exception):
    """What is wrong inside a recording (the caller adds the file's name)."""


@dataclass(frozen=True)
class Recording:
    sender: str
    recipient: str
    via: str | None
    created: str
    resolver: tuple[str, ...]
    answers: tuple[Answer, ...]
    #: A received message's header block (never its body) and its DKIM/ARC results as
    #: verified when the analysis was made; None for an analysis without a message.
    message: MessageInput | None = None
    dkim_selectors: tuple[str, ...] = ()
    resolver_kind: ResolverKind | None = None
    #: The transport facts that are not DNS answers (core.transport.record); None if absent.
    transport: TransportInfo | None = None


def save_recording(
    path: str | os.PathLike[str],
    *,
    sender: str,
    recipient: str,
    via: str | None,
    created: str,
    resolver: Iterable[str],
    answers: Iterable[Answer],
    message: MessageInfo | None = None,
    dkim_selectors: Iterable[str] = (),
    resolver_kind: ResolverKind | None = None,
    transport: TransportInfo | None = None,
) -> None:
    """Write atomically (a `.tmp` beside it, then a rename).

    Raises OSError whose `filename` is `path` itself (never the temporary file), so that
    "cannot write {filename}: {strerror}" names what the user asked for.
    """
    data: JsonObject = {
        "format": FORMAT,
        "version": VERSION,
        "tool": f"mailpath {__version__}",
        "created": created,
        "inputs": {"sender": sender, "recipient": recipient, "via": via},
        "resolver": list(resolver),
        "queries": [answer_to_json(a) for a in answers],
    }
    selectors = list(dkim_selectors)
    if selectors:
        data["dkim_selectors"] = selectors
    if message is not None:
        # The header block and the results, never the body (privacy: the README says so).
        data["message"] = {
            **message_to_json_headers(message.parsed),
            "dkim": [dkim_signature_to_json(sig) for sig in message.dkim],
            "arc": arc_result_to_json(message.arc) if message.arc else None,
        }
    if resolver_kind is not None:
        data["resolver_kind"] = resolver_kind
    if transport is not None and transport.checked:
        data["transport"] = transport_record.to_record(transport)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise OSError(exc.errno, reason, os.fspath(path)) from exc


def open_recording(path: str | os.PathLike[str]) -> Recording:
    """Read and validate a saved analysis; RecordingError (one sentence) if it is unusable."""
    where = os.fspath(path)
    data = _load_json(where)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordingError("recording/not-mailpath", path=where)
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise RecordingError("recording/version", path=where, found=_show(version), version=VERSION)
    try:
        return _recording(data)
    except _Damaged as exc:
        raise RecordingError("recording/damaged", path=where, reason=exc.args[0]) from None


# ---------------------------------------------------------------- reading


def _load_json(where: str) -> JsonValue:
    try:
        info = os.stat(where)
        if stat.S_ISDIR(info.st_mode):
            raise RecordingError("recording/folder", path=where)
        if not stat.S_ISREG(info.st_mode):
            raise RecordingError("recording/not-regular", path=where)
        if info.st_size > MAX_FILE_BYTES:
            raise RecordingError(
                "recording/too-large-stat",
                path=where,
                size=f"{info.st_size:,}",
                limit=f"{MAX_FILE_BYTES:,}",
            )
        with open(where, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise RecordingError("recording/missing", path=where) from None
    except OSError as exc:
        raise RecordingError(
            "recording/cannot-read", path=where, reason=str(exc.strerror or exc)
        ) from None
    except ValueError as exc:  # an embedded NUL in the path
        raise RecordingError("recording/cannot-read", path=repr(where), reason=str(exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RecordingError("recording/too-large", path=where, limit=f"{MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordingError("recording/not-utf8", path=where, offset=exc.start) from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise RecordingError("recording/not-json", path=where, reason=exc.msg) from None
    except RecursionError:
        raise RecordingError("recording/too-deep", path=where) from None
    except ValueError as exc:  # NaN/Infinity, integers too long to convert
        raise RecordingError("recording/bad-value", path=where, reason=str(exc)) from None


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def _recording(data: JsonObject) -> Recording:
    if "tool" in data:
        _text(data["tool"], "tool", 200)
    created = _text(data.get("created"), "created", 64)
    try:
        datetime.fromisoformat(created)
    except ValueError:
        raise _Damaged(f"created {_show(created)} is not a date and time") from None

    inputs = data.get("inputs")
    if not isinstance(inputs, dict):
        raise _Damaged("inputs are missing")
    sender = _text(inputs.get("sender"), "the sender", 600)
    recipient = _text(inputs.get("recipient"), "the recipient", 600)
    via_value = inputs.get("via")
    via = None if via_value is None else _text(via_value, "via", 600)
    try:
        parse_party(sender, "sender")
        parse_party(recipient, "recipient")
        if via is not None and via.strip():
            parse_sending_host(via)
    except InputError as exc:
        raise _Damaged(exc.sentence) from None

    resolver_value = data.get("resolver", [])
    if not isinstance(resolver_value, list) or len(resolver_value) > MAX_RESOLVERS:
        raise _Damaged(f"resolver is not a list of at most {MAX_RESOLVERS} servers")
    resolver = tuple(_text(r, "a resolver entry", 200) for r in resolver_value)

    queries = data.get("queries")
    if not isinstance(queries, list):
        raise _Damaged("queries are missing")
    if len(queries) > MAX_QUERIES:
        raise _Damaged(f"{len(queries):,} queries; at most {MAX_QUERIES:,} are read")
    answers = tuple(_answer(i, q) for i, q in enumerate(queries))
    selectors_value = data.get("dkim_selectors", [])
    if not isinstance(selectors_value, list) or len(selectors_value) > MAX_SELECTORS:
        raise _Damaged(f"dkim_selectors is not a list of at most {MAX_SELECTORS} selectors")
    selectors = tuple(_text(v, "a DKIM selector", 253) for v in selectors_value)
    transport = None
    if data.get("transport") is not None:
        try:
            transport = transport_record.from_record(data["transport"])
        except ValueError as exc:
            raise _Damaged(str(exc)) from None
    return Recording(
        sender=sender,
        recipient=recipient,
        via=via,
        created=created,
        resolver=resolver,
        answers=answers,
        message=_message(data.get("message")),
        dkim_selectors=selectors,
        resolver_kind=(
            ResolverKind(data["resolver_kind"])
            if isinstance(data.get("resolver_kind"), str)
            and data["resolver_kind"] in {k.value for k in ResolverKind}
            else None
        ),
        transport=transport,
    )


def _message(value: JsonValue) -> MessageInput | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _Damaged("the message is not an object")
    try:
        parsed = message_from_json_headers(value)
    except InputError as exc:
        raise _Damaged(exc.sentence) from None
    signatures = value.get("dkim", [])
    if not isinstance(signatures, list) or len(signatures) > MAX_SIGNATURES:
        raise _Damaged(f"the message's DKIM results are not a list of at most {MAX_SIGNATURES}")
    dkim = tuple(_signature(i, v) for i, v in enumerate(signatures))
    arc_value = value.get("arc")
    arc = None if arc_value is None else _arc(arc_value)
    return MessageInput(parsed, saved_dkim=dkim, saved_arc=arc)


_DKIM_RESULTS = ("pass", "fail", "neutral", "temperror", "permerror")


def _optional_int(value: JsonValue, what: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value < 2**63:
        raise _Damaged(f"{what} is {_show(value)}, not a number")
    return value


def _signature(index: int, value: JsonValue) -> DkimSignature:
    where = f"DKIM result {index + 1}"
    if not isinstance(value, dict):
        raise _Damaged(f"{where} is not an object")
    result = value.get("result")
    if result not in _DKIM_RESULTS:
        raise _Damaged(f"{where} has result {_show(result)}")
    aligned = value.get("aligned")
    if type(aligned) is not bool:
        raise _Damaged(f"{where}: aligned is {_show(aligned)}, not true or false")
    key_type = value.get("key_type")
    return DkimSignature(
        index=index,
        domain=_text(value.get("domain", ""), f"the d= of {where}", 253),
        selector=_text(value.get("selector", ""), f"the s= of {where}", 253),
        algorithm=_text(value.get("algorithm", ""), f"the a= of {where}", 40),
        result=result,
        reason=_text(value.get("reason", ""), f"the reason of {where}", MAX_TEXT),
        key_type=None if key_type is None else _text(key_type, f"the key type of {where}", 20),
        key_bits=_optional_int(value.get("key_bits"), f"the key size of {where}"),
        aligned=aligned,
        aligned_relaxed=aligned,
        aligned_strict=value.get("aligned_strict") is True,
        body_length_limit=_optional_int(value.get("body_length_limit"), f"the l= of {where}"),
        timestamp=_optional_int(value.get("timestamp"), f"the t= of {where}"),
        expiration=_optional_int(value.get("expiration"), f"the x= of {where}"),
        lookup=_key_lookup(value.get("lookup"), where),
        # Saved before failures were recorded, or unknown: None (findings use the result).
        failure=value["failure"] if value.get("failure") in get_args(DkimFailure) else None,
        limit=limit_from_json(value.get("limit")),
    )


def _key_lookup(value: JsonValue, where: str) -> LookupStatus | None:
    """The key query of a saved DKIM result: its name and outcome (what findings name)."""
    if not isinstance(value, dict):
        return None
    outcome = value.get("outcome")
    if outcome not in {o.value for o in Outcome}:
        return None
    name = _text(value.get("name"), f"the key name of {where}", MAX_ASKED_NAME)
    return LookupStatus(name=name, rdtype="TXT", outcome=Outcome(outcome))


def _arc(value: JsonValue) -> ArcResult:
    if not isinstance(value, dict) or value.get("result") not in ("none", "pass", "fail"):
        raise _Damaged("the message's ARC result is damaged")
    instances = _optional_int(value.get("instances"), "the ARC instance count") or 0
    return ArcResult(
        result=value["result"],
        instances=instances,
        reason=_text(value.get("reason", ""), "the ARC reason", MAX_TEXT),
        limit=limit_from_json(value.get("limit")),
    )


def _answer(index: int, entry: JsonValue) -> Answer:
    where = f"query {index + 1}"
    if not isinstance(entry, dict):
        raise _Damaged(f"{where} is not an object")
    name = normalize_qname(_text(entry.get("name"), f"the name of {where}", MAX_ASKED_NAME))
    rdtype = _text(entry.get("type"), f"the type of {where}", 10)
    if not _RDTYPE.fullmatch(rdtype):
        raise _Damaged(f"{where} has type {_show(rdtype)}, not a DNS record type")
    where = f"query {index + 1} ({_show(name)} {rdtype})"
    outcome_value = entry.get("outcome")
    outcome = next((o for o in Outcome if o.value == outcome_value), None)
    if outcome is None:
        raise _Damaged(f"{where} has outcome {_show(outcome_value)}")
    records_value = entry.get("records", [])
    if not isinstance(records_value, list):
        raise _Damaged(f"{where}: records are not a list")
    if len(records_value) > MAX_RECORDS:
        raise _Damaged(f"{where} has {len(records_value):,} records; at most {MAX_RECORDS:,}")
    if outcome is Outcome.OK:
        if not records_value:
            raise _Damaged(f"{where} has outcome ok but no records")
        _dns_name(name, f"the name of {where}")
    elif records_value:
        raise _Damaged(f"{where} has outcome {outcome.value} but carries records")
    records = tuple(
        _record(rdtype, r, f"{where} record {n + 1}") for n, r in enumerate(records_value)
    )
    canonical_value = entry.get("canonical")
    canonical = None
    if canonical_value is not None:
        canonical = _dns_name(canonical_value, f"the canonical name of {where}")
    detail = _text(entry.get("detail", ""), f"the detail of {where}", MAX_TEXT)
    elapsed_us = entry.get("elapsed_us", 0)
    if type(elapsed_us) is not int or not 0 <= elapsed_us <= MAX_ELAPSED_US:
        raise _Damaged(f"{where}: elapsed_us {_show(elapsed_us)} is not a number of microseconds")
    ttl = entry.get("ttl")  # absent in recordings made before TTLs were kept
    if ttl is not None and (type(ttl) is not int or not 0 <= ttl <= MAX_TTL):
        raise _Damaged(f"{where}: ttl {_show(ttl)} is not a number of seconds")
    authoritative = entry.get("authoritative")
    if authoritative is not None and type(authoritative) is not bool:
        raise _Damaged(f"{where}: authoritative {_show(authoritative)} is not true or false")
    failure = _text(entry.get("failure", ""), f"{where}: failure", 64)
    soa_owner = entry.get("soa_owner")
    if soa_owner is not None:
        soa_owner = _text(soa_owner, f"{where}: soa_owner", 255)
    referral = None
    if entry.get("referral") is not None:
        value = entry["referral"]
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
            raise _Damaged(f"{where}: referral is not [zone, [NS host, ...]]")
        referral = (
            _text(value[0], f"{where}: referral zone", 255),
            tuple(_text(h, f"{where}: referral host", 255) for h in value[1][:64]),
        )
    return Answer(
        name=name,
        rdtype=rdtype,
        outcome=outcome,
        records=records,
        canonical=canonical or None,
        detail=detail,
        elapsed=elapsed_us / 1_000_000,
        ttl=ttl,
        authoritative=authoritative,
        soa_owner=soa_owner,
        referral=referral,
        failure=failure,
    )


def answer_from_json(entry: JsonValue) -> Answer:
    """One saved answer (`dns.answer_to_json`'s form), validated; ValueError if damaged."""
    try:
        return _answer(0, entry)
    except _Damaged as exc:
        raise ValueError(str(exc)) from None


def _record(rdtype: str, value: JsonValue, where: str) -> RecordValue:
    if rdtype == "A" or rdtype == "AAAA":
        text = _text(value, where, 64)
        try:
            # Kept as written (a live answer's text), only checked.
            if rdtype == "A":
                ipaddress.IPv4Address(text)
                return text
            if "%" not in text:
                ipaddress.IPv6Address(text)
                return text
        except ValueError:
            pass
        kind = "IPv4" if rdtype == "A" else "IPv6"
        raise _Damaged(f"{where} {_show(value)} is not an {kind} address")
    if rdtype == "MX":
        if (
            not isinstance(value, list)
            or len(value) != 2
            or type(value[0]) is not int
            or not 0 <= value[0] <= 65535
        ):
            raise _Damaged(f"{where} is not [preference 0-65535, exchange]")
        return (value[0], _dns_name(value[1], f"{where} exchange"))
    if rdtype in ("TXT", "SPF"):
        if not isinstance(value, list) or len(value) > MAX_TXT_STRINGS:
            raise _Damaged(f"{where} is not a list of at most {MAX_TXT_STRINGS} strings")
        strings = []
        for s in value:
            if not isinstance(s, str) or len(s) > MAX_TXT_STRING:
                raise _Damaged(f"{where} holds {_show(s)}, not a string of at most 255 octets")
            try:
                strings.append(s.encode("latin-1"))
            except UnicodeEncodeError:
                raise _Damaged(
                    f"{where} holds a character above U+00FF (strings are octets as Latin-1)"
                ) from None
        return tuple(strings)
    if rdtype in _NAME_TYPES:
        return _dns_name(value, where)
    return _text(value, where, MAX_TEXT)


def _text(value: JsonValue, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise _Damaged(f"{what} is {_show(value)}, not text")
    if len(value) > limit:
        raise _Damaged(f"{what} is {len(value):,} characters long; at most {limit:,}")
    if _CONTROL.search(value):
        raise _Damaged(f"{what} {_show(value)} contains a control character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Damaged(f"{what} contains an unpaired surrogate") from None
    return value


def _dns_name(value: JsonValue, what: str) -> str:
    """A name as a DNS answer carries it: ASCII, escapes allowed, labels <= 63 octets."""
    text = _text(value, what, MAX_ASKED_NAME)
    if not text.isascii() or " " in text:
        raise _Damaged(f"{what} {_show(text)} is not a DNS name")
    try:
        dns.name.from_text(text or ".")
    except (dns.exception.DNSException, ValueError):
        raise _Damaged(f"{what} {_show(text)} is not a DNS name") from None
    return text


def _show(value: JsonValue) -> str:
    """A short, safe description of a value from the file (never a deep repr)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = str(value) if abs(value) < 10**30 else "a very long number"
        return digits
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        shown = repr(value[:60])
        return shown if len(value) <= 60 else shown[:-1] + "..." + shown[-1]
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
