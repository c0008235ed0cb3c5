"""The main window: lays the parts out and connects them, and nothing else.

What is on screen is the window's session (`session.WindowSession`: the request, the result,
the hosts marked down, stale or not), a QObject with typed signals. The parts subscribe to it
and are given only what they show: the input bar (`inputs`), the headline and status line
(`headline`), run control (`analysis`), the route and its panels (`graph.interaction`), the
Message dock (`message_dock`), files (`files`), menus and shortcuts (`menus`) and the
propagation checks (`panels.propagation`). No part holds the window; `_connect_signals` and
`_connect_actions` say who hears what.

Start-up is in two steps. The constructor builds only what the first frame shows: the menu
bar's titles, the input fields, an empty graph area and the status line. Everything else is
built by `ensure_built()`, which a deferred window runs right after its first paint. The core
(dnspython, networkx) is imported on the first analysis.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui import theme
from mailpath.gui.text import i18n
from mailpath.gui.text.i18n import tr
from mailpath.gui.window.dock_sizes import (
    MIN_WINDOW_SIZE,
    DockWidthKeeper,
    default_dock_sizes,
    dock_sizes,
    restore_dock_sizes,
)
from mailpath.gui.window.headline import Headline, StatusLine, plain_label
from mailpath.gui.window.inputs import InputBar
from mailpath.gui.window.keyboard import chain, focus_next_shown, place_dock_tab_bars
from mailpath.gui.window.menus import WindowMenus
from mailpath.gui.window.session import WindowSession

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from mailpath.core.session import AnalysisRequest
    from mailpath.gui.graph.interaction import RouteInteraction
    from mailpath.gui.panels.propagation import PropagationChecks
    from mailpath.gui.window.analysis import AnalysisController
    from mailpath.gui.window.files import FileActions
    from mailpath.gui.window.message_dock import MessageDock

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    #: A run ended, whichever way (the session's `finished`, for whoever holds the window).
    analysisFinished = Signal()
    firstPainted = Signal()
    #: Emitted once everything after the first paint has been built.
    built = Signal()

    # The parts built after the first paint (`ensure_built`).
    analysis: AnalysisController
    route: RouteInteraction
    files: FileActions
    propagation: PropagationChecks
    message: MessageDock

    def __init__(
        self, settings: QSettings | None = None, language: str = "en", deferred: bool = False
    ) -> None:
        super().__init__()
        if settings is None:
            from mailpath.gui.settings import open_settings

            settings = open_settings()
        self.settings = settings
        self.language = language
        self.language_setting = str(self.settings.value("language", "system"))
        self.theme_name = str(self.settings.value("theme", "system"))
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.is_built = False
        self._painted = False
        self.session = WindowSession(self)

        self._build_shell()
        self.retranslate()
        self.inputs.load_recent_resolvers()  # before any set_inputs() of the command line
        self.apply_theme(self.theme_name)
        self._restore_geometry()
        if not deferred:
            self.ensure_built()

    @property
    def screenshot_mode(self) -> bool:
        """No modal dialogs (--screenshot and tests): warnings go to the status line."""
        return self.session.quiet

    @screenshot_mode.setter
    def screenshot_mode(self, quiet: bool) -> None:
        self.session.quiet = quiet

    def _restore_geometry(self) -> None:
        """The saved geometry if it fits the screens there are now; else the default size,
        centered. A tiny or off-screen window (another monitor, a test run) is not restored."""
        from PySide6.QtCore import QByteArray

        from mailpath.gui.settings import default_geometry, geometry_is_usable

        saved = self.settings.value("window/geometry")
        if (
            isinstance(saved, (QByteArray, bytes, bytearray))
            and saved
            and self.restoreGeometry(QByteArray(saved))
            and geometry_is_usable(self.geometry())
        ):
            return
        self.setGeometry(default_geometry())

    def _build_shell(self) -> None:
        """What the first frame shows: menu titles, inputs, an empty graph area, status."""
        self.status_line = StatusLine(self.statusBar())
        self.inputs = InputBar(self, self.settings, self.session, self.status_line.set_text)
        self.inputs.connect_analyze(self._analyze)
        self.headline = Headline(self.session)

        # The graph area: the view goes here after the first paint; until then, the hint.
        central = QWidget(self)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.inputs.widget)
        self.graph_area = QWidget(central)
        self.graph_area.setObjectName("graphArea")
        self.graph_layout = QVBoxLayout(self.graph_area)
        self.graph_layout.setContentsMargins(0, 0, 0, 0)
        self.graph_layout.setSpacing(0)
        # Before the first paint nothing touches the `Qt` namespace (its enums cost ~10 ms)
        # nor rich text: stretches centre the hint's lines until the view replaces them.
        self._shell_hint = QWidget(self.graph_area)
        hint_layout = QVBoxLayout(self._shell_hint)
        hint_layout.addStretch(1)
        self._shell_hint_lines: list[QLabel] = []
        for _ in range(3):
            row = QHBoxLayout()
            row.addStretch(1)
            label = QLabel(self._shell_hint)
            row.addWidget(label)
            row.addStretch(1)
            hint_layout.addLayout(row)
            self._shell_hint_lines.append(label)
        hint_layout.addStretch(1)
        self.graph_layout.addWidget(self._shell_hint)
        self.central_layout.addWidget(self.graph_area, 1)
        self.setCentralWidget(central)
        self.menus = WindowMenus(self.menuBar(), self)

    def _analyze(self) -> None:
        """Enter in a field, or Analyze, before or after the rest of the window is built."""
        self.ensure_built()
        self.analysis.start()

    def ensure_built(self) -> None:
        """Build everything the first frame did not need; at once, and only once."""
        if self.is_built:
            return
        self.is_built = True
        t0 = time.perf_counter()
        self.status_line.build()
        self.setUpdatesEnabled(False)
        try:
            self.inputs.build()
            self._build_view()
            self._build_docks()
            self._build_parts()
            self.menus.build(
                self.language_setting,
                self.theme_name,
                self.settings.value("view/legend", True) not in (False, "false"),
                [*self.right_docks, self.findings_dock],
            )
            self.propagation.add_to_menus(self.menus.menu_analysis, self.menus.menu_panels)
            self.requirements.add_to_menus(self.menus.menu_analysis, self.menus.menu_panels)
            self._connect_signals()
            self._connect_actions()
            self.retranslate()
            self._update_render_theme()
            self.inputs.load_recent()
            state = self.settings.value("window/state")
            if state is not None:
                self.restoreState(state)
            else:
                self._default_dock_sizes()
            self.legend.setVisible(self.menus.act_legend.isChecked())
        finally:
            self.setUpdatesEnabled(True)
        log.debug("window completed in %.1f ms", 1000 * (time.perf_counter() - t0))
        self.built.emit()

    def _build_view(self) -> None:
        from PySide6.QtCore import Qt

        from mailpath.gui.graph.view import LegendWidget, RouteScene, RouteView

        # The verdict of the active route, above the graph.
        self.headline.build(self)
        self.central_layout.insertWidget(1, self.headline.widget)

        self.scene = RouteScene(self)
        self.view = RouteView(self.scene, self.graph_area)
        self.view.setObjectName("routeView")
        self.graph_layout.removeWidget(self._shell_hint)
        self._shell_hint.hide()
        self._shell_hint.deleteLater()
        self.graph_layout.addWidget(self.view, 1)
        self.placeholder = plain_label("", self.view)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend = LegendWidget(self.graph_area, self.scene)
        self.legend.setAccessibleName("legend")
        self.graph_layout.addWidget(self.legend)
        # Files dropped on the graph are the window's (a message, a saved analysis).
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.view.installEventFilter(self)

    def _build_docks(self) -> None:
        from PySide6.QtCore import Qt

        from mailpath.gui.panels.details import DetailsPanel
        from mailpath.gui.panels.findings import FindingsPanel
        from mailpath.gui.panels.spf_trace import SpfTracePanel

        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.details = DetailsPanel(self)
        self.spf_panel = SpfTracePanel(self)
        self.findings = FindingsPanel(self)
        self.details_dock = self._dock("detailsDock", self.details, right)
        self.spf_dock = self._dock("spfDock", self.spf_panel, right)
        self.findings_dock = self._dock("findingsDock", self.findings, bottom)
        # The Message, Authoritative servers and Re-check panels are built when first shown.
        self.message_dock = self._dock("messageDock", None, right)
        self.authoritative_dock = self._dock("authoritativeDock", None, bottom)
        self.watch_dock = self._dock("watchDock", None, bottom)
        self.right_docks = (self.details_dock, self.spf_dock, self.message_dock)
        self.dock_widths = DockWidthKeeper(self, self.right_docks)
        self.setMinimumSize(*MIN_WINDOW_SIZE)
        self.tabifyDockWidget(self.details_dock, self.spf_dock)
        self.tabifyDockWidget(self.spf_dock, self.message_dock)
        # Both want the width of the window: beside the findings, under the route.
        self.tabifyDockWidget(self.findings_dock, self.authoritative_dock)
        self.tabifyDockWidget(self.authoritative_dock, self.watch_dock)
        for dock in (self.details_dock, self.spf_dock, self.findings_dock):
            dock.show()  # added to a window already on screen (deferred build)
        self.details_dock.raise_()
        self.findings_dock.raise_()

    def _build_parts(self) -> None:
        from mailpath.gui.graph.interaction import RouteInteraction
        from mailpath.gui.panels.propagation import PropagationChecks
        from mailpath.gui.panels.receivers import ReceiversPart
        from mailpath.gui.window.analysis import AnalysisController
        from mailpath.gui.window.files import FileActions
        from mailpath.gui.window.message_dock import MessageDock

        session, status, inputs = self.session, self.status_line, self.inputs
        self.analysis = AnalysisController(session, status, self._request_from_inputs, self)
        self.route = RouteInteraction(
            session,
            self.scene,
            self.view,
            self.details,
            self.spf_panel,
            self.findings,
            status.set_text,
            self.details_dock.raise_,
            self.analysis.idle_status,
        )
        tree, beside = (lambda: self.spf_panel.tree), (lambda: self.right_docks)
        self.message = MessageDock(
            session, self.message_dock, self.route.hop_selected, tree, beside
        )
        # Without a message there is nothing to show: the dock appears when one is opened.
        self.message_dock.hide()
        self.propagation = PropagationChecks(
            self,
            self.settings,
            session,
            self.inputs,
            status,
            self.analysis.start,
            (self.authoritative_dock, self.watch_dock),
        )
        self.requirements = ReceiversPart(self, self.settings, session, self.findings_dock, inputs)
        self.files = FileActions(
            self,
            self.settings,
            session,
            self.analysis,
            self.inputs,
            self.scene,
            self.headline,
            status,
            self.message,
        )

    def _request_from_inputs(self) -> AnalysisRequest | None:
        request = self.inputs.validate()
        if request is None:
            return None
        self.inputs.remember(request)
        return self.propagation.adjust_request(request)

    def _connect_signals(self) -> None:
        """Who hears what: the session's changes, the panels' requests."""
        session = self.session
        session.resultChanged.connect(self.position_overlays)
        session.runningChanged.connect(self.status_line.show_running)
        self.analysis.runFailed.connect(self.files.run_failed)
        self.status_line.cancel_button.clicked.connect(self.analysis.cancel)
        self.scene.nodeSelected.connect(self.route.node_selected)
        self.scene.contextMenuRequested.connect(self.route.node_context_menu)
        self.findings.subjectActivated.connect(self.route.select_node)
        self.findings.copied.connect(self.route.fix_copied)
        self.findings.explainRequested.connect(lambda key: self.menus.show_glossary(key))
        # Last: whoever waits for the end of a run sees every part updated.
        session.finished.connect(self.analysisFinished)
        self.menus.follow(session)
        self.inputs.follow(session)

    def _connect_actions(self) -> None:
        """Each menu action to the part that does it."""
        m, files, view = self.menus, self.files, self.view
        for action, slot in (
            (m.act_open, files.open_analysis_dialog),
            (m.act_save, files.save_analysis_dialog),
            (m.act_open_message, files.open_message_dialog),
            (m.act_paste_message, files.paste_message_dialog),
            (m.act_export_png, files.export_png_dialog),
            (m.act_export_svg, files.export_svg_dialog),
            (m.act_quit, self.close),
            (m.act_analyze, self.analysis.start),
            (m.act_cancel, self.analysis.cancel),
            (m.act_zoom_in, view.zoom_in),
            (m.act_zoom_out, view.zoom_out),
            (m.act_fit, view.request_fit),
            (m.act_legend, self.toggle_legend),
            (m.act_toggle_down, self.route.toggle_selected_down),
            (m.act_restore, self.route.restore_all_mx),
            (m.act_seed, files.open_seed_example),
            (m.act_example_message, files.open_example_message),
            (m.act_focus_graph, view.setFocus),
            (m.act_focus_inputs, self.inputs.sender_edit.setFocus),
        ):
            action.triggered.connect(slot)
        m.esc.activated.connect(
            lambda: self.analysis.cancel() if self.session.running else self.route.escape()
        )
        self.session.runningChanged.connect(m.act_cancel.setEnabled)
        m.languageChosen.connect(self.set_language)
        m.themeChosen.connect(lambda name: self.apply_theme(name, save=True))
        combo = self.inputs.resolver_combo
        line = combo.lineEdit()
        m.give_way_to_shortcuts([*self.inputs.line_edits(), combo, *([line] if line else [])])
        self._set_tab_order()

    def _default_dock_sizes(self) -> None:
        default_dock_sizes(self, self.details_dock, self.findings_dock)

    def _dock(self, name: str, widget: QWidget | None, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        if widget is not None:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _set_tab_order(self) -> None:
        inputs = self.inputs
        order = [
            inputs.sender_edit,
            inputs.recipient_edit,
            inputs.via_edit,
            inputs.selector_edit,
            inputs.resolver_combo,
            inputs.probe_check,
            inputs.analyze_button,
            self.view,
            self.details.tree,
            self.spf_panel.choice,
            self.spf_panel.tree,
            self.findings.tree,
            self.findings.explain_button,
            self.findings.copy_button,
        ]
        chain(order)

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        # The window system adds the application's name ("… — mailpath"): not repeated here.
        self.setWindowTitle(tr("MainWindow", "Mail route explorer"))
        self.inputs.retranslate()
        self.menus.retranslate_titles()
        hint = tr(
            "MainWindow",
            "Type a sender and a recipient and press Enter.\n"
            "Or open a received message (File → Open Message), or drop it here.\n"
            "Help → Open Example shows a complete route without network.",
        )
        if self.is_built:
            self.placeholder.setText(hint)
        else:
            for label, line in zip(self._shell_hint_lines, hint.splitlines(), strict=False):
                label.setText(line)  # our own words: no markup in them
        if not self.is_built:
            self.status_line.set_text(self.status_line.idle_text(None))
            return
        self._retranslate_rest()

    def _retranslate_rest(self) -> None:
        from mailpath.gui.graph import style

        # The fonts belong to the old language (and what was measured with them).
        style.clear_font_cache()
        self.status_line.retranslate()
        self.view.setAccessibleName(tr("MainWindow", "Delivery route graph"))
        self.view.setAccessibleDescription(
            tr(
                "MainWindow",
                "Arrow keys select nodes; D marks the selected MX host down; Ctrl+0 fits.",
            )
        )
        self.headline.retranslate()
        self.details_dock.setWindowTitle(tr("MainWindow", "Details"))
        self.spf_dock.setWindowTitle(tr("MainWindow", "SPF trace"))
        self.findings_dock.setWindowTitle(tr("MainWindow", "Findings"))
        self.message_dock.setWindowTitle(tr("MainWindow", "Message"))
        self.menus.retranslate()
        self.inputs.retranslate_errors()
        self.details.retranslate()
        self.spf_panel.retranslate()
        self.findings.retranslate()
        self.message.retranslate()
        self.propagation.retranslate()
        self.requirements.retranslate()
        self.legend.refresh()
        self.position_overlays()
        if self.session.result is not None:
            self.session.resultChanged.emit()  # every part draws it again, in the new words
        else:
            self.headline.update()
        self.scene.update()
        if not self.session.running:
            self.status_line.set_text(self.analysis.idle_status())

    # ------------------------------------------------------------ language, theme

    def set_language(self, code: str) -> None:
        self.language_setting = code
        self.settings.setValue("language", code)
        lang = i18n.resolve_language(None if code == "system" else code)
        sizes = self._dock_sizes()
        fitted = self._route_fitted()
        self.language = i18n.install(lang)
        if self.is_built:
            self.menus.language_actions[code].setChecked(True)
        self.retranslate()
        restore_dock_sizes(self, sizes)
        self._refit(fitted)

    def apply_theme(self, name: str, save: bool = False) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        sizes = self._dock_sizes()
        fitted = self._route_fitted()
        self.theme_name = theme.apply_theme(app, name)
        if save:
            self.settings.setValue("theme", self.theme_name)
        if self.is_built:
            self.menus.theme_actions[self.theme_name].setChecked(True)
            self._update_render_theme()
        restore_dock_sizes(self, sizes)
        self._refit(fitted)

    def _route_fitted(self) -> bool:
        """A route is shown as Fit to Window left it (the person has not zoomed nor panned)."""
        return self.is_built and self.scene.graph is not None and self.view.is_fitted()

    def _dock_sizes(self) -> dict[QDockWidget, int]:
        return dock_sizes(self, (*self.right_docks, self.findings_dock)) if self.is_built else {}

    def _refit(self, fitted: bool) -> None:
        """New words and fonts: a route that was fitted is fitted again (once the layout has
        settled); a zoom of the person's own is kept."""
        if fitted:
            self.view.request_fit()

    def _update_render_theme(self) -> None:
        from mailpath.gui.graph import style

        render_theme = style.theme_for_palette(QApplication.palette())
        self.scene.set_theme(render_theme)
        self.legend.theme = render_theme
        self.legend.update()
        self.headline.dark = self.theme_name == "dark"
        self.headline.update()

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange and self.is_built:
            self._update_render_theme()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if self.is_built and watched is self.view and event.type() == QEvent.Type.Resize:
            self.position_overlays()
        return super().eventFilter(watched, event)

    def position_overlays(self) -> None:
        viewport = self.view.viewport().geometry()
        self.placeholder.setGeometry(viewport)
        self.placeholder.setVisible(self.scene.graph is None)

    def toggle_legend(self) -> None:
        checked = self.menus.act_legend.isChecked()
        self.settings.setValue("view/legend", checked)
        self.legend.setVisible(checked)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab skips what is not on screen (the panels of docks behind another tab), and
        visits the right docks' tab bar after their panels (Qt makes and reuses those bars)."""
        if self.is_built:
            last = self.message.panel.auth if self.message.built else self.spf_panel.tree
            place_dock_tab_bars(self, self.view, last)
        return focus_next_shown(super().focusNextPrevChild, next)

    @property
    def was_shown(self) -> bool:
        """The window has been on screen (painted at least once)."""
        return self._painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
            QTimer.singleShot(0, self.ensure_built)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not _accept_drag(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not _accept_drag(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.ensure_built()
        if not self.files.drop(event):
            super().dropEvent(event)

    def shutdown(self) -> None:
        """Stop and join every analysis thread (closing the window, leaving the app)."""
        if self.is_built:
            self.propagation.shutdown()
            self.analysis.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.is_built:
            self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)


def _accept_drag(event: QDragEnterEvent | QDragMoveEvent) -> bool:
    """A drag that carries a message (a file or its text) or a saved analysis is the window's."""
    from mailpath.gui.window.files import can_drop

    if can_drop(event):
        event.acceptProposedAction()
    return can_drop(event)
