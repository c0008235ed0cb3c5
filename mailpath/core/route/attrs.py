"""The route graph's schema: the attributes of its nodes and edges, as types.

`core.route.build_route_graph` writes them, the GUI's renderer, markers, graph view and
exporter read them, and the GUI tests' fake graphs (`tests/gui/fakes.py`) are built from the
same structures. Node and edge attributes stay plain dicts (networkx stores them so, and the
node-link JSON of `check --json` is them as they are); these TypedDicts say which keys exist
and what they hold, so that mypy checks every writer and reader against one definition.

Keys that only some kinds carry are optional (``total=False``); `kind` and `status` are on
every node and edge the builder draws, but hand-built graphs may leave the rest out.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, TypeAlias, TypedDict

if TYPE_CHECKING:
    import networkx as nx

    from mailpath.core.model import Status


class NodeKind(enum.StrEnum):
    """What a node stands for (its `kind`; the JSON value is the enum's value)."""

    CLIENT = "client"
    SENDING_HOST = "sending_host"
    SENDING_ADDRESS = "sending_address"
    FORWARDER = "forwarder"
    MX = "mx"
    MAILBOX = "mailbox"
    DNS = "dns"
    HOP = "hop"
    DKIM = "dkim"
    DMARC = "dmarc"


#: The kinds of node that hand mail on over SMTP: a sending host, or a forwarder.
SENDER_KINDS = (NodeKind.SENDING_HOST, NodeKind.FORWARDER)


class EdgeKind(enum.StrEnum):
    """What an edge stands for (its `kind`)."""

    SUBMISSION = "submission"
    SOURCE = "source"
    SMTP = "smtp"
    DELIVERY = "delivery"
    DNS = "dns"
    ACTUAL = "actual"
    AUTH = "auth"


class TransportMarker(enum.StrEnum):
    """How an SMTP edge to an MX host is encrypted (its `transport`): `verified` (a closed lock:
    DANE, or MTA-STS enforce that the host meets), `unverified` (an open lock: TLS if offered,
    unchecked, or in the clear), `fails` (red: the recipient's own policy cannot be met there,
    so senders that honour it refuse to deliver)."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    FAILS = "fails"


#: A parameter of a part: text, a number, another part, or a list of parts.
ParamValue: TypeAlias = "str | int | float | bool | PartDict | list[PartDict] | None"


class _PartBase(TypedDict):
    key: str
    params: dict[str, ParamValue]


class PartDict(_PartBase, total=False):
    """One piece of route text: a template key and its parameters (`route.part`). `table` is
    "verdict" for the verdict's templates, else absent (the route's own templates)."""

    table: str


#: A detail's value as data: a part, a list of parts, or a number (a TTL).
DetailValue: TypeAlias = "PartDict | list[PartDict] | int"
#: A detail's value rendered in English: text, a list of texts, or a number.
RenderedValue: TypeAlias = "str | list[RenderedValue] | int | float | bool | None"


class DetailEntry(TypedDict):
    """One row of a node's details: its name and value, both as data."""

    name: PartDict
    value: DetailValue


class LabelAttrs(TypedDict, total=False):
    """`label` (English, one line per part) and `label_parts` (the same as data)."""

    label: str
    label_parts: list[PartDict]


class DetailsAttrs(TypedDict, total=False):
    """`details` (English name -> English value) and `details_parts` (the same as data)."""

    details: dict[str, RenderedValue]
    details_parts: list[DetailEntry]


class NodeAttrs(LabelAttrs, DetailsAttrs, total=False):
    """A node's attributes. `layer` is its column; x, y, w, h its box (set by the layout)."""

    kind: NodeKind
    status: Status
    layer: int
    x: float
    y: float
    w: float
    h: float
    # mx nodes
    preference: int
    role: str  # "primary" or "fallback"
    down: bool
    active: bool
    unreachable_from: list[str]
    received_hops: list[int]
    # sending_address nodes
    family: int
    # nodes that show hops of a received message (0 = oldest)
    hops: list[int]
    unexpected: bool
    # dkim and dmarc nodes: their order right of the mailbox
    index: int


class EdgeAttrs(LabelAttrs, total=False):
    """An edge's attributes: `actual` when a received message took it, with its `hops`."""

    kind: EdgeKind
    status: Status
    active: bool
    actual: bool
    hops: list[int]
    # smtp edges to an MX host: the transport marker
    transport: TransportMarker


if TYPE_CHECKING:
    #: The route graph: node ids are strings, attributes are `NodeAttrs` and `EdgeAttrs`.
    RouteGraph: TypeAlias = nx.DiGraph[str, NodeAttrs, EdgeAttrs]
