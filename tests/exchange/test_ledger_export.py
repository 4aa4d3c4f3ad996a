"""The exported ledger, read back the way Excel would see it."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from rectdesk.core.model import MeasureStatus
from rectdesk.core.text import display_width
from rectdesk.exchange.ledger_xlsx import (
    COL,
    HEADERS,
    LedgerFilter,
    LedgerOptions,
    write_ledger,
)
from rectdesk.store import services
from rectdesk.store.queries import load_campaign

TODAY = date(2020, 11, 2)
MARKING = "内部资料 注意保存"


@pytest.fixture
def demo(demo_register):
    services.update_campaign(demo_register, 1, marking=MARKING)
    return load_campaign(demo_register, 1)


def export(campaign, tmp_path: Path, **options) -> openpyxl.Workbook:
    target = tmp_path / "ledger.xlsx"
    write_ledger(campaign, target, LedgerOptions(today=TODAY, **options))
    return openpyxl.load_workbook(target)


def data_rows(ws) -> range:
    return range(4, ws.max_row + 1)


def test_page_setup_prints_landscape_one_page_wide_with_header_on_every_page(demo, tmp_path):
    ws = export(demo, tmp_path)["整改台账"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 8  # A3
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)  # absent means 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"
    assert ws.print_options.horizontalCentered
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.oddHeader.left.text == MARKING
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == f"A3:{get_column_letter(len(HEADERS))}{ws.max_row}"
    assert [c.value for c in ws[3]] == list(HEADERS)
    assert ws["A1"].value == "市委第五巡察组巡察“回头看”反馈意见整改台账（截至2020年11月2日）"


def test_a4_option(demo, tmp_path):
    ws = export(demo, tmp_path, paper="A4")["整改台账"]
    assert ws.page_setup.paperSize == 9


def test_problem_cells_are_merged_over_its_measures(demo, tmp_path):
    ws = export(demo, tmp_path)["整改台账"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # Problem 1 has two measures (rows 4-5), problem 2 one (row 6), problem 3 three (7-9).
    assert {"A4:A5", "C4:C5", "L4:L5", "A7:A9", "C7:C9"} <= merged
    assert ws["A4"].value == "1" and ws["C4"].value == "对派出机构管理还有缺失"
    assert ws.max_row == 3 + demo.measure_count()


def test_every_row_is_tall_enough_for_its_wrapped_text(demo, tmp_path):
    ws = export(demo, tmp_path)["整改台账"]
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJKLM"}
    for row in data_rows(ws):
        for cell in ws[row]:
            if cell.value is None or cell.coordinate in ws.merged_cells:
                continue
            assert cell.alignment.wrap_text
            # A column openpyxl reports w units wide is 5.58w pt (Calibri's digit), less 3 pt of
            # margins: about 1.1w half-ems of 10 pt text, 1.04w with room for line-breaking rules.
            usable = widths[cell.column_letter] * 1.04
            lines = sum(max(1, math.ceil(display_width(p) / usable)) for p in str(cell.value).split("\n"))
            assert ws.row_dimensions[row].height >= lines * 10 * 1.3, cell.coordinate


def test_status_drop_down_and_overdue_shading(demo, tmp_path):
    ws = export(demo, tmp_path)["整改台账"]
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"未启动,正在推进,已完成,长期坚持"'
    assert str(dv.sqref) == f"J4:J{ws.max_row}"
    # Problem 5's first measure was due 2020年10月底 and is still in progress on 2 November.
    shaded = {ws.cell(r, 1).value or ws.cell(r, 4).value for r in data_rows(ws)
              if ws.cell(r, COL["measure"] + 1).fill.fgColor.rgb not in (None, "00000000")}
    row = next(r for r in data_rows(ws) if str(ws.cell(r, 4).value).startswith("做好干部选任工作"))
    assert ws.cell(row, 4).fill.fgColor.rgb.endswith("F8D7D5")
    assert ws.cell(row + 1, 4).fill.fgColor.rgb in (None, "00000000")  # 5.2 is done
    assert len(shaded) == 13  # as `rectdesk summary` counts overdue on that day


def test_formula_looking_text_exports_as_plain_strings(empty_register, tmp_path):
    services.create_campaign(empty_register, "=1+1")
    services.add_problem(empty_register, 1, '=HYPERLINK("http://x","y")')
    services.add_measure(empty_register, 1, "=1+1", lead_department="@部门", leaders="+张三")
    data = load_campaign(empty_register, 1)
    ws = export(data, tmp_path)["整改台账"]
    row = ws[4]
    assert (row[2].value, row[2].data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert (row[3].value, row[3].data_type) == ("=1+1", "s")
    assert (row[4].value, row[4].data_type) == ("+张三", "s")
    assert row[3].quotePrefix  # stays text when edited in Excel
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_xml_forbidden_characters_are_removed_and_counted(empty_register, tmp_path):
    services.create_campaign(empty_register, "任务")
    services.add_problem(empty_register, 1, "问题")
    services.add_measure(empty_register, 1, "措施")
    data = load_campaign(empty_register, 1)
    data.problems[0].measures[0].note = "备\x07注\x1f"
    report = write_ledger(data, tmp_path / "x.xlsx", LedgerOptions(today=TODAY))
    assert openpyxl.load_workbook(tmp_path / "x.xlsx")["整改台账"].cell(4, COL["note"] + 1).value == "备注"
    assert report.removed_chars == 2
    assert "2 个" in report.summary()


def test_extended_deadline_shows_original_and_new_date(demo_register, tmp_path):
    services.request_extension(demo_register, 3, "2021-03-31", "需省厅批复")
    ext_id = load_campaign(demo_register, 1).problems[1].measures[0].extensions[0].id
    services.decide_extension(demo_register, ext_id, True, "局长")
    services.record_progress(demo_register, 3, date(2020, 10, 30), "已与经开区沟通")
    ws = export(load_campaign(demo_register, 1), tmp_path)["整改台账"]
    assert ws["H6"].value == "原定2020年12月底\n延期至2021年3月31日"
    assert ws["I6"].value == "2020年10月30日：已与经开区沟通"


def test_filters_keep_only_matching_measures(demo, tmp_path):
    f = LedgerFilter(departments=("办公室",), statuses=(MeasureStatus.DONE,))
    ws = export(demo, tmp_path, filter=f)["整改台账"]
    rows = list(data_rows(ws))
    assert rows
    assert all(ws.cell(r, 10).value == "已完成" for r in rows)
    assert all("办公室" in (ws.cell(r, 6).value or "") + (ws.cell(r, 7).value or "") for r in rows)
    assert "筛选" in ws["A2"].value


def test_one_sheet_per_leader_and_per_problem_rows(demo, tmp_path):
    wb = export(demo, tmp_path, split_by="leader", per_problem=True)
    leaders = {n for p in demo.problems for m in p.measures for n in m.leaders}
    assert set(wb.sheetnames) == leaders | {"汇总", "逾期清单"}
    ws = wb["张明"]
    assert all("张明" in ws.cell(r, 5).value for r in data_rows(ws))
    # Per problem: one row each, numbered measures in one cell, no merged data cells.
    assert not [r for r in ws.merged_cells.ranges if r.min_row > 3]
    first = ws.cell(4, 4).value
    assert first.startswith("1. ") and "\n2. " in first
    (dv,) = ws.data_validations.dataValidation
    assert "已销号" in dv.formula1


def test_summary_counts_by_status_department_leader_and_lists_overdue(demo, tmp_path):
    ws = export(demo, tmp_path)["汇总"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    status = {r[0]: r[1:4] for r in values if r[0] in ("未启动", "正在推进", "已完成", "长期坚持", "合计")}
    assert status["合计"][1] == 63
    assert status["已完成"][1] == 15 and status["正在推进"][1] == 46
    office = next(r for r in values if r[0] == "办公室")
    assert office[1:8] == [4, 3, 0, 1, 0, 1, 0.75]
    assert ws.page_setup.orientation == "landscape"
    assert ws.oddHeader.left.text == MARKING
    # The overdue list has its own sheet, so its column header repeats on every printed page.
    overdue = export(demo, tmp_path)["逾期清单"]
    rows = [[c.value for c in row] for row in overdue.iter_rows()]
    assert rows[0][0] == "市委第五巡察组巡察“回头看”反馈意见整改逾期清单（截至2020年11月2日）"
    assert rows[2][0] == "逾期措施清单（13 条）" and rows[3][0] == "编号"  # its only section: no 四、
    assert overdue.print_title_rows == "$4:$4"
    assert any(r[0] == "5.1" and r[10] == 2 for r in rows)  # 2 days late on 2 November: a number
    assert overdue.cell(5, 11).data_type == "n"
    assert overdue.oddHeader.left.text == MARKING
    assert overdue.sheet_properties.pageSetUpPr.fitToPage and overdue.page_setup.fitToHeight == 0


def test_failed_export_leaves_the_previous_file(demo, tmp_path, monkeypatch):
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"previous")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("rectdesk.exchange.ledger_summary.write_summary", boom)
    with pytest.raises(RuntimeError):
        write_ledger(demo, target, LedgerOptions(today=TODAY))
    assert target.read_bytes() == b"previous"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_evidence_count_and_names_and_sign_off_are_printed(tmp_path):
    from rectdesk.core.model import (
        CampaignData,
        EvidenceData,
        MeasureData,
        ProblemData,
        SignOff,
    )

    ev = [EvidenceData(title="议事规则（2020年修订）", file_name="a.pdf", sha256="0" * 64),
          EvidenceData(title="", file_name="会议纪要.docx", sha256="1" * 64)]
    p = ProblemData(title="问题", number=1, sign_off=SignOff(date(2020, 12, 1), "李局长"),
                    measures=[MeasureData(text="措施", number=1, status=MeasureStatus.DONE, evidence=ev)])
    ws = export(CampaignData(title="任务", problems=[p]), tmp_path)["整改台账"]
    assert ws["K4"].value == "2 份：\n1. 议事规则（2020年修订）\n2. 会议纪要.docx"
    assert ws["L4"].value == "已销号\n2020年12月1日\n审批：李局长"


def test_page_breaks_start_each_page_with_a_numbered_problem(demo, tmp_path):
    """Manual page breaks from the estimated heights; no merged problem cell crosses one, and a
    problem continued on a new page repeats its number and title marked （续）."""
    import copy
    import zipfile
    from dataclasses import replace

    big = copy.deepcopy(demo)
    big.problems = [replace(copy.deepcopy(p), number=k * 31 + p.number) for k in range(10)
                    for p in demo.problems]
    target = tmp_path / "big.xlsx"
    write_ledger(big, target, LedgerOptions(today=TODAY, paper="A4"))
    ws = openpyxl.load_workbook(target)["整改台账"]
    starts = [b.id + 1 for b in ws.row_breaks.brk]  # the first row of each new page (1-based)
    assert len(starts) > 30
    merged = [(r.min_row, r.max_row) for r in ws.merged_cells.ranges if r.min_col == 1 and r.min_row > 3]
    assert not [(a, b) for a, b in merged for s in starts if a < s <= b]
    continued = [s for s in starts if str(ws.cell(s, 1).value).endswith("（续）")]
    assert continued and all(str(ws.cell(s, 3).value).endswith("（续）") for s in continued)
    assert all(ws.cell(s, 1).value and ws.cell(s, 3).value for s in starts)
    xml = zipfile.ZipFile(target).read("xl/worksheets/sheet1.xml").decode()
    assert f'<rowBreaks count="{len(starts)}" manualBreakCount="{len(starts)}">' in xml
    # Read back, the continued rows stay under their problem.
    from rectdesk.exchange.ledger_import import best_guess, inspect_ledger, read_ledger

    back = read_ledger(target, best_guess(inspect_ledger(target)).layout).campaign
    assert len(back.problems) == 310 and back.measure_count() == big.measure_count()
