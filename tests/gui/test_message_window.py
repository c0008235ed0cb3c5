"""The window with a received message: open, drop, paste, the Message dock, DKIM selectors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.gui.zones import zone_from_recording

if TYPE_CHECKING:
    from mailpath.gui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SEED_EML = ROOT / "resources" / "examples" / "seed.eml"


@pytest.fixture
def served(window: Any, dns_server: Any) -> Any:
    """The seed zones on loopback, chosen in the Resolver field as a person would."""
    server = dns_server(zone_from_recording())
    window.inputs.resolver_combo.setEditText(server.nameserver)
    return server


def _hop_count(window: MainWindow) -> int:
    return window.message.panel.hops.topLevelItemCount()


def _assert_seed_message(window: Any) -> None:
    assert window.inputs.sender_edit.text() == "someone@ts.skr.jp"
    assert window.inputs.recipient_edit.text() == "gmail.com"
    assert window.inputs.via_edit.text() == "203.0.113.74"
    assert window.session.result.complete
    assert window.session.result.message is not None
    assert window.session.request.message is not None
    assert _hop_count(window) >= 2
    assert window.message_dock.isVisible()
    # In front of Details and SPF trace, with which it shares the place.
    assert not window.message.panel.visibleRegion().isEmpty()
    assert window.details.visibleRegion().isEmpty()
    # The verdict knows the message: it carries no DKIM signature (not "not checked").
    assert "carries no valid DKIM signature" in window.headline.text.text()


def test_open_message_fills_inputs_and_shows_hops(qtbot: Any, window: Any, served: Any) -> None:
    assert not window.message_dock.isVisible()  # no message yet: no dock
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_message(str(SEED_EML))
    _assert_seed_message(window)
    # The Resolver field stays as the person had it: live DNS, their server.
    assert window.inputs.resolver_combo.currentText() == served.nameserver
    assert window.session.request.nameservers == (served.nameserver,)
    assert window.session.request.replay_answers is None


def test_typing_other_inputs_drops_the_message(qtbot: Any, window: Any, served: Any) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_message(str(SEED_EML))
    # Pressing Enter again on the same inputs keeps the message.
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        qtbot.keyClick(window.inputs.recipient_edit, Qt.Key.Key_Return)
    assert window.session.request.message is not None
    # Another sender, typed by hand: the message was of the old one.
    window.inputs.sender_edit.setText("ts.skr.jp")
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        qtbot.keyClick(window.inputs.sender_edit, Qt.Key.Key_Return)
    assert window.session.request.message is None
    assert window.session.result.message is None
    assert _hop_count(window) == 0
    assert "DKIM was not checked" in window.headline.text.text()


def _drop(window: Any, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def test_dropping_a_message_file_opens_it(qtbot: Any, window: Any, served: Any) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        _drop(window, SEED_EML)
    _assert_seed_message(window)


def test_dropping_a_saved_analysis_replays_it(qtbot: Any, window: Any) -> None:
    from mailpath.paths import seed_example

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        _drop(window, Path(seed_example()))
    assert window.session.request.replay_path == str(seed_example())
    assert window.session.request.message is None
    assert window.session.result.complete


def test_pasted_message_source_is_analyzed(
    qtbot: Any, window: Any, served: Any, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QDialog

    from mailpath.gui.window.message_dialog import PasteMessageDialog

    seen: list[PasteMessageDialog] = []

    def fake_exec(dialog: PasteMessageDialog) -> int:
        dialog.editor.setPlainText(SEED_EML.read_text(encoding="utf-8"))
        assert dialog.looks_like_message()
        seen.append(dialog)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PasteMessageDialog, "exec", fake_exec)
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.paste_message_dialog()
    assert seen
    _assert_seed_message(window)
    # The dialog is gone: its buttons are no longer among the window's.
    assert not window.findChildren(PasteMessageDialog)


def test_cancelled_paste_changes_nothing(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QDialog

    from mailpath.gui.window.message_dialog import PasteMessageDialog

    monkeypatch.setattr(PasteMessageDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    assert not window.files.paste_message_dialog()
    assert window.session.request is None
    assert window.inputs.sender_edit.text() == ""


def test_a_file_that_is_no_message_is_an_error_naming_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "holiday-photo.eml"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not window.files.open_message(str(bad))
    assert str(bad) in window.files.last_warning
    assert "Traceback" not in window.files.last_warning
    assert window.session.request is None
    missing = tmp_path / "missing.eml"
    assert not window.files.open_message(str(missing))
    assert str(missing) in window.files.last_warning
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    assert not window.files.open_message(str(empty))
    assert str(empty) in window.files.last_warning
    assert "empty" in window.files.last_warning
    assert window.analysis.runner.threads() == []


def test_selecting_a_hop_highlights_its_node(
    qtbot: Any, window: Any, served: Any, monkeypatch: Any
) -> None:
    from mailpath.core.route import graph as route

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_message(str(SEED_EML))
    asked: list[tuple[Any, int]] = []

    def node_for_hop(graph: Any, index: int) -> str | None:
        asked.append((graph, index))
        return "client" if index == 0 else None

    monkeypatch.setattr(route, "node_for_hop", node_for_hop, raising=False)
    window.scene.clearSelection()
    item = window.message.panel.hops.topLevelItem(0)
    window.message.panel.hops.setCurrentItem(item)
    assert asked and asked[-1][1] == 0
    assert asked[-1][0] is window.scene.graph.source  # the route graph itself
    assert window.scene.selected_node() == "client"
    # A hop the route does not draw selects nothing, and is no error.
    window.message.panel.hops.setCurrentItem(window.message.panel.hops.topLevelItem(1))
    assert asked[-1][1] == 1
    assert window.files.last_warning == ""


def test_dkim_selectors_are_passed_to_the_analysis(qtbot: Any, window: Any, served: Any) -> None:
    window.inputs.selector_edit.setText("default, s1  mail")
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_message(str(SEED_EML))
    assert window.session.request.dkim_selectors == ("default", "s1", "mail")
    keys = window.session.result.dkim_keys
    assert len(keys) == 3
    assert window.inputs.selector_edit.text() == "default, s1  mail"  # the field is the person's


def test_a_bad_dkim_selector_is_an_input_error(qtbot: Any, window: Any, served: Any) -> None:
    window.inputs.set_inputs("ts.skr.jp", "gmail.com")
    window.inputs.selector_edit.setText("good, bad selector!")
    assert not window.analysis.start()
    assert window.analysis.runner.threads() == []
    assert window.inputs.error_labels["selectors"].isVisibleTo(window)
    assert window.inputs.error_labels["selectors"].text()
    assert not window.inputs.error_labels["sender"].isVisibleTo(window)
    # Typing in the field clears its mark.
    qtbot.keyClick(window.inputs.selector_edit, Qt.Key.Key_Backspace)
    assert not window.inputs.error_labels["selectors"].isVisibleTo(window)
