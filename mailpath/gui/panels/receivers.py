"""The receivers' part of the window: the Requirements dock (its panel,
`requirements.RequirementsPanel`, is built when the dock is first shown: it sits behind the
Findings tab at start, and its table is ~5 ms of the start-up), the sender's logo beside the
Sender field, and the Analysis menu's blocklist setting (off by default: a blocklist query
tells the list's operator which address is being checked).

`ReceiversPart(window, settings, session, beside, inputs)` builds the dock, tabbed with
`beside`, and the sender's logo in `inputs` (`sender_logo`), both redrawn when the window's
session's result changes; the window calls `retranslate` and `add_to_menus`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from mailpath.gui.panels.sender_logo import InputFields, SenderLogo
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.model import Result
    from mailpath.gui.panels.requirements import RequirementsPanel
    from mailpath.gui.window.session import WindowSession

CONTEXT = "RequirementsPanel"
#: The setting that turns the DNS blocklist questions on (false when absent).
BLOCKLIST_SETTING = "analysis/blocklists"


def blocklists_enabled(settings: QSettings) -> bool:
    return settings.value(BLOCKLIST_SETTING, False) in (True, "true")


def blocklist_zones(settings: QSettings) -> tuple[str, ...]:
    """The zones a request asks when the setting is on (the CLI's `--blocklists` set)."""
    if not blocklists_enabled(settings):
        return ()
    from mailpath.core.dns.blocklist import DEFAULT_LISTS

    return tuple(DEFAULT_LISTS)


class ReceiversPart:
    """The Requirements dock and the blocklist setting, as the window holds them."""

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        session: WindowSession,
        beside: QDockWidget,
        inputs: InputFields,
    ) -> None:
        self.settings = settings
        self.session = session
        #: The sender's BIMI logo beside the Sender field (what a receiver shows in its inbox).
        self.sender_logo = SenderLogo(session, inputs)
        self._panel: RequirementsPanel | None = None
        self.dock = QDockWidget(window)
        self.dock.setObjectName("requirementsDock")
        self.dock.setWidget(QWidget())  # a stand-in until the tab is first chosen
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)
        self.dock.show()
        beside.raise_()
        self.dock.visibilityChanged.connect(self._dock_visible)
        self.act_blocklists = QAction(window)
        self.act_blocklists.setObjectName("blocklistsAction")
        self.act_blocklists.setCheckable(True)
        self.act_blocklists.setChecked(blocklists_enabled(settings))
        self.act_blocklists.toggled.connect(self._blocklists_toggled)
        window.addAction(self.act_blocklists)
        session.resultChanged.connect(lambda: self.show_result(session.result))

    def _blocklists_toggled(self, checked: bool) -> None:
        self.settings.setValue(BLOCKLIST_SETTING, checked)

    def add_to_menus(self, analysis: QMenu, panels: QMenu) -> None:
        analysis.addSeparator()
        analysis.addAction(self.act_blocklists)
        panels.addAction(self.dock.toggleViewAction())

    def _dock_visible(self, visible: bool) -> None:
        if visible and self._panel is None:
            _ = self.panel

    @property
    def panel(self) -> RequirementsPanel:
        """The Requirements table, built on first use (the tab chosen, a test asking)."""
        if self._panel is None:
            from mailpath.gui.panels.requirements import RequirementsPanel
            from mailpath.gui.panels.widgets import replace_stand_in
            from mailpath.gui.text.i18n import current_language

            panel = RequirementsPanel(self.dock)
            self._panel = panel
            panel.retranslate(current_language())
            panel.set_result(self.session.result)
            replace_stand_in(self.dock, panel)
        return self._panel

    def show_result(self, result: Result | None) -> None:
        if self._panel is not None:  # else the panel reads the session's when built
            self._panel.set_result(result)

    def retranslate(self) -> None:
        from mailpath.gui.text.i18n import current_language

        language = current_language()
        self.dock.setWindowTitle(tr(CONTEXT, "Requirements"))
        self.act_blocklists.setText(tr(CONTEXT, "Check DNS &Blocklists"))
        self.act_blocklists.setToolTip(
            tr(
                CONTEXT,
                "Also ask the DNS blocklists (Spamhaus, SpamCop, Barracuda) about the sending "
                "addresses and names. Off by default: each question tells the list's operator "
                "which address you are checking.",
            )
        )
        if self._panel is not None:
            self._panel.retranslate(language)
        self.sender_logo.retranslate()
