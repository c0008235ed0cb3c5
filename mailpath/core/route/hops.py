"""A received message over the predicted route: each hop on the node it happened on, or
in a lane below; the path the message took; DKIM and DMARC (`auth`) right of the mailbox."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import networkx as nx

from mailpath.core.message.check import forwarder_hops
from mailpath.core.message.parse import Handover, registrable_domain
from mailpath.core.message.received import Hop
from mailpath.core.model import MessageInfo, Status
from mailpath.core.route.attrs import SENDER_KINDS, DetailsAttrs, EdgeKind, NodeAttrs, NodeKind
from mailpath.core.route.auth import add_auth_nodes
from mailpath.core.route.labels import (
    YES_NO,
    Part,
    add_edge,
    add_node,
    details_of,
    hop_number,
    label_of,
    part,
    put_detail,
    text,
)

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

#: A run of more internal hops than this in the lane shows its first and last hop and one
#: "+N internal hops" node between them.
HOP_RUN_MAX = 4
#: Beyond this many nodes in the lane, the middle ones become one node (1,000 hops stay small).
LANE_MAX = 14
_ROUTE_EDGES = frozenset({"submission", "source", "smtp", "delivery"})


def node_for_hop(graph: RouteGraph, index: int) -> str | None:
    """The node that shows hop `index` (0 = oldest): ``hop:{index}`` when it is drawn apart,
    else the predicted or collapsed node whose `hops` contains it; None when none does."""
    node = f"hop:{index}"
    if node in graph:
        return node
    for node_id, data in graph.nodes(data=True):
        if index in data.get("hops", ()):
            return str(node_id)
    return None


def hop_time(hop: Hop) -> str:
    """ "19:32:05 UTC" from the hop's ISO time, or ""."""
    if not hop.time:
        return ""
    clock = hop.time[11:19] if len(hop.time) >= 19 else hop.time
    return f"{clock} UTC"


def _hop_tls_part(hop: Hop) -> Part:
    return part({True: "hop.tls", False: "hop.no_tls", None: "hop.tls_unknown"}[hop.tls])


def _hop_line(hop: Hop) -> list[Part]:
    """When, after how long, encrypted or not."""
    items = [text(hop_time(hop))] if hop.time else []
    if hop.delay_s is not None:
        items.append(part("hop.delay", delay=f"{round(hop.delay_s):+d}"))
    items.append(_hop_tls_part(hop))
    return items


def _hop_summary_part(hop: Hop) -> Part:
    """One line: by whom, when, after how long, encrypted or not."""
    by = (
        part("hop.by", host=hop.by)
        if hop.by
        else part("hop.unparsed")
        if hop.unparsed
        else part("hop.by_unknown")
    )
    items = [by, *_hop_line(hop)]
    if hop.protocol:
        items.append(text(hop.protocol))
    return part("join", items=items)


def _detail_text(data: NodeAttrs, name: str) -> str | None:
    """A detail's English value as text (None when the node has no such detail)."""
    value = data.get("details", {}).get(name)
    return None if value is None else str(value)


def _same_host(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and str(a).lower().rstrip(".") == str(b).lower().rstrip(".")


def _receiving_mx(g: RouteGraph, by: str | None, mx_ids: list[str], active: set[str]) -> str | None:
    """The MX node that received a hop `by` this host: the one of that name, else (Gmail's
    mx.google.com, Microsoft's *.outlook.com) the primary MX when `by` is run by the same
    organization as the MX hosts."""
    if not by:
        return None
    for node in mx_ids:
        if _same_host(_detail_text(g.nodes[node], "host"), by):
            return node
    org = registrable_domain(by)
    hosts = [_detail_text(g.nodes[n], "host") for n in mx_ids]
    orgs = {registrable_domain(h) for h in hosts if h}
    if org is None or (org not in orgs and not (org == "google.com" and "google.com" in orgs)):
        return None
    primary = sorted(active) or [n for n in mx_ids if g.nodes[n].get("role") == "primary"]
    return primary[0] if primary else None


def _sending_nodes(g: RouteGraph) -> tuple[dict[str, str], dict[str, str]]:
    """(address -> node, host name -> node) of the predicted sending side."""
    by_address: dict[str, str] = {}
    by_host: dict[str, str] = {}
    for node, data in g.nodes(data=True):
        if data["kind"] == "sending_address":
            by_address[str(data["details"]["address"])] = node
        elif data["kind"] in SENDER_KINDS and data["details"].get("host"):
            by_host[str(data["details"]["host"]).lower()] = node
    return by_address, by_host


def _host_of(g: RouteGraph, node: str) -> str:
    """The sending host (or forwarder) node an address node belongs to; `node` itself else."""
    if g.nodes[node]["kind"] != "sending_address":
        return node
    for pred in g.predecessors(node):
        if g.nodes[pred]["kind"] in SENDER_KINDS:
            return str(pred)
    return node


def _hop_places(
    g: RouteGraph, info: MessageInfo, mx_ids: list[str], active: set[str]
) -> tuple[dict[int, str], str | None]:
    """Predicted node per hop index (hops not in the dict are drawn apart), and the MX
    that received the handover."""
    hops = info.parsed.hops
    handover = info.parsed.handover
    by_address, by_host = _sending_nodes(g)
    unexpected = set(info.unexpected_hops)
    places: dict[int, str] = {}
    handover_node: str | None = None
    receiver: str | None = None
    forwarder = next((n for n, d in g.nodes(data=True) if d["kind"] == "forwarder"), None)
    if forwarder is not None:
        # The forwarder's own hops (its inbound server, its internal steps) happen on it.
        for index in forwarder_hops(info.parsed):
            places[index] = forwarder
    if handover is not None:
        if handover.address and handover.address in by_address:
            handover_node = by_address[handover.address]
        elif handover.host and handover.host.lower() in by_host:
            handover_node = by_host[handover.host.lower()]
        elif handover.host and handover.address is None:
            handover_node = None
        if handover_node is not None:
            places[handover.hop] = handover_node
        receiver = _receiving_mx(g, handover.by, mx_ids, active)
    for index, hop in enumerate(hops):
        if index in places or index in unexpected or hop.unparsed or not hop.by:
            continue
        if handover is None or index < handover.hop:
            by = hop.by.lower()
            if by in by_host:
                places[index] = by_host[by]
            elif by in by_address:
                places[index] = by_address[by]
            elif handover is not None and handover_node and _same_host(by, handover.host):
                # Received by the server that then handed the message over: its host node
                # (the submission into it), the address node being where it left from.
                places[index] = _host_of(g, handover_node)
        else:
            # After the handover only a hop into an MX host by its own name is on the route;
            # the receiver's internal hops (Gmail's "by 2002:...") are drawn apart.
            for node in mx_ids:
                if _same_host(_detail_text(g.nodes[node], "host"), hop.by):
                    places[index] = node
                    break
    return places, receiver


def _lane_items(apart: list[int], alone: set[int]) -> list[list[int]]:
    """Hops drawn apart, grouped into lane nodes: long runs of consecutive internal hops
    become one node, and a lane longer than LANE_MAX keeps its ends and joins the middle."""
    items: list[list[int]] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) > HOP_RUN_MAX:
            items.extend([[run[0]], run[1:-1], [run[-1]]])
        else:
            items.extend([i] for i in run)
        run.clear()

    for index in apart:
        if index in alone or (run and index != run[-1] + 1):
            flush()
        if index in alone:
            items.append([index])
        else:
            run.append(index)
    flush()
    if len(items) > LANE_MAX:
        keep = (LANE_MAX - 1) // 2
        middle = [i for item in items[keep:-keep] for i in item]
        items = [*items[:keep], middle, *items[-keep:]]
    return items


def _add_forwarding(g: RouteGraph, info: MessageInfo) -> int:
    """A forwarded message: the sender's own submission server, drawn before the forwarder
    (which `add_sending_host` drew as kind "forwarder"), reached by the mail client's
    submission and handing the message to the forwarder over SMTP. The route's columns from
    the forwarder on move one to the right; returns that shift (0: nothing forwarded)."""
    forwarder = next((n for n, d in g.nodes(data=True) if d["kind"] == "forwarder"), None)
    submission = info.parsed.submission
    if forwarder is None or submission is None:
        return 0
    for _, data in g.nodes(data=True):
        if data.get("layer", 0) >= 1:
            data["layer"] += 1
    host = submission.host or "?"
    node = f"submission:{host.lower()}"
    details = details_of(
        (part("d.role"), part("v.submission_seen")),
        (part("d.host"), text(host)),
    )
    if submission.address:
        put_detail(details, part("d.addresses"), [text(submission.address)])
    add_node(
        g,
        node,
        kind=NodeKind.SENDING_HOST,
        **label_of(
            part("sending.submission"),
            text(f"{host} [{submission.address}]" if submission.address else host),
        ),
        status=Status.NONE,
        **details,
        layer=1,
    )
    add_edge(
        g,
        "client",
        node,
        kind=EdgeKind.SUBMISSION,
        **label_of(part("edge.submission_auth")),
        status=Status.NONE,
        active=True,
    )
    add_edge(
        g,
        node,
        forwarder,
        kind=EdgeKind.SMTP,
        **label_of(part("edge.smtp")),
        status=Status.NONE,
        active=True,
    )
    put_detail(g.nodes[forwarder], part("d.note"), part("hop.forwarded"))
    return 1


def add_message(g: RouteGraph, info: MessageInfo, mx_ids: list[str], active: set[str]) -> None:
    shift = _add_forwarding(g, info)
    places, receiver = _hop_places(g, info, mx_ids, active)
    _put_hops_on_nodes(g, info, places, receiver)
    node_of = _add_lane(g, info, places, shift)
    _mark_path_taken(g, info, node_of, receiver)
    add_auth_nodes(g, info, 5 + shift)


def _put_hops_on_nodes(
    g: RouteGraph, info: MessageInfo, places: dict[int, str], receiver: str | None
) -> None:
    """Each hop on a predicted node is one detail line: when several happen on one node,
    each says which it is ("1 of 2 here") beside its own time."""
    hops = info.parsed.hops
    handover = info.parsed.handover
    at: dict[str, list[int]] = {}
    for index, node in sorted(places.items()):
        at.setdefault(node, []).append(index)
    if receiver is not None and handover is not None:
        at.setdefault(receiver, []).append(handover.hop)
        g.nodes[receiver]["received_hops"] = [handover.hop]
    for node, indexes in at.items():
        data = g.nodes[node]
        for k, index in enumerate(sorted(indexes)):
            if index in places and places[index] == node:
                data.setdefault("hops", []).append(index)
            summary = _hop_summary_part(hops[index])
            if len(indexes) > 1:
                summary = part(
                    "join", items=[part("hop.here", k=k + 1, total=len(indexes)), summary]
                )
            put_detail(data, part("d.hop_n", n=index + 1), summary)
        if "hops" in data:
            data["hops"].sort()


def _add_lane(
    g: RouteGraph, info: MessageInfo, places: dict[int, str], shift: int
) -> dict[int, str]:
    """The lane: hops drawn apart, in the column nearest where they happen. Returns the
    node of every hop."""
    hops = info.parsed.hops
    handover = info.parsed.handover
    unexpected = set(info.unexpected_hops)
    apart = [i for i in range(len(hops)) if i not in places]
    node_of: dict[int, str] = dict(places)
    column = -1
    # Unexpected hops and the handover always show on their own.
    alone = unexpected | ({handover.hop} if handover is not None else set())
    for item in _lane_items(apart, alone):
        first = item[0]
        if handover is not None and first > handover.hop:
            natural = 4 + shift
        elif handover is not None and first == handover.hop:
            natural = 2 + shift
        else:
            natural = 0
        column = max(natural, column + 1)
        node = _add_hop_node(g, info, item, unexpected, column, handover)
        for index in item:
            node_of[index] = node
    return node_of


def _mark_path_taken(
    g: RouteGraph, info: MessageInfo, node_of: dict[int, str], receiver: str | None
) -> None:
    """The path the message took, oldest hop first: the predicted edges it took are marked
    `actual`, other steps become edges of kind "actual"."""
    hops = info.parsed.hops
    handover = info.parsed.handover
    path: list[tuple[str, int | None]] = [("client", None)]
    for i in range(len(hops)):
        path.append((node_of[i], i))
        if handover is not None and i == handover.hop and receiver is not None:
            path.append((receiver, i))
    path.append(("mailbox", None))
    route: nx.DiGraph[str] = nx.DiGraph(
        (u, v) for u, v, d in g.edges(data=True) if d.get("kind") in _ROUTE_EDGES
    )
    last = path[0][0]
    for node, step in path[1:]:
        if node == last:
            continue
        if route.has_node(last) and route.has_node(node) and nx.has_path(route, last, node):
            steps = nx.shortest_path(route, last, node)
            for u, v in itertools.pairwise(steps):
                edge = g.edges[u, v]
                edge["actual"] = True
                if step is not None:
                    edge.setdefault("hops", []).append(step)
        elif not g.has_edge(last, node):
            if node == "mailbox" or step is None:
                label, status = part("edge.delivery"), Status.NONE
            else:
                tls = hops[step].tls
                label = _hop_tls_part(hops[step])
                # Cleartext matters where the message crosses networks, not inside the
                # receiver's own servers.
                inside = handover is not None and step > handover.hop
                status = Status.PASS if tls else Status.NONE
                if tls is False and not inside:
                    status = Status.SOFTFAIL
            add_edge(
                g,
                last,
                node,
                kind=EdgeKind.ACTUAL,
                **label_of(label),
                status=status,
                active=True,
                actual=True,
                hops=[] if step is None else [step],
            )
        last = node


def _hops_count_part(count: int, flagged: int) -> Part:
    """How many hops a collapsed node holds: all of them, "internal" only when none of them
    is off the predicted route (hops off it are not the receiver's internal ones)."""
    if flagged == 0:
        return part("hops.internal", count=hop_number(count))
    if flagged == count:
        return part("hops.count", count=hop_number(count))
    return part("hops.internal", count=hop_number(count - flagged))


def _add_hop_node(
    g: RouteGraph,
    info: MessageInfo,
    item: list[int],
    unexpected: set[int],
    column: int,
    handover: Handover | None,
) -> str:
    """One lane node: a hop, or a run of hops collapsed into one (`item`, their indexes)."""
    hops = info.parsed.hops
    flagged = [i for i in item if i in unexpected]
    if len(item) == 1:
        node, lines, details = _one_hop(hops, item[0], handover)
    else:
        node, lines, details = _hop_run(hops, item, len(flagged))
    status = Status.SOFTFAIL if flagged else Status.NONE
    if flagged:
        lines.append(part("hop.unexpected"))
        note = (
            part("hop.unexpected_count", count=hop_number(len(flagged)))
            if len(item) > 1
            else part("hop.unexpected")
        )
        put_detail(details, part("d.note"), note)
    add_node(
        g,
        node,
        kind=NodeKind.HOP,
        **label_of(*lines),
        status=status,
        **details,
        layer=column,
        hops=list(item),
        unexpected=bool(flagged),
    )
    return node


def _one_hop(
    hops: Sequence[Hop], index: int, handover: Handover | None
) -> tuple[str, list[Part], DetailsAttrs]:
    """A hop drawn apart: its node id, label lines and details."""
    hop = hops[index]
    node = f"hop:{index}"
    lines = [
        part("hop.title", n=hop_number(index + 1)),
        part("hop.by", host=hop.by) if hop.by else part("hop.unparsed"),
        part("join", items=_hop_line(hop)),
    ]

    def known(value: object) -> Part:
        return text(value) if value else part("v.unknown_short")

    details = details_of(
        (part("d.hop"), part("hop.of", n=hop_number(index + 1), total=hop_number(len(hops)))),
        (part("d.from"), known(hop.from_name or hop.helo)),
        (part("d.client_address"), known(hop.from_address)),
        (part("d.by"), known(hop.by)),
        (part("d.protocol"), known(hop.protocol)),
        (part("d.tls"), part(YES_NO[hop.tls])),
        (part("d.time"), known(hop.time)),
        (part("d.received"), text(hop.raw)),
    )
    if hop.delay_s is not None:
        put_detail(details, part("d.delay"), part("hop.delay", delay=f"{round(hop.delay_s):+d}"))
    if handover is not None and index == handover.hop:
        put_detail(details, part("d.role"), part("hop.handover"))
    return node, lines, details


def _hop_run(
    hops: Sequence[Hop], item: list[int], flagged: int
) -> tuple[str, list[Part], DetailsAttrs]:
    """A run of hops collapsed into one node: its id, label lines and details."""
    node = f"hops:{item[0]}-{item[-1]}"
    first, last = hops[item[0]], hops[item[-1]]
    lines = [
        part("hops.title", first=hop_number(item[0] + 1), last=hop_number(item[-1] + 1)),
        _hops_count_part(len(item), flagged),
    ]
    times = list(dict.fromkeys(t for t in (hop_time(first), hop_time(last)) if t))
    if len(times) == 2:
        lines.append(part("hops.times", first=times[0], last=times[1]))
    elif times:
        lines.append(text(times[0]))
    details = details_of(
        (
            part("d.hops"),
            part(
                "hops.of",
                first=hop_number(item[0] + 1),
                last=hop_number(item[-1] + 1),
                total=hop_number(len(hops)),
            ),
        ),
        (part("d.first"), _hop_summary_part(first)),
        (part("d.last"), _hop_summary_part(last)),
    )
    return node, lines, details
