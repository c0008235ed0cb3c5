"""Re-check is bound to what it watches: other inputs (typed, a message, another analysis)
stop it with a note, and "what changed" never compares runs of different inputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailpath.gui.text import i18n
from tests.gui.test_propagation import VIA, zone
from tests.support.dnsserver import DnsTestServer

ROOT = Path(__file__).resolve().parents[2]
STOPPED = "Re-check stopped: the inputs changed."


def other_zone() -> dict[str, Any]:
    return {
        **zone(),
        "example.org": [("MX", (10, "mx.example.org"))],  # no SPF: "spf-missing" if compared
        "mx.example.org": [("A", "192.0.2.81")],
    }


def history(watch: Any) -> list[str]:
    return [watch.panel.history.item(i).text() for i in range(watch.panel.history.count())]


@pytest.fixture
def watching(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer], monkeypatch: Any
) -> tuple[Any, DnsTestServer]:
    """A re-check of example.com -> example.net that has made its first run."""
    monkeypatch.setenv("MAILPATH_WATCH_MIN", "1")
    server = dns_server(other_zone())
    watch = window.propagation.watch
    window.inputs.set_inputs("example.com", "example.net", VIA, [server.nameserver])
    watch.panel.interval.setValue(1)
    watch.panel.start_button.click()
    qtbot.waitUntil(lambda: len(watch.runs) == 1 and not window.session.running, timeout=20000)
    assert watch.active
    return watch, server


def assert_stopped(window: Any, watch: Any) -> None:
    assert not watch.active
    assert len(watch.runs) == 1  # no run of the other inputs joined the history
    assert history(watch)[-1] == STOPPED
    assert watch.panel.state.text() == STOPPED
    assert not any("spf-missing" in line or "-spf" in line for line in history(watch))


def test_typed_inputs_stop_the_recheck_before_its_next_run(
    qtbot: Any, window: Any, watching: tuple[Any, DnsTestServer]
) -> None:
    watch, server = watching
    # The person types another recipient and sender; the watch's timer then fires.
    window.inputs.set_inputs("example.org", "example.net", "", [server.nameserver])
    qtbot.waitUntil(lambda: not watch.active, timeout=5000)
    assert_stopped(window, watch)
    assert window.status_line.label.text() in (STOPPED, window.analysis.idle_status())
    qtbot.waitUntil(lambda: not window.session.running, timeout=20000)
    # Nothing runs again: the next run would come from the watch's tick, and none is due.
    assert not watch._tick.isActive()
    assert len(watch.runs) == 1
    i18n.install("ja")
    window.retranslate()
    try:
        assert history(watch)[-1] == "再確認を停止しました: 入力が変わりました。"
        assert watch.panel.state.text() == "再確認を停止しました: 入力が変わりました。"
    finally:
        i18n.install("en")
        window.retranslate()


def test_another_analysis_stops_the_recheck(
    qtbot: Any, window: Any, watching: tuple[Any, DnsTestServer]
) -> None:
    watch, server = watching
    window.inputs.set_inputs("example.org", "example.com", "", [server.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.analysis.start()
    assert_stopped(window, watch)


def test_opening_a_message_stops_the_recheck(
    qtbot: Any, window: Any, watching: tuple[Any, DnsTestServer]
) -> None:
    watch, _ = watching
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.files.open_message(str(ROOT / "resources" / "examples" / "seed.eml"))
    assert_stopped(window, watch)


def test_the_same_inputs_analysed_again_keep_the_recheck(
    qtbot: Any, window: Any, watching: tuple[Any, DnsTestServer]
) -> None:
    watch, _ = watching
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.analysis.start()
    assert watch.active
    assert STOPPED not in history(watch)
    watch.stop()


def test_changes_of_every_kind_are_words() -> None:
    """Every verdict code has words, and findings are said by their message, never a code."""
    from mailpath.core.judgement.verdict import TEMPLATES as VERDICTS
    from mailpath.core.model import Finding, Severity
    from mailpath.core.watch import Change
    from mailpath.gui.panels.watch import change_text, verdict_words

    assert {key.split("/")[0] for key in VERDICTS} <= set(verdict_words())
    finding = Finding(
        Severity.ERROR,
        "spf-missing",
        "example.org publishes no SPF record.",
        template="spf-missing",
        params={"domain": "example.org"},
    )
    for key in ("finding-added", "finding-removed"):
        text = change_text(Change(key, {"code": "spf-missing"}, finding=finding))
        assert "spf-missing" not in text
        assert finding.message in text
    text = change_text(Change("verdict", {"before": "refused", "after": "verified"}))
    assert text == "verdict: refused → accepted as verified"
