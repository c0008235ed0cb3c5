"""GUI test setup: offscreen Qt, isolated settings, English, and no thread left behind.

Qt warnings fail a test (`qt_log_level_fail = WARNING` in pyproject.toml); the one warning
the offscreen platform prints for every top-level window is ignored here.

Settings: no test may read or write a person's real settings (a test run once saved an
800x600 geometry into ~/.config/mailpath/). For the whole session, before any Qt object
exists, the XDG folders and `MAILPATH_CONFIG_DIR` point into a temporary folder, so windows
in this process *and* `mailpath gui ...` subprocesses (which inherit the environment) keep
their settings, logs and caches there; each test also gets its own QSettings folder.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mailpath.gui  # noqa: F401 - the PySide6 workaround before any Qt call

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MAILPATH_LANG", None)

#: The real places, as they were before this session moved them (for the tests that check
#: nothing was written there).
REAL_CONFIG_HOME = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
SESSION_DIR = Path(tempfile.mkdtemp(prefix="mailpath-tests-"))
atexit.register(shutil.rmtree, SESSION_DIR, True)
for _variable, _folder in (
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
    ("MAILPATH_CONFIG_DIR", "mailpath-config"),
):
    (SESSION_DIR / _folder).mkdir()
    os.environ[_variable] = str(SESSION_DIR / _folder)

OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_settings(qapp: Any, tmp_path: Path) -> Iterator[None]:
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    from mailpath.gui.text import i18n

    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("mailpath-tests")
    QCoreApplication.setApplicationName("mailpath-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    i18n.install("en")
    yield
    i18n.install("en")


@pytest.fixture(autouse=True)
def _no_thread_outlives_the_test() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leftover = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith("mailpath-")
    ]
    for thread in leftover:
        thread.join(2.0)
    alive = [t.name for t in leftover if t.is_alive()]
    assert not alive, f"worker threads outlived the test: {alive}"


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    from PySide6.QtCore import QSettings

    from mailpath.gui.window.main_window import MainWindow

    win = MainWindow(QSettings(), "en")
    win.screenshot_mode = True  # failures go to the status bar, not a modal dialog
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    assert win.analysis.runner.threads() == []


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A private X display (Xvfb), stopped by its PID when the module's tests are done."""
    if shutil.which("Xvfb") is None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            raise AssertionError("Xvfb is not installed; CI must run this test")
        pytest.skip("Xvfb is not installed (apt-get install -y xvfb)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        yield f":{display}"
    finally:
        xvfb.terminate()
        xvfb.wait(10)
