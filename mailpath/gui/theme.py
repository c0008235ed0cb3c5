"""Light, dark or the system's palette; the route drawing follows the palette's lightness."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_original: tuple[str, QPalette] | None = None


def _dark_palette() -> QPalette:
    p = QPalette()
    window = QColor("#1e2227")
    base = QColor("#15181c")
    text = QColor("#e6edf3")
    disabled = QColor("#7d8590")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#1c2026"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2d333b"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, disabled)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2a2f36"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff7b72"))
    p.setColor(QPalette.ColorRole.Link, QColor("#58a6ff"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#1f6feb"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#3d444d"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#0d1117"))
    p.setColor(QPalette.ColorRole.Light, QColor("#3d444d"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply_theme(app: QApplication, name: str) -> str:
    global _original
    if _original is None:
        if name not in ("dark", "light"):
            return "system"  # nothing changed yet: the system's style and palette stand
        _original = (app.style().name(), QPalette(app.palette()))
    if name == "dark":
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())
    elif name == "light":
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
    else:
        name = "system"
        app.setStyle(_original[0])
        app.setPalette(_original[1])
    return name


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
