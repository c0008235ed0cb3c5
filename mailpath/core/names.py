"""Input normalization, done once at the edge: domains, addresses, IPs, name servers.

Every function raises `InputError` with one sentence a person can act on.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import urllib.parse
from dataclasses import dataclass, field

import idna
from publicsuffixlist import PublicSuffixList

from mailpath.core.dns import Nameserver, ResolverKind

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")


class InputError(ValueError):
    """Input a person typed that cannot be used, with the reason."""


@dataclass(frozen=True)
class Domain:
    """A domain in both forms: `ascii` (A-labels, what DNS sees) and `unicode` (for display)."""

    ascii: str
    unicode: str

    def __str__(self) -> str:
        return self.ascii

    @property
    def display(self) -> str:
        if self.unicode != self.ascii:
            return f"{self.unicode} ({self.ascii})"
        return self.ascii


@dataclass(frozen=True)
class Party:
    """A sender or recipient: a domain, maybe with the local part of an address."""

    domain: Domain
    local: str | None = None
    #: What forgiving input did that the person may not expect ("... was read as ..."), or None.
    note: str | None = field(default=None, compare=False)

    @property
    def address(self) -> str:
        return f"{self.local or 'postmaster'}@{self.domain.ascii}"


def _clean(text: str) -> str:
    text = text.strip()
    if text.endswith("."):
        text = text[:-1]
    return text


def parse_domain(text: str, what: str = "domain") -> Domain:
    """Normalize a domain: trim, one trailing dot, case, IDNA 2008 (UTS 46 mapping)."""
    raw = _clean(text)
    if not raw:
        raise InputError(f"the {what} is empty")
    if _looks_like_ip(raw):
        raise InputError(f"the {what} {raw!r} is an IP address; a domain name is needed here")
    if any(c.isspace() for c in raw):
        raise InputError(f"the {what} {raw!r} contains a space")
    if ".." in raw or raw.startswith("."):
        raise InputError(f"the {what} {raw!r} has an empty label")
    if raw.isascii():
        ascii_name = raw.lower()
    else:
        try:
            ascii_name = idna.encode(raw, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise InputError(
                f"the {what} {raw!r} is not a valid internationalized name: {exc}"
            ) from None
        except UnicodeError as exc:
            raise InputError(f"the {what} {raw!r} is not a valid name: {exc}") from None
    _check_ascii_name(ascii_name, what, raw)
    try:
        unicode_name = idna.decode(ascii_name) if "xn--" in ascii_name else ascii_name
    except (idna.IDNAError, UnicodeError):
        unicode_name = ascii_name
    return Domain(ascii_name, unicode_name)


def _check_ascii_name(name: str, what: str, raw: str) -> None:
    if len(name) > 253:
        raise InputError(f"the {what} is {len(name)} characters long; the limit is 253")
    labels = name.split(".")
    for label in labels:
        if not label:
            raise InputError(f"the {what} {raw!r} has an empty label")
        if len(label) > 63:
            raise InputError(
                f"the {what} has a label of {len(label)} characters ({label[:20]}...); "
                "the limit is 63"
            )
        if not _LABEL.match(label):
            raise InputError(
                f"the {what} {raw!r} has an invalid label {label!r}: use letters, digits and "
                "hyphens, not at the start or end"
            )
    if len(labels) < 2:
        raise InputError(f"the {what} {raw!r} needs at least two labels, like example.com")
    if labels[-1].isdigit():
        raise InputError(f"the {what} {raw!r} ends in a numeric label")


def _looks_like_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


# Full-width ASCII (U+FF01-U+FF5E, what a Japanese IME types) folds to ASCII; the
# ideographic space and the full stops UTS 46 maps to "." fold too. Nothing else is touched,
# so Japanese labels (日本語.jp) go to IDNA as typed.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH.update({0x3000: 0x20, 0x3002: 0x2E, 0xFF61: 0x2E})
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "`": "`"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _unquote(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def normalize_input(text: str, what: str = "sender") -> tuple[str, str | None]:
    """What a person pasted, reduced to what the parsers read, and a note when that is not
    obvious (None otherwise). Forgiven: whitespace and newlines around, surrounding quotes,
    full-width characters (ＡＢＣ．ｊｐ, ＠), `Name <addr>` and `<addr>`, `mailto:addr`, and a
    URL or `host/path` (its host; for a sender or recipient without a leading `www.`, which
    names a web server, not a mail domain). `what` names the field in notes and errors."""
    raw = text.translate(_FULL_WIDTH).strip()
    shown = " ".join(raw.split())
    cleaned = _unquote(raw)
    if cleaned.endswith(">") and "<" in cleaned:
        cleaned = _unquote(cleaned[cleaned.rindex("<") + 1 : -1])
    if cleaned[:7].lower() == "mailto:":
        cleaned = urllib.parse.unquote(cleaned[7:].partition("?")[0]).strip()
    is_url = bool(_SCHEME.match(cleaned))
    bare_path = "/" in cleaned and "@" not in cleaned and not any(c.isspace() for c in cleaned)
    if not (is_url or bare_path):
        return cleaned, None
    try:
        parsed = urllib.parse.urlsplit(cleaned if is_url else f"//{cleaned}")
        host = parsed.hostname or ""
    except ValueError as exc:
        raise InputError(f"the {what} {shown!r} is not a usable web address: {exc}") from None
    if not host:
        raise InputError(f"the {what} {shown!r} is a web address without a host name")
    host = host.rstrip(".")
    dropped_www = ""
    if what != "sending host" and host.startswith("www.") and host.count(".") >= 2:
        host, dropped_www = host[4:], " (its host without www.)"
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return host, f"the {what} {shown} was read as {host}{dropped_www}"


def parse_party(text: str, what: str = "sender") -> Party:
    """`user@domain`, `@domain` or `domain`, forgiving what people paste
    (see `normalize_input`); `Party.note` says what was read when that is not obvious."""
    raw, note = normalize_input(text, what)
    if not raw:
        raise InputError(f"the {what} is empty")
    if "@" in raw:
        local, _, domain = raw.rpartition("@")
        if not domain.strip():
            raise InputError(f"the {what} {raw!r} has no domain after '@'")
        if "@" in local and not (len(local) >= 2 and local[0] == local[-1] == '"'):
            raise InputError(f"the {what} {raw!r} has more than one '@'")
        if any(c.isspace() for c in local):
            raise InputError(f"the {what} {raw!r} has a space in its local part")
        if len(local.encode("utf-8")) > 64:
            raise InputError(f"the {what}'s local part is over 64 octets")
        return Party(parse_domain(domain, what), local or None, note)
    return Party(parse_domain(raw, what), note=note)


def parse_ip(text: str, what: str = "IP address") -> IPAddress:
    raw = text.strip()
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1]
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        raise InputError(f"{text.strip()!r} is not a valid IPv4 or IPv6 {what}") from None


def parse_nameserver(text: str) -> Nameserver:
    """`IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address (plain DNS);
    `https://host[:port]/path` (DoH, RFC 8484); `tls://IP[:port][#name]` (DoT, RFC 7858)."""
    raw = text.strip()
    if not raw:
        raise InputError("the name server is empty")
    lowered = raw.lower()
    if lowered.startswith("https://"):
        return _parse_doh(raw)
    if lowered.startswith("tls://"):
        return _parse_dot(raw)
    if "://" in raw:
        raise InputError(
            f"name server {raw!r}: unknown scheme (use IP[:PORT], https://HOST/dns-query "
            "or tls://IP[:PORT][#NAME])"
        )
    address, port = _address_port(raw, 53)
    return Nameserver(address, port)


def _parse_doh(raw: str) -> Nameserver:
    try:
        parsed = urllib.parse.urlsplit(raw)
        port = parsed.port
    except ValueError as exc:
        raise InputError(f"name server {raw!r}: bad URL ({exc})") from None
    host = parsed.hostname or ""
    if not host:
        raise InputError(f"name server {raw!r}: the URL names no host")
    if parsed.query or parsed.fragment:
        raise InputError(f"name server {raw!r}: a DoH URL takes no query or fragment")
    if not _looks_like_ip(host):
        parse_domain(host, f"DoH server in {raw!r}")
    path = parsed.path or "/dns-query"
    netloc = parsed.netloc
    return Nameserver(f"https://{netloc}{path}", port or 443, kind=ResolverKind.DOH)


def _parse_dot(raw: str) -> Nameserver:
    rest = raw[len("tls://") :]
    rest, _, name = rest.partition("#")
    hostname = None
    if name:
        hostname = parse_domain(name, f"TLS name in {raw!r}").ascii
    if not rest:
        raise InputError(f"name server {raw!r}: give the server's IP after tls://")
    address, port = _address_port(rest, 853, shown=raw)
    return Nameserver(address, port, kind=ResolverKind.DOT, hostname=hostname)


def _address_port(raw: str, default_port: int, shown: str | None = None) -> tuple[str, int]:
    shown = shown or raw
    port_text: str | None = None
    if raw.startswith("["):
        host, sep, rest = raw[1:].partition("]")
        if not sep:
            raise InputError(f"name server {shown!r}: missing ']'")
        if rest:
            if not rest.startswith(":"):
                raise InputError(f"name server {shown!r}: expected ':PORT' after ']'")
            port_text = rest[1:]
    elif raw.count(":") == 1:
        host, port_text = raw.split(":")
    else:
        host = raw
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise InputError(
            # This text is matched by the GUI's translations (gui/labels.py): keep it.
            f"name server {shown!r} is not an IP address (use IP, IP:PORT or [IPv6]:PORT)"
        ) from None
    port = default_port
    if port_text is not None:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InputError(f"name server {shown!r}: the port must be a number from 1 to 65535")
        port = int(port_text)
    return str(address), port


@dataclass(frozen=True)
class SendingHost:
    """The `--via` server: a host name or an IP literal."""

    name: Domain | None = None
    address: IPAddress | None = None
    note: str | None = field(default=None, compare=False)  # as `Party.note`

    @property
    def label(self) -> str:
        if self.name is not None:
            return self.name.ascii
        return str(self.address)


def parse_sending_host(text: str) -> SendingHost:
    """A host name or IP literal, forgiving what people paste (see `normalize_input`: a URL
    gives its host, `www.` kept, since here it may well be the sending machine)."""
    typed, note = normalize_input(text, "sending host")
    raw = _clean(typed)
    if not raw:
        raise InputError("the sending host is empty")
    if _looks_like_ip(raw):
        return SendingHost(address=parse_ip(raw, "sending host address"), note=note)
    if "@" in raw:
        raise InputError(f"the sending host {raw!r} is an address; give the server's name or IP")
    return SendingHost(name=parse_domain(raw, "sending host"), note=note)


@functools.cache
def public_suffix_list() -> PublicSuffixList:
    """The public suffix list, loaded once per process (it takes ~0.15 s)."""
    return PublicSuffixList()


def psl_registrable(domain: str) -> str:
    """The registrable domain of `domain` under the public suffix list (RFC 7489's
    organizational domain); the domain itself if it is a suffix or the list cannot tell."""
    try:
        return str(public_suffix_list().privatesuffix(domain) or domain)
    except Exception:  # the list chokes on odd input: no registrable domain to claim then
        return domain
