"""The bundled examples give the same bytes in every output format, before and after any
restructuring of the code: `check --replay` as JSON, as text and as SVG, and `check --message`
of the example received message replayed from its DNS answers.

The expected outputs live in tests/golden/. When a change is meant to change what a user
reads, regenerate them and review the diff as part of that change:

    QT_QPA_PLATFORM=offscreen python -m tests.test_output_identity

Nothing in them depends on the clock or the machine except the text report's last line (the
time the replay took), which is compared without its figure.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from mailpath.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ROOT / "resources" / "examples"

CASES = {
    "seed": ["check", "--replay", str(EXAMPLES / "seed.mailpath.json")],
    "seed-fixed": ["check", "--replay", str(EXAMPLES / "seed-fixed.mailpath.json")],
}
_ELAPSED = re.compile(r"^(\d+ DNS questions), [0-9.]+ s$", re.M)


def outputs(name: str, tmp: Path) -> dict[str, str]:
    """JSON, text and SVG of one example, as the user gets them."""
    argv = CASES[name]
    out: dict[str, str] = {}
    for suffix, extra in (("json", ["--json"]), ("txt", [])):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = main([*argv, *extra])
        assert code in (0, 1), buffer.getvalue()
        out[suffix] = _ELAPSED.sub(r"\1, … s", buffer.getvalue())
    svg = tmp / f"{name}.svg"
    with contextlib.redirect_stdout(io.StringIO()):
        main([*argv, "--svg", str(svg)])
    out["svg"] = svg.read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("suffix", ["json", "txt", "svg"])
def test_bundled_example_output_is_unchanged(
    name: str, suffix: str, tmp_path: Path, qapp: object
) -> None:
    expected = (GOLDEN / f"{name}.{suffix}").read_text(encoding="utf-8")
    got = outputs(name, tmp_path)[suffix]
    assert got == expected, (
        f"{name}.{suffix} changed; if that is intended, regenerate tests/golden "
        "(python -m tests.test_output_identity) and review the diff"
    )


def regenerate() -> None:
    import tempfile

    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in CASES:
            for suffix, text in outputs(name, Path(tmp)).items():
                (GOLDEN / f"{name}.{suffix}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    regenerate()
