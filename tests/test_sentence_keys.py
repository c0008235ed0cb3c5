"""Every input error is raised with a template key, never with English text.

`InputError`, `RecordingError` and `MessageError` take a key of `mailpath.core.sentences` and
its parameters (the window renders the key in its language). A raise site that passes English
(an f-string, or a literal that is no key) would reach the Japanese window in English: this
walks the package's source and names any such site.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mailpath
import mailpath.core.auth.dkim
import mailpath.core.dns.sources
from mailpath.core.names import InputError
from mailpath.core.sentences import Sentence, all_templates

ERRORS = {"InputError", "RecordingError", "MessageError"}


def _raise_sites() -> list[tuple[str, int, ast.expr]]:
    root = Path(mailpath.__file__).parent
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ERRORS and node.exc.args:
                out.append((str(path.relative_to(root)), node.lineno, node.exc.args[0]))
    return out


def test_every_input_error_is_raised_with_a_key() -> None:
    keys = all_templates()
    sites = _raise_sites()
    assert len(sites) >= 60
    bad = []
    for where, line, first in sites:
        if isinstance(first, ast.JoinedStr):
            bad.append(f"{where}:{line}: an f-string")
        elif isinstance(first, ast.Constant) and first.value not in keys:
            bad.append(f"{where}:{line}: {first.value!r} is no key of sentences")
    assert not bad, "\n".join(bad)


def test_an_error_keeps_its_key_and_english() -> None:
    error = InputError("input/two-ats", what=Sentence("what/sender"), value="'a@b@c.example'")
    assert str(error) == "the sender 'a@b@c.example' has more than one '@'"
    assert error.key == "input/two-ats"
    assert error.params["value"] == "'a@b@c.example'"
    plain = InputError("a sentence from nowhere")
    assert str(plain) == "a sentence from nowhere" and plain.key == "text"
