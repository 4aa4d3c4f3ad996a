"""Refuse a spreadsheet before openpyxl opens it: not an .xlsx, truncated, or a zip bomb.

openpyxl trusts the zip; a file renamed from .xls/.csv, a half-copied download or a tiny file
that inflates to gigabytes would end in a traceback or an exhausted machine.  `check_xlsx(path)`
looks at the zip's directory (cheap), then inflates every part once, streamed, and raises
ImportFormatError with a Chinese message.
Sizes declared in the directory are not binding: Python's zipfile inflates a whole compressed
block before cutting it to the declared size (a 1 MB file whose headers understate its sizes
took 2 GB), so each part is inflated here in 64 KB steps with a running count of the bytes
actually produced: more than declared, more than the limit, a CRC or length mismatch, or a
compression method Office does not use, and the file is refused before any library opens it.
Hostile XML: openpyxl parses worksheets with defusedxml (installed) and other parts with lxml
without resolving entities; the same pass refuses any part that declares a DTD or entities
anywhere in it (the whole part is scanned, in UTF-8 and UTF-16), which no genuine
Excel/WPS/LibreOffice/Word file does.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from rectdesk.core.errors import ImportFormatError
from rectdesk.fileio import check_input_file

MAX_UNCOMPRESSED = 512 * 1024 * 1024  # a 100,000-row ledger is well under 100 MB unpacked
MAX_RATIO = 200  # a worksheet compresses 10-30x; a bomb compresses thousands of times
RATIO_FLOOR = 16 * 1024 * 1024  # small entries may compress well (blank styles, repeated cells)
MAX_ENTRIES = 10_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx


def check_xlsx(path: Path | str, *, max_uncompressed: int = MAX_UNCOMPRESSED,
               max_ratio: float = MAX_RATIO) -> None:
    """Raise ImportFormatError unless `path` looks like a sound, reasonably sized .xlsx."""
    path = Path(path)
    name = path.name
    check_input_file(path, error=ImportFormatError)  # missing, a folder, a FIFO (would block for ever), a non-UTF-8 name
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE2):
        raise ImportFormatError("这是旧版 Excel（.xls）文件或加密的工作簿：请在 Excel/WPS 中取消密码并"
                                "另存为 .xlsx 后再导入", file=name)
    if not head.startswith(b"PK"):
        raise ImportFormatError("不是 Excel 工作簿（.xlsx）：请在 Excel/WPS 中另存为 .xlsx 后再导入",
                                file=name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFormatError("文件已损坏或不完整（可能未复制完整），无法打开", file=name) from exc
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise ImportFormatError("不是 Excel 工作簿（.xlsx）：文件中没有工作簿内容（Word 文档或其他压缩包？）",
                                file=name)
    check_package(path, infos, name, max_uncompressed=max_uncompressed, max_ratio=max_ratio)


def check_package(path: Path, infos: list[zipfile.ZipInfo], name: str, *, noun: str = "工作簿",
                  max_uncompressed: int = MAX_UNCOMPRESSED, max_ratio: float = MAX_RATIO) -> None:
    """Size, ratio and DTD checks for any Office package (.xlsx, .docx); `noun` names it."""
    _check_sizes(infos, name, max_uncompressed, max_ratio, noun)
    _check_prologs(path, infos, name, noun, max_uncompressed)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, max_uncompressed: int,
                 max_ratio: float, noun: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ImportFormatError(f"{noun}包含 {len(infos)} 个内部文件，超出上限，拒绝导入", file=name)
    for i in infos:  # Office never writes these; an extractor following them writes outside
        parts = i.filename.replace("\\", "/").split("/")
        link = (i.external_attr >> 16) & 0o170000 == 0o120000
        if i.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0] or link:
            raise ImportFormatError(f"{noun}内部文件名“{i.filename[:60]}”指向包外（../、绝对路径或链接），"
                                    "疑似恶意文件，拒绝导入", file=name)
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise ImportFormatError(f"{noun}解压后达 {total // (1024 * 1024)} MB，超出上限 "
                                f"{max_uncompressed // (1024 * 1024)} MB，拒绝导入", file=name)
    for i in infos:
        ratio = i.file_size / max(1, i.compress_size)
        if i.file_size > RATIO_FLOOR and ratio > max_ratio:
            raise ImportFormatError(f"{noun}内部文件“{i.filename}”压缩比异常（{ratio:.0f} 倍），"
                                    "疑似恶意文件，拒绝导入", file=name)


STEP = 1 << 16  # inflate this much at a time: memory stays bounded whatever the headers say
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_XML_PARTS = (".xml", ".rels", ".vml")
_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_CARRY = max(len(m) for m in _MARKERS)


def _check_prologs(path: Path, infos: list[zipfile.ZipInfo], name: str, noun: str,
                   max_uncompressed: int = MAX_UNCOMPRESSED) -> None:
    """Inflate every part once, streamed: bounded by the bytes actually produced, and scanned
    whole for DTD/entity declarations (billion laughs, external entities)."""
    budget = max_uncompressed
    try:
        with open(path, "rb") as fh:
            for info in infos:
                if not info.is_dir():
                    budget -= _inflate(fh, info, name, noun, budget)
    except (OSError, EOFError, zlib.error, struct.error) as exc:
        raise _damaged(name) from exc


def _damaged(name: str) -> ImportFormatError:
    return ImportFormatError("文件已损坏或不完整（可能未复制完整），无法打开", file=name)


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo, name: str, noun: str, budget: int) -> int:
    """Inflate one part without trusting its header; returns the bytes it really holds."""
    fh.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
    if header[0] != b"PK\x03\x04":
        raise _damaged(name)
    fh.seek(info.header_offset + _LOCAL_HEADER.size + header[10] + header[11])
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ImportFormatError(f"{noun}内部文件“{info.filename}”使用了 Office 不用的压缩方式，拒绝导入", file=name)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    scan = _Scan(info.filename.lower().endswith(_XML_PARTS))
    produced, crc, left = 0, 0, info.compress_size
    while left > 0:
        raw = fh.read(min(STEP, left))
        if not raw:
            raise _damaged(name)
        left -= len(raw)
        for out in _outputs(inflater, raw):
            produced += len(out)
            if produced > info.file_size or produced > budget:
                raise ImportFormatError(f"{noun}内部文件“{info.filename}”解压后超过声明的大小或上限 "
                                        f"{budget // (1024 * 1024)} MB（疑似恶意文件），拒绝导入", file=name)
            crc = zlib.crc32(out, crc)
            if scan.found(out):
                raise ImportFormatError(f"{noun}内部文件“{info.filename}”包含不安全的 XML 声明"
                                        "（DTD/实体），拒绝导入", file=name)
    complete = inflater is None or inflater.eof
    if not complete or produced != info.file_size or crc != info.CRC:
        raise _damaged(name)
    return produced


def _outputs(inflater: Any, raw: bytes) -> Iterator[bytes]:
    """What `raw` inflates to, STEP bytes at a time (a stored part is its own output)."""
    if inflater is None:
        yield raw
        return
    data = raw
    while True:
        out = inflater.decompress(data, STEP)
        if out:
            yield out
        data = inflater.unconsumed_tail
        if not data and len(out) < STEP:
            return


class _Scan:
    """Finds a DTD/entity marker anywhere in a part fed in pieces (one may straddle two)."""

    def __init__(self, xml: bool) -> None:
        self.xml = xml
        self.tail = b""

    def found(self, chunk: bytes) -> bool:
        if not self.xml:
            return False
        window = self.tail + chunk
        self.tail = window[-_CARRY:]
        return any(m in window for m in _MARKERS)


def _xml_errors() -> tuple[type[BaseException], ...]:
    import zlib
    from xml.etree.ElementTree import ParseError

    from lxml.etree import XMLSyntaxError

    return (ParseError, XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError)


@contextmanager
def reading_sheet(name: str, sheet: str | None = None) -> Iterator[None]:
    """Around openpyxl's (lazy) reading of rows: a worksheet whose XML was cut off inside an
    otherwise intact zip fails half-way through the rows; that is a damaged file, not a crash."""
    try:
        yield
    except _xml_errors() as exc:
        raise ImportFormatError("工作表内容不完整或已损坏（XML 无法解析），可能未保存或复制完整："
                                "请在 Excel/WPS 中打开检查并另存为 .xlsx 后再导入", file=name,
                                sheet=sheet) from exc
