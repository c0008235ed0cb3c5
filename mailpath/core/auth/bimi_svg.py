"""The SVG Tiny Portable/Secure profile a BIMI logo must follow: `check_svg(data)`.

Declarations (DOCTYPE, ENTITY) are refused before anything is parsed, so an entity bomb is
never expanded; then the root, its profile and version, a title, a square viewBox, and no
script, foreign object, event attribute or external reference.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass

from mailpath.core.dns.https import Problem, params, shown
from mailpath.core.jsontypes import JsonObject

#: The SVG Tiny PS profile's size limit for a BIMI logo.
SVG_LIMIT = 32 * 1024
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@dataclass(frozen=True)
class SvgCheck:
    valid: bool
    problems: tuple[Problem, ...] = ()
    size: int = 0

    def to_json(self) -> JsonObject:
        return {
            "valid": self.valid,
            "errors": unique(p.key for p in self.problems),
            "violations": [p.to_json() for p in self.problems],
            "size": self.size,
        }


def unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


class _Declaration(Exception):
    pass


def _refuse_declarations(data: bytes) -> Problem | None:
    """DOCTYPE and ENTITY declarations are refused before anything is expanded (a billion
    laughs ends at its first line); an XML syntax error is a problem too."""
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> None:
        raise _Declaration

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except _Declaration:
        return Problem("doctype")
    except xml.parsers.expat.ExpatError as exc:
        return Problem("not-xml", params(line=exc.lineno, column=exc.offset))
    return None


def _local(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return "", name


def check_svg(data: bytes) -> SvgCheck:
    """The logo against SVG Tiny Portable/Secure as BIMI asks: size, root svg with
    baseProfile="tiny-ps" and version 1.2, a title, no script, no external references, no
    foreignObject, no event attributes, square viewBox, no x/y on the root."""
    problems: list[Problem] = []
    if len(data) > SVG_LIMIT:
        return SvgCheck(
            False, (Problem("too-large", params(size=len(data), limit=SVG_LIMIT)),), len(data)
        )
    refused = _refuse_declarations(data)
    if refused is not None:
        return SvgCheck(False, (refused,), len(data))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:  # pragma: no cover - expat above saw the same bytes
        line, column = exc.position
        return SvgCheck(False, (Problem("not-xml", params(line=line, column=column)),), len(data))
    ns, local = _local(root.tag)
    if local != "svg" or ns != _SVG_NS:
        problems.append(Problem("root", params(element=local, namespace=ns)))
    profile = root.get("baseProfile")
    if profile != "tiny-ps":
        problems.append(Problem("base-profile", params(found=profile or "")))
    version = root.get("version")
    if version != "1.2":
        problems.append(Problem("version", params(found=version or "")))
    if not any(_local(child.tag)[1] == "title" for child in root):
        problems.append(Problem("title"))
    for attribute in ("x", "y"):
        if root.get(attribute) is not None:
            problems.append(Problem("root-position", params(attribute=attribute)))
    problems.extend(_viewbox_problems(root.get("viewBox")))
    for element in root.iter():
        name = _local(element.tag)[1]
        if name == "script":
            problems.append(Problem("script"))
        elif name == "foreignObject":
            problems.append(Problem("foreign-object"))
        for attribute, value in element.attrib.items():
            attr = _local(attribute)[1]
            if attr.lower().startswith("on"):
                problems.append(Problem("event-attribute", params(element=name, attribute=attr)))
            elif (attribute == _XLINK_HREF or attribute == "href") and not value.startswith("#"):
                key = "image" if name == "image" else "external-reference"
                problems.append(
                    Problem(key, params(element=name, attribute=attr, value=shown(value)))
                )
    return SvgCheck(not problems, tuple(problems), len(data))


def _viewbox_problems(viewbox: str | None) -> list[Problem]:
    if viewbox is None:
        return [Problem("no-viewbox")]
    parts = [p for p in re.split(r"[\s,]+", viewbox.strip()) if p]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return [Problem("bad-viewbox", params(viewbox=shown(viewbox)))]
    if numbers[2] != numbers[3]:
        return [Problem("not-square", params(width=parts[2], height=parts[3]))]
    return []
