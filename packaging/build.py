"""Freeze mailpath for this OS, and optionally build this OS's installer.

    python packaging/build.py                 freeze into dist/; print the executable's path
    python packaging/build.py --installer     ...then the installer; print its path
        Windows  dist/mailpath-VERSION-windows-x64-setup.exe   (NSIS; makensis on PATH or
                                                               in Program Files)
        macOS    dist/mailpath-VERSION-macos-ARCH.dmg          (dmgbuild; app + Applications link)
        Linux    dist/mailpath-VERSION-linux-ARCH.tar.gz       (the frozen folder)
    python packaging/build.py --nsis-payload DIR [--output FILE] [--version V]
                                              only compile the Windows installer from DIR
                                              (any OS with makensis: Linux CI uses a stand-in)

Options: --no-venv (use the running Python as it is), --compression zlib|lzma (NSIS; default
lzma, CI uses zlib), --skip-freeze (reuse dist/ for --installer).

The freeze runs in a clean environment, build/venv-package: the project's dependencies from
pyproject.toml plus packaging/requirements-build.txt, and nothing else, so that PyInstaller
cannot pick up whatever else a developer's venv holds. It is created on first use and
reinstalled when either file changes. Progress goes to stderr; the one path asked for is the
last line on stdout, so `EXE=$(python packaging/build.py | tail -n 1)` works.

Signing (optional, see sign.py): MAILPATH_WIN_CERT_PFX / MAILPATH_MACOS_SIGN_IDENTITY etc.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import freeze_config as fc  # noqa: E402
import sign  # noqa: E402

DIST = ROOT / "dist"
BUILD = ROOT / "build"
VENV = BUILD / "venv-package"
ICONS = BUILD / "icons"
SPEC = HERE / "mailpath.spec"
NSI = HERE / "windows" / "mailpath.nsi"
REQUIREMENTS = HERE / "requirements-build.txt"
IS_WINDOWS = sys.platform == "win32"
IS_MACOS = sys.platform == "darwin"


def log(message: str) -> None:
    print(f"build.py: {message}", file=sys.stderr, flush=True)


def run(cmd: list[str | Path], **kwargs: object) -> None:
    """Run a command with its output on stderr (stdout is kept for the result path)."""
    printable = " ".join(str(c) for c in cmd)
    log(f"$ {printable}")
    subprocess.run([str(c) for c in cmd], check=True, stdout=sys.stderr, **kwargs)  # type: ignore[call-overload]


# ---------------------------------------------------------------- build environment


def venv_python(venv: Path = VENV) -> Path:
    return venv / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def project_dependencies() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return list(tomllib.load(fh)["project"]["dependencies"])


def ensure_venv(venv: Path = VENV) -> Path:
    """Create or refresh the clean build environment; returns its Python."""
    python = venv_python(venv)
    wanted = [*project_dependencies(), REQUIREMENTS.read_text(encoding="utf-8")]
    digest = hashlib.sha256(repr((sys.version, wanted)).encode()).hexdigest()
    stamp = venv / ".mailpath-build-stamp"
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return python
    if not python.exists():
        log(f"creating the build environment {venv}")
        run([sys.executable, "-m", "venv", "--clear", venv])
        run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    log("installing the build requirements")
    run([python, "-m", "pip", "install", "-q", *project_dependencies(), "-r", REQUIREMENTS])
    stamp.write_text(digest + "\n")
    return python


# ---------------------------------------------------------------- steps


def make_icons(python: str) -> None:
    run([python, HERE / "make_icons.py", "--out", ICONS])


def compile_translations(python: str) -> None:
    """`.ts` -> `.qm` beside them (gitignored), so the bundle ships compiled catalogues."""
    if not list((ROOT / "resources" / "i18n").glob("*.ts")):
        log("no resources/i18n/*.ts yet: no translations to compile")
        return
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    # The environment's scripts directory first: its `pyside6-lrelease` (.exe on Windows) is
    # the compiler that matches the bundled Qt.
    scripts = str(Path(python).parent)
    env["PATH"] = scripts + os.pathsep + env.get("PATH", "")
    run([python, "-m", "mailpath.gui.text.catalogue", "compile"], cwd=ROOT, env=env)
    for ts in (ROOT / "resources" / "i18n").glob("*.ts"):
        if not ts.with_suffix(".qm").exists():
            raise SystemExit(f"build.py: {ts.name} did not compile to .qm")


def freeze(python: str) -> Path:
    """PyInstaller; returns the command-line executable of the result."""
    env = dict(os.environ, MAILPATH_ICON_DIR=str(ICONS))
    started = time.monotonic()
    run(
        [
            python,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            DIST,
            "--workpath",
            BUILD / "pyinstaller",
            SPEC,
        ],
        cwd=ROOT,
        env=env,
    )
    log(f"froze in {time.monotonic() - started:.0f} s")
    exe = frozen_executable()
    if not exe.exists():
        raise SystemExit(f"build.py: PyInstaller finished but {exe} is missing")
    if IS_WINDOWS:
        sign.sign_windows([DIST / fc.APP_NAME / f"{fc.APP_NAME}.exe", exe])
    if IS_MACOS:
        sign.verify_macos_app(DIST / f"{fc.APP_NAME}.app")
    return exe


def frozen_executable() -> Path:
    if IS_WINDOWS:
        return DIST / fc.APP_NAME / f"{fc.WINDOWS_CLI_NAME}.exe"
    if IS_MACOS:
        return DIST / f"{fc.APP_NAME}.app" / "Contents" / "MacOS" / fc.APP_NAME
    return DIST / fc.APP_NAME / fc.APP_NAME


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


# ---------------------------------------------------------------- installers


def build_tarball(version: str) -> Path:
    out = DIST / f"{fc.APP_NAME}-{version}-linux-{machine()}.tar.gz"
    started = time.monotonic()
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(DIST / fc.APP_NAME, arcname=f"{fc.APP_NAME}-{version}")
    log(f"wrote {out} in {time.monotonic() - started:.0f} s")
    return out


def find_makensis() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    # Windows environment names are case-insensitive; os.environ upper-cases them there.
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    raise SystemExit("build.py: makensis not found (Windows: choco install nsis; Debian: nsis)")


def build_nsis(
    payload: Path, version: str, output: Path | None = None, compression: str = "lzma"
) -> Path:
    """Compile packaging/windows/mailpath.nsi around `payload` (a one-folder app)."""
    out = output or DIST / f"{fc.APP_NAME}-{version}-windows-x64-setup.exe"
    out.parent.mkdir(parents=True, exist_ok=True)
    defines = {
        "VERSION": version,
        "NUMERIC_VERSION": fc.numeric_version(version),
        "SOURCE_DIR": str(payload.resolve()),
        "OUTFILE": str(out.resolve()),
        "COMPRESSION": compression,
    }
    if (ICONS / "mailpath.ico").exists():
        defines["ICON"] = str((ICONS / "mailpath.ico").resolve())
    if sign.windows_enabled():
        # NSIS signs the uninstaller it embeds and the installer it writes (!uninstfinalize,
        # !finalize) through a one-line wrapper: no quotes need to survive the command line.
        defines["SIGN_SCRIPT"] = str(sign_wrapper())
    else:
        sign.note("MAILPATH_WIN_CERT_PFX is not set: the installer stays unsigned")
    started = time.monotonic()
    # -WX: a warning fails the build, so a script that only half works cannot ship.
    run([find_makensis(), "-V2", "-WX", *(f"-D{k}={v}" for k, v in defines.items()), NSI])
    log(f"compiled {out} ({compression}) in {time.monotonic() - started:.0f} s")
    return out


def sign_wrapper() -> Path:
    """A script that signs the one file it is given, with this Python and sign.py."""
    folder = BUILD / "sign"
    folder.mkdir(parents=True, exist_ok=True)
    if IS_WINDOWS:
        wrapper = folder / "sign-file.cmd"
        wrapper.write_text(f'@"{sys.executable}" "{HERE / "sign.py"}" windows %1\r\n')
    else:
        wrapper = folder / "sign-file.sh"
        wrapper.write_text(
            f'#!/bin/sh\nexec "{sys.executable}" "{HERE / "sign.py"}" windows "$1"\n'
        )
        wrapper.chmod(0o755)
    return wrapper


def build_dmg(version: str) -> Path:
    app = DIST / f"{fc.APP_NAME}.app"
    out = DIST / f"{fc.APP_NAME}-{version}-macos-{machine()}.dmg"
    out.unlink(missing_ok=True)
    run(
        [
            sys.executable,
            "-m",
            "dmgbuild",
            "-s",
            HERE / "macos" / "dmg_settings.py",
            "-D",
            f"app={app}",
            "-D",
            f"icon={ICONS / 'mailpath.icns'}",
            f"{fc.DISPLAY_NAME} {version}",
            out,
        ]
    )
    sign.sign_macos_dmg(out)
    return out


# ---------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--installer", action="store_true", help="also build this OS's installer")
    p.add_argument("--no-venv", action="store_true", help="use the running Python as it is")
    p.add_argument("--skip-freeze", action="store_true", help="reuse the app already in dist/")
    p.add_argument("--compression", choices=["lzma", "zlib"], default="lzma", help="NSIS")
    p.add_argument(
        "--nsis-payload", type=Path, metavar="DIR", help="only compile the NSIS installer"
    )
    p.add_argument("--output", type=Path, metavar="FILE", help="installer path (--nsis-payload)")
    p.add_argument("--version", help="override the project version (--nsis-payload tests)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(raw)
    version = args.version or fc.project_version()

    if args.nsis_payload:
        print(build_nsis(args.nsis_payload, version, args.output, args.compression))
        return 0

    if not args.no_venv:
        # Everything else runs inside the clean environment.
        python = ensure_venv()
        return subprocess.run([str(python), __file__, *raw, "--no-venv"], check=False).returncode

    if IS_MACOS:
        sign.import_macos_certificate()
    python = sys.executable
    if args.skip_freeze:
        exe = frozen_executable()
    else:
        make_icons(python)
        compile_translations(python)
        exe = freeze(python)
    result = exe
    if args.installer:
        if IS_WINDOWS:
            result = build_nsis(DIST / fc.APP_NAME, version, args.output, args.compression)
        elif IS_MACOS:
            result = build_dmg(version)
        else:
            result = build_tarball(version)
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
