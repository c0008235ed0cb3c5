"""The transport marker of an SMTP edge to an MX host, from the recipient's transport facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.core.route.attrs import EdgeKind, TransportMarker
from mailpath.core.route.labels import TEMPLATES, part, put_detail
from mailpath.core.transport import TransportInfo, mx_transport

if TYPE_CHECKING:
    from mailpath.core.route.attrs import RouteGraph

__all__ = [
    "TRANSPORT_TEMPLATES",
    "add_transport",
    "transport_detail",
    "transport_marker",
]

_MARKERS = {
    "dane": TransportMarker.VERIFIED,
    "mta-sts": TransportMarker.VERIFIED,
    "policy-fails": TransportMarker.FAILS,
    "opportunistic": TransportMarker.UNVERIFIED,
}


#: The route's words for the transport (merged into `core.route.labels.TEMPLATES`).
TRANSPORT_TEMPLATES: dict[str, str] = {
    "d.transport": "transport",
    "transport.dane": "closed lock: verified TLS (DANE)",
    "transport.mta-sts": "closed lock: verified TLS (MTA-STS enforce)",
    "transport.policy-fails": "red: the recipient's own policy makes delivery fail ({basis})",
    "transport.opportunistic": "open lock: TLS if offered, unverified",
}
TEMPLATES.update(TRANSPORT_TEMPLATES)


def add_transport(g: RouteGraph, info: TransportInfo | None, mx_ids: list[str]) -> None:
    """Each SMTP edge into an MX host gets its lock (`transport`), each MX host a Details row
    saying what it means; nothing when the transport was not checked (a replay without it)."""
    if info is None or not info.checked:
        return
    for mx_id in mx_ids:
        if mx_id == "mx:none" or mx_id not in g:
            continue
        host = mx_id.removeprefix("mx:")
        key, basis = transport_detail(info, host)
        put_detail(g.nodes[mx_id], part("d.transport"), part(key, basis=basis))
        lock = transport_marker(info, host)
        for src in g.predecessors(mx_id):
            if g.edges[src, mx_id].get("kind") == EdgeKind.SMTP:
                g.edges[src, mx_id]["transport"] = lock


def transport_detail(info: TransportInfo | None, host: str) -> tuple[str, str]:
    """The MX host's Details row: a `TRANSPORT_TEMPLATES` key and its `basis` parameter."""
    state = mx_transport(info, host)
    return f"transport.{state.state}", ", ".join(state.basis)


def transport_marker(info: TransportInfo | None, host: str) -> TransportMarker:
    """Closed lock where the recipient's policy (DANE, MTA-STS enforce) demands verified TLS and
    nothing seen contradicts it (with the STARTTLS probe: its certificate passed), open lock
    where senders use TLS only if offered and unverified, red where the policy cannot be met."""
    return _MARKERS[mx_transport(info, host).state]
