"""The "Authoritative servers" panel and the findings on a broken delegation, in English and
Japanese: one good server (NSD), one lame (the loopback server without AA), one dead (a closed
port). The view comes from a real run against those servers (tests/core/test_authoritative)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.authoritative import AuthoritativeView, authoritative_view, live_servers
from mailpath.core.dns.sources import Answer, CachingSource, LiveSource, Nameserver
from mailpath.gui.text import i18n
from mailpath.gui.text.findings import texts
from tests.core.test_authoritative import (
    NEW_SERIAL,
    NEW_SPF,
    NS1,
    NS2,
    NS3,
    auth_zone,
    broken_resolver_zone,
    broken_zone,
    resolver_zone,
)
from tests.support.dnsserver import DnsTestServer
from tests.support.nsd import NsdServer, free_port

pytestmark = pytest.mark.nsd


def _view(resolver: Any, port: int, *, no_ttl: bool = False) -> AuthoritativeView:
    class NoTtl:
        def __init__(self, inner: LiveSource) -> None:
            self.inner = inner

        async def query(self, name: str, rdtype: str) -> Answer:
            answer = await self.inner.query(name, rdtype)
            return replace(answer, ttl=None) if no_ttl else answer

    async def go() -> AuthoritativeView:
        cache = CachingSource(NoTtl(LiveSource([Nameserver(resolver.address, resolver.port)])))
        result = await analyze(cache, "example.com", "example.net", "mail.example.com")
        return await authoritative_view(cache, result, servers=live_servers(port=port))

    return asyncio.run(go())


def test_panel_says_how_many_answered_and_findings_read_in_japanese(
    qapp: Any,
    nsd_server: Callable[..., NsdServer],
    dns_server: Callable[..., DnsTestServer],
) -> None:
    from mailpath.gui.panels.authoritative import AuthoritativePanel

    port = free_port(NS1, NS2, NS3)
    nsd_server({"example.com": broken_zone()}, address=NS1, port=port)
    dns_server(resolver_zone(), address=NS2, port=port, authoritative=False)
    view = _view(dns_server(broken_resolver_zone()), port)
    panel = AuthoritativePanel()
    panel.set_view(view)
    rows = [" | ".join(r) for r in panel.row_texts()]
    assert "? example.com TXT |  |  |  |  | only 1 of 3 servers answered with authority | " in rows
    assert not any("the servers agree" in r for r in rows)
    i18n.install("ja")
    try:
        panel.retranslate()
        rows = [" | ".join(r) for r in panel.row_texts()]
        only = "権威を持って応答したのはサーバー 3 台中 1 台のみ"
        assert f"? example.com TXT |  |  |  |  | {only} | " in rows
        dead = next(f for f in view.findings if f.code == "ns-unreachable")
        message, fix = texts(dead)
        assert message == (
            f"example.com のネームサーバー ns3.example.com（{NS3}）が応答しませんでした"
            "（接続拒否：そのアドレスでは DNS サーバーが待ち受けていません）。"
        )
        assert fix is not None and fix.startswith("ns3.example.com でネームサーバーを起動する")
    finally:
        i18n.install("en")


def test_stale_cache_with_unknown_ttl_in_japanese(
    qapp: Any,
    nsd_server: Callable[..., NsdServer],
    dns_server: Callable[..., DnsTestServer],
) -> None:
    port = free_port(NS1, NS2)
    for address in (NS1, NS2):
        nsd_server({"example.com": auth_zone(NEW_SERIAL, NEW_SPF)}, address=address, port=port)
    view = _view(dns_server(resolver_zone()), port, no_ttl=True)
    (stale,) = view.findings
    i18n.install("ja")
    try:
        message, _ = texts(stale)
    finally:
        i18n.install("en")
    assert message == (
        "example.com TXT：新しいレコードは権威サーバー 2 台中 2 台にあります"
        f"（シリアル {NEW_SERIAL}）。"
        "リゾルバーは古い応答をまだ保持していますが、いつまで保持するかは示していません"
        "（応答に TTL がありませんでした）。"
    )
    assert "unknown" not in message
