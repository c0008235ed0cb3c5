"""The message panel's own icons: a padlock (the hop was encrypted, or not) and the handover
arrow (where the mail entered the recipient's servers), drawn as paths like the markers."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from mailpath.gui.graph import markers

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
