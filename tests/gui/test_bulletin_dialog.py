"""The 导出 -> 整改进展通报 dialog: preview follows the options; export writes and offers to open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest

from rectdesk.exchange import gbt9704 as gb
from rectdesk.gui import tasks
from rectdesk.gui.dialogs.bulletin_export import BulletinExportDialog


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


@pytest.fixture
def dialog(qtbot, demo_session) -> BulletinExportDialog:  # type: ignore[no-untyped-def]
    d = BulletinExportDialog(demo_session, 1, today=date(2020, 11, 2))
    qtbot.addWidget(d)
    return d


def test_preview_shows_the_bulletin_text(dialog: BulletinExportDialog) -> None:
    text = dialog.preview.toPlainText()
    assert text.startswith("中共南京市生态环境局党组\n关于巡察整改进展情况的通报")
    assert "1. 关于对派出机构管理还有缺失问题的整改" in text
    assert text.rstrip().endswith("2020年11月2日")
    assert dialog.counts.text() == "共 31 个问题"
    assert not dialog.category.isEnabled()  # the demo has no categories
    assert not dialog.open_file_button.isVisible()


def test_options_change_the_preview(dialog: BulletinExportDialog) -> None:
    dialog.status_note.setChecked(True)
    assert "整改状态：" in dialog.preview.toPlainText()
    dialog.signed_on.setDate(dialog.signed_on.date().addDays(3))
    assert dialog.preview.toPlainText().rstrip().endswith("2020年11月5日")


def test_export_writes_the_file_and_offers_to_open_it(
        qtbot, dialog: BulletinExportDialog, tmp_path: Path, inline_tasks: None,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "通报"
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: offered.append(a[2]) or (str(target), ""))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.show()
    dialog.bold_items.setChecked(False)
    dialog.export_button.click()

    out = tmp_path / "通报.docx"  # the suffix is added
    dialog.export_button.click()  # the next save offers the folder used last time
    assert Path(offered[1]).parent == tmp_path and Path(offered[0]).parent != tmp_path
    items = [p for p in docx.Document(str(out)).paragraphs if p.style.name == gb.HEADING3]
    assert len(items) == 31 and items[0].runs[0].bold is False
    assert dialog.open_file_button.isVisible() and str(out) in dialog.result_label.text()
    dialog.open_file_button.click()
    dialog.open_folder_button.click()
    assert opened == [str(out), str(tmp_path)]


def test_export_error_is_shown_and_earlier_file_kept(
        dialog: BulletinExportDialog, tmp_path: Path, inline_tasks: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("rectdesk.gui.errors.show_error",
                        lambda parent, exc, title="": shown.append(str(exc)))
    dialog._template = str(tmp_path / "没有这个模板.docx")
    out = tmp_path / "通报.docx"
    out.write_bytes(b"earlier")
    dialog.export_to(out)
    assert shown and "模板文件不存在" in shown[0]
    assert out.read_bytes() == b"earlier"
    assert dialog.export_button.isEnabled() and not dialog.open_file_button.isVisible()


def test_export_menu_action_opens_the_dialog(window) -> None:  # type: ignore[no-untyped-def]
    action = window.action("export_bulletin")
    assert action.text() == "整改进展通报…" and action in window.menu_export.actions()
    action.trigger()
    (dialog,) = window.findChildren(BulletinExportDialog)
    assert dialog.isVisible() and "关于巡察整改进展情况的通报" in dialog.preview.toPlainText()
    dialog.close()


def test_main_window_export_menu_opens_the_bulletin_dialog(qtbot, demo_path):
    from rectdesk.gui.main_window import MainWindow

    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    action = next(a for a in window.menu_export.actions() if a.text() == "整改进展通报…")
    action.trigger()
    dialogs = window.findChildren(BulletinExportDialog)
    assert len(dialogs) == 1
    assert "关于对派出机构管理还有缺失问题的整改" in dialogs[0].preview.toPlainText()
    dialogs[0].close()
