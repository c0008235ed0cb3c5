"""The window by keyboard alone, on a real X display: Tab stops only on what is on screen, in
reading order, in both languages; the window's shortcuts work from every field; mnemonics are
the first letter of a word where one is free.

The X tests run the window in a subprocess on a private Xvfb (offscreen Qt lays out docks
but has no X11 key bindings and no real focus), stopped by its PID afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

TAB_WALK = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from mailpath.gui.app import create_application
from mailpath.gui.window.main_window import MainWindow

app = create_application()
language, target = sys.argv[1], Path(sys.argv[2])
QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))
win = MainWindow(None, "en")
win.screenshot_mode = True
win.resize(1280, 800)
win.show()
QTest.qWaitForWindowExposed(win, 5000)
win.activateWindow()  # no window manager on this display: ask for the focus ourselves
QTest.qWaitForWindowActive(win, 5000)
win.set_language(language)
report = {}


def focus(widget):
    widget.setFocus()
    for _ in range(500):  # until the focus has arrived (at most 5 s)
        if widget.hasFocus():
            return True
        QTest.qWait(10)
    return False


def walk():
    # Every Tab stop from the Sender field until the focus comes back to it.
    start = win.inputs.sender_edit
    assert focus(start)
    roles = {
        win.view: "graph",
        win.details.tree: "details",
        win.spf_panel.choice: "spf",
        win.spf_panel.tree: "spf",
        win.findings.tree: "findings",
    }
    stops = []
    for _ in range(80):
        w = QApplication.focusWidget()
        pos = w.mapTo(win, w.rect().topLeft())
        stops.append({
            "name": w.objectName() or type(w).__name__,
            "role": roles.get(w, ""),
            "accessible": w.accessibleName(),
            "shown": w.isVisible() and not w.visibleRegion().isEmpty(),
            "x": pos.x(), "y": pos.y(),
        })
        QTest.keyClick(w, Qt.Key.Key_Tab)
        QTest.qWait(10)
        if QApplication.focusWidget() is start:
            break
    return stops


def run():
    report["details"] = walk()
    win.spf_dock.raise_()  # the SPF trace in front: Details is behind its tab now
    QTest.qWait(50)
    report["spf"] = walk()
    # Ctrl+E (export PNG) from the Resolver field: X11 binds it to "end of line" there.
    line = win.inputs.resolver_combo.lineEdit()
    report["resolver focused"] = focus(line)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    report["exported"] = target.is_file()
    print("REPORT " + json.dumps(report), flush=True)
    win.close()
    app.quit()


win.analysisFinished.connect(lambda: QTimer.singleShot(100, run))
win.files.open_seed_example()
app.exec()
"""


def _keyboard_report(display: str, language: str, tmp_path: Path) -> dict[str, Any]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    proc = subprocess.run(
        [sys.executable, "-c", TAB_WALK, language, str(tmp_path / "route.png")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, proc.stdout + proc.stderr
    report: dict[str, Any] = json.loads(lines[-1].removeprefix("REPORT "))
    return report


@pytest.mark.parametrize("language", ["en", "ja"])
def test_tab_visits_only_what_is_on_screen_in_reading_order(
    x_display: str, language: str, tmp_path: Path
) -> None:
    report = _keyboard_report(x_display, language, tmp_path)
    for walk in ("details", "spf"):
        stops = report[walk]
        hidden = [s["accessible"] or s["name"] for s in stops if not s["shown"]]
        assert not hidden, (language, walk, hidden)
        names = [s["role"] or s["name"] for s in stops]
        # The five fields left to right, then the STARTTLS box above Analyze and Analyze (one
        # column, top to bottom), then the graph.
        assert names.index("graph") == 7, (language, walk, names)
        fields, column = stops[:5], stops[5:7]
        assert [s["x"] for s in fields] == sorted(s["x"] for s in fields), (language, names)
        assert all(s["x"] > fields[-1]["x"] for s in column), (language, names)
        assert column[0]["y"] < column[1]["y"], (language, names)
        assert all(s["y"] < stops[7]["y"] for s in stops[:7]), (language, names)
        # Then the right docks (their panel, then their tab bar), then the findings below.
        findings = names.index("findings")
        right = [i for i, s in enumerate(stops) if i > 7 and s["x"] > stops[findings]["x"] + 400]
        above = [i for i in right if stops[i]["y"] < stops[findings]["y"]]
        assert above and all(i < findings for i in above), (language, walk, names)
    # Whichever of Details and SPF trace is in front has its stops; the other has none.
    assert "details" in [s["role"] for s in report["details"]]
    assert "spf" not in [s["role"] for s in report["details"]]
    assert "spf" in [s["role"] for s in report["spf"]]
    assert "details" not in [s["role"] for s in report["spf"]]


def test_ctrl_e_exports_from_the_resolver_field_under_x11(x_display: str, tmp_path: Path) -> None:
    report = _keyboard_report(x_display, "en", tmp_path)
    assert report["resolver focused"]
    assert report["exported"]


def _mnemonic(text: str) -> int | None:
    """The index of the letter after the single "&" in `text`, or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return i + 1
            i += 1
        i += 1
    return None


def _word_initials(text: str) -> set[str]:
    plain = text.replace("&&", "\0").replace("&", "")
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return {w[0].lower() for w in words if w[0].isascii() and w[0].isalpha()}


def _scopes(window: Any) -> dict[str, list[str]]:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu

    scopes: dict[str, list[str]] = {"window": []}
    scopes["window"] += [a.text() for a in window.menuBar().actions()]
    scopes["window"] += [b.text() for b in window.findChildren(QAbstractButton)]
    scopes["window"] += [lb.text() for lb in window.findChildren(QLabel) if lb.buddy() is not None]
    for menu in window.findChildren(QMenu):
        scopes[menu.title()] = [a.text() for a in menu.actions() if not a.isSeparator()]
    return scopes


def test_each_mnemonic_is_the_first_letter_of_a_word_where_one_is_free(window: Any) -> None:
    assert window.message.panel is not None  # its buttons share the window's scope
    window.propagation.panel  # noqa: B018 - built on first use, as its dock is shown
    window.propagation.watch  # noqa: B018
    misplaced = []
    for scope, texts in _scopes(window).items():
        keys = {}
        for text in texts:
            at = _mnemonic(text)
            if at is not None:
                keys[text] = text[at].lower()
        for text in keys:
            at = _mnemonic(text)
            assert at is not None
            starts_word = at == 1 or not text[at - 2].isalnum()
            if starts_word:
                continue
            taken = {k for t, k in keys.items() if t != text}
            free = _word_initials(text) - taken
            if free:
                misplaced.append((scope, text, sorted(free)))
    assert not misplaced, misplaced
    compare = window.propagation.act_compare.text()
    assert compare[_mnemonic(compare) or 0] in "CR", compare
