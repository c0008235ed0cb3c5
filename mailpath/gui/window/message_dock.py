"""The Message dock: the received message of the session's result, hops and signatures.

The panel is built when the dock is first shown (or asked for): until a message is opened the
dock is hidden, and the first frames need not wait for it. The dock itself exists from the
start, for the Panels menu and the saved layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

if TYPE_CHECKING:
    from mailpath.core.model import MessageInfo
    from mailpath.gui.panels.message import MessagePanel
    from mailpath.gui.window.session import WindowSession


class MessageDock:
    def __init__(
        self,
        session: WindowSession,
        dock: QDockWidget,
        hop_selected: Callable[[int], None],
        tab_after: Callable[[], QWidget],
        beside: Callable[[], Sequence[QDockWidget]] = tuple,
    ) -> None:
        self.session = session
        self.dock = dock
        self.hop_selected = hop_selected
        #: The widget the panel's first stop follows in the Tab order.
        self.tab_after = tab_after
        #: The docks of its group (this one among them: whose width it keeps when shown).
        self.beside = beside
        self._panel: MessagePanel | None = None
        self._shown: MessageInfo | None = None
        #: A message was opened: its dock stays in front when the result arrives.
        self.raise_on_result = False
        dock.setWidget(QWidget())
        dock.visibilityChanged.connect(self._visible)
        session.resultChanged.connect(self._show_result)
        session.finished.connect(self._finished)

    @property
    def panel(self) -> MessagePanel:
        """The dock's panel, built on first use."""
        if self._panel is None:
            self._build()
        assert self._panel is not None
        return self._panel

    @property
    def built(self) -> bool:
        return self._panel is not None

    def _visible(self, visible: bool) -> None:
        if visible and self._panel is None:
            self._build()

    def _build(self) -> None:
        from mailpath.gui.panels.message import MessagePanel
        from mailpath.gui.panels.widgets import replace_stand_in

        panel = MessagePanel(self.dock)
        panel.hop_selected.connect(self.hop_selected)
        self._panel = panel
        replace_stand_in(self.dock, panel)
        panel.retranslate()
        # Its place in the window's tab order: after the SPF trace, the right docks' last.
        QWidget.setTabOrder(self.tab_after(), panel.hops)
        QWidget.setTabOrder(panel.hops, panel.auth)

    def retranslate(self) -> None:
        if self._panel is not None:
            self._panel.retranslate()

    def show_opened(self) -> None:
        """A message was opened: the dock is shown now and stays in front for its result.

        Shown beside docks already open, it keeps their width: Qt widened the group to the
        panel's size hint (300 -> 391 px in a 1152 px window: the route's names 8.4 pt, not
        9.4); the panel wraps and scrolls in the width the person gave the docks."""
        beside = [d for d in self.beside() if d is not self.dock]
        shown = [d for d in beside if d.isVisible() and not d.isFloating()]
        width = max((d.width() for d in shown), default=0)
        self.raise_on_result = True
        self.dock.show()
        self.dock.raise_()
        window = self.dock.parentWidget()
        if width and isinstance(window, QMainWindow) and not self.dock.isFloating():
            from PySide6.QtCore import Qt, QTimer

            docks = [self.dock]  # after the layout took the panel's hint
            QTimer.singleShot(
                0, window, lambda: window.resizeDocks(docks, [width], Qt.Orientation.Horizontal)
            )

    def _show_result(self) -> None:
        result = self.session.result
        self.show_message(result.message if result is not None else None)

    def show_message(self, info: MessageInfo | None) -> None:
        """The panel shows the message (None clears it); refilled only when the message
        changes, so progress redraws keep the selected hop."""
        if info is self._shown:
            return
        self._shown = info
        if info is None:
            if self._panel is not None:  # else there is nothing to clear
                self._panel.set_message(None)
            return
        from mailpath.core.message.check import message_to_json

        self.panel.set_message(message_to_json(info))

    def _finished(self) -> None:
        if not self.raise_on_result or self.session.running:
            return
        self.raise_on_result = False
        result = self.session.result
        if result is not None and result.message is not None:
            self.dock.raise_()
