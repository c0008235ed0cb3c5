"""The sending side of the route: the sending host (or forwarder) and its addresses,
with their SPF results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.core.auth.spf import MAX_LOOKUPS, MAX_VOID_LOOKUPS, SpfResult
from mailpath.core.judgement.finding import address_node, host_node
from mailpath.core.model import SendingAddress, SendingHostInfo, Status
from mailpath.core.route.attrs import EdgeKind, NodeKind
from mailpath.core.route.labels import (
    YES_NO,
    add_edge,
    add_node,
    details_of,
    label_of,
    lookup_text,
    or_none,
    part,
    put_detail,
    text,
)

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

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
STATUS_RANK = {
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


def add_sending_host(
    g: RouteGraph,
    host: SendingHostInfo,
    sender: str,
    named: str | None = None,
    forwarder: bool = False,
) -> None:
    """The sending host and its addresses. A forwarder (`forwarder`, from a received message)
    is drawn as such, kind "forwarder": the mail client's submission edge then goes to the
    sender's own submission server, which `add_message` draws before it."""
    node = host_node(host.host)
    statuses = [address_status(a) for a in host.addresses]
    if host.error and not host.addresses:
        status = Status.ERROR
    elif not statuses:
        status = Status.UNKNOWN
    else:
        status = max(statuses, key=lambda s: STATUS_RANK[s])
    role = part(
        "v.forwarder"
        if forwarder
        else "v.assumed_server"
        if host.assumed
        else "v.submission_server"
    )
    details = details_of((part("d.role"), role), (part("d.host"), text(host.host)))
    if host.addresses:
        put_detail(details, part("d.addresses"), [text(a.address) for a in host.addresses])
    for lookup in host.lookups:
        put_detail(details, part("d.lookup", rdtype=lookup.rdtype), text(lookup_text(lookup)))
    if host.error:
        put_detail(details, part("d.error"), text(host.error))
    title = (
        "sending.forwarder"
        if forwarder
        else "sending.assumed"
        if host.assumed
        else "sending.submission"
    )
    add_node(
        g,
        node,
        kind=NodeKind.FORWARDER if forwarder else NodeKind.SENDING_HOST,
        **label_of(part(title), text(f"{named} [{host.host}]" if named else host.host)),
        status=status,
        **details,
        layer=1,
    )
    if not forwarder:
        add_edge(
            g,
            "client",
            node,
            kind=EdgeKind.SUBMISSION,
            **label_of(part("edge.submission_auth")),
            status=Status.NONE,
            active=True,
        )
    for addr in host.addresses:
        _add_sending_address(g, node, addr, sender)


def _add_sending_address(g: RouteGraph, host_id: str, addr: SendingAddress, sender: str) -> None:
    """One address of a sending host, with the SPF result for it, and the edge to it."""
    anode = address_node(addr.address)
    st = address_status(addr)
    spf_text = addr.spf.result.value if addr.spf else "…"
    fcrdns = {True: "address.fcrdns_ok", False: "address.fcrdns_fails", None: ""}[addr.fcrdns]
    adetails = details_of(
        (part("d.address"), text(addr.address)),
        (part("d.family"), part("edge.family", family=addr.family)),
        (part("d.spf_for", domain=sender), text(spf_text)),
        (part("d.ptr"), [text(p) for p in addr.ptr] or part("v.none")),
        (part("d.fcrdns"), part(YES_NO[addr.fcrdns])),
    )
    if addr.spf is not None:
        put_detail(adetails, part("d.spf_record"), or_none(addr.spf.record))
        put_detail(
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
            put_detail(adetails, part("d.spf_error"), text(addr.spf.trace.error))
    if addr.ptr_lookup is not None:
        put_detail(adetails, part("d.lookup", rdtype="PTR"), text(lookup_text(addr.ptr_lookup)))
    spf_line = part("address.spf", result=spf_text)
    add_node(
        g,
        anode,
        kind=NodeKind.SENDING_ADDRESS,
        **label_of(
            part("address.title", family=addr.family, address=addr.address),
            part("join", items=[spf_line, part(fcrdns)]) if fcrdns else spf_line,
        ),
        status=st,
        **adetails,
        layer=2,
        family=addr.family,
    )
    add_edge(
        g,
        host_id,
        anode,
        kind=EdgeKind.SOURCE,
        **label_of(part("edge.family", family=addr.family)),
        status=st,
        active=True,
    )
