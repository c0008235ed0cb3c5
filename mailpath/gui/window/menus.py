"""Menus and shortcuts: the window's actions, their keys, menus and texts.

The menu bar's titles exist from the first frame; the actions behind them (with their
shortcuts, which text fields give way to), the language and theme choices and the About box
are built after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from mailpath.gui import theme
from mailpath.gui.text import i18n
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QActionGroup, QShortcut

    from mailpath.gui.text.help_dialog import GlossaryDialog
    from mailpath.gui.window.main_window import MainWindow


class WindowMenus:
    """The menu bar, every action of the window, and the keys that run them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        #: The key combinations of window shortcuts that text fields must not take.
        self.window_keys: set[int] = set()
        menubar = window.menuBar()
        self.menu_file = menubar.addMenu("")
        self.menu_analysis = menubar.addMenu("")
        self.menu_view = menubar.addMenu("")
        self.menu_language = menubar.addMenu("")
        self.menu_help = menubar.addMenu("")
        self.glossary_dialog: GlossaryDialog | None = None

    def _action(
        self,
        slot: Callable[[], object],
        shortcut: QKeySequence | list[QKeySequence] | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def build(self) -> None:
        """The actions, then the menus that hold them."""
        self._build_actions()
        self._build_menus()

    def _build_actions(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QActionGroup, QShortcut

        w = self.window
        files = w.files
        view = w.view
        std = QKeySequence.StandardKey
        self.act_open = self._action(files.open_analysis_dialog, QKeySequence(std.Open))
        self.act_save = self._action(files.save_analysis_dialog, QKeySequence(std.Save))
        self.act_open_message = self._action(
            files.open_message_dialog, QKeySequence("Ctrl+Shift+O")
        )
        self.act_paste_message = self._action(
            files.paste_message_dialog, QKeySequence("Ctrl+Shift+V")
        )
        self.act_export_png = self._action(files.export_png_dialog, QKeySequence("Ctrl+E"))
        self.act_export_svg = self._action(files.export_svg_dialog, QKeySequence("Ctrl+Shift+E"))
        self.act_quit = self._action(w.close, QKeySequence(std.Quit))
        self.act_analyze = self._action(w.analysis.start, QKeySequence("F5"))
        self.act_cancel = self._action(w.analysis.cancel)
        self.act_zoom_in = self._action(
            view.zoom_in, [QKeySequence(std.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.act_zoom_out = self._action(view.zoom_out, QKeySequence(std.ZoomOut))
        self.act_fit = self._action(view.request_fit, QKeySequence("Ctrl+0"))
        self.act_legend = self._action(w.toggle_legend, QKeySequence("Ctrl+L"), checkable=True)
        self.act_legend.setChecked(w.settings.value("view/legend", True) not in (False, "false"))
        self.act_toggle_down = self._action(w.route.toggle_selected_down, QKeySequence("D"))
        self.act_restore = self._action(w.route.restore_all_mx)
        self.act_seed = self._action(files.open_seed_example, QKeySequence("F1"))
        self.act_example_message = self._action(files.open_example_message)
        self.act_glossary = self._action(lambda: self.show_glossary(None))
        self.act_about = self._action(self.about)
        self.act_focus_graph = self._action(view.setFocus, QKeySequence("Ctrl+G"))
        self.act_focus_inputs = self._action(w.inputs.sender_edit.setFocus, QKeySequence("Ctrl+K"))
        # Esc cancels a running analysis wherever the focus is.
        self.esc: QShortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), w)
        self.esc.setContext(Qt.ShortcutContext.WindowShortcut)
        self.esc.activated.connect(w.analysis.escape)
        self._give_way_to_shortcuts()
        self.language_group: QActionGroup = QActionGroup(w)
        self.language_actions: dict[str, QAction] = {}
        for code in ("system", *i18n.LANGUAGES):
            action = QAction(w)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: w.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        current = w.language_setting if w.language_setting in self.language_actions else "system"
        self.language_actions[current].setChecked(True)
        self.theme_group: QActionGroup = QActionGroup(w)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = QAction(w)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, n=name: w.apply_theme(n, save=True))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.theme_actions[w.theme_name].setChecked(True)

    def _give_way_to_shortcuts(self) -> None:
        """The window's shortcuts work from every widget, floating panels included.

        Text fields claim some of them for editing (on X11 Ctrl+E is "end of line", Ctrl+K
        "delete to the end"), and a focused field is the normal state after pressing Enter:
        for the combinations the window binds (with Ctrl/Alt/Meta, or F-keys) the fields
        give way. Plain keys (D) stay with whatever has focus."""
        from PySide6.QtCore import Qt

        modifiers = (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        self.window_keys = set()
        # The window's actions (`_action` adds each to it): wrappers Python already has.
        # findChildren() would make PySide6 look for the type of every child (~6 ms at start).
        for action in self.window.actions():
            sequences = action.shortcuts()
            if not sequences:
                continue
            # QKeySequence[i] is its i-th combination; the stubs lack __getitem__.
            combos = [seq[0] for seq in sequences if seq.count() == 1]  # type: ignore[index]
            global_key = all(
                c.keyboardModifiers() & modifiers
                or Qt.Key.Key_F1.value <= c.key().value <= Qt.Key.Key_F35.value
                for c in combos
            )
            if not global_key:
                continue  # a plain key: only where it does not type text
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.window_keys.update(c.toCombined() for c in combos)
        inputs = self.window.inputs
        line = inputs.resolver_combo.lineEdit()
        for edit in (*inputs.line_edits(), line):
            if edit is not None:
                edit.installEventFilter(self.window)

    def _build_menus(self) -> None:
        w = self.window
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
        for dock in (w.details_dock, w.spf_dock, w.message_dock, w.findings_dock):
            self.menu_panels.addAction(dock.toggleViewAction())
        w.fix_live.add_to_menus(self.menu_analysis, self.menu_panels)
        w.requirements.add_to_menus(self.menu_analysis, self.menu_panels)
        self.menu_theme = self.menu_view.addMenu("")
        for action in self.theme_actions.values():
            self.menu_theme.addAction(action)
        for action in self.language_actions.values():
            self.menu_language.addAction(action)
        self.menu_help.addAction(self.act_glossary)
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_seed)
        self.menu_help.addAction(self.act_example_message)
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)

    def retranslate_titles(self) -> None:
        """The menu bar's titles (the first frame shows them)."""
        self.menu_file.setTitle(tr("MainWindow", "&File"))
        self.menu_analysis.setTitle(tr("MainWindow", "&Analysis"))
        self.menu_view.setTitle(tr("MainWindow", "&View"))
        self.menu_language.setTitle(tr("MainWindow", "&Language"))
        self.menu_help.setTitle(tr("MainWindow", "&Help"))

    def retranslate(self) -> None:
        """The submenus and every action."""
        from mailpath.gui.text import glossary

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
        self.act_seed.setText(glossary.example_action_text())
        self.act_example_message.setText(
            tr("MainWindow", "Open Example &Received Message: Mail Marked Unverified")
        )
        self.act_glossary.setText(glossary.glossary_action_text())
        if self.glossary_dialog is not None:
            self.glossary_dialog.retranslate()
        self.act_about.setText(tr("MainWindow", "&About mailpath"))
        self.language_actions["system"].setText(tr("MainWindow", "&System Default"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.theme_actions["system"].setText(tr("MainWindow", "&System"))
        self.theme_actions["light"].setText(tr("MainWindow", "&Light"))
        self.theme_actions["dark"].setText(tr("MainWindow", "&Dark"))

    def show_glossary(self, key: str | None = None) -> None:
        """Help → Glossary, or a finding's "What does this mean?": the glossary dialog (one,
        kept; not modal), at the term `key` when given."""
        from mailpath.gui.text.help_dialog import GlossaryDialog

        if self.glossary_dialog is None:
            self.glossary_dialog = GlossaryDialog(self.window)
        dialog = self.glossary_dialog
        if key:
            dialog.show_term(key)
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
        else:
            dialog.show()

    def about(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from mailpath import __version__

        box = QMessageBox(self.window)
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
