"""Render the app icon from its one SVG source to PNGs, a Windows `.ico` and a macOS `.icns`.

    python packaging/make_icons.py [--svg resources/icons/mailpath.svg] [--out build/icons]

The SVG is drawn by QtSvg (the renderer the app itself uses, so what you see in the window is
what the installers get) once per size, and Pillow packs those exact renderings into the
containers: no resampling of a large bitmap, so the 16 px icon is the SVG drawn at 16 px.
The outputs are build products (under build/, gitignored); only the SVG is committed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SVG = ROOT / "resources" / "icons" / "mailpath.svg"
DEFAULT_OUT = ROOT / "build" / "icons"

#: Windows shell sizes (small icons 16-24, tiles 32-48, large 256).
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
#: The sizes an `.icns` holds (16..512 at 1x, 32..1024 as @2x variants).
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_pngs(svg: Path, out_dir: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    """Draw `svg` at each size with QtSvg; returns size -> PNG path."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: QtSvg cannot read this SVG")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"mailpath-{size}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        written[size] = path
    return written


def make_icons(svg: Path = DEFAULT_SVG, out: Path = DEFAULT_OUT) -> dict[str, Path]:
    """Write `out/png/*.png`, `out/mailpath.png` (256 px), `out/mailpath.ico` and `.icns`."""
    from PIL import Image

    sizes = tuple(sorted(set(ICO_SIZES) | set(ICNS_SIZES)))
    pngs = render_pngs(svg, out / "png", sizes)
    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}

    ico = out / "mailpath.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )

    icns = out / "mailpath.icns"
    images[max(ICNS_SIZES)].save(
        icns,
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )

    png = out / "mailpath.png"
    images[256].save(png, format="PNG")
    return {"ico": ico, "icns": icns, "png": png, "png_dir": out / "png"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=DEFAULT_SVG)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for kind, path in make_icons(args.svg, args.out).items():
        print(f"{kind}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
