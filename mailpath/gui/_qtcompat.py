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

PySide6's `__feature__` support (`from __feature__ import snake_case`) replaces `import`:
after every import it reads the module's whole source to see whether it mentions "PySide6"
(`shibokensupport.feature.feature_imported`, PYSIDE-2029): ~0.1 ms a module, ~7 ms of the
window's start-up for the ~70 of its own and ~25 standard modules it imports after PySide6.
The answer is known without reading: the standard library never mentions PySide6 (-1, what
the scan finds), and mailpath selects no feature (0, "no feature", what the scan records for
a module that uses PySide6). `skip_own_feature_scan()` records those two; every other module
is scanned as before, and where PySide6 lacks the hook nothing changes.
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


def skip_own_feature_scan() -> bool:
    """mailpath's modules are not scanned for `__feature__` use (see above); True if so."""
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "feature_imported", None)
    table = getattr(feature, "pyside_feature_dict", None)
    if getattr(scan, "mailpath", False):
        return True  # done before
    if not callable(scan) or not isinstance(table, dict):
        return False

    def feature_imported(module: object) -> object:
        name = getattr(module, "__name__", None)
        top = name.split(".")[0] if isinstance(name, str) else ""
        if top == "mailpath":
            table.setdefault(name, 0)  # 0: a module that uses PySide6 and no feature
            return None
        if top in sys.stdlib_module_names:
            table.setdefault(name, -1)  # -1: no mention of PySide6, the scan's answer
            return None
        return scan(module)

    feature_imported.mailpath = True  # type: ignore[attr-defined]
    setattr(feature, "feature_imported", feature_imported)  # noqa: B010
    return True
