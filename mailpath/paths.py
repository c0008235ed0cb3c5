"""Where mailpath's bundled files are: a checkout, an installed wheel, or a frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The `resources/` folder (icons, translations, examples)."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_base:
        candidates.append(Path(frozen_base) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "resources", here.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def seed_example() -> Path:
    """The bundled seed analysis: ts.skr.jp via www274.sakura.ne.jp to gmail.com."""
    return resource("examples", "seed.mailpath.json")
