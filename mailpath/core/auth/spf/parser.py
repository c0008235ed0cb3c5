"""SPF record syntax (RFC 7208 sections 4.5, 4.6, 5, 6, 7, 12) and the macro language.

Parsing is strict: a syntax error anywhere in a record is a permerror even when a mechanism
before it would have matched (RFC 7208 4.6), so the whole record is parsed before evaluation.
"""

from __future__ import annotations

import ipaddress
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

import idna

__all__ = [
    "DNS_MECHANISMS",
    "MECHANISMS",
    "MacroContext",
    "Mechanism",
    "Modifier",
    "ParsedRecord",
    "SpfSyntaxError",
    "check_domain_spec",
    "check_macro_string",
    "expand_domain_spec",
    "expand_macros",
    "is_spf_record",
    "parse_record",
    "parse_term",
    "split_terms",
    "valid_check_domain",
]

MECHANISMS = ("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists")
#: Mechanisms and modifiers that cost one of the 10 DNS lookups (RFC 7208 4.6.4).
DNS_MECHANISMS = frozenset({"include", "a", "mx", "ptr", "exists", "redirect"})
QUALIFIERS = "+-~?"
_DELIMITERS = ".-+,/_="
_MACRO_LETTERS = "slodiphcrtv"
_EXP_ONLY_LETTERS = "crt"

_MODIFIER_RE = re.compile(r"([A-Za-z][A-Za-z0-9\-_.]*)=(.*)\Z", re.DOTALL)
_TOPLABEL_RE = re.compile(
    r"(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9\-]*[A-Za-z0-9])\Z"
)
_CIDR_RE = re.compile(r"(.*?)(?:/([0-9]+))?(?://([0-9]+))?\Z", re.DOTALL)
_IP4_RE = re.compile(r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\Z")


class SpfSyntaxError(ValueError):
    """A record, term or macro string that RFC 7208's grammar rejects."""

    def __init__(self, message: str, term: str | None = None) -> None:
        super().__init__(message)
        self.term = term


# ---------------------------------------------------------------- record model


@dataclass(frozen=True)
class Mechanism:
    text: str
    qualifier: str  # "+", "-", "~", "?" (explicit or the default "+")
    name: str  # lower case
    domain_spec: str | None = None  # include, a, mx, ptr, exists
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None  # ip4, ip6
    cidr4: int = 32
    cidr6: int = 128

    @property
    def kind(self) -> str:
        return "mechanism"


@dataclass(frozen=True)
class Modifier:
    text: str
    name: str  # lower case
    value: str

    @property
    def kind(self) -> str:
        return "modifier"

    @property
    def qualifier(self) -> str:
        return ""


Term = Mechanism | Modifier


@dataclass(frozen=True)
class ParsedRecord:
    text: str
    terms: tuple[Term, ...]
    mechanisms: tuple[Mechanism, ...] = field(default=())
    redirect: Modifier | None = None
    exp: Modifier | None = None


# ---------------------------------------------------------------- record selection


def is_spf_record(text: str | bytes) -> bool:
    """RFC 7208 4.5: "v=spf1" (any case) followed by a space or the end of the record."""
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    head = text[:7].lower()
    return head == "v=spf1" or head == "v=spf1 "


def split_terms(text: str) -> list[str]:
    """The terms after the version tag, split on spaces only (RFC 7208 4.6.1)."""
    return [t for t in text[6:].split(" ") if t]


# ---------------------------------------------------------------- parsing


def parse_record(text: str | bytes) -> ParsedRecord:
    if isinstance(text, bytes):
        try:
            text = text.decode("ascii")
        except UnicodeDecodeError:
            raise SpfSyntaxError("the record holds non-ASCII bytes") from None
    if not is_spf_record(text):
        raise SpfSyntaxError("the record does not begin with 'v=spf1'")
    bad = _first_bad_char(text)
    if bad is not None:
        raise SpfSyntaxError(f"the record holds a forbidden character {bad!r}")
    terms: list[Term] = []
    mechanisms: list[Mechanism] = []
    redirect: Modifier | None = None
    exp: Modifier | None = None
    for raw in split_terms(text):
        term = parse_term(raw)
        terms.append(term)
        if isinstance(term, Mechanism):
            mechanisms.append(term)
        elif term.name == "redirect":
            if redirect is not None:
                raise SpfSyntaxError("'redirect' appears more than once", raw)
            redirect = term
        elif term.name == "exp":
            if exp is not None:
                raise SpfSyntaxError("'exp' appears more than once", raw)
            exp = term
    return ParsedRecord(text, tuple(terms), tuple(mechanisms), redirect, exp)


def _first_bad_char(text: str) -> str | None:
    for ch in text:
        if not (0x20 <= ord(ch) <= 0x7E):
            return ch
    return None


def parse_term(raw: str) -> Term:
    """One term (directive or modifier); raises SpfSyntaxError naming it."""
    try:
        return _parse_term(raw)
    except SpfSyntaxError as exc:
        if exc.term is None:
            raise SpfSyntaxError(f"'{raw}': {exc}", raw) from None
        raise


def _parse_term(raw: str) -> Term:
    bad = _first_bad_char(raw)
    if bad is not None or " " in raw:
        raise SpfSyntaxError(f"forbidden character {bad!r}")
    m = _MODIFIER_RE.match(raw)
    if m:
        name = m.group(1).lower()
        value = m.group(2)
        if name in ("redirect", "exp"):
            if not value:
                raise SpfSyntaxError(f"'{name}=' needs a domain")
            check_domain_spec(value)
        else:
            check_macro_string(value)
        return Modifier(raw, name, value)
    qualifier = "+"
    body = raw
    if body and body[0] in QUALIFIERS:
        qualifier, body = body[0], body[1:]
    cut = len(body)
    for i, ch in enumerate(body):
        if ch in ":/":
            cut = i
            break
    name = body[:cut].lower()
    rest = body[cut:]
    if name not in MECHANISMS:
        if "=" in raw:
            raise SpfSyntaxError("not a valid modifier (bad name)")
        raise SpfSyntaxError(f"unknown mechanism '{body[:cut]}'")
    if name == "all":
        if rest:
            raise SpfSyntaxError("'all' takes no argument")
        return Mechanism(raw, qualifier, name)
    if name in ("include", "exists"):
        if not rest.startswith(":") or len(rest) == 1:
            raise SpfSyntaxError(f"'{name}' needs ':' and a domain")
        check_domain_spec(rest[1:])
        return Mechanism(raw, qualifier, name, domain_spec=rest[1:])
    if name == "ptr":
        if not rest:
            return Mechanism(raw, qualifier, name)
        if not rest.startswith(":") or len(rest) == 1:
            raise SpfSyntaxError("'ptr' takes only ':' and a domain")
        check_domain_spec(rest[1:])
        return Mechanism(raw, qualifier, name, domain_spec=rest[1:])
    if name in ("a", "mx"):
        cm = _CIDR_RE.match(rest)
        assert cm is not None  # the pattern matches any string
        spec, c4, c6 = cm.group(1), cm.group(2), cm.group(3)
        domain: str | None = None
        if spec:
            if not spec.startswith(":") or len(spec) == 1:
                raise SpfSyntaxError(f"'{name}' needs a domain after ':'")
            domain = spec[1:]
            check_domain_spec(domain)
        cidr4 = _cidr(c4, 32) if c4 is not None else 32
        cidr6 = _cidr(c6, 128) if c6 is not None else 128
        return Mechanism(raw, qualifier, name, domain_spec=domain, cidr4=cidr4, cidr6=cidr6)
    # ip4, ip6
    if not rest.startswith(":"):
        raise SpfSyntaxError(f"'{name}' needs ':' and a network")
    value = rest[1:]
    net_text, _, cidr_text = value.partition("/")
    if name == "ip4":
        if not _valid_ip4(net_text):
            raise SpfSyntaxError(f"invalid IPv4 address '{net_text}'")
        length = _cidr(cidr_text, 32) if "/" in value else 32
        net4 = ipaddress.IPv4Network(f"{net_text}/{length}", strict=False)
        return Mechanism(raw, qualifier, name, network=net4, cidr4=length)
    if not _valid_ip6(net_text):
        raise SpfSyntaxError(f"invalid IPv6 address '{net_text}'")
    length = _cidr(cidr_text, 128) if "/" in value else 128
    net6 = ipaddress.IPv6Network(f"{net_text}/{length}", strict=False)
    return Mechanism(raw, qualifier, name, network=net6, cidr6=length)


def _cidr(text: str, maximum: int) -> int:
    if not text.isdigit() or not text.isascii() or (len(text) > 1 and text[0] == "0"):
        raise SpfSyntaxError(f"invalid CIDR length '/{text}'")
    value = int(text)
    if value > maximum:
        raise SpfSyntaxError(f"CIDR length /{value} is over {maximum}")
    return value


def _valid_ip4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(_IP4_RE.match(p) for p in parts)


def _valid_ip6(text: str) -> bool:
    if not text or "%" in text or not all(c in "0123456789abcdefABCDEF:." for c in text):
        return False
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- macro syntax

# A parsed macro string: literal text, or (letter, digits, reverse, delimiters).
_Token = str | tuple[str, int | None, bool, str]


def _tokenize(text: str, *, explanation: bool) -> list[_Token]:
    return _scan(text, explanation=explanation)[0]


def _scan(text: str, *, explanation: bool) -> tuple[list[_Token], str]:
    """Tokens of a macro string, and the raw literal text after its last macro-expand."""
    tokens: list[_Token] = []
    i = 0
    n = len(text)
    literal: list[str] = []
    tail: list[str] = []
    while i < n:
        ch = text[i]
        if ch != "%":
            if not (0x21 <= ord(ch) <= 0x7E or (explanation and ch == " ")):
                raise SpfSyntaxError(f"forbidden character {ch!r} in '{text}'")
            literal.append(ch)
            tail.append(ch)
            i += 1
            continue
        if i + 1 >= n:
            raise SpfSyntaxError(f"'%' at the end of '{text}'")
        nxt = text[i + 1]
        tail = []
        if nxt in "%_-":
            literal.append({"%": "%", "_": " ", "-": "%20"}[nxt])
            i += 2
            continue
        if nxt != "{":
            raise SpfSyntaxError(f"'%' not followed by '{{', '%', '_' or '-' in '{text}'")
        end = text.find("}", i + 2)
        if end < 0:
            raise SpfSyntaxError(f"unterminated macro in '{text}'")
        body = text[i + 2 : end]
        if literal:
            tokens.append("".join(literal))
            literal = []
        tokens.append(_parse_macro(body, text, explanation=explanation))
        i = end + 1
    if literal:
        tokens.append("".join(literal))
    return tokens, "".join(tail)


def _parse_macro(body: str, text: str, *, explanation: bool) -> tuple[str, int | None, bool, str]:
    if not body:
        raise SpfSyntaxError(f"empty macro '%{{}}' in '{text}'")
    letter = body[0]
    if letter.lower() not in _MACRO_LETTERS or not letter.isascii():
        raise SpfSyntaxError(f"unknown macro letter '{letter}' in '{text}'")
    if letter.lower() in _EXP_ONLY_LETTERS and not explanation:
        raise SpfSyntaxError(f"macro letter '{letter}' is allowed only in exp text ('{text}')")
    j = 1
    while j < len(body) and body[j] in "0123456789":
        j += 1
    digits: int | None = None
    if j > 1:
        digits = int(body[1:j])
        if digits == 0:
            raise SpfSyntaxError(f"macro transformer 0 in '{text}'")
    reverse = False
    if j < len(body) and body[j] in "rR":
        reverse = True
        j += 1
    delims = body[j:]
    for d in delims:
        if d not in _DELIMITERS:
            raise SpfSyntaxError(f"invalid macro delimiter {d!r} in '{text}'")
    return (letter, digits, reverse, delims)


def check_macro_string(text: str, *, explanation: bool = False) -> None:
    _tokenize(text, explanation=explanation)


def check_domain_spec(text: str) -> None:
    """RFC 7208 7.1: domain-spec = macro-string domain-end."""
    if not text:
        raise SpfSyntaxError("empty domain")
    _, tail = _scan(text, explanation=False)
    if not tail:
        return  # ends with a macro-expand
    tail = tail[:-1] if tail.endswith(".") else tail
    dot = tail.rfind(".")
    if dot < 0:
        raise SpfSyntaxError(f"'{text}' does not end in '.' and a top label")
    top = tail[dot + 1 :]
    if not _TOPLABEL_RE.match(top):
        raise SpfSyntaxError(f"'{text}' has an invalid top label '{top}'")


# ---------------------------------------------------------------- macro expansion


@dataclass
class MacroContext:
    """The values the macro letters expand to (RFC 7208 7.3)."""

    sender: str  # <sender>: local-part@domain
    domain: str  # <domain> being checked
    ip: str  # client IP text (IPv4-mapped IPv6 already turned into IPv4)
    helo: str = ""
    receiver: str = "unknown"  # %{r}
    validated_name: Callable[[], str] | None = None  # %{p}, resolved only when used
    timestamp: int | None = None

    @property
    def is_ip6(self) -> bool:
        return ":" in self.ip

    def local_part(self) -> str:
        local, at, _ = self.sender.rpartition("@")
        return local if at else "postmaster"

    def sender_domain(self) -> str:
        _, _, dom = self.sender.rpartition("@")
        return dom

    def value(self, letter: str) -> str:
        letter = letter.lower()
        if letter == "s":
            return self.sender
        if letter == "l":
            return self.local_part()
        if letter == "o":
            return self.sender_domain()
        if letter == "d":
            return self.domain
        if letter == "i":
            if self.is_ip6:
                packed = ipaddress.IPv6Address(self.ip).exploded.replace(":", "")
                return ".".join(packed)
            return self.ip
        if letter == "v":
            return "ip6" if self.is_ip6 else "in-addr"
        if letter == "h":
            return self.helo
        if letter == "c":
            return str(ipaddress.ip_address(self.ip))
        if letter == "r":
            return self.receiver or "unknown"
        if letter == "t":
            return str(self.timestamp if self.timestamp is not None else int(time.time()))
        if letter == "p":
            return self.validated_name() if self.validated_name else "unknown"
        raise SpfSyntaxError(f"unknown macro letter '{letter}'")


def uses_ptr_macro(text: str) -> bool:
    lowered = text.lower()
    return "%{p" in lowered


def _apply(value: str, digits: int | None, reverse: bool, delims: str) -> str:
    if not delims and digits is None and not reverse:
        return value
    parts = re.split("[" + re.escape(delims or ".") + "]", value)
    if reverse:
        parts.reverse()
    if digits is not None and digits < len(parts):
        parts = parts[len(parts) - digits :]
    return ".".join(parts)


def expand_macros(text: str, context: MacroContext, *, explanation: bool = False) -> str:
    """Expand a macro string; raises SpfSyntaxError on a bad macro."""
    out: list[str] = []
    for token in _tokenize(text, explanation=explanation):
        if isinstance(token, str):
            out.append(token)
            continue
        letter, digits, reverse, delims = token
        value = _apply(context.value(letter), digits, reverse, delims)
        if letter.isupper():
            value = urllib.parse.quote(value, safe="-._~")
        out.append(value)
    return "".join(out)


def expand_domain_spec(text: str, context: MacroContext) -> str:
    """Expand a domain-spec into a name to query: trailing dot dropped, at most 253 octets.

    The name is built from its labels, each written in DNS presentation form: a backslash or
    other special character that a macro (`%{l}`) brings in is escaped, so the DNS layer
    reads it as that octet, never as an escape; a non-ASCII label is its IDNA 2008 A-label
    (the raw UTF-8 octets when it has none)."""
    name = expand_macros(text, context)
    if name.endswith("."):
        name = name[:-1]
    labels = [_label_octets(label) for label in name.split(".")]
    while len(labels) > 1 and sum(len(x) + 1 for x in labels) - 1 > 253:
        labels.pop(0)
    if labels and len(labels[0]) > 253:
        labels[0] = labels[0][-253:]
    return ".".join(_escape_label(x) for x in labels)


def _label_octets(label: str) -> bytes:
    if label.isascii():
        return label.encode("ascii")
    try:
        return bytes(idna.alabel(label))
    except (idna.IDNAError, UnicodeError, ValueError):
        return label.encode("utf-8")


_SPECIAL = frozenset(b'\\."()@$;')


def _escape_label(label: bytes) -> str:
    out = []
    for octet in label:
        if octet in _SPECIAL:
            out.append("\\" + chr(octet))
        elif 0x21 <= octet <= 0x7E:
            out.append(chr(octet))
        else:
            out.append(f"\\{octet:03d}")
    return "".join(out)


def valid_check_domain(domain: str) -> bool:
    """RFC 7208 4.3: a domain check_host() can look up (else the result is "none")."""
    if not domain or len(domain) > 253 or domain.startswith("["):
        return False
    labels = domain.split(".")
    if len(labels) < 2:
        return False
    return all(1 <= len(label) <= 63 for label in labels)


def queryable_name(name: str) -> bool:
    """Can a DNS question be composed from this name (no empty labels, labels <= 63)?"""
    if not name or len(name) > 253:
        return False
    return all(1 <= len(label) <= 63 for label in name.split("."))
