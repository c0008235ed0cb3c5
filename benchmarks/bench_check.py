"""How long `mailpath check` waits on the network, against the longest chain of lookups.

A realistic zone on the loopback test server, 150 ms added to every answer:
- sender example.com, Google-Workspace-like: `include:_spf.google.com` (which includes three
  netblock records), a provider include, `mx`, a DMARC record;
- sending host mail-out.example.com with IPv4 and IPv6, PTRs for both;
- recipient example.net with five MX hosts (preferences 5..40), each with A and AAAA.

The longest chain of dependent lookups is 3 round trips (TXT example.com -> TXT
_spf.google.com -> TXT _netblocks*.google.com; also TXT -> MX -> A for `mx`, and PTR -> A).
The recipient also publishes MTA-STS (enforce) and TLS-RPT; the policy is served by a
loopback HTTPS server on port 443 (root needed) with a test CA. The transport checks
(issue 18) run in every check; the time of a check without them is printed too, so the
latency they add to the critical path shows.
Printed: mailpath's time, that over (3 x 150 ms), the questions the server received (and
whether any arrived twice: counted from the loopback server's own query log, so a question
sent twice, by a cache that let it through or by a retry, is seen), and a sequential
pyspf + dnspython script doing the same lookups.

    .venv/bin/python benchmarks/bench_check.py [--latency 0.15] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dns.nameserver  # noqa: E402
import dns.resolver  # noqa: E402
import dns.reversename  # noqa: E402

from mailpath.core.analysis import analyze  # noqa: E402
from mailpath.core.dns.sources import CachingSource, LiveSource, Nameserver  # noqa: E402
from mailpath.core.transport import TransportOptions  # noqa: E402
from tests.support.dnsserver import DnsTestServer  # noqa: E402
from tests.support.doh import LocalCa  # noqa: E402
from tests.support.https_policy import PolicyServer  # noqa: E402

POLICY = "version: STSv1\nmode: enforce\nmx: *.example.net\nmax_age: 604800\n"

CHAIN = 3
V4, V6 = "192.0.2.10", "2001:db8::10"


def zone(policy_address: str) -> dict[str, list[Any]]:
    z: dict[str, list[Any]] = {
        "_mta-sts.example.net": [("TXT", "v=STSv1; id=2026120501")],
        "mta-sts.example.net": [("A", policy_address)],
        "_smtp._tls.example.net": [("TXT", "v=TLSRPTv1; rua=mailto:tls@example.net")],
        "example.com": [
            ("TXT", "v=spf1 include:_spf.google.com include:spf.provider.example mx ~all"),
            ("MX", (1, "aspmx.l.google.com")),
        ],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=quarantine; rua=mailto:d@example.com")],
        "_spf.google.com": [
            (
                "TXT",
                "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com "
                "include:_netblocks3.google.com ~all",
            )
        ],
        "_netblocks.google.com": [("TXT", "v=spf1 ip4:198.51.100.0/25 ~all")],
        "_netblocks2.google.com": [("TXT", "v=spf1 ip6:2001:db8:4860::/48 ~all")],
        "_netblocks3.google.com": [("TXT", "v=spf1 ip4:198.51.100.128/25 ~all")],
        "spf.provider.example": [("TXT", "v=spf1 a:mail-out.example.com ~all")],
        "aspmx.l.google.com": [("A", "198.51.100.5"), ("AAAA", "2001:db8:4860::5")],
        "mail-out.example.com": [("A", V4), ("AAAA", V6)],
        dns.reversename.from_address(V4).to_text(omit_final_dot=True): [
            ("PTR", "mail-out.example.com")
        ],
        dns.reversename.from_address(V6).to_text(omit_final_dot=True): [
            ("PTR", "mail-out.example.com")
        ],
    }
    mx = []
    for i, pref in enumerate((5, 10, 20, 30, 40)):
        host = f"mx{i}.example.net"
        mx.append(("MX", (pref, host)))
        z[host] = [("A", f"203.0.113.{i + 1}"), ("AAAA", f"2001:db8:25::{i + 1}")]
    z["example.net"] = mx
    return z


async def mailpath_check(
    server: DnsTestServer, transport: TransportOptions
) -> tuple[float, list[tuple[str, str, str]]]:
    """Time one check; the questions are what the server received during it."""
    source = CachingSource(LiveSource([Nameserver(server.address, server.port)], timeout=5))
    server.queries.clear()
    start = time.perf_counter()
    result = await analyze(
        source, "example.com", "example.net", "mail-out.example.com", transport=transport
    )
    elapsed = time.perf_counter() - start
    await asyncio.sleep(2 * server.latency)  # prefetches still in flight are counted too
    received = list(server.queries)
    assert result.complete
    assert {a.spf.result.value for a in result.sending_hosts[0].addresses if a.spf} == {"pass"}
    if transport.enabled:
        assert result.transport is not None and result.transport.mta_sts.policy is not None
    return elapsed, received


def sequential(server: DnsTestServer) -> float:
    """What a script with pyspf and dnspython does: one question after another."""
    import spf  # pyspf

    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [dns.nameserver.Do53Nameserver(server.address, server.port)]
    resolver.lifetime = 5
    dns.resolver.default_resolver = resolver  # pyspf asks through dnspython's default

    def ask(name: str, rdtype: str) -> list[Any]:
        try:
            return list(resolver.resolve(name, rdtype, raise_on_no_answer=False) or [])
        except dns.resolver.NXDOMAIN:
            return []

    start = time.perf_counter()
    mx = sorted(ask("example.net", "MX"), key=lambda r: r.preference)
    for rec in mx:
        ask(rec.exchange.to_text(), "A")
        ask(rec.exchange.to_text(), "AAAA")
    addresses = [r.address for r in ask("mail-out.example.com", "A")]
    addresses += [r.address for r in ask("mail-out.example.com", "AAAA")]
    for ip in addresses:
        result, _ = spf.check2(i=ip, s="postmaster@example.com", h="mail-out.example.com")
        assert result == "pass", result
        for ptr in ask(dns.reversename.from_address(ip).to_text(), "PTR"):
            ask(ptr.target.to_text(), "AAAA" if ":" in ip else "A")
    ask("_dmarc.example.com", "TXT")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    ca = LocalCa(Path(tmp.name), names=("mta-sts.example.net",))
    with (
        PolicyServer(ca, body=POLICY) as policy,
        DnsTestServer(zone(policy.address), latency=args.latency) as server,
    ):
        on = TransportOptions(ca_file=ca.ca_file)
        off = TransportOptions(enabled=False)
        without = min(asyncio.run(mailpath_check(server, off))[0] for _ in range(args.runs))
        runs = [asyncio.run(mailpath_check(server, on)) for _ in range(args.runs)]
        best, received = min(runs, key=lambda r: r[0])
        asked = len(received)
        # (name, type) that reached the server more than once in one run, with the transports
        # (a UDP reply truncated and asked again over TCP shows as udp+tcp).
        per_question = Counter((name, rtype) for name, rtype, _ in received)
        dupes = [
            f"{name} {rtype} ({'+'.join(p for n, t, p in received if (n, t) == (name, rtype))})"
            for (name, rtype), count in per_question.items()
            if count > 1
        ]
        worst = max(sum(n - 1 for n in Counter((q[0], q[1]) for q in r[1]).values()) for r in runs)
        server.queries.clear()
        seq = min(sequential(server) for _ in range(args.runs))
        seq_questions = len(server.queries) // args.runs
    chain = CHAIN * args.latency
    print(f"latency per answer        {args.latency * 1000:.0f} ms")
    print(f"longest chain             {CHAIN} lookups = {chain * 1000:.0f} ms")
    print(
        f"mailpath check            {best * 1000:.0f} ms  "
        f"({asked} questions received by the server, best of {args.runs})"
    )
    print(f"  / longest chain         {best / chain:.2f}x   (aim <= 1.3x)")
    print(
        f"  without transport       {without * 1000:.0f} ms  "
        f"(MTA-STS/TLS-RPT/DNSSEC/DANE add {(best - without) * 1000:+.0f} ms)"
    )
    print(f"questions received twice  {len(dupes)} {', '.join(dupes)}")
    print(f"  worst run               {worst} repeated")
    print(f"sequential pyspf+dnspython {seq * 1000:.0f} ms  ({seq_questions} questions)")
    print(f"  mailpath / sequential   {best / seq:.2f}x   (aim <= 0.4x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
