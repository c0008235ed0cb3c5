"""The transport marker of an SMTP edge to an MX host, from the recipient's transport facts."""

from __future__ import annotations

from mailpath.core.route.attrs import TransportMarker
from mailpath.core.transport import TransportInfo, mx_transport

__all__ = ["TRANSPORT_TEMPLATES", "edge_transport", "transport_detail", "transport_marker"]

_MARKERS = {
    "dane": TransportMarker.VERIFIED,
    "mta-sts": TransportMarker.VERIFIED,
    "policy-fails": TransportMarker.FAILS,
    "opportunistic": TransportMarker.UNVERIFIED,
}


#: The route's words for the transport (merged into `core.route.graph.TEMPLATES`).
TRANSPORT_TEMPLATES: dict[str, str] = {
    "d.transport": "transport",
    "transport.dane": "closed lock: verified TLS (DANE)",
    "transport.mta-sts": "closed lock: verified TLS (MTA-STS enforce)",
    "transport.policy-fails": "red: the recipient's own policy makes delivery fail ({basis})",
    "transport.opportunistic": "open lock: TLS if offered, unverified",
}


def transport_detail(info: TransportInfo | None, host: str) -> tuple[str, str]:
    """The MX host's Details row: a `TRANSPORT_TEMPLATES` key and its `basis` parameter."""
    state = mx_transport(info, host)
    return f"transport.{state.state}", ", ".join(state.basis)


def transport_marker(info: TransportInfo | None, host: str) -> TransportMarker:
    """Closed lock where the recipient's policy (DANE, MTA-STS enforce) demands verified TLS and
    nothing seen contradicts it (with the STARTTLS probe: its certificate passed), open lock
    where senders use TLS only if offered and unverified, red where the policy cannot be met."""
    return _MARKERS[mx_transport(info, host).state]


def edge_transport(info: TransportInfo | None, host: str) -> TransportMarker | None:
    """The SMTP edge's `transport` attribute; None when the transport was not checked (a
    replay of a recording without it): no lock is better than a guessed one."""
    if info is None or not info.checked:
        return None
    return transport_marker(info, host)
