"""The window's and the export's layout of the route, made from the core's.

The core lays out fixed-size nodes in columns and rows; names are as long as DNS makes them
and fonts as wide as the desktop's. Here every column takes the width its widest text needs
(no more: a narrow route is drawn larger when it is fitted to the window), every gap between
columns the width the labels crossing it need, the rows come closer, and the DNS lookups sit
in a row of their own above the route, each as wide as its whole name. Order, rows and
heights stay the core's.

A compact route (the window's level of detail, `detail.py`) has two columns fewer: the
client goes under the one node it hands mail to, and the mailbox's verdicts are stacked
above it in its column; its nodes are as low as their text, its rows and gaps closer. In a
view much wider than high (a dock below the route only) its DNS row and its hops' lane fold
into free room inside it (`_fold`), beside the nodes they have edges to: the route is then
lower by their rows, and drawn larger.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from mailpath.gui.graph.edges import bows, edge_geometry, edge_label_size, edge_label_text

if TYPE_CHECKING:
    from mailpath.core.route.attrs import NodeAttrs
    from mailpath.gui.text.labels import RouteLike

#: A node grows to show its longest line at full size, up to this width; beyond it the line
#: is drawn smaller, then elided in the middle.
MAX_NODE_W = 520.0
#: No column is narrower than this, however short its names.
MIN_NODE_W = 120.0
#: Room kept on both sides of an edge label between two columns.
LABEL_MARGIN = 6.0
#: The narrowest gap between two columns (room for an arrow)...
MIN_GAP = 48.0
#: ...and where the edges carry markers only (room for an arrow and a marker).
COMPACT_GAP = 36.0
#: Rows of the route come this much closer than the core spaces them...
ROW_PITCH = 0.8
#: ...closer still where the nodes are as low as their text (`compact`: 51 units a row)...
COMPACT_ROW_PITCH = 0.57
#: ...but never closer than this between two nodes of one column.
MIN_ROW_GAP = 8.0
#: Between the DNS row and the route below it.
DNS_ROW_GAP = 40.0
#: A compact DNS row: one line of text high (room for a CJK font's taller line too), and
#: this far above the route (room for a marker on the edges down to it).
COMPACT_DNS_H = 30.0
COMPACT_DNS_GAP = 24.0
#: A compact route's client under the node it hands mail to, this far (room for a marker).
TUCK_GAP = 28.0
#: Between two DNS nodes of one row (and two hops of the received message's lane).
DNS_GAP = 16.0
#: Between the route and the received message's hops below it (compact: room for a marker).
HOP_LANE_GAP = 48.0
COMPACT_HOP_GAP = 24.0
#: Nodes in a row of their own, each as wide as its text: the DNS lookups above the route,
#: the received message's hops below it (a long hop does not widen a column of the route).
_OWN_ROW = ("dns", "hop")
#: A folded route's DNS lookups and hops (`fold`) keep this far from every other node.
FOLD_GAP = 20.0
#: Beyond this many nodes no free room is looked for (such a route is never compact).
FOLD_LIMIT = 80
#: The mailbox's verdicts (DMARC's result, the DKIM signatures): a column right of the mailbox,
#: or, in a compact route, stacked above the mailbox in its column (one column less; the
#: edges to them then run along the column's right side, see `edges.edge_geometry`).
_VERDICTS = ("dmarc", "dkim")


def _base(graph: RouteLike) -> tuple[dict[str, QRectF], dict[str, NodeAttrs]]:
    base: dict[str, QRectF] = {}
    attrs_of: dict[str, NodeAttrs] = {}
    for node_id, attrs in graph.nodes(data=True):
        base[node_id] = QRectF(
            float(attrs.get("x", 0.0)),
            float(attrs.get("y", 0.0)),
            float(attrs.get("w", 180.0)),
            float(attrs.get("h", 56.0)),
        )
        attrs_of[node_id] = attrs
    return base, attrs_of


def _gaps(
    graph: RouteLike, column_of: dict[str, float], lefts: list[float], least: float
) -> dict[float, float]:
    """The gap before each column: what the labels of the edges into it need.

    Into a column with several labelled bundles (one per MX host) the edges fan out: a label
    then keeps to the last part of the gap, where each edge is nearly level with its own
    node, so the gap is made wide enough for that."""
    bundles: dict[float, set[tuple[str, str]]] = {}
    for u, v, edge in graph.edges(data=True):
        if u in column_of and v in column_of and edge_label_text(edge):
            bundles.setdefault(column_of[v], set()).add((v, str(edge.get("label"))))
    gaps = dict.fromkeys(lefts, least)
    for u, v, edge in graph.edges(data=True):
        a, b = column_of.get(u), column_of.get(v)
        if a is None or b is None or a == b:
            continue
        a, b = min(a, b), max(a, b)
        if lefts.index(b) - lefts.index(a) != 1 or not edge_label_text(edge):
            continue
        fan = 1.6 if len(bundles.get(column_of[v], ())) > 1 else 1.0
        want = edge_label_size(edge).width() * fan + 2 * LABEL_MARGIN
        gaps[b] = max(gaps[b], want)
    return gaps


def _rows(
    base: dict[str, QRectF], columns: dict[float, list[str]], top: float, pitch: float
) -> dict[str, float]:
    """The new top of every route node: rows closer, no two nodes of a column touching."""
    route_top = min(base[n].top() for nodes in columns.values() for n in nodes)
    tops: dict[str, float] = {}
    for nodes in columns.values():
        bottom = -1e18
        for n in sorted(nodes, key=lambda n: base[n].top()):
            y = max(top + (base[n].top() - route_top) * pitch, bottom + MIN_ROW_GAP)
            tops[n] = y
            bottom = y + base[n].height()
    return tops


def fit_layout(
    graph: RouteLike,
    text_width: Callable[[NodeAttrs], float],
    widen: Mapping[str, float] | None = None,
    compact: bool = False,
    height: Callable[[NodeAttrs, float], float] | None = None,
    fold: float | None = None,
) -> dict[str, QRectF]:
    """Every node's rectangle; `text_width` is the width at which a node's text fits whole,
    `widen` how much wider to make the gap before the column of a node (by node id),
    `compact` for a DNS row as high as its one line and close to the route (the edges from
    it then carry markers only) and narrower gaps, `height` the height at which a node's text
    fits whole at a width (a node is never lower than that), `fold` (compact only: the
    view's width over its height) for the DNS row and the hops' lane moved into free room
    inside the route where they fit and the route is then drawn larger in such a view."""
    base, attrs_of = _base(graph)
    stack = _stack_verdicts(base, attrs_of) if compact else []
    tuck = _tuck(graph, base, attrs_of) if compact else None
    columns: dict[float, list[str]] = {}
    for node_id, attrs in attrs_of.items():
        if attrs.get("kind") not in _OWN_ROW and (tuck is None or node_id != tuck[0]):
            columns.setdefault(round(base[node_id].left(), 1), []).append(node_id)
    if not columns:
        return base
    lefts = sorted(columns)
    width = {
        x: max(MIN_NODE_W, min(MAX_NODE_W, max(text_width(attrs_of[n]) for n in columns[x])))
        for x in lefts
    }
    column_of = {n: x for x in lefts for n in columns[x]}
    own = {n: _own_width(a, text_width) for n, a in attrs_of.items() if n not in column_of}
    if tuck is not None:
        x = column_of[tuck[1]]
        width[x] = max(width[x], own[tuck[0]])
    widths = {n: width[column_of[n]] if n in column_of else own[n] for n in attrs_of}
    _heights(base, attrs_of, widths, height, compact)
    gaps = _gaps(graph, column_of, lefts, COMPACT_GAP if compact else MIN_GAP)
    for node_id, more in (widen or {}).items():
        if node_id in column_of:
            gaps[column_of[node_id]] = max(gaps[column_of[node_id]], 0.0) + more
    new_left = {lefts[0]: lefts[0]}
    for previous, x in itertools.pairwise(lefts):
        new_left[x] = new_left[previous] + width[previous] + gaps[x]
    dns = [n for n in base if n not in column_of]
    stacked = set(stack[1:])
    route_top = min(base[n].top() for n in column_of if n not in stacked)
    above = [base[n].bottom() for n in dns if base[n].top() < route_top]
    top = max(above) + (COMPACT_DNS_GAP if compact else DNS_ROW_GAP) if above else route_top
    start = min(top, route_top)
    rows = {x: [n for n in nodes if n not in stacked] for x, nodes in columns.items()}
    tops = _rows(base, rows, start, COMPACT_ROW_PITCH if compact else ROW_PITCH)
    if stack:
        _lift(tops, base, stack, start)
    out = {
        n: QRectF(new_left[x], tops[n], width[x], base[n].height()) for n, x in column_of.items()
    }
    if tuck is not None:
        out[tuck[0]] = _under(out[tuck[1]], own[tuck[0]], base[tuck[0]].height())
        dns.remove(tuck[0])
    # The hops' lane keeps its distance below the route as the rows come closer.
    route_bottom = max(base[n].bottom() for n in column_of)
    lane = max(r.bottom() for r in out.values()) + (COMPACT_HOP_GAP if compact else HOP_LANE_GAP)
    for n in dns:
        if base[n].top() > route_bottom:
            base[n] = QRectF(base[n].left(), lane, base[n].width(), base[n].height())
    # The old columns' edges, mapped to the new: a DNS node keeps its place relative to them.
    marks = sorted(
        [(x, new_left[x]) for x in lefts]
        + [(x + max(base[n].width() for n in columns[x]), new_left[x] + width[x]) for x in lefts]
    )
    _place_dns(out, base, attrs_of, dns, partial(_moved, marks), text_width)
    if compact and fold and len(out) <= FOLD_LIMIT:
        _fold(graph, out, attrs_of, fold)
    return out


def _moved(marks: list[tuple[float, float]], x: float) -> float:
    """Where `x` of the core's layout is now: `marks` pairs each old column edge with its new
    place; between two, in proportion; beyond the ends, as far from the nearest."""
    if x <= marks[0][0]:
        return x - marks[0][0] + marks[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(marks):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1
    return x - marks[-1][0] + marks[-1][1]


def _heights(
    base: dict[str, QRectF],
    attrs_of: dict[str, NodeAttrs],
    widths: dict[str, float],
    height: Callable[[NodeAttrs, float], float] | None,
    compact: bool,
) -> None:
    """Every node as high as its text at its width needs: never lower, and in a compact route
    no higher either (57 units for three lines of DejaVu Sans, not 64), a DNS node there one
    line high."""
    for n, attrs in attrs_of.items():
        if height is not None:
            least = height(attrs, widths[n])
            base[n].setHeight(least if compact else max(base[n].height(), least))
        if compact and attrs.get("kind") == "dns":
            base[n].setHeight(min(base[n].height(), COMPACT_DNS_H))


def _own_width(attrs: NodeAttrs, text_width: Callable[[NodeAttrs], float]) -> float:
    """The width of a node in a row of its own: as wide as its text, within the limits."""
    return max(MIN_NODE_W, min(MAX_NODE_W, text_width(attrs)))


def _tuck(
    graph: RouteLike, base: dict[str, QRectF], attrs_of: dict[str, NodeAttrs]
) -> tuple[str, str] | None:
    """The sender's client and the one node it hands mail to, when the client can go under
    that node in its column (one column less): its only edge, that node alone in its
    column."""
    client = next((n for n, a in attrs_of.items() if a.get("kind") == "client"), None)
    if client is None:
        return None
    ends = {(u, v) for u, v in graph.edges() if client in (u, v)}
    if len(ends) != 1 or next(iter(ends))[0] != client:
        return None
    anchor = next(iter(ends))[1]
    x = base[anchor].left()
    if x <= base[client].left() or attrs_of[anchor].get("kind") in _OWN_ROW:
        return None
    alone = all(
        base[n].left() != x or n == anchor or a.get("kind") in _OWN_ROW for n, a in attrs_of.items()
    )
    return (client, anchor) if alone else None


def _under(anchor: QRectF, width: float, height: float) -> QRectF:
    """A tucked client's rectangle (`_tuck`): centred TUCK_GAP under the node it hands to."""
    return QRectF(anchor.center().x() - width / 2, anchor.bottom() + TUCK_GAP, width, height)


def _stack_verdicts(base: dict[str, QRectF], attrs_of: dict[str, NodeAttrs]) -> list[str]:
    """The verdicts moved into the mailbox's column (the mailbox first, then the verdicts
    nearest it first), when they have a column of their own right of it; `_lift` then puts
    them above the mailbox."""
    mailbox = next((n for n, a in attrs_of.items() if a.get("kind") == "mailbox"), None)
    verdicts = [n for n, a in attrs_of.items() if a.get("kind") in _VERDICTS]
    if mailbox is None or not verdicts:
        return []
    home = base[mailbox]
    if any(base[n].left() <= home.left() for n in verdicts):
        return []
    for n in verdicts:
        base[n].moveLeft(home.left())
    return [mailbox, *sorted(verdicts, key=lambda n: base[n].top(), reverse=True)]


def _lift(tops: dict[str, float], base: dict[str, QRectF], stack: list[str], top: float) -> None:
    """The verdicts of `stack` (see `_stack_verdicts`) stacked above the mailbox; the whole
    route lower if they would reach above `top`."""
    y = tops[stack[0]]
    for n in stack[1:]:
        y -= base[n].height() + MIN_ROW_GAP
        tops[n] = y
    lower = top - min(tops.values())
    if lower > 0:
        for n in tops:
            tops[n] += lower


def _place_dns(
    out: dict[str, QRectF],
    base: dict[str, QRectF],
    attrs_of: dict[str, NodeAttrs],
    dns: list[str],
    moved: Callable[[float], float],
    text_width: Callable[[NodeAttrs], float],
) -> None:
    """Each DNS node as wide as its whole name, centred where its place moved to; in each
    row, left to right, a node pushed right past its neighbour rather than narrowed (the same
    rule for every DNS node); then, right to left, a row that would reach past the route's
    right end pushed back left (a long hop under the last column does not widen the route)."""
    end = max(r.right() for r in out.values())
    rows: dict[float, list[str]] = {}
    for n in dns:
        rows.setdefault(round(base[n].top(), 1), []).append(n)
    for nodes in rows.values():
        right = -1e18
        placed = []
        for n in sorted(nodes, key=lambda n: base[n].center().x()):
            rect = base[n]
            w = _own_width(attrs_of[n], text_width)
            left = max(moved(rect.center().x()) - w / 2, right + DNS_GAP)
            placed.append((n, QRectF(left, rect.top(), w, rect.height())))
            right = left + w
        limit = end
        for n, rect in reversed(placed):
            rect.moveLeft(min(rect.left(), limit - rect.width()))
            limit = rect.left() - DNS_GAP
            out[n] = rect


def _fold(
    graph: RouteLike, out: dict[str, QRectF], attrs_of: Mapping[str, NodeAttrs], aspect: float
) -> None:
    """The DNS row and the hops' lane moved into free room inside the route's band (between
    its highest and lowest node), each node beside one it has an edge to, clear of every
    other node and of every edge: the route is then lower by the row's height, and maybe
    wider. A row moves whole (half a row saves no height), the hops' lane first, and only
    where the route is then drawn larger in a view `aspect` times as wide as high."""
    own = [n for n in out if attrs_of[n].get("kind") in _OWN_ROW]
    band = [r for n, r in out.items() if n not in own]
    if not own or not band:
        return
    top, bottom = min(r.top() for r in band), max(r.bottom() for r in band)
    rows: dict[float, list[str]] = {}
    for n in own:
        if out[n].top() >= bottom or out[n].bottom() <= top:
            rows.setdefault(round(out[n].top(), 1), []).append(n)
    edges = [(u, v, bows(a)) for u, v, a in graph.edges(data=True) if u in out and v in out]
    for y in sorted(rows, reverse=True):  # the lane below first, then the rows above
        placed = {n: r for n, r in out.items() if n not in rows[y]}
        spots = {n: _free_spots(n, out[n], placed, edges, top, bottom) for n in rows[y]}
        # Two orders: the node with the fewest spots first (the others then take theirs
        # around it), and left to right; the one drawn larger wins.
        orders = {
            tuple(sorted(rows[y], key=lambda n: (len(spots[n]), out[n].center().x()))),
            tuple(sorted(rows[y], key=lambda n: out[n].center().x())),
        }
        ways = [_fold_row(order, placed, spots, out, edges, top, bottom) for order in orders]
        best = max((w for w in ways if w), key=lambda w: _fitted_zoom(w, aspect), default=None)
        if best and _fitted_zoom(best, aspect) > 1.02 * _fitted_zoom(out, aspect):
            out.update(best)


def _fold_row(
    order: tuple[str, ...],
    placed: Mapping[str, QRectF],
    spots: Mapping[str, list[QRectF]],
    out: Mapping[str, QRectF],
    edges: list[tuple[str, str, bool]],
    top: float,
    bottom: float,
) -> dict[str, QRectF] | None:
    """Every node of a row in its best free spot, in `order` (None: one finds none). The
    first takes the spots found before (`spots`), the others look again around it."""
    now = dict(placed)
    for index, n in enumerate(order):
        found = spots[n] if index == 0 else _free_spots(n, out[n], now, edges, top, bottom)
        if not found:
            return None
        now[n] = found[0]
    return now


def _fitted_zoom(rects: Mapping[str, QRectF], aspect: float) -> float:
    """How large `rects` are drawn fitted to a view `aspect` wide and 1 high (relative)."""
    whole = QRectF()
    for rect in rects.values():
        whole = whole.united(rect)
    margin = 2 * FOLD_GAP  # the scene's margins, a bowed edge
    return min(aspect / (whole.width() + margin), 1.0 / (whole.height() + margin))


def _free_spots(
    node: str,
    rect: QRectF,
    placed: Mapping[str, QRectF],
    edges: list[tuple[str, str, bool]],
    top: float,
    bottom: float,
) -> list[QRectF]:
    """Where `node` (now at `rect`, outside the band from `top` to `bottom`) can go inside
    the band: above or under a node it has an edge to, or beside it (level with it, or up to
    two rows higher or lower: two lookups into one MX host), clear of every node of `placed`
    by FOLD_GAP, its edges crossing no other node and no edge crossing it. The spots that
    widen the route least first, then the nearest to that node."""
    w, h, gap = rect.width(), rect.height(), FOLD_GAP
    left, right = min(r.left() for r in placed.values()), max(r.right() for r in placed.values())
    mine = [(u, v, bow) for u, v, bow in edges if node in (u, v) and (u in placed or v in placed)]
    paths = [
        edge_geometry(placed[u], placed[v], bow).path
        for u, v, bow in edges
        if node not in (u, v) and u in placed and v in placed
    ]
    found: list[tuple[float, float, QRectF]] = []
    for u, v, _bow in mine:
        a = placed[v if u == node else u]
        # Centred on it, flush with either side, or a quarter of its width further out.
        xs = (
            a.center().x() - w / 2,
            a.left(),
            a.right() - w,
            a.left() - w / 4,
            a.right() - w * 3 / 4,
        )
        spots = [QRectF(x, y, w, h) for x in xs for y in (a.top() - gap - h, a.bottom() + gap)]
        for k in (0, -1, 1, -2, 2):
            y = a.center().y() - h / 2 + k * (h + gap)
            spots += [QRectF(a.right() + gap, y, w, h), QRectF(a.left() - gap - w, y, w, h)]
        for spot in spots:
            if spot.top() < top or spot.bottom() > bottom:
                continue
            if not _clear(node, spot, placed, mine, paths):
                continue
            wider = max(0.0, left - spot.left()) + max(0.0, spot.right() - right)
            found.append((wider, (spot.center() - a.center()).manhattanLength(), spot))
    found.sort(key=lambda f: f[:2])
    return [f[2] for f in found]


def _clear(
    node: str,
    spot: QRectF,
    placed: Mapping[str, QRectF],
    mine: list[tuple[str, str, bool]],
    paths: list[QPainterPath],
) -> bool:
    """`node` at `spot` keeps FOLD_GAP from every node of `placed`, its edges (`mine`) cross
    no other node, and no other edge (`paths`, between nodes placed) crosses it."""
    room = spot.adjusted(-FOLD_GAP, -FOLD_GAP, FOLD_GAP, FOLD_GAP)
    if any(room.intersects(r) for n, r in placed.items() if n != node):
        return False
    inner = spot.adjusted(1, 1, -1, -1)
    if any(p.controlPointRect().intersects(inner) and p.intersects(inner) for p in paths):
        return False
    for u, v, bow in mine:  # the other end is placed
        path = edge_geometry(
            spot if u == node else placed[u], spot if v == node else placed[v], bow
        ).path
        box = path.controlPointRect()
        for n, r in placed.items():
            if n not in (u, v) and box.intersects(r) and path.intersects(r.adjusted(1, 1, -1, -1)):
                return False
    return True
