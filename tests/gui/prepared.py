"""Files a clerk has at hand, made from the demo register through the CLI: the sample bulletin,
a ledger, this register's department forms, evidence (a PNG, a PDF, a folder of both)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

WINDOW_TODAY = date(2020, 11, 20)  # the demo's dates make sense against this day
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"


@dataclass
class Prepared:
    files: dict[str, list[Path]]
    by_caption: dict[str, list[Path]]
    evidence_folder: Path
    forms: list[Path]
    ledger: Path


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG, written without Qt so the files exist before the window."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([200, 30, 30] * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def pdf_bytes(text: str = "RectDesk evidence") -> bytes:
    """A one-page PDF with a line of text and a correct cross-reference table."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def evidence_files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "现场照片.png"
    png.write_bytes(png_bytes())
    pdf = folder / "会议纪要.pdf"
    pdf.write_bytes(pdf_bytes())
    return png, pdf


def prepared_files(folder: Path, register: Path) -> Prepared:
    from rectdesk.cli import main

    folder.mkdir(parents=True, exist_ok=True)
    bulletin = folder / "通报.txt"
    shutil.copy(SAMPLE, bulletin)
    ledger = folder / "台账.xlsx"
    assert main(["export-ledger", "--db", str(register), "--out", str(ledger)]) == 0
    docx = folder / "通报.docx"
    assert main(["export-bulletin", "--db", str(register), "--out", str(docx)]) == 0
    forms_dir = folder / "forms"
    assert main(["export-forms", "--db", str(register), "--out", str(forms_dir)]) == 0
    forms = sorted(forms_dir.glob("*.xlsx"))
    png, pdf = evidence_files(folder / "evidence")
    copy = folder / "副本.rectdesk"
    shutil.copy(register, copy)
    return Prepared(files={"txt": [bulletin], "docx": [docx], "xlsx": [ledger],
                           "rectdesk": [copy], "png": [png], "*": [png, pdf]},
                    by_caption={"反馈表": forms[:1]}, evidence_folder=folder / "evidence", forms=forms, ledger=ledger)
