"""导出 -> 整改台账: the dialog starts from the window's filter, exports, keeps the marking."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import openpyxl
import pytest

from rectdesk.gui import tasks
from rectdesk.gui.dialogs.ledger_export import LedgerExportDialog
from rectdesk.gui.filters import Filter
from rectdesk.store.queries import load_campaign


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


def test_dialog_starts_from_the_window_filter(qtbot, demo_session):
    d = LedgerExportDialog(demo_session, 1, filter=Filter(department="办公室", status="已完成"),
                           today=date(2020, 11, 2))
    qtbot.addWidget(d)
    assert d.department.currentText() == "办公室"
    assert d.status.currentText() == "已完成"
    assert d.leader.currentIndex() == 0
    assert d.counts.text() == "将导出 4 个问题，5 条措施"  # lead or cooperating department
    d.department.setCurrentIndex(0)  # 全部部门
    assert d.counts.text() == "将导出 13 个问题，15 条措施"


def test_export_writes_the_file_and_saves_the_marking(qtbot, demo_register, demo_session, tmp_path,
                                                     inline_tasks):
    changed = []
    demo_session.changed.connect(changed.append)  # the window refreshes from this
    d = LedgerExportDialog(demo_session, 1, today=date(2020, 11, 2))
    qtbot.addWidget(d)
    d.paper.setCurrentIndex(d.paper.findData("A4"))
    d.split.setCurrentIndex(d.split.findData("leader"))
    d.marking.setText("内部资料 注意保存")
    d.export_to(tmp_path / "台账")
    out = tmp_path / "台账.xlsx"
    assert d.exported == out
    assert "31 个问题，63 条措施" in d.result_label.text()
    wb = openpyxl.load_workbook(out)
    assert "张明" in wb.sheetnames and "汇总" in wb.sheetnames
    assert wb["张明"].page_setup.paperSize == 9
    assert wb["张明"].oddHeader.left.text == "内部资料 注意保存"
    assert load_campaign(demo_register, 1).marking == "内部资料 注意保存"
    assert changed and 1 in changed[0].campaigns


def test_menu_action_opens_the_dialog_with_the_filter(window):
    window.filter_bar.set_value(Filter(leader="张明"))
    action = window.action("export_ledger")
    assert action.text() == "整改台账（Excel）…"
    action.trigger()
    dialog = window.findChild(LedgerExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.leader.currentText() == "张明"
    dialog.close()
