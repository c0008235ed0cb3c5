"""One judgement: invariants of the receiver model, checked over generated worlds.

Each world is a sender domain, a sending host and a recipient domain served by the loopback
DNS server: SPF {pass, fail, softfail, neutral, none, temperror, permerror, two records} ×
DMARC {none, p=none, quarantine, reject, np=, strict alignment} × PTR {ok, missing, not
confirmed} × address families {4, 6, both} × MX {both families, IPv4 only}, each judged with
MX hosts {all up, primary down, all down} (the what-if). A seeded sample of the product runs
through `analyze` over real sockets, then every invariant is checked.

Each invariant is a function returning its violations; each has a companion test that
bypasses the model on purpose and shows the invariant catching it, so none passes
vacuously. (DKIM outcomes need received messages: tests/core/test_dkim_outcomes.py and
tests/core/test_real_path.py judge those worlds.)
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.judgement import consequences, fixes
from mailpath.core.judgement import receiver as judgement
from mailpath.core.judgement import verdict as verdict_module
from mailpath.core.judgement.consequences import what_if_findings
from mailpath.core.judgement.receiver import (
    RANK,
    SEVERITY_RANK,
    Disposition,
    judge,
)
from mailpath.core.judgement.verdict import verdict
from mailpath.core.model import Result, Severity, Status
from mailpath.core.route import graph as route
from mailpath.core.route.graph import build_route_graph
from tests.support.dnsserver import TIMEOUT, DnsTestServer

SPF = ("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "two")
DMARC = ("none", "p=none", "quarantine", "reject", "np", "strict")
PTR = ("ok", "missing", "unconfirmed")
FAMILIES = ((4,), (6,), (4, 6))
MX_FAMILIES = ("both", "ipv4-only")
DOWN = ("up", "primary-down", "all-down")

#: Worlds sampled from the product (seeded: the same worlds on every run).
SAMPLE = 72


@dataclass(frozen=True)
class World:
    index: int
    spf: str
    dmarc: str
    ptr: str
    families: tuple[int, ...]
    mx: str

    @property
    def sender(self) -> str:
        return f"s{self.index}.example"

    @property
    def recipient(self) -> str:
        return f"r{self.index}.example"

    @property
    def host(self) -> str:
        return f"out.s{self.index}.example"

    def addresses(self) -> list[str]:
        out = []
        if 4 in self.families:
            out.append(f"192.0.2.{self.index % 250 + 1}")
        if 6 in self.families:
            out.append(f"2001:db8:{self.index:x}::25")
        return out

    def zone(self) -> dict[str, list[Any]]:
        z: dict[str, list[Any]] = {}
        s, host = self.sender, self.host
        spfs: dict[str, list[Any]] = {
            "pass": [("TXT", f"v=spf1 a:{host} -all")],
            "fail": [("TXT", "v=spf1 ip4:198.51.100.1 -all")],
            "softfail": [("TXT", "v=spf1 ip4:198.51.100.1 ~all")],
            "neutral": [("TXT", "v=spf1 ?all")],
            "none": [],
            "temperror": [TIMEOUT],
            "permerror": [("TXT", "v=spf1 foo:bar -all")],
            "two": [("TXT", f"v=spf1 a:{host} -all"), ("TXT", "v=spf1 ~all")],
        }
        z[s] = [("MX", (10, host)), *spfs[self.spf]]
        dmarc = {
            "none": None,
            "p=none": "v=DMARC1; p=none",
            "quarantine": "v=DMARC1; p=quarantine",
            "reject": "v=DMARC1; p=reject",
            "np": "v=DMARC1; p=none; np=reject",
            "strict": "v=DMARC1; p=reject; aspf=s; adkim=s",
        }[self.dmarc]
        if dmarc:
            z[f"_dmarc.{s}"] = [("TXT", dmarc)]
        z[host] = [("AAAA" if ":" in a else "A", a) for a in self.addresses()]
        for a in self.addresses():
            name = _reverse(a)
            if self.ptr == "ok":
                z[name] = [("PTR", host)]
            elif self.ptr == "unconfirmed":
                z[name] = [("PTR", f"elsewhere.s{self.index}.example")]
        r = self.recipient
        z[r] = [("MX", (10, f"mx1.{r}")), ("MX", (20, f"mx2.{r}"))]
        for n, name in enumerate((f"mx1.{r}", f"mx2.{r}"), start=1):
            z[name] = [("A", f"198.51.100.{self.index % 120 * 2 + n}")]
            if self.mx == "both":
                z[name].append(("AAAA", f"2001:db8:ffff:{self.index:x}::{n}"))
        return z

    def down(self, state: str) -> frozenset[str]:
        r = self.recipient
        return {
            "up": frozenset(),
            "primary-down": frozenset({f"mx:mx1.{r}"}),
            "all-down": frozenset({f"mx:mx1.{r}", f"mx:mx2.{r}"}),
        }[state]


def _reverse(address: str) -> str:
    import dns.reversename

    return dns.reversename.from_address(address).to_text().rstrip(".")


def worlds() -> list[World]:
    product = list(itertools.product(SPF, DMARC, PTR, FAMILIES, MX_FAMILIES))
    rng = random.Random(14)
    picked = rng.sample(product, SAMPLE)
    # Every value of every dimension appears at least once.
    for dim, values in enumerate((SPF, DMARC, PTR, FAMILIES, MX_FAMILIES)):
        for value in values:
            if not any(p[dim] == value for p in picked):
                picked.append(next(p for p in product if p[dim] == value))
    return [World(i, *p) for i, p in enumerate(picked, start=1)]


WORLDS = worlds()


@pytest.fixture(scope="module")
def judged_worlds() -> Iterator[list[tuple[World, Result]]]:
    zone: dict[str, list[Any]] = {}
    for w in WORLDS:
        zone.update(w.zone())
    server = DnsTestServer(zone).start()
    try:
        source = LiveSource([Nameserver(server.address, server.port)], timeout=3.0, budget=30)

        async def run_all() -> list[Result]:
            # One world at a time: the loopback server answers every question of a world
            # (only the temperror worlds' SPF question is left unanswered, on purpose).
            return [await analyze(source, w.sender, w.recipient, w.host) for w in WORLDS]

        results = asyncio.run(run_all())
        yield list(zip(WORLDS, results, strict=True))
    finally:
        server.stop()


Check = Callable[[Result, frozenset[str]], list[str]]


# ---------------------------------------------------------------- the invariants


def severity_matches_worst_finding(result: Result, down: frozenset[str]) -> list[str]:
    """The headline is exactly as severe as the most severe finding (INFO when none): a red
    headline has a red finding that says why, and no finding is redder than the headline."""
    v = verdict(result, down)
    findings = [*result.findings, *what_if_findings(result, down)]
    worst = max(
        (f.severity for f in findings), key=lambda s: SEVERITY_RANK[s], default=Severity.INFO
    )
    if v.severity is not worst:
        return [f"headline {v.severity.value} ({v.template}) but worst finding {worst.value}"]
    return []


_REFUSING = ("will reject", "refuses this mail", "is refused by")
_DELIVERING = ("still delivers", "still delivered", "accepts the mail")


def no_sentence_contradicts(result: Result, down: frozenset[str]) -> list[str]:
    """The headline and every consequence clause state the model's disposition."""
    out = []
    j = judge(result, down)
    v = verdict(result, down)
    if v.disposition != j.disposition.value:
        out.append(f"headline says {v.disposition}, the model {j.disposition.value}")
    # A headline that blames the DMARC policy names the policy the model applied.
    policy = {"refused/dmarc": "policy:reject", "flagged/dmarc": "policy:quarantine"}
    for key, tag in policy.items():
        if v.template.startswith(key) and tag not in j.basis:
            out.append(f"headline {v.template} but the model applied {j.basis}")
    texts = [v.message, *(f.message for f in result.findings)] if not down else [v.message]
    if j.disposition is Disposition.DELIVERED:
        out += [f"'{t}' refuses delivered mail" for t in texts if any(p in t for p in _REFUSING)]
    if j.disposition is Disposition.REFUSED:
        out += [f"'{t}' delivers refused mail" for t in texts if any(p in t for p in _DELIVERING)]
    if not down:
        paths = {p.address: p.disposition.value for p in j.paths if p.active and p.reachable}
        for f in result.findings:
            if f.disposition and f.disposition not in {*paths.values(), j.disposition.value}:
                out.append(f"{f.code} states {f.disposition}, no path is {sorted(paths.values())}")
    return out


def fixes_move_toward_delivered(result: Result, down: frozenset[str]) -> list[str]:
    """Every fix the model could apply, applied, leaves the mail no further from `delivered`
    than its finding says it is, or removes the finding's own cause; and applying them all
    together delivers the mail (when every cause has a fix the model can apply)."""
    if down:
        return []
    out = []
    before = judge(result).disposition
    for f in result.findings:
        if not f.fix_disposition:
            continue
        was = Disposition(f.disposition) if f.disposition else before
        fixed = fixes.applied_fix(result, f)
        if fixed is None:
            out.append(f"{f.code}: fix_disposition without a fix the model applies")
            continue
        after = judge(fixed)
        if after.disposition.value != f.fix_disposition:
            out.append(f"{f.code}: says {f.fix_disposition}, the model gives {after.disposition}")
        if not consequences.fix_helps(result, f, was, fixed, after):
            out.append(f"{f.code}: the fix changes nothing ({was.value} -> {after.disposition})")
    return out


def markers_follow_the_paths(result: Result, down: frozenset[str]) -> list[str]:
    """Red or amber only where a path through the node or edge is refused or flagged; the
    MX hosts judge the same mail from the same address alike; a host marked down is down."""
    out = []
    g = build_route_graph(result, down=down)
    j = judge(result, down)
    bad = {"fail": Disposition.REFUSED, "softfail": Disposition.FLAGGED}
    on_path = ("sending_host", "forwarder", "sending_address", "mx", "mailbox")
    for node, attrs in g.nodes(data=True):
        if attrs.get("kind") not in on_path or attrs["status"] not in bad:
            continue
        through = [
            p
            for p in j.paths
            if p.reachable
            and (
                node in ("mailbox", f"addr:{p.address}", f"mx:{p.mx}")
                or (node.startswith("sending:") and g.has_edge(node, f"addr:{p.address}"))
            )
        ]
        if node == "mailbox" and j.disposition is bad[attrs["status"]]:
            continue
        if not any(p.disposition is bad[attrs["status"]] for p in through):
            out.append(f"{node} is {attrs['status']} but no path through it is")
    for a, b, edge in g.edges(data=True):
        if edge.get("kind") != "smtp":
            continue
        if b in down and edge["status"] != "none":
            out.append(f"{a} -> {b}: host marked down shows {edge['status']}")
    for node in down:
        if node in g and g.nodes[node]["status"] != "none":
            out.append(f"{node} is marked down but shows {g.nodes[node]['status']}")
    by_source: dict[str, set[str]] = {}
    for a, b, edge in g.edges(data=True):
        if edge.get("kind") == "smtp" and b not in down:
            by_source.setdefault(a, set()).add(edge["status"])
    out += [f"{a}: MX hosts judge it differently {s}" for a, s in by_source.items() if len(s) > 1]
    return out


def edges_follow_address_families(result: Result, down: frozenset[str]) -> list[str]:
    """An IPv6 source reaches only MX hosts with AAAA records, IPv4 only hosts with A."""
    out = []
    g = build_route_graph(result, down=down)
    hosts = {f"mx:{h.host}": h for h in (result.mx.hosts if result.mx else ())}
    for a, b, attrs in g.edges(data=True):
        if attrs.get("kind") != "smtp" or not a.startswith("addr:") or b not in hosts:
            continue
        if not hosts[b].addresses:
            continue  # not resolved (a lookup that failed): no family to hold it to
        family = 6 if ":" in a[5:] else 4
        if not any((":" in x) == (family == 6) for x in hosts[b].addresses):
            out.append(f"{a} -> {b}: the MX host has no IPv{family} address")
    return out


def details_never_locate_a_missing_record(result: Result, down: frozenset[str]) -> list[str]:
    g = build_route_graph(result, down=down)
    if "dns:dmarc" not in g or (result.dmarc is not None and result.dmarc.record):
        return []
    text = repr(g.nodes["dns:dmarc"])
    return ["DMARC details say 'found at' without a record"] if "d.found_at" in text else []


INVARIANTS: list[Check] = [
    severity_matches_worst_finding,
    no_sentence_contradicts,
    fixes_move_toward_delivered,
    markers_follow_the_paths,
    edges_follow_address_families,
    details_never_locate_a_missing_record,
]


def violations(judged: list[tuple[World, Result]], check: Check) -> list[str]:
    out = []
    for world, result in judged:
        for state in DOWN:
            for problem in check(result, world.down(state)):
                out.append(f"{world} [{state}]: {problem}")
    return out


@pytest.mark.parametrize("check", INVARIANTS, ids=lambda c: c.__name__)
def test_invariant_holds_in_every_world(
    judged_worlds: list[tuple[World, Result]], check: Check
) -> None:
    assert [r for _, r in judged_worlds if r.complete] == [r for _, r in judged_worlds]
    found = violations(judged_worlds, check)
    assert not found, "\n".join(found[:20])


def test_the_worlds_reach_every_disposition_the_dns_can_show(
    judged_worlds: list[tuple[World, Result]],
) -> None:
    seen = {judge(r, w.down(s)).disposition for w, r in judged_worlds for s in DOWN}
    assert seen >= {
        Disposition.DELIVERED,
        Disposition.UNVERIFIED,
        Disposition.FLAGGED,
        Disposition.REFUSED,
        Disposition.QUEUED,
    }
    # And each one has a world where its fixes, all applied, deliver the mail.
    assert any(
        RANK[judge(r).disposition] > 0 and any(f.fix_disposition for f in r.findings)
        for _, r in judged_worlds
    )


# ---------------------------------------------------------------- each invariant can fail


def test_severity_invariant_catches_a_headline_that_ignores_the_findings(
    judged_worlds: list[tuple[World, Result]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The old way: the headline picks its own severity, whatever the findings say.
    monkeypatch.setattr(
        verdict_module, "_with_judgement", lambda result, down, headline, judged: headline
    )
    assert violations(judged_worlds, severity_matches_worst_finding)


def test_contradiction_invariant_catches_a_headline_of_its_own(
    judged_worlds: list[tuple[World, Result]], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = judge

    def always_delivered(result: Result, down: Any = ()) -> judgement.Judgement:
        j = real(result, down)
        return judgement.Judgement(Disposition.DELIVERED, ("spf:pass",), j.paths)

    monkeypatch.setattr(verdict_module, "judge", always_delivered)
    assert violations(judged_worlds, no_sentence_contradicts)


def test_fix_invariant_catches_a_fix_that_changes_nothing(
    judged_worlds: list[tuple[World, Result]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fixes, "applied_fix", lambda result, finding: result)
    assert violations(judged_worlds, fixes_move_toward_delivered)


def test_marker_invariant_catches_markers_drawn_without_the_model(
    judged_worlds: list[tuple[World, Result]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Markers from the SPF result alone, as before the model: red where SPF fails even when
    # the path is judged otherwise, and every MX host the same regardless of what is down.
    monkeypatch.setattr(route, "MARKER", {d: Status.FAIL for d in Disposition})
    assert violations(judged_worlds, markers_follow_the_paths)


def test_family_invariant_catches_edges_to_hosts_without_the_family(
    judged_worlds: list[tuple[World, Result]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(route, "_has_family", lambda mx, mx_id, source: True)
    assert violations(judged_worlds, edges_follow_address_families)


# ---------------------------------------------------------------- received-message worlds
#
# DKIM {absent, pass aligned, pass unaligned, body changed, key missing, key lookup timeout,
# expired, unknown algorithm} × forwarder {no, yes} × DMARC {p=none, reject, strict}: the
# message is signed at test time with dkimpy (as in test_real_path.py) and judged with the
# keys served by the loopback server.

DKIM_CASES = (
    "absent",
    "pass-aligned",
    "pass-unaligned",
    "body-changed",
    "key-missing",
    "key-timeout",
    "expired",
    "unknown-algorithm",
)
MESSAGE_DMARC = ("p=none", "reject", "strict")


@dataclass(frozen=True)
class MessageWorld:
    dkim: str
    forwarded: bool
    dmarc: str

    def down(self, state: str) -> frozenset[str]:
        from tests.core.test_real_path import GMAIL_MX

        return frozenset() if state == "up" else frozenset({f"mx:{GMAIL_MX}"})


def _signed(case: str) -> bytes:
    import dkim

    from tests.core.test_real_path import ORIGINAL
    from tests.support.dkimkeys import rsa_key

    headers = [b"from", b"to", b"subject", b"date", b"message-id"]
    key = rsa_key(2048)[0]
    if case == "absent":
        return ORIGINAL
    if case == "unknown-algorithm":
        return b"DKIM-Signature: v=1; a=rot13; d=; s=\x00; h=from; bh=AAAA; b=AAAA\r\n" + ORIGINAL
    domain, selector = b"corp.example", b"sel"
    if case == "pass-unaligned":
        domain = b"esp.example"
    elif case == "key-missing":
        selector = b"nokey"
    elif case == "key-timeout":
        selector = b"slow"
    extra: dict[str, Any] = {}
    if case == "expired":
        # x= two hours in the past (and t= before it): expired, whatever the slack.
        now = int(__import__("time").time())
        extra = {"signature_algorithm": b"rsa-sha256"}
        signed = dkim.sign(ORIGINAL, selector, domain, key, include_headers=headers, **extra)
        header = bytes(signed).replace(b"v=1;", f"v=1; x={now - 7200};".encode(), 1)
        return header + ORIGINAL
    signature = bytes(dkim.sign(ORIGINAL, selector, domain, key, include_headers=headers))
    body = ORIGINAL
    if case == "body-changed":
        body = ORIGINAL + b"-- \r\nSent through a list footer\r\n"
    return signature + body


def message_world_bytes(world: MessageWorld) -> bytes:
    signed = _signed(world.dkim)
    if world.forwarded:
        from tests.core.test_real_path import forwarded_message

        # The forwarded chain of test_real_path, around this world's signed original.
        chain = forwarded_message()
        head = chain[: chain.index(b"Return-Path:")]
        return head + b"Return-Path: <alice@corp.example>\r\n" + signed
    received = (
        b"Delivered-To: user@gmail.com\r\n"
        b"Received: from mail.corp.example (mail.corp.example [192.0.2.25])\r\n"
        b"        by mx.google.com with ESMTPS id f41si1\r\n"
        b"        for <user@gmail.com>; Fri, 27 Nov 2026 11:32:03 -0800 (PST)\r\n"
        b"Received: from [192.168.1.20] (unknown [192.0.2.200])\r\n"
        b"        (Authenticated sender: alice@corp.example)\r\n"
        b"        by mail.corp.example (Postfix) with ESMTPSA id 7AB1\r\n"
        b"        for <user@gmail.com>; Fri, 27 Nov 2026 19:32:01 +0000 (UTC)\r\n"
        b"Return-Path: <alice@corp.example>\r\n"
    )
    return received + signed


def message_zone() -> dict[str, list[Any]]:
    from tests.core.test_real_path import forwarding_zone
    from tests.support.dkimkeys import rsa_key

    zone = forwarding_zone()
    zone["esp.example"] = [("A", "192.0.2.99")]
    zone["sel._domainkey.esp.example"] = [("TXT", [f"v=DKIM1; k=rsa; p={rsa_key(2048)[1]}"])]
    zone["slow._domainkey.corp.example"] = [TIMEOUT]
    zone["25.2.0.192.in-addr.arpa"] = [("PTR", "mail.corp.example")]
    return zone


MESSAGE_WORLDS = [
    MessageWorld(d, f, m) for d in DKIM_CASES for f in (False, True) for m in MESSAGE_DMARC
]


@pytest.fixture(scope="module")
def judged_messages() -> Iterator[list[tuple[MessageWorld, Result]]]:
    from mailpath.core.message.check import MessageInput, message_parties
    from mailpath.core.message.parse import parse_message

    out = []
    for dmarc in MESSAGE_DMARC:
        zone = message_zone()
        zone["_dmarc.corp.example"] = [
            (
                "TXT",
                {
                    "p=none": "v=DMARC1; p=none",
                    "reject": "v=DMARC1; p=reject",
                    "strict": "v=DMARC1; p=reject; adkim=s; aspf=s",
                }[dmarc],
            )
        ]
        server = DnsTestServer(zone).start()
        try:
            source = LiveSource([Nameserver(server.address, server.port)], timeout=0.5)
            for world in [w for w in MESSAGE_WORLDS if w.dmarc == dmarc]:
                parsed = parse_message(message_world_bytes(world))
                sender, recipient, via = message_parties(parsed)
                result = asyncio.run(
                    analyze(source, sender, recipient, via, message=MessageInput(parsed))
                )
                out.append((world, result))
        finally:
            server.stop()
    yield out


@pytest.mark.parametrize("check", INVARIANTS, ids=lambda c: c.__name__)
def test_invariant_holds_for_every_received_message(
    judged_messages: list[tuple[MessageWorld, Result]], check: Check
) -> None:
    found = [
        f"{world} [{state}]: {problem}"
        for world, result in judged_messages
        for state in ("up", "all-down")
        for problem in check(result, world.down(state))
    ]
    assert not found, "\n".join(found[:20])


def test_no_fix_authorizes_the_forwarder(
    judged_messages: list[tuple[MessageWorld, Result]],
) -> None:
    from tests.core.test_real_path import FORWARDER_V4

    for world, result in judged_messages:
        for f in result.findings:
            said = f"{f.fix or ''} {f.record or ''}"
            if world.forwarded and ("v=spf1" in said or "Publish at corp.example" in said):
                assert FORWARDER_V4 not in said, (world, f)
                assert "mx.forwarder.example" not in (f.record or ""), (world, f)


def test_message_worlds_are_judged_as_the_rfcs_say(
    judged_messages: list[tuple[MessageWorld, Result]],
) -> None:
    seen = {(w.dkim, w.forwarded, w.dmarc): judge(r).disposition for w, r in judged_messages}
    # An aligned DKIM pass survives forwarding; without it a forwarded message fails DMARC.
    assert seen["pass-aligned", True, "reject"] is Disposition.DELIVERED
    assert seen["body-changed", True, "reject"] is Disposition.REFUSED
    assert seen["absent", True, "reject"] is Disposition.REFUSED
    # Sent directly, SPF passes and aligns.
    assert seen["absent", False, "reject"] is Disposition.DELIVERED
    # Strict alignment: a signature by another domain does not align.
    assert seen["pass-unaligned", True, "strict"] is Disposition.REFUSED
    # p=none: SPF fails at the forwarder and nothing aligned passes: SPF decides (-all).
    assert seen["absent", True, "p=none"] is Disposition.REFUSED
    assert seen["pass-unaligned", True, "p=none"] is Disposition.DELIVERED
    # Expired, unknown-algorithm and missing-key signatures authenticate nothing.
    for case in ("expired", "unknown-algorithm", "key-missing", "key-timeout"):
        assert seen[case, True, "reject"] is Disposition.REFUSED, case
