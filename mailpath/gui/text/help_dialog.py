"""Help → Glossary: a searchable list of the terms a user meets, with their explanations.

The terms come from `glossary.terms()` in the UI language. Explanations are shown as plain
text only (a QPlainTextEdit and plain-text labels), so nothing in the data is ever read as
HTML. Keyboard: the filter box has the focus; typing filters (by key, title and RFC, or by the
explanations when no title matches), Up/Down/PageUp/PageDown move
through the list from the filter box, typing while the list has the focus goes to the filter,
Esc closes.

The main window opens it with `dialog.show_term(glossary.term_for_finding(code))` from a
finding, or plainly from the Help menu.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.text import glossary
from mailpath.gui.text.i18n import tr

_KEY_ROLE = Qt.ItemDataRole.UserRole
_NAVIGATION = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


def _plain_tooltip(text: str) -> str:
    """A tooltip showing `text` literally (Qt would read a tooltip that looks like HTML)."""
    body = "<br>".join(html.escape(line) for line in text.splitlines())
    return f"<qt>{body}</qt>"


class GlossaryDialog(QDialog):
    """The glossary. `show_term(key)` selects a term; `retranslate()` after a language change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.setSizeGripEnabled(True)
        self._terms: dict[str, glossary.Term] = {}

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("glossaryFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.installEventFilter(self)

        self.term_list = QListWidget(self)
        self.term_list.setObjectName("glossaryList")
        self.term_list.currentItemChanged.connect(self._show_current)
        self.term_list.installEventFilter(self)
        # Long (Japanese) titles are elided, never scrolled sideways; the tooltip has them.
        self.term_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.term_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("glossaryTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)

        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("glossaryText")
        self.text_view.setReadOnly(True)
        self.text_view.setTabChangesFocus(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.text_view, 1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.term_list, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([340, 560])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.resize(900, 560)
        self.retranslate()
        self.filter_edit.setFocus()

    # ------------------------------------------------------------------ public

    def show_term(self, key: str | None) -> bool:
        """Select the term `key` (clearing the filter if it hides it); False if unknown."""
        if not key or key not in self._terms:
            return False
        item = self._item(key)
        if item is None or item.isHidden():
            self.filter_edit.clear()
            item = self._item(key)
        if item is None:
            return False
        self.term_list.setCurrentItem(item)
        self.term_list.scrollToItem(item)
        return True

    def current_key(self) -> str | None:
        item = self.term_list.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(_KEY_ROLE))

    def visible_keys(self) -> list[str]:
        return [
            str(self.term_list.item(row).data(_KEY_ROLE))
            for row in range(self.term_list.count())
            if not self.term_list.item(row).isHidden()
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(tr("GlossaryDialog", "Glossary"))
        self.filter_edit.setPlaceholderText(tr("GlossaryDialog", "Type to filter the terms"))
        self.filter_edit.setAccessibleName(tr("GlossaryDialog", "Filter"))
        self.term_list.setAccessibleName(tr("GlossaryDialog", "Terms"))
        self.text_view.setAccessibleName(tr("GlossaryDialog", "Explanation"))
        keep = self.current_key()
        self._terms = {term.key: term for term in glossary.terms()}
        self.term_list.blockSignals(True)
        self.term_list.clear()
        for term in self._terms.values():
            item = QListWidgetItem(term.title, self.term_list)
            item.setData(_KEY_ROLE, term.key)
            item.setToolTip(_plain_tooltip(f"{term.title}\n{term.rfc}"))
        self.term_list.blockSignals(False)
        self._apply_filter(self.filter_edit.text())
        if keep is not None:
            self.show_term(keep)

    # ------------------------------------------------------------------ internals

    def _item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.term_list.count()):
            item = self.term_list.item(row)
            if item.data(_KEY_ROLE) == key:
                return item
        return None

    def _matches(self, term: glossary.Term, needle: str, in_text: bool) -> bool:
        fields = [term.key, term.title, term.rfc]
        if in_text:
            fields += [term.text, term.advice or ""]
        haystack = " ".join(fields).casefold()
        return all(word in haystack for word in needle.casefold().split())

    def _apply_filter(self, text: str) -> None:
        """Terms whose key, title or RFC match every word; if none, those whose text does."""
        needle = text.strip()
        items = [self.term_list.item(row) for row in range(self.term_list.count())]
        terms = [self._terms[str(item.data(_KEY_ROLE))] for item in items]
        shown = [self._matches(term, needle, in_text=False) for term in terms]
        if not any(shown):
            shown = [self._matches(term, needle, in_text=True) for term in terms]
        first: QListWidgetItem | None = None
        for item, visible in zip(items, shown, strict=True):
            item.setHidden(not visible)
            if visible and first is None:
                first = item
        current = self.term_list.currentItem()
        if current is None or current.isHidden():
            if first is not None:
                self.term_list.setCurrentItem(first)
            else:
                self.term_list.setCurrentRow(-1)
                self._show_current(None)
        else:
            self._show_current(current)

    def _show_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None or item.isHidden():
            needle = self.filter_edit.text().strip()
            self.title_label.setText("")
            self.text_view.setPlainText(
                tr("GlossaryDialog", "No term matches “{text}”.").format(text=needle)
                if needle
                else ""
            )
            return
        term = self._terms[str(item.data(_KEY_ROLE))]
        self.title_label.setText(term.title)
        self.text_view.setPlainText(term.plain_text(with_title=False))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.filter_edit and event.key() in _NAVIGATION:
                # Up/Down in the filter box move through the list.
                self.term_list.setFocus()
                self.term_list.keyPressEvent(event)
                self.filter_edit.setFocus()
                return True
            if (
                watched is self.term_list
                and event.text()
                and event.text().isprintable()
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                # Typing in the list goes on in the filter box.
                self.filter_edit.setFocus()
                self.filter_edit.insert(event.text())
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
