"""A PDF's text through pypdf, with its printed lines rejoined into paragraphs.

Page furniture goes first: GB/T 9704 page numbers (— 3 —), 第 3 页 / 3/12, and a header or
footer line that repeats on most pages. A line then continues the paragraph above when that
one filled the whole measure of the page (a printed line that wrapped), unless the new line
opens a numbered heading or a label after a finished sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from rectdesk.core.errors import ImportFormatError
from rectdesk.exchange.bulletin_parse.closing import is_closing, is_date
from rectdesk.exchange.bulletin_parse.fields import field_line
from rectdesk.exchange.bulletin_parse.outline import marker

_PAGE_NUMBER = re.compile(r"^[—－\-–‒―\s]*\d{1,4}[—－\-–‒―\s]*$|^第\s*\d{1,4}\s*页([,，/\s]*共\s*\d{1,4}\s*页)?$"
                          r"|^\d{1,4}\s*/\s*\d{1,4}$|^-\s*\d{1,4}\s*-$")
_SENTENCE_END = "。！？：；!?:;”"
_SLACK = 1.5  # a line this much shorter than the measure ends its paragraph
_INDENT = 2.0  # a paragraph's first-line indent, in em


def width(line: str) -> float:
    """Printed width in em: a CJK or full-width character is 1, anything else about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in line)


def _furniture(pages: list[list[str]]) -> set[str]:
    """Header and footer lines: first or last lines that repeat (digits aside) on most pages."""
    if len(pages) < 2:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        for line in {*lines[:1], *lines[-1:]}:
            edges[re.sub(r"\d+", "#", line)] += 1
    return {key for key, n in edges.items() if n >= max(2, len(pages) // 2 + 1)}


def _measure(lines: list[str]) -> float:
    widths = sorted(width(x.rstrip()) for x in lines if width(x.rstrip()) >= 8)
    return widths[int(len(widths) * 0.9)] if widths else 0.0


def rejoin(pages: list[str]) -> str:
    """Paragraphs (one per line) from the text of each page."""
    # Widths count a paragraph's first-line indent (　　), so the raw lines are kept for them.
    page_lines = [[x.rstrip() for x in page.split("\n") if x.strip()] for page in pages]
    # Lines keep their leading space: pypdf writes one where a line starts indented.
    repeated = _furniture([[x.strip() for x in page] for page in page_lines])
    lines: list[str] = []
    for page in page_lines:
        for index, line in enumerate(page):
            edge = index in (0, len(page) - 1)  # a header or footer sits at the page's edge only
            if not _PAGE_NUMBER.match(line.strip()) and not (edge and re.sub(r"\d+", "#", line.strip()) in repeated):
                lines.append(line)
    full = _measure(lines)
    paragraphs: list[str] = []
    previous = ""
    for index, line in enumerate(lines):
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if paragraphs and not _closes(line.strip(), following) and _continues(previous, line, full):
            paragraphs[-1] += line.strip()
        else:
            paragraphs.append(line.strip())
        previous = line
    return "\n".join(paragraphs)


def _closes(line: str, following: str) -> bool:
    """The signature, the date or a closing line (联系电话, 特此通报): never part of the paragraph above,
    even when that one ends at the margin."""
    return bool(is_date(line) or is_closing(line) or (following and is_date(following) and len(line) <= 40))


def _continues(previous: str, line: str, full: float) -> bool:
    """`previous` (one printed line) filled the measure, so `line` goes on with its paragraph.

    A paragraph's first line may fall short by its indent (two em, drawn as a position rather
    than as characters by most writers) when it does not end a sentence; a section or item
    heading (一、/（一）) that falls short ends there."""
    if full == 0 or line.startswith((" ", "\u3000")):  # an indented line opens a paragraph
        return False
    w = width(previous.rstrip())  # an indent drawn as 　　 counts
    finished = previous.rstrip().endswith(tuple(_SENTENCE_END))
    if finished and (marker(line) is not None or field_line(line) is not None):
        return False
    if w >= full - _SLACK:
        return True
    found = marker(previous.strip())
    heading = found is not None and found[0] <= 1
    return not finished and not heading and not previous.startswith("\u3000") and w >= full - _INDENT - _SLACK


def read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader  # lazy: only PDF imports need it

        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFormatError("PDF 已加密，无法读取：请先在阅读器中取消密码", file=path.name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure inside a foreign file is a format error
        raise ImportFormatError("PDF 文件已损坏，无法读取文字", file=path.name) from exc
    if not "".join(pages).strip():
        raise ImportFormatError("PDF 中没有可提取的文字（可能是扫描件）：请使用文字版 PDF，或先做文字识别",
                                file=path.name)
    return rejoin(pages)
