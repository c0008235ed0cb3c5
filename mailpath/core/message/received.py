"""Received header fields (RFC 5321 section 4.4, RFC 5322 section 3.6.7) as hops.

API
---
- `parse_received(value) -> Hop`: one Received field value (unfolded, without the
  ``Received:`` name). Never raises: a value it cannot read becomes
  ``Hop(raw=value, unparsed=True)`` with every other field None.
- `hops_from_received(values) -> tuple[Hop, ...]`: the Received values of one message *as they
  appear in the header block* (newest first); returns the hops oldest first, with `delay_s`
  filled in.
- `hop_to_json(hop) -> dict`: the saved/--json form (keys listed in `HOP_JSON_KEYS`).

Field meanings (`Hop`)
----------------------
- `from_name`: the client's name as the receiving server recorded it: the reverse-DNS name when
  the header states one (Postfix/Sendmail/Gmail ``(rdns [ip])``), otherwise the name after
  ``from`` (Exim, Microsoft 365). None for ``unknown``, IP literals or no ``from`` clause.
- `helo`: the name the client announced with HELO/EHLO/LHLO: ``helo=`` (Exim), ``(HELO x)``
  (qmail, Haraka), ``(LHLO x)`` (Zimbra), ``"EHLO x"`` (ZMailer), or the name after ``from``
  when a reverse-DNS name is stated beside it (Postfix, Sendmail, Gmail, OpenSMTPD) or an
  address follows it outside a comment (IMail); otherwise the name after ``from``.
- `from_address`: the client's IP address (normalized text form; an IPv4-mapped IPv6 address
  such as Courier's ``[::ffff:192.0.2.3]`` as its IPv4 address), or None. It is always the
  address the receiving server recorded (``(rdns [ip])``, qmail's ``(ip)`` after ``(HELO x)``,
  IMail's ``from helo [ip]``, Exim's ``[ip]``), never the client's HELO/EHLO/LHLO text, which
  the client chooses: a private literal it announces cannot make a hop look internal. None for
  a local submission (OpenSMTPD ``[local]``, Sendmail ``[UNIX: localhost]``).
- `by`: the receiving server (lower case, no trailing dot), which may be an IP address (Gmail's
  internal ``by 2002:a05:...`` hops).
- `protocol`: the ``with`` clause as written (``ESMTPS``, ``esmtpsa``,
  ``Microsoft SMTP Server``), or None.
- `tls`: True when the header states encryption (an ``S`` protocol such as ESMTPS/ESMTPSA/
  UTF8SMTPS/LMTPS/HTTPS, ``version=TLS...``, ``using TLSv1.3``, Exim's ``tls`` clause or
  ``X=TLS...``, Exchange's ``(TLS)``, Gmail's ``(Google Transport Security)``, qmail's
  ``... encrypted SMTP``); False when the protocol is a known cleartext one (SMTP, ESMTP,
  ESMTPA, LMTP, UTF8SMTP, HTTP, ``Microsoft SMTP Server`` without a TLS version) and nothing
  states TLS;
  None when there is no protocol or it is not one we know (``local``, ``qmail``...).
- `time`: the date after the last ``;``, as ISO 8601 in UTC (``2026-11-27T19:32:06+00:00``);
  None when it is missing or malformed. A date without zone (``-0000`` or none) is taken as UTC.
- `delay_s`: seconds since the previous (older) hop; None for the oldest hop or when either
  time is unknown. Negative values (bad clocks) are kept: the caller flags them.
- `raw`: the field value as received (unfolded, trimmed). Header text is data: show it as plain
  text.
- `unparsed`: True when nothing readable follows ``from`` or ``by`` (and the value is not
  qmail's ``(qmail N invoked ...)`` form), or it is too long to be a real Received field.
  An unparsed hop may still carry `time` when its date is readable.
- `for_address`: the ``for <addr>`` recipient, without angle brackets; `id`: the queue id.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: Values longer than this are not real Received fields (they are a few hundred characters);
#: they become unparsed hops rather than cost time.
MAX_RECEIVED_LENGTH = 16_384

HOP_JSON_KEYS = (
    "from_name",
    "helo",
    "from_address",
    "by",
    "protocol",
    "tls",
    "time",
    "delay_s",
    "raw",
    "unparsed",
)


@dataclass(frozen=True)
class Hop:
    """One Received field: who handed the message to whom, how and when (see module doc)."""

    from_name: str | None
    helo: str | None
    from_address: str | None
    by: str | None
    protocol: str | None
    tls: bool | None
    time: str | None
    delay_s: float | None
    raw: str
    unparsed: bool
    for_address: str | None = None
    id: str | None = None


_KEYWORDS = frozenset({"from", "by", "via", "with", "id", "for", "tls"})
_SPECIALS = re.compile(r"\\.|[()]", re.S)
_ATOM = re.compile(r"<[^<>]*>|[^\s<]+|<")
_BRACKET_IP = re.compile(r"\[(?:ipv6:)?([0-9a-f:.]+)\]", re.I)
_RDNS = re.compile(r"^\s*([^\s\[\]()]+)\s+\[(?:ipv6:)?([0-9a-f:.]+)\]", re.I)
_HELO = re.compile(r"\b(?:helo|ehlo|lhlo)(?:=\s*|\s+)(\[[^\]\s]*\]|[^\s()\]\"]+)", re.I)
#: The client's own claim (qmail ``(HELO x)``, Exim ``helo=x``, ZMailer ``"EHLO x"``, Zimbra
#: ``(LHLO x)``): cut out before looking for the address the receiver recorded.
_HELO_PART = re.compile(r"\"?\b(?:helo|ehlo|lhlo)(?:=\s*|\s+)(?:\[[^\]]*\]?|[^\s()\"]+)\"?", re.I)
#: OpenSMTPD's ``(rdns [local])`` and Sendmail's ``[UNIX: localhost]``: a local submission.
_LOCAL_LITERAL = re.compile(r"\[(?:local|unix:[^\]]*)\]", re.I)
_IP_CANDIDATE = re.compile(r"[0-9a-f:.]*[:.][0-9a-f:.]*", re.I)
_IPISH = re.compile(r"^[0-9a-f:.]+$", re.I)
_DATE_SPECIALS = re.compile(r"\\.|[();]", re.S)
_QMAIL = re.compile(r"^qmail\s+\d+\s+invoked\b", re.I)
_TLS_STATEMENT = re.compile(
    r"version=(?:tls|ssl)|\busing\s+(?:tls|ssl)|\bx=tls|\btls_?v?1[._]\d|\bcipher="
    r"|^\s*(?:tls|ssl)\s*$|google transport security|\bencrypted\b",
    re.I,
)
_TLS_PROTOCOLS = frozenset(
    {
        "esmtps",
        "esmtpsa",
        "utf8smtps",
        "utf8smtpsa",
        "lmtps",
        "lmtpsa",
        "utf8lmtps",
        "utf8lmtpsa",
        "smtps",
        "https",
    }
)
_CLEAR_PROTOCOLS = frozenset(
    {
        "smtp",
        "esmtp",
        "esmtpa",
        "utf8smtp",
        "utf8smtpa",
        "lmtp",
        "lmtpa",
        "utf8lmtp",
        "utf8lmtpa",
        "http",
        "microsoft smtp server",
    }
)


def _unparsed(raw: str) -> Hop:
    return Hop(None, None, None, None, None, None, None, None, raw, True)


def _segments(text: str) -> list[tuple[bool, str]]:
    """Split into (is_comment, text) pieces; comments nest. Linear in the length."""
    out: list[tuple[bool, str]] = []
    depth = 0
    start = 0
    for match in _SPECIALS.finditer(text):
        char = match.group()
        if char == "(":
            if depth == 0:
                if match.start() > start:
                    out.append((False, text[start : match.start()]))
                start = match.end()
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append((True, text[start : match.start()]))
                start = match.end()
    if start < len(text):
        out.append((depth > 0, text[start:]))
    return out


def _split_date(value: str) -> tuple[str, str | None]:
    """The clauses and the date: the date follows the last ';' outside comments."""
    depth = 0
    last = -1
    for match in _DATE_SPECIALS.finditer(value):
        char = match.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            last = match.start()
    if last < 0:
        # An unclosed comment hides every ';': fall back to the last one anywhere.
        last = value.rfind(";")
    if last < 0:
        return value, None
    return value[:last], value[last + 1 :]


def _parse_time(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.split("(", 1)[0].strip()
    if not text or len(text) > 200:
        return None
    try:
        when = parsedate_to_datetime(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _ip(text: str) -> str | None:
    text = text.strip().strip("[]")
    if text[:5].lower() == "ipv6:":
        text = text[5:]
    if not _IPISH.match(text):
        return None  # cheap refusal: host names are most of what gets here
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)  # Courier's [::ffff:192.0.2.3] is the IPv4 client
    return str(ip)


def _name(text: str | None) -> str | None:
    """A host name as written, lower case without a trailing dot; None for non-names."""
    if not text:
        return None
    return text.strip().rstrip(".").lower() or None


def _is_literal(text: str) -> bool:
    return text.startswith("[") or _ip(text) is not None


def _address_in(comments: list[str]) -> str | None:
    """The client address the receiver recorded in the ``from`` comments; the client's own
    HELO/EHLO/LHLO text is cut out first, so a literal it announced never counts."""
    recorded = [_HELO_PART.sub(" ", comment) for comment in comments]
    for comment in recorded:
        for match in _BRACKET_IP.finditer(comment):
            address = _ip(match.group(1))
            if address:
                return address
    for comment in recorded:
        for match in _IP_CANDIDATE.finditer(comment):
            address = _ip(match.group())
            if address:
                return address
    return None


def _from_clause(
    atoms: list[str], comments: list[str]
) -> tuple[str | None, str | None, str | None]:
    """(from_name, helo, from_address) from the ``from`` clause."""
    token = atoms[0] if atoms else None
    rdns: str | None = None
    rdns_stated = False
    helo: str | None = None
    local = any(_LOCAL_LITERAL.search(comment) for comment in comments)
    for comment in comments:
        if helo is None and (match := _HELO.search(comment)):
            helo = match.group(1).strip('"')
            helo = helo if helo.startswith("[") else _name(helo)
        if not rdns_stated and (match := _RDNS.match(comment)) and _ip(match.group(2)):
            rdns_stated = True
            rdns = match.group(1).rstrip(".").lower()
    address = None if local else _address_in(comments)
    if address is None and token and _is_literal(token):
        address = _ip(token)
    token_name = _name(token) if token and not token.startswith("[") else token
    if local:
        # OpenSMTPD ``from helo (name [local])``, Sendmail ``[UNIX: localhost]``: a program on
        # the server itself submitted the message; no client address, no client name.
        return None, token_name or None, None
    if address is None and len(atoms) > 1 and atoms[1].startswith("[") and _ip(atoms[1]):
        # IMail: ``from helo [ip]``, the address the receiver recorded outside a comment.
        return None, token_name or None, _ip(atoms[1])
    if helo is not None:
        # Exim / qmail: the token is the receiver's name for the client.
        from_name = token_name
    elif rdns_stated:
        # Postfix / Sendmail / Gmail: ``from HELO (rdns [ip])``.
        helo = token_name
        from_name = rdns
    else:
        helo = token_name
        from_name = token_name
    if from_name is not None and (from_name == "unknown" or _is_literal(from_name)):
        from_name = None
    return from_name or None, helo or None, address


def _tls(protocol: str | None, comments: Iterable[str], has_tls_clause: bool) -> bool | None:
    if has_tls_clause or any(_TLS_STATEMENT.search(c) for c in comments):
        return True
    if protocol is None:
        return None
    lowered = protocol.lower()
    if "encrypted" in lowered.split():
        return True  # qmail-based relays: ``with ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP``
    first = lowered.split()[0] if lowered.split() else ""
    if first in _TLS_PROTOCOLS:
        return True
    if lowered in _CLEAR_PROTOCOLS or first in _CLEAR_PROTOCOLS:
        return False
    return None


def _strip_angle(text: str) -> str:
    return text.strip().strip("<>").strip()


def parse_received(value: str) -> Hop:
    """Parse one Received field value into a Hop; never raises (see the module docstring)."""
    raw = value.strip()
    if len(raw) > MAX_RECEIVED_LENGTH:
        return _unparsed(raw)
    try:
        return _parse(raw)
    except Exception:  # hostile header text must never abort an analysis
        return _unparsed(raw)


def _parse(raw: str) -> Hop:
    clauses_text, date_text = _split_date(raw)
    clauses: dict[str, tuple[list[str], list[str]]] = {}
    current: str | None = None
    all_comments: list[str] = []
    for is_comment, text in _segments(clauses_text):
        if is_comment:
            all_comments.append(text)
            if current is not None:
                clauses[current][1].append(text)
            continue
        for atom in _ATOM.findall(text):
            keyword = atom.lower()
            if keyword in _KEYWORDS and keyword not in clauses:
                current = keyword
                clauses[current] = ([], [])
            elif current is not None:
                clauses[current][0].append(atom)
    time = _parse_time(date_text)
    if "from" not in clauses and "by" not in clauses:
        if len(all_comments) == 1 and _QMAIL.match(all_comments[0].strip()):
            return Hop(None, None, None, None, None, None, time, None, raw, False)
        return dataclasses.replace(_unparsed(raw), time=time)

    from_name = helo = address = None
    if "from" in clauses:
        atoms, comments = clauses["from"]
        from_name, helo, address = _from_clause(atoms, comments)
    by = None
    if "by" in clauses and clauses["by"][0]:
        by = _name(clauses["by"][0][0])
    protocol = None
    if "with" in clauses and clauses["with"][0]:
        protocol = " ".join(clauses["with"][0])
    for_address = None
    if "for" in clauses and clauses["for"][0]:
        for_address = _strip_angle(clauses["for"][0][0].rstrip(",;")) or None
    queue_id = None
    if "id" in clauses and clauses["id"][0]:
        queue_id = _strip_angle(clauses["id"][0][0]) or None
    if from_name is None and helo is None and address is None and by is None:
        # ``from``/``by`` with nothing readable after them.
        return dataclasses.replace(_unparsed(raw), time=time)
    tls = _tls(protocol, all_comments, "tls" in clauses and bool(clauses["tls"][0]))
    return Hop(
        from_name=from_name,
        helo=helo,
        from_address=address,
        by=by,
        protocol=protocol,
        tls=tls,
        time=time,
        delay_s=None,
        raw=raw,
        unparsed=False,
        for_address=for_address,
        id=queue_id,
    )


def with_delays(hops_oldest_first: Iterable[Hop]) -> tuple[Hop, ...]:
    """The hops with `delay_s` set from each hop's time and the previous (older) hop's."""
    out: list[Hop] = []
    previous: datetime | None = None
    for index, hop in enumerate(hops_oldest_first):
        current = datetime.fromisoformat(hop.time) if hop.time else None
        delay = None
        if index > 0 and current is not None and previous is not None:
            delay = (current - previous).total_seconds()
        out.append(dataclasses.replace(hop, delay_s=delay))
        previous = current
    return tuple(out)


def hops_from_received(values_newest_first: Iterable[str]) -> tuple[Hop, ...]:
    """Received values in header order (newest first) -> hops oldest first, with delays."""
    hops = [parse_received(v) for v in values_newest_first]
    hops.reverse()
    return with_delays(hops)


def hop_to_json(hop: Hop) -> dict[str, object]:
    """The JSON form of a hop: exactly the keys in `HOP_JSON_KEYS`."""
    return {key: getattr(hop, key) for key in HOP_JSON_KEYS}
