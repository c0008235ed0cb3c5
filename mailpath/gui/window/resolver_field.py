"""The Resolver field's choices: the system resolver, the public resolvers over plain DNS,
DoH and DoT (`core.resolvers`), and the servers the person typed before.

The combo box's items carry the `--nameserver` text as their data; what is shown is a label
("Cloudflare (DoH)") for the public ones and the text itself for typed ones. Items in order:
0 the system resolver, then the remembered custom entries, then the public ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from mailpath.core.session import RunFailure

#: Item data role marking a public resolver's item (its value: the transport's key).
PUBLIC_ROLE = 0x0100 + 41  # Qt.UserRole + 41


def _kind_labels() -> dict[str, str]:
    return {
        "udp": tr("ResolverField", "{name} (plain DNS)"),
        "doh": tr("ResolverField", "{name} (DoH)"),
        "dot": tr("ResolverField", "{name} (DoT)"),
    }


def public_choices() -> list[tuple[str, str, str]]:
    """(name, kind, nameserver text) of every public resolver, in the list's order."""
    from mailpath.core.dns.resolvers import PUBLIC_RESOLVERS

    out: list[tuple[str, str, str]] = []
    for resolver in PUBLIC_RESOLVERS:
        for kind, text in zip(("udp", "doh", "dot"), resolver.choices(), strict=True):
            out.append((resolver.name, kind, text))
    return out


def add_public(combo: QComboBox) -> None:
    """Append the public resolvers (once), labelled in the UI language. The field does so
    when its list is first wanted (`inputs.ResolverCombo`), whatever needs them before."""
    if combo.property("publicAdded"):
        return
    combo.setProperty("publicAdded", True)
    labels = _kind_labels()
    for name, kind, text in public_choices():
        combo.addItem(labels[kind].format(name=name), text)
        index = combo.count() - 1
        combo.setItemData(index, kind, PUBLIC_ROLE)
        combo.setItemData(index, text, 3)  # Qt.ToolTipRole: what it is, in full


def fit_popup(combo: QComboBox) -> None:
    """The list as wide as its longest label: the field stays narrow, the choices readable.
    The field calls this as its list opens (`window_inputs.ResolverCombo.showPopup`)."""
    view = combo.view()
    if view is not None:
        view.setMinimumWidth(view.sizeHintForColumn(0) + 32)


def retranslate(combo: QComboBox) -> None:
    """The public resolvers' labels in the new language (the current choice kept)."""
    rows = [i for i in range(combo.count()) if combo.itemData(i, PUBLIC_ROLE)]
    if not rows:
        return  # not added yet: they come labelled in the language of that moment
    labels = _kind_labels()
    current = combo.currentIndex()
    shown = combo.currentText()
    choices = public_choices()
    for row, (name, kind, _text) in zip(rows, choices, strict=False):
        was_shown = row == current and combo.itemText(row) == shown
        combo.setItemText(row, labels[kind].format(name=name))
        if was_shown:
            combo.setCurrentIndex(row)
            combo.setEditText(combo.itemText(row))


def server_text(combo: QComboBox, text: str) -> str:
    """What the field's text stands for: a public item's label becomes its server text."""
    index = combo.findText(text)
    if index > 0:
        data = combo.itemData(index)
        if data:
            return str(data)
    return text


def is_public(server: str) -> bool:
    return any(text == server for _name, _kind, text in public_choices())


def custom_entries(combo: QComboBox) -> list[str]:
    """The typed entries remembered in the list (not the system nor the public ones)."""
    return [
        combo.itemText(i) for i in range(1, combo.count()) if not combo.itemData(i, PUBLIC_ROLE)
    ]


def label_for(combo: QComboBox, server: str) -> str:
    """The label shown for `server` ("Cloudflare (DoH)"), or the text itself."""
    if is_public(server):
        add_public(combo)
    for i in range(1, combo.count()):
        if combo.itemData(i, PUBLIC_ROLE) and combo.itemData(i) == server:
            return combo.itemText(i)
    return server


def transport_text(kind: str, address: str) -> str:
    """ "via DoH https://…" for the status bar: which transport answered."""
    names = {
        "system": tr("ResolverField", "via the system resolver ({address})"),
        "udp": tr("ResolverField", "via DNS {address}"),
        "doh": tr("ResolverField", "via DoH {address}"),
        "dot": tr("ResolverField", "via DoT {address}"),
        "mixed": tr("ResolverField", "via {address}"),
    }
    return names.get(kind, names["mixed"]).format(address=address)


def failure_text(failure: object) -> str:
    """A `core.dns.ResolverFailure` as one sentence in the UI language: the resolver, not the
    recipient, is what failed. Its cause is the core's sentence "resolver-failure/CAUSE"."""
    from mailpath.core.sentences import Sentence
    from mailpath.gui.text.sentences import sentence_text

    server = str(getattr(failure, "server", ""))
    cause_key = str(getattr(failure, "cause", "error"))
    params = dict(getattr(failure, "params", ()))
    try:
        cause = sentence_text(Sentence(f"resolver-failure/{cause_key}", **params))
    except (KeyError, IndexError, ValueError):
        describe = getattr(failure, "describe", None)
        cause = describe() if callable(describe) else cause_key
    return tr(
        "ResolverFailure",
        "The resolver {server} does not answer ({cause}). No verdict about the domains can be "
        "made: choose another resolver, or check the network.",
    ).format(server=server, cause=cause)


def run_failure_text(failure: RunFailure) -> str:
    """A `core.session.RunFailure` (why a run ended without a verdict) in the UI language:
    each key of `core.session.FAILURES`, and "resolver" (`failure_text`)."""
    if failure.resolver is not None:
        return failure_text(failure.resolver)
    # A DoH/DoT certificate that did not verify: the analysis's resolver, or one compared.
    texts = {"tls": tls_failure_text, "compare-tls": tls_failure_text}
    return texts[failure.key](failure.server)


def tls_failure_text(server: str) -> str:
    """A DoH/DoT server whose certificate did not verify (nothing taken over plain DNS)."""
    return tr(
        "CompareResolvers",
        "TLS certificate check failed for {server}.\n\nNothing was taken from it over plain "
        "DNS. If the server is yours, trust its CA with $MAILPATH_CA_FILE.",
    ).format(server=server)
