"""Paste a received message's source instead of opening an .eml file.

The text is kept exactly as pasted (DKIM hashes the headers and the body byte for byte);
only the line ends become CRLF, as on the wire, and blank lines before the first header
are dropped. `QPlainTextEdit.toPlainText()` would turn no-break spaces into spaces, so the
raw document text is read instead.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.panels.widgets import plain_label
from mailpath.gui.text.i18n import tr

#: A header field name as programs write them (RFC 5322 allows more; no real one uses it).
_HEADER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*:")
#: The separator line of an mbox file, which some programs copy along with the message.
_MBOX_FROM = re.compile(r"^From \S")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _strip_leading_blank_lines(text: str) -> str:
    lines = _lines(text)
    while lines and lines[0].strip() == "" and len(lines) > 1:
        lines.pop(0)
    return "\n".join(lines)


def looks_like_message(text: str) -> bool:
    """True when the text starts (after blank lines) with a header line `Name: value`."""
    lines = _lines(_strip_leading_blank_lines(text))
    if lines and _MBOX_FROM.match(lines[0]):
        lines = lines[1:]
    return bool(lines) and bool(_HEADER.match(lines[0]))


class PasteMessageDialog(QDialog):
    """A large plain-text box for a message source; OK only once it looks like a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pasteMessageDialog")
        self.setSizeGripEnabled(True)
        self.hint = plain_label("", self)
        self.hint.setObjectName("pasteMessageHint")
        self.editor_label = QLabel(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("pasteMessageEditor")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(False)
        self.editor_label.setBuddy(self.editor)
        self.status = plain_label("", self)
        self.status.setObjectName("pasteMessageStatus")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.paste_button = QPushButton(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.paste_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.editor_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.editor.textChanged.connect(self._update)
        self.resize(900, 640)
        self.retranslate()
        self.editor.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("PasteMessage", "Paste a received message"))
        self.hint.setText(
            "\n".join(
                [
                    tr(
                        "PasteMessage",
                        "Paste the whole source of a message you received, headers first. "
                        "Where to find it:",
                    ),
                    tr(
                        "PasteMessage",
                        '• Gmail: ⋮ (More) → "Show original" → "Copy to clipboard"',
                    ),
                    tr(
                        "PasteMessage",
                        '• Outlook on the web: … → View → "View message source"',
                    ),
                    tr(
                        "PasteMessage",
                        "• Outlook desktop: File → Properties → Internet headers "
                        "(headers only: the DKIM body check is then impossible)",
                    ),
                    tr("PasteMessage", "• Thunderbird: View → Message Source (Ctrl+U)"),
                ]
            )
        )
        self.editor_label.setText(tr("PasteMessage", "Message &source:"))
        self.editor.setAccessibleName(tr("PasteMessage", "Message source"))
        self.editor.setPlaceholderText(
            tr("PasteMessage", "Received: from …\nDKIM-Signature: v=1; …\nFrom: …\n…")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("PasteMessage", "&Read message")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("PasteMessage", "Cancel")
        )
        self.paste_button.setText(tr("PasteMessage", "&Paste from clipboard"))
        self._update()

    def text(self) -> str:
        """The text exactly as pasted (no-break spaces kept), with LF line ends."""
        raw = self.editor.document().toRawText()
        return raw.replace("\u2029", "\n")

    def looks_like_message(self) -> bool:
        return looks_like_message(self.text())

    def message_bytes(self) -> bytes:
        """The pasted message, UTF-8, every line ending in CRLF as on the wire."""
        text = _strip_leading_blank_lines(self.text())
        return "\r\n".join(_lines(text)).encode("utf-8")

    def paste_from_clipboard(self) -> None:
        self.editor.setPlainText(QGuiApplication.clipboard().text())
        self.editor.setFocus()

    def _update(self) -> None:
        text = self.text()
        ok = looks_like_message(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if not text.strip():
            self.status.setText(tr("PasteMessage", "Nothing pasted yet."))
        elif ok:
            body = "\n\n" in text.replace("\r\n", "\n")
            self.status.setText(
                tr("PasteMessage", "Looks like a message: headers and body.")
                if body
                else tr(
                    "PasteMessage",
                    "Looks like headers only: DKIM signatures cannot be checked against the body.",
                )
            )
        else:
            self.status.setText(
                tr(
                    "PasteMessage",
                    "This does not look like a message: it must start with header lines "
                    'such as "Received: from …".',
                )
            )
