"""导入 -> Excel 台账: header row and mapping shown and fixable, preview before anything is written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from rectdesk.gui import tasks
from rectdesk.gui.dialogs.ledger_import import LedgerImportWizard
from rectdesk.store.queries import campaigns, load_campaign

LEDGERS = Path(__file__).resolve().parents[1] / "fixtures" / "ledgers"


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


@pytest.fixture
def wizard(qtbot, demo_session, inline_tasks):
    changes = []
    w = LedgerImportWizard(demo_session, on_imported=changes.append)
    w.imported = changes
    qtbot.addWidget(w)
    w.show()
    return w


def dump(reg) -> list[str]:
    con = sqlite3.connect(reg.path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_detected_header_and_mapping_are_shown_and_fixable(wizard):
    wizard.source.set_file(LEDGERS / "handmade_merged.xlsx")
    assert wizard.source.sheet.currentText() == "台账"
    assert wizard.source.header_row.value() == 3
    assert wizard.source.model.index(2, 1).data() == "问题表现"  # the first rows, as in Excel
    wizard.next()
    combos = wizard.mapping.combos
    assert [c.currentText() for c in combos[:3]] == ["序号", "反馈问题", "整改措施"]
    assert combos[6].currentText() == "整改时限"  # 完成时限（年月）
    combos[9].setCurrentIndex(0)  # 备注 -> 不导入
    assert 9 not in wizard.mapping.mapping()
    for box in combos:
        box.setCurrentIndex(0)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_preview_then_finish_writes_a_new_campaign(wizard, demo_register):
    wizard.source.set_file(LEDGERS / "handmade_merged.xlsx")
    wizard.next()
    before = dump(demo_register)
    wizard.next()
    page = wizard.preview
    assert page.summary.text() == "工作表“台账”：4 个问题，8 条措施"
    assert page.model.rowCount() == 8
    assert page.model.index(0, 2).data() == "修订党组议事规则"
    assert page.model.index(0, 0).data() == "1.1"
    assert dump(demo_register) == before  # nothing written by the preview
    page.title_edit.setText("区局巡察整改")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert [t for _, t in campaigns(demo_register)][-1] == "区局巡察整改"
    (new_id,) = wizard.imported[0].campaigns
    assert load_campaign(demo_register, new_id).measure_count() == 8


def test_bad_row_is_reported_and_blocks_finish(wizard, demo_register):
    wizard.source.set_file(LEDGERS / "handmade_bad_deadline.xlsx")
    wizard.next()
    wizard.next()
    page = wizard.preview
    assert "第12行" in page.error.text() and "下个月吧" in page.error.text()
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert len(campaigns(demo_register)) == 1


def test_not_an_xlsx_is_explained_on_the_first_page(wizard, tmp_path):
    fake = tmp_path / "x.xlsx"
    fake.write_text("hello", encoding="utf-8")
    wizard.source.set_file(fake)
    assert "不是 Excel 工作簿" in wizard.source.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_append_to_the_existing_campaign(wizard, demo_register):
    wizard.source.set_file(LEDGERS / "handmade_merged.xlsx")
    wizard.next()
    wizard.next()
    wizard.preview.existing.setChecked(True)
    assert wizard.preview.campaign.currentData() == 1
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert len(campaigns(demo_register)) == 1
    assert len(load_campaign(demo_register, 1).problems) == 35
