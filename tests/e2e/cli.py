"""`mailpath` as a subprocess against NSD, for the end-to-end tests."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def mailpath(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`python -m mailpath ARGS`; with `check`, a non-zero exit fails the test (stderr shown)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mailpath", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def check_json(nsd: Any, *args: str) -> dict[str, Any]:
    """`mailpath check ARGS --json` against `nsd`, which must exit 0."""
    out = mailpath("check", *args, "--nameserver", nsd.nameserver, "--timeout", "2", "--json")
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def codes(data: dict[str, Any]) -> list[str]:
    """The finding codes of a `--json` result, in order."""
    return [f["code"] for f in data["findings"]]
