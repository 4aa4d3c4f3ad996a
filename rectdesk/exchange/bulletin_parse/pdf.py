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
from rectdesk.exchange.bulletin_parse.fields import field_line
from rectdesk.exchange.bulletin_parse.outline import marker

_PAGE_NUMBER = re.compile(r"^[—－\-–‒―\s]*\d{1,4}[—－\-–‒―\s]*$|^第\s*\d{1,4}\s*页([,，/\s]*共\s*\d{1,4}\s*页)?$"
                          r"|^\d{1,4}\s*/\s*\d{1,4}$|^-\s*\d{1,4}\s*-$")
_SENTENCE_END = "。！？：；!?:;”"
_SLACK = 1.5  # a line this much shorter than the measure ends its paragraph


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
    widths = sorted(width(x) for x in lines if width(x) >= 8)
    return widths[int(len(widths) * 0.9)] if widths else 0.0


def rejoin(pages: list[str]) -> str:
    """Paragraphs (one per line) from the text of each page."""
    # Widths count a paragraph's first-line indent (　　), so the raw lines are kept for them.
    page_lines = [[x.rstrip() for x in page.split("\n") if x.strip()] for page in pages]
    repeated = _furniture([[x.strip() for x in page] for page in page_lines])
    lines = [x for page in page_lines for x in page
             if not _PAGE_NUMBER.match(x.strip()) and re.sub(r"\d+", "#", x.strip()) not in repeated]
    full = _measure(lines)
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        if paragraphs and _continues(previous, line.strip(), full):
            paragraphs[-1] += line.strip()
        else:
            paragraphs.append(line.strip())
        previous = line
    return "\n".join(paragraphs)


def _continues(previous: str, line: str, full: float) -> bool:
    """`previous` (one printed line) filled the measure, so `line` goes on with its paragraph."""
    if full == 0 or width(previous) < full - _SLACK:
        return False
    finished = previous.endswith(tuple(_SENTENCE_END))
    return not (finished and (marker(line) is not None or field_line(line) is not None))


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
