"""The OpenSPF conformance suites (RFC 7208 and pyspf's RFC 4408 edition), every test.

Each scenario's zone data is served by the loopback DNS server (`tests.support.dnsserver`)
and every test runs as a user would: `mailpath spf MAILFROM IP --helo HELO --json
--nameserver 127.0.0.1:PORT` (the CLI's `main()` in process, stdout parsed), so identities
the suites use (malformed domains, local parts with spaces, an empty MAIL FROM) must get
their RFC 7208 result through the command line, not only through the engine. The few tests
with ``explanation: DEFAULT`` need the receiver's default explanation, which the CLI does not
take: they are run once more through `check_spf` to compare it.
The YAML files and their licences are copied in `data/` (see `data/SOURCE.md`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from mailpath.cli import main
from mailpath.core.auth.spf import SpfResult, check_spf
from mailpath.core.dns.sources import LiveSource, Nameserver
from tests.support.dnsserver import DnsTestServer, zone_from_suite

DATA = Path(__file__).parent / "data"
SUITES = ("rfc7208-tests.yml", "rfc4408-tests.yml")


def _load() -> list[Any]:
    params = []
    for suite in SUITES:
        with (DATA / suite).open(encoding="utf-8") as fh:
            scenarios = [doc for doc in yaml.safe_load_all(fh) if doc]
        for index, scenario in enumerate(scenarios):
            zone = zone_from_suite(scenario.get("zonedata") or {})
            for name, test in scenario["tests"].items():
                params.append(pytest.param(suite, index, zone, test, id=f"{suite}:{name}"))
    return params


PARAMS = _load()


@pytest.fixture(scope="module")
def server() -> Iterator[DnsTestServer]:
    with DnsTestServer({}) as srv:
        yield srv


def test_suite_sizes() -> None:
    counts: dict[str, int] = {}
    for p in PARAMS:
        counts[p.values[0]] = counts.get(p.values[0], 0) + 1
    assert counts == {"rfc7208-tests.yml": 203, "rfc4408-tests.yml": 191}


@pytest.mark.parametrize(("suite", "scenario", "zone", "test"), PARAMS)
def test_openspf(
    server: DnsTestServer,
    capsys: pytest.CaptureFixture[str],
    suite: str,
    scenario: int,
    zone: dict[str, Any],
    test: dict[str, Any],
) -> None:
    server.zone = zone
    expected = test["result"]
    accepted = [expected] if isinstance(expected, str) else list(expected)
    argv = [
        "spf",
        f"--helo={test['helo']}",
        "--json",
        f"--nameserver=127.0.0.1:{server.port}",
        "--timeout=0.3",
        "--budget=20",
        "--",  # a MAIL FROM may start with "-"
        test["mailfrom"],
        test["host"],
    ]
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), f"mailpath {argv}: exit {code}: {err}"
    data = json.loads(out)
    assert data["result"] in accepted, f"{data['result']} not in {accepted}: {data['tree']}"
    if "explanation" not in test or data["result"] != "fail":
        return
    if test["explanation"] == "DEFAULT":
        _check_default_explanation(server, test)
        return
    # Compared case-insensitively (as Mail::SPF's driver does): RFC 7208 7.4 writes the IPv6
    # %{i} nibbles in lower case, the suite's v-macro-ip6 in upper case.
    assert (data["explanation"] or "").lower() == str(test["explanation"]).lower()


def _check_default_explanation(server: DnsTestServer, test: dict[str, Any]) -> None:
    async def run() -> Any:
        source = LiveSource([Nameserver("127.0.0.1", server.port)], timeout=0.3, budget=20)
        return await check_spf(
            source, test["host"], test["mailfrom"], test["helo"], default_explanation="DEFAULT"
        )

    outcome = asyncio.run(run())
    assert outcome.result is SpfResult.FAIL
    assert outcome.explanation == "DEFAULT"
