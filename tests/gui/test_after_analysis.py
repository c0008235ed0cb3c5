"""What a person sees after an analysis: fixes, the verdict, details at once, legible text,
Japanese findings and input errors, the first frame before the rest of the window."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from mailpath.gui.graph import render
from mailpath.paths import resource, seed_example

ROOT = Path(__file__).resolve().parents[2]
SEED_FIXED = resource("examples", "seed-fixed.mailpath.json")


def open_recording(qtbot: Any, win: Any, path: Path) -> None:
    with qtbot.waitSignal(win.analysisFinished, timeout=15000):
        assert win.files.open_analysis(str(path))


def finding_rows(win: Any) -> list[tuple[Any, str, str | None, str]]:
    from mailpath.gui.panels.findings import TEXTS_ROLE

    tree = win.findings.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        message, fix, verified = item.data(1, TEXTS_ROLE)
        rows.append((item.data(0, Qt.ItemDataRole.UserRole), message, fix, verified))
    return rows


# ---------------------------------------------------------------- 1. the fix is shown


def test_each_finding_shows_its_fix_and_what_checking_it_gave(qtbot: Any, window: Any) -> None:
    open_recording(qtbot, window, seed_example())
    rows = finding_rows(window)
    spf = next(r for r in rows if r[0].code == "spf-missing")
    _finding, _message, fix, verified = spf
    assert fix is not None and "v=spf1 a:www274.sakura.ne.jp ~all" in fix
    assert verified == ("checked with that record: 203.0.113.74 pass, 2001:db8:e0::274 pass")
    tree = window.findings.tree
    item = tree.topLevelItem(rows.index(spf))
    # The row is tall enough for message, fix and check (three lines at least), not one line.
    line = tree.fontMetrics().height()
    assert tree.visualItemRect(item).height() >= 3 * line
    assert "v=spf1 a:www274.sakura.ne.jp ~all" in item.toolTip(1)
    # Copy fix: just the record, ready to paste into the DNS zone.
    tree.setCurrentItem(item)
    window.findings.copy_button.click()
    assert QGuiApplication.clipboard().text() == "v=spf1 a:www274.sakura.ne.jp ~all"
    assert "Copied" in window.status_line.label.text()
    # The DMARC fix is a record to publish too: its value, not the sentence.
    dmarc = next(r for r in rows if r[0].code == "dmarc-missing")
    tree.setCurrentItem(tree.topLevelItem(rows.index(dmarc)))
    window.findings.copy_button.click()
    assert QGuiApplication.clipboard().text() == dmarc[0].params["record"]
    assert QGuiApplication.clipboard().text().startswith("v=DMARC1;")
    # A fix in words is copied as the sentence.
    words = next((r for r in rows if r[2] and "record_name" not in r[0].params), None)
    if words is not None:
        tree.setCurrentItem(tree.topLevelItem(rows.index(words)))
        window.findings.copy_button.click()
        assert QGuiApplication.clipboard().text() == words[2]


def test_fix_rows_reflow_when_the_panel_narrows(qtbot: Any, window: Any) -> None:
    open_recording(qtbot, window, seed_example())
    tree = window.findings.tree
    item = tree.topLevelItem(0)
    wide = tree.visualItemRect(item).height()
    window.resize(640, 800)
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() > wide, timeout=3000)


# ---------------------------------------------------------------- 2. the verdict


def test_headline_says_the_outcome_and_exports_carry_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    open_recording(qtbot, window, seed_example())
    assert window.headline.widget.isVisible()
    from mailpath.core.judgement.verdict import verdict

    assert window.headline.text.text() == verdict(window.session.result).message
    # Delivered unverified: the "?" marker, in the error's colour (an error finding says why).
    assert window.headline.status == "neutral"
    assert window.headline.severity == "error"

    open_recording(qtbot, window, SEED_FIXED)
    assert window.headline.text.text() == "gmail.com accepts the mail as SPF-verified"
    assert window.headline.status == "pass"

    svg = tmp_path / "route.svg"
    window.files.export_svg(str(svg))
    texts = " ".join(t.strip() for t in ET.parse(svg).getroot().itertext())
    assert "gmail.com accepts the mail as SPF-verified" in texts


def test_headline_follows_what_if_when_every_mx_is_down(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    from tests.gui.zones import zone_from_recording

    server = dns_server(zone_from_recording(str(SEED_FIXED)))
    window.inputs.set_inputs("ts.skr.jp", "gmail.com", "www274.sakura.ne.jp", [server.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.analysis.start()
    assert window.headline.status == "pass"
    for node in [n for n in window.scene.nodes if n.startswith("mx:")]:
        window.route.toggle_down(node)
    assert window.headline.status == "error"  # queued
    # The headline is an error, and the findings say why: every MX host is marked down.
    codes = [f.code for f in window.findings._findings]
    assert codes[0] == "mx-down"
    window.route.restore_all_mx()
    assert window.headline.status == "pass"
    assert "mx-down" not in [f.code for f in window.findings._findings]


# ---------------------------------------------------------------- 3. details at once


def test_details_show_the_worst_findings_node_after_analysis(qtbot: Any) -> None:
    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en")
    win.screenshot_mode = True
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    try:
        assert win.details_dock.width() <= 330  # the route gets the room
        open_recording(qtbot, win, seed_example())
        assert win.session.result is not None
        worst = win.session.result.findings[0]
        assert win.scene.selected_node() == worst.subject
        assert win.details.tree.topLevelItemCount() > 0
        assert "www274.sakura.ne.jp" in win.details.title.text()

        open_recording(qtbot, win, SEED_FIXED)
        assert win.session.result is not None
        errors = [f for f in win.session.result.findings if f.subject in win.scene.nodes]
        expected = errors[0].subject if errors else "mailbox"
        assert win.scene.selected_node() == expected
    finally:
        win.close()


# ---------------------------------------------------------------- 4. legible route


def _visible_scene_rect(win: Any) -> Any:
    return win.view.mapToScene(win.view.viewport().rect()).boundingRect()


def test_route_is_whole_and_legible_when_fitted(qtbot: Any) -> None:
    from mailpath.gui.window.main_window import MainWindow

    for size in ((1280, 800), (1024, 700)):
        win = MainWindow(QSettings(), "en")
        win.screenshot_mode = True
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        try:
            open_recording(qtbot, win, seed_example())
            win.view.fit_all()
            zoom = win.view.zoom()
            visible = _visible_scene_rect(win)
            # Fit fits: the whole route, sender's PC to mailbox, at any window size...
            for node in ("client", "mailbox"):
                assert visible.contains(win.scene.nodes[node].scene_rect()), (size, node)
            # ...and its text is drawn, not left out as in a 1,000-node overview.
            assert zoom >= render.LOD_TEXT, (size, zoom)
            # The legend is a compact strip, not a block that steals the graph's height.
            assert win.legend.height() <= 64
        finally:
            win.close()


def test_submission_label_fits_between_its_nodes(qtbot: Any, window: Any) -> None:
    # Wide enough for the whole route with its labels beside the docks (in a smaller window
    # the labels give way to markers: tests/gui/test_graph_legibility.py).
    window.resize(1900, 1000)
    open_recording(qtbot, window, seed_example())
    qtbot.waitUntil(lambda: not window.scene.terse)
    client = window.scene.nodes["client"].scene_rect()
    server = window.scene.nodes["sending:www274.sakura.ne.jp"].scene_rect()
    edge = window.scene.edge_items[("client", "sending:www274.sakura.ne.jp")]
    assert render.edge_label_text(edge.attrs) == "submission :587\n(SMTP AUTH)"
    label = render.edge_label_rect(edge.attrs, edge.geometry.mid)
    assert label.left() >= client.right() and label.right() <= server.left()


# ---------------------------------------------------------------- 5. Japanese


def test_every_finding_template_has_a_japanese_translation() -> None:
    from mailpath.core.judgement.findings import TEMPLATES
    from mailpath.gui.text import i18n
    from mailpath.gui.text.findings import CONTEXT

    translator = i18n.TsTranslator(i18n.ts_path("ja"))
    for key, (message, fix) in TEMPLATES.items():
        for source in (message, fix):
            if source is None:
                continue
            text = translator.translate(CONTEXT, source)
            assert text, (key, source)
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), (key, text)
            fields = sorted(re.findall(r"\{[^}]*\}", source))
            assert sorted(re.findall(r"\{[^}]*\}", text)) == fields, key


def test_findings_and_verdict_in_japanese(qtbot: Any, window: Any) -> None:
    open_recording(qtbot, window, seed_example())
    window.set_language("ja")
    rows = finding_rows(window)
    _finding, message, fix, verified = next(r for r in rows if r[0].code == "spf-missing")
    assert "未認証" in message and "www274.sakura.ne.jp" in message
    assert (
        fix
        == 'ts.skr.jp に次の TXT レコードを公開してください: "v=spf1 a:www274.sakura.ne.jp ~all"'
    )
    assert verified.startswith("このレコードで確認済み: 203.0.113.74 pass")
    headline = window.headline.text.text()
    assert "未認証" in headline and "DKIM" in headline and "www274.sakura.ne.jp" in headline
    assert window.findings_dock.windowTitle() != "Findings"
    window.set_language("en")
    assert finding_rows(window)[0][1] == window.session.result.findings[0].message


def test_unknown_template_falls_back_to_english(qapp: Any) -> None:
    from mailpath.core.model import Finding, Severity
    from mailpath.gui.text import findings as finding_text
    from mailpath.gui.text import i18n

    i18n.install("ja")
    try:
        odd = Finding(
            Severity.INFO, "x", "Something new.", "Do this.", template="no-such-key", params={}
        )
        assert finding_text.texts(odd) == ("Something new.", "Do this.")
    finally:
        i18n.install("en")


def test_input_errors_in_japanese(qtbot: Any, window: Any) -> None:
    window.set_language("ja")
    window.inputs.set_inputs("bad domain", "gmail.com", "", ["not-an-ip"])
    assert not window.analysis.start()
    sender = window.inputs.error_labels["sender"].text()
    assert sender == "送信者 'bad domain' に空白が含まれています。"
    assert "ネームサーバー 'not-an-ip'" in window.inputs.error_labels["resolver"].text()
    window.set_language("en")
    assert (
        window.inputs.error_labels["sender"].text() == "The sender 'bad domain' contains a space."
    )


# ---------------------------------------------------------------- 6. start-up


def test_first_frame_is_the_shell_and_the_rest_follows(qtbot: Any) -> None:
    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en", deferred=True)
    qtbot.addWidget(win)
    assert not win.is_built
    assert win.inputs.sender_edit.placeholderText() and win.menus.menu_file.title() == "&File"
    # What the command line put in the fields survives the rest of the build.
    win.inputs.set_inputs("ts.skr.jp", "gmail.com", None, ["192.0.2.53"])
    order: list[str] = []
    win.firstPainted.connect(lambda: order.append("painted"))
    win.built.connect(lambda: order.append("built"))
    with qtbot.waitSignal(win.built, timeout=5000):
        win.show()
    assert order == ["painted", "built"]
    assert win.details_dock.isVisible() and win.findings_dock.isVisible()
    assert win.menus.menu_file.actions()
    assert win.inputs.resolver_servers() == ["192.0.2.53"]
    assert win.inputs.sender_edit.text() == "ts.skr.jp"
    win.close()


# ---------------------------------------------------------------- 7. small ones


def test_screenshot_run_has_no_offscreen_noise(tmp_path: Path) -> None:
    out = tmp_path / "seed.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env["MAILPATH_CONFIG_DIR"] = str(tmp_path)  # a first launch: no other test's settings
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailpath",
            "gui",
            "--replay",
            str(seed_example()),
            "--screenshot",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "propagateSizeHints" not in proc.stderr
    assert out.stat().st_size > 10_000


def test_file_open_event_opens_the_recording(qtbot: Any, window: Any) -> None:
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from mailpath.gui.app import file_open_handler

    handler = file_open_handler(window)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(handler)
    try:
        with qtbot.waitSignal(window.analysisFinished, timeout=15000):
            QApplication.sendEvent(app, QFileOpenEvent(str(seed_example())))
        assert window.session.result.inputs.sender == "ts.skr.jp"
        assert "mailbox" in window.scene.nodes
    finally:
        app.removeEventFilter(handler)
