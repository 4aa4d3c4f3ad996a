"""Cell safety and row-height helpers shared by every spreadsheet writer."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from rectdesk.core.text import display_width
from rectdesk.exchange import cells

DANGEROUS = ["=1+1", '=HYPERLINK("http://x","y")', "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]


def test_formula_looking_text_is_detected():
    assert all(cells.looks_like_formula(t) for t in DANGEROUS)
    assert not any(cells.looks_like_formula(t) for t in ("", "整改", "1+1", " =x"))


def test_cell_text_removes_xml_forbidden_characters_and_normalises_line_ends():
    assert cells.cell_text("a\x00b\x0bc\ufffed\r\ne\u202e") == "ab cd\ne"  # VT is a space, bidi out
    assert cells.forbidden_count("a\x00b\x0b\u202e") == 2  # NUL and the bidi override
    assert cells.cell_text(None) == ""
    assert cells.cell_text(12) == "12"


def test_cell_text_is_cut_to_excel_limit():
    text = cells.cell_text("字" * 40_000)
    assert len(text) == cells.EXCEL_MAX_CHARS
    assert text.endswith(cells.TRUNCATION_MARK)


def test_both_writers_store_formula_text_as_strings(tmp_path: Path):
    xw_path, op_path = tmp_path / "xw.xlsx", tmp_path / "op.xlsx"
    wb = xlsxwriter.Workbook(str(xw_path))
    ws = wb.add_worksheet()
    for row, text in enumerate(DANGEROUS):
        cells.write_text(ws, row, 0, text)
    wb.close()
    owb = openpyxl.Workbook()
    for row, text in enumerate(DANGEROUS, start=1):
        cells.set_text(owb.active.cell(row=row, column=1), text)
    owb.save(op_path)
    for path in (xw_path, op_path):
        sheet = openpyxl.load_workbook(path).active
        got = [(c.value, c.data_type) for c in sheet["A"]]
        assert got == [(cells.cell_text(t), "s") for t in DANGEROUS], path.name


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x9FFF,
                                      blacklist_categories=("Cs", "Cn"))))
def test_text_width_never_underestimates_display_width(text: str):
    assert cells.text_width(text) >= display_width(text)


def test_text_width_counts_cjk_as_two():
    sample = "经局党组会议专题研究,修订完善了《议事规则》和Word 2020"
    assert cells.text_width(sample) == display_width(sample) == 2 * 22 + 10


def test_wrapped_lines_and_row_height_grow_with_text():
    assert cells.wrapped_lines("", 10) == 1
    # A 20-unit column is 145 px = 108.75 pt; less 3 pt of margins, 10 characters of 10 pt fit
    # (with the 3 % kept in hand), so 10 are one line and 11 are two.
    assert cells.wrapped_lines("字" * 10, 20) == 1
    assert cells.wrapped_lines("字" * 11, 20) == 2
    assert cells.wrapped_lines("字" * 10, 20, font_size=12) == 2  # larger type, fewer a line
    assert cells.wrapped_lines("一\n二\n三", 20) == 3
    short = cells.row_height([("字", 20)], 10)
    tall = cells.row_height([("字", 20), ("字" * 100, 20)], 10)
    assert short == cells.lines_height(1, 10)
    assert tall > 5 * short
    assert cells.row_height([("字" * 10_000, 10)], 10) == 409.0


def test_sheet_names_are_valid_and_unique():
    assert cells.sheet_name("a/b[c]:d*e?") == "a_b_c__d_e_"
    assert cells.sheet_name("") == "未命名"
    long = cells.sheet_name("市" * 40)
    assert len(long) == 31
    assert cells.sheet_name("办公室", ["办公室"]) == "办公室(2)"
    assert len(cells.sheet_name("市" * 40, [long])) == 31


def test_header_footer_text_escapes_ampersand():
    assert cells.header_footer_text("A&B\n内部") == "A&&B 内部"
