"""`mailpath` as a user runs it: exit codes, one-line errors, the JSON contract.

Most cases call `main()` in this process (fast); a few at the end start the real entry point
(`python -m mailpath`) to prove the wiring.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.paths import seed_example
from tests.support.dnsserver import DnsTestServer


@dataclass
class Ran:
    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli("spf", ...)`: run `main()` in process; exit code, stdout and stderr."""

    def run(*args: str) -> Ran:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's --help/--version/usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


def assert_one_line_error(ran: Ran, words: str) -> None:
    assert ran.code == 2, (ran.out, ran.err)
    assert ran.out == ""
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1, ran.err
    assert "Traceback" not in ran.err
    assert words in lines[0], lines[0]


def seed_fixed() -> Path:
    return seed_example().with_name("seed-fixed.mailpath.json")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["spf", "example.com", "192.0.2.300"], "not a valid IPv4 or IPv6"),
        (["spf", "example.com", "192.0.2.1", "--nameserver", "dns.example"], "not an IP address"),
        (["spf", "example.com", "192.0.2.1", "--nameserver", "[::1]:99999"], "port"),
        (["spf", "example.com", "192.0.2.1", "--timeout", "soon"], "number of seconds"),
        (["spf", "example.com", "192.0.2.1", "--fail-on", "notice"], "invalid choice"),
        (["spf", "", "192.0.2.1"], "identity is empty"),
        (["spf", "example.com"], "required"),
        (["check", "", "gmail.com"], "sender is empty"),
        (["check", "user@", "gmail.com"], "no domain after '@'"),
        (["check", "192.0.2.1", "gmail.com"], "IP address"),
        (["check", "ts.skr.jp", "gmail.com", "--via", "bad_host!"], "invalid label"),
        (["check", "ts.skr.jp", "gmail.com", "--nameserver", "1.2.3"], "not an IP address"),
        (["check", "ts.skr.jp"], "give SENDER and RECIPIENT"),
        (["check", "--replay", "/nonexistent/x.mailpath.json"], "does not exist"),
        (["check", "--replay", str(seed_example()), "--fail-on", "info"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli: Cli, args: list[str], words: str) -> None:
    assert_one_line_error(cli(*args), words)


# ---------------------------------------------------------------- spf: every identity


@pytest.fixture
def spf_zone(dns_server: Callable[..., DnsTestServer]) -> DnsTestServer:
    return dns_server(
        {
            "e8.example.com": [("TXT", "v=spf1 exists:%{l1r-}.%{d} -all")],
            "macro.e8.example.com": [("A", "127.0.0.2")],
            "example.com": [("TXT", "v=spf1 ip4:192.0.2.0/24 -all")],
            "example": [("TXT", "v=spf1 +all")],
        }
    )


def spf_json(cli: Cli, server: DnsTestServer, *args: str) -> tuple[int, dict[str, Any]]:
    ran = cli("spf", *args, "--json", "--nameserver", server.nameserver, "--timeout", "2")
    assert ran.err == "", ran.err
    return ran.code, json.loads(ran.out)


@pytest.mark.parametrize(
    "identity",
    [
        "x" * 64 + ".example.com",  # a label over 63
        "foo@a..example.com",  # an empty label
        "example",  # a single label (published with +all: it must not be asked)
        "foo@example",
        "foo@[1.2.3.5]",  # a domain literal
        ("a" * 60 + ".") * 5 + "com",  # over 253
    ],
)
def test_spf_malformed_domain_is_none_not_an_input_error(
    cli: Cli, spf_zone: DnsTestServer, identity: str
) -> None:
    code, data = spf_json(cli, spf_zone, identity, "192.0.2.1")
    assert code == 0
    assert data["result"] == "none"
    assert data["lookups"] == 0
    assert spf_zone.queries == []  # RFC 7208 4.3: none before any DNS question


def test_spf_local_part_with_a_space_is_a_valid_identity(cli: Cli, spf_zone: DnsTestServer) -> None:
    # exists:%{l1r-}.%{d}: the local part, whole (it has no "-"), goes into the question.
    code, data = spf_json(cli, spf_zone, "macro@e8.example.com", "192.0.2.9")
    assert (code, data["result"]) == (0, "pass")
    code, data = spf_json(cli, spf_zone, "Macro Error@e8.example.com", "192.0.2.9")
    assert code == 0
    assert data["result"] == "fail"
    assert ("macro\\032error.e8.example.com", "A", "udp") in spf_zone.queries


def test_spf_helo_identity_when_mail_from_is_empty(cli: Cli, spf_zone: DnsTestServer) -> None:
    code, data = spf_json(cli, spf_zone, "", "192.0.2.1", "--helo", "example.com")
    assert (code, data["result"]) == (0, "pass")
    code, data = spf_json(cli, spf_zone, "", "192.0.2.1", "--helo", "A2345678")
    assert (code, data["result"]) == (0, "none")


def test_spf_fail_on_gates_on_pass(cli: Cli, spf_zone: DnsTestServer) -> None:
    ns = ["--nameserver", spf_zone.nameserver]
    assert cli("spf", "a@example.com", "192.0.2.7", *ns, "--fail-on", "error").code == 0
    assert cli("spf", "a@example.com", "192.0.2.7", *ns, "--fail-on", "warning").code == 0
    ran = cli("spf", "a@example.com", "198.51.100.1", *ns, "--fail-on", "error")
    assert ran.code == 1
    assert "fail" in ran.out  # the report is still printed
    assert cli("spf", "a@example.com", "198.51.100.1", *ns).code == 0  # without: always 0
    assert cli("spf", "x@example", "192.0.2.7", *ns, "--fail-on", "warning").code == 1


# ---------------------------------------------------------------- check --fail-on


def test_check_fail_on_follows_finding_severity(cli: Cli) -> None:
    seed, fixed = str(seed_example()), str(seed_fixed())
    assert cli("check", "--replay", seed).code == 0
    # The seed has an error (spf-missing) and a warning; the fixed one only an info.
    ran = cli("check", "--replay", seed, "--json", "--fail-on", "error")
    assert ran.code == 1
    assert any(f["severity"] == "error" for f in json.loads(ran.out)["findings"])
    assert cli("check", "--replay", seed, "--fail-on", "warning").code == 1
    ran = cli("check", "--replay", fixed, "--json", "--fail-on", "warning")
    assert ran.code == 0
    assert {f["severity"] for f in json.loads(ran.out)["findings"]} <= {"info"}
    assert cli("check", "--replay", fixed, "--fail-on", "error").code == 0


# ---------------------------------------------------------------- files the user names


def test_failed_save_names_the_file_given_not_a_temporary(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.mailpath.json"
    ran = cli("check", "--replay", str(seed_example()), "--save", str(target))
    assert_one_line_error(ran, f"cannot write {target}: ")
    assert ".tmp" not in ran.err
    assert "no such file or directory" in ran.err.lower()


def test_save_onto_a_folder_says_so(cli: Cli, tmp_path: Path) -> None:
    ran = cli("check", "--replay", str(seed_example()), "--save", str(tmp_path))
    assert_one_line_error(ran, f"cannot write {tmp_path}: ")
    assert "folder" in ran.err
    assert list(tmp_path.iterdir()) == []  # no .tmp left behind


@pytest.mark.parametrize("flag", ["--png", "--svg"])
def test_failed_export_names_the_file_and_the_reason(cli: Cli, tmp_path: Path, flag: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / ("route" + flag.replace("--", "."))
    ran = cli("check", "--replay", str(seed_example()), flag, str(target))
    assert_one_line_error(ran, f"cannot write {target}: not a directory")
    assert "None" not in ran.err


def test_save_then_replay_gives_the_same_json(cli: Cli, tmp_path: Path) -> None:
    copy = tmp_path / "copy.mailpath.json"
    first = cli("check", "--replay", str(seed_example()), "--json", "--save", str(copy))
    assert first.code == 0, first.err
    assert [p.name for p in tmp_path.iterdir()] == ["copy.mailpath.json"]
    again = cli("check", "--replay", str(copy), "--json")
    assert json.loads(again.out) == json.loads(first.out)


# ---------------------------------------------------------------- saved analyses as input


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(seed_example().read_text(encoding="utf-8"))
    return data


def _with(change: Callable[[dict[str, Any]], Any]) -> str:
    data = _seed()
    change(data)
    return json.dumps(data)


def _query(data: dict[str, Any], rdtype: str) -> dict[str, Any]:
    found: dict[str, Any] = next(q for q in data["queries"] if q["type"] == rdtype)
    return found


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not JSON"),
        ('{"format": "something-else"}', "not a mailpath saved analysis"),
        ('{"format": "mailpath-analysis", "version": 99}', "version 99"),
        ('{"format": "mailpath-analysis", "version": true}', "version true"),
        (_with(lambda d: d["queries"][0].update(outcome="bogus")), "outcome 'bogus'"),
        (_with(lambda d: _query(d, "A").update(records=["not-an-address"])), "not an IPv4"),
        (_with(lambda d: _query(d, "AAAA").update(records=["203.0.113.1"])), "not an IPv6"),
        (_with(lambda d: _query(d, "A").update(records=[[5, "mx.example"]])), "not text"),
        (_with(lambda d: _query(d, "MX").update(records=["mx.example"])), "preference"),
        (_with(lambda d: _query(d, "MX").update(records=[[True, "x.example"]])), "preference"),
        (_with(lambda d: _query(d, "PTR").update(records=["a" * 64 + ".example"])), "DNS name"),
        (_with(lambda d: _query(d, "A").update(name="a\x00b.example")), "control character"),
        (_with(lambda d: d["inputs"].update(sender="ts\x1b[31m.skr.jp")), "control character"),
        (_with(lambda d: d["inputs"].update(recipient=["gmail.com"])), "not text"),
        (_with(lambda d: d["inputs"].update(via="bad_host!")), "invalid label"),
        (_with(lambda d: d.update(created="yesterday")), "not a date"),
        (_with(lambda d: d["queries"][0].update(elapsed_us=-1)), "elapsed_us"),
        (_with(lambda d: _query(d, "TXT").update(outcome="ok", records=[["\u3042"]])), "U+00FF"),
        (_with(lambda d: _query(d, "TXT").update(records=[["v=spf1 -all"]])), "carries records"),
        (_with(lambda d: d["queries"].append(1)), "is not an object"),
        (_with(lambda d: d.update(queries=None)), "queries are missing"),
        ('{"format": "mailpath-analysis", "version": NaN}', "NaN"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            '{"format": "mailpath-analysis", "version": 1, "x": '
            + '{"a": ' * 50_000
            + "1"
            + "}" * 50_001,
            "nested",
        ),
    ],
)
def test_corrupt_replay_file(cli: Cli, tmp_path: Path, content: str, words: str) -> None:
    bad = tmp_path / "bad.mailpath.json"
    bad.write_text(content, encoding="utf-8")
    ran = cli("check", "--replay", str(bad))
    assert_one_line_error(ran, words)
    assert str(bad) in ran.err
    assert_one_line_error(cli("spf", "ts.skr.jp", "192.0.2.1", "--replay", str(bad)), words)


def test_replay_file_that_is_not_a_file(cli: Cli, tmp_path: Path) -> None:
    assert_one_line_error(cli("check", "--replay", str(tmp_path)), "is a folder")
    huge = tmp_path / "huge.mailpath.json"
    with huge.open("wb") as fh:
        fh.truncate(17 * 1024 * 1024)
    assert_one_line_error(cli("check", "--replay", str(huge)), "bytes")


# ---------------------------------------------------------------- the JSON contract


def test_replay_of_the_bundled_seed_has_the_json_contract(cli: Cli) -> None:
    ran = cli("check", "--replay", str(seed_example()), "--json")
    assert ran.code == 0, ran.err
    data: dict[str, Any] = json.loads(ran.out)
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


def test_spf_json_contract_from_replay(cli: Cli) -> None:
    ran = cli("spf", "ts.skr.jp", "203.0.113.74", "--replay", str(seed_example()), "--json")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    assert set(data) >= {"result", "explanation", "lookups", "void_lookups", "record", "tree"}
    assert data["result"] == "none"


def test_spf_replay_of_a_question_not_recorded_is_temperror_not_none(cli: Cli) -> None:
    ran = cli("spf", "other.example", "192.0.2.1", "--replay", str(seed_example()), "--json")
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["result"] == "temperror"


# ---------------------------------------------------------------- input that forgives


def _json_without_notes(ran: Ran) -> dict[str, Any]:
    assert ran.code == 0, ran.err
    data: dict[str, Any] = json.loads(ran.out)
    data["inputs"].pop("notes")
    return data


@pytest.mark.parametrize(
    ("sender", "recipient", "via"),
    [
        ("'ts.skr.jp.'", '"gmail.com"', None),
        ("Someone <@ts.skr.jp>", " <gmail.com>\n", None),
        ("mailto:ts.skr.jp", "\uff27\uff2d\uff21\uff29\uff2c\uff0e\uff43\uff4f\uff4d", None),
        ("ts\u3002skr\u3002jp", "gmail.com", "\uff57\uff57\uff57\uff12\uff17\uff14.sakura.ne.jp"),
        ("https://www.ts.skr.jp/contact", "http://gmail.com/", "https://www274.sakura.ne.jp/"),
    ],
)
def test_check_accepts_pasted_forms_as_the_same_analysis(
    cli: Cli, sender: str, recipient: str, via: str | None
) -> None:
    seed = str(seed_example())
    plain = _json_without_notes(cli("check", "--replay", seed, "--json"))
    args = ["check", "--replay", seed, sender, recipient, "--json"]
    ran = cli(*args, *(["--via", via] if via else []))
    assert _json_without_notes(ran) == plain


def test_check_says_what_a_url_was_read_as_on_stderr_and_in_json(cli: Cli) -> None:
    seed = str(seed_example())
    ran = cli("check", "--replay", seed, "https://www.ts.skr.jp/contact", "gmail.com", "--json")
    note = "the sender https://www.ts.skr.jp/contact was read as ts.skr.jp (its host without www.)"
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["inputs"]["notes"] == [note]
    assert ran.err.splitlines() == [f"mailpath: note: {note}"]
    text = cli("check", "--replay", seed, "ts.skr.jp", "http://gmail.com/inbox")
    assert text.code == 0, text.err
    assert text.err == (
        "mailpath: note: the recipient http://gmail.com/inbox was read as gmail.com\n"
    )
    assert "mailpath: note" not in text.out


def test_check_without_pasted_forms_has_no_notes(cli: Cli) -> None:
    ran = cli("check", "--replay", str(seed_example()), "ts.skr.jp", "gmail.com", "--json")
    assert ran.code == 0, ran.err
    assert ran.err == ""
    assert json.loads(ran.out)["inputs"]["notes"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["check", "a@b@ts.skr.jp", "gmail.com"],
            "the sender 'a@b@ts.skr.jp' has more than one '@'",
        ),
        (["check", "ts.skr.jp", "gm ail.com"], "the recipient 'gm ail.com' contains a space"),
        (["check", "http://192.0.2.1/", "gmail.com"], "the sender '192.0.2.1' is an IP address"),
        (["check", "ts.skr.jp", "https:///x"], "the recipient 'https:///x' is a web address"),
        (["check", "ts.skr.jp", "gmail.com", "--via", "a@b.jp"], "the sending host 'a@b.jp' is an"),
    ],
)
def test_check_still_rejects_what_is_wrong(cli: Cli, args: list[str], words: str) -> None:
    assert_one_line_error(cli(*args), words)


# ---------------------------------------------------------------- the real entry point


def mailpath(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailpath", *args], capture_output=True, text=True, timeout=60
    )


def test_entry_point_version() -> None:
    proc = mailpath("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("mailpath ")


def test_entry_point_bad_input_is_one_line_exit_2() -> None:
    proc = mailpath("check", "192.0.2.1", "gmail.com")
    assert_one_line_error(Ran(proc.returncode, proc.stdout, proc.stderr), "IP address")


def test_entry_point_replay_json_and_fail_on() -> None:
    proc = mailpath("check", "--replay", str(seed_example()), "--json", "--fail-on", "error")
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["mx"]["kind"] == "explicit"


def test_entry_point_spf_against_the_loopback_server(spf_zone: DnsTestServer) -> None:
    proc = mailpath(
        "spf", "Macro Error@example.com", "192.0.2.5", "--json", "-n", spf_zone.nameserver
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["result"] == "pass"


def test_window_has_a_gui_script_without_console() -> None:
    # pip writes gui-scripts as windowed launchers on Windows: no console beside the window.
    from importlib.metadata import entry_points

    from mailpath import cli

    [entry] = [e for e in entry_points(group="gui_scripts") if e.name == "mailpath-gui"]
    assert entry.load() is cli.gui_main


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "does not exist"),
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not"),
        (b"just a line of text without any header\n", "not"),
    ],
)
def test_message_that_cannot_be_read_is_one_line_exit_2(
    cli: Cli, tmp_path: Path, content: bytes | None, words: str
) -> None:
    path = tmp_path / "message.eml"
    if content is not None:
        path.write_bytes(content)
    ran = cli("check", "--message", str(path))
    assert_one_line_error(ran, words)
    assert str(path) in ran.err


def test_message_and_replay_together_are_refused(cli: Cli) -> None:
    seed_eml = seed_example().with_name("seed.eml")
    ran = cli("check", "--message", str(seed_eml), "--replay", str(seed_example()))
    assert_one_line_error(ran, "not both")


def test_bad_dkim_selector_is_one_line_exit_2(cli: Cli) -> None:
    ran = cli("check", "--replay", str(seed_example()), "--dkim-selector", "bad selector!")
    assert_one_line_error(ran, "DKIM selector")


def test_message_from_standard_input(
    cli: Cli, dns_server: Callable[..., DnsTestServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    server = dns_server({"ts.skr.jp": [("MX", (10, "ts.skr.jp")), ("A", "203.0.113.74")]})
    data = seed_example().with_name("seed.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    ran = cli(
        "check", "--message", "-", "--nameserver", f"{server.address}:{server.port}", "--json"
    )
    assert ran.code == 0, ran.err
    message = json.loads(ran.out)["message"]
    assert (message["from_domain"], message["handover"]["address"]) == ("ts.skr.jp", "203.0.113.74")
    assert [h["by"] for h in message["hops"]][:2] == ["www274.sakura.ne.jp", "mx.google.com"]


@pytest.mark.parametrize("command", ["check", "gui"])
def test_help_describes_every_argument(cli: Cli, command: str) -> None:
    """`mailpath gui --help` once listed sender, recipient, --via and --nameserver bare."""
    ran = cli(command, "--help")
    assert ran.code == 0
    lines = ran.out.splitlines()
    for name in ("sender", "recipient", "--via HOST", "--nameserver NS, -n NS"):
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(name))
        described = lines[at].strip()[len(name) :].strip() or lines[at + 1].strip()
        assert described, (command, name, lines[at : at + 2])
