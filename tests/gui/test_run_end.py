"""How a run ends on screen: a cancelled run's pending nodes, a long message's collapsed hops."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from mailpath.gui.text import i18n
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
    window.inputs.set_inputs("ts.skr.jp", "gmail.com", "", [server.nameserver])
    assert window.analysis.start()
    qtbot.waitUntil(
        lambda: "mx:?" in window.scene.nodes and window.session.result is not None, timeout=5000
    )
    assert "resolving…" in _label(window, "mx:?")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.session.running
    assert "not resolved (cancelled)" in _label(window, "mx:?")
    assert "resolving" not in _label(window, "mx:?")
    assert window.session.result.cancelled
    i18n.install("ja")
    window.retranslate()
    assert "未解決（中止）" in _label(window, "mx:?")


def test_collapsed_hops_show_hop_numbers_not_an_internal_id(qtbot: Any, window: Any) -> None:
    from mailpath.core.analysis import analyze
    from mailpath.core.dns.recording import open_recording
    from mailpath.core.dns.sources import ReplaySource
    from mailpath.core.message.check import MessageInput, message_parties
    from mailpath.core.message.parse import parse_message
    from tests.core.test_route_message import _relayed_message

    parsed = parse_message(_relayed_message(1500))
    s, r, v = message_parties(parsed)
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    result = asyncio.run(analyze(ReplaySource(rec.answers), s, r, v, message=MessageInput(parsed)))
    window.ensure_built()
    window.session.set_result(result)
    (node,) = [n for n, i in window.scene.nodes.items() if len(i.attrs.get("hops", ())) > 100]
    window.details.show_node(node, window.scene.nodes[node].attrs)
    head = window.details.tree.topLevelItem(0)
    assert head.text(1) == "Hops #8–#1,493"
    assert node not in head.text(1)


def test_a_resolver_that_answers_nothing_is_a_resolver_error(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    from tests.gui.zones import failing_zone

    good = dns_server(failing_zone())
    window.inputs.set_inputs("example.com", "example.org", "", [good.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.analysis.start()
    assert window.headline.status  # a verdict about the domains
    dead = dns_server(failing_zone())
    dead.stop()  # its port is closed: refused at once
    ns = f"127.0.0.1:{dead.port}"
    window.inputs.set_inputs("example.com", "example.org", "", [ns])
    started = time.monotonic()
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.analysis.start()
    assert time.monotonic() - started < 3
    expected = (
        f"The resolver {ns} does not answer (connection refused). No verdict about the domains "
        "can be made: choose another resolver, or check the network."
    )
    error = window.inputs.error_labels["resolver"]
    assert error.isVisibleTo(window)
    assert error.text() == expected
    assert window.status_line.label.text() == expected
    # No verdict about the recipient, no route, no findings of "failed lookups".
    assert window.session.result is None
    assert window.headline.status == ""
    assert window.scene.nodes == {}
    assert window.findings.tree.topLevelItemCount() == 0
    window.set_language("ja")
    assert error.text() == (
        f"リゾルバー {ns} が応答しません（接続を拒否されました）。"
        "ドメインについての判定はできません。"
        "別のリゾルバーを選ぶか、ネットワークを確認してください。"
    )
    assert "does not answer" not in window.status_line.label.text()


def test_one_silent_zone_in_the_window_is_still_a_verdict(
    qtbot: Any, window: Any, dns_server: Any
) -> None:
    from tests.gui.zones import failing_zone

    zone = failing_zone()
    zone["example.org"] = [TIMEOUT]
    server = dns_server(zone)
    window.inputs.set_inputs("example.com", "example.org", "", [server.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.analysis.start()
    assert window.session.result is not None and window.session.result.mx.kind == "error"
    assert window.headline.status
    assert not window.inputs.error_labels["resolver"].isVisibleTo(window)
