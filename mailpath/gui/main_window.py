"""The main window: inputs, the verdict, the route graph, the panels, menus and the analysis.

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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui import i18n, theme
from mailpath.gui.i18n import tr

log = logging.getLogger(__name__)

RECENT_MAX = 15
#: Progress events are applied at most this often (ms): a burst of answers (a replay, a
#: fast resolver) becomes one redraw, and the GUI thread stays responsive.
PROGRESS_COALESCE_MS = 40
#: The docked Details/SPF trace panel's default width: the route needs the room more.
DETAILS_WIDTH = 300
FINDINGS_HEIGHT = 190
#: The Message panel's width when a message is opened (hops, signatures: long lines).
MESSAGE_WIDTH = 440


def _plain_label(text: str, parent: QWidget) -> QLabel:
    from mailpath.gui.panels import plain_label

    return plain_label(text, parent)


class MainWindow(QMainWindow):
    analysisFinished = Signal()
    firstPainted = Signal()
    #: Emitted once everything after the first paint has been built.
    built = Signal()

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
        self.result: Any = None
        self.extra: Any = None
        self.down: set[str] = set()
        self.request: Any = None
        self.running = False
        self.is_built = False
        self._painted = False
        self._run_started = 0.0
        self._pending_progress: tuple[int, int, Any] | None = None
        self._field_errors: dict[str, str] = {}
        self.screenshot_mode = False  # no modal dialogs: --screenshot and tests
        self.last_warning = ""
        #: The graph and headline are of an earlier analysis than the inputs (input error).
        self.stale = False
        #: The received message (MessageInput) that filled the inputs, and where it came from.
        self.message_input: Any = None
        self.message_name: str | None = None
        self._message_fields: tuple[str, str, str] = ("", "", "")
        self._shown_message: Any = None
        self._raise_message_dock = False

        self._build_shell()
        self.retranslate()
        self._load_recent_resolvers()  # before any set_inputs() of the command line
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
        bar = QWidget(self)
        bar.setObjectName("inputBar")
        grid = QGridLayout(bar)
        grid.setContentsMargins(8, 6, 8, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.sender_edit = QLineEdit(bar)
        self.recipient_edit = QLineEdit(bar)
        self.via_edit = QLineEdit(bar)
        self.selector_edit = QLineEdit(bar)
        self.selector_edit.setObjectName("selectorEdit")
        self.resolver_combo = QComboBox(bar)
        self.resolver_combo.setEditable(True)
        self.resolver_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.resolver_combo.setMinimumContentsLength(16)
        self.analyze_button = QPushButton(bar)
        self.analyze_button.setDefault(True)
        self.fields: dict[str, QWidget] = {
            "sender": self.sender_edit,
            "recipient": self.recipient_edit,
            "via": self.via_edit,
            "selectors": self.selector_edit,
            "resolver": self.resolver_combo,
        }
        self.field_labels: dict[str, QLabel] = {}
        self.error_labels: dict[str, QLabel] = {}
        for column, (name, widget) in enumerate(self.fields.items()):
            label = QLabel(bar)
            label.setBuddy(widget)
            self.field_labels[name] = label
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 2 if name in ("resolver", "selectors") else 3)
        grid.addWidget(self.analyze_button, 1, len(self.fields))
        self.input_grid = grid
        self.input_bar = bar
        for edit in self._line_edits():
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(self.start_analysis)
        line = self.resolver_combo.lineEdit()
        assert line is not None
        line.returnPressed.connect(self.start_analysis)
        self.analyze_button.clicked.connect(self.start_analysis)

        # The graph area: the view goes in here after the first paint; until then it shows
        # the same empty, framed area with the hint.
        central = QWidget(self)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(bar)
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

        menubar = self.menuBar()
        self.menu_file = menubar.addMenu("")
        self.menu_analysis = menubar.addMenu("")
        self.menu_view = menubar.addMenu("")
        self.menu_language = menubar.addMenu("")
        self.menu_help = menubar.addMenu("")
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)

    def _line_edits(self) -> tuple[QLineEdit, ...]:
        return (self.sender_edit, self.recipient_edit, self.via_edit, self.selector_edit)

    def ensure_built(self) -> None:
        """Build everything the first frame did not need; at once, and only once."""
        if self.is_built:
            return
        self.is_built = True
        t0 = time.perf_counter()
        from PySide6.QtCore import Qt

        from mailpath.gui.worker import AnalysisRunner

        # Status texts may carry what was typed or resolved: never markup from here on.
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.runner = AnalysisRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_COALESCE_MS)
        self._progress_timer.timeout.connect(self._apply_progress)
        self.setUpdatesEnabled(False)
        try:
            self._build_input_extras()
            self._build_view()
            self._build_docks()
            self._build_status()
            self._build_actions()
            self._build_menus()
            self._set_tab_order()
            self.retranslate()
            self._update_render_theme()
            self._load_recent()
            state = self.settings.value("window/state")
            if state is not None:
                self.restoreState(state)  # type: ignore[arg-type]
            else:
                self._default_dock_sizes()
            self.legend.setVisible(self.act_legend.isChecked())
        finally:
            self.setUpdatesEnabled(True)
        log.debug("window completed in %.1f ms", 1000 * (time.perf_counter() - t0))
        self.built.emit()

    def _build_input_extras(self) -> None:
        from PySide6.QtCore import QStringListModel, Qt
        from PySide6.QtWidgets import QCompleter

        for column, name in enumerate(self.fields):
            error = _plain_label("", self.input_bar)
            error.setObjectName(f"{name}Error")
            error.setStyleSheet("color: #d1242f;")
            error.setVisible(False)
            self.error_labels[name] = error
            self.input_grid.addWidget(error, 2, column)
        for edit in self._line_edits():
            edit.textEdited.connect(self._clear_field_error)
        line = self.resolver_combo.lineEdit()
        assert line is not None
        line.textEdited.connect(self._clear_field_error)
        self.recent_models: dict[str, QStringListModel] = {}
        for name in ("sender", "recipient", "via"):
            model = QStringListModel(self)
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            edit = self.fields[name]
            assert isinstance(edit, QLineEdit)
            edit.setCompleter(completer)
            self.recent_models[name] = model

    def _build_view(self) -> None:
        from PySide6.QtCore import Qt

        from mailpath.gui.graph_view import LegendWidget, RouteScene, RouteView

        # The verdict of the active route, above the graph.
        self.headline = QWidget(self)
        self.headline.setObjectName("headline")
        row = QGridLayout(self.headline)
        row.setContentsMargins(10, 4, 10, 4)
        row.setHorizontalSpacing(8)
        self.headline_icon = QLabel(self.headline)
        self.headline_icon.setFixedSize(22, 22)
        self.headline_text = _plain_label("", self.headline)
        self.headline_text.setObjectName("headlineText")
        font = self.headline_text.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline_text.setFont(font)
        row.addWidget(self.headline_icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.headline_text, 0, 1)
        # Where the verdict comes from when that is not "now, live": a recording, or the
        # previous analysis kept on screen after an input error.
        self.headline_note = _plain_label("", self.headline)
        self.headline_note.setObjectName("headlineNote")
        self.headline_note.setVisible(False)
        row.addWidget(self.headline_note, 1, 1)
        row.setColumnStretch(1, 1)
        self.headline.setVisible(False)
        self.headline_status = ""
        self.central_layout.insertWidget(1, self.headline)

        self.scene = RouteScene(self)
        self.view = RouteView(self.scene, self.graph_area)
        self.view.setObjectName("routeView")
        self.graph_layout.removeWidget(self._shell_hint)
        self._shell_hint.hide()
        self._shell_hint.deleteLater()
        self.graph_layout.addWidget(self.view, 1)
        self.placeholder = _plain_label("", self.view)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend = LegendWidget(self.graph_area)
        self.legend.setAccessibleName("legend")
        self.graph_layout.addWidget(self.legend)
        # Files dropped on the graph are the window's (a message, a saved analysis).
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.scene.nodeSelected.connect(self._node_selected)
        self.scene.contextMenuRequested.connect(self._node_context_menu)
        self.view.installEventFilter(self)

    def _build_docks(self) -> None:
        from PySide6.QtCore import Qt

        from mailpath.gui.panels import DetailsPanel, FindingsPanel, SpfTracePanel

        self.details = DetailsPanel(self)
        self.spf_panel = SpfTracePanel(self)
        self.findings = FindingsPanel(self)
        self.findings.subjectActivated.connect(self.select_node)
        self.findings.copied.connect(self._fix_copied)
        self.details_dock = self._dock(
            "detailsDock", self.details, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.spf_dock = self._dock("spfDock", self.spf_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.findings_dock = self._dock(
            "findingsDock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        from mailpath.gui.message_panel import MessagePanel

        self.message_panel = MessagePanel(self)
        self.message_panel.hop_selected.connect(self._hop_selected)
        self.message_dock = self._dock(
            "messageDock", self.message_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.details_dock, self.spf_dock)
        self.tabifyDockWidget(self.spf_dock, self.message_dock)
        for dock in (self.details_dock, self.spf_dock, self.findings_dock):
            dock.show()  # added to a window already on screen (deferred build)
        # Without a message there is nothing to show: the dock appears when one is opened.
        self.message_dock.hide()
        self.details_dock.raise_()

    def _default_dock_sizes(self) -> None:
        from PySide6.QtCore import Qt

        # Narrow windows give the panel a smaller share, so the route keeps the room.
        width = min(DETAILS_WIDTH, max(240, int(self.width() * 0.28)))
        self.resizeDocks([self.details_dock], [width], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findings_dock], [FINDINGS_HEIGHT], Qt.Orientation.Vertical)

    def _dock(self, name: str, widget: QWidget, area: Any) -> Any:
        from PySide6.QtWidgets import QDockWidget

        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status(self) -> None:
        from PySide6.QtWidgets import QProgressBar

        status = self.statusBar()
        self.status_label.setWordWrap(False)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_analysis)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def _action(self, slot: Any, shortcut: Any = None, checkable: bool = False) -> Any:
        from PySide6.QtGui import QAction

        action = QAction(self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut

        std = QKeySequence.StandardKey
        self.act_open = self._action(self.open_analysis_dialog, QKeySequence(std.Open))
        self.act_save = self._action(self.save_analysis_dialog, QKeySequence(std.Save))
        self.act_open_message = self._action(self.open_message_dialog, QKeySequence("Ctrl+Shift+O"))
        self.act_paste_message = self._action(
            self.paste_message_dialog, QKeySequence("Ctrl+Shift+V")
        )
        self.act_export_png = self._action(self.export_png_dialog, QKeySequence("Ctrl+E"))
        self.act_export_svg = self._action(self.export_svg_dialog, QKeySequence("Ctrl+Shift+E"))
        self.act_quit = self._action(self.close, QKeySequence(std.Quit))
        self.act_analyze = self._action(self.start_analysis, QKeySequence("F5"))
        self.act_cancel = self._action(self.cancel_analysis)
        self.act_zoom_in = self._action(
            self.view.zoom_in, [QKeySequence(std.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.act_zoom_out = self._action(self.view.zoom_out, QKeySequence(std.ZoomOut))
        self.act_fit = self._action(self.view.request_fit, QKeySequence("Ctrl+0"))
        self.act_legend = self._action(self._toggle_legend, QKeySequence("Ctrl+L"), checkable=True)
        self.act_legend.setChecked(self.settings.value("view/legend", True) not in (False, "false"))
        self.act_toggle_down = self._action(self.toggle_selected_down, QKeySequence("D"))
        self.act_restore = self._action(self.restore_all_mx)
        self.act_seed = self._action(self.open_seed_example, QKeySequence("F1"))
        self.act_about = self._action(self.about)
        self.act_focus_graph = self._action(self.view.setFocus, QKeySequence("Ctrl+G"))
        self.act_focus_inputs = self._action(self.sender_edit.setFocus, QKeySequence("Ctrl+K"))
        # Esc cancels a running analysis wherever the focus is.
        self.esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.esc.setContext(Qt.ShortcutContext.WindowShortcut)
        self.esc.activated.connect(self._escape)
        self._give_way_to_shortcuts()
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("system", *i18n.LANGUAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        current = (
            self.language_setting if self.language_setting in self.language_actions else "system"
        )
        self.language_actions[current].setChecked(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = QAction(self)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, n=name: self.apply_theme(n, save=True))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.theme_actions[self.theme_name].setChecked(True)

    def _give_way_to_shortcuts(self) -> None:
        """The window's shortcuts work from every widget, floating panels included.

        Text fields claim some of them for editing (on X11 Ctrl+E is "end of line", Ctrl+K
        "delete to the end"), and a focused field is the normal state after pressing Enter:
        for the combinations the window binds (with Ctrl/Alt/Meta, or F-keys) the fields
        give way. Plain keys (D) stay with whatever has focus."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        modifiers = (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        self._window_keys: set[int] = set()
        for action in self.findChildren(QAction):
            sequences = action.shortcuts()
            if not sequences:
                continue
            combos = [seq[0] for seq in sequences if seq.count() == 1]
            global_key = all(
                c.keyboardModifiers() & modifiers
                or Qt.Key.Key_F1.value <= c.key().value <= Qt.Key.Key_F35.value
                for c in combos
            )
            if not global_key:
                continue  # a plain key: only where it does not type text
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self._window_keys.update(c.toCombined() for c in combos)
        line = self.resolver_combo.lineEdit()
        for edit in (*self._line_edits(), line):
            if edit is not None:
                edit.installEventFilter(self)

    def _build_menus(self) -> None:
        for action in (self.act_open, self.act_save):
            self.menu_file.addAction(action)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_open_message)
        self.menu_file.addAction(self.act_paste_message)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_export_png)
        self.menu_file.addAction(self.act_export_svg)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_analysis.addAction(self.act_analyze)
        self.menu_analysis.addAction(self.act_cancel)
        self.menu_analysis.addSeparator()
        self.menu_analysis.addAction(self.act_toggle_down)
        self.menu_analysis.addAction(self.act_restore)
        for action in (self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_legend):
            self.menu_view.addAction(action)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_focus_inputs)
        self.menu_view.addAction(self.act_focus_graph)
        self.menu_view.addSeparator()
        self.menu_panels = self.menu_view.addMenu("")
        for dock in (self.details_dock, self.spf_dock, self.message_dock, self.findings_dock):
            self.menu_panels.addAction(dock.toggleViewAction())
        self.menu_theme = self.menu_view.addMenu("")
        for action in self.theme_actions.values():
            self.menu_theme.addAction(action)
        for action in self.language_actions.values():
            self.menu_language.addAction(action)
        self.menu_help.addAction(self.act_seed)
        self.menu_help.addAction(self.act_about)

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
            self.findings.copy_button,
            self.message_panel.hops,
            self.message_panel.auth,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setWindowTitle(tr("MainWindow", "mailpath — mail route explorer"))
        texts = {
            "sender": (
                tr("MainWindow", "&Sender"),
                tr("MainWindow", "you@example.com or example.com"),
            ),
            "recipient": (tr("MainWindow", "&Recipient"), tr("MainWindow", "gmail.com")),
            "via": (
                tr("MainWindow", "Sending hos&t (optional)"),
                tr("MainWindow", "smtp.example.com or an IP address"),
            ),
            "selectors": (
                tr("MainWindow", "&DKIM selectors (optional)"),
                tr("MainWindow", "selector1, google"),
            ),
            "resolver": (tr("MainWindow", "Res&olver"), ""),
        }
        accessible = {
            "sender": tr("MainWindow", "Sender address or domain"),
            "recipient": tr("MainWindow", "Recipient address or domain"),
            "via": tr("MainWindow", "Sending server host name or address (optional)"),
            "selectors": tr(
                "MainWindow",
                "DKIM selectors whose keys to check at the sender's domain, separated by "
                "commas or spaces (optional)",
            ),
            "resolver": tr("MainWindow", "DNS resolver: system, or a server IP[:PORT]"),
        }
        for name, (label, placeholder) in texts.items():
            self.field_labels[name].setText(label)
            widget = self.fields[name]
            widget.setAccessibleName(accessible[name])
            widget.setToolTip(accessible[name])
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(placeholder)
        system_text = tr("MainWindow", "System resolver")
        if self.resolver_combo.count() == 0:
            self.resolver_combo.addItem(system_text, "")
        else:
            was_system = self.resolver_combo.currentIndex() == 0 and (
                self.resolver_combo.currentText() == self.resolver_combo.itemText(0)
            )
            self.resolver_combo.setItemText(0, system_text)
            if was_system:
                self.resolver_combo.setCurrentIndex(0)
                self.resolver_combo.setEditText(system_text)
        line = self.resolver_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("MainWindow", "system, or 192.0.2.53:53"))
        self.analyze_button.setText(tr("MainWindow", "Analy&ze"))
        self.analyze_button.setAccessibleName(tr("MainWindow", "Analyze the mail route"))
        self.analyze_button.setToolTip(tr("MainWindow", "Analyze (Enter, F5)"))
        self.menu_file.setTitle(tr("MainWindow", "&File"))
        self.menu_analysis.setTitle(tr("MainWindow", "&Analysis"))
        self.menu_view.setTitle(tr("MainWindow", "&View"))
        self.menu_language.setTitle(tr("MainWindow", "&Language"))
        self.menu_help.setTitle(tr("MainWindow", "&Help"))
        hint = tr(
            "MainWindow",
            "Type a sender and a recipient and press Enter.\n"
            "Help → Open Seed Example shows a complete route without network.",
        )
        if self.is_built:
            self.placeholder.setText(hint)
        else:
            for label, line in zip(self._shell_hint_lines, hint.splitlines(), strict=False):
                label.setText(line)  # our own words: no markup in them
        if not self.is_built:
            self._set_status(self._idle_status())
            return
        self._retranslate_rest()

    def _retranslate_rest(self) -> None:
        from mailpath.gui import render
        from mailpath.gui.labels import clear_cache

        # The translated pattern tables and fonts belong to the old language.
        render.clear_font_cache()
        clear_cache()
        self.cancel_button.setText(tr("MainWindow", "Cancel"))
        self.cancel_button.setAccessibleName(tr("MainWindow", "Cancel the analysis (Esc)"))
        self.cancel_button.setToolTip(tr("MainWindow", "Cancel the analysis (Esc)"))
        self.progress.setAccessibleName(tr("MainWindow", "Lookups done"))
        self.progress.setFormat(tr("MainWindow", "%v of %m lookups"))
        self.view.setAccessibleName(tr("MainWindow", "Delivery route graph"))
        self.view.setAccessibleDescription(
            tr(
                "MainWindow",
                "Arrow keys select nodes; D marks the selected MX host down; Ctrl+0 fits.",
            )
        )
        self.headline.setAccessibleName(tr("MainWindow", "Verdict"))
        self.details_dock.setWindowTitle(tr("MainWindow", "Details"))
        self.spf_dock.setWindowTitle(tr("MainWindow", "SPF trace"))
        self.findings_dock.setWindowTitle(tr("MainWindow", "Findings"))
        self.message_dock.setWindowTitle(tr("MainWindow", "Message"))
        self.menu_panels.setTitle(tr("MainWindow", "&Panels"))
        self.menu_theme.setTitle(tr("MainWindow", "&Theme"))
        self.act_open.setText(tr("MainWindow", "&Open Analysis…"))
        self.act_save.setText(tr("MainWindow", "&Save Analysis…"))
        self.act_open_message.setText(tr("MainWindow", "Open &Message…"))
        self.act_paste_message.setText(tr("MainWindow", "Paste Message Sour&ce…"))
        self.act_export_png.setText(tr("MainWindow", "Export &PNG…"))
        self.act_export_svg.setText(tr("MainWindow", "Export S&VG…"))
        self.act_quit.setText(tr("MainWindow", "&Quit"))
        self.act_analyze.setText(tr("MainWindow", "&Analyze"))
        self.act_cancel.setText(tr("MainWindow", "&Cancel (Esc)"))
        self.act_toggle_down.setText(tr("MainWindow", "Mark Selected MX &Down / Up"))
        self.act_restore.setText(tr("MainWindow", "&Restore All MX Hosts"))
        self.act_zoom_in.setText(tr("MainWindow", "Zoom &In"))
        self.act_zoom_out.setText(tr("MainWindow", "Zoom &Out"))
        self.act_fit.setText(tr("MainWindow", "&Fit to Window"))
        self.act_legend.setText(tr("MainWindow", "Show &Legend"))
        self.act_focus_inputs.setText(tr("MainWindow", "Go to I&nputs"))
        self.act_focus_graph.setText(tr("MainWindow", "Go to &Graph"))
        self.act_seed.setText(tr("MainWindow", "Open &Seed Example"))
        self.act_about.setText(tr("MainWindow", "&About mailpath"))
        self.language_actions["system"].setText(tr("MainWindow", "&System Default"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.theme_actions["system"].setText(tr("MainWindow", "&System"))
        self.theme_actions["light"].setText(tr("MainWindow", "&Light"))
        self.theme_actions["dark"].setText(tr("MainWindow", "&Dark"))
        for name, message in self._field_errors.items():
            self.error_labels[name].setText(_localized_input_error(message))
        self.details.retranslate()
        self.spf_panel.retranslate()
        self.findings.retranslate()
        self.message_panel.retranslate()
        self.legend.refresh()
        self._position_overlays()
        if self.scene.graph is not None and self.result is not None:
            self._show_result(self.result)
        else:
            self._update_headline()
        self.scene.update()
        if not self.running:
            self._set_status(self._idle_status())

    def _idle_status(self) -> str:
        if self.result is None:
            return tr("MainWindow", "Ready.")
        if getattr(self.result, "cancelled", False) or not getattr(self.result, "complete", True):
            return tr("MainWindow", "Cancelled: the route shows what was resolved so far.")
        recording = self._recording_note()
        if recording:
            return recording
        return tr("MainWindow", "Done: {queries} DNS questions in {seconds:.2f} s.").format(
            queries=getattr(self.result, "queries", 0),
            seconds=getattr(self.result, "elapsed", 0.0),
        )

    # ------------------------------------------------------------ verdict

    def headline_for_route(self) -> tuple[str, str] | None:
        """(sentence, status) from the core's one verdict, or None before there is one.

        The same function gives the export's title line, the text report and `--json`;
        `self.down` (the what-if's MX hosts marked down) is part of its input."""
        from mailpath.core.verdict import verdict
        from mailpath.gui import finding_text
        from mailpath.gui.labels import headline_sentence

        if self.result is None or not getattr(self.result, "complete", False):
            return None
        outcome = verdict(self.result, frozenset(self.down))
        return headline_sentence(finding_text.verdict_text(outcome)), outcome.status.value

    def _update_headline(self) -> None:
        from mailpath.gui import markers

        headline = self.headline_for_route()
        note = self._headline_note()
        self.headline_note.setText(note)
        self.headline_note.setVisible(bool(note))
        if headline is None:
            self.headline.setVisible(False)
            self.headline_status = ""
            return
        text, status = headline
        status = markers.normalize(status)
        self.headline_status = status
        self.headline_text.setText(text)
        self.headline_text.setToolTip(markers.status_name(status))
        self.headline_icon.setPixmap(markers.status_icon(status, 22).pixmap(22, 22))
        self.headline_icon.setToolTip(markers.status_name(status))
        color = markers.color(status)
        if self.theme_name == "dark" or theme.is_dark(QApplication.palette()):
            color = color.lighter(150)
        if self.stale:  # grey: not the verdict of what the fields now say
            color = QApplication.palette().color(QApplication.palette().ColorRole.PlaceholderText)
        self.headline_text.setStyleSheet(f"color: {color.name()};")
        self.headline_icon.setEnabled(not self.stale)
        self.headline.setVisible(True)

    def _recording_note(self) -> str:
        request = self.request
        if request is None or not getattr(request, "replay_path", None):
            return ""
        name = Path(request.replay_path).name
        if request.created:
            return tr(
                "MainWindow", "Recording {name}, made {when}: replayed without network."
            ).format(name=name, when=_local_time(request.created))
        return tr("MainWindow", "Recording {name}: replayed without network.").format(name=name)

    def _headline_note(self) -> str:
        if self.stale and self.result is not None:
            inputs = getattr(self.result, "inputs", None)
            return tr(
                "MainWindow",
                "Showing the previous analysis ({sender} → {recipient}); "
                "the inputs above were not analyzed.",
            ).format(
                sender=getattr(inputs, "sender", "?"), recipient=getattr(inputs, "recipient", "?")
            )
        return self._recording_note()

    def _set_stale(self, stale: bool) -> None:
        """Dim the graph and the headline while they show an earlier analysis than the inputs."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QBrush, QColor

        stale = stale and self.result is not None
        if stale == self.stale:
            return
        self.stale = stale
        if stale:
            veil = QColor(QApplication.palette().color(QApplication.palette().ColorRole.Base))
            veil.setAlpha(170)
            self.view.setForegroundBrush(QBrush(veil))
        else:
            self.view.setForegroundBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.view.viewport().update()
        self._update_headline()

    # ------------------------------------------------------------ language, theme

    def set_language(self, code: str) -> None:
        self.language_setting = code
        self.settings.setValue("language", code)
        lang = i18n.resolve_language(None if code == "system" else code)
        self.language = i18n.install(lang)
        if self.is_built:
            self.language_actions[code].setChecked(True)
        self.retranslate()

    def apply_theme(self, name: str, save: bool = False) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme_name = theme.apply_theme(app, name)
        if save:
            self.settings.setValue("theme", self.theme_name)
        if self.is_built:
            self.theme_actions[self.theme_name].setChecked(True)
            self._update_render_theme()

    def _update_render_theme(self) -> None:
        from mailpath.gui import render

        render_theme = render.theme_for_palette(QApplication.palette())
        self.scene.set_theme(render_theme)
        self.legend.theme = render_theme
        self.legend.update()
        self._update_headline()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange and self.is_built:
            self._update_render_theme()
        super().changeEvent(event)

    # ------------------------------------------------------------ overlays

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if self.is_built and watched is self.view and event.type() == QEvent.Type.Resize:
            self._position_overlays()
        elif (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and event.keyCombination().toCombined() in getattr(self, "_window_keys", ())
        ):
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return super().eventFilter(watched, event)

    def _position_overlays(self) -> None:
        viewport = self.view.viewport().geometry()
        self.placeholder.setGeometry(viewport)
        self.placeholder.setVisible(self.scene.graph is None)

    def _toggle_legend(self) -> None:
        self.settings.setValue("view/legend", self.act_legend.isChecked())
        self.legend.setVisible(self.act_legend.isChecked())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
            QTimer.singleShot(0, self.ensure_built)

    # ------------------------------------------------------------ inputs

    def _clear_field_error(self) -> None:
        sender = self.sender()
        for name, widget in self.fields.items():
            if widget is sender or (isinstance(widget, QComboBox) and widget.lineEdit() is sender):
                self._set_field_error(name, None)

    def _set_field_error(self, name: str, message: str | None) -> None:
        if not self.is_built:
            return
        widget = self.fields[name]
        label = self.error_labels[name]
        if message:
            self._field_errors[name] = message
            label.setText(_localized_input_error(message))
            label.setVisible(True)
            widget.setStyleSheet("border: 2px solid #d1242f; border-radius: 3px;")
            widget.setAccessibleDescription(message)
        else:
            self._field_errors.pop(name, None)
            label.setVisible(False)
            widget.setStyleSheet("")
            widget.setAccessibleDescription("")

    def resolver_servers(self) -> list[str]:
        text = self.resolver_combo.currentText().strip()
        if not text or text == self.resolver_combo.itemText(0) or text.lower() == "system":
            return []
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]

    def set_inputs(
        self,
        sender: str = "",
        recipient: str = "",
        via: str | None = None,
        nameservers: list[str] | None = None,
    ) -> None:
        self.sender_edit.setText(sender or "")
        self.recipient_edit.setText(recipient or "")
        self.via_edit.setText(via or "")
        if nameservers:
            self.resolver_combo.setEditText(", ".join(nameservers))
        for name in self.fields:
            self._set_field_error(name, None)

    def validate_inputs(self) -> Any:
        """The request, or None with each bad field marked with its reason. No lookup here."""
        from mailpath.core.names import (
            InputError,
            parse_nameserver,
            parse_party,
            parse_sending_host,
        )
        from mailpath.gui.jobs import AnalysisRequest

        ok = True
        checks = [
            ("sender", lambda: parse_party(self.sender_edit.text(), "sender")),
            ("recipient", lambda: parse_party(self.recipient_edit.text(), "recipient")),
        ]
        if self.via_edit.text().strip():
            checks.append(("via", lambda: parse_sending_host(self.via_edit.text())))
        selectors = self.dkim_selectors()
        for selector in selectors:
            checks.append(("selectors", lambda s=selector: _parse_selector(s)))
        servers = self.resolver_servers()
        for server in servers:
            checks.append(("resolver", lambda s=server: parse_nameserver(s)))
        for name in self.fields:
            self._set_field_error(name, None)
        first_bad: QWidget | None = None
        for name, check in checks:
            if name in self._field_errors:
                continue
            try:
                check()
            except InputError as exc:
                ok = False
                self._set_field_error(name, _sentence(str(exc)))
                first_bad = first_bad or self.fields[name]
        if not ok:
            assert first_bad is not None
            first_bad.setFocus()
            self._set_stale(True)
            if self.stale:
                self._set_status(
                    tr(
                        "MainWindow",
                        "Check the marked fields. The route shown is the previous analysis.",
                    )
                )
            else:
                self._set_status(tr("MainWindow", "Check the marked fields."))
            return None
        message, message_name = self._message_for_inputs()
        return AnalysisRequest(
            sender=self.sender_edit.text().strip(),
            recipient=self.recipient_edit.text().strip(),
            via=self.via_edit.text().strip() or None,
            nameservers=tuple(servers),
            message=message,
            message_name=message_name,
            dkim_selectors=tuple(selectors),
        )

    def dkim_selectors(self) -> list[str]:
        """The DKIM selector field as a list: commas, semicolons or spaces separate."""
        text = self.selector_edit.text().replace(",", " ").replace(";", " ")
        return text.split()

    def _message_for_inputs(self) -> tuple[Any, str | None]:
        """The opened message, while the fields still say what it filled them with.

        A message belongs to the sender, recipient and sending host it gave: once the person
        types others, the analysis is of their inputs, and the message is dropped."""
        if self.message_input is None:
            return None, None
        now = (
            self.sender_edit.text().strip(),
            self.recipient_edit.text().strip(),
            self.via_edit.text().strip(),
        )
        if now != self._message_fields:
            self.message_input = None
            self.message_name = None
            return None, None
        return self.message_input, self.message_name

    # ------------------------------------------------------------ running

    def start_analysis(self) -> bool:
        self.ensure_built()
        request = self.validate_inputs()
        if request is None:
            self.analysisFinished.emit()
            return False
        self._remember_inputs(request)
        self.run_request(request)
        return True

    def run_request(self, request: Any) -> None:
        from mailpath.gui.jobs import make_job

        self.ensure_built()
        self.request = request
        self.down.clear()
        self._set_stale(False)
        self.result = None
        self.extra = None
        self._pending_progress = None
        self._progress_timer.stop()
        self.scene.clear_graph()
        self.details.show_node(None, None)
        self.spf_panel.clear()
        self.findings.set_findings(())
        self._show_message(None)
        self._update_headline()
        self.view.request_fit()
        self.running = True
        self._run_started = time.monotonic()
        self.runner.start(make_job(request))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.act_cancel.setEnabled(True)
        self._set_status(
            tr("MainWindow", "Analyzing {sender} → {recipient}…").format(
                sender=request.sender, recipient=request.recipient
            )
        )
        self._position_overlays()

    def cancel_analysis(self) -> None:
        if not self.running:
            return
        self.runner.cancel()
        self._progress_timer.stop()
        if self._pending_progress is not None:
            self._apply_progress()
        self._end_run()
        self._set_status(tr("MainWindow", "Cancelled: the route shows what was resolved so far."))
        self.analysisFinished.emit()

    def _escape(self) -> None:
        if self.running:
            self.cancel_analysis()
        elif self.scene.selected_node():
            self.scene.clearSelection()

    def _end_run(self) -> None:
        self.running = False
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.act_cancel.setEnabled(False)

    def _on_progress(self, generation: int, done: int, pending: int, result: Any) -> None:
        if not self.running or generation != self.runner.generation:
            return  # the run has ended (or been superseded): its result stays as it is
        self._pending_progress = (done, pending, result)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    def _apply_progress(self) -> None:
        if self._pending_progress is None:
            return
        if not self.running:
            self._pending_progress = None
            return
        done, pending, result = self._pending_progress
        self._pending_progress = None
        self.progress.setRange(0, max(1, done + pending))
        self.progress.setValue(done)
        self._set_status(
            tr("MainWindow", "Analyzing: {done} lookups done, {pending} pending…").format(
                done=done, pending=pending
            )
        )
        self._show_result(result)

    def _on_finished(self, generation: int, result: Any, extra: Any) -> None:
        self._progress_timer.stop()
        self._pending_progress = None
        self.extra = extra
        self._end_run()
        self._show_result(result)
        self._select_worst()
        if self._raise_message_dock:
            self._raise_message_dock = False
            if getattr(result, "message", None) is not None:
                self.message_dock.raise_()
        self._set_status(self._idle_status())
        self.analysisFinished.emit()

    def _select_worst(self) -> None:
        """Show something useful in Details at once: the node of the most severe finding
        (findings come most severe first), or the mailbox with its verdict."""
        if self.scene.selected_node():
            return  # the person chose already
        target = "mailbox"
        for finding in getattr(self.result, "findings", ()) or ():
            if finding.subject and finding.subject in self.scene.nodes:
                target = finding.subject
                break
        if target in self.scene.nodes:
            self.select_node(target)
            self.view.graph_updated()

    def _on_failed(self, generation: int, message: str, details: str) -> None:
        self._progress_timer.stop()
        self._pending_progress = None
        self._end_run()
        self._set_status(tr("MainWindow", "The analysis failed: {message}").format(message=message))
        log.error("analysis failed: %s\n%s", message, details)
        replay_path = getattr(self.request, "replay_path", None)
        if replay_path:  # the file's content, not the program, is what went wrong
            self._cannot_open(replay_path, _sentence(message), details)
        elif not getattr(self, "screenshot_mode", False):
            from mailpath.gui.errors import show_error

            show_error(self, message, details)
        self.analysisFinished.emit()

    def _show_result(self, result: Any) -> None:
        from mailpath.core.route import build_route_graph
        from mailpath.gui.labels import LocalizedGraph

        self.result = result
        graph = LocalizedGraph(build_route_graph(result, down=frozenset(self.down)))
        self.scene.set_graph(graph)
        self.view.graph_updated()
        self.spf_panel.set_result(result)
        self.findings.set_findings(tuple(getattr(result, "findings", ()) or ()))
        self._show_message(getattr(result, "message", None))
        selected = self.scene.selected_node()
        if selected and selected in self.scene.nodes:
            self.details.show_node(selected, self.scene.nodes[selected].attrs)
        self._update_headline()
        self._position_overlays()

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _show_message(self, info: Any) -> None:
        """The Message panel shows the result's received message (None clears it); refilled
        only when the message changes, so progress redraws keep the selected hop."""
        if info is self._shown_message:
            return
        self._shown_message = info
        if info is None:
            self.message_panel.set_message(None)
            return
        from mailpath.core.message_check import message_to_json

        self.message_panel.set_message(message_to_json(info))

    def _hop_selected(self, index: int) -> None:
        """A hop chosen in the Message panel: its node in the route, when the route has one."""
        if index < 0 or self.scene.graph is None:
            return
        from mailpath.core import route

        node_for_hop = getattr(route, "node_for_hop", None)
        if node_for_hop is None:
            return  # the route does not draw the message's hops (yet)
        graph = getattr(self.scene.graph, "source", self.scene.graph)
        try:
            node = node_for_hop(graph, index)
        except Exception:  # a highlight is a nicety: never an error for the person
            log.info("no node for hop %d", index, exc_info=True)
            return
        if node and self.scene.select_node(node):
            self.view.centerOn(self.scene.nodes[node])

    # ------------------------------------------------------------ graph interaction

    def _node_selected(self, node_id: str) -> None:
        if not node_id:
            self.details.show_node(None, None)
            return
        item = self.scene.nodes.get(node_id)
        self.details.show_node(node_id, item.attrs if item else None)
        if node_id.startswith("addr:"):
            self.spf_panel.show_key(node_id)

    def select_node(self, node_id: str) -> None:
        if not self.scene.select_node(node_id):
            return
        self.details_dock.raise_()

    def _fix_copied(self, text: str) -> None:
        self._set_status(tr("MainWindow", "Copied to the clipboard: {text}").format(text=text))

    def _node_context_menu(self, node_id: str, pos: Any) -> None:
        from mailpath.gui.graph_view import mx_menu

        item = self.scene.nodes.get(node_id)
        if item is None or item.attrs.get("kind") != "mx" or node_id in ("mx:?", "mx:none"):
            return
        menu, action = mx_menu(self, bool(item.attrs.get("down")))
        action.triggered.connect(lambda: self.toggle_down(node_id))
        menu.exec(pos)

    def toggle_selected_down(self) -> None:
        node_id = self.scene.selected_node()
        if node_id:
            self.toggle_down(node_id)

    def toggle_down(self, node_id: str) -> None:
        """What-if failover: the route moves to the next preference group, as a sender would."""
        item = self.scene.nodes.get(node_id)
        if item is None or item.attrs.get("kind") != "mx" or self.result is None:
            return
        if node_id in self.down:
            self.down.discard(node_id)
        else:
            self.down.add(node_id)
        self._show_result(self.result)
        active = [
            n
            for n, i in self.scene.nodes.items()
            if i.attrs.get("active") and i.attrs.get("kind") == "mx"
        ]
        if active:
            self._set_status(
                tr("MainWindow", "What-if: mail now goes to {hosts}.").format(
                    hosts=", ".join(n.removeprefix("mx:") for n in sorted(active))
                )
            )
        else:
            self._set_status(
                tr(
                    "MainWindow",
                    "What-if: every MX host is down; mail would wait "
                    "in the sending server's queue.",
                )
            )

    def restore_all_mx(self) -> None:
        if self.down and self.result is not None:
            self.down.clear()
            self._show_result(self.result)
            self._set_status(self._idle_status())

    # ------------------------------------------------------------ files

    def _default_name(self, suffix: str) -> str:
        graph = self.scene.graph
        attrs = getattr(graph, "graph", {}) or {}
        stem = f"mailpath-{attrs.get('sender', 'route')}-{attrs.get('recipient', '')}"
        stem = "".join(c if c.isalnum() or c in "-._" else "_" for c in stem).strip("-_")
        last = str(self.settings.value("files/lastDir", str(Path.home())))
        return str(Path(last) / f"{stem}{suffix}")

    def _remember_dir(self, path: str) -> None:
        self.settings.setValue("files/lastDir", str(Path(path).parent))

    def export_title(self) -> str:
        from mailpath.gui.export import default_title

        return default_title(self.scene.graph)

    def _need_graph(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        if self.scene.graph is None:
            QMessageBox.information(
                self,
                tr("MainWindow", "Nothing to export"),
                tr("MainWindow", "Analyze a route first."),
            )
            return False
        return True

    def export_png(self, path: str) -> None:
        from mailpath.gui.export import write_png

        write_png(
            self.scene.graph,
            path,
            self.export_title(),
            positions=self.scene.positions(),
            headline=self.headline_for_route(),
        )

    def export_svg(self, path: str) -> None:
        from mailpath.gui.export import write_svg

        write_svg(
            self.scene.graph,
            path,
            self.export_title(),
            positions=self.scene.positions(),
            headline=self.headline_for_route(),
        )

    def export_png_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._need_graph():
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("MainWindow", "Export PNG"),
            self._default_name(".png"),
            tr("MainWindow", "PNG images (*.png)"),
        )
        path = self._with_suffix(path, ".png", (".png",))
        if path:
            self._remember_dir(path)
            self._write_file(lambda: self.export_png(path), path)

    def export_svg_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._need_graph():
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("MainWindow", "Export SVG"),
            self._default_name(".svg"),
            tr("MainWindow", "SVG images (*.svg)"),
        )
        path = self._with_suffix(path, ".svg", (".svg",))
        if path:
            self._remember_dir(path)
            self._write_file(lambda: self.export_svg(path), path)

    def _with_suffix(self, path: str, suffix: str, accepted: tuple[str, ...]) -> str:
        """`path` with `suffix` added when it has none of `accepted` (the Open filter would
        hide a bare file). "" when the person cancelled, or declined to replace the file that
        the added suffix names."""
        from PySide6.QtWidgets import QMessageBox

        if not path or path.lower().endswith(accepted):
            return path
        path += suffix
        if Path(path).exists() and not self.screenshot_mode:
            answer = QMessageBox.question(
                self,
                tr("MainWindow", "Replace the file?"),
                tr("MainWindow", "{path} already exists. Replace it?").format(path=path),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return ""
        return path

    def _write_file(self, write: Any, path: str) -> None:
        try:
            write()
        except Exception as exc:  # any failure is a message about this file, never a crash
            log.info("cannot write %s", path, exc_info=True)
            self.warn(
                tr("MainWindow", "Cannot write the file"),
                tr("MainWindow", "Cannot write {path}: {reason}").format(
                    path=path, reason=_write_problem(path, exc)
                ),
            )
            return
        self._set_status(tr("MainWindow", "Wrote {path}.").format(path=path))

    def warn(self, title: str, text: str, details: str = "") -> None:
        """A warning the person must see: a dialog, or (screenshot runs) the status line."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        self.last_warning = text
        if self.screenshot_mode:
            self._set_status(text)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        if details:
            box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()

    def save_analysis(self, path: str) -> None:
        import inspect

        from mailpath.core.recording import save_recording

        result = self.result
        extra: dict[str, Any] = {}
        # The message (its headers and DKIM/ARC results, never the body) and the selectors
        # are saved with the analysis where recordings can hold them.
        accepted = inspect.signature(save_recording).parameters
        message = getattr(result, "message", None)
        if message is not None and "message" in accepted:
            extra["message"] = message
        selectors = tuple(getattr(self.request, "dkim_selectors", ()) or ())
        if selectors and "dkim_selectors" in accepted:
            extra["dkim_selectors"] = selectors
        save_recording(
            path,
            sender=result.inputs.sender,
            recipient=result.inputs.recipient,
            via=result.inputs.via,
            created=result.started_at,
            resolver=self.extra.resolver,
            answers=self.extra.answers,
            **extra,
        )

    def save_analysis_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if self.result is None or self.extra is None or not getattr(self.result, "complete", 0):
            QMessageBox.information(
                self,
                tr("MainWindow", "Nothing to save"),
                tr("MainWindow", "Save needs a finished analysis."),
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("MainWindow", "Save Analysis"),
            self._default_name(".mailpath.json"),
            tr("MainWindow", "mailpath analyses (*.mailpath.json *.json)"),
        )
        path = self._with_suffix(path, ".mailpath.json", (".json",))
        if path:
            self._remember_dir(path)
            self._write_file(lambda: self.save_analysis(path), path)

    def open_analysis(self, path: str) -> bool:
        """Replay a saved analysis: no network; the route is recomputed from its answers.

        The Resolver field keeps what the person had: the next analysis they start is live.
        A file that cannot be read, whatever is wrong with it, is a dialog naming it."""
        import traceback

        from mailpath.core.recording import RecordingError, open_recording
        from mailpath.gui.jobs import AnalysisRequest

        self.ensure_built()
        try:
            recording = open_recording(path)
        except RecordingError as exc:
            self._cannot_open(path, _sentence(str(exc)))
            return False
        except Exception as exc:  # a hostile file must never leave a traceback behind
            log.info("cannot open %s", path, exc_info=True)
            self._cannot_open(path, _recording_problem(exc), traceback.format_exc())
            return False
        self.set_inputs(recording.sender, recording.recipient, recording.via)
        # A saved message replays with its DKIM/ARC results as they were verified; it is not
        # kept for the next (live) analysis, whose inputs the person types.
        message = getattr(recording, "message", None)
        self.message_input = None
        self.message_name = None
        self.run_request(
            AnalysisRequest(
                sender=recording.sender,
                recipient=recording.recipient,
                via=recording.via,
                replay_answers=recording.answers,
                replay_path=path,
                created=recording.created or None,
                resolver_label=recording.resolver,
                message=message,
                message_name=path if message is not None else None,
                dkim_selectors=tuple(getattr(recording, "dkim_selectors", ()) or ()),
            )
        )
        if message is not None:
            self._show_message_dock()
        return True

    def _cannot_open(self, path: str, reason: str, details: str = "") -> None:
        self.warn(
            tr("MainWindow", "Cannot open the analysis"),
            tr("MainWindow", "Cannot open {path}: {reason}").format(path=path, reason=reason),
            details,
        )

    def open_analysis_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("MainWindow", "Open Analysis"),
            str(self.settings.value("files/lastDir", str(Path.home()))),
            tr("MainWindow", "mailpath analyses (*.mailpath.json *.json);;All files (*)"),
        )
        if path:
            self._remember_dir(path)
            self.open_analysis(path)

    # ------------------------------------------------------------ received messages

    def open_message(self, path: str) -> bool:
        """Read a received message (.eml) and analyze the route it took.

        A file that cannot be read or is not a message is a dialog naming it, never a
        traceback."""
        self.ensure_built()
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            reason = _sentence(exc.strerror or str(exc))
            self._cannot_read_message(path, reason)
            return False
        return self.open_message_data(data, path)

    def open_message_data(self, data: bytes, name: str) -> bool:
        """Analyze the message `data`: the inputs are filled from it, the Resolver field
        stays as it is. `name` (a path, or words such as "the pasted message") names it in
        errors and the status line."""
        import traceback

        from mailpath.core.message import MessageError, parse_message
        from mailpath.core.message_check import MessageInput, message_parties

        self.ensure_built()
        try:
            parsed = parse_message(data)
            sender, recipient, via = message_parties(parsed)
        except MessageError as exc:
            self._cannot_read_message(name, _sentence(str(exc)))
            return False
        except Exception as exc:  # a hostile message must never leave a traceback behind
            log.info("cannot read the message %s", name, exc_info=True)
            reason = tr("MainWindow", "It is not a message mailpath can read ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"[:300]
            )
            self._cannot_read_message(name, reason, traceback.format_exc())
            return False
        if self.running:
            self.cancel_analysis()
        self.set_inputs(sender, recipient, via)
        self.message_input = MessageInput(parsed)
        self.message_name = name
        self._message_fields = (sender.strip(), recipient.strip(), (via or "").strip())
        self._show_message_dock()
        return self.start_analysis()

    def _show_message_dock(self) -> None:
        """Show the Message dock in front, and keep it there when the result arrives (which
        otherwise brings Details forward with the worst finding's node)."""
        from PySide6.QtCore import Qt

        self.message_dock.show()
        self.message_dock.raise_()
        self._raise_message_dock = True
        # Hops and signatures need more room than the node details: widen the panel a little.
        wanted = min(MESSAGE_WIDTH, int(self.width() * 0.34))
        if not self.message_dock.isFloating() and self.message_dock.width() < wanted:
            self.resizeDocks([self.message_dock], [wanted], Qt.Orientation.Horizontal)

    def _cannot_read_message(self, name: str, reason: str, details: str = "") -> None:
        self.warn(
            tr("MainWindow", "Cannot read the message"),
            tr("MainWindow", "Cannot read {path}: {reason}").format(path=name, reason=reason),
            details,
        )

    def open_message_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("MainWindow", "Open Message"),
            str(self.settings.value("files/lastDir", str(Path.home()))),
            tr("MainWindow", "Mail messages (*.eml *.msg.txt *.txt);;All files (*)"),
        )
        if path:
            self._remember_dir(path)
            self.open_message(path)

    def paste_message_dialog(self) -> bool:
        from PySide6.QtWidgets import QDialog

        from mailpath.gui.message_dialog import PasteMessageDialog

        self.ensure_built()
        dialog = PasteMessageDialog(self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            data = dialog.message_bytes()
        finally:
            dialog.setParent(None)  # not one of the window's widgets any more
            dialog.deleteLater()
        return self.open_message_data(data, tr("MainWindow", "the pasted message"))

    def open_dropped(self, path: str) -> bool:
        """A file dropped on the window: a saved analysis (.json) is replayed, anything
        else is read as a received message."""
        if path.lower().endswith(".json"):
            return self.open_analysis(path)
        return self.open_message(path)

    def _dropped_paths(self, event: Any) -> list[str]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: Any) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: Any) -> None:
        paths = self._dropped_paths(event)
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        path = paths[0]
        self._remember_dir(path)
        # After the drop has finished: a dialog must not run inside the drag's event loop.
        QTimer.singleShot(0, lambda: self.open_dropped(path))

    def open_seed_example(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mailpath.paths import seed_example

        path = seed_example()
        if not path.exists():
            QMessageBox.warning(
                self,
                tr("MainWindow", "Seed example missing"),
                tr("MainWindow", "{path} is not installed.").format(path=str(path)),
            )
            return
        self.open_analysis(str(path))

    def about(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from mailpath import __version__

        box = QMessageBox(self)
        box.setWindowTitle(tr("MainWindow", "About mailpath"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            tr(
                "MainWindow",
                "mailpath {version}\nMail route explorer: SPF, MX, reverse "
                "DNS and DMARC drawn as the delivery route.",
            ).format(version=__version__)
        )
        box.exec()

    # ------------------------------------------------------------ settings

    def _load_recent(self) -> None:
        for name, model in self.recent_models.items():
            values = self.settings.value(f"recent/{name}", [])
            model.setStringList(_as_list(values))

    def _load_recent_resolvers(self) -> None:
        resolvers = _as_list(self.settings.value("recent/resolver", []))
        for server in resolvers:
            self.resolver_combo.addItem(server, server)
        current = str(self.settings.value("resolver", ""))
        if current:
            self.resolver_combo.setEditText(current)
        else:
            self.resolver_combo.setCurrentIndex(0)

    def _remember_inputs(self, request: Any) -> None:
        for name, value in (
            ("sender", request.sender),
            ("recipient", request.recipient),
            ("via", request.via),
        ):
            if not value:
                continue
            model = self.recent_models[name]
            values = [v for v in model.stringList() if v != value]
            values.insert(0, value)
            model.setStringList(values[:RECENT_MAX])
            self.settings.setValue(f"recent/{name}", values[:RECENT_MAX])
        resolver = ", ".join(request.nameservers)
        self.settings.setValue("resolver", resolver)
        if resolver:
            known = [self.resolver_combo.itemText(i) for i in range(1, self.resolver_combo.count())]
            if resolver not in known:
                self.resolver_combo.insertItem(1, resolver, resolver)
            recent = [resolver] + [k for k in known if k != resolver]
            self.settings.setValue("recent/resolver", recent[:RECENT_MAX])

    def shutdown(self) -> None:
        """Stop and join every analysis thread (closing the window, leaving the app)."""
        if self.is_built:
            self._progress_timer.stop()
            self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.is_built:
            self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def _parse_selector(text: str) -> str:
    from mailpath.core.dkim import parse_selector

    return parse_selector(text)


def _localized_input_error(message: str) -> str:
    from mailpath.gui.labels import translate_input_error

    return translate_input_error(message)


def _sentence(message: str) -> str:
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def _write_problem(path: str, exc: BaseException) -> str:
    """Why `path` could not be written, in words: OSError's strerror when there is one, else
    what the folder says (QImage.save only returns False), else the exception's text."""
    import os

    if isinstance(exc, OSError) and exc.strerror:
        return _sentence(exc.strerror)
    folder = Path(path).parent
    if not folder.is_dir():
        return tr("MainWindow", "The folder {folder} does not exist.").format(folder=str(folder))
    if not os.access(folder, os.W_OK):
        return tr("MainWindow", "The folder {folder} is not writable.").format(folder=str(folder))
    if Path(path).is_dir():
        return tr("MainWindow", "It is a folder.")
    text = " ".join(str(a) for a in getattr(exc, "args", ()) if a not in (None, ""))
    if text and not isinstance(exc, OSError):
        return _sentence(text)
    return tr("MainWindow", "The file could not be written (is the disk full?).")


def _recording_problem(exc: BaseException) -> str:
    """What is wrong with a saved analysis that the reader did not describe itself."""
    if isinstance(exc, RecursionError):
        return tr("MainWindow", "Its content is nested too deeply to be a saved analysis.")
    if isinstance(exc, UnicodeError):
        return tr("MainWindow", "It is not UTF-8 text.")
    if isinstance(exc, MemoryError):
        return tr("MainWindow", "It is too large.")
    return tr("MainWindow", "It is not a valid saved analysis ({error}).").format(
        error=f"{type(exc).__name__}: {exc}"[:300]
    )


def _local_time(iso: str) -> str:
    """An ISO 8601 time stamp as local time, minutes; unchanged when it is not one."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")
