"""`mailpath` as a user runs it: exit codes, one-line errors, the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mailpath.paths import seed_example


def mailpath(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailpath", *args], capture_output=True, text=True, timeout=60
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], words: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert words in lines[0], lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["spf", "exa mple.com", "192.0.2.1"], "space"),
        (["spf", "a..example.com", "192.0.2.1"], "empty label"),
        (["spf", "x" * 64 + ".example.com", "192.0.2.1"], "63"),
        (["spf", ("a" * 60 + ".") * 5 + "com", "192.0.2.1"], "253"),
        (["spf", "example.com", "192.0.2.300"], "not a valid IPv4 or IPv6"),
        (["spf", "example.com", "192.0.2.1", "--nameserver", "dns.example"], "not an IP address"),
        (["spf", "example.com", "192.0.2.1", "--nameserver", "[::1]:99999"], "port"),
        (["spf", "example.com", "192.0.2.1", "--timeout", "soon"], "number of seconds"),
        (["spf", "example.com"], "required"),
        (["check", "", "gmail.com"], "sender is empty"),
        (["check", "user@", "gmail.com"], "no domain after '@'"),
        (["check", "192.0.2.1", "gmail.com"], "IP address"),
        (["check", "ts.skr.jp", "gmail.com", "--via", "bad_host!"], "invalid label"),
        (["check", "ts.skr.jp", "gmail.com", "--nameserver", "1.2.3"], "not an IP address"),
        (["check", "ts.skr.jp"], "give SENDER and RECIPIENT"),
        (["check", "--replay", "/nonexistent/x.mailpath.json"], "does not exist"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], words: str) -> None:
    assert_one_line_error(mailpath(*args), words)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not JSON"),
        ('{"format": "something-else"}', "not a mailpath saved analysis"),
        ('{"format": "mailpath-analysis", "version": 99}', "version 99"),
        (
            '{"format": "mailpath-analysis", "version": 1, "inputs": {"sender": "a.example",'
            ' "recipient": "b.example"}, "queries": [{"name": "x", "type": "A",'
            ' "outcome": "bogus"}]}',
            "damaged",
        ),
    ],
)
def test_corrupt_replay_file(tmp_path: Path, content: str, words: str) -> None:
    bad = tmp_path / "bad.mailpath.json"
    bad.write_text(content)
    assert_one_line_error(mailpath("check", "--replay", str(bad)), words)


def test_replay_of_the_bundled_seed_has_the_json_contract() -> None:
    proc = mailpath("check", "--replay", str(seed_example()), "--json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    for key in (
        "sender_domain",
        "recipient_domain",
        "mx",
        "sending_hosts",
        "spf",
        "dmarc",
        "findings",
        "graph",
    ):
        assert key in data
    assert data["mx"]["kind"] == "explicit"
    assert set(data["mx"]["hosts"][0]) >= {"preference", "host", "addresses"}
    host = data["sending_hosts"][0]
    assert set(host) >= {"host", "assumed", "addresses"}
    assert set(host["addresses"][0]) >= {"address", "spf", "ptr", "fcrdns"}
    assert set(data["spf"]) >= {"record", "lookups", "void_lookups", "error"}
    assert set(data["dmarc"]) >= {"record", "policy"}
    assert set(data["findings"][0]) >= {"severity", "code", "message", "fix"}
    assert {"nodes", "links"} <= set(data["graph"])


def test_spf_json_contract_from_replay() -> None:
    proc = mailpath("spf", "ts.skr.jp", "203.0.113.74", "--replay", str(seed_example()), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"result", "explanation", "lookups", "void_lookups", "record", "tree"}
    assert data["result"] == "none"


def test_spf_replay_of_a_question_not_recorded_is_temperror_not_none() -> None:
    proc = mailpath("spf", "other.example", "192.0.2.1", "--replay", str(seed_example()), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["result"] == "temperror"


def test_version() -> None:
    proc = mailpath("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("mailpath ")
