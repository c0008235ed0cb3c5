"""Pass/fail markers: each status differs in shape, glyph and colour, so none relies on colour.

| status   | shape            | glyph | colour      |
|----------|------------------|-------|-------------|
| pass     | circle           | check | green       |
| fail     | octagon          | cross | red         |
| softfail | triangle         | ~     | orange      |
| neutral  | diamond          | ?     | grey        |
| none     | hollow circle    | dash  | grey        |
| error    | square           | !     | purple      |
| unknown  | dashed circle    | dots  | outline     |

Glyphs are drawn as paths, not font characters, so they look the same in every language, in
PNG and in SVG.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)

from mailpath.gui.text.i18n import tr

STATUSES = ("pass", "fail", "softfail", "neutral", "none", "error", "unknown")

COLORS = {
    "pass": QColor("#1a7f37"),
    "fail": QColor("#cf222e"),
    "softfail": QColor("#d97706"),
    "neutral": QColor("#6e7781"),
    "none": QColor("#6e7781"),
    "error": QColor("#8250df"),
    "unknown": QColor("#57606a"),
}

SEVERITY_STATUS = {"error": "fail", "warning": "softfail", "info": "neutral"}


def normalize(status: object) -> str:
    value = getattr(status, "value", status)
    text = str(value).lower() if value is not None else "unknown"
    return text if text in STATUSES else "unknown"


def status_name(status: str) -> str:
    names = {
        "pass": tr("Status", "pass"),
        "fail": tr("Status", "fail"),
        "softfail": tr("Status", "softfail"),
        "neutral": tr("Status", "neutral"),
        "none": tr("Status", "none"),
        "error": tr("Status", "error"),
        "unknown": tr("Status", "unknown / pending"),
    }
    return names.get(status, status)


def color(status: str) -> QColor:
    return QColor(COLORS.get(status, COLORS["unknown"]))


def _polygon(center: QPointF, radius: float, sides: int, start_deg: float) -> QPolygonF:
    points = []
    for i in range(sides):
        angle = math.radians(start_deg + i * 360.0 / sides)
        points.append(
            QPointF(center.x() + radius * math.cos(angle), center.y() + radius * math.sin(angle))
        )
    return QPolygonF(points)


def shape_path(status: str, center: QPointF, size: float) -> QPainterPath:
    r = size / 2.0
    path = QPainterPath()
    if status == "fail":
        path.addPolygon(_polygon(center, r, 8, 22.5))
        path.closeSubpath()
    elif status == "softfail":
        # Equilateral, point up, centred on its area so the glyph sits inside.
        tri = _polygon(QPointF(center.x(), center.y() + r * 0.12), r * 1.12, 3, -90)
        path.addPolygon(tri)
        path.closeSubpath()
    elif status == "neutral":
        path.addPolygon(_polygon(center, r * 1.05, 4, -90))
        path.closeSubpath()
    elif status == "error":
        side = r * 1.7
        path.addRoundedRect(
            QRectF(center.x() - side / 2, center.y() - side / 2, side, side), r * 0.15, r * 0.15
        )
    else:  # pass, none, unknown
        path.addEllipse(center, r, r)
    return path


#: What a marker draws, made once per (status, size) around the origin: each entry is an
#: operation ("path", "line", "ellipse" or "text") with the pen and brush it uses. A route of
#: 1,000 nodes and edges draws ~2,400 markers per picture; building their paths, pens and
#: colours each time was a tenth of the export.
_Op = tuple[Any, ...]  # Any: (kind, pen, brush, *arguments) differ per kind; read by index
_recipes: dict[tuple[str, float], list[_Op]] = {}
_ORIGIN = QPointF(0, 0)


def paint_marker(painter: QPainter, status: str, center: QPointF, size: float) -> None:
    """Draw the marker for `status` centred on `center`, `size` scene units across."""
    status = normalize(status)
    key = (status, size)
    ops = _recipes.get(key)
    if ops is None:
        ops = _recipes[key] = _recipe(status, size)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(center)
    for op in ops:
        what, pen, brush = op[0], op[1], op[2]
        painter.setPen(pen)
        painter.setBrush(brush)
        if what == "path":
            painter.drawPath(op[3])
        elif what == "line":
            painter.drawLine(op[3], op[4])
        elif what == "ellipse":
            painter.drawEllipse(op[3], op[4], op[4])
        else:
            painter.setFont(op[3])
            painter.drawText(op[4], Qt.AlignmentFlag.AlignCenter, op[5])
    painter.restore()


def _recipe(status: str, size: float) -> list[_Op]:
    col = color(status)
    outline = QPen(col.darker(140), max(1.0, size / 14.0))
    hollow = status in ("none", "unknown")
    if status == "unknown":
        outline = QPen(col, max(1.0, size / 12.0), Qt.PenStyle.DashLine)
        outline.setDashPattern([2.0, 1.6])
    fill = QColor("#ffffff") if hollow else QColor(col)  # brushes: see _glyph_ops
    ops: list[_Op] = [("path", outline, fill, shape_path(status, _ORIGIN, size))]
    glyph_color = col.darker(120) if hollow else QColor("#ffffff")
    if status == "softfail":
        glyph_color = QColor("#1f1300")
    ops += _glyph_ops(status, size, glyph_color)
    return ops


def _glyph_ops(status: str, size: float, glyph_color: QColor) -> list[_Op]:
    s = size / 2.0
    pen = QPen(glyph_color, max(1.2, size / 7.5))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    # The brushes are given to QPainter.setBrush() as a colour or a style: constructing a
    # QBrush would make PySide6 create QGradient's and QImage's enums (~5 ms of the start-up,
    # whose legend draws markers) while it picks the constructor.
    none = Qt.BrushStyle.NoBrush
    no_pen = QPen(Qt.PenStyle.NoPen)
    x = y = 0.0
    if status == "pass":
        path = QPainterPath(QPointF(x - s * 0.45, y + s * 0.02))
        path.lineTo(QPointF(x - s * 0.1, y + s * 0.38))
        path.lineTo(QPointF(x + s * 0.5, y - s * 0.36))
        return [("path", pen, none, path)]
    if status == "fail":
        d = s * 0.38
        return [
            ("line", pen, none, QPointF(x - d, y - d), QPointF(x + d, y + d)),
            ("line", pen, none, QPointF(x - d, y + d), QPointF(x + d, y - d)),
        ]
    if status == "softfail":
        # A tilde: two arcs, below the apex so it sits in the triangle's wide part.
        yy, w, h = y + s * 0.3, s * 0.4, s * 0.22
        path = QPainterPath(QPointF(x - w, yy + h * 0.3))
        path.quadTo(QPointF(x - w / 2, yy - h * 1.4), QPointF(x, yy))
        path.quadTo(QPointF(x + w / 2, yy + h * 1.4), QPointF(x + w, yy - h * 0.3))
        return [("path", pen, none, path)]
    if status == "neutral":
        font = QFont("DejaVu Sans")
        font.setBold(True)
        font.setPixelSize(max(1, round(size * 0.62)))
        return [("text", pen, none, font, QRectF(x - s, y - s, 2 * s, 2 * s), "?")]
    if status == "none":
        return [("line", pen, none, QPointF(x - s * 0.42, y), QPointF(x + s * 0.42, y))]
    if status == "error":
        dot = QColor(glyph_color)
        return [
            ("line", pen, none, QPointF(x, y - s * 0.5), QPointF(x, y + s * 0.12)),
            ("ellipse", no_pen, dot, QPointF(x, y + s * 0.45), s * 0.11),
        ]
    # unknown: an ellipsis
    dot = QColor(glyph_color)
    return [("ellipse", no_pen, dot, QPointF(x + s * dx, y), s * 0.1) for dx in (-0.45, 0.0, 0.45)]


_icon_cache: dict[tuple[str, int], QIcon] = {}


def status_icon(status: str, size: int = 16) -> QIcon:
    """An icon of the marker, painted at 1x and 2x for high-DPI screens."""
    status = normalize(status)
    key = (status, size)
    icon = _icon_cache.get(key)
    if icon is None:
        icon = QIcon()
        for scale in (1, 2):
            pixmap = QPixmap(size * scale, size * scale)
            pixmap.setDevicePixelRatio(scale)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            paint_marker(painter, status, QPointF(size / 2, size / 2), size * 0.86)
            painter.end()
            icon.addPixmap(pixmap)
        _icon_cache[key] = icon
    return icon


def severity_icon(severity: object, size: int = 16) -> QIcon:
    value = str(getattr(severity, "value", severity)).lower()
    return status_icon(SEVERITY_STATUS.get(value, "neutral"), size)
