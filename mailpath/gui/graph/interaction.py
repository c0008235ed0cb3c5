"""The route on screen and what the person does on it: the session's result drawn as the
graph with its Details, SPF trace and Findings; node and hop selection; the what-if failover.

Selecting a node (in the graph, a finding, a hop of the received message) shows its details;
marking an MX host down or up redraws the route as a sender would fail over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint

    from mailpath.gui.graph.view import RouteScene, RouteView
    from mailpath.gui.panels.details import DetailsPanel
    from mailpath.gui.panels.findings import FindingsPanel
    from mailpath.gui.panels.spf_trace import SpfTracePanel
    from mailpath.gui.window.session import WindowSession


log = logging.getLogger("mailpath.gui.window.main_window")


class RouteInteraction:
    """The result on the graph and in the docked panels; selection and the hosts marked down."""

    def __init__(
        self,
        session: WindowSession,
        scene: RouteScene,
        view: RouteView,
        details: DetailsPanel,
        spf_panel: SpfTracePanel,
        findings: FindingsPanel,
        say: Callable[[str], None],
        show_details: Callable[[], None],
        idle_text: Callable[[], str],
    ) -> None:
        self.session = session
        self.scene = scene
        self.view = view
        self.details = details
        self.spf_panel = spf_panel
        self.findings = findings
        #: A sentence for the status line.
        self.say = say
        #: Bring the Details dock to the front.
        self.show_details = show_details
        #: What the status line says when nothing is going on.
        self.idle_text = idle_text
        session.resultChanged.connect(self.show_result)
        session.staleChanged.connect(self.set_veil)
        session.started.connect(lambda _request: self.view.request_fit())
        session.finished.connect(self._finished)

    def show_result(self) -> None:
        """The session's result (None clears the route and the panels)."""
        result = self.session.result
        if result is None:
            self.scene.clear_graph()
            self.details.show_node(None, None)
            self.spf_panel.clear()
            self.findings.set_findings(())
            return
        from mailpath.core.route.graph import build_route_graph
        from mailpath.gui.text.labels import LocalizedGraph

        down = self.session.hosts_down
        self.scene.set_graph(LocalizedGraph(build_route_graph(result, down=down)))
        self.view.graph_updated()
        self.spf_panel.set_result(result)
        findings = result.findings
        if down and result.complete:
            # The what-if's own findings (every MX host marked down): the headline's severity
            # counts them, so the list shows them.
            from mailpath.core.judgement.consequences import what_if_findings

            findings = (*what_if_findings(result, down), *findings)
        self.findings.set_findings(findings)
        selected = self.scene.selected_node()
        if selected and selected in self.scene.nodes:
            self.details.show_node(selected, self.scene.nodes[selected].attrs)

    def set_veil(self, stale: bool) -> None:
        """Dim the graph while it shows an earlier analysis than the inputs."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QBrush, QColor
        from PySide6.QtWidgets import QApplication

        if stale:
            veil = QColor(QApplication.palette().color(QApplication.palette().ColorRole.Base))
            veil.setAlpha(170)
            self.view.setForegroundBrush(QBrush(veil))
        else:
            self.view.setForegroundBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.view.viewport().update()

    def _finished(self) -> None:
        result = self.session.result
        if result is not None and result.complete and not result.cancelled:
            self.select_worst()

    def escape(self) -> None:
        """Esc on the route (no run going): the selection goes."""
        if self.scene.selected_node():
            self.scene.clearSelection()

    def select_worst(self) -> None:
        """Show something useful in Details at once: the node of the most severe finding
        (findings come most severe first), or the mailbox with its verdict."""
        scene = self.scene
        if scene.selected_node():
            return  # the person chose already
        target = "mailbox"
        result = self.session.result
        for finding in result.findings if result is not None else ():
            if finding.subject and finding.subject in scene.nodes:
                target = finding.subject
                break
        if target in scene.nodes:
            self.select_node(target)
            self.view.graph_updated()

    def hop_selected(self, index: int) -> None:
        """A hop chosen in the Message panel: its node in the route, when the route has one."""
        scene = self.scene
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
            self.view.centerOn(scene.nodes[node])

    def node_selected(self, node_id: str) -> None:
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
        self.show_details()

    def fix_copied(self, text: str) -> None:
        self.say(tr("MainWindow", "Copied to the clipboard: {text}").format(text=text))

    def node_context_menu(self, node_id: str, pos: QPoint) -> None:
        from mailpath.gui.graph.view import mx_menu

        item = self.scene.nodes.get(node_id)
        if item is None or item.attrs.get("kind") != "mx" or node_id in ("mx:?", "mx:none"):
            return
        menu, action = mx_menu(self.view, bool(item.attrs.get("down")))
        action.triggered.connect(lambda: self.toggle_down(node_id))
        menu.exec(pos)

    def toggle_selected_down(self) -> None:
        node_id = self.scene.selected_node()
        if node_id:
            self.toggle_down(node_id)

    def toggle_down(self, node_id: str) -> None:
        """What-if failover: the route moves to the next preference group, as a sender would."""
        item = self.scene.nodes.get(node_id)
        if item is None or item.attrs.get("kind") != "mx" or self.session.result is None:
            return
        self.session.toggle_host_down(node_id)
        active = [
            n
            for n, i in self.scene.nodes.items()
            if i.attrs.get("active") and i.attrs.get("kind") == "mx"
        ]
        if active:
            self.say(
                tr("MainWindow", "What-if: mail now goes to {hosts}.").format(
                    hosts=", ".join(n.removeprefix("mx:") for n in sorted(active))
                )
            )
        else:
            self.say(
                tr(
                    "MainWindow",
                    "What-if: every MX host is down; mail would wait "
                    "in the sending server's queue.",
                )
            )

    def restore_all_mx(self) -> None:
        if self.session.hosts_down and self.session.result is not None:
            self.session.set_hosts_down(frozenset())
            self.say(self.idle_text())
