"""The Requirements dock: the recognised (or chosen) receiver's published rules, row by row
(`core.judgement.requirements`), with filters for the rules every sender must meet and those
for bulk senders; and the Analysis menu's blocklist setting (off by default: a blocklist query
tells the list's operator which address is being checked).

`ReceiversPart(window, settings, session, beside, inputs)` builds the dock, tabbed with
`beside`, and the sender's logo in `inputs` (`sender_logo`), both redrawn when the window's
session's result changes; the window calls `retranslate` and `add_to_menus`. Text from DNS or
a message (evidence names records and hosts) is shown as plain table text, never as rich text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.panels.sender_logo import InputFields, SenderLogo
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.judgement.requirements import Requirement
    from mailpath.core.model import Result
    from mailpath.gui.window.session import WindowSession

CONTEXT = "RequirementsPanel"
#: The setting that turns the DNS blocklist questions on (false when absent).
BLOCKLIST_SETTING = "analysis/blocklists"
COLUMNS = ("receiver", "audience", "rule", "status", "evidence", "fix")
_STATUS_COLOURS = {"met": "#1a7f37", "not-met": "#d1242f", "unknown": "#6e7781"}


def blocklists_enabled(settings: QSettings) -> bool:
    return settings.value(BLOCKLIST_SETTING, False) in (True, "true")


def blocklist_zones(settings: QSettings) -> tuple[str, ...]:
    """The zones a request asks when the setting is on (the CLI's `--blocklists` set)."""
    if not blocklists_enabled(settings):
        return ()
    from mailpath.core.dns.blocklist import DEFAULT_LISTS

    return tuple(DEFAULT_LISTS)


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


class ReceiversPart:
    """The Requirements dock and the blocklist setting, as the window holds them."""

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        session: WindowSession,
        beside: QDockWidget,
        inputs: InputFields,
    ) -> None:
        self.settings = settings
        self.session = session
        #: The sender's BIMI logo beside the Sender field (what a receiver shows in its inbox).
        self.sender_logo = SenderLogo(session, inputs)
        self.panel = RequirementsPanel(window)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("requirementsDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)
        self.dock.show()
        beside.raise_()
        self.act_blocklists = QAction(window)
        self.act_blocklists.setObjectName("blocklistsAction")
        self.act_blocklists.setCheckable(True)
        self.act_blocklists.setChecked(blocklists_enabled(settings))
        self.act_blocklists.toggled.connect(self._blocklists_toggled)
        window.addAction(self.act_blocklists)
        session.resultChanged.connect(lambda: self.show_result(session.result))

    def _blocklists_toggled(self, checked: bool) -> None:
        self.settings.setValue(BLOCKLIST_SETTING, checked)

    def add_to_menus(self, analysis: QMenu, panels: QMenu) -> None:
        analysis.addSeparator()
        analysis.addAction(self.act_blocklists)
        panels.addAction(self.dock.toggleViewAction())

    def show_result(self, result: Result | None) -> None:
        self.panel.set_result(result)

    def retranslate(self) -> None:
        from mailpath.gui.text.i18n import current_language

        language = current_language()
        self.dock.setWindowTitle(tr(CONTEXT, "Requirements"))
        self.act_blocklists.setText(tr(CONTEXT, "Check DNS &Blocklists"))
        self.act_blocklists.setToolTip(
            tr(
                CONTEXT,
                "Also ask the DNS blocklists (Spamhaus, SpamCop, Barracuda) about the sending "
                "addresses and names. Off by default: each question tells the list's operator "
                "which address you are checking.",
            )
        )
        self.panel.retranslate(language)
        self.sender_logo.retranslate()
