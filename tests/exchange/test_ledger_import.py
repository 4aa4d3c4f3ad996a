"""Taking in offices' own ledgers, and the round trip from our export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import ExtensionState, MeasureStatus
from rectdesk.exchange.ledger_import import (
    LedgerLayout,
    campaign_title,
    inspect_ledger,
    match_header,
    read_deadline,
    read_ledger,
)
from rectdesk.exchange.ledger_xlsx import LedgerOptions, write_ledger
from rectdesk.store import services
from rectdesk.store.queries import load_campaign

LEDGERS = Path(__file__).resolve().parents[1] / "fixtures" / "ledgers"
HANDMADE = LEDGERS / "handmade_merged.xlsx"


@pytest.mark.parametrize(("header", "field"), [
    ("问题", "problem"), ("问题表现", "problem"), ("存在问题", "problem"), ("反馈问题", "problem"),
    ("责任单位", "lead_department"), ("牵头单位", "lead_department"), ("责任部门", "lead_department"),
    ("整改时限", "deadline"), ("完成时限（年月）", "deadline"), ("问题类别", "category"),
    (" 整改\n措施 ", "measure"), ("配合单位", "cooperating"), ("备注", "note"), ("照片", None),
])
def test_headers_are_matched_by_name_and_synonym(header, field):
    assert match_header(header) == field


def test_header_row_and_mapping_are_detected_under_a_title():
    (guess,) = inspect_ledger(HANDMADE)
    assert guess.layout is not None
    assert guess.layout.header_row == 3
    assert guess.layout.mapping == {0: "number", 1: "problem", 2: "measure", 3: "leaders",
                                    4: "lead_department", 5: "cooperating", 6: "deadline",
                                    7: "progress", 8: "status", 9: "note"}
    assert guess.title == "区生态环境局巡察整改台账"


def test_handmade_ledger_with_merged_cells_and_synonym_headers_imports():
    result = read_ledger(HANDMADE)
    c = result.campaign
    assert c.title == "区生态环境局巡察整改"
    assert c.categories == ["政治建设方面", "作风建设方面"]
    assert [(p.title, p.category, len(p.measures)) for p in c.problems] == [
        ("党组议事规则不健全", "政治建设方面", 3),  # merged over three rows
        ("意识形态工作责任制落实不到位", "政治建设方面", 1),
        ('=HYPERLINK("http://x","y")', "作风建设方面", 2),  # repeated on each row
        ("督查检查过多过频", "作风建设方面", 2),  # left blank below
    ]
    p1 = c.problems[0]
    assert p1.description == "未按规定召开专题会议研究整改"
    m1, m2, m3 = p1.measures
    assert (m1.deadline.due, m2.deadline.due, m3.deadline.due) == (
        date(2021, 3, 31), date(2020, 12, 31), date(2020, 12, 31))  # a date, 2020.12, text
    assert (m1.status, m2.status, m3.status) == (MeasureStatus.IN_PROGRESS, MeasureStatus.DONE,
                                                 MeasureStatus.DONE)
    assert m1.cooperating == ["组织人事处", "法规与标准处"]
    assert m3.leaders == ["张明", "赵丽"]
    assert (m1.progress[0].when, m1.progress[0].text) == (date(2020, 12, 20), "已起草修订稿")
    long_term = c.problems[1].measures[0]
    assert long_term.deadline.long_term and long_term.status is MeasureStatus.LONG_TERM
    assert long_term.note == "每季度一次"
    assert c.problems[3].measures[0].deadline.due == date(2021, 3, 31)  # 2021年3月底前
    assert result.rows == 8  # category rows, the blank row and the footer are not data


def test_a_sheet_declaring_a_wrong_size_is_read_whole():
    result = read_ledger(LEDGERS / "handmade_wrong_dimension.xlsx")
    assert result.campaign.measure_count() == 8


def test_bad_deadline_names_sheet_row_and_column():
    with pytest.raises(ImportFormatError) as info:
        read_ledger(LEDGERS / "handmade_bad_deadline.xlsx")
    err = info.value
    assert (err.sheet, err.row) == ("台账", 12)
    assert err.column is not None and err.column.startswith("G")
    assert "下个月吧" in str(err) and "第12行" in str(err)


def test_user_mapping_overrides_the_guess():
    (guess,) = inspect_ledger(HANDMADE)
    assert guess.layout is not None
    mapping = dict(guess.layout.mapping)
    mapping[9] = ""  # ignore 备注
    mapping[7] = "note"  # 进展情况 read as the note
    result = read_ledger(HANDMADE, LedgerLayout("台账", 3, mapping))
    m = result.campaign.problems[0].measures[0]
    assert m.note == "2020年12月20日：已起草修订稿" and not m.progress


def test_unknown_status_is_refused():
    (guess,) = inspect_ledger(HANDMADE)
    assert guess.layout is not None
    mapping = {**guess.layout.mapping, 9: "status", 8: ""}  # 备注 as status: 每季度一次
    with pytest.raises(ImportFormatError, match="每季度一次"):
        read_ledger(HANDMADE, LedgerLayout("台账", 3, mapping))


@pytest.mark.parametrize(("value", "fmt", "due", "long_term"), [
    (datetime(2021, 3, 31), "yyyy-mm-dd", date(2021, 3, 31), False),
    (2020.12, "General", date(2020, 12, 31), False),
    (2020.1, "0.00", date(2020, 10, 31), False),  # shown as 2020.10
    (2020.1, "General", date(2020, 1, 31), False),  # shown as 2020.1
    (44196, "General", date(2020, 12, 31), False),  # a date serial without date format
    ("2020年12月底", "General", date(2020, 12, 31), False),
    ("长期坚持", "General", None, True),
])
def test_deadline_cells(value, fmt, due, long_term):
    deadline, extensions = read_deadline(value, fmt)
    assert (deadline.due, deadline.long_term, extensions) == (due, long_term, [])


def test_extended_deadline_cell_gives_an_approved_extension():
    deadline, (ext,) = read_deadline("原定2020年12月底\n延期至2021年3月31日")
    assert deadline.text == "2020年12月底" and deadline.due == date(2020, 12, 31)
    assert (ext.new_due, ext.state) == (date(2021, 3, 31), ExtensionState.APPROVED)


def test_campaign_title_from_the_title_row():
    assert campaign_title("XX巡察整改台账（截至2020年11月2日）", "f") == "XX巡察整改"
    assert campaign_title("", "file") == "file"


def _facts(campaign):
    return [(p.title, p.category, [(m.text, m.leaders, m.lead_department, m.cooperating,
                                    m.deadline.text, m.deadline.due, m.deadline.long_term,
                                    m.effective_due, m.status, m.note) for m in p.measures])
            for p in campaign.problems]


def test_round_trip_demo_export_import_into_a_new_campaign(demo_register, tmp_path):
    reg = demo_register
    services.request_extension(reg, 3, "2021-03-31", "需省厅批复")
    services.decide_extension(reg, load_campaign(reg, 1).problems[1].measures[0].extensions[0].id,
                              True, "局长")
    services.record_progress(reg, 1, date(2020, 10, 30), "印发规则", MeasureStatus.DONE)
    services.update_measure(reg, 2, note="=1+1")
    original = load_campaign(reg, 1)
    target = tmp_path / "ledger.xlsx"
    write_ledger(original, target, LedgerOptions(today=date(2020, 11, 2)))

    result = read_ledger(target)
    changes = services.import_campaign(reg, result.campaign, source=target.name)
    (new_id,) = changes.campaigns
    copy = load_campaign(reg, new_id)

    assert new_id != original.id
    assert copy.title == original.title
    assert _facts(copy) == _facts(original)
    assert copy.problems[0].measures[0].progress[0].text == "印发规则"


def test_sign_off_and_progress_cells_come_back(tmp_path):
    from rectdesk.core.model import CampaignData, MeasureData, ProblemData, ProgressData, SignOff

    p = ProblemData(title="问题", number=1, sign_off=SignOff(date(2020, 12, 1), "李局长"),
                    measures=[MeasureData(text="措施", number=1, status=MeasureStatus.DONE,
                                          progress=[ProgressData(date(2020, 11, 30), "已完成整改")])])
    write_ledger(CampaignData(title="任务", problems=[p]), tmp_path / "x.xlsx",
                 LedgerOptions(today=date(2020, 12, 2)))
    (back,) = read_ledger(tmp_path / "x.xlsx").campaign.problems
    assert back.sign_off is not None
    assert (back.sign_off.signed_on, back.sign_off.approved_by) == (date(2020, 12, 1), "李局长")
    (m,) = back.measures
    assert (m.progress[0].when, m.progress[0].text) == (date(2020, 11, 30), "已完成整改")


def test_number_deadline_is_read_as_the_cell_shows_it(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["反馈问题", "整改措施", "整改时限"])
    ws.append(["问题一", "措施一", 2020.1])  # formatted 0.00: shown as 2020.10
    ws.append(["问题一", "措施二", 2020.1])  # General: shown as 2020.1
    ws.append(["问题一", "措施三", 2020.12])
    ws["C2"].number_format = "0.00"
    wb.save(tmp_path / "n.xlsx")
    (p,) = read_ledger(tmp_path / "n.xlsx").campaign.problems
    assert [m.deadline.due for m in p.measures] == [date(2020, 10, 31), date(2020, 1, 31),
                                                    date(2020, 12, 31)]


def test_two_problems_with_the_same_title_stay_two(tmp_path):
    """Found by fuzzing: the export merges nothing across problems, so the import must not either."""
    from rectdesk.core.model import CampaignData, MeasureData, ProblemData
    from rectdesk.exchange.ledger_xlsx import LedgerOptions, write_ledger

    c = CampaignData(title="任务", problems=[
        ProblemData(title="制度不健全", number=1, measures=[MeasureData(text="措施一"), MeasureData(text="措施二")]),
        ProblemData(title="制度不健全", number=2, measures=[MeasureData(text="措施三")])])
    out = tmp_path / "dup.xlsx"
    write_ledger(c, out, LedgerOptions())
    back = read_ledger(out).campaign
    assert [(p.title, [m.text for m in p.measures]) for p in back.problems] == [
        ("制度不健全", ["措施一", "措施二"]), ("制度不健全", ["措施三"])]


def _repeating_ledger(path, bad_last: bool = False):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["反馈问题", "整改措施", "责任领导", "责任部门", "整改时限"])
    for i in range(1, 4):
        ws.append(["问题一", f"措施{i}", "张明、赵丽", "办公室", "2020年12月底"])
    if bad_last:
        ws.append(["问题一", "措施四", "张明、赵丽", "办公室", "下个月吧"])
    wb.save(path)
    return path


def test_repeated_cells_give_every_measure_values_of_its_own(tmp_path):
    """Cells repeated down the sheet are read once, but no two measures share a value: editing
    one measure in the preview must not edit the others."""
    (p,) = read_ledger(_repeating_ledger(tmp_path / "r.xlsx")).campaign.problems
    first, second, third = p.measures
    assert [(m.leaders, m.lead_department, m.deadline.due) for m in p.measures] == [
        (["张明", "赵丽"], "办公室", date(2020, 12, 31))] * 3
    first.leaders.append("刘洋")
    first.deadline.text = "2021年1月底"
    assert second.leaders == third.leaders == ["张明", "赵丽"]
    assert second.deadline.text == third.deadline.text == "2020年12月底"


def test_a_bad_cell_after_good_repeats_still_names_its_row(tmp_path):
    with pytest.raises(ImportFormatError) as info:
        read_ledger(_repeating_ledger(tmp_path / "r.xlsx", bad_last=True))
    assert (info.value.sheet, info.value.row) == ("台账", 5)
    assert info.value.column is not None and info.value.column.startswith("E")
    assert "下个月吧" in str(info.value)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_was(tmp_path, enabled):
    import gc

    good, bad = _repeating_ledger(tmp_path / "g.xlsx"), _repeating_ledger(tmp_path / "b.xlsx", True)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        read_ledger(good)
        assert gc.isenabled() is enabled
        with pytest.raises(ImportFormatError):
            read_ledger(bad)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("cut", [0, 3, 7, 20])
def test_a_merged_range_cut_by_the_read_chunk_is_found(cut):
    """The sheet XML is scanned in 1 MiB pieces: a mergeCell tag across two pieces counts."""
    import io
    from types import SimpleNamespace

    from rectdesk.exchange.ledger_import import merged_ranges

    tag = b'<mergeCell ref="B5:B8"/>'
    xml = b"<worksheet>" + b" " * ((1 << 20) - 11 - cut) + tag + b'<mergeCell ref="A9:C9"/></worksheet>'
    assert xml.index(tag) + cut == 1 << 20
    archive = SimpleNamespace(open=lambda part: io.BytesIO(xml))
    wb, ws = SimpleNamespace(_archive=archive), SimpleNamespace(_worksheet_path="sheet1.xml")
    assert merged_ranges(wb, ws) == [(5, 2, 8, 2), (9, 1, 9, 3)]
