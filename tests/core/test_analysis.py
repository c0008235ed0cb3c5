"""The route analysis through the loopback server: concurrency, failures, hostile data."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from mailpath.core.analysis import Progress, analyze
from mailpath.core.auth.spf import SpfResult
from mailpath.core.dns.sources import CachingSource, LiveSource, Nameserver
from mailpath.core.names import InputError
from tests.support.dnsserver import TIMEOUT

SENDER_ZONE: dict[str, list[Any]] = {
    "example.org": [("TXT", "v=spf1 a:out.example.org -all"), ("MX", (10, "mx.example.org"))],
    "mx.example.org": [("A", "192.0.2.25")],
    "out.example.org": [("A", "192.0.2.10"), ("AAAA", "2001:db8::10")],
    "10.2.0.192.in-addr.arpa": [("PTR", "out.example.org")],
    "_dmarc.example.org": [("TXT", "v=DMARC1; p=reject; adkim=s")],
    "example.net": [("MX", (20, "b.mx.example.net")), ("MX", (10, "a.mx.example.net"))],
    "a.mx.example.net": [("A", "198.51.100.1")],
    "b.mx.example.net": [("A", "198.51.100.2")],
}


def source_for(server: Any, timeout: float = 0.5, budget: float = 10.0) -> LiveSource:
    return LiveSource([Nameserver(server.address, server.port)], timeout=timeout, budget=budget)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_route_with_via_host(dns_server: Any) -> None:
    server = dns_server(SENDER_ZONE)
    result = run(analyze(source_for(server), "a@example.org", "b@example.net", "out.example.org"))
    assert result.complete
    assert result.mx.kind == "explicit"
    assert [h.host for h in result.mx.hosts] == ["a.mx.example.net", "b.mx.example.net"]
    [host] = result.sending_hosts
    by_ip = {a.address: a for a in host.addresses}
    assert by_ip["192.0.2.10"].spf.result is SpfResult.PASS
    assert by_ip["192.0.2.10"].fcrdns is True
    assert by_ip["2001:db8::10"].spf.result is SpfResult.PASS
    # No PTR for the IPv6 address: a warning that names it.
    ptr = [f for f in result.findings if f.code == "ptr-missing"]
    assert [f.subject for f in ptr] == ["addr:2001:db8::10"]
    assert result.dmarc.policy == "reject"
    assert result.dmarc.spf_aligned is True


def test_no_question_is_asked_twice(dns_server: Any) -> None:
    server = dns_server(SENDER_ZONE)
    run(analyze(source_for(server), "example.org", "example.net", "out.example.org"))
    asked = [(name, rdtype) for name, rdtype, _ in server.queries]
    assert len(asked) == len(set(asked)), sorted(asked)


def test_without_via_the_senders_mx_is_assumed(dns_server: Any) -> None:
    server = dns_server(SENDER_ZONE)
    result = run(analyze(source_for(server), "example.org", "example.net"))
    [host] = result.sending_hosts
    assert host.host == "mx.example.org"
    assert host.assumed
    assert host.addresses[0].spf.result is SpfResult.FAIL
    assert any("assumed" in n for n in result.notes)
    codes = [f.code for f in result.findings]
    assert "spf-not-authorized" in codes
    [fix] = [f.fix for f in result.findings if f.code == "spf-not-authorized"]
    assert '"v=spf1 a:out.example.org a:mx.example.org -all"' in fix


def test_progress_is_emitted_and_ends_with_the_complete_result(dns_server: Any) -> None:
    server = dns_server(SENDER_ZONE)
    seen: list[Progress] = []
    result = run(analyze(source_for(server), "example.org", "example.net", on_progress=seen.append))
    assert len(seen) > 5
    assert not seen[0].result.complete
    assert seen[-1].result is result
    assert seen[-1].pending == 0
    dones = [p.done for p in seen]
    assert dones == sorted(dones)


def test_recipient_whose_server_never_answers_ends_within_budget(dns_server: Any) -> None:
    zone = dict(SENDER_ZONE)
    zone["example.net"] = [TIMEOUT]
    server = dns_server(zone)
    start = time.monotonic()
    result = run(
        analyze(
            source_for(server, timeout=0.4, budget=5),
            "example.org",
            "example.net",
            "out.example.org",
        )
    )
    assert time.monotonic() - start < 3
    assert result.mx.kind == "error"
    assert "timed out" in result.mx.error
    [finding] = [f for f in result.findings if f.code == "mx-lookup-failed"]
    assert finding.severity.value == "error"
    # The sending side still resolved.
    assert result.sending_hosts[0].addresses[0].spf.result is SpfResult.PASS


def test_silent_server_yields_a_report_not_a_hang(dns_server: Any) -> None:
    server = dns_server({}, silent=True)
    start = time.monotonic()
    result = run(
        analyze(
            source_for(server, timeout=0.3, budget=1.5),
            "example.org",
            "example.net",
            "out.example.org",
        )
    )
    assert time.monotonic() - start < 4
    assert result.complete
    assert result.mx.kind == "error"
    assert result.sending_hosts[0].error
    assert "timed out" in result.sending_hosts[0].error


def test_servfail_and_timeout_are_not_reported_as_missing_records(dns_server: Any) -> None:
    zone = dict(SENDER_ZONE)
    server = dns_server(zone, servfail={"example.net"})
    result = run(analyze(source_for(server), "example.org", "example.net", "out.example.org"))
    assert result.mx.kind == "error"
    assert "SERVFAIL" in result.mx.error
    assert "mx-missing" not in [f.code for f in result.findings]


def test_lookups_run_concurrently(dns_server: Any) -> None:
    """Six MX hosts, two addresses each: network time stays near the dependency depth."""
    zone = dict(SENDER_ZONE)
    zone["example.net"] = [("MX", (i * 10, f"m{i}.example.net")) for i in range(6)]
    for i in range(6):
        zone[f"m{i}.example.net"] = [("A", f"198.51.100.{i + 1}"), ("AAAA", f"2001:db8:1::{i}")]
    server = dns_server(zone, latency=0.25)
    # Longest chain: via A -> SPF TXT -> a:out A (or PTR -> A): 3 round trips, not ~35. A
    # budget of 10 round trips is ample for the first and cuts the second short, so the
    # complete answer says the lookups overlapped (no wall-clock assert: benchmarks/ times it).
    cache = CachingSource(source_for(server, timeout=2, budget=0.25 * 10))
    result = run(analyze(cache, "example.org", "example.net", "out.example.org"))
    assert len(result.mx.hosts) == 6
    assert all(len(host.addresses) == 2 for host in result.mx.hosts), result.mx.hosts
    assert result.sending_hosts[0].addresses[0].spf.result is SpfResult.PASS
    assert len(cache.asked) >= 19  # 6 MX hosts x 2 families alone are 12


def test_hostile_txt_is_kept_as_data(dns_server: Any) -> None:
    zone = dict(SENDER_ZONE)
    zone["example.org"] = [
        ("TXT", 'v=spf1 <img src=x onerror="alert(1)"> -all'),
        ("MX", (10, "mx.example.org")),
    ]
    zone["_dmarc.example.org"] = [("TXT", "v=DMARC1; p=<b>reject</b>")]
    server = dns_server(zone)
    result = run(analyze(source_for(server), "example.org", "example.net", "out.example.org"))
    assert result.spf_audit.record.startswith("v=spf1 <img")
    assert result.sending_hosts[0].addresses[0].spf.result is SpfResult.PERMERROR
    assert "spf-permerror" in [f.code for f in result.findings]
    assert result.dmarc.policy is None
    assert result.dmarc.error


def test_null_mx_and_ip_literal_mx(dns_server: Any) -> None:
    zone = dict(SENDER_ZONE)
    zone["null.example"] = [("MX", (0, "."))]
    zone["lit.example"] = [("MX", (10, "192.0.2.7"))]
    server = dns_server(zone)
    null = run(analyze(source_for(server), "example.org", "null.example", "out.example.org"))
    assert null.mx.kind == "null"
    lit = run(analyze(source_for(server), "example.org", "lit.example", "out.example.org"))
    assert "mx-ip-literal" in [f.code for f in lit.findings]


def test_via_ip_literal(dns_server: Any) -> None:
    server = dns_server(SENDER_ZONE)
    result = run(analyze(source_for(server), "example.org", "example.net", "[2001:db8::10]"))
    [host] = result.sending_hosts
    assert host.host == "2001:db8::10"
    assert host.addresses[0].spf.result is SpfResult.PASS


@pytest.mark.parametrize(
    ("sender", "recipient", "via", "words"),
    [
        ("", "example.net", None, "sender is empty"),
        ("user@", "example.net", None, "no domain"),
        ("example.org", "192.0.2.1", None, "IP address"),
        ("example.org", "a..b", None, "empty label"),
        ("example.org", "x" * 64 + ".com", None, "63"),
        ("example.org", "example.net", "bad_host!.example", "invalid label"),
        ("example.org", "example.net", "bad host", "contains a space"),
    ],
)
def test_bad_input_is_refused_before_any_lookup(
    dns_server: Any, sender: str, recipient: str, via: str | None, words: str
) -> None:
    server = dns_server(SENDER_ZONE)
    with pytest.raises(InputError, match=words):
        run(analyze(source_for(server), sender, recipient, via))
    assert server.queries == []
