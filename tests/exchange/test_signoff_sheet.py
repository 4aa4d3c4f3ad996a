"""The sign-off sheet (对账销号单) as a reader of the printed page checks it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from rectdesk.core.deadlines import parse_deadline
from rectdesk.core.model import (
    CampaignData,
    EvidenceData,
    ExtensionData,
    ExtensionState,
    MeasureData,
    MeasureStatus,
    ProblemData,
    SignOff,
)
from rectdesk.exchange.signoff_sheet import write_signoff_sheet


def campaign() -> tuple[CampaignData, ProblemData]:
    p = ProblemData(number=7, title="对派出机构管理还有缺失", description="派出机构党组未成立。",
                    category="党的建设方面")
    p.measures = [
        MeasureData(number=1, text="成立派出机构党组", result="11个派出机构党组已经成立",
                    lead_department="组织人事处", leaders=["赵丽"], status=MeasureStatus.DONE,
                    deadline=parse_deadline("2020年10月底"), completed_on=date(2020, 10, 20),
                    evidence=[EvidenceData(title="关于成立派出机构党组的通知", file_name="通知.pdf",
                                           sha256="a" * 64, doc_number="宁环党〔2020〕12号",
                                           doc_date=date(2020, 8, 3))]),
        MeasureData(number=2, text="修订派出机构管理办法\x07", lead_department="办公室",
                    leaders=["张明"], status=MeasureStatus.IN_PROGRESS,
                    deadline=parse_deadline("2020年11月底"),
                    extensions=[ExtensionData(date(2021, 1, 31), "等待上级文件", ExtensionState.APPROVED)]),
    ]
    p.evidence = [EvidenceData(title="整改工作台账", file_name="台账.xlsx", sha256="b" * 64)]
    c = CampaignData(title="市委第五巡察组巡察反馈意见整改", problems=[p])
    return c, p


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def cells(path: Path) -> dict[str, str]:
    (table,) = docx.Document(str(path)).tables
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def test_sheet_lists_problem_measures_results_evidence_and_signatures(tmp_path):
    c, p = campaign()
    report = write_signoff_sheet(c, p, tmp_path / "销号单.docx")
    assert report.evidence == 2 and report.measures == 2 and report.removed == 1
    assert "控制字符" in report.summary()
    doc = docx.Document(str(report.path))
    assert doc.paragraphs[0].text == "对账销号单（未销号　草稿）"  # not signed off: a draft
    assert report.draft and "未销号" in report.summary()
    rows = cells(report.path)
    assert list(rows) == ["整改任务", "问题编号", "反馈问题", "整改措施", "整改成效", "佐证材料",
                          "责任部门意见", "责任领导意见", "整改办意见"]
    assert rows["问题编号"] == "7　对派出机构管理还有缺失（党的建设方面）"
    assert "派出机构党组未成立。" in rows["反馈问题"]
    assert "一是成立派出机构党组（牵头：组织人事处、赵丽；时限：2020年10月底；状态：已完成）" in rows["整改措施"]
    # The deadline as written is kept and the approved extension printed beside it.
    assert "时限：2020年11月底（经批准延期至2021年1月31日）" in rows["整改措施"]
    assert "\x07" not in rows["整改措施"]
    assert "一是11个派出机构党组已经成立（2020年10月20日完成）" in rows["整改成效"]
    assert "1. 整改工作台账〔问题〕" in rows["佐证材料"]
    assert "2. 关于成立派出机构党组的通知（宁环党〔2020〕12号），2020年8月3日〔措施7.1〕" in rows["佐证材料"]
    assert rows["责任部门意见"].startswith("责任部门：组织人事处、办公室")
    assert rows["责任领导意见"].startswith("责任领导：赵丽、张明")
    for key in ("责任部门意见", "责任领导意见", "整改办意见"):
        assert "签字：" in rows[key] and "年　　月　　日" in rows[key]


def test_page_setup_is_the_bulletins(tmp_path):
    c, p = campaign()
    out = write_signoff_sheet(c, p, tmp_path / "s.docx").path
    section = docx.Document(str(out)).sections[-1]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) < Mm(1)
    xml = Path(out).read_bytes()
    assert xml[:2] == b"PK"


def test_a_signed_off_problem_prints_its_sign_off(tmp_path):
    c, p = campaign()
    p.sign_off = SignOff(date(2020, 12, 1), "王主任", "整改到位，同意销号")
    p.recheck_due = date(2021, 3, 1)
    rows = cells(write_signoff_sheet(c, p, tmp_path / "s.docx").path)
    assert "意见：整改到位，同意销号" in rows["整改办意见"]
    assert "审批人：王主任" in rows["整改办意见"] and "销号日期：2020年12月1日" in rows["整改办意见"]
    assert "回头看日期：2021年3月1日" in rows["整改办意见"]


def test_an_imported_result_is_not_printed_twice(tmp_path):
    c, p = campaign()
    p.measures = [MeasureData(number=1, text="已成立党组。", result="已成立党组。", status=MeasureStatus.DONE)]
    p.evidence = []
    rows = cells(write_signoff_sheet(c, p, tmp_path / "s.docx").path)
    assert rows["整改措施"].startswith("已成立党组。") and rows["整改成效"] == "同整改措施所述"
    assert rows["佐证材料"] == "（无）"


def test_a_failed_write_keeps_the_earlier_file(tmp_path, monkeypatch):
    c, p = campaign()
    out = tmp_path / "s.docx"
    out.write_bytes(b"earlier")
    from rectdesk.exchange import gbt9704

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(gbt9704, "_fill_document", broken)
    with pytest.raises(OSError):
        write_signoff_sheet(c, p, out)
    assert out.read_bytes() == b"earlier"


def test_several_imported_results_point_back_once(tmp_path):
    c, p = campaign()
    p.measures = [MeasureData(number=1, text="已成立党组。", result="已成立党组。", status=MeasureStatus.DONE),
                  MeasureData(number=2, text="修订了规则。", result="修订了规则。", status=MeasureStatus.DONE)]
    rows = cells(write_signoff_sheet(c, p, tmp_path / "s.docx").path)
    assert rows["整改成效"] == "同整改措施所述"
    p.measures[1].result = "规则已印发执行。"  # one real result: each measure gets its line
    rows = cells(write_signoff_sheet(c, p, tmp_path / "s.docx").path)
    assert "规则已印发执行" in rows["整改成效"] and rows["整改成效"].count("同整改措施所述") == 1


def test_only_results_are_printed_not_the_forms_remarks(tmp_path):
    from rectdesk.core.model import ProgressData

    c, p = campaign()
    p.measures[1].progress = [ProgressData(date(2020, 11, 5), "初稿已完成\n佐证材料：会议纪要\n存在困难：等待上级文件")]
    rows = cells(write_signoff_sheet(c, p, tmp_path / "s.docx").path)
    assert "二是初稿已完成" in rows["整改成效"]
    assert "存在困难" not in rows["整改成效"] and "会议纪要" not in rows["整改成效"]


def test_signed_off_sheet_is_final_with_marking_and_properties(tmp_path):
    c, p = campaign()
    c.marking = "内部资料 注意保存"
    p.sign_off = SignOff(date(2020, 11, 30), "张主任")
    out = tmp_path / "s.docx"
    report = write_signoff_sheet(c, p, out)
    doc = docx.Document(str(out))
    # Internal: the campaign's marking where GB/T 9704 puts 密级, then the title, no draft mark.
    assert [x.text for x in doc.paragraphs[:3]] == ["内部资料 注意保存", "", "对账销号单"]
    assert not report.draft
    assert doc.core_properties.title == "对账销号单：7 对派出机构管理还有缺失"
    write_signoff_sheet(c, p, out, marking="")
    assert docx.Document(str(out)).paragraphs[0].text == "对账销号单"


def test_task_and_problem_rows_repeat_on_every_page(tmp_path):
    c, p = campaign()
    out = tmp_path / "s.docx"
    write_signoff_sheet(c, p, out)
    rows = docx.Document(str(out)).tables[0]._tbl.tr_lst
    header = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
    assert header[:2] == [True, True] and not any(header[2:])
    flows = [tr.find(f"{W}trPr/{W}cantSplit") is None for tr in rows]
    assert flows == [False, False, False, True, True, True, False, False, False]


def _with_measures(n: int) -> tuple[CampaignData, ProblemData]:
    """A problem with n measures of the demo's average length (83 characters), each with a result."""
    c, p = campaign()
    text = "修订完善了派出机构管理办法，明确了党组的职责和议事规则，规范了各派出生态环境局党组的管理，" \
           "印发了《关于严格落实重大事项请示报告制度的通知》，对请假值班等作了进一步规范"
    p.measures = [MeasureData(number=i, text=text[:83], result="已印发执行", lead_department="办公室",
                              leaders=["张明"], status=MeasureStatus.DONE,
                              deadline=parse_deadline("2020年10月底")) for i in range(1, n + 1)]
    return c, p


def test_rendered_sheet_fits_one_page_up_to_six_measures(tmp_path, render):
    paths = []
    for n in (2, 6, 10):
        c, p = _with_measures(n)
        paths.append(tmp_path / f"s{n}.docx")
        write_signoff_sheet(c, p, paths[-1])
    pages = render(paths)
    assert len(pages[paths[0]]) == 1 and len(pages[paths[1]]) == 1
    assert len(pages[paths[2]]) >= 2
    for page in pages[paths[2]]:  # beyond one page, each says which problem it belongs to
        flat = page.replace(" ", "")
        assert "问题编号" in flat and "对派出机构管理还有缺失" in flat
