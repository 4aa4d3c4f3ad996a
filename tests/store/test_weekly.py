"""Snapshots and the weekly report: what changed since the last snapshot, in both formats."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from docx import Document
from sqlalchemy import select

from rectdesk.core.errors import NotFound
from rectdesk.exchange import feedback_forms as ff
from rectdesk.exchange.weekly_report import write_weekly_docx, write_weekly_xlsx
from rectdesk.store import forms, services
from rectdesk.store.models import Extension
from rectdesk.store.queries import resolve_measure
from rectdesk.store.weekly import take_snapshot, weekly_data

TODAY = date(2020, 11, 9)


def mid(reg, label: str) -> int:
    with reg.reading() as s:
        return resolve_measure(s, 1, label)


def import_water_form(reg, tmp_path) -> None:
    """The demo's 水生态环境处 form, returned with two measures filled; 大气环境处 was sent one
    too and has not returned it."""
    out = tmp_path / "forms"
    out.mkdir()
    report = forms.issue_forms(reg, 1, out, TODAY, write=ff.write_form, name=ff.form_file_name,
                               departments=["水生态环境处", "大气环境处"])
    water = next(f.path for f in report.forms if "水生态环境处" in f.path.name)
    wb = openpyxl.load_workbook(water)
    ws = wb[ff.FORM_SHEET]
    ws["H4"], ws["I4"], ws["J4"] = "完成整治方案", "已完成", date(2020, 11, 5)
    ws["H5"] = "管网排查完成60%"
    wb.save(tmp_path / "back.xlsx")
    preview = forms.preview_import(reg, ff.read_form(tmp_path / "back.xlsx"), tmp_path / "back.xlsx")
    forms.apply_import(reg, preview, today=date(2020, 11, 6))


def test_report_after_an_import_lists_exactly_the_measures_that_changed(demo_register, tmp_path):
    take_snapshot(demo_register, 1, date(2020, 11, 2))
    import_water_form(demo_register, tmp_path)
    data = weekly_data(demo_register, 1, today=TODAY)
    assert data.changed_labels == ["7.1", "7.2"]
    assert [m.label for m in data.newly_completed] == ["7.1"]
    [dept] = data.departments
    assert dept.department == "水生态环境处" and dept.reported
    assert [(e.label, e.text) for e in dept.entries] == [("7.1", "完成整治方案"), ("7.2", "管网排查完成60%")]
    # Only departments sent a form in the period and not back yet; never-sent ones are not late.
    assert data.silent_departments == ["大气环境处"]


def test_newly_overdue_and_due_soon_against_the_snapshot_date(demo_register):
    take_snapshot(demo_register, 1, date(2020, 10, 30))
    data = weekly_data(demo_register, 1, today=date(2020, 11, 2), warn_days=10)
    overdue = {m.label for m in data.newly_overdue}
    assert overdue and all(m.due == date(2020, 10, 31) for m in data.newly_overdue)
    services.set_status(demo_register, mid(demo_register, sorted(overdue)[0]), "已完成")
    assert sorted(overdue)[0] not in {m.label for m in weekly_data(demo_register, 1, today=date(2020, 11, 2)).newly_overdue}
    soon = weekly_data(demo_register, 1, today=date(2020, 11, 25), warn_days=10).due_soon
    assert soon and all(m.due == date(2020, 11, 30) for m in soon)


def test_since_picks_the_snapshot_and_no_import_record_says_what_to_do(demo_register):
    with pytest.raises(NotFound, match="rectdesk snapshot"):
        weekly_data(demo_register, 1, since=date(2020, 1, 1), today=TODAY)  # before the import
    take_snapshot(demo_register, 1, date(2020, 10, 26))
    services.record_progress(demo_register, mid(demo_register, "1.1"), date(2020, 10, 28), "第一周")
    take_snapshot(demo_register, 1, date(2020, 11, 2))
    services.record_progress(demo_register, mid(demo_register, "2.1"), date(2020, 11, 4), "第二周")
    assert weekly_data(demo_register, 1, today=TODAY).changed_labels == ["2.1"]
    assert weekly_data(demo_register, 1, since=date(2020, 10, 30), today=TODAY).changed_labels == ["1.1", "2.1"]


def test_docx_in_the_bulletin_format_and_xlsx_print_ready(demo_register, tmp_path):
    take_snapshot(demo_register, 1, date(2020, 11, 2))
    import_water_form(demo_register, tmp_path)
    data = weekly_data(demo_register, 1, today=TODAY)
    write_weekly_docx(data, tmp_path / "周报.docx")
    doc = Document(str(tmp_path / "周报.docx"))
    paras = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    # Balanced at the phrase boundary, not 7/18 characters.
    assert paras[0] == ("公文标题", "市委第五巡察组巡察“回头看”\n反馈意见整改进展周报")
    headings = [t for s, t in paras if s == "一级标题"]
    assert headings[0] == "一、本期新完成的整改措施（1条）"
    assert headings[-1] == "八、各部门整改进展"
    assert "七、已下发反馈表但未报送的部门（1个）" in headings
    assert ("二级标题", "（一）水生态环境处") in paras
    assert ("公文正文", "措施7.2：管网排查完成60%。") in paras
    assert ("公文正文", "措施7.1（已完成）：完成整治方案。") in paras  # the status by the label
    assert paras[-2:] == [("发文机关署名", "整改办"), ("成文日期", "2020年11月9日")]
    assert doc.core_properties.title == "市委第五巡察组巡察“回头看”反馈意见整改进展周报"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37

    write_weekly_xlsx(data, tmp_path / "周报.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "周报.xlsx")["周报"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    rows = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=4)]
    assert [(r[1], r[2]) for r in rows if r[1] in ("本期完成", "本期进展")] == [
        ("本期完成", "7.1"), ("本期进展", "7.1"), ("本期进展", "7.2")]


def test_no_snapshot_compares_with_the_register_as_imported(demo_register):
    services.record_progress(demo_register, mid(demo_register, "3.1"), date(2020, 11, 4), "新进展",
                             status="已完成")
    data = weekly_data(demo_register, 1, today=TODAY)
    assert data.from_import and data.baseline == "导入台账时"
    assert data.changed_labels == ["3.1"]
    assert [m.label for m in data.newly_completed] == ["3.1"]
    assert [(d.department, [e.text for e in d.entries]) for d in data.departments][0][1] == ["新进展"]


def test_sign_offs_rechecks_and_decided_extensions_of_the_period(demo_register, tmp_path):
    from rectdesk.store.queries import resolve_problem

    take_snapshot(demo_register, 1, date(2020, 11, 2))
    with demo_register.reading() as s:
        pid = resolve_problem(s, 1, 2)
    for m in ("2.1",):
        services.set_status(demo_register, mid(demo_register, m), "已完成")
    services.sign_off(demo_register, pid, date(2020, 11, 5), "张主任", require_evidence=False)
    services.add_recheck(demo_register, pid, date(2020, 11, 6), "巩固", note="未反弹")
    services.request_extension(demo_register, mid(demo_register, "5.1"), date(2021, 3, 31), "汛期施工")
    with demo_register.reading() as s:
        ext = s.scalars(select(Extension.id)).one()
    services.decide_extension(demo_register, ext, True, "李局长", date(2020, 11, 7))
    data = weekly_data(demo_register, 1, today=TODAY)
    assert [(e.label, e.text) for e in data.sign_offs] == [("2", "2020年11月5日销号，审批人：张主任")]
    assert [(e.label, e.text) for e in data.rechecks] == [("2", "2020年11月6日回头看：巩固，未反弹")]
    assert [e.label for e in data.extensions] == ["5.1"]
    assert data.extensions[0].text.startswith("延期至2021年3月31日，已批准（李局长）")
    write_weekly_docx(data, tmp_path / "w.docx", marking="内部资料")
    paras = [p.text for p in Document(str(tmp_path / "w.docx")).paragraphs]
    assert paras[0] == "内部资料"
    assert "二、本期销号的问题（1个）" in paras and "三、本期回头看（1个）" in paras
    assert "四、本期审批的延期申请（1条）" in paras
    assert any(t.startswith("1. 问题2：属地责任未调整到位：2020年11月5日销号") for t in paras)
