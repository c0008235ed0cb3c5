"""The one verdict, as a user sees it in text, JSON and the route graph."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import LiveSource, Nameserver, ReplaySource
from mailpath.core.judgement.verdict import verdict
from mailpath.core.model import Result
from mailpath.core.report import render_text, result_to_json
from mailpath.core.route.graph import build_route_graph
from mailpath.paths import resource, seed_example
from tests.support.dnsserver import TIMEOUT

MX = [
    "mx:gmail-smtp-in.l.google.com",
    "mx:alt1.gmail-smtp-in.l.google.com",
    "mx:alt2.gmail-smtp-in.l.google.com",
    "mx:alt3.gmail-smtp-in.l.google.com",
    "mx:alt4.gmail-smtp-in.l.google.com",
]


def replay(path: str) -> Result:
    rec = open_recording(path)
    return asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))


@pytest.fixture(scope="module")
def seed() -> Result:
    return replay(str(seed_example()))


@pytest.fixture(scope="module")
def fixed() -> Result:
    return replay(str(resource("examples", "seed-fixed.mailpath.json")))


def check(server: Any, sender: str, recipient: str, via: str | None = None) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=0.4, budget=10)
    return asyncio.run(analyze(source, sender, recipient, via))


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?…](?:\s|$)", text.strip()))


BASE: dict[str, list[Any]] = {
    "example.org": [("TXT", "v=spf1 a:out.example.org -all"), ("MX", (10, "mx.example.org"))],
    "mx.example.org": [("A", "192.0.2.25")],
    "out.example.org": [("A", "192.0.2.10")],
    "10.2.0.192.in-addr.arpa": [("PTR", "out.example.org")],
    "_dmarc.example.org": [("TXT", "v=DMARC1; p=reject")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "198.51.100.1")],
}


def zone(**changes: list[Any]) -> dict[str, list[Any]]:
    z = dict(BASE)
    z.update(changes)
    return {k: v for k, v in z.items() if v}


# ---------------------------------------------------------------- the seed story


def test_seed_verdict_is_unverified_everywhere_and_says_dkim_was_not_checked(seed: Result) -> None:
    v = verdict(seed)
    # Delivered but shown unauthenticated: an error to fix, marked "?" (not the refusal's red).
    assert (v.severity.value, v.code, v.status.value) == ("error", "unverified", "neutral")
    assert (v.disposition, v.basis[:2]) == ("unverified", ("spf:none", "dkim:unchecked"))
    assert v.message.startswith(
        "gmail.com will mark this mail unverified: ts.skr.jp publishes no SPF record that "
        "authorizes www274.sakura.ne.jp."
    )
    assert "DKIM was not checked" in v.message and sentences(v.message) <= 2
    # JSON and text say the same thing.
    data = result_to_json(seed)
    assert {k: data["verdict"][k] for k in ("severity", "code", "message")} == {
        "severity": "error",
        "code": "unverified",
        "message": v.message,
    }
    assert render_text(seed).splitlines()[1] == f"Verdict: {v.message}"
    # The picture: every path, primary and fallback MX alike, is judged the same: unverified.
    g = build_route_graph(seed)
    assert g.graph["verdict"]["code"] == "unverified"
    for ip in ("203.0.113.74", "2001:db8:e0::274"):
        assert g.nodes[f"addr:{ip}"]["status"] == "neutral"
        assert g.edges[f"addr:{ip}", MX[0]]["status"] == "neutral"
        assert g.edges[f"addr:{ip}", MX[1]]["status"] == "neutral"
    assert all(g.nodes[m]["status"] == "neutral" for m in MX)
    assert g.nodes["mailbox"]["status"] == "neutral"


def test_fixed_seed_is_verified(fixed: Result) -> None:
    v = verdict(fixed)
    assert (v.code, v.status.value, v.message) == (
        "verified",
        "pass",
        "gmail.com accepts the mail as SPF-verified",
    )
    assert build_route_graph(fixed).nodes[MX[0]]["status"] == "pass"


def test_every_mx_down_says_the_mail_is_queued_then_bounced(seed: Result) -> None:
    v = verdict(seed, frozenset(MX))
    assert v.code == "queued" and v.severity.value == "error"
    assert "www274.sakura.ne.jp" in v.message and "retried" in v.message
    assert "bounced" in v.message and "refuses" not in v.message
    g = build_route_graph(seed, down=frozenset(MX))
    assert g.graph["verdict"]["code"] == "queued"
    assert g.nodes["sending:www274.sakura.ne.jp"]["status"] == "error"
    assert v.disposition == "queued" and "mx:all-down" in v.basis
    # A host marked down shows as down, never as a pass.
    assert all(g.nodes[m]["status"] == "none" for m in MX)


def test_spf_pass_without_ptr_is_not_green(dns_server: Any) -> None:
    server = dns_server(zone(**{"10.2.0.192.in-addr.arpa": []}))
    result = check(server, "example.org", "example.net", "out.example.org")
    v = verdict(result)
    assert v.code == "flagged" and v.severity.value == "error" and v.status.value == "softfail"
    assert v.disposition == "flagged" and "ptr:missing" in v.basis
    [ptr] = [f for f in result.findings if f.code == "ptr-missing"]
    assert ptr.severity.value == "error" and ptr.consequence == "consequence/flagged"
    assert "192.0.2.10" in v.message and "PTR" in v.message


def test_include_loop_headline_is_short(dns_server: Any) -> None:
    server = dns_server(
        zone(
            **{
                "example.org": [("TXT", "v=spf1 include:loop.example.org -all")],
                "loop.example.org": [("TXT", "v=spf1 include:example.org -all")],
            }
        )
    )
    result = check(server, "example.org", "example.net", "out.example.org")
    v = verdict(result)
    # SPF permerror cannot pass DMARC, and _dmarc.example.org says p=reject.
    assert v.code == "refused" and v.disposition == "refused" and "spf:permerror" in v.basis
    assert v.message.count("include") == 0 and sentences(v.message) <= 2


# ---------------------------------------------------------------- 1. NXDOMAIN


def test_recipient_that_does_not_exist_is_a_typo_not_a_missing_mx(dns_server: Any) -> None:
    server = dns_server(zone())
    result = check(server, "example.org", "exampel.net", "out.example.org")
    assert result.findings[0].code == "domain-nxdomain"
    assert "exampel.net does not exist" in result.findings[0].message
    codes = {f.code for f in result.findings}
    assert "mx-missing" not in codes
    assert not any(
        "publish" in (f.fix or "").lower() and "exampel" in (f.fix or "") for f in result.findings
    )
    v = verdict(result)
    assert v.code == "nxdomain" and "exampel.net does not exist" in v.message
    assert "NXDOMAIN" in build_route_graph(result).nodes["mx:none"]["label"]
    assert "does not exist (NXDOMAIN)" in render_text(result)


def test_sender_that_does_not_exist_is_named_first(dns_server: Any) -> None:
    server = dns_server(zone())
    result = check(server, "exmaple.org", "example.net", "out.example.org")
    first = result.findings[0]
    assert (first.code, first.severity.value) == ("domain-nxdomain", "error")
    assert "exmaple.org does not exist" in first.message
    codes = {f.code for f in result.findings}
    assert "spf-missing" not in codes and "dmarc-missing" not in codes
    assert not any(
        "exmaple.org" in (f.fix or "") and "Publish" in (f.fix or "") for f in result.findings
    )
    assert verdict(result).code == "nxdomain"


# ---------------------------------------------------------------- 2. failed lookups named


def test_spf_record_timeout_is_named_in_text_json_and_graph(dns_server: Any) -> None:
    server = dns_server(zone(**{"example.org": [TIMEOUT, ("MX", (10, "mx.example.org"))]}))
    result = check(server, "example.org", "example.net", "out.example.org")
    text = render_text(result)
    assert "record: (none)" not in text
    assert "record: lookup failed (TIMEOUT)" in text
    codes = {f.code: f for f in result.findings}
    assert "spf-temperror" in codes
    v = verdict(result)
    assert v.code == "lookup-failed" and "TIMEOUT" in v.message
    assert result_to_json(result)["verdict"]["code"] == "lookup-failed"
    g = build_route_graph(result)
    assert "TIMEOUT" in g.nodes["dns:spf"]["label"]
    assert g.nodes["dns:spf"]["status"] == "error"


def test_sender_mx_timeout_without_via_is_not_no_mx(dns_server: Any) -> None:
    server = dns_server(zone(**{"example.org": [TIMEOUT, ("TXT", "v=spf1 -all")]}))
    result = check(server, "example.org", "example.net")
    text = render_text(result)
    assert "  2. Sending server: unknown" in text and "TIMEOUT" in text
    assert "no MX host to assume" not in text
    codes = {f.code: f for f in result.findings}
    assert "TIMEOUT" in codes["sending-host-unknown"].message
    assert verdict(result).code == "lookup-failed"


# ---------------------------------------------------------------- 4. null MX (RFC 7505)


def test_null_mx_has_no_hosts_and_the_mailbox_is_unreachable(dns_server: Any) -> None:
    server = dns_server(zone(**{"example.net": [("MX", (0, "."))]}))
    result = check(server, "example.org", "example.net", "out.example.org")
    data = result_to_json(result)
    assert data["mx"]["kind"] == "null" and data["mx"]["hosts"] == []
    g = build_route_graph(result)
    assert not any(v == "mailbox" for _, v in g.edges())
    assert g.nodes["mailbox"]["status"] == "fail"
    assert verdict(result).code == "no-route"


def test_null_mx_with_nonzero_preference_is_broken(dns_server: Any) -> None:
    server = dns_server(zone(**{"example.net": [("MX", (10, "."))]}))
    result = check(server, "example.org", "example.net", "out.example.org")
    assert result.mx is not None and result.mx.kind != "null"
    [f] = [f for f in result.findings if f.code == "mx-null"]
    assert '"10 ."' in f.message and "preference 0" in f.message
    assert result_to_json(result)["mx"]["hosts"] == []


def test_null_mx_beside_other_mx_names_both(dns_server: Any) -> None:
    server = dns_server(zone(**{"example.net": [("MX", (0, ".")), ("MX", (10, "mx.example.net"))]}))
    result = check(server, "example.org", "example.net", "out.example.org")
    [f] = [f for f in result.findings if f.code == "mx-null"]
    assert f.severity.value == "error"
    assert "0 ." in f.message and "mx.example.net" in f.message
    assert [h["host"] for h in result_to_json(result)["mx"]["hosts"]] == ["mx.example.net"]


# ---------------------------------------------------------------- 5. audit of both families


def test_audit_counts_voids_for_ipv6_clients(dns_server: Any) -> None:
    record = "v=spf1 a:v4only.example.org a:v4only2.example.org a:v4only3.example.org -all"
    server = dns_server(
        zone(
            **{
                "example.org": [("TXT", record)],
                "v4only.example.org": [("A", "192.0.2.1")],
                "v4only2.example.org": [("A", "192.0.2.2")],
                "v4only3.example.org": [("A", "192.0.2.3")],
            }
        )
    )
    result = check(server, "example.org", "example.net", "out.example.org")
    assert result.spf_audit is not None
    assert result.spf_audit.void_by_family == ((4, 0), (6, 3))
    [f] = [f for f in result.findings if f.code == "spf-void-lookups"]
    assert "IPv6" in f.message and "IPv4" not in f.message
    assert "void 0/2 (IPv4), 3/2 (IPv6)" in render_text(result)
    assert result_to_json(result)["spf"]["void_lookups_by_family"] == {"ipv4": 0, "ipv6": 3}


# ---------------------------------------------------------------- 6. FCrDNS unknown


def test_fcrdns_unknown_stays_null_in_json(dns_server: Any) -> None:
    server = dns_server(zone(), servfail=["10.2.0.192.in-addr.arpa"])
    result = check(server, "example.org", "example.net", "out.example.org")
    [addr] = result_to_json(result)["sending_hosts"][0]["addresses"]
    assert addr["fcrdns"] is None


def test_a_sending_host_given_as_an_address_is_named_once(dns_server: Any) -> None:
    server = dns_server(BASE)
    result = check(server, "example.org", "example.net", "198.51.100.25")
    outcome = verdict(result)
    assert outcome.code == "refused"
    assert outcome.message.count("198.51.100.25") <= 1, outcome.message
    finding = next(f for f in result.findings if f.code == "spf-not-authorized")
    assert finding.message.count("198.51.100.25") == 1, finding.message
