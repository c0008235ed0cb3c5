"""The window's start-up before Qt loads: its command line read without the parser, and the
cyclic garbage collector paused while the window is made.

`mailpath` and `mailpath gui ...` with plain arguments. Building `options.build_parser()` and
parsing with it twice (`mailpath` alone is parsed again as `mailpath gui`) costs the window's
start-up ~6 ms. The window's command line is usually empty or a sender, a recipient and a few
of `--via`, `--nameserver`, `--replay` and `--screenshot`: `plain_gui_args` reads exactly
those forms and gives the namespace argparse would give. Anything else (help, a misspelt or
abbreviated option, `--opt=value`, a value or an argument that starts with "-", a third
argument, arguments on both sides of an option) returns None, and the caller asks argparse,
which answers or explains as it always did.

The collector: until the window is built, start-up makes objects that live as long as the
process (modules, classes, Qt's enums, widgets). The cyclic garbage collector would walk
them ~60 times over and find nothing (~6 ms). `pause_collector` (the entry point, before
PySide6 loads; `gui.app.launch`) stops it; `resume_collector` (the window built, or the
window's run over) moves what start-up made out of its sight (`gc.freeze`: else the first
collection after the pause walks all of it at once) and starts it again.
"""

from __future__ import annotations

import gc
from argparse import Namespace
from collections.abc import Sequence

#: The `gui` options that take a value, and the attribute each sets (`-n` appends).
_VALUE_OPTIONS = {
    "--via": "via",
    "--nameserver": "nameserver",
    "-n": "nameserver",
    "--replay": "replay",
    "--screenshot": "screenshot",
}


def plain_gui_args(argv: Sequence[str]) -> Namespace | None:
    """The namespace `build_parser()` gives for `argv` (as `cli.main` uses it), or None when
    `argv` is not a plain `mailpath` / `mailpath gui` command line."""
    if not argv:
        return _namespace([], {})
    if argv[0] != "gui":
        return None
    positionals: list[str] = []
    values: dict[str, str | list[str]] = {}
    block_ended = False  # argparse takes the positionals from one run of arguments only
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if arg.startswith("-"):
            name = _VALUE_OPTIONS.get(arg)
            if name is None or not rest or not rest[0] or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
            if name == "nameserver":
                servers = values.setdefault(name, [])
                assert isinstance(servers, list)
                servers.append(value)
            else:
                values[name] = value
            block_ended = bool(positionals)
        elif not arg or block_ended or len(positionals) == 2:
            return None
        else:
            positionals.append(arg)
    return _namespace(positionals, values)


def _namespace(positionals: list[str], values: dict[str, str | list[str]]) -> Namespace:
    sender, recipient = [*positionals, None, None][:2]
    return Namespace(
        command="gui",
        sender=sender,
        recipient=recipient,
        via=values.get("via"),
        nameserver=values.get("nameserver", []),
        replay=values.get("replay"),
        screenshot=values.get("screenshot"),
    )


_paused = False


def pause_collector() -> None:
    """Stop the cyclic garbage collector for the start-up (if it runs; once)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """End the start-up's pause: what it made is frozen, the collector runs again."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
