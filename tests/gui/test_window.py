"""The main window: validation, live and replayed analyses, cancel, what-if, plain text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from mailpath.core.model import Status
from mailpath.paths import seed_example
from tests.gui.zones import HOSTILE_TXT, failing_zone, zone_from_recording

ROOT = Path(__file__).resolve().parents[2]


def wait_done(qtbot: Any, win: Any, timeout: int = 15000) -> None:
    qtbot.waitUntil(lambda: not win.session.running, timeout=timeout)


def analyze(qtbot: Any, win: Any, sender: str, recipient: str, server: Any, via: str = "") -> None:
    win.inputs.set_inputs(sender, recipient, via, [server.nameserver])
    with qtbot.waitSignal(win.analysisFinished, timeout=15000):
        assert win.analysis.start()


def run_over(qtbot: Any, win: Any, timeout: int = 15000) -> None:
    """Wait until nothing of any run can still reach the window: every analysis thread has
    ended, the events they queued are delivered and the progress timer has fired."""
    from PySide6.QtCore import QCoreApplication

    qtbot.waitUntil(lambda: win.analysis.runner.threads() == [], timeout=timeout)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: not win.analysis._progress_timer.isActive(), timeout=timeout)


def test_invalid_input_is_marked_before_any_lookup(qtbot: Any, window: Any) -> None:
    window.inputs.set_inputs("bad domain", "x..y", "", ["not-an-ip"])
    assert not window.analysis.start()
    assert window.analysis.runner.threads() == []
    for name in ("sender", "recipient", "resolver"):
        assert window.inputs.error_labels[name].isVisibleTo(window), name
        assert window.inputs.error_labels[name].text()
    assert "space" in window.inputs.error_labels["sender"].text()
    assert not window.inputs.error_labels["via"].isVisibleTo(window)
    # Typing in a field clears its mark.
    qtbot.keyClick(window.inputs.sender_edit, Qt.Key.Key_Backspace)
    assert not window.inputs.error_labels["sender"].isVisibleTo(window)


def test_seed_example_shows_a_complete_route_without_network(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    nodes = window.scene.nodes
    assert {"client", "mailbox", "dns:mx", "dns:spf", "dns:dmarc"} <= set(nodes)
    mx = [n for n in nodes if n.startswith("mx:")]
    assert len(mx) >= 2
    assert window.session.result.complete
    assert window.findings.tree.topLevelItemCount() >= 1
    assert window.spf_panel.choice.count() >= 1
    assert window.spf_panel.tree.topLevelItemCount() == 1
    # Clicking a finding selects its node and shows its details.
    item = window.findings.tree.topLevelItem(0)
    finding = window.findings.current_finding() or item.data(0, Qt.ItemDataRole.UserRole)
    window.findings.tree.setCurrentItem(item)
    window.findings._activated(item)
    if finding.subject in nodes:
        assert window.scene.selected_node() == finding.subject
        assert window.details.tree.topLevelItemCount() > 0


def test_live_analysis_reports_progress_and_results(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    server = dns_server(zone_from_recording(), latency=0.05)
    seen: list[tuple[int, int]] = []
    window.analysis.runner.progress.connect(lambda g, d, p, r: seen.append((d, p)))
    analyze(qtbot, window, "ts.skr.jp", "gmail.com", server, "www274.sakura.ne.jp")
    assert seen, "no progress events"
    assert window.session.result.complete
    assert window.session.outcome.answers  # Save has what it needs
    assert "mailbox" in window.scene.nodes
    assert not window.status_line.progress.isVisible()


def test_cancel_stops_at_once_and_keeps_partial_route(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    server = dns_server(zone_from_recording(), latency=2.0)
    window.inputs.set_inputs("ts.skr.jp", "gmail.com", "www274.sakura.ne.jp", [server.nameserver])
    assert window.analysis.start()
    threads = window.analysis.runner.threads()
    assert threads and window.status_line.cancel_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.session.running
    for thread in threads:
        thread.join(1.0)
        assert not thread.is_alive()
    assert "Cancelled" in window.status_line.label.text()


def test_new_analysis_supersedes_the_old_one(qtbot: Any, window: Any, dns_server: Any) -> None:
    slow = dns_server(zone_from_recording(), latency=1.0)
    fast = dns_server(failing_zone(), latency=0.0)
    window.inputs.set_inputs("ts.skr.jp", "gmail.com", "", [slow.nameserver])
    assert window.analysis.start()
    slow_threads = window.analysis.runner.threads()
    analyze(qtbot, window, "example.com", "example.org", fast)
    # The slow run (1 s per answer) is over, and whatever it queued has been delivered.
    run_over(qtbot, window)
    assert slow_threads and not any(t.is_alive() for t in slow_threads)
    assert window.session.result.inputs.sender == "example.com"
    assert not any("gmail" in n for n in window.scene.nodes)


def test_what_if_failover_moves_to_next_preference(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    server = dns_server(failing_zone())
    analyze(qtbot, window, "example.com", "example.org", server)

    def active() -> set[str]:
        return {
            n
            for n, i in window.scene.nodes.items()
            if i.attrs.get("kind") == "mx" and i.attrs.get("active")
        }

    assert active() == {"mx:mx1.example.org", "mx:mx2.example.org"}
    window.route.toggle_down("mx:mx1.example.org")
    assert active() == {"mx:mx2.example.org"}
    window.scene.select_node("mx:mx2.example.org")
    window.route.toggle_selected_down()
    assert active() == {"mx:backup.example.org"}
    window.route.toggle_down("mx:mx1.example.org")
    assert active() == {"mx:mx1.example.org"}
    window.route.restore_all_mx()
    assert active() == {"mx:mx1.example.org", "mx:mx2.example.org"}


def test_failing_scenario_marks_fail(qtbot: Any, window: Any, dns_server: Any) -> None:
    server = dns_server(failing_zone())
    analyze(qtbot, window, "example.com", "example.org", server)
    statuses = {n: i.attrs.get("status") for n, i in window.scene.nodes.items()}
    assert statuses["addr:192.0.2.25"] == "fail"
    assert statuses["mailbox"] == "fail"


def test_dns_text_with_markup_is_shown_literally(qtbot: Any, window: Any, dns_server: Any) -> None:
    server = dns_server(failing_zone(HOSTILE_TXT))
    analyze(qtbot, window, "example.com", "example.org", server)
    # SPF trace: the record text as it is.
    tree = window.spf_panel.tree
    texts = [tree.topLevelItem(0).text(c) for c in range(tree.columnCount())]
    assert HOSTILE_TXT in texts
    assert "&lt;b&gt;" in tree.topLevelItem(0).toolTip(4)  # tooltips are escaped
    # Details of the DNS SPF node.
    window.scene.select_node("dns:spf")
    details = window.details.tree
    values = [details.topLevelItem(i).text(1) for i in range(details.topLevelItemCount())]
    assert HOSTILE_TXT in values
    # Every label of the window is plain text.
    for label in window.findChildren(QLabel):
        if label.buddy() is None and label.objectName() not in ("",):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert window.details.title.textFormat() == Qt.TextFormat.PlainText
    # The node label as painted carries the literal text (painted with drawText).
    node = window.scene.nodes["dns:spf"]
    assert "<img" not in node.toolTip() or "&lt;img" in node.toolTip()


def test_hostile_text_in_details_panel_and_label(qtbot: Any) -> None:
    from mailpath.gui.panels.details import DetailsPanel

    panel = DetailsPanel()
    qtbot.addWidget(panel)
    hostile = "<b>bold</b><img src='x'>"
    panel.show_node(
        "dns:spf",
        {"label": hostile, "status": Status.PASS, "details": {"TXT": [hostile], "record": hostile}},
    )
    assert panel.title.textFormat() == Qt.TextFormat.PlainText
    assert hostile in panel.title.text()
    record = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert record is not None
    assert record.text(1) == hostile
    assert "&lt;img" in record.toolTip(1)


def test_language_switch_to_japanese(qtbot: Any, window: Any) -> None:
    window.set_language("ja")
    assert window.menus.menu_file.title() == "ファイル(&F)"
    assert "メール経路" in window.windowTitle()
    assert window.settings.value("language") == "ja"
    window.set_language("en")
    assert window.menus.menu_file.title() == "&File"


def test_language_switch_keeps_the_resolver_typed(qtbot: Any, window: Any, dns_server: Any) -> None:
    # Seen under Xvfb: after English -> Japanese the field read "System resolver" and the
    # next analysis asked the system resolver instead of the server given.
    server = dns_server(failing_zone())
    window.inputs.set_inputs("example.com", "example.org", None, [server.nameserver])
    for language in ("ja", "en"):
        window.set_language(language)
        assert window.inputs.resolver_combo.currentText() == server.nameserver
    analyze(qtbot, window, "example.com", "example.org", server)
    assert window.settings.value("resolver") == server.nameserver


def test_settings_remember_recent_entries(qtbot: Any, window: Any, dns_server: Any) -> None:
    server = dns_server(failing_zone())
    analyze(qtbot, window, "example.com", "example.org", server)
    assert window.settings.value("recent/sender") in (["example.com"], "example.com")
    assert window.settings.value("resolver") == server.nameserver
    assert "example.com" in window.inputs.recent_models["sender"].stringList()


def test_save_and_reopen_analysis(qtbot: Any, window: Any, dns_server: Any, tmp_path: Path) -> None:
    server = dns_server(failing_zone())
    analyze(qtbot, window, "example.com", "example.org", server)
    path = tmp_path / "a.mailpath.json"
    window.files.save_analysis(str(path))
    server.stop()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_analysis(str(path))
    assert window.session.result.complete
    assert window.scene.nodes["addr:192.0.2.25"].attrs["status"] == "fail"


def test_dark_palette_switches_drawing_theme(qtbot: Any, window: Any) -> None:
    window.apply_theme("dark")
    assert window.scene.theme.dark
    window.apply_theme("system")


def test_keyboard_navigation_and_accessible_names(qtbot: Any, window: Any) -> None:
    for widget in (
        window.inputs.sender_edit,
        window.inputs.recipient_edit,
        window.inputs.via_edit,
        window.inputs.resolver_combo,
        window.inputs.analyze_button,
        window.view,
        window.findings.copy_button,
        window.spf_panel.choice,
    ):
        assert widget.accessibleName(), widget
    assert window.inputs.sender_edit.nextInFocusChain() is not None
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.scene.selected_node()


def test_screenshot_command(tmp_path: Path) -> None:
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
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500


def test_no_display_gives_a_clear_message(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mailpath", "gui"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "QT_QPA_PLATFORM=offscreen" in proc.stderr
    assert "mailpath check" in proc.stderr and "--png" in proc.stderr


def test_dns_and_networkx_load_after_first_paint() -> None:
    code = (
        "import sys\n"
        "from argparse import Namespace\n"
        "from mailpath.gui import app\n"
        "a, w = app.launch(Namespace())\n"
        "def painted():\n"
        "    print('dns' in sys.modules, 'networkx' in sys.modules, flush=True)\n"
        "    a.quit()\n"
        "w.firstPainted.connect(painted)\n"
        "a.exec()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.split() == ["False", "False"], proc.stderr


def test_a_late_prefetch_does_not_undo_the_finished_result(
    qtbot: Any, window: Any, dns_server: Any, tmp_path: Path
) -> None:
    from tests.gui.test_worker import late_prefetch_zone

    server = dns_server(late_prefetch_zone(), latency=0.02)
    analyze(qtbot, window, "example.com", "example.org", server, "mail.example.com")
    # The worker cancels the unanswered exists: question after the result: wait for that.
    run_over(qtbot, window, timeout=10000)
    assert window.session.result.complete
    assert window.findings.tree.topLevelItemCount() >= 1
    assert window.status_line.label.text().startswith("Done")
    assert window.headline.widget.isVisible()
    path = tmp_path / "late.mailpath.json"
    window.files.save_analysis(str(path))
    assert path.exists()


def _saved_geometry(qtbot: Any, width: int, height: int, x: int, y: int) -> Any:
    from PySide6.QtWidgets import QMainWindow

    other = QMainWindow()
    qtbot.addWidget(other)
    other.setGeometry(x, y, width, height)
    return other.saveGeometry()


def test_a_tiny_or_off_screen_geometry_is_not_restored(qtbot: Any) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication

    from mailpath.gui.window.main_window import MainWindow

    available = QGuiApplication.primaryScreen().availableGeometry()
    for width, height, x, y in (
        (300, 200, 40, 40),  # tiny
        (700, 500, available.right() + 2000, available.bottom() + 2000),  # off-screen
        (700, 500, available.left() + 100, available.bottom() - 60),  # mostly below
    ):
        settings = QSettings()
        settings.setValue("window/geometry", _saved_geometry(qtbot, width, height, x, y))
        win = MainWindow(settings, "en", deferred=True)
        qtbot.addWidget(win)
        frame = win.geometry()
        assert frame.width() >= min(640, available.width()), (width, height, x, y)
        assert frame.height() >= min(420, available.height()), (width, height, x, y)
        assert available.contains(frame), (frame, available)
        if width < 640:  # the default size, centered
            assert abs(frame.center().x() - available.center().x()) <= 1
        win.deleteLater()


def test_a_sensible_saved_geometry_is_restored(qtbot: Any) -> None:
    from PySide6.QtCore import QSettings

    from mailpath.gui.window.main_window import MainWindow

    settings = QSettings()
    settings.setValue("window/geometry", _saved_geometry(qtbot, 700, 500, 30, 40))
    win = MainWindow(settings, "en", deferred=True)
    qtbot.addWidget(win)
    assert (win.geometry().width(), win.geometry().height()) == (700, 500)
    assert (win.geometry().x(), win.geometry().y()) == (30, 40)


def test_gui_subprocess_keeps_its_settings_out_of_the_real_config(tmp_path: Path) -> None:
    from tests.gui.conftest import REAL_CONFIG_HOME, SESSION_DIR

    code = (
        "from argparse import Namespace\n"
        "from mailpath.gui import app\n"
        "a, w = app.launch(Namespace())\n"
        "print(w.settings.fileName(), flush=True)\n"
        "w.firstPainted.connect(w.close)\n"  # close saves the geometry, as a person's would
        "w.firstPainted.connect(a.quit)\n"
        "a.exec()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    # (Not "the real file is unchanged": other programs may write it meanwhile.)
    used = Path(proc.stdout.splitlines()[0])
    assert SESSION_DIR in used.parents
    assert REAL_CONFIG_HOME not in used.parents
    assert "geometry" in used.read_text(encoding="utf-8")


def run_and_read_dialog(qtbot: Any, window: Any, action: Any) -> tuple[str, str]:
    """Run `action` with dialogs on, as a person sees them; return (title, text) of the
    message box it opens, closing it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[tuple[str, str]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text()))
            box.done(0)
        else:
            QTimer.singleShot(20, close_box)

    window.screenshot_mode = False
    try:
        QTimer.singleShot(0, close_box)
        action()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        window.screenshot_mode = True
    return seen[0]


def test_failed_export_names_the_file_and_the_reason(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    target = tmp_path / "no-such-folder" / "route.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PNG images (*.png)")
    )
    title, text = run_and_read_dialog(qtbot, window, window.files.export_png_dialog)
    assert title == "Cannot write the file"
    assert str(target) in text
    assert "does not exist" in text
    assert "None" not in text
    assert not target.exists()


def test_save_and_export_add_the_extension_of_the_filter(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from mailpath.core.dns.recording import open_recording

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    for dialog, bare, written in (
        (window.files.export_png_dialog, "route", "route.png"),
        (window.files.export_svg_dialog, "drawing", "drawing.svg"),
        (window.files.save_analysis_dialog, "analysis", "analysis.mailpath.json"),
        (window.files.save_analysis_dialog, "kept.json", "kept.json"),
    ):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a, b=bare, **k: (str(tmp_path / b), "")
        )
        dialog()
        assert (tmp_path / written).is_file(), written
        assert not (tmp_path / bare).exists() or bare == written
    assert open_recording(tmp_path / "analysis.mailpath.json").sender


def _hostile_recordings(tmp_path: Path) -> dict[str, Path]:
    import json

    seed = json.loads(seed_example().read_text(encoding="utf-8"))
    nested = tmp_path / "nested.mailpath.json"
    nested.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    wrong = json.loads(json.dumps(seed))
    wrong["queries"][0]["records"] = [{"not": "a record"}, 42]
    wrong["queries"][0]["name"] = 7
    wrong_typed = tmp_path / "wrong.mailpath.json"
    wrong_typed.write_text(json.dumps(wrong), encoding="utf-8")
    return {"nested": nested, "wrong": wrong_typed}


def test_a_corrupt_or_hostile_recording_is_a_dialog_naming_the_file(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[tuple[str, str]] = []

    def close_any_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text()))
            box.done(0)

    # Every dialog the opening brings up is read and closed, with dialogs on (as a person
    # sees them), until the opening is over: no run left, its events delivered.
    catcher = QTimer()
    catcher.setInterval(20)
    catcher.timeout.connect(close_any_box)
    window.screenshot_mode = False
    catcher.start()
    try:
        for path in _hostile_recordings(tmp_path).values():
            seen.clear()
            window.files.open_analysis(str(path))
            qtbot.waitUntil(lambda: bool(seen), timeout=5000)
            wait_done(qtbot, window)
            run_over(qtbot, window)
            close_any_box()
            # One dialog, naming the file; no "unexpected error" dialog follows it.
            [(title, text)] = seen
            assert title == "Cannot open the analysis"
            assert str(path) in text
            assert "Traceback" not in text
            assert not window.session.running
    finally:
        catcher.stop()
        window.screenshot_mode = True


def test_a_corrupt_recording_on_the_command_line_exits_2_with_the_reason(tmp_path: Path) -> None:
    path = _hostile_recordings(tmp_path)["nested"]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailpath",
            "gui",
            "--replay",
            str(path),
            "--screenshot",
            str(tmp_path / "shot.png"),
        ],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert str(path) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_reopened_analysis_says_it_is_a_recording_and_the_next_one_is_live(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    assert "replay" not in window.inputs.resolver_combo.currentText()
    status = window.status_line.label.text()
    assert "Recording seed.mailpath.json, made 20" in status
    assert "without network" in window.headline.note.text()
    # Editing a domain and pressing Enter analyzes live, with the resolver the person set.
    server = dns_server(failing_zone())
    window.inputs.resolver_combo.setEditText(server.nameserver)
    window.inputs.sender_edit.setText("example.com")
    window.inputs.recipient_edit.setText("example.org")
    window.inputs.via_edit.setText("")
    window.inputs.sender_edit.setFocus()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        qtbot.keyClick(window.inputs.sender_edit, Qt.Key.Key_Return)
    assert not any(window.inputs.error_labels[n].isVisibleTo(window) for n in window.inputs.fields)
    assert window.session.result.inputs.sender == "example.com"
    assert window.status_line.label.text().startswith("Done")
    assert not window.headline.note.isVisibleTo(window)


def test_reopening_keeps_the_system_resolver(qtbot: Any, window: Any) -> None:
    window.inputs.resolver_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    assert window.inputs.resolver_servers() == []


def test_after_an_input_error_the_previous_route_is_marked_stale(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    server = dns_server(failing_zone())
    analyze(qtbot, window, "example.com", "example.org", server)
    assert not window.session.stale
    assert window.view.foregroundBrush().style() == Qt.BrushStyle.NoBrush
    window.inputs.recipient_edit.setText("bad domain")
    assert not window.analysis.start()
    assert window.session.stale
    assert window.view.foregroundBrush().style() != Qt.BrushStyle.NoBrush
    assert "previous analysis" in window.headline.note.text()
    assert window.headline.note.isVisibleTo(window)
    assert "previous analysis" in window.status_line.label.text()
    # A new analysis is current again.
    analyze(qtbot, window, "example.com", "example.org", server)
    assert not window.session.stale
    assert window.view.foregroundBrush().style() == Qt.BrushStyle.NoBrush
    assert not window.headline.note.isVisibleTo(window)


def test_ctrl_e_exports_while_a_text_field_has_focus(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    window.activateWindow()
    qtbot.waitActive(window)
    line = window.inputs.resolver_combo.lineEdit()
    for n, field in enumerate((window.inputs.sender_edit, window.inputs.recipient_edit, line)):
        target = tmp_path / f"route{n}.png"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        field.setFocus()
        qtbot.waitUntil(field.hasFocus, timeout=2000)
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert target.is_file(), field.accessibleName()
    # Typing D into a field types D: the plain-key shortcut stays out of the way.
    window.inputs.sender_edit.setFocus()
    window.inputs.sender_edit.clear()
    qtbot.keyClicks(window.inputs.sender_edit, "d")
    assert window.inputs.sender_edit.text() == "d"


XCB_CTRL_E = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from mailpath.gui.app import create_application
from mailpath.gui.window.main_window import MainWindow

app = create_application()
target = Path(sys.argv[1])
QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))
win = MainWindow(None, "en")
win.screenshot_mode = True
win.show()
QTest.qWaitForWindowExposed(win, 5000)
win.activateWindow()  # no window manager on this display: ask for the focus ourselves
QTest.qWaitForWindowActive(win, 5000)

def export() -> None:
    win.inputs.sender_edit.setFocus()
    for _ in range(500):  # until the focus has arrived (at most 5 s)
        if win.inputs.sender_edit.hasFocus():
            break
        QTest.qWait(10)
    print("field has focus:", win.inputs.sender_edit.hasFocus(), flush=True)
    QTest.keyClick(win.inputs.sender_edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    print("exported:", target.is_file(), flush=True)
    win.close()
    app.quit()

win.analysisFinished.connect(lambda: QTimer.singleShot(50, export))
win.files.open_seed_example()
app.exec()
"""


def test_ctrl_e_from_a_text_field_under_x11(x_display: str, tmp_path: Path) -> None:
    # On X11 a text field binds Ctrl+E to "end of line" (the offscreen platform does not):
    # run the window on a private Xvfb to see what a Linux user sees.
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    target = tmp_path / "route.png"
    proc = subprocess.run(
        [sys.executable, "-c", XCB_CTRL_E, str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "field has focus: True" in proc.stdout, proc.stdout + proc.stderr
    assert "exported: True" in proc.stdout, proc.stdout + proc.stderr


def _mnemonic(text: str) -> str | None:
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def test_each_mnemonic_once_per_window_in_english_and_japanese(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QMenu

    # Panels of hidden docks are built when first shown: build them, their buttons and
    # labels share the window's scope once they are.
    assert window.message.panel is not None
    for language in ("en", "ja"):
        window.set_language(language)
        # One scope: the menu bar's titles, every button and every label's buddy.
        scope: dict[str, list[str]] = {}
        for action in window.menuBar().actions():
            key = _mnemonic(action.text())
            if key:
                scope.setdefault(key, []).append(f"menu {action.text()}")
        for button in window.findChildren(QAbstractButton):
            key = _mnemonic(button.text())
            if key:
                scope.setdefault(key, []).append(f"button {button.text()}")
        for label in window.findChildren(QLabel):
            key = _mnemonic(label.text()) if label.buddy() is not None else None
            if key:
                scope.setdefault(key, []).append(f"label {label.text()}")
        clashes = {k: v for k, v in scope.items() if len(v) > 1}
        assert not clashes, (language, clashes)
        assert len(scope) >= 10, scope
        # Each menu is a scope of its own.
        for menu in window.findChildren(QMenu):
            keys: dict[str, list[str]] = {}
            for action in menu.actions():
                key = _mnemonic(action.text())
                if key:
                    keys.setdefault(key, []).append(action.text())
            clashes = {k: v for k, v in keys.items() if len(v) > 1}
            assert not clashes, (language, menu.title(), clashes)
    window.set_language("en")
