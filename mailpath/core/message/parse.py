"""A received message (.eml) read into the path it really took. No DNS, no Qt.

API
---
- `parse_message(data: bytes) -> ParsedMessage`. Raises only `MessageError` (an `InputError`)
  for input that is not a mail message at all: empty, or not starting with a header field
  (a PNG, plain text). Anything else - malformed dates, unreadable Received fields, 8-bit or
  mis-declared charsets, NUL bytes, abused folding, megabytes of headers - gives a result, with
  anomalies listed in `ParsedMessage.notes` (stable codes, listed after the limits below).
- `find_handover(hops, recipient_domains) -> Handover | None`: where the message crossed into
  the recipient's servers, given the domains that count as the recipient's (the caller passes
  the recipient domain and its MX hosts' domains). `parse_message` fills
  `ParsedMessage.handover` with a DNS-free default: the recipient domain plus the registrable
  domain of the newest Received field's named ``by`` host (the server that delivered it last
  is the recipient's own).
- `find_sending_side(hops, handover, from_domain) -> (Submission | None, Handover | None)`:
  the sender's own submission server as the message shows it, and the forwarder (the handover,
  when a server of another organization handed the message to the recipient after the sender's
  own server). `parse_message` fills `ParsedMessage.submission` and `.forwarded_by`.
- `receiver_domains(message) -> set[str]`: that default set, for the caller's reuse.
- `handover_via(handover) -> str | None`: the sending host to analyse: the handover's recorded
  address, else its name when `usable_host` (two labels or more, a valid host name), else None
  (sending host unknown; `parse_message` then adds the note ``handover-host-unusable``).
- `handover_to_json(handover)`, `message_to_json(message)`: the --json / saved forms
  (hops via `mailpath.core.message.received.hop_to_json`, results via
  `mailpath.core.auth.authresults.auth_results_to_json`).
- `message_to_json_headers(message)` / `message_from_json_headers(obj)`: what a saved analysis
  may keep - the header block only, never the body. A message read back from it is
  headers-only (no DKIM body hash can be checked).

Reading
-------
The header block is read here, in place, not by `email.parser`: the feed parser stops at the
first malformed line (losing every Received field below it) and takes about a second on a 5 MB
folded header. The block is the run of header fields and their continuation lines; it ends at
the first line that is neither: an empty line, or one of whitespace only (" ", a tab,
``\\r\\r\\n``), which is the separator, or any other line (no separator, as in CPython's
``msg_35.txt``), which is the body's first (notes ``separator-not-empty`` and
``header-block-unterminated``). Nothing after it is ever read as a field or saved. Reading is
linear in the block's size and keeps no copy of it. Field values are decoded as UTF-8
with replacement, whatever a message declares; NUL becomes U+FFFD. The standard library's
`email.utils` reads addresses and dates, `email.header` encoded words (charsets declared there
are tried, then UTF-8, then replaced - never trusted to decode cleanly). `raw` keeps the
original bytes in memory for DKIM (body hash) and is never saved; `header_bytes` is cut from it
when a save asks.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from mailpath.core.auth.authresults import (
    AuthResultsHeader,
    auth_results_to_json,
    parse_authentication_results,
)
from mailpath.core.message.addresses import (
    MAX_ADDRESS_FIELD,
    _address_domain,
    _addresses,
    _decode_words,
    _return_path,
    field_addresses,
    registrable_domain,
)
from mailpath.core.message.handover import (
    Handover,
    Submission,
    _default_receivers,
    find_handover,
    find_sending_side,
    from_client,
    handover_via,
    usable_host,
)
from mailpath.core.message.received import Hop, hop_to_json, parse_received, with_delays
from mailpath.core.names import InputError

__all__ = [
    "FORMAT_HEADERS",
    "MAX_ADDRESS_FIELD",
    "MAX_HOPS",
    "Handover",
    "MessageError",
    "ParsedMessage",
    "Submission",
    "field_addresses",
    "find_handover",
    "find_sending_side",
    "from_client",
    "handover_to_json",
    "handover_via",
    "message_from_json_headers",
    "message_to_json",
    "message_to_json_headers",
    "parse_message",
    "receiver_domains",
    "registrable_domain",
    "submission_to_json",
    "usable_host",
]

#: Received fields beyond this many (newest kept) are dropped with the note
#: ``received-truncated``; RFC 5321 relays give up far sooner (Postfix at 50 hops).
MAX_HOPS = 2_000

# The codes `ParsedMessage.notes` can hold (stable: saved analyses keep them):
# - malformed-header-line: no longer given (such a line ends the header block)
# - header-block-unterminated: no separator: the block ended at a line that is no field
# - separator-not-empty: the separator line holds spaces, tabs or a lone carriage return
# - nul-bytes: NUL bytes in the header block (shown as U+FFFD)
# - from-missing
# - from-unparseable
# - from-multiple-headers: the first (topmost) From field is used
# - from-multiple-addresses: the first address is used
# - received-truncated: more than MAX_HOPS Received fields; the oldest dropped
#   The handover's client has no recorded address and its name is not a usable host name
#   (garbage, an invalid label): the analysis goes on with the sending host unknown.
# - handover-host-unusable

FORMAT_HEADERS = "mailpath-message-headers"

_FIELD_NAME = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:")
#: The end of a field: a newline not followed by a continuation line (a space or tab, then
#: something that is not whitespace). Searched, never repeated, so a field folded over a
#: million lines costs no regular-expression stack.
_FIELD_END = re.compile(rb"\n(?![ \t][ \t\r]*[^ \t\r\n])")
#: The separator: an empty line, or one holding only spaces, tabs and carriage returns.
_SEPARATOR = re.compile(rb"[ \t\r]*(?:\n|\Z)")
_FOLD = re.compile(rb"\r?\n[ \t]*")
_BLANK = re.compile(rb"\s*\Z")
#: The fields `parse_message` reads by name.
_READ = frozenset(
    {
        "from",
        "return-path",
        "received",
        "delivered-to",
        "x-original-to",
        "to",
        "subject",
        "date",
        "message-id",
        "dkim-signature",
        "authentication-results",
    }
)


class MessageError(InputError):
    """The input is not a mail message at all (empty, or no header block)."""


@dataclass(frozen=True)
class ParsedMessage:
    """What a received message says about its path. Header text is data: show it as plain text.

    - `from_address` / `from_domain`: the first address of the topmost From field; the domain
      in ASCII lower case (IDNA), None when absent or unreadable. This is the author mailpath
      analyses; with several From fields or addresses it is a choice, see `from_ambiguous`.
    - `from_headers`: the value of every From field, topmost first (RFC 5322 3.6: exactly one).
    - `from_addresses`: every address of every From field, in header order.
    - `from_ambiguous` (property): more than one From field, or more than one address in it.
      Large receivers (Gmail, Microsoft) refuse such a message outright; a receiver model
      should read this fact, never the `notes`.
    - `date` / `message_id`: the topmost Date / Message-ID value, None when the field is
      absent or empty (RFC 5322 3.6: Date is required, Message-ID SHOULD be present).
    - `mail_from` / `mail_from_domain`: from the topmost Return-Path; None for ``<>``.
    - `recipient_domain`: from Delivered-To, else X-Original-To, else the newest ``for <...>``
      of a Received field, else To; `recipient_source` names which ("delivered-to",
      "x-original-to", "received-for", "to") or is None.
    - `hops`: oldest first; `received_positions[i]` is the index of hop i's field in
      `headers` (0 = topmost).
    - `dkim_signatures`: DKIM-Signature values (unfolded), in header order.
    - `arc_headers`: (name, value) of every ARC-Seal / ARC-Message-Signature /
      ARC-Authentication-Results field, in header order (empty: no ARC); see `has_arc`.
    - `authentication_results`: every Authentication-Results field, topmost first (use
      `mailpath.core.message.check.receiving_results` for the receiver's own).
    - `headers`: every field as (name, decoded value), topmost first.
    - `headers_only` / `body_present`: whether anything follows the header block.
    - `header_bytes` / `raw`: the original bytes, kept in memory only (DKIM needs the body);
      `header_bytes` (a property, cut from `raw` by `header_span`) is what a save keeps.
    - `submission`: the sender's own submission server, when the hops show it.
    - `forwarded_by`: the handover when it was a forwarder: a server of another organization
      (a forwarding mailbox, a mailing list, a relay) that handed the message to the
      recipient after the sender's own server had sent it. SPF at the recipient then checks
      the forwarder's address, which the sender's SPF record cannot list; DKIM (and the
      forwarder's ARC) carry the judgement. None when the handover host is the sender's own
      server, or when nothing older shows the sender's server.
    """

    from_address: str | None
    from_domain: str | None
    mail_from: str | None
    mail_from_domain: str | None
    recipient_domain: str | None
    recipient_source: str | None
    hops: tuple[Hop, ...]
    received_positions: tuple[int, ...]
    handover: Handover | None
    dkim_signatures: tuple[str, ...]
    arc_headers: tuple[tuple[str, str], ...]
    authentication_results: tuple[AuthResultsHeader, ...]
    subject: str | None
    headers: tuple[tuple[str, str], ...] = field(repr=False)
    headers_only: bool
    body_present: bool
    notes: tuple[str, ...]
    #: (start, end) of the header block in `raw` (see `header_bytes`).
    header_span: tuple[int, int] = field(repr=False, compare=False)
    raw: bytes = field(repr=False, compare=False)
    from_headers: tuple[str, ...] = ()
    from_addresses: tuple[str, ...] = ()
    date: str | None = None
    message_id: str | None = None
    submission: Submission | None = None
    forwarded_by: Handover | None = None

    @property
    def header_bytes(self) -> bytes:
        """The header block's bytes: every field and the separator line, if there was one;
        nothing of the body. Cut from `raw` when asked (a copy only when it is saved)."""
        start, end = self.header_span
        return self.raw[start:end]

    @property
    def has_arc(self) -> bool:
        return bool(self.arc_headers)

    @property
    def from_ambiguous(self) -> bool:
        """More than one From field, or a From field with more than one address: no single
        author (RFC 5322 3.6 allows one From field; Gmail and Microsoft refuse the message)."""
        return len(self.from_headers) > 1 or len(self.from_addresses) > 1


# -- header block --------------------------------------------------------------------------


def _read_fields(
    data: bytes, begin: int, notes: list[str]
) -> tuple[list[tuple[str, str]], int, int, bool]:
    """(fields, end of the last field, start of the body, the block ended at a line that is no
    field), reading the header block in place from `begin`.

    The block is the run of header fields (a name and a colon) and their continuation lines
    (a space or tab, then something that is not whitespace). It ends at the first other line:
    an empty line, or one of whitespace only (" ", a tab, "\\r\\r\\n"), which is the separator
    and belongs to neither part; or any other line (no separator at all), which is the body's
    first. Linear in the block's size, whatever its folding; fields are (name, unfolded
    value), names shared strings, and no copy of the block is made."""
    fields: list[tuple[str, str]] = []
    names: dict[bytes, str] = {}
    size = len(data)
    pos = begin
    while pos < size:
        match = _FIELD_NAME.match(data, pos)
        if match is None:
            break
        found = _FIELD_END.search(data, match.end())
        stop = size if found is None else found.end()
        value_end = size if found is None else found.start()
        if value_end > match.end() and data[value_end - 1] == 0x0D:  # CR of CRLF
            value_end -= 1
        raw_name = match.group(1)
        name = names.get(raw_name)
        if name is None:
            name = names[raw_name] = raw_name.decode("ascii")
        value = data[match.end() : value_end]
        if b"\n" in value:
            value = _unfold(value)
        fields.append((name, _decode(value).strip()))
        pos = stop
    if data.find(b"\x00", begin, pos) >= 0:
        notes.append("nul-bytes")
    if pos >= size:
        return fields, size, size, False
    separator = _SEPARATOR.match(data, pos)
    if separator is not None:
        return fields, pos, separator.end(), False
    return fields, pos, pos, True


_UNFOLD_PIECE = 1 << 20


def _unfold(value: bytes) -> bytes:
    """The indentation of a folded line shrinks to one space. A large value is done a
    megabyte at a time, cut before a newline (one ``re.sub`` over a field folded a million
    times keeps a list of two million pieces: over a gigabyte for 50 MB)."""
    if len(value) <= _UNFOLD_PIECE:
        return _FOLD.sub(b" ", value)
    out = []
    start, size = 0, len(value)
    while start < size:
        stop = value.find(b"\n", min(start + _UNFOLD_PIECE, size))
        if stop < 0:
            stop = size
        elif value[stop - 1] == 0x0D:  # cut before the CRLF, never inside it
            stop -= 1
        out.append(_FOLD.sub(b" ", value[start:stop]))
        start = stop
    return b"".join(out)


def _decode(value: bytes) -> str:
    return value.decode("utf-8", "replace").replace("\x00", "\ufffd")


def receiver_domains(message: ParsedMessage) -> set[str]:
    """The recipient domain and the receiving server's registrable domain (DNS-free guess)."""
    domains = _default_receivers(message.recipient_domain, message.hops)
    if (
        message.handover
        and message.handover.by
        and (org := registrable_domain(message.handover.by))
    ):
        domains.add(org)
    return domains


# -- the message ---------------------------------------------------------------------------


def parse_message(data: bytes) -> ParsedMessage:
    """Read a received message's headers into its path (see the module docstring)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise MessageError("message/not-bytes")
    data = bytes(data)
    begin = _block_start(data)
    notes: list[str] = []
    fields, end, body_start, unterminated = _read_fields(data, begin, notes)
    if unterminated:
        notes.append("header-block-unterminated")
    elif data[end:body_start] not in (b"", b"\n", b"\r\n"):
        notes.append("separator-not-empty")
    # The saved header block: the fields and the separator line, nothing of the body.
    header_span = (begin, body_start)
    if not fields:
        raise MessageError("message/no-header-fields")
    body_present = body_start < len(data)

    by_name: dict[str, list[tuple[int, str]]] = {}
    for position, (name, value) in enumerate(fields):
        key = name.lower()
        if key in _READ:  # only these: a megabyte of other fields costs no index
            by_name.setdefault(key, []).append((position, value))

    def values(name: str) -> list[str]:
        return [v for _p, v in by_name.get(name, [])]

    from_fields = values("from")
    from_address, from_domain, from_addresses = _author(from_fields, notes)

    return_paths = values("return-path")
    mail_from = _return_path(return_paths[0]) if return_paths else None
    mail_from_domain = _address_domain(mail_from)

    hops, positions = _hops(by_name.get("received", []), notes)

    recipient_domain, recipient_source = _recipient(values, hops)

    handover = find_handover(hops, _default_receivers(recipient_domain, hops))
    if handover is not None and handover_via(handover) is None:
        notes.append("handover-host-unusable")
    submission, forwarded_by = find_sending_side(hops, handover, from_domain)
    subjects = values("subject")
    dates = values("date")
    message_ids = values("message-id")
    return ParsedMessage(
        from_address=from_address,
        from_domain=from_domain,
        mail_from=mail_from,
        mail_from_domain=mail_from_domain,
        recipient_domain=recipient_domain,
        recipient_source=recipient_source,
        hops=hops,
        received_positions=positions,
        handover=handover,
        dkim_signatures=tuple(values("dkim-signature")),
        arc_headers=tuple(
            (name, value)
            for name, value in fields
            if name.lower() in ("arc-seal", "arc-message-signature", "arc-authentication-results")
        ),
        authentication_results=tuple(
            parse_authentication_results(value, position)
            for position, value in by_name.get("authentication-results", [])
        ),
        subject=_decode_words(subjects[0]) if subjects else None,
        headers=tuple(fields),
        headers_only=not body_present,
        body_present=body_present,
        notes=tuple(dict.fromkeys(notes)),
        header_span=header_span,
        raw=data,
        from_headers=tuple(from_fields),
        from_addresses=tuple(from_addresses),
        date=dates[0] if dates and dates[0] else None,
        message_id=message_ids[0] if message_ids and message_ids[0] else None,
        submission=submission,
        forwarded_by=forwarded_by,
    )


def _block_start(data: bytes) -> int:
    """Where the header block begins (after a byte-order mark or an mbox "From " line);
    raises `MessageError` when `data` is not a mail message at all."""
    if _BLANK.match(data):
        raise MessageError("message/empty")
    begin = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"From ", begin) and not data.startswith(b"From :", begin):
        # An mbox separator line ("From sender date"), not a header field.
        newline = data.find(b"\n", begin)
        begin = len(data) if newline < 0 else newline + 1
    if _BLANK.match(data, begin):
        raise MessageError("message/no-header-fields")
    if _FIELD_NAME.match(data, begin) is None:
        raise MessageError("message/not-mail")
    return begin


def _hops(
    received: list[tuple[int, str]], notes: list[str]
) -> tuple[tuple[Hop, ...], tuple[int, ...]]:
    """The Received fields (position, value; newest first) as hops, oldest first, and their
    positions in the header block; at most `MAX_HOPS` (the newest)."""
    if len(received) > MAX_HOPS:
        notes.append("received-truncated")
        received = received[:MAX_HOPS]
    newest_first = [parse_received(value) for _p, value in received]
    hops = with_delays(reversed(newest_first))
    return hops, tuple(p for p, _v in reversed(received))


def _author(from_fields: list[str], notes: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(the From address, its domain, every From address) of the From fields; the anomalies go
    into `notes`."""
    from_address: str | None = None
    from_addresses = [a for value in from_fields for a in _addresses(value)]
    if not from_fields:
        notes.append("from-missing")
    else:
        if len(from_fields) > 1:
            notes.append("from-multiple-headers")
        addresses = _addresses(from_fields[0])
        if len(addresses) > 1:
            notes.append("from-multiple-addresses")
        from_address = addresses[0] if addresses else None
    from_domain = _address_domain(from_address)
    if from_fields and from_domain is None:
        notes.append("from-unparseable")
    return from_address, from_domain, from_addresses


def _recipient(
    values: Callable[[str], list[str]], hops: Sequence[Hop]
) -> tuple[str | None, str | None]:
    """(the recipient domain, the field it came from): Delivered-To, X-Original-To, a Received
    field's ``for``, To, the first that holds a domain."""
    candidates: list[tuple[str, str | None]] = []
    for name, source in (("delivered-to", "delivered-to"), ("x-original-to", "x-original-to")):
        for value in values(name):
            found = _addresses(value)
            candidates.append((source, found[0] if found else value.strip().strip("<>")))
    for hop in reversed(hops):
        if hop.for_address:
            candidates.append(("received-for", hop.for_address))
    for value in values("to"):
        for address in _addresses(value):
            candidates.append(("to", address))
    for source, candidate in candidates:
        domain = _address_domain(candidate)
        if domain:
            return domain, source
    return None, None


# -- JSON ----------------------------------------------------------------------------------


def handover_to_json(handover: Handover | None) -> dict[str, object] | None:
    """``{"address", "host", "hop"}`` or None."""
    if handover is None:
        return None
    return {"address": handover.address, "host": handover.host, "hop": handover.hop}


def submission_to_json(submission: Submission | None) -> dict[str, object] | None:
    """``{"hop", "host", "address"}`` or None."""
    if submission is None:
        return None
    return {"hop": submission.hop, "host": submission.host, "address": submission.address}


def message_to_json(message: ParsedMessage) -> dict[str, object]:
    """The analysis view of a message (no body, no raw header block)."""
    return {
        "from_address": message.from_address,
        "from_domain": message.from_domain,
        "from_headers": list(message.from_headers),
        "from_addresses": list(message.from_addresses),
        "from_ambiguous": message.from_ambiguous,
        "date": message.date,
        "message_id": message.message_id,
        "mail_from": message.mail_from,
        "mail_from_domain": message.mail_from_domain,
        "recipient_domain": message.recipient_domain,
        "hops": [hop_to_json(hop) for hop in message.hops],
        "handover": handover_to_json(message.handover),
        "submission": submission_to_json(message.submission),
        "forwarded_by": handover_to_json(message.forwarded_by),
        "dkim_signatures": list(message.dkim_signatures),
        "arc": message.has_arc,
        "authentication_results": auth_results_to_json(message.authentication_results),
        "headers_only": message.headers_only,
        "notes": list(message.notes),
    }


def message_to_json_headers(message: ParsedMessage) -> dict[str, object]:
    """What a saved analysis may keep of a message: its header block, never the body.

    ``header_block_base64`` holds the exact header bytes (so a replay parses the same
    thing); ``headers`` the readable fields; ``body_present`` whether the original had a body
    (it is not kept).
    """
    return {
        "format": FORMAT_HEADERS,
        "version": 1,
        "header_block_base64": base64.b64encode(message.header_bytes).decode("ascii"),
        "headers": [[name, value] for name, value in message.headers],
        "body_present": message.body_present,
    }


def message_from_json_headers(obj: Mapping[str, object]) -> ParsedMessage:
    """Parse the header block saved by `message_to_json_headers` (headers-only).

    Raises `MessageError` when the object is not such a record.
    """
    if not isinstance(obj, Mapping) or obj.get("format") != FORMAT_HEADERS:
        raise MessageError("message/saved-not-record")
    block = obj.get("header_block_base64")
    if not isinstance(block, str):
        raise MessageError("message/saved-no-block")
    try:
        data = base64.b64decode(block, validate=True)
    except (binascii.Error, ValueError):
        raise MessageError("message/saved-corrupt") from None
    return parse_message(data)
