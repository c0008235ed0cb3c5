"""The main window: composes the parts and wires them together.

The parts, each with one job, live in their own modules: the input bar
(`window_inputs.InputBar`), the headline and the status line (`headline`), the analysis
controller (`analysis_controller.AnalysisController`: run control and the result on screen),
what the person does on the route (`route_interaction.RouteInteraction`), the file actions
(`file_actions.FileActions`: open/save/export/messages/drops) and the menus and shortcuts
(`window_menus.WindowMenus`). The window lays them out with the graph and the docked panels,
forwards Qt's events to them, and keeps the attributes and methods other code calls.

Start-up is in two steps. The constructor builds only what the first frame shows: the menu
bar's titles, the input fields, an empty graph area and the status line. Everything else (the
graph view and its drawing code, the docked panels, the actions, the completers, the worker)
is built by `ensure_built()`, which a deferred window runs right after its first paint and
which every entry point that needs it calls first. The core (dnspython, networkx) is imported
on the first analysis.
"""

from __future__ import annotations

import itertools
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
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui import theme
from mailpath.gui.text import i18n
from mailpath.gui.text.i18n import tr
from mailpath.gui.window.headline import Headline, StatusLine, plain_label
from mailpath.gui.window.inputs import InputBar
from mailpath.gui.window.menus import WindowMenus

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QStringListModel, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from mailpath.core.message.check import MessageInput
    from mailpath.core.model import Result
    from mailpath.core.session import AnalysisRequest, SessionOutcome
    from mailpath.gui.graph.interaction import RouteInteraction
    from mailpath.gui.panels.message import MessagePanel
    from mailpath.gui.window.analysis import AnalysisController
    from mailpath.gui.window.files import FileActions
    from mailpath.gui.worker import AnalysisRunner

log = logging.getLogger(__name__)

#: The docked Details/SPF trace panel's default width: the route needs the room more.
DETAILS_WIDTH = 340
FINDINGS_HEIGHT = 190


class MainWindow(QMainWindow):
    analysisFinished = Signal()
    firstPainted = Signal()
    #: Emitted once everything after the first paint has been built.
    built = Signal()

    _message_panel: MessagePanel | None = None  # built when its dock is first shown

    # The parts built after the first paint (`ensure_built`).
    analysis: AnalysisController
    route: RouteInteraction
    files: FileActions

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
        self.screenshot_mode = False  # no modal dialogs: --screenshot and tests

        self._build_shell()
        self.retranslate()
        self.inputs.load_recent_resolvers()  # before any set_inputs() of the command line
        self.apply_theme(self.theme_name)
        self._restore_geometry()
        if not deferred:
            self.ensure_built()

    # ------------------------------------------------------------ construction

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
        self.inputs = InputBar(self, self.settings)
        self.inputs.connect_analyze(self.start_analysis)
        self.sender_edit = self.inputs.sender_edit
        self.recipient_edit = self.inputs.recipient_edit
        self.via_edit = self.inputs.via_edit
        self.selector_edit = self.inputs.selector_edit
        self.resolver_combo = self.inputs.resolver_combo
        self.analyze_button = self.inputs.analyze_button
        self.fields = self.inputs.fields
        self.field_labels = self.inputs.field_labels
        self.error_labels = self.inputs.error_labels
        self.input_bar = self.inputs.widget
        self.headline_part = Headline(self)

        # The graph area: the view goes in here after the first paint; until then it shows
        # the same empty, framed area with the hint.
        central = QWidget(self)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.input_bar)
        self.graph_area = QWidget(central)
        self.graph_area.setObjectName("graphArea")
        self.graph_layout = QVBoxLayout(self.graph_area)
        self.graph_layout.setContentsMargins(0, 0, 0, 0)
        self.graph_layout.setSpacing(0)
        # Before the first paint nothing touches the `Qt` namespace (creating its enums
        # costs ~10 ms) nor rich text: the hint's lines are centred by stretches until the
        # view and its real placeholder replace them.
        self._shell_hint = QWidget(self.graph_area)
        hint_layout = QVBoxLayout(self._shell_hint)
        hint_layout.addStretch(1)
        self._shell_hint_lines: list[QLabel] = []
        for _ in range(2):
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

        self.menus = WindowMenus(self)
        self.menu_file = self.menus.menu_file
        self.status_line = StatusLine(self)
        self.status_label = self.status_line.label

    def ensure_built(self) -> None:
        """Build everything the first frame did not need; at once, and only once."""
        if self.is_built:
            return
        self.is_built = True
        t0 = time.perf_counter()
        from mailpath.gui.graph.interaction import RouteInteraction
        from mailpath.gui.window.analysis import AnalysisController
        from mailpath.gui.window.files import FileActions

        self.status_line.build()
        self.analysis = AnalysisController(self)
        self.route = RouteInteraction(self)
        self.files = FileActions(self)
        self.setUpdatesEnabled(False)
        try:
            self.inputs.build()
            self._build_view()
            self._build_docks()
            self._build_fix_live()
            self.status_line.cancel_button.clicked.connect(self.analysis.cancel)
            self.progress = self.status_line.progress
            self.cancel_button = self.status_line.cancel_button
            self.menus.build()
            self._set_tab_order()
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
        self.headline_part.build()
        self.headline = self.headline_part.widget
        self.headline_text = self.headline_part.text
        self.headline_note = self.headline_part.note
        self.central_layout.insertWidget(1, self.headline)

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
        self.legend = LegendWidget(self.graph_area)
        self.legend.setAccessibleName("legend")
        self.graph_layout.addWidget(self.legend)
        # Files dropped on the graph are the window's (a message, a saved analysis).
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.scene.nodeSelected.connect(self.route.node_selected)
        self.scene.contextMenuRequested.connect(self.route.node_context_menu)
        self.view.installEventFilter(self)

    def _build_docks(self) -> None:
        from PySide6.QtCore import Qt

        from mailpath.gui.panels.docks import DetailsPanel, FindingsPanel, SpfTracePanel

        self.details = DetailsPanel(self)
        self.spf_panel = SpfTracePanel(self)
        self.findings = FindingsPanel(self)
        self.findings.subjectActivated.connect(self.route.select_node)
        self.findings.copied.connect(self.route.fix_copied)
        self.findings.explainRequested.connect(lambda key: self.menus.show_glossary(key))
        self.details_dock = self._dock(
            "detailsDock", self.details, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.spf_dock = self._dock("spfDock", self.spf_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.findings_dock = self._dock(
            "findingsDock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        # The Message panel is built when its dock is first shown (or the panel is asked
        # for): until a message is opened the dock is hidden, and the first frames need not
        # wait for it. The dock itself is here, for the Panels menu and the saved layout.
        self._message_panel: MessagePanel | None = None
        self.message_dock = self._dock(
            "messageDock", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.message_dock.visibilityChanged.connect(self._message_dock_visible)
        self.tabifyDockWidget(self.details_dock, self.spf_dock)
        self.tabifyDockWidget(self.spf_dock, self.message_dock)
        for dock in (self.details_dock, self.spf_dock, self.findings_dock):
            dock.show()  # added to a window already on screen (deferred build)
        # Without a message there is nothing to show: the dock appears when one is opened.
        self.message_dock.hide()
        self.details_dock.raise_()

    @property
    def message_panel(self) -> MessagePanel:
        """The Message dock's panel, built on first use."""
        if self._message_panel is None:
            self._build_message_panel()
        assert self._message_panel is not None
        return self._message_panel

    @property
    def message_panel_built(self) -> bool:
        return self.is_built and self._message_panel is not None

    def _message_dock_visible(self, visible: bool) -> None:
        if visible and self._message_panel is None:
            self._build_message_panel()

    def _build_message_panel(self) -> None:
        from mailpath.gui.panels.message import MessagePanel

        panel = MessagePanel(self)
        panel.hop_selected.connect(self.route.hop_selected)
        self._message_panel = panel
        stand_in = self.message_dock.widget()
        self.message_dock.setWidget(panel)
        if stand_in is not None:
            stand_in.deleteLater()
        panel.retranslate()
        # Its place in the window's tab order: after the findings' buttons.
        QWidget.setTabOrder(self.findings.copy_button, panel.hops)
        QWidget.setTabOrder(panel.hops, panel.auth)

    def _build_fix_live(self) -> None:
        from mailpath.gui.panels.fix_live import FixLive

        self.fix_live = FixLive(self)

    def _default_dock_sizes(self) -> None:
        from PySide6.QtCore import Qt

        # Narrow windows give the panel a smaller share, so the route keeps the room.
        width = min(DETAILS_WIDTH, max(240, int(self.width() * 0.28)))
        self.resizeDocks([self.details_dock], [width], Qt.Orientation.Horizontal)
        height = max(FINDINGS_HEIGHT, self.findings.sizeHint().height())
        self.resizeDocks([self.findings_dock], [height], Qt.Orientation.Vertical)

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _set_tab_order(self) -> None:
        order = [
            self.sender_edit,
            self.recipient_edit,
            self.via_edit,
            self.selector_edit,
            self.resolver_combo,
            self.analyze_button,
            self.view,
            self.details.tree,
            self.spf_panel.choice,
            self.spf_panel.tree,
            self.findings.tree,
            self.findings.explain_button,
            self.findings.copy_button,
            # then the Message panel's hops and signatures, once it is built
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        # The window system adds the application's name ("… — mailpath"): not repeated here.
        self.setWindowTitle(tr("MainWindow", "Mail route explorer"))
        self.inputs.retranslate()
        self.menus.retranslate_titles()
        hint = tr(
            "MainWindow",
            "Type a sender and a recipient and press Enter.\n"
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
        from mailpath.gui.graph import render

        # The fonts belong to the old language.
        render.clear_font_cache()
        self.status_line.retranslate()
        self.view.setAccessibleName(tr("MainWindow", "Delivery route graph"))
        self.view.setAccessibleDescription(
            tr(
                "MainWindow",
                "Arrow keys select nodes; D marks the selected MX host down; Ctrl+0 fits.",
            )
        )
        self.headline_part.retranslate()
        self.details_dock.setWindowTitle(tr("MainWindow", "Details"))
        self.spf_dock.setWindowTitle(tr("MainWindow", "SPF trace"))
        self.findings_dock.setWindowTitle(tr("MainWindow", "Findings"))
        self.message_dock.setWindowTitle(tr("MainWindow", "Message"))
        self.menus.retranslate()
        self.inputs.retranslate_errors()
        self.details.retranslate()
        self.spf_panel.retranslate()
        self.findings.retranslate()
        if self._message_panel is not None:
            self._message_panel.retranslate()
        self.fix_live.retranslate()
        self.legend.refresh()
        self.position_overlays()
        if self.scene.graph is not None and self.result is not None:
            self.analysis.show_result(self.result)
        else:
            self.headline_part.update()
        self.scene.update()
        if not self.running:
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
        self._restore_dock_sizes(sizes)
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
        self._restore_dock_sizes(sizes)
        self._refit(fitted)

    def _route_fitted(self) -> bool:
        """A route is shown as Fit to Window left it (the person has not zoomed nor panned)."""
        return self.is_built and self.scene.graph is not None and self.view.is_fitted()

    def _refit(self, fitted: bool) -> None:
        """New words and fonts give the nodes new sizes: a route that was fitted is fitted
        again (once the layout has settled); a zoom of the person's own is kept."""
        if fitted:
            self.view.request_fit()

    def _dock_sizes(self) -> dict[QDockWidget, int]:
        """The docked panels' widths (right) and heights (bottom), as the person left them."""
        if not self.is_built:
            return {}
        from PySide6.QtCore import Qt

        sizes: dict[QDockWidget, int] = {}
        for dock in (self.details_dock, self.spf_dock, self.message_dock, self.findings_dock):
            if dock.isVisible() and not dock.isFloating():
                bottom = self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
                sizes[dock] = dock.height() if bottom else dock.width()
        return sizes

    def _restore_dock_sizes(self, sizes: dict[QDockWidget, int]) -> None:
        """A new language or theme brings new minimum sizes (longer words, other margins):
        the panels keep their size rather than grow into the graph's room."""
        if not sizes:
            return
        from PySide6.QtCore import Qt

        layout = self.layout()
        if layout is not None:
            layout.activate()
        for dock, size in sizes.items():
            bottom = self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
            now = dock.height() if bottom else dock.width()
            if now != size:
                orientation = Qt.Orientation.Vertical if bottom else Qt.Orientation.Horizontal
                self.resizeDocks([dock], [size], orientation)

    def _update_render_theme(self) -> None:
        from mailpath.gui.graph import render

        render_theme = render.theme_for_palette(QApplication.palette())
        self.scene.set_theme(render_theme)
        self.legend.theme = render_theme
        self.legend.update()
        self.headline_part.update()

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange and self.is_built:
            self._update_render_theme()
        super().changeEvent(event)

    # ------------------------------------------------------------ overlays

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if self.is_built and watched is self.view and event.type() == QEvent.Type.Resize:
            self.position_overlays()
        elif (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in self.menus.window_keys
        ):
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return super().eventFilter(watched, event)

    def position_overlays(self) -> None:
        viewport = self.view.viewport().geometry()
        self.placeholder.setGeometry(viewport)
        self.placeholder.setVisible(self.scene.graph is None)

    def toggle_legend(self) -> None:
        checked = self.menus.act_legend.isChecked()
        self.settings.setValue("view/legend", checked)
        self.legend.setVisible(checked)

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

    # ------------------------------------------------------------ drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from mailpath.gui.window.files import dropped_paths

        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        from mailpath.gui.window.files import dropped_paths

        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.ensure_built()
        if not self.files.drop(event):
            super().dropEvent(event)

    # ------------------------------------------------------------ closing

    def shutdown(self) -> None:
        """Stop and join every analysis thread (closing the window, leaving the app)."""
        if self.is_built:
            self.fix_live.shutdown()
            self.analysis.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.is_built:
            self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------ the parts' state

    @property
    def result(self) -> Result | None:
        return self.analysis.result if self.is_built else None

    @property
    def extra(self) -> SessionOutcome | None:
        return self.analysis.extra if self.is_built else None

    @property
    def request(self) -> AnalysisRequest | None:
        return self.analysis.request if self.is_built else None

    @property
    def running(self) -> bool:
        return self.is_built and self.analysis.running

    @property
    def down(self) -> set[str]:
        """The MX hosts the what-if has marked down."""
        return self.analysis.down if self.is_built else set()

    @property
    def runner(self) -> AnalysisRunner:
        return self.analysis.runner

    @property
    def stale(self) -> bool:
        """The graph and headline are of an earlier analysis than the inputs (input error)."""
        return self.headline_part.stale

    @property
    def headline_status(self) -> str:
        return self.headline_part.status

    @property
    def last_warning(self) -> str:
        return self.files.last_warning if self.is_built else ""

    @property
    def recent_models(self) -> dict[str, QStringListModel]:
        return self.inputs.recent_models

    @property
    def message_input(self) -> MessageInput | None:
        return self.inputs.message_input

    # ------------------------------------------------------------ the parts' entry points

    def resolver_servers(self) -> list[str]:
        return self.inputs.resolver_servers()

    def set_inputs(
        self,
        sender: str = "",
        recipient: str = "",
        via: str | None = None,
        nameservers: list[str] | None = None,
    ) -> None:
        self.inputs.set_inputs(sender, recipient, via, nameservers)

    def start_analysis(self) -> bool:
        self.ensure_built()
        return self.analysis.start()

    def run_request(self, request: AnalysisRequest) -> None:
        self.ensure_built()
        self.analysis.run_request(request)

    def headline_for_route(self) -> tuple[str, str] | None:
        """(sentence, status) of the core's one verdict, or None before there is one."""
        return self.headline_part.for_route()

    def select_node(self, node_id: str) -> None:
        self.route.select_node(node_id)

    def toggle_selected_down(self) -> None:
        self.route.toggle_selected_down()

    def toggle_down(self, node_id: str) -> None:
        self.route.toggle_down(node_id)

    def restore_all_mx(self) -> None:
        self.route.restore_all_mx()

    def warn(self, title: str, text: str, details: str = "") -> None:
        self.ensure_built()
        self.files.warn(title, text, details)

    def export_title(self) -> str:
        return self.files.export_title()

    def export_png(self, path: str) -> None:
        self.files.export_png(path)

    def export_svg(self, path: str) -> None:
        self.files.export_svg(path)

    def export_png_dialog(self) -> None:
        self.files.export_png_dialog()

    def export_svg_dialog(self) -> None:
        self.files.export_svg_dialog()

    def save_analysis(self, path: str) -> None:
        self.files.save_analysis(path)

    def save_analysis_dialog(self) -> None:
        self.files.save_analysis_dialog()

    def open_analysis(self, path: str) -> bool:
        self.ensure_built()
        return self.files.open_analysis(path)

    def open_analysis_dialog(self) -> None:
        self.ensure_built()
        self.files.open_analysis_dialog()

    def open_message(self, path: str) -> bool:
        self.ensure_built()
        return self.files.open_message(path)

    def open_message_data(self, data: bytes, name: str) -> bool:
        self.ensure_built()
        return self.files.open_message_data(data, name)

    def open_message_dialog(self) -> None:
        self.ensure_built()
        self.files.open_message_dialog()

    def paste_message_dialog(self) -> bool:
        self.ensure_built()
        return self.files.paste_message_dialog()

    def open_dropped(self, path: str) -> bool:
        self.ensure_built()
        return self.files.open_dropped(path)

    def open_seed_example(self) -> None:
        self.ensure_built()
        self.files.open_seed_example()

    def about(self) -> None:
        self.ensure_built()
        self.menus.about()
