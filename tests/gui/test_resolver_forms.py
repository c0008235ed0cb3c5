"""The Resolver field's error lists every form `--nameserver` accepts, in English and
Japanese (issue 15, item 7)."""

from __future__ import annotations

from typing import Any

import pytest

from mailpath.core.names import InputError, parse_nameserver


def test_the_window_resolver_error_lists_every_form(qapp: Any) -> None:
    """What the Resolver field shows under it (`set_field_error` translates the message)."""
    from mailpath.gui import i18n
    from mailpath.gui.labels import clear_cache
    from mailpath.gui.window_inputs import localized_input_error, sentence

    for text in ("dns.example", "ftp://dns.example"):
        with pytest.raises(InputError) as bad:
            parse_nameserver(text)
        message = sentence(str(bad.value))
        try:
            for lang in ("en", "ja"):
                i18n.install(lang)
                clear_cache()  # as the window does when its language changes
                shown = localized_input_error(message)
                if lang == "en":
                    assert "https://NAME/PATH[#ADDRESS]" in shown, shown
                    assert "tls://ADDRESS[:PORT][#NAME]" in shown and "[IPv6]:PORT" in shown
                else:
                    assert "https://名前/パス[#アドレス]" in shown, shown
                    assert "tls://アドレス[:ポート][#名前]" in shown and "[IPv6]:ポート" in shown
        finally:
            i18n.install("en")
            clear_cache()
