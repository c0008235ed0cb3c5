"""A finding's consequence clause (the receiver model's, `core.judgement.CONSEQUENCES`) and
what the mail becomes with the fix are shown in the UI language, never half in English."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt

from mailpath.paths import seed_example


def _spf_missing_row(window: Any) -> Any:
    tree = window.findings.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole).code == "spf-missing":
            return item
    raise AssertionError("no spf-missing finding")


def test_consequence_and_fix_outcome_in_japanese(qtbot: Any, window: Any) -> None:
    from mailpath.gui.panels.findings import OUTCOME_ROLE, TEXTS_ROLE

    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_analysis(str(seed_example()))
    window.set_language("ja")
    item = _spf_missing_row(window)
    finding = item.data(0, Qt.ItemDataRole.UserRole)
    assert finding.consequence == "consequence/unverified"
    message, _fix, _verified = item.data(1, TEXTS_ROLE)
    cause = (
        "ts.skr.jp には www274.sakura.ne.jp（203.0.113.74, 2001:db8:e0::274）を許可する "
        "SPF レコードが公開されていません。"
    )
    consequence = "gmail.com はこのメールを未認証として配信します。"
    assert message == cause + consequence
    # Nothing English is left once the names, addresses and "SPF" are taken out.
    rest = message
    for value in (*finding.params.values(), *finding.consequence_params.values(), "SPF"):
        rest = rest.replace(str(value), "")
    assert not re.search(r"[A-Za-z]", rest), rest
    outcome = item.data(1, OUTCOME_ROLE)
    assert outcome == "この修正を行った場合のメールの扱い: 配信"
    assert "配信" in item.toolTip(1)
    window.set_language("en")
    item = _spf_missing_row(window)
    assert item.data(1, TEXTS_ROLE)[0] == finding.message
    assert item.data(1, OUTCOME_ROLE) == "with that fix the mail is: delivered"


def test_path_consequence_in_japanese_and_no_mixed_languages(qapp: Any) -> None:
    from dataclasses import replace

    from mailpath.core.judgement.consequences import with_consequence
    from mailpath.core.judgement.findings import TEMPLATES
    from mailpath.core.judgement.receiver import Disposition
    from mailpath.core.model import Finding, Severity
    from mailpath.gui.text import findings as finding_text
    from mailpath.gui.text import i18n

    params = {
        "host": "mx.example.com",
        "sender": "example.com",
        "passing": "192.0.2.1",
        "failing": "2001:db8::1",
        "result": "fail",
        "record": "v=spf1 a -all",
    }
    message, fix = TEMPLATES["spf-ipv6-gap"]
    gap = Finding(
        Severity.WARNING,
        "spf-ipv6-gap",
        message.format(**params),
        fix.format(**params) if fix else None,
        template="spf-ipv6-gap",
        params=params,
    )
    judged = with_consequence(
        gap,
        "consequence/path/refused",
        {"address": "2001:db8::1", "recipient": "gmail.com"},
        Severity.ERROR,
        Disposition.REFUSED,
    )
    i18n.install("ja")
    try:
        text, _fix = finding_text.texts(judged)
        assert text == (
            "mx.example.com は example.com の SPF に IPv4（192.0.2.1）では合格しますが、"
            "IPv6（2001:db8::1: fail）では合格しません。"
            "2001:db8::1 から送信されたメールは、gmail.com に拒否されます。"
        )
        # A clause the catalogue does not know: the whole English message, not half of each.
        odd = replace(judged, consequence="consequence/no-such-clause")
        assert finding_text.texts(odd)[0] == judged.message
    finally:
        i18n.install("en")
    assert finding_text.texts(judged)[0] == judged.message
