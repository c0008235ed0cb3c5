"""At the window's minimum size the required fields keep room to type in, and the docks come
back to their width when the window is enlarged again."""

from __future__ import annotations

from typing import Any

from mailpath.gui.window.inputs import MIN_CHARS


def _chars(edit: Any) -> float:
    return float(edit.width() / edit.fontMetrics().averageCharWidth())


def test_sender_and_recipient_keep_12_characters_at_the_minimum_size(
    qtbot: Any, window: Any
) -> None:
    window.resize(1280, 800)
    window.ensure_built()
    qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
    details = window.details_dock.width()
    for lang in ("en", "ja"):
        window.set_language(lang)
        window.resize(903, 507)
        qtbot.waitUntil(lambda: window.width() <= 903)
        qtbot.wait(10)
        inputs = window.inputs
        for edit in (inputs.sender_edit, inputs.recipient_edit):
            assert _chars(edit) >= MIN_CHARS, (lang, edit.objectName(), _chars(edit))
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() >= 1280)
        qtbot.wait(10)
        assert window.details_dock.width() >= details - 2, (lang, window.details_dock.width())
    window.set_language("en")
