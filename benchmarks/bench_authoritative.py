"""What `check --authoritative` costs over the resolver-only check.

A zone example.com with three name servers (ns1..ns3 on 127.0.0.2..127.0.0.4, one loopback
test server each, all sharing a port), and a resolver (the loopback test server on 127.0.0.1)
answering the whole route; every server adds 50 ms to every answer. Printed: the resolver-only
check, the authoritative view alone (zone cut -> NS -> addresses -> every server, in parallel)
and the whole `check --authoritative`, each the best of --runs.

    .venv/bin/python benchmarks/bench_authoritative.py [--latency 0.05] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mailpath.core.analysis import analyze  # noqa: E402
from mailpath.core.dns.authoritative import authoritative_view, live_servers  # noqa: E402
from mailpath.core.dns.sources import CachingSource, LiveSource, Nameserver  # noqa: E402
from tests.support.dnsserver import DnsTestServer  # noqa: E402
from tests.support.nsd import free_port  # noqa: E402

NS = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
SPF = "v=spf1 include:_spf.example.com ip4:198.51.100.0/24 -all"


def zone() -> dict[str, list[Any]]:
    soa = "ns1.example.com. hostmaster.example.com. 2026120201 3600 900 604800 300"
    z: dict[str, list[Any]] = {
        "example.com": [("SOA", soa), ("TXT", SPF), ("MX", (10, "mx.example.com"))]
        + [("NS", f"ns{i}.example.com") for i in (1, 2, 3)],
        "_spf.example.com": [("TXT", "v=spf1 ip4:192.0.2.0/24 -all")],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "mail.example.com": [("A", "198.51.100.25"), ("AAAA", "2001:db8::25")],
        "mx.example.com": [("A", "198.51.100.26")],
        "25.100.51.198.in-addr.arpa": [("PTR", "mail.example.com")],
        "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa": [
            ("PTR", "mail.example.com")
        ],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }
    for i, address in enumerate(NS, 1):
        z[f"ns{i}.example.com"] = [("A", address)]
    return z


async def once(resolver: DnsTestServer, port: int, authoritative: bool) -> tuple[float, float]:
    cache = CachingSource(LiveSource([Nameserver(resolver.address, resolver.port)]))
    t0 = time.perf_counter()
    result = await analyze(cache, "example.com", "example.net", "mail.example.com")
    t1 = time.perf_counter()
    if authoritative:
        view = await authoritative_view(cache, result, servers=live_servers(port=port))
        assert view.agree, view.findings
    return t1 - t0, time.perf_counter() - t1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    port = free_port(*NS)
    servers = [DnsTestServer(zone(), address=a, port=port, latency=args.latency) for a in NS]
    resolver = DnsTestServer(zone(), latency=args.latency)
    for s in (*servers, resolver):
        s.start()
    try:
        plain = min(asyncio.run(once(resolver, port, False))[0] for _ in range(args.runs))
        both = [asyncio.run(once(resolver, port, True)) for _ in range(args.runs)]
        view = min(v for _, v in both)
        total = min(a + v for a, v in both)
    finally:
        for s in (*servers, resolver):
            s.stop()
    ms = args.latency * 1000
    print(f"3-NS zone, {ms:.0f} ms per answer, best of {args.runs}:")
    print(
        f"  resolver-only check          {plain * 1000:7.0f} ms  ({plain / args.latency:.1f} RTT)"
    )
    print(f"  authoritative view alone     {view * 1000:7.0f} ms  ({view / args.latency:.1f} RTT)")
    print(f"  check --authoritative, total {total * 1000:7.0f} ms  ({total / plain:.2f}x)")


if __name__ == "__main__":
    main()
