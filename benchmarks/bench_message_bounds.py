"""Hostile messages bounded in time and memory: `mailpath check --message -` end to end.

Each case runs the real command in a child process (under /usr/bin/time -v when it exists,
for the peak resident memory; Python's own figure otherwise), reading the message from stdin,
against the loopback DNS test server that publishes the signing key, SPF, DMARC and MX.

- folded: a DKIM-signed message whose Received field is folded into 500,000 continuation
  lines (2.5 MB). dkimpy's header parser is quadratic in the lines of one field (about 60-80 s
  before the limits); mailpath does not hand it over (header block over 1 MiB) and says so.
  Goal: 1 s or less, process start included.
- big signature: a 4.3 MB DKIM-Signature (b= folded over 58,000 lines).
- 50 MB: 50 MB of header fields (700,000 fields of 72 octets) and a short body.
  Goal: a peak under 300 MB.
- 50 MB folded: one Received field folded into 10,000,000 lines (50 MB). Goal: the same.
- signed body: a 31 MB body signed with relaxed canonicalization, which dkimpy verifies
  (dkimpy's own whole-body re.sub peaked near 1 GB). Goal: a peak under 300 MB.

Printed: wall time, peak resident memory, exit status and the DKIM result. Figures only: a
slow machine prints slower figures, nothing fails.

    .venv/bin/python benchmarks/bench_message_bounds.py [--budget 5]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dkim  # noqa: E402

from tests.support.dkimkeys import key_record, rsa_key  # noqa: E402
from tests.support.dnsserver import DnsTestServer  # noqa: E402

GOAL_FOLDED_S = 1.0
GOAL_PEAK_MB = 300

MESSAGE = (
    b"From: Alice <alice@example.com>\r\n"
    b"To: Bob <bob@example.net>\r\n"
    b"Subject: quarterly figures\r\n"
    b"Date: Mon, 30 Nov 2026 10:00:00 +0900\r\n"
    b"Message-ID: <1@example.com>\r\n"
    b"\r\n"
    b"Hello Bob,\r\nthe figures are attached.\r\n"
)
ZONE = {
    "sel._domainkey.example.com": [("TXT", key_record())],
    "example.com": [("A", "192.0.2.1"), ("TXT", "v=spf1 ip4:192.0.2.0/24 -all")],
    "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
    "example.net": [("MX", (10, "mx.example.net"))],
    "mx.example.net": [("A", "192.0.2.25")],
}


def signature() -> bytes:
    headers = [b"from", b"to", b"subject", b"date", b"message-id"]
    return bytes(
        dkim.sign(MESSAGE, b"sel", b"example.com", rsa_key(2048)[0], include_headers=headers)
    )


def folded() -> bytes:
    received = (
        b"Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net;"
        b" Mon, 30 Nov 2026 10:00:00 +0900" + b"\r\n\tab" * 500_000 + b"\r\n"
    )
    return received + signature() + MESSAGE


def big_signature() -> bytes:
    b_tag = b"\r\n ".join([b"A" * 72] * 58_000)
    header = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from; bh=AAAA; b="
    return header + b_tag + b"\r\n" + MESSAGE


def fifty_mb() -> bytes:
    line = b"X-Filler: " + b"y" * 60 + b"\r\n"
    received = (
        b"Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net;"
        b" Mon, 30 Nov 2026 10:00:00 +0900\r\n"
    )
    return received + line * (50_000_000 // len(line)) + MESSAGE


def fifty_mb_folded() -> bytes:
    received = (
        b"Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net;"
        b" Mon, 30 Nov 2026 10:00:00 +0900" + b"\r\n\tab" * 10_000_000 + b"\r\n"
    )
    return received + signature() + MESSAGE


def signed_body() -> bytes:
    body = b"".join(
        b"line %d of a long attachment, relaxed canonicalization\r\n" % i for i in range(520_000)
    )
    base = MESSAGE + body
    header = dkim.sign(
        base,
        b"sel",
        b"example.com",
        rsa_key(2048)[0],
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[b"from", b"to", b"subject"],
    )
    return bytes(header) + base


def run(path: Path, server: DnsTestServer, budget: str) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, the DKIM lines of the report)."""
    command = [
        sys.executable,
        "-m",
        "mailpath",
        "check",
        "--message",
        "-",
        "--nameserver",
        server.nameserver,
        "--budget",
        budget,
    ]
    if os.path.exists("/usr/bin/time"):
        command = ["/usr/bin/time", "-v", *command]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    with path.open("rb") as stdin:
        done = subprocess.run(command, stdin=stdin, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    err = done.stderr.decode(errors="replace")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    if found:
        peak = int(found.group(1)) / 1024
    else:  # the largest child so far, in kilobytes on Linux
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = done.stdout.decode(errors="replace").splitlines()
    dkim_lines = [ln.strip() for ln in lines if "not verified" in ln or "verifies" in ln]
    return seconds, peak, done.returncode, (dkim_lines[0] if dkim_lines else "-")[:110]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", default="5")
    args = parser.parse_args()
    cases = (
        ("folded Received, 500,000 lines", folded, GOAL_FOLDED_S, None),
        ("4.3 MB DKIM-Signature", big_signature, None, None),
        ("50 MB of header fields", fifty_mb, None, GOAL_PEAK_MB),
        ("50 MB in one field folded 10,000,000 times", fifty_mb_folded, None, GOAL_PEAK_MB),
        ("31 MB body, DKIM-signed (relaxed), verified", signed_body, None, GOAL_PEAK_MB),
    )
    with tempfile.TemporaryDirectory() as tmp, DnsTestServer(ZONE) as server:
        for name, make, goal_s, goal_mb in cases:
            data = make()
            path = Path(tmp) / "message.eml"
            path.write_bytes(data)
            seconds, peak, code, dkim_line = run(path, server, args.budget)
            print(f"{name} ({len(data) / 1e6:.1f} MB)")
            time_goal = f"  (goal <= {goal_s:.0f} s)" if goal_s else ""
            mem_goal = f"  (goal < {goal_mb} MB)" if goal_mb else ""
            print(f"  time       {seconds:6.2f} s{time_goal}")
            print(f"  peak       {peak:6.0f} MB{mem_goal}")
            print(f"  exit       {code}")
            print(f"  DKIM       {dkim_line}")
            if goal_s and seconds > goal_s:
                print("  WARNING: over the time goal")
            if goal_mb and peak > goal_mb:
                print("  WARNING: over the memory goal")


if __name__ == "__main__":
    main()
