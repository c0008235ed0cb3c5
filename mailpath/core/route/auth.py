"""The message's DKIM signatures and DMARC result, right of the mailbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailpath.core.model import MessageInfo, Status
from mailpath.core.route.attrs import EdgeKind, NodeKind
from mailpath.core.route.labels import (
    YES_NO,
    add_edge,
    add_node,
    details_of,
    label_of,
    or_none,
    part,
    put_detail,
    text,
)
from mailpath.core.route.sending import STATUS_RANK

if TYPE_CHECKING:
    from mailpath.core.auth.dkim import DkimSignature
    from mailpath.core.route.attrs import RouteGraph

#: DKIM signatures drawn one node each; more become one "+N more" node.
DKIM_MAX = 6

_DKIM_STATUS = {
    "pass": Status.PASS,
    "fail": Status.FAIL,
    "neutral": Status.NEUTRAL,
    "temperror": Status.ERROR,
    "permerror": Status.ERROR,
}
_DMARC_STATUS = {
    "pass": Status.PASS,
    "fail": Status.FAIL,
    "none": Status.NONE,
    "temperror": Status.ERROR,
    "permerror": Status.ERROR,
}


def add_auth_nodes(g: RouteGraph, info: MessageInfo, layer: int = 5) -> None:
    """DKIM signatures and DMARC's result, right of the mailbox (in column `layer`)."""
    _add_dmarc_node(g, info, layer)
    _add_dkim_nodes(g, info, layer)


def _add_dmarc_node(g: RouteGraph, info: MessageInfo, layer: int) -> None:
    dm = info.dmarc_result
    if dm is not None:
        status = _DMARC_STATUS.get(dm.result, Status.UNKNOWN)
        if dm.result == "fail" and dm.disposition == "none":
            status = Status.SOFTFAIL
        details = details_of(
            (part("d.result"), text(dm.result)),
            (part("d.disposition"), text(dm.disposition)),
            (part("d.policy_domain"), or_none(dm.policy_domain)),
            (part("d.spf_aligned"), part(YES_NO[bool(dm.spf_aligned)])),
            (part("d.dkim_aligned"), part(YES_NO[bool(dm.dkim_aligned)])),
            (part("d.reason"), text(dm.reason) if isinstance(dm.reason, str) else dm.reason),
        )
        label = label_of(
            part("dmarc.result", result=dm.result),
            part("dmarc.disposition", disposition=dm.disposition),
        )
    else:
        status = Status.UNKNOWN
        label = label_of(part("dmarc.title"), part("dmarc.not_evaluated"))
        details = details_of()
    add_node(g, "dmarc:result", kind=NodeKind.DMARC, **label, status=status, **details)
    g.nodes["dmarc:result"]["layer"] = layer
    add_edge(g, "mailbox", "dmarc:result", kind=EdgeKind.AUTH, **label_of(), status=status)


def _add_dkim_nodes(g: RouteGraph, info: MessageInfo, layer: int) -> None:
    dm = info.dmarc_result
    signatures = list(info.dkim)
    if not signatures:
        failing = dm is not None and dm.result == "fail"
        status = Status.FAIL if failing else Status.NONE
        add_node(
            g,
            "dkim:none",
            kind=NodeKind.DKIM,
            **label_of(part("dkim.none"), part("dkim.no_signature")),
            status=status,
            **details_of((part("d.dkim"), part("dkim.no_signature_long"))),
            layer=layer,
            index=0,
        )
        add_edge(
            g,
            "mailbox",
            "dkim:none",
            kind=EdgeKind.AUTH,
            **label_of(),
            status=status,
        )
        return
    for n, sig in enumerate(signatures[:DKIM_MAX]):
        status = _DKIM_STATUS.get(sig.result, Status.UNKNOWN)
        items = [text(sig.result), part("dkim.aligned" if sig.aligned else "dkim.not_aligned")]
        if sig.key_bits:
            items.append(part("dkim.bits", bits=sig.key_bits))
        details = details_of(
            (part("d.domain"), or_none(sig.domain)),
            (part("d.selector"), or_none(sig.selector)),
            (part("d.algorithm"), or_none(sig.algorithm)),
            (part("d.result"), text(sig.result)),
            (part("d.aligned"), part(YES_NO[bool(sig.aligned)])),
        )
        if sig.reason:
            put_detail(details, part("d.reason"), text(sig.reason))
        if sig.key_bits:
            key = (
                part("dkim.key", type=sig.key_type, bits=sig.key_bits)
                if sig.key_type
                else part("dkim.bits", bits=sig.key_bits)
            )
            put_detail(details, part("d.key"), key)
        node = f"dkim:{n}"
        add_node(
            g,
            node,
            kind=NodeKind.DKIM,
            **label_of(
                part("dkim.signature", domain=sig.domain or "?", selector=sig.selector or "?"),
                part("join", items=items),
            ),
            status=status,
            **details,
            layer=layer,
            index=n,
        )
        add_edge(g, "mailbox", node, kind=EdgeKind.AUTH, **label_of(), status=status)
    if len(signatures) > DKIM_MAX:
        _add_more_dkim(g, signatures[DKIM_MAX:], layer)


def _add_more_dkim(g: RouteGraph, rest: list[DkimSignature], layer: int) -> None:
    """One node for the signatures beyond DKIM_MAX, as bad as the worst of them."""
    worst = max(
        (_DKIM_STATUS.get(s.result, Status.UNKNOWN) for s in rest), key=lambda s: STATUS_RANK[s]
    )
    add_node(
        g,
        "dkim:more",
        kind=NodeKind.DKIM,
        **label_of(part("dkim.title"), part("dkim.more", count=len(rest))),
        status=worst,
        **details_of(
            (
                part("d.signatures"),
                [
                    part(
                        "dkim.summary",
                        domain=s.domain,
                        selector=s.selector,
                        result=s.result,
                    )
                    for s in rest
                ],
            )
        ),
        layer=layer,
        index=DKIM_MAX,
    )
    add_edge(g, "mailbox", "dkim:more", kind=EdgeKind.AUTH, **label_of(), status=worst)
