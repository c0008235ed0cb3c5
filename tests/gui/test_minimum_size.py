"""At the window's minimum size the required fields keep room to type in, and the docks come
back to their width when the window is enlarged again."""

from __future__ import annotations

from typing import Any

from mailpath.gui.window.inputs import CLEAR_BUTTON_ROOM, MIN_CHARS


def _chars(edit: Any) -> float:
    """The characters that fit beside the clear button."""
    return float((edit.width() - CLEAR_BUTTON_ROOM) / edit.fontMetrics().averageCharWidth())


def test_sender_and_recipient_keep_12_characters_at_the_minimum_size(
    qtbot: Any, window: Any
) -> None:
    window.resize(1280, 800)
    window.ensure_built()
    qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
    details = window.details_dock.width()
    for lang in ("en", "ja"):
        window.set_language(lang)
        # As small as the window goes (Qt clamps to its minimum size; 903x507 once).
        window.resize(200, 150)
        qtbot.waitUntil(lambda: window.width() < 1000)
        qtbot.wait(10)
        inputs = window.inputs
        for edit in (inputs.sender_edit, inputs.recipient_edit):
            assert _chars(edit) >= MIN_CHARS, (lang, edit.objectName(), _chars(edit))
        for name, label in inputs.field_labels.items():
            lines = label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing()
            assert lines < 2.5, (lang, name, label.text(), label.width())
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() >= 1280)
        qtbot.wait(10)
        assert window.details_dock.width() >= details - 2, (lang, window.details_dock.width())
    window.set_language("en")


def test_at_the_minimum_size_the_headline_is_whole_and_the_legend_covers_no_route(
    qtbot: Any, window: Any
) -> None:
    """At 783x421 (the widgets' own minimum) the headline was cut mid-sentence and the route
    a strip 36 px high; with a minimum taken from the window's parts, a tall headline squeezed
    the graph area until the legend lay over the route."""
    from mailpath.paths import seed_example

    window.resize(1280, 800)
    window.ensure_built()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_analysis(str(seed_example()))
    window.resize(200, 150)
    qtbot.waitUntil(lambda: window.width() < 1000)
    qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
    assert (window.width(), window.height()) >= (900, 600)
    headline = window.headline.widget
    layout = headline.layout()
    assert headline.height() >= layout.heightForWidth(headline.width()), headline.height()
    view, legend = window.view.geometry(), window.legend.geometry()
    assert legend.top() >= view.bottom(), (view, legend)
    assert window.view.height() >= 100  # MIN_VIEW_HEIGHT: the route was a 36 px strip


def test_the_headline_and_its_note_are_laid_out_for_the_height_they_have(qtbot: Any) -> None:
    """Japanese from the first launch, built after the first paint as `mailpath gui` builds
    it: the headline's rows were placed for the height it had while hidden (216 px), so the
    sentence sat a line low and the recording note below the headline's bottom, cut."""
    from PySide6.QtCore import QSettings

    from mailpath.gui.text import i18n
    from mailpath.gui.window.main_window import MainWindow
    from mailpath.paths import seed_example

    i18n.install("ja")
    try:
        win = MainWindow(QSettings(), "ja", deferred=True)
        win.screenshot_mode = True
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        # As `mailpath gui --replay` does after the first paint: built, then opened at once.
        win.ensure_built()
        with qtbot.waitSignal(win.analysisFinished, timeout=15000):
            assert win.files.open_analysis(str(seed_example()))
        qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
        headline = win.headline
        assert headline.note.isVisible() and headline.note.text()
        assert headline.note.geometry().bottom() < headline.widget.height()
        assert headline.text.geometry().top() == headline.icon.geometry().top()
        win.close()
    finally:
        i18n.install("en")


def test_the_message_panel_shows_rows_of_its_lists_at_the_minimum_size(
    qtbot: Any, window: Any
) -> None:
    """At 900x600 the Message panel's headline and summary took its height: the Hops and
    Authentication lists showed their headers and no row. Now the panel scrolls and each list
    keeps at least two rows in sight."""
    window.resize(1280, 800)
    window.ensure_built()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_example_message()
    window.message_dock.show()
    window.message_dock.raise_()
    window.resize(200, 150)
    qtbot.waitUntil(lambda: window.width() < 1000)
    qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
    panel = window.message.panel
    for tree in (panel.hops, panel.auth):
        rows = tree.viewport().height() / tree.sizeHintForRow(0)
        assert rows >= 2, (tree.objectName(), round(rows, 1), tree.viewport().height())
    # Details, SPF trace and Message read whole on their tabs ("Det…", "Messa…" before).
    from mailpath.gui.window.keyboard import dock_tab_bars

    for lang in ("en", "ja"):
        window.set_language(lang)
        qtbot.wait(10)  # the layout settles (not a wait for something not to happen)
        bars = [b for b in dock_tab_bars(window) if b.count() == 3]
        assert bars, lang
        for i in range(3):
            whole = bars[0].tabSizeHint(i).width()
            assert bars[0].tabRect(i).width() >= whole - 1, (lang, bars[0].tabText(i))
    window.set_language("en")
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() >= 1280)
    qtbot.wait(10)
    # With room, the panel does not scroll: the lists take the height, as before.
    assert panel.hops.viewport().height() >= 4 * panel.hops.sizeHintForRow(0)
