"""Snapshots and the weekly report: what changed since the last snapshot, in both formats."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from docx import Document

from rectdesk.core.errors import NotFound
from rectdesk.exchange import feedback_forms as ff
from rectdesk.exchange.weekly_report import write_weekly_docx, write_weekly_xlsx
from rectdesk.store import forms, services
from rectdesk.store.queries import resolve_measure
from rectdesk.store.weekly import take_snapshot, weekly_data

TODAY = date(2020, 11, 9)


def mid(reg, label: str) -> int:
    with reg.reading() as s:
        return resolve_measure(s, 1, label)


def import_water_form(reg, tmp_path) -> None:
    """The demo's 水生态环境处 form, returned with two measures filled."""
    out = tmp_path / "forms"
    out.mkdir()
    report = forms.issue_forms(reg, 1, out, TODAY, write=ff.write_form, name=ff.form_file_name,
                               departments=["水生态环境处"])
    wb = openpyxl.load_workbook(report.forms[0].path)
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
    assert "水生态环境处" not in data.silent_departments and "大气环境处" in data.silent_departments


def test_newly_overdue_and_due_soon_against_the_snapshot_date(demo_register):
    take_snapshot(demo_register, 1, date(2020, 10, 30))
    data = weekly_data(demo_register, 1, today=date(2020, 11, 2), warn_days=10)
    overdue = {m.label for m in data.newly_overdue}
    assert overdue and all(m.due == date(2020, 10, 31) for m in data.newly_overdue)
    services.set_status(demo_register, mid(demo_register, sorted(overdue)[0]), "已完成")
    assert sorted(overdue)[0] not in {m.label for m in weekly_data(demo_register, 1, today=date(2020, 11, 2)).newly_overdue}
    soon = weekly_data(demo_register, 1, today=date(2020, 11, 25), warn_days=10).due_soon
    assert soon and all(m.due == date(2020, 11, 30) for m in soon)


def test_since_picks_the_snapshot_and_no_snapshot_says_what_to_do(demo_register):
    with pytest.raises(NotFound, match="rectdesk snapshot"):
        weekly_data(demo_register, 1, today=TODAY)
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
    assert paras[0][0] == "公文标题"
    headings = [t for s, t in paras if s == "一级标题"]
    assert headings[0] == "一、本期新完成的整改措施（1条）"
    assert headings[-1] == "五、各部门整改进展"
    assert ("二级标题", "（一）水生态环境处") in paras
    assert ("公文正文", "措施7.2：管网排查完成60%。") in paras
    assert paras[-1] == ("成文日期", "2020年11月9日")
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37

    write_weekly_xlsx(data, tmp_path / "周报.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "周报.xlsx")["周报"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    rows = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=4)]
    assert [(r[1], r[2]) for r in rows if r[1] in ("本期完成", "本期进展")] == [
        ("本期完成", "7.1"), ("本期进展", "7.1"), ("本期进展", "7.2")]
