"""Regenerate the bundled seed analyses in resources/examples/ from the seed zones.

Runs NSD on loopback with tests/e2e/seed.py's zones and saves `mailpath check` recordings:
- seed.mailpath.json: the story as it began: ts.skr.jp has no SPF record, Gmail marks the mail
  from www274.sakura.ne.jp unverified;
- seed-fixed.mailpath.json: after publishing the suggested record (and a DMARC record).

Usage (needs NSD: apt-get install nsd):  .venv/bin/python scripts/make_seed_examples.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.seed import RECIPIENT, SENDER, SPF_FIXED, VIA, seed_zones  # noqa: E402
from tests.support.nsd import NsdServer  # noqa: E402

VARIANTS = {
    "seed.mailpath.json": seed_zones(spf=None),
    "seed-fixed.mailpath.json": seed_zones(
        spf=SPF_FIXED, dmarc="v=DMARC1; p=none; rua=mailto:postmaster@ts.skr.jp"
    ),
}


def main() -> int:
    out_dir = ROOT / "resources" / "examples"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, zones in VARIANTS.items():
        with NsdServer(zones) as nsd:
            target = out_dir / name
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mailpath",
                    "check",
                    SENDER,
                    RECIPIENT,
                    "--via",
                    VIA,
                    "--nameserver",
                    nsd.nameserver,
                    "--save",
                    str(target),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
