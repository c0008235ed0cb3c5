"""Japanese throughout: one term per concept, clean punctuation, reasons through the catalogue,
and Qt's own dialogs in Japanese.

The term list (`resources/i18n/terms_ja.toml`) is data the catalogue and the glossary share.
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from typing import Any

from mailpath.gui.text import i18n
from mailpath.paths import resource


def _terms() -> dict[str, dict[str, Any]]:
    with resource("i18n", "terms_ja.toml").open("rb") as fh:
        return tomllib.load(fh)


def _catalogue() -> list[tuple[str, str]]:
    """(where, text) of every Japanese translation in the catalogue."""
    root = ET.parse(i18n.ts_path("ja")).getroot()
    return [
        (f"{context.findtext('name')}: {message.findtext('source')!r}", text)
        for context in root.iter("context")
        for message in context.iter("message")
        if (text := message.findtext("translation") or "")
    ]


def _glossary() -> list[tuple[str, str]]:
    """(where, text) of every string of the Japanese glossary."""
    with resource("glossary", "ja.toml").open("rb") as fh:
        data = tomllib.load(fh)
    found: list[tuple[str, str]] = []

    def walk(where: str, value: object) -> None:
        if isinstance(value, str):
            found.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{where}.{key}", item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(f"{where}[{index}]", item)

    walk("glossary", data)
    return found


def _japanese_texts() -> list[tuple[str, str]]:
    return _catalogue() + _glossary()


def test_each_concept_has_one_term_in_the_catalogue_and_the_glossary() -> None:
    problems = []
    for concept, entry in _terms().items():
        term = entry["term"]
        for where, text in _japanese_texts():
            rest = text.replace(term, "")
            problems += [
                f"{concept}: {variant!r} (not {term!r}) in {where}: {text[:80]!r}"
                for variant in entry["forbidden"]
                if variant in rest
            ]
    assert not problems, "\n".join(problems)


def test_each_term_is_the_one_the_window_shows() -> None:
    """The term is in use (a list of words nobody uses would pass the test above)."""
    texts = [text for _, text in _japanese_texts()]
    for concept, entry in _terms().items():
        assert any(entry["term"] in text for text in texts), concept


def test_the_submission_server_is_one_word_on_node_details_and_edge(qapp: Any) -> None:
    from mailpath.gui.text.i18n import tr

    term = _terms()["submission-server"]["term"]
    i18n.install("ja")
    try:
        shown = [
            tr("RouteText", "submission :587 (SMTP AUTH)"),
            tr("RouteText", "submission"),
        ]
    finally:
        i18n.install("en")
    assert all(text.startswith(term.removesuffix("サーバー")) for text in shown), shown


#: Two marks of the same kind in a row: a Japanese full stop or comma next to another full
#: stop or comma, Japanese or ASCII ("。.", "、,", "．。", "。。").
_DOUBLE = re.compile(r"[。．、，][。．、，.,]|[.,][。．、，]")


def test_no_doubled_punctuation_in_japanese() -> None:
    problems = [
        f"{where}: {text[:100]!r}" for where, text in _japanese_texts() if _DOUBLE.search(text)
    ]
    assert not problems, "\n".join(problems)


def test_a_reason_inside_a_finding_is_japanese_and_ends_once(qapp: Any) -> None:
    """A finding whose reason is one of the core's sentences shows the reason in Japanese,
    and the sentence around it ends with one full stop."""
    import mailpath.core.auth.dkim  # noqa: F401  (registers the DKIM reasons)
    from mailpath.core.model import Finding, Severity
    from mailpath.core.sentences import Sentence
    from mailpath.gui.text.findings import texts

    reason = Sentence("dkim/key-not-found", name="s._domainkey.x.example")
    finding = Finding(
        code="dkim-fail",
        severity=Severity.ERROR,
        message="m",
        template="dkim-fail",
        params={"domain": "x.example", "selector": "s", "reason": reason},
    )
    i18n.install("ja")
    try:
        message, _ = texts(finding)
    finally:
        i18n.install("en")
    assert str(reason) not in message, message
    assert "s._domainkey.x.example" in message
    assert not _DOUBLE.search(message), message


def test_qt_file_dialogs_speak_japanese(qtbot: Any) -> None:
    """Qt's own translations (qtbase_ja) are loaded with the catalogue: the file dialog's
    "Look in:" and "Files of type:" are Japanese."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    i18n.install("ja")
    try:
        dialog = QFileDialog(None, "t")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
    finally:
        i18n.install("en")
    assert "Look in:" not in labels and "Files of type:" not in labels, labels
    assert {"場所(&L):", "ファイルの種類(&T):"} <= labels, labels
