"""The evidence panel as a user drives it: drop files, see them listed and previewed, edit,
open, remove; the check dialog and the package export from the menus."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from pytestqt.modeltest import ModelTester

from rectdesk.gui.evidence_panel import Col, EvidenceModel, EvidencePanel
from rectdesk.gui.session import RegisterSession
from rectdesk.store.evidence import blob_path, list_evidence
from rectdesk.store.queries import resolve_measure, resolve_problem

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture
def inline():
    from rectdesk.gui import tasks

    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


@pytest.fixture
def panel(qtbot, demo_register, inline) -> EvidencePanel:
    w = EvidencePanel()
    qtbot.addWidget(w)
    w.set_session(RegisterSession(demo_register, w))  # the window's write path
    w.resize(700, 600)
    w.show()
    return w


def _ids(reg, number: str) -> int:
    with reg.reading() as s:
        return resolve_measure(s, 1, number) if "." in number else resolve_problem(s, 1, number)


def _png(path: Path, color: str = "red") -> Path:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def _titles(panel: EvidencePanel) -> list[str]:
    return [panel.model.index(i, Col.TITLE).data() for i in range(panel.model.rowCount())]


def test_model_is_a_proper_table_model(qtbot, demo_register, tmp_path):
    from rectdesk.store.evidence import attach_files

    mid = _ids(demo_register, "7.2")
    attach_files(demo_register, [_png(tmp_path / "现场.png")], measure_id=mid)
    model = EvidenceModel()
    model.set_rows(list_evidence(demo_register, measure_id=mid))
    ModelTester(None).check(model)
    assert model.index(0, Col.KIND).data() == "照片"
    assert model.headerData(Col.DOC_NUMBER, Qt.Orientation.Horizontal) == "文号"


def test_drop_files_and_a_folder_lists_them_and_previews_image_and_pdf(
        qtbot, panel, demo_register, tmp_path):
    mid = _ids(demo_register, "7.2")
    panel.set_context(demo_register, _ids(demo_register, "7"), mid)
    assert panel.model.rowCount() == 0 and "共有佐证材料 0 份" in panel.caption.text()
    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "会议纪要.pdf").write_bytes(MINIMAL_PDF)
    photo = _png(tmp_path / "整改现场.png")
    _drop(panel, [photo, folder])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert _titles(panel) == ["整改现场", "会议纪要"]
    assert "已添加 2 份" in panel.status.text()
    # The newest is selected; select the photo: previewed as an image.
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert panel.preview.kind == "image"
    assert not panel.preview.image.pixmap().isNull()
    assert panel.preview.image.pixmap().toImage().pixelColor(5, 5) == QColor("red")
    panel.view.setCurrentIndex(panel.model.index(1, 0))
    assert panel.preview.kind == "pdf" and panel.preview.pdf_doc.pageCount() == 1
    # The problem view shows its measures' evidence too, with the measure named.
    panel.set_context(demo_register, _ids(demo_register, "7"), None)
    assert [panel.model.index(i, Col.OWNER).data() for i in range(2)] == ["措施 7.2"] * 2


def test_changes_reach_the_window_through_the_session(qtbot, panel, demo_register, tmp_path):
    panel.set_context(demo_register, _ids(demo_register, "3"))
    with qtbot.waitSignal(panel.session.changed) as blocker:
        panel.attach([_png(tmp_path / "a.png")])
    assert ("evidence", panel.model.row_at(0).id) in blocker.args[0].created


def test_edit_metadata_through_the_dialog(qtbot, panel, demo_register, tmp_path):
    panel.set_context(demo_register, _ids(demo_register, "1"))
    panel.attach([_png(tmp_path / "scan.png")])
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialog = panel.edit_current()
    dialog.title.setText("局党组会议纪要")
    dialog.kind.setCurrentText("会议纪要")
    dialog.doc_number.setText("党组纪要〔2020〕3号")
    dialog.doc_date.setText("2020年9月30日")
    dialog.reviewed.setChecked(True)
    dialog.accept()
    row = panel.current_row()
    assert (row.title, row.kind.value, row.doc_number, str(row.doc_date), row.reviewed) == (
        "局党组会议纪要", "会议纪要", "党组纪要〔2020〕3号", "2020-09-30", True)
    assert panel.model.index(0, Col.REVIEWED).data() == "已审核"
    # A bad date keeps the dialog open with the message beside the fields.
    dialog = panel.edit_current()
    dialog.doc_date.setText("去年")
    dialog.accept()
    assert dialog.isVisible() and "成文日期" in dialog.error.text()
    dialog.reject()


def test_open_uses_a_read_only_copy(qtbot, panel, demo_register, tmp_path):
    opened: list[QUrl] = []
    panel.open_url = lambda url: opened.append(url) or True
    panel.set_context(demo_register, _ids(demo_register, "2"))
    panel.attach([_png(tmp_path / "证明.png")])
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.open_current()
    [url] = opened
    path = Path(url.toLocalFile())
    row = panel.current_row()
    assert path.name == "证明.png" and path != blob_path(demo_register.path, row.sha256)
    assert path.read_bytes() == blob_path(demo_register.path, row.sha256).read_bytes()
    assert not os.stat(path).st_mode & 0o222


def test_remove_asks_first_and_keeps_the_file(qtbot, panel, demo_register, tmp_path, monkeypatch):
    panel.set_context(demo_register, _ids(demo_register, "4"))
    panel.attach([_png(tmp_path / "a.png"), _png(tmp_path / "b.png", "blue")])
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    monkeypatch.setattr(panel, "confirm", lambda q: False)
    panel.remove_current()
    assert panel.model.rowCount() == 2
    monkeypatch.setattr(panel, "confirm", lambda q: "a" in q)
    row = panel.current_row()
    panel.remove_current()
    assert _titles(panel) == ["b"]
    assert blob_path(demo_register.path, row.sha256).exists()


def test_cancelled_attach_adds_nothing(qtbot, panel, demo_register, tmp_path, monkeypatch):
    from rectdesk.store import evidence

    panel.set_context(demo_register, _ids(demo_register, "5"))
    monkeypatch.setattr(evidence, "_copy_all", lambda *a, **k: (_ for _ in ()).throw(
        evidence.AttachCancelled("已取消，未添加任何佐证材料")))
    panel.attach([_png(tmp_path / "a.png")])
    assert panel.model.rowCount() == 0 and "已取消" in panel.status.text()


def test_nothing_selected_disables_adding(qtbot, panel, demo_register):
    panel.set_context(demo_register, None)
    assert not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
    assert "请选择" in panel.caption.text()


def test_check_dialog_reports_damage_and_prunes(qtbot, demo_register, inline, tmp_path):
    from PySide6.QtWidgets import QWidget

    from rectdesk.gui.dialogs.evidence_check import run_check
    from rectdesk.store.evidence import attach_files, store_root

    attach_files(demo_register, [_png(tmp_path / "a.png")], problem_id=_ids(demo_register, "1"))
    orphan = store_root(demo_register.path) / "aa" / ("aa" * 32)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"x")
    host = QWidget()
    qtbot.addWidget(host)
    run_check(host, RegisterSession(demo_register, host))
    dialog = host.property("lastCheckDialog")
    assert "多余文件" in dialog.text.toPlainText() and dialog.prune_button.isEnabled()
    dialog.prune_button.click()
    assert not orphan.exists() and "结论：正常" in dialog.text.toPlainText()
    assert not dialog.prune_button.isEnabled()


def test_window_has_the_tab_and_menus(qtbot, demo_path, inline, tmp_path):
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.session.reg.operator = "测试员"
    assert w.addon_failures == []
    panel = w.addon(EvidencePanel)
    tabs = [w.detail.tabText(i) for i in range(w.detail.count())]
    assert "佐证材料" in tabs
    w.select_problem(_ids(w.session.reg, "7"))
    qtbot.waitUntil(lambda: panel.problem_id == _ids(w.session.reg, "7"))
    panel.attach([_png(tmp_path / "a.png")])
    export = [a for a in w.menu_export.actions() if a.text().startswith("佐证材料包")]
    check = [a for a in w.menu_help.actions() if a.text().startswith("检查台账")]
    assert len(export) == 1 and len(check) == 1
    from rectdesk.gui.dialogs.evidence_check import export_package

    out = tmp_path / "包.zip"
    export_package(w, w.session, w.current_campaign_id(), out)
    with zipfile.ZipFile(out) as zf:
        assert "07 市控入江支流治理成效不明显/01-a.png" in zf.namelist()


def test_drag_accepts_local_files_only_when_an_item_is_selected(qtbot, panel, demo_register, tmp_path):
    from PySide6.QtGui import QDragEnterEvent

    def entered(urls: list[QUrl]) -> bool:
        mime = QMimeData()
        mime.setUrls(urls)
        event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        panel.dragEnterEvent(event)
        return event.isAccepted()

    local = [QUrl.fromLocalFile(str(_png(tmp_path / "a.png")))]
    panel.set_context(demo_register, None)
    assert not entered(local)
    panel.set_context(demo_register, _ids(demo_register, "1"))
    assert entered(local)
    assert not entered([QUrl("https://example.org/a.pdf")])


def test_attach_edit_and_remove_undo_in_the_window(qtbot, demo_path, inline, tmp_path, monkeypatch):
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.session.reg.operator = "测试员"
    panel, stack = w.addon(EvidencePanel), w.session.undo_stack
    w.select_problem(_ids(w.session.reg, "3"))
    qtbot.waitUntil(lambda: panel.problem_id == _ids(w.session.reg, "3"))
    panel.attach([_png(tmp_path / "a.png")])
    assert _titles(panel) == ["a"]
    # 编辑 -> 撤销 / 重做 of the window, as for its other edits.
    assert "添加佐证材料" in w.act_undo.text()
    w.act_undo.trigger()
    assert _titles(panel) == []
    w.act_redo.trigger()
    assert _titles(panel) == ["a"]
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    dialog = panel.edit_current()
    dialog.title.setText("现场照片")
    dialog.accept()
    assert _titles(panel) == ["现场照片"]
    stack.undo()
    assert _titles(panel) == ["a"]
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    monkeypatch.setattr(panel, "confirm", lambda q: True)
    panel.remove_current()
    assert _titles(panel) == []
    assert "删除佐证材料" in w.act_undo.text()
    w.act_undo.trigger()
    assert _titles(panel) == ["a"]


def test_selection_change_then_window_deleted_does_not_touch_dead_widgets(qtbot, demo_path):
    """The panel follows the selection on a zero-delay timer; a window deleted before the timer
    fires must not be touched (it was: "Internal C++ object already deleted")."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from rectdesk.gui.main_window import MainWindow

    window = MainWindow(demo_path)
    qtbot.waitUntil(lambda: window.register is not None and window.problem_view.model().rowCount() > 1)
    errors: list[str] = []
    import sys

    old_hook = sys.excepthook
    import traceback

    sys.excepthook = lambda kind, exc, tb: errors.append("".join(traceback.format_exception(kind, exc, tb)))
    try:
        window.problem_view.selectRow(1)  # schedules the panel's follow()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.wait(50)
    finally:
        sys.excepthook = old_hook
    assert errors == []
