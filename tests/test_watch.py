"""`check --watch`: re-run until the verdict passes, against a zone changed while it runs.

The watch interval is at least 30 s for users; tests lower that floor with the environment
variable MAILPATH_WATCH_MIN (here 1 s).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.analysis import analyze
from mailpath.core.dns.sources import LiveSource, Nameserver
from mailpath.core.model import Result
from mailpath.core.watch import TEMPLATES, Change, WatchRun, change_parts, changes, passes, watch
from tests.support.dnsserver import DnsTestServer

ROOT = Path(__file__).resolve().parent.parent
VIA = "198.51.100.25"
OLD_SPF = "v=spf1 ip4:192.0.2.0/24 -all"
NEW_SPF = f"v=spf1 ip4:192.0.2.0/24 ip4:{VIA} -all"


def zone(spf: str = OLD_SPF) -> dict[str, Any]:
    return {
        "example.com": [("TXT", spf), ("MX", (10, "mx.example.com"))],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "mx.example.com": [("A", "192.0.2.25")],
        "25.100.51.198.in-addr.arpa": [("PTR", "out.example.com")],
        "out.example.com": [("A", VIA)],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }


def analysis(server: DnsTestServer) -> Result:
    source = LiveSource([Nameserver(server.address, server.port)], timeout=2)
    return asyncio.run(analyze(source, "example.com", "example.net", VIA))


def test_changes_says_what_the_fix_changed(dns_server: Callable[..., DnsTestServer]) -> None:
    server = dns_server(zone())
    before = analysis(server)
    assert not passes(before)
    assert changes(None, before) == ()
    assert changes(before, before) == ()
    server.zone = zone(NEW_SPF)
    after = analysis(server)
    assert passes(after)
    said = changes(before, after)
    assert said[0] == "verdict refused -> verified"
    assert f"SPF record {OLD_SPF!r} -> {NEW_SPF!r}" in said
    assert f"SPF for {VIA} fail -> pass" in said
    assert "-spf-not-authorized" in said


def test_changes_are_data_rendered_from_the_templates(
    dns_server: Callable[..., DnsTestServer],
) -> None:
    server = dns_server(zone())
    before = analysis(server)
    server.zone = zone(NEW_SPF)
    after = analysis(server)
    parts = change_parts(before, after)
    assert changes(before, after) == tuple(c.render() for c in parts)
    assert parts[0] == Change("verdict", {"before": "refused", "after": "verified"})
    assert Change("spf-result", {"address": VIA, "before": "fail", "after": "pass"}) in parts
    # Rendered through a translation, the data stays as it is.
    japanese = {
        TEMPLATES["verdict"]: "判定 {before} → {after}",
        TEMPLATES["spf-record"]: "SPF レコード {before} → {after}",
    }
    said = [c.render(lambda t: japanese.get(t, t)) for c in parts]
    assert said[0] == "判定 refused → verified"
    assert f"SPF レコード {OLD_SPF!r} → {NEW_SPF!r}" in said


def test_change_text_for_missing_values() -> None:
    none = Change("none")
    assert Change("spf-record", {"before": none, "after": "'v=spf1 -all'"}).render() == (
        "SPF record (none) -> 'v=spf1 -all'"
    )
    assert Change("mx", {"before": none, "after": "10 mx.example.com"}).render() == (
        "MX (none) -> 10 mx.example.com"
    )
    serial = Change("serial", {"host": "ns1.example", "before": Change("no-serial"), "after": "7"})
    assert str(serial) == "serial of ns1.example None -> 7"
    japanese = {
        "(none)": "（なし）",
        "None": "なし",
        TEMPLATES["serial"]: "{host} のシリアル {before} → {after}",
    }
    assert serial.render(lambda t: japanese.get(t, t)) == "ns1.example のシリアル なし → 7"
    # A translation that does not fit the parameters: English, never an error.
    assert serial.render(lambda t: "{serial}") == "serial of ns1.example None -> 7"
    assert {
        Change("finding-added", {"code": "x"}).render(),
        str(Change("finding-removed", {"code": "y"})),
    } == {"+x", "-y"}


def test_watch_loop_ends_when_the_verdict_passes(
    dns_server: Callable[..., DnsTestServer],
) -> None:
    server = dns_server(zone())
    seen: list[WatchRun] = []

    async def run() -> Result:
        if len(seen) == 2:
            server.zone = zone(NEW_SPF)  # the fix goes live before the third run
        source = LiveSource([Nameserver(server.address, server.port)], timeout=2)
        return await analyze(source, "example.com", "example.net", VIA)

    last = asyncio.run(watch(run, 0.01, limit=10, on_run=seen.append))
    assert [r.number for r in seen] == [1, 2, 3]
    assert [r.passed for r in seen] == [False, False, True]
    assert seen[1].changes == ()
    assert "no change" in seen[1].line()
    assert last is seen[-1] and last.verdict.code == "verified"
    assert "verdict refused -> verified" in last.line()
    assert last.changes == tuple(c.render() for c in last.parts)
    assert last.parts[0] == Change("verdict", {"before": "refused", "after": "verified"})


def test_cli_watch_exits_0_once_the_record_changes(
    dns_server: Callable[..., DnsTestServer],
) -> None:
    server = dns_server(zone())
    env = {**os.environ, "MAILPATH_WATCH_MIN": "1", "PYTHONPATH": str(ROOT)}
    args = ["check", "example.com", "example.net", "--via", VIA, "-n", server.nameserver]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailpath", *args, "--watch", "1", "--watch-limit", "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        server.zone = zone(NEW_SPF)  # published while mailpath waits for the next run
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert " #1 refused: " in first and first.rstrip().endswith("[first run]")
    lines = rest.splitlines()
    assert " verified: " in lines[-1]
    assert "verdict refused -> verified" in lines[-1]
    assert err == ""


def test_cli_watch_limit_exits_1(
    dns_server: Callable[..., DnsTestServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MAILPATH_WATCH_MIN", "1")
    server = dns_server(zone())
    args = ["check", "example.com", "example.net", "--via", VIA, "-n", server.nameserver]
    assert main([*args, "--watch", "1", "--watch-limit", "2"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[1].endswith("[no change]")
    assert main([*args, "--watch", "1", "--watch-limit", "1", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["run"] == 1 and data["passed"] is False
    assert data["verdict"]["code"] == "refused"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--watch", "5"], "--watch must be at least 30 seconds"),
        (["--watch", "abc"], "argument --watch: 'abc' is not a number of seconds"),
        (["--watch-limit", "2"], "--watch-limit needs --watch"),
        (["--watch", "60", "--watch-limit", "0"], "argument --watch-limit: '0' is not a whole"),
        (["--watch", "60", "--save", "x.json"], "--watch cannot be combined with --save"),
    ],
)
def test_cli_watch_bad_input(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) if "argument" in message else _nothing():
        code = main(["check", "a.example", "b.example", "-n", "127.0.0.1:9", *extra])
        assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("mailpath: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_runs_of_different_inputs_are_never_compared(
    dns_server: Callable[..., DnsTestServer],
) -> None:
    server = dns_server(zone())
    first = analysis(server)
    source = LiveSource([Nameserver(server.address, server.port)], timeout=2)
    other = asyncio.run(analyze(source, "example.net", "example.com", None))
    assert change_parts(first, other) == ()
    assert changes(other, first) == ()
