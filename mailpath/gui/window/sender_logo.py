"""The sender's BIMI logo beside the Sender field, when the analysis found it valid.

The logo is the SVG the analysis fetched (`Result.bimi.logo`, fetched by the core in the
worker, never here), drawn with QtSvg: the profile check already refused scripts and external
references, and QtSvg fetches nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLineEdit

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.model import Result

#: Drawn at twice the field's icon size, so it stays sharp on a high-density screen.
ICON_SIZE = QSize(64, 64)


def logo_pixmap(svg: bytes, size: QSize = ICON_SIZE) -> QPixmap | None:
    """`svg` drawn at `size` (None when QtSvg cannot read it)."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        return None
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


class SenderLogo:
    """A leading icon in the Sender field: the logo of the last result's sender, if any."""

    def __init__(self, edit: QLineEdit) -> None:
        self.edit = edit
        self.action: QAction | None = None
        self.domain: str | None = None
        self._shown: bytes | None = None

    def show_result(self, result: Result | None) -> None:
        report = result.bimi if result is not None else None
        if report is None or not report.shows_logo or report.logo is None:
            self.clear()
            return
        if report.logo is self._shown:
            return
        pixmap = logo_pixmap(report.logo)
        if pixmap is None:
            self.clear()
            return
        self.clear()
        self._shown = report.logo
        self.domain = report.domain
        self.action = self.edit.addAction(QIcon(pixmap), QLineEdit.ActionPosition.LeadingPosition)
        self.action.setObjectName("senderLogo")
        self.retranslate()

    def clear(self) -> None:
        if self.action is not None:
            self.edit.removeAction(self.action)
            self.action.deleteLater()
        self.action = None
        self.domain = None
        self._shown = None

    def retranslate(self) -> None:
        if self.action is not None and self.domain is not None:
            self.action.setToolTip(
                tr("SenderLogo", "The BIMI logo of {domain}").format(domain=self.domain)
            )
