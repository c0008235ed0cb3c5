"""Findings in the UI language: the core's templates rendered through the translations.

The core renders each finding in English from `mailpath.core.judgement.findings.TEMPLATES` and keeps
the template key and its parameters on the `Finding`. Here the English template is looked up
in the translations (context `FindingTemplates`, the English template as the source text, as
Qt does for any string) and filled with the same parameters. A key the table does not know, a
template with no translation, or a translation whose placeholders do not fit the parameters
falls back to the core's own English text, so a finding is never lost, only untranslated.

The core is imported only here, when findings are shown (after an analysis ran).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mailpath.gui.text.i18n import tr

if TYPE_CHECKING:
    from mailpath.core.judgement.verdict import Verdict
    from mailpath.core.model import Finding

CONTEXT = "FindingTemplates"


def template_sources() -> list[str]:
    """Every distinct English template (messages and fixes), in table order, for the .ts."""
    from mailpath.core.judgement.verdict import TEMPLATES as VERDICT_TEMPLATES

    out: list[str] = []
    for message, fix in finding_templates().values():
        for text in (message, fix):
            if text and text not in out:
                out.append(text)
    for text in VERDICT_TEMPLATES.values():
        if text not in out:
            out.append(text)
    for text in consequence_templates().values():
        if text not in out:
            out.append(text)
    return out


def consequence_templates() -> dict[str, str]:
    """The receiver model's consequence clauses (`core.judgement.CONSEQUENCES`): key ->
    English template, appended to a finding's cause."""
    from mailpath.core.judgement.consequences import CONSEQUENCES

    return dict(CONSEQUENCES)


def route_template_sources() -> list[str]:
    """Every distinct English template of the route's labels and details (context
    `RouteText`), in table order, for the .ts."""
    from mailpath.core.route.graph import TEMPLATES as ROUTE_TEMPLATES

    return list(dict.fromkeys(ROUTE_TEMPLATES.values()))


def _translated(template: str | None, params: Mapping[str, object]) -> str | None:
    """`template` translated and filled with `params`; None when it has no translation or the
    translation's placeholders do not fit the parameters."""
    if not template:
        return None
    translated = tr(CONTEXT, template)
    if not translated or translated == template:
        return None
    try:
        return translated.format(**dict(params))
    except (KeyError, IndexError, ValueError):
        return None


def _render(template: str | None, params: Mapping[str, object], fallback: str | None) -> str | None:
    translated = _translated(template, params)
    return fallback if translated is None else translated


def texts(finding: Finding) -> tuple[str, str | None]:
    """(message, fix) of `finding` in the UI language; the English ones when untranslated.

    A finding with a consequence clause (the receiver model's `consequence` key and its
    `consequence_params`) is its cause, rendered from the template, followed by that clause;
    when either part has no translation the whole English message is shown, never a mix."""
    message = finding.message
    fix = finding.fix
    key = finding.template
    params = finding.params
    if not key:
        return message, fix
    try:
        entry = finding_templates().get(key)
        consequences = consequence_templates()
    except ImportError:  # pragma: no cover - the core always ships with the GUI
        return message, fix
    if entry is None:
        return message, fix
    message_template, fix_template = entry
    localized_fix = _render(fix_template, params, fix) if fix else fix
    localized_message = _translated(message_template, params)
    consequence = finding.consequence
    if consequence and localized_message is not None:
        clause = _translated(consequences.get(consequence), finding.consequence_params)
        localized_message = None if clause is None else _join(localized_message, clause)
    return localized_message or message, localized_fix


def _join(cause: str, consequence: str) -> str:
    """The cause followed by its consequence, as the UI language joins two sentences (English
    with a space, Japanese without)."""
    joined = tr("FindingTemplates", "{cause} {consequence}")
    try:
        return joined.format(cause=cause, consequence=consequence)
    except (KeyError, IndexError, ValueError):
        return f"{cause} {consequence}"


def finding_templates() -> dict[str, tuple[str, str | None]]:
    """Every finding template of the core: the analysis's and the authoritative view's."""
    from mailpath.core.dns.authoritative import TEMPLATES as AUTHORITATIVE_TEMPLATES
    from mailpath.core.judgement.findings import TEMPLATES

    return {**AUTHORITATIVE_TEMPLATES, **TEMPLATES}


def verdict_text(verdict: Verdict | Mapping[str, object]) -> str:
    """The verdict's message in the UI language (a `Verdict`, or its JSON dict from a graph's
    "verdict" attribute); the English message when untranslated."""

    def get(name: str) -> object:
        if isinstance(verdict, Mapping):
            return verdict.get(name)
        return getattr(verdict, name, None)

    message = str(get("message") or "")
    key = str(get("template") or "")
    try:
        from mailpath.core.judgement.verdict import TEMPLATES as VERDICT_TEMPLATES
    except ImportError:  # pragma: no cover - the core always ships with the GUI
        return message
    template = VERDICT_TEMPLATES.get(key)
    if template is None:
        return message
    params = get("params")
    return _render(template, params if isinstance(params, Mapping) else {}, message) or message


def verified_text(finding: Finding) -> str:
    """ "checked with that record: 203.0.113.74 pass, …", or "" when the fix was not checked."""
    verified = finding.verified
    if not verified:
        return ""
    return tr("Findings", "checked with that record: {results}").format(
        results=", ".join(str(v) for v in verified)
    )


def disposition_word(value: str) -> str:
    """A disposition of the receiver model (`core.judgement.Disposition` value) as a word of
    the UI language; the value itself when the model has a new one."""
    words = {
        "delivered": tr("Disposition", "delivered"),
        "unverified": tr("Disposition", "unverified"),
        "flagged": tr("Disposition", "flagged"),
        "refused": tr("Disposition", "refused"),
        "queued": tr("Disposition", "queued"),
        "unknown": tr("Disposition", "unknown"),
    }
    return words.get(value, value)


def outcome_text(finding: Finding) -> str:
    """ "with that fix the mail is: delivered" (the receiver model's judgement of the mail with
    the fix applied), or "" when the model could not apply the fix."""
    value = finding.fix_disposition
    if not value:
        return ""
    return tr("Findings", "with that fix the mail is: {disposition}").format(
        disposition=disposition_word(value)
    )


def publish_record(finding: Finding) -> tuple[str, str, str] | None:
    """(name, type, value) of the record the fix asks to publish, as a DNS provider's panel
    asks for them (name "_dmarc.example.com", type "TXT", the value without quotes); None
    when the fix is not a record to publish."""
    params = finding.params
    value = finding.record or params.get("record")
    name, rdtype = params.get("record_name"), params.get("record_type")
    if not (value and name and rdtype):
        return None
    return str(name), str(rdtype), str(value)


def zone_line(name: str, rdtype: str, value: str) -> str:
    """The record as one zone-file line: `_dmarc.example.com. TXT "v=DMARC1; p=none"`."""
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name.rstrip('.')}. {rdtype} {quoted if rdtype == 'TXT' else value}"


def copy_text(finding: Finding) -> str:
    """What "Copy fix" puts on the clipboard: the record's value when the fix is a record to
    publish (what the DNS panel's Value field takes), otherwise the fix in words."""
    params = finding.params
    record = finding.record or (params.get("record") if params.get("record_name") else None)
    if record:
        return str(record)
    return texts(finding)[1] or ""
