"""The import preview as a person uses it: load, look, correct, then import once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex

from rectdesk.gui import tasks
from rectdesk.gui.dialogs.import_preview import (
    COL_LEAD,
    COL_STATUS,
    FOUND,
    INFERRED,
    ImportPreviewDialog,
    KindRole,
)

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


@pytest.fixture(autouse=True)
def inline_tasks():
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


@pytest.fixture
def dialog(qtbot, empty_register):
    from rectdesk.gui.session import RegisterSession

    d = ImportPreviewDialog(RegisterSession(empty_register), "方案")
    qtbot.addWidget(d)
    return d


def rows(d, parent=None):
    """Every row of the tree as (kind, text), depth-first, as the user sees it expanded."""
    parent = parent or QModelIndex()
    out = []
    for r in range(d.model.rowCount(parent)):
        index = d.model.index(r, 0, parent)
        out.append((index.data(KindRole)[0], index.data()))
        out.extend(rows(d, index))
    return out


def stored(reg):
    from rectdesk.store.models import Campaign
    from rectdesk.store.queries import load_campaign

    with reg.reading() as s:
        ids = [c for (c,) in s.query(Campaign.id).all()]
    return [load_campaign(reg, cid) for cid in ids]


def measure_cell(d, pi, mi, col):
    for index in _all(d, QModelIndex()):
        if index.data(KindRole) == ("measure", pi, mi):
            return d.model.itemFromIndex(index.siblingAtColumn(col))
    raise AssertionError("no such measure row")


def _all(d, parent):
    for r in range(d.model.rowCount(parent)):
        index = d.model.index(r, 0, parent)
        yield index
        yield from _all(d, index)


def test_tree_shows_categories_problems_measures_with_highlights(dialog, empty_register):
    dialog.load_file(FIX / "feedback_sections_categories.txt")
    shown = rows(dialog)
    assert shown[0] == ("category", "学习贯彻习近平新时代中国特色社会主义思想方面")
    assert shown[1] == ("problem", "1. 理论学习中心组学习不够深入，学用结合不紧")
    assert [k for k, _ in shown].count("measure") == 6
    status = measure_cell(dialog, 0, 0, COL_STATUS)
    assert status.text() == "已完成" and status.background().color() == INFERRED
    assert "4 个问题" in dialog.report_label.text()
    assert stored(empty_register) == []  # nothing written by looking


def test_owners_from_a_table_are_highlighted(dialog):
    dialog.load_file(FIX / "plan_table.docx")
    lead = measure_cell(dialog, 0, 1, COL_LEAD)
    assert lead.text() == "办公室" and lead.background().color() == FOUND
    assert measure_cell(dialog, 0, 1, COL_STATUS).background().color() != INFERRED  # stated in the table


def test_corrections_then_one_import(dialog, empty_register):
    dialog.load_file(FIX / "report_yi_as_problems.txt")
    # merge problems 1 and 2
    dialog.select(("problem", 0))
    dialog.select(("problem", 1))
    assert dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    assert len(dialog.campaign.problems) == 4 and len(dialog.campaign.problems[0].measures) == 3
    # promote a measure to a problem, then demote it back
    dialog.tree.clearSelection()
    dialog.select(("measure", 1, 0))
    dialog.promote_button.click()
    assert dialog.campaign.problems[2].title == "制定《执法辅助人员管理办法》，已完成"
    dialog.tree.clearSelection()
    dialog.select(("problem", 2))
    dialog.demote_button.click()
    assert len(dialog.campaign.problems) == 4
    # edit a status by hand: it is no longer marked as inferred
    cell = measure_cell(dialog, 0, 0, COL_STATUS)
    cell.setText("长期坚持")
    measure = dialog.campaign.problems[0].measures[0]
    assert (measure.status.value, measure.status_inferred) == ("长期坚持", False)
    # drop a problem: its text stays as unparsed
    dialog.tree.clearSelection()
    dialog.select(("problem", 3))
    dialog.drop_button.click()
    assert dialog.unparsed_model.stringList()[0].startswith("意识形态工作责任制落实不到位")
    dialog.import_button.click()
    [campaign] = stored(empty_register)
    assert [p.title for p in campaign.problems] == [
        "党组把方向、管大局作用发挥不充分", "执法队伍管理不规范", "工程项目招投标监管不严"]
    assert campaign.problems[0].measures[0].status.value == "长期坚持"
    assert campaign.unparsed and campaign.unparsed[0].startswith("意识形态")


def test_split_a_measure_at_its_sentences(dialog):
    dialog.load_text("1. 学习制度不健全\n整改情况：制定学习计划。建立考勤制度。\n")
    assert len(dialog.campaign.problems[0].measures) == 1
    dialog.select(("measure", 0, 0))
    dialog.split_button.click()
    assert [m.text for m in dialog.campaign.problems[0].measures] == ["制定学习计划。", "建立考勤制度。"]


def test_unknown_text_can_be_turned_into_problems_by_hand(dialog, empty_register):
    dialog.load_text("一段没有编号的说明。\n食堂管理不规范，存在浪费现象。")
    assert dialog.campaign.problems == [] and not dialog.import_button.isEnabled()
    dialog.unparsed_view.setCurrentIndex(dialog.unparsed_model.index(1))
    dialog.as_problem_button.click()
    assert rows(dialog) == [("problem", "1. 食堂管理不规范，存在浪费现象")]
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    [campaign] = stored(empty_register)
    assert campaign.problems[0].title == "食堂管理不规范，存在浪费现象"


def test_a_bad_file_shows_an_error_and_imports_nothing(dialog, empty_register, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("rectdesk.gui.errors.QMessageBox.critical", lambda *a: shown.append(a[2]))
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04not really a zip")
    dialog.load_file(junk)
    assert shown and "junk.docx" in shown[0]
    assert dialog.campaign is None and not dialog.import_button.isEnabled()


def test_main_window_import_menu_opens_the_preview(qtbot, demo_path):
    from rectdesk.gui.main_window import MainWindow

    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    labels = [a.text() for a in window.menu_import.actions()]
    assert {"通报…", "方案…", "反馈意见…"} <= set(labels)
    action = next(a for a in window.menu_import.actions() if a.text() == "方案…")
    action.trigger()
    dialogs = [w for w in window.findChildren(ImportPreviewDialog)]
    assert dialogs and dialogs[0].windowTitle() == "导入方案"
    dialogs[0].close()
