"""The glossary: every term in both languages, every finding code explained, the dialog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from mailpath.gui.text import glossary, i18n
from mailpath.gui.text.help_dialog import GlossaryDialog


def _finding_codes() -> set[str]:
    from mailpath.core.dns import authoritative
    from mailpath.core.judgement import findings, verdict

    keys = [*findings.TEMPLATES, *verdict.TEMPLATES, *authoritative.TEMPLATES]
    return {key.split("/")[0] for key in keys}


def _template_keys() -> set[str]:
    from mailpath.core.dns import authoritative
    from mailpath.core.judgement import findings, verdict

    return {*findings.TEMPLATES, *verdict.TEMPLATES, *authoritative.TEMPLATES}


@pytest.fixture
def japanese(qapp: Any) -> Iterator[None]:
    i18n.install("ja")
    yield
    i18n.install("en")


def test_keys_are_unique_and_in_order(qapp: Any) -> None:
    assert len(set(glossary.KEYS)) == len(glossary.KEYS)
    assert [term.key for term in glossary.terms()] == list(glossary.KEYS)


def test_every_term_has_text_and_an_rfc(qapp: Any) -> None:
    for term in glossary.terms():
        assert term.title and term.text, term.key
        assert re.fullmatch(r"RFC \d+.*", term.rfc), term.key
        sentences = term.text.count(". ") + 1
        assert 2 <= sentences <= 5, term.key
        assert term.advice is None or term.advice.strip(), term.key


def test_every_term_has_japanese_text(japanese: None) -> None:
    i18n.install("en")
    english = {term.key: term for term in glossary.terms()}
    i18n.install("ja")
    for term in glossary.terms():
        source = english[term.key]
        assert term.title != source.title, term.key
        assert term.text != source.text, term.key
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", term.text), term.key
        assert (term.advice is None) == (source.advice is None), term.key
        if term.advice is not None:
            assert term.advice != source.advice, term.key
    assert glossary.example_action_text() == glossary.EXAMPLE_ACTION[1]
    assert glossary.glossary_action_text() == glossary.GLOSSARY_ACTION[1]


def test_action_names_in_english(qapp: Any) -> None:
    assert glossary.example_action_text() == glossary.EXAMPLE_ACTION[0]
    assert glossary.glossary_action_text() == glossary.GLOSSARY_ACTION[0]


def test_every_finding_code_maps_to_a_term() -> None:
    codes = _finding_codes()
    assert "spf-not-authorized" in codes and "unverified" in codes and "ns-lame" in codes
    unmapped = sorted(code for code in codes if code not in glossary.CODE_TERMS)
    assert not unmapped, f"add these codes to glossary.CODE_TERMS: {unmapped}"
    for key in _template_keys():
        assert glossary.term_for_finding(key) in glossary.KEYS, key
    assert set(glossary.CODE_TERMS.values()) <= set(glossary.KEYS)
    assert set(glossary.TEMPLATE_TERMS.values()) <= set(glossary.KEYS)
    assert set(glossary.TEMPLATE_TERMS) <= _template_keys()


def test_term_for_finding_prefers_the_precise_term() -> None:
    assert glossary.term_for_finding("flagged/ptr") == "ptr"
    assert glossary.term_for_finding("flagged") == "spf-softfail"
    assert glossary.term_for_finding("unverified/neutral/message") == "spf-neutral"
    assert glossary.term_for_finding("spf-too-many-lookups") == "spf-lookup-limit"
    assert glossary.term_for_finding("dmarc-something-new") == "dmarc"
    assert glossary.term_for_finding("no-such-code") is None
    assert glossary.term_for_finding("") is None


def test_dialog_filters_and_selects(qtbot: Any) -> None:
    dialog = GlossaryDialog()
    qtbot.addWidget(dialog)
    assert dialog.visible_keys() == list(glossary.KEYS)
    assert dialog.current_key() == glossary.KEYS[0]
    dialog.filter_edit.setText("softfail")
    visible = dialog.visible_keys()
    assert "spf-softfail" in visible and "mx" not in visible
    assert dialog.current_key() in visible
    dialog.filter_edit.setText("FCrDNS")
    assert dialog.visible_keys()[0] == "fcrdns"
    dialog.filter_edit.setText("forwarding")  # in no title: found in the explanations
    assert {"dkim", "arc"} <= set(dialog.visible_keys())
    dialog.filter_edit.setText("zzzz no such term")
    assert dialog.visible_keys() == []
    assert dialog.current_key() is None
    assert "zzzz no such term" in dialog.text_view.toPlainText()
    # show_term clears a filter that hides the term.
    assert dialog.show_term("null-mx")
    assert dialog.filter_edit.text() == ""
    assert dialog.current_key() == "null-mx"
    assert dialog.title_label.text() == "Null MX"
    assert "RFC 7505" in dialog.text_view.toPlainText()
    assert not dialog.show_term("no-such-term")
    assert not dialog.show_term(None)
    assert dialog.current_key() == "null-mx"
    assert dialog.show_term(glossary.term_for_finding("spf-void-lookups"))
    assert dialog.current_key() == "spf-void-limit"


def test_dialog_keyboard(qtbot: Any) -> None:
    dialog = GlossaryDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.filter_edit.setFocus()
    qtbot.keyClicks(dialog.filter_edit, "dmarc")
    first = dialog.current_key()
    assert first == "dmarc"
    assert all(key.startswith("dmarc") for key in dialog.visible_keys())
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Down)
    assert dialog.current_key() != first
    assert dialog.focusWidget() is dialog.filter_edit
    # Typing while the list has the focus goes on in the filter box.
    dialog.term_list.setFocus()
    qtbot.keyClicks(dialog.term_list, " p")
    assert dialog.filter_edit.text() == "dmarc p"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_dialog_shows_plain_text_only(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = glossary.terms

    def with_markup() -> list[glossary.Term]:
        items = real()
        items[0] = glossary.Term("spf", "<b>SPF</b>", "<b>bold</b> & <i>x</i>", None, "RFC 7208")
        return items

    monkeypatch.setattr(glossary, "terms", with_markup)
    dialog = GlossaryDialog()
    qtbot.addWidget(dialog)
    dialog.show_term("spf")
    assert dialog.title_label.text() == "<b>SPF</b>"
    assert dialog.title_label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b> & <i>x</i>" in dialog.text_view.toPlainText()
    item = dialog.term_list.currentItem()
    assert item.text() == "<b>SPF</b>"
    assert "&lt;b&gt;SPF&lt;/b&gt;" in item.toolTip()


def test_dialog_retranslates(qtbot: Any, japanese: None) -> None:
    i18n.install("en")
    dialog = GlossaryDialog()
    qtbot.addWidget(dialog)
    dialog.show_term("ptr")
    english = dialog.title_label.text()
    i18n.install("ja")
    dialog.retranslate()
    assert dialog.current_key() == "ptr"
    assert dialog.title_label.text() != english
    assert "逆引き" in dialog.title_label.text()
    assert dialog.windowTitle() == "用語集"


def test_the_glossary_is_data_translators_edit() -> None:
    """Every term is in `resources/glossary/en.toml`; `ja.toml` translates the same keys, in
    the same order, and leaves the RFC references alone."""
    import tomllib

    from mailpath.paths import resource

    def entries(lang: str) -> list[dict[str, Any]]:
        with resource("glossary", f"{lang}.toml").open("rb") as fh:
            return list(tomllib.load(fh)["term"])

    english, japanese = entries("en"), entries("ja")
    assert [e["key"] for e in english] == list(glossary.KEYS)
    assert [e["key"] for e in japanese] == list(glossary.KEYS)
    for en, ja in zip(english, japanese, strict=True):
        assert "rfc" not in ja, ja["key"]
        assert ("advice" in en) == ("advice" in ja), en["key"]
    source = (Path(glossary.__file__)).read_text(encoding="utf-8")
    assert 'tr("Glossary", "SPF")' not in source  # the terms are not code any more


def test_the_dialog_follows_the_language_data(japanese: None) -> None:
    spf = glossary.term("spf")
    assert spf is not None and spf.title == "SPF（送信ドメイン認証）"
    i18n.install("en")
    spf = glossary.term("spf")
    assert spf is not None and spf.title == "SPF"
