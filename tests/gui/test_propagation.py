"""Is my fix live yet? The window's part: the authoritative servers, TTLs, re-check until it
passes, the resolver choice (public resolvers, DoH/DoT, remembered entries) and Compare
Resolvers; in English and Japanese.

Real DNS over loopback sockets: the resolver is the loopback test server; the zone's own name
servers are two more of them on 127.0.0.2 and 127.0.0.3 sharing one port (the window asks
them on that port instead of 53). The public resolvers are listed, never contacted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QTreeWidget, QTreeWidgetItem

from tests.support.dnsserver import DnsTestServer
from tests.support.doh import LocalCa, TlsDnsServer
from tests.support.nsd import free_port

NS1, NS2 = "127.0.0.2", "127.0.0.3"
VIA = "198.51.100.25"
OLD_SPF = "v=spf1 ip4:192.0.2.0/24 -all"
NEW_SPF = f"v=spf1 ip4:192.0.2.0/24 ip4:{VIA} -all"
OLD_SERIAL, NEW_SERIAL = 2026120101, 2026120201
DMARC = "v=DMARC1; p=reject"
RESOLVER_TTL = 3412


def zone(
    spf: str = OLD_SPF, serial: int = OLD_SERIAL, ns: tuple[str, str] = (NS1, NS2)
) -> dict[str, Any]:
    """example.com with two name servers at `ns` (scripts/screenshots.py's world too)."""
    soa = f"ns1.example.com. hostmaster.example.com. {serial} 3600 900 604800 300"
    return {
        "example.com": [
            ("SOA", soa),
            ("NS", "ns1.example.com"),
            ("NS", "ns2.example.com"),
            ("TXT", spf),
            ("MX", (10, "mx.example.com")),
        ],
        "_dmarc.example.com": [("TXT", DMARC)],
        "mx.example.com": [("A", "192.0.2.25")],
        "ns1.example.com": [("A", ns[0])],
        "ns2.example.com": [("A", ns[1])],
        "25.100.51.198.in-addr.arpa": [("PTR", "out.example.com")],
        "out.example.com": [("A", VIA)],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }


def texts(tree: QTreeWidget) -> list[str]:
    """Every row of `tree` as its cells joined by " | ", depth first."""
    out: list[str] = []

    def walk(item: QTreeWidgetItem) -> None:
        out.append(" | ".join(item.text(c) for c in range(tree.columnCount())))
        for i in range(item.childCount()):
            child = item.child(i)
            assert child is not None
            walk(child)

    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        walk(top)
    return out


def analyze(qtbot: Any, window: Any, resolver: str, timeout: int = 20000) -> None:
    window.inputs.set_inputs("example.com", "example.net", VIA, [resolver])
    with qtbot.waitSignal(window.analysisFinished, timeout=timeout):
        assert window.analysis.start()


@pytest.fixture
def zone_servers(dns_server: Callable[..., DnsTestServer]) -> tuple[DnsTestServer, int]:
    """The resolver (old SPF, long TTL) and the zone's two servers (new SPF and serial)."""
    port = free_port(NS1, NS2)
    for address in (NS1, NS2):
        dns_server(zone(NEW_SPF, NEW_SERIAL), address=address, port=port)
    return dns_server(zone(), ttl=RESOLVER_TTL), port


def test_authoritative_servers_panel_and_findings(
    qtbot: Any, window: Any, zone_servers: tuple[DnsTestServer, int]
) -> None:
    resolver, port = zone_servers
    fix = window.propagation
    fix.authoritative_port = port
    assert fix.panel.tree.topLevelItemCount() == 0  # nothing asked yet: the hint
    assert "Ask the Domain's Own Name Servers" in fix.panel.summary.text()
    fix.act_authoritative.setChecked(True)
    assert fix.authoritative_dock.isVisible()
    analyze(qtbot, window, resolver.nameserver)

    rows = texts(fix.panel.tree)
    for host, address in (("ns1.example.com", NS1), ("ns2.example.com", NS2)):
        assert f"{host} | {address} | answered | yes | {NEW_SERIAL} |  | " in rows
    # The servers agree on the new SPF record; the resolver still holds the old one.
    assert "✓ example.com TXT |  |  |  |  | the servers agree | " in rows
    assert f"✓ ns1.example.com | {NS1} | answered | yes | {NEW_SERIAL} | {NEW_SPF} | 300 s" in rows
    assert f"✗ Your resolver |  | answered |  |  | {OLD_SPF} | 3,412 s" in rows
    assert "do not all agree" in fix.panel.summary.text()
    # The stale cache is a finding like any other, in English and in Japanese.
    findings = "\n".join(texts(window.findings.tree))
    assert "the new record is on 2 of 2 authoritative servers" in findings
    assert "for up to 3,412 s" in findings
    # The setting is remembered for the next window.
    assert window.settings.value("analysis/authoritative") in (True, "true")

    window.set_language("ja")
    findings = "\n".join(texts(window.findings.tree))
    assert "新しいレコードは権威サーバー 2 台中 2 台にあります" in findings
    assert "最大 3,412 秒" in findings
    rows = texts(fix.panel.tree)
    assert f"ns1.example.com | {NS1} | 応答あり | はい | {NEW_SERIAL} |  | " in rows
    assert f"✗ 使用中のリゾルバー |  | 応答あり |  |  | {OLD_SPF} | 3,412 秒" in rows
    assert fix.authoritative_dock.windowTitle() == "権威サーバー"
    window.set_language("en")


def test_details_show_the_ttl_in_both_languages(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer]
) -> None:
    server = dns_server(zone(), ttl=RESOLVER_TTL)
    analyze(qtbot, window, server.nameserver)
    window.route.select_node("dns:spf")
    rows = texts(window.details.tree)
    assert "ttl | 3412" in rows  # seconds, as the resolver reported them
    window.set_language("ja")
    window.route.select_node("dns:spf")
    rows = texts(window.details.tree)
    assert "TTL（秒） | 3412" in rows
    window.set_language("en")
    # Which transport answered: the status bar says it.
    assert window.propagation.via.isVisible()
    assert window.propagation.via.text() == f"via DNS {server.nameserver}"


def test_recheck_until_it_passes(
    qtbot: Any,
    window: Any,
    dns_server: Callable[..., DnsTestServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MAILPATH_WATCH_MIN", "1")
    server = dns_server(zone())
    watch = window.propagation.watch
    window.inputs.set_inputs("example.com", "example.net", VIA, [server.nameserver])
    window.propagation.act_watch.trigger()
    assert window.propagation.watch_dock.isVisible()
    assert watch.active
    watch.panel.interval.setValue(1)
    assert watch.panel.state.text() == "Re-checking every 1 s until the verdict passes."
    qtbot.waitUntil(lambda: len(watch.runs) == 1, timeout=20000)
    assert watch.runs[0][1] != "verified"
    assert watch.active
    qtbot.waitUntil(lambda: watch.countdown.isVisible(), timeout=5000)
    assert watch.countdown.text().startswith("Re-checking in ")
    server.zone = zone(NEW_SPF)  # the fix is published while the watch waits
    qtbot.waitUntil(lambda: not watch.active, timeout=20000)

    assert watch.runs[-1][1] == "verified"
    assert len(watch.runs) >= 2
    history = [watch.panel.history.item(i).text() for i in range(watch.panel.history.count())]
    assert len(history) == len(watch.runs)
    assert "#1" in history[0] and "first check" in history[0]
    assert "verdict: refused → accepted as verified" in history[-1]
    assert f"SPF record {OLD_SPF!r} → {NEW_SPF!r}" in history[-1]  # one arrow, as above
    assert "->" not in history[-1]
    # Findings in words, never their codes ("-spf-not-authorized").
    assert "resolved (found before, not now): " in history[-1]
    assert "spf-not-authorized" not in history[-1]
    assert not watch.countdown.isVisible()
    assert not window.propagation.act_watch.isChecked()
    assert watch.last_notice.startswith(f"After {len(watch.runs)} checks: ")
    assert window.status_line.label.text() == watch.last_notice
    assert "passed" in watch.panel.state.text()

    # In Japanese the same history is rendered again from the data: the words are Japanese,
    # the records and addresses stay as they are; the verdict and findings are in words.
    window.set_language("ja")
    try:
        history = [watch.panel.history.item(i).text() for i in range(len(watch.runs))]
        last = history[-1]
        assert "初回" in history[0]
        assert "判定: 拒否 → 認証済みとして受理" in last
        assert f"SPF レコード {OLD_SPF!r} → {NEW_SPF!r}" in last
        assert f"{VIA} の SPF fail → pass" in last
        assert "解消（前回は指摘、今回はなし）: " in last
        for english in (
            "first check",
            "no change",
            "verdict",
            "SPF record",
            "SPF for",
            "->",
            "resolved",
            "spf-not-authorized",
        ):
            assert english not in "\n".join(history), english
        if shots := os.environ.get("MAILPATH_SHOTS"):  # to look at it: a directory
            dock = window.propagation.watch_dock
            dock.resize(900, 360)
            dock.grab().save(str(Path(shots) / "watch-history-ja.png"))
    finally:
        window.set_language("en")
    assert (
        "verdict: refused → accepted as verified"
        in watch.panel.history.item(len(watch.runs) - 1).text()
    )


def test_stop_ends_the_recheck(
    qtbot: Any,
    window: Any,
    dns_server: Callable[..., DnsTestServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MAILPATH_WATCH_MIN", "1")
    server = dns_server(zone())
    watch = window.propagation.watch
    window.inputs.set_inputs("example.com", "example.net", VIA, [server.nameserver])
    watch.panel.interval.setValue(30)
    watch.panel.start_button.click()
    qtbot.waitUntil(lambda: len(watch.runs) == 1, timeout=20000)
    qtbot.waitUntil(lambda: watch.countdown.isVisible(), timeout=5000)
    watch.panel.stop_button.click()
    assert not watch.active
    assert not watch.countdown.isVisible()
    assert watch.panel.state.text() == "Stopped."
    assert not window.propagation.act_watch.isChecked()
    assert watch.last_notice == ""


def _focus_resolver_field(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.inputs.resolver_combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.inputs.resolver_combo.hasFocus)


def test_resolver_choices_public_and_remembered(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer]
) -> None:
    from PySide6.QtCore import QSettings

    from mailpath.gui.window.main_window import MainWindow

    combo = window.inputs.resolver_combo
    _focus_resolver_field(qtbot, window)  # as a person clicks it to open its list
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "System resolver"
    for label in ("Cloudflare (plain DNS)", "Cloudflare (DoH)", "Quad9 (DoT)", "Google (DoH)"):
        assert label in labels
    combo.setCurrentIndex(labels.index("Cloudflare (DoH)"))
    assert window.inputs.resolver_servers() == ["https://cloudflare-dns.com/dns-query"]
    combo.setCurrentIndex(labels.index("Quad9 (DoT)"))
    assert window.inputs.resolver_servers() == ["tls://9.9.9.9#dns.quad9.net"]
    # A typed server is analyzed with and remembered (not the public ones).
    server = dns_server(zone())
    analyze(qtbot, window, server.nameserver)
    window.close()
    again = MainWindow(QSettings(), "en")
    again.screenshot_mode = True
    qtbot.addWidget(again)
    _focus_resolver_field(qtbot, again)
    texts_again = [
        again.inputs.resolver_combo.itemText(i) for i in range(again.inputs.resolver_combo.count())
    ]
    assert texts_again[1] == server.nameserver
    assert texts_again.count("Cloudflare (DoH)") == 1
    again.set_language("ja")
    ja = [
        again.inputs.resolver_combo.itemText(i) for i in range(again.inputs.resolver_combo.count())
    ]
    assert "Cloudflare（DoH）" in ja
    again.set_language("en")
    again.close()


def test_public_resolvers_complete_as_typed_and_a_saved_one_shows_its_label(
    qtbot: Any, window: Any
) -> None:
    """The public resolvers join the list when it is first wanted (not in the first frame):
    a person who tabs to the field and types the start of one has it completed, as before,
    and a public resolver chosen last time is shown by its label at start."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from mailpath.gui.window.main_window import MainWindow

    combo = window.inputs.resolver_combo
    _focus_resolver_field(qtbot, window)
    combo.setEditText("")
    QTest.keyClicks(combo, "Quad9 (Do")
    assert combo.currentText() == "Quad9 (DoH)"
    assert window.inputs.resolver_servers() == ["https://dns.quad9.net/dns-query"]
    window.close()
    QSettings().setValue("resolver", "tls://1.1.1.1#one.one.one.one")
    again = MainWindow(QSettings(), "en")
    qtbot.addWidget(again)
    assert again.inputs.resolver_combo.currentText() == "Cloudflare (DoT)"
    assert again.inputs.resolver_servers() == ["tls://1.1.1.1#one.one.one.one"]
    again.close()


def test_tls_certificate_failure_is_an_error_naming_the_server(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer], tmp_path: Path
) -> None:
    upstream = dns_server(zone())
    ca = LocalCa(tmp_path)  # not trusted: $MAILPATH_CA_FILE is not set
    window.screenshot_mode = False
    with TlsDnsServer(upstream, ca) as dot:
        analyze(qtbot, window, dot.nameserver)
        qtbot.waitUntil(
            lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=5000
        )
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert box.text().startswith(f"TLS certificate check failed for {dot.nameserver}: ")
    assert "Nothing was taken from it over plain DNS" in box.text()
    assert window.propagation.tls_failure.startswith(dot.nameserver)
    assert dot.nameserver in window.status_line.label.text()
    box.close()
    # Nothing was taken over plain DNS instead: no record reached the route.
    window.route.select_node("dns:spf")
    assert not any(OLD_SPF in row for row in texts(window.details.tree))
    # Nothing answered through it: no "via" claim, and the resolver field names the failure.
    assert not window.propagation.via.isVisible()
    assert window.session.result is None
    assert dot.nameserver in window.inputs.error_labels["resolver"].text()
    assert "TLS certificate is not trusted" in window.inputs.error_labels["resolver"].text()


def test_dot_with_a_trusted_ca_answers(
    qtbot: Any,
    window: Any,
    dns_server: Callable[..., DnsTestServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upstream = dns_server(zone(), ttl=RESOLVER_TTL)
    ca = LocalCa(tmp_path)
    monkeypatch.setenv("MAILPATH_CA_FILE", str(ca.ca_file))
    with TlsDnsServer(upstream, ca) as dot:
        analyze(qtbot, window, dot.nameserver)
    assert window.propagation.tls_failure is None
    assert window.propagation.via.text() == f"via DoT {dot.nameserver}"
    assert window.session.result.resolver.kind == "dot"


def test_compare_resolvers(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer]
) -> None:
    old = dns_server(zone(), ttl=3000)
    new = dns_server(zone(NEW_SPF), ttl=10)
    dialog = window.propagation.open_compare()
    assert "Analyze first" in dialog.summary.text()
    assert not dialog.compare_button.isEnabled()
    dialog.close()
    analyze(qtbot, window, old.nameserver)
    dialog = window.propagation.open_compare()
    choices = [dialog.choices.item(i).text() for i in range(dialog.choices.count())]
    assert "Cloudflare (DoH)" in choices
    assert old.nameserver in choices
    dialog.add_edit.setText("tls://dns.example")
    dialog.add_typed()
    assert dialog.error.isVisible()
    dialog.add_edit.setText(new.nameserver)
    assert dialog.add_typed()
    dialog.set_checked([old.nameserver, new.nameserver])
    assert dialog.compare_button.isEnabled()
    with qtbot.waitSignal(dialog.runner.finished, timeout=20000):
        dialog.compare_button.click()
    rows = dialog.row_texts()
    assert rows == [
        ["example.com TXT", "", ""],
        [old.nameserver, "3,000 s", OLD_SPF],
        [new.nameserver, "10 s", NEW_SPF],
    ]
    assert dialog.compare_button.isEnabled()  # again, for another choice
    assert "1 of " in dialog.summary.text()
    assert "answered differently by the 2 resolvers" in dialog.summary.text()
    dialog.close()


def test_watch_changes_are_in_the_catalogue() -> None:
    """Each of the watch's templates is collected for the .ts and has its Japanese there."""
    from mailpath.core.watch import TEMPLATES
    from mailpath.gui.text.catalogue import extract, read_ts
    from mailpath.gui.text.i18n import ts_path

    wanted = extract()["WatchChanges"]
    have = read_ts(ts_path("ja"))
    for template in TEMPLATES.values():
        assert template in wanted
        text, kind = have[("WatchChanges", template)]
        assert text and kind is None, template
