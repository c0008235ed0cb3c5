"""The translation catalogue's maintenance: collect every string the window translates, merge
new ones into the `.ts` files, check that none is unfinished, compile `.qm` files.

    python -m mailpath.gui.text.catalogue [update|compile|check]

It collects `tr("Context", "text")` calls with literal arguments (an `ast` walk of
`mailpath/gui`) and the core's template tables (findings, route labels, watch changes,
sentences). The window itself never imports this module: `i18n.py` loads a catalogue,
this one writes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mailpath.gui.text.i18n import LANGUAGES, ts_path


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
    # The core's sentences: input errors and reasons (`mailpath.core.sentences`, see
    # `sentence_text`).
    from mailpath.gui.text.sentences import CONTEXT as SENTENCES
    from mailpath.gui.text.sentences import template_sources as sentences

    said = found.setdefault(SENTENCES, [])
    for source in sentences():
        if source not in said:
            said.append(source)
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
            print(
                "usage: python -m mailpath.gui.text.catalogue [update|compile|check]",
                file=sys.stderr,
            )
            return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
