"""Receivers' requirements in the UI language (`mailpath.core.judgement.requirements`).

A row's evidence is a `core.judgement.requirements.TEMPLATES` key and its parameters,
translated in the context `Requirements`; its fix, when taken from a finding, is that finding's
template (`text.findings`, context `FindingTemplates`); the rule's own text comes from the
receiver's data file in both languages. Anything untranslated falls back to the core's English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mailpath.gui.text.findings import CONTEXT as FINDING_CONTEXT
from mailpath.gui.text.findings import finding_templates
from mailpath.gui.text.i18n import tr
from mailpath.gui.text.sentences import fill

if TYPE_CHECKING:
    from mailpath.core.judgement.requirements import Requirement

CONTEXT = "Requirements"


def _fill(
    context: str, template: str | None, params: Mapping[str, str], fallback: str | None
) -> str | None:
    if not template:
        return fallback
    translated = tr(context, template)
    if not translated or translated == template:
        return fallback
    try:
        return fill(translated, params or {})
    except (KeyError, IndexError, ValueError):
        return fallback


def requirement_texts(row: Requirement, lang: str = "") -> tuple[str, str, str | None]:
    """(rule text, evidence, fix) of a `Requirement` in the UI language (`lang` "ja" picks
    the data file's Japanese rule text)."""
    from mailpath.core.judgement.requirements import TEMPLATES

    text = (row.text_ja if lang == "ja" and row.text_ja else row.text) or row.rule
    evidence = _fill(
        CONTEXT, TEMPLATES.get(row.evidence_template), row.evidence_params, row.evidence
    )
    fix = row.fix
    if fix and row.fix_finding:
        entry = finding_templates().get(row.fix_template)
        fix = _fill(FINDING_CONTEXT, entry[1] if entry else None, row.fix_params, fix)
    elif fix:
        fix = _fill(CONTEXT, TEMPLATES.get(row.fix_template), row.fix_params, fix)
    return text, evidence or row.evidence, fix
