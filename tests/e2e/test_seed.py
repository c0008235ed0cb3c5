"""The seed story end to end: `mailpath` as a subprocess against NSD on loopback.

ts.skr.jp sends through www274.sakura.ne.jp (IPv4 and IPv6) to gmail.com (five MX hosts).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli import check_json, codes, mailpath
from tests.e2e.seed import (
    GMAIL_MX,
    OUTSIDE_V4,
    RECIPIENT,
    SENDER,
    SPF_V4_ONLY,
    VIA,
    VIA_V4,
    VIA_V6,
    seed_zones,
)
from tests.support.nsd import zone_text

pytestmark = pytest.mark.nsd


def addresses(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["address"]: a for h in data["sending_hosts"] for a in h["addresses"]}


@pytest.mark.parametrize("ip", [VIA_V4, VIA_V6])
def test_spf_passes_both_addresses_of_the_sending_host(nsd_zones: Any, ip: str) -> None:
    nsd = nsd_zones(seed_zones())
    out = mailpath("spf", SENDER, ip, "--nameserver", nsd.nameserver, "--json")
    data = json.loads(out.stdout)
    assert data["result"] == "pass"
    assert data["record"] == f"v=spf1 a:{VIA} ~all"
    assert data["lookups"] == 1


def test_spf_for_an_address_outside_the_record_softfails(nsd_zones: Any) -> None:
    nsd = nsd_zones(seed_zones())
    out = mailpath("spf", SENDER, OUTSIDE_V4, "--nameserver", nsd.nameserver)
    assert "softfail" in out.stdout
    assert f"a:{VIA}" in out.stdout


def test_route_goes_to_gmails_five_mx_in_preference_order(nsd_zones: Any) -> None:
    data = check_json(nsd_zones(seed_zones()), SENDER, RECIPIENT, "--via", VIA)
    assert data["sender_domain"] == SENDER
    assert data["recipient_domain"] == RECIPIENT
    assert data["mx"]["kind"] == "explicit"
    assert [(h["preference"], h["host"]) for h in data["mx"]["hosts"]] == [
        (pref, host) for pref, host, _, _ in GMAIL_MX
    ]
    assert data["mx"]["hosts"][0]["addresses"] == [GMAIL_MX[0][2], GMAIL_MX[0][3]]
    [host] = data["sending_hosts"]
    assert host["host"] == VIA
    assert host["assumed"] is False
    addrs = addresses(data)
    assert set(addrs) == {VIA_V4, VIA_V6}
    for addr in addrs.values():
        assert addr["spf"] == "pass"
        assert addr["ptr"] == [VIA]
        assert addr["fcrdns"] is True
    assert not [f for f in data["findings"] if f["code"].startswith("spf-")]
    # The graph follows the same order: primary MX first, fallbacks after.
    nodes = {n["id"]: n for n in data["graph"]["nodes"]}
    assert nodes[f"mx:{GMAIL_MX[0][1]}"]["role"] == "primary"
    assert all(nodes[f"mx:{h}"]["role"] == "fallback" for _, h, _, _ in GMAIL_MX[1:])
    ys = [nodes[f"mx:{h}"]["y"] for _, h, _, _ in GMAIL_MX]
    assert ys == sorted(ys)
    assert nodes["mailbox"]["status"] == "pass"


def test_before_the_fix_gmail_sees_no_spf_and_the_fix_names_the_record(nsd_zones: Any) -> None:
    data = check_json(nsd_zones(seed_zones(spf=None)), SENDER, RECIPIENT, "--via", VIA)
    assert {a["spf"] for a in addresses(data).values()} == {"none"}
    assert data["spf"]["record"] is None
    [finding] = [f for f in data["findings"] if f["code"] == "spf-missing"]
    assert finding["severity"] == "error"
    assert "unverified" in finding["message"]
    assert VIA in finding["message"]
    assert f'"v=spf1 a:{VIA} ~all"' in finding["fix"]
    # The suggested record was evaluated against the same DNS: both addresses would pass.
    assert finding["verified"] == [f"{VIA_V4} pass", f"{VIA_V6} pass"]
    nodes = {n["id"]: n for n in data["graph"]["nodes"]}
    # The verdict is an error; the mailbox shows the disposition: delivered unverified.
    assert (data["verdict"]["severity"], data["verdict"]["code"]) == ("error", "unverified")
    assert data["verdict"]["disposition"] == "unverified"
    assert nodes["mailbox"]["status"] == "neutral"


def test_text_report_tells_the_story(nsd_zones: Any) -> None:
    nsd = nsd_zones(seed_zones(spf=None))
    out = mailpath("check", SENDER, RECIPIENT, "--via", VIA, "--nameserver", nsd.nameserver)
    text = out.stdout
    assert "\033[" not in text  # no colour when stdout is not a terminal
    assert text.index("gmail-smtp-in.l.google.com") < text.index("alt1.gmail-smtp-in")
    assert f"v=spf1 a:{VIA} ~all" in text
    assert "[spf-missing]" in text


def test_ipv6_gap_is_found_and_fixed_with_the_missing_address(nsd_zones: Any) -> None:
    data = check_json(nsd_zones(seed_zones(spf=SPF_V4_ONLY)), SENDER, RECIPIENT, "--via", VIA)
    addrs = addresses(data)
    assert addrs[VIA_V4]["spf"] == "pass"
    assert addrs[VIA_V6]["spf"] == "softfail"
    [gap] = [f for f in data["findings"] if f["code"] == "spf-ipv6-gap"]
    assert VIA_V6 in gap["message"]
    assert f'"v=spf1 ip4:{VIA_V4} ip6:{VIA_V6} ~all"' in gap["fix"]
    assert gap["verified"] == [f"{VIA_V4} pass", f"{VIA_V6} pass"]


def _mx_variants() -> dict[str, str]:
    zones = seed_zones()
    zones["null.example"] = zone_text("null.example", [("@", "MX", "0 .")])
    zones["implicit.example"] = zone_text("implicit.example", [("@", "A", "192.0.2.80")])
    zones["nomail.example"] = zone_text("nomail.example", [("@", "TXT", '"hello"')])
    zones["cname.example"] = zone_text(
        "cname.example",
        [
            ("@", "MX", "10 alias.cname.example."),
            ("alias", "CNAME", "real"),
            ("real", "A", "192.0.2.81"),
        ],
    )
    return zones


@pytest.mark.parametrize(
    ("recipient", "kind", "code"),
    [
        ("null.example", "null", "mx-null"),
        ("implicit.example", "implicit", "mx-implicit"),
        ("nomail.example", "none", "mx-missing"),
        ("cname.example", "explicit", "mx-cname"),
    ],
)
def test_recipient_mx_variants(nsd_zones: Any, recipient: str, kind: str, code: str) -> None:
    data = check_json(nsd_zones(_mx_variants()), SENDER, f"user@{recipient}", "--via", VIA)
    assert data["mx"]["kind"] == kind
    assert code in codes(data)
    if kind == "implicit":
        assert data["mx"]["hosts"] == [
            {"preference": 0, "host": recipient, "addresses": ["192.0.2.80"], "cname": None}
        ]


def test_japanese_idn_sender(nsd_zones: Any) -> None:
    zones = seed_zones()
    zones["xn--wgv71a119e.jp"] = zone_text(
        "xn--wgv71a119e.jp", [("@", "TXT", f'"v=spf1 a:{VIA} -all"'), ("@", "MX", f"10 {VIA}.")]
    )
    data = check_json(nsd_zones(zones), "  情報@日本語.JP. ", RECIPIENT)
    assert data["sender_domain"] == "xn--wgv71a119e.jp"
    assert data["sender_domain_unicode"] == "日本語.jp"
    # Without --via the sender's own MX host is assumed, and it passes.
    [host] = data["sending_hosts"]
    assert host["assumed"] is True
    assert host["host"] == VIA
    assert {a["spf"] for a in host["addresses"]} == {"pass"}
    assert "sending-host-assumed" in codes(data)


def test_save_then_replay_gives_the_same_json(nsd_zones: Any, tmp_path: Path) -> None:
    nsd = nsd_zones(seed_zones(spf=None))
    saved = tmp_path / "seed.mailpath.json"
    live = mailpath(
        "check",
        SENDER,
        RECIPIENT,
        "--via",
        VIA,
        "--nameserver",
        nsd.nameserver,
        "--json",
        "--save",
        str(saved),
    )
    replayed = mailpath("check", "--replay", str(saved), "--json")
    assert json.loads(replayed.stdout) == json.loads(live.stdout)
    again = mailpath("check", SENDER, RECIPIENT, "--replay", str(saved), "--json")
    assert json.loads(again.stdout) == json.loads(live.stdout)
    spf = mailpath("spf", SENDER, VIA_V6, "--replay", str(saved), "--json")
    assert json.loads(spf.stdout)["result"] == "none"
    wrong = mailpath("check", "other.example", RECIPIENT, "--replay", str(saved), check=False)
    assert wrong.returncode == 2
    assert "ts.skr.jp" in wrong.stderr
