"""The legend lists what the route draws: the transport locks only when a route shows them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from mailpath.core.route.attrs import EdgeKind, TransportMarker
from tests.gui.fakes import route_graph


def _texts(legend: Any) -> list[str]:
    from mailpath.gui.graph import render

    cells, _ = render.legend_flow(1000.0, legend.locks)
    return [text for _, _, _, text in cells]


def test_the_legend_lists_the_locks_only_when_the_route_shows_them(qapp: Any) -> None:
    from mailpath.gui.graph.scene import RouteScene
    from mailpath.gui.graph.view import LegendWidget

    scene = RouteScene()
    parent = QWidget()
    legend = LegendWidget(parent, scene)
    plain = route_graph()
    scene.set_graph(plain)
    assert not legend.locks
    assert not any("TLS" in text for text in _texts(legend))
    without = legend.sizeHint().height()

    locked = route_graph()
    for _, _, attrs in locked.edges(data=True):
        if attrs.get("kind") == EdgeKind.SMTP:
            attrs["transport"] = TransportMarker.VERIFIED
    scene.set_graph(locked)
    assert legend.locks
    assert "verified TLS (DANE, MTA-STS)" in _texts(legend)
    assert legend.sizeHint().height() >= without
    scene.clear_graph()
    assert not legend.locks
