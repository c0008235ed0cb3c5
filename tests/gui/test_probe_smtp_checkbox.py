"""The window's "Probe STARTTLS" checkbox: off by default (it connects to the recipient's MX
hosts), says so in its tooltip, reaches the analysis request when ticked, and is remembered.
The MX host is an aiosmtpd server on loopback port 25; DNS is the loopback test server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import trustme
from PySide6.QtCore import QPoint, QSettings, Qt

from tests.support.dnsserver import DnsTestServer
from tests.support.https_policy import free_loopback
from tests.support.smtpserver import SmtpServer

MX = "mx1.corp.example"


def zone(mx_address: str) -> dict[str, Any]:
    return {
        "sender.example": [("TXT", "v=spf1 ip4:192.0.2.10 -all")],
        "corp.example": [("MX", (10, MX))],
        MX: [("A", mx_address)],
    }


def run(qtbot: Any, window: Any, nameserver: str) -> None:
    window.inputs.set_inputs("sender.example", "corp.example", "192.0.2.10", [nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=30000):
        assert window.analysis.start()


def test_the_checkbox_is_off_by_default_and_ticking_it_probes_the_mx(
    qtbot: Any, window: Any, dns_server: Callable[..., DnsTestServer]
) -> None:
    check = window.inputs.probe_check
    assert not check.isChecked()
    assert "port 25" in check.toolTip()
    with SmtpServer(free_loopback(25), trustme.CA().issue_cert(MX)) as smtp:
        dns = dns_server(zone(smtp.address))
        run(qtbot, window, dns.nameserver)
        assert window.session.request.probe_smtp is False
        assert smtp.commands == []  # the run is over: nothing connected to port 25
        assert window.session.result.transport.smtp is None

        qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))
        assert check.isChecked()
        run(qtbot, window, dns.nameserver)
        assert window.session.request.probe_smtp is True
        assert any(c.startswith("EHLO") for c in smtp.commands)
        assert not any(c.startswith("MAIL") for c in smtp.commands)
    assert set(window.session.result.transport.smtp) == {MX}
    # The test CA is not trusted: the findings say so.
    assert "certificate-untrusted" in {f.code for f in window.session.result.findings}

    from mailpath.gui.window.main_window import MainWindow

    again = MainWindow(QSettings(), "en")
    qtbot.addWidget(again)
    assert again.inputs.probe_check.isChecked()  # remembered
