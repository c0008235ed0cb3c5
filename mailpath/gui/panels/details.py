"""The Details dock: every field of the node selected in the route."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mailpath.gui.graph import markers
from mailpath.gui.panels.widgets import CopyableTree, escaped_tooltip, plain_label
from mailpath.gui.panels.wrapping import wrap_columns
from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.route.attrs import NodeAttrs


class DetailsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label("", self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setObjectName("detailsTitle")
        self.tree = CopyableTree(self)
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        # A value from DNS is shown whole, on as many lines as the dock's width needs.
        wrap_columns(self.tree, (1,))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self.node_id: str | None = None
        self.attrs: NodeAttrs | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([tr("Details", "Field"), tr("Details", "Value")])
        self.tree.setAccessibleName(tr("Details", "Details of the selected node"))
        self.show_node(self.node_id, self.attrs)

    def show_node(self, node_id: str | None, attrs: NodeAttrs | None) -> None:
        self.node_id, self.attrs = node_id, attrs
        self.tree.clear()
        if not node_id or attrs is None:
            self.title.setText(tr("Details", "Select a node of the route to see its details."))
            return
        label = str(attrs.get("label", node_id)).replace("\n", " — ")
        status = markers.normalize(attrs.get("status"))
        # "none" is no verdict at all: a title ending in "(none)" reads as "nothing here".
        self.title.setText(
            label
            if status == "none"
            else tr("Details", "{label} ({status})").format(
                label=label, status=markers.status_name(status)
            )
        )
        if attrs.get("kind") == "hop":
            # "hops:7-1492" counts from 0: a person reads the hop numbers of its title.
            head = QTreeWidgetItem(
                [tr("Details", "node"), str(attrs.get("label", "")).split("\n")[0]]
            )
        else:
            # The node's own id ("sending:www274…", "mailbox") means nothing to a person: the
            # title names the node, this row gives its status in words beside its marker.
            head = QTreeWidgetItem([tr("Details", "status"), markers.status_name(status)])
        head.setIcon(1, markers.status_icon(status))
        self.tree.addTopLevelItem(head)
        details = attrs.get("details") or {}
        from mailpath.gui.text.labels import entries_text, role_text

        if attrs.get("kind") == "mx":
            extra = [
                (tr("Details", "preference"), str(attrs.get("preference", ""))),
                (tr("Details", "role"), role_text(str(attrs.get("role", "")))),
                (
                    tr("Details", "marked down"),
                    tr("Details", "yes") if attrs.get("down") else tr("Details", "no"),
                ),
                (
                    tr("Details", "mail goes here now"),
                    tr("Details", "yes") if attrs.get("active") else tr("Details", "no"),
                ),
            ]
            # The route's own details already give the preference (in the same words).
            shown = {str(key).casefold() for key in details}
            for name, text in extra:
                if name.casefold() not in shown:
                    self.tree.addTopLevelItem(QTreeWidgetItem([name, text]))
        for key, value in details.items():
            if isinstance(value, list | tuple):
                item = QTreeWidgetItem([str(key), entries_text(len(value))])
                for entry in value:
                    child = QTreeWidgetItem(["", str(entry)])
                    child.setToolTip(1, escaped_tooltip(str(entry)))
                    item.addChild(child)
                self.tree.addTopLevelItem(item)
                item.setExpanded(True)
            else:
                item = QTreeWidgetItem([str(key), str(value)])
                item.setToolTip(1, escaped_tooltip(str(value)))
                self.tree.addTopLevelItem(item)
