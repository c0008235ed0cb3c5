"""What the STARTTLS probe costs: 5 MX hosts x 2 address families, probed all at once
(`probe_mx`) and one after another (`probe_address` in a loop).

Five aiosmtpd servers with STARTTLS on 127.0.26.1..5 port 25 (IPv4) and one on ::1 port 25
that answers the five hosts' IPv6 probes; one certificate (*.bench.test) from a test CA that
the probe trusts. Each server waits --latency seconds before every reply, like a round trip
to a real MX host; a probe waits for 5 replies (banner, EHLO, STARTTLS, EHLO, QUIT) besides
the TCP and TLS handshakes. Printed: the best of --runs for each way, with and without that
latency. Run as root (port 25).

    .venv/bin/python benchmarks/bench_starttls.py [--latency 0.05] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trustme  # noqa: E402

from mailpath.core.transport.starttls import all_probes, probe_address, probe_mx  # noqa: E402
from tests.support.smtpserver import SmtpServer  # noqa: E402

HOSTS = [f"mx{i}.bench.test" for i in range(1, 6)]
PAIRS = [(h, f"127.0.26.{i}") for i, h in enumerate(HOSTS, 1)] + [(h, "::1") for h in HOSTS]


async def sequential(ca_file: str) -> int:
    ok = 0
    for host, address in PAIRS:
        p = await probe_address(host, address, ca_file=ca_file, timeout=30)
        ok += p.certificate is not None and p.certificate.trusted
    return ok


async def concurrent(ca_file: str) -> int:
    probes = await probe_mx(PAIRS, ca_file=ca_file, timeout=30)
    return sum(p.certificate is not None and p.certificate.trusted for p in all_probes(probes))


def best(runs: int, make: object, ca_file: str) -> tuple[float, int]:
    times = []
    ok = 0
    for _ in range(runs):
        start = time.perf_counter()
        ok = asyncio.run(make(ca_file))  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ca = trustme.CA()
    cert = ca.issue_cert("*.bench.test")
    with tempfile.TemporaryDirectory() as tmp:
        ca_file = str(Path(tmp) / "ca.pem")
        ca.cert_pem.write_to_path(ca_file)
        for latency in (0.0, args.latency):
            with contextlib.ExitStack() as stack:
                for address in [f"127.0.26.{i}" for i in range(1, 6)] + ["::1"]:
                    stack.enter_context(SmtpServer(address, cert, delay=latency))
                seq, ok_seq = best(args.runs, sequential, ca_file)
                con, ok_con = best(args.runs, concurrent, ca_file)
            print(
                f"latency {latency * 1000:4.0f} ms per reply, {len(PAIRS)} probes: "
                f"sequential {seq:6.3f} s, concurrent {con:6.3f} s "
                f"(x{seq / con:.1f}; trusted {ok_seq}/{ok_con} of {len(PAIRS)})"
            )


if __name__ == "__main__":
    main()
