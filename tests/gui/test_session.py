"""The window runs the core's session (core.session), so it ends a run as the CLI does.

A plain resolver answers every question but the DMARC record (SERVFAIL); behind it, a
DNS-over-TLS server whose certificate no trusted CA signed gets that question and fails it.
The CLI has always refused such a run ("TLS certificate check failed ..."): no answer was
taken over plain DNS, so no verdict can come from it, and the zone's own servers are not
asked. The window used to draw a verdict anyway, without the authoritative view it was asked
for. Real DNS over loopback sockets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailpath.cli import main
from tests.support.dnsserver import DnsTestServer
from tests.support.doh import LocalCa, TlsDnsServer
from tests.support.nsd import free_port

NS1, NS2 = "127.0.0.2", "127.0.0.3"
VIA = "198.51.100.25"


def zone() -> dict[str, Any]:
    soa = "ns1.example.com. hostmaster.example.com. 2026120101 3600 900 604800 300"
    return {
        "example.com": [
            ("SOA", soa),
            ("NS", "ns1.example.com"),
            ("NS", "ns2.example.com"),
            ("TXT", "v=spf1 ip4:192.0.2.0/24 -all"),
            ("MX", (10, "mx.example.com")),
        ],
        "_dmarc.example.com": [("TXT", "v=DMARC1; p=reject")],
        "mx.example.com": [("A", "192.0.2.25")],
        "ns1.example.com": [("A", NS1)],
        "ns2.example.com": [("A", NS2)],
        "example.net": [("MX", (10, "mx.example.net"))],
        "mx.example.net": [("A", "192.0.2.80")],
    }


def test_tls_failure_with_authoritative_ends_the_window_run_as_the_cli_run(
    qtbot: Any,
    window: Any,
    dns_server: Callable[..., DnsTestServer],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = free_port(NS1, NS2)
    own = [dns_server(zone(), address=a, port=port) for a in (NS1, NS2)]
    plain = dns_server(zone(), servfail=["_dmarc.example.com"])
    upstream = dns_server(zone())
    with TlsDnsServer(upstream, LocalCa(tmp_path)) as dot:
        resolvers = [plain.nameserver, dot.nameserver]
        args = ["check", "example.com", "example.net", "--via", VIA, "--authoritative"]
        args += ["--authoritative-port", str(port), "-n", resolvers[0], "-n", resolvers[1]]
        assert main(args) == 2
        cli = capsys.readouterr()

        window.propagation.authoritative_port = port
        window.propagation.act_authoritative.setChecked(True)
        window.inputs.set_inputs("example.com", "example.net", VIA, resolvers)
        with qtbot.waitSignal(window.analysisFinished, timeout=20000):
            assert window.analysis.start()
    assert cli.out == ""
    assert cli.err.startswith(f"mailpath: TLS certificate check failed for {dot.nameserver}")
    # The window, too: no verdict and no route from a run whose answers were refused ...
    assert window.session.result is None
    assert window.scene.nodes == {}
    assert window.propagation.tls_failure.startswith(dot.nameserver)
    assert dot.nameserver in window.status_line.label.text()
    # ... and, as in the CLI, the zone's own servers were not asked.
    assert own[0].queries == [] and own[1].queries == []
    assert window.propagation.panel.view is None
    # The failure stays said in the status bar in the other language (no verdict appears).
    window.set_language("ja")
    assert "TLS 証明書の検証に失敗しました" in window.status_line.label.text()
    assert dot.nameserver in window.status_line.label.text()
    assert window.session.result is None


def test_every_run_failure_is_said_in_both_languages(window: Any) -> None:
    from mailpath.core.dns.sources import ResolverFailure
    from mailpath.core.session import FAILURES, RunFailure
    from mailpath.gui.window.resolver_field import run_failure_text

    server = "tls://192.0.2.53"
    failures = [RunFailure(key, server) for key in FAILURES]
    failures.append(RunFailure("resolver", server, ResolverFailure(server, "refused")))
    english = [run_failure_text(f) for f in failures]
    window.set_language("ja")
    japanese = [run_failure_text(f) for f in failures]
    window.set_language("en")
    for failure, en, ja in zip(failures, english, japanese, strict=True):
        assert server in en and server in ja, failure.key
        assert en != ja, failure.key  # a Japanese sentence, not the English one
        assert not any(word in ja for word in ("failed", "answer", "certificate")), ja


def test_window_saves_and_replays_as_the_cli_does(
    qtbot: Any,
    window: Any,
    dns_server: Callable[..., DnsTestServer],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = dns_server(zone())
    by_cli, by_window = tmp_path / "cli.mailpath.json", tmp_path / "window.mailpath.json"
    args = ["check", "example.com", "example.net", "--via", VIA, "-n", server.nameserver]
    assert main([*args, "--save", str(by_cli), "--json"]) == 0
    capsys.readouterr()
    window.inputs.set_inputs("example.com", "example.net", VIA, [server.nameserver])
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        assert window.analysis.start()
    window.files.save_analysis(str(by_window))
    cli, win = (json.loads(p.read_text(encoding="utf-8")) for p in (by_cli, by_window))
    # The same file, but for when it was made and how long each answer took.
    assert sorted(cli) == sorted(win)
    assert cli["resolver_kind"] == win["resolver_kind"] == "udp"
    assert cli["resolver"] == win["resolver"] == [server.nameserver]

    def questions(data: dict[str, Any]) -> list[tuple[str, str]]:
        return sorted((q["name"], q["type"]) for q in data["queries"])

    assert questions(cli) == questions(win)
    # Reopened, the window names the resolver the answers came from, as `--replay` does.
    server.stop()
    assert main(["check", "--replay", str(by_window), "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        assert window.files.open_analysis(str(by_window))
    assert replayed["resolver"] == {"kind": "udp", "address": server.nameserver}
    assert window.session.result.resolver.kind == "udp"
    assert window.session.result.resolver.address == server.nameserver
    assert window.propagation.via.isVisibleTo(window)
