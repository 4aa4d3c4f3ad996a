"""The export options of issue 18, reached as a user does: the real main window's 导出 menu."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
from PySide6.QtCore import QDate

from rectdesk.store import services


def export_action(window, text: str):  # type: ignore[no-untyped-def]
    menu = window.menu_export
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_bulletin_date_marking_and_punctuation_from_the_export_menu(qtbot, window, tmp_path: Path) -> None:
    from rectdesk.gui.dialogs.bulletin_export import BulletinExportDialog

    services.update_campaign(window.session.reg, window.current_campaign_id(), marking="内部资料 注意保存")
    export_action(window, "整改进展通报…").trigger()
    [dialog] = window.findChildren(BulletinExportDialog)
    today = date.today()
    # 成文日期 is the as-of date (today), not the imported sample's 2020年11月2日, and follows it.
    assert dialog.signed_on.date() == QDate(today.year, today.month, today.day)
    dialog.as_of.setDate(QDate(2020, 11, 30))
    assert dialog.signed_on.date() == QDate(2020, 11, 30)
    text = dialog.preview.toPlainText()
    assert not text.startswith("内部资料")  # the public bulletin: no marking by default
    assert "电话（传真）：025-83630848；" in text and text.rstrip().endswith("2020年11月30日")
    dialog.punctuation.setChecked(False)
    assert "电话(传真):025-83630848;" in dialog.preview.toPlainText()
    dialog.marking.setCurrentIndex(dialog.marking.findText("内部资料 注意保存"))
    assert dialog.preview.toPlainText().startswith("内部资料 注意保存\n\n")
    out = tmp_path / "通报.docx"
    dialog.export_to(out)
    paragraphs = docx.Document(str(out)).paragraphs
    assert paragraphs[0].text == "内部资料 注意保存" and paragraphs[-1].text == "2020年11月30日"


def test_weekly_report_before_any_snapshot_with_signature_and_marking(qtbot, window, tmp_path: Path) -> None:
    from rectdesk.gui.dialogs.weekly_report import WeeklyReportDialog

    services.update_campaign(window.session.reg, window.current_campaign_id(), marking="内部资料")
    export_action(window, "周报…").trigger()
    [dialog] = window.findChildren(WeeklyReportDialog)
    assert dialog.since.currentText().startswith("导入台账时")
    assert dialog.export_button.isEnabled() and "与台账导入时的状态比较" in dialog.preview.toPlainText()
    assert dialog.signature.text() == "整改办" and dialog.marking.currentText() == "内部资料"
    dialog.signature.setText("市生态环境局巡察整改办")
    dialog.signature.editingFinished.emit()
    out = tmp_path / "周报.docx"
    dialog.export_to(out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    assert texts[0] == "内部资料" and texts[-2] == "市生态环境局巡察整改办"
    dialog.marking.setCurrentIndex(dialog.marking.findText("（无）"))
    dialog.export_to(out)
    assert docx.Document(str(out)).paragraphs[0].style.name == "公文标题"
