"""Small lies the window told, each fixed (issue 17): counts, roles, unknown zones."""

from __future__ import annotations

from typing import Any

from mailpath.gui.text import i18n


def test_one_entry_is_not_one_entries(qapp: Any) -> None:
    from mailpath.gui.text.labels import entries_text

    assert entries_text(1) == "1 entry"
    assert entries_text(3) == "3 entries"


def test_mx_roles_are_translated(qapp: Any) -> None:
    from mailpath.gui.text.labels import role_text

    assert role_text("primary") == "primary"
    i18n.install("ja")
    try:
        shown = [role_text("primary"), role_text("fallback")]
    finally:
        i18n.install("en")
    assert shown == ["第一候補", "予備"]


def test_no_zone_is_said_in_words_not_a_question_mark(qapp: Any) -> None:
    from mailpath.core.dns.authoritative import AuthoritativeView
    from mailpath.gui.panels.authoritative import AuthoritativePanel

    view = AuthoritativeView(zone="", error="no SOA found")
    text = AuthoritativePanel._agreement(None, view)  # type: ignore[arg-type]
    assert "?" not in text and text.startswith("No zone found"), text
    named = AuthoritativePanel._agreement(None, AuthoritativeView(zone="x.example", error="e"))  # type: ignore[arg-type]
    assert named == "Zone x.example: e"


def test_the_whole_record_audit_does_not_read_as_an_evaluation_over_its_limits(qtbot: Any) -> None:
    """The audit walks past where evaluation stops; its counts are not shown as "11/2"."""
    from mailpath.core.auth.spf.trace import SpfAudit, SpfResult, SpfTrace
    from mailpath.gui.panels.spf_trace import SpfTracePanel

    tree = SpfTrace("x.example", "v=spf1 -all", (), (), SpfResult.PERMERROR, None, 11, 11)
    audit = SpfAudit("x.example", "v=spf1 -all", 11, 11, None, ("x.example",), tree)
    panel = SpfTracePanel()
    qtbot.addWidget(panel)
    panel._entries = [("audit", "x.example", audit)]
    panel.choice.addItem("x.example")
    panel._show_current()
    text = panel.summary.text()
    assert "11/2" not in text and "11/10" not in text, text
    assert "11 void lookups" in text, text


def test_compare_resolvers_orders_mx_answers_by_preference() -> None:
    from mailpath.gui.panels.compare import record_order

    answers = [
        "40 alt4.gmail-smtp-in.l.google.com.",
        "5 gmail-smtp-in.l.google.com.",
        "10 alt1.gmail-smtp-in.l.google.com.",
    ]
    assert [a.split()[0] for a in sorted(answers, key=record_order)] == ["5", "10", "40"]


def test_the_dkim_fix_in_the_window_names_its_field_not_the_command_line_option(
    qapp: Any,
) -> None:
    from mailpath.core.judgement.findings import TEMPLATES
    from mailpath.core.model import Finding, Severity
    from mailpath.gui.text.findings import texts

    message, fix = TEMPLATES["dkim-unchecked"]
    finding = Finding(
        Severity.INFO, "dkim-unchecked", message, fix, template="dkim-unchecked", params={}
    )
    _, english = texts(finding)
    i18n.install("ja")
    try:
        _, japanese = texts(finding)
    finally:
        i18n.install("en")
    assert english and "--dkim-selector" not in english and "DKIM selectors field" in english
    assert japanese and "--dkim-selector" not in japanese and "DKIM セレクター" in japanese


def test_export_and_save_wait_for_something_to_export(qtbot: Any, window: Any) -> None:
    window.ensure_built()
    menus = window.menus
    actions = (menus.act_save, menus.act_export_png, menus.act_export_svg)
    assert [a.isEnabled() for a in actions] == [False, False, False]
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    assert menus.act_export_png.isEnabled() and menus.act_export_svg.isEnabled()


def test_a_new_run_does_not_name_the_last_runs_resolver(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    from tests.gui.test_propagation import VIA, analyze, zone

    first, second = dns_server(zone()), dns_server(zone())
    analyze(qtbot, window, first.nameserver)
    assert window.propagation.via.text() == f"via DNS {first.nameserver}"
    window.inputs.set_inputs("example.com", "example.net", VIA, [second.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.analysis.start()
        assert not window.propagation.via.isVisible()  # while it runs
    assert window.propagation.via.text() == f"via DNS {second.nameserver}"


def test_a_replay_says_its_resolver_is_the_recordings_not_one_asked_now(
    qtbot: Any, window: Any
) -> None:
    """The seed replay read "Recording seed.mailpath.json ...: replayed without network" and,
    beside it, "via DNS 127.0.0.1:57956", as if that server had been asked."""
    window.ensure_built()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    via = window.propagation.via.text()
    assert via.startswith("recorded via DNS 127.0.0.1:"), via


def test_a_resolver_that_failed_is_not_offered_again(qtbot: Any, window: Any) -> None:
    from mailpath.gui.window import resolver_field
    from tests.gui.test_propagation import VIA
    from tests.support.nsd import free_port

    url = f"https://127.0.0.1:{free_port('127.0.0.1')}/dns-query"  # nothing listens there
    window.inputs.set_inputs("example.com", "example.net", VIA, [url])
    with qtbot.waitSignal(window.analysisFinished, timeout=30000):
        assert window.analysis.start()
    assert window.session.result is None  # the resolver failure ended the run
    assert url not in resolver_field.custom_entries(window.inputs.resolver_combo)


def test_dropping_message_text_opens_it_and_the_start_screen_says_so(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    from pathlib import Path

    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from tests.gui.zones import zone_from_recording

    hint = " ".join(label.text() for label in window._shell_hint_lines)
    assert "drop it here" in hint and "Open Message" in hint, hint
    server = dns_server(zone_from_recording())
    window.ensure_built()
    window.inputs.resolver_combo.setEditText(server.nameserver)
    seed = Path(__file__).resolve().parents[2] / "resources" / "examples" / "seed.eml"
    mime = QMimeData()
    mime.setText(seed.read_text(encoding="utf-8"))  # text, as a mail program drags it
    pos = QPoint(window.width() // 2, window.height() // 2)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, buttons, keys)
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        QApplication.sendEvent(window, drop)
        assert drop.isAccepted()
    assert window.session.result.message is not None
    assert window.inputs.sender_edit.text() == "someone@ts.skr.jp"


def test_placeholders_and_the_resolver_fit_at_1280_by_800_in_both_languages(
    qtbot: Any, window: Any
) -> None:
    """Nothing in the input bar is cut at first launch: each example and "System resolver"
    (the clear button keeps its room beside the text)."""
    window.resize(1280, 800)
    window.ensure_built()
    cut = []
    for lang in ("en", "ja"):
        window.set_language(lang)
        qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
        for edit in window.inputs.line_edits():
            need = edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 40
            if need > edit.width():
                cut.append((lang, edit.placeholderText(), need, edit.width()))
        combo = window.inputs.resolver_combo
        line = combo.lineEdit()
        need = line.fontMetrics().horizontalAdvance(combo.currentText()) + 8
        if need > line.width():
            cut.append((lang, combo.currentText(), need, line.width()))
    window.set_language("en")
    assert not cut, cut


def test_the_progress_bar_draws_no_text_of_its_own(qtbot: Any, window: Any) -> None:
    """The lookups' count is in the status text; the bar draws none (its text stood partly
    in the highlight colour on the empty groove, white on white)."""
    window.ensure_built()
    progress = window.status_line.progress
    assert not progress.isTextVisible()
    assert progress.accessibleName()  # still named for a screen reader


def test_details_name_no_internal_node_id(qtbot: Any, window: Any) -> None:
    """Details began with "node: sending:www274.sakura.ne.jp" (Japanese: "ノード mailbox"):
    the graph's own ids. The first row now gives the status in words."""
    window.ensure_built()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    for node_id, item in window.scene.nodes.items():
        window.details.show_node(node_id, item.attrs)
        head = window.details.tree.topLevelItem(0)
        assert node_id not in head.text(1), head.text(1)
    window.details.show_node("mailbox", window.scene.nodes["mailbox"].attrs)
    assert window.details.tree.topLevelItem(0).text(0) == "status"
