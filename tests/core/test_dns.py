"""The DNS layer through real sockets: the loopback test server and mailpath.core.dns.

Every question here crosses a UDP or TCP socket to `tests.support.dnsserver`, the path users'
lookups take; nothing is patched. Timeouts are kept short (~0.3 s) so the file stays fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import socket
import struct
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import dns.edns
import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mailpath.core.dns.recording import answer_from_json
from mailpath.core.dns.sources import (
    Answer,
    CachingSource,
    LiveSource,
    Nameserver,
    Outcome,
    RecordingSource,
    ReplaySource,
    answer_to_json,
)
from tests.support.dnsserver import TIMEOUT, DnsTestServer, zone_from_suite

T = TypeVar("T")
MakeServer = Callable[..., DnsTestServer]

QUICK = 0.3  # per-question timeout for LiveSource in these tests
CONFORMANCE = Path(__file__).resolve().parents[1] / "conformance" / "data"

ZONE: dict[str, list[Any]] = {
    "example.com": [
        ("A", "192.0.2.1"),
        ("AAAA", "2001:db8::1"),
        ("MX", (10, "mx.example.com")),
        ("MX", (20, "mx2.example.com")),
        ("TXT", "v=spf1 -all"),
        ("NS", "ns.example.com"),
    ],
    "multi.example.com": [("TXT", ["v=spf1 ip4:", "192.0.2.5 -all"])],
    "raw.example.com": [("TXT", b"\x80raw \xff bytes")],
    "spf.example.com": [("SPF", "v=spf1 a -all")],
    "mx.example.com": [("A", "192.0.2.10")],
    "www.example.com": [("CNAME", "web.example.com")],
    "web.example.com": [("CNAME", "Host.Example.com")],
    "host.example.com": [("A", "192.0.2.20")],
    "1.2.0.192.in-addr.arpa": [("PTR", "host.example.com")],
    "slow.example.com": [TIMEOUT, ("TXT", "v=spf1 -all")],
    "broken.example.com": [("A", "192.0.2.30")],
    "closed.example.com": [("A", "192.0.2.31")],
}


def run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def live(server: DnsTestServer, timeout: float = QUICK, budget: float = 30.0) -> LiveSource:
    return LiveSource([Nameserver(server.address, server.port)], timeout=timeout, budget=budget)


def ask(server: DnsTestServer, name: str, rdtype: str, **kwargs: Any) -> Answer:
    return run(live(server, **kwargs).query(name, rdtype))


def raw_query(
    server: DnsTestServer, name: str, rdtype: str, *, tcp: bool = False, **make: Any
) -> dns.message.Message:
    query = dns.message.make_query(name, rdtype, **make)
    if tcp:
        return dns.query.tcp(query, server.address, port=server.port, timeout=2)
    return dns.query.udp(query, server.address, port=server.port, timeout=2, ignore_trailing=True)


@pytest.fixture
def server(dns_server: MakeServer) -> DnsTestServer:
    return dns_server(ZONE, servfail={"broken.example.com"}, refused={"CLOSED.example.com"})


# ================================================================ the test server itself


def test_udp_and_tcp_share_one_port(server: DnsTestServer) -> None:
    assert server.address == "127.0.0.1"
    assert server.nameserver == f"127.0.0.1:{server.port}"
    udp = raw_query(server, "example.com", "A")
    tcp = raw_query(server, "example.com", "A", tcp=True)
    assert udp.answer == tcp.answer
    assert [str(rd) for rd in udp.answer[0]] == ["192.0.2.1"]
    assert udp.flags & dns.flags.AA
    assert server.queries == [("example.com", "A", "udp"), ("example.com", "A", "tcp")]


def test_names_match_case_insensitively(server: DnsTestServer) -> None:
    reply = raw_query(server, "EXAMPLE.Com.", "MX")
    assert sorted(rd.preference for rd in reply.answer[0]) == [10, 20]
    assert server.queries == [("example.com", "MX", "udp")]


def test_nxdomain_and_nodata_on_the_wire(server: DnsTestServer) -> None:
    nx = raw_query(server, "nope.example.com", "A")
    assert nx.rcode() == dns.rcode.NXDOMAIN and nx.flags & dns.flags.AA and not nx.answer
    nodata = raw_query(server, "mx.example.com", "TXT")
    assert nodata.rcode() == dns.rcode.NOERROR and not nodata.answer


def test_concurrent_queries_overlap_under_latency(dns_server: MakeServer) -> None:
    # Ten questions, 0.3 s each, 1.5 s allowed per question: serialized replies would need
    # 3 s and the later ones would time out (no wall-clock assert: benchmarks/ times it).
    server = dns_server(ZONE, latency=0.3)
    source = live(server, timeout=1.5)

    async def ten() -> list[Answer]:
        return await asyncio.gather(*(source.query("example.com", "A") for _ in range(10)))

    answers = run(ten())
    assert all(a.ok for a in answers), [a.outcome for a in answers]
    assert len(server.queries) == 10


def test_latency_can_change_while_running(dns_server: MakeServer) -> None:
    server = dns_server(ZONE)
    assert ask(server, "example.com", "A", timeout=2).ok
    server.latency = 0.2
    slow = ask(server, "example.com", "A", timeout=2)
    assert slow.ok and slow.elapsed >= 0.2
    server.latency = 0.0
    tcp = raw_query(server, "example.com", "A", tcp=True)
    assert tcp.answer


def test_zone_may_be_replaced_and_mutated(dns_server: MakeServer) -> None:
    server = dns_server({"a.test": [("A", "192.0.2.1")]})
    assert ask(server, "a.test", "A").records == ("192.0.2.1",)
    server.zone["b.test"] = [("A", "192.0.2.2")]
    assert ask(server, "b.test", "A").records == ("192.0.2.2",)
    server.zone = {}
    assert ask(server, "a.test", "A").outcome is Outcome.NXDOMAIN


def test_udp_reply_over_512_is_truncated_without_edns(dns_server: MakeServer) -> None:
    server = dns_server({"big.test": [("TXT", "x" * 700)]})
    plain = raw_query(server, "big.test", "TXT")
    assert plain.flags & dns.flags.TC and not plain.answer
    edns = raw_query(server, "big.test", "TXT", use_edns=0, payload=1232)
    assert not edns.flags & dns.flags.TC
    assert b"".join(edns.answer[0][0].strings) == b"x" * 700
    tcp = raw_query(server, "big.test", "TXT", tcp=True)
    assert tcp.answer == edns.answer


def test_truncate_udp_makes_every_question_go_over_tcp(dns_server: MakeServer) -> None:
    server = dns_server(ZONE, truncate_udp=True)
    reply = raw_query(server, "example.com", "A", use_edns=0, payload=4096)
    assert reply.flags & dns.flags.TC and not reply.answer
    server.queries.clear()
    answer = ask(server, "example.com", "A")
    assert answer.records == ("192.0.2.1",)
    assert server.queries == [("example.com", "A", "udp"), ("example.com", "A", "tcp")]


def test_silent_server_answers_nothing_but_logs(dns_server: MakeServer) -> None:
    server = dns_server(ZONE, silent=True)
    with pytest.raises(dns.exception.Timeout):
        dns.query.udp(dns.message.make_query("example.com", "A"), "127.0.0.1", 0.2, server.port)
    assert server.queries == [("example.com", "A", "udp")]


def test_malformed_queries_are_ignored(server: DnsTestServer) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for junk in (b"", b"\x00", b"\xff" * 40, b"\x12\x34\x01\x00\x00\x05" + b"\x00" * 6):
            udp.sendto(junk, (server.address, server.port))
    with socket.create_connection((server.address, server.port), timeout=2) as tcp:
        tcp.sendall(struct.pack("!H", 5) + b"junk!" + struct.pack("!H", 0))
    # A reply (QR set) and a question-less message are ignored too.
    reply = dns.message.make_response(dns.message.make_query("example.com", "A"))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.sendto(reply.to_wire(), (server.address, server.port))
    assert raw_query(server, "example.com", "A").answer
    assert raw_query(server, "example.com", "A", tcp=True).answer


def test_stop_is_prompt_with_pending_work(dns_server: MakeServer) -> None:
    server = DnsTestServer(ZONE, latency=5.0).start()
    try:
        lingering = socket.create_connection((server.address, server.port), timeout=2)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            wire = dns.message.make_query("example.com", "A").to_wire()
            udp.sendto(wire, (server.address, server.port))
            lingering.sendall(struct.pack("!H", len(wire)) + wire)
            # Both questions have arrived (the server holds them for 5 s) before stopping.
            deadline = time.monotonic() + 5
            while {p for *_, p in server.queries} != {"udp", "tcp"}:
                assert time.monotonic() < deadline, server.queries
                time.sleep(0.01)
            started = time.monotonic()
            server.stop()
            assert time.monotonic() - started < 1.0
        lingering.close()
    finally:
        server.stop()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind((server.address, server.port))  # the port was released


def test_context_manager_starts_and_stops() -> None:
    with DnsTestServer({"a.test": [("A", "192.0.2.1")]}) as server:
        assert ask(server, "a.test", "A").ok
    with pytest.raises(OSError):
        dns.query.tcp(dns.message.make_query("a.test", "A"), "127.0.0.1", 0.5, server.port)


def test_cname_chain_is_returned_whole(server: DnsTestServer) -> None:
    reply = raw_query(server, "www.example.com", "A")
    assert [rrset.rdtype for rrset in reply.answer] == [
        dns.rdatatype.CNAME,
        dns.rdatatype.CNAME,
        dns.rdatatype.A,
    ]
    cname_itself = raw_query(server, "www.example.com", "CNAME")
    assert [str(rd.target) for rd in cname_itself.answer[0]] == ["web.example.com."]


def test_cname_loop_ends_with_the_chain_so_far(dns_server: MakeServer) -> None:
    zone = {"loop4.example.com": [("CNAME", "CNAME.example.com.")]}
    zone["cname.example.com"] = [("CNAME", "CNAME.example.com.")]
    server = dns_server(zone)
    reply = raw_query(server, "loop4.example.com", "A")
    assert reply.rcode() == dns.rcode.NOERROR
    assert len(reply.answer) == 2
    answer = ask(server, "loop4.example.com", "A")
    assert answer.outcome is Outcome.ERROR  # dnspython rejects the looping chain


def test_cname_to_a_name_not_in_zone_is_nxdomain_with_chain(dns_server: MakeServer) -> None:
    server = dns_server({"alias.test": [("CNAME", "gone.test")]})
    reply = raw_query(server, "alias.test", "A")
    assert reply.rcode() == dns.rcode.NXDOMAIN
    assert [rrset.rdtype for rrset in reply.answer] == [dns.rdatatype.CNAME]


def test_servfail_applies_to_cname_targets(dns_server: MakeServer) -> None:
    server = dns_server(
        {"alias.test": [("CNAME", "target.test")], "target.test": [("A", "192.0.2.1")]},
        servfail={"target.test"},
    )
    assert raw_query(server, "alias.test", "A").rcode() == dns.rcode.SERVFAIL


def test_record_value_forms(dns_server: MakeServer) -> None:
    server = dns_server(
        {
            "forms.test": [
                ("TXT", []),
                ("TXT", b"y" * 300),
                ("SPF", ["a", b"\x00b"]),
                ("MX", [5, "mx.forms.test."]),
                ("SOA", "ns.forms.test. host.forms.test. 1 2 3 4 5"),
            ]
        }
    )
    txt = ask(server, "forms.test", "TXT").records
    # dnspython cannot carry a TXT record with zero strings: one empty string instead.
    assert sorted(txt) == sorted([(b"",), (b"y" * 255, b"y" * 45)])
    assert ask(server, "forms.test", "SPF").records == ((b"a", b"\x00b"),)
    assert ask(server, "forms.test", "MX").records == ((5, "mx.forms.test"),)
    soa = raw_query(server, "forms.test", "SOA")
    assert soa.answer[0][0].serial == 1


def test_zone_from_suite_conventions() -> None:
    zone = zone_from_suite(
        {
            "Mixed.Example.COM": [{"SPF": "v=spf1 -all"}, {"A": "192.0.2.1"}],
            "both.example.com": [{"SPF": "v=spf1 a"}, {"TXT": "v=spf1 b"}],
            "spfonly.example.net": [{"SPF": "v=spf1 c"}, {"TXT": "NONE"}],
            "multi.example.com": [{"TXT": ["v=spf1 ip4:", "192.0.2.5 -all"]}, {"TXT": []}],
            "hosed.example.com": [{"SPF": "v=spf1 \x80a -all"}, {"TXT": "\u2603"}],
            "mx.example.com": [{"MX": [10, "a.example.com"]}],
            "timeout.example.com": ["TIMEOUT", {"TXT": "v=spf1 -all"}],
        }
    )
    assert zone["mixed.example.com"] == [
        ("SPF", "v=spf1 -all"),
        ("A", "192.0.2.1"),
        ("TXT", "v=spf1 -all"),
    ]
    assert zone["both.example.com"] == [("SPF", "v=spf1 a"), ("TXT", "v=spf1 b")]
    assert zone["spfonly.example.net"] == [("SPF", "v=spf1 c")]
    assert zone["multi.example.com"] == [("TXT", ["v=spf1 ip4:", "192.0.2.5 -all"]), ("TXT", [])]
    assert zone["hosed.example.com"] == [
        ("SPF", b"v=spf1 \x80a -all"),
        ("TXT", "\u2603".encode()),
    ]
    assert zone["mx.example.com"] == [("MX", (10, "a.example.com"))]
    assert zone["timeout.example.com"] == [TIMEOUT, ("TXT", "v=spf1 -all")]


@pytest.mark.parametrize(
    "suite", ["rfc7208-tests.yml", "rfc4408-tests.yml", "rfc4408-tests-2009.10-release.yml"]
)
def test_every_conformance_zone_is_served(dns_server: MakeServer, suite: str) -> None:
    path = CONFORMANCE / suite
    server = dns_server()
    source = live(server)
    with path.open(encoding="utf-8") as f:
        scenarios = list(yaml.safe_load_all(f))
    for scenario in scenarios:
        server.zone = zone_from_suite(scenario["zonedata"])
        for name, records in server.zone.items():
            if TIMEOUT in records:
                continue
            for rtype in {r[0] for r in records}:
                answer = run(source.query(name, rtype))
                assert answer.outcome in (Outcome.OK, Outcome.ERROR), (name, rtype, answer)


def test_the_suite_txt_timeout_convention(dns_server: MakeServer) -> None:
    zone = zone_from_suite(
        {"txttimeout.example.net": [{"SPF": "v=spf1 -all"}, {"TXT": "NONE"}, "TIMEOUT"]}
    )
    server = dns_server(zone)
    assert ask(server, "txttimeout.example.net", "SPF").ok
    assert ask(server, "txttimeout.example.net", "TXT").outcome is Outcome.TIMEOUT


# ================================================================ mailpath.core.dns.sources


@pytest.mark.parametrize(
    ("name", "rdtype", "outcome"),
    [
        ("example.com", "A", Outcome.OK),
        ("nope.example.com", "A", Outcome.NXDOMAIN),
        ("mx.example.com", "TXT", Outcome.NODATA),
        ("slow.example.com", "A", Outcome.TIMEOUT),
        ("broken.example.com", "A", Outcome.SERVFAIL),
        ("closed.example.com", "A", Outcome.REFUSED),
    ],
)
def test_each_outcome_is_reported_distinctly(
    server: DnsTestServer, name: str, rdtype: str, outcome: Outcome
) -> None:
    answer = ask(server, name, rdtype)
    assert answer.outcome is outcome, answer
    assert answer.name == name and answer.rdtype == rdtype
    assert answer.ok is (outcome is Outcome.OK)
    assert answer.outcome.is_void is (outcome in (Outcome.NXDOMAIN, Outcome.NODATA))
    assert answer.outcome.is_error is (
        outcome in (Outcome.TIMEOUT, Outcome.SERVFAIL, Outcome.REFUSED)
    )
    if outcome is Outcome.TIMEOUT:
        assert server.port and str(server.port) in answer.detail


def test_outcome_descriptions_differ() -> None:
    texts = [o.describe() for o in Outcome]
    assert len(set(texts)) == len(texts)
    assert "timed out" in Outcome.TIMEOUT.describe()
    assert "NODATA" not in Outcome.TIMEOUT.describe()


def test_a_big_txt_record_comes_back_whole_over_tcp(dns_server: MakeServer) -> None:
    policy = ("v=spf1 " + " ".join(f"ip4:198.51.100.{i % 250}" for i in range(300)))[:4000]
    policy = policy.ljust(4000, "x")
    server = dns_server({"big.example.com": [("TXT", policy)]})
    answer = ask(server, "big.example.com", "TXT")
    assert answer.ok
    assert len(answer.records) == 1
    assert b"".join(answer.records[0]) == policy.encode()
    assert answer.texts() == [policy]
    assert ("big.example.com", "TXT", "tcp") in server.queries
    assert server.queries[0] == ("big.example.com", "TXT", "udp")


def test_a_timeout_marked_name_never_yields_nodata(server: DnsTestServer) -> None:
    source = live(server)

    async def every_type() -> list[Answer]:
        types = ("A", "AAAA", "MX", "SPF", "PTR", "NS", "TXT")
        return await asyncio.gather(*(source.query("slow.example.com", t) for t in types))

    answers = run(every_type())
    by_type = {a.rdtype: a for a in answers}
    assert by_type.pop("TXT").ok  # the type that has records still answers
    for answer in by_type.values():
        assert answer.outcome is Outcome.TIMEOUT, answer
        assert not answer.outcome.is_void


def test_the_budget_ends_a_run_against_a_silent_server(dns_server: MakeServer) -> None:
    # Silent for these names only: the server itself answers (a probe of the root's NS), so
    # the source keeps asking until the budget ends it.
    server = dns_server({**ZONE, **{f"h{i}.example.com": [TIMEOUT] for i in range(20)}})
    source = live(server, timeout=0.3, budget=1.0)

    async def many() -> list[Answer]:
        answers = []
        for i in range(20):  # one after another: the worst case for a budget
            answers.append(await source.query(f"h{i}.example.com", "A"))
        return answers

    started = time.monotonic()
    answers = run(many())
    elapsed = time.monotonic() - started
    assert all(a.outcome is Outcome.TIMEOUT for a in answers)
    assert elapsed < 2.0, f"20 questions against a silent server took {elapsed:.2f} s"
    assert any("ran out of time" in a.detail for a in answers)


def test_the_budget_also_bounds_concurrent_questions(dns_server: MakeServer) -> None:
    server = dns_server(ZONE, silent=True)
    source = live(server, timeout=0.3, budget=0.5)

    async def many() -> list[Answer]:
        return await asyncio.gather(*(source.query(f"h{i}.test", "A") for i in range(30)))

    started = time.monotonic()
    answers = run(many())
    assert time.monotonic() - started < 1.5
    assert {a.outcome for a in answers} == {Outcome.TIMEOUT}


def test_caching_source_sends_one_question_for_many_callers(dns_server: MakeServer) -> None:
    server = dns_server(ZONE, latency=0.05)
    cache = CachingSource(live(server, timeout=2))

    async def twenty() -> list[Answer]:
        return await asyncio.gather(*(cache.query("Example.com.", "a") for _ in range(20)))

    answers = run(twenty())
    assert server.queries == [("example.com", "A", "udp")]
    assert cache.asked == [("example.com", "A")]
    assert {a.records for a in answers} == {("192.0.2.1",)}
    assert len(cache.answers()) == 1


def test_caching_source_prefetch_shares_the_question(dns_server: MakeServer) -> None:
    server = dns_server(ZONE, latency=0.05)
    cache = CachingSource(live(server, timeout=2))

    async def go() -> Answer:
        cache.prefetch("example.com", "MX")
        await asyncio.sleep(0)
        return await cache.query("example.com", "MX")

    answer = run(go())
    assert sorted(answer.records) == [(10, "mx.example.com"), (20, "mx2.example.com")]
    assert server.queries == [("example.com", "MX", "udp")]


def test_cancelling_one_caller_does_not_cancel_the_others(dns_server: MakeServer) -> None:
    server = dns_server(ZONE, latency=0.1)
    cache = CachingSource(live(server, timeout=2))

    async def go() -> Answer:
        first = asyncio.ensure_future(cache.query("example.com", "A"))
        await asyncio.sleep(0.01)
        second = asyncio.ensure_future(cache.query("example.com", "A"))
        await asyncio.sleep(0.01)
        first.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await first
        return await second

    assert run(go()).records == ("192.0.2.1",)


def test_caching_source_aclose_stops_what_nobody_asked_for(dns_server: MakeServer) -> None:
    # A question fetched ahead that the server never answers: at the end of a run the cache
    # stops it and waits until it has ended, so it cannot report anything after the result.
    server = dns_server({"slow.test": [TIMEOUT], "fast.test": [("A", "192.0.2.7")]})
    cache = CachingSource(live(server, timeout=30))

    async def go() -> tuple[list[asyncio.Task[Any]], Answer]:
        cache.prefetch("slow.test", "A")
        answer = await cache.query("fast.test", "A")
        while ("slow.test", "A", "udp") not in server.queries:
            await asyncio.sleep(0.01)
        await cache.aclose()
        cache.prefetch("late.test", "A")  # after the run: ignored
        left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        return left, answer

    left, answer = run(go())
    assert left == []
    assert answer.records == ("192.0.2.7",)
    assert [a.name for a in cache.answers()] == ["fast.test"]
    assert ("late.test", "A") not in cache.asked


def test_recording_to_json_and_replay_give_the_same_answers(server: DnsTestServer) -> None:
    recorder = RecordingSource(live(server))
    questions = [
        ("example.com", "A"),
        ("example.com", "AAAA"),
        ("example.com", "MX"),
        ("example.com", "NS"),
        ("multi.example.com", "TXT"),
        ("raw.example.com", "TXT"),
        ("spf.example.com", "SPF"),
        ("www.example.com", "A"),
        ("1.2.0.192.in-addr.arpa", "PTR"),
        ("nope.example.com", "A"),
        ("mx.example.com", "TXT"),
        ("slow.example.com", "A"),
        ("broken.example.com", "A"),
        ("closed.example.com", "A"),
    ]

    async def record() -> list[Answer]:
        return await asyncio.gather(*(recorder.query(n, t) for n, t in questions))

    live_answers = run(record())
    assert [r.answer for r in recorder.log] != []
    assert sorted(recorder.answers(), key=repr) == sorted(live_answers, key=repr)
    text = json.dumps([answer_to_json(a) for a in recorder.answers()])
    replay = ReplaySource(answer_from_json(d) for d in json.loads(text))

    async def again() -> list[Answer]:
        return [await replay.query(n.upper() + ".", t.lower()) for n, t in questions]

    replayed = run(again())

    def untimed(a: Answer) -> Answer:
        return dataclasses.replace(a, elapsed=0.0)

    assert [untimed(a) for a in replayed] == [untimed(a) for a in live_answers]
    for before, after in zip(live_answers, replayed, strict=True):
        assert after.elapsed == pytest.approx(before.elapsed, abs=0.001)
    missing = run(replay.query("example.com", "TXT"))
    assert missing.outcome is Outcome.MISSING
    assert missing.outcome.is_error and not missing.outcome.is_void


def test_ipv6_loopback_nameserver(dns_server: MakeServer) -> None:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    server = dns_server(ZONE, address="::1")
    assert server.nameserver == f"[::1]:{server.port}"
    source = LiveSource([Nameserver("::1", server.port)], timeout=QUICK)
    assert run(source.query("example.com", "AAAA")).records == ("2001:db8::1",)
    assert source.servers == [f"[::1]:{server.port}"]


def test_txt_strings_and_raw_bytes_are_preserved(server: DnsTestServer) -> None:
    multi = ask(server, "multi.example.com", "TXT")
    assert multi.records == ((b"v=spf1 ip4:", b"192.0.2.5 -all"),)
    assert multi.texts() == ["v=spf1 ip4:192.0.2.5 -all"]
    raw = ask(server, "raw.example.com", "TXT")
    assert raw.records == ((b"\x80raw \xff bytes",),)
    assert raw.texts() == ["\ufffdraw \ufffd bytes"]
    back = answer_from_json(json.loads(json.dumps(answer_to_json(raw))))
    assert back.records == raw.records


def test_spf_type_99_is_its_own_type(server: DnsTestServer) -> None:
    assert ask(server, "spf.example.com", "SPF").records == ((b"v=spf1 a -all",),)
    assert ask(server, "spf.example.com", "TXT").outcome is Outcome.NODATA


def test_a_cname_chain_gives_the_canonical_name(server: DnsTestServer) -> None:
    answer = ask(server, "www.example.com", "A")
    assert answer.records == ("192.0.2.20",)
    assert answer.canonical is not None
    assert answer.canonical.lower() == "host.example.com"
    assert answer_from_json(answer_to_json(answer)).canonical == answer.canonical
    assert ask(server, "host.example.com", "A").canonical is None


def test_typed_records(server: DnsTestServer) -> None:
    # Records come in the order the server sends them (shuffled, as real servers do).
    assert sorted(ask(server, "example.com", "MX").records) == [
        (10, "mx.example.com"),
        (20, "mx2.example.com"),
    ]
    assert ask(server, "example.com", "NS").records == ("ns.example.com",)
    assert ask(server, "1.2.0.192.in-addr.arpa", "PTR").records == ("host.example.com",)
    assert ask(server, "example.com", "AAAA").records == ("2001:db8::1",)


def test_a_bad_name_is_an_error_not_a_crash(server: DnsTestServer) -> None:
    answer = ask(server, "a" * 70 + ".example.com", "A")
    assert answer.outcome is Outcome.ERROR
    assert server.queries == []


def test_no_public_dns_guard(request: pytest.FixtureRequest) -> None:
    """The conftest guard: the system resolver is the discard port, port 53 is refused."""
    from tests import conftest

    answer = run(LiveSource(timeout=QUICK).query("example.com", "A"))
    assert answer.outcome is not Outcome.OK
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, pytest.raises(OSError):
        udp.sendto(b"x", ("192.0.2.53", 53))
    assert conftest._violations == ["192.0.2.53:53"]
    conftest._violations.clear()


@settings(max_examples=60, deadline=None)
@given(
    rdtype=st.sampled_from(["TXT", "SPF"]),
    records=st.lists(st.lists(st.binary(max_size=255), min_size=1, max_size=4), max_size=4),
    outcome=st.sampled_from(list(Outcome)),
    canonical=st.none() | st.sampled_from(["a.example", "B.example"]),
)
def test_answer_json_round_trip(
    rdtype: str, records: list[list[bytes]], outcome: Outcome, canonical: str | None
) -> None:
    # Only an answer that can be: records with "ok", none otherwise.
    assume((outcome is Outcome.OK) == bool(records))
    answer = Answer(
        "x.example",
        rdtype,
        outcome,
        tuple(tuple(r) for r in records),
        canonical=canonical and canonical.lower(),
        detail="d",
        elapsed=0.25,
    )
    assert answer_from_json(json.loads(json.dumps(answer_to_json(answer)))) == answer
