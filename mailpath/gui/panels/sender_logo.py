"""The sender's BIMI logo beside the Sender field's label, when the analysis found it valid.

The logo is the SVG the analysis fetched (`Result.bimi.logo`, fetched by the core in the
worker, never here), drawn with QtSvg: the profile check already refused scripts and external
references, and QtSvg fetches nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.model import Result
    from mailpath.gui.window.session import WindowSession


class InputFields(Protocol):
    """What the logo needs of the window's input bar (`gui.window.inputs.InputBar`)."""

    grid: QGridLayout
    widget: QWidget
    field_labels: dict[str, QLabel]


#: The logo's side on screen (device-independent pixels): the height of the label row.
SIDE = 18
ICON_SIZE = QSize(SIDE, SIDE)


def logo_pixmap(svg: bytes, size: QSize = ICON_SIZE, ratio: float = 1.0) -> QPixmap | None:
    """`svg` drawn at `size` for a screen of device pixel ratio `ratio` (None when QtSvg
    cannot read it)."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        return None
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


class SenderLogo:
    """The logo of the last result's sender, just after the Sender label's text (hidden
    without one). It shares the label's grid cell, so the fields keep their widths."""

    def __init__(self, session: WindowSession, inputs: InputFields) -> None:
        self.beside = inputs.field_labels["sender"]
        grid = inputs.grid
        self.label = QLabel(inputs.widget)
        self.label.setObjectName("senderLogo")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it shows a picture, never text
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.label.setFixedHeight(SIDE)
        self.label.hide()
        grid.addWidget(self.label, 0, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.domain: str | None = None
        self._shown: bytes | None = None
        session.resultChanged.connect(lambda: self.show_result(session.result))

    def show_result(self, result: Result | None) -> None:
        report = result.bimi if result is not None else None
        if report is None or not report.shows_logo or report.logo is None:
            self.clear()
            return
        if report.logo is self._shown:
            self.retranslate()  # the language may have changed (the result is drawn anew)
            return
        pixmap = logo_pixmap(report.logo, ratio=self.label.devicePixelRatioF())
        if pixmap is None:
            self.clear()
            return
        self._shown = report.logo
        self.domain = report.domain
        self.label.setPixmap(pixmap)
        self.label.show()
        self.retranslate()

    def clear(self) -> None:
        self.label.clear()
        self.label.hide()
        self.domain = None
        self._shown = None

    def retranslate(self) -> None:
        # The logo follows the label's text, whose width depends on the language.
        self.label.setFixedWidth(self.beside.sizeHint().width() + 6 + SIDE)
        if self.domain is not None:
            self.label.setToolTip(
                tr("SenderLogo", "The BIMI logo of {domain}").format(domain=self.domain)
            )
            self.label.setAccessibleName(self.label.toolTip())
