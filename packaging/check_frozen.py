"""Smoke test of a frozen mailpath, the same on Linux CI and on the Windows and macOS runners.

    python packaging/check_frozen.py EXE [--png OUT.png] [--max-mb 120]

EXE is the command-line executable build.py printed. The frozen app must do real work:
  1. `EXE --version` prints "mailpath <project version>";
  2. `EXE check --replay <the seed example inside the bundle> --png OUT` exits 0 and writes a
     PNG that is big enough and not blank (offscreen Qt: no display needed);
  3. the bundle holds resources (icons, examples, translations), Qt's own translations, the
     Qt plugins the app needs (and not those left out on purpose), and dnspython's record
     types inside the frozen module archive;
  4. `EXE gui --replay <seed> --screenshot` opens the window offscreen and saves it;
  5. `EXE spf` resolves live, over real sockets, against the test suite's loopback DNS
     server (tests/support/dnsserver.py), when that module can be imported;
  6. on Linux, every shared library in it resolves (`ldd`: nothing "not found").
Runs from a temporary directory so that nothing in the source tree can stand in for the
bundle. Prints one line per check; exits 1 with the failures listed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import freeze_config as fc  # noqa: E402

#: Record types the analysis reads or writes (a missing one fails only at replay time).
REQUIRED_RDTYPES = (
    "IN.A",
    "IN.AAAA",
    "ANY.MX",
    "ANY.TXT",
    "ANY.PTR",
    "ANY.CNAME",
    "ANY.NS",
    "ANY.SOA",
)

failures: list[str] = []


def ok(message: str) -> None:
    print(f"  ok   {message}", flush=True)


def fail(message: str) -> None:
    print(f"  FAIL {message}", flush=True)
    failures.append(message)


def data_dir(exe: Path) -> Path:
    """Where PyInstaller put the data files: `_internal/` beside the executable, or
    `Contents/Resources/` of a macOS app bundle."""
    if exe.parent.name == "MacOS" and (exe.parent.parent / "Resources").is_dir():
        return exe.parent.parent / "Resources"
    return exe.parent / "_internal"


def binaries_dir(exe: Path) -> Path:
    if exe.parent.name == "MacOS":
        return exe.parent.parent / "Frameworks"
    return exe.parent / "_internal"


def bundle_root(exe: Path) -> Path:
    return exe.parent.parent.parent if exe.parent.name == "MacOS" else exe.parent


def folder_size(path: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            p = Path(dirpath, name)
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def run_app(exe: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    env.pop("PYTHONPATH", None)  # the bundle must stand on its own
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )


def check_version(exe: Path, cwd: Path) -> None:
    expected = f"mailpath {fc.project_version()}"
    proc = run_app(exe, ["--version"], cwd)
    out = proc.stdout.strip()
    if proc.returncode == 0 and out == expected:
        ok(f"--version: {out}")
    else:
        fail(
            f"--version: exit {proc.returncode}, printed {out!r} (want {expected!r})"
            f" {proc.stderr[-500:]}"
        )


def png_stats(path: Path) -> tuple[int, int, float, int]:
    """(width, height, share of pixels unlike the background, distinct colours in a sample)."""
    try:
        from PIL import Image

        with Image.open(path) as im:
            im = im.convert("RGB")
            width, height = im.size
            small = im.resize((min(width, 400), min(height, 200)))
            pixels = [
                small.getpixel((x, y)) for y in range(small.height) for x in range(small.width)
            ]
    except ImportError:  # no Pillow here: read it with Qt (the build environment has both)
        from PySide6.QtGui import QImage

        image = QImage(str(path))
        if image.isNull():
            raise ValueError("not a readable PNG") from None
        width, height = image.width(), image.height()
        small = image.scaled(min(width, 400), min(height, 200))
        pixels = [
            small.pixelColor(x, y).getRgb()[:3]
            for y in range(small.height())
            for x in range(small.width())
        ]
    background = pixels[0]
    differing = sum(
        1 for p in pixels if max(abs(a - b) for a, b in zip(p, background, strict=True)) > 24
    )
    return width, height, differing / len(pixels), len(set(pixels))


def check_replay(exe: Path, cwd: Path, png: Path) -> None:
    seed = data_dir(exe) / "resources" / "examples" / "seed.mailpath.json"
    if not seed.is_file():
        fail(f"the seed example is not in the bundle ({seed})")
        return
    png.unlink(missing_ok=True)
    proc = run_app(exe, ["check", "--replay", str(seed), "--png", str(png)], cwd)
    if proc.returncode != 0:
        fail(f"check --replay: exit {proc.returncode}\n{proc.stdout[-800:]}\n{proc.stderr[-1500:]}")
        return
    if not proc.stdout.strip():
        fail("check --replay printed no report")
    else:
        ok(f"check --replay printed a report ({len(proc.stdout.splitlines())} lines)")
    noisy = [line for line in proc.stderr.splitlines() if line.strip()]
    if noisy:
        # Qt warnings (missing fonts, plugins) are worth seeing but not fatal here.
        print("       stderr: " + "\n       stderr: ".join(noisy[:10]))
    check_png(png, "check --replay --png", 600, 300)


def check_png(png: Path, what: str, min_width: int, min_height: int) -> None:
    if not png.is_file():
        fail(f"{what} wrote no {png}")
        return
    try:
        width, height, inked, colours = png_stats(png)
    except Exception as exc:
        fail(f"{what}: {png} is not a readable image ({exc})")
        return
    size_kb = png.stat().st_size / 1024
    detail = f"{width}x{height} px, {size_kb:.0f} KB, {inked:.1%} drawn, {colours} colours"
    if (
        width >= min_width
        and height >= min_height
        and inked >= 0.02
        and colours >= 16
        and size_kb >= 10
    ):
        ok(f"{what}: PNG {detail}")
    else:
        fail(f"{what}: PNG looks empty or too small: {detail}")


def check_gui(exe: Path, cwd: Path, shot: Path) -> None:
    """The window itself, offscreen: main window, panels, graph view, translations loaded."""
    seed = data_dir(exe) / "resources" / "examples" / "seed.mailpath.json"
    shot.unlink(missing_ok=True)
    proc = run_app(exe, ["gui", "--replay", str(seed), "--screenshot", str(shot)], cwd)
    if proc.returncode != 0:
        fail(f"gui --screenshot: exit {proc.returncode}\n{proc.stderr[-1500:]}")
        return
    check_png(shot, "gui --replay --screenshot", 400, 300)


def check_live_dns(exe: Path, cwd: Path) -> None:
    """The asyncio resolver path frozen: SPF with an include and an mx, over UDP on loopback."""
    sys.path.insert(0, str(fc.ROOT))
    try:
        from tests.support.dnsserver import DnsTestServer
    except ImportError as exc:
        print(f"  skip live DNS check (no test DNS server here: {exc})")
        return
    zone = {
        "example.com": [
            ("TXT", "v=spf1 mx include:_spf.example.net -all"),
            ("MX", (10, "mx.example.com")),
        ],
        "mx.example.com": [("A", "192.0.2.25"), ("AAAA", "2001:db8::25")],
        "_spf.example.net": [("TXT", "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:5::/48 -all")],
    }
    with DnsTestServer(zone) as server:
        args = ["spf", "example.com", "198.51.100.7", "-n", server.nameserver, "--json"]
        proc = run_app(exe, [*args, "--timeout", "3", "--budget", "10"], cwd)
    try:
        result = json.loads(proc.stdout)
    except ValueError:
        fail(
            f"spf over loopback DNS: exit {proc.returncode}, no JSON:"
            f" {proc.stdout[-300:]} {proc.stderr[-800:]}"
        )
        return
    if proc.returncode == 0 and result.get("result") == "pass" and result.get("lookups", 0) >= 2:
        ok(
            f"live DNS: spf -> pass after {result['lookups']} lookups"
            f" ({len(server.queries)} queries on loopback)"
        )
    else:
        fail(
            f"spf over loopback DNS: exit {proc.returncode},"
            f" result {result.get('result')!r}, {result.get('error')!r}"
        )


def check_contents(exe: Path) -> None:
    data = data_dir(exe)
    res = data / "resources"
    for rel in ("examples/seed.mailpath.json", "icons/mailpath.svg"):
        (ok if (res / rel).is_file() else fail)(f"resources/{rel} in the bundle")
    # Our translations: every .ts of the source tree, compiled or as is.
    for ts in sorted((fc.ROOT / "resources" / "i18n").glob("mailpath_*.ts")):
        shipped = [
            p
            for p in (res / "i18n" / ts.with_suffix(".qm").name, res / "i18n" / ts.name)
            if p.is_file()
        ]
        (ok if shipped else fail)(
            f"translation {ts.stem} in the bundle ({shipped[0].name if shipped else 'missing'})"
        )
    # Qt's own catalogues for those languages (standard dialogs and buttons).
    everything = [p for p in bundle_root(exe).rglob("*") if p.is_file() or p.is_symlink()]
    names = {p.name for p in everything}
    for lang in sorted(fc.app_languages()):
        (ok if f"qtbase_{lang}.qm" in names else fail)(f"Qt translation qtbase_{lang}.qm")
    # Qt plugins: offscreen (CI, --png), the native platform, SVG icons and images.
    native = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform)
    plugins = {fc.plugin_name(p.name) for p in everything if "plugins" in p.parts}
    for plugin in ("qoffscreen", native, "qsvg", "qsvgicon"):
        if plugin:
            (ok if plugin in plugins else fail)(f"Qt plugin {plugin}")
    unwanted = sorted(
        str(p.relative_to(bundle_root(exe)))
        for p in everything
        if not fc.keep_qt_file(p.relative_to(bundle_root(exe)).as_posix())
    )
    if unwanted:
        fail(f"{len(unwanted)} files the lean-bundle filter should have left out: {unwanted[:8]}")
    else:
        ok("no excluded Qt module, plugin or translation in the bundle")
    check_archive(exe)


def check_archive(exe: Path) -> None:
    """dnspython's record types and the whole mailpath package inside the PYZ archive."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        print("  skip module archive check (PyInstaller is not importable here)")
        return
    try:
        pyz = CArchiveReader(str(exe)).open_embedded_archive("PYZ.pyz")
        modules = set(pyz.toc)
    except Exception as exc:
        fail(f"cannot read the module archive of {exe}: {exc}")
        return
    rdtypes = sorted(m for m in modules if m.startswith("dns.rdtypes."))
    missing = [t for t in REQUIRED_RDTYPES if f"dns.rdtypes.{t}" not in modules]
    if missing:
        fail(f"dnspython record types missing: {missing}")
    else:
        ok(f"dnspython record types: {len(rdtypes)} modules (A, AAAA, MX, TXT, PTR... present)")
    source = {
        ".".join(p.relative_to(fc.ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (fc.ROOT / "mailpath").rglob("*.py")
    }
    lost = sorted(source - modules)
    frozen = f"{len(source) - len(lost)}/{len(source)}"
    (fail if lost else ok)(f"mailpath modules frozen: {frozen} {lost[:5] if lost else ''}")
    for name in ("PIL", "numpy", "tkinter", "PySide6.QtNetwork", "PySide6.QtQml"):
        if name in modules:
            fail(f"{name} is in the bundle but mailpath does not use it")


_MACHO_MAGIC = {
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
}


def _is_binary(path: Path) -> bool:
    if path.suffix.lower() in (".dll", ".pyd", ".exe", ".so", ".dylib"):
        return True
    if sys.platform == "darwin" and path.is_file() and not path.is_symlink():
        with path.open("rb") as fh:
            return fh.read(4) in _MACHO_MAGIC
    return False


def check_qt_links(exe: Path) -> None:
    """Windows and macOS: every Qt library a bundled binary links to is in the bundle, so
    the lean-bundle filter cannot have removed something a kept plugin needs (the smoke run
    uses the offscreen platform, which would not notice a broken native one)."""
    if sys.platform.startswith("linux"):
        return  # check_linux_libraries resolves every link there
    try:
        from PyInstaller.depend.bindepend import get_imports
    except ImportError:
        print("  skip Qt link check (PyInstaller is not importable here)")
        return
    root = bundle_root(exe)
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    present = {p.name.lower() for p in files}
    missing: set[str] = set()
    count = 0
    for path in files:
        if not _is_binary(path):
            continue
        count += 1
        try:
            imports = get_imports(str(path))
        except Exception as exc:
            print(f"       cannot read imports of {path.name}: {exc}")
            continue
        for name, _resolved in imports:
            base = Path(name.replace("\\", "/")).name
            if "Qt" in base and base.lower() not in present:
                missing.add(f"{path.name} -> {base}")
    if missing:
        fail(f"Qt libraries linked but not bundled: {sorted(missing)[:8]}")
    else:
        ok(f"Qt links of {count} binaries all resolve inside the bundle")


def check_linux_libraries(exe: Path) -> None:
    if not sys.platform.startswith("linux"):
        return
    internal = binaries_dir(exe)
    lib_path = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    unresolved: list[str] = []
    count = 0
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        count += 1
        proc = subprocess.run(
            ["ldd", str(path)],
            capture_output=True,
            text=True,
            env=dict(os.environ, LD_LIBRARY_PATH=lib_path),
        )
        for line in proc.stdout.splitlines():
            if "not found" in line:
                unresolved.append(f"{path.relative_to(internal)}: {line.strip()}")
    if unresolved:
        fail(f"{len(unresolved)} unresolved library links: {unresolved[:8]}")
    else:
        ok(f"ldd: all links of {count} shared libraries resolve")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exe", type=Path)
    parser.add_argument("--png", type=Path, help="where to write the replayed diagram")
    parser.add_argument("--max-mb", type=float, help="fail if the bundle is larger")
    args = parser.parse_args(argv)
    exe = args.exe.resolve()
    if not exe.is_file():
        print(f"check_frozen: {exe} does not exist", file=sys.stderr)
        return 1
    print(f"Checking the frozen app {exe}")
    with tempfile.TemporaryDirectory(prefix="mailpath-smoke-") as tmp:
        png = (args.png or Path(tmp) / "seed.png").resolve()
        check_version(exe, Path(tmp))
        check_replay(exe, Path(tmp), png)
        check_gui(exe, Path(tmp), png.with_name(f"{png.stem}-window.png"))
        check_live_dns(exe, Path(tmp))
    check_contents(exe)
    check_qt_links(exe)
    check_linux_libraries(exe)
    size_mb = folder_size(bundle_root(exe)) / 1e6
    if args.max_mb and size_mb > args.max_mb:
        fail(f"the frozen app is {size_mb:.0f} MB, over the {args.max_mb:.0f} MB aim")
    else:
        ok(f"frozen app size {size_mb:.0f} MB")
    if failures:
        print(f"check_frozen: {len(failures)} check(s) failed:", file=sys.stderr)
        for f in failures:
            print(f"  - {f.splitlines()[0]}", file=sys.stderr)
        return 1
    print("check_frozen: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
