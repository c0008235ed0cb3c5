"""The Resolver field's error lists every form `--nameserver` accepts, in English and
Japanese."""

from __future__ import annotations

from typing import Any

import pytest

from mailpath.core.names import InputError, parse_nameserver


def test_the_window_resolver_error_lists_every_form(qapp: Any) -> None:
    """What the Resolver field shows under it (`set_field_error` translates the message)."""
    from mailpath.gui.text import i18n
    from mailpath.gui.window.inputs import localized_input_error

    for text in ("dns.example", "ftp://dns.example"):
        with pytest.raises(InputError) as bad:
            parse_nameserver(text)
        message = bad.value.sentence  # what the field keeps (its key and parameters)
        try:
            for lang in ("en", "ja"):
                i18n.install(lang)
                shown = localized_input_error(message)
                if lang == "en":
                    assert "https://NAME/PATH[#ADDRESS]" in shown, shown
                    assert "tls://ADDRESS[:PORT][#NAME]" in shown and "[IPv6]:PORT" in shown
                else:
                    assert "https://名前/パス[#アドレス]" in shown, shown
                    assert "tls://アドレス[:ポート][#名前]" in shown and "[IPv6]:ポート" in shown
        finally:
            i18n.install("en")


def test_the_authoritative_panel_says_servers_were_asked_over_plain_dns(qapp: Any) -> None:
    from mailpath.core.dns.authoritative import AuthoritativeView
    from mailpath.gui.panels.authoritative import AuthoritativePanel
    from mailpath.gui.text import i18n

    panel = AuthoritativePanel()
    panel.set_view(AuthoritativeView(zone="example.com", resolver_transport="dot"))
    text = panel.summary.text()
    assert "asked over plain DNS" in text and "DoT" in text, text
    i18n.install("ja")
    try:
        panel.retranslate()
        text = panel.summary.text()
        assert "通常の DNS（ポート 53、暗号化なし）" in text and "DoT" in text, text
    finally:
        i18n.install("en")
    panel.set_view(AuthoritativeView(zone="example.com"))
    assert "plain DNS" not in panel.summary.text()


def test_a_doh_name_the_system_cannot_find_reads_as_one_sentence(qapp: Any) -> None:
    from mailpath.core.dns.outcomes import _failure_cause
    from mailpath.core.dns.sources import BootstrapError, ResolverFailure
    from mailpath.gui.text import i18n
    from mailpath.gui.window.resolver_field import failure_text

    cause, params = _failure_cause(BootstrapError("dns.test", "Name or service not known"))
    failure = ResolverFailure("https://dns.test/dns-query", cause, tuple(sorted(params.items())))
    assert failure.sentence() == (
        "the resolver https://dns.test/dns-query does not answer (the system's name service "
        "finds no address for dns.test (Name or service not known))"
    )
    i18n.install("ja")
    try:
        shown = failure_text(failure)
    finally:
        i18n.install("en")
    assert "システムの名前解決で dns.test のアドレスが見つかりません" in shown, shown
