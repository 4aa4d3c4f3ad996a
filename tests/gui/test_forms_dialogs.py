"""The forms export/import and weekly report dialogs, driven as a user would (tasks inline)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from rectdesk.core.model import MeasureStatus
from rectdesk.exchange import feedback_forms as ff
from rectdesk.gui import tasks
from rectdesk.gui.dialogs.forms_export import FormsExportDialog
from rectdesk.gui.dialogs.forms_import import FormsImportDialog
from rectdesk.gui.dialogs.weekly_report import WeeklyReportDialog
from rectdesk.gui.session import RegisterSession
from rectdesk.store import services
from rectdesk.store.queries import load_campaign, resolve_measure

TODAY = date(2020, 11, 2)
WATER = "水生态环境处"


@pytest.fixture(autouse=True)
def inline_tasks() -> Iterator[None]:
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


def export_water(qtbot, reg, folder: Path) -> Path:
    dialog = FormsExportDialog(RegisterSession(reg), 1, today=TODAY)
    qtbot.addWidget(dialog)
    m = dialog.model
    for row in range(m.rowCount()):
        m.setData(m.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    row = next(i for i, (name, _) in enumerate(m.rows()) if name == WATER)
    m.setData(m.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    folder.mkdir()
    dialog.export_to(folder)
    assert "已生成 1 份部门反馈表（共 5 条措施）" in dialog.result_label.text()
    return folder / "水生态环境处-整改进展反馈表-20201109.xlsx"


def test_export_dialog_lists_departments_and_writes_checked_ones(qtbot, demo_register, tmp_path):
    form = export_water(qtbot, demo_register, tmp_path / "forms")
    assert [p.name for p in form.parent.iterdir()] == [form.name]


def test_export_dialog_model(qtbot, qtmodeltester, demo_register):
    dialog = FormsExportDialog(RegisterSession(demo_register), 1, today=TODAY)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    counts = dict(dialog.model.rows())
    assert counts[WATER] == 5 and len(counts) == 13


def measure(reg, label: str):
    with reg.reading() as s:
        mid = resolve_measure(s, 1, label)
    return next(m for p in load_campaign(reg, 1).problems for m in p.measures if m.id == mid)


def test_import_dialog_previews_and_needs_a_choice_on_conflict(qtbot, qtmodeltester, demo_register, tmp_path):
    form = export_water(qtbot, demo_register, tmp_path / "forms")
    services.record_progress(demo_register, measure(demo_register, "7.1").id, TODAY, "办公室录入")
    wb = openpyxl.load_workbook(form)
    ws = wb[ff.FORM_SHEET]
    ws["H4"], ws["I4"] = "部门：完成", "已完成"
    ws["H5"], ws["H6"], ws["I6"] = "推进中", "乱填", "差不多"
    wb.save(tmp_path / "back.xlsx")

    dialog = FormsImportDialog(RegisterSession(demo_register))
    qtbot.addWidget(dialog)
    dialog.load(tmp_path / "back.xlsx")
    model = dialog.model
    qtmodeltester.check(model)
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[0] for row in shown] == ["7.1", "7.2", "7.3"]
    assert shown[0][2] == "正在推进 → 已完成" and shown[0][3].endswith("办公室录入") and shown[0][4] == "部门：完成"
    assert "办公室录入" in shown[0][5] and shown[0][6] == "请选择：采用表单或保留台账"
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert shown[2][6].startswith("不能导入：第6行“状态”列")
    assert not dialog.apply_button.isEnabled()
    assert "7.1" in dialog.counts.text()

    dialog.table.selectRow(0)
    dialog.keep_button.click()  # 保留台账
    assert dialog.apply_button.isEnabled() and dialog.counts.text() == "将导入 1 条"
    with qtbot.waitSignal(dialog.imported):
        dialog.apply_button.click()
    assert measure(demo_register, "7.1").status is MeasureStatus.IN_PROGRESS
    assert [g.text for g in measure(demo_register, "7.2").progress] == ["推进中"]
    assert dialog.import_result is not None and dialog.import_result.kept_register == ["7.1"]


def test_import_dialog_shows_a_refusal(qtbot, demo_register, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("rectdesk.gui.errors.show_error", lambda parent, exc, title="": shown.append(str(exc)))
    junk = tmp_path / "junk.xlsx"
    junk.write_text("no")
    dialog = FormsImportDialog(RegisterSession(demo_register))
    qtbot.addWidget(dialog)
    dialog.load(junk)
    assert shown and "不是 Excel 工作簿" in shown[0]
    assert dialog.model.rowCount() == 0 and not dialog.apply_button.isEnabled()


def test_weekly_dialog_snapshot_preview_and_export(qtbot, demo_register, tmp_path):
    dialog = WeeklyReportDialog(RegisterSession(demo_register), 1, today=TODAY)
    qtbot.addWidget(dialog)
    # No snapshot yet: compared with the register as imported, and the export works.
    assert dialog.export_button.isEnabled() and "与台账导入时的状态比较" in dialog.preview.toPlainText()
    dialog.take_snapshot()
    services.record_progress(demo_register, measure(demo_register, "1.1").id, TODAY, "本周做了一件事")
    dialog.refresh()
    text = dialog.preview.toPlainText()
    assert "措施1.1（" in text and "本周做了一件事" in text
    dialog.export_to(tmp_path / "周报.xlsx")
    assert (tmp_path / "周报.xlsx").is_file() and "本期变化的措施 1 条" in dialog.result_label.text()


def test_install_adds_the_menu_actions(window):
    export = [a.text() for a in window.menu_export.actions()]
    assert export.index("部门反馈表…") + 1 == export.index("周报…")
    assert window.action("import_forms") in window.menu_import.actions()
    window.action("weekly_report").trigger()
    [dialog] = window.findChildren(WeeklyReportDialog)
    assert dialog.isVisible() and "与台账导入时的状态比较" in dialog.preview.toPlainText()


def test_import_dialog_marks_rows_already_merged_from_an_earlier_copy(qtbot, demo_register, tmp_path):
    form = export_water(qtbot, demo_register, tmp_path / "forms")
    wb = openpyxl.load_workbook(form)
    ws = wb[ff.FORM_SHEET]
    ws["H4"], ws["H5"], ws["I5"] = "已督办", "推进中", "差不多"
    wb.save(tmp_path / "back.xlsx")
    dialog = FormsImportDialog(RegisterSession(demo_register))
    qtbot.addWidget(dialog)
    dialog.load(tmp_path / "back.xlsx")
    with qtbot.waitSignal(dialog.imported):
        dialog.apply_button.click()  # 7.1 goes in, 7.2 has a bad status
    ws["I5"] = "正在推进"  # the department corrects its copy and sends it again
    wb.save(tmp_path / "back-改.xlsx")
    again = FormsImportDialog(RegisterSession(demo_register))
    qtbot.addWidget(again)
    again.load(tmp_path / "back-改.xlsx")
    shown = {again.model.index(r, 0).data(): again.model.index(r, 6).data() for r in range(again.model.rowCount())}
    assert shown == {"7.1": "已在台账中（此前已导入）", "7.2": "导入"}
    assert again.apply_button.isEnabled()


def test_a_formula_typed_in_progress_is_previewed_and_imported_as_text(qtbot, demo_register, tmp_path):
    form = export_water(qtbot, demo_register, tmp_path / "forms")
    wb = openpyxl.load_workbook(form)
    wb[ff.FORM_SHEET]["H4"] = "=1+1"  # a formula in the file, with no cached value
    wb.save(tmp_path / "back.xlsx")
    dialog = FormsImportDialog(RegisterSession(demo_register))
    qtbot.addWidget(dialog)
    dialog.load(tmp_path / "back.xlsx")
    assert dialog.model.index(0, 4).data() == "=1+1"
    with qtbot.waitSignal(dialog.imported):
        dialog.apply_button.click()
    assert [g.text for g in measure(demo_register, "7.1").progress][-1] == "=1+1"


def test_forms_go_out_and_come_back_through_the_window_menus(window, monkeypatch, tmp_path):
    """导出 -> 部门反馈表 writes the checked departments' forms; 导入 -> 部门反馈表 previews one
    sent back with a conflict, waits for a choice, and imports what was chosen."""
    from driver import Driver

    back = tmp_path / "back.xlsx"
    seen: dict[str, object] = {}

    def export_water_only(dialog) -> None:  # type: ignore[no-untyped-def]
        m = dialog.model
        seen["departments"] = [m.index(r, 0).data() for r in range(m.rowCount())]
        for row in range(m.rowCount()):
            m.setData(m.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        row = next(i for i, (name, _) in enumerate(m.rows()) if name == WATER)
        m.setData(m.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        dialog.export_button.click()
        dialog.reject()

    def import_keeping_the_register(dialog: FormsImportDialog) -> None:
        dialog.choose_button.click()
        m = dialog.model
        seen["preview"] = [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]
        seen["check"] = m.index(0, 0).data(Qt.ItemDataRole.CheckStateRole)
        seen["blocked"] = not dialog.apply_button.isEnabled()
        dialog.table.selectRow(0)
        dialog.keep_button.click()  # 保留台账
        with_choice = dialog.apply_button.isEnabled()
        dialog.apply_button.click()
        seen["applied"] = with_choice and dialog.import_result is not None
        dialog.reject()

    driver = Driver(files={}, out_dir=tmp_path / "out", by_caption={"反馈表": [back]}).install(monkeypatch)
    (tmp_path / "out").mkdir()
    driver.handlers |= {"FormsExportDialog": export_water_only, "FormsImportDialog": import_keeping_the_register}

    window.action("export_forms").trigger()
    driver.settle()
    [form] = [p for p in (tmp_path / "out").rglob("*.xlsx") if p.name.startswith(WATER)]
    assert WATER in seen["departments"] and not driver.errors

    reg = window.session.reg
    services.record_progress(reg, measure(reg, "7.1").id, TODAY, "办公室录入")  # changed since sent
    wb = openpyxl.load_workbook(form)
    ws = wb[ff.FORM_SHEET]
    ws["H4"], ws["I4"], ws["H5"] = "部门：完成", "已完成", "推进中"
    wb.save(back)

    window.action("import_forms").trigger()
    driver.settle()
    assert not driver.errors, driver.errors
    preview = seen["preview"]
    assert [row[0] for row in preview] == ["7.1", "7.2"]
    assert "办公室录入" in preview[0][5] and preview[0][6] == "请选择：采用表单或保留台账"
    assert seen["check"] == Qt.CheckState.PartiallyChecked and seen["blocked"] and seen["applied"]
    assert measure(reg, "7.1").status is MeasureStatus.IN_PROGRESS  # the register's side kept
    assert [g.text for g in measure(reg, "7.2").progress][-1] == "推进中"
