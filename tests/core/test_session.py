"""The one session API (core.session): a request in, everything a front end shows or saves out.

Real DNS over loopback sockets: the resolver is the loopback test server, the zone's own name
servers are two more of them on 127.0.0.2 and 127.0.0.3 sharing one port (asked on that port
instead of 53), a second resolver (with the new record) is compared, and a DNS-over-TLS front
whose certificate no trusted CA signed stands for a misconfigured DoT server.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.dns.recording import open_recording, save_recording
from mailpath.core.dns.sources import ResolverInfo, ResolverKind
from mailpath.core.judgement.verdict import verdict
from mailpath.core.session import (
    AnalysisRequest,
    SessionFailed,
    replay_request,
    run_session,
)
from mailpath.core.watch import session_run, watch
from tests.support.dnsserver import DnsTestServer
from tests.support.doh import LocalCa, TlsDnsServer
from tests.support.nsd import free_port

NS1, NS2 = "127.0.0.2", "127.0.0.3"
VIA = "198.51.100.25"
OLD_SPF = "v=spf1 ip4:192.0.2.0/24 -all"
NEW_SPF = f"v=spf1 ip4:192.0.2.0/24 ip4:{VIA} -all"


def zone(spf: str = OLD_SPF, serial: int = 2026120101) -> dict[str, Any]:
    soa = f"ns1.example.com. hostmaster.example.com. {serial} 3600 900 604800 300"
    return {
        "example.com": [
            ("SOA", soa),
            ("NS", "ns1.example.com"),
            ("NS", "ns2.example.com"),
            ("TXT", spf),
            ("MX", (10, "mx.example.com")),
        ],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "mx.example.com": [("A", "192.0.2.25")],
        "ns1.example.com": [("A", NS1)],
        "ns2.example.com": [("A", NS2)],
        "25.100.51.198.in-addr.arpa": [("PTR", "out.example.com")],
        "out.example.com": [("A", VIA)],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }


@pytest.fixture
def servers(dns_server: Callable[..., DnsTestServer]) -> tuple[DnsTestServer, list[Any], int]:
    """The resolver (old SPF) and the zone's two own servers (new SPF), on one port."""
    port = free_port(NS1, NS2)
    own = [dns_server(zone(NEW_SPF, 2026120201), address=a, port=port) for a in (NS1, NS2)]
    return dns_server(zone()), own, port


def request(resolvers: tuple[str, ...], **kwargs: Any) -> AnalysisRequest:
    return AnalysisRequest("example.com", "example.net", VIA, nameservers=resolvers, **kwargs)


def test_live_session_gives_result_answers_authoritative_view_and_comparison(
    servers: tuple[DnsTestServer, list[Any], int], dns_server: Callable[..., DnsTestServer]
) -> None:
    resolver, own, port = servers
    other = dns_server(zone(NEW_SPF))
    outcome = asyncio.run(
        run_session(
            request(
                (resolver.nameserver,),
                authoritative=True,
                authoritative_port=port,
                compare=(other.nameserver,),
            )
        )
    )
    assert outcome.failure is None
    result = outcome.result
    assert result is not None and result.complete
    # The resolver used, as the live source said it and as Save keeps it.
    assert result.resolver == ResolverInfo(ResolverKind.UDP, resolver.nameserver)
    assert outcome.resolver == (resolver.nameserver,)
    # Every answer for Save, every question for Compare Resolvers.
    assert ("example.com", "TXT") in outcome.questions
    assert any(a.name == "example.com" and a.rdtype == "TXT" for a in outcome.answers)
    # The zone's own servers were asked, and what they said is among the findings.
    assert result.authoritative is not None
    assert {q[0] for q in own[0].queries} >= {"example.com"}
    view_codes = [f.code for f in result.authoritative.findings]
    assert view_codes and all(c in [f.code for f in result.findings] for c in view_codes)
    # The second resolver holds the new record: the comparison says where they differ.
    assert outcome.comparison is not None
    assert outcome.comparison.resolvers == (resolver.nameserver, other.nameserver)
    assert [(d.name, d.rdtype) for d in outcome.comparison.differences] == [("example.com", "TXT")]


def test_replay_session_asks_nothing_and_names_the_recorded_resolver(
    servers: tuple[DnsTestServer, list[Any], int], tmp_path: Path
) -> None:
    resolver, _own, _port = servers
    live = asyncio.run(run_session(request((resolver.nameserver,))))
    assert live.result is not None
    path = tmp_path / "a.mailpath.json"
    save_recording(
        path,
        sender="example.com",
        recipient="example.net",
        via=VIA,
        created=live.result.started_at,
        resolver=live.resolver,
        answers=live.answers,
        resolver_kind=ResolverKind.UDP,
        transport=live.result.transport,  # what is not DNS (MTA-STS policy, DNSSEC) as found
    )
    asked = len(resolver.queries)
    replayed = asyncio.run(run_session(replay_request(open_recording(path), str(path))))
    assert len(resolver.queries) == asked  # no network
    assert replayed.result is not None and replayed.failure is None
    assert replayed.result.resolver == ResolverInfo(ResolverKind.UDP, resolver.nameserver)
    assert replayed.result.started_at == live.result.started_at
    assert verdict(replayed.result) == verdict(live.result)
    assert [f.code for f in replayed.result.findings] == [f.code for f in live.result.findings]
    assert replayed.answers == tuple(open_recording(path).answers)
    assert replayed.replay_path == str(path)


def test_replay_with_other_inputs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.mailpath.json"
    save_recording(
        path,
        sender="example.com",
        recipient="example.net",
        via=None,
        created="2026-12-01T00:00:00+00:00",
        resolver=(),
        answers=(),
    )
    from mailpath.core.names import InputError

    with pytest.raises(InputError):
        replay_request(open_recording(path), str(path), sender="example.org", recipient="x.net")
    # The same parties as typed differently: accepted.
    same = replay_request(
        open_recording(path), str(path), sender="Example.COM.", recipient="example.net"
    )
    assert (same.sender, same.recipient, same.replay_path) == (
        "example.com",
        "example.net",
        str(path),
    )


@pytest.fixture
def half_broken(
    dns_server: Callable[..., DnsTestServer], tmp_path: Path
) -> Iterator[tuple[tuple[str, str], DnsTestServer]]:
    """A plain resolver that answers SERVFAIL for the DMARC record, and behind it a DoT
    server whose certificate no trusted CA signed: the DMARC question ends at the failed
    certificate, every other one is answered."""
    upstream = dns_server(zone())
    plain = dns_server(zone(), servfail=["_dmarc.example.com"])
    with TlsDnsServer(upstream, LocalCa(tmp_path)) as dot:
        yield (plain.nameserver, dot.nameserver), upstream


def test_tls_failure_ends_the_run_before_the_authoritative_view(
    half_broken: tuple[tuple[str, str], DnsTestServer],
    servers: tuple[DnsTestServer, list[Any], int],
) -> None:
    resolvers, _upstream = half_broken
    _resolver, own, port = servers
    outcome = asyncio.run(
        run_session(request(resolvers, authoritative=True, authoritative_port=port))
    )
    assert outcome.failure is not None and outcome.failure.key == "tls"
    assert outcome.result is None  # no verdict from a run whose answers were refused
    assert outcome.tls_failure is not None and outcome.tls_failure.startswith(resolvers[1])
    assert outcome.resolver_failure is None  # the plain resolver did answer
    assert own[0].queries == [] and own[1].queries == []  # never asked
    assert outcome.failure.sentence().startswith(f"TLS certificate check failed for {resolvers[1]}")


def test_cli_says_the_sessions_failure(
    half_broken: tuple[tuple[str, str], DnsTestServer],
    servers: tuple[DnsTestServer, list[Any], int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    resolvers, _upstream = half_broken
    _resolver, own, port = servers
    args = ["check", "example.com", "example.net", "--via", VIA, "--authoritative"]
    args += ["--authoritative-port", str(port), "-n", resolvers[0], "-n", resolvers[1]]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    outcome = asyncio.run(
        run_session(request(resolvers, authoritative=True, authoritative_port=port))
    )
    assert outcome.failure is not None
    assert captured.err == f"mailpath: {outcome.failure.sentence()}\n"
    assert own[0].queries == [] and own[1].queries == []


def test_watch_ends_with_the_sessions_failure(
    half_broken: tuple[tuple[str, str], DnsTestServer],
) -> None:
    resolvers, _upstream = half_broken
    with pytest.raises(SessionFailed) as raised:
        asyncio.run(watch(session_run(request(resolvers)), 1.0, limit=3))
    assert raised.value.failure.key == "tls"


def test_compare_json_unchanged_through_the_session(
    servers: tuple[DnsTestServer, list[Any], int],
    dns_server: Callable[..., DnsTestServer],
    capsys: pytest.CaptureFixture[str],
) -> None:
    resolver, _own, _port = servers
    other = dns_server(zone(NEW_SPF))
    args = ["check", "example.com", "example.net", "--via", VIA, "-n", resolver.nameserver]
    assert main([*args, "--compare-resolvers", other.nameserver, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["compare"]["resolvers"] == [resolver.nameserver, other.nameserver]
    assert [(d["name"], d["type"]) for d in data["compare"]["differences"]] == [
        ("example.com", "TXT")
    ]
