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
