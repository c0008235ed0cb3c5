"""Is my fix live yet? The window's part, wired in one place.

- Analysis → Ask the Domain's Own Name Servers (checkable, remembered): the analysis also runs
  the authoritative view in the worker; the "Authoritative servers" panel shows it and its
  findings join the others.
- Analysis → Re-check Until It Passes: the "Re-check" panel (`watch_mode`).
- Analysis → Compare Resolvers…: `compare_panel.CompareDialog`.
- The status bar says which transport answered ("via DoH https://…"); a DoH/DoT certificate
  that does not verify is a dialog naming the server (nothing is retried over plain DNS).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QWidget

from mailpath.gui.text.i18n import tr
from mailpath.gui.window import resolver_field

if TYPE_CHECKING:
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest
    from mailpath.gui.panels.authoritative import AuthoritativePanel
    from mailpath.gui.panels.compare import CompareDialog
    from mailpath.gui.panels.watch import WatchMode
    from mailpath.gui.window.main_window import MainWindow

#: The port the zone's servers are asked on: 53 for people; tests serve it elsewhere.
AUTHORITATIVE_PORT = 53


def show_tls_failure(parent: QWidget, server: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    from mailpath.gui.panels.compare import tls_failure_text

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(tr("FixLive", "TLS certificate check failed"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tls_failure_text(server))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class FixLive(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.authoritative_port = AUTHORITATIVE_PORT
        self.compare_dialog: CompareDialog | None = None
        self.tls_failure: str | None = None
        # Both panels are built when their dock is first shown (or they are asked for):
        # hidden at start, the first frames need not wait for them. The docks are here, for
        # the Panels menu and the saved layout.
        self._panel: AuthoritativePanel | None = None
        self._watch: WatchMode | None = None
        self.authoritative_dock = self._dock("authoritativeDock", QWidget())
        self.watch_dock = self._dock("watchDock", QWidget())
        # Both want the width of the window: beside the findings, under the route.
        window.tabifyDockWidget(window.findings_dock, self.authoritative_dock)
        window.tabifyDockWidget(self.authoritative_dock, self.watch_dock)
        self.authoritative_dock.hide()
        self.watch_dock.hide()
        self.via = QLabel(window)
        self.via.setObjectName("resolverVia")
        self.via.setTextFormat(Qt.TextFormat.PlainText)
        self.via.setVisible(False)
        self.via.setContentsMargins(8, 0, 8, 0)  # apart from the re-check's countdown beside it
        window.statusBar().addPermanentWidget(self.via)
        self.act_authoritative = QAction(window)
        self.act_authoritative.setCheckable(True)
        self.act_authoritative.setChecked(
            window.settings.value("analysis/authoritative", False) in (True, "true")
        )
        self.act_authoritative.toggled.connect(self._authoritative_toggled)
        self.act_watch = QAction(window)
        self.act_watch.setCheckable(True)
        self.act_watch.triggered.connect(self._watch_triggered)
        self.act_compare = QAction(window)
        self.act_compare.triggered.connect(self.open_compare)
        for action in (self.act_authoritative, self.act_watch, self.act_compare):
            window.addAction(action)
        window.analysisFinished.connect(self._on_finished)
        # A new run may use another resolver: the last run's is not named while it runs.
        window.analysis.started.connect(lambda _request: self.via.setVisible(False))
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

            panel = AuthoritativePanel(self.window)
            self._panel = panel
            self._replace_stand_in(self.authoritative_dock, panel)
        return self._panel

    @property
    def watch(self) -> WatchMode:
        """The Re-check loop and its panel, built on first use."""
        if self._watch is None:
            from mailpath.gui.panels.watch import WatchMode

            watch = WatchMode(self.window)
            self._watch = watch
            self._replace_stand_in(self.watch_dock, watch.panel)
            watch.activeChanged.connect(self.act_watch.setChecked)
            # The watch hears of a finished analysis before this part does, as it always has.
            self.window.analysisFinished.disconnect(self._on_finished)
            self.window.analysisFinished.connect(self._on_finished)
        return self._watch

    @staticmethod
    def _replace_stand_in(dock: QDockWidget, widget: QWidget) -> None:
        stand_in = dock.widget()
        dock.setWidget(widget)
        if stand_in is not None:
            stand_in.deleteLater()

    def _dock(self, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def add_to_menus(self, analysis: QMenu, panels: QMenu) -> None:
        analysis.addSeparator()
        analysis.addAction(self.act_authoritative)
        analysis.addAction(self.act_watch)
        analysis.addAction(self.act_compare)
        panels.addAction(self.authoritative_dock.toggleViewAction())
        panels.addAction(self.watch_dock.toggleViewAction())

    def retranslate(self) -> None:
        # Analysis menu: A C D R are taken; S, U and M are not.
        self.act_authoritative.setText(tr("FixLive", "Ask the Domain's Own Name &Servers"))
        self.act_authoritative.setToolTip(
            tr(
                "FixLive",
                "Also ask each of the zone's name servers directly, and compare their answers "
                "with each other and with your resolver",
            )
        )
        self.act_watch.setText(tr("FixLive", "Re-check &Until It Passes"))
        self.act_compare.setText(tr("FixLive", "Co&mpare Resolvers…"))
        self.authoritative_dock.setWindowTitle(tr("FixLive", "Authoritative servers"))
        self.watch_dock.setWindowTitle(tr("FixLive", "Re-check"))
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

    def show_result(self, result: Result) -> None:
        view = result.authoritative
        if self._panel is None and view is None:
            return  # nothing to show in a panel that was never built
        if view is not self.panel.view:
            self.panel.set_view(view)

    def _on_finished(self) -> None:
        self._show_via()
        extra = self.window.extra
        failure = extra.tls_failure if extra is not None else None
        self.tls_failure = failure
        if failure:
            self.window.status_line.set_text(" ".join(resolver_field_tls_text(failure).split()))
            if not getattr(self.window, "screenshot_mode", False):
                show_tls_failure(self.window, failure)

    def _show_via(self) -> None:
        result = self.window.result
        info = getattr(result, "resolver", None) if result is not None else None
        if info is None:
            self.via.setVisible(False)
            return
        text = resolver_field.transport_text(info.kind, info.address)
        self.via.setText(text)
        self.via.setToolTip(text.replace("<", "&lt;"))
        self.via.setVisible(True)

    def _authoritative_toggled(self, checked: bool) -> None:
        self.window.settings.setValue("analysis/authoritative", checked)
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
            self.compare_dialog = CompareDialog(self.window)
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


def resolver_field_tls_text(server: str) -> str:
    from mailpath.gui.panels.compare import tls_failure_text

    return tls_failure_text(server)
