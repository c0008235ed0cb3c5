"""Translations: English in the code, Japanese in `resources/i18n/mailpath_ja.ts`.

The `.ts` file is the source of truth (edit it with Qt Linguist or by hand). At run time:

1. a compiled `mailpath_ja.qm` beside the `.ts` is used when it is at least as new as the
   `.ts` (the packaging step runs `python -m mailpath.gui.text.catalogue compile`, which calls
   `pyside6-lrelease`);
2. otherwise the `.ts` itself is read by `TsTranslator`, a pure-Python `QTranslator` (a few
   milliseconds for this file), so a source checkout, where `.qm` files are gitignored, works
   without a build step and never runs a compiler at start-up.

Every user-visible string goes through `tr(context, text)`, with literal arguments, so that
`python -m mailpath.gui.text.catalogue update` finds them (an `ast` walk of `mailpath/gui`) and
merges new ones into the `.ts` as unfinished; `check` fails while any message is unfinished.
The core's finding templates (`mailpath.core.judgement.findings.TEMPLATES`) are collected the
same way, in the context `FindingTemplates` (see `findings`), and the route's label and detail
templates (`mailpath.core.route.graph.TEMPLATES`) in the context `RouteText` (see `labels`),
the watch's "what changed" (`mailpath.core.watch.TEMPLATES`) in the context `WatchChanges`, the
core's input errors and reasons (`mailpath.core.sentences`) in the context `Sentences` (see
`sentences`), and the receivers' requirements' evidence and fixes
(`mailpath.core.judgement.requirements.TEMPLATES`) in the context `Requirements`.
Placeholders are Python `str.format` fields (`{count}`), the same in both languages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from mailpath.paths import resource

#: Language code -> its own name (menu entries are shown in their own language).
LANGUAGES = {"en": "English", "ja": "日本語"}


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def ts_path(lang: str) -> Path:
    return resource("i18n", f"mailpath_{lang}.ts")


def system_language() -> str:
    name = QLocale.system().name()  # "ja_JP"
    code = name.split("_")[0]
    return code if code in LANGUAGES else "en"


def resolve_language(setting: str | None) -> str:
    """`setting` is "system", a code from LANGUAGES, or None."""
    if setting and setting in LANGUAGES:
        return setting
    env = os.environ.get("MAILPATH_LANG")
    if env in LANGUAGES:
        return env
    return system_language()


class TsTranslator(QTranslator):
    """Answers from a Qt Linguist `.ts` file, read with ElementTree."""

    def __init__(self, path: Path, parent: object | None = None) -> None:
        import xml.etree.ElementTree as ET

        super().__init__(parent)  # type: ignore[arg-type]
        self.messages: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()
        self._language = root.get("language", "")
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source")
                node = message.find("translation")
                if source is None or node is None:
                    continue
                if node.get("type") in ("unfinished", "vanished", "obsolete"):
                    continue
                if node.text:
                    self.messages[(name, source)] = node.text

    def language(self) -> str:
        """The catalogue's target language (its `language` attribute)."""
        return self._language

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.messages.get((context, source))

    def isEmpty(self) -> bool:
        return not self.messages


_installed: list[QTranslator] = []
_language = ["en"]


def current_language() -> str:
    """The language `install` last put in place ("en" before any)."""
    return _language[0]


def install(lang: str) -> str:
    """Replace the application's translators with those for `lang`; returns `lang` used."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if lang not in LANGUAGES:
        lang = "en"
    _language[0] = lang
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return lang
    # Qt's own strings (standard buttons, file dialogs).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{lang}", qt_dir):
        _installed.append(qt_translator)
    # The few of Qt's strings its catalogue leaves in English ("&Look in:"); in a folder of
    # their own, as packaging compiles every `.ts` beside ours with our catalogue's name.
    extra = resource("i18n", "qt", f"qtbase_{lang}_extra.ts")
    if extra.exists():
        _installed.append(TsTranslator(extra, app))
    ours = load_translator(lang)
    if ours is not None:
        _installed.append(ours)
    for translator in _installed:
        QCoreApplication.installTranslator(translator)
    return lang


def load_translator(lang: str) -> QTranslator | None:
    import xml.etree.ElementTree as ET

    ts = ts_path(lang)
    qm = ts.with_suffix(".qm")
    app = QCoreApplication.instance()
    try:
        if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                return translator
        if ts.exists():
            return TsTranslator(ts, app)
    except (OSError, ET.ParseError) as exc:
        print(f"mailpath: cannot load translations {ts}: {exc}", file=sys.stderr)
    return None


def escape_html(text: str) -> str:
    """`html.escape(text)` (quotes too) for the rich text of tooltips and findings, without
    importing `html` and its table of entities (~2.5 ms of every start-up)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
