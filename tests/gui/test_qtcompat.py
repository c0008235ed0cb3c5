"""The PySide6 6.12 reference-count workaround keeps long sessions alive."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QPointF

from mailpath.gui import _qtcompat


def test_many_void_calls_do_not_kill_none(qapp: Any) -> None:
    point = QPointF()
    for _ in range(200_000):
        point.setX(1.0)
    assert sys.getrefcount(None) > 1000
    assert _qtcompat.applied or _qtcompat.none_leak_per_call() <= 0


def test_own_modules_are_not_read_for_pyside_features() -> None:
    """PySide6 reads the source of each module imported after it (for `__feature__`, which
    mailpath does not use): mailpath's own and the standard modules are recorded without
    being read, every other module is still scanned."""
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import linecache, sys\n"
        "import mailpath.gui\n"
        "from mailpath.gui.window.keyboard import chain\n"
        "from colorsys import rgb_to_hls\n"
        "from pytestqt.qt_compat import qt_api\n"
        "own, std = sys.modules['mailpath.gui.window.keyboard'], sys.modules['colorsys']\n"
        "other = sys.modules['pytestqt.qt_compat']  # mentions PySide6\n"
        "table = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
        "read = [m.__file__ in linecache.cache for m in (own, std, other)]\n"
        "print(*read, table[own.__name__], table[std.__name__], table[other.__name__])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["False", "False", "True", "0", "-1", "0"], out.stdout + out.stderr
