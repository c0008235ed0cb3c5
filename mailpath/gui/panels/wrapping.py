"""Cells that wrap instead of eliding: a value from DNS ("203.0.113.74 [5 ms] (TTL 300 s)",
an SPF record, a DKIM reason) is shown whole in a narrow dock, on as many lines as it needs,
broken between words or, for a host name or record with no space, anywhere.

A tree whose columns use `WrappingDelegate` lays its rows out again whenever a column is
resized (`wrap_columns`), so a row is always as tall as its text at the column's width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, QTimer
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTreeWidget

if TYPE_CHECKING:
    # QStyle's and QTextLayout's Python enums take milliseconds to create: the window's first
    # frames have no rows to draw, so they are imported when the first row is.
    from PySide6.QtGui import QFont, QTextLayout
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    #: A model index as item delegates receive it.
    Index = QModelIndex | QPersistentModelIndex

#: Far more than any cell's text needs: the height a cell is measured in.
_TALL = 1 << 20


def _layout(text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
    """`text` broken into lines `width` wide (between words where it can, anywhere where it
    must), and the height of those lines."""
    from PySide6.QtGui import QTextLayout, QTextOption

    # QTextLayout breaks at U+2028, not at "\n".
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0.0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


def line_height(font: QFont, sample: str) -> float:
    """The height of one line of `sample` in `font`, with the fonts Qt falls back to for its
    characters (a Japanese line is taller than a Latin one in the same font)."""
    return _layout(sample, font, float(_TALL))[1]


class WrappingDelegate(QStyledItemDelegate):
    """Draws a cell's text on as many lines as its column's width needs; the icon, selection
    and background as the style draws them."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def _style(self, option: QStyleOptionViewItem) -> QStyle:
        widget = option.widget
        return widget.style() if widget is not None else QApplication.style()

    def _prepared(
        self, option: QStyleOptionViewItem, index: Index
    ) -> tuple[QStyleOptionViewItem, QRect, int]:
        """The cell's style option (its font, icon, state), where the style puts its text
        when the cell is drawn in `option.rect`, and the text's margin."""
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = self._style(opt)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        return opt, rect, margin

    def _cell_width(self, index: Index) -> int:
        """The width the view gives the cell: its column, less the indentation of the tree's
        branches in the first column."""
        width = self.tree.header().sectionSize(index.column())
        if index.column() == 0:
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            if self.tree.rootIsDecorated():
                depth += 1
            width -= depth * self.tree.indentation()
        return width

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data()
        if not text:
            return hint
        from PySide6.QtWidgets import QStyleOptionViewItem

        cell = QStyleOptionViewItem(option)
        cell.rect = QRect(0, 0, self._cell_width(index), _TALL)
        opt, rect, margin = self._prepared(cell, index)
        _, height = _layout(str(text), opt.font, rect.width() - 2 * margin)
        # The style pads a one-line cell; the same padding around several lines.
        padding = max(0, hint.height() - opt.fontMetrics.height())
        return QSize(hint.width(), max(hint.height(), int(height + 0.999) + padding))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data()
        if not text:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle

        opt, rect, margin = self._prepared(option, index)
        opt.text = ""
        self._style(opt).drawControl(
            QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget
        )
        layout, height = _layout(str(text), opt.font, rect.width() - 2 * margin)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        top = rect.top() + max(0.0, (rect.height() - height) / 2)
        layout.draw(painter, QPointF(rect.left() + margin, top))
        painter.restore()


def wrap_columns(tree: QTreeWidget, columns: range | tuple[int, ...]) -> WrappingDelegate:
    """Wrap the text of `columns` of `tree`; rows follow the columns' widths."""
    delegate = WrappingDelegate(tree)
    for column in columns:
        tree.setItemDelegateForColumn(column, delegate)
    tree.setUniformRowHeights(False)
    relayout = QTimer(tree)
    relayout.setSingleShot(True)
    relayout.setInterval(0)
    relayout.timeout.connect(tree.doItemsLayout)
    tree.header().sectionResized.connect(lambda *_: relayout.start())
    return delegate
