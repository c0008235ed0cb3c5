"""Route graphs with the core's attributes, for GUI tests and benchmarks.

`mailpath.core.route.graph.build_route_graph` is the real builder; these fakes keep the GUI tests
independent of DNS data and let them produce odd shapes (1,000 nodes, hostile TXT text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

import networkx as nx

from mailpath.core.model import Status
from mailpath.core.route.attrs import EdgeAttrs, EdgeKind, NodeAttrs, NodeKind

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

W, H = 200.0, 62.0
COL = 270.0
ROW = 92.0


def add_node(g: RouteGraph, node: str, **attrs: Unpack[NodeAttrs]) -> None:
    """A node with the core's attribute schema (`mailpath.core.route.attrs.NodeAttrs`)."""
    g.add_node(node, **attrs)


def add_edge(g: RouteGraph, u: str, v: str, **attrs: Unpack[EdgeAttrs]) -> None:
    """An edge with the core's attribute schema (`mailpath.core.route.attrs.EdgeAttrs`)."""
    g.add_edge(u, v, **attrs)


def route_graph(
    *,
    down: frozenset[str] = frozenset(),
    spf_status: Status = Status.PASS,
    txt: str = "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all",
    mx: tuple[tuple[int, str], ...] = (
        (10, "mx1.example.org"),
        (10, "mx2.example.org"),
        (20, "backup.example.org"),
    ),
) -> RouteGraph:
    g: RouteGraph = nx.DiGraph(
        title="example.com → example.org",
        sender="example.com",
        recipient="example.org",
        date="2025-01-01 12:00 UTC",
    )

    def node(nid: str, column: int, row: float, **more: Unpack[NodeAttrs]) -> None:
        attrs = NodeAttrs(layer=column, x=column * COL, y=row * ROW, w=W, h=H)
        attrs.update(more)
        add_node(g, nid, **attrs)

    node(
        "client",
        0,
        1,
        kind=NodeKind.CLIENT,
        label="alice@example.com",
        status=Status.UNKNOWN,
        details={"sender": "alice@example.com"},
    )
    node(
        "sending:smtp.example.com",
        1,
        1,
        kind=NodeKind.SENDING_HOST,
        label="smtp.example.com",
        status=spf_status,
        details={"host": "smtp.example.com", "SPF record": txt},
    )
    node(
        "addr:192.0.2.10",
        2,
        0.5,
        kind=NodeKind.SENDING_ADDRESS,
        label="192.0.2.10\nPTR ok",
        status=spf_status,
        details={
            "address": "192.0.2.10",
            "SPF": spf_status,
            "PTR": ["smtp.example.com"],
            "FCrDNS": "yes",
            "TXT": txt,
        },
    )
    node(
        "addr:2001:db8::10",
        2,
        1.5,
        kind=NodeKind.SENDING_ADDRESS,
        label="2001:db8::10\nno PTR",
        status=Status.SOFTFAIL,
        details={"address": "2001:db8::10", "SPF": "softfail", "PTR": [], "FCrDNS": "no"},
    )
    add_edge(
        g,
        "client",
        "sending:smtp.example.com",
        kind=EdgeKind.SUBMISSION,
        label="submission\nSMTP AUTH",
        status=Status.UNKNOWN,
        active=True,
    )
    for a in ("addr:192.0.2.10", "addr:2001:db8::10"):
        add_edge(
            g,
            "sending:smtp.example.com",
            a,
            kind=EdgeKind.SMTP,
            label="",
            status=Status.PASS,
            active=True,
        )
    prefs = sorted({p for p, _ in mx})
    groups = {p: [h for q, h in mx if q == p] for p in prefs}
    active_pref = next((p for p in prefs if any(f"mx:{h}" not in down for h in groups[p])), None)
    row = 0.0
    for p in prefs:
        for h in groups[p]:
            nid = f"mx:{h}"
            is_down = nid in down
            active = p == active_pref and not is_down
            node(
                nid,
                3,
                row,
                kind=NodeKind.MX,
                label=h,
                status=Status.PASS,
                preference=p,
                role="primary" if p == prefs[0] else "fallback",
                down=is_down,
                active=active,
                details={"host": h, "preference": str(p), "addresses": ["198.51.100.7"]},
            )
            for a in ("addr:192.0.2.10", "addr:2001:db8::10"):
                add_edge(
                    g,
                    a,
                    nid,
                    kind=EdgeKind.SMTP,
                    label=f"SMTP · pref {p}",
                    status=Status.PASS,
                    active=active,
                )
            add_edge(
                g,
                nid,
                "mailbox",
                kind=EdgeKind.DELIVERY,
                label="",
                status=Status.PASS,
                active=active,
            )
            row += 1
    node(
        "mailbox",
        4,
        1,
        kind=NodeKind.MAILBOX,
        label="bob@example.org",
        status=Status.PASS,
        details={"recipient": "bob@example.org"},
    )
    node(
        "dns:mx",
        3,
        row + 0.3,
        kind=NodeKind.DNS,
        label="MX example.org",
        status=Status.PASS,
        details={"records": [f"{p} {h}" for p, h in mx]},
    )
    node(
        "dns:spf",
        1,
        2.8,
        kind=NodeKind.DNS,
        label="SPF example.com",
        status=spf_status,
        details={"TXT": [txt]},
    )
    node(
        "dns:dmarc",
        2,
        2.8,
        kind=NodeKind.DNS,
        label="DMARC example.com",
        status=Status.NONE,
        details={"TXT": []},
    )
    add_edge(
        g, "dns:mx", "mx:" + mx[0][1], kind=EdgeKind.DNS, label="", status=Status.PASS, active=True
    )
    add_edge(
        g,
        "dns:spf",
        "sending:smtp.example.com",
        kind=EdgeKind.DNS,
        label="",
        status=spf_status,
        active=True,
    )
    return g


def big_graph(n: int = 1000) -> RouteGraph:
    """A layered graph of `n` nodes, ~n*1.5 edges, for the rendering benchmark."""
    g: RouteGraph = nx.DiGraph(
        title="benchmark", sender="a.example", recipient="b.example", date="today"
    )
    layers = 10
    per = n // layers
    statuses = tuple(Status)
    for i in range(n):
        layer, row = divmod(i, per)
        add_node(
            g,
            f"n{i}",
            kind=NodeKind.MX,
            label=f"host{i}.example.org\n192.0.2.{i % 250}",
            status=statuses[i % 7],
            layer=layer,
            x=layer * COL,
            y=row * ROW,
            w=W,
            h=H,
            preference=10,
            role="primary",
            down=False,
            active=True,
            details={},
        )
        if layer:
            add_edge(
                g,
                f"n{i - per}",
                f"n{i}",
                kind=EdgeKind.SMTP,
                label="SMTP",
                status=Status.PASS,
                active=True,
            )
            if row % 2 == 0 and i - per + 1 < layer * per:
                add_edge(
                    g,
                    f"n{i - per + 1}",
                    f"n{i}",
                    kind=EdgeKind.SMTP,
                    label="",
                    status=Status.FAIL,
                    active=False,
                )
    return g
