"""What every docked panel uses: plain-text labels, escaped tooltips, trees that copy.

Everything that came from DNS or a message is put into item texts (`QTreeWidgetItem.setText`)
and labels set to `Qt.PlainText`, which Qt never interprets as markup; tooltips, which Qt does
interpret, are escaped with `escape_html` (as `html.escape`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidget, QWidget

from mailpath.gui.text.i18n import escape_html

if TYPE_CHECKING:
    from mailpath.core.auth.spf import SpfResult
    from mailpath.core.dns.sources import Outcome
    from mailpath.core.model import Severity


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setText(text)
    return label


def wrap_viewport(area: QWidget) -> None:
    """Give Qt's viewport of a scroll area its Python wrapper the cheap way (by name).

    The first `viewport()` call on a viewport Python does not know yet has PySide6 look
    through QWidget's subclasses for its type, creating ~45 enums of dialogs and views that
    mailpath never uses (~10 ms at start); found by name, it is known as a QWidget."""
    area.findChild(QWidget, "qt_scrollarea_viewport")


def escaped_tooltip(text: str) -> str:
    body = "<br>".join(escape_html(line) for line in text.splitlines())
    return f"<qt>{body}</qt>"


def copy_tree_selection(tree: QTreeWidget) -> None:
    rows = []
    for item in tree.selectedItems():
        rows.append("\t".join(item.text(c) for c in range(tree.columnCount())))
    if rows:
        QGuiApplication.clipboard().setText("\n".join(rows))


class CopyableTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wrap_viewport(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            copy_tree_selection(self)
            return
        super().keyPressEvent(event)


def value_text(x: SpfResult | Severity | Outcome | None) -> str:
    """A closed set's value as shown in a column ("…" while there is none yet)."""
    return str(getattr(x, "value", x)) if x is not None else "…"


def replace_stand_in(dock: QDockWidget, widget: QWidget) -> None:
    """`widget` in `dock` in place of the plain stand-in it held until its panel was built
    (a panel built when its dock is first shown: message, requirements, authoritative
    servers, re-check)."""
    stand_in = dock.widget()
    dock.setWidget(widget)
    if stand_in is not None:
        stand_in.deleteLater()
