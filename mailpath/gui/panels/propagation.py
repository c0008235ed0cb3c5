"""Has my change reached everyone? The Analysis menu's propagation checks, wired in one place.

- Analysis → Ask the Domain's Own Name Servers (checkable, remembered): the analysis also runs
  the authoritative view in the worker; the "Authoritative servers" panel shows it and its
  findings join the others.
- Analysis → Re-check Until It Passes: the "Re-check" panel (`watch`).
- Analysis → Compare Resolvers…: `compare.CompareDialog`.
- The status bar says which transport answered ("via DoH https://…"); a DoH/DoT certificate
  that does not verify is a dialog naming the server (nothing is retried over plain DNS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QWidget

from mailpath.gui.panels.widgets import replace_stand_in
from mailpath.gui.text.i18n import tr
from mailpath.gui.window import resolver_field

if TYPE_CHECKING:
    from mailpath.core.session import AnalysisRequest
    from mailpath.gui.panels.authoritative import AuthoritativePanel
    from mailpath.gui.panels.compare import CompareDialog
    from mailpath.gui.panels.watch import WatchMode
    from mailpath.gui.window.headline import StatusLine
    from mailpath.gui.window.inputs import InputBar
    from mailpath.gui.window.session import WindowSession

#: The port the zone's servers are asked on: 53 for people; tests serve it elsewhere.
AUTHORITATIVE_PORT = 53


class PropagationChecks(QObject):
    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        session: WindowSession,
        inputs: InputBar,
        status: StatusLine,
        start_analysis: Callable[[], bool],
        docks: tuple[QDockWidget, QDockWidget],
    ) -> None:
        super().__init__(parent)
        #: Where the dialogs open; the actions' owner.
        self.parent_widget = parent
        self.settings = settings
        self.session = session
        self.inputs = inputs
        self.status = status
        #: Analyze what the inputs say (the re-check's runs); False when they cannot be.
        self.start_analysis = start_analysis
        self.authoritative_port = AUTHORITATIVE_PORT
        self.compare_dialog: CompareDialog | None = None
        self.tls_failure: str | None = None
        # Both panels are built when their dock is first shown (or they are asked for):
        # hidden at start, the first frames need not wait for them. The docks are the
        # window's, for the Panels menu and the saved layout.
        self._panel: AuthoritativePanel | None = None
        self._watch: WatchMode | None = None
        self.authoritative_dock, self.watch_dock = docks
        for dock in docks:
            dock.setWidget(QWidget())
            dock.hide()
        self.via = QLabel(status.bar)
        self.via.setObjectName("resolverVia")
        self.via.setTextFormat(Qt.TextFormat.PlainText)
        self.via.setVisible(False)
        self.via.setContentsMargins(8, 0, 8, 0)  # apart from the re-check's countdown beside it
        status.bar.addPermanentWidget(self.via)
        self.act_authoritative = QAction(parent)
        self.act_authoritative.setCheckable(True)
        self.act_authoritative.setChecked(
            settings.value("analysis/authoritative", False) in (True, "true")
        )
        self.act_authoritative.toggled.connect(self._authoritative_toggled)
        self.act_watch = QAction(parent)
        self.act_watch.setCheckable(True)
        self.act_watch.triggered.connect(self._watch_triggered)
        self.act_compare = QAction(parent)
        self.act_compare.triggered.connect(self.open_compare)
        for action in (self.act_authoritative, self.act_watch, self.act_compare):
            parent.addAction(action)
        session.finished.connect(self._on_finished)
        session.resultChanged.connect(self.show_result)
        # A new run may use another resolver: the last run's is not named while it runs.
        session.started.connect(lambda _request: self.via.setVisible(False))
        self.authoritative_dock.visibilityChanged.connect(self._authoritative_dock_visible)
        self.watch_dock.visibilityChanged.connect(self._watch_dock_visible)

    def _authoritative_dock_visible(self, visible: bool) -> None:
        if visible and self._panel is None:
            _ = self.panel

    def _watch_dock_visible(self, visible: bool) -> None:
        if visible and self._watch is None:
            _ = self.watch

    @property
    def panel(self) -> AuthoritativePanel:
        """The "Authoritative servers" panel, built on first use."""
        if self._panel is None:
            from mailpath.gui.panels.authoritative import AuthoritativePanel

            panel = AuthoritativePanel(self.authoritative_dock)
            self._panel = panel
            replace_stand_in(self.authoritative_dock, panel)
        return self._panel

    @property
    def watch(self) -> WatchMode:
        """The Re-check loop and its panel, built on first use."""
        if self._watch is None:
            from mailpath.gui.panels.watch import WatchMode

            watch = WatchMode(self.session, self.start_analysis, self.status, self.parent_widget)
            self._watch = watch
            replace_stand_in(self.watch_dock, watch.panel)
            watch.activeChanged.connect(self.act_watch.setChecked)
            # The watch hears of a finished analysis before this part does, as it always has.
            self.session.finished.disconnect(self._on_finished)
            self.session.finished.connect(self._on_finished)
        return self._watch

    def add_to_menus(self, analysis: QMenu, panels: QMenu) -> None:
        analysis.addSeparator()
        analysis.addAction(self.act_authoritative)
        analysis.addAction(self.act_watch)
        analysis.addAction(self.act_compare)
        panels.addAction(self.authoritative_dock.toggleViewAction())
        panels.addAction(self.watch_dock.toggleViewAction())

    def retranslate(self) -> None:
        # Analysis menu: A C D M are taken; S, U and R are not.
        self.act_authoritative.setText(
            tr("PropagationChecks", "Ask the Domain's Own Name &Servers")
        )
        self.act_authoritative.setToolTip(
            tr(
                "PropagationChecks",
                "Also ask each of the zone's name servers directly, and compare their answers "
                "with each other and with your resolver",
            )
        )
        self.act_watch.setText(tr("PropagationChecks", "Re-check &Until It Passes"))
        self.act_compare.setText(tr("PropagationChecks", "Compare &Resolvers…"))
        self.authoritative_dock.setWindowTitle(tr("PropagationChecks", "Authoritative servers"))
        self.watch_dock.setWindowTitle(tr("PropagationChecks", "Re-check"))
        if self._panel is not None:
            self._panel.retranslate()
        if self._watch is not None:
            self._watch.retranslate()
        self._show_via()
        if self.compare_dialog is not None:
            self.compare_dialog.retranslate()

    # ------------------------------------------------------------ the analysis

    def adjust_request(self, request: AnalysisRequest) -> AnalysisRequest:
        """The request as the window's choices make it (the authoritative view or not)."""
        if not self.act_authoritative.isChecked():
            return request
        return replace(request, authoritative=True, authoritative_port=self.authoritative_port)

    def show_result(self) -> None:
        result = self.session.result
        if result is None:
            return
        view = result.authoritative
        if self._panel is None and view is None:
            return  # nothing to show in a panel that was never built
        if view is not self.panel.view:
            self.panel.set_view(view)

    def _on_finished(self) -> None:
        self._show_via()
        outcome = self.session.outcome
        failure = outcome.tls_failure if outcome is not None else None
        self.tls_failure = failure
        if failure:
            from mailpath.gui.panels.compare import show_tls_failure, tls_failure_text

            self.status.set_text(" ".join(tls_failure_text(failure).split()))
            if not self.session.quiet:
                show_tls_failure(self.parent_widget, failure)

    def _show_via(self) -> None:
        result = self.session.result
        info = result.resolver if result is not None else None
        if info is None:
            self.via.setVisible(False)
            return
        text = resolver_field.transport_text(info.kind, info.address)
        outcome = self.session.outcome
        if outcome is not None and outcome.replay_path is not None:
            # A replay asked nobody: the resolver is the one the recording was made through.
            text = tr("ResolverField", "recorded {via}").format(via=text)
        self.via.setText(text)
        self.via.setToolTip(text.replace("<", "&lt;"))
        self.via.setVisible(True)

    def _authoritative_toggled(self, checked: bool) -> None:
        self.settings.setValue("analysis/authoritative", checked)
        if checked:
            self.authoritative_dock.show()
            self.authoritative_dock.raise_()

    def _watch_triggered(self, checked: bool) -> None:
        if checked:
            self.watch_dock.show()
            self.watch_dock.raise_()
            self.watch.start()
        elif self._watch is not None:
            self._watch.stop()

    def open_compare(self) -> CompareDialog:
        from mailpath.gui.panels.compare import CompareDialog

        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(self.parent_widget, self.session, self.inputs)
        else:
            self.compare_dialog.fill_choices()
            self.compare_dialog.retranslate()
        self.compare_dialog.show()
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
            self.compare_dialog.raise_()
            self.compare_dialog.activateWindow()
        return self.compare_dialog

    def shutdown(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        if self.compare_dialog is not None:
            self.compare_dialog.shutdown()
