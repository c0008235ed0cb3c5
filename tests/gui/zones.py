"""Zone data for the loopback DNS server, for GUI tests and the GUI benchmark."""

from __future__ import annotations

from typing import Any

from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import Outcome
from mailpath.paths import seed_example

HOSTILE_TXT = 'v=spf1 ip4:192.0.2.0/24 <b>bold</b> <img src="x"> -all'


def zone_from_recording(path: str | None = None) -> dict[str, list[Any]]:
    """Serve a saved analysis (default: the seed) from the loopback server."""
    recording = open_recording(path or seed_example())
    zone: dict[str, list[Any]] = {}
    for answer in recording.answers:
        if answer.outcome is Outcome.NXDOMAIN:
            continue
        records = zone.setdefault(answer.name, [])
        if answer.outcome is not Outcome.OK:
            continue
        for value in answer.records:
            if answer.rdtype in ("TXT", "SPF"):
                records.append((answer.rdtype, list(value)))
            else:
                records.append((answer.rdtype, value))
    return zone


def failing_zone(txt: str = "v=spf1 ip4:198.51.100.0/24 -all") -> dict[str, list[Any]]:
    """example.com's SPF does not list its sending host: SPF fail at example.org's MX."""
    return {
        "example.com": [("MX", (10, "mail.example.com")), ("TXT", txt)],
        "mail.example.com": [("A", "192.0.2.25")],
        "25.2.0.192.in-addr.arpa": [("PTR", "mail.example.com")],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "example.org": [
            ("MX", (10, "mx1.example.org")),
            ("MX", (10, "mx2.example.org")),
            ("MX", (20, "backup.example.org")),
        ],
        "mx1.example.org": [("A", "203.0.113.1")],
        "mx2.example.org": [("A", "203.0.113.2")],
        "backup.example.org": [("A", "203.0.113.3")],
    }
