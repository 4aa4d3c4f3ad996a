"""Hostile files for the importers, built at test time (nothing large is committed), and a
harness that runs an importer in a forked child to measure its time and peak memory."""

from __future__ import annotations

import io
import os
import stat
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SECRET = "绝密-XXE-标记-7f3a"
MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- building blocks ------------------------------------------------------------------------------
def docx_bytes() -> bytes:
    """A small, sound bulletin .docx (python-docx's default template plus a few paragraphs)."""
    import docx

    doc = docx.Document()
    for line in ("中共某局党组关于巡察整改进展情况的通报", "一、整改落实情况",
                 "1. 关于学习贯彻不到位问题的整改", "一是制定学习计划。二是开展专题学习。"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "反馈问题", "整改措施", "责任部门", "整改时限", "整改状态"])
    ws.append([1, "学习贯彻不到位", "制定学习计划", "办公室", "2024年12月底", "正在推进"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(original: bytes, replace: dict[str, bytes | str] | None = None,
          extra: Callable[[zipfile.ZipFile], None] | None = None) -> bytes:
    """Copy a zip, replacing some entries and adding others."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data)
        if extra:
            extra(dst)
    return out.getvalue()


def bomb(original: bytes, member: str, head: bytes, megabytes: int, tail: bytes) -> bytes:
    """`member` becomes `head` + `megabytes` MB of spaces + `tail`: tiny on disk, huge inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info.filename, src.read(info.filename))
        with dst.open(member, "w", force_zip64=True) as fh:
            fh.write(head)
            chunk = b" " * MB
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(tail)
    return out.getvalue()


def with_doctype(xml: bytes, doctype: str, entity_ref: str, where: bytes) -> bytes:
    """Put a DOCTYPE before the root element and an entity reference where `where` occurs."""
    start = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    body = xml[start:].replace(where, where + entity_ref.encode(), 1)
    return xml[:start] + doctype.encode() + body


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10))
          + "]>")


def xxe(target: Path) -> str:
    return f'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>'


def add_traversal(zf: zipfile.ZipFile) -> None:
    zf.writestr("../../evil.txt", "written outside")
    zf.writestr("/tmp/rectdesk-evil-absolute.txt", "absolute")
    zf.writestr("..\\..\\evil-backslash.txt", "windows traversal")
    link = zipfile.ZipInfo("word/link-to-secret")
    link.create_system = 3  # Unix
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    zf.writestr(link, "/etc/passwd")


# -- the corpus -----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> file. Names end in the extension the file pretends to have."""
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    good_docx, good_xlsx = docx_bytes(), xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(good_docx)) as z:
        document = z.read("word/document.xml")
    with zipfile.ZipFile(io.BytesIO(good_xlsx)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    paragraph_text = "一是制定学习计划".encode()
    files: dict[str, bytes] = {
        "not-a-zip.docx": "这不是压缩包，只是改了扩展名的文字。\n".encode() * 20,
        "not-a-zip.xlsx": "序号,反馈问题\n1,问题\n".encode(),
        "binary-noise.docx": bytes(range(256)) * 64,
        "binary-noise.xlsx": bytes(range(256)) * 64,
        "truncated.docx": good_docx[: len(good_docx) // 2],
        "truncated.xlsx": good_xlsx[: len(good_xlsx) // 2],
        "bomb-350mb.docx": bomb(good_docx, "word/document.xml",
                                document[: document.index(b"<w:body>")], 350, b"<w:body/></w:document>"),
        "bomb-100mb.xlsx": bomb(good_xlsx, "xl/worksheets/sheet1.xml",
                                sheet[: sheet.index(b"<sheetData>")], 100, b"<sheetData/></worksheet>"),
        "billion-laughs.docx": rezip(good_docx, {"word/document.xml": with_doctype(
            document, LAUGHS, "&lol9;", paragraph_text)}),
        "billion-laughs.xlsx": rezip(good_xlsx, {"xl/worksheets/sheet1.xml": with_doctype(
            sheet, LAUGHS, "&lol9;", b"<sheetData>")}),
        "external-entity.docx": rezip(good_docx, {"word/document.xml": with_doctype(
            document, xxe(secret), "&xxe;", paragraph_text)}),
        "external-entity.xlsx": rezip(good_xlsx, {"xl/worksheets/sheet1.xml": with_doctype(
            sheet, xxe(secret), "", b"<sheetData>")}),
        "traversal.docx": rezip(good_docx, extra=add_traversal),
        "traversal.xlsx": rezip(good_xlsx, extra=add_traversal),
    }
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    return paths


# -- running an importer in a child ---------------------------------------------------------------
@dataclass
class Outcome:
    kind: str          # "rejected" (typed error), "accepted", "crashed" (any other exception)
    detail: str
    seconds: float
    peak_mb: float     # the child's peak resident memory above what it inherited


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_isolated(fn: Callable[[Path], Any], path: Path) -> Outcome:
    """Run fn(path) in a forked child (so a bomb cannot take the test run down with it)."""
    import json

    from rectdesk.core.errors import RectDeskError

    read_fd, write_fd = os.pipe()
    baseline = _rss_bytes()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        started = time.perf_counter()
        try:
            result = fn(path)
            kind, detail = "accepted", repr(result)[:20000]
        except RectDeskError as exc:
            kind, detail = "rejected", f"{type(exc).__name__}: {exc}"
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            kind, detail = "crashed", f"{type(exc).__name__}: {exc}"[:2000]
        seconds = time.perf_counter() - started
        with os.fdopen(write_fd, "w", encoding="utf-8") as fh:
            json.dump([kind, detail, seconds], fh)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, encoding="utf-8") as fh:
        raw = fh.read()
    _, status, usage = os.wait4(pid, 0)
    if not raw:
        return Outcome("crashed", f"child died (status {status})", 0.0, 0.0)
    kind, detail, seconds = json.loads(raw)
    peak = max(0, usage.ru_maxrss * 1024 - baseline) / MB
    return Outcome(kind, detail, seconds, peak)
