"""What the main window's menu commands do: open registers, add/delete/move items, dialogs.

A mixin so that main_window.py keeps to layout, selection and refreshing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from rectdesk import APP_NAME, APP_NAME_ZH, __version__

# The window paints before undo, the error dialogs and the store are imported (each command
# imports what it needs).
if TYPE_CHECKING:
    from datetime import date

    from rectdesk.gui.main_window import DeadlineDays
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.register import Register

MAX_RECENT = 8
_LIVE: list[Any] = []  # the window that replaced another (language switch)


class WindowOps(QMainWindow):
    """The main window's commands; MainWindow adds layout, selection and refreshing."""

    # Provided by MainWindow.
    session: RegisterSession | None
    register_path: Path | None
    _campaign_id: int | None
    _selected_kind: str
    deadline_days: DeadlineDays
    if TYPE_CHECKING:
        @property
        def today(self) -> date: ...

        def __getattr__(self, name: str) -> Any: ...

    # -- asking the user (tests replace these two) ----------------------------------------------
    def ask_text(self, title: str, label: str, *, multiline: bool = False,
                 default: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        if multiline:
            text, ok = QInputDialog.getMultiLineText(self, title, label, default)
        else:
            text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, default)
        return text.strip() if ok and text.strip() else None

    def confirm(self, title: str, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    # -- registers ------------------------------------------------------------------------------
    def open_register(self, path: Path | str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from rectdesk.core.errors import RectDeskError, RegisterLocked
        from rectdesk.gui.errors import show_error
        from rectdesk.store.recovery import RegisterDamagedError
        from rectdesk.store.register import Register

        try:
            reg = Register.open(Path(path))
        except RegisterLocked as exc:  # another window or command is writing: read beside it
            reg = self._open_read_only(Path(path), exc)
            if reg is None:
                return False
        except RegisterDamagedError as exc:
            # Set aside as .damaged; offer the newest good backup, then open the restored file.
            from rectdesk.gui.dialogs.backup_restore import offer_recovery

            return offer_recovery(self, exc) and self.open_register(path)
        except (RectDeskError, OSError) as exc:  # locked by another process, not a register...
            show_error(self, exc, QCoreApplication.translate("MainWindow", "无法打开台账"))
            return False
        self.use_register(reg)
        _remember_recent(Path(path))
        if reg.warnings:  # a network share, a failed automatic backup
            QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "请注意"), "\n\n".join(reg.warnings))
        return True

    def _open_read_only(self, path: Path, locked: Exception) -> Any:
        """Offer to view a register another process holds; None when declined or failed."""
        from rectdesk.core.errors import RectDeskError
        from rectdesk.gui.errors import show_error
        from rectdesk.store.register import Register

        question = QCoreApplication.translate("MainWindow", "%1\n\n以只读方式打开查看吗？（可以查看、查找和导出，不能修改）").replace(
            "%1", str(locked))
        if not self.confirm(QCoreApplication.translate("MainWindow", "台账正在使用"), question):
            return None
        try:
            return Register.open(path, read_only=True)
        except (RectDeskError, OSError) as exc:
            show_error(self, exc, QCoreApplication.translate("MainWindow", "无法打开台账"))
            return None

    def use_register(self, reg: Register) -> None:
        """Show `reg` in place of the register open now (which is closed)."""
        from rectdesk.gui.session import RegisterSession

        self.close_register()
        self.attach(RegisterSession(reg, self))

    def close_register(self) -> None:
        """Close the open register, so that no connection or lock of ours holds its file (a
        restore replaces it), until the next open or attach."""
        if self.session is not None:
            self.remember_selection()
            self.session.close()
            self.session = None

    def attach(self, session: RegisterSession) -> None:
        from rectdesk.gui.dialogs import conflict

        self.session = session
        session.resolve_conflict = lambda c: conflict.ask(self, c)
        self.register_path = session.reg.path
        self._register_id = session.reg.register_id
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._on_changed)
        self._campaign_id = None
        self._register_ready = False
        self._update_title()
        cid, pid = self.last_selection()
        self.reload_campaigns(select=cid)
        if pid is not None and self._campaign_id == cid:
            self.select_problem(pid)
        if not self._loading:  # else when the background load of all rows ends
            self._announce_ready()

    # -- where the user was, per register (ui.ini) ---------------------------------------------
    def _selection_key(self) -> str:
        return f"selection/{self._register_id}"

    def remember_selection(self) -> None:
        from rectdesk.gui import uistate

        if self.session is not None and self._campaign_id is not None:
            pid = self.current_problem_id() if self._built else None
            uistate.settings().setValue(self._selection_key(), f"{self._campaign_id},{pid or ''}")

    def last_selection(self) -> tuple[int | None, int | None]:
        from rectdesk.gui import uistate

        cid, _, pid = str(uistate.settings().value(self._selection_key()) or "").partition(",")
        return (int(cid) if cid.isdigit() else None), (int(pid) if pid.isdigit() else None)

    def new_register(self) -> None:
        """文件 -> 新建台账…: an empty register file at a chosen path, then open it."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from rectdesk import paths

        name, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("MainWindow", "新建台账"),
            str(paths.data_dir() / QCoreApplication.translate("MainWindow", "整改台账.rectdesk")),
            QCoreApplication.translate("MainWindow", "RectDesk 台账 (*.rectdesk)"))
        if not name:
            return
        path = Path(name if name.lower().endswith(".rectdesk") else name + ".rectdesk")
        if path.exists():  # never replaced: a register holds the office's record
            QMessageBox.warning(self, QCoreApplication.translate("MainWindow", "新建台账"), QCoreApplication.translate(
                "MainWindow", "文件已存在：%1\n\n要使用它，请选择“打开台账”。").replace("%1", str(path)))
            return
        self.open_register(path)

    def choose_register(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from rectdesk import paths

        name, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("MainWindow", "打开台账"), str(paths.data_dir()),
                                              QCoreApplication.translate("MainWindow", "RectDesk 台账 (*.rectdesk);;所有文件 (*)"))
        if name:
            self.open_register(name)

    def fill_recent_menu(self) -> None:
        from rectdesk import settings

        self.menu_recent.clear()
        for item in settings.get("recent_registers"):
            action = self.menu_recent.addAction(item)
            action.triggered.connect(lambda _c=False, p=item: self.open_register(p))
        if self.menu_recent.isEmpty():
            self.menu_recent.addAction(QCoreApplication.translate("MainWindow", "（无）")).setEnabled(False)

    def open_demo(self) -> None:
        from rectdesk import paths
        path = paths.demo_register()
        if not path.exists():
            from rectdesk.exchange.demo import demo_campaign
            from rectdesk.store import services
            from rectdesk.store.register import Register

            path.parent.mkdir(parents=True, exist_ok=True)
            with Register.open(path) as reg:
                services.import_campaign(reg, demo_campaign(), source="示例通报")
        self.open_register(path)

    def new_campaign(self) -> None:
        from rectdesk.core.errors import RectDeskError
        from rectdesk.gui.errors import show_error
        from rectdesk.store import services

        if self.session is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, QCoreApplication.translate("MainWindow", "新建整改任务"), QCoreApplication.translate(
                "MainWindow", "请先打开或新建一个台账（文件 → 打开台账 / 新建台账）。"))
            return
        title = self.ask_text(QCoreApplication.translate("MainWindow", "新建整改任务"), QCoreApplication.translate("MainWindow", "整改任务名称："))
        if not title:
            return
        try:
            changes = self.session.call(services.create_campaign, title)
        except RectDeskError as exc:
            show_error(self, exc)
            return
        self.reload_campaigns(select=next(iter(changes.campaigns)))

    def campaign_context_menu(self, pos: Any) -> Any:
        """The campaign list's context menu: 重命名…, 删除… (both undoable)."""
        from PySide6.QtWidgets import QMenu

        index = self.campaign_view.indexAt(pos)
        if index.isValid():
            self.campaign_view.setCurrentIndex(index)
        menu = QMenu(self)
        for text, slot in ((QCoreApplication.translate("MainWindow", "新建整改任务…"), self.new_campaign),
                           (QCoreApplication.translate("MainWindow", "重命名整改任务…"), self.rename_campaign),
                           (QCoreApplication.translate("MainWindow", "删除整改任务…"), self.delete_campaign)):
            action = menu.addAction(text)
            action.triggered.connect(slot)
            action.setEnabled(self.session is not None and (slot == self.new_campaign or self._campaign_id is not None))
        return menu

    def _show_campaign_menu(self, pos: Any) -> None:
        self.campaign_context_menu(pos).exec(self.campaign_view.viewport().mapToGlobal(pos))

    def rename_campaign(self) -> None:
        from rectdesk.gui import undo

        cid = self._campaign_id
        if self.session is None or cid is None:
            return
        old = self.campaign_model.row_at(self.campaign_view.currentIndex().row()).title
        title = self.ask_text(QCoreApplication.translate("MainWindow", "重命名整改任务"),
                              QCoreApplication.translate("MainWindow", "整改任务名称："), default=old)
        if title and title != old:
            self._guarded(lambda: undo.rename_campaign(self.session, cid, old, title,
                                                       QCoreApplication.translate("MainWindow", "重命名整改任务")))

    def delete_campaign(self) -> None:
        from rectdesk.gui import undo

        cid = self._campaign_id
        if self.session is None or cid is None:
            return
        row = self.campaign_model.row_at(self.campaign_view.currentIndex().row())
        if self.confirm(QCoreApplication.translate("MainWindow", "删除整改任务"), QCoreApplication.translate(
                "MainWindow", "确定删除整改任务“%1”及其全部 %2 个问题吗？可以撤销（编辑 → 撤销）。").replace(
                    "%1", row.title).replace("%2", str(row.problems))):
            self._guarded(lambda: undo.delete_campaign(self.session, cid,
                                                       QCoreApplication.translate("MainWindow", "删除整改任务")))

    # -- items ------------------------------------------------------------------------------------
    def add_problem(self) -> None:
        from rectdesk.gui import undo

        if self.session is None or self._campaign_id is None:
            return
        title = self.ask_text(QCoreApplication.translate("MainWindow", "新增问题"), QCoreApplication.translate("MainWindow", "问题标题："))
        if title:
            self._guarded(lambda: undo.add_problem(self.session, self._campaign_id, title,
                                                   QCoreApplication.translate("MainWindow", "新增问题")))

    def add_measure(self) -> None:
        from rectdesk.gui import undo

        pid = self.current_problem_id()
        if self.session is None or pid is None:
            return
        text = self.ask_text(QCoreApplication.translate("MainWindow", "新增整改措施"), QCoreApplication.translate("MainWindow", "整改措施："), multiline=True)
        if text:
            self._guarded(lambda: undo.add_measure(self.session, pid, text, QCoreApplication.translate("MainWindow", "新增整改措施")))

    def delete_selected(self) -> None:
        from rectdesk.gui import undo

        pid, mid = self.current_problem_id(), self.current_measure_id()
        if self.session is None or pid is None:
            return
        if mid is not None:
            row = self.measure_model.row_at(self.measure_view.currentIndex().row())
            label = f"{self.measure_model.problem_number}.{row.number}"
            if self.confirm(QCoreApplication.translate("MainWindow", "删除整改措施"),
                            QCoreApplication.translate("MainWindow", "确定删除整改措施 %1 及其进展吗？可以撤销。").replace("%1", label)):
                self._guarded(lambda: undo.delete_measure(self.session, mid, QCoreApplication.translate("MainWindow", "删除整改措施")))
            return
        row = self.problem_model.row_at(self.problem_view.currentIndex().row())
        if self.confirm(QCoreApplication.translate("MainWindow", "删除问题"),
                        QCoreApplication.translate("MainWindow", "确定删除第 %1 个问题及其全部整改措施吗？可以撤销。").replace(
                            "%1", str(row.number))):
            self._guarded(lambda: undo.delete_problem(self.session, pid, QCoreApplication.translate("MainWindow", "删除问题")))

    def move_selected(self, step: int) -> None:
        from rectdesk.gui import undo

        pid, mid = self.current_problem_id(), self.current_measure_id()
        if self.session is None or pid is None:
            return
        if mid is not None:
            row = self.measure_model.row_at(self.measure_view.currentIndex().row())
            kind, ident, old, text = "measure", mid, row.number, QCoreApplication.translate("MainWindow", "调整措施顺序")
        else:
            prow = self.problem_model.row_at(self.problem_view.currentIndex().row())
            kind, ident, old, text = "problem", pid, prow.number, QCoreApplication.translate("MainWindow", "调整问题顺序")
        if old + step >= 1:
            self._guarded(lambda: undo.move(self.session, kind, ident, old, old + step, text))

    def _guarded(self, work: Any) -> Any:
        from rectdesk.core.errors import RectDeskError
        from rectdesk.gui.errors import show_error

        try:
            return work()
        except RectDeskError as exc:
            show_error(self, exc)
            return None

    # -- other commands ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def show_settings(self) -> None:
        from rectdesk import settings
        from rectdesk.gui.settings_dialog import SettingsDialog

        before = settings.get("language")
        dialog = SettingsDialog(self)
        if dialog.exec():
            dialog.save()
            days = self.read_deadline_days()
            if days != self.deadline_days:  # the rows' colours follow the new windows
                self.deadline_days = days
                self.reload()
            if settings.get("language") != before:
                self.switch_language(settings.get("language"))

    def switch_language(self, lang: str) -> Any:
        """Install `lang` and rebuild the window in it, on the same open register and undo
        history; returns the new window (of this window's own class)."""
        from rectdesk import settings
        from rectdesk.gui import i18n

        settings.save(language=lang)
        i18n.install(lang)
        self.save_state()
        session, cid, pid = self.session, self.current_campaign_id(), self.current_problem_id()
        self._keep_session = True
        window_class: Any = type(self)  # MainWindow: it takes the session and the day
        fresh = window_class(session=session, today=self.today) if session else window_class()
        if session is not None:
            session.changed.disconnect(self._on_changed)
            # The session (and its undo stack) was this window's child: deleting this window
            # deleted them, and the next switch failed on a dead QUndoStack.
            session.setParent(fresh)
        if cid is not None:
            fresh.reload_campaigns(select=cid)
            fresh.select_problem(pid)
        fresh.show()
        self.close()
        self.deleteLater()
        _LIVE[:] = [fresh]  # a top-level window lives while Python holds it
        return fresh

    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from rectdesk import paths

        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)  # a fresh install has logged nothing yet
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, QCoreApplication.translate("MainWindow", "关于 RectDesk"), QCoreApplication.translate(
            "MainWindow", "<h3>%1 %2</h3><p>版本 %3</p><p>整改台账桌面系统：问题、整改措施、进展、佐证材料、"
            "通报与台账。离线运行，数据保存在本机的台账文件中。</p>").replace(
                "%1", APP_NAME_ZH).replace("%2", APP_NAME).replace("%3", __version__))


def _remember_recent(path: Path) -> None:
    from rectdesk import settings

    item = str(path.resolve())
    recent = [p for p in settings.get("recent_registers") if p != item]
    settings.save(recent_registers=[item, *recent][:MAX_RECENT])
