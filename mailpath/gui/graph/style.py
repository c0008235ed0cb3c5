"""The route's look: colours (light and dark), text sizes, and fonts measured as drawn.

Every module that paints or measures the route (`render`, `edges`, `legend`) takes its fonts
and metrics from here, so a measurement is always made with the font that is drawn."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette

MARKER_SIZE = 20.0
EDGE_MARKER_SIZE = 14.0
LOD_TEXT = 0.15  # below this zoom, nodes are drawn as plain boxes (1,000-node overviews)

#: Room around the route's items in the window's scene rectangle (so in the view when fitted).
SCENE_MARGIN = 4.0
SCENE_MARGINS = (-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)

# Text sizes in scene units; a fitted route may be drawn smaller, and zooming in (wheel,
# Ctrl +) brings the names to any size.
CAPTION_PX = 12
HEAD_PX = 16
BODY_PX = 15
EDGE_PX = 13
#: A line that does not fit is first drawn smaller, down to this share of its size, and
#: only then elided: host names are what a person reads the route for.
SHRINK_LIMIT = 0.8


@dataclass(frozen=True)
class RenderTheme:
    dark: bool
    background: QColor
    text: QColor
    muted: QColor
    border: QColor
    active: QColor
    edge: QColor
    edge_inactive: QColor
    highlight: QColor
    selection: QColor
    fills: Mapping[str, QColor]
    down_fill: QColor


LIGHT = RenderTheme(
    dark=False,
    background=QColor("#ffffff"),
    text=QColor("#1f2328"),
    muted=QColor("#57606a"),
    border=QColor("#8c959f"),
    active=QColor("#0969da"),
    edge=QColor("#424a53"),
    edge_inactive=QColor("#afb8c1"),
    highlight=QColor("#e36209"),
    selection=QColor("#0969da"),
    fills={
        "client": QColor("#ddf4ff"),
        "mailbox": QColor("#ddf4ff"),
        "sending_host": QColor("#dafbe1"),
        "forwarder": QColor("#fff1e5"),
        "sending_address": QColor("#f0fff4"),
        "mx": QColor("#fff8c5"),
        "dns": QColor("#f6f8fa"),
        "hop": QColor("#fbefff"),
        "dkim": QColor("#f6f8fa"),
        "dmarc": QColor("#f6f8fa"),
    },
    down_fill=QColor("#eaeef2"),
)

DARK = RenderTheme(
    dark=True,
    background=QColor("#0d1117"),
    text=QColor("#e6edf3"),
    muted=QColor("#9198a1"),
    border=QColor("#656c76"),
    active=QColor("#58a6ff"),
    edge=QColor("#b7bdc8"),
    edge_inactive=QColor("#3d444d"),
    highlight=QColor("#f0883e"),
    selection=QColor("#58a6ff"),
    fills={
        "client": QColor("#0c2d48"),
        "mailbox": QColor("#0c2d48"),
        "sending_host": QColor("#0f2e1a"),
        "forwarder": QColor("#3d1f0a"),
        "sending_address": QColor("#122117"),
        "mx": QColor("#33290a"),
        "dns": QColor("#161b22"),
        "hop": QColor("#271938"),
        "dkim": QColor("#161b22"),
        "dmarc": QColor("#161b22"),
    },
    down_fill=QColor("#21262d"),
)


#: The path the received message really took (hops, "actual" edges).
ACTUAL = {False: QColor("#8250df"), True: QColor("#bc8cff")}


def theme_for_palette(palette: QPalette) -> RenderTheme:
    base = palette.color(QPalette.ColorRole.Base)
    return DARK if base.lightness() < 128 else LIGHT


_fonts: dict[tuple[str, str, int, bool], QFont] = {}


def font(pixel_size: int, bold: bool = False, family: str = "") -> QFont:
    """The application's font (or `family`) at `pixel_size`: whatever family the desktop or
    the application chose (DejaVu Sans, Noto Sans CJK JP...), so every measurement below is
    made with the font that is drawn."""
    key = (QGuiApplication.font().family(), family, pixel_size, bold)
    f = _fonts.get(key)
    if f is None:
        f = QFont(family) if family else QFont()
        f.setPixelSize(pixel_size)
        f.setBold(bold)
        # Stable rendering between screen and export (no hinting differences).
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        _fonts[key] = f
    return f


#: What else measured text with the old fonts (`nodetext`'s layouts): cleared with them.
_dependent_caches: list[Callable[[], None]] = []


def when_fonts_change(clear: Callable[[], None]) -> None:
    """`clear` is called with `clear_font_cache` (a module loaded later registers its own)."""
    _dependent_caches.append(clear)


def clear_font_cache() -> None:
    """Call after the application font changed (language switch)."""
    _fonts.clear()
    _metrics_cache.clear()
    _advance_cache.clear()
    for clear in _dependent_caches:
        clear()


_metrics_cache: dict[tuple[str, int, bool], QFontMetricsF] = {}


def font_metrics(f: QFont) -> QFontMetricsF:
    key = (f.family(), f.pixelSize(), f.bold())
    m = _metrics_cache.get(key)
    if m is None:
        m = QFontMetricsF(f)
        _metrics_cache[key] = m
    return m


_advance_cache: dict[tuple[str, int, bool, str], float] = {}


def text_width(text: str, f: QFont) -> float:
    key = (f.family(), f.pixelSize(), f.bold(), text)
    w = _advance_cache.get(key)
    if w is None:
        w = font_metrics(f).horizontalAdvance(text)
        if len(_advance_cache) > 20000:
            _advance_cache.clear()
        _advance_cache[key] = w
    return w
