"""Compare resolvers: the analysis's questions asked again of 2+ resolvers, and where their
answers differ (`core.compare`; TTLs are shown, never counted as a difference).

A dialog that does not block: the person ticks resolvers (the system one, the public ones,
the ones typed before, or one typed here), presses Compare, and reads the questions answered
differently. It runs on its own worker thread (`AnalysisRunner`), never on the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from mailpath.gui.panels.authoritative import answer_text, ttl_text
from mailpath.gui.panels.widgets import escaped_tooltip
from mailpath.gui.text.i18n import tr
from mailpath.gui.window import resolver_field

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mailpath.core.dns.compare import Comparison
    from mailpath.core.dns.sources import LiveSource
    from mailpath.gui.window.inputs import InputBar
    from mailpath.gui.window.session import WindowSession
    from mailpath.gui.worker import Job, ProgressFn

SERVER_ROLE = 0x0100  # Qt.UserRole: the item's --nameserver text ("" the system resolver)


def make_compare_job(
    questions: tuple[tuple[str, str], ...],
    servers: list[tuple[str, str]],
    timeout: float = 5.0,
    budget: float = 30.0,
) -> Job:
    """A worker job: ask `questions` of each (label, nameserver text; "" system) server."""

    async def job(emit: ProgressFn) -> tuple[Comparison, tuple[str, ...]]:
        from mailpath.core.dns.compare import compare_resolvers
        from mailpath.core.dns.sources import LiveSource
        from mailpath.core.names import parse_nameserver
        from mailpath.gui.jobs import ca_file

        sources: dict[str, LiveSource] = {}
        for label, text in servers:
            nameservers = [parse_nameserver(text)] if text else []
            sources[label] = LiveSource(
                nameservers, timeout=timeout, budget=budget, ca_file=ca_file()
            )
        comparison = await compare_resolvers(questions, sources)
        failures = tuple(s.tls_failure for s in sources.values() if s.tls_failure)
        return comparison, failures

    return job


class CompareDialog(QDialog):
    def __init__(self, parent: QWidget, session: WindowSession, inputs: InputBar) -> None:
        from mailpath.gui.worker import AnalysisRunner

        super().__init__(parent)
        self.setObjectName("compareDialog")
        #: The last analysis (its questions are asked again).
        self.session = session
        #: The Resolver field (its choices, and what it says now).
        self.inputs = inputs
        self.comparison: Comparison | None = None
        self.failures: tuple[str, ...] = ()
        self.running = False
        self.runner = AnalysisRunner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.intro)
        self.choices = QListWidget(self)
        self.choices.setObjectName("compareChoices")
        layout.addWidget(self.choices, 1)
        row = QHBoxLayout()
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName("compareAdd")
        self.add_button = QPushButton(self)
        row.addWidget(self.add_edit, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #d1242f;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.compare_button = QPushButton(self)
        self.compare_button.setObjectName("compareRun")
        self.close_button = QPushButton(self)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("compareTree")
        self.tree.setColumnCount(3)
        layout.addWidget(self.tree, 2)
        self.add_button.clicked.connect(self.add_typed)
        self.add_edit.returnPressed.connect(self.add_typed)
        self.compare_button.clicked.connect(self.run)
        self.close_button.clicked.connect(self.close)
        self.choices.itemChanged.connect(lambda _item: self._update_enabled())
        self.resize(760, 620)
        self.fill_choices()
        self.retranslate()

    # ------------------------------------------------------------ choices

    def fill_choices(self) -> None:
        self.choices.clear()
        combo = self.inputs.resolver_combo
        current = self.inputs.resolver_servers()
        current_text = ", ".join(current)
        self._add_choice(tr("CompareResolvers", "System resolver"), "", checked=not current)
        for text in resolver_field.custom_entries(combo):
            self._add_choice(text, text, checked=text == current_text)
        for name, kind, text in resolver_field.public_choices():
            label = resolver_field.label_for(combo, text)
            self._add_choice(label or f"{name} ({kind})", text, checked=text == current_text)
        if current_text and not any(
            self.choices.item(i).data(SERVER_ROLE) == current_text
            for i in range(self.choices.count())
        ):
            self._add_choice(current_text, current_text, checked=True)

    def _add_choice(self, label: str, server: str, checked: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(SERVER_ROLE, server)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if server:
            item.setToolTip(escaped_tooltip(server))
        self.choices.addItem(item)
        return item

    def add_typed(self) -> bool:
        """Add the typed server (IP[:port], https://…, tls://…) to the list, ticked."""
        from mailpath.core.names import InputError, parse_nameserver
        from mailpath.gui.window.inputs import localized_input_error

        text = self.add_edit.text().strip()
        if not text:
            return False
        try:
            server = str(parse_nameserver(text))
        except InputError as exc:
            self.error.setText(localized_input_error(exc.sentence))
            self.error.setVisible(True)
            return False
        self.error.setVisible(False)
        self._add_choice(server, server, checked=True)
        self.add_edit.clear()
        self._update_enabled()
        return True

    def checked(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for i in range(self.choices.count()):
            item = self.choices.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append((item.text(), str(item.data(SERVER_ROLE) or "")))
        return out

    def set_checked(self, servers: list[str]) -> None:
        for i in range(self.choices.count()):
            item = self.choices.item(i)
            on = str(item.data(SERVER_ROLE) or "") in servers
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _questions(self) -> tuple[tuple[str, str], ...]:
        outcome = self.session.outcome
        return tuple(outcome.questions) if outcome is not None else ()

    def _update_enabled(self) -> None:
        self.compare_button.setEnabled(
            len(self.checked()) >= 2 and bool(self._questions()) and not self.running
        )

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setWindowTitle(tr("CompareResolvers", "Compare Resolvers"))
        self.intro.setText(
            tr(
                "CompareResolvers",
                "Tick two or more resolvers: every question of the last analysis is asked "
                "again of each, and the questions they answer differently are listed. TTLs "
                "are shown but never count as a difference.",
            )
        )
        self.add_edit.setPlaceholderText(
            tr("CompareResolvers", "Another: 192.0.2.53, https://dns.example/dns-query, tls://…")
        )
        self.add_button.setText(tr("CompareResolvers", "Add"))
        self.compare_button.setText(tr("CompareResolvers", "Compare"))
        self.close_button.setText(tr("CompareResolvers", "Close"))
        self.tree.setHeaderLabels(
            [
                tr("CompareResolvers", "Question / resolver"),
                tr("CompareResolvers", "TTL"),
                tr("CompareResolvers", "Answer"),
            ]
        )
        self.choices.setAccessibleName(tr("CompareResolvers", "Resolvers to compare"))
        if self.choices.count():
            self.choices.item(0).setText(tr("CompareResolvers", "System resolver"))
        self._show()
        self._update_enabled()

    # ------------------------------------------------------------ running

    def run(self) -> bool:
        servers = self.checked()
        questions = self._questions()
        if len(servers) < 2 or not questions:
            return False
        self.comparison = None
        self.failures = ()
        self.tree.clear()
        self.summary.setText(
            tr("CompareResolvers", "Asking {questions} questions of {count} resolvers…").format(
                questions=len(set(questions)), count=len(servers)
            )
        )
        self.running = True
        self.runner.start(make_compare_job(questions, servers), name="compare")
        self._update_enabled()
        return True

    def _on_finished(
        self, generation: int, comparison: Comparison, failures: tuple[str, ...]
    ) -> None:
        self.running = False
        self.comparison = comparison
        self.failures = tuple(failures or ())
        self._show()
        self._update_enabled()
        if self.failures and not self.session.quiet:
            show_tls_failure(self, self.failures[0])

    def _on_failed(self, generation: int, message: str, details: str) -> None:
        self.running = False
        self.summary.setText(
            tr("CompareResolvers", "The comparison failed: {message}").format(message=message)
        )
        self._update_enabled()

    def _show(self) -> None:
        self.tree.clear()
        c = self.comparison
        if c is None:
            if not self._questions():
                self.summary.setText(
                    tr("CompareResolvers", "Analyze first: the comparison asks its questions.")
                )
            return
        if c.agree:
            text = tr(
                "CompareResolvers",
                "All {count} resolvers give the same answers to {questions} questions.",
            )
        else:
            text = tr(
                "CompareResolvers",
                "{differ} of {questions} questions are answered differently by the {count} "
                "resolvers.",
            )
        summary = text.format(
            count=len(c.resolvers), questions=c.questions, differ=len(c.differences)
        )
        for failure in self.failures:
            summary += "\n" + tls_failure_text(failure)
        self.summary.setText(summary)
        for d in c.differences:
            head = QTreeWidgetItem(self.tree, [f"{d.name} {d.rdtype}", "", ""])
            for label, answer in d.answers:
                text = answer_text(answer.outcome.value, sorted(answer.texts(), key=record_order))
                row = QTreeWidgetItem(head, [label, ttl_text(answer.ttl), text])
                row.setToolTip(2, escaped_tooltip(text))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)

    def row_texts(self) -> list[list[str]]:
        out: list[list[str]] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            out.append([top.text(c) for c in range(3)])
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    out.append([child.text(c) for c in range(3)])
        return out

    def shutdown(self) -> None:
        self.runner.shutdown()


#: Where a comparison's certificate failure is said (the resolver field says it too).
tls_failure_text = resolver_field.tls_failure_text


def show_tls_failure(parent: QWidget, server: str) -> None:
    """A DoH/DoT certificate that does not verify: a dialog naming the server (nothing is
    retried over plain DNS)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(tr("PropagationChecks", "TLS certificate check failed"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tls_failure_text(server))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def record_order(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key for record texts: numbers as numbers ("5 gmail-smtp-in…" before "40 alt4…",
    MX preferences and SRV priorities), everything else as text."""
    return tuple((int(word), "") if word.isdigit() else (1 << 62, word) for word in text.split(" "))
