"""Forms out and back against the demo register: the issue's 'done when', end to end."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from rectdesk.core import form_stamp
from rectdesk.core.errors import ImportFormatError, ValidationError
from rectdesk.core.model import MeasureStatus
from rectdesk.exchange import feedback_forms as ff
from rectdesk.store import forms, services
from rectdesk.store.models import ChangeLog, FormImport, FormIssue, Measure, Setting
from rectdesk.store.queries import load_campaign, resolve_measure

DUE = date(2020, 11, 9)
DEPT = "水生态环境处"


def issue(reg, out: Path, **kw) -> forms.IssueReport:
    out.mkdir(exist_ok=True)
    return forms.issue_forms(reg, 1, out, DUE, write=ff.write_form, name=ff.form_file_name,
                             today=date(2020, 11, 2), **kw)


def fill_as_department(path: Path, out: Path, by_label: dict[str, dict[str, object]]) -> Path:
    """What a department does: open in Excel, type into unlocked cells only, save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[ff.FORM_SHEET]
    header = [c.value for c in ws[3]]
    for row in ws.iter_rows(min_row=4):
        values = by_label.get(row[ff.COL["label"]].value, {})
        for name, value in values.items():
            cell = row[header.index(name)]
            assert not cell.protection.locked, name
            cell.value = value
    wb.save(out)
    return out


def measure(reg, label: str):
    with reg.reading() as s:
        mid = resolve_measure(s, 1, label)
    return next(m for p in load_campaign(reg, 1).problems for m in p.measures if m.id == mid)


@pytest.fixture
def issued(demo_register, tmp_path):
    report = issue(demo_register, tmp_path / "forms")
    return next(f for f in report.forms if f.department == DEPT)


def import_file(reg, path: Path, decisions=None) -> forms.ImportResult:
    preview = forms.preview_import(reg, ff.read_form(path), path)
    return forms.apply_import(reg, preview, decisions)


def test_issue_writes_one_form_per_lead_department_and_records_it(demo_register, tmp_path):
    report = issue(demo_register, tmp_path / "forms")
    files = sorted(p.name for p in (tmp_path / "forms").iterdir())
    assert files == sorted(f"{f.department}-整改进展反馈表-20201109.xlsx" for f in report.forms)
    assert len(report.forms) == 13
    with demo_register.reading() as s:
        rows = s.scalars(select(FormIssue)).all()
        assert {r.department for r in rows} == {f.department for f in report.forms}
        water = next(r for r in rows if r.department == DEPT)
        payload = json.loads(water.payload)
    assert [r["label"] for r in payload["rows"]] == ["7.1", "7.2", "7.3", "9.1", "9.2"]
    assert payload["register_id"] == demo_register.register_id
    assert all(r["status"] != "已完成" for r in payload["rows"])  # done measures need no feedback


def test_department_form_imported_shows_progress_and_status(demo_register, issued, tmp_path):
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {
        "7.1": {"本周进展": "召开专题会议，完成整治方案", "状态": "已完成", "完成日期": date(2020, 11, 5),
                "佐证材料清单": "会议纪要", "填报人": "张三", "联系电话": "025-84561234"},
        "7.2": {"本周进展": "完成管网排查60%"}})
    result = import_file(demo_register, filled)
    assert result.applied == ["7.1", "7.2"]
    done = measure(demo_register, "7.1")
    assert done.status is MeasureStatus.DONE and done.completed_on == date(2020, 11, 5)
    entry = done.progress[-1]
    assert entry.text == "召开专题会议，完成整治方案\n佐证材料：会议纪要"
    assert entry.reported_by == "张三（025-84561234）"
    assert entry.source == "部门反馈表：back.xlsx"
    assert measure(demo_register, "7.2").progress[-1].text == "完成管网排查60%"
    assert measure(demo_register, "7.2").status is MeasureStatus.IN_PROGRESS
    assert not measure(demo_register, "7.3").progress  # left blank by the department
    with demo_register.reading() as s:
        log = s.scalar(select(FormImport))
        assert log.file_name == "back.xlsx" and json.loads(log.summary)["applied"] == ["7.1", "7.2"]


def test_same_file_twice_is_refused(demo_register, issued, tmp_path):
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {"7.1": {"本周进展": "进展"}})
    import_file(demo_register, filled)
    renamed = tmp_path / "改名后.xlsx"
    renamed.write_bytes(filled.read_bytes())
    with pytest.raises(ImportFormatError, match="导入过.*不能重复导入"):
        forms.preview_import(demo_register, ff.read_form(renamed), renamed)
    assert len(measure(demo_register, "7.1").progress) == 1


def test_register_edit_after_issue_is_a_conflict_never_overwritten_silently(demo_register, issued, tmp_path):
    mid = measure(demo_register, "7.1").id
    services.record_progress(demo_register, mid, date(2020, 11, 4), "办公室录入：已督办", status="长期坚持")
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {
        "7.1": {"本周进展": "部门：已完成", "状态": "已完成"}, "7.2": {"本周进展": "推进中"}})
    preview = forms.preview_import(demo_register, ff.read_form(filled), filled)
    [conflict] = preview.conflicts
    assert conflict.label == "7.1"
    assert "办公室录入：已督办" in conflict.conflict and "正在推进" in conflict.conflict
    assert conflict.register_progress.endswith("办公室录入：已督办") and conflict.entry == "部门：已完成"
    with pytest.raises(ValidationError, match="7.1.*冲突"):
        forms.apply_import(demo_register, preview)
    assert measure(demo_register, "7.1").status is MeasureStatus.LONG_TERM
    assert not measure(demo_register, "7.2").progress  # nothing written at all
    result = forms.apply_import(demo_register, preview, forms.decisions_for(preview, forms.Decision.KEEP_REGISTER))
    assert (result.applied, result.kept_register) == (["7.2"], ["7.1"])
    kept = measure(demo_register, "7.1")
    assert kept.status is MeasureStatus.LONG_TERM and kept.progress[-1].text == "办公室录入：已督办"


def test_taking_the_form_on_conflict_applies_it(demo_register, issued, tmp_path):
    services.update_measure(demo_register, measure(demo_register, "7.1").id, note="改了备注")
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {"7.1": {"本周进展": "完成", "状态": "已完成"}})
    preview = forms.preview_import(demo_register, ff.read_form(filled), filled)
    assert "备注" in preview.conflicts[0].conflict
    forms.apply_import(demo_register, preview, {preview.rows[0].measure_id: forms.Decision.TAKE_FORM})
    assert measure(demo_register, "7.1").status is MeasureStatus.DONE


def test_rejected_rows_and_bad_values_are_not_applied(demo_register, issued, tmp_path):
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {
        "7.1": {"本周进展": "a"}, "7.2": {"本周进展": "b", "状态": "快好了"}, "7.3": {"本周进展": "c"}})
    preview = forms.preview_import(demo_register, ff.read_form(filled), filled)
    assert any("第5行“状态”列" in str(p) for p in preview.problems)
    decisions = forms.decisions_for(preview)
    decisions[measure(demo_register, "7.3").id] = forms.Decision.REJECT
    result = forms.apply_import(demo_register, preview, decisions)
    assert result.applied == ["7.1"] and sorted(result.rejected) == ["7.2", "7.3"]


def test_tampered_id_column_refused_and_nothing_written(demo_register, issued, tmp_path):
    wb = openpyxl.load_workbook(issued.path)
    ws = wb[ff.FORM_SHEET]
    ws["H4"], ws["H5"] = "进展一", "进展二"
    ws["A4"], ws["A5"] = ws["A5"].value, ws["A4"].value  # valid stamps, re-pointed at the wrong rows
    wb.save(tmp_path / "swapped.xlsx")
    with pytest.raises(ImportFormatError) as err:
        forms.preview_import(demo_register, ff.read_form(tmp_path / "swapped.xlsx"), tmp_path / "swapped.xlsx")
    assert "第4行" in str(err.value) and "整份表单拒绝导入" in str(err.value)
    ws["A4"] = "RD1|1|1|0|0000000000"  # an edited stamp fails its check without the register
    wb.save(tmp_path / "edited.xlsx")
    with pytest.raises(ImportFormatError, match="第4行.*标识列被修改.*整份表单拒绝导入"):
        ff.read_form(tmp_path / "edited.xlsx")
    assert not measure(demo_register, "7.1").progress and not measure(demo_register, "7.2").progress


def test_form_from_another_register_or_campaign_is_refused(demo_register, empty_register, issued, tmp_path):
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {"7.1": {"本周进展": "x"}})
    form = ff.read_form(filled)
    with pytest.raises(ImportFormatError, match="另一个台账"):
        forms.preview_import(empty_register, form, filled)
    form.meta["campaign_id"] = "2"
    with pytest.raises(ImportFormatError, match="另一个整改任务"):
        forms.preview_import(demo_register, form, filled)


def test_stale_preview_is_refused_inside_the_transaction(demo_register, issued, tmp_path):
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx", {"7.1": {"本周进展": "x"}, "7.2": {"本周进展": "y"}})
    preview = forms.preview_import(demo_register, ff.read_form(filled), filled)
    services.update_measure(demo_register, measure(demo_register, "7.2").id, note="预览后修改")
    with pytest.raises(ValidationError, match="7.2 在预览之后又被修改"):
        forms.apply_import(demo_register, preview)
    assert not measure(demo_register, "7.1").progress  # one transaction: 7.1 rolled back too
    with demo_register.reading() as s:
        assert s.scalar(select(func.count(FormImport.id))) == 0
        assert s.scalar(select(func.count(ChangeLog.id)).where(ChangeLog.entity == "progress")) == 0


def test_corrected_form_resent_after_a_partial_import_is_no_conflict(demo_register, issued, tmp_path):
    first = fill_as_department(issued.path, tmp_path / "back.xlsx", {
        "7.1": {"本周进展": "已督办", "状态": "已完成"}, "7.2": {"本周进展": "推进中", "状态": "快好了"}})
    result = import_file(demo_register, first)
    assert (result.applied, result.rejected) == (["7.1"], ["7.2"])
    fixed = fill_as_department(issued.path, tmp_path / "back-改.xlsx", {
        "7.1": {"本周进展": "已督办", "状态": "已完成"}, "7.2": {"本周进展": "推进中", "状态": "正在推进"}})
    preview = forms.preview_import(demo_register, ff.read_form(fixed), fixed)
    assert not preview.conflicts
    assert any("[已在台账中] 措施 7.1" in line for line in preview.lines())
    result = forms.apply_import(demo_register, preview)
    assert result.applied == ["7.2"]
    assert [g.text for g in measure(demo_register, "7.1").progress] == ["已督办"]  # not doubled
    assert [g.text for g in measure(demo_register, "7.2").progress] == ["推进中"]


# -- issue 16: keyed stamps checked against the issue record; protected edits held ---------------
def _stamp_cell(path: Path, label: str) -> str:
    ws = openpyxl.load_workbook(path)[ff.FORM_SHEET]
    row = next(r for r in ws.iter_rows(min_row=4) if r[ff.COL["label"]].value == label)
    return f"A{row[0].row}"


def test_forged_stamp_with_the_current_version_cannot_revert_a_completed_measure(
        demo_register, issued, tmp_path):
    m = measure(demo_register, "7.1")
    services.set_status(demo_register, m.id, MeasureStatus.DONE, completed_on=date(2020, 11, 5))
    now = measure(demo_register, "7.1")
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx",
                                {"7.1": {"本周进展": "尚在推进", "状态": "正在推进"}})
    cell = _stamp_cell(filled, "7.1")
    form_id = ff.read_form(filled).form_id
    with demo_register.reading() as s:
        mv = s.get(Measure, m.id).version
    forgeries = {
        "unkeyed, current version": ff.stamp(form_id, m.id, mv, 0),
        "keyed with a guessed key": form_stamp.keyed("0" * 64, form_id, m.id, mv, 0),
    }
    for what, forged in forgeries.items():
        wb = openpyxl.load_workbook(filled)
        wb[ff.FORM_SHEET][cell] = forged
        target = tmp_path / f"forged-{len(what)}.xlsx"
        wb.save(target)
        with pytest.raises(ImportFormatError, match="标识列被修改.*整份表单拒绝导入"):
            forms.preview_import(demo_register, ff.read_form(target), target)
    assert measure(demo_register, "7.1").status is MeasureStatus.DONE
    assert [g.text for g in measure(demo_register, "7.1").progress] == [g.text for g in now.progress]


def test_the_key_stays_in_the_register(demo_register, issued):
    with demo_register.reading() as s:
        key = s.get(Setting, "form_key").value
        payload = s.scalars(select(FormIssue.payload)).first()
    assert len(key) == 64 and key not in payload
    with zipfile.ZipFile(issued.path) as zf:
        assert all(key.encode() not in zf.read(n) for n in zf.namelist())
    assert all(r.stamp.startswith("RD2|") for r in ff.read_form(issued.path).rows)


def test_edited_protected_cells_hold_every_row_for_a_decision(demo_register, issued, tmp_path):
    filled = fill_as_department(issued.path, tmp_path / "back.xlsx",
                                {"7.1": {"本周进展": "已督办"}, "7.3": {"本周进展": "已完成初稿"}})
    wb = openpyxl.load_workbook(filled)
    ws = wb[ff.FORM_SHEET]
    header = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4) if r[ff.COL["label"]].value == "7.2")
    row[header.index("整改措施")].value = "改过的措施内容"
    wb.save(filled)
    preview = forms.preview_import(demo_register, ff.read_form(filled), filled)
    assert sorted(r.label for r in preview.conflicts) == ["7.1", "7.3"]
    assert all("受保护的内容被修改" in r.conflict for r in preview.conflicts)
    assert "2 处冲突" in preview.lines()[0]
    with pytest.raises(ValidationError, match="冲突"):
        forms.apply_import(demo_register, preview)
    assert not measure(demo_register, "7.1").progress and not measure(demo_register, "7.3").progress
    decisions = forms.decisions_for(preview, forms.Decision.KEEP_REGISTER)
    decisions[measure(demo_register, "7.1").id] = forms.Decision.TAKE_FORM
    result = forms.apply_import(demo_register, preview, decisions)
    assert result.applied == ["7.1"] and result.kept_register == ["7.3"]
