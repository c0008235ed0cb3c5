"""Receivers' requirements in Japanese: every evidence and fix template has a translation,
and a row of the bundled example reads in Japanese, its fix the finding's own Japanese."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailpath.core.analysis import analyze
from mailpath.core.dns.recording import open_recording
from mailpath.core.dns.sources import ReplaySource
from mailpath.core.judgement.requirements import TEMPLATES, evaluate
from mailpath.gui.text import catalogue, i18n
from mailpath.gui.text.requirements import CONTEXT, requirement_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def japanese(qapp: object) -> Iterator[None]:
    assert i18n.install("ja") == "ja"
    yield
    i18n.install("en")


def test_every_requirement_template_has_japanese() -> None:
    have = catalogue.read_ts(i18n.ts_path("ja"))
    for key, english in TEMPLATES.items():
        text, kind = have.get((CONTEXT, english), ("", "unfinished"))
        assert text and kind != "unfinished" and text != english, key


def test_a_row_reads_in_japanese_with_the_findings_japanese_fix(japanese: None) -> None:
    rec = open_recording(ROOT / "resources" / "examples" / "seed.mailpath.json")
    result = asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))
    (row,) = [r for r in evaluate(result) if r.rule == "dmarc-published"]
    text, evidence, fix = requirement_texts(row, "ja")
    assert text == "一括送信者は DMARC レコード（少なくとも p=none）を公開する。"
    assert evidence == "ts.skr.jp に適用される DMARC レコードがありません。"
    assert fix is not None and fix != row.fix
    assert "_dmarc.ts.skr.jp" in fix and "v=DMARC1; p=none" in fix
    assert not fix.startswith("Publish")
