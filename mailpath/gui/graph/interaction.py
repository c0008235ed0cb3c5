"""What the person does on the route: select nodes and hops, and the what-if failover.

Selecting a node (in the graph, a finding, a hop of the received message) shows its details;
marking an MX host down or up redraws the route as a sender would fail over.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint

    from mailpath.gui.window.main_window import MainWindow


log = logging.getLogger("mailpath.gui.window.main_window")


class RouteInteraction:
    """Node and hop selection, the MX context menu and the what-if's hosts marked down."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def select_worst(self) -> None:
        """Show something useful in Details at once: the node of the most severe finding
        (findings come most severe first), or the mailbox with its verdict."""
        scene = self.window.scene
        if scene.selected_node():
            return  # the person chose already
        target = "mailbox"
        for finding in getattr(self.window.result, "findings", ()) or ():
            if finding.subject and finding.subject in scene.nodes:
                target = finding.subject
                break
        if target in scene.nodes:
            self.select_node(target)
            self.window.view.graph_updated()

    def hop_selected(self, index: int) -> None:
        """A hop chosen in the Message panel: its node in the route, when the route has one."""
        scene = self.window.scene
        if index < 0 or scene.graph is None:
            return
        from mailpath.core.route.graph import node_for_hop
        from mailpath.gui.text.labels import LocalizedGraph

        graph = scene.graph.source if isinstance(scene.graph, LocalizedGraph) else scene.graph
        try:
            node = node_for_hop(graph, index)
        except Exception:  # a highlight is a nicety: never an error for the person
            log.info("no node for hop %d", index, exc_info=True)
            return
        if node and scene.select_node(node):
            self.window.view.centerOn(scene.nodes[node])

    def node_selected(self, node_id: str) -> None:
        w = self.window
        if not node_id:
            w.details.show_node(None, None)
            return
        item = w.scene.nodes.get(node_id)
        w.details.show_node(node_id, item.attrs if item else None)
        if node_id.startswith("addr:"):
            w.spf_panel.show_key(node_id)

    def select_node(self, node_id: str) -> None:
        if not self.window.scene.select_node(node_id):
            return
        self.window.details_dock.raise_()

    def fix_copied(self, text: str) -> None:
        self.window.status_line.set_text(
            tr("MainWindow", "Copied to the clipboard: {text}").format(text=text)
        )

    def node_context_menu(self, node_id: str, pos: QPoint) -> None:
        from mailpath.gui.graph.view import mx_menu

        item = self.window.scene.nodes.get(node_id)
        if item is None or item.attrs.get("kind") != "mx" or node_id in ("mx:?", "mx:none"):
            return
        menu, action = mx_menu(self.window, bool(item.attrs.get("down")))
        action.triggered.connect(lambda: self.toggle_down(node_id))
        menu.exec(pos)

    def toggle_selected_down(self) -> None:
        node_id = self.window.scene.selected_node()
        if node_id:
            self.toggle_down(node_id)

    def toggle_down(self, node_id: str) -> None:
        """What-if failover: the route moves to the next preference group, as a sender would."""
        w = self.window
        down = w.analysis.down
        item = w.scene.nodes.get(node_id)
        if item is None or item.attrs.get("kind") != "mx" or w.result is None:
            return
        if node_id in down:
            down.discard(node_id)
        else:
            down.add(node_id)
        w.analysis.show_result(w.result)
        active = [
            n
            for n, i in w.scene.nodes.items()
            if i.attrs.get("active") and i.attrs.get("kind") == "mx"
        ]
        if active:
            w.status_line.set_text(
                tr("MainWindow", "What-if: mail now goes to {hosts}.").format(
                    hosts=", ".join(n.removeprefix("mx:") for n in sorted(active))
                )
            )
        else:
            w.status_line.set_text(
                tr(
                    "MainWindow",
                    "What-if: every MX host is down; mail would wait "
                    "in the sending server's queue.",
                )
            )

    def restore_all_mx(self) -> None:
        w = self.window
        if w.analysis.down and w.result is not None:
            w.analysis.down.clear()
            w.analysis.show_result(w.result)
            w.status_line.set_text(w.analysis.idle_status())
