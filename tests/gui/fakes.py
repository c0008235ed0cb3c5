"""Route graphs with the core's attributes, for GUI tests and benchmarks.

`mailpath.core.route.graph.build_route_graph` is the real builder; these fakes keep the GUI tests
independent of DNS data and let them produce odd shapes (1,000 nodes, hostile TXT text).
"""

from __future__ import annotations

import networkx as nx

W, H = 200.0, 62.0
COL = 270.0
ROW = 92.0


def route_graph(
    *,
    down: frozenset[str] = frozenset(),
    spf_status: str = "pass",
    txt: str = "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all",
    mx: tuple[tuple[int, str], ...] = (
        (10, "mx1.example.org"),
        (10, "mx2.example.org"),
        (20, "backup.example.org"),
    ),
) -> nx.DiGraph:
    g = nx.DiGraph(
        title="example.com → example.org",
        sender="example.com",
        recipient="example.org",
        date="2025-01-01 12:00 UTC",
    )

    def node(nid: str, layer: int, row: float, **attrs: object) -> None:
        g.add_node(nid, layer=layer, x=layer * COL, y=row * ROW, w=W, h=H, **attrs)

    node(
        "client",
        0,
        1,
        kind="client",
        label="alice@example.com",
        status="unknown",
        details={"sender": "alice@example.com"},
    )
    node(
        "sending:smtp.example.com",
        1,
        1,
        kind="sending_host",
        label="smtp.example.com",
        status=spf_status,
        details={"host": "smtp.example.com", "SPF record": txt},
    )
    node(
        "addr:192.0.2.10",
        2,
        0.5,
        kind="sending_address",
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
        kind="sending_address",
        label="2001:db8::10\nno PTR",
        status="softfail",
        details={"address": "2001:db8::10", "SPF": "softfail", "PTR": [], "FCrDNS": "no"},
    )
    g.add_edge(
        "client",
        "sending:smtp.example.com",
        kind="submission",
        label="submission\nSMTP AUTH",
        status="unknown",
        active=True,
    )
    for a in ("addr:192.0.2.10", "addr:2001:db8::10"):
        g.add_edge("sending:smtp.example.com", a, kind="smtp", label="", status="pass", active=True)
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
                kind="mx",
                label=h,
                status="pass",
                preference=p,
                role="primary" if p == prefs[0] else "fallback",
                down=is_down,
                active=active,
                details={"host": h, "preference": str(p), "addresses": ["198.51.100.7"]},
            )
            for a in ("addr:192.0.2.10", "addr:2001:db8::10"):
                g.add_edge(
                    a, nid, kind="smtp", label=f"SMTP · pref {p}", status="pass", active=active
                )
            g.add_edge(nid, "mailbox", kind="delivery", label="", status="pass", active=active)
            row += 1
    node(
        "mailbox",
        4,
        1,
        kind="mailbox",
        label="bob@example.org",
        status="pass",
        details={"recipient": "bob@example.org"},
    )
    node(
        "dns:mx",
        3,
        row + 0.3,
        kind="dns",
        label="MX example.org",
        status="pass",
        details={"records": [f"{p} {h}" for p, h in mx]},
    )
    node(
        "dns:spf",
        1,
        2.8,
        kind="dns",
        label="SPF example.com",
        status=spf_status,
        details={"TXT": [txt]},
    )
    node(
        "dns:dmarc",
        2,
        2.8,
        kind="dns",
        label="DMARC example.com",
        status="none",
        details={"TXT": []},
    )
    g.add_edge("dns:mx", "mx:" + mx[0][1], kind="dns", label="", status="pass", active=True)
    g.add_edge(
        "dns:spf", "sending:smtp.example.com", kind="dns", label="", status=spf_status, active=True
    )
    return g


def big_graph(n: int = 1000) -> nx.DiGraph:
    """A layered graph of `n` nodes, ~n*1.5 edges, for the rendering benchmark."""
    g = nx.DiGraph(title="benchmark", sender="a.example", recipient="b.example", date="today")
    layers = 10
    per = n // layers
    statuses = ("pass", "fail", "softfail", "neutral", "none", "error", "unknown")
    for i in range(n):
        layer, row = divmod(i, per)
        g.add_node(
            f"n{i}",
            kind="mx",
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
            g.add_edge(
                f"n{i - per}", f"n{i}", kind="smtp", label="SMTP", status="pass", active=True
            )
            if row % 2 == 0 and i - per + 1 < layer * per:
                g.add_edge(
                    f"n{i - per + 1}", f"n{i}", kind="smtp", label="", status="fail", active=False
                )
    return g
