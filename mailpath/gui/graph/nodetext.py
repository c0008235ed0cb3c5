"""A node's text: its lines (caption, title, body), where each is drawn and in which font,
and the size a node needs for them (`layout` asks, `render` paints).

A line too wide for its node is broken in two at a space where the node is high enough, then
drawn smaller, then elided; a node too low for its caption above the title has it beside
the title where it fits (a compact route, `detail.py`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QGuiApplication

from mailpath.gui.graph.edges import break_in_two
from mailpath.gui.graph.style import (
    BODY_PX,
    CAPTION_PX,
    HEAD_PX,
    MARKER_SIZE,
    SHRINK_LIMIT,
    font,
    font_metrics,
    text_width,
    when_fonts_change,
)
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import NodeAttrs


def node_caption(attrs: NodeAttrs) -> str:
    """A small line above MX labels: primary or fallback, and DOWN when marked so."""
    if attrs.get("kind") != "mx" or attrs.get("role") not in ("primary", "fallback"):
        return ""
    role = attrs.get("role")
    caption = tr("Route", "primary") if role == "primary" else tr("Route", "fallback")
    if attrs.get("down"):
        caption += " · " + tr("Route", "DOWN (what-if)")
    elif attrs.get("active"):
        caption += " · " + tr("Route", "mail goes here")
    return caption


@dataclass(frozen=True)
class TextLine:
    """One line of a node's text as drawn: what is shown, in which font, where."""

    text: str
    shown: str
    font: QFont
    rect: QRectF
    role: str  # "caption", "head" or "body"


#: Below this share of their size the lines of a node are not shrunk further to fit its
#: height: the caption is left out instead, never the host name.
MIN_LINE_SCALE = 0.62


def node_text_rect(rect: QRectF) -> QRectF:
    return QRectF(
        rect.left() + MARKER_SIZE + 12,
        rect.top() + 3,
        rect.width() - MARKER_SIZE - 18,
        rect.height() - 6,
    )


def _node_lines(attrs: NodeAttrs) -> list[tuple[str, str]]:
    caption = node_caption(attrs)
    label = str(attrs.get("label", ""))
    lines = [("caption", caption)] if caption else []
    for i, line in enumerate(label.split("\n") if label else []):
        lines.append(("head" if i == 0 else "body", line))
    return lines


_ROLE_PX = {"caption": CAPTION_PX, "head": HEAD_PX, "body": BODY_PX}


def _role_font(role: str, scale: float = 1.0) -> QFont:
    px = max(1, round(_ROLE_PX[role] * scale))
    return font(px, bold=role == "head")


def node_text_layout(attrs: NodeAttrs, rect: QRectF) -> list[TextLine]:
    """Where each line of a node's text goes, measured with the font actually used.

    Lines are centred vertically. When their natural height does not fit the node (fonts
    with tall line metrics, such as Noto Sans CJK, need ~20 % more than DejaVu Sans) all
    lines are drawn smaller together; a line is never dropped for it, except the caption
    as a last resort (or, in a low node, it goes beside the title). A line too wide is first
    broken at a space where the node is high enough, then drawn smaller, then elided."""
    lines = _node_lines(attrs)
    if not lines:
        return []
    # Measured once per text, node size and font, at the origin, then moved where the node
    # is: a window repaints every visible node, an export draws a thousand.
    key = (tuple(lines), rect.width(), rect.height(), QGuiApplication.font().family())
    laid = _layout_cache.get(key)
    if laid is None:
        if len(_layout_cache) > 5000:
            _layout_cache.clear()
        laid = _layout_cache[key] = _lay_out(lines, QRectF(0, 0, rect.width(), rect.height()))
    dx, dy = rect.left(), rect.top()
    return [
        TextLine(line.text, line.shown, line.font, line.rect.translated(dx, dy), line.role)
        for line in laid
    ]


_layout_cache: dict[tuple[object, ...], list[TextLine]] = {}


def clear_layout_cache() -> None:
    """Called after the application font changed (language switch: `style.clear_font_cache`)."""
    _layout_cache.clear()


when_fonts_change(clear_layout_cache)


def _broken(lines: list[tuple[str, str]], width: float) -> list[tuple[str, str]]:
    """`lines` with each body line wider than `width` broken in two at a space (a host name
    and its address, "SPF none" and "FCrDNS ok": see `edges.break_in_two`)."""
    out: list[tuple[str, str]] = []
    for role, text in lines:
        if role == "body" and text_width(text, _role_font(role)) > width:
            out.extend((role, part) for part in _parts(text, role))
        else:
            out.append((role, text))
    return out


#: A line is broken only where its wider part is at most this share of it (a host name and
#: its address: yes; "by" and a long address: no, that would narrow nothing).
USEFUL_BREAK = 0.7


def _parts(text: str, role: str) -> list[str]:
    """`text` in two parts where a break narrows it usefully, else whole."""
    if role != "body":
        return [text]
    parts = break_in_two(text)
    f = _role_font(role)
    if len(parts) < 2 or max(text_width(p, f) for p in parts) > USEFUL_BREAK * text_width(text, f):
        return [text]
    return parts


def _lines_height(lines: list[tuple[str, str]], scale: float = 1.0) -> float:
    return sum(font_metrics(_role_font(role, scale)).height() for role, _ in lines)


#: Between a node's title and its caption drawn beside it.
CAPTION_GAP = 8.0


def _beside(lines: list[tuple[str, str]], width: float) -> bool:
    """Whether the caption (an MX host's role) fits beside the title on one line `width`
    wide."""
    if len(lines) < 2 or lines[0][0] != "caption" or lines[1][0] != "head":
        return False
    (_, caption), (_, head) = lines[:2]
    need = text_width(head, _role_font("head")) + CAPTION_GAP
    return need + text_width(caption, _role_font("caption")) <= width


def _lay_out(lines: list[tuple[str, str]], rect: QRectF) -> list[TextLine]:
    area = node_text_rect(rect)
    # A line too wide for the node is broken at a space where the node is high enough for
    # one more line at full size (a compact route's narrow columns, `layout`).
    broken = _broken(lines, area.width())
    if len(broken) > len(lines) and _lines_height(broken) <= area.height():
        lines = broken
    # A node too low for its caption above the title has it beside the title, where it fits
    # (a compact route's MX hosts: "MX 10  fallback").
    if (
        _lines_height(lines) > area.height()
        and _beside(lines, area.width())
        and _lines_height(lines[1:]) <= area.height()
    ):
        below = _lay_out(lines[1:], rect)
        head = below[0]
        x = head.rect.left() + text_width(head.text, head.font) + CAPTION_GAP
        room = QRectF(x, head.rect.top(), area.right() - x, head.rect.height())
        f = _role_font("caption")
        return [TextLine(lines[0][1], lines[0][1], f, room, "caption"), *below]
    scale = 1.0
    while True:
        heights = [font_metrics(_role_font(role, scale)).height() for role, _ in lines]
        total = sum(heights)
        if total <= area.height() or scale <= MIN_LINE_SCALE:
            break
        scale = max(MIN_LINE_SCALE, scale * area.height() / total - 0.005)
    if total > area.height() and lines[0][0] == "caption" and len(lines) > 1:
        lines = lines[1:]
        heights = heights[1:]
        total = sum(heights)
    y = area.top() + (area.height() - total) / 2
    out: list[TextLine] = []
    for (role, text), h in zip(lines, heights, strict=True):
        f = _fitting_font(text, area.width(), _role_font(role, scale))
        shown = text
        if text_width(text, f) > area.width():
            shown = font_metrics(f).elidedText(text, Qt.TextElideMode.ElideMiddle, area.width())
        out.append(TextLine(text, shown, f, QRectF(area.left(), y, area.width(), h), role))
        y += h
    return out


def _fitting_font(text: str, width: float, f: QFont) -> QFont:
    """`f`, or a smaller size of it (down to SHRINK_LIMIT) at which `text` fits `width`."""
    if text_width(text, f) <= width:
        return f
    size = f.pixelSize()
    smallest = max(1, math.ceil(size * SHRINK_LIMIT))
    for px in range(size - 1, smallest - 1, -1):
        smaller = font(px, f.bold())
        if text_width(text, smaller) <= width:
            return smaller
    return font(smallest, f.bold())


def node_text_height(attrs: NodeAttrs, width: float = math.inf, beside: bool = False) -> float:
    """The height of a node `width` wide at which every line of its text fits at full size
    (a CJK font's taller lines need more than the core's 64 units for three lines), a line
    too wide broken in two, and with `beside` the caption beside the title where it fits
    (`_lay_out`)."""
    lines = _node_lines(attrs)
    if not lines:
        return 0.0
    if width < math.inf:
        area = node_text_rect(QRectF(0, 0, width, 0)).width()
        lines = _broken(lines, area)
        if beside and _beside(lines, area):
            lines = lines[1:]
    return math.ceil(_lines_height(lines)) + 6


def node_text_width(attrs: NodeAttrs, broken: bool = False) -> float:
    """The node width at which every line of its text fits at full size; `broken`: with its
    body lines broken in two where they have a space (`_lay_out`)."""
    widest = 0.0
    for role, text in _node_lines(attrs):
        parts = _parts(text, role) if broken else [text]
        widest = max(widest, *(text_width(part, _role_font(role)) for part in parts))
    return math.ceil(widest) + MARKER_SIZE + 18 + 2
