"""Parsing a received message with 1,000 Received fields (goal: 200 ms or less).

Run: .venv/bin/python benchmarks/bench_message.py

The message mixes the shapes real servers write (Postfix with a TLS comment, Exim, Microsoft
365, Gmail's internal hops), each hop 1 s after the previous, plus an Authentication-Results
field and a short body. The first parse also loads the public suffix list (used for the
handover's registrable domains); it is reported apart, and the figures are for the parses
after it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mailpath.core.message.parse import parse_message  # noqa: E402

HOPS = 1000
RUNS = 15
GOAL_S = 0.200

SHAPES = (
    "from relay{i}.example.org (relay{i}.example.org [192.0.2.{o}]) (using TLSv1.3 with cipher "
    "TLS_AES_256_GCM_SHA384 (256/256 bits)) by relay{n}.example.org (Postfix) with ESMTPS id "
    "4Xy{i}Abc for <bob@example.net>; {date}",
    "from [198.51.100.{o}] (helo=relay{i}.example.org) by relay{n}.example.org with esmtps "
    "(TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <alice@example.org>) "
    "id 1t{i}-000XyZ-0a for bob@example.net; {date}",
    "from RELAY{i}.namprd12.prod.outlook.com (2603:10b6:408:6a::{o}) by "
    "RELAY{n}.namprd12.prod.outlook.com (2603:10b6:408:ab::{o}) with Microsoft SMTP Server "
    "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7633.10 via "
    "Frontend Transport; {date}",
    "by 2002:a05:6a20:3d8c:b0:1a9:8c2e:{i:x} with SMTP id k{i}csp1234567pzb; {date}",
)


def build_message(hops: int = HOPS) -> bytes:
    lines = []
    for i in range(hops - 1, -1, -1):
        date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1_795_000_000 + i))
        value = SHAPES[i % len(SHAPES)].format(i=i, n=i + 1, o=i % 250 + 1, date=date)
        lines.append(f"Received: {value}\r\n")
    lines.insert(
        1,
        "Authentication-Results: relay1000.example.org; spf=pass smtp.mailfrom=example.org; "
        "dkim=none; dmarc=pass header.from=example.org\r\n",
    )
    head = "".join(lines) + "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\n"
    return (head + "Subject: many hops\r\n\r\nHello.\r\n").encode()


def main() -> None:
    data = build_message()
    start = time.perf_counter()
    first = parse_message(data)
    first_s = time.perf_counter() - start
    assert len(first.hops) == HOPS, len(first.hops)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        parse_message(data)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    rows = [
        ("message size", f"{len(data) / 1024:.0f} KiB, {HOPS} Received fields"),
        ("hops parsed / unparsed", f"{len(first.hops)} / {sum(h.unparsed for h in first.hops)}"),
        ("first parse (loads the suffix list)", f"{first_s * 1000:.1f} ms"),
        (f"median of {RUNS}", f"{median * 1000:.1f} ms  (goal <= {GOAL_S * 1000:.0f} ms)"),
        ("min / max", f"{min(times) * 1000:.1f} / {max(times) * 1000:.1f} ms"),
        ("stdev", f"{statistics.stdev(times) * 1000:.1f} ms"),
        ("per hop (median)", f"{median / HOPS * 1e6:.0f} us"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    if median > GOAL_S:
        print("WARNING: over the goal")


if __name__ == "__main__":
    main()
