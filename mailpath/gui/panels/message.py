"""The received-message panel: the path a real message took and how it was authenticated.

It shows the `message` object of `mailpath check --message FILE --json` (a plain mapping):
the hops from the Received headers, oldest first; the DKIM signatures and ARC; the
Authentication-Results the receiver recorded; and the DMARC result.

Everything in it came from a message or from DNS, so it is data: item texts
(`QTreeWidgetItem.setText`, never interpreted) and labels set to `Qt.PlainText`; tooltips,
which Qt does interpret, go through `escaped_tooltip`. A message may carry a thousand
Received headers: the hops are rows of one `QTreeWidget`, never a widget each.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.graph import markers
from mailpath.gui.panels.message_rows import (
    COL_BY,
    COL_CHECK,
    COL_FROM,
    COL_NOTE,
    COL_NUMBER,
    COL_RESULT,
    HOP_ROLE,
    count_text,
    disposition_text,
    fill_auth,
    hop_items,
    result_status,
    text_of,
)
from mailpath.gui.panels.widgets import CopyableTree, escaped_tooltip, plain_label
from mailpath.gui.panels.wrapping import wrap_columns
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    # The message as `core.message_check.message_to_json` writes it (and a recording keeps).
    from mailpath.core.jsontypes import JsonValue


# ---------------------------------------------------------------- the panel


#: The rows of the Hops and Authentication lists that stay in sight however low the panel.
LEAST_ROWS = 2.5


def _least_height(tree: QTreeWidget) -> int:
    """A list's header, LEAST_ROWS rows of one line and a horizontal scroll bar."""
    row = tree.fontMetrics().height() + 6
    bar = tree.horizontalScrollBar().sizeHint().height()
    header = tree.header().sizeHint().height()
    return int(header + LEAST_ROWS * row + bar + 2 * tree.frameWidth())


class MessagePanel(QWidget):
    """Hops, DKIM, ARC, Authentication-Results and DMARC of one received message.

    `hop_selected(index)` is emitted when the user selects a hop (its index into `hops`,
    oldest first) or clears the selection (-1); `select_hop` selects from outside without
    emitting.
    """

    hop_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: Mapping[str, JsonValue] | None = None
        self._emitted = -1
        self._syncing = False

        self.hint = plain_label("", self)
        self.hint.setObjectName("messageHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.dmarc_icon = QLabel(self)
        self.dmarc_icon.setFixedSize(22, 22)
        self.headline = plain_label("", self)
        self.headline.setObjectName("messageHeadline")
        bold = QFont(self.headline.font())
        bold.setBold(True)
        self.headline.setFont(bold)
        self.summary = plain_label("", self)
        self.summary.setObjectName("messageSummary")

        self.hops_label = plain_label("", self)
        self.hops = self._hops_tree()
        self.hops_label.setBuddy(self.hops)
        self.auth_label = plain_label("", self)
        self.auth = self._auth_tree()
        self.auth_label.setBuddy(self.auth)
        self._lay_out()
        self.hops.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()

    def _hops_tree(self) -> CopyableTree:
        hops = CopyableTree(self)
        hops.setObjectName("messageHops")
        hops.setColumnCount(8)
        hops.setRootIsDecorated(False)
        hops.setUniformRowHeights(True)  # a thousand hops scroll without measuring each
        hops.setAlternatingRowColors(True)
        hops.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        hops.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hops.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        hops.header().setStretchLastSection(True)
        hops.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return hops

    def _auth_tree(self) -> CopyableTree:
        auth = CopyableTree(self)
        auth.setObjectName("messageAuth")
        auth.setColumnCount(3)
        auth.setAlternatingRowColors(True)
        auth.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        auth.setWordWrap(True)
        auth.header().setStretchLastSection(True)
        auth.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Rows are as tall as their wrapped text at the columns' widths.
        wrap_columns(auth, range(3))
        return auth

    def _lay_out(self) -> None:
        """The headline over the hops and, below a splitter, the authentication; the hint
        in their place while there is no message."""
        head = QHBoxLayout()
        head.addWidget(self.dmarc_icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.headline, 1)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.hops_label)
        top_layout.addWidget(self.hops)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.auth_label)
        bottom_layout.addWidget(self.auth)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(head)
        content_layout.addWidget(self.summary)
        content_layout.addWidget(self.splitter, 1)
        for tree in (self.hops, self.auth):
            tree.setMinimumHeight(_least_height(tree))
        # A panel lower than that (a small window) scrolls rather than squeeze the lists to
        # their headers; with room, the lists take the height as before.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

    # ------------------------------------------------------------ public API

    def retranslate(self) -> None:
        self.hint.setText(
            tr(
                "MessagePanel",
                "Open a received message (File → Open message…) to see the path it really took",
            )
        )
        self.hops_label.setText(tr("MessagePanel", "Ho&ps, oldest first"))
        self.hops.setHeaderLabels(
            [
                tr("MessagePanel", "#"),
                tr("MessagePanel", "From"),
                tr("MessagePanel", "By"),
                tr("MessagePanel", "Protocol"),
                tr("MessagePanel", "TLS"),
                tr("MessagePanel", "Time"),
                tr("MessagePanel", "Delay"),
                tr("MessagePanel", "Note"),
            ]
        )
        self.hops.setAccessibleName(tr("MessagePanel", "Hops of the received message"))
        self.auth_label.setText(tr("MessagePanel", "A&uthentication"))
        self.auth.setHeaderLabels(
            [
                tr("MessagePanel", "Check"),
                tr("MessagePanel", "Result"),
                tr("MessagePanel", "Details"),
            ]
        )
        self.auth.setAccessibleName(tr("MessagePanel", "Authentication of the received message"))
        selected = self.selected_hop()
        self._populate(keep_widths=True)
        if selected >= 0:
            self.select_hop(selected)

    def set_message(self, data: Mapping[str, JsonValue] | None) -> None:
        """Show a message (the `message` object of `check --message --json`), or None."""
        self._data = data
        self._populate(keep_widths=False)
        if self._emitted != -1:
            self._emitted = -1
            self.hop_selected.emit(-1)

    def message(self) -> Mapping[str, JsonValue] | None:
        return self._data

    def selected_hop(self) -> int:
        """The index of the current hop when it is selected, else -1."""
        item = self.hops.currentItem()
        if item is None or not item.isSelected():
            selected = self.hops.selectedItems()
            item = selected[0] if selected else None
        if item is None:
            return -1
        index = item.data(COL_NUMBER, HOP_ROLE)
        return int(index) if index is not None else -1

    def select_hop(self, index: int) -> None:
        """Select hop `index` (-1 clears) and scroll to it, without emitting `hop_selected`."""
        self._syncing = True
        try:
            item = self.hops.topLevelItem(index) if index >= 0 else None
            if item is not None:
                self.hops.setCurrentItem(item)
                self.hops.scrollToItem(item)
            else:
                self.hops.clearSelection()
            self._emitted = self.selected_hop()
        finally:
            self._syncing = False

    # ------------------------------------------------------------ filling

    def _selection_changed(self) -> None:
        if self._syncing:
            return
        index = self.selected_hop()
        if index != self._emitted:
            self._emitted = index
            self.hop_selected.emit(index)

    def _populate(self, keep_widths: bool) -> None:
        data = self._data
        self._syncing = True
        try:
            self.hops.clear()
            self.auth.clear()
        finally:
            self._syncing = False
        if data is None:
            self.stack.setCurrentIndex(0)
            self.headline.setText("")
            self.summary.setText("")
            self.dmarc_icon.clear()
            return
        self.stack.setCurrentIndex(1)
        hops = list(data.get("hops") or ())
        self._fill_headline(data, len(hops))
        self.hops.addTopLevelItems(hop_items(data, hops))
        fill_auth(self.auth, data)
        if not keep_widths:
            self._fit_columns()

    def _fit_columns(self) -> None:
        # Long names are elided in the middle (the tooltip has the whole header), so the
        # note, which marks the handover, stays in view in a wide dock.
        caps = {COL_FROM: 300, COL_BY: 240}
        for column in range(COL_NOTE):
            self.hops.resizeColumnToContents(column)
            width = self.hops.columnWidth(column)
            self.hops.setColumnWidth(column, min(width, caps.get(column, 200)))
        self.auth.resizeColumnToContents(COL_CHECK)
        # A narrow dock still shows the results beside the names.
        cap = min(380, max(160, self.width() * 2 // 5))
        self.auth.setColumnWidth(COL_CHECK, min(self.auth.columnWidth(COL_CHECK), cap))
        self.auth.doItemsLayout()
        self.auth.resizeColumnToContents(COL_RESULT)
        self.auth.setColumnWidth(COL_RESULT, min(self.auth.columnWidth(COL_RESULT), 180))

    def _fill_headline(self, data: Mapping[str, JsonValue], hop_count: int) -> None:
        dmarc = data.get("dmarc_result") or None
        if dmarc:
            result = text_of(dmarc.get("result")) or "none"
            status = result_status(result)
            domain = text_of(dmarc.get("policy_domain")) or text_of(data.get("from_domain"))
            spf, dkim = dmarc.get("spf_aligned"), dmarc.get("dkim_aligned")
            if spf and dkim:
                how = tr("MessagePanel", "aligned by SPF and DKIM")
            elif spf:
                how = tr("MessagePanel", "aligned by SPF")
            elif dkim:
                how = tr("MessagePanel", "aligned by DKIM")
            else:
                how = tr("MessagePanel", "aligned by neither SPF nor DKIM")
            text = tr("MessagePanel", "DMARC {result} for {domain}: {how}").format(
                result=result, domain=domain or "?", how=how
            )
            disposition = text_of(dmarc.get("disposition"))
            if disposition:
                text += "\n" + disposition_text(disposition)
        else:
            status = "unknown"
            text = tr("MessagePanel", "DMARC not evaluated")
        self.headline.setText(text)
        self.dmarc_icon.setPixmap(markers.status_icon(status, 20).pixmap(20, 20))
        self.dmarc_icon.setToolTip(escaped_tooltip(markers.status_name(status)))

        mail_from = data.get("mail_from_domain")
        parts = [
            tr("MessagePanel", "From: {domain}").format(
                domain=text_of(data.get("from_domain")) or "?"
            ),
            tr("MessagePanel", "Envelope sender: {domain}").format(
                domain=text_of(mail_from) if mail_from else tr("MessagePanel", "<> (bounce)")
            ),
            count_text(hop_count, tr("MessagePanel", "1 hop"), tr("MessagePanel", "{count} hops")),
        ]
        handover = data.get("handover") or None
        if handover:
            where = text_of(handover.get("host")) or text_of(handover.get("address"))
            address = text_of(handover.get("address"))
            if address and address != where:
                where = f"{where} [{address}]"
            parts.append(tr("MessagePanel", "handed to the recipient by {host}").format(host=where))
        self.summary.setText(" · ".join(parts))
