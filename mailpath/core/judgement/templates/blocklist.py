"""Findings of DNS blocklist answers (`core.dns.blocklist`, asked only on request:
--blocklist, --blocklists; `blocklist_findings`)."""

from __future__ import annotations

BLOCKLIST_TEMPLATES: dict[str, tuple[str, str | None]] = {
    "blocklisted": (
        "{item} is listed on the DNS blocklist {list} ({codes}: {meaning}); its reason: "
        "{reason}. Receivers that use this list refuse or flag mail from it.",
        "Find and stop what got {item} listed, then request delisting at {delist}.",
    ),
    "blocklisted/no-delist": (
        "{item} is listed on the DNS blocklist {list} ({codes}: {meaning}); its reason: "
        "{reason}. Receivers that use this list refuse or flag mail from it.",
        "Find and stop what got {item} listed, then ask the operator of {list} to delist it.",
    ),
    "blocklist-refused": (
        "The DNS blocklist {list} refused the query for {item} ({codes}): it does not answer "
        "public or open resolvers, or too many queries came from this one. That answer says "
        "nothing about a listing.",
        "Ask {list} through your own resolver (not a public one such as 8.8.8.8), or look "
        "{item} up on the list's web site.",
    ),
}
