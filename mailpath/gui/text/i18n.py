"""Translations: English in the code, Japanese in `resources/i18n/mailpath_ja.ts`.

The `.ts` file is the source of truth (edit it with Qt Linguist or by hand). At run time:

1. a compiled `mailpath_ja.qm` beside the `.ts` is used when it is at least as new as the
   `.ts` (the packaging step runs `python -m mailpath.gui.text.i18n compile`, which calls
   `pyside6-lrelease`);
2. otherwise the `.ts` itself is read by `TsTranslator`, a pure-Python `QTranslator` (a few
   milliseconds for this file), so a source checkout, where `.qm` files are gitignored, works
   without a build step and never runs a compiler at start-up.

Every user-visible string goes through `tr(context, text)`, with literal arguments, so that
`python -m mailpath.gui.text.i18n update` finds them (an `ast` walk of `mailpath/gui`) and
merges new ones into the `.ts` as unfinished; `check` fails while any message is unfinished.
The core's finding templates (`mailpath.core.judgement.findings.TEMPLATES`) are collected the
same way, in the context `FindingTemplates` (see `finding_text`), and the route's label and
detail templates (`mailpath.core.route.graph.TEMPLATES`) in the context `RouteText` (see
`labels`), and the watch's "what changed" (`mailpath.core.watch.TEMPLATES`) in the context
`WatchChanges`, and the receivers' requirements' evidence and fixes
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


def install(lang: str) -> str:
    """Replace the application's translators with those for `lang`; returns `lang` used."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if lang not in LANGUAGES:
        lang = "en"
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return lang
    # Qt's own strings (standard buttons, file dialogs).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{lang}", qt_dir):
        _installed.append(qt_translator)
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


# ---------------------------------------------------------------- maintenance commands


def extract(package_dir: Path | None = None) -> dict[str, list[str]]:
    """Every `tr("Context", "text")` call with literal arguments, by context, in order."""
    import ast

    package_dir = package_dir or Path(__file__).resolve().parents[1]  # mailpath/gui
    found: dict[str, list[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "tr":
                continue
            ctx, text = node.args
            if (
                isinstance(ctx, ast.Constant)
                and isinstance(ctx.value, str)
                and isinstance(text, ast.Constant)
                and isinstance(text.value, str)
            ):
                messages = found.setdefault(ctx.value, [])
                if text.value not in messages:
                    messages.append(text.value)
    # The core's finding templates: translated like any string, by their English text.
    from mailpath.gui.text.findings import CONTEXT, template_sources

    found.setdefault(CONTEXT, [])
    for source in template_sources():
        if source not in found[CONTEXT]:
            found[CONTEXT].append(source)
    # The route's labels and details (`mailpath.core.route.graph.TEMPLATES`), the same way.
    from mailpath.gui.text.findings import route_template_sources

    route = found.setdefault("RouteText", [])
    for source in route_template_sources():
        if source not in route:
            route.append(source)
    # The watch's "what changed" (`mailpath.core.watch.TEMPLATES`, see `watch_mode`).
    from mailpath.core.watch import TEMPLATES as WATCH_TEMPLATES

    changed = found.setdefault("WatchChanges", [])
    for source in WATCH_TEMPLATES.values():
        if source not in changed:
            changed.append(source)
    # The receivers' requirements: evidence and fixes (`core.judgement.requirements`).
    from mailpath.core.judgement.requirements import TEMPLATES as REQUIREMENT_TEMPLATES

    required = found.setdefault("Requirements", [])
    for source in REQUIREMENT_TEMPLATES.values():
        if source not in required:
            required.append(source)
    return found


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, type attribute)."""
    import xml.etree.ElementTree as ET

    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    if not path.exists():
        return out
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            text = (node.text or "") if node is not None else ""
            kind = node.get("type") if node is not None else "unfinished"
            out[(name, source)] = (text, kind)
    return out


def write_ts(
    path: Path,
    lang: str,
    messages: dict[str, list[str]],
    existing: dict[tuple[str, str], tuple[str, str | None]],
) -> tuple[int, int]:
    """Write the `.ts`; returns (messages, unfinished). Dropped messages are kept as vanished."""
    import xml.etree.ElementTree as ET

    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="en")
    total = unfinished = 0
    contexts = dict(messages)
    for ctx, source in existing:
        if source not in contexts.get(ctx, []):
            contexts.setdefault(ctx, [])
    for ctx in sorted(contexts):
        c_el = ET.SubElement(root, "context")
        ET.SubElement(c_el, "name").text = ctx
        live = contexts[ctx]
        vanished = [s for (c, s) in existing if c == ctx and s not in live]
        for source in live + vanished:
            m_el = ET.SubElement(c_el, "message")
            ET.SubElement(m_el, "source").text = source
            text, kind = existing.get((ctx, source), ("", "unfinished"))
            t_el = ET.SubElement(m_el, "translation")
            if text:
                t_el.text = text
            if source in vanished:
                t_el.set("type", "vanished")
                continue
            total += 1
            if kind == "unfinished" or not text:
                t_el.set("type", "unfinished")
                unfinished += 1
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return total, unfinished


def lrelease_binary() -> str | None:
    import shutil

    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found:
        return found
    import PySide6

    candidate = Path(PySide6.__file__).parent / "lrelease"
    return str(candidate) if candidate.exists() else None


def compile_ts(lang: str) -> Path:
    import subprocess

    ts = ts_path(lang)
    qm = ts.with_suffix(".qm")
    binary = lrelease_binary()
    if binary is None:
        raise RuntimeError("pyside6-lrelease not found")
    subprocess.run([binary, "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "check"
    langs = [code for code in LANGUAGES if code != "en"]
    status = 0
    for lang in langs:
        path = ts_path(lang)
        if command == "update":
            total, unfinished = write_ts(path, lang, extract(), read_ts(path))
            print(f"{path}: {total} messages, {unfinished} unfinished")
        elif command == "compile":
            print(compile_ts(lang))
        elif command == "check":
            wanted = extract()
            have = read_ts(path)
            missing = [
                (ctx, s)
                for ctx, sources in wanted.items()
                for s in sources
                if not have.get((ctx, s), ("", "unfinished"))[0]
                or have[(ctx, s)][1] == "unfinished"
            ]
            for ctx, source in missing:
                print(f"{path}: untranslated [{ctx}] {source!r}")
            status = status or (1 if missing else 0)
        else:
            print("usage: python -m mailpath.gui.text.i18n [update|compile|check]", file=sys.stderr)
            return 2
    return status


if __name__ == "__main__":
    sys.exit(main())


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
