"""A received message re-checked: the hops off the predicted route, the receiver's recorded
results against the re-check, and the verdict with and without DKIM seen. DNS comes from the
bundled seed recording (ts.skr.jp via www274.sakura.ne.jp to gmail.com, no SPF)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import ReplaySource
from mailpath.core.judgement.verdict import verdict
from mailpath.core.message.check import (
    MessageInput,
    differences,
    message_parties,
    unexpected_hops,
)
from mailpath.core.message.parse import parse_message
from mailpath.core.model import Result

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "message" / "data"
SEED_EML = (ROOT / "resources" / "examples" / "seed.eml").read_bytes()


def analyse(data: bytes) -> Result:
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    parsed = parse_message(data)
    sender, recipient, via = message_parties(parsed)
    return asyncio.run(
        analyze(ReplaySource(rec.answers), sender, recipient, via, message=MessageInput(parsed))
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gmail_from_sakura.eml", ()),  # PC -> submission -> Gmail: what was predicted
        ("microsoft365.eml", ()),  # Microsoft's internal hops come after the handover
        ("postfix_exim_qmail.eml", (1,)),  # relay.example.com: another organization's relay
        ("mailing_list_arc.eml", (0,)),  # the list server between sender and recipient
    ],
)
def test_relays_of_other_organizations_are_off_the_predicted_route(
    name: str, expected: tuple[int, ...]
) -> None:
    assert unexpected_hops(parse_message((DATA / name).read_bytes())) == expected


def test_seed_message_says_dkim_was_seen_not_that_it_was_not_checked() -> None:
    result = analyse(SEED_EML)
    outcome = verdict(result)
    assert outcome.code == "unverified"
    assert "carries no valid DKIM signature" in outcome.message
    assert "not checked" not in outcome.message
    codes = [f.code for f in result.findings]
    assert "dkim-missing" in codes and "dkim-unchecked" not in codes
    assert "auth-results-differ" not in codes  # the receiver also saw spf=none, dkim=none


def test_receiver_results_that_differ_from_the_recheck_are_named() -> None:
    # Gmail recorded spf=pass when the mail arrived; the zone now publishes no SPF record.
    data = SEED_EML.replace(b"spf=none (google.com", b"spf=pass (google.com", 1)
    result = analyse(data)
    differs = [f for f in result.findings if f.code == "auth-results-differ"]
    assert len(differs) == 1
    assert differs[0].params["authserv"] == "mx.google.com"
    assert (differs[0].params["theirs"], differs[0].params["ours"]) == ("pass", "none")
    assert result.message is not None
    assert differences(result.message) == [("spf", "pass", "none")]


def test_without_a_message_the_verdict_says_dkim_was_not_checked() -> None:
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    result = asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))
    assert "DKIM was not checked" in verdict(result).message
    assert "dkim-unchecked" in [f.code for f in result.findings]
