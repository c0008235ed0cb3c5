"""The window's texts: example placeholders, a title said once, details without repeats, a
readable SPF trace, panels that keep their size, the Help menu's glossary and example
message, copying a record the way a DNS panel asks for it, and input notes in Japanese."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from mailpath.paths import seed_example

ROOT = Path(__file__).resolve().parents[2]


def open_seed(qtbot: Any, win: Any) -> None:
    with qtbot.waitSignal(win.analysisFinished, timeout=15000):
        assert win.files.open_analysis(str(seed_example()))


def select_finding(win: Any, code: str) -> Any:
    tree = win.findings.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if finding.code == code:
            tree.setCurrentItem(item)
            return finding
    raise AssertionError(code)


# ---------------------------------------------------------------- 9. placeholders


def test_placeholders_read_as_examples_in_english_and_japanese(qtbot: Any, window: Any) -> None:
    edits = window.inputs.line_edits()
    assert [e.placeholderText() for e in edits] == [
        "e.g. you@example.com or example.com",
        "e.g. gmail.com",
        "e.g. smtp.example.com or an IP address",
        "e.g. selector1, google",
    ]
    window.set_language("ja")
    assert all(e.placeholderText().startswith("例: ") for e in edits), [
        e.placeholderText() for e in edits
    ]
    assert window.inputs.recipient_edit.placeholderText() == "例: gmail.com"
    window.set_language("en")
    # An empty recipient shows the example, and Enter says what is missing.
    window.inputs.sender_edit.setText("ts.skr.jp")
    qtbot.keyClick(window.inputs.recipient_edit, Qt.Key.Key_Return)
    assert window.inputs.error_labels["recipient"].text() == "The recipient is empty."


# ---------------------------------------------------------------- 19. title, details, SPF


def test_window_title_names_the_application_once(qtbot: Any, window: Any) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    before = app.applicationDisplayName()
    app.setApplicationDisplayName("mailpath")
    try:
        # What the window system shows: the title, then the application's display name.
        shown = f"{window.windowTitle()} — {app.applicationDisplayName()}"
        assert shown.count("mailpath") == 1, shown
        assert shown == "Mail route explorer — mailpath"
        window.set_language("ja")
        assert window.windowTitle() == "メール経路エクスプローラー"
    finally:
        app.setApplicationDisplayName(before)


def test_mx_details_say_preference_once_and_titles_do_not_end_in_none(
    qtbot: Any, window: Any
) -> None:
    open_seed(qtbot, window)
    window.route.select_node("mx:gmail-smtp-in.l.google.com")
    tree = window.details.tree
    keys = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert keys.count("preference") == 1, keys
    # A node whose status is "none" (the sender's PC): its name, no "(none)".
    none = next(
        nid
        for nid, item in window.scene.nodes.items()
        if str(item.attrs.get("status")) == "none" and item.attrs.get("label")
    )
    window.route.select_node(none)
    assert window.details.node_id == none
    assert window.details.title.text()
    assert not window.details.title.text().endswith("(none)"), window.details.title.text()
    window.set_language("ja")
    assert "(なし" not in window.details.title.text()
    assert "none)" not in window.details.title.text()


def test_spf_trace_shows_result_and_lookups_in_the_default_dock(qtbot: Any, window: Any) -> None:
    from mailpath.paths import resource

    window.resize(1400, 860)
    window._default_dock_sizes()
    # The fixed seed: its trace has the long "a:www274.sakura.ne.jp" term.
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_analysis(str(resource("examples", "seed-fixed.mailpath.json")))
    window.spf_dock.raise_()
    qtbot.waitUntil(lambda: window.spf_panel.tree.isVisible())
    tree = window.spf_panel.tree
    header = tree.header()
    visible = tree.viewport().width()
    for column in (1, 2):  # Result, Lookups
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0 and right <= visible, (
            column,
            right,
            visible,
        )
    # The term keeps room too: not elided to nothing.
    assert header.sectionSize(0) >= visible * 0.3


def test_switching_language_and_theme_keeps_the_panel_width(qtbot: Any, window: Any) -> None:
    window.resize(1400, 860)
    open_seed(qtbot, window)
    window.resizeDocks([window.details_dock], [250], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.details_dock.width() == 250)
    changes: tuple[Callable[[], object], ...] = (
        lambda: window.set_language("ja"),
        lambda: window.apply_theme("dark"),
        lambda: window.set_language("en"),
        lambda: window.apply_theme("light"),
    )
    for change in changes:
        change()
        QGuiApplication.processEvents()
        assert window.details_dock.width() == 250


# ---------------------------------------------------------------- 20. Help menu


def help_actions(window: Any) -> list[str]:
    return [a.text() for a in window.menus.menu_help.actions() if not a.isSeparator()]


def test_help_menu_has_the_glossary_and_the_renamed_examples(qtbot: Any, window: Any) -> None:
    assert help_actions(window) == [
        "&Glossary of Terms",
        "Open &Example: Mail Marked Unverified",
        "Open Example &Received Message: Mail Marked Unverified",
        "&About mailpath",
    ]
    window.menus.act_glossary.trigger()
    dialog = window.menus.glossary_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.visible_keys()[0] == "spf"
    window.set_language("ja")
    assert help_actions(window)[:2] == ["用語集(&G)", "例を開く(&E)：未認証と表示されたメール"]
    assert dialog.windowTitle() == "用語集"
    dialog.close()


def test_a_finding_opens_its_explanation(qtbot: Any, window: Any) -> None:
    from mailpath.gui.text import glossary

    open_seed(qtbot, window)
    finding = select_finding(window, "spf-missing")
    button = window.findings.explain_button
    assert button.isEnabled() and "mean" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.menus.glossary_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.current_key() == glossary.term_for_finding(finding.template)
    assert dialog.title_label.text()
    dialog.close()


def test_example_message_opens_offline_with_the_message_panel(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.menus.act_example_message.trigger()
    assert window.message_dock.isVisible()
    assert window.inputs.sender_edit.text() == "someone@ts.skr.jp"
    assert window.inputs.recipient_edit.text() == "gmail.com"
    result = window.session.result
    assert result is not None and result.complete
    assert result.message is not None
    # Replayed: the route is drawn from the seed recording's answers, with the verdict.
    assert window.headline.status
    assert "seed.mailpath.json" in window.status_line.label.text()
    assert window.files.last_warning == ""


# ---------------------------------------------------------------- 15. copy record parts


def test_copy_record_name_type_and_value_each_alone(qtbot: Any, window: Any) -> None:
    open_seed(qtbot, window)
    clip = QGuiApplication.clipboard()
    panel = window.findings
    select_finding(window, "spf-missing")
    panel.copy_button.click()
    assert clip.text() == "v=spf1 a:www274.sakura.ne.jp ~all"
    panel.act_copy_name.trigger()
    assert clip.text() == "ts.skr.jp"
    panel.act_copy_type.trigger()
    assert clip.text() == "TXT"
    panel.act_copy_value.trigger()
    assert clip.text() == "v=spf1 a:www274.sakura.ne.jp ~all"
    panel.act_copy_record.trigger()
    assert clip.text() == 'ts.skr.jp. TXT "v=spf1 a:www274.sakura.ne.jp ~all"'
    # The DMARC fix is a record too: its value, not the sentence around it.
    finding = select_finding(window, "dmarc-missing")
    panel.copy_button.click()
    assert clip.text() == finding.params["record"]
    assert not clip.text().startswith("Publish")
    panel.act_copy_name.trigger()
    assert clip.text() == "_dmarc.ts.skr.jp"
    # A fix in words has no record parts to copy.
    for i in range(panel.tree.topLevelItemCount()):
        item = panel.tree.topLevelItem(i)
        f = item.data(0, Qt.ItemDataRole.UserRole)
        if f.fix and "record_name" not in f.params:
            panel.tree.setCurrentItem(item)
            assert not panel.act_copy_name.isEnabled()
            break


# ---------------------------------------------------------------- 8. notes and errors


def test_rewritten_input_is_noted_in_the_status_bar_in_both_languages(
    qtbot: Any, window: Any
) -> None:
    from mailpath.core.model import Inputs, Result
    from mailpath.core.names import parse_domain, parse_party
    from mailpath.gui.window.headline import input_notes

    note = parse_party("https://example.com/path", "sender").note
    assert note is not None
    result = Result(
        Inputs("example.com", "example.org", notes=(note,)),
        parse_domain("example.com"),
        parse_domain("example.org"),
        complete=True,
        queries=3,
        elapsed=0.1,
    )
    text = window.status_line.idle_text(result)
    assert text.startswith("The sender https://example.com/path was read as example.com.")
    window.set_language("ja")
    (shown,) = input_notes(result)
    assert shown == "送信者 https://example.com/path を example.com として読み取りました。"


INPUT_ERRORS = [
    ("sender", ""),
    ("sender", "192.0.2.1"),
    ("sender", "a b.example"),
    ("sender", "a..example"),
    ("sender", "a@b@example.com"),
    ("sender", "user@"),
    ("sender", "a b@example.com"),
    ("sender", "x" * 65 + "@example.com"),
    ("sender", "example"),
    ("sender", "example.123"),
    ("sender", "-a.example"),
    ("sender", "a" * 64 + ".example"),
    ("sender", ("a" * 60 + ".") * 5 + "com"),
    ("sender", "https:///path"),
    ("sender", "http://[::1/x"),
    ("recipient", "ex!ample.com"),
    ("via", "user@smtp.example.com"),
    ("selector", ""),
    ("selector", "bad selector"),
    ("selector", "-x"),
    ("resolver", ""),
    ("resolver", "ftp://x"),
    ("resolver", "https://[x/dns-query"),
    ("resolver", "https:///dns-query"),
    ("resolver", "https://dns.example/dns-query?x=1"),
    ("resolver", "tls://"),
    ("resolver", "[::1"),
    ("resolver", "[::1]x"),
    ("resolver", "dns.example"),
    ("resolver", "192.0.2.53:99999"),
    # A received message the window cannot analyse (File → Open message, drop, paste).
    ("message", "\r\n"),
    ("message", "just text, no header\r\n"),
    ("message", "To: user@gmail.com\r\nSubject: x\r\n\r\nbody\r\n"),
    ("message", "From: someone@ts.skr.jp\r\nSubject: x\r\n\r\nbody\r\n"),
]


def _error(kind: str, text: str) -> Any:
    from mailpath.core.auth.dkim import parse_selector
    from mailpath.core.message.check import message_parties
    from mailpath.core.message.parse import parse_message
    from mailpath.core.names import InputError, parse_nameserver, parse_party, parse_sending_host

    parse: Callable[[str], object] = {
        "sender": lambda t: parse_party(t, "sender"),
        "recipient": lambda t: parse_party(t, "recipient"),
        "via": parse_sending_host,
        "selector": parse_selector,
        "resolver": parse_nameserver,
        "message": lambda t: message_parties(parse_message(t.encode())),
    }[kind]
    with pytest.raises(InputError) as info:
        parse(text)
    return info.value


@pytest.mark.parametrize(("kind", "text"), INPUT_ERRORS)
def test_every_input_error_shows_in_japanese(qtbot: Any, kind: str, text: str) -> None:
    from mailpath.gui.text import i18n
    from mailpath.gui.window.inputs import localized_input_error, sentence

    error = _error(kind, text)
    english = localized_input_error(error.sentence)
    assert english == sentence(str(error))  # the window's English is the CLI's sentence
    i18n.install("ja")
    try:
        shown = localized_input_error(error.sentence)
    finally:
        i18n.install("en")
    assert shown != english, english
    assert any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in shown), shown


def test_a_field_error_and_a_note_show_in_japanese_in_the_window(qtbot: Any, window: Any) -> None:
    window.set_language("ja")
    window.inputs.sender_edit.setText("a@b@example.com")
    window.inputs.recipient_edit.setText("gmail.com")
    assert window.inputs.validate() is None
    label = window.inputs.error_labels["sender"]
    assert label.text() == "送信者 'a@b@example.com' に「@」が複数あります。"


def test_progress_text_keeps_its_room_next_to_a_long_status(qtbot: Any, window: Any) -> None:
    progress = window.status_line.progress
    for language in ("en", "ja"):
        window.set_language(language)
        window.resize(700, 600)
        window.status_line.set_text("Analyzing " + "a-very-long-host-name.example.com " * 6)
        progress.setRange(0, 14)
        progress.setValue(12)
        window.status_line.show_running(False)
        progress.setVisible(True)
        qtbot.waitUntil(progress.isVisible)
        QGuiApplication.processEvents()
        text = progress.text()
        assert "12" in text and "14" in text, text
        assert progress.width() >= progress.fontMetrics().horizontalAdvance(text) + 20, (
            language,
            progress.width(),
            text,
        )
    progress.setVisible(False)


def test_the_message_panel_is_built_when_its_dock_is_first_shown(qtbot: Any, window: Any) -> None:
    from mailpath.gui.panels.message import MessagePanel

    assert not window.message_dock.isVisible()
    assert window.message._panel is None  # not needed for the first frames
    # The Panels menu shows it as before: a tab behind Details, whose panel is built when
    # the tab comes to the front (before it is painted), translated, in the tab order.
    window.message_dock.toggleViewAction().trigger()
    assert window.message_dock.isVisible()
    window.message_dock.raise_()
    panel = window.message_dock.widget()
    assert isinstance(panel, MessagePanel)
    assert window.message.panel is panel
    assert panel.isVisibleTo(window)
    # After the SPF trace, the right docks' last panel before it was built.
    chain, widget = [], window.spf_panel.tree
    for _ in range(40):
        widget = widget.nextInFocusChain()
        chain.append(widget)
    assert panel.hops in chain
    assert "File" in panel.hint.text()  # translated when built


def test_a_message_dock_left_open_comes_back_with_its_panel(qtbot: Any, window: Any) -> None:
    from mailpath.gui.panels.message import MessagePanel
    from mailpath.gui.window.main_window import MainWindow

    window.message_dock.show()
    window.message_dock.raise_()
    window.close()  # saves the layout
    again = MainWindow(window.settings, "en")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.message_dock.isVisible()
    qtbot.waitUntil(lambda: isinstance(again.message_dock.widget(), MessagePanel))
    assert again.message.panel is again.message_dock.widget()
    again.close()
