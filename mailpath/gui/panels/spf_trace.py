"""The SPF trace dock: each term of the SPF evaluation, matched or not, with its DNS cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.graph import markers
from mailpath.gui.panels.widgets import CopyableTree, escaped_tooltip, plain_label, value_text
from mailpath.gui.panels.wrapping import wrap_columns
from mailpath.gui.text.i18n import tr
from mailpath.gui.text.sentences import sentence_text

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from mailpath.core.auth.spf import (
        SpfAudit,
        SpfOutcome,
        SpfTrace,
        TermTrace,
    )
    from mailpath.core.model import LookupStatus, Result


class SpfTracePanel(QWidget):
    """Each term of the SPF evaluation, matched or not, with its DNS cost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox(self)
        self.choice_label = QLabel(self)
        self.choice_label.setBuddy(self.choice)
        self.summary = plain_label("", self)
        self.tree = CopyableTree(self)
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setStretchLastSection(True)
        # Terms, results and records wrap in a narrow dock rather than be cut.
        wrap_columns(self.tree, (0, 1, 4))
        # The long "203.0.113.74 (from www274.sakura.ne.jp)" entries must not make the panel,
        # and the dock holding it, wider: they are elided to the width the dock has.
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choice.setMinimumContentsLength(6)
        top = QHBoxLayout()
        top.addWidget(self.choice_label)
        top.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self.choice.currentIndexChanged.connect(self._show_current)
        self._entries: list[tuple[str, str, SpfOutcome | SpfAudit]] = []  # (key, label, trace)
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

    def set_result(self, result: Result) -> None:
        """Offer a trace per sending address, and the audit of the whole record."""
        previous = self.current_key()
        entries: list[tuple[str, str, SpfOutcome | SpfAudit]] = []
        for host in result.sending_hosts or ():
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
        audit = result.spf_audit
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
        if hasattr(item, "over_limit"):  # the audit walks every branch, past where RFC 7208 stops
            text = tr(
                "SpfPanel",
                "Result: {result} · the whole record, every branch: {lookups} DNS lookups "
                "(evaluation stops after 10) · {void} void lookups (evaluation stops after 2)",
            )
        summary = text.format(result=value_text(result), lookups=lookups, void=void)
        error = getattr(trace, "error", None)
        if error:
            summary += "\n" + tr("SpfPanel", "Error: {error}").format(error=sentence_text(error))
        over = getattr(item, "over_limit", ())
        if over:
            summary += "\n" + tr("SpfPanel", "Over the limit at: {path}").format(
                path=" > ".join(over)
            )
        self.summary.setText(summary)
        if trace is not None:
            self._add_trace(None, trace)
        self.tree.expandAll()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Lookups and Void as wide as their contents; Term and Result no wider than theirs,
        and at most a share of the panel each, so that all five columns stay in a narrow
        dock (their text wraps there). The notes column stretches over the rest."""
        tree = self.tree
        width = tree.viewport().width()
        for column in range(4):
            tree.resizeColumnToContents(column)
        # The stretched last column keeps its own width as its least: make that small, so
        # that it shrinks to what the others leave rather than push itself out of sight.
        tree.setColumnWidth(4, 60)
        tree.setColumnWidth(1, min(tree.columnWidth(1), max(int(width * 0.22), 60)))
        # Term and notes (the record, the DNS answers) share what is left: the term no wider
        # than itself, a long one 30 % of the panel at least (it wraps rather than squeeze
        # the record out).
        share = -(-tree.width() * 3 // 10)  # of the whole tree: a scroll bar may come and go
        room = width - share - sum(tree.columnWidth(c) for c in range(1, 4))
        tree.setColumnWidth(0, max(60, min(tree.columnWidth(0), max(share, room))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _add_trace(self, parent: QTreeWidgetItem | None, trace: SpfTrace) -> None:
        record = trace.record if trace.record is not None else tr("SpfPanel", "(no SPF record)")
        head = QTreeWidgetItem(
            [
                trace.domain,
                value_text(trace.result),
                str(trace.lookups),
                str(trace.void_lookups),
                record,
            ]
        )
        head.setIcon(1, markers.status_icon(_spf_status(value_text(trace.result))))
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
            err = QTreeWidgetItem([tr("SpfPanel", "error"), "", "", "", sentence_text(trace.error)])
            err.setIcon(1, markers.status_icon("error"))
            head.addChild(err)

    def _term_item(self, term: TermTrace) -> QTreeWidgetItem:
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
            note = (note + " " if note else "") + sentence_text(term.error)
        item = QTreeWidgetItem([term.text, state, str(term.lookups), str(term.void_lookups), note])
        item.setIcon(1, markers.status_icon(status))
        item.setToolTip(0, escaped_tooltip(term.text))
        item.setToolTip(1, escaped_tooltip(state))
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


def _spf_status(result: str) -> str:
    return {"permerror": "error", "temperror": "error"}.get(result, result)


def _query_item(query: LookupStatus) -> QTreeWidgetItem:
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
