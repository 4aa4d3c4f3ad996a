"""A clerk's whole week through the real main window, from a first run with no register to
reopening the register at the end. The test body only clicks, types and answers dialogs (the
Driver plays the file dialogs); the store is read only to check results, and every exported
file's content is checked."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from docx import Document
from driver import Driver, button, wait_for_tasks
from prepared import SAMPLE, WINDOW_TODAY, evidence_files
from PySide6.QtCore import QCoreApplication

from rectdesk.store import queries

LEAD = "综合处"


def menu(window, top: str, text: str):  # type: ignore[no-untyped-def]
    m = next(a.menu() for a in window.menuBar().actions() if a.text() == top)
    return next(a for a in m.actions() if a.text() == text)


def trigger(driver: Driver, window, top: str, text: str) -> None:  # type: ignore[no-untyped-def]
    menu(window, top, text).trigger()
    driver.settle()
    assert not driver.errors, driver.errors


def select(window, problem: int, measure: int | None = None) -> None:  # type: ignore[no-untyped-def]
    window.filter_bar.clear()
    window.select_problem(window.problem_model.row_at(window.problem_model.find(
        lambda r: r.number == problem)).id)
    if measure is not None:
        window.select_measure(window.measure_model.row_at(measure - 1).id)
    QCoreApplication.processEvents()  # the evidence tab follows the selection


def edit(field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a detail-form field and leave it (the form commits on editingFinished)."""
    line = field.lineEdit() if hasattr(field, "lineEdit") and field.lineEdit() else field
    line.setText(text)
    line.editingFinished.emit()


def tab(window, title: str):  # type: ignore[no-untyped-def]
    tabs = window.detail
    i = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    tabs.setCurrentIndex(i)
    page = tabs.widget(i)
    return page.widget() if hasattr(page, "widget") else page


def fill_form(path: Path, out: Path) -> Path:
    """The department fills its form as it would in Excel and sends it back."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows(min_row=1, max_row=10) if any(c.value == "本周进展" for c in r))
    cols = {c.value: c.column for c in header}
    row = header[0].row + 1
    ws.cell(row, cols["本周进展"], "已调整属地责任，印发分工方案")
    ws.cell(row, cols["状态"], "已完成")
    ws.cell(row, cols["完成日期"], date(2020, 11, 18))
    ws.cell(row, cols["填报人"], "李四")
    wb.save(out)
    return out


def test_a_clerks_week_through_the_window(qtbot, monkeypatch, tmp_path, rectdesk_home):
    from rectdesk import paths
    from rectdesk.gui.app import startup_register
    from rectdesk.gui.main_window import MainWindow

    out = tmp_path / "out"
    out.mkdir()
    png, pdf = evidence_files(tmp_path / "evidence")
    driver = Driver(files={"txt": [SAMPLE], "*": [png, pdf]}, out_dir=out).install(monkeypatch)

    # Monday, first run: no register anywhere; the default one is made, then our own.
    w = MainWindow(startup_register(), today=WINDOW_TODAY)
    qtbot.addWidget(w)
    w.show()
    driver.settle()
    assert paths.default_register().is_file() and not driver.errors
    trigger(driver, w, "文件(&F)", "新建台账…")
    register = w.register_path
    assert register is not None and register.parent == out

    # The inspection's feedback comes in: import it.
    trigger(driver, w, "导入(&I)", "通报…")
    assert any("已导入 31 个问题、63 条整改措施" in t for t in driver.infos), driver.infos
    assert w.problem_model.rowCount() == 31

    # Owners and deadlines for problem 2 and a deadline for 3.1, typed in the detail form.
    select(w, 2, 1)
    form = w.detail.measure_form
    edit(form.ui.lead_department, LEAD)
    edit(form.ui.leaders, "王副局长")
    edit(form.ui.deadline, "2020年12月31日")
    select(w, 3, 1)
    edit(w.detail.measure_form.ui.deadline, "2020年11月30日")
    select(w, 2, 1)
    row = w.measure_model.row_at(0)
    assert row.lead_department == LEAD and "王副局长" in row.leaders and row.due == date(2020, 12, 31)

    # The weekly forms go out; 综合处 fills its form and sends it back.
    trigger(driver, w, "导出(&X)", "部门反馈表…")
    forms = sorted(out.glob("*-folder/*.xlsx"))
    assert [f.name.split("-")[0] for f in forms] == [LEAD]
    returned = fill_form(forms[0], tmp_path / "综合处-返回.xlsx")
    driver.by_caption["反馈表"] = [returned]
    trigger(driver, w, "导入(&I)", "部门反馈表…")
    select(w, 2, 1)
    assert w.measure_model.row_at(0).status.value == "已完成"
    progress = tab(w, "进展")
    assert "已调整属地责任" in progress.model.index(0, 2).data()

    # Evidence: a photo and the meeting minutes, previewed.
    panel = tab(w, "佐证材料")
    button(panel, "添加文件…").click()
    driver.settle()
    assert panel.model.rowCount() == 2, panel.status.text()
    kinds = set()
    for row in range(2):
        panel.view.setCurrentIndex(panel.model.index(row, 0))
        QCoreApplication.processEvents()
        kinds.add(panel.preview.kind)
    assert kinds == {"image", "pdf"}

    # 销号, then 回头看.
    select(w, 2)
    trigger(driver, w, "编辑(&E)", "销号…")
    assert "SignoffDialog" in driver.seen
    assert w.problem_model.row_at(w.problem_view.currentIndex().row()).status.value == "已销号"
    trigger(driver, w, "编辑(&E)", "回头看…")
    assert "RecheckDialog" in driver.seen

    # An extension for 3.1: asked for and approved.
    select(w, 3, 1)
    trigger(driver, w, "编辑(&E)", "整改时限与延期…")
    select(w, 3, 1)
    assert w.measure_model.row_at(0).extended

    # Friday: the documents.
    trigger(driver, w, "导出(&X)", "整改进展通报…")
    trigger(driver, w, "导出(&X)", "整改台账（Excel）…")
    trigger(driver, w, "导出(&X)", "周报…")
    trigger(driver, w, "导出(&X)", "佐证材料包…")
    saved = {p.suffix: p for p in driver.saved if p.exists()}
    bulletin = next(p for p in driver.saved if p.suffix == ".docx" and "通报" in p.name)
    text = "\n".join(par.text for par in Document(str(bulletin)).paragraphs)
    assert "2. 关于属地责任未调整到位问题的整改" in text and text.count("关于") >= 31
    ledger = next(p for p in driver.saved if p.suffix == ".xlsx")
    cells = [str(c.value) for row in openpyxl.load_workbook(ledger).worksheets[0].iter_rows() for c in row if c.value]
    assert LEAD in cells and any("已销号" in c for c in cells)
    weekly = next(p for p in driver.saved if "周报" in p.name)
    weekly_text = "\n".join(par.text for par in Document(str(weekly)).paragraphs) if weekly.suffix == ".docx" \
        else " ".join(str(c.value) for ws in openpyxl.load_workbook(weekly).worksheets for r in ws.iter_rows() for c in r if c.value)
    assert "属地责任未调整到位" in weekly_text or "2.1" in weekly_text
    names = zipfile.ZipFile(saved[".zip"]).namelist()
    assert any(n.endswith("现场照片.png") for n in names) and any(n.endswith("会议纪要.pdf") for n in names)
    assert not driver.errors

    # Close; next Monday `rectdesk` opens where the clerk left off, everything still there.
    select(w, 3, 1)
    pid = w.current_problem_id()
    w.close()
    again = MainWindow(startup_register(), today=WINDOW_TODAY)
    qtbot.addWidget(again)
    again.show()
    wait_for_tasks()
    assert again.register_path == register and again.current_problem_id() == pid
    reg = again.register
    summary = queries.summary(reg, today=WINDOW_TODAY)
    assert summary["signed_off"] == 1 and summary["problems"] == 31
    select(again, 2, 1)
    assert tab(again, "佐证材料").model.rowCount() == 2
    select(again, 3, 1)
    assert again.measure_model.row_at(0).extended
