"""DNS blocklists (DNSBL/RHSBL), opt-in: is a sending address or the sender's domain listed?

Asked only when the user names lists (`check --blocklist ZONE`, repeatable, or `--blocklists`
for `DEFAULT_LISTS`): a query tells the list's operator which address is being checked.

- An IP list is asked for the address's reversed octets (IPv4, RFC 5782 2.1) or reversed
  nibbles (IPv6, RFC 5782 2.4) under the zone: 203.0.113.74 on zen.spamhaus.org is
  ``74.113.0.203.zen.spamhaus.org``. A domain list (`LISTS` kind ``domain``, such as
  dbl.spamhaus.org) is asked for the sender domain and the sending host's name.
- NXDOMAIN: not listed. An A record in 127.0.0.0/8: listed, with the codes read by the list's
  published meaning (`LISTS`) and the TXT record's reason. A list's "query refused" codes are
  never a listing: Spamhaus answers 127.255.255.252-255 to queries through public or open
  resolvers, over its free limit, or malformed, and 127.0.1.255 from its DBL for an IP asked;
  such a row has `listed` None and an `error` ("refused").
- Anything else (a timeout, SERVFAIL, an answer outside 127/8) is `listed` None with the error.

A zone not in `LISTS` is an IP list whose every 127/8 answer is a listing. The findings
(`blocklisted`, `blocklist-refused`) are made in `core.judgement.blocklist_findings`.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from mailpath.core.dns.sources import DnsSource, Outcome
from mailpath.core.jsontypes import JsonObject

__all__ = [
    "DEFAULT_LISTS",
    "LISTS",
    "BlocklistAnswer",
    "blocklists_to_json",
    "check_blocklists",
    "ordered",
    "query_name",
    "render_lines",
]


@dataclass(frozen=True)
class ListInfo:
    kind: str  # "ip" | "domain"
    #: Return code -> what it means, as the list publishes it.
    codes: Mapping[str, str]
    #: Codes that mean the list refused the query (never a listing).
    refused: Mapping[str, str] = field(default_factory=dict)
    delist: str = ""


_SPAMHAUS_REFUSED = {
    "127.255.255.252": "typing error in the query (DNSBL name)",
    "127.255.255.253": "query refused (not answered through this resolver)",
    "127.255.255.254": "query refused: it does not answer public or open resolvers",
    "127.255.255.255": "query refused: excessive number of queries",
}

#: The lists mailpath knows the published meaning of.
LISTS: dict[str, ListInfo] = {
    "zen.spamhaus.org": ListInfo(
        "ip",
        {
            "127.0.0.2": "SBL (spam source)",
            "127.0.0.3": "SBL CSS (snowshoe spam)",
            "127.0.0.4": "XBL (exploited or infected host)",
            "127.0.0.5": "XBL (exploited or infected host)",
            "127.0.0.6": "XBL (exploited or infected host)",
            "127.0.0.7": "XBL (exploited or infected host)",
            "127.0.0.9": "DROP (hijacked network)",
            "127.0.0.10": "PBL (end-user address, ISP policy)",
            "127.0.0.11": "PBL (end-user address, Spamhaus policy)",
        },
        _SPAMHAUS_REFUSED,
        "https://check.spamhaus.org/",
    ),
    "dbl.spamhaus.org": ListInfo(
        "domain",
        {
            "127.0.1.2": "spam domain",
            "127.0.1.4": "phishing domain",
            "127.0.1.5": "malware domain",
            "127.0.1.6": "botnet command and control domain",
            "127.0.1.102": "abused legitimate spam domain",
            "127.0.1.103": "abused legitimate spammed redirector",
            "127.0.1.104": "abused legitimate phishing domain",
            "127.0.1.105": "abused legitimate malware domain",
            "127.0.1.106": "abused legitimate botnet command and control domain",
        },
        {**_SPAMHAUS_REFUSED, "127.0.1.255": "query refused: an IP address asked of a domain list"},
        "https://check.spamhaus.org/",
    ),
    "bl.spamcop.net": ListInfo(
        "ip", {"127.0.0.2": "reported spam source"}, {}, "https://www.spamcop.net/bl.shtml"
    ),
    "b.barracudacentral.org": ListInfo(
        "ip",
        {"127.0.0.2": "poor reputation"},
        {},
        "https://www.barracudacentral.org/rbl/removal-request",
    ),
}

#: `--blocklists`: widely used lists that answer without registration (low volume).
DEFAULT_LISTS = ("zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org", "dbl.spamhaus.org")


@dataclass(frozen=True)
class BlocklistAnswer:
    list: str  # the zone
    query: str  # the name asked
    subject: str  # the address or domain checked
    listed: bool | None  # None: not known (refused, timeout, unexpected answer)
    codes: tuple[str, ...] = ()
    meanings: tuple[str, ...] = ()  # the codes' published meaning, where known
    reason: str | None = None  # the TXT record
    error: str | None = None  # "refused" | a DNS outcome ("timeout", "servfail"...) | "unexpected"
    error_detail: str = ""  # the refusal's published meaning, or the DNS detail
    delist: str = ""


def _zone(text: str) -> str:
    return text.strip().lower().rstrip(".")


def query_name(subject: str, zone: str) -> str:
    """The name to ask: reversed octets (IPv4), reversed nibbles (IPv6), or the domain."""
    try:
        ip = ipaddress.ip_address(subject)
    except ValueError:
        return f"{subject.lower().rstrip('.')}.{zone}"
    if ip.version == 4:
        return ".".join(reversed(str(ip).split("."))) + f".{zone}"
    return ".".join(reversed(ip.exploded.replace(":", ""))) + f".{zone}"


async def _ask(dns: DnsSource, zone: str, subject: str) -> BlocklistAnswer:
    info = LISTS.get(zone, ListInfo("ip", {}))
    name = query_name(subject, zone)
    base = BlocklistAnswer(zone, name, subject, None, delist=info.delist)
    # The TXT reason is asked beside the A record, not after it: a listing costs no extra
    # round trip (the analysis's critical path stays that of the SPF and PTR lookups).
    answer, txt = await asyncio.gather(dns.query(name, "A"), dns.query(name, "TXT"))
    if answer.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        return BlocklistAnswer(zone, name, subject, False, delist=info.delist)
    if answer.outcome is not Outcome.OK:
        return replace(base, error=answer.outcome.value, error_detail=answer.detail)
    codes = tuple(sorted(set(answer.texts()), key=_ip_key))
    refused = [c for c in codes if c in info.refused]
    if refused:
        return replace(base, codes=codes, error="refused", error_detail=info.refused[refused[0]])
    if not codes or not all(_loopback(c) for c in codes):
        return replace(base, codes=codes, error="unexpected")
    reason = " ".join(txt.texts()) if txt.outcome is Outcome.OK else None
    meanings = tuple(info.codes[c] for c in codes if c in info.codes)
    return replace(base, listed=True, codes=codes, meanings=meanings, reason=reason or None)


def _ip_key(text: str) -> tuple[int, str]:
    try:
        return int(ipaddress.ip_address(text)), text
    except ValueError:
        return -1, text


def _loopback(text: str) -> bool:
    try:
        return ipaddress.ip_address(text) in ipaddress.ip_network("127.0.0.0/8")
    except ValueError:
        return False


async def check_blocklists(
    dns: DnsSource,
    zones: Sequence[str],
    addresses: Sequence[str],
    domains: Sequence[str],
) -> tuple[BlocklistAnswer, ...]:
    """Every list asked about every address (IP lists) or domain (domain lists), at once;
    answers in the order of `zones`, then subjects."""
    asks = []
    for zone in dict.fromkeys(_zone(z) for z in zones if z.strip()):
        kind = LISTS[zone].kind if zone in LISTS else "ip"
        subjects = addresses if kind == "ip" else domains
        asks += [_ask(dns, zone, s) for s in dict.fromkeys(subjects)]
    return tuple(await asyncio.gather(*asks))


def ordered(
    answers: Sequence[BlocklistAnswer], zones: Sequence[str]
) -> tuple[BlocklistAnswer, ...]:
    """Answers in the order of `zones`; within a list, addresses (IPv4, then IPv6, by value)
    before domains (by name): the same order however the lookups finished."""
    index = {z: i for i, z in enumerate(dict.fromkeys(_zone(z) for z in zones))}

    def key(a: BlocklistAnswer) -> tuple[int, int, int, str]:
        try:
            ip = ipaddress.ip_address(a.subject)
        except ValueError:
            return index.get(a.list, len(index)), 1, 0, a.subject
        return index.get(a.list, len(index)), 0, ip.version, f"{int(ip):040d}"

    return tuple(sorted(answers, key=key))


def blocklists_to_json(answers: Sequence[BlocklistAnswer] | None) -> list[JsonObject] | None:
    if answers is None:
        return None
    return [
        {
            "list": a.list,
            "query": a.query,
            "subject": a.subject,
            "listed": a.listed,
            "codes": list(a.codes),
            "meanings": list(a.meanings),
            "reason": a.reason,
            "error": a.error,
            "error_detail": a.error_detail or None,
            "delist": a.delist or None,
        }
        for a in answers
    ]


def render_lines(answers: Sequence[BlocklistAnswer]) -> list[str]:
    """The text report's lines: one per question."""
    if not answers:
        return ["  (nothing to ask: no sending address or name)"]
    lines = []
    for a in answers:
        if a.listed:
            what = f"LISTED {', '.join(a.codes)}"
            if a.meanings:
                what += f" ({'; '.join(a.meanings)})"
            if a.reason:
                what += f": {a.reason}"
        elif a.listed is False:
            what = "not listed"
        elif a.error == "refused":
            what = f"refused the query ({', '.join(a.codes)}: {a.error_detail})"
        else:
            what = f"unknown ({a.error}{': ' + a.error_detail if a.error_detail else ''})"
        lines.append(f"  {a.list:<24} {a.subject:<39} {what}")
    return lines
