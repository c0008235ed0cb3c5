"""How a run ends on screen: a cancelled run's pending nodes, a long message's collapsed hops."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from mailpath.gui import i18n
from tests.gui.zones import zone_from_recording
from tests.support.dnsserver import TIMEOUT

ROOT = Path(__file__).resolve().parents[2]


def _label(window: Any, node: str) -> str:
    return str(window.scene.nodes[node].attrs["label"])


def test_cancel_says_what_will_not_be_resolved(qtbot: Any, window: Any, dns_server: Any) -> None:
    zone = zone_from_recording()
    # gmail.com's MX never answers: its node waits while the rest of the route resolves.
    zone["gmail.com"] = [TIMEOUT, *(r for r in zone["gmail.com"] if r[0] != "MX")]
    server = dns_server(zone)
    window.set_inputs("ts.skr.jp", "gmail.com", "", [server.nameserver])
    assert window.start_analysis()
    qtbot.waitUntil(
        lambda: "mx:?" in window.scene.nodes and window.result is not None, timeout=5000
    )
    assert "resolving…" in _label(window, "mx:?")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.running
    assert "not resolved (cancelled)" in _label(window, "mx:?")
    assert "resolving" not in _label(window, "mx:?")
    assert window.result.cancelled
    i18n.install("ja")
    window.retranslate()
    assert "未解決（中止）" in _label(window, "mx:?")


def test_collapsed_hops_show_hop_numbers_not_an_internal_id(qtbot: Any, window: Any) -> None:
    from mailpath.core.analysis import analyze
    from mailpath.core.dns import ReplaySource
    from mailpath.core.message import parse_message
    from mailpath.core.message_check import MessageInput, message_parties
    from mailpath.core.recording import open_recording
    from tests.core.test_route_message import _relayed_message

    parsed = parse_message(_relayed_message(1500))
    s, r, v = message_parties(parsed)
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    result = asyncio.run(analyze(ReplaySource(rec.answers), s, r, v, message=MessageInput(parsed)))
    window.ensure_built()
    window.analysis.show_result(result)
    (node,) = [n for n, i in window.scene.nodes.items() if len(i.attrs.get("hops", ())) > 100]
    window.details.show_node(node, window.scene.nodes[node].attrs)
    head = window.details.tree.topLevelItem(0)
    assert head.text(1) == "Hops #8–#1,493"
    assert node not in head.text(1)
