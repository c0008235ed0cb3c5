"""The corpus of real messages (`sources.py`), fetched once per session.

A source that cannot be had (no network to the registries, the Debian package not installed)
skips the tests that need it, except under CI (``CI=true``), where that is a failure:
``scripts/test.sh`` installs what the corpus needs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from mailpath.cli import main
from tests.corpus.sources import Corpus, load_corpus
from tests.support.dnsserver import DnsTestServer


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    loaded = load_corpus()
    if loaded.missing:
        problems = "; ".join(f"{source}: {why}" for source, why in loaded.missing.items())
        if _under_ci():
            pytest.fail(f"the message corpus is incomplete: {problems}")
        pytest.skip(f"the message corpus is incomplete: {problems}")
    return loaded


@dataclass
class Run:
    code: int
    out: str
    err: str

    def report(self) -> dict[str, Any]:
        data = json.loads(self.out)
        assert isinstance(data, dict)
        return data


def check(server: DnsTestServer, path: str, *extra: str) -> Run:
    """`mailpath check [extra] --message path --json --fail-on error` in this process, against
    the loopback server, with a short --timeout and --budget."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            [
                "check",
                *extra,
                "--message",
                path,
                "--nameserver",
                server.nameserver,
                "--timeout",
                "1",
                "--budget",
                "10",
                "--json",
                "--fail-on",
                "error",
            ]
        )
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def server() -> Iterator[DnsTestServer]:
    with DnsTestServer({}) as started:
        yield started


@pytest.fixture(scope="session")
def runs(corpus: Corpus, server: DnsTestServer) -> dict[str, Run]:
    """`check --message` on every message, once per session."""
    return {sample.key: check(server, str(sample.path)) for sample in corpus.samples}
