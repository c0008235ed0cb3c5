"""The core's sentences (`mailpath.core.sentences.Sentence`: input errors, reasons) in the UI
language.

A sentence carries its template key and parameters. Its window template
(`sentences.window_template`) is looked up in the translations (context `Sentences`, the
English template as the source text, as for findings) and filled with the same parameters;
a parameter that is itself a sentence is rendered the same way, and names and values typed or
read from DNS are carried over untouched. Nothing English is parsed back. Plain text (a reason
that is not a sentence) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailpath.gui.text.i18n import tr

CONTEXT = "Sentences"


def template_sources() -> list[str]:
    """Every distinct English window template of the core's sentences, for the .ts."""
    # Importing them registers their templates (DKIM reasons, resolver failures, outcomes).
    import mailpath.core.auth.dkim
    import mailpath.core.dns.sources  # noqa: F401
    from mailpath.core.sentences import all_templates, window_template

    return list(dict.fromkeys(window_template(key) for key in all_templates()))


def render(key: str, params: Mapping[str, object]) -> str:
    """The sentence `key` with `params` in the UI language (raises KeyError, IndexError or
    ValueError when the key or a placeholder is unknown)."""
    from mailpath.core.sentences import window_template

    return fill(tr(CONTEXT, window_template(key)), params)


def embedded(value: object) -> object:
    """A template parameter as it is filled in: a core sentence (a reason) in the UI language
    without its final full stop, as the template around it ends the sentence ("…: {reason}。"
    never reads "…ません。。"); any other value untouched."""
    from mailpath.core.sentences import Sentence

    if not isinstance(value, Sentence):
        return value
    text = sentence_text(value)
    return text[:-1] if text.endswith(("。", ".")) and not text.endswith("..") else text


def fill(template: str, params: Mapping[str, object]) -> str:
    """`template` (already in the UI language) filled with `params`, sentences among them
    rendered by `embedded` (raises KeyError, IndexError or ValueError as `str.format`)."""
    return template.format(**{name: embedded(value) for name, value in dict(params).items()})


def sentence_text(value: object) -> str:
    """A core sentence in the UI language; any other value as its text ("" for None)."""
    from mailpath.core.sentences import Sentence

    if isinstance(value, Sentence):
        try:
            return render(value.key, value.params)
        except (KeyError, IndexError, ValueError):
            return str(value)
    return "" if value is None else str(value)


def error_text(exc: BaseException) -> str:
    """An `InputError` (or any exception whose argument is a sentence) in the UI language."""
    sentence = getattr(exc, "sentence", None)
    if sentence is None and exc.args:
        sentence = exc.args[0]
    return sentence_text(sentence) if sentence is not None else str(exc)
