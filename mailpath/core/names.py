"""Input normalization, done once at the edge: domains, addresses, IPs, name servers.

Every function raises `InputError` with one sentence a person can act on.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field

import idna
from publicsuffixlist import PublicSuffixList

from mailpath.core.dns.sources import Nameserver, ResolverKind
from mailpath.core.sentences import TEMPLATES as SENTENCE_TEMPLATES
from mailpath.core.sentences import Sentence, idna_reason, is_key, quoted

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")


class InputError(ValueError):
    """Input a person typed that cannot be used, with the reason: a `Sentence` (a template
    key of `mailpath.core.sentences.TEMPLATES` and its parameters), whose English is
    `str(error)`. `InputError(sentence)` keeps a sentence made elsewhere."""

    def __init__(self, key: str, /, **params: object) -> None:
        if isinstance(key, Sentence) and not params:
            sentence = key
        elif params or is_key(key):
            sentence = Sentence(key, **params)
        else:  # a plain sentence (a raise site not yet given a key): shown as it is
            sentence = Sentence("text", text=key)
        super().__init__(sentence)
        self.sentence: Sentence = sentence

    @property
    def key(self) -> str:
        return self.sentence.key

    @property
    def params(self) -> Mapping[str, object]:
        return self.sentence.params

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.sentence,))


#: The names of the input fields that are sentences of their own (translated with the rest).
_WHAT = {
    "sender": "what/sender",
    "recipient": "what/recipient",
    "sending host": "what/sending-host",
    "sending host address": "what/sending-host-address",
    "domain": "what/domain",
    "IP address": "what/ip-address",
}


def _what(what: str) -> str:
    """A field's name as a sentence when it is one of ours, else as given."""
    if isinstance(what, Sentence):
        return what
    key = _WHAT.get(what)
    return Sentence(key) if key else what


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
    what = _what(what)
    if not raw:
        raise InputError("input/empty", what=what)
    if _looks_like_ip(raw):
        raise InputError("input/ip-not-domain", what=what, value=quoted(raw))
    if any(c.isspace() for c in raw):
        raise InputError("input/space", what=what, value=quoted(raw))
    if ".." in raw or raw.startswith("."):
        raise InputError("input/empty-label", what=what, value=quoted(raw))
    if raw.isascii():
        ascii_name = raw.lower()
    else:
        try:
            ascii_name = idna.encode(raw, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise InputError(
                "input/idna", what=what, value=quoted(raw), reason=idna_reason(exc)
            ) from None
        except UnicodeError as exc:
            raise InputError(
                "input/unicode", what=what, value=quoted(raw), reason=idna_reason(exc)
            ) from None
    _check_ascii_name(ascii_name, what, raw)
    try:
        unicode_name = idna.decode(ascii_name) if "xn--" in ascii_name else ascii_name
    except (idna.IDNAError, UnicodeError):
        unicode_name = ascii_name
    return Domain(ascii_name, unicode_name)


def _check_ascii_name(name: str, what: str, raw: str) -> None:
    if len(name) > 253:
        raise InputError("input/too-long", what=what, count=len(name))
    labels = name.split(".")
    for label in labels:
        if not label:
            raise InputError("input/empty-label", what=what, value=quoted(raw))
        if len(label) > 63:
            raise InputError("input/label-too-long", what=what, count=len(label), label=label[:20])
        if not _LABEL.match(label):
            raise InputError(
                "input/invalid-label", what=what, value=quoted(raw), label=quoted(label)
            )
    if len(labels) < 2:
        raise InputError("input/one-label", what=what, value=quoted(raw))
    if labels[-1].isdigit():
        raise InputError("input/numeric-tld", what=what, value=quoted(raw))


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
    named = _what(what)
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
        raise InputError(
            "input/bad-web-address", what=named, value=quoted(shown), reason=str(exc)
        ) from None
    if not host:
        raise InputError("input/web-address-no-host", what=named, value=quoted(shown))
    host = host.rstrip(".")
    note = "input/read-as"
    if what != "sending host" and host.startswith("www.") and host.count(".") >= 2:
        host, note = host[4:], "input/read-as-without-www"
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return host, Sentence(note, what=named, value=shown, host=host)


def parse_party(text: str, what: str = "sender") -> Party:
    """`user@domain`, `@domain` or `domain`, forgiving what people paste
    (see `normalize_input`); `Party.note` says what was read when that is not obvious."""
    raw, note = normalize_input(text, what)
    named = _what(what)
    if not raw:
        raise InputError("input/empty", what=named)
    if "@" in raw:
        local, _, domain = raw.rpartition("@")
        if not domain.strip():
            raise InputError("input/no-domain-after-at", what=named, value=quoted(raw))
        if "@" in local and not (len(local) >= 2 and local[0] == local[-1] == '"'):
            raise InputError("input/two-ats", what=named, value=quoted(raw))
        if any(c.isspace() for c in local):
            raise InputError("input/local-space", what=named, value=quoted(raw))
        if len(local.encode("utf-8")) > 64:
            raise InputError("input/local-too-long", what=named)
        return Party(parse_domain(domain, what), local or None, note)
    return Party(parse_domain(raw, what), note=note)


def parse_ip(text: str, what: str = "IP address") -> IPAddress:
    raw = text.strip()
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1]
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        raise InputError("input/bad-ip", what=_what(what), value=quoted(text.strip())) from None


#: Every form `parse_nameserver` accepts, as `--help` and the error messages list them.
NAMESERVER_FORMS = SENTENCE_TEMPLATES["input/nameserver-forms"]


def _forms() -> Sentence:
    return Sentence("input/nameserver-forms")


def parse_nameserver(text: str) -> Nameserver:
    """`IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address (plain DNS);
    `https://host[:port]/path[#ADDRESS]` (DoH, RFC 8484: `#ADDRESS` is the server's IP, so
    its name is not looked up); `tls://IP[:port][#name]` (DoT, RFC 7858)."""
    raw = text.strip()
    if not raw:
        raise InputError("input/nameserver-empty")
    lowered = raw.lower()
    if lowered.startswith("https://"):
        return _parse_doh(raw)
    if lowered.startswith("tls://"):
        return _parse_dot(raw)
    if "://" in raw:
        raise InputError("input/nameserver-scheme", value=quoted(raw), forms=_forms())
    address, port = _address_port(raw, 53)
    return Nameserver(address, port)


def _parse_doh(raw: str) -> Nameserver:
    try:
        parsed = urllib.parse.urlsplit(raw)
        port = parsed.port
    except ValueError as exc:
        raise InputError("input/nameserver-bad-url", value=quoted(raw), reason=str(exc)) from None
    host = parsed.hostname or ""
    if not host:
        raise InputError("input/nameserver-no-host", value=quoted(raw))
    if parsed.query:
        raise InputError("input/nameserver-doh-query", value=quoted(raw))
    bootstrap: str | None = None
    if parsed.fragment:
        # `#ADDRESS`, as in `tls://ADDRESS#NAME`: where the server is, so that its name is
        # never looked up. The certificate must still carry the URL's name.
        literal = parsed.fragment.strip("[]")
        try:
            bootstrap = str(ipaddress.ip_address(literal))
        except ValueError:
            raise InputError("input/nameserver-doh-address", value=quoted(raw)) from None
    if "." not in host and re.fullmatch(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", host):
        pass  # one label (`localhost`, a name from /etc/hosts): the system looks it up
    elif not _looks_like_ip(host):
        parse_domain(host, Sentence("what/doh-server", url=quoted(raw)))
    path = parsed.path or "/dns-query"
    netloc = parsed.netloc
    return Nameserver(
        f"https://{netloc}{path}", port or 443, kind=ResolverKind.DOH, bootstrap=bootstrap
    )


def _parse_dot(raw: str) -> Nameserver:
    rest = raw[len("tls://") :]
    rest, _, name = rest.partition("#")
    hostname = None
    if name:
        hostname = parse_domain(name, Sentence("what/tls-name", url=quoted(raw))).ascii
    if not rest:
        raise InputError("input/nameserver-tls-no-ip", value=quoted(raw))
    address, port = _address_port(rest, 853, shown=raw)
    return Nameserver(address, port, kind=ResolverKind.DOT, hostname=hostname)


def _address_port(raw: str, default_port: int, shown: str | None = None) -> tuple[str, int]:
    shown = shown or raw
    port_text: str | None = None
    if raw.startswith("["):
        host, sep, rest = raw[1:].partition("]")
        if not sep:
            raise InputError("input/nameserver-bracket", value=quoted(shown))
        if rest:
            if not rest.startswith(":"):
                raise InputError("input/nameserver-after-bracket", value=quoted(shown))
            port_text = rest[1:]
    elif raw.count(":") == 1:
        host, port_text = raw.split(":")
    else:
        host = raw
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise InputError("input/nameserver-not-ip", value=quoted(shown), forms=_forms()) from None
    port = default_port
    if port_text is not None:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InputError("input/nameserver-port", value=quoted(shown))
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
        raise InputError("input/sending-host-empty")
    if _looks_like_ip(raw):
        return SendingHost(address=parse_ip(raw, "sending host address"), note=note)
    if "@" in raw:
        raise InputError("input/sending-host-address", value=quoted(raw))
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


def is_ip_address(text: str) -> bool:
    """`text` is an IPv4 or IPv6 address (not a host name)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
