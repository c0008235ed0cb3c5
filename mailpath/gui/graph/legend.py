"""The legend (the window's strip under the graph, the exported box) and the exported title
with its verdict line."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, TypeAlias, cast

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from mailpath.gui.graph import markers, transport
from mailpath.gui.graph.edges import edge_pen
from mailpath.gui.graph.style import MARKER_SIZE, RenderTheme, font
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import EdgeAttrs, EdgeKind
    from mailpath.gui.text.labels import RouteLike

    #: What a legend cell shows: a marker's status, a line's edge attributes, or (the
    #: title) nothing.
    LegendItem: TypeAlias = str | EdgeAttrs | None

# ---------------------------------------------------------------- legend and title


def legend_entries() -> list[tuple[str, str]]:
    return [(s, markers.status_name(s)) for s in markers.STATUSES]


def legend_line_entries(locks: bool = True) -> list[tuple[EdgeAttrs, str]]:
    """The legend's line cells; the transport locks only where a route shows them (`locks`):
    a legend lists what is drawn."""
    # EdgeKind's values ("smtp", "dns": a StrEnum compares equal to them): the legend of the
    # first launch's empty graph area is drawn before any route, and the attribute module's
    # enums are ~1.4 ms of the start-up.
    smtp, dns = cast("EdgeKind", "smtp"), cast("EdgeKind", "dns")
    return [
        ({"kind": smtp, "active": True}, tr("Legend", "route mail takes")),
        ({"kind": smtp, "active": False}, tr("Legend", "fallback, not used now")),
        ({"kind": dns, "active": True}, tr("Legend", "DNS lookup it depends on")),
        *(transport.legend_entries() if locks else ()),
    ]


def shows_locks(graph: RouteLike | None) -> bool:
    """Whether any SMTP edge of `graph` carries a transport lock."""
    return graph is not None and any(a.get("transport") for _, _, a in graph.edges(data=True))


def legend_size(columns: int = 1, locks: bool = True) -> QSizeF:
    metrics = QFontMetricsF(font(11))
    title_h = QFontMetricsF(font(11, bold=True)).height() + 4
    entries = [text for _, text in legend_entries()] + [t for _, t in legend_line_entries(locks)]
    row_h = max(metrics.height(), MARKER_SIZE * 0.8) + 4
    text_w = max(metrics.horizontalAdvance(t) for t in entries)
    cell_w = 36 + text_w + 14
    rows = math.ceil(len(entries) / columns)
    title_w = QFontMetricsF(font(11, bold=True)).horizontalAdvance(tr("Legend", "Legend"))
    return QSizeF(max(cell_w * columns, title_w) + 16, title_h + rows * row_h + 12)


def paint_legend(
    painter: QPainter, origin: QPointF, theme: RenderTheme, columns: int = 1, locks: bool = True
) -> QRectF:
    size = legend_size(columns, locks)
    rect = QRectF(origin, size)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    bg = QColor(theme.background)
    bg.setAlpha(235)
    painter.setBrush(QBrush(bg))
    painter.setPen(QPen(theme.border, 1.0))
    painter.drawRoundedRect(rect, 6, 6)
    metrics = QFontMetricsF(font(11))
    title_h = QFontMetricsF(font(11, bold=True)).height() + 4
    painter.setFont(font(11, bold=True))
    painter.setPen(theme.text)
    painter.drawText(
        QRectF(rect.left() + 8, rect.top() + 6, rect.width() - 16, title_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        tr("Legend", "Legend"),
    )
    row_h = max(metrics.height(), MARKER_SIZE * 0.8) + 4
    cells: list[tuple[str, LegendItem, str]] = _legend_cells(locks)
    rows = math.ceil(len(cells) / columns)
    col_w = (rect.width() - 16) / columns
    for index, (_what, entry, text) in enumerate(cells):
        col, row = divmod(index, rows)
        x = rect.left() + 8 + col * col_w
        y = rect.top() + 6 + title_h + row * row_h
        if isinstance(entry, str):  # a marker
            markers.paint_marker(painter, entry, QPointF(x + 10, y + row_h / 2), MARKER_SIZE * 0.8)
        elif entry is not None:  # a line
            painter.setPen(edge_pen(entry, theme, False))
            painter.drawLine(QLineF(x, y + row_h / 2, x + 26, y + row_h / 2))
            transport.paint_legend_lock(painter, entry, QPointF(x + 13, y + row_h / 2))
        painter.setFont(font(11))
        painter.setPen(theme.text)
        painter.drawText(
            QRectF(x + 34, y, col_w - 34, row_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
    painter.restore()
    return rect


LEGEND_STRIP_PX = 12


def _legend_cells(locks: bool = True) -> list[tuple[str, LegendItem, str]]:
    cells: list[tuple[str, LegendItem, str]] = [("marker", s, t) for s, t in legend_entries()]
    cells += [("line", a, t) for a, t in legend_line_entries(locks)]
    return cells


#: Between two cells of the strip: close enough that the Japanese legend keeps to one row
#: beside no dock at 1280 px (a second row took the graph's height).
LEGEND_GAP = 12.0


def legend_flow(
    width: float, locks: bool = True
) -> tuple[list[tuple[QRectF, str, LegendItem, str]], QSizeF]:
    """The legend as one or more compact rows that fit `width`: the window's strip.

    Returns each cell's rectangle (with what it shows) and the size of the whole."""
    metrics = QFontMetricsF(font(LEGEND_STRIP_PX))
    bold = QFontMetricsF(font(LEGEND_STRIP_PX, bold=True))
    row_h = max(metrics.height(), MARKER_SIZE * 0.75) + 4
    gap = LEGEND_GAP
    title = tr("Legend", "Legend")
    out: list[tuple[QRectF, str, LegendItem, str]] = []
    x = y = 0.0
    used = 0.0
    title_w = bold.horizontalAdvance(title) + 12
    out.append((QRectF(0, 0, title_w, row_h), "title", None, title))
    x = title_w
    for what, entry, text in _legend_cells(locks):
        w = (22 if what == "marker" else 34) + metrics.horizontalAdvance(text)
        if x > title_w and x + w > width:
            x, y = title_w, y + row_h
        out.append((QRectF(x, y, w, row_h), what, entry, text))
        used = max(used, x + w)
        x += w + gap
    return out, QSizeF(used, y + row_h)


def paint_legend_flow(
    painter: QPainter, origin: QPointF, theme: RenderTheme, width: float, locks: bool = True
) -> None:
    cells, _ = legend_flow(width, locks)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for rect, what, entry, text in cells:
        rect = rect.translated(origin)
        mid = rect.center().y()
        painter.setPen(theme.text)
        if what == "title":
            painter.setFont(font(LEGEND_STRIP_PX, bold=True))
            painter.drawText(rect, align, text)
            continue
        if isinstance(entry, str):  # a marker
            markers.paint_marker(painter, entry, QPointF(rect.left() + 8, mid), MARKER_SIZE * 0.75)
            text_left = rect.left() + 22
        else:  # a line
            assert entry is not None
            painter.setPen(edge_pen(entry, theme, False))
            painter.drawLine(QLineF(rect.left(), mid, rect.left() + 26, mid))
            transport.paint_legend_lock(painter, entry, QPointF(rect.left() + 13, mid))
            text_left = rect.left() + 34
        painter.setFont(font(LEGEND_STRIP_PX))
        painter.setPen(theme.text)
        painter.drawText(
            QRectF(text_left, rect.top(), rect.right() - text_left + 4, rect.height()), align, text
        )
    painter.restore()


#: The verdict line under an exported title: (sentence, status of the route).
Headline = tuple[str, str]

TITLE_PX = 16
HEADLINE_PX = 14


def _headline_lines(headline: Headline | None, width: float) -> list[str]:
    if not headline or not headline[0]:
        return []
    metrics = QFontMetricsF(font(HEADLINE_PX))
    words = headline[0].split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def title_height(headline: Headline | None = None, width: float = 1e9) -> float:
    height = QFontMetricsF(font(TITLE_PX, bold=True)).height() + 14
    lines = _headline_lines(headline, max(100.0, width - MARKER_SIZE - 8))
    if lines:
        height += len(lines) * QFontMetricsF(font(HEADLINE_PX)).height() + 6
    return height


def paint_title(
    painter: QPainter,
    rect: QRectF,
    title: str,
    theme: RenderTheme,
    headline: Headline | None = None,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font(TITLE_PX, bold=True))
    painter.setPen(theme.text)
    title_h = QFontMetricsF(font(TITLE_PX, bold=True)).height() + 4
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_h), align, title)
    lines = _headline_lines(headline, max(100.0, rect.width() - MARKER_SIZE - 8))
    if headline and lines:
        line_h = QFontMetricsF(font(HEADLINE_PX)).height()
        top = rect.top() + title_h + 6
        status = markers.normalize(headline[1])
        markers.paint_marker(
            painter, status, QPointF(rect.left() + MARKER_SIZE / 2, top + line_h / 2), MARKER_SIZE
        )
        painter.setFont(font(HEADLINE_PX))
        painter.setPen(theme.text)
        for i, line in enumerate(lines):
            painter.drawText(
                QRectF(rect.left() + MARKER_SIZE + 8, top + i * line_h, rect.width(), line_h),
                align,
                line,
            )
    painter.restore()
