"""The Findings dock: each finding's cause, consequence and fix, the fix ready to copy."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.graph import markers
from mailpath.gui.panels.widgets import CopyableTree, escaped_tooltip, plain_label, value_text
from mailpath.gui.text.i18n import escape_html, tr

if TYPE_CHECKING:
    # QStyle's Python enums take ~10 ms to create: only the findings' delegate needs them,
    # and only once there are findings to draw (not for the window's first frames).
    # Nor does the window need QTextDocument (and its enums) before there is a finding.
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QStyleOptionViewItem

    from mailpath.core.model import Finding

    #: A model index as item delegates receive it.
    Index = QModelIndex | QPersistentModelIndex


#: Item data of the findings' text column: (message, fix, verified), in the UI language.
TEXTS_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: Item data of the findings' text column: what the mail becomes with the fix, in the UI
#: language ("" when the receiver model could not apply the fix).
OUTCOME_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class FindingDelegate(QStyledItemDelegate):
    """The finding's message, then its fix (the record in a fixed-width font), then what
    checking the fix gave; wrapped to the column width. DNS text is escaped: the HTML built
    here carries only our own markup."""

    PAD = 4

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def _document(self, option: QStyleOptionViewItem, index: Index, width: float) -> QTextDocument:
        from PySide6.QtWidgets import QStyle

        message, fix, verified = index.data(TEXTS_ROLE) or ("", None, "")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = (
            QColor(text_color) if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        )
        parts = [f"<div>{escape_html(message)}</div>"]
        if fix:
            body = escape_html(fix)
            finding: Finding | None = index.sibling(index.row(), 0).data(Qt.ItemDataRole.UserRole)
            record = (
                (finding.record or finding.params.get("record")) if finding is not None else None
            )
            if record and escape_html(record) in body:
                escaped = escape_html(record)
                body = body.replace(
                    escaped, f'<span style="font-family: monospace">{escaped}</span>'
                )
            label = escape_html(tr("Findings", "Fix:"))
            parts.append(f'<div style="margin-top: 2px"><b>{label}</b> {body}</div>')
        if verified:
            parts.append(
                f'<div style="color: {muted.name()}">&#10003; {escape_html(verified)}</div>'
            )
        outcome = index.data(OUTCOME_ROLE)
        if outcome:
            parts.append(f'<div style="color: {muted.name()}">{escape_html(outcome)}</div>')
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(f"div {{ color: {text_color.name()}; }}")
        doc.setHtml("".join(parts))
        doc.setTextWidth(max(40.0, width))
        return doc

    def _text_width(self, index: Index) -> float:
        return float(self.tree.header().sectionSize(index.column())) - 2 * self.PAD - 2

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.data(TEXTS_ROLE) is None:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(option, index, option.rect.width() - 2 * self.PAD)
        painter.save()
        painter.translate(option.rect.left() + self.PAD, option.rect.top() + self.PAD)
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(TEXTS_ROLE) is None:
            return super().sizeHint(option, index)
        width = self._text_width(index)
        doc = self._document(option, index, width)
        return QSize(int(width), int(doc.size().height()) + 2 * self.PAD)


class FindingsPanel(QWidget):
    subjectActivated = Signal(str)
    #: The text "Copy fix" put on the clipboard.
    copied = Signal(str)
    #: "What does this mean?": the glossary term (key) that explains the selected finding.
    explainRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = CopyableTree(self)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.delegate = FindingDelegate(self.tree)
        self.tree.setItemDelegateForColumn(1, self.delegate)
        # Rows are as tall as their wrapped text: lay them out again when the column resizes.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        self.tree.header().sectionResized.connect(lambda *_: self._relayout.start())
        # "Copy fix" copies the record's value (or the fix in words); its menu has what a
        # DNS provider's panel asks for, each on its own: name, type, value, and the record.
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copyFixButton")
        self.copy_button.setEnabled(False)
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.copy_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.copy_menu = QMenu(self.copy_button)
        self.act_copy_record = self.copy_menu.addAction("")
        self.act_copy_name = self.copy_menu.addAction("")
        self.act_copy_type = self.copy_menu.addAction("")
        self.act_copy_value = self.copy_menu.addAction("")
        self.act_copy_record.triggered.connect(lambda: self.copy_part("record"))
        self.act_copy_name.triggered.connect(lambda: self.copy_part("name"))
        self.act_copy_type.triggered.connect(lambda: self.copy_part("type"))
        self.act_copy_value.triggered.connect(lambda: self.copy_part("value"))
        self.copy_button.setMenu(self.copy_menu)
        self.explain_button = QPushButton(self)
        self.explain_button.setObjectName("explainButton")
        self.explain_button.setEnabled(False)
        self.explain_button.clicked.connect(self.explain_current)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.hint_label = plain_label("", self)
        self.hint_label.setObjectName("findingsHint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.explain_button)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        self.copy_button.clicked.connect(self.copy_fix)
        self._findings: tuple[Finding, ...] = ()
        self.retranslate()

    #: Findings the dock opens with room for, of two lines each (cause and consequence, fix)
    #: and two more for the first (what checking its fix gave, what the fix makes of the
    #: mail): a person sees more than the first two at once, and the graph keeps its room.
    SHOWN_FINDINGS = 3

    def sizeHint(self) -> QSize:
        """Room for `SHOWN_FINDINGS` findings above the buttons (the window opens the dock
        at this height)."""
        hint = super().sizeHint()
        from mailpath.gui.panels.wrapping import line_height

        # A line as tall as the UI language's writing makes it (the header is in it).
        sample = f"Ag {self.tree.headerItem().text(1)}"
        line = max(self.fontMetrics().lineSpacing(), math.ceil(line_height(self.font(), sample)))
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 6
        height = (
            self.tree.header().sizeHint().height()
            + self.SHOWN_FINDINGS * (2 * line + 2 * FindingDelegate.PAD + 2)
            + 2 * line
            + 2 * self.tree.frameWidth()
            + spacing
            + max(self.copy_button.sizeHint().height(), self.explain_button.sizeHint().height())
            + 12  # the panel's margins
        )
        return QSize(hint.width(), height)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([tr("Findings", "Severity"), tr("Findings", "Finding and fix")])
        self.tree.setAccessibleName(tr("Findings", "Findings"))
        self.copy_button.setText(tr("Findings", "&Copy fix"))
        self.copy_button.setAccessibleName(tr("Findings", "Copy the fix of the selected finding"))
        self.act_copy_record.setText(tr("Findings", "Copy Record (name, type and value)"))
        self.act_copy_name.setText(tr("Findings", "Copy Name"))
        self.act_copy_type.setText(tr("Findings", "Copy Type"))
        self.act_copy_value.setText(tr("Findings", "Copy Value"))
        self.explain_button.setText(tr("Findings", "What does this &mean?"))
        self.explain_button.setToolTip(
            tr("Findings", "Explains the selected finding in the glossary (Help → Glossary)")
        )
        findings, self._findings = self._findings, ()
        self.set_findings(findings)

    def set_findings(self, findings: tuple[Finding, ...]) -> None:
        from mailpath.gui.text import findings as finding_text

        if findings == self._findings:
            return
        current = self.current_finding()
        self._findings = tuple(findings)
        self.tree.clear()
        names = {
            "error": tr("Findings", "error"),
            "warning": tr("Findings", "warning"),
            "info": tr("Findings", "info"),
        }
        restore = None
        for finding in self._findings:
            severity = value_text(finding.severity)
            message, fix = finding_text.texts(finding)
            verified = finding_text.verified_text(finding)
            outcome = finding_text.outcome_text(finding)
            item = QTreeWidgetItem([names.get(severity, severity), message])
            item.setIcon(0, markers.severity_icon(severity))
            item.setData(1, TEXTS_ROLE, (message, fix, verified))
            item.setData(1, OUTCOME_ROLE, outcome)
            lines = [message]
            if fix:
                lines += ["", tr("Findings", "Fix: {fix}").format(fix=fix)]
            if verified:
                lines.append(verified)
            if outcome:
                lines.append(outcome)
            item.setToolTip(1, escaped_tooltip("\n".join(lines)))
            item.setData(0, Qt.ItemDataRole.UserRole, finding)
            self.tree.addTopLevelItem(item)
            if current is not None and finding == current:
                restore = item
        if restore is not None:
            self.tree.setCurrentItem(restore)
        elif (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self._current_changed(self.tree.currentItem(), None)
        if self._findings:
            self.hint_label.setText(
                tr("Findings", "Click a finding to show its place in the route.")
            )
        else:
            self.hint_label.setText(tr("Findings", "No findings yet."))

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        finding: Finding | None = (
            item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        )
        return finding

    def _current_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        from mailpath.gui.text import findings as finding_text

        finding: Finding | None = (
            current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        )
        text = finding_text.copy_text(finding) if finding is not None else ""
        self.copy_button.setEnabled(bool(text))
        record = finding_text.publish_record(finding) if finding is not None else None
        tip = tr("Findings", "Copies: {text}").format(text=text) if text else ""
        if record is not None:
            name, rdtype, _value = record
            tip += "\n" + tr("Findings", "Name: {name} · Type: {type} (arrow: copy each)").format(
                name=name, type=rdtype
            )
        self.copy_button.setToolTip(escaped_tooltip(tip) if tip else "")
        for action in (
            self.act_copy_record,
            self.act_copy_name,
            self.act_copy_type,
            self.act_copy_value,
        ):
            action.setEnabled(record is not None)
        self.explain_button.setEnabled(self.term_for(finding) is not None)

    @staticmethod
    def term_for(finding: Finding | None) -> str | None:
        """The glossary term that explains `finding`, if there is one."""
        from mailpath.gui.text import glossary

        if finding is None:
            return None
        template = finding.template
        code = finding.code
        term = glossary.term_for_finding(template) if template else None
        if term is None and code:
            term = glossary.term_for_finding(code)
        return term

    def explain_current(self) -> None:
        term = self.term_for(self.current_finding())
        if term is not None:
            self.explainRequested.emit(term)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self.tree)
        explain = menu.addAction(tr("Findings", "What does this mean?"))
        explain.setEnabled(self.explain_button.isEnabled())
        explain.triggered.connect(self.explain_current)
        menu.addSeparator()
        copy_fix = menu.addAction(tr("Findings", "Copy fix"))
        copy_fix.setEnabled(self.copy_button.isEnabled())
        copy_fix.triggered.connect(self.copy_fix)
        for action in self.copy_menu.actions():
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def copy_part(self, part: str) -> None:
        """Copy the name, type or value of the record the fix asks for, or the whole record
        as a zone-file line."""
        from mailpath.gui.text import findings as finding_text

        finding = self.current_finding()
        record = finding_text.publish_record(finding) if finding is not None else None
        if record is None:
            return
        name, rdtype, value = record
        text = {
            "name": name,
            "type": rdtype,
            "value": value,
            "record": finding_text.zone_line(name, rdtype, value),
        }[part]
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        subject = getattr(finding, "subject", None)
        if subject:
            self.subjectActivated.emit(subject)

    def copy_fix(self) -> None:
        """The record to publish when the fix is one, otherwise the fix in words."""
        from mailpath.gui.text import findings as finding_text

        finding = self.current_finding()
        if finding is None:
            return
        text = finding_text.copy_text(finding)
        if text:
            QGuiApplication.clipboard().setText(text)
            self.copied.emit(text)
