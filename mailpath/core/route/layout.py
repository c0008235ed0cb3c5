"""Where each node of the route sits: layers left to right, the DNS lookups in a row
above, the received message's hops in a lane below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.core.route.attrs import NodeAttrs

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

NODE_W = 220.0
NODE_H = 64.0
DNS_H = 52.0
COL_GAP = 130.0
ROW_GAP = 26.0
DNS_ROW_Y = 0.0
ROUTE_TOP = DNS_H + 70.0
HOP_H = 78.0
LANE_GAP = 70.0


def lay_out(g: RouteGraph) -> None:
    """Layered, left to right; route nodes stacked per layer, DNS nodes in a row above,
    hops drawn apart in a lane below."""
    layers: dict[int, list[str]] = {}
    for node, data in g.nodes(data=True):
        if data["kind"] not in ("dns", "hop"):
            layers.setdefault(data["layer"], []).append(node)
    heights = {
        layer: len(nodes) * NODE_H + (len(nodes) - 1) * ROW_GAP for layer, nodes in layers.items()
    }
    tallest = max(heights.values(), default=NODE_H)
    for layer, nodes in layers.items():
        nodes.sort(key=lambda n: _order_key(g, n))
        y = ROUTE_TOP + (tallest - heights[layer]) / 2
        for node in nodes:
            _place(g.nodes[node], layer * (NODE_W + COL_GAP), y, NODE_W, NODE_H)
            y += NODE_H + ROW_GAP
    lane_y = ROUTE_TOP + tallest + LANE_GAP
    for _, data in g.nodes(data=True):
        if data["kind"] == "dns":
            x = data["layer"] * (NODE_W + COL_GAP) - (NODE_W + COL_GAP) / 2
            _place(data, x, DNS_ROW_Y, NODE_W, DNS_H)
        elif data["kind"] == "hop":
            _place(data, data["layer"] * (NODE_W + COL_GAP), lane_y, NODE_W, HOP_H)


def _place(data: NodeAttrs, x: float, y: float, w: float, h: float) -> None:
    data["x"], data["y"], data["w"], data["h"] = x, y, w, h


def _order_key(g: RouteGraph, node: str) -> tuple[int, int, str]:
    data = g.nodes[node]
    if data["kind"] == "mx":
        return (data.get("preference", 0), 0, node)
    if data["kind"] == "sending_address":
        return (data.get("family", 4), 0, node)
    if data["kind"] in ("dmarc", "dkim"):
        return (0 if data["kind"] == "dmarc" else 1, data.get("index", 0), node)
    return (0, 0, node)
