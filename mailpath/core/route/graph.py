"""The delivery route as a graph, with its layout: one pure function of a Result.

Nodes, left to right: the sender's client -> the sending host -> each of its addresses ->
the recipient's MX hosts in preference order -> the recipient's mailbox; above them the DNS
lookups the route depends on (the sending server's MX lookup, the receiving server's SPF and
DMARC lookups). Every renderer (GUI, PNG/SVG export, JSON) reads the same attributes:

node: kind, label, status, details, layer, x, y, w, h  (+ mx: preference, role, down, active)
edge: kind, label, status, active

With a received message (`Result.message`) the actual hops are drawn over the prediction:

- a hop that is a predicted node (the handover's address or host node, hops into the sending
  server, the recipient MX a hop was received `by`) adds its index to that node's `hops`
  list (numbered #1 = oldest hop, as the Message panel numbers them) and a "hop #n" detail;
  the MX that received the handover gets `received_hops`;
- any other hop is a node of kind "hop", id ``hop:{i}``, in a lane below the route (runs of
  internal hops collapse into one node ``hops:{first}-{last}`` whose `hops` lists them);
  hops off the predicted route (`MessageInfo.unexpected_hops`) have status "softfail" and
  `unexpected` True;
- the hops are joined in order: predicted edges the message took get `actual` True and their
  `hops`; other steps are edges of kind "actual";
- DKIM signatures (kind "dkim", ids ``dkim:{n}`` or ``dkim:none``) and DMARC's result (kind
  "dmarc", id ``dmarc:result``) sit right of the mailbox, joined to it by edges of kind "auth".

A forwarded message (`ParsedMessage.forwarded_by`) draws the handover's sending host as kind
"forwarder" (label "Forwarder"), after the sender's own submission server (node
``submission:{host}``, kind "sending_host", from `ParsedMessage.submission`): client ->
submission server (submission :587) -> forwarder (SMTP) -> its addresses -> MX. The columns
from the forwarder on move one to the right. A hop received by the server that then handed the
message over is on its host node; the handover itself on the address it left from. When
several hops are on one node, each "hop #n" detail starts with "k of m here".

`node_for_hop(graph, i)` gives the node that shows hop i.

This module builds the route in parts: the sending side (`sending`), the MX hosts and the DNS
lookups (`lookups`), the received message's hops (`hops`) and its DKIM and DMARC (`auth`); the
words are in `labels`, the positions in `layout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import networkx as nx

from mailpath.core.jsontypes import JsonObject
from mailpath.core.judgement.finding import address_node, mx_node
from mailpath.core.judgement.findings import is_forwarder, sending_host_name
from mailpath.core.judgement.receiver import MARKER, RANK, Judgement, Path, judge
from mailpath.core.judgement.verdict import Verdict, verdict
from mailpath.core.model import MxInfo, Result, Status
from mailpath.core.route.attrs import SENDER_KINDS, EdgeKind, NodeKind
from mailpath.core.route.hops import LANE_MAX, add_message, hop_time, node_for_hop
from mailpath.core.route.labels import (
    TEMPLATES,
    Part,
    Translate,
    add_edge,
    add_node,
    details_of,
    label_of,
    part,
    pending,
    put_detail,
    render_part,
    render_value,
    text,
    verdict_part,
)
from mailpath.core.route.layout import lay_out
from mailpath.core.route.lookups import active_mx, add_dns_nodes, add_mx_hosts
from mailpath.core.route.sending import STATUS_RANK, add_sending_host
from mailpath.core.route.transport import add_transport

__all__ = [
    "LANE_MAX",
    "TEMPLATES",
    "Part",
    "Translate",
    "active_mx",
    "build_route_graph",
    "graph_to_json",
    "hop_time",
    "node_for_hop",
    "part",
    "render_part",
    "render_value",
    "text",
    "verdict_to_json",
]

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph


def build_route_graph(result: Result, *, down: frozenset[str] = frozenset()) -> RouteGraph:
    """The route of `result` with `down` (MX node ids) marked down, laid out."""
    g: RouteGraph = nx.DiGraph()
    outcome = verdict(result, down)
    judged = judge(result, down)
    g.graph.update(
        title=f"{result.sender_domain.unicode} → {result.recipient_domain.unicode}",
        sender=result.inputs.sender,
        recipient=result.inputs.recipient,
        date=result.started_at,
        complete=result.complete,
        verdict=verdict_to_json(outcome),
    )
    _add_client(g, result)
    address_ids = _add_sending_side(g, result)
    mx_ids, active = add_mx_hosts(g, result, outcome, down)
    _add_smtp_edges(g, result.mx, judged, address_ids, mx_ids, active, down)
    add_transport(g, result.transport, mx_ids)
    _path_markers(g, judged, address_ids, mx_ids, down)
    _add_mailbox(g, result, outcome, judged, mx_ids, active, down)
    add_dns_nodes(g, result, mx_ids, active)
    if result.message is not None:
        add_message(g, result.message, mx_ids, active)
    lay_out(g)
    return g


def _add_client(g: RouteGraph, result: Result) -> None:
    """The sender's mail client, where the route starts."""
    add_node(
        g,
        "client",
        kind=NodeKind.CLIENT,
        **label_of(part("client.title"), text(result.inputs.sender)),
        status=Status.NONE,
        **details_of(
            (part("d.sender"), text(result.sender_domain.display)), (part("d.role"), part("v.mua"))
        ),
        layer=0,
    )


def _add_sending_side(g: RouteGraph, result: Result) -> list[str]:
    """The sending hosts and their addresses (one unknown host while they are not known);
    returns the address node ids."""
    hosts = result.sending_hosts
    if hosts is None:
        add_node(
            g,
            "sending:?",
            kind=NodeKind.SENDING_HOST,
            **label_of(
                part("sending.title"),
                text(result.inputs.via) if result.inputs.via else pending(result),
            ),
            status=Status.UNKNOWN,
            **details_of(),
            layer=1,
        )
        add_edge(
            g,
            "client",
            "sending:?",
            kind=EdgeKind.SUBMISSION,
            **label_of(part("edge.submission")),
            status=Status.UNKNOWN,
        )
        return []
    address_ids: list[str] = []
    for host in hosts:
        # A message names the server behind the handover address: show the name too.
        name = sending_host_name(result, host)
        named = name if name is not None and name != host.host else None
        add_sending_host(g, host, result.sender_domain.ascii, named, is_forwarder(result, host))
        address_ids.extend(address_node(addr.address) for addr in host.addresses)
    return address_ids


def _add_smtp_edges(
    g: RouteGraph,
    mx: MxInfo | None,
    judged: Judgement,
    address_ids: list[str],
    mx_ids: list[str],
    active: set[str],
    down: frozenset[str],
) -> None:
    """Edges from each sending address to each MX host: the SMTP hop, one per path of the
    receiver model. Its marker is that path's disposition; an address family the MX host
    has no address for draws no edge (the host is unreachable from that address)."""
    paths = {(p.address, p.mx): p for p in judged.paths}
    sources = address_ids or [n for n in g.nodes if g.nodes[n]["kind"] in SENDER_KINDS]
    for src in sources:
        for dst in mx_ids:
            pref = g.nodes[dst].get("preference", 0)
            is_active = dst in active
            path = paths.get((src.removeprefix("addr:"), dst.removeprefix("mx:")))
            if not _has_family(mx, dst, src):
                g.nodes[dst].setdefault("unreachable_from", []).append(src)
                continue
            label = (
                part("edge.smtp_pref", pref=pref)
                if mx and mx.kind != "implicit"
                else part("edge.smtp")
            )
            if dst in down:
                status = Status.NONE
            elif path is not None:
                status = MARKER[path.disposition]
                is_active = path.active
            else:
                status = Status.UNKNOWN if g.nodes[dst]["status"] != "fail" else Status.FAIL
            add_edge(
                g,
                src,
                dst,
                kind=EdgeKind.SMTP,
                **label_of(label),
                status=status,
                active=is_active,
            )


def _add_mailbox(
    g: RouteGraph,
    result: Result,
    outcome: Verdict,
    judged: Judgement,
    mx_ids: list[str],
    active: set[str],
    down: frozenset[str],
) -> None:
    """The mailbox, carrying the verdict of the active route, and the delivery from each MX
    host; the verdict also goes on the node it is about."""
    subject = outcome.subject
    if subject is not None and subject in mx_ids and outcome.culprits:
        put_detail(g.nodes[subject], part("d.verdict"), verdict_part(outcome))
    if outcome.code == "queued" and subject is not None and subject in g.nodes:
        g.nodes[subject]["status"] = outcome.status
        put_detail(g.nodes[subject], part("d.verdict"), verdict_part(outcome))
    recipient = result.recipient_domain
    mailbox_label = result.recipient_local and f"{result.recipient_local}@{recipient.unicode}"
    add_node(
        g,
        "mailbox",
        kind=NodeKind.MAILBOX,
        **label_of(part("mailbox.title"), text(mailbox_label or recipient.unicode)),
        status=outcome.status,
        **details_of((part("d.verdict"), verdict_part(outcome))),
        layer=4,
    )
    mx = result.mx
    for dst in mx_ids:
        if dst == "mx:none" and mx is not None and mx.kind != "error":
            continue  # no MX, null MX, no such domain: nothing reaches the mailbox
        through = [p for p in judged.paths if p.mx == dst.removeprefix("mx:") and p.reachable]
        if dst in down:
            status = Status.NONE
        elif through:
            status = _worst_marker(through)
        else:
            status = outcome.status
        add_edge(
            g,
            dst,
            "mailbox",
            kind=EdgeKind.DELIVERY,
            **label_of(part("edge.delivery")),
            status=status,
            active=dst in active,
        )


def _has_family(mx: MxInfo | None, mx_id: str, source: str) -> bool:
    """Whether the MX host has an address of the source address's family (an address that
    is not yet resolved, or a source that is not an address, counts as reachable)."""
    if mx is None or not source.startswith("addr:"):
        return True
    host = next((h for h in mx.hosts if mx_node(h.host) == mx_id), None)
    if host is None or not host.addresses:
        return True
    v6 = ":" in source[5:]
    return any((":" in a) == v6 for a in host.addresses)


def _worst_marker(paths: list[Path]) -> Status:
    worst = max(paths, key=lambda p: RANK[p.disposition])
    return MARKER[worst.disposition]


def _path_markers(
    g: RouteGraph,
    judged: Judgement,
    address_ids: list[str],
    mx_ids: list[str],
    down: frozenset[str],
) -> None:
    """Markers of the nodes on the paths, from the receiver model: red or amber only where a
    path through the node is refused or flagged; a host marked down shows as down."""
    for node in mx_ids:
        if node in down:
            g.nodes[node]["status"] = Status.NONE
    if not judged.paths:
        # Judged as a whole (no route, every MX host down, no sender): no address carries
        # the judgement of a path; the mailbox and the host that queues say it.
        for node in address_ids:
            g.nodes[node]["status"] = Status.NONE
            for pred in g.predecessors(node):
                g.edges[pred, node]["status"] = Status.NONE
        return
    for node in address_ids:
        address = node.removeprefix("addr:")
        mine = [p for p in judged.paths if p.address == address]
        taken = [p for p in mine if p.reachable and p.active] or [p for p in mine if p.reachable]
        status = _worst_marker(taken) if taken else Status.ERROR
        g.nodes[node]["status"] = status
        for pred in g.predecessors(node):
            g.edges[pred, node]["status"] = status
    for node in [n for n in g.nodes if g.nodes[n].get("kind") in SENDER_KINDS]:
        statuses = [g.nodes[s]["status"] for s in g.successors(node) if s in address_ids]
        if statuses:
            g.nodes[node]["status"] = max(statuses, key=lambda s: STATUS_RANK[Status(s)])
    for node in mx_ids:
        if node in down:
            g.nodes[node]["status"] = Status.NONE
            continue
        through = [p for p in judged.paths if p.mx == node.removeprefix("mx:") and p.reachable]
        if through and g.nodes[node]["status"] in (Status.PASS.value, Status.NEUTRAL.value):
            g.nodes[node]["status"] = _worst_marker(through)


def verdict_to_json(v: Verdict) -> JsonObject:
    """The verdict as plain data (graph attribute, `check --json`)."""
    return {
        "severity": v.severity.value,
        "code": v.code,
        "message": v.message,
        "status": v.status.value,
        "template": v.template,
        "params": dict(v.params),
        "subject": v.subject,
        "disposition": v.disposition,
        "basis": list(v.basis),
    }


def graph_to_json(g: RouteGraph) -> JsonObject:
    """networkx node-link data, JSON-safe."""
    # node_link_data's stub wants plain dict attributes; ours are those dicts, typed.
    data: JsonObject = nx.node_link_data(cast("nx.DiGraph[str]", g), edges="links")
    return data
