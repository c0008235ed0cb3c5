"""check_host() through the loopback DNS server: trace content, prefetching, hostile zones."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from mailpath.core.auth.spf import (
    SpfOutcome,
    SpfResult,
    SpfTrace,
    TermTrace,
    check_host,
    outcome_to_json,
    render_text,
    trace_to_json,
)
from mailpath.core.dns.sources import CachingSource
from tests.core.spf.conftest import Runner, live
from tests.support.dnsserver import DnsTestServer


def txt(text: str | bytes | list[Any]) -> tuple[str, Any]:
    return ("TXT", text)


def term(trace: SpfTrace, text: str) -> TermTrace:
    return next(t for t in trace.terms if t.text == text)


# ---------------------------------------------------------------- trace content

CHAIN = {
    "example.com": [txt("v=spf1 ip4:198.51.100.1 include:_spf.example.com -all")],
    "_spf.example.com": [txt("v=spf1 a:mail.example.com include:_spf2.example.net ~all")],
    "mail.example.com": [("A", "192.0.2.10")],
    "_spf2.example.net": [txt("v=spf1 mx ip4:203.0.113.0/24 -all")],
    "_spf2.example.net.": [("MX", (10, "mx1.example.net"))],
    "mx1.example.net": [("A", "192.0.2.99")],
}


def test_include_chain_shows_children(run_spf: Runner) -> None:
    o = run_spf(CHAIN, "203.0.113.7", "user@example.com")
    assert o.result is SpfResult.PASS
    assert o.record == "v=spf1 ip4:198.51.100.1 include:_spf.example.com -all"
    top = o.trace
    assert [t.text for t in top.terms] == ["ip4:198.51.100.1", "include:_spf.example.com", "-all"]
    inc = term(top, "include:_spf.example.com")
    assert inc.matched is True and inc.decisive is True and inc.lookups == 1
    assert term(top, "ip4:198.51.100.1").matched is False
    assert term(top, "-all").matched is None  # not reached
    assert inc.child is not None and inc.child.domain == "_spf.example.com"
    assert inc.child.result is SpfResult.PASS
    a = term(inc.child, "a:mail.example.com")
    assert (a.matched, a.lookups, a.target) == (False, 1, "mail.example.com")
    assert a.queries[0].rdtype == "A" and a.queries[0].records == ("192.0.2.10",)
    inc2 = term(inc.child, "include:_spf2.example.net")
    assert inc2.child is not None
    mx = term(inc2.child, "mx")
    assert mx.lookups == 1 and mx.matched is False
    assert [q.rdtype for q in mx.queries] == ["MX", "A"]
    ip4 = term(inc2.child, "ip4:203.0.113.0/24")
    assert ip4.decisive and ip4.matched and ip4.lookups == 0
    # include, a, include, mx
    assert o.lookups == 4 and o.void_lookups == 0
    assert inc2.child.lookups == 4
    assert top.error is None


def test_fail_with_explanation_and_json_and_text(run_spf: Runner) -> None:
    zone = {
        "example.com": [txt("v=spf1 a -all exp=why.example.com")],
        "why.example.com": [txt("%{i} is not one of %{d}'s <b>senders</b>")],
    }
    o = run_spf(zone, "192.0.2.1", "someone@example.com")
    assert o.result is SpfResult.FAIL
    assert o.explanation == "192.0.2.1 is not one of example.com's <b>senders</b>"
    a = term(o.trace, "a")
    assert a.void_lookups == 1 and a.queries[0].outcome == "nodata"
    assert term(o.trace, "-all").decisive
    data = outcome_to_json(o)
    json.dumps(data)
    assert data["result"] == "fail" and data["lookups"] == 1 and data["void_lookups"] == 1
    assert data["explanation"] == o.explanation
    assert data["tree"]["terms"][1]["decisive"] is True
    assert data["record"] == "v=spf1 a -all exp=why.example.com"
    text = render_text(o)
    assert "=> -all" in text
    assert "lookups 1/10, void 1/2" in text
    assert "explanation: 192.0.2.1 is not one of" in text
    colored = render_text(o, color=True)
    assert "\x1b[" in colored


def test_default_explanation_only_on_fail(run_spf: Runner) -> None:
    zone = {"example.com": [txt("v=spf1 -all")], "ok.example.com": [txt("v=spf1 +all")]}
    o = run_spf(zone, "192.0.2.1", "a@example.com", default_explanation="see %{d}")
    assert o.explanation == "see example.com"
    o = run_spf(zone, "192.0.2.1", "a@ok.example.com", default_explanation="see %{d}")
    assert o.result is SpfResult.PASS and o.explanation is None


def test_redirect_child_and_decisive(run_spf: Runner) -> None:
    zone = {
        "example.com": [txt("v=spf1 ip4:10.0.0.1 redirect=_spf.example.org")],
        "_spf.example.org": [txt("v=spf1 ip4:192.0.2.0/24 -all")],
    }
    o = run_spf(zone, "192.0.2.5", "a@example.com")
    assert o.result is SpfResult.PASS
    red = term(o.trace, "redirect=_spf.example.org")
    assert red.kind == "modifier" and red.qualifier == "" and red.decisive
    assert red.lookups == 1 and red.child is not None and red.child.result is SpfResult.PASS


def test_identities(run_spf: Runner) -> None:
    zone = {
        "example.com": [txt("v=spf1 exists:%{l}.%{o}.x.example.com -all")],
        "postmaster.example.com.x.example.com": [("A", "127.0.0.2")],
        "helo.example.com": [txt("v=spf1 exists:%{l}.%{o}.x.example.com -all")],
        "postmaster.helo.example.com.x.example.com": [("A", "127.0.0.2")],
    }
    o = run_spf(zone, "192.0.2.1", "@example.com")
    assert o.result is SpfResult.PASS and o.sender == "postmaster@example.com"
    o = run_spf(zone, "192.0.2.1", "example.com")
    assert o.result is SpfResult.PASS and o.sender == "postmaster@example.com"
    o = run_spf(zone, "192.0.2.1", "", helo="helo.example.com")
    assert o.result is SpfResult.PASS and o.sender == "postmaster@helo.example.com"
    assert o.domain == "helo.example.com"
    o = run_spf(zone, "192.0.2.1", "someone@example.com")
    assert o.result is SpfResult.FAIL
    assert term(o.trace, "exists:%{l}.%{o}.x.example.com").target == (
        "someone.example.com.x.example.com"
    )


def test_ipv4_mapped_ipv6(run_spf: Runner) -> None:
    zone = {"example.com": [txt("v=spf1 ip6:::/0 a -all"), ("A", "192.0.2.1")]}
    o = run_spf(zone, "::ffff:192.0.2.1", "a@example.com")
    assert o.result is SpfResult.PASS
    assert term(o.trace, "a").queries[0].rdtype == "A"
    assert term(o.trace, "ip6:::/0").matched is False


def test_mx_limit_and_null_mx(run_spf: Runner) -> None:
    zone: dict[str, Any] = {
        "example.com": [txt("v=spf1 mx -all")]
        + [("MX", (i, f"mx{i}.example.com")) for i in range(11)],
        "null.example.com": [txt("v=spf1 mx ?all"), ("MX", (0, "."))],
    }
    o = run_spf(zone, "192.0.2.1", "a@example.com")
    assert o.result is SpfResult.PERMERROR and "MX" in (o.trace.error or "")
    assert o.trace.error is not None and o.trace.error.startswith("mx:")
    assert run_spf(zone, "192.0.2.1", "a@null.example.com").result is SpfResult.NEUTRAL


def test_ptr_mechanism_and_p_macro(run_spf: Runner) -> None:
    zone = {
        "example.com": [txt("v=spf1 ptr -all exp=e.example.com")],
        "e.example.com": [txt("host %{p}")],
        "1.2.0.192.in-addr.arpa": [("PTR", "mail.example.com"), ("PTR", "fake.example.com")],
        "mail.example.com": [("A", "192.0.2.1")],
        "fake.example.com": [("A", "192.0.2.99")],
    }
    assert run_spf(zone, "192.0.2.1", "a@example.com").result is SpfResult.PASS
    zone["1.2.0.192.in-addr.arpa"] = [("PTR", "fake.example.com")]
    zone["fake.example.com"] = [("A", "192.0.2.1")]
    zone["example.com"] = [txt("v=spf1 ptr:other.example -all exp=e.example.com")]
    o = run_spf(zone, "192.0.2.1", "a@example.com")
    assert o.result is SpfResult.FAIL and o.explanation == "host fake.example.com"


# ---------------------------------------------------------------- prefetch

PREFETCH_ZONE = {
    "example.com": [
        txt("v=spf1 ip4:192.0.2.1 include:a.example.net include:b.example.net mx a -all")
    ],
    "a.example.net": [txt("v=spf1 include:c.example.net -all")],
    "b.example.net": [txt("v=spf1 a:x.example.net -all")],
    "c.example.net": [txt("v=spf1 -all")],
    "x.example.net": [("A", "198.51.100.7")],
}


def test_prefetched_but_unreached_costs_nothing(run_spf: Runner, spf_server: DnsTestServer) -> None:
    o = run_spf(PREFETCH_ZONE, "192.0.2.1", "a@example.com")
    assert o.result is SpfResult.PASS
    assert o.lookups == 0 and o.void_lookups == 0
    assert all(t.matched is None for t in o.trace.terms[1:])
    assert all(t.child is None and not t.queries for t in o.trace.terms)
    asked = {(n, t) for n, t, _ in spf_server.queries}
    # the includes were fetched ahead all the same (their own targets would have been
    # too, had the check not ended at once)
    assert {("a.example.net", "TXT"), ("b.example.net", "TXT")} <= asked
    assert ("example.com", "MX") in asked and ("example.com", "A") in asked


def test_no_prefetch_asks_only_what_it_walks(run_spf: Runner, spf_server: DnsTestServer) -> None:
    o = run_spf(PREFETCH_ZONE, "192.0.2.1", "a@example.com", prefetch=False)
    assert o.result is SpfResult.PASS
    assert [(n, t) for n, t, _ in spf_server.queries] == [("example.com", "TXT")]


def test_same_result_with_and_without_prefetch(run_spf: Runner) -> None:
    for ip in ("198.51.100.7", "203.0.113.1", "192.0.2.1"):
        a = run_spf(PREFETCH_ZONE, ip, "a@example.com")
        b = run_spf(PREFETCH_ZONE, ip, "a@example.com", prefetch=False)
        assert (a.result, a.lookups, a.void_lookups, a.trace) == (
            b.result,
            b.lookups,
            b.void_lookups,
            b.trace,
        )


def _deep_zone(depth: int) -> dict[str, Any]:
    zone: dict[str, Any] = {}
    for level in range(depth):
        here = f"l{level}.example.com"
        nxt = f"l{level + 1}.example.com"
        terms = f"a:h{level}.example.com mx:m{level}.example.com exists:e{level}.example.com"
        inc = f" include:{nxt}" if level + 1 < depth else ""
        zone[here] = [txt(f"v=spf1 {terms}{inc} -all")]
        zone[f"h{level}.example.com"] = [("A", "198.51.100.1")]
        zone[f"m{level}.example.com"] = [("MX", (10, f"mx{level}.example.com"))]
        zone[f"mx{level}.example.com"] = [("A", "198.51.100.2")]
        zone[f"e{level}.example.com"] = [("A", "127.0.0.1"), ("TXT", "x")]
    for level in range(depth):
        zone[f"e{level}.example.com"] = [("TXT", "not an A")]  # exists: no match (void)
    return zone


def test_network_time_is_the_critical_path(run_spf: Runner, spf_server: DnsTestServer) -> None:
    zone = _deep_zone(3)
    zone["e0.example.com"] = [("A", "127.0.0.1")]  # exists matches nothing for -all... keep 1
    zone["l0.example.com"] = [
        txt("v=spf1 a:h0.example.com mx:m0.example.com include:l1.example.com -all")
    ]
    spf_server.latency = 0.15
    # 3 TXT levels (+ one MX->A hop) deep: a budget of 10 round trips is ample for that and
    # too short for the ~15 done one by one, which would end in temperror (no wall-clock
    # assert here: benchmarks/bench_spf.py prints the time).
    o = run_spf(zone, "203.0.113.9", "a@l0.example.com", timeout=2.0, budget=0.15 * 10)
    assert o.result is SpfResult.FAIL, o.trace.error
    assert o.lookups >= 8


def test_include_loop_does_not_amplify(run_spf: Runner, spf_server: DnsTestServer) -> None:
    zone = {
        "a.example.com": [txt("v=spf1 include:b.example.com a:x.a.example.com -all")],
        "b.example.com": [txt("v=spf1 include:a.example.com a:x.b.example.com -all")],
    }
    o = run_spf(zone, "192.0.2.1", "u@a.example.com")
    assert o.result is SpfResult.PERMERROR
    assert "limit" in json.dumps(outcome_to_json(o))
    assert len(spf_server.queries) <= 45


# ---------------------------------------------------------------- hostile zones


def test_more_than_ten_lookups(run_spf: Runner) -> None:
    names = [f"h{i}.example.com" for i in range(11)]
    zone: dict[str, Any] = {n: [("A", "198.51.100.1")] for n in names}
    zone["example.com"] = [txt("v=spf1 " + " ".join(f"a:{n}" for n in names) + " +all")]
    o = run_spf(zone, "192.0.2.1", "u@example.com")
    assert o.result is SpfResult.PERMERROR
    assert o.trace.error == "a:h10.example.com: DNS lookup limit (10) exceeded"
    assert o.lookups == 11
    assert term(o.trace, "a:h10.example.com").decisive
    assert "lookups 11/10" in render_text(o)


def test_void_lookup_limit(run_spf: Runner) -> None:
    zone = {"example.com": [txt("v=spf1 a:n1.example.com a:n2.example.com a:n3.example.com +all")]}
    o = run_spf(zone, "192.0.2.1", "u@example.com")
    assert o.result is SpfResult.PERMERROR and o.void_lookups == 3
    assert o.trace.error == "a:n3.example.com: void lookup limit (2) exceeded"


def test_two_records(run_spf: Runner) -> None:
    zone = {"example.com": [txt("v=spf1 +all"), txt("V=SPF1 -all"), txt("other")]}
    o = run_spf(zone, "192.0.2.1", "u@example.com")
    assert o.result is SpfResult.PERMERROR and "2 v=spf1 records" in (o.trace.error or "")


def test_markup_and_control_characters(run_spf: Runner) -> None:
    zone = {
        "markup.example.com": [txt("v=spf1 <b>x</b> -all")],
        "ctrl.example.com": [txt(b"v=spf1 a\x07 -all\x1b[31m")],
        "exp.example.com": [txt("v=spf1 -all exp=m.example.com")],
        "m.example.com": [txt(b"\x1b[2J<script>alert(1)</script>")],
    }
    o = run_spf(zone, "192.0.2.1", "u@markup.example.com")
    assert o.result is SpfResult.PERMERROR and "<b>x</b>" in (o.trace.error or "")
    o = run_spf(zone, "192.0.2.1", "u@ctrl.example.com")
    assert o.result is SpfResult.PERMERROR
    text = render_text(o)
    assert "\x07" not in text and "\x1b" not in text and "\\x07" in text
    o = run_spf(zone, "192.0.2.1", "u@exp.example.com", default_explanation="DEFAULT")
    assert o.result is SpfResult.FAIL and o.explanation == "DEFAULT"  # control chars: ignored


def test_long_txt_over_tcp(run_spf: Runner, spf_server: DnsTestServer) -> None:
    nets = " ".join(f"ip4:10.{i // 250}.{i % 250}.0/24" for i in range(240))
    record = f"v=spf1 {nets} ip4:192.0.2.1 -all"
    assert len(record) > 4000
    o = run_spf({"example.com": [txt(record)]}, "192.0.2.1", "u@example.com")
    assert o.result is SpfResult.PASS and o.record == record
    assert ("example.com", "TXT", "tcp") in spf_server.queries


def test_silent_server_temperror_within_budget(run_spf: Runner, spf_server: DnsTestServer) -> None:
    spf_server.silent = True
    start = time.monotonic()
    o = run_spf({"example.com": [txt("v=spf1 -all")]}, "192.0.2.1", "u@example.com",
                timeout=0.3, budget=1.0)  # fmt: skip
    assert o.result is SpfResult.TEMPERROR
    assert "timed out" in (o.trace.error or "")
    assert time.monotonic() - start < 1.5


def test_servfail_and_refused_include(run_spf: Runner, spf_server: DnsTestServer) -> None:
    zone = {"example.com": [txt("v=spf1 include:bad.example.net -all")]}
    spf_server.servfail = {"bad.example.net"}
    o = run_spf(zone, "192.0.2.1", "u@example.com")
    assert o.result is SpfResult.TEMPERROR
    inc = term(o.trace, "include:bad.example.net")
    assert inc.child is not None and inc.child.result is SpfResult.TEMPERROR
    spf_server.servfail = set()
    spf_server.refused = {"bad.example.net"}
    assert run_spf(zone, "192.0.2.1", "u@example.com").result is SpfResult.TEMPERROR


def test_include_without_record(run_spf: Runner) -> None:
    zone = {"example.com": [txt("v=spf1 include:none.example.net -all")]}
    o = run_spf(zone, "192.0.2.1", "u@example.com")
    assert o.result is SpfResult.PERMERROR
    assert term(o.trace, "include:none.example.net").error == (
        "include target none.example.net has no SPF record"
    )


def test_given_caching_source_is_used(spf_server: DnsTestServer) -> None:
    spf_server.zone = {"example.com": [txt("v=spf1 a -all"), ("A", "192.0.2.1")]}

    async def go() -> tuple[SpfOutcome, CachingSource]:
        cache = CachingSource(live(spf_server))
        return await check_host(cache, "192.0.2.1", "example.com", "u@example.com"), cache

    o, cache = asyncio.run(go())
    assert o.result is SpfResult.PASS
    assert ("example.com", "TXT") in cache.asked and ("example.com", "A") in cache.asked


def test_backslash_in_local_part_is_an_octet_not_an_escape(run_spf: Runner) -> None:
    zone = {
        "example.com": [txt("v=spf1 exists:%{l}.x.example.com -all")],
        "a\\\\b.x.example.com": [("A", "127.0.0.2")],  # the label is a, backslash, b
        "ab.x.example.com": [("A", "127.0.0.2")],
    }
    outcome = run_spf(zone, "192.0.2.1", "a\\b@example.com")
    assert outcome.result is SpfResult.PASS
    [use] = term(outcome.trace, "exists:%{l}.x.example.com").queries
    assert use.name == "a\\\\b.x.example.com"
    only_ab = {k: v for k, v in zone.items() if not k.startswith("a\\")}
    assert run_spf(only_ab, "192.0.2.1", "a\\b@example.com").result is SpfResult.FAIL


def test_unicode_domain_uses_idna_2008_and_never_idna_2003(
    run_spf: Runner, spf_server: DnsTestServer
) -> None:
    zone = {
        # IDNA 2008 keeps ß (xn--strae-oqa); IDNA 2003 would map it to "strasse".
        "xn--strae-oqa.example": [txt("v=spf1 +all")],
        "strasse.example": [txt("v=spf1 -all")],
        "xn--n3h.example": [txt("v=spf1 +all")],  # ☃: valid in IDNA 2003 only
    }
    assert run_spf(zone, "192.0.2.1", "user@straße.example").result is SpfResult.PASS
    outcome = run_spf(zone, "192.0.2.1", "user@☃.example")
    assert outcome.result is SpfResult.NONE
    assert not any("xn--n3h" in q[0] for q in spf_server.queries)


def test_a_query_answered_through_a_cname_names_the_alias(run_spf: Runner) -> None:
    """The trace (panel, text and JSON) says where an answer came from when the name is an
    alias: the address belongs to the CNAME's target, not to the name in the record."""
    zone = {
        "example.com": [txt("v=spf1 a:mail.example.com -all")],
        "mail.example.com": [("CNAME", "relay.example.net")],
        "relay.example.net": [("A", "192.0.2.25")],
    }
    o = run_spf(zone, "192.0.2.25", "user@example.com")
    assert o.result is SpfResult.PASS
    query = term(o.trace, "a:mail.example.com").queries[0]
    assert query.records == ("192.0.2.25",)
    assert query.detail == "via CNAME to relay.example.net"
    terms = trace_to_json(o.trace)["terms"]
    assert terms[0]["queries"][0]["detail"] == "via CNAME to relay.example.net"
