"""The docked panels: details of the selected node, the SPF trace tree, the findings list.

Everything that came from DNS is put into item texts (`QTreeWidgetItem.setText`) and labels
set to `Qt.PlainText`, which Qt never interprets as markup; tooltips, which Qt does
interpret, are escaped with `html.escape`.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui import markers
from mailpath.gui.i18n import tr


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


def escaped_tooltip(text: str) -> str:
    body = "<br>".join(html.escape(line) for line in text.splitlines())
    return f"<qt>{body}</qt>"


def _tree(columns: list[str], parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels(columns)
    tree.setUniformRowHeights(False)
    tree.setWordWrap(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def copy_tree_selection(tree: QTreeWidget) -> None:
    rows = []
    for item in tree.selectedItems():
        rows.append("\t".join(item.text(c) for c in range(tree.columnCount())))
    if rows:
        QGuiApplication.clipboard().setText("\n".join(rows))


class _CopyableTree(QTreeWidget):
    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            copy_tree_selection(self)
            return
        super().keyPressEvent(event)


# ---------------------------------------------------------------- details


class DetailsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label("", self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setObjectName("detailsTitle")
        self.tree = _CopyableTree(self)
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self.node_id: str | None = None
        self.attrs: dict[str, Any] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([tr("Details", "Field"), tr("Details", "Value")])
        self.tree.setAccessibleName(tr("Details", "Details of the selected node"))
        self.show_node(self.node_id, self.attrs)

    def show_node(self, node_id: str | None, attrs: dict[str, Any] | None) -> None:
        self.node_id, self.attrs = node_id, attrs
        self.tree.clear()
        if not node_id or attrs is None:
            self.title.setText(tr("Details", "Select a node of the route to see its details."))
            return
        label = str(attrs.get("label", node_id)).replace("\n", " — ")
        status = markers.normalize(attrs.get("status"))
        self.title.setText(
            tr("Details", "{label} ({status})").format(
                label=label, status=markers.status_name(status)
            )
        )
        head = QTreeWidgetItem([tr("Details", "node"), node_id])
        head.setIcon(1, markers.status_icon(status))
        self.tree.addTopLevelItem(head)
        if attrs.get("kind") == "mx":
            extra = [
                (tr("Details", "preference"), str(attrs.get("preference", ""))),
                (tr("Details", "role"), str(attrs.get("role", ""))),
                (
                    tr("Details", "marked down"),
                    tr("Details", "yes") if attrs.get("down") else tr("Details", "no"),
                ),
                (
                    tr("Details", "mail goes here now"),
                    tr("Details", "yes") if attrs.get("active") else tr("Details", "no"),
                ),
            ]
            for key, value in extra:
                self.tree.addTopLevelItem(QTreeWidgetItem([key, value]))
        details = attrs.get("details") or {}
        for key, value in details.items():
            if isinstance(value, list | tuple):
                item = QTreeWidgetItem(
                    [str(key), tr("Details", "{count} entries").format(count=len(value))]
                )
                for entry in value:
                    child = QTreeWidgetItem(["", str(entry)])
                    child.setToolTip(1, escaped_tooltip(str(entry)))
                    item.addChild(child)
                self.tree.addTopLevelItem(item)
                item.setExpanded(True)
            else:
                item = QTreeWidgetItem([str(key), str(value)])
                item.setToolTip(1, escaped_tooltip(str(value)))
                self.tree.addTopLevelItem(item)


# ---------------------------------------------------------------- SPF trace


class SpfTracePanel(QWidget):
    """Each term of the SPF evaluation, matched or not, with its DNS cost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox(self)
        self.choice_label = QLabel(self)
        self.choice_label.setBuddy(self.choice)
        self.summary = plain_label("", self)
        self.tree = _CopyableTree(self)
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.choice_label)
        top.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self.choice.currentIndexChanged.connect(self._show_current)
        self._entries: list[tuple[str, str, Any]] = []  # (key, label, outcome or audit)
        self.retranslate()

    def retranslate(self) -> None:
        self.choice_label.setText(tr("SpfPanel", "&Evaluated for:"))
        self.choice.setAccessibleName(tr("SpfPanel", "Sending address the SPF trace is for"))
        self.tree.setAccessibleName(tr("SpfPanel", "SPF trace"))
        self.tree.setHeaderLabels(
            [
                tr("SpfPanel", "Term"),
                tr("SpfPanel", "Result"),
                tr("SpfPanel", "Lookups"),
                tr("SpfPanel", "Void"),
                tr("SpfPanel", "DNS and notes"),
            ]
        )
        self._show_current()

    def set_result(self, result: Any) -> None:
        """Offer a trace per sending address, and the audit of the whole record."""
        previous = self.current_key()
        entries: list[tuple[str, str, Any]] = []
        for host in getattr(result, "sending_hosts", None) or ():
            for addr in host.addresses:
                if addr.spf is not None:
                    entries.append(
                        (
                            f"addr:{addr.address}",
                            tr("SpfPanel", "{address} (from {host})").format(
                                address=addr.address, host=host.host
                            ),
                            addr.spf,
                        )
                    )
        audit = getattr(result, "spf_audit", None)
        if audit is not None:
            entries.append(
                (
                    "audit",
                    tr("SpfPanel", "any other address (audit of {domain})").format(
                        domain=audit.domain
                    ),
                    audit,
                )
            )
        if [(k, id(v)) for k, _, v in entries] == [(k, id(v)) for k, _, v in self._entries]:
            return
        self._entries = entries
        self.choice.blockSignals(True)
        self.choice.clear()
        for _, label, _ in entries:
            self.choice.addItem(label)
        keys = [k for k, _, _ in entries]
        self.choice.setCurrentIndex(keys.index(previous) if previous in keys else 0)
        self.choice.blockSignals(False)
        self._show_current()

    def clear(self) -> None:
        self._entries = []
        self.choice.clear()
        self._show_current()

    def current_key(self) -> str | None:
        index = self.choice.currentIndex()
        return self._entries[index][0] if 0 <= index < len(self._entries) else None

    def show_key(self, key: str) -> None:
        keys = [k for k, _, _ in self._entries]
        if key in keys:
            self.choice.setCurrentIndex(keys.index(key))

    def _show_current(self) -> None:
        self.tree.clear()
        index = self.choice.currentIndex()
        if not 0 <= index < len(self._entries):
            self.summary.setText(tr("SpfPanel", "No SPF evaluation yet."))
            return
        _, _, item = self._entries[index]
        trace = getattr(item, "trace", None) or getattr(item, "tree", None)
        result = getattr(item, "result", None) or getattr(trace, "result", None)
        lookups = getattr(item, "lookups", 0)
        void = getattr(item, "void_lookups", 0)
        text = tr("SpfPanel", "Result: {result} · DNS lookups {lookups}/10 · void lookups {void}/2")
        summary = text.format(result=_value(result), lookups=lookups, void=void)
        error = getattr(trace, "error", None)
        if error:
            summary += "\n" + tr("SpfPanel", "Error: {error}").format(error=error)
        over = getattr(item, "over_limit", ())
        if over:
            summary += "\n" + tr("SpfPanel", "Over the limit at: {path}").format(
                path=" > ".join(over)
            )
        self.summary.setText(summary)
        if trace is not None:
            self._add_trace(None, trace)
        self.tree.expandAll()
        for column in range(4):
            self.tree.resizeColumnToContents(column)

    def _add_trace(self, parent: QTreeWidgetItem | None, trace: Any) -> None:
        record = trace.record if trace.record is not None else tr("SpfPanel", "(no SPF record)")
        head = QTreeWidgetItem(
            [
                trace.domain,
                _value(trace.result),
                str(trace.lookups),
                str(trace.void_lookups),
                record,
            ]
        )
        head.setIcon(1, markers.status_icon(_spf_status(_value(trace.result))))
        head.setToolTip(4, escaped_tooltip(record))
        if parent is None:
            self.tree.addTopLevelItem(head)
        else:
            parent.addChild(head)
        if trace.record is None:
            for query in trace.record_queries:
                head.addChild(_query_item(query))
        for term in trace.terms:
            head.addChild(self._term_item(term))
        if trace.error:
            err = QTreeWidgetItem([tr("SpfPanel", "error"), "", "", "", trace.error])
            err.setIcon(1, markers.status_icon("error"))
            head.addChild(err)

    def _term_item(self, term: Any) -> QTreeWidgetItem:
        if term.error is not None and term.matched is None:
            state, status = tr("SpfPanel", "error"), "error"
        elif term.matched is None:
            state, status = tr("SpfPanel", "not reached"), "unknown"
        elif term.matched:
            state = tr("SpfPanel", "match")
            status = _spf_status(
                {"+": "pass", "-": "fail", "~": "softfail", "?": "neutral"}.get(
                    term.qualifier or "+", "pass"
                )
            )
            if term.kind == "modifier":
                status = "neutral"
        else:
            state, status = tr("SpfPanel", "no match"), "none"
        if term.decisive:
            state = tr("SpfPanel", "{state} — decided the result").format(state=state)
        note = term.target if term.target and term.target not in term.text else ""
        if term.error:
            note = (note + " " if note else "") + term.error
        item = QTreeWidgetItem([term.text, state, str(term.lookups), str(term.void_lookups), note])
        item.setIcon(1, markers.status_icon(status))
        item.setToolTip(0, escaped_tooltip(term.text))
        if term.decisive:
            for column in range(5):
                font = item.font(column)
                font.setBold(True)
                item.setFont(column, font)
        for query in term.queries:
            item.addChild(_query_item(query))
        if term.child is not None:
            self._add_trace(item, term.child)
        return item


def _value(x: Any) -> str:
    return str(getattr(x, "value", x)) if x is not None else "…"


def _spf_status(result: str) -> str:
    return {"permerror": "error", "temperror": "error"}.get(result, result)


def _query_item(query: Any) -> QTreeWidgetItem:
    records = "; ".join(query.records)
    text = f"{query.name} {query.rdtype}: {query.outcome}"
    if records:
        text += f" → {records}"
    if query.detail:
        text += f" ({query.detail})"
    item = QTreeWidgetItem([tr("SpfPanel", "DNS query"), "", "", "", text])
    item.setToolTip(4, escaped_tooltip(text))
    outcome = query.outcome
    item.setIcon(
        1,
        markers.status_icon(
            "pass"
            if outcome == "ok"
            else ("none" if outcome in ("nxdomain", "nodata") else "error")
        ),
    )
    return item


# ---------------------------------------------------------------- findings


class FindingsPanel(QWidget):
    subjectActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = _CopyableTree(self)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.copy_button = QPushButton(self)
        self.copy_button.setEnabled(False)
        self.fix_label = plain_label("", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_label, 1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        self.copy_button.clicked.connect(self.copy_fix)
        self._findings: tuple[Any, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([tr("Findings", "Severity"), tr("Findings", "Finding")])
        self.tree.setAccessibleName(tr("Findings", "Findings"))
        self.copy_button.setText(tr("Findings", "&Copy fix"))
        self.copy_button.setAccessibleName(tr("Findings", "Copy the fix of the selected finding"))
        findings, self._findings = self._findings, ()
        self.set_findings(findings)

    def set_findings(self, findings: tuple[Any, ...]) -> None:
        if findings == self._findings:
            return
        self._findings = tuple(findings)
        self.tree.clear()
        names = {
            "error": tr("Findings", "error"),
            "warning": tr("Findings", "warning"),
            "info": tr("Findings", "info"),
        }
        for finding in self._findings:
            severity = _value(finding.severity)
            item = QTreeWidgetItem([names.get(severity, severity), finding.message])
            item.setIcon(0, markers.severity_icon(severity))
            tip = finding.message + (("\n\n" + finding.fix) if finding.fix else "")
            item.setToolTip(1, escaped_tooltip(tip))
            item.setData(0, Qt.ItemDataRole.UserRole, finding)
            self.tree.addTopLevelItem(item)
        self._current_changed(self.tree.currentItem(), None)

    def current_finding(self) -> Any:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        finding = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        fix = getattr(finding, "fix", None)
        self.copy_button.setEnabled(bool(fix))
        self.fix_label.setText(tr("Findings", "Fix: {fix}").format(fix=fix) if fix else "")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        subject = getattr(finding, "subject", None)
        if subject:
            self.subjectActivated.emit(subject)

    def copy_fix(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.fix:
            QGuiApplication.clipboard().setText(finding.fix)
