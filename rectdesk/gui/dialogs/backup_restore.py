"""文件 -> 备份与恢复, and the prompt shown when a damaged register is opened.

    BackupRestoreDialog(register_path, parent, close_register=..., reopen_register=...).exec()
    if offer_recovery(parent, damaged_error): reopen the register

Restoring replaces the file, so the main window passes `close_register` (called before, so no
connection or lock of ours holds the file) and `reopen_register` (called after, with the path,
whether or not the restore succeeded). Backups and restores run through gui.tasks.run_task.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.models.base import Column, RowTableModel
from rectdesk.gui.tasks import run_task

if TYPE_CHECKING:
    from rectdesk.gui.addons import AddonHost
    from rectdesk.store.backup import BackupInfo
    from rectdesk.store.recovery import RegisterDamagedError


class BackupModel(RowTableModel["BackupInfo"]):
    columns = (
        Column("when", lambda b: b.when_label, sort=lambda b: b.when),
        Column("reason", lambda b: b.reason_label),
        Column("size", lambda b: b.size_label, sort=lambda b: b.size, align_right=True),
        Column("file", lambda b: b.path.name),
    )

    def headers(self) -> list[str]:
        return [self.tr("备份时间"), self.tr("类型"), self.tr("大小"), self.tr("文件名")]

    def tooltip(self, row: BackupInfo, column: int) -> str | None:
        return str(row.path)


class BackupRestoreDialog(QDialog):
    def __init__(self, register: Path, parent: QWidget | None = None, *,
                 close_register: Callable[[], None] | None = None,
                 reopen_register: Callable[[Path], object] | None = None) -> None:
        super().__init__(parent)
        from rectdesk import paths

        self.register = Path(register)
        self.folder = paths.backup_dir(self.register)
        self._close_register = close_register
        self._reopen_register = reopen_register
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(760, 460)

        self.model = BackupModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())

        self.backup_button = QPushButton(self.tr("立即备份"))
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"))
        self.folder_button = QPushButton(self.tr("打开备份文件夹"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._open_folder)
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))

        about = QLabel(self.tr("台账：{0}\n备份位置：{1}\n关闭台账时、每天第一次修改后和每次导入前自动备份；"
                               "保留最近 10 份、近 8 周每周一份、近 12 个月每月一份。")
                       .format(self.register, self.folder))
        about.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    # -- listing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        from rectdesk.store.backup import list_backups

        self.model.set_rows(list_backups(self.register))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: Any) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
        self.folder_button.setEnabled(self.folder.is_dir())

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    # -- backing up --------------------------------------------------------------------------
    def backup_now(self) -> None:
        from rectdesk.store.backup import backup_now

        self.backup_button.setEnabled(False)
        run_task(self, backup_now, self.register, "manual", on_done=self._backed_up,
                 on_error=self._failed, busy=self.tr("正在备份台账…"))

    def _backed_up(self, info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()
        self.status.setText(self.tr("已备份并校验：{0}（{1}）").format(info.path.name, info.size_label))

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import message_for, show_error

        self.backup_button.setEnabled(True)
        self.status.setText(message_for(exc))
        show_error(self, exc)

    # -- restoring ---------------------------------------------------------------------------
    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        question = self.tr(
            "用 {0} 的{1}替换当前台账？\n\n该时间之后录入或导入的内容将不在恢复后的台账中。"
            "当前台账会另存为“{2}”，不会删除。").format(
            chosen.when_label, chosen.reason_label, self.register.name + ".before-restore")
        if not self.confirm(question):
            return
        from rectdesk.store.backup import restore

        if self._close_register is not None:
            self._close_register()
        self._restoring = chosen.path
        run_task(self, restore, chosen.path, self.register, on_done=self._restored,
                 on_error=self._restore_failed, busy=self.tr("正在恢复台账…"))

    def _restore_foreign(self, exc: BaseException) -> bool:
        """A sound backup not proven to be of this register: restored only on the user's word."""
        from rectdesk.store.backup import ForeignBackup, restore

        if not isinstance(exc, ForeignBackup) or not self.confirm(
                self.tr("{0}\n\n仍要用它替换当前台账吗？").format(exc)):
            return False
        run_task(self, restore, self._restoring, self.register, confirm_foreign=True,
                 on_done=self._restored, on_error=self._restore_failed, busy=self.tr("正在恢复台账…"))
        return True

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("恢复备份"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _restored(self, kept: Path | None) -> None:
        self._reopen()
        self.refresh()
        text = self.tr("已从备份恢复台账。")
        if kept is not None:
            text += self.tr("恢复前的台账已另存为：{0}").format(kept)
        self.status.setText(text)

    def _restore_failed(self, exc: BaseException) -> None:
        if self._restore_foreign(exc):
            return
        self._reopen()
        self._failed(exc)

    def _reopen(self) -> None:
        if self._reopen_register is not None:
            self._reopen_register(self.register)


# -- the recovery prompt ------------------------------------------------------------------------
class RecoveryDialog(QDialog):
    """Says the register is damaged and set aside, offers the newest good backup."""

    def __init__(self, error: RegisterDamagedError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from rectdesk.store.recovery import missing_since

        self.error = error
        self.setWindowTitle(self.tr("台账文件已损坏"))
        self.resize(620, 300)
        lines = [self.tr("台账“{0}”已损坏，未能打开。").format(error.register.name),
                 self.tr("损坏的文件已另存为：{0}（请勿删除，技术人员可能从中抢救数据）")
                 .format(error.damaged_path)]
        backup = error.backup
        if backup is None:
            lines.append(self.tr("没有找到可用的备份。"))
        else:
            lines.append(self.tr("最新的完好备份：{0}，{1}，{2}。")
                         .format(backup.when_label, backup.reason_label, backup.size_label))
            lines.append(missing_since(backup.when))
        self.text = QLabel("\n\n".join(lines))
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if backup is not None:
            self.restore_button = box.addButton(self.tr("从该备份恢复"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("暂不恢复"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setAutoDefault(False)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(box)


def offer_recovery(parent: QWidget | None, error: RegisterDamagedError,
                   dialog: Callable[[RecoveryDialog], int] | None = None) -> bool:
    """Show the prompt; on the user's word restore the backup. True when the register was restored
    (the caller then opens it again). `dialog` runs the dialog (tests pass their own)."""
    from rectdesk.gui.errors import show_error
    from rectdesk.store.backup import restore

    prompt = RecoveryDialog(error, parent)
    result = (dialog or RecoveryDialog.exec)(prompt)
    if result != QDialog.DialogCode.Accepted or error.backup is None:
        return False
    try:
        restore(error.backup.path, error.register)
    except Exception as exc:  # noqa: BLE001 - shown to the user
        show_error(parent, exc)
        return False
    return True


def install(host: AddonHost) -> None:
    """Main-window add-on (gui/addons.py): 文件 -> 备份与恢复… (its place: gui/menus.py)."""
    from PySide6.QtCore import QCoreApplication

    def open_dialog() -> None:
        if host.register_path is None:
            return
        dialog = BackupRestoreDialog(Path(host.register_path), host.window(),
                                     close_register=host.close_register,
                                     reopen_register=host.open_register)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    host.add_action("backup", QCoreApplication.translate("BackupRestoreDialog", "备份与恢复…"), open_dialog)
