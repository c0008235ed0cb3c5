"""The docked panels: details of the selected node, the SPF trace tree, the findings list.

Everything that came from DNS is put into item texts (`QTreeWidgetItem.setText`) and labels
set to `Qt.PlainText`, which Qt never interprets as markup; tooltips, which Qt does
interpret, are escaped with `escape_html` (as `html.escape`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from mailpath.gui.text.i18n import escape_html, tr
from mailpath.gui.text.sentences import sentence_text

if TYPE_CHECKING:
    # QStyle's Python enums take ~10 ms to create: only the findings' delegate needs them,
    # and only once there are findings to draw (not for the window's first frames).
    # Nor does the window need QTextDocument (and its enums) before there is a finding.
    from PySide6.QtGui import QResizeEvent, QTextDocument
    from PySide6.QtWidgets import QStyleOptionViewItem

    from mailpath.core.auth.spf import (
        SpfAudit,
        SpfOutcome,
        SpfResult,
        SpfTrace,
        TermTrace,
    )
    from mailpath.core.dns.sources import Outcome
    from mailpath.core.model import Finding, LookupStatus, Result, Severity
    from mailpath.core.route.attrs import NodeAttrs

    #: A model index as item delegates receive it.
    Index = QModelIndex | QPersistentModelIndex


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


class _CopyableTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wrap_viewport(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
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
        self.attrs: NodeAttrs | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([tr("Details", "Field"), tr("Details", "Value")])
        self.tree.setAccessibleName(tr("Details", "Details of the selected node"))
        self.show_node(self.node_id, self.attrs)

    def show_node(self, node_id: str | None, attrs: NodeAttrs | None) -> None:
        self.node_id, self.attrs = node_id, attrs
        self.tree.clear()
        if not node_id or attrs is None:
            self.title.setText(tr("Details", "Select a node of the route to see its details."))
            return
        label = str(attrs.get("label", node_id)).replace("\n", " — ")
        status = markers.normalize(attrs.get("status"))
        # "none" is no verdict at all: a title ending in "(none)" reads as "nothing here".
        self.title.setText(
            label
            if status == "none"
            else tr("Details", "{label} ({status})").format(
                label=label, status=markers.status_name(status)
            )
        )
        shown_id = node_id
        if attrs.get("kind") == "hop":
            # "hops:7-1492" counts from 0: a person reads the hop numbers of its title.
            shown_id = str(attrs.get("label", node_id)).split("\n")[0]
        head = QTreeWidgetItem([tr("Details", "node"), shown_id])
        head.setIcon(1, markers.status_icon(status))
        self.tree.addTopLevelItem(head)
        details = attrs.get("details") or {}
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
            # The route's own details already give the preference (in the same words).
            shown = {str(key).casefold() for key in details}
            for name, text in extra:
                if name.casefold() not in shown:
                    self.tree.addTopLevelItem(QTreeWidgetItem([name, text]))
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
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        summary = text.format(result=_value(result), lookups=lookups, void=void)
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
        """Result, Lookups and Void as wide as their contents; the Term column gets what is
        left of the panel (its tooltip has the whole term), so the counts are never pushed
        out of a narrow dock. The notes column stretches, or scrolls, after them."""
        tree = self.tree
        for column in range(1, 4):
            tree.resizeColumnToContents(column)
        # "match — decided the result" is elided (its tooltip has it) rather than push the
        # counts out of sight.
        cap = max(int(tree.viewport().width() * 0.3), 80)
        tree.setColumnWidth(1, min(tree.columnWidth(1), cap))
        tree.resizeColumnToContents(0)
        room = tree.viewport().width() - sum(tree.columnWidth(c) for c in range(1, 4))
        floor = int(tree.viewport().width() * 0.4)
        tree.setColumnWidth(0, max(min(tree.columnWidth(0), room), floor, 60))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _add_trace(self, parent: QTreeWidgetItem | None, trace: SpfTrace) -> None:
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


def _value(x: SpfResult | Severity | Outcome | None) -> str:
    return str(getattr(x, "value", x)) if x is not None else "…"


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


# ---------------------------------------------------------------- findings

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
        self.tree = _CopyableTree(self)
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
            severity = _value(finding.severity)
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
