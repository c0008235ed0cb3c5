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
import functools
import ipaddress
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from email.header import decode_header
from email.utils import getaddresses

from mailpath.core.auth.authresults import (
    AuthResultsHeader,
    auth_results_to_json,
    parse_authentication_results,
)
from mailpath.core.message.received import Hop, hop_to_json, parse_received, with_delays
from mailpath.core.names import InputError, parse_domain, parse_sending_host, psl_registrable

#: Received fields beyond this many (newest kept) are dropped with the note
#: ``received-truncated``; RFC 5321 relays give up far sooner (Postfix at 50 hops).
MAX_HOPS = 2_000
#: Address fields are read only this far.
MAX_ADDRESS_FIELD = 8_192

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
_IPISH = re.compile(r"^(?:ipv6:)?[0-9a-f:.]+$", re.I)
_INTERNAL_NETS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "::1/128",
        "fe80::/10",
        "fc00::/7",
    )
)


class MessageError(InputError):
    """The input is not a mail message at all (empty, or no header block)."""


@dataclass(frozen=True)
class Handover:
    """The hop where the message entered the recipient's servers.

    `hop` indexes `ParsedMessage.hops` (oldest first); `address` is the client that handed the
    message over (the IP the recipient's SPF check saw); `host` its name as the receiver
    recorded it (reverse DNS, else HELO); `by` the recipient's server that accepted it.
    """

    hop: int
    address: str | None
    host: str | None
    by: str | None


@dataclass(frozen=True)
class Submission:
    """The sender's own submission server as the message shows it.

    `hop` indexes the hop that server received (the mail client's submission, or the first
    hop into the sender's organization), None when the server appears only as the client of
    a later hop (a mailing list's or forwarder's Received field names it, nothing older
    survives); `host` its name as written; `address` the address it sent from, when a later
    hop recorded it.
    """

    hop: int | None
    host: str | None
    address: str | None


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


# -- addresses and names -------------------------------------------------------------------


def _domain(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return parse_domain(text, "domain").ascii
    except InputError:
        return None


def _addresses(value: str) -> list[str]:
    try:
        pairs = getaddresses([value[:MAX_ADDRESS_FIELD]])
    except Exception:  # the stdlib address parser on hostile text
        return []
    return [addr for _name, addr in pairs if "@" in addr]


def field_addresses(value: str) -> list[str]:
    """The addresses (with an @) of one address field's value, as mailpath reads From."""
    return _addresses(value)


def _address_domain(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return _domain(address.rpartition("@")[2])


def _return_path(value: str) -> str | None:
    text = value.strip()
    if text.startswith("<"):
        text = text[1:].split(">", 1)[0]
    text = text.strip()
    if not text or "@" not in text:
        return None
    return text


def _decode_words(value: str) -> str:
    """RFC 2047 encoded words, never trusting the declared charset to be right."""
    try:
        parts = decode_header(value[:MAX_ADDRESS_FIELD])
    except Exception:  # malformed encoded words stay as written
        return value
    out: list[str] = []
    for part, charset in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        if charset is None:
            # decode_header's own encoding of the text between encoded words.
            out.append(part.decode("raw-unicode-escape", "replace"))
            continue
        text: str | None = None
        for candidate in (charset, "utf-8"):
            if not candidate or candidate == "unknown-8bit":
                continue
            try:
                text = part.decode(candidate)
                break
            except (LookupError, UnicodeDecodeError):
                continue
        out.append(text if text is not None else part.decode("utf-8", "replace"))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def registrable_domain(name: str) -> str | None:
    """The registrable domain of a host name (public suffix list), or None for IPs/labels."""
    name = name.strip().rstrip(".").lower()
    if "." not in name or _is_ip(name):
        return None
    return psl_registrable(name)


def _is_ip(text: str) -> bool:
    if not _IPISH.match(text.strip("[]")):
        return False
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


def _is_internal_address(address: str | None) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == net.version and ip in net for net in _INTERNAL_NETS)


# -- handover ------------------------------------------------------------------------------


class _Organization:
    def __init__(self, domains: Collection[str]) -> None:
        names = {d.strip().rstrip(".").lower() for d in domains if d and d.strip()}
        self.names = names
        self.orgs = {org for d in names if (org := registrable_domain(d))}

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str) or not name:
            return False
        name = name.rstrip(".").lower()
        if name in self.names or any(name.endswith("." + d) for d in self.names):
            return True
        org = registrable_domain(name)
        return org is not None and org in self.orgs


def _unnamed(host: str | None) -> bool:
    """No usable name: absent, an IP (Gmail's internal hops), or one label (localhost)."""
    return host is None or _is_ip(host) or "." not in host


def _from_inside(hop: Hop, inside: _Organization) -> bool:
    if hop.from_address is None and _unnamed(hop.from_name) and _unnamed(hop.helo):
        # A local/internal step: no address recorded and no usable client name (nothing at
        # all, ``localhost``, a one-label HELO such as ``xcar``): nothing came from outside here.
        return True
    if _is_internal_address(hop.from_address):
        return True
    if hop.from_name is not None:
        return hop.from_name in inside
    return hop.from_address is None and hop.helo in inside


def find_handover(hops: Sequence[Hop], recipient_domains: Collection[str]) -> Handover | None:
    """The hop where the message crossed into the recipient's servers, or None.

    `hops` oldest first; `recipient_domains` the domains whose servers are the recipient's
    (recipient domain, its MX hosts' domains); a host is inside when it is one of them, a
    subdomain, or has the same registrable domain. Walking newest first, the handover is the
    first hop whose ``by`` is inside and whose ``from`` is outside. Hops that stay inside
    continue the chain: a ``from`` inside (or a private address, or none at all, like Gmail's
    ``by 2002:a05:...`` steps, or no recorded address and no usable client name - ``localhost``,
    a one-label HELO such as IMail's ``xcar``: a local step), and an older hop's ``by`` is
    trusted as inside when the newer hop came from inside (the server that relayed it is the one
    that received it, whatever name it gives itself - Microsoft 365 mixes outlook.com and
    office365.com). A named ``by`` outside the organization before any handover ends the walk
    with None. Unparsed hops are skipped. A sender hosted by the same organization as the
    recipient shows no handover.
    """
    inside = _Organization(recipient_domains)
    if not inside.names:
        return None
    chained = False  # the newer hop came from inside the recipient's organization
    for index in range(len(hops) - 1, -1, -1):
        hop = hops[index]
        if hop.unparsed:
            continue
        by_inside = chained or (hop.by is not None and hop.by in inside)
        if not (by_inside or _unnamed(hop.by)):
            return None
        if _from_inside(hop, inside):
            chained = True
            continue
        if by_inside:
            return Handover(
                hop=index,
                address=hop.from_address,
                host=hop.from_name or hop.helo,
                by=hop.by,
            )
        chained = False
    return None


def usable_host(name: str | None) -> bool:
    """`name` can be analysed as the sending host: a host name of two labels or more that
    `mailpath.core.names.parse_sending_host` accepts, or an IP address. False for None,
    ``localhost``, one label (``xcar``) or garbage."""
    if not name or not name.strip():
        return False
    text = name.strip()
    if not _is_ip(text) and "." not in text.strip("."):
        return False
    try:
        parse_sending_host(text)
    except InputError:
        return False
    return True


def handover_via(handover: Handover | None) -> str | None:
    """The sending host a received message names for the analysis: the handover's recorded
    address, else its name when `usable_host`, else None (the sending host is unknown)."""
    if handover is None:
        return None
    if handover.address:
        return handover.address
    return handover.host if usable_host(handover.host) else None


def _newest_named_by(hops: Sequence[Hop]) -> str | None:
    for hop in reversed(hops):
        if not hop.unparsed and not _unnamed(hop.by):
            return hop.by
    return None


def _default_receivers(recipient_domain: str | None, hops: Sequence[Hop]) -> set[str]:
    domains: set[str] = set()
    if recipient_domain:
        domains.add(recipient_domain)
    newest = _newest_named_by(hops)
    if newest and (org := registrable_domain(newest)):
        domains.add(org)
    return domains


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


# -- the sender's side ---------------------------------------------------------------------

#: RFC 3848: the client authenticated (SMTP AUTH), as a mail client submitting its mail does.
_AUTHENTICATED = frozenset(
    {"esmtpa", "esmtpsa", "utf8smtpa", "utf8smtpsa", "lmtpa", "lmtpsa", "utf8lmtpa", "utf8lmtpsa"}
)


def from_client(hop: Hop) -> bool:
    """The hop came from a mail client (a PC), not from a server: authenticated (ESMTPA,
    ESMTPSA), or no usable client name (none, an address literal, one label)."""
    if hop.unparsed:
        return False
    if (hop.protocol or "").lower() in _AUTHENTICATED:
        return True
    return _unnamed(hop.from_name)


def _named(host: str | None) -> bool:
    return host is not None and not _unnamed(host)


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and str(a).lower().rstrip(".") == str(b).lower().rstrip(".")


def _sent_from(hops: Sequence[Hop], index: int, host: str, last: int) -> str | None:
    """The address `host` (the server that received hop `index`) sent from: the client address
    a later hop, up to `last`, recorded for it."""
    for hop in hops[index + 1 : last + 1]:
        if _same_name(hop.from_name, host) or _same_name(hop.helo, host):
            return hop.from_address
    return None


def _client_name(hop: Hop) -> str | None:
    name = hop.from_name if hop.from_name is not None else hop.helo
    return name if _named(name) else None


def find_sending_side(
    hops: Sequence[Hop], handover: Handover | None, from_domain: str | None
) -> tuple[Submission | None, Handover | None]:
    """(the sender's own submission server, the forwarder) as the hops before `handover` show
    them; see `ParsedMessage.submission` and `.forwarded_by`.

    The submission server is the earliest server in the From domain's organization (a hop it
    received, else a hop it sent), else the server the oldest hop delivered a mail client's
    submission to, else the handover host when it is in the From domain's organization. The
    handover is a forwarder when that server is known and the host that handed the message
    over is neither it nor of the From domain's or its organization (a forwarding mailbox, a
    mailing list, an outside relay).
    """
    if handover is None:
        return None, None
    own = _Organization([from_domain] if from_domain else [])
    last = handover.hop
    submission: Submission | None = None
    for index, hop in enumerate(hops[:last]):
        if hop.unparsed:
            continue
        if _named(hop.by) and hop.by in own:
            assert hop.by is not None
            submission = Submission(index, hop.by, _sent_from(hops, index, hop.by, last))
            break
        name = _client_name(hop)
        if name is not None and name in own:
            submission = Submission(None, name, hop.from_address)
            break
    if submission is None and last > 0:
        first = hops[0]
        if from_client(first) and first.by is not None and _named(first.by):
            submission = Submission(0, first.by, _sent_from(hops, 0, first.by, last))
    if submission is None:
        if _named(handover.host) and handover.host in own:
            return Submission(None, handover.host, handover.address), None
        return None, None
    # The server that handed the message over, by name.
    sender_side = handover.host if _named(handover.host) else None
    if sender_side is None:
        for hop in reversed(hops[:last]):
            if not hop.unparsed and _named(hop.by):
                sender_side = hop.by
                break
    if sender_side is None or sender_side in own or _same_name(sender_side, submission.host):
        return submission, None
    org = registrable_domain(sender_side)
    if org is not None and org == registrable_domain(submission.host or ""):
        return submission, None
    return submission, handover


# -- the message ---------------------------------------------------------------------------


def parse_message(data: bytes) -> ParsedMessage:
    """Read a received message's headers into its path (see the module docstring)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise MessageError("message/not-bytes")
    data = bytes(data)
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

    from_address: str | None = None
    from_fields = values("from")
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

    return_paths = values("return-path")
    mail_from = _return_path(return_paths[0]) if return_paths else None
    mail_from_domain = _address_domain(mail_from)

    received = by_name.get("received", [])
    if len(received) > MAX_HOPS:
        notes.append("received-truncated")
        received = received[:MAX_HOPS]
    newest_first = [parse_received(value) for _p, value in received]
    hops = with_delays(reversed(newest_first))
    positions = tuple(p for p, _v in reversed(received))

    recipient_domain: str | None = None
    recipient_source: str | None = None
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
            recipient_domain, recipient_source = domain, source
            break

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
