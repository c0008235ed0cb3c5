"""The window only lays out and connects: no part reaches back into it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

GUI = Path(__file__).resolve().parents[2] / "mailpath" / "gui"


def test_no_part_imports_the_main_window() -> None:
    holders = []
    for path in GUI.rglob("*.py"):
        if path.name in ("main_window.py", "app.py"):
            continue  # the window itself, and the application that opens it
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("main_window"):
                holders.append(str(path.relative_to(GUI)))
    assert not holders, holders


def test_marking_a_host_down_in_the_session_redraws_graph_and_headline(
    qtbot: Any, window: Any
) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    session = window.session
    hosts = sorted(n for n in window.scene.nodes if n.startswith("mx:") and n != "mx:?")
    before = window.headline.text.text()
    session.set_hosts_down(frozenset(hosts))  # every MX host down: the mail would wait
    assert all(window.scene.nodes[h].attrs.get("down") for h in hosts)
    assert window.headline.text.text() != before
    assert window.headline.status == "error"  # queued in the sending server
    session.set_hosts_down(frozenset())
    assert window.headline.text.text() == before
