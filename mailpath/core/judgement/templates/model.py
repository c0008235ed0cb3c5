"""Findings that only the receiver model sees (`consequences.model_findings`): every MX host
down, no MX host reachable from the sending addresses' family."""

from __future__ import annotations

MODEL_TEMPLATES: dict[str, tuple[str, str | None]] = {
    "mx-down": (
        "Every MX host of {recipient} that has an address is marked down ({hosts}): no "
        "server takes the mail, so it waits in the sending server's queue and is retried, "
        "then bounced after the retry period (often 5 days).",
        None,
    ),
    "mx-family-unreachable": (
        "The sending addresses ({addresses}) are {family} only, and no MX host of "
        "{recipient} has an address of that family: no server can take the mail.",
        "Give the sending server an address of the other family (IPv4 or IPv6), or send "
        "through a server that has one.",
    ),
}
