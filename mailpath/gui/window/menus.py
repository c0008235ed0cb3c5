"""Menus and shortcuts: the window's actions, their keys, menus and texts.

The menu bar's titles exist from the first frame; the actions behind them (with their
shortcuts, which text fields give way to), the language and theme choices and the About box
are built after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from mailpath.gui import theme
from mailpath.gui.text import i18n
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QActionGroup, QShortcut
    from PySide6.QtWidgets import QDockWidget, QMenuBar, QWidget

    from mailpath.gui.text.help_dialog import GlossaryDialog


class WindowMenus(QObject):
    """The menu bar, every action of the window, and the keys that run them.

    The actions are made here with their keys and texts; what they do is connected by the
    window (`MainWindow._connect_actions`), to the part that does it."""

    #: Language → a language was chosen ("system" or a code).
    languageChosen = Signal(str)
    #: View → Theme → a theme was chosen.
    themeChosen = Signal(str)

    def __init__(self, menubar: QMenuBar, owner: QWidget) -> None:
        super().__init__(owner)
        #: The widget whose actions these are (their shortcuts' scope), and the dialogs' parent.
        self.owner = owner
        #: The key combinations of window shortcuts that text fields must not take.
        self.window_keys: set[int] = set()
        self.menu_file = menubar.addMenu("")
        self.menu_analysis = menubar.addMenu("")
        self.menu_view = menubar.addMenu("")
        self.menu_language = menubar.addMenu("")
        self.menu_help = menubar.addMenu("")
        self.glossary_dialog: GlossaryDialog | None = None

    def _action(
        self,
        shortcut: QKeySequence | list[QKeySequence] | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(self.owner)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        self.owner.addAction(action)
        return action

    def build(
        self, language_setting: str, theme_name: str, legend: bool, docks: list[QDockWidget]
    ) -> None:
        """The actions, then the menus that hold them."""
        self._build_actions(language_setting, theme_name, legend)
        self._build_menus(docks)
        self.act_glossary.triggered.connect(lambda: self.show_glossary(None))
        self.act_about.triggered.connect(self.about)

    def _build_actions(self, language_setting: str, theme_name: str, legend: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QActionGroup, QShortcut

        std = QKeySequence.StandardKey
        self.act_open = self._action(QKeySequence(std.Open))
        self.act_save = self._action(QKeySequence(std.Save))
        self.act_open_message = self._action(QKeySequence("Ctrl+Shift+O"))
        self.act_paste_message = self._action(QKeySequence("Ctrl+Shift+V"))
        self.act_export_png = self._action(QKeySequence("Ctrl+E"))
        self.act_export_svg = self._action(QKeySequence("Ctrl+Shift+E"))
        self.act_quit = self._action(QKeySequence(std.Quit))
        self.act_analyze = self._action(QKeySequence("F5"))
        self.act_cancel = self._action()
        self.act_cancel.setEnabled(False)
        self.act_zoom_in = self._action([QKeySequence(std.ZoomIn), QKeySequence("Ctrl+=")])
        self.act_zoom_out = self._action(QKeySequence(std.ZoomOut))
        self.act_fit = self._action(QKeySequence("Ctrl+0"))
        self.act_legend = self._action(QKeySequence("Ctrl+L"), checkable=True)
        self.act_legend.setChecked(legend)
        self.act_toggle_down = self._action(QKeySequence("D"))
        self.act_restore = self._action()
        self.act_seed = self._action(QKeySequence("F1"))
        self.act_example_message = self._action()
        self.act_glossary = self._action()
        self.act_about = self._action()
        self.act_focus_graph = self._action(QKeySequence("Ctrl+G"))
        self.act_focus_inputs = self._action(QKeySequence("Ctrl+K"))
        # Esc cancels a running analysis wherever the focus is.
        self.esc: QShortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.owner)
        self.esc.setContext(Qt.ShortcutContext.WindowShortcut)
        self.language_group: QActionGroup = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("system", *i18n.LANGUAGES):
            action = QAction(self.owner)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.languageChosen.emit(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        current = language_setting if language_setting in self.language_actions else "system"
        self.language_actions[current].setChecked(True)
        self.theme_group: QActionGroup = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = QAction(self.owner)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, n=name: self.themeChosen.emit(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.theme_actions[theme_name].setChecked(True)

    def give_way_to_shortcuts(self, fields: list[QWidget]) -> None:
        """The window's shortcuts work from every widget, floating panels included.

        Text fields claim some of them for editing (on X11 Ctrl+E is "end of line", Ctrl+K
        "delete to the end"), and a focused field is the normal state after pressing Enter:
        for the combinations the window binds (with Ctrl/Alt/Meta, or F-keys) the fields
        give way. Plain keys (D) stay with whatever has focus. An editable combo box gets the
        key first and hands it to its line edit itself, so both are watched."""
        from PySide6.QtCore import Qt

        modifiers = (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        self.window_keys = set()
        # The window's actions (`_action` adds each to it): wrappers Python already has.
        # findChildren() would make PySide6 look for the type of every child (~6 ms at start).
        for action in self.owner.actions():
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
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in self.window_keys
        ):
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return super().eventFilter(watched, event)

    def _build_menus(self, docks: list[QDockWidget]) -> None:
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
        for dock in docks:
            self.menu_panels.addAction(dock.toggleViewAction())
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
        self.act_export_svg.setText(tr("MainWindow", "&Export SVG…"))
        self.act_quit.setText(tr("MainWindow", "&Quit"))
        self.act_analyze.setText(tr("MainWindow", "&Analyze"))
        self.act_cancel.setText(tr("MainWindow", "&Cancel (Esc)"))
        self.act_toggle_down.setText(tr("MainWindow", "Mark Selected MX &Down / Up"))
        self.act_restore.setText(tr("MainWindow", "Restore All &MX Hosts"))
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
            self.glossary_dialog = GlossaryDialog(self.owner)
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

        box = QMessageBox(self.owner)
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
