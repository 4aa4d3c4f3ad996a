"""Files on disk -> text (any common encoding) or a .docx's paragraphs and tables.

Checks come first: size, then what the bytes are (a zip that is no Word document, a PDF, an old
binary .doc) regardless of the file's extension.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rectdesk.core.errors import ImportFormatError
from rectdesk.fileio import check_input_file

MAX_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED = 400 * 1024 * 1024  # a .docx whose parts inflate past this is refused (zip bomb)
MAX_SPAN = 64
WEB_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".shtml", ".xhtml")


Grid = list[list[str]]


@dataclass
class DocxContent:
    """The body in reading order: each block is a paragraph's text or a table's grid of cells."""

    blocks: list[str | Grid] = field(default_factory=list)

    def text(self, skip: frozenset[int] = frozenset()) -> str:
        """Paragraphs, and tables not in `skip` (by block index) read row by row."""
        lines: list[str] = []
        for index, block in enumerate(self.blocks):
            if isinstance(block, str):
                lines.append(block)
            elif index not in skip:
                lines.extend(table_lines(block))
        return "\n".join(lines)


def sniff(path: Path) -> str:
    """'docx' or 'text' by content; ImportFormatError for anything else we cannot read."""
    if path.is_dir():
        raise ImportFormatError("这是一个文件夹：请选择其中的通报文件（.docx、.pdf、.txt 或网页）", file=path.name)
    check_input_file(path, error=ImportFormatError)  # a FIFO would block the open below for ever; names must be UTF-8
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise ImportFormatError("文件不存在", file=str(path)) from exc
    except OSError as exc:
        raise ImportFormatError(f"无法读取文件：{exc.strerror or exc}", file=path.name) from exc
    if size > MAX_BYTES:
        raise ImportFormatError("文件过大（超过 50 MB），不像是一份通报或整改方案", file=path.name)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFormatError("这是旧版 Word（.doc）或 Excel 文件：请在 Word 中另存为 .docx 后导入",
                                file=path.name)
    if path.suffix.lower() == ".docx":
        raise ImportFormatError("不是有效的 Word 文档（.docx），或文件已损坏", file=path.name)
    if path.suffix.lower() in WEB_SUFFIXES:
        return "html"
    return "text"


def decode(data: bytes, name: str = "") -> str:
    """Text in UTF-8 (BOM or not), UTF-16 (BOM, or detected by its zero bytes) or GB18030/GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    if len(data) >= 4 and len(data) % 2 == 0:
        zeros_odd, zeros_even = data[1::2].count(0), data[0::2].count(0)
        half = len(data) // 2
        if zeros_odd > half * 0.3 and zeros_even < half * 0.05:
            return _strict(data, "utf-16-le", name)
        if zeros_even > half * 0.3 and zeros_odd < half * 0.05:
            return _strict(data, "utf-16-be", name)
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            return text
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16-le", "utf-16-be"):  # UTF-16 without BOM, mostly CJK (few zero bytes)
        if len(data) % 2 == 0 and _plausible(data, encoding):
            return data.decode(encoding)
    if b"\x00" in data:
        raise ImportFormatError("这不是文本文件（含有二进制内容）", file=name or None)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportFormatError("无法识别文件编码：请另存为 UTF-8 或 GBK 文本", file=name or None) from None


def _ordinary(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F or 0x20 <= o < 0x7F or ch in "\n\r\t")


def _plausible(data: bytes, encoding: str) -> bool:
    """Decoded as `encoding`, the text reads like a Chinese document (and has line breaks)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    if not text or "\n" not in text.strip():
        return False
    return sum(map(_ordinary, text)) >= 0.97 * len(text)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"文件编码（{encoding}）有错误字节，无法读取", file=name or None) from exc


def read_text(path: Path) -> str:
    sniff(path)
    return decode(path.read_bytes(), path.name)


def read_docx(path: Path) -> DocxContent:
    """Paragraphs and tables of a .docx in reading order; merged cells repeat their text."""
    _check_zip(path)
    try:
        import docx  # lazy: python-docx is heavy
        from docx.oxml.ns import qn

        from rectdesk.exchange.bulletin_parse.numbering import ListNumbers
        from rectdesk.exchange.bulletin_parse.outline import marker

        document = docx.Document(str(path))
        numbers = ListNumbers(document, qn)
        content = DocxContent()
        for child in _body_blocks(document.element.body, qn):
            if child.tag == qn("w:p"):
                text = _p_text(child, qn)
                label = numbers.label(child) if text.strip() else ""
                if label and marker(text.strip()) is not None:  # numbered by hand as well: keep the text's
                    label = ""
                content.blocks.append(label + text)
            elif child.tag == qn("w:tbl"):
                content.blocks.append(_grid(child, qn))
        return content
    except ImportFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure inside a foreign file is a format error
        raise ImportFormatError("Word 文档内容已损坏，无法读取", file=path.name) from exc


def _body_blocks(body: Any, qn: Any) -> list[Any]:
    """The body's paragraphs and tables, including those inside content controls (w:sdt)."""
    out: list[Any] = []
    for child in body.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            out.extend(_body_blocks(content, qn) if content is not None else [])
        else:
            out.append(child)
    return out


def _check_zip(path: Path) -> None:
    from rectdesk.exchange.xlsx_guard import check_package

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFormatError("不是有效的 Word 文档（.docx），或文件已损坏", file=path.name) from exc
    names = {i.filename for i in infos}
    if any(n.startswith("xl/") for n in names):
        raise ImportFormatError("这是 Excel 工作簿，不是通报：Excel 台账请用 导入 → Excel 台账"
                                "（命令行 rectdesk import-ledger）", file=path.name)
    if "OFD.xml" in names:
        raise ImportFormatError("这是 OFD 版式文件：请在阅读器中另存为 PDF，或复制全部文字粘贴到导入窗口",
                                file=path.name)
    if "word/document.xml" not in names:
        raise ImportFormatError("这是一个压缩包而不是 Word 文档（.docx）：请解压后导入其中的通报",
                                file=path.name)
    # Sizes, compression ratio (zip bombs) and DTD/entity declarations, as for workbooks.
    check_package(path, infos, path.name, noun="Word 文档", max_uncompressed=MAX_UNZIPPED)


def _p_text(p: Any, qn: Any) -> str:
    # w:noBreakHyphen is Word's non-breaking hyphen (exports keep 025-83630848 whole with it).
    hyphen = qn("w:noBreakHyphen")
    return "".join("-" if el.tag == hyphen else el.text or "" for el in p.iter(qn("w:t"), hyphen))


def _grid(tbl: Any, qn: Any) -> Grid:
    """Cells by grid column: a horizontally merged cell fills its span, a vertical merge repeats."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            span, vmerge = _cell_props(tc, qn)
            col = len(row)
            if vmerge == "continue":
                text = above.get(col, "")
            else:
                text = "\n".join(t for t in (_p_text(p, qn) for p in tc.iter(qn("w:p"))) if t.strip())
            for c in range(col, col + span):
                above[c] = text
            row.extend([text] * span)
        rows.append(row)
    return rows


def _cell_props(tc: Any, qn: Any) -> tuple[int, str | None]:
    pr = tc.find(qn("w:tcPr"))
    if pr is None:
        return 1, None
    span = 1
    if (gs := pr.find(qn("w:gridSpan"))) is not None:
        try:
            span = max(1, min(MAX_SPAN, int(gs.get(qn("w:val")) or 1)))
        except ValueError:
            span = 1
    vmerge = None
    if (vm := pr.find(qn("w:vMerge"))) is not None:
        vmerge = vm.get(qn("w:val")) or "continue"
    return span, vmerge


def tab_tables(text: str) -> DocxContent | None:
    """Text with a table pasted from Excel or Word (cells separated by tabs), as paragraphs and
    grids; None when no run of two or more such lines holds three cells or more."""
    content = DocxContent()
    found = False
    for line in text.replace("\r\n", "\n").split("\n"):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) >= 3 and sum(1 for c in cells if c) >= 2:
            if content.blocks and isinstance(content.blocks[-1], list):
                content.blocks[-1].append(cells)
                found = found or len(content.blocks[-1]) >= 2
                continue
            content.blocks.append([cells])
        else:
            content.blocks.append(line)
    return content if found else None


def table_lines(grid: Grid) -> list[str]:
    """A table that is not a 清单 reads as text: each row's distinct cells in order; a row of a
    label and its value (整改任务 | …) reads as one labelled line "整改任务：…"."""
    from rectdesk.exchange.bulletin_parse.fields import field_line

    lines: list[str] = []
    for row in grid:
        seen: list[str] = []
        for cell in row:
            if cell.strip() and cell not in seen:
                seen.append(cell)
        label = seen[0].strip().rstrip("：:") if seen else ""
        if len(seen) == 2 and len(label) <= 12 and "\n" not in label and field_line(label + "："):
            value = seen[1].split("\n")
            lines.extend([f"{label}：{value[0]}", *value[1:]])
        else:
            lines.extend(x for cell in seen for x in cell.split("\n"))
    return lines
