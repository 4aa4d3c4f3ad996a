"""The department form as Excel and LibreOffice see it: protection, validation, reading back."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import MeasureStatus
from rectdesk.exchange import feedback_forms as ff

FORM_ID = "0f6c2b4e-1111-4222-8333-444455556666"


def payload(rows: int = 3) -> dict:
    return {"format": 1, "form_id": FORM_ID, "register_id": "reg-1", "campaign_id": 1,
            "campaign_title": "市委第五巡察组巡察反馈意见整改", "department": "水生态环境处",
            "due": "2020-11-09", "issued_on": "2020-11-02",
            "rows": [{"id": 10 + i, "version": 1, "progress_id": 0, "label": f"7.{i + 1}",
                      "problem": "市控入江支流治理成效不明显", "measure": f"=措施{i + 1}",
                      "deadline": "2020年12月底", "status": "正在推进", "last_progress": ""}
                     for i in range(rows)]}


@pytest.fixture
def form(tmp_path: Path) -> Path:
    target = tmp_path / ff.form_file_name("水生态环境处", date(2020, 11, 9))
    ff.write_form(payload(), target)
    return target


def test_file_name_is_department_and_due_date():
    assert ff.form_file_name("水生态环境处", date(2020, 11, 9)) == "水生态环境处-整改进展反馈表-20201109.xlsx"
    assert ff.form_file_name("办公室/综合科", None) == "办公室／综合科-整改进展反馈表.xlsx"


def test_only_the_department_columns_are_unlocked(form):
    ws = openpyxl.load_workbook(form)[ff.FORM_SHEET]
    assert ws.protection.sheet
    # OOXML flags name what is forbidden: rows may not be inserted or deleted, columns (the
    # hidden id column) not unhidden; row heights may change so long entries can be read.
    assert ws.protection.insertRows and ws.protection.deleteRows and ws.protection.formatColumns
    assert not ws.protection.formatRows
    header = [c.value for c in ws[3]]
    assert header == list(ff.HEADERS)
    unlocked = {header[c.column - 1] for c in ws[4] if not c.protection.locked}
    assert unlocked == {"本周进展", "状态", "完成日期", "佐证材料清单", "存在困难", "填报人", "联系电话"}
    assert all(c.protection.locked for row in ws.iter_rows(min_row=1, max_row=3) for c in row)


def test_id_column_and_metadata_are_hidden(form):
    wb = openpyxl.load_workbook(form)
    ws = wb[ff.FORM_SHEET]
    assert ws.column_dimensions["A"].hidden
    assert ws["A4"].value == ff.stamp(FORM_ID, 10, 1, 0)
    meta = wb[ff.META_SHEET]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    assert {r[0].value: r[1].value for r in meta.iter_rows()}["form_id"] == FORM_ID
    assert FORM_ID in ws["B2"].value  # printed for the office to check


def test_status_drop_down_and_date_validation(form):
    ws = openpyxl.load_workbook(form)[ff.FORM_SHEET]
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert str(rules["list"].sqref) == "I4:I6"
    assert rules["list"].formula1 == '"正在推进,已完成,长期坚持"'
    assert str(rules["date"].sqref) == "J4:J6"


def test_text_that_looks_like_a_formula_stays_text(form):
    ws = openpyxl.load_workbook(form)[ff.FORM_SHEET]
    assert ws["D4"].value == "=措施1" and ws["D4"].data_type == "s"


def test_instructions_sheet_in_chinese(form):
    ws = openpyxl.load_workbook(form)[ff.HELP_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "只填写黄色底色的七列" in text and "请勿增加、删除行" in text


def fill(path: Path, out: Path, cells: dict[str, object]) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb[ff.FORM_SHEET]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(out)
    return out


def test_filled_form_reads_back_as_plain_data(form, tmp_path):
    filled = fill(form, tmp_path / "back.xlsx", {"H4": "召开专题会", "I4": "已完成", "J4": date(2020, 11, 5),
                                                 "K4": "会议纪要", "L4": "资金未到位", "M4": "张三",
                                                 "N4": "025-1234", "H5": "推进中"})
    back = ff.read_form(filled)
    assert back.form_id == FORM_ID and back.meta["register_id"] == "reg-1"
    first, second, third = back.rows
    assert (first.measure_id, first.status, first.completed_on) == (10, MeasureStatus.DONE, date(2020, 11, 5))
    assert first.entry_text() == "召开专题会\n佐证材料：会议纪要\n存在困难：资金未到位"
    assert first.reported_by() == "张三（025-1234）"
    assert second.filled and second.status is None
    assert not third.filled
    assert back.check_against(payload()) == []


def test_bad_status_and_date_are_named_by_row_and_column(form, tmp_path):
    filled = fill(form, tmp_path / "bad.xlsx", {"H4": "x", "I4": "差不多了", "H5": "y", "J5": "2020-02-30"})
    rows = ff.read_form(filled).rows
    assert [str(p) for p in rows[0].problems] == ["第4行“状态”列：无法识别的状态“差不多了”，应为：正在推进、已完成、长期坚持"]
    assert str(rows[1].problems[0]).startswith("第5行“完成日期”列：无法识别的日期“2020-02-30”")


def test_tampered_id_column_is_refused(form, tmp_path):
    filled = fill(form, tmp_path / "tampered.xlsx", {"A5": ff.stamp(FORM_ID, 10, 1, 0).replace("|10|", "|11|")})
    with pytest.raises(ImportFormatError) as err:
        ff.read_form(filled)
    assert "第5行" in str(err.value) and "标识列被修改" in str(err.value)


def test_added_deleted_rows_and_edited_protected_cells_are_reported(form, tmp_path):
    wb = openpyxl.load_workbook(form)
    ws = wb[ff.FORM_SHEET]
    ws.delete_rows(5)
    ws["C4"] = "改过的问题"
    ws["B8"], ws["H8"] = "7.9", "新增措施"
    wb.save(tmp_path / "edited.xlsx")
    back = ff.read_form(tmp_path / "edited.xlsx")
    found = [str(p) for p in back.problems + back.check_against(payload())]
    assert "第8行：新增的行（没有 RectDesk 标识），已忽略" in found
    assert any(p.startswith("第4行“反馈问题”列：受保护的内容被修改") for p in found)
    assert "措施 7.2 的行被删除，该措施本次无反馈" in found


def test_not_our_form_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(ImportFormatError, match="不是 RectDesk 下发的部门反馈表"):
        ff.read_form(tmp_path / "other.xlsx")
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(ImportFormatError, match="不是 Excel 工作簿"):
        ff.read_form(tmp_path / "fake.xlsx")


def test_libreoffice_keeps_protection_and_prints_the_form(form, tmp_path):
    """Round trip through LibreOffice: the saved copy still protects everything but the fill-in columns."""
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"),
                    str(form)], check=True, capture_output=True, timeout=120)
    ws = openpyxl.load_workbook(tmp_path / "lo" / form.name)[ff.FORM_SHEET]
    assert ws.protection.sheet
    header = [c.value for c in ws[3]]
    assert {header[c.column - 1] for c in ws[4] if not c.protection.locked} == set(
        c.header for c in ff.COLUMNS if c.fill)


def test_a_formula_typed_in_progress_is_read_as_the_text_typed(form, tmp_path):
    """`=1+1` typed in 本周进展 is stored by Excel as a formula (openpyxl: no cached value; Excel
    and LibreOffice: the value 2); what the department typed is imported, as text."""
    filled = fill(form, tmp_path / "back.xlsx", {"H4": "=1+1", "K4": "=A1&\"纪要\"", "H5": "推进中"})
    raw = openpyxl.load_workbook(filled)[ff.FORM_SHEET]
    assert raw["H4"].data_type == "f"  # really a formula in the file
    first, second, _ = ff.read_form(filled).rows
    assert first.progress == "=1+1" and first.evidence == "=A1&\"纪要\""
    assert first.entry_text().startswith("=1+1\n") and second.progress == "推进中"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"),
                    str(filled)], check=True, capture_output=True, timeout=120)
    cached = openpyxl.load_workbook(tmp_path / "lo" / filled.name, data_only=True)[ff.FORM_SHEET]
    assert cached["H4"].value == 2  # LibreOffice saved the result beside the formula
    assert ff.read_form(tmp_path / "lo" / filled.name).rows[0].progress == "=1+1"


def test_the_campaigns_marking_heads_every_page_of_the_internal_form(tmp_path):
    target = tmp_path / "f.xlsx"
    ff.write_form(payload() | {"marking": "内部资料 注意保存"}, target)
    assert openpyxl.load_workbook(target)[ff.FORM_SHEET].oddHeader.left.text == "内部资料 注意保存"
    ff.write_form(payload(), target)
    assert not openpyxl.load_workbook(target)[ff.FORM_SHEET].oddHeader.left.text
