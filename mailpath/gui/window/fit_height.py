"""A bar of word-wrapped labels as tall as its text needs (the input bar, the headline).

Part of the window's first frame: it imports nothing of the `Qt` namespace (see
`main_window`'s note on the first paint)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

_FIT_EVENTS = (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest)


class HeightForWidth(QObject):
    """A bar of word-wrapped labels (the input bar, the headline) as tall as its text needs at
    the width it has now, no taller and no shorter. A layout inside the main window does not
    ask a widget's height for its width: a narrow window squeezed the graph area below the
    headline (the legend came to cover the route), a wide one left blank lines in it."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # LayoutRequest: a label's text changed, a row (an input error) appeared or went.
        if watched is self.widget and event.type() in _FIT_EVENTS:
            self.fit()
        return False

    def fit(self) -> None:
        layout = self.widget.layout()
        if layout is None:
            return
        height = layout.heightForWidth(self.widget.width())
        fixed = self.widget.minimumHeight() == height == self.widget.maximumHeight()
        if height > 0 and not fixed:
            self.widget.setFixedHeight(height)
            # The widget's layout may have placed its rows for the old height in between (the
            # headline's note then lay below the widget's bottom, cut): place them again.
            layout.setGeometry(self.widget.rect())
