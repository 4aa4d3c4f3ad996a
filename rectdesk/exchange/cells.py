"""Cell safety and layout helpers shared by every spreadsheet RectDesk writes.

Used by the ledger export and the department feedback forms; no Qt, no SQLAlchemy, and neither
openpyxl nor XlsxWriter is imported here (the writers pass their own cells and worksheets in).

Safety
    `cell_text(value)` turns anything into the string a cell may hold: characters XML forbids
    removed, line endings normalised, cut to Excel's 32,767-character limit.
    `looks_like_formula(text)` is true for text Excel would read as a formula or a command when
    typed (it starts with = + - @, a tab or a CR).  Such text must be written as a string cell:
    with XlsxWriter call `write_text` (never `worksheet.write`, which turns "=..." into a
    formula); with openpyxl call `set_text(cell, text)` (a plain `cell.value = "=1+1"` becomes a
    formula).  Writers may also give such cells a quote-prefixed format so Excel keeps them text
    when the user edits them.

Layout
    `text_width(text)` is the printed width in Excel column units (a CJK character is two, as in
    `rectdesk.core.text.display_width`), fast enough for 100,000 cells.  `wrapped_lines(text,
    width)` estimates how many lines a wrapped cell of `width` units needs; `row_height(...)`
    turns the tallest cell of a row into points, because neither openpyxl nor XlsxWriter can
    auto-fit row heights and a printed row must never cut its text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from rectdesk.core.text import strip_forbidden

EXCEL_MAX_CHARS = 32_767
TRUNCATION_MARK = "…（内容过长，已截断）"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Everything below U+1100 (Latin, Greek, Cyrillic, ...) is narrow; from U+1100 on (Hangul jamo,
# CJK, full-width forms) counts two.  That is display_width's rule for CJK text, and it errs on the
# wide side (safe for row heights) for the rare narrow characters above U+1100 such as “ ” and …,
# which CJK fonts print full-width anyway.
_NARROW = re.compile("[\x00-\u10ff]+")

# Line height of a wrapped line as a multiple of the font size: SimSun in Excel is about 1.35,
# the Noto CJK fonts LibreOffice substitutes are 1.45; take the larger so no renderer cuts text.
LINE_FACTOR = 1.45
ROW_PADDING_PT = 4.0
COLUMN_MARGIN_UNITS = 1.0  # column_width's room for the cell margins
# A column `w` units wide is (w + 0.71) digit widths of the workbook's default font, Calibri 11
# (XlsxWriter stores w + 0.71: Excel's 5 pixels of padding). LibreOffice lays it out with the
# digit's exact advance (Carlito, Calibri's metric twin: 5.58 pt); Excel rounds the digit to whole
# screen pixels (7 px = 5.25 pt at 96 dpi, 5.4 pt at 120 dpi), which makes a column up to 6 %
# narrower, so WRAP_SLACK keeps some room. The cell's text loses about 3 pt to its margins. A
# CJK character is one em of the cell's font, other characters about half of one.
DIGIT_PT = 5.58
COLUMN_PADDING_UNITS = 0.71
CELL_MARGIN_PT = 3.0
# Room kept in hand for Excel's narrower columns and for CJK line-breaking rules (no comma at a
# line start pushes a character to the next line). Measured against LibreOffice's PDF (README).
WRAP_SLACK = 1.06


def clean_cell(value: Any) -> tuple[str, int]:
    """`cell_text(value)` and how many XML-forbidden characters it removed (for reports)."""
    if value is None:
        return "", 0
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = 0
    if not text.isprintable():  # every forbidden character is unprintable: skip the regex if none
        text, removed = strip_forbidden(text)
    if len(text) > EXCEL_MAX_CHARS:
        text = text[: EXCEL_MAX_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text, removed


def cell_text(value: Any) -> str:
    """The string a cell may hold: XML-forbidden characters out, CRLF/CR -> LF, <= 32,767 chars."""
    return clean_cell(value)[0]


def forbidden_count(value: str | None) -> int:
    """How many characters `cell_text` removes from `value` (for the export report)."""
    return strip_forbidden(value)[1] if value else 0


def looks_like_formula(text: str | None) -> bool:
    """True when Excel would treat `text` typed into a cell as a formula or command."""
    return bool(text) and text.startswith(FORMULA_STARTS)  # type: ignore[union-attr]


def write_text(worksheet: Any, row: int, col: int, value: Any, fmt: Any = None) -> str:
    """XlsxWriter: write `value` as a string cell (never a formula); return the text written."""
    text = cell_text(value)
    if text:
        worksheet.write_string(row, col, text, fmt)
    elif fmt is not None:
        worksheet.write_blank(row, col, None, fmt)
    return text


def set_text(cell: Any, value: Any) -> str:
    """openpyxl: put `value` in `cell` as a string (data_type 's'), never a formula."""
    text = cell_text(value)
    cell.value = text if text else None
    if text:
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if looks_like_formula(text):
            cell.quotePrefix = True  # keeps it text when the user edits the cell in Excel
    return text


def text_width(text: str) -> int:
    """Printed width in column units: ASCII one, CJK two (see the module notes)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_NARROW.sub("", text))


def usable_width(width: float, font_size: float = 10.0) -> float:
    """Half-ems of `font_size` (text_width's units) that fit a line of a column `width` wide."""
    points = (width + COLUMN_PADDING_UNITS) * DIGIT_PT - CELL_MARGIN_PT
    return max(1.0, points / (font_size / 2) / WRAP_SLACK)


def wrapped_lines(text: str, width: float, font_size: float = 10.0) -> int:
    """Lines a wrapped cell `width` units wide needs for `text` at `font_size` (at least 1)."""
    if not text:
        return 1
    return lines_within(text, usable_width(width, font_size))


def lines_within(text: str, usable: float) -> int:
    """wrapped_lines in a column `usable` half-ems wide (usable_width, worked out once a column
    by a writer sizing thousands of cells)."""
    if "\n" not in text:
        return max(1, math.ceil(text_width(text) / usable))
    return sum(max(1, math.ceil(text_width(para) / usable)) for para in text.split("\n"))


def lines_height(lines: int, font_size: float) -> float:
    """Points needed for `lines` wrapped lines at `font_size` points."""
    return lines * font_size * LINE_FACTOR + ROW_PADDING_PT


def row_height(cells: Iterable[tuple[str, float]], font_size: float,
               minimum: float = 0.0, maximum: float = 409.0) -> float:
    """Height in points of a row whose cells are (text, column width) pairs.

    Excel's maximum row height is 409 points: a cell taller than that cannot print whole, so
    callers should keep cells shorter than a page (the ledger puts long progress in the last
    entry only).
    """
    lines = max((wrapped_lines(text, width, font_size) for text, width in cells), default=1)
    return lines_row_height(lines, font_size, minimum, maximum)


def lines_row_height(lines: int, font_size: float, minimum: float = 0.0,
                     maximum: float = 409.0) -> float:
    """row_height of a row whose tallest cell needs `lines` wrapped lines."""
    return round(max(minimum, min(maximum, lines_height(lines, font_size))), 1)


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique worksheet name: no []:*?/\\, at most 31 characters, not blank."""
    base = re.sub(r"[\[\]:*?/\\]", "_", cell_text(name)).strip("' ") or "未命名"
    base = base[:31]
    used = {t.lower() for t in taken}
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def header_footer_text(text: str) -> str:
    """User text for an Excel page header/footer: '&' doubled so it is not a control code."""
    return cell_text(text).replace("\n", " ").replace("&", "&&")
