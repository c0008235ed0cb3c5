"""The Requirements panel: the recognised (or chosen) receiver's published rules, row by row
(`core.judgement.requirements`), with filters for the rules every sender must meet and those
for bulk senders. Its dock is `receivers.ReceiversPart`'s, which builds this panel when the
dock is first shown. Text from DNS or a message (evidence names records and hosts) is shown
as plain table text, never as rich text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.judgement.requirements import Requirement
    from mailpath.core.model import Result

CONTEXT = "RequirementsPanel"
COLUMNS = ("receiver", "audience", "rule", "status", "evidence", "fix")
_STATUS_COLOURS = {"met": "#1a7f37", "not-met": "#d1242f", "unknown": "#6e7781"}


class RequirementsPanel(QWidget):
    """The table and its two audience filters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[Requirement, ...] = ()
        self.language = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.all_check = QCheckBox(self)
        self.all_check.setObjectName("requirementsAllSenders")
        self.bulk_check = QCheckBox(self)
        self.bulk_check.setObjectName("requirementsBulk")
        for check in (self.all_check, self.bulk_check):
            check.setChecked(True)
            check.toggled.connect(self._apply_filter)
            filters.addWidget(check)
        self.source_label = QLabel(self)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        filters.addStretch(1)
        filters.addWidget(self.source_label)
        layout.addLayout(filters)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("requirementsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Short words fit their column; the rule, evidence and fix share the rest and wrap,
        # and each row is as tall as its longest cell at the widths the table has now.
        for column in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.Stretch
            if COLUMNS[column] in ("receiver", "audience", "status"):
                mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.retranslate()

    # ------------------------------------------------------------ contents

    def set_result(self, result: Result | None) -> None:
        """The rows of the result's receiver (none before the analysis is complete)."""
        rows: tuple[Requirement, ...] = ()
        if result is not None and result.complete:
            from mailpath.core.judgement.requirements import evaluate

            rows = evaluate(result)
        self.rows = rows
        self._fill()

    def visible_rows(self) -> list[tuple[str, ...]]:
        """The cells of the rows shown, as the table shows them."""
        out = []
        for row in range(self.table.rowCount()):
            if self.table.isRowHidden(row):
                continue
            cells = []
            for column in range(len(COLUMNS)):
                item = self.table.item(row, column)
                cells.append(item.text() if item is not None else "")
            out.append(tuple(cells))
        return out

    def _fill(self) -> None:
        from mailpath.gui.text.requirements import requirement_texts

        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            text, evidence, fix = requirement_texts(row, self.language)
            cells = (
                row.receiver,
                self._audience(row.audience),
                text,
                self._status(row.status),
                evidence,
                fix or "",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, (row.audience, row.rule, row.status))
                if column == 2:
                    item.setToolTip(f"{row.rule}\n{row.source} ({row.date})")
                elif column in (4, 5) and value:
                    item.setToolTip(value)
                if column == 3:
                    item.setForeground(QBrush(QColor(_STATUS_COLOURS.get(row.status, "#6e7781"))))
                self.table.setItem(index, column, item)
        sources = list(dict.fromkeys(r.source for r in self.rows if r.source))
        self.source_label.setText("  ".join(sources))
        self._apply_filter()

    def _apply_filter(self) -> None:
        shown = {"all": self.all_check.isChecked(), "bulk": self.bulk_check.isChecked()}
        for index, row in enumerate(self.rows):
            self.table.setRowHidden(index, not shown.get(row.audience, True))

    def _audience(self, audience: str) -> str:
        if audience == "bulk":
            return tr(CONTEXT, "bulk senders")
        return tr(CONTEXT, "all senders")

    def _status(self, status: str) -> str:
        return {
            "met": tr(CONTEXT, "met"),
            "not-met": tr(CONTEXT, "not met"),
            "unknown": tr(CONTEXT, "unknown"),
        }.get(status, status)

    def retranslate(self, language: str = "") -> None:
        self.language = language
        self.all_check.setText(tr(CONTEXT, "Rules for all senders"))
        self.bulk_check.setText(tr(CONTEXT, "Rules for bulk senders"))
        self.table.setHorizontalHeaderLabels(
            [
                tr(CONTEXT, "Receiver"),
                tr(CONTEXT, "Audience"),
                tr(CONTEXT, "Rule"),
                tr(CONTEXT, "Status"),
                tr(CONTEXT, "Evidence"),
                tr(CONTEXT, "Fix"),
            ]
        )
        self._fill()
