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
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack, cast

import networkx as nx

from mailpath.core.auth.dmarc import effective_policy
from mailpath.core.auth.spf import MAX_LOOKUPS, MAX_VOID_LOOKUPS, QueryUse, SpfResult
from mailpath.core.jsontypes import JsonObject
from mailpath.core.judgement.findings import (
    address_node,
    host_node,
    is_forwarder,
    mx_node,
    sending_host_name,
)
from mailpath.core.judgement.receiver import MARKER, RANK, Judgement, Path, judge
from mailpath.core.judgement.verdict import TEMPLATES as VERDICT_TEMPLATES
from mailpath.core.judgement.verdict import Verdict, verdict
from mailpath.core.message.check import forwarder_hops
from mailpath.core.message.parse import Handover, registrable_domain
from mailpath.core.message.received import Hop
from mailpath.core.model import (
    LookupStatus,
    MessageInfo,
    MxHost,
    MxInfo,
    Result,
    SendingAddress,
    SendingHostInfo,
    Status,
)
from mailpath.core.route.attrs import (
    DetailEntry,
    DetailsAttrs,
    DetailValue,
    EdgeAttrs,
    EdgeKind,
    LabelAttrs,
    NodeAttrs,
    NodeKind,
    ParamValue,
    PartDict,
    RenderedValue,
)
from mailpath.core.route.transport import TRANSPORT_TEMPLATES, edge_transport, transport_detail

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

#: The route's own words: key -> English template. Nodes and edges carry `label_parts` (one
#: part per line) and `details_parts` ([{"name": part, "value": part | [part] | number}])
#: beside the English `label` and `details`, which are these templates rendered in English
#: (`render_part`). A part is {"key": key, "params": {...}}; a param that is itself a part is
#: rendered first, a list of parts is rendered and joined with " · ". A part with
#: "table": "verdict" names a template of `mailpath.core.judgement.verdict.TEMPLATES`
#: instead. Text from DNS or the message is the "text" part, shown as it is. The GUI
#: translates each template (context "RouteText", the English template as the source) and
#: fills in the same params.
TEMPLATES: dict[str, str] = {
    "text": "{text}",
    "join": "{items}",
    # node titles and lines
    "client.title": "Sender's PC",
    "sending.title": "Sending server",
    "sending.submission": "Submission server",
    "sending.assumed": "Assumed sender",
    "sending.forwarder": "Forwarder",
    "mailbox.title": "Mailbox",
    "mx.implicit": "implicit MX",
    "mx.pref": "MX {pref}",
    "mx.of": "MX of {domain}",
    "resolving": "resolving…",
    "not_resolved.cancelled": "not resolved (cancelled)",
    "mx.null": "null MX: accepts no mail",
    "mx.none": "no MX, no address",
    "mx.nxdomain": "does not exist (NXDOMAIN)",
    "mx.broken_null": "broken null MX ({pref} .)",
    "lookup.failed": "lookup failed",
    "lookup.failed_with": "lookup failed: {failure}",
    "address.title": "IPv{family} {address}",
    "address.spf": "SPF {result}",
    "address.fcrdns_ok": "FCrDNS ok",
    "address.fcrdns_fails": "FCrDNS fails",
    "dns.mx": "DNS: MX {domain}",
    "dns.spf": "DNS: SPF {domain}",
    "dns.dmarc": "DNS: DMARC {domain}",
    # edges
    "edge.submission_auth": "submission :587 (SMTP AUTH)",
    "edge.submission": "submission",
    "edge.smtp": "SMTP :25",
    "edge.smtp_pref": "SMTP :25 · pref {pref}",
    "edge.delivery": "delivery",
    "edge.family": "IPv{family}",
    "edge.mx_lookup": "MX lookup",
    "edge.spf_check": "SPF check",
    "edge.dmarc_check": "DMARC check",
    # the received message
    "hop.title": "Hop #{n}",
    "hops.title": "Hops #{first}–#{last}",
    "hops.internal": "+{count} internal hops",
    "hops.count": "{count} hops",
    "hops.times": "{first} – {last}",
    "hop.by": "by {host}",
    "hop.by_unknown": "by ?",
    "hop.unparsed": "unparsed",
    "hop.delay": "{delay} s",
    "hop.tls": "TLS",
    "hop.no_tls": "no TLS",
    "hop.tls_unknown": "TLS ?",
    "hop.unexpected": "not on the predicted route",
    "hop.unexpected_count": "not on the predicted route ({count} hops)",
    "hop.of": "#{n} of {total}",
    "hops.of": "#{first}–#{last} of {total}",
    "hop.handover": "handover to the recipient's servers",
    "hop.here": "{k} of {total} here",
    "hop.forwarded": "forwarded: SPF checks the forwarder, DKIM and ARC carry the judgement",
    "dmarc.result": "DMARC {result}",
    "dmarc.title": "DMARC",
    "dmarc.disposition": "disposition {disposition}",
    "dmarc.not_evaluated": "not evaluated",
    "dkim.none": "DKIM: none",
    "dkim.no_signature": "no signature",
    "dkim.no_signature_long": "the message carries no DKIM-Signature",
    "dkim.title": "DKIM",
    "dkim.signature": "DKIM d={domain} s={selector}",
    "dkim.aligned": "aligned",
    "dkim.not_aligned": "not aligned",
    "dkim.bits": "{bits}-bit",
    "dkim.key": "{type} {bits}-bit",
    "dkim.more": "+{count} more signatures",
    "dkim.summary": "d={domain} s={selector} {result}",
    # detail names
    "d.sender": "sender",
    "d.role": "role",
    "d.host": "host",
    "d.addresses": "addresses",
    "d.address": "address",
    "d.family": "family",
    "d.lookup": "{rdtype} lookup",
    "d.error": "error",
    "d.spf_for": "SPF for {domain}",
    "d.ptr": "PTR",
    "d.fcrdns": "FCrDNS",
    "d.spf_record": "SPF record",
    "d.spf_lookups": "SPF lookups",
    "d.spf_error": "SPF error",
    "d.preference": "preference",
    "d.cname": "CNAME",
    "d.mx": "MX",
    "d.verdict": "verdict",
    "d.question": "question",
    "d.answer": "answer",
    "d.timing": "timing",
    "d.ttl": "ttl",
    "d.record": "record",
    "d.lookups": "lookups",
    "d.void_lookups": "void lookups",
    "d.found_at": "found at",
    "d.looked_for_at": "looked for at",
    "d.policy": "policy",
    "d.hop_n": "hop #{n}",
    "d.hop": "hop",
    "d.hops": "hops",
    "d.from": "from",
    "d.client_address": "client address",
    "d.by": "by",
    "d.protocol": "protocol",
    "d.tls": "TLS",
    "d.time": "time",
    "d.received": "received",
    "d.delay": "delay",
    "d.first": "first",
    "d.last": "last",
    "d.note": "note",
    "d.result": "result",
    "d.disposition": "disposition",
    "d.policy_domain": "policy domain",
    "d.spf_aligned": "SPF aligned",
    "d.dkim_aligned": "DKIM aligned",
    "d.reason": "reason",
    "d.dkim": "DKIM",
    "d.domain": "domain",
    "d.selector": "selector",
    "d.algorithm": "algorithm",
    "d.aligned": "aligned",
    "d.key": "key",
    "d.signatures": "signatures",
    # detail values
    "v.mua": "mail client (MUA)",
    "v.submission_server": "submission server",
    "v.assumed_server": "assumed outbound server (sender's MX)",
    "v.forwarder": "forwarder of another organization (forwarding mailbox, mailing list, relay)",
    "v.submission_seen": "the sender's submission server, as the message shows it",
    "v.none": "(none)",
    "v.yes": "yes",
    "v.no": "no",
    "v.unknown": "unknown",
    "v.unknown_short": "?",
    "v.implicit_pref": "implicit (no MX record)",
    "v.spf_lookups": "{lookups}/{max}, void {void}/{max_void}",
    "v.unlisted_lookups": "{lookups}/{max} for an unlisted address",
    "v.ms": "{ms} ms",
}

Part = PartDict
#: translate(table, English template) -> the template in the UI language.
Translate = Callable[[str, str], str]


TEMPLATES.update(TRANSPORT_TEMPLATES)


def part(key: str, **params: ParamValue) -> Part:
    """One piece of route text: a template key of `TEMPLATES` and its parameters."""
    return {"key": key, "params": params}


def text(value: object) -> Part:
    """Text that is data (names, addresses, records): shown as it is. A reason that is a
    `sentences.Sentence` (a str) stays one, so the window can render it in its language."""
    return {"key": "text", "params": {"text": value if isinstance(value, str) else str(value)}}


def verdict_part(v: Verdict) -> Part:
    return {"key": v.template, "table": "verdict", "params": dict(v.params)}


def _param(value: ParamValue, translate: Translate | None) -> str:
    if isinstance(value, dict) and "key" in value:
        return render_part(value, translate)
    if isinstance(value, list):
        return " · ".join(_param(v, translate) for v in value)
    return str(value)


def render_part(p: Part, translate: Translate | None = None) -> str:
    """A part as text: English, or through `translate` (which the GUI backs with Qt's
    translations); English again when the translation does not fit the parameters."""
    table = str(p.get("table", "route"))
    key = str(p.get("key", ""))
    template = (VERDICT_TEMPLATES if table == "verdict" else TEMPLATES).get(key)
    raw = p.get("params") or {}
    if template is None:
        return str(raw.get("text", ""))
    params = {name: _param(value, translate) for name, value in raw.items()}
    english = template.format(**params)
    if translate is None:
        return english
    try:
        return translate(table, template).format(**params)
    except (KeyError, IndexError, ValueError):
        return english


def render_value(value: DetailValue, translate: Translate | None = None) -> RenderedValue:
    """A detail value: a part as text, a list of parts as a list of texts, a number as is."""
    if isinstance(value, dict) and "key" in value:
        return render_part(value, translate)
    if isinstance(value, list):
        return [render_value(v, translate) for v in value]
    return value


def _pending(result: Result) -> Part:
    """What a node whose lookup has not ended says: still resolving, or, once the analysis
    was cancelled, that it never will be."""
    return part("not_resolved.cancelled") if result.cancelled else part("resolving")


def _label(*lines: Part) -> LabelAttrs:
    """`label` and `label_parts` of a node or edge, one part per line."""
    return {"label": "\n".join(render_part(p) for p in lines), "label_parts": list(lines)}


def _details(*entries: tuple[Part, DetailValue]) -> DetailsAttrs:
    """`details` and `details_parts` from (name part, value) pairs."""
    data: DetailsAttrs = {"details": {}, "details_parts": []}
    for name, value in entries:
        _put(data, name, value)
    return data


def _put(data: DetailsAttrs, name: Part, value: DetailValue) -> None:
    """Set one detail (replacing one of the same name) in both forms."""
    english = render_part(name)
    entries = data.setdefault("details_parts", [])
    entry: DetailEntry = {"name": name, "value": value}
    for i, e in enumerate(entries):
        if render_part(e["name"]) == english:
            entries[i] = entry
            break
    else:
        entries.append(entry)
    data.setdefault("details", {})[english] = render_value(value)


def _add_node(g: RouteGraph, node: str, **attrs: Unpack[NodeAttrs]) -> None:
    """Add a node with its typed attributes (networkx's `add_node` takes them untyped)."""
    g.add_node(node, **attrs)


def _add_edge(g: RouteGraph, u: str, v: str, **attrs: Unpack[EdgeAttrs]) -> None:
    g.add_edge(u, v, **attrs)


NODE_W = 220.0
NODE_H = 64.0
DNS_H = 52.0
COL_GAP = 130.0
ROW_GAP = 26.0
DNS_ROW_Y = 0.0
ROUTE_TOP = DNS_H + 70.0
HOP_H = 78.0
LANE_GAP = 70.0
#: A run of more internal hops than this in the lane shows its first and last hop and one
#: "+N internal hops" node between them.
HOP_RUN_MAX = 4
#: Beyond this many nodes in the lane, the middle ones become one node (1,000 hops stay small).
LANE_MAX = 14
#: DKIM signatures drawn one node each; more become one "+N more" node.
DKIM_MAX = 6

_SPF_STATUS = {
    SpfResult.PASS: Status.PASS,
    SpfResult.FAIL: Status.FAIL,
    SpfResult.SOFTFAIL: Status.SOFTFAIL,
    SpfResult.NEUTRAL: Status.NEUTRAL,
    SpfResult.NONE: Status.NONE,
    SpfResult.PERMERROR: Status.ERROR,
    SpfResult.TEMPERROR: Status.ERROR,
}
# How bad a status is, for a sending host with several addresses.
_RANK = {
    Status.PASS: 0,
    Status.NEUTRAL: 1,
    Status.NONE: 2,
    Status.SOFTFAIL: 3,
    Status.UNKNOWN: 4,
    Status.ERROR: 5,
    Status.FAIL: 6,
}


def address_status(addr: SendingAddress) -> Status:
    if addr.spf is None:
        return Status.UNKNOWN
    return _SPF_STATUS[addr.spf.result]


def active_mx(mx: MxInfo, down: frozenset[str]) -> set[str]:
    """The node ids a sender tries first: the best preference group with a host up."""
    for _, group in mx.groups():
        up = [h for h in group if mx_node(h.host) not in down]
        if up:
            return {mx_node(h.host) for h in up}
    return set()


def build_route_graph(result: Result, *, down: frozenset[str] = frozenset()) -> RouteGraph:
    g: RouteGraph = nx.DiGraph()
    sender = result.sender_domain
    recipient = result.recipient_domain
    outcome = verdict(result, down)
    judged = judge(result, down)
    g.graph.update(
        title=f"{sender.unicode} → {recipient.unicode}",
        sender=result.inputs.sender,
        recipient=result.inputs.recipient,
        date=result.started_at,
        complete=result.complete,
        verdict=verdict_to_json(outcome),
    )
    sender_label = result.inputs.sender
    _add_node(
        g,
        "client",
        kind=NodeKind.CLIENT,
        **_label(part("client.title"), text(sender_label)),
        status=Status.NONE,
        **_details((part("d.sender"), text(sender.display)), (part("d.role"), part("v.mua"))),
        layer=0,
    )

    hosts = result.sending_hosts
    address_ids: list[str] = []
    address_status_by_id: dict[str, Status] = {}
    if hosts is None:
        _add_node(
            g,
            "sending:?",
            kind=NodeKind.SENDING_HOST,
            **_label(
                part("sending.title"),
                text(result.inputs.via) if result.inputs.via else _pending(result),
            ),
            status=Status.UNKNOWN,
            **_details(),
            layer=1,
        )
        _add_edge(
            g,
            "client",
            "sending:?",
            kind=EdgeKind.SUBMISSION,
            **_label(part("edge.submission")),
            status=Status.UNKNOWN,
        )
    else:
        for host in hosts:
            # A message names the server behind the handover address: show the name too.
            name = sending_host_name(result, host)
            named = name if name is not None and name != host.host else None
            _add_sending_host(g, host, sender.ascii, named, is_forwarder(result, host))
            for addr in host.addresses:
                node = address_node(addr.address)
                address_ids.append(node)
                address_status_by_id[node] = address_status(addr)

    # Recipient MX.
    mx = result.mx
    mx_ids: list[str] = []
    active: set[str] = set()
    if mx is None:
        _add_node(
            g,
            "mx:?",
            kind=NodeKind.MX,
            **_label(part("mx.of", domain=recipient.unicode), _pending(result)),
            status=Status.UNKNOWN,
            **_details(),
            layer=3,
            preference=0,
            role="primary",
            down=False,
            active=True,
        )
        mx_ids.append("mx:?")
        active = {"mx:?"}
    elif mx.kind in ("explicit", "implicit"):
        active = active_mx(mx, down)
        first_group = mx.hosts[0].preference if mx.hosts else None
        for mx_host in mx.hosts:
            node = mx_node(mx_host.host)
            mx_ids.append(node)
            _add_node(
                g,
                node,
                kind=NodeKind.MX,
                **_mx_label(mx_host, mx.kind),
                status=_mx_status(mx_host),
                **_mx_details(mx_host, mx.kind),
                layer=3,
                preference=mx_host.preference,
                role="primary" if mx_host.preference == first_group else "fallback",
                down=node in down,
                active=node in active,
            )
    else:
        node = "mx:none"
        lines = {
            "null": [text(recipient.unicode), part("mx.null")],
            "none": [text(recipient.unicode), part("mx.none")],
            "error": [part("mx.of", domain=recipient.unicode), part("lookup.failed")],
        }[mx.kind]
        if outcome.code == "nxdomain" and "recipient" in outcome.template:
            lines = [text(recipient.unicode), part("mx.nxdomain")]
        elif mx.kind == "error" and mx.stray_null:
            lines = [
                part("mx.of", domain=recipient.unicode),
                part("mx.broken_null", pref=mx.stray_null[0]),
            ]
        elif mx.kind == "error" and mx.lookup is not None and mx.lookup.outcome != "ok":
            lines.append(text(_failure(mx.lookup, *mx.implicit_lookups)))
        _add_node(
            g,
            node,
            kind=NodeKind.MX,
            **_label(*lines),
            status=Status.FAIL if mx.kind in ("null", "none") else Status.ERROR,
            **_details((part("d.mx"), text(mx.error or mx.kind))),
            layer=3,
            preference=0,
            role="primary",
            down=False,
            active=False,
        )
        mx_ids.append(node)

    # Edges from each sending address to each MX host: the SMTP hop, one per path of the
    # receiver model. Its marker is that path's disposition; an address family the MX host
    # has no address for draws no edge (the host is unreachable from that address).
    paths = {(p.address, p.mx): p for p in judged.paths}
    sources = address_ids or [n for n in g.nodes if g.nodes[n]["kind"] == "sending_host"]
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
            _add_edge(
                g,
                src,
                dst,
                kind=EdgeKind.SMTP,
                **_label(label),
                status=status,
                active=is_active,
            )
            lock = edge_transport(result.transport, dst.removeprefix("mx:"))
            if lock is not None:
                g.edges[src, dst]["transport"] = lock
    _path_markers(g, judged, address_ids, mx_ids, down)
    subject = outcome.subject
    if subject is not None and subject in mx_ids and outcome.culprits:
        _put(g.nodes[subject], part("d.verdict"), verdict_part(outcome))
    if outcome.code == "queued" and subject is not None and subject in g.nodes:
        g.nodes[subject]["status"] = outcome.status
        _put(g.nodes[subject], part("d.verdict"), verdict_part(outcome))

    # The mailbox: the verdict of the active route.
    mailbox_label = result.recipient_local and f"{result.recipient_local}@{recipient.unicode}"
    _add_node(
        g,
        "mailbox",
        kind=NodeKind.MAILBOX,
        **_label(part("mailbox.title"), text(mailbox_label or recipient.unicode)),
        status=outcome.status,
        **_details((part("d.verdict"), verdict_part(outcome))),
        layer=4,
    )
    for dst in mx_ids:
        if dst == "mx:none" and mx is not None and mx.kind != "error":
            continue  # no MX, null MX, no such domain: nothing reaches the mailbox
        if dst != "mx:none" and result.transport is not None and result.transport.checked:
            key, basis = transport_detail(result.transport, dst.removeprefix("mx:"))
            _put(g.nodes[dst], part("d.transport"), part(key, basis=basis))
        through = [p for p in judged.paths if p.mx == dst.removeprefix("mx:") and p.reachable]
        if dst in down:
            status = Status.NONE
        elif through:
            status = _worst_marker(through)
        else:
            status = outcome.status
        _add_edge(
            g,
            dst,
            "mailbox",
            kind=EdgeKind.DELIVERY,
            **_label(part("edge.delivery")),
            status=status,
            active=dst in active,
        )

    _add_dns_nodes(g, result, mx_ids, active)
    if result.message is not None:
        _add_message(g, result.message, mx_ids, active)
    _layout(g)
    return g


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
    for node in [n for n in g.nodes if g.nodes[n].get("kind") in ("sending_host", "forwarder")]:
        statuses = [g.nodes[s]["status"] for s in g.successors(node) if s in address_ids]
        if statuses:
            g.nodes[node]["status"] = max(statuses, key=lambda s: _RANK[Status(s)])
    for node in mx_ids:
        if node in down:
            g.nodes[node]["status"] = Status.NONE
            continue
        through = [p for p in judged.paths if p.mx == node.removeprefix("mx:") and p.reachable]
        if through and g.nodes[node]["status"] in (Status.PASS.value, Status.NEUTRAL.value):
            g.nodes[node]["status"] = _worst_marker(through)


def _add_sending_host(
    g: RouteGraph,
    host: SendingHostInfo,
    sender: str,
    named: str | None = None,
    forwarder: bool = False,
) -> None:
    """The sending host and its addresses. A forwarder (`forwarder`, from a received message)
    is drawn as such, kind "forwarder": the mail client's submission edge then goes to the
    sender's own submission server, which `_add_message` draws before it."""
    node = host_node(host.host)
    statuses = [address_status(a) for a in host.addresses]
    if host.error and not host.addresses:
        status = Status.ERROR
    elif not statuses:
        status = Status.UNKNOWN
    else:
        status = max(statuses, key=lambda s: _RANK[s])
    role = part(
        "v.forwarder"
        if forwarder
        else "v.assumed_server"
        if host.assumed
        else "v.submission_server"
    )
    details = _details((part("d.role"), role), (part("d.host"), text(host.host)))
    if host.addresses:
        _put(details, part("d.addresses"), [text(a.address) for a in host.addresses])
    for lookup in host.lookups:
        _put(details, part("d.lookup", rdtype=lookup.rdtype), text(_lookup_text(lookup)))
    if host.error:
        _put(details, part("d.error"), text(host.error))
    title = (
        "sending.forwarder"
        if forwarder
        else "sending.assumed"
        if host.assumed
        else "sending.submission"
    )
    _add_node(
        g,
        node,
        kind=NodeKind.FORWARDER if forwarder else NodeKind.SENDING_HOST,
        **_label(part(title), text(f"{named} [{host.host}]" if named else host.host)),
        status=status,
        **details,
        layer=1,
    )
    if not forwarder:
        _add_edge(
            g,
            "client",
            node,
            kind=EdgeKind.SUBMISSION,
            **_label(part("edge.submission_auth")),
            status=Status.NONE,
            active=True,
        )
    for addr in host.addresses:
        anode = address_node(addr.address)
        st = address_status(addr)
        spf_text = addr.spf.result.value if addr.spf else "…"
        fcrdns = {True: "address.fcrdns_ok", False: "address.fcrdns_fails", None: ""}[addr.fcrdns]
        adetails = _details(
            (part("d.address"), text(addr.address)),
            (part("d.family"), part("edge.family", family=addr.family)),
            (part("d.spf_for", domain=sender), text(spf_text)),
            (part("d.ptr"), [text(p) for p in addr.ptr] or part("v.none")),
            (part("d.fcrdns"), part(_YES_NO[addr.fcrdns])),
        )
        if addr.spf is not None:
            _put(adetails, part("d.spf_record"), _or_none(addr.spf.record))
            _put(
                adetails,
                part("d.spf_lookups"),
                part(
                    "v.spf_lookups",
                    lookups=addr.spf.lookups,
                    max=MAX_LOOKUPS,
                    void=addr.spf.void_lookups,
                    max_void=MAX_VOID_LOOKUPS,
                ),
            )
            if addr.spf.trace.error:
                _put(adetails, part("d.spf_error"), text(addr.spf.trace.error))
        if addr.ptr_lookup is not None:
            _put(adetails, part("d.lookup", rdtype="PTR"), text(_lookup_text(addr.ptr_lookup)))
        spf_line = part("address.spf", result=spf_text)
        _add_node(
            g,
            anode,
            kind=NodeKind.SENDING_ADDRESS,
            **_label(
                part("address.title", family=addr.family, address=addr.address),
                part("join", items=[spf_line, part(fcrdns)]) if fcrdns else spf_line,
            ),
            status=st,
            **adetails,
            layer=2,
            family=addr.family,
        )
        _add_edge(
            g,
            node,
            anode,
            kind=EdgeKind.SOURCE,
            **_label(part("edge.family", family=addr.family)),
            status=st,
            active=True,
        )


def _lookup_text(lookup: LookupStatus) -> str:
    text = str(lookup.outcome)
    if lookup.records:
        text = "; ".join(lookup.records)
    if lookup.detail:
        text += f" ({lookup.detail})"
    if lookup.elapsed:
        text += f" [{lookup.elapsed * 1000:.0f} ms]"
    if lookup.ttl is not None:
        text += f" (TTL {lookup.ttl} s)"
    return text


def _put_ttl(data: DetailsAttrs, *lookups: LookupStatus | QueryUse) -> None:
    """The "ttl" detail (seconds) of the first lookup that reported one."""
    for lookup in lookups:
        if lookup.ttl is not None:
            _put(data, part("d.ttl"), int(lookup.ttl))
            return


_YES_NO = {True: "v.yes", False: "v.no", None: "v.unknown"}


def _or_none(value: object) -> Part:
    return text(value) if value else part("v.none")


def _mx_label(host: MxHost, kind: str) -> LabelAttrs:
    pref = part("mx.implicit") if kind == "implicit" else part("mx.pref", pref=host.preference)
    return _label(pref, text(host.host))


def _mx_status(host: MxHost) -> Status:
    if host.ip_literal:
        return Status.ERROR
    if not host.address_lookups:
        return Status.UNKNOWN
    if host.addresses:
        return Status.PASS if not host.cname else Status.NEUTRAL
    # No address: no path goes through it (the mail is queued for it, or bounces when no MX
    # host has one: the mailbox says so), so its marker is "error", never the refusal's red.
    return Status.ERROR


def _mx_details(host: MxHost, kind: str) -> DetailsAttrs:
    details = _details(
        (part("d.host"), text(host.host)),
        (
            part("d.preference"),
            text(host.preference) if kind == "explicit" else part("v.implicit_pref"),
        ),
        (part("d.addresses"), [text(a) for a in host.addresses] or part("v.none")),
    )
    if host.cname:
        _put(details, part("d.cname"), text(host.cname))
    for lookup in host.address_lookups:
        _put(details, part("d.lookup", rdtype=lookup.rdtype), text(_lookup_text(lookup)))
    return details


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


def _failure(*lookups: LookupStatus) -> str:
    """The first failed lookup's outcome in DNS terms (TIMEOUT, SERVFAIL...), or ""."""
    for lookup in lookups:
        if lookup.outcome not in ("ok", "nodata", "nxdomain"):
            return lookup.outcome.upper()
    return ""


def _add_dns_nodes(g: RouteGraph, result: Result, mx_ids: list[str], active: set[str]) -> None:
    recipient = result.recipient_domain.ascii
    sender = result.sender_domain.ascii
    mx = result.mx
    mx_status = Status.UNKNOWN
    if mx is not None:
        mx_status = {
            "explicit": Status.PASS,
            "implicit": Status.NEUTRAL,
            "null": Status.FAIL,
            "none": Status.FAIL,
            "error": Status.ERROR,
        }[mx.kind]
    mx_details = _details((part("d.question"), text(f"{recipient} MX")))
    if mx is not None and mx.lookup is not None:
        answer = [text(r) for r in mx.lookup.records] or text(mx.lookup.outcome)
        _put(mx_details, part("d.answer"), answer)
        _put(mx_details, part("d.timing"), part("v.ms", ms=f"{mx.lookup.elapsed * 1000:.0f}"))
        _put_ttl(mx_details, mx.lookup)
    _add_node(
        g,
        "dns:mx",
        kind=NodeKind.DNS,
        **_label(part("dns.mx", domain=recipient)),
        status=mx_status,
        **mx_details,
        layer=2,
    )
    # The sending server asks for the MX (between its addresses and the MX hosts).
    first_sender = next((n for n in g.nodes if g.nodes[n]["kind"] == "sending_host"), "client")
    _add_edge(
        g,
        "dns:mx",
        first_sender,
        kind=EdgeKind.DNS,
        **_label(part("edge.mx_lookup")),
        status=mx_status,
    )

    audit = result.spf_audit
    failed = ""
    spf_status = Status.UNKNOWN
    spf_details = _details((part("d.question"), text(f"{sender} TXT (SPF)")))
    if audit is not None:
        failed = _failure(*(_as_status(q) for q in audit.tree.record_queries))
        if audit.record is None:
            spf_status = Status.ERROR if audit.error else Status.NONE
        elif audit.error or audit.lookups > MAX_LOOKUPS:
            spf_status = Status.ERROR
        else:
            spf_status = Status.PASS
        record = (
            text(audit.record)
            if audit.record
            else part("lookup.failed_with", failure=failed)
            if failed
            else part("v.none")
        )
        _put(spf_details, part("d.record"), record)
        _put(
            spf_details,
            part("d.lookups"),
            part("v.unlisted_lookups", lookups=audit.lookups, max=MAX_LOOKUPS),
        )
        _put(spf_details, part("d.void_lookups"), text(audit.void_text()))
        if audit.error:
            _put(spf_details, part("d.error"), text(audit.error))
        _put_ttl(spf_details, *audit.tree.record_queries)
    spf_lines = [part("dns.spf", domain=sender)]
    if audit is not None and audit.record is None and failed:
        spf_lines.append(part("lookup.failed_with", failure=failed))
    _add_node(
        g,
        "dns:spf",
        kind=NodeKind.DNS,
        **_label(*spf_lines),
        status=spf_status,
        **spf_details,
        layer=3,
    )
    dm = result.dmarc
    dm_status = Status.UNKNOWN
    dm_details = _details((part("d.question"), text(f"_dmarc.{sender} TXT")))
    if dm is not None:
        policy = effective_policy(dm)
        if dm.error:
            dm_status = Status.ERROR
        elif dm.record is None:
            dm_status = Status.NONE
        else:
            dm_status = Status.PASS if policy in ("quarantine", "reject") else Status.NEUTRAL
        _put(dm_details, part("d.record"), _or_none(dm.record))
        if dm.record is not None:
            _put(dm_details, part("d.found_at"), text(f"_dmarc.{dm.domain}"))
        else:  # no record applies: where the tree walk looked, never "found at"
            places = dm.walk or (dm.domain,)
            _put(
                dm_details, part("d.looked_for_at"), text(", ".join(f"_dmarc.{n}" for n in places))
            )
        if policy:
            _put(dm_details, part("d.policy"), text(policy))
        if dm.error:
            _put(dm_details, part("d.error"), text(dm.error))
        _put_ttl(dm_details, *reversed(dm.lookups))
    _add_node(
        g,
        "dns:dmarc",
        kind=NodeKind.DNS,
        **_label(part("dns.dmarc", domain=sender)),
        status=dm_status,
        **dm_details,
        layer=4,
    )
    # The receiving server asks for the sender's SPF and DMARC.
    target = sorted(active)[0] if active else (mx_ids[0] if mx_ids else "mailbox")
    _add_edge(
        g,
        "dns:spf",
        target,
        kind=EdgeKind.DNS,
        **_label(part("edge.spf_check")),
        status=spf_status,
    )
    _add_edge(
        g,
        "dns:dmarc",
        target,
        kind=EdgeKind.DNS,
        **_label(part("edge.dmarc_check")),
        status=dm_status,
    )


def _as_status(q: QueryUse) -> LookupStatus:
    return LookupStatus(q.name, q.rdtype, q.outcome, q.records, q.detail, ttl=q.ttl)


def _layout(g: RouteGraph) -> None:
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


def graph_to_json(g: RouteGraph) -> JsonObject:
    """networkx node-link data, JSON-safe."""
    # node_link_data's stub wants plain dict attributes; ours are those dicts, typed.
    data: JsonObject = nx.node_link_data(cast("nx.DiGraph[str]", g), edges="links")
    return data


# ---------------------------------------------------------------- the received message

_ROUTE_EDGES = frozenset({"submission", "source", "smtp", "delivery"})
_DKIM_STATUS = {
    "pass": Status.PASS,
    "fail": Status.FAIL,
    "neutral": Status.NEUTRAL,
    "temperror": Status.ERROR,
    "permerror": Status.ERROR,
}
_DMARC_STATUS = {
    "pass": Status.PASS,
    "fail": Status.FAIL,
    "none": Status.NONE,
    "temperror": Status.ERROR,
    "permerror": Status.ERROR,
}


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
        elif data["kind"] in ("sending_host", "forwarder") and data["details"].get("host"):
            by_host[str(data["details"]["host"]).lower()] = node
    return by_address, by_host


def _host_of(g: RouteGraph, node: str) -> str:
    """The sending host (or forwarder) node an address node belongs to; `node` itself else."""
    if g.nodes[node]["kind"] != "sending_address":
        return node
    for pred in g.predecessors(node):
        if g.nodes[pred]["kind"] in ("sending_host", "forwarder"):
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
    (which `_add_sending_host` drew as kind "forwarder"), reached by the mail client's
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
    details = _details(
        (part("d.role"), part("v.submission_seen")),
        (part("d.host"), text(host)),
    )
    if submission.address:
        _put(details, part("d.addresses"), [text(submission.address)])
    _add_node(
        g,
        node,
        kind=NodeKind.SENDING_HOST,
        **_label(
            part("sending.submission"),
            text(f"{host} [{submission.address}]" if submission.address else host),
        ),
        status=Status.NONE,
        **details,
        layer=1,
    )
    _add_edge(
        g,
        "client",
        node,
        kind=EdgeKind.SUBMISSION,
        **_label(part("edge.submission_auth")),
        status=Status.NONE,
        active=True,
    )
    _add_edge(
        g,
        node,
        forwarder,
        kind=EdgeKind.SMTP,
        **_label(part("edge.smtp")),
        status=Status.NONE,
        active=True,
    )
    _put(g.nodes[forwarder], part("d.note"), part("hop.forwarded"))
    return 1


def _add_message(g: RouteGraph, info: MessageInfo, mx_ids: list[str], active: set[str]) -> None:
    hops = info.parsed.hops
    handover = info.parsed.handover
    unexpected = set(info.unexpected_hops)
    shift = _add_forwarding(g, info)
    places, receiver = _hop_places(g, info, mx_ids, active)

    # Each hop on a predicted node is one detail line: when several happen on one node, each
    # says which it is ("1 of 2 here") beside its own time.
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
            _put(data, part("d.hop_n", n=index + 1), summary)
        if "hops" in data:
            data["hops"].sort()

    # The lane: hops drawn apart, in the column nearest where they happen.
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

    # The path the message took, oldest hop first.
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
            _add_edge(
                g,
                last,
                node,
                kind=EdgeKind.ACTUAL,
                **_label(label),
                status=status,
                active=True,
                actual=True,
                hops=[] if step is None else [step],
            )
        last = node

    _add_auth_nodes(g, info, 5 + shift)


def _number(n: int) -> str:
    """A hop number as people read it (1,493), the same in both languages."""
    return f"{n:,}"


def _hops_count_part(count: int, flagged: int) -> Part:
    """How many hops a collapsed node holds: all of them, "internal" only when none of them
    is off the predicted route (hops off it are not the receiver's internal ones)."""
    if flagged == 0:
        return part("hops.internal", count=_number(count))
    if flagged == count:
        return part("hops.count", count=_number(count))
    return part("hops.internal", count=_number(count - flagged))


def _add_hop_node(
    g: RouteGraph,
    info: MessageInfo,
    item: list[int],
    unexpected: set[int],
    column: int,
    handover: Handover | None,
) -> str:
    hops = info.parsed.hops
    flagged = [i for i in item if i in unexpected]
    if len(item) == 1:
        index = item[0]
        hop = hops[index]
        node = f"hop:{index}"
        lines = [
            part("hop.title", n=_number(index + 1)),
            part("hop.by", host=hop.by) if hop.by else part("hop.unparsed"),
            part("join", items=_hop_line(hop)),
        ]

        def known(value: object) -> Part:
            return text(value) if value else part("v.unknown_short")

        details = _details(
            (part("d.hop"), part("hop.of", n=_number(index + 1), total=_number(len(hops)))),
            (part("d.from"), known(hop.from_name or hop.helo)),
            (part("d.client_address"), known(hop.from_address)),
            (part("d.by"), known(hop.by)),
            (part("d.protocol"), known(hop.protocol)),
            (part("d.tls"), part(_YES_NO[hop.tls])),
            (part("d.time"), known(hop.time)),
            (part("d.received"), text(hop.raw)),
        )
        if hop.delay_s is not None:
            _put(details, part("d.delay"), part("hop.delay", delay=f"{round(hop.delay_s):+d}"))
        if handover is not None and index == handover.hop:
            _put(details, part("d.role"), part("hop.handover"))
    else:
        node = f"hops:{item[0]}-{item[-1]}"
        first, last = hops[item[0]], hops[item[-1]]
        lines = [
            part("hops.title", first=_number(item[0] + 1), last=_number(item[-1] + 1)),
            _hops_count_part(len(item), len(flagged)),
        ]
        times = list(dict.fromkeys(t for t in (hop_time(first), hop_time(last)) if t))
        if len(times) == 2:
            lines.append(part("hops.times", first=times[0], last=times[1]))
        elif times:
            lines.append(text(times[0]))
        details = _details(
            (
                part("d.hops"),
                part(
                    "hops.of",
                    first=_number(item[0] + 1),
                    last=_number(item[-1] + 1),
                    total=_number(len(hops)),
                ),
            ),
            (part("d.first"), _hop_summary_part(first)),
            (part("d.last"), _hop_summary_part(last)),
        )
    status = Status.SOFTFAIL if flagged else Status.NONE
    if flagged:
        lines.append(part("hop.unexpected"))
        note = (
            part("hop.unexpected_count", count=_number(len(flagged)))
            if len(item) > 1
            else part("hop.unexpected")
        )
        _put(details, part("d.note"), note)
    _add_node(
        g,
        node,
        kind=NodeKind.HOP,
        **_label(*lines),
        status=status,
        **details,
        layer=column,
        hops=list(item),
        unexpected=bool(flagged),
    )
    return node


def _add_auth_nodes(g: RouteGraph, info: MessageInfo, layer: int = 5) -> None:
    """DKIM signatures and DMARC's result, right of the mailbox (in column `layer`)."""
    dm = info.dmarc_result
    if dm is not None:
        status = _DMARC_STATUS.get(dm.result, Status.UNKNOWN)
        if dm.result == "fail" and dm.disposition == "none":
            status = Status.SOFTFAIL
        details = _details(
            (part("d.result"), text(dm.result)),
            (part("d.disposition"), text(dm.disposition)),
            (part("d.policy_domain"), _or_none(dm.policy_domain)),
            (part("d.spf_aligned"), part(_YES_NO[bool(dm.spf_aligned)])),
            (part("d.dkim_aligned"), part(_YES_NO[bool(dm.dkim_aligned)])),
            (part("d.reason"), text(dm.reason) if isinstance(dm.reason, str) else dm.reason),
        )
        label = _label(
            part("dmarc.result", result=dm.result),
            part("dmarc.disposition", disposition=dm.disposition),
        )
    else:
        status = Status.UNKNOWN
        label = _label(part("dmarc.title"), part("dmarc.not_evaluated"))
        details = _details()
    _add_node(g, "dmarc:result", kind=NodeKind.DMARC, **label, status=status, **details)
    g.nodes["dmarc:result"]["layer"] = layer
    _add_edge(g, "mailbox", "dmarc:result", kind=EdgeKind.AUTH, **_label(), status=status)

    signatures = list(info.dkim)
    if not signatures:
        failing = dm is not None and dm.result == "fail"
        status = Status.FAIL if failing else Status.NONE
        _add_node(
            g,
            "dkim:none",
            kind=NodeKind.DKIM,
            **_label(part("dkim.none"), part("dkim.no_signature")),
            status=status,
            **_details((part("d.dkim"), part("dkim.no_signature_long"))),
            layer=layer,
            index=0,
        )
        _add_edge(
            g,
            "mailbox",
            "dkim:none",
            kind=EdgeKind.AUTH,
            **_label(),
            status=status,
        )
        return
    for n, sig in enumerate(signatures[:DKIM_MAX]):
        status = _DKIM_STATUS.get(sig.result, Status.UNKNOWN)
        items = [text(sig.result), part("dkim.aligned" if sig.aligned else "dkim.not_aligned")]
        if sig.key_bits:
            items.append(part("dkim.bits", bits=sig.key_bits))
        details = _details(
            (part("d.domain"), _or_none(sig.domain)),
            (part("d.selector"), _or_none(sig.selector)),
            (part("d.algorithm"), _or_none(sig.algorithm)),
            (part("d.result"), text(sig.result)),
            (part("d.aligned"), part(_YES_NO[bool(sig.aligned)])),
        )
        if sig.reason:
            _put(details, part("d.reason"), text(sig.reason))
        if sig.key_bits:
            key = (
                part("dkim.key", type=sig.key_type, bits=sig.key_bits)
                if sig.key_type
                else part("dkim.bits", bits=sig.key_bits)
            )
            _put(details, part("d.key"), key)
        node = f"dkim:{n}"
        _add_node(
            g,
            node,
            kind=NodeKind.DKIM,
            **_label(
                part("dkim.signature", domain=sig.domain or "?", selector=sig.selector or "?"),
                part("join", items=items),
            ),
            status=status,
            **details,
            layer=layer,
            index=n,
        )
        _add_edge(g, "mailbox", node, kind=EdgeKind.AUTH, **_label(), status=status)
    if len(signatures) > DKIM_MAX:
        rest = signatures[DKIM_MAX:]
        worst = max(
            (_DKIM_STATUS.get(s.result, Status.UNKNOWN) for s in rest), key=lambda s: _RANK[s]
        )
        _add_node(
            g,
            "dkim:more",
            kind=NodeKind.DKIM,
            **_label(part("dkim.title"), part("dkim.more", count=len(rest))),
            status=worst,
            **_details(
                (
                    part("d.signatures"),
                    [
                        part(
                            "dkim.summary",
                            domain=s.domain,
                            selector=s.selector,
                            result=s.result,
                        )
                        for s in rest
                    ],
                )
            ),
            layer=layer,
            index=DKIM_MAX,
        )
        _add_edge(g, "mailbox", "dkim:more", kind=EdgeKind.AUTH, **_label(), status=worst)
