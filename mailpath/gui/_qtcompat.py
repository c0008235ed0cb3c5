"""Work around binding bugs of the installed PySide6 before any other Qt call.

PySide6-Essentials 6.12.0 (the cp310-abi3 wheel) returns `None` from every C++ `void` method,
and `True` from `SignalInstance.emit()`, without taking a reference, on CPython < 3.12, where
those singletons are still reference-counted (PEP 683 made them immortal only in 3.12). Each
`painter.save()`, `setPen()`, `emit()`... then drops a count by one; a window makes thousands
of those calls per second and the interpreter aborts with "Fatal Python error: none_dealloc"
(or bool_dealloc) within seconds. 6.11.3 does not have the bug.

`protect_none()` measures the leak with harmless calls and, only when it is there, gives
`None`, `True` and `False` a reference count no run can exhaust, which is what CPython 3.12+
does for every program. Nothing else changes; on a fixed PySide6 or Python >= 3.12 it does
nothing.
"""

from __future__ import annotations

import sys

_BIG = 1 << 48
applied = False


def none_leak_per_call() -> int:
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(16):
        point.setX(1.0)
    return (before - sys.getrefcount(None)) // 16


def bool_leak_per_call() -> int:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        probe = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.probe.emit()
    return (before - sys.getrefcount(True)) // 16


def protect_none() -> bool:
    global applied
    if applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return applied
    if none_leak_per_call() <= 0 and bool_leak_per_call() <= 0:
        return False
    import ctypes  # only when the leak is there: ~2.5 ms of every start-up otherwise

    # ob_refcnt is the first field of every object in a release build of CPython.
    for singleton in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(singleton))
        refcnt.value += _BIG
    applied = True
    return True
