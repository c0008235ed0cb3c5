"""The transport marker of an SMTP edge to an MX host, from the recipient's transport facts."""

from __future__ import annotations

from mailpath.core.route.attrs import TransportMarker
from mailpath.core.transport import TransportInfo, mx_transport

__all__ = ["transport_marker"]

_MARKERS = {
    "dane": TransportMarker.VERIFIED,
    "mta-sts": TransportMarker.VERIFIED,
    "policy-fails": TransportMarker.FAILS,
    "opportunistic": TransportMarker.UNVERIFIED,
}


def transport_marker(info: TransportInfo | None, host: str) -> TransportMarker:
    """Closed lock where the recipient's policy (DANE, MTA-STS enforce) demands verified TLS and
    nothing seen contradicts it (with the STARTTLS probe: its certificate passed), open lock
    where senders use TLS only if offered and unverified, red where the policy cannot be met."""
    return _MARKERS[mx_transport(info, host).state]
