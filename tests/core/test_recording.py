"""Saved analyses are input from anyone: `open_recording` validates all of it.

The fuzz test mutates the bundled seed recording (deterministic seed) and replays every
mutant through the CLI in process: each must give a report (exit 0) or one line on stderr
(exit 2), never a traceback.
"""

from __future__ import annotations

import copy
import errno
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from mailpath.core.dns.recording import RecordingError, open_recording, save_recording
from mailpath.core.dns.sources import Answer, Outcome
from mailpath.core.names import InputError
from mailpath.paths import seed_example


def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(seed_example().read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- open / save


def test_save_then_open_gives_the_same_answers(tmp_path: Path) -> None:
    answers = (
        Answer("example.com", "A", Outcome.OK, ("192.0.2.1",), elapsed=0.0125),
        Answer("example.com", "MX", Outcome.OK, ((10, "mx.example.com"), (0, "."))),
        Answer("example.com", "TXT", Outcome.OK, ((b"v=spf1 ", b"\xff\x00-all"),)),
        Answer("www.example.com", "AAAA", Outcome.OK, ("2001:db8::1",), canonical="example.com"),
        Answer("1.2.0.192.in-addr.arpa", "PTR", Outcome.OK, ("Host.Example.COM",)),
        Answer("mapped.example", "AAAA", Outcome.OK, ("::ffff:192.0.2.1",)),  # kept as written
        Answer("gone.example", "A", Outcome.NXDOMAIN),
        Answer("slow.example", "TXT", Outcome.TIMEOUT, detail="no answer within 2.0 s"),
    )
    path = tmp_path / "x.mailpath.json"
    save_recording(
        path,
        sender="a@example.com",
        recipient="example.net",
        via="192.0.2.1",
        created="2026-11-27T18:00:00+00:00",
        resolver=["127.0.0.1:5353"],
        answers=answers,
    )
    rec = open_recording(path)
    assert rec.answers == answers
    assert (rec.sender, rec.recipient, rec.via) == ("a@example.com", "example.net", "192.0.2.1")
    assert rec.resolver == ("127.0.0.1:5353",)
    assert [p.name for p in tmp_path.iterdir()] == ["x.mailpath.json"]


def test_save_error_names_the_target_not_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.mailpath.json"
    with pytest.raises(OSError) as caught:
        save_recording(
            target, sender="a.example", recipient="b.example", via=None, created="", resolver=(),
            answers=(),
        )  # fmt: skip
    assert caught.value.filename == str(target)
    assert caught.value.errno == errno.ENOENT


def test_recording_error_is_one_sentence_naming_the_file(tmp_path: Path) -> None:
    data = seed_data()
    index = next(i for i, q in enumerate(data["queries"]) if q["type"] == "A")
    data["queries"][index]["records"] = ["203.0.113.999"]
    path = tmp_path / "from-a-colleague.mailpath.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RecordingError) as caught:
        open_recording(path)
    message = str(caught.value)
    assert isinstance(caught.value, InputError)  # the CLI's exit-2 path catches it
    assert message.startswith(f"{path} is damaged: query {index + 1} ")
    assert "'203.0.113.999' is not an IPv4 address" in message
    assert "\n" not in message


def test_deep_nesting_is_a_recording_error_not_recursion(tmp_path: Path) -> None:
    path = tmp_path / "deep.mailpath.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(RecordingError, match="nested too deeply"):
        open_recording(path)


def test_names_are_normalized_as_replay_looks_them_up(tmp_path: Path) -> None:
    data = seed_data()
    data["queries"][0]["name"] = "GMail.COM."
    path = tmp_path / "x.mailpath.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert open_recording(path).answers[0].name == "gmail.com"


# ---------------------------------------------------------------- fuzz

AWKWARD: list[Any] = [
    None, True, False, 0, -1, 65536, 2**70, 1.5, "", " ", "x" * 300, "a\x00b", "\x1b[31mred",
    "203.0.113.300", "not an address", "2001:db8::1", "198.51.100.1", "fe80::1%eth0",
    "::ffff:192.0.2.1", "日本語.jp", "a..b", ".", "-x-.example", "\ud800", "v=spf1 +all",
    "v=spf1 " + "include:a.example " * 30, [], {}, [5], [5, "mx.example"], [-1, "x"],
    [["v=spf1 -all"]], ["v=spf1 -all"], {"name": "x"}, [[[[[[]]]]]], "ok", "nxdomain", "TXT",
    "MX", "PTR", "2026-13-45T99:00:00", "2026-11-27",
]  # fmt: skip


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _nodes(child, (*path, index))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def mutate(rng: random.Random, base: dict[str, Any]) -> str:
    """One mutant of the seed recording, as file text."""
    data = copy.deepcopy(base)
    nodes = [n for n in _nodes(data) if n[0]]
    path, _ = rng.choice(nodes)
    kind = rng.randrange(9)
    if kind <= 2:  # an awkward value anywhere
        _set(data, path, copy.deepcopy(rng.choice(AWKWARD)))
    elif kind == 3:  # another node's value (a record of the wrong type, a list for a name)
        _set(data, path, copy.deepcopy(rng.choice(nodes)[1]))
    elif kind == 4:  # a query's type changed: its records no longer fit
        query = rng.choice(data["queries"])
        query["type"] = rng.choice(["A", "AAAA", "MX", "TXT", "PTR", "CNAME", "SPF", "SOA"])
    elif kind == 5:  # something dropped
        parent_path = path[:-1]
        parent = data
        for step in parent_path:
            parent = parent[step]
        del parent[path[-1]]
    elif kind == 6:  # deep nesting where a value was (written as text: json.dumps recurses)
        depth = rng.choice([50, 900, 5_000])
        _set(data, path, "__deep__")
        return json.dumps(data).replace('"__deep__"', "[" * depth + "]" * depth, 1)
    elif kind == 7:  # a query duplicated with another outcome
        query = copy.deepcopy(rng.choice(data["queries"]))
        query["outcome"] = rng.choice([o.value for o in Outcome] + ["bogus"])
        data["queries"].insert(rng.randrange(len(data["queries"]) + 1), query)
    else:  # the file itself damaged: truncated or a character changed
        text = json.dumps(data)
        cut = rng.randrange(len(text))
        if rng.random() < 0.5:
            return text[:cut]
        return text[:cut] + rng.choice(['"', "{", "]", "\x00", "é", "\\", "9"]) + text[cut + 1 :]
    return json.dumps(data)


Runner = Callable[[list[str]], tuple[int, str, str]]


@pytest.fixture
def run_main(capsys: pytest.CaptureFixture[str]) -> Runner:
    def run(argv: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run


MUTANTS = 300


def test_fuzzed_recordings_give_a_report_or_one_line(tmp_path: Path, run_main: Runner) -> None:
    rng = random.Random(20261127)
    base = seed_data()
    path = tmp_path / "mutant.mailpath.json"
    outcomes = {0: 0, 2: 0}
    for n in range(MUTANTS):
        path.write_text(mutate(rng, base), encoding="utf-8", errors="surrogatepass")
        for argv in (
            ["check", "--replay", str(path), "--json"],
            ["spf", "ts.skr.jp", "203.0.113.74", "--replay", str(path)],
        ):
            code, out, err = run_main(argv)
            context = f"mutant {n}: {argv[0]} -> {code}: {err[:300]}"
            assert code in (0, 2), context
            outcomes[code] += 1
            if code == 2:
                assert out == "", context
                assert len(err.strip().splitlines()) == 1, context
                assert str(path) in err, context
            elif argv[0] == "check":
                json.loads(out)
    # Both kinds happen: the mutations are neither all harmless nor all fatal.
    assert outcomes[0] > MUTANTS // 10 and outcomes[2] > MUTANTS // 10, outcomes


@pytest.mark.parametrize("name", ["seed.mailpath.json", "seed-fixed.mailpath.json"])
def test_the_bundled_examples_keep_a_ttl_on_every_lookup(name: str, run_main: Runner) -> None:
    """The README promises a `ttl` on every lookup in saved analyses: the examples it points
    to have one, and replaying them shows it in the route's details."""
    path = seed_example().with_name(name)
    recording = open_recording(path)
    assert recording.answers
    assert [a.name for a in recording.answers if a.ttl is None] == []
    code, out, _err = run_main(["check", "--replay", str(path), "--json"])
    assert code == 0
    details = [n["details"] or {} for n in json.loads(out)["graph"]["nodes"]]
    assert any(isinstance(d.get("ttl"), int) for d in details)
