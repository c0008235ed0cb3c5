"""Well-known public resolvers, as data for the GUI's resolver choice.

Each entry gives the plain-DNS address, the DoH URL (RFC 8484) and the DoT address with the
name its certificate carries (RFC 7858), in the forms `--nameserver` accepts. mailpath never
contacts them unless the user picks one; tests never do.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PUBLIC_RESOLVERS", "PublicResolver"]


@dataclass(frozen=True)
class PublicResolver:
    name: str
    udp: str  # IP
    doh: str  # https://.../dns-query
    dot: str  # tls://IP#name

    def choices(self) -> tuple[str, str, str]:
        """The three `--nameserver` texts: plain DNS, DoH, DoT."""
        return (self.udp, self.doh, self.dot)


PUBLIC_RESOLVERS: tuple[PublicResolver, ...] = (
    PublicResolver(
        "Cloudflare",
        "1.1.1.1",
        "https://cloudflare-dns.com/dns-query",
        "tls://1.1.1.1#one.one.one.one",
    ),
    PublicResolver("Google", "8.8.8.8", "https://dns.google/dns-query", "tls://8.8.8.8#dns.google"),
    PublicResolver(
        "Quad9", "9.9.9.9", "https://dns.quad9.net/dns-query", "tls://9.9.9.9#dns.quad9.net"
    ),
    PublicResolver(
        "Mullvad",
        "194.242.2.2",
        "https://dns.mullvad.net/dns-query",
        "tls://194.242.2.2#dns.mullvad.net",
    ),
)
