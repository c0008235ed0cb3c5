"""Questions and connections of one check over an encrypted resolver.

A local DoH front (HTTP/2, or HTTP/1.1 only) and a local DoT front (`tests.support.doh`) relay
to the loopback test server, which answers a small route (SPF with an include, MX, PTR, DMARC)
after --latency seconds. Each run is one `check` (one LiveSource, its cache closed at the end,
as the CLI does); printed per transport: questions the server relayed, TLS connections it
accepted, HTTP versions, and the run's time (best of --runs). The DoH server is named by
`https://localhost:PORT/dns-query` (looked up through getaddrinfo) and by
`https://dns.test:PORT/dns-query#127.0.0.1` (no lookup).

    .venv/bin/python benchmarks/bench_encrypted.py [--latency 0.02] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mailpath.core.analysis import analyze  # noqa: E402
from mailpath.core.dns.sources import CachingSource, LiveSource  # noqa: E402
from mailpath.core.names import parse_nameserver  # noqa: E402
from tests.support.dnsserver import DnsTestServer  # noqa: E402
from tests.support.doh import DohServer, LocalCa, TlsDnsServer  # noqa: E402

ZONE: dict[str, list[Any]] = {
    "example.com": [
        ("TXT", "v=spf1 include:_spf.example.com ip4:198.51.100.0/24 -all"),
        ("MX", (10, "mx.example.com")),
    ],
    "_spf.example.com": [("TXT", "v=spf1 ip4:192.0.2.0/24 -all")],
    "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
    "mail.example.com": [("A", "198.51.100.25")],
    "mx.example.com": [("A", "198.51.100.26")],
    "25.100.51.198.in-addr.arpa": [("PTR", "mail.example.com")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "192.0.2.80")],
}


async def one_check(nameserver: str, ca_file: str) -> tuple[float, int]:
    live = LiveSource([parse_nameserver(nameserver)], timeout=5, ca_file=ca_file)
    cache = CachingSource(live)
    t0 = time.perf_counter()
    result = await analyze(cache, "example.com", "example.net", "mail.example.com")
    elapsed = time.perf_counter() - t0
    await cache.aclose()
    failed = [a for a in cache.answers() if a.outcome.value in ("timeout", "error")]
    if failed:
        raise SystemExit(f"{nameserver}: {failed[0].name} {failed[0].outcome.value}")
    return elapsed, int(result.queries)


def measure(label: str, front: Any, text: Callable[[Any], str], ca: LocalCa, runs: int) -> None:
    times: list[float] = []
    per_run: list[tuple[int, int]] = []
    with front as server:
        for _ in range(runs):
            before = (server.requests, server.connections)
            try:
                elapsed, _asked = asyncio.run(one_check(text(server), ca.ca_file))
            except (ValueError, SystemExit) as exc:  # InputError: a form this build refuses
                print(f"{label:<28} failed: {exc}")
                return
            times.append(elapsed)
            per_run.append((server.requests - before[0], server.connections - before[1]))
        versions = sorted(set(getattr(server, "versions", ["tls"])))
    questions, connections = per_run[-1]
    print(
        f"{label:<28} questions/run {questions:>3}   connections/run {connections:>3}   "
        f"http {','.join(versions):<12} best {min(times) * 1000:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, DnsTestServer(ZONE, latency=args.latency) as up:
        ca = LocalCa(Path(tmp), names=("127.0.0.1", "dns.test", "localhost"))
        print(f"one check (example.com -> example.net via mail.example.com), {args.latency}s")
        measure("DoH HTTP/2, IP", DohServer(up, ca), lambda s: s.nameserver, ca, args.runs)
        measure(
            "DoH HTTP/2, localhost",
            DohServer(up, ca),
            lambda s: f"https://localhost:{s.port}/dns-query",
            ca,
            args.runs,
        )
        measure(
            "DoH HTTP/2, NAME#ADDRESS",
            DohServer(up, ca),
            lambda s: f"https://dns.test:{s.port}/dns-query#127.0.0.1",
            ca,
            args.runs,
        )
        measure(
            "DoH HTTP/1.1 only, IP",
            DohServer(up, ca, http2=False),
            lambda s: s.nameserver,
            ca,
            args.runs,
        )
        measure("DoT", TlsDnsServer(up, ca), lambda s: s.nameserver, ca, args.runs)


if __name__ == "__main__":
    main()
