"""Render resources/icons/rectdesk.svg to the PNG sizes desktops want and a Windows .ico.

    QT_QPA_PLATFORM=offscreen python resources/packaging/make_icons.py

The outputs are committed; run this again only after editing the SVG.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ICONS = HERE.parent / "icons"
HICOLOR = HERE / "linux" / "icons" / "hicolor"  # only the .deb installs these
SIZES = (16, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A multi-size .ico holding PNG images (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - Qt needs one
    renderer = QSvgRenderer(str(ICONS / "rectdesk.svg"))
    if not renderer.isValid():
        print("invalid SVG", file=sys.stderr)
        return 1
    pngs = {}
    for size in SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / "rectdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        render(renderer, size).save(str(target))
        pngs[size] = target.read_bytes()
    (ICONS / "rectdesk.png").write_bytes(pngs[256])
    (ICONS / "rectdesk.ico").write_bytes(ico_bytes({s: pngs[s] for s in (16, 32, 48, 256)}))
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
