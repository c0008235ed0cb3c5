"""Where a received message crossed into the recipient's servers (`find_handover`), the sending
host it names (`handover_via`), and the sender's own side: the submission server and a
forwarder (`find_sending_side`). See `mailpath.core.message.parse` for the whole API."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from mailpath.core.message.addresses import _is_internal_address, _is_ip, registrable_domain
from mailpath.core.message.received import Hop
from mailpath.core.names import InputError, parse_sending_host


@dataclass(frozen=True)
class Handover:
    """The hop where the message entered the recipient's servers.

    `hop` indexes `ParsedMessage.hops` (oldest first); `address` is the client that handed the
    message over (the IP the recipient's SPF check saw); `host` its name as the receiver
    recorded it (reverse DNS, else HELO); `by` the recipient's server that accepted it.
    """

    hop: int
    address: str | None
    host: str | None
    by: str | None


@dataclass(frozen=True)
class Submission:
    """The sender's own submission server as the message shows it.

    `hop` indexes the hop that server received (the mail client's submission, or the first
    hop into the sender's organization), None when the server appears only as the client of
    a later hop (a mailing list's or forwarder's Received field names it, nothing older
    survives); `host` its name as written; `address` the address it sent from, when a later
    hop recorded it.
    """

    hop: int | None
    host: str | None
    address: str | None


# -- handover ------------------------------------------------------------------------------


class _Organization:
    def __init__(self, domains: Collection[str]) -> None:
        names = {d.strip().rstrip(".").lower() for d in domains if d and d.strip()}
        self.names = names
        self.orgs = {org for d in names if (org := registrable_domain(d))}

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str) or not name:
            return False
        name = name.rstrip(".").lower()
        if name in self.names or any(name.endswith("." + d) for d in self.names):
            return True
        org = registrable_domain(name)
        return org is not None and org in self.orgs


def _unnamed(host: str | None) -> bool:
    """No usable name: absent, an IP (Gmail's internal hops), or one label (localhost)."""
    return host is None or _is_ip(host) or "." not in host


def _from_inside(hop: Hop, inside: _Organization) -> bool:
    if hop.from_address is None and _unnamed(hop.from_name) and _unnamed(hop.helo):
        # A local/internal step: no address recorded and no usable client name (nothing at
        # all, ``localhost``, a one-label HELO such as ``xcar``): nothing came from outside here.
        return True
    if _is_internal_address(hop.from_address):
        return True
    if hop.from_name is not None:
        return hop.from_name in inside
    return hop.from_address is None and hop.helo in inside


def find_handover(hops: Sequence[Hop], recipient_domains: Collection[str]) -> Handover | None:
    """The hop where the message crossed into the recipient's servers, or None.

    `hops` oldest first; `recipient_domains` the domains whose servers are the recipient's
    (recipient domain, its MX hosts' domains); a host is inside when it is one of them, a
    subdomain, or has the same registrable domain. Walking newest first, the handover is the
    first hop whose ``by`` is inside and whose ``from`` is outside. Hops that stay inside
    continue the chain: a ``from`` inside (or a private address, or none at all, like Gmail's
    ``by 2002:a05:...`` steps, or no recorded address and no usable client name - ``localhost``,
    a one-label HELO such as IMail's ``xcar``: a local step), and an older hop's ``by`` is
    trusted as inside when the newer hop came from inside (the server that relayed it is the one
    that received it, whatever name it gives itself - Microsoft 365 mixes outlook.com and
    office365.com). A named ``by`` outside the organization before any handover ends the walk
    with None. Unparsed hops are skipped. A sender hosted by the same organization as the
    recipient shows no handover.
    """
    inside = _Organization(recipient_domains)
    if not inside.names:
        return None
    chained = False  # the newer hop came from inside the recipient's organization
    for index in range(len(hops) - 1, -1, -1):
        hop = hops[index]
        if hop.unparsed:
            continue
        by_inside = chained or (hop.by is not None and hop.by in inside)
        if not (by_inside or _unnamed(hop.by)):
            return None
        if _from_inside(hop, inside):
            chained = True
            continue
        if by_inside:
            return Handover(
                hop=index,
                address=hop.from_address,
                host=hop.from_name or hop.helo,
                by=hop.by,
            )
        chained = False
    return None


def usable_host(name: str | None) -> bool:
    """`name` can be analysed as the sending host: a host name of two labels or more that
    `mailpath.core.names.parse_sending_host` accepts, or an IP address. False for None,
    ``localhost``, one label (``xcar``) or garbage."""
    if not name or not name.strip():
        return False
    text = name.strip()
    if not _is_ip(text) and "." not in text.strip("."):
        return False
    try:
        parse_sending_host(text)
    except InputError:
        return False
    return True


def handover_via(handover: Handover | None) -> str | None:
    """The sending host a received message names for the analysis: the handover's recorded
    address, else its name when `usable_host`, else None (the sending host is unknown)."""
    if handover is None:
        return None
    if handover.address:
        return handover.address
    return handover.host if usable_host(handover.host) else None


def _newest_named_by(hops: Sequence[Hop]) -> str | None:
    for hop in reversed(hops):
        if not hop.unparsed and not _unnamed(hop.by):
            return hop.by
    return None


def _default_receivers(recipient_domain: str | None, hops: Sequence[Hop]) -> set[str]:
    domains: set[str] = set()
    if recipient_domain:
        domains.add(recipient_domain)
    newest = _newest_named_by(hops)
    if newest and (org := registrable_domain(newest)):
        domains.add(org)
    return domains


# -- the sender's side ---------------------------------------------------------------------

#: RFC 3848: the client authenticated (SMTP AUTH), as a mail client submitting its mail does.
_AUTHENTICATED = frozenset(
    {"esmtpa", "esmtpsa", "utf8smtpa", "utf8smtpsa", "lmtpa", "lmtpsa", "utf8lmtpa", "utf8lmtpsa"}
)


def from_client(hop: Hop) -> bool:
    """The hop came from a mail client (a PC), not from a server: authenticated (ESMTPA,
    ESMTPSA), or no usable client name (none, an address literal, one label)."""
    if hop.unparsed:
        return False
    if (hop.protocol or "").lower() in _AUTHENTICATED:
        return True
    return _unnamed(hop.from_name)


def _named(host: str | None) -> bool:
    return host is not None and not _unnamed(host)


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and str(a).lower().rstrip(".") == str(b).lower().rstrip(".")


def _sent_from(hops: Sequence[Hop], index: int, host: str, last: int) -> str | None:
    """The address `host` (the server that received hop `index`) sent from: the client address
    a later hop, up to `last`, recorded for it."""
    for hop in hops[index + 1 : last + 1]:
        if _same_name(hop.from_name, host) or _same_name(hop.helo, host):
            return hop.from_address
    return None


def _client_name(hop: Hop) -> str | None:
    name = hop.from_name if hop.from_name is not None else hop.helo
    return name if _named(name) else None


def find_sending_side(
    hops: Sequence[Hop], handover: Handover | None, from_domain: str | None
) -> tuple[Submission | None, Handover | None]:
    """(the sender's own submission server, the forwarder) as the hops before `handover` show
    them; see `ParsedMessage.submission` and `.forwarded_by`.

    The submission server is the earliest server in the From domain's organization (a hop it
    received, else a hop it sent), else the server the oldest hop delivered a mail client's
    submission to, else the handover host when it is in the From domain's organization. The
    handover is a forwarder when that server is known and the host that handed the message
    over is neither it nor of the From domain's or its organization (a forwarding mailbox, a
    mailing list, an outside relay).
    """
    if handover is None:
        return None, None
    own = _Organization([from_domain] if from_domain else [])
    last = handover.hop
    submission: Submission | None = None
    for index, hop in enumerate(hops[:last]):
        if hop.unparsed:
            continue
        if _named(hop.by) and hop.by in own:
            assert hop.by is not None
            submission = Submission(index, hop.by, _sent_from(hops, index, hop.by, last))
            break
        name = _client_name(hop)
        if name is not None and name in own:
            submission = Submission(None, name, hop.from_address)
            break
    if submission is None and last > 0:
        first = hops[0]
        if from_client(first) and first.by is not None and _named(first.by):
            submission = Submission(0, first.by, _sent_from(hops, 0, first.by, last))
    if submission is None:
        if _named(handover.host) and handover.host in own:
            return Submission(None, handover.host, handover.address), None
        return None, None
    # The server that handed the message over, by name.
    sender_side = handover.host if _named(handover.host) else None
    if sender_side is None:
        for hop in reversed(hops[:last]):
            if not hop.unparsed and _named(hop.by):
                sender_side = hop.by
                break
    if sender_side is None or sender_side in own or _same_name(sender_side, submission.host):
        return submission, None
    org = registrable_domain(sender_side)
    if org is not None and org == registrable_domain(submission.host or ""):
        return submission, None
    return submission, handover
