"""The Requirements dock (the bundled example, filtered, in both languages), the blocklist
setting reaching the analysis, and the sender's BIMI logo beside the Sender field. Live runs
ask the loopback DNS server (and a loopback HTTPS server with a test CA for the logo)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from PySide6.QtCore import QSettings

from mailpath.paths import seed_example
from tests.support.dnsserver import DnsTestServer
from tests.support.httpsserver import HttpsTestServer, Reply

VIA = "198.51.100.25"

#: The bundled example's requirements as the table shows them: (audience, rule, status).
SEED_ROWS = [
    ("all senders", "spf-or-dkim", "unknown"),
    ("all senders", "ptr-fcrdns", "met"),
    ("all senders", "tls", "unknown"),
    ("all senders", "rfc5322", "unknown"),
    ("all senders", "no-gmail-from", "met"),
    ("all senders", "arc-for-forwarders", "unknown"),
    ("all senders", "spam-rate", "unknown"),
    ("bulk senders", "spf-and-dkim", "not met"),
    ("bulk senders", "dmarc-published", "not met"),
    ("bulk senders", "dmarc-aligned", "unknown"),
    ("bulk senders", "one-click-unsubscribe", "unknown"),
]


def open_recording(qtbot: Any, win: Any, path: Path) -> None:
    with qtbot.waitSignal(win.analysisFinished, timeout=15000):
        assert win.files.open_analysis(str(path))


def shown(win: Any) -> list[tuple[str, str, str]]:
    """(audience, rule id, status) of each row on screen."""
    from PySide6.QtCore import Qt

    panel = win.requirements.panel
    table = panel.table
    out = []
    for row in range(table.rowCount()):
        if table.isRowHidden(row):
            continue
        _audience, rule, _status = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        out.append((table.item(row, 1).text(), rule, table.item(row, 3).text()))
    return out


def test_the_example_fills_the_table_and_the_filters_hide_rows(qtbot: Any, window: Any) -> None:
    open_recording(qtbot, window, seed_example())
    panel = window.requirements.panel
    assert shown(window) == SEED_ROWS
    cells = panel.visible_rows()
    assert {c[0] for c in cells} == {"gmail.com"}
    dmarc = next(c for c in cells if c[1] == "bulk senders" and "DMARC" in c[2])
    assert dmarc[3] == "not met"
    assert dmarc[4] == "No DMARC record applies to ts.skr.jp."
    assert dmarc[5].startswith('Publish at _dmarc.ts.skr.jp this TXT record: "v=DMARC1; p=none')
    panel.bulk_check.setChecked(False)
    assert shown(window) == [r for r in SEED_ROWS if r[0] == "all senders"]
    panel.bulk_check.setChecked(True)
    panel.all_check.setChecked(False)
    assert shown(window) == [r for r in SEED_ROWS if r[0] == "bulk senders"]
    # A new run empties the table until its result is complete.
    window.analysis.run_request(window.session.request)
    assert panel.table.rowCount() == 0
    qtbot.waitUntil(lambda: panel.table.rowCount() == len(SEED_ROWS), timeout=15000)


def test_the_table_in_japanese(qtbot: Any, window: Any) -> None:
    open_recording(qtbot, window, seed_example())
    window.set_language("ja")
    panel = window.requirements.panel
    assert window.requirements.dock.windowTitle() == "受信側の要件"
    header = [panel.table.horizontalHeaderItem(i).text() for i in range(6)]
    assert header == ["受信側", "対象", "要件", "状態", "根拠", "修正案"]
    assert panel.bulk_check.text() == "大量送信者向けの要件"
    audiences = [r[0] for r in shown(window)]
    statuses = [r[2] for r in shown(window)]
    assert audiences == ["すべての送信者"] * 7 + ["大量送信者"] * 4
    assert statuses[:2] == ["不明", "満たす"] and statuses[7] == "満たさない"
    dmarc = panel.visible_rows()[8]
    assert "DMARC" in dmarc[4] and dmarc[4] != "No DMARC record applies to ts.skr.jp."
    assert dmarc[5].startswith("_dmarc.ts.skr.jp に次の TXT レコードを公開してください")
    window.set_language("en")
    assert shown(window) == SEED_ROWS


def test_the_tab_first_chosen_after_a_result_shows_its_rows(qtbot: Any, window: Any) -> None:
    """The table is built when its tab is first chosen (not at start): it then shows the
    result that arrived before, in the language chosen before."""
    from mailpath.gui.panels.requirements import RequirementsPanel

    open_recording(qtbot, window, seed_example())
    window.set_language("ja")
    dock = window.requirements.dock
    assert not isinstance(dock.widget(), RequirementsPanel)  # behind the Findings tab
    dock.raise_()
    qtbot.waitUntil(lambda: isinstance(dock.widget(), RequirementsPanel), timeout=5000)
    panel = dock.widget()
    assert panel.isVisible()
    assert panel.table.horizontalHeaderItem(0).text() == "受信側"
    assert len(panel.visible_rows()) == len(SEED_ROWS)
    window.set_language("en")
    assert shown(window) == SEED_ROWS


# ---------------------------------------------------------------- live runs


def zone() -> dict[str, Any]:
    return {
        "example.com": [("TXT", "v=spf1 ip4:198.51.100.0/24 -all")],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "default._bimi.example.com": [("TXT", "v=BIMI1; l=https://logo.test/logo.svg; a=")],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
        "25.100.51.198.zen.spamhaus.org": [
            ("A", "127.0.0.2"),
            ("TXT", "Listed by SBL, see https://check.spamhaus.org/"),
        ],
    }


LOGO = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    b'version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100"><title>Example</title>'
    b'<rect x="0" y="0" width="100" height="100" fill="#cc0000"/></svg>'
)


@pytest.fixture
def logo_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HttpsTestServer]:
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("MAILPATH_CA_FILE", str(ca_file))
    routes = {"/logo.svg": Reply(200, LOGO, {"Content-Type": "image/svg+xml"})}
    with HttpsTestServer(ca, ("logo.test",), routes) as server:
        yield server


def run(qtbot: Any, window: Any, server: DnsTestServer) -> None:
    window.inputs.set_inputs("example.com", "example.net", VIA, [server.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.analysis.start()
    assert window.session.result is not None and window.session.result.complete


def test_the_blocklist_setting_is_off_until_turned_on_and_reaches_the_request(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer]
) -> None:
    server = dns_server(zone())
    listed = "25.100.51.198.zen.spamhaus.org"
    action = window.requirements.act_blocklists
    assert not action.isChecked()
    assert action in window.menus.menu_analysis.actions()
    run(qtbot, window, server)
    assert window.session.request.blocklists == ()
    assert window.session.result.blocklists is None
    assert not any(name == listed for name, *_ in server.queries)
    action.trigger()  # Analysis → Check DNS Blocklists, as a person would
    assert QSettings().value("analysis/blocklists") in (True, "true")
    run(qtbot, window, server)
    assert "zen.spamhaus.org" in window.session.request.blocklists
    assert any(name == listed for name, *_ in server.queries)
    answers = window.session.result.blocklists
    assert answers is not None and any(a.listed for a in answers)
    assert "blocklisted" in [f.code for f in window.session.result.findings]


def test_a_valid_bimi_logo_is_shown_beside_the_sender(
    qtbot: Any,
    window: Any,
    dns_server: Callable[..., DnsTestServer],
    logo_server: HttpsTestServer,
) -> None:
    from PySide6.QtGui import QColor

    data = zone()
    data["logo.test"] = [("A", logo_server.address)]
    server = dns_server(data)
    logo = window.requirements.sender_logo.label
    assert not logo.isVisible()
    run(qtbot, window, server)
    assert window.session.result.bimi is not None and window.session.result.bimi.shows_logo
    assert logo.isVisible() and logo.toolTip() == "The BIMI logo of example.com"
    # Beside the Sender label, above the Sender field.
    label = window.inputs.field_labels["sender"]
    field = window.inputs.sender_edit
    assert logo.geometry().bottom() <= field.geometry().top()
    assert logo.geometry().right() < field.geometry().right()
    image = logo.grab().toImage()
    text_end = label.geometry().left() + label.fontMetrics().horizontalAdvance(
        label.text().replace("&", "")
    )
    drawn = [x for x in range(image.width()) if image.pixelColor(x, 9) == QColor("#cc0000")]
    assert drawn and logo.geometry().left() + drawn[0] > text_end
    # Another sender without a logo: the logo goes.
    del data["default._bimi.example.com"]
    other = dns_server(data)
    run(qtbot, window, other)
    assert not logo.isVisible() and logo.pixmap().isNull()
