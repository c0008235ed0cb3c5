"""The "Authoritative servers" panel: what the zone's own name servers publish.

It shows the core's `AuthoritativeView` (`check --authoritative`): per server its host,
address, how it answered the zone's SOA question, whether it answered with authority and the
serial it serves; then per question the answer and TTL from each server and from the
resolver, each marked as agreeing with the newest publication (the highest serial) or not.
DNS text is data: tree items never interpret markup, tooltips are escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from mailpath.gui.panels.widgets import escaped_tooltip
from mailpath.gui.text.i18n import tr
from mailpath.gui.text.sentences import sentence_text

if TYPE_CHECKING:
    from mailpath.core.dns.authoritative import AuthoritativeView, QuestionView

AGREE_MARK = "✓"
DIFFER_MARK = "✗"
UNKNOWN_MARK = "?"


def note_text(note: tuple[str, dict[str, str]] | None) -> str:
    """A `core.authoritative.AuthoritativeView.note` (key, params) in the UI language."""
    if not note:
        return ""
    key, params = note
    notes = {
        "plain-dns": tr(
            "AuthoritativePanel",
            "The authoritative servers were asked over plain DNS (port 53, not encrypted): they "
            "offer no TLS. Only the questions to your resolver went over {transport}.",
        ),
    }
    try:
        return notes[key].format(**params)
    except (KeyError, IndexError, ValueError):
        return ""


def outcome_text(outcome: str) -> str:
    texts = {
        "ok": tr("AuthoritativePanel", "answered"),
        "nxdomain": tr("AuthoritativePanel", "NXDOMAIN (no such name)"),
        "nodata": tr("AuthoritativePanel", "no records of this type"),
        "timeout": tr("AuthoritativePanel", "timed out"),
        "servfail": tr("AuthoritativePanel", "SERVFAIL"),
        "refused": tr("AuthoritativePanel", "REFUSED"),
        "error": tr("AuthoritativePanel", "DNS error"),
        "missing": tr("AuthoritativePanel", "not in the recording"),
    }
    return texts.get(outcome, outcome)


def answer_text(outcome: str, records: Iterable[str] | None) -> str:
    records = list(records or ())
    if outcome == "ok" and records:
        return "; ".join(str(r) for r in records)
    return outcome_text(outcome)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return tr("AuthoritativePanel", "yes") if value else tr("AuthoritativePanel", "no")


def ttl_text(ttl: int | None) -> str:
    return "" if ttl is None else tr("AuthoritativePanel", "{ttl} s").format(ttl=f"{ttl:,}")


def question_state(q: QuestionView) -> tuple[str, str]:
    """(state text, mark) of one question: "the servers agree" only when at least two servers
    answered it with authority; otherwise how many did."""
    answered = q.answered
    if not q.agree:
        return tr("AuthoritativePanel", "the servers disagree"), DIFFER_MARK
    if answered >= 2:
        return tr("AuthoritativePanel", "the servers agree"), AGREE_MARK
    text = tr(
        "AuthoritativePanel", "only {answered} of {servers} servers answered with authority"
    ).format(answered=answered, servers=q.servers)
    return text, UNKNOWN_MARK


class AuthoritativePanel(QWidget):
    """Servers and answers of the authoritative view; empty until an analysis asked."""

    COLUMNS = 7  # name, address, outcome, authoritative, serial, answer, TTL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authoritativePanel")
        self.view: AuthoritativeView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self)
        self.summary.setObjectName("authoritativeSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("authoritativeTree")
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(
            [
                tr("AuthoritativePanel", "Server / question"),
                tr("AuthoritativePanel", "Address"),
                tr("AuthoritativePanel", "Outcome"),
                tr("AuthoritativePanel", "Authoritative"),
                tr("AuthoritativePanel", "Serial"),
                tr("AuthoritativePanel", "Answer"),
                tr("AuthoritativePanel", "TTL"),
            ]
        )
        self.tree.setAccessibleName(tr("AuthoritativePanel", "Authoritative servers"))
        self.set_view(self.view)

    def set_view(self, view: AuthoritativeView | None) -> None:
        """Show `view` (a core AuthoritativeView), or the hint when there is none."""
        self.view = view
        self.tree.clear()
        if view is None:
            self.summary.setText(
                tr(
                    "AuthoritativePanel",
                    "Turn on Analysis → Ask the Domain's Own Name Servers and analyze: this "
                    "panel then shows what each of the zone's servers publishes.",
                )
            )
            return
        self.summary.setText(self._summary(view))
        self._add_servers(view)
        for q in view.questions:
            self._add_question(view, q)
        self.tree.expandAll()
        for column in range(self.COLUMNS - 1):
            self.tree.resizeColumnToContents(column)

    def _add_servers(self, view: AuthoritativeView) -> None:
        """Per server: host, address, how it answered the SOA question, with authority or
        not, and the serial it serves."""
        servers = QTreeWidgetItem(self.tree, [tr("AuthoritativePanel", "Servers")])
        servers.setFirstColumnSpanned(True)
        for s in view.servers:
            item = QTreeWidgetItem(
                servers,
                [
                    s.host,
                    s.address,
                    outcome_text(s.outcome),
                    _yes_no(s.authoritative),
                    "" if s.serial is None else str(s.serial),
                    "",
                    "",
                ],
            )
            item.setToolTip(
                0, escaped_tooltip(tr("AuthoritativePanel", "Zone {zone}").format(zone=s.zone))
            )
            if s.detail:
                item.setToolTip(2, escaped_tooltip(s.detail))

    def _add_question(self, view: AuthoritativeView, q: QuestionView) -> None:
        """One question: whether the servers agree, then each server's answer and the
        resolver's, marked as the newest publication or not."""
        serials = view.serials(q.zone)
        state, head_mark = question_state(q)
        head = QTreeWidgetItem(
            self.tree,
            [
                f"{head_mark} {q.name} {q.rdtype}",
                "",
                "",
                "",
                "",
                state,
                "",
            ],
        )
        head.setToolTip(0, escaped_tooltip(f"{q.name} {q.rdtype}"))
        newest = q.newest
        for a in view.answers:
            if (a.name, a.rdtype) != (q.name, q.rdtype):
                continue
            same = newest is not None and (a.outcome, tuple(sorted(a.records))) == newest
            mark = AGREE_MARK if same else DIFFER_MARK
            text = answer_text(a.outcome, a.records)
            row = QTreeWidgetItem(
                head,
                [
                    f"{mark} {a.host}",
                    a.address,
                    outcome_text(a.outcome),
                    _yes_no(a.authoritative),
                    "" if serials.get(a.host) is None else str(serials.get(a.host)),
                    text,
                    ttl_text(a.ttl),
                ],
            )
            row.setToolTip(5, escaped_tooltip(text))
        self._add_resolver_answer(head, q)

    @staticmethod
    def _add_resolver_answer(head: QTreeWidgetItem, q: QuestionView) -> None:
        r = q.resolver
        mark = {True: AGREE_MARK, False: DIFFER_MARK, None: "?"}[q.resolver_agrees]
        text = answer_text(r.outcome, sorted(r.records))
        row = QTreeWidgetItem(
            head,
            [
                f"{mark} " + tr("AuthoritativePanel", "Your resolver"),
                "",
                outcome_text(r.outcome),
                "",
                "",
                text,
                ttl_text(r.ttl),
            ],
        )
        row.setToolTip(5, escaped_tooltip(text))
        if q.resolver_agrees is False:
            row.setToolTip(
                0,
                escaped_tooltip(
                    tr(
                        "AuthoritativePanel",
                        "Your resolver still holds an older answer; it may keep it for "
                        "up to its TTL.",
                    )
                ),
            )

    def _summary(self, view: AuthoritativeView) -> str:
        text = self._agreement(view)
        note = note_text(view.note)
        return f"{text}\n{note}" if note else text

    def _agreement(self, view: AuthoritativeView) -> str:
        if view.error and not view.zone:
            return tr("AuthoritativePanel", "No zone found: {error}").format(
                error=sentence_text(view.error)
            )
        if view.error:
            return tr("AuthoritativePanel", "Zone {zone}: {error}").format(
                zone=view.zone, error=sentence_text(view.error)
            )
        if view.agree:
            text = tr(
                "AuthoritativePanel",
                "Zone {zone}: every server answers with authority, they agree, and your "
                "resolver holds what they publish.",
            )
        else:
            text = tr(
                "AuthoritativePanel",
                "Zone {zone}: the servers or your resolver do not all agree (see the marks "
                "and the findings).",
            )
        return text.format(zone=view.zone)

    def row_texts(self) -> list[list[str]]:
        """Every row's texts, depth first (tests, and copy)."""
        out: list[list[str]] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append([item.text(c) for c in range(self.COLUMNS)])
            for i in range(item.childCount()):
                child = item.child(i)
                if child is not None:
                    walk(child)

        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                walk(top)
        return out
