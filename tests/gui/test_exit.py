"""The entry point's fast exit: only after a window that ended in order, never in main()."""

from __future__ import annotations

import os
import threading
from typing import Any

from mailpath.gui import app as appmod


def test_no_fast_exit_before_a_window_ended_in_order(monkeypatch: Any) -> None:
    monkeypatch.setattr(appmod, "_ended_in_order", False)
    monkeypatch.setattr(os, "_exit", lambda code: (_ for _ in ()).throw(AssertionError))
    appmod.exit_now(0)  # returns: the process goes on


def test_finish_joins_writes_settings_and_allows_the_fast_exit(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    synced: list[bool] = []
    monkeypatch.setattr(window.settings, "sync", lambda: synced.append(True))
    monkeypatch.setattr(appmod, "_ended_in_order", False)
    assert window.was_shown
    appmod.finish(window)
    assert synced
    assert appmod._ended_in_order
    exits: list[int] = []
    monkeypatch.setattr(os, "_exit", exits.append)
    # Another thread still running: the orderly exit, not the fast one.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        appmod.exit_now(0)
    finally:
        stop.set()
        other.join()
    assert exits == []
    appmod.exit_now(3)
    assert exits == [3]
    monkeypatch.setattr(appmod, "_ended_in_order", False)


def test_main_never_ends_the_process() -> None:
    # Tests call main() in their own process: the fast exit is only in the entry points.
    import inspect

    from mailpath import cli

    assert "exit_now" not in inspect.getsource(cli.main)
    assert "exit_now" not in inspect.getsource(appmod.run)
    assert "_exit(" in inspect.getsource(cli.console)
    assert "_exit(" in inspect.getsource(cli.gui_main)
