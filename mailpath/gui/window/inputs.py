"""The input bar: the sender, recipient, sending host, DKIM selector and resolver fields.

It reads and checks what was typed (each bad field marked with its reason, no lookup here),
fills the fields (from the command line, a saved analysis, a received message), keeps the
recent values as completions, and knows which received message the fields came from.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mailpath.gui.text.i18n import tr
from mailpath.gui.window import resolver_field
from mailpath.gui.window.fit_height import HeightForWidth

if TYPE_CHECKING:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent

    from mailpath.core.dns.sources import ResolverFailure
    from mailpath.core.message.check import MessageInput
    from mailpath.core.session import AnalysisRequest
    from mailpath.gui.window.session import WindowSession

RECENT_MAX = 15


class ResolverCombo(QComboBox):
    """The resolver field. Its list is fitted to its labels as it opens: Qt makes the list's
    view only when it is first asked for, and start-up need not (~5 ms). The public resolvers
    join the list when it is first wanted: opened, the field focused (its completion offers
    them as one types), a key or the wheel on it (the first frame need not load them, ~3 ms).
    """

    def fill(self) -> None:
        resolver_field.add_public(self)

    def showPopup(self) -> None:
        self.fill()
        resolver_field.fit_popup(self)
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.fill()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.fill()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.fill()
        super().wheelEvent(event)


#: The settings key that remembers the STARTTLS probe checkbox.
PROBE_SMTP_KEY = "probe_smtp"
#: Characters Sender and Recipient keep at the window's minimum size.
MIN_CHARS = 12
#: What a line edit's frame, margins and clear button take beside its text.
CLEAR_BUTTON_ROOM = 40


class InputBar:
    """The fields above the graph and the Analyze button."""

    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        session: WindowSession,
        say: Callable[[str], None],
    ) -> None:
        self.settings = settings
        self.session = session
        #: A sentence for the status line.
        self.say = say
        self.field_errors: dict[str, str] = {}
        #: The resolver answered nothing in the last run, or None.
        self.resolver_failure: ResolverFailure | None = None
        #: The received message that filled the fields, and where it came from.
        self.message_input: MessageInput | None = None
        self.message_name: str | None = None
        self._message_fields: tuple[str, str, str] = ("", "", "")
        self.is_built = False

        bar = QWidget(parent)
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
        self.resolver_combo = ResolverCombo(bar)
        self.resolver_combo.setEditable(True)
        self.resolver_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.resolver_combo.setMinimumContentsLength(16)
        self.analyze_button = QPushButton(bar)
        self.analyze_button.setDefault(True)
        # The required fields keep room for 12 characters at the window's minimum size, beside
        # their clear button; the optional ones give way first.
        for required in (self.sender_edit, self.recipient_edit):
            text = required.fontMetrics().averageCharWidth() * MIN_CHARS
            required.setMinimumWidth(text + CLEAR_BUTTON_ROOM)
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
            # A long label ("Sending host (optional)") wraps rather than hold its column wide.
            label.setWordWrap(True)
            self.field_labels[name] = label
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 2 if name == "resolver" else 3)
        self.fit_height = HeightForWidth(bar)
        grid.addWidget(self.analyze_button, 1, len(self.fields))
        # The STARTTLS probe connects to the recipient's MX hosts: off unless asked for, and
        # remembered.
        self.probe_check = QCheckBox(bar)
        self.probe_check.setObjectName("probeSmtpCheck")
        self.probe_check.setChecked(bool(settings.value(PROBE_SMTP_KEY, False, type=bool)))
        self.probe_check.toggled.connect(lambda on: self.settings.setValue(PROBE_SMTP_KEY, on))
        # Above Analyze, in the row of the fields' labels. (No alignment flag: before the
        # first paint nothing touches the `Qt` namespace, whose enums cost ~10 ms.)
        grid.addWidget(self.probe_check, 0, len(self.fields))
        self.grid = grid
        self.widget = bar
        self._failure_shown: object = None
        session.finished.connect(self._run_ended)

    def _run_ended(self) -> None:
        """A resolver that answered nothing ended the run: its field says so."""
        outcome = self.session.outcome
        if outcome is None or outcome is self._failure_shown or self.session.running:
            return
        if outcome.failure is not None and outcome.resolver_failure is not None:
            self._failure_shown = outcome
            self.show_resolver_failure(outcome.resolver_failure)

    def connect_analyze(self, start: Callable[[], object]) -> None:
        """Enter in any field, or the Analyze button, runs `start`."""
        for edit in self.line_edits():
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(start)
        line = self.resolver_combo.lineEdit()
        assert line is not None
        line.returnPressed.connect(start)
        self.analyze_button.clicked.connect(start)

    def line_edits(self) -> tuple[QLineEdit, ...]:
        return (self.sender_edit, self.recipient_edit, self.via_edit, self.selector_edit)

    def build(self) -> None:
        """The error labels under the fields and the recent values' completers."""
        from PySide6.QtCore import QStringListModel, Qt
        from PySide6.QtWidgets import QCompleter

        from mailpath.gui.panels.widgets import plain_label

        self.is_built = True
        for column, name in enumerate(self.fields):
            error = plain_label("", self.widget)
            error.setObjectName(f"{name}Error")
            error.setStyleSheet("color: #d1242f;")
            error.setVisible(False)
            self.error_labels[name] = error
            self.grid.addWidget(error, 2, column)
        for name, edit in zip(self.fields, self.line_edits(), strict=False):
            edit.textEdited.connect(lambda _text="", n=name: self.set_field_error(n, None))
        line = self.resolver_combo.lineEdit()
        assert line is not None
        line.textEdited.connect(lambda _text="": self.set_field_error("resolver", None))
        self.recent_models: dict[str, QStringListModel] = {}
        for name in ("sender", "recipient", "via"):
            model = QStringListModel(self.widget)
            completer = QCompleter(model, self.widget)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            field = self.fields[name]
            assert isinstance(field, QLineEdit)
            field.setCompleter(completer)
            self.recent_models[name] = model

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        texts, accessible = _field_texts()
        for name, (label, placeholder) in texts.items():
            self.field_labels[name].setText(label)
            _two_lines_at_most(self.field_labels[name])
            widget = self.fields[name]
            widget.setAccessibleName(accessible[name])
            widget.setToolTip(accessible[name])
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(placeholder)
        system_text = tr("MainWindow", "System resolver")
        metrics = self.resolver_combo.fontMetrics()  # its label whole, in either language
        self.resolver_combo.setMinimumWidth(metrics.horizontalAdvance(system_text) + 48)
        if self.resolver_combo.count() == 0:
            self.resolver_combo.addItem(system_text, "")
        else:
            was_system = self.resolver_combo.currentIndex() == 0 and (
                self.resolver_combo.currentText() == self.resolver_combo.itemText(0)
            )
            typed = self.resolver_combo.currentText()
            # Renaming the current item rewrites the field's text: a typed server (or one
            # given with --nameserver) must survive a language switch, or the next analysis
            # would silently use the system resolver.
            self.resolver_combo.setItemText(0, system_text)
            if was_system:
                self.resolver_combo.setCurrentIndex(0)
                self.resolver_combo.setEditText(system_text)
            else:
                self.resolver_combo.setEditText(typed)
        resolver_field.retranslate(self.resolver_combo)
        line = self.resolver_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(
                tr(
                    "MainWindow",
                    "e.g. system, 192.0.2.53:53, https://dns.example/dns-query "
                    "or tls://192.0.2.53#dns.example",
                )
            )
        self.probe_check.setText(tr("MainWindow", "STARTTLS"))
        probe_tip = tr(
            "MainWindow",
            "Also connect to port 25 of the recipient's MX hosts to see whether they offer "
            "STARTTLS and which certificate they present (never sends mail)",
        )
        self.probe_check.setToolTip(probe_tip)
        self.probe_check.setAccessibleName(probe_tip)
        self.analyze_button.setText(tr("MainWindow", "Analy&ze"))
        self.analyze_button.setAccessibleName(tr("MainWindow", "Analyze the mail route"))
        self.analyze_button.setToolTip(tr("MainWindow", "Analyze (Enter, F5)"))

    def retranslate_errors(self) -> None:
        for name, message in self.field_errors.items():
            self.error_labels[name].setText(localized_input_error(message))
        if self.resolver_failure is not None:
            self.error_labels["resolver"].setText(
                resolver_field.failure_text(self.resolver_failure)
            )

    # ------------------------------------------------------------ errors

    def set_field_error(self, name: str, message: str | None) -> None:
        if not self.is_built:
            return
        widget = self.fields[name]
        label = self.error_labels[name]
        if name == "resolver":
            self.resolver_failure = None
        if message:
            self.field_errors[name] = message
            shown = localized_input_error(message)
            label.setText(shown)
            label.setVisible(True)
            widget.setStyleSheet("border: 2px solid #d1242f; border-radius: 3px;")
            widget.setAccessibleDescription(shown)
        else:
            self.field_errors.pop(name, None)
            label.setVisible(False)
            widget.setStyleSheet("")
            widget.setAccessibleDescription("")

    def show_resolver_failure(self, failure: ResolverFailure | None) -> None:
        """The resolver answered nothing: its field says so, as an input error does, until it
        is edited or another run starts."""
        self.set_field_error("resolver", None)
        if not self.is_built:
            return
        self.resolver_failure = failure
        text = resolver_field.failure_text(failure)
        label = self.error_labels["resolver"]
        label.setText(text)
        label.setVisible(True)
        widget = self.fields["resolver"]
        widget.setStyleSheet("border: 2px solid #d1242f; border-radius: 3px;")
        widget.setAccessibleDescription(text)

    # ------------------------------------------------------------ values

    def resolver_servers(self) -> list[str]:
        text = resolver_field.server_text(
            self.resolver_combo, self.resolver_combo.currentText().strip()
        )
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
            self.set_field_error(name, None)

    def fill_from_message(
        self, sender: str, recipient: str, via: str | None, message: MessageInput, name: str
    ) -> None:
        """The fields as a received message gives them; the message goes with them."""
        self.set_inputs(sender, recipient, via)
        self.message_input = message
        self.message_name = name
        self._message_fields = (sender.strip(), recipient.strip(), (via or "").strip())

    def forget_message(self) -> None:
        self.message_input = None
        self.message_name = None

    def validate(self) -> AnalysisRequest | None:
        """The request, or None with each bad field marked with its reason. No lookup here."""
        from mailpath.core.names import (
            InputError,
            parse_nameserver,
            parse_party,
            parse_sending_host,
        )
        from mailpath.core.session import AnalysisRequest
        from mailpath.gui.jobs import ca_file
        from mailpath.gui.panels.receivers import blocklist_zones

        ok = True
        checks: list[tuple[str, Callable[[], object]]] = [
            ("sender", lambda: parse_party(self.sender_edit.text(), "sender")),
            ("recipient", lambda: parse_party(self.recipient_edit.text(), "recipient")),
        ]
        if self.via_edit.text().strip():
            checks.append(("via", lambda: parse_sending_host(self.via_edit.text())))
        selectors = self.dkim_selectors()
        for selector in selectors:
            checks.append(("selectors", partial(parse_selector, selector)))
        servers = self.resolver_servers()
        for server in servers:
            checks.append(("resolver", partial(parse_nameserver, server)))
        for name in self.fields:
            self.set_field_error(name, None)
        first_bad: QWidget | None = None
        for name, check in checks:
            if name in self.field_errors:
                continue
            try:
                check()
            except InputError as exc:
                ok = False
                self.set_field_error(name, exc.sentence)
                first_bad = first_bad or self.fields[name]
        if not ok:
            assert first_bad is not None
            first_bad.setFocus()
            self.session.set_stale(True)
            if self.session.stale:
                self.say(
                    tr(
                        "MainWindow",
                        "Check the marked fields. The route shown is the previous analysis.",
                    )
                )
            else:
                self.say(tr("MainWindow", "Check the marked fields."))
            return None
        message, message_name = self._message_for_inputs()
        return AnalysisRequest(
            sender=self.sender_edit.text().strip(),
            recipient=self.recipient_edit.text().strip(),
            via=self.via_edit.text().strip() or None,
            nameservers=tuple(servers),
            ca_file=ca_file(),
            message=message,
            message_name=message_name,
            dkim_selectors=tuple(selectors),
            blocklists=blocklist_zones(self.settings),
            probe_smtp=self.probe_check.isChecked(),
        )

    def dkim_selectors(self) -> list[str]:
        """The DKIM selector field as a list: commas, semicolons or spaces separate."""
        text = self.selector_edit.text().replace(",", " ").replace(";", " ")
        return text.split()

    def _message_for_inputs(self) -> tuple[MessageInput | None, str | None]:
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
            self.forget_message()
            return None, None
        return self.message_input, self.message_name

    # ------------------------------------------------------------ recent values

    def load_recent(self) -> None:
        for name, model in self.recent_models.items():
            values = self.settings.value(f"recent/{name}", [])
            model.setStringList(as_list(values))

    def load_recent_resolvers(self) -> None:
        resolvers = as_list(self.settings.value("recent/resolver", []))
        for server in resolvers:
            self.resolver_combo.addItem(server, server)
        current = str(self.settings.value("resolver", ""))
        if current:  # a public one is shown by its label, which comes with the list
            self.resolver_combo.setEditText(resolver_field.label_for(self.resolver_combo, current))
        else:
            self.resolver_combo.setCurrentIndex(0)

    def remember(self, request: AnalysisRequest) -> None:
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
        self.settings.setValue("resolver", ", ".join(request.nameservers))

    def follow(self, session: WindowSession) -> None:
        """A typed resolver joins the Resolver list once a run through it has answered."""

        def finished() -> None:
            outcome, request = session.outcome, session.request
            if request is not None and outcome is not None and outcome.failure is None:
                self.remember_resolver(request)

        session.finished.connect(finished)

    def remember_resolver(self, request: AnalysisRequest) -> None:
        """A typed resolver joins the Resolver list once a run through it has answered (a
        DoH URL that failed is not offered again)."""
        resolver = ", ".join(request.nameservers)
        if resolver and not resolver_field.is_public(resolver):
            known = resolver_field.custom_entries(self.resolver_combo)
            if resolver not in known:
                self.resolver_combo.insertItem(1, resolver, resolver)
            recent = [resolver] + [k for k in known if k != resolver]
            self.settings.setValue("recent/resolver", recent[:RECENT_MAX])


def as_list(value: object) -> list[str]:
    """A QSettings value as a list of strings (a one-item list comes back as a string)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def parse_selector(text: str) -> str:
    from mailpath.core.auth.dkim import parse_selector as _parse_selector

    return _parse_selector(text)


def localized_input_error(message: str) -> str:
    """A field's error (the core's `Sentence`, or plain text) as a sentence of the UI
    language, rendered again from its key on each call (a language switch re-renders it)."""
    from mailpath.gui.text.sentences import sentence_text

    return sentence(sentence_text(message))


def sentence(message: str) -> str:
    """`message` as a sentence: capitalized, ending in a full stop (a Japanese one is kept)."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?", "。", "？", "！")) else message + "."


def _two_lines_at_most(label: QLabel) -> None:
    """A long field label wraps onto two lines at most, never a word or character a line
    (Japanese at the minimum size read "DKIM / セレ / ク / ター / …")."""
    metrics = label.fontMetrics()
    whole = metrics.horizontalAdvance(label.text().replace("&", "")) + 4
    width = whole // 2
    while width < whole and label.heightForWidth(width) > 2 * metrics.lineSpacing() + 4:
        width += 4
    label.setMinimumWidth(min(width, whole))


def _field_texts() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Each field's (label, placeholder) and its accessible name, in the UI language."""
    texts = {
        "sender": (
            tr("MainWindow", "&Sender"),
            tr("MainWindow", "e.g. you@example.com"),
        ),
        "recipient": (tr("MainWindow", "&Recipient"), tr("MainWindow", "e.g. gmail.com")),
        "via": (
            tr("MainWindow", "Sending hos&t (optional)"),
            tr("MainWindow", "e.g. smtp.example.com"),
        ),
        "selectors": (
            tr("MainWindow", "&DKIM selectors (optional)"),
            tr("MainWindow", "e.g. selector1, google"),
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
        "resolver": tr(
            "MainWindow",
            "DNS resolver: system, a server IP[:PORT], DNS over HTTPS "
            "(e.g. https://dns.example/dns-query) or DNS over TLS "
            "(e.g. tls://192.0.2.53#dns.example)",
        ),
    }
    return texts, accessible
