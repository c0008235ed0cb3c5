"""Translations: the Japanese catalogue is complete and loads with or without lrelease."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from mailpath.gui.text import catalogue, i18n


def test_japanese_catalogue_is_complete() -> None:
    assert catalogue.main(["check"]) == 0


def test_ts_translator_translates(qapp: Any) -> None:
    translator = i18n.TsTranslator(i18n.ts_path("ja"))
    assert translator.translate("MainWindow", "&File") == "ファイル(&F)"
    assert translator.translate("MainWindow", "no such text") is None
    assert i18n.install("ja") == "ja"
    assert QCoreApplication.translate("Legend", "Legend") == "凡例"
    i18n.install("en")
    assert QCoreApplication.translate("Legend", "Legend") == "Legend"


def test_placeholders_match() -> None:
    import re

    have = catalogue.read_ts(i18n.ts_path("ja"))
    for (ctx, source), (text, _kind) in have.items():
        fields = sorted(re.findall(r"\{[^}]*\}", source))
        assert sorted(re.findall(r"\{[^}]*\}", text)) == fields, (ctx, source)


def test_lrelease_compiles_the_catalogue(tmp_path: Path) -> None:
    binary = catalogue.lrelease_binary()
    if binary is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "ja.qm"
    subprocess.run([binary, "-silent", str(i18n.ts_path("ja")), "-qm", str(out)], check=True)
    assert out.stat().st_size > 1000
