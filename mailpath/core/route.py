"""The delivery route as a graph, with its layout: one pure function of a Result.

Nodes, left to right: the sender's client -> the sending host -> each of its addresses ->
the recipient's MX hosts in preference order -> the recipient's mailbox; above them the DNS
lookups the route depends on (the sending server's MX lookup, the receiving server's SPF and
DMARC lookups). Every renderer (GUI, PNG/SVG export, JSON) reads the same attributes:

node: kind, label, status, details, layer, x, y, w, h  (+ mx: preference, role, down, active)
edge: kind, label, status, active
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from mailpath.core.dmarc import effective_policy
from mailpath.core.findings import address_node, host_node, mx_node
from mailpath.core.model import (
    LookupStatus,
    MxHost,
    MxInfo,
    Result,
    SendingAddress,
    SendingHostInfo,
    Status,
)
from mailpath.core.spf import MAX_LOOKUPS, MAX_VOID_LOOKUPS, SpfResult
from mailpath.core.verdict import Verdict, verdict

NODE_W = 220.0
NODE_H = 64.0
DNS_H = 52.0
COL_GAP = 130.0
ROW_GAP = 26.0
DNS_ROW_Y = 0.0
ROUTE_TOP = DNS_H + 70.0

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


def build_route_graph(result: Result, *, down: frozenset[str] = frozenset()) -> nx.DiGraph:
    g = nx.DiGraph()
    sender = result.sender_domain
    recipient = result.recipient_domain
    outcome = verdict(result, down)
    g.graph.update(
        title=f"{sender.unicode} → {recipient.unicode}",
        sender=result.inputs.sender,
        recipient=result.inputs.recipient,
        date=result.started_at,
        complete=result.complete,
        verdict=verdict_to_json(outcome),
    )
    sender_label = result.inputs.sender
    g.add_node(
        "client",
        kind="client",
        label=f"Sender's PC\n{sender_label}",
        status=Status.NONE.value,
        details={"sender": sender.display, "role": "mail client (MUA)"},
        layer=0,
    )

    hosts = result.sending_hosts
    address_ids: list[str] = []
    address_status_by_id: dict[str, Status] = {}
    if hosts is None:
        g.add_node(
            "sending:?",
            kind="sending_host",
            label=f"Sending server\n{result.inputs.via or 'resolving…'}",
            status=Status.UNKNOWN.value,
            details={},
            layer=1,
        )
        g.add_edge("client", "sending:?", kind="submission", label="submission", status="unknown")
    else:
        for host in hosts:
            _add_sending_host(g, host, sender.ascii)
            for addr in host.addresses:
                node = address_node(addr.address)
                address_ids.append(node)
                address_status_by_id[node] = address_status(addr)

    # Recipient MX.
    mx = result.mx
    mx_ids: list[str] = []
    active: set[str] = set()
    if mx is None:
        g.add_node(
            "mx:?",
            kind="mx",
            label=f"MX of {recipient.unicode}\nresolving…",
            status=Status.UNKNOWN.value,
            details={},
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
            g.add_node(
                node,
                kind="mx",
                label=_mx_label(mx_host, mx.kind),
                status=_mx_status(mx_host).value,
                details=_mx_details(mx_host, mx.kind),
                layer=3,
                preference=mx_host.preference,
                role="primary" if mx_host.preference == first_group else "fallback",
                down=node in down,
                active=node in active,
            )
    else:
        node = "mx:none"
        label = {
            "null": f"{recipient.unicode}\nnull MX: accepts no mail",
            "none": f"{recipient.unicode}\nno MX, no address",
            "error": f"MX of {recipient.unicode}\nlookup failed",
        }[mx.kind]
        if outcome.code == "nxdomain" and "recipient" in outcome.template:
            label = f"{recipient.unicode}\ndoes not exist (NXDOMAIN)"
        elif mx.kind == "error" and mx.stray_null:
            label = f"MX of {recipient.unicode}\nbroken null MX ({mx.stray_null[0]} .)"
        elif mx.kind == "error" and mx.lookup is not None and mx.lookup.outcome != "ok":
            label += f"\n{_failure(mx.lookup, *mx.implicit_lookups)}"
        g.add_node(
            node,
            kind="mx",
            label=label,
            status=(Status.FAIL if mx.kind in ("null", "none") else Status.ERROR).value,
            details={"MX": mx.error or mx.kind},
            layer=3,
            preference=0,
            role="primary",
            down=False,
            active=False,
        )
        mx_ids.append(node)

    # Edges from each sending address to each MX host: the SMTP hop. The hop into the MX
    # that judges the mail carries the verdict's marker for the addresses it is about.
    sources = address_ids or [n for n in g.nodes if g.nodes[n]["kind"] == "sending_host"]
    for src in sources:
        spf_status = address_status_by_id.get(src, Status.UNKNOWN)
        for dst in mx_ids:
            pref = g.nodes[dst].get("preference", 0)
            is_active = dst in active
            label = f"SMTP :25 · pref {pref}" if mx and mx.kind != "implicit" else "SMTP :25"
            status = spf_status.value if g.nodes[dst]["status"] != "fail" else "fail"
            if dst == outcome.subject and src in outcome.culprits:
                status = outcome.status.value
            g.add_edge(src, dst, kind="smtp", label=label, status=status, active=is_active)
    if outcome.subject in mx_ids and outcome.culprits:
        # The receiving MX flags or refuses the mail: its node says so.
        g.nodes[outcome.subject]["status"] = outcome.status.value
        g.nodes[outcome.subject]["details"]["verdict"] = outcome.message
    if outcome.code == "queued" and outcome.subject in g.nodes:
        g.nodes[outcome.subject]["status"] = outcome.status.value
        g.nodes[outcome.subject]["details"]["verdict"] = outcome.message

    # The mailbox: the verdict of the active route.
    mailbox_label = result.recipient_local and f"{result.recipient_local}@{recipient.unicode}"
    g.add_node(
        "mailbox",
        kind="mailbox",
        label=f"Mailbox\n{mailbox_label or recipient.unicode}",
        status=outcome.status.value,
        details={"verdict": outcome.message},
        layer=4,
    )
    for dst in mx_ids:
        if dst == "mx:none" and mx is not None and mx.kind != "error":
            continue  # no MX, null MX, no such domain: nothing reaches the mailbox
        g.add_edge(
            dst,
            "mailbox",
            kind="delivery",
            label="delivery",
            status=outcome.status.value,
            active=dst in active,
        )

    _add_dns_nodes(g, result, mx_ids, active)
    _layout(g)
    return g


def _add_sending_host(g: nx.DiGraph, host: SendingHostInfo, sender: str) -> None:
    node = host_node(host.host)
    statuses = [address_status(a) for a in host.addresses]
    if host.error and not host.addresses:
        status = Status.ERROR
    elif not statuses:
        status = Status.UNKNOWN
    else:
        status = max(statuses, key=lambda s: _RANK[s])
    role = "assumed outbound server (sender's MX)" if host.assumed else "submission server"
    details: dict[str, Any] = {"role": role, "host": host.host}
    if host.addresses:
        details["addresses"] = [a.address for a in host.addresses]
    for lookup in host.lookups:
        details[f"{lookup.rdtype} lookup"] = _lookup_text(lookup)
    if host.error:
        details["error"] = host.error
    g.add_node(
        node,
        kind="sending_host",
        label=f"{'Assumed sender' if host.assumed else 'Submission server'}\n{host.host}",
        status=status.value,
        details=details,
        layer=1,
    )
    g.add_edge(
        "client",
        node,
        kind="submission",
        label="submission :587 (SMTP AUTH)",
        status=Status.NONE.value,
        active=True,
    )
    for addr in host.addresses:
        anode = address_node(addr.address)
        st = address_status(addr)
        spf_text = addr.spf.result.value if addr.spf else "…"
        fcrdns = {True: "FCrDNS ok", False: "FCrDNS fails", None: ""}[addr.fcrdns]
        adetails: dict[str, Any] = {
            "address": addr.address,
            "family": f"IPv{addr.family}",
            f"SPF for {sender}": spf_text,
            "PTR": list(addr.ptr) or "(none)",
            "FCrDNS": {True: "yes", False: "no", None: "unknown"}[addr.fcrdns],
        }
        if addr.spf is not None:
            adetails["SPF record"] = addr.spf.record or "(none)"
            adetails["SPF lookups"] = (
                f"{addr.spf.lookups}/{MAX_LOOKUPS}, void {addr.spf.void_lookups}/{MAX_VOID_LOOKUPS}"
            )
            if addr.spf.trace.error:
                adetails["SPF error"] = addr.spf.trace.error
        if addr.ptr_lookup is not None:
            adetails["PTR lookup"] = _lookup_text(addr.ptr_lookup)
        g.add_node(
            anode,
            kind="sending_address",
            label=f"IPv{addr.family} {addr.address}\nSPF {spf_text}"
            + (f" · {fcrdns}" if fcrdns else ""),
            status=st.value,
            details=adetails,
            layer=2,
            family=addr.family,
        )
        g.add_edge(
            node,
            anode,
            kind="source",
            label=f"IPv{addr.family}",
            status=st.value,
            active=True,
        )


def _lookup_text(lookup: Any) -> str:
    text = lookup.outcome
    if lookup.records:
        text = "; ".join(lookup.records)
    if lookup.detail:
        text += f" ({lookup.detail})"
    if lookup.elapsed:
        text += f" [{lookup.elapsed * 1000:.0f} ms]"
    if getattr(lookup, "ttl", None) is not None:
        text += f" (TTL {lookup.ttl} s)"
    return str(text)


def _ttl(*lookups: Any) -> dict[str, int]:
    """`{"ttl": seconds}` of the first lookup that reported one (the graph details' TTL)."""
    for lookup in lookups:
        if getattr(lookup, "ttl", None) is not None:
            return {"ttl": int(lookup.ttl)}
    return {}


def _mx_label(host: MxHost, kind: str) -> str:
    pref = "implicit MX" if kind == "implicit" else f"MX {host.preference}"
    return f"{pref}\n{host.host}"


def _mx_status(host: MxHost) -> Status:
    if host.ip_literal:
        return Status.ERROR
    if not host.address_lookups:
        return Status.UNKNOWN
    if host.addresses:
        return Status.PASS if not host.cname else Status.NEUTRAL
    failed = [s for s in host.address_lookups if s.outcome not in ("ok", "nodata", "nxdomain")]
    return Status.ERROR if failed else Status.FAIL


def _mx_details(host: MxHost, kind: str) -> dict[str, Any]:
    details: dict[str, Any] = {
        "host": host.host,
        "preference": str(host.preference) if kind == "explicit" else "implicit (no MX record)",
        "addresses": list(host.addresses) or "(none)",
    }
    if host.cname:
        details["CNAME"] = host.cname
    for lookup in host.address_lookups:
        details[f"{lookup.rdtype} lookup"] = _lookup_text(lookup)
    return details


def verdict_to_json(v: Verdict) -> dict[str, Any]:
    """The verdict as plain data (graph attribute, `check --json`)."""
    return {
        "severity": v.severity.value,
        "code": v.code,
        "message": v.message,
        "status": v.status.value,
        "template": v.template,
        "params": dict(v.params),
        "subject": v.subject,
    }


def _failure(*lookups: LookupStatus) -> str:
    """The first failed lookup's outcome in DNS terms (TIMEOUT, SERVFAIL...), or ""."""
    for lookup in lookups:
        if lookup.outcome not in ("ok", "nodata", "nxdomain"):
            return lookup.outcome.upper()
    return ""


def _add_dns_nodes(g: nx.DiGraph, result: Result, mx_ids: list[str], active: set[str]) -> None:
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
    mx_details: dict[str, Any] = {"question": f"{recipient} MX"}
    if mx is not None and mx.lookup is not None:
        mx_details["answer"] = list(mx.lookup.records) or mx.lookup.outcome
        mx_details["timing"] = f"{mx.lookup.elapsed * 1000:.0f} ms"
        mx_details.update(_ttl(mx.lookup))
    g.add_node(
        "dns:mx",
        kind="dns",
        label=f"DNS: MX {recipient}",
        status=mx_status.value,
        details=mx_details,
        layer=2,
    )
    # The sending server asks for the MX (between its addresses and the MX hosts).
    first_sender = next((n for n in g.nodes if g.nodes[n]["kind"] == "sending_host"), "client")
    g.add_edge("dns:mx", first_sender, kind="dns", label="MX lookup", status=mx_status.value)

    audit = result.spf_audit
    failed = ""
    spf_status = Status.UNKNOWN
    spf_details: dict[str, Any] = {"question": f"{sender} TXT (SPF)"}
    if audit is not None:
        failed = _failure(*(_as_status(q) for q in audit.tree.record_queries))
        if audit.record is None:
            spf_status = Status.ERROR if audit.error else Status.NONE
        elif audit.error or audit.lookups > MAX_LOOKUPS:
            spf_status = Status.ERROR
        else:
            spf_status = Status.PASS
        spf_details["record"] = audit.record or (f"lookup failed: {failed}" if failed else "(none)")
        spf_details["lookups"] = f"{audit.lookups}/{MAX_LOOKUPS} for an unlisted address"
        spf_details["void lookups"] = audit.void_text()
        if audit.error:
            spf_details["error"] = audit.error
        spf_details.update(_ttl(*audit.tree.record_queries))
    spf_label = f"DNS: SPF {sender}"
    if audit is not None and audit.record is None and failed:
        spf_label += f"\nlookup failed: {failed}"
    g.add_node(
        "dns:spf",
        kind="dns",
        label=spf_label,
        status=spf_status.value,
        details=spf_details,
        layer=3,
    )
    dm = result.dmarc
    dm_status = Status.UNKNOWN
    dm_details: dict[str, Any] = {"question": f"_dmarc.{sender} TXT"}
    if dm is not None:
        policy = effective_policy(dm)
        if dm.error:
            dm_status = Status.ERROR
        elif dm.record is None:
            dm_status = Status.NONE
        else:
            dm_status = Status.PASS if policy in ("quarantine", "reject") else Status.NEUTRAL
        dm_details["record"] = dm.record or "(none)"
        dm_details["found at"] = f"_dmarc.{dm.domain}"
        if policy:
            dm_details["policy"] = policy
        if dm.error:
            dm_details["error"] = dm.error
        dm_details.update(_ttl(*reversed(dm.lookups)))
    g.add_node(
        "dns:dmarc",
        kind="dns",
        label=f"DNS: DMARC {sender}",
        status=dm_status.value,
        details=dm_details,
        layer=4,
    )
    # The receiving server asks for the sender's SPF and DMARC.
    target = sorted(active)[0] if active else (mx_ids[0] if mx_ids else "mailbox")
    g.add_edge("dns:spf", target, kind="dns", label="SPF check", status=spf_status.value)
    g.add_edge("dns:dmarc", target, kind="dns", label="DMARC check", status=dm_status.value)


def _as_status(q: Any) -> LookupStatus:
    return LookupStatus(q.name, q.rdtype, q.outcome, q.records, q.detail, ttl=q.ttl)


def _layout(g: nx.DiGraph) -> None:
    """Layered, left to right; route nodes stacked per layer, DNS nodes in a row above."""
    layers: dict[int, list[str]] = {}
    for node, data in g.nodes(data=True):
        if data["kind"] != "dns":
            layers.setdefault(data["layer"], []).append(node)
    heights = {
        layer: len(nodes) * NODE_H + (len(nodes) - 1) * ROW_GAP for layer, nodes in layers.items()
    }
    tallest = max(heights.values(), default=NODE_H)
    for layer, nodes in layers.items():
        nodes.sort(key=lambda n: _order_key(g, n))
        y = ROUTE_TOP + (tallest - heights[layer]) / 2
        for node in nodes:
            g.nodes[node].update(x=layer * (NODE_W + COL_GAP), y=y, w=NODE_W, h=NODE_H)
            y += NODE_H + ROW_GAP
    for _, data in g.nodes(data=True):
        if data["kind"] == "dns":
            x = data["layer"] * (NODE_W + COL_GAP) - (NODE_W + COL_GAP) / 2
            data.update(x=x, y=DNS_ROW_Y, w=NODE_W, h=DNS_H)


def _order_key(g: nx.DiGraph, node: str) -> tuple[Any, ...]:
    data = g.nodes[node]
    if data["kind"] == "mx":
        return (data.get("preference", 0), node)
    if data["kind"] == "sending_address":
        return (data.get("family", 4), node)
    return (0, node)


def graph_to_json(g: nx.DiGraph) -> dict[str, Any]:
    """networkx node-link data, JSON-safe."""
    data: dict[str, Any] = nx.node_link_data(g, edges="links")
    return data
