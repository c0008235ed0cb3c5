"""The received-message panel and the paste dialog, as a user sees them."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QTreeWidget, QTreeWidgetItem

from mailpath.gui.panels.message import MessagePanel
from mailpath.gui.panels.message_rows import (
    COL_BY,
    COL_CHECK,
    COL_DELAY,
    COL_DETAILS,
    COL_FROM,
    COL_NOTE,
    COL_NUMBER,
    COL_PROTOCOL,
    COL_RESULT,
    COL_TIME,
    COL_TLS,
    human_delay,
)
from mailpath.gui.text import i18n
from mailpath.gui.window.message_dialog import PasteMessageDialog, looks_like_message

RAW_2 = (
    "from mx.relay.example (unknown) by gate.example.net with ESMTPS id abc;\r\n"
    "\tThu, 6 Mar 2025 10:00:02 +0000"
)

MESSAGE: dict[str, Any] = {
    "from_domain": "ts.skr.jp",
    "mail_from_domain": "ts.skr.jp",
    "hops": [
        {
            "from_name": "pc.home.example",
            "helo": "[192.168.1.10]",
            "from_address": "203.0.113.7",
            "by": "www274.sakura.ne.jp",
            "protocol": "ESMTPSA",
            "tls": True,
            "time": "2025-03-06T10:00:00Z",
            "delay_s": None,
            "raw": "from pc.home.example ([192.168.1.10]) by www274.sakura.ne.jp with ESMTPSA",
            "unparsed": False,
        },
        {
            "from_name": None,
            "helo": None,
            "from_address": None,
            "by": None,
            "protocol": None,
            "tls": None,
            "time": "2025-03-06T10:00:02Z",
            "delay_s": 2,
            "raw": RAW_2,
            "unparsed": True,
        },
        {
            "from_name": "www274.sakura.ne.jp",
            "helo": "www274.sakura.ne.jp",
            "from_address": "2001:db8::25",
            "by": "mx.google.com",
            "protocol": "ESMTP",
            "tls": False,
            "time": "2025-03-06T10:03:02Z",
            "delay_s": 180,
            "raw": "from www274.sakura.ne.jp (www274.sakura.ne.jp. [2001:db8::25])\r\n"
            "\tby mx.google.com with ESMTP",
            "unparsed": False,
        },
    ],
    "handover": {"address": "2001:db8::25", "host": "www274.sakura.ne.jp", "hop": 2},
    "dkim": [
        {
            "domain": "ts.skr.jp",
            "selector": "rs20250101",
            "algorithm": "rsa-sha256",
            "result": "pass",
            "reason": None,
            "key_bits": 2048,
            "aligned": True,
            "body_length_limit": None,
        },
        {
            "domain": "sakura.ne.jp",
            "selector": "old",
            "algorithm": "rsa-sha1",
            "result": "fail",
            "reason": "body hash did not verify",
            "key_bits": 1024,
            "aligned": False,
            "body_length_limit": 120,
        },
    ],
    "arc": {"result": "none", "instances": 0},
    "authentication_results": [
        {
            "authserv_id": "mx.google.com",
            "results": [
                {
                    "method": "spf",
                    "result": "softfail",
                    "reason": "domain does not designate 2001:db8::25 as permitted sender",
                    "properties": {"smtp.mailfrom": "taro@ts.skr.jp"},
                },
                {
                    "method": "dkim",
                    "result": "pass",
                    "reason": None,
                    "properties": {"header.i": "@ts.skr.jp", "header.s": "rs20250101"},
                },
            ],
        }
    ],
    "dmarc_result": {
        "result": "pass",
        "spf_aligned": False,
        "dkim_aligned": True,
        "policy_domain": "ts.skr.jp",
        "disposition": "none",
    },
}


def _panel(qtbot: Any, data: Any = MESSAGE) -> MessagePanel:
    panel = MessagePanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.set_message(copy.deepcopy(data) if data is not None else None)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _item(item: QTreeWidgetItem | None) -> QTreeWidgetItem:
    """A row that must exist (Qt answers None past the end)."""
    assert item is not None
    return item


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [_item(item.child(i)) for i in range(item.childCount())]


def _hop(panel: MessagePanel, i: int) -> QTreeWidgetItem:
    return _item(panel.hops.topLevelItem(i))


def _header(tree: QTreeWidget) -> QTreeWidgetItem:
    return _item(tree.headerItem())


def _top(panel: MessagePanel, text: str) -> QTreeWidgetItem:
    for i in range(panel.auth.topLevelItemCount()):
        item = _item(panel.auth.topLevelItem(i))
        if item.text(COL_CHECK) == text:
            return item
    raise AssertionError(f"no row {text!r}")


def _icon_matches(item: QTreeWidgetItem, column: int, status: str) -> bool:
    from mailpath.gui.graph import markers

    got = item.icon(column).pixmap(16, 16).toImage()
    return got == markers.status_icon(status).pixmap(16, 16).toImage()


def test_without_a_message_the_panel_says_how_to_get_one(qtbot: Any) -> None:
    panel = _panel(qtbot, None)
    assert panel.stack.currentWidget() is panel.hint
    assert "File → Open message…" in panel.hint.text()
    panel.set_message(MESSAGE)
    assert panel.stack.currentWidget() is not panel.hint
    panel.set_message(None)
    assert panel.stack.currentWidget() is panel.hint
    assert panel.hops.topLevelItemCount() == 0


def test_hops_are_numbered_oldest_first_with_tls_time_and_delay(qtbot: Any) -> None:
    panel = _panel(qtbot)
    hops = [_hop(panel, i) for i in range(panel.hops.topLevelItemCount())]
    assert [h.text(COL_NUMBER) for h in hops] == ["1", "2", "3"]
    first, unparsed, last = hops
    assert first.text(COL_FROM) == "pc.home.example (HELO [192.168.1.10]) [203.0.113.7]"
    assert first.text(COL_BY) == "www274.sakura.ne.jp"
    assert first.text(COL_PROTOCOL) == "ESMTPSA"
    assert first.text(COL_TLS) == "yes"
    assert last.text(COL_TLS) == "no"
    assert unparsed.text(COL_TLS) == "unknown"
    assert "not encrypted" in last.toolTip(COL_TLS)
    # The same HELO as the name is not repeated.
    assert last.text(COL_FROM) == "www274.sakura.ne.jp [2001:db8::25]"
    # UTC shown as local time.
    local = datetime.fromisoformat("2025-03-06T10:03:02+00:00").astimezone()
    assert last.text(COL_TIME) == local.strftime("%Y-%m-%d %H:%M:%S")
    assert "2025-03-06T10:03:02Z" in last.toolTip(COL_TIME)
    assert [h.text(COL_DELAY) for h in hops] == ["", "2 s", "3 min"]
    # The unparsed hop: its raw text on one line, a warning mark and a note.
    assert unparsed.text(COL_FROM).startswith("from mx.relay.example (unknown) by gate")
    assert "\n" not in unparsed.text(COL_FROM)
    assert "not understood" in unparsed.text(COL_NOTE)
    assert not unparsed.icon(COL_NUMBER).isNull()
    assert first.icon(COL_NUMBER).isNull()
    # The handover hop is marked, and only it.
    assert last.text(COL_NOTE) == "entered the recipient's servers here"
    assert last.font(COL_FROM).bold() and not first.font(COL_FROM).bold()
    assert not last.icon(COL_FROM).isNull() and first.icon(COL_FROM).isNull()
    assert "handed to the recipient by www274.sakura.ne.jp [2001:db8::25]" in panel.summary.text()
    # TLS locked/unlocked/unknown icons all differ.
    images = [h.icon(COL_TLS).pixmap(16, 16).toImage() for h in hops]
    assert images[0] != images[1] != images[2] != images[0]


def test_dkim_arc_authentication_results_and_dmarc(qtbot: Any) -> None:
    panel = _panel(qtbot)
    assert panel.headline.text().startswith("DMARC pass for ts.skr.jp: aligned by DKIM")
    assert "Policy applied: none" in panel.headline.text()
    assert "Envelope sender: ts.skr.jp" in panel.summary.text()

    dmarc = _top(panel, "DMARC")
    assert dmarc.text(COL_RESULT) == "pass"
    assert _icon_matches(dmarc, COL_RESULT, "pass")
    rows = {c.text(COL_CHECK): c.text(COL_RESULT) for c in _children(dmarc)}
    assert rows["aligned by SPF"] == "no"
    assert rows["aligned by DKIM"] == "yes"
    assert rows["policy domain"] == "ts.skr.jp"

    signatures = _children(_top(panel, "DKIM signatures"))
    assert [s.text(COL_CHECK) for s in signatures] == [
        "d=ts.skr.jp s=rs20250101",
        "d=sakura.ne.jp s=old",
    ]
    good, bad = signatures
    assert good.text(COL_RESULT) == "pass" and _icon_matches(good, COL_RESULT, "pass")
    assert bad.text(COL_RESULT) == "fail" and _icon_matches(bad, COL_RESULT, "fail")
    assert "2048-bit key" in good.text(COL_DETAILS)
    assert "aligned with From" in good.text(COL_DETAILS)
    assert "not aligned with From" in bad.text(COL_DETAILS)
    bad_rows = {c.text(COL_CHECK): c for c in _children(bad)}
    assert bad_rows["reason"].text(COL_DETAILS) == "body hash did not verify"
    assert bad_rows["key size"].text(COL_DETAILS) == "1024 bits"
    assert bad_rows["algorithm"].text(COL_DETAILS) == "rsa-sha1"
    limit = bad_rows["body length limit (l=)"]
    assert limit.text(COL_RESULT) == "120"
    assert "append" in limit.text(COL_DETAILS)
    assert "body length limit (l=)" not in {c.text(COL_CHECK) for c in _children(good)}

    arc = _top(panel, "ARC")
    assert arc.text(COL_RESULT) == "none"
    assert arc.text(COL_DETAILS) == "no ARC sets in the message"

    ar = _top(panel, "Authentication-Results (as the receiver recorded)")
    (header,) = _children(ar)
    assert header.text(COL_CHECK) == "by mx.google.com"
    assert ar.text(COL_RESULT) == "1 header"
    spf, dkim = _children(header)
    assert (spf.text(COL_CHECK), spf.text(COL_RESULT)) == ("spf", "softfail")
    assert _icon_matches(spf, COL_RESULT, "softfail")
    assert "smtp.mailfrom=taro@ts.skr.jp" in spf.text(COL_DETAILS)
    assert "reason: domain does not designate" in spf.text(COL_DETAILS)
    assert "header.s=rs20250101" in dkim.text(COL_DETAILS)
    # Everything is visible without clicking.
    assert ar.isExpanded() and header.isExpanded() and bad.isExpanded()
    assert not good.isExpanded()  # a verified signature is folded, its summary says enough


def test_arc_instances_as_count_or_list(qtbot: Any) -> None:
    data = copy.deepcopy(MESSAGE)
    data["arc"] = {"result": "pass", "instances": [{"i": 1}, {"i": 2}]}
    panel = _panel(qtbot, data)
    arc = _top(panel, "ARC")
    assert (arc.text(COL_RESULT), arc.text(COL_DETAILS)) == ("pass", "2 instances")
    assert _icon_matches(arc, COL_RESULT, "pass")
    data["arc"] = {"result": "fail", "instances": 1}
    panel.set_message(data)
    arc = _top(panel, "ARC")
    assert (arc.text(COL_RESULT), arc.text(COL_DETAILS)) == ("fail", "1 instance")


def test_dmarc_fail_with_reject_and_a_bounce(qtbot: Any) -> None:
    data = copy.deepcopy(MESSAGE)
    data["mail_from_domain"] = None
    data["dmarc_result"] = {
        "result": "fail",
        "spf_aligned": False,
        "dkim_aligned": False,
        "policy_domain": "ts.skr.jp",
        "disposition": "reject",
    }
    data["handover"] = None
    panel = _panel(qtbot, data)
    assert "DMARC fail for ts.skr.jp: aligned by neither SPF nor DKIM" in panel.headline.text()
    assert "Policy applied: reject" in panel.headline.text()
    assert "<> (bounce)" in panel.summary.text()
    assert _icon_matches(_top(panel, "DMARC"), COL_RESULT, "fail")
    last = _hop(panel, 2)
    assert last.text(COL_NOTE) == ""


def test_hostile_markup_is_shown_literally(qtbot: Any) -> None:
    data = copy.deepcopy(MESSAGE)
    evil = "<b>evil</b><img src=https://attacker.example/x.png>"
    data["from_domain"] = evil
    data["hops"][0]["from_name"] = evil
    data["hops"][0]["raw"] = f"from {evil} by www274.sakura.ne.jp"
    data["hops"][1]["raw"] = "from <i>x</i> by y; " + evil
    data["dkim"][1]["reason"] = evil
    data["authentication_results"][0]["authserv_id"] = evil
    data["dmarc_result"]["policy_domain"] = evil
    panel = _panel(qtbot, data)
    assert evil in panel.headline.text()
    assert evil in panel.summary.text()
    for label in (panel.headline, panel.summary, panel.hint):
        assert label.textFormat() == Qt.TextFormat.PlainText
    first = _hop(panel, 0)
    assert first.text(COL_FROM).startswith(evil)
    tip = first.toolTip(COL_FROM)
    assert "<b>evil" not in tip and "&lt;b&gt;evil&lt;/b&gt;&lt;img" in tip
    unparsed = _hop(panel, 1)
    assert unparsed.text(COL_FROM) == "from <i>x</i> by y; " + evil
    assert "<i>" not in unparsed.toolTip(COL_FROM)
    bad = _children(_top(panel, "DKIM signatures"))[1]
    reason = {c.text(COL_CHECK): c for c in _children(bad)}["reason"]
    assert reason.text(COL_DETAILS) == evil
    assert "<img" not in reason.toolTip(COL_DETAILS)
    header = _children(_top(panel, "Authentication-Results (as the receiver recorded)"))[0]
    assert header.text(COL_CHECK) == f"by {evil}"


def test_a_thousand_hops_populate(qtbot: Any) -> None:
    data = copy.deepcopy(MESSAGE)
    hop = data["hops"][2]
    data["hops"] = [dict(hop, delay_s=i % 7) for i in range(1000)]
    data["handover"] = {"address": "2001:db8::25", "host": "x", "hop": 999}
    panel = _panel(qtbot, data)
    assert panel.hops.topLevelItemCount() == 1000
    last = _hop(panel, 999)
    assert last.text(COL_NUMBER) == "1000"
    assert last.text(COL_NOTE) == "entered the recipient's servers here"
    assert "1000 hops" in panel.summary.text()
    with qtbot.waitSignal(panel.hop_selected) as blocker:
        panel.hops.setCurrentItem(last)
    assert blocker.args == [999]


def test_selecting_a_hop_emits_its_index(qtbot: Any) -> None:
    panel = _panel(qtbot)
    seen: list[int] = []
    panel.hop_selected.connect(seen.append)
    rect = panel.hops.visualItemRect(_hop(panel, 1))
    qtbot.mouseClick(panel.hops.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen == [1]
    assert panel.selected_hop() == 1
    panel.hops.clearSelection()
    assert seen == [1, -1]
    # Selecting from outside (the graph) does not echo back.
    panel.select_hop(2)
    assert panel.selected_hop() == 2 and seen == [1, -1]
    # A new message clears the highlight.
    panel.set_message(MESSAGE)
    assert seen == [1, -1, -1]
    assert panel.selected_hop() == -1


def test_ctrl_c_copies_the_selected_hops(qtbot: Any) -> None:
    panel = _panel(qtbot)
    panel.hops.setFocus()
    _hop(panel, 0).setSelected(True)
    _hop(panel, 2).setSelected(True)
    qtbot.keySequence(panel.hops, QKeySequence(QKeySequence.StandardKey.Copy))
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("1\tpc.home.example")
    assert lines[1].startswith("3\twww274.sakura.ne.jp")


def test_retranslate_to_japanese(qtbot: Any) -> None:
    panel = _panel(qtbot)
    panel.select_hop(1)
    assert _header(panel.hops).text(COL_FROM) == "From"
    i18n.install("ja")
    try:
        panel.retranslate()
        assert _header(panel.hops).text(COL_FROM) == "送信元"
        assert _header(panel.hops).text(COL_BY) == "受信サーバー"
        assert _header(panel.auth).text(COL_RESULT) == "結果"
        assert _hop(panel, 2).text(COL_NOTE) == "ここで受信者側のサーバーに入りました"
        assert _hop(panel, 2).text(COL_DELAY) == "3 分"
        assert _hop(panel, 0).text(COL_TLS) == "あり"
        assert panel.selected_hop() == 1  # the selection survives
        assert "DMARC" in panel.headline.text() and "DKIM で整合" in panel.headline.text()
        panel.set_message(None)
        assert "受信したメッセージ" in panel.hint.text()
    finally:
        i18n.install("en")
    panel.retranslate()
    assert "Open a received message" in panel.hint.text()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (2, "2 s"), (59.6, "1 min"), (180, "3 min"), (3900, "1 h 5 min"),
     (7200, "2 h"), (183600, "2 d 3 h"), (-4, "−4 s"), (None, "")],
)  # fmt: skip
def test_human_delay(seconds: float | None, text: str) -> None:
    assert human_delay(seconds) == text


# ---------------------------------------------------------------- paste dialog


SOURCE = (
    "Received: from a by b; Thu, 6 Mar 2025 10:00:02 +0000\n"
    "DKIM-Signature: v=1; a=rsa-sha256; d=ts.skr.jp;\n"
    "\ts=rs20250101; bh=abc=\n"
    "From: =?UTF-8?B?5aSq6YOO?= <taro@ts.skr.jp>\n"
    "Subject: test\n"
    "\n"
    "こんにちは\u00a0world  \n"
    "line two\n"
)


def _dialog(qtbot: Any) -> PasteMessageDialog:
    dialog = PasteMessageDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog: PasteMessageDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_paste_dialog_enables_ok_only_for_a_message(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    assert not _ok(dialog).isEnabled()
    assert "Show original" in dialog.hint.text()
    assert "View message source" in dialog.hint.text()
    assert "Ctrl+U" in dialog.hint.text()
    assert dialog.editor.isReadOnly() is False
    dialog.editor.setPlainText("Hello Bob, see you tomorrow.\n\nAlice")
    assert not _ok(dialog).isEnabled()
    assert "does not look like" in dialog.status.text()
    dialog.editor.setPlainText("Dear Bob,\nSubject: hi\n\nbody")  # a header, but not first
    assert not _ok(dialog).isEnabled()
    dialog.editor.setPlainText("\n  \nSubject: hi\n\nbody")  # blank lines pasted along
    assert _ok(dialog).isEnabled()
    assert dialog.message_bytes() == b"Subject: hi\r\n\r\nbody"
    dialog.editor.setPlainText(SOURCE)
    assert _ok(dialog).isEnabled()
    dialog.editor.clear()
    assert not _ok(dialog).isEnabled()


def test_typing_a_header_enables_ok(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.editor, "From: a@example.com")
    assert _ok(dialog).isEnabled()


def test_paste_dialog_bytes_keep_the_text_with_crlf(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    dialog.editor.setPlainText(SOURCE)
    data = dialog.message_bytes()
    assert data == SOURCE.replace("\n", "\r\n").encode("utf-8")
    # Already CRLF (or mixed) text does not get doubled line ends.
    dialog.editor.setPlainText(SOURCE.replace("\n", "\r\n"))
    assert dialog.message_bytes() == data
    # The no-break space and trailing spaces survive: DKIM hashes the body as it is.
    assert "\u00a0world  \r\n".encode() in data


def test_looks_like_message() -> None:
    assert looks_like_message("Received: from x\n\nbody")
    assert looks_like_message("From nobody Mon Jan  1 00:00:00 2024\nSubject: x\n")
    assert looks_like_message("X-Weird_Name.1: v")
    assert not looks_like_message("")
    assert not looks_like_message("just some text: with a colon later? no: spaces first\n")
    assert not looks_like_message("  Subject: indented\n")
    assert not looks_like_message("<html><body>Subject: x</body></html>")
