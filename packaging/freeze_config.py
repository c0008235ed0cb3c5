"""What goes into the frozen app, in one place: read by `mailpath.spec`, `build.py` and the tests.

Plain data and small functions, no PyInstaller import, so that the unit tests can check the
Info.plist and the Qt file filter without freezing anything.

(This directory is not a Python package on purpose: a `packaging/__init__.py` would shadow the
PyPI `packaging` library that pip and PyInstaller import. Scripts put this directory on
`sys.path` and `import freeze_config`.)
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"

APP_NAME = "mailpath"  # executable, folder, .app and installer file names
DISPLAY_NAME = "mailpath"  # what menus, Finder and Add/Remove Programs show
BUNDLE_ID = "app.mailpath.desktop"
PUBLISHER = "mailpath developers"
DOCUMENT_EXTENSION = "mailpath.json"  # saved analyses: `NAME.mailpath.json`
DOCUMENT_UTI = f"{BUNDLE_ID}.analysis"

#: Console executable on Windows (the GUI one, `mailpath.exe`, has no console, so it cannot
#: print `--version` or a report). Same program, same `_internal/`.
WINDOWS_CLI_NAME = "mailpath-cli"


def project_version(pyproject: Path = PYPROJECT) -> str:
    """`[project] version` from pyproject.toml: the one place the version is written."""
    with pyproject.open("rb") as fh:
        data = tomllib.load(fh)
    return str(data["project"]["version"])


def numeric_version(version: str) -> str:
    """Digits and dots only, as Info.plist's CFBundleVersion and Windows' VIProductVersion
    want them: "1.2.3rc1" -> "1.2.3"."""
    parts = [int(m) for m in re.findall(r"\d+", version.split("+")[0])[:3]]
    while len(parts) < 3:
        parts.append(0)
    return ".".join(str(p) for p in parts)


def info_plist(version: str) -> dict[str, object]:
    """Keys merged into the `.app`'s Info.plist (PyInstaller writes the bundle basics)."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": numeric_version(version),
        "CFBundlePackageType": "APPL",
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "ja"],
        "LSApplicationCategoryType": "public.app-category.developer-tools",
        "LSMinimumSystemVersion": "14.0",  # PySide6 6.12 wheels: macosx_14_0
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow dark mode
        "NSHumanReadableCopyright": f"© {PUBLISHER}",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "mailpath analysis",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [DOCUMENT_UTI],
                "CFBundleTypeExtensions": [DOCUMENT_EXTENSION],
                "CFBundleTypeIconFile": "mailpath.icns",
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": DOCUMENT_UTI,
                "UTTypeDescription": "mailpath analysis",
                "UTTypeConformsTo": ["public.json", "public.data"],
                "UTTypeIconFile": "mailpath.icns",
                "UTTypeTagSpecification": {
                    "public.filename-extension": [DOCUMENT_EXTENSION],
                    "public.mime-type": ["application/vnd.mailpath+json"],
                },
            }
        ],
    }


# ----------------------------------------------------------------- what to leave out

#: Python modules never imported by mailpath (PyInstaller would otherwise follow optional
#: imports of the standard library and of PySide6's helpers).
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "pydoc_data",
    "lib2to3",
    "ensurepip",
    "idlelib",
    # Optional imports of networkx (drawing, linear algebra) that mailpath never reaches;
    # Pillow is in the build environment for the icons only.
    "PIL",
    "numpy",
    "scipy",
    "pandas",
    "matplotlib",
    "pygraphviz",
    "pydot",
    "lxml",
    "IPython",
    # `ssl` stays in: DNS over TLS and over HTTPS (--nameserver tls://..., https://...) need
    # OpenSSL in every bundle.
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtPrintSupport",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "PySide6.QtLabsStyleKit",
]

#: Qt libraries that plugins or optional modules would drag in, never needed by a widgets app
#: that draws with QPainter. Matched against a file's base name on every platform
#: (`libQt6Pdf.so.6`, `Qt6Pdf.dll`, `QtPdf.framework/...`).
_UNWANTED_QT_LIB = re.compile(
    r"(^|/|lib)Qt6?("
    r"Pdf|Qml|Quick|Network|Sql|Test|Designer|Help|UiTools|Xml|Concurrent|PrintSupport"
    r"|VirtualKeyboard|Wayland|Wl|EglFS|Labs|Lottie|OpenGL|ShaderTools|VectorImage"
    r"|Multimedia|WebEngine|WebChannel|Positioning|3D|Charts|DataVisualization"
    r")"
)

#: Qt plugin directories: None keeps the whole directory, a set keeps those plugins only
#: (base names without `lib` prefix and suffix), a missing directory is left out.
KEPT_PLUGINS: dict[str, set[str] | None] = {
    # offscreen for headless runs and CI; the native one per OS.
    "platforms": {"qoffscreen", "qminimal", "qxcb", "qwindows", "qcocoa"},
    "imageformats": {"qsvg", "qico", "qicns"},
    "iconengines": {"qsvgicon"},
    "styles": None,  # qmodernwindowsstyle / qmacstyle
    "platformthemes": {"qxdgdesktopportal"},  # not qgtk3: it would bundle the whole GTK
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "xcbglintegrations": None,
}


#: Linux libraries taken from the system, not bundled. Qt (QtGui -> QtDBus) links the D-Bus
#: client library, which must match the desktop's bus anyway; Debian's build of it drags in
#: libsystemd and, through it, libgcrypt, libgpg-error, liblz4 and libcap (~2.9 MB, nothing
#: else in the bundle needs them). Every Linux desktop has libdbus-1.so.3 (Debian: libdbus-1-3,
#: in scripts/_common.sh's APP_PACKAGES); packaging/check_frozen.py's ldd check resolves it.
SYSTEM_LIBRARIES = frozenset(
    {
        "libdbus-1.so.3",
        "libsystemd.so.0",
        "libgcrypt.so.20",
        "libgpg-error.so.0",
        "liblz4.so.1",
        "libcap.so.2",
    }
)


def keep_binary(dest: str) -> bool:
    """Whether a binary PyInstaller collected (by its destination path) stays in the bundle."""
    return keep_qt_file(dest) and PurePath(dest.replace("\\", "/")).name not in SYSTEM_LIBRARIES


def plugin_name(filename: str) -> str:
    stem = PurePath(filename).name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller collected (by its destination path) stays in the bundle."""
    path = PurePath(dest.replace("\\", "/"))
    parts = path.parts
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) > i + 2:
            kept = KEPT_PLUGINS.get(parts[i + 1], set())
            return kept is None or plugin_name(parts[-1]) in kept
        return True
    if "translations" in parts and path.suffix == ".qm" and "PySide6" in parts:
        return keep_qt_translation(path.name)
    if "qml" in parts and "PySide6" in parts:
        return False
    return not _UNWANTED_QT_LIB.search(path.as_posix()) or "PySide6" not in parts


def app_languages() -> set[str]:
    """Languages the app is translated to: `resources/i18n/mailpath_<lang>.ts`."""
    i18n = ROOT / "resources" / "i18n"
    found = {p.stem.split("_", 1)[1] for p in i18n.glob("mailpath_*.ts")}
    return found or {"ja"}


def keep_qt_translation(name: str) -> bool:
    """Only Qt's own catalogues (qtbase: standard buttons, file dialogs) for our languages."""
    m = re.fullmatch(r"(qt|qtbase)_([a-z]{2,3})(_[A-Za-z]+)?\.qm", name)
    return bool(m) and m.group(2) in app_languages()


def resource_datas() -> list[tuple[str, str]]:
    """(source, destination dir) pairs for `resources/`, laid out as in the source tree.

    A compiled `.qm` is shipped instead of its `.ts` (mailpath/gui/text/i18n.py prefers the `.qm`
    and falls back to reading the `.ts`, so either works; the `.qm` is smaller and faster).
    """
    base = ROOT / "resources"
    out = []
    for path in sorted(base.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix == ".ts" and path.with_suffix(".qm").exists():
            continue
        rel = path.relative_to(ROOT).parent
        out.append((str(path), str(rel)))
    return out


if __name__ == "__main__":
    print(project_version())
    sys.exit(0)
