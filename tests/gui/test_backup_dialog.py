"""文件 -> 备份与恢复 and the damaged-register prompt, as a user sees them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rectdesk import paths
from rectdesk.gui import tasks
from rectdesk.gui.dialogs.backup_restore import BackupRestoreDialog, RecoveryDialog, offer_recovery
from rectdesk.store import backup, lock, services
from rectdesk.store.recovery import RegisterDamagedError
from rectdesk.store.register import Register


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


def _progress(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("select count(*) from progress").fetchone()[0]
    finally:
        con.close()


def _cells(dialog: BackupRestoreDialog) -> list[list[str]]:
    m = dialog.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def _stamped(register: Path, stamp: str, reason: str) -> Path:
    folder = paths.backup_dir(register)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{register.stem}-{stamp}-{reason}.rectdesk"
    backup.backup_file(register, target)
    return target


def test_lists_backups_with_dates_and_sizes(qtbot, demo_path: Path) -> None:
    _stamped(demo_path, "20240301-090000", "daily")
    _stamped(demo_path, "20240415-173005", "close")
    dialog = BackupRestoreDialog(demo_path)
    qtbot.addWidget(dialog)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["备份时间", "类型", "大小", "文件名"]
    rows = _cells(dialog)
    assert [r[:2] for r in rows] == [["2024年4月15日 17:30:05", "关闭时自动备份"],
                                     ["2024年3月1日 09:00:00", "每日自动备份"]]
    assert all(r[2].endswith("KB") for r in rows)
    assert dialog.selected() is not None and dialog.restore_button.isEnabled()


def test_empty_list_cannot_restore(qtbot, demo_path: Path) -> None:
    dialog = BackupRestoreDialog(demo_path)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()


def test_back_up_now_adds_a_row(qtbot, demo_path: Path, inline_tasks: None) -> None:
    dialog = BackupRestoreDialog(demo_path)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    assert _cells(dialog)[0][1] == "手动备份"
    assert dialog.status.text().startswith("已备份并校验：")
    assert backup.list_backups(demo_path)[0].path.exists()


def test_restore_closes_replaces_and_reopens(qtbot, demo_path: Path, inline_tasks: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = _progress(demo_path)
    backup.backup_now(demo_path)
    reg = Register.open(demo_path, operator="测试")
    with reg.reading() as s:
        mid = s.execute(__import__("sqlalchemy").text("select min(id) from measure")).scalar()
    services.record_progress(reg, mid, date(2024, 5, 1), "恢复后不应再有")
    events: list[str] = []
    state = {"reg": reg}

    def close() -> None:
        events.append("close")
        state["reg"].close()

    def reopen(path: Path) -> None:
        events.append("reopen")
        state["reg"] = Register.open(path)

    dialog = BackupRestoreDialog(demo_path, close_register=close, reopen_register=reopen)
    qtbot.addWidget(dialog)
    questions: list[str] = []
    monkeypatch.setattr(dialog, "confirm", lambda q: questions.append(q) or True)
    dialog.table.selectRow(dialog.model.find(lambda b: b.reason == "manual"))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert events == ["close", "reopen"]
    assert "该时间之后录入或导入的内容将不在恢复后的台账中" in questions[0]
    assert _progress(demo_path) == before
    assert "恢复前的台账已另存为" in dialog.status.text()
    assert _progress(demo_path.with_name("demo.rectdesk.before-restore")) == before + 1
    state["reg"].close()


def test_declined_restore_changes_nothing(qtbot, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup.backup_now(demo_path)
    original = demo_path.read_bytes()
    closed: list[bool] = []
    dialog = BackupRestoreDialog(demo_path, close_register=lambda: closed.append(True))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "confirm", lambda q: False)
    dialog.restore_selected()
    assert closed == [] and demo_path.read_bytes() == original


def _damaged(register: Path) -> RegisterDamagedError:
    _stamped(register, "20240415-173005", "close")
    with open(register, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 32)
    lock.info_path(register).write_text(json.dumps({"host": "pc", "pid": 999999}), encoding="utf-8")
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(register)
    return caught.value


def test_recovery_prompt_offers_newest_backup_and_restores(qtbot, demo_path: Path) -> None:
    error = _damaged(demo_path)
    shown: list[RecoveryDialog] = []

    def accept(d: RecoveryDialog) -> int:
        qtbot.addWidget(d)
        shown.append(d)
        assert d.restore_button is not None
        d.restore_button.click()
        return d.result()

    assert offer_recovery(None, error, dialog=accept)
    text = shown[0].text.text()
    assert "已损坏" in text and "demo.rectdesk.damaged" in text
    assert "2024年4月15日 17:30:05，关闭时自动备份" in text
    assert "2024年4月15日 17:30 之后录入或导入的内容" in text
    with Register.open(demo_path) as reg:
        assert reg.register_id


def test_recovery_prompt_declined_leaves_damaged_copy(qtbot, demo_path: Path) -> None:
    error = _damaged(demo_path)
    assert not offer_recovery(None, error, dialog=lambda d: QDialog.DialogCode.Rejected)
    assert not demo_path.exists() and error.damaged_path.exists()


def test_recovery_prompt_without_backup(qtbot, demo_path: Path) -> None:
    with open(demo_path, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 32)
    lock.info_path(demo_path).write_text("{}", encoding="utf-8")
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(demo_path)
    dialog = RecoveryDialog(caught.value)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "没有找到可用的备份" in dialog.text.text()


def test_main_window_file_menu_opens_backups(qtbot, demo_path: Path) -> None:
    from rectdesk.gui.main_window import MainWindow

    _stamped(demo_path, "20240415-173005", "close")
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.register is not None)
    action = next(a for a in window.menu_file.actions() if a.text() == "备份与恢复…")
    action.trigger()
    (dialog,) = window.findChildren(BackupRestoreDialog)
    assert dialog.register == demo_path and dialog.model.rowCount() == 1
    dialog.close()


def test_main_window_offers_recovery_for_a_damaged_register(qtbot, demo_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from rectdesk.gui.main_window import MainWindow

    _stamped(demo_path, "20240415-173005", "close")
    with open(demo_path, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 32)
    lock.info_path(demo_path).write_text(json.dumps({"host": "pc", "pid": 999999}), encoding="utf-8")
    offered: list[str] = []

    def accept(dialog: RecoveryDialog) -> int:
        offered.append(dialog.text.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryDialog, "exec", accept)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_register(demo_path)
    assert offered and "已损坏" in offered[0]
    assert window.register is not None and window.register.path == demo_path
    assert demo_path.with_name("demo.rectdesk.damaged").exists()
