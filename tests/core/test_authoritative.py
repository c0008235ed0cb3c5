"""The authoritative view against NSD on several loopback addresses sharing one port.

The zone example.com has two name servers, ns1 (127.0.0.2) and ns2 (127.0.0.3); each is an
NSD instance (or the loopback test server playing a lame or a silent server). The resolver is
the loopback test server on 127.0.0.1 holding the OLD answers with a long TTL (3,412 s), as a
cache that has not yet expired would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.authoritative import (
    AuthoritativeView,
    authoritative_view,
    find_zone,
    live_servers,
    questions_for,
)
from mailpath.core.dns.authoritative_report import render_text, view_to_json
from mailpath.core.dns.sources import Answer, CachingSource, LiveSource, Nameserver
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


# ---------------------------------------------------------------- broken delegations
#
# example.com has three name servers: ns1 (127.0.0.2) is NSD and serves the zone; ns2
# (127.0.0.3) is lame (the loopback server without the AA flag); ns3 (127.0.0.4) is dead:
# nothing listens on the port, so the kernel answers with ICMP port unreachable.

NS3, PARENT = "127.0.0.4", "127.0.0.5"


def broken_zone(serial: int = OLD_SERIAL) -> str:
    return zone_text(
        "example.com",
        [
            ("@", "TXT", f'"{OLD_SPF}"'),
            ("_dmarc", "TXT", f'"{DMARC}"'),
            ("ns1", "A", NS1),
            ("ns2", "A", NS2),
            ("ns3", "A", NS3),
            ("mail", "A", "198.51.100.25"),
        ],
        serial=serial,
        ns=("ns1", "ns2", "ns3"),
    )


def broken_resolver_zone() -> dict[str, Any]:
    zone = resolver_zone()
    zone["example.com"] = [*zone["example.com"], ("NS", "ns3.example.com")]
    zone["ns3.example.com"] = [("A", NS3)]
    return zone


def test_one_good_one_lame_one_dead_server_the_same_on_every_run(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer]
) -> None:
    port = free_port(NS1, NS2, NS3)
    nsd_server({"example.com": broken_zone()}, address=NS1, port=port)
    dns_server(resolver_zone(), address=NS2, port=port, authoritative=False)
    resolver = dns_server(broken_resolver_zone(), ttl=RESOLVER_TTL)
    seen = []
    for _ in range(5):

        async def go() -> tuple[AuthoritativeView, float]:
            cache = CachingSource(LiveSource([Nameserver(resolver.address, resolver.port)]))
            result = await analyze(cache, "example.com", "example.net", "mail.example.com")
            started = asyncio.get_running_loop().time()
            view = await authoritative_view(
                cache, result, servers=live_servers(port=port, timeout=3.0)
            )
            return view, asyncio.get_running_loop().time() - started

        view, took = asyncio.run(go())
        # The dead server is reported as refusing the connection, at once: not after the
        # 3 s timeout a silent server would take.
        assert took < 1.5, took
        assert view.zone == "example.com"
        assert codes(view) == ["ns-lame", "ns-unreachable"]
        lame, dead = view.findings
        assert lame.params["host"] == "ns2.example.com"
        assert dead.params["host"] == "ns3.example.com"
        assert dead.template == "ns-unreachable/refused"
        assert dead.message == (
            f"ns3.example.com ({NS3}), a name server of example.com, did not answer "
            "(connection refused: nothing listens for DNS on that address)."
        )
        serials = view.serials()
        assert (serials["ns1.example.com"], serials["ns3.example.com"]) == (OLD_SERIAL, None)
        assert view.agree is False
        # Only ns1 answered with authority: nothing is said to "agree".
        question = next(q for q in view.questions if (q.name, q.rdtype) == ("example.com", "TXT"))
        assert (question.answered, question.servers) == (1, 3)
        text = render_text(view)
        assert not any("servers agree" in line for line in text)
        assert "  example.com TXT: only 1 of 3 servers answered with authority, resolver " in (
            "\n".join(text)
        )
        seen.append(([(f.code, f.message) for f in view.findings], text))
    assert all(run == seen[0] for run in seen)


def test_servers_agree_is_said_when_two_answer_with_authority(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(OLD_SERIAL, OLD_SPF)}, address=address, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    question = next(q for q in view.questions if (q.name, q.rdtype) == ("example.com", "TXT"))
    assert (question.answered, question.servers) == (2, 2)
    assert "  example.com TXT: servers agree, resolver current, resolver TTL 3412 s" in (
        render_text(view)
    )
    data = view_to_json(view)
    assert data is not None
    assert data["questions"][0]["answered"] == 2


def test_a_resolver_failing_on_the_broken_zone_does_not_make_the_parent_win(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer]
) -> None:
    # What a recursive resolver does when it meets the lame and the dead server: SERVFAIL
    # for the zone's own names (its SOA and NS). The parent zone com (NSD on 127.0.0.5)
    # delegates example.com to the three servers and answers for itself.
    port = free_port(NS1, NS2, NS3, PARENT)
    nsd_server({"example.com": broken_zone()}, address=NS1, port=port)
    dns_server(resolver_zone(), address=NS2, port=port, authoritative=False)
    parent = zone_text(
        "com",
        [
            ("example", "NS", "ns1.example.com."),
            ("example", "NS", "ns2.example.com."),
            ("example", "NS", "ns3.example.com."),
            ("ns1.example", "A", NS1),
            ("ns2.example", "A", NS2),
            ("ns3.example", "A", NS3),
            ("ns.nic", "A", PARENT),
        ],
        serial=7,
        ns=("ns.nic.com.",),
    )
    nsd_server({"com": parent}, address=PARENT, port=port)
    zone = broken_resolver_zone()
    zone["com"] = [("SOA", "ns.nic.com. hostmaster.nic.com. 7 3600 900 604800 300")]
    zone["com"].append(("NS", "ns.nic.com"))
    zone["ns.nic.com"] = [("A", PARENT)]
    resolver = dns_server(zone, ttl=RESOLVER_TTL, servfail=["example.com"])
    for _ in range(5):
        source = LiveSource([Nameserver(resolver.address, resolver.port)])
        found = asyncio.run(
            find_zone(source, "example.com", servers=live_servers(port=port, timeout=1.0))
        )
        assert found == "example.com"
        view = run_view(resolver, port)
        assert view.zone == "example.com"
        assert view.error is None
        # The servers come from com's referral, since the resolver gave no NS set.
        assert sorted({s.host for s in view.servers}) == [
            "ns1.example.com",
            "ns2.example.com",
            "ns3.example.com",
        ]
        assert codes(view) == ["ns-lame", "ns-unreachable"]
        serials = view.serials()
        assert (serials["ns1.example.com"], serials["ns3.example.com"]) == (OLD_SERIAL, None)


def test_serials_per_zone_when_the_same_servers_host_two_zones(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    # The sender's SPF includes _spf.example.org, a zone the same two servers host with a
    # higher serial: `serials` stays the sender zone's; `zones` has both.
    spf = "v=spf1 include:_spf.example.org -all"
    other_serial = 2027010101
    other = zone_text(
        "example.org",
        [("_spf", "TXT", '"v=spf1 ip4:198.51.100.0/24 -all"')],
        serial=other_serial,
        ns=("ns1.example.com.", "ns2.example.com."),
    )
    for address in (NS1, NS2):
        nsd_server(
            {"example.com": auth_zone(OLD_SERIAL, spf), "example.org": other},
            address=address,
            port=port,
        )
    zone = resolver_zone(spf)
    zone["example.org"] = [
        ("SOA", f"ns1.example.com. hostmaster.example.org. {other_serial} 3600 900 604800 300"),
        ("NS", "ns1.example.com"),
        ("NS", "ns2.example.com"),
    ]
    zone["_spf.example.org"] = [("TXT", "v=spf1 ip4:198.51.100.0/24 -all")]
    resolver = dns_server(zone, ttl=RESOLVER_TTL)
    view = run_view(resolver, port)
    both = {"ns1.example.com": OLD_SERIAL, "ns2.example.com": OLD_SERIAL}
    assert view.serials() == both
    data = view_to_json(view)
    assert data is not None
    assert data["serials"] == both
    assert data["zones"] == [
        {"zone": "example.com", "serials": both},
        {
            "zone": "example.org",
            "serials": {"ns1.example.com": other_serial, "ns2.example.com": other_serial},
        },
    ]
    assert {(q.name, q.zone) for q in view.questions} >= {("_spf.example.org", "example.org")}


class _NoTtl:
    """A resolver that gives no TTL (as answers from recordings made before TTLs were kept)."""

    def __init__(self, inner: LiveSource) -> None:
        self.inner = inner

    async def query(self, name: str, rdtype: str) -> Answer:
        return replace(await self.inner.query(name, rdtype), ttl=None)


def test_a_stale_cache_with_an_unknown_ttl_says_so_in_words(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer], port: int
) -> None:
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(NEW_SERIAL, NEW_SPF)}, address=address, port=port)
    resolver = dns_server(resolver_zone(), ttl=RESOLVER_TTL)

    async def go() -> AuthoritativeView:
        cache = CachingSource(_NoTtl(LiveSource([Nameserver(resolver.address, resolver.port)])))
        result = await analyze(cache, "example.com", "example.net", "mail.example.com")
        return await authoritative_view(cache, result, servers=live_servers(port=port))

    view = asyncio.run(go())
    assert codes(view) == ["stale-cache"]
    stale = view.findings[0]
    assert stale.template == "stale-cache/ttl-unknown"
    assert stale.message == (
        "example.com TXT: the new record is on 2 of 2 authoritative servers (serial "
        f"{NEW_SERIAL}); your resolver still holds the old answer and did not say for how long "
        "(its reply carried no TTL)."
    )


def test_a_view_with_no_server_or_one_server_never_says_they_agree(
    nsd_server: Callable[..., NsdServer], dns_server: Callable[..., DnsTestServer]
) -> None:
    """No server (the zone cut gave none) and one authoritative server alone cannot agree
    with anything: "all agree: no", as the per-question lines already say."""
    empty = AuthoritativeView(zone="example.com")
    assert empty.agree is False
    assert "  all agree: no" in render_text(empty)
    port = free_port(NS1)
    nsd_server({"example.com": broken_zone()}, address=NS1, port=port)
    resolver = dns_server(broken_resolver_zone(), ttl=RESOLVER_TTL)

    async def go() -> AuthoritativeView:
        cache = CachingSource(LiveSource([Nameserver(resolver.address, resolver.port)]))
        result = await analyze(cache, "example.com", "example.net", "mail.example.com")
        return await authoritative_view(cache, result, servers=live_servers(port=port, timeout=1.0))

    view = asyncio.run(go())
    assert any(q.answered == 1 for q in view.questions)
    assert view.agree is False
    data = view_to_json(view)
    assert data is not None and data["agree"] is False
