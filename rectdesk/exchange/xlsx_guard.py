"""Refuse a spreadsheet before openpyxl opens it: not an .xlsx, truncated, or a zip bomb.

openpyxl trusts the zip; a file renamed from .xls/.csv, a half-copied download or a tiny file
that inflates to gigabytes would end in a traceback or an exhausted machine.  `check_xlsx(path)`
looks at the zip's directory only (cheap) and raises ImportFormatError with a Chinese message.
Sizes declared in the directory are binding: Python's zipfile stops reading an entry at its
declared size and fails the CRC check if the data is longer, so checking them is enough.
Hostile XML: openpyxl parses worksheets with defusedxml (installed) and other parts with lxml
without resolving entities; `check_xlsx` also refuses any part whose prolog declares a DTD or
entities, which no genuine Excel/WPS/LibreOffice file does.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from rectdesk.core.errors import ImportFormatError

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
    if not path.is_file():
        raise ImportFormatError("文件不存在", file=str(path))
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
    _check_prologs(path, infos, name, noun)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, max_uncompressed: int,
                 max_ratio: float, noun: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ImportFormatError(f"{noun}包含 {len(infos)} 个内部文件，超出上限，拒绝导入", file=name)
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise ImportFormatError(f"{noun}解压后达 {total // (1024 * 1024)} MB，超出上限 "
                                f"{max_uncompressed // (1024 * 1024)} MB，拒绝导入", file=name)
    for i in infos:
        ratio = i.file_size / max(1, i.compress_size)
        if i.file_size > RATIO_FLOOR and ratio > max_ratio:
            raise ImportFormatError(f"{noun}内部文件“{i.filename}”压缩比异常（{ratio:.0f} 倍），"
                                    "疑似恶意文件，拒绝导入", file=name)


PROLOG_BYTES = 4096


def _check_prologs(path: Path, infos: list[zipfile.ZipInfo], name: str, noun: str) -> None:
    """Refuse XML parts declaring a DTD or entities (billion laughs, external entities)."""
    try:
        with zipfile.ZipFile(path) as zf:
            for i in infos:
                if not i.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with zf.open(i) as fh:
                    head = fh.read(PROLOG_BYTES)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise ImportFormatError(f"{noun}内部文件“{i.filename}”包含不安全的 XML 声明"
                                            "（DTD/实体），拒绝导入", file=name)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ImportFormatError("文件已损坏或不完整（可能未复制完整），无法打开", file=name) from exc
