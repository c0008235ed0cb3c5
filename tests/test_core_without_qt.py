"""The core must import and run with PySide6 unimportable (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from mailpath.paths import seed_example


def test_core_runs_with_qt_blocked() -> None:
    code = textwrap.dedent(
        f"""
        import sys, asyncio, importlib, pkgutil
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("Qt is blocked in this test")
        sys.meta_path.insert(0, Block())
        import mailpath.core
        for mod in pkgutil.walk_packages(mailpath.core.__path__, "mailpath.core."):
            importlib.import_module(mod.name)
        import mailpath.cli
        from mailpath.core.analysis import analyze
        from mailpath.core.dns.sources import ReplaySource
        from mailpath.core.dns.recording import open_recording
        rec = open_recording({str(seed_example())!r})
        result = asyncio.run(analyze(ReplaySource(rec.answers), rec.sender, rec.recipient, rec.via))
        assert result.complete and result.mx.kind == "explicit"
        assert not [m for m in sys.modules if m.startswith("PySide6")]
        print("ok")
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
