"""`mailpath` / `mailpath gui ...` read without the parser: whatever it reads, it reads as
argparse does; whatever argparse would refuse or explain (help, a typo), it leaves to argparse."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from mailpath.cli import arguments
from mailpath.gui_start import plain_gui_args
from mailpath.options import build_parser

ROOT = Path(__file__).resolve().parents[1]

#: Words of command lines: values, every gui option, near misses, help and the separator.
WORDS = ("a.example", "b.example", "--via", "-n", "--nameserver", "--replay", "--screenshot")
ODD = ("--vi", "--via=h", "-nX", "--", "-h", "--help", "-x", "", "-", "c.example")


def _argparse(argv: list[str]) -> Namespace | None:
    """What `mailpath ARGV` is to argparse: the namespace, or None where it exits."""
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            args = build_parser().parse_args(argv)
            if args.command is None:
                args = build_parser().parse_args(["gui"])
    except SystemExit:
        return None
    return args


def _lines() -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for n in range(1, 6):
        lines += [["gui", *words] for words in itertools.product(WORDS, repeat=n)]
    for odd in ODD:
        lines += [["gui", odd], ["gui", "a.example", odd], ["gui", "--via", odd, "a.example"]]
    lines += [["--version"], ["check", "a.example", "b.example"], ["spf", "a", "192.0.2.1"]]
    return lines


def test_plain_command_lines_read_as_argparse_reads_them() -> None:
    read = 0
    for argv in _lines():
        quick = plain_gui_args(argv)
        if quick is None:
            continue
        read += 1
        assert quick == _argparse(argv), argv
    # Most plain lines are read without the parser (not one that argparse refuses).
    assert read > 500


def test_help_and_typos_still_reach_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["gui", "--help"], ["gui", "--screenshot"], ["gui", "--vai", "h"], ["-h"]):
        assert plain_gui_args(argv) is None
        with pytest.raises(SystemExit):
            arguments(argv)
    assert "--screenshot FILE" in capsys.readouterr().out
    assert arguments(["gui", "--via=mx.example"]).via == "mx.example"


def _python(code: str, config: Path) -> subprocess.CompletedProcess[str]:
    """`code` in a new Python, offscreen, with its settings under `config`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "XDG_CONFIG_HOME": str(config), "MAILPATH_CONFIG_DIR": str(config)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_window_command_line_builds_no_parser_and_loads_no_asyncio(tmp_path: Path) -> None:
    """`mailpath gui SENDER RECIPIENT --via HOST` up to the window's modules: no parser is
    built and neither asyncio nor json is loaded (the core loads them with the analysis)."""
    code = (
        "import sys, argparse\n"
        "built = []\n"
        "argparse.ArgumentParser.__init__ = lambda *a, **k: built.append(1)\n"
        "from mailpath import cli\n"
        "args = cli.arguments(['gui', 'a.example', 'b.example', '--via', 'mx.example'])\n"
        "cli.load_gui()\n"
        "print(len(built), 'asyncio' in sys.modules, 'json' in sys.modules, args.via)\n"
    )
    out = _python(code, tmp_path)
    assert out.stdout.split() == ["0", "False", "False", "mx.example"], out.stdout + out.stderr


def test_collector_is_paused_until_the_window_is_built(tmp_path: Path) -> None:
    """Start-up makes only long-lived objects: the cyclic garbage collector is paused until
    the window is built, and runs again from then on (a long session's garbage is freed)."""
    code = (
        "import gc\n"
        "from mailpath import cli\n"
        "args = cli.arguments([])\n"
        "appmod = cli.load_gui()\n"
        "a, w = appmod.launch(args)\n"
        "seen = [gc.isenabled()]\n"
        "w.firstPainted.connect(lambda: seen.append(gc.isenabled()))\n"
        "w.built.connect(a.quit)\n"
        "a.exec()\n"
        "seen.append(gc.isenabled())\n"
        "appmod.finish(w)\n"
        "print(*seen)\n"
    )
    out = _python(code, tmp_path)
    assert out.stdout.split() == ["False", "False", "True"], out.stdout + out.stderr
