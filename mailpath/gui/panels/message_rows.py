"""The message panel's rows: one per hop (from the Received headers, oldest first), and the
authentication tree (DMARC, DKIM signatures, ARC, the receiver's Authentication-Results).

Everything in them came from a message or from DNS: item texts, never interpreted; tooltips go
through `escaped_tooltip`. A message may carry a thousand Received headers: the look every hop
row shares is made once per fill.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from mailpath.gui.graph import markers
from mailpath.gui.panels.message_icons import handover_icon, lock_icon
from mailpath.gui.panels.widgets import escaped_tooltip
from mailpath.gui.text.i18n import tr
from mailpath.gui.text.sentences import sentence_text

if TYPE_CHECKING:
    # The message as `core.message_check.message_to_json` writes it (and a recording keeps).
    from mailpath.core.jsontypes import JsonValue

#: Item data (column 0 of a hop row): the hop's index into `hops`.
HOP_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Hop tree columns.
COL_NUMBER, COL_FROM, COL_BY, COL_PROTOCOL, COL_TLS, COL_TIME, COL_DELAY, COL_NOTE = range(8)
#: Authentication tree columns.
COL_CHECK, COL_RESULT, COL_DETAILS = range(3)

# ---------------------------------------------------------------- small helpers


def result_status(result: object) -> str:
    """A marker status for an authentication result token (DKIM, ARC, A-R, DMARC)."""
    token = str(getattr(result, "value", result) or "").strip().lower()
    mapped = {
        "temperror": "error",
        "permerror": "error",
        "policy": "neutral",
        "hardfail": "fail",
    }.get(token, token)
    return markers.normalize(mapped)


def text_of(value: object) -> str:
    return "" if value is None else str(value)


def _one_line(text: str, limit: int = 300) -> str:
    """A header folded over several lines, on one line (the full text goes in the tooltip)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def count_text(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.format(count=n)


def _yes_no(value: object) -> str:
    if value is None:
        return tr("MessagePanel", "unknown")
    return tr("MessagePanel", "yes") if value else tr("MessagePanel", "no")


def human_delay(seconds: float | None) -> str:
    """ "2 s", "3 min", "1 h 5 min", "2 d 3 h"; a negative delay keeps its sign."""
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return ""
    sign = "−" if seconds < 0 else ""
    s = round(abs(seconds))
    if s < 60:
        text = tr("MessagePanel", "{n} s").format(n=s)
    elif s < 3600:
        text = tr("MessagePanel", "{n} min").format(n=round(s / 60))
    elif s < 86400:
        h, m = divmod(round(s / 60), 60)
        if m:
            text = tr("MessagePanel", "{h} h {m} min").format(h=h, m=m)
        else:
            text = tr("MessagePanel", "{h} h").format(h=h)
    else:
        d, h = divmod(round(s / 3600), 24)
        if h:
            text = tr("MessagePanel", "{d} d {h} h").format(d=d, h=h)
        else:
            text = tr("MessagePanel", "{d} d").format(d=d)
    return sign + text


def local_time(iso: str | None) -> str:
    """An ISO 8601 UTC time as the local date and time, with seconds (hops are seconds apart)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return str(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _children_of(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]


def _bold(item: QTreeWidgetItem, columns: int) -> None:
    for column in range(columns):
        font = QFont(item.font(column))
        font.setBold(True)
        item.setFont(column, font)


def _row(
    check: str, result: str = "", details: str = "", status: str | None = None
) -> QTreeWidgetItem:
    item = QTreeWidgetItem([check, result, details])
    if status is not None:
        item.setIcon(COL_RESULT, markers.status_icon(status))
    for column, text in ((COL_CHECK, check), (COL_DETAILS, details)):
        if text:
            item.setToolTip(column, escaped_tooltip(text))
    return item


def disposition_text(disposition: str) -> str:
    """The DMARC policy the receiver applied, in words."""
    texts = {
        "none": tr("MessagePanel", "Policy applied: none (delivered as usual)"),
        "quarantine": tr("MessagePanel", "Policy applied: quarantine (spam folder)"),
        "reject": tr("MessagePanel", "Policy applied: reject"),
    }
    return texts.get(
        disposition,
        tr("MessagePanel", "Policy applied: {disposition}").format(disposition=disposition),
    )


# ---------------------------------------------------------------- hops


@dataclass
class _HopLook:
    """The icons, words and tooltips every hop row shares (made once per fill)."""

    handover: QIcon = field(default_factory=handover_icon)
    warning: QIcon = field(default_factory=lambda: markers.severity_icon("warning"))
    locked: QIcon = field(default_factory=lambda: lock_icon(True))
    unlocked: QIcon = field(default_factory=lambda: lock_icon(False))
    unknown: QIcon = field(default_factory=lambda: markers.status_icon("unknown"))
    # Short words under the "TLS" header (its own context: "yes" reads differently here).
    tls_texts: dict[bool | None, str] = field(
        default_factory=lambda: {
            True: tr("MessagePanelTls", "yes"),
            False: tr("MessagePanelTls", "no"),
            None: tr("MessagePanelTls", "unknown"),
        }
    )
    tls_tips: dict[bool | None, str] = field(
        default_factory=lambda: {
            True: escaped_tooltip(tr("MessagePanel", "This hop was encrypted (TLS).")),
            False: escaped_tooltip(tr("MessagePanel", "This hop was not encrypted.")),
            None: escaped_tooltip(
                tr("MessagePanel", "The header does not say whether TLS was used.")
            ),
        }
    )
    unparsed_note: str = field(
        default_factory=lambda: tr("MessagePanel", "not understood: shown as written")
    )
    handover_note: str = field(
        default_factory=lambda: tr("MessagePanel", "entered the recipient's servers here")
    )
    skew_note: str = field(
        default_factory=lambda: tr(
            "MessagePanel", "earlier than the hop before: the servers' clocks disagree"
        )
    )
    raw_tip: str = field(default_factory=lambda: tr("MessagePanel", "Received header as written:"))


def hop_items(
    data: Mapping[str, JsonValue], hops: Sequence[Mapping[str, JsonValue]]
) -> list[QTreeWidgetItem]:
    """One row per hop, oldest first; the hop where the mail entered the recipient's servers
    is marked and bold."""
    handover = data.get("handover") or None
    handover_hop = handover.get("hop") if handover else None
    look = _HopLook()
    return [_hop_item(look, index, hop, handover_hop == index) for index, hop in enumerate(hops)]


def _hop_source(hop: Mapping[str, JsonValue]) -> str:
    """Where the hop came from: its name (and HELO when it differs) and address; a header
    that was not understood, as written."""
    if hop.get("unparsed"):
        raw = _one_line(text_of(hop.get("raw")))
        if raw:
            return raw
    name = text_of(hop.get("from_name"))
    helo = text_of(hop.get("helo"))
    address = text_of(hop.get("from_address"))
    source = name or helo
    if helo and name and helo.lower() != name.lower():
        source = tr("MessagePanel", "{name} (HELO {helo})").format(name=name, helo=helo)
    if address:
        source = f"{source} [{address}]" if source else f"[{address}]"
    return source


def _hop_item(
    look: _HopLook, index: int, hop: Mapping[str, JsonValue], handover: bool
) -> QTreeWidgetItem:
    raw = text_of(hop.get("raw"))
    unparsed = bool(hop.get("unparsed"))
    tls = hop.get("tls")
    tls_known = tls if isinstance(tls, bool) else None
    delay = hop.get("delay_s")
    skewed = isinstance(delay, int | float) and delay < 0
    notes = []
    if unparsed:
        notes.append(look.unparsed_note)
    if handover:
        notes.append(look.handover_note)
    if skewed:
        notes.append(look.skew_note)
    item = QTreeWidgetItem(
        [
            str(index + 1),
            _hop_source(hop),
            text_of(hop.get("by")),
            text_of(hop.get("protocol")),
            look.tls_texts.get(tls_known, ""),
            local_time(hop.get("time")),
            human_delay(delay if isinstance(delay, int | float) else None),
            " · ".join(notes),
        ]
    )
    item.setData(COL_NUMBER, HOP_ROLE, index)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    item.setTextAlignment(COL_NUMBER, right)
    item.setTextAlignment(COL_DELAY, right)
    item.setIcon(
        COL_TLS, look.locked if tls is True else look.unlocked if tls is False else look.unknown
    )
    item.setToolTip(COL_TLS, look.tls_tips[tls_known])
    tip = escaped_tooltip(look.raw_tip + "\n" + raw) if raw else ""
    for column in (COL_NUMBER, COL_FROM, COL_BY, COL_PROTOCOL):
        item.setToolTip(column, tip)
    if hop.get("time"):
        item.setToolTip(COL_TIME, escaped_tooltip(f"{hop.get('time')} (UTC)"))
    if unparsed:
        item.setIcon(COL_NUMBER, look.warning)
    if notes:
        item.setToolTip(COL_NOTE, escaped_tooltip("\n".join(notes)))
    if skewed:
        item.setIcon(COL_DELAY, look.warning)
    if handover:
        item.setIcon(COL_FROM, look.handover)
        item.setToolTip(COL_NOTE, escaped_tooltip(look.handover_note))
        _bold(item, COL_NOTE + 1)
    return item


# ---------------------------------------------------------------- authentication


def fill_auth(tree: QTreeWidget, data: Mapping[str, JsonValue]) -> None:
    """DMARC, the DKIM signatures, ARC and the receiver's Authentication-Results, each a
    bold row with its parts under it."""
    signatures = list(data.get("dkim") or ())
    headers = list(data.get("authentication_results") or ())
    dkim_head = _dkim_head(signatures)
    tree.addTopLevelItems([_dmarc_row(data), dkim_head, _arc_row(data), _results_head(headers)])
    tree.expandAll()
    # A verified signature needs no second look; a failing one or one with l= does.
    for item, signature in zip(_children_of(dkim_head), signatures, strict=True):
        quiet = result_status(signature.get("result")) == "pass"
        item.setExpanded(not quiet or signature.get("body_length_limit") is not None)


def _dmarc_row(data: Mapping[str, JsonValue]) -> QTreeWidgetItem:
    dmarc = data.get("dmarc_result") or None
    if not dmarc:
        return _row(tr("MessagePanel", "DMARC"), tr("MessagePanel", "not evaluated"), "", "unknown")
    result = text_of(dmarc.get("result")) or "none"
    row = _row(
        tr("MessagePanel", "DMARC"),
        result,
        text_of(dmarc.get("policy_domain")),
        result_status(result),
    )
    row.addChild(_row(tr("MessagePanel", "aligned by SPF"), _yes_no(dmarc.get("spf_aligned"))))
    row.addChild(_row(tr("MessagePanel", "aligned by DKIM"), _yes_no(dmarc.get("dkim_aligned"))))
    row.addChild(_row(tr("MessagePanel", "policy domain"), text_of(dmarc.get("policy_domain"))))
    disposition = text_of(dmarc.get("disposition"))
    if disposition:
        row.addChild(
            _row(tr("MessagePanel", "disposition"), disposition, disposition_text(disposition))
        )
    _bold(row, 3)
    return row


def _dkim_head(signatures: Sequence[Mapping[str, JsonValue]]) -> QTreeWidgetItem:
    head = _row(
        tr("MessagePanel", "DKIM signatures"),
        count_text(
            len(signatures),
            tr("MessagePanel", "1 signature"),
            tr("MessagePanel", "{count} signatures"),
        )
        if signatures
        else tr("MessagePanel", "none"),
        "" if signatures else tr("MessagePanel", "The message carries no DKIM signature."),
        None if signatures else "none",
    )
    _bold(head, 3)
    for signature in signatures:
        head.addChild(_signature_item(signature))
    return head


def _arc_row(data: Mapping[str, JsonValue]) -> QTreeWidgetItem:
    arc = data.get("arc") or {}
    arc_result = text_of(arc.get("result")) or "none"
    instances = arc.get("instances")
    if isinstance(instances, list | tuple):  # a count, or the ARC sets themselves
        instances = len(instances)
    row = _row(
        tr("MessagePanel", "ARC"),
        arc_result,
        count_text(
            instances, tr("MessagePanel", "1 instance"), tr("MessagePanel", "{count} instances")
        )
        if isinstance(instances, int) and instances
        else tr("MessagePanel", "no ARC sets in the message"),
        result_status(arc_result),
    )
    _bold(row, 3)
    return row


def _results_head(headers: Sequence[Mapping[str, JsonValue]]) -> QTreeWidgetItem:
    head = _row(
        tr("MessagePanel", "Authentication-Results (as the receiver recorded)"),
        count_text(
            len(headers), tr("MessagePanel", "1 header"), tr("MessagePanel", "{count} headers")
        )
        if headers
        else tr("MessagePanel", "none"),
    )
    _bold(head, 3)
    for header in headers:
        head.addChild(_authentication_results_item(header))
    return head


def _signature_item(signature: Mapping[str, JsonValue]) -> QTreeWidgetItem:
    domain = text_of(signature.get("domain"))
    selector = text_of(signature.get("selector"))
    result = text_of(signature.get("result")) or "none"
    aligned = signature.get("aligned")
    summary = [text_of(signature.get("algorithm"))]
    bits = signature.get("key_bits")
    if bits:
        summary.append(tr("MessagePanel", "{bits}-bit key").format(bits=bits))
    if aligned is not None:
        summary.append(
            tr("MessagePanel", "aligned with From")
            if aligned
            else tr("MessagePanel", "not aligned with From")
        )
    item = _row(
        f"d={domain} s={selector}",
        result,
        " · ".join(part for part in summary if part),
        result_status(result),
    )
    fields = [
        (tr("MessagePanel", "domain (d=)"), domain),
        (tr("MessagePanel", "selector (s=)"), selector),
        (tr("MessagePanel", "algorithm"), text_of(signature.get("algorithm"))),
        (
            tr("MessagePanel", "key size"),
            tr("MessagePanel", "{bits} bits").format(bits=bits) if bits else "",
        ),
        (tr("MessagePanel", "aligned with From"), _yes_no(aligned)),
    ]
    reason = sentence_text(signature.get("reason"))
    if reason:
        fields.insert(0, (tr("MessagePanel", "reason"), reason))
    for key, value in fields:
        if value:
            item.addChild(_row(key, "", value))
    limit = signature.get("body_length_limit")
    if limit is not None:
        warn = _row(
            tr("MessagePanel", "body length limit (l=)"),
            str(limit),
            tr(
                "MessagePanel",
                "Only the first {limit} bytes of the body are signed: anyone can append text "
                "to this message without breaking the signature.",
            ).format(limit=limit),
        )
        warn.setIcon(COL_RESULT, markers.severity_icon("warning"))
        item.addChild(warn)
    return item


def _authentication_results_item(header: Mapping[str, JsonValue]) -> QTreeWidgetItem:
    authserv = text_of(header.get("authserv_id"))
    results = list(header.get("results") or ())
    head = _row(
        tr("MessagePanel", "by {authserv_id}").format(authserv_id=authserv or "?"),
        count_text(
            len(results), tr("MessagePanel", "1 result"), tr("MessagePanel", "{count} results")
        ),
    )
    for entry in results:
        method = text_of(entry.get("method"))
        result = text_of(entry.get("result"))
        details = []
        reason = text_of(entry.get("reason"))
        if reason:
            details.append(tr("MessagePanel", "reason: {reason}").format(reason=reason))
        properties = entry.get("properties") or {}
        if isinstance(properties, Mapping):
            details.extend(f"{key}={value}" for key, value in properties.items())
        head.addChild(_row(method, result, " · ".join(details), result_status(result)))
    return head
