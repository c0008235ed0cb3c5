"""The seed scenario as master files for NSD: ts.skr.jp sends through www274.sakura.ne.jp to
gmail.com.

Addresses come from the documentation ranges (RFC 5737, RFC 3849), so nothing here points at a
real server. `seed_zones(spf=...)` builds the zones for each variant the tests need: before the
fix (no SPF), after it (`a:www274.sakura.ne.jp`), and the IPv6 gap (only the IPv4 listed).
"""

from __future__ import annotations

from tests.support.nsd import zone_text

SENDER = "ts.skr.jp"
VIA = "www274.sakura.ne.jp"
RECIPIENT = "gmail.com"
VIA_V4 = "203.0.113.74"
VIA_V6 = "2001:db8:e0::274"
OUTSIDE_V4 = "198.51.100.99"

#: Gmail's five MX hosts, in preference order.
GMAIL_MX = [
    (5, "gmail-smtp-in.l.google.com", "198.51.100.26", "2001:db8:4860::1b"),
    (10, "alt1.gmail-smtp-in.l.google.com", "198.51.100.27", "2001:db8:4860:1::1b"),
    (20, "alt2.gmail-smtp-in.l.google.com", "198.51.100.28", "2001:db8:4860:2::1b"),
    (30, "alt3.gmail-smtp-in.l.google.com", "198.51.100.29", "2001:db8:4860:3::1b"),
    (40, "alt4.gmail-smtp-in.l.google.com", "198.51.100.30", "2001:db8:4860:4::1b"),
]

GMAIL_DMARC = "v=DMARC1; p=none; sp=quarantine; rua=mailto:mailauth-reports@google.com"
SPF_FIXED = f"v=spf1 a:{VIA} ~all"
SPF_V4_ONLY = f"v=spf1 ip4:{VIA_V4} ~all"


def _ptr6_zone() -> tuple[str, str]:
    """The ip6.arpa zone for 2001:db8:e0::/48 and the owner name of VIA_V6 in it."""
    import ipaddress

    nibbles = ipaddress.ip_address(VIA_V6).reverse_pointer  # ...0.e.0.0.8.b.d.0.1.0.0.2.ip6.arpa
    origin = "0.e.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
    owner = nibbles[: -len(origin) - 1]
    return origin, owner


def seed_zones(spf: str | None = SPF_FIXED, *, dmarc: str | None = None) -> dict[str, str]:
    """Zone origin -> master file text for NSD."""
    skr: list[tuple[str, str, str]] = [
        ("ts", "MX", "10 ts.skr.jp."),
        ("ts", "A", VIA_V4),
    ]
    if spf is not None:
        skr.append(("ts", "TXT", f'"{spf}"'))
    if dmarc is not None:
        skr.append(("_dmarc.ts", "TXT", f'"{dmarc}"'))
    google: list[tuple[str, str, str]] = []
    gmail: list[tuple[str, str, str]] = [
        ("@", "TXT", '"v=spf1 redirect=_spf.google.com"'),
        ("_dmarc", "TXT", f'"{GMAIL_DMARC}"'),
    ]
    for pref, host, v4, v6 in GMAIL_MX:
        gmail.append(("@", "MX", f"{pref} {host}."))
        owner = host.removesuffix(".google.com")
        google.append((owner, "A", v4))
        google.append((owner, "AAAA", v6))
    ptr6_origin, ptr6_owner = _ptr6_zone()
    return {
        # The DMARC tree walk (RFC 9989) asks up to _dmarc.jp: NSD answers for it, so a
        # recording holds "no such name" rather than REFUSED.
        "jp": zone_text("jp", []),
        "skr.jp": zone_text("skr.jp", skr),
        "sakura.ne.jp": zone_text(
            "sakura.ne.jp", [("www274", "A", VIA_V4), ("www274", "AAAA", VIA_V6)]
        ),
        "gmail.com": zone_text("gmail.com", gmail),
        "google.com": zone_text(
            "google.com", [*google, ("_spf", "TXT", '"v=spf1 ip4:198.51.100.0/24 ~all"')]
        ),
        "113.0.203.in-addr.arpa": zone_text("113.0.203.in-addr.arpa", [("74", "PTR", f"{VIA}.")]),
        ptr6_origin: zone_text(ptr6_origin, [(ptr6_owner, "PTR", f"{VIA}.")]),
    }
