"""The authoritative view against NSD on several loopback addresses sharing one port.

The zone example.com has two name servers, ns1 (127.0.0.2) and ns2 (127.0.0.3); each is an
NSD instance (or the loopback test server playing a lame or a silent server). The resolver is
the loopback test server on 127.0.0.1 holding the OLD answers with a long TTL (3,412 s), as a
cache that has not yet expired would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.authoritative import (
    AuthoritativeView,
    authoritative_view,
    find_zone,
    live_servers,
    questions_for,
    view_to_json,
)
from mailpath.core.dns import CachingSource, LiveSource, Nameserver
from tests.support.dnsserver import DnsTestServer
from tests.support.nsd import NsdServer, free_port, zone_text

pytestmark = pytest.mark.nsd

NS1, NS2 = "127.0.0.2", "127.0.0.3"
OLD_SPF = "v=spf1 ip4:192.0.2.0/24 -all"
NEW_SPF = "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.25 -all"
OLD_SERIAL, NEW_SERIAL = 2026120101, 2026120201
DMARC = "v=DMARC1; p=reject"
RESOLVER_TTL = 3412


def auth_zone(serial: int, spf: str) -> str:
    return zone_text(
        "example.com",
        [
            ("@", "TXT", f'"{spf}"'),
            ("news", "TXT", f'"{spf}"'),
            ("_dmarc", "TXT", f'"{DMARC}"'),
            ("ns1", "A", NS1),
            ("ns2", "A", NS2),
            ("mail", "A", "198.51.100.25"),
        ],
        serial=serial,
        ns=("ns1", "ns2"),
    )


def resolver_zone(spf: str = OLD_SPF) -> dict[str, Any]:
    soa = f"ns1.example.com. hostmaster.example.com. {OLD_SERIAL} 3600 900 604800 300"
    return {
        "example.com": [
            ("SOA", soa),
            ("NS", "ns1.example.com"),
            ("NS", "ns2.example.com"),
            ("TXT", spf),
        ],
        "news.example.com": [("TXT", spf)],
        "_dmarc.example.com": [("TXT", DMARC)],
        "ns1.example.com": [("A", NS1)],
        "ns2.example.com": [("A", NS2)],
        "mail.example.com": [("A", "198.51.100.25")],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }


def run_view(resolver: DnsTestServer, port: int, sender: str = "example.com") -> AuthoritativeView:
    async def go() -> AuthoritativeView:
        cache = CachingSource(LiveSource([Nameserver(resolver.address, resolver.port)]))
        result = await analyze(cache, sender, "example.net", "mail.example.com")
        return await authoritative_view(cache, result, servers=live_servers(port=port, timeout=1.0))

    return asyncio.run(go())


@pytest.fixture
def port() -> int:
    return free_port(NS1, NS2)


def codes(view: AuthoritativeView) -> list[str]:
    return [f.code for f in view.findings]


def test_both_servers_agree_with_the_resolver(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=address, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    assert view.zone == "example.com"
    assert view.serials() == {"ns1.example.com": OLD_SERIAL, "ns2.example.com": OLD_SERIAL}
    assert [(s.host, s.address, s.outcome, s.authoritative) for s in view.servers] == [
        ("ns1.example.com", NS1, "ok", True),
        ("ns2.example.com", NS2, "ok", True),
    ]
    assert view.agree is True
    assert codes(view) == []
    txt = [a for a in view.answers if (a.name, a.rdtype) == ("example.com", "TXT")]
    assert [(a.host, a.records, a.ttl, a.authoritative) for a in txt] == [
        ("ns1.example.com", (OLD_SPF,), 300, True),
        ("ns2.example.com", (OLD_SPF,), 300, True),
    ]
    # The resolver's TTL is what it reported, not the zone's.
    question = next(q for q in view.questions if q.name == "example.com")
    assert question.resolver.ttl == RESOLVER_TTL
    data = view_to_json(view)
    assert data is not None
    assert set(data) >= {"zone", "serials", "servers", "answers", "agree"}
    assert {"host", "address", "outcome", "authoritative"} <= set(data["servers"][0])
    assert {"name", "type", "server", "outcome", "records", "ttl"} <= set(data["answers"][0])


def test_new_record_on_every_server_but_the_resolver_holds_the_old(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(NEW_SERIAL, NEW_SPF)}, address=address, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    assert codes(view) == ["stale-cache"]
    assert view.findings[0].message == (
        "example.com TXT: the new record is on 2 of 2 authoritative servers (serial "
        f"{NEW_SERIAL}); your resolver still holds the old answer for up to 3,412 s."
    )
    assert view.agree is False


def test_one_server_still_serves_the_old_serial(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    nsd_server({"example.com": auth_zone(NEW_SERIAL, NEW_SPF)}, address=NS1, port=port)
    nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=NS2, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    assert view.serials() == {"ns1.example.com": NEW_SERIAL, "ns2.example.com": OLD_SERIAL}
    assert codes(view) == ["ns-disagree", "stale-cache"]
    disagree, stale = view.findings
    assert f'ns1.example.com ({NS1}, serial {NEW_SERIAL}) serves "{NEW_SPF}"' in (disagree.message)
    assert f'ns2.example.com ({NS2}, serial {OLD_SERIAL}) serves "{OLD_SPF}"' in (disagree.message)
    assert "on 1 of 2 authoritative servers" in stale.message


def test_a_lame_server(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=NS1, port=port)
    # Knows the answers but is not authoritative for them: replies without AA.
    dns_server(resolver_zone(), address=NS2, port=port, authoritative=False)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    assert codes(view) == ["ns-lame"]
    assert view.findings[0].message == (
        f"ns2.example.com ({NS2}) is listed as a name server of example.com but does not "
        "answer for it authoritatively (its reply lacks the AA flag)."
    )
    assert [s.authoritative for s in view.servers] == [True, False]
    assert view.agree is False


def test_a_silent_server(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=NS1, port=port)
    dns_server({}, address=NS2, port=port, silent=True)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    assert codes(view) == ["ns-unreachable"]
    assert view.servers[1].outcome == "timeout"
    assert view.findings[0].params["host"] == "ns2.example.com"


def test_the_zone_cut_is_above_the_sender_domain(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=address, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    zone = asyncio.run(
        find_zone(LiveSource([Nameserver(resolver.address, resolver.port)]), "news.example.com")
    )
    assert zone == "example.com"
    view = run_view(resolver, port, sender="news.example.com")
    assert view.zone == "example.com"
    assert view.agree is True
    asked = {(a.name, a.rdtype) for a in view.answers}
    assert ("news.example.com", "TXT") in asked
    assert ("_dmarc.news.example.com", "TXT") in asked


def test_questions_include_spf_targets_dmarc_dkim_and_the_sending_host(
    dns_server: Callable[..., DnsTestServer],
) -> None:
    zone = resolver_zone("v=spf1 include:_spf.example.com redirect=r.example.com")
    zone["_spf.example.com"] = [("TXT", "v=spf1 -all")]
    zone["r.example.com"] = [("TXT", "v=spf1 -all")]
    server = dns_server(zone)

    async def go() -> list[tuple[str, str]]:
        source = LiveSource([Nameserver(server.address, server.port)])
        result = await analyze(source, "example.com", "example.net", "mail.example.com")
        return questions_for(result, ["sel1"])

    assert asyncio.run(go()) == [
        ("example.com", "TXT"),
        ("_spf.example.com", "TXT"),
        ("r.example.com", "TXT"),
        ("_dmarc.example.com", "TXT"),
        ("sel1._domainkey.example.com", "TXT"),
        ("mail.example.com", "A"),
        ("mail.example.com", "AAAA"),
    ]
