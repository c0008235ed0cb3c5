"""A received message's addresses and names: address fields read with `email.utils` (at most
`MAX_ADDRESS_FIELD` characters), encoded words, registrable domains, and which addresses are
internal (private networks, loopback, link-local)."""

from __future__ import annotations

import functools
import ipaddress
import re
from email.header import decode_header
from email.utils import getaddresses

from mailpath.core.names import InputError, parse_domain, psl_registrable

#: Address fields are read only this far.
MAX_ADDRESS_FIELD = 8_192
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
