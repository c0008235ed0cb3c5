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

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.graph import markers
from mailpath.gui.panels.widgets import CopyableTree, escaped_tooltip, plain_label
from mailpath.gui.text.i18n import tr
from mailpath.gui.text.sentences import sentence_text

if TYPE_CHECKING:
    # The message as `core.message_check.message_to_json` writes it (and a recording keeps).
    from mailpath.core.jsontypes import JsonValue

#: Item data (column 0 of a hop row): the hop's index into `hops`.
HOP_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Hop tree columns.
COL_NUMBER, COL_FROM, COL_BY, COL_PROTOCOL, COL_TLS, COL_TIME, COL_DELAY, COL_NOTE = range(8)
#: Authentication tree columns.
COL_CHECK, COL_RESULT, COL_DETAILS = range(3)


# ---------------------------------------------------------------- small helpers


def result_status(result: object) -> str:
    """A marker status for an authentication result token (DKIM, ARC, A-R, DMARC)."""
    token = str(getattr(result, "value", result) or "").strip().lower()
    mapped = {
        "temperror": "error",
        "permerror": "error",
        "policy": "neutral",
        "hardfail": "fail",
    }.get(token, token)
    return markers.normalize(mapped)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _one_line(text: str, limit: int = 300) -> str:
    """A header folded over several lines, on one line (the full text goes in the tooltip)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _count(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.format(count=n)


def _yes_no(value: object) -> str:
    if value is None:
        return tr("MessagePanel", "unknown")
    return tr("MessagePanel", "yes") if value else tr("MessagePanel", "no")


def human_delay(seconds: float | None) -> str:
    """ "2 s", "3 min", "1 h 5 min", "2 d 3 h"; a negative delay keeps its sign."""
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return ""
    sign = "−" if seconds < 0 else ""
    s = round(abs(seconds))
    if s < 60:
        text = tr("MessagePanel", "{n} s").format(n=s)
    elif s < 3600:
        text = tr("MessagePanel", "{n} min").format(n=round(s / 60))
    elif s < 86400:
        h, m = divmod(round(s / 60), 60)
        if m:
            text = tr("MessagePanel", "{h} h {m} min").format(h=h, m=m)
        else:
            text = tr("MessagePanel", "{h} h").format(h=h)
    else:
        d, h = divmod(round(s / 3600), 24)
        if h:
            text = tr("MessagePanel", "{d} d {h} h").format(d=d, h=h)
        else:
            text = tr("MessagePanel", "{d} d").format(d=d)
    return sign + text


def local_time(iso: str | None) -> str:
    """An ISO 8601 UTC time as the local date and time, with seconds (hops are seconds apart)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return str(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


_lock_cache: dict[tuple[bool, int], QIcon] = {}


def lock_icon(locked: bool, size: int = 16) -> QIcon:
    """A padlock, closed (green) or open (orange), drawn as paths like the markers."""
    key = (locked, size)
    icon = _lock_cache.get(key)
    if icon is not None:
        return icon
    icon = QIcon()
    col = markers.color("pass" if locked else "softfail")
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        s = float(size)
        body = QRectF(s * 0.2, s * 0.47, s * 0.6, s * 0.45)
        shackle = QPainterPath()
        # Closed: both legs in the body. Open: the arc lifted, its right leg free.
        left, right = s * 0.32, s * 0.68
        lift = 0.0 if locked else s * 0.14
        top = s * 0.1 - lift * 0.3
        shackle.moveTo(QPointF(left, s * 0.5 - lift))
        shackle.lineTo(QPointF(left, s * 0.32 - lift))
        shackle.arcTo(QRectF(left, top, right - left, (right - left)), 180, -180)
        shackle.lineTo(QPointF(right, (s * 0.5 if locked else s * 0.3) - lift))
        pen = QPen(col.darker(130), max(1.4, s / 8.0))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(shackle)
        p.setPen(QPen(col.darker(140), max(1.0, s / 14.0)))
        p.setBrush(col)
        p.drawRoundedRect(body, s * 0.06, s * 0.06)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(QPointF(s * 0.5, s * 0.66), s * 0.07, s * 0.07)
        p.end()
        icon.addPixmap(pixmap)
    _lock_cache[key] = icon
    return icon


_handover_cache: dict[int, QIcon] = {}


def handover_icon(size: int = 16) -> QIcon:
    """An arrow entering a bracket: where the mail entered the recipient's servers."""
    icon = _handover_cache.get(size)
    if icon is not None:
        return icon
    icon = QIcon()
    col = QColor("#0969da")
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        s = float(size)
        pen = QPen(col, max(1.6, s / 8.0))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        bracket = QPainterPath(QPointF(s * 0.62, s * 0.14))
        bracket.lineTo(QPointF(s * 0.86, s * 0.14))
        bracket.lineTo(QPointF(s * 0.86, s * 0.86))
        bracket.lineTo(QPointF(s * 0.62, s * 0.86))
        p.drawPath(bracket)
        p.drawLine(QPointF(s * 0.1, s * 0.5), QPointF(s * 0.66, s * 0.5))
        head = QPainterPath(QPointF(s * 0.44, s * 0.3))
        head.lineTo(QPointF(s * 0.66, s * 0.5))
        head.lineTo(QPointF(s * 0.44, s * 0.7))
        p.drawPath(head)
        p.end()
        icon.addPixmap(pixmap)
    _handover_cache[size] = icon
    return icon


def _children_of(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]


def _bold(item: QTreeWidgetItem, columns: int) -> None:
    for column in range(columns):
        font = QFont(item.font(column))
        font.setBold(True)
        item.setFont(column, font)


def _row(
    check: str, result: str = "", details: str = "", status: str | None = None
) -> QTreeWidgetItem:
    item = QTreeWidgetItem([check, result, details])
    if status is not None:
        item.setIcon(COL_RESULT, markers.status_icon(status))
    for column, text in ((COL_CHECK, check), (COL_DETAILS, details)):
        if text:
            item.setToolTip(column, escaped_tooltip(text))
    return item


# ---------------------------------------------------------------- the panel


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
        self.hops = CopyableTree(self)
        self.hops.setObjectName("messageHops")
        self.hops.setColumnCount(8)
        self.hops.setRootIsDecorated(False)
        self.hops.setUniformRowHeights(True)  # a thousand hops scroll without measuring each
        self.hops.setAlternatingRowColors(True)
        self.hops.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.hops.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hops.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.hops.header().setStretchLastSection(True)
        self.hops.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.hops_label.setBuddy(self.hops)

        self.auth_label = plain_label("", self)
        self.auth = CopyableTree(self)
        self.auth.setObjectName("messageAuth")
        self.auth.setColumnCount(3)
        self.auth.setAlternatingRowColors(True)
        self.auth.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.auth.setWordWrap(True)
        self.auth.header().setStretchLastSection(True)
        self.auth.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.auth_label.setBuddy(self.auth)
        # Rows are as tall as their wrapped text: lay them out again when a column resizes.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.auth.doItemsLayout)
        self.auth.header().sectionResized.connect(lambda *_: self._relayout.start())

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

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

        self.hops.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()

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
        self._fill_hops(data, hops)
        self._fill_auth(data)
        if not keep_widths:
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
            result = _text(dmarc.get("result")) or "none"
            status = result_status(result)
            domain = _text(dmarc.get("policy_domain")) or _text(data.get("from_domain"))
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
            disposition = _text(dmarc.get("disposition"))
            if disposition:
                text += "\n" + self._disposition_text(disposition)
        else:
            status = "unknown"
            text = tr("MessagePanel", "DMARC not evaluated")
        self.headline.setText(text)
        self.dmarc_icon.setPixmap(markers.status_icon(status, 20).pixmap(20, 20))
        self.dmarc_icon.setToolTip(escaped_tooltip(markers.status_name(status)))

        mail_from = data.get("mail_from_domain")
        parts = [
            tr("MessagePanel", "From: {domain}").format(
                domain=_text(data.get("from_domain")) or "?"
            ),
            tr("MessagePanel", "Envelope sender: {domain}").format(
                domain=_text(mail_from) if mail_from else tr("MessagePanel", "<> (bounce)")
            ),
            _count(hop_count, tr("MessagePanel", "1 hop"), tr("MessagePanel", "{count} hops")),
        ]
        handover = data.get("handover") or None
        if handover:
            where = _text(handover.get("host")) or _text(handover.get("address"))
            address = _text(handover.get("address"))
            if address and address != where:
                where = f"{where} [{address}]"
            parts.append(tr("MessagePanel", "handed to the recipient by {host}").format(host=where))
        self.summary.setText(" · ".join(parts))

    @staticmethod
    def _disposition_text(disposition: str) -> str:
        texts = {
            "none": tr("MessagePanel", "Policy applied: none (delivered as usual)"),
            "quarantine": tr("MessagePanel", "Policy applied: quarantine (spam folder)"),
            "reject": tr("MessagePanel", "Policy applied: reject"),
        }
        return texts.get(
            disposition,
            tr("MessagePanel", "Policy applied: {disposition}").format(disposition=disposition),
        )

    def _fill_hops(
        self, data: Mapping[str, JsonValue], hops: Sequence[Mapping[str, JsonValue]]
    ) -> None:
        handover = data.get("handover") or None
        handover_hop = handover.get("hop") if handover else None
        handover = handover_icon()
        warning = markers.severity_icon("warning")
        locked, unlocked = lock_icon(True), lock_icon(False)
        unknown = markers.status_icon("unknown")
        # Short words under the "TLS" header (its own context: "yes" reads differently here).
        tls_texts = {
            True: tr("MessagePanelTls", "yes"),
            False: tr("MessagePanelTls", "no"),
            None: tr("MessagePanelTls", "unknown"),
        }
        tls_tips = {
            True: escaped_tooltip(tr("MessagePanel", "This hop was encrypted (TLS).")),
            False: escaped_tooltip(tr("MessagePanel", "This hop was not encrypted.")),
            None: escaped_tooltip(
                tr("MessagePanel", "The header does not say whether TLS was used.")
            ),
        }
        unparsed_note = tr("MessagePanel", "not understood: shown as written")
        handover_note = tr("MessagePanel", "entered the recipient's servers here")
        skew_note = tr("MessagePanel", "earlier than the hop before: the servers' clocks disagree")
        raw_tip = tr("MessagePanel", "Received header as written:")
        items = []
        for index, hop in enumerate(hops):
            raw = _text(hop.get("raw"))
            unparsed = bool(hop.get("unparsed"))
            name = _text(hop.get("from_name"))
            helo = _text(hop.get("helo"))
            address = _text(hop.get("from_address"))
            source = name or helo
            if helo and name and helo.lower() != name.lower():
                source = tr("MessagePanel", "{name} (HELO {helo})").format(name=name, helo=helo)
            if address:
                source = f"{source} [{address}]" if source else f"[{address}]"
            if unparsed:
                source = _one_line(raw) or source
            tls = hop.get("tls")
            delay = hop.get("delay_s")
            notes = []
            if unparsed:
                notes.append(unparsed_note)
            if handover_hop == index:
                notes.append(handover_note)
            if isinstance(delay, int | float) and delay < 0:
                notes.append(skew_note)
            item = QTreeWidgetItem(
                [
                    str(index + 1),
                    source,
                    _text(hop.get("by")),
                    _text(hop.get("protocol")),
                    tls_texts.get(tls if isinstance(tls, bool) else None, ""),
                    local_time(hop.get("time")),
                    human_delay(delay if isinstance(delay, int | float) else None),
                    " · ".join(notes),
                ]
            )
            item.setData(COL_NUMBER, HOP_ROLE, index)
            item.setTextAlignment(
                COL_NUMBER, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            item.setTextAlignment(
                COL_DELAY, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            item.setIcon(COL_TLS, locked if tls is True else unlocked if tls is False else unknown)
            item.setToolTip(COL_TLS, tls_tips[tls if isinstance(tls, bool) else None])
            tip = escaped_tooltip(raw_tip + "\n" + raw) if raw else ""
            for column in (COL_NUMBER, COL_FROM, COL_BY, COL_PROTOCOL):
                item.setToolTip(column, tip)
            if hop.get("time"):
                item.setToolTip(COL_TIME, escaped_tooltip(f"{hop.get('time')} (UTC)"))
            if unparsed:
                item.setIcon(COL_NUMBER, warning)
            if notes:
                item.setToolTip(COL_NOTE, escaped_tooltip("\n".join(notes)))
            if isinstance(delay, int | float) and delay < 0:
                item.setIcon(COL_DELAY, warning)
            if handover_hop == index:
                item.setIcon(COL_FROM, handover)
                item.setToolTip(COL_NOTE, escaped_tooltip(handover_note))
                _bold(item, COL_NOTE + 1)
            items.append(item)
        self.hops.addTopLevelItems(items)

    def _fill_auth(self, data: Mapping[str, JsonValue]) -> None:
        dmarc = data.get("dmarc_result") or None
        if dmarc:
            result = _text(dmarc.get("result")) or "none"
            row = _row(
                tr("MessagePanel", "DMARC"),
                result,
                _text(dmarc.get("policy_domain")),
                result_status(result),
            )
            row.addChild(
                _row(tr("MessagePanel", "aligned by SPF"), _yes_no(dmarc.get("spf_aligned")))
            )
            row.addChild(
                _row(tr("MessagePanel", "aligned by DKIM"), _yes_no(dmarc.get("dkim_aligned")))
            )
            row.addChild(
                _row(tr("MessagePanel", "policy domain"), _text(dmarc.get("policy_domain")))
            )
            disposition = _text(dmarc.get("disposition"))
            if disposition:
                row.addChild(
                    _row(
                        tr("MessagePanel", "disposition"),
                        disposition,
                        self._disposition_text(disposition),
                    )
                )
            _bold(row, 3)
            self.auth.addTopLevelItem(row)
        else:
            self.auth.addTopLevelItem(
                _row(
                    tr("MessagePanel", "DMARC"), tr("MessagePanel", "not evaluated"), "", "unknown"
                )
            )

        signatures = list(data.get("dkim") or ())
        dkim_head = _row(
            tr("MessagePanel", "DKIM signatures"),
            _count(
                len(signatures),
                tr("MessagePanel", "1 signature"),
                tr("MessagePanel", "{count} signatures"),
            )
            if signatures
            else tr("MessagePanel", "none"),
            "" if signatures else tr("MessagePanel", "The message carries no DKIM signature."),
            None if signatures else "none",
        )
        _bold(dkim_head, 3)
        self.auth.addTopLevelItem(dkim_head)
        for signature in signatures:
            dkim_head.addChild(self._signature_item(signature))

        arc = data.get("arc") or {}
        arc_result = _text(arc.get("result")) or "none"
        instances = arc.get("instances")
        if isinstance(instances, list | tuple):  # a count, or the ARC sets themselves
            instances = len(instances)
        arc_row = _row(
            tr("MessagePanel", "ARC"),
            arc_result,
            _count(
                instances, tr("MessagePanel", "1 instance"), tr("MessagePanel", "{count} instances")
            )
            if isinstance(instances, int) and instances
            else tr("MessagePanel", "no ARC sets in the message"),
            result_status(arc_result),
        )
        _bold(arc_row, 3)
        self.auth.addTopLevelItem(arc_row)

        headers = list(data.get("authentication_results") or ())
        ar_head = _row(
            tr("MessagePanel", "Authentication-Results (as the receiver recorded)"),
            _count(
                len(headers), tr("MessagePanel", "1 header"), tr("MessagePanel", "{count} headers")
            )
            if headers
            else tr("MessagePanel", "none"),
        )
        _bold(ar_head, 3)
        self.auth.addTopLevelItem(ar_head)
        for header in headers:
            ar_head.addChild(self._authentication_results_item(header))
        self.auth.expandAll()
        # A verified signature needs no second look; a failing one or one with l= does.
        for item, signature in zip(_children_of(dkim_head), signatures, strict=True):
            quiet = result_status(signature.get("result")) == "pass"
            item.setExpanded(not quiet or signature.get("body_length_limit") is not None)

    def _signature_item(self, signature: Mapping[str, JsonValue]) -> QTreeWidgetItem:
        domain = _text(signature.get("domain"))
        selector = _text(signature.get("selector"))
        result = _text(signature.get("result")) or "none"
        aligned = signature.get("aligned")
        summary = [_text(signature.get("algorithm"))]
        bits = signature.get("key_bits")
        if bits:
            summary.append(tr("MessagePanel", "{bits}-bit key").format(bits=bits))
        if aligned is not None:
            summary.append(
                tr("MessagePanel", "aligned with From")
                if aligned
                else tr("MessagePanel", "not aligned with From")
            )
        item = _row(
            f"d={domain} s={selector}",
            result,
            " · ".join(part for part in summary if part),
            result_status(result),
        )
        fields = [
            (tr("MessagePanel", "domain (d=)"), domain),
            (tr("MessagePanel", "selector (s=)"), selector),
            (tr("MessagePanel", "algorithm"), _text(signature.get("algorithm"))),
            (
                tr("MessagePanel", "key size"),
                tr("MessagePanel", "{bits} bits").format(bits=bits) if bits else "",
            ),
            (tr("MessagePanel", "aligned with From"), _yes_no(aligned)),
        ]
        reason = sentence_text(signature.get("reason"))
        if reason:
            fields.insert(0, (tr("MessagePanel", "reason"), reason))
        for key, value in fields:
            if value:
                item.addChild(_row(key, "", value))
        limit = signature.get("body_length_limit")
        if limit is not None:
            warn = _row(
                tr("MessagePanel", "body length limit (l=)"),
                str(limit),
                tr(
                    "MessagePanel",
                    "Only the first {limit} bytes of the body are signed: anyone can append text "
                    "to this message without breaking the signature.",
                ).format(limit=limit),
            )
            warn.setIcon(COL_RESULT, markers.severity_icon("warning"))
            item.addChild(warn)
        return item

    def _authentication_results_item(self, header: Mapping[str, JsonValue]) -> QTreeWidgetItem:
        authserv = _text(header.get("authserv_id"))
        results = list(header.get("results") or ())
        head = _row(
            tr("MessagePanel", "by {authserv_id}").format(authserv_id=authserv or "?"),
            _count(
                len(results), tr("MessagePanel", "1 result"), tr("MessagePanel", "{count} results")
            ),
        )
        for entry in results:
            method = _text(entry.get("method"))
            result = _text(entry.get("result"))
            details = []
            reason = _text(entry.get("reason"))
            if reason:
                details.append(tr("MessagePanel", "reason: {reason}").format(reason=reason))
            properties = entry.get("properties") or {}
            if isinstance(properties, Mapping):
                details.extend(f"{key}={value}" for key, value in properties.items())
            head.addChild(_row(method, result, " · ".join(details), result_status(result)))
        return head
