"""The transport marker on an SMTP edge to an MX host (the edge's `transport` attribute, from
`core.route.transport`): a closed lock for verified TLS, an open lock for TLS that is used
only if offered and never verified, a red lock with a cross where the recipient's own policy
makes delivery fail. Shape tells them apart, not colour alone; drawn as paths, so it looks
the same in every language, on screen, in PNG and in SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import EdgeAttrs

__all__ = ["LOCK_SIZE", "legend_entries", "lock_rect", "paint_edge_lock", "paint_lock"]

LOCK_SIZE = 18.0

COLORS = {
    "verified": QColor("#1a7f37"),
    "unverified": QColor("#9a6700"),
    "fails": QColor("#cf222e"),
}


_WHITE = QColor("#ffffff")


def _round_pen(color: QColor, width: float) -> QPen:
    # QPen(color, width) and a setter: the four-argument constructor converts the colour to a
    # QBrush, whose overloads make PySide6 build enums start-up does not need.
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def legend_entries() -> list[tuple[EdgeAttrs, str]]:
    """The legend's lock cells: an SMTP line with each marker."""
    from mailpath.core.route.attrs import EdgeKind, TransportMarker

    return [
        (
            {"kind": EdgeKind.SMTP, "active": True, "transport": TransportMarker.VERIFIED},
            tr("Legend", "verified TLS (DANE, MTA-STS)"),
        ),
        (
            {"kind": EdgeKind.SMTP, "active": True, "transport": TransportMarker.UNVERIFIED},
            tr("Legend", "TLS if offered, unverified"),
        ),
        (
            {"kind": EdgeKind.SMTP, "active": True, "transport": TransportMarker.FAILS},
            tr("Legend", "recipient's policy makes delivery fail"),
        ),
    ]


def _lock_center(path: QPainterPath) -> QPointF:
    # Just before the arrowhead, lifted above the line.
    length = path.length()
    at = path.pointAtPercent(path.percentAtLength(max(0.0, length - LOCK_SIZE)))
    return QPointF(at.x(), at.y() - LOCK_SIZE * 0.55)


def lock_rect(attrs: EdgeAttrs, path: QPainterPath) -> QRectF | None:
    """Where the edge's lock is drawn (None: the edge has none): edge labels keep clear."""
    if attrs.get("transport") is None:
        return None
    c = _lock_center(path)
    half = LOCK_SIZE * 0.6
    return QRectF(c.x() - half, c.y() - half, 2 * half, 2 * half)


def paint_edge_lock(painter: QPainter, attrs: EdgeAttrs, path: QPainterPath) -> None:
    """The edge's lock, at its end (labels are placed clear of it, `lock_rect`)."""
    marker = attrs.get("transport")
    if marker is None:
        return
    paint_lock(painter, str(marker), _lock_center(path), LOCK_SIZE)


def paint_lock(painter: QPainter, marker: str, center: QPointF, size: float) -> None:
    """A padlock `size` units tall centred on `center`: shackle closed or open, body filled
    with the marker's colour; `fails` adds a white cross on the body."""
    color = COLORS.get(marker, COLORS["unverified"])
    s = size
    body = QRectF(center.x() - s * 0.38, center.y() - s * 0.05, s * 0.76, s * 0.55)
    shackle = QPainterPath()
    left, right = center.x() - s * 0.24, center.x() + s * 0.24
    top = center.y() - s * 0.5
    radius = s * 0.24
    if marker == "unverified":
        # Open: the shackle lifted and swung to the left, its right leg clear of the body.
        lift = s * 0.16
        left, right = left - s * 0.3, right - s * 0.3
        shackle.moveTo(right, body.top())
        shackle.lineTo(right, top - lift + radius)
        shackle.arcTo(QRectF(left, top - lift, radius * 2, radius * 2), 0, 180)
        shackle.lineTo(left, top - lift + radius + s * 0.1)
    else:
        shackle.moveTo(left, body.top())
        shackle.lineTo(left, top + radius)
        shackle.arcTo(QRectF(left, top, radius * 2, radius * 2), 180, -180)
        shackle.lineTo(right, body.top())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # A white halo keeps the lock readable over the edge line.
    painter.setPen(_round_pen(_WHITE, s * 0.28))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shackle)
    painter.drawRoundedRect(body, s * 0.08, s * 0.08)
    painter.setPen(_round_pen(color, s * 0.12))
    painter.drawPath(shackle)
    painter.setPen(QPen(color.darker(130), max(1.0, s / 16)))
    painter.setBrush(color)  # not QBrush(color): its overloads build enums start-up skips
    painter.drawRoundedRect(body, s * 0.08, s * 0.08)
    if marker == "fails":
        painter.setPen(_round_pen(_WHITE, s * 0.09))
        d = s * 0.14
        c = body.center()
        painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
    painter.restore()


def paint_legend_lock(painter: QPainter, entry: EdgeAttrs, center: QPointF) -> None:
    """A legend line's lock, on the line's middle (nothing for a line without one)."""
    marker = entry.get("transport")
    if marker is not None:
        paint_lock(painter, str(marker), center, LOCK_SIZE * 0.8)
