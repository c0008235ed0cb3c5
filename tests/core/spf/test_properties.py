"""Property tests: any input gives a result or SpfSyntaxError, never another exception."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailpath.core.spf import (
    MacroContext,
    SpfResult,
    SpfSyntaxError,
    check_spf,
    expand_macros,
    parse_record,
)
from tests.core.spf.conftest import live
from tests.support.dnsserver import DnsTestServer

MACRO_ALPHABET = st.sampled_from(list("%{}slodiphcrtvSLODIPHCRTV0123456789r.-+,/_=: xa"))
TERMS = st.sampled_from(
    [
        "a", "mx", "ptr", "all", "-all", "~all", "?all", "+all", "a/24", "mx//64", "a:b.example",
        "mx:b.example/24//64", "include:b.example", "include:c.example", "exists:%{i}.e.example",
        "exists:%{l}.%{d}", "ip4:192.0.2.0/24", "ip6:2001:db8::/32", "redirect=c.example",
        "exp=x.example", "ptr:example", "a:%{p}.example", "foo=bar", "include:", "ip4:1.2.3",
        "a:-x", "%{", "exp=", "redirect=b.example", "a:%{d2}", "exists:%{ir}.%{v}.example",
    ]
)  # fmt: skip


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_parse_record_any_text(text: str | bytes) -> None:
    with contextlib.suppress(SpfSyntaxError):
        parse_record(text)


@given(st.lists(st.one_of(TERMS, st.text(min_size=1, max_size=12)), max_size=12))
def test_parse_record_term_soup(terms: list[str]) -> None:
    try:
        rec = parse_record("v=spf1 " + " ".join(terms))
    except SpfSyntaxError as exc:
        assert str(exc)
    else:
        assert len(rec.terms) <= len(terms) * 2


@given(
    st.one_of(st.text(max_size=60), st.text(MACRO_ALPHABET, max_size=40)),
    st.booleans(),
    st.sampled_from(["192.0.2.3", "2001:db8::cb01"]),
    st.text(max_size=20),
)
def test_expand_macros_any_text(text: str, explanation: bool, ip: str, local: str) -> None:
    ctx = MacroContext(sender=f"{local}@example.com", domain="example.com", ip=ip, helo="h.x")
    try:
        out = expand_macros(text, ctx, explanation=explanation)
    except SpfSyntaxError:
        return
    assert isinstance(out, str)


def _zone(records: list[str]) -> dict[str, Any]:
    return {
        "example.com": [("TXT", "v=spf1 " + records[0])],
        "b.example": [
            ("TXT", "v=spf1 " + records[1]),
            ("A", "192.0.2.1"),
            ("MX", (1, "b.example")),
        ],
        "c.example": [("TXT", "v=spf1 " + records[2])],
        "x.example": [("TXT", "why %{i}")],
    }


SERVER: list[DnsTestServer] = []


def _server() -> DnsTestServer:
    if not SERVER:
        SERVER.append(DnsTestServer({}).start())
    return SERVER[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(TERMS, max_size=6).map(" ".join), min_size=3, max_size=3),
    st.sampled_from(["192.0.2.1", "198.51.100.9", "2001:db8::1", "::ffff:192.0.2.1"]),
)
def test_check_host_random_records(records: list[str], ip: str) -> None:
    server = _server()
    server.zone = _zone(records)

    async def go() -> SpfResult:
        outcome = await check_spf(live(server, 0.3, 5.0), ip, "u@example.com", "h.example")
        return outcome.result

    assert asyncio.run(go()) in set(SpfResult)


def teardown_module() -> None:
    for server in SERVER:
        server.stop()
