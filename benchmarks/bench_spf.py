"""SPF engine latency against a slow loopback server, compared with pyspf.

Run: .venv/bin/python benchmarks/bench_spf.py

The zone's SPF tree is three includes deep (four records) with 9 DNS-querying terms; every
reply is delayed 50 ms. The address matches nothing, so every term is evaluated. The engine
fetches ahead, so its network time should be about the critical path - the include chain's
four dependent TXT round trips - not the ~16 questions one after another (what pyspf does).
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dns.resolver  # noqa: E402
import spf  # noqa: E402  (pyspf 2.0.14)

from mailpath.core.auth.spf import SpfResult, check_spf  # noqa: E402
from mailpath.core.dns.sources import LiveSource, Nameserver  # noqa: E402
from tests.support.dnsserver import DnsTestServer  # noqa: E402

LATENCY = 0.05
RUNS = 5
IP = "203.0.113.77"  # matches nothing
SENDER = "user@example.com"
HELO = "mail.example.com"
#: Dependent round trips on the critical path: TXT example.com -> _spf1 -> _spf2 -> _spf3.
DEPTH = 4

ZONE = {
    "example.com": [
        ("TXT", "v=spf1 a mx include:_spf1.example.com -all"),
        ("A", "198.51.100.1"),
        ("MX", (10, "mx.example.com")),
    ],
    "mx.example.com": [("A", "198.51.100.2")],
    "_spf1.example.com": [
        (
            "TXT",
            "v=spf1 a:h1.example.com mx:m1.example.com exists:e1.example.com "
            "include:_spf2.example.com ~all",
        )
    ],
    "h1.example.com": [("A", "198.51.100.3")],
    "m1.example.com": [("MX", (10, "mx1.example.com")), ("MX", (20, "mx2.example.com"))],
    "mx1.example.com": [("A", "198.51.100.4")],
    "mx2.example.com": [("A", "198.51.100.5")],
    "e1.example.com": [("TXT", "exists needs an A record")],
    "_spf2.example.com": [("TXT", "v=spf1 a:h2.example.com include:_spf3.example.com ?all")],
    "h2.example.com": [("A", "198.51.100.6")],
    "_spf3.example.com": [("TXT", "v=spf1 ip4:198.51.100.0/28 ip6:2001:db8::/32 -all")],
}
DNS_TERMS = 9


async def _engine_once(server: DnsTestServer) -> tuple[float, SpfResult, int]:
    source = LiveSource([Nameserver("127.0.0.1", server.port)], timeout=2.0)
    start = time.perf_counter()
    outcome = await check_spf(source, IP, SENDER, HELO)
    return time.perf_counter() - start, outcome.result, outcome.lookups


def bench_engine(server: DnsTestServer) -> tuple[float, str, int, int]:
    times = []
    result = ""
    lookups = 0
    questions = 0
    for _ in range(RUNS):
        server.queries.clear()
        elapsed, res, lookups = asyncio.run(_engine_once(server))
        times.append(elapsed)
        result = res.value
        questions = len(server.queries)
    return min(times), result, lookups, questions


def bench_pyspf(server: DnsTestServer) -> tuple[float, str, int]:
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = server.port
    resolver.cache = None
    dns.resolver.default_resolver = resolver
    times = []
    result = ""
    questions = 0
    for _ in range(RUNS):
        server.queries.clear()
        start = time.perf_counter()
        result, _explanation = spf.check2(i=IP, s=SENDER, h=HELO)
        times.append(time.perf_counter() - start)
        questions = len(server.queries)
    if questions == 0:
        raise SystemExit("pyspf did not query the loopback server")
    return min(times), result, questions


def main() -> None:
    with DnsTestServer(ZONE, latency=LATENCY) as server:
        engine_time, engine_result, lookups, engine_q = bench_engine(server)
        pyspf_time, pyspf_result, pyspf_q = bench_pyspf(server)
    critical = DEPTH * LATENCY
    rows = [
        ("server latency per reply", f"{LATENCY * 1000:.0f} ms"),
        ("include depth / critical path", f"3 includes / {DEPTH} round trips"),
        ("DNS-querying terms", f"{DNS_TERMS} (engine counted {lookups})"),
        ("mailpath result", engine_result),
        ("pyspf result", pyspf_result),
        ("mailpath questions sent", str(engine_q)),
        ("pyspf questions sent", str(pyspf_q)),
        (f"mailpath network time (best of {RUNS})", f"{engine_time * 1000:.1f} ms"),
        (f"pyspf time (best of {RUNS})", f"{pyspf_time * 1000:.1f} ms"),
        ("mailpath / (depth x 50 ms)", f"{engine_time / critical:.2f}  (aim <= 1.30)"),
        ("mailpath / pyspf", f"{engine_time / pyspf_time:.2f}"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    if engine_result != pyspf_result:
        print("WARNING: results differ")


if __name__ == "__main__":
    main()
