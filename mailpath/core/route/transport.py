"""The transport marker of an SMTP edge to an MX host, from the recipient's transport facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.core.route.attrs import EdgeKind, TransportMarker
from mailpath.core.route.labels import TEMPLATES, part, put_detail
from mailpath.core.transport import TransportInfo, lock_state, mx_transport

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
    "mta-sts-unchecked": TransportMarker.UNVERIFIED,
    "policy-fails": TransportMarker.FAILS,
    "opportunistic": TransportMarker.UNVERIFIED,
}


#: The route's words for the transport (merged into `core.route.labels.TEMPLATES`).
TRANSPORT_TEMPLATES: dict[str, str] = {
    "d.transport": "transport",
    "transport.dane": "closed lock: verified TLS (DANE)",
    "transport.mta-sts": "closed lock: verified TLS (MTA-STS enforce)",
    "transport.mta-sts-unchecked": (
        "open lock: MTA-STS enforce demands verified TLS; its certificate was not checked"
    ),
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
    return f"transport.{lock_state(info, host)}", ", ".join(state.basis)


def transport_marker(info: TransportInfo | None, host: str) -> TransportMarker:
    """Closed lock for verified TLS: DANE, or MTA-STS enforce with a certificate the STARTTLS
    probe saw valid; open lock where senders use TLS only if offered and unverified, or where
    MTA-STS enforce demands it but nobody checked the certificate; red where the policy
    cannot be met."""
    return _MARKERS[lock_state(info, host)]
