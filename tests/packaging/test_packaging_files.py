"""Fast checks of the packaging files, in the normal suite (nothing is frozen here).

The real proof, freezing and installing, is scripts/package-check.sh; these catch the
mistakes that would only show there or on the release runners: a version that drifted, a
missing Info.plist key, an NSIS script that lost its uninstall keys, icons that do not render,
a workflow that is no longer pinned.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import mailpath

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "mailpath.spec"
NSI = PACKAGING / "windows" / "mailpath.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def _load(name: str) -> ModuleType:
    """A module of packaging/ by file (that directory is deliberately not a package)."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    spec = importlib.util.spec_from_file_location(
        f"_mailpath_packaging_{name}", PACKAGING / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fc() -> ModuleType:
    return _load("freeze_config")


# ---------------------------------------------------------------- version and Info.plist


def test_version_is_the_projects(fc: ModuleType) -> None:
    assert fc.project_version() == mailpath.__version__


@pytest.mark.parametrize(
    ("version", "numeric"),
    [("0.1.0", "0.1.0"), ("1.2", "1.2.0"), ("2.0.0rc1", "2.0.0"), ("1.4.2.post3+g1234", "1.4.2")],
)
def test_numeric_version(fc: ModuleType, version: str, numeric: str) -> None:
    assert fc.numeric_version(version) == numeric


def test_info_plist(fc: ModuleType) -> None:
    version = fc.project_version()
    plist = fc.info_plist(version)
    assert plist["CFBundleIdentifier"] == "app.mailpath.desktop"
    assert plist["CFBundleShortVersionString"] == version
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(plist["CFBundleVersion"]))
    assert plist["NSHighResolutionCapable"] is True
    (doc,) = plist["CFBundleDocumentTypes"]
    assert doc["CFBundleTypeExtensions"] == ["mailpath.json"]
    assert doc["LSItemContentTypes"] == [fc.DOCUMENT_UTI]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == fc.DOCUMENT_UTI
    assert "public.json" in uti["UTTypeConformsTo"]
    # It must serialize: PyInstaller writes it with plistlib.
    assert plistlib.loads(plistlib.dumps(plist))["CFBundleIdentifier"] == "app.mailpath.desktop"


def test_spec_wires_the_bundle_and_the_filters() -> None:
    source = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(source)  # a spec is Python: it must at least parse
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    for needle in (
        "bundle_identifier=fc.BUNDLE_ID",
        "info_plist=fc.info_plist(VERSION)",
        "version=VERSION",
        "fc.keep_qt_file",
        "fc.keep_binary",
        "fc.resource_datas()",
        "fc.EXCLUDED_MODULES",
        'collect_data_files("publicsuffixlist"',
        'collect_submodules("dns.rdtypes")',
        "MAILPATH_MACOS_SIGN_IDENTITY",
        "upx=False",
    ):
        assert needle in source, needle


def test_resources_are_bundled_where_the_app_looks(fc: ModuleType) -> None:
    datas = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in fc.resource_datas()}
    assert datas["resources/examples/seed.mailpath.json"] == str(Path("resources/examples"))
    assert datas["resources/icons/mailpath.svg"] == str(Path("resources/icons"))
    # mailpath.paths looks in sys._MEIPASS/resources first.
    paths = (ROOT / "mailpath" / "paths.py").read_text(encoding="utf-8")
    assert '"_MEIPASS"' in paths and '/ "resources"' in paths


# ---------------------------------------------------------------- lean bundle filter


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/plugins/imageformats/qjpeg.dll", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt6Core.dll", True),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", False),
        ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", True),
        ("PySide6/QtNetwork.abi3.so", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/translations/qt_help_ja.qm", False),
        ("libssl.so.3", True),  # not Qt's: left to PyInstaller
    ],
)
def test_keep_qt_file(fc: ModuleType, dest: str, kept: bool) -> None:
    assert fc.keep_qt_file(dest) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("libdbus-1.so.3", False),
        ("libsystemd.so.0", False),
        ("libgcrypt.so.20", False),
        ("libzstd.so.1", True),  # Qt's own link, not only the D-Bus library's
        ("libssl.so.3", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),  # QtGui links it
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ],
)
def test_keep_binary(fc: ModuleType, dest: str, kept: bool) -> None:
    assert fc.keep_binary(dest) is kept


# ---------------------------------------------------------------- NSIS


def test_nsis_script_essentials() -> None:
    nsi = NSI.read_text(encoding="utf-8")
    code = "\n".join(line for line in nsi.splitlines() if not line.lstrip().startswith(";"))
    assert re.search(r"^Target amd64-unicode$", code, re.M)
    assert "!include MUI2.nsh" in code and "!include MultiUser.nsh" in code
    assert "MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" in code  # per-user by default
    assert "MULTIUSER_INSTALLMODE_COMMANDLINE" in code  # /AllUsers, /CurrentUser
    assert "$SMPROGRAMS" in code and "CreateShortcut" in code
    assert "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${APP_NAME}" in code
    for value in (
        "DisplayName",
        "DisplayVersion",
        "Publisher",
        "UninstallString",
        "QuietUninstallString",
        "EstimatedSize",
        "DisplayIcon",
        "InstallLocation",
    ):
        assert re.search(rf'WriteReg(Str|DWORD) SHCTX "\$\{{UNINST_KEY\}}" "{value}"', code), value
    assert 'DeleteRegKey SHCTX "${UNINST_KEY}"' in code
    # Upgrade: the old uninstaller runs silently, in place, before the new files land.
    assert re.search(r"ExecWait '\"\$0\\\$\{UNINSTALLER\}\" /S .*_\?=\$0'", code)
    # Never a recursive delete of a folder the user may have chosen.
    assert not re.search(r'RMDir /r "\$INSTDIR"', code)
    assert 'RMDir /r "$INSTDIR\\_internal"' in code


def test_nsis_script_compiles(tmp_path: Path) -> None:
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis is not installed (scripts/package-check.sh installs Debian's nsis)")
    payload = tmp_path / "payload"
    (payload / "_internal").mkdir(parents=True)
    (payload / "_internal" / "data.txt").write_text("payload\n")
    (payload / "mailpath.exe").write_bytes(b"MZ stand-in")
    (payload / "mailpath-cli.exe").write_bytes(b"MZ stand-in")
    out = tmp_path / "mailpath-test-setup.exe"
    proc = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",
            f"-DVERSION={mailpath.__version__}",
            f"-DSOURCE_DIR={payload}",
            f"-DOUTFILE={out}",
            "-DCOMPRESSION=zlib",
            str(NSI),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_nsis_signs_uninstaller_and_installer(tmp_path: Path) -> None:
    """With a certificate configured, makensis hands both executables to sign.py."""
    if shutil.which("makensis") is None:
        pytest.skip("makensis is not installed")
    payload = tmp_path / "payload"
    (payload / "_internal").mkdir(parents=True)
    (payload / "mailpath.exe").write_bytes(b"MZ stand-in")
    log = tmp_path / "signtool.log"
    fake = tmp_path / "signtool"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n')
    fake.chmod(0o755)
    (tmp_path / "cert.pfx").write_bytes(b"not a real certificate")
    out = tmp_path / "signed-setup.exe"
    env = {
        **os.environ,
        "MAILPATH_WIN_CERT_PFX": str(tmp_path / "cert.pfx"),
        "MAILPATH_SIGNTOOL": str(fake),
    }
    build = [sys.executable, str(PACKAGING / "build.py"), "--nsis-payload", str(payload)]
    proc = subprocess.run(
        [*build, "--compression", "zlib", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    calls = log.read_text().splitlines()
    assert len(calls) == 2, calls  # the embedded uninstaller, then the installer
    assert all(c.startswith("sign /fd SHA256 /tr ") for c in calls)
    assert calls[-1].endswith(str(out))


# ---------------------------------------------------------------- icons


def test_icons_from_the_svg(qapp: object, tmp_path: Path) -> None:
    # `qapp` first: make_icons then reuses that QApplication instead of creating a
    # QGuiApplication, which would stop later tests from making a QApplication.
    image_module = pytest.importorskip("PIL.Image", reason="Pillow is in the test extras")
    make_icons = _load("make_icons")
    out = make_icons.make_icons(ROOT / "resources" / "icons" / "mailpath.svg", tmp_path)

    with image_module.open(out["ico"]) as ico:
        assert ico.format == "ICO"
        sizes = set(ico.info["sizes"])
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    with image_module.open(out["icns"]) as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
    with image_module.open(out["png_dir"] / "mailpath-16.png") as small:
        small = small.convert("RGBA")
        opaque = sum(1 for y in range(16) for x in range(16) if small.getpixel((x, y))[3] > 128)
        colours = {small.getpixel((x, y))[:3] for y in range(16) for x in range(16)}
        assert opaque > 16 * 16 * 0.6, "the 16 px icon is mostly transparent"
        assert len(colours) >= 4, "the 16 px icon is a flat blob"
    # The .ico's 16 px image is the SVG drawn at 16 px, not a downscale of the 256 px one.
    data = out["ico"].read_bytes()
    assert len(data) > 5000 and io.BytesIO(data).read(4) == b"\x00\x00\x01\x00"


def test_svg_source_is_committed_and_plain() -> None:
    svg = (ROOT / "resources" / "icons" / "mailpath.svg").read_text(encoding="utf-8")
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert box and box.group(1) == box.group(2), "a square icon"
    for unsupported in ("<filter", "<mask", "<text", "<image"):  # QtSvg (SVG Tiny) ignores these
        assert unsupported not in svg


# ---------------------------------------------------------------- macOS disk image


def test_dmg_settings_load() -> None:
    namespace: dict[str, object] = {
        "defines": {"app": "dist/mailpath.app", "icon": "build/icons/missing.icns"}
    }
    source = (PACKAGING / "macos" / "dmg_settings.py").read_text(encoding="utf-8")
    exec(compile(source, "dmg_settings.py", "exec"), namespace)
    assert namespace["files"] == ["dist/mailpath.app"]
    assert namespace["symlinks"] == {"Applications": "/Applications"}
    locations = namespace["icon_locations"]
    assert isinstance(locations, dict) and set(locations) == {"mailpath.app", "Applications"}
    assert "icon" not in namespace  # a missing icon file is skipped, not passed to dmgbuild


def test_entitlements_are_minimal() -> None:
    plist = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert plist == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


# ---------------------------------------------------------------- build.py and signing


def test_build_script_help_and_paths() -> None:
    proc = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    for option in ("--installer", "--no-venv", "--nsis-payload", "--compression"):
        assert option in proc.stdout
    build = _load("build")
    assert build.VENV == ROOT / "build" / "venv-package"
    assert "PySide6-Essentials" in " ".join(build.project_dependencies())


def test_signing_is_optional(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (
        "MAILPATH_WIN_CERT_PFX",
        "MAILPATH_MACOS_SIGN_IDENTITY",
        "MAILPATH_NOTARY_APPLE_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    sign = _load("sign")
    assert sign.sign_windows([Path("nothing.exe")]) is False
    sign.sign_macos_dmg(Path("nothing.dmg"))
    err = capsys.readouterr().err
    assert "stay unsigned" in err and "neither signed nor notarized" in err


# ---------------------------------------------------------------- the workflow


def test_workflow_shape() -> None:
    yaml = pytest.importorskip("yaml")
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on -> True
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["build"]
    runners = {entry["os"] for entry in job["strategy"]["matrix"]["include"]}
    assert {"windows-latest", "macos-latest"} <= runners
    assert any("intel" in r for r in runners), "an Intel macOS runner"
    steps = job["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "choco install nsis" in runs
    assert "packaging/check_frozen.py" in runs
    assert "--installer" in runs
    # No ${{ }} inside run: blocks (values reach scripts through env:).
    assert not re.search(r"\$\{\{", runs)
