"""The main window's menus, toolbar and shortcuts (文件 编辑 视图 导入 导出 帮助)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

if TYPE_CHECKING:
    from rectdesk.gui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: object, shortcut: QKeySequence | str | None = None,
            icon: QStyle.StandardPixmap | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(slot)
    return action


def build(w: MainWindow) -> None:
    sp = QStyle.StandardPixmap
    bar = w.menuBar()
    w.menu_file = bar.addMenu(QCoreApplication.translate("MainWindow", "文件(&F)"))
    w.act_new_campaign = _action(w, QCoreApplication.translate("MainWindow", "新建整改任务…"), w.new_campaign, QKeySequence.StandardKey.New)
    w.act_open = _action(w, QCoreApplication.translate("MainWindow", "打开台账…"), w.choose_register, QKeySequence.StandardKey.Open,
                         sp.SP_DialogOpenButton)
    w.menu_recent = w.menu_file.addMenu(QCoreApplication.translate("MainWindow", "最近打开"))
    w.menu_recent.aboutToShow.connect(w.fill_recent_menu)
    w.act_demo = _action(w, QCoreApplication.translate("MainWindow", "打开示例台账"), w.open_demo)
    w.act_settings = _action(w, QCoreApplication.translate("MainWindow", "设置…"), w.show_settings, QKeySequence.StandardKey.Preferences)
    w.act_quit = _action(w, QCoreApplication.translate("MainWindow", "退出"), w.close, QKeySequence.StandardKey.Quit)
    w.menu_file.insertAction(w.menu_recent.menuAction(), w.act_new_campaign)
    w.menu_file.insertAction(w.menu_recent.menuAction(), w.act_open)
    w.menu_file.addAction(w.act_demo)
    w.menu_file.addSeparator()
    w.menu_file.addAction(w.act_settings)
    w.menu_file.addSeparator()
    w.menu_file.addAction(w.act_quit)

    w.menu_edit = bar.addMenu(QCoreApplication.translate("MainWindow", "编辑(&E)"))
    w.act_undo = w.undo_group.createUndoAction(w, QCoreApplication.translate("MainWindow", "撤销"))
    w.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
    w.act_undo.setIcon(w.style().standardIcon(sp.SP_ArrowBack))
    w.act_redo = w.undo_group.createRedoAction(w, QCoreApplication.translate("MainWindow", "重做"))
    w.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    w.act_redo.setIcon(w.style().standardIcon(sp.SP_ArrowForward))
    w.act_find = _action(w, QCoreApplication.translate("MainWindow", "查找"), w.focus_search, QKeySequence.StandardKey.Find)
    w.act_add_problem = _action(w, QCoreApplication.translate("MainWindow", "新增问题…"), w.add_problem, "Ctrl+Shift+N",
                                sp.SP_FileIcon)
    w.act_add_measure = _action(w, QCoreApplication.translate("MainWindow", "新增整改措施…"), w.add_measure, "Ctrl+Shift+M",
                                sp.SP_FileDialogNewFolder)
    w.act_delete = _action(w, QCoreApplication.translate("MainWindow", "删除…"), w.delete_selected, "Ctrl+Delete", sp.SP_TrashIcon)
    w.act_move_up = _action(w, QCoreApplication.translate("MainWindow", "上移"), lambda: w.move_selected(-1), "Ctrl+Up", sp.SP_ArrowUp)
    w.act_move_down = _action(w, QCoreApplication.translate("MainWindow", "下移"), lambda: w.move_selected(1), "Ctrl+Down",
                              sp.SP_ArrowDown)
    for a in (w.act_undo, w.act_redo, None, w.act_find, None, w.act_add_problem, w.act_add_measure,
              w.act_delete, w.act_move_up, w.act_move_down):
        w.menu_edit.addSeparator() if a is None else w.menu_edit.addAction(a)

    w.menu_view = bar.addMenu(QCoreApplication.translate("MainWindow", "视图(&V)"))
    w.act_refresh = _action(w, QCoreApplication.translate("MainWindow", "刷新"), w.reload, QKeySequence.StandardKey.Refresh)
    w.act_clear_filters = _action(w, QCoreApplication.translate("MainWindow", "清除筛选"), w.filter_bar.clear)
    w.menu_view.addAction(w.act_refresh)
    w.menu_view.addAction(w.act_clear_filters)
    w.menu_view.addSeparator()

    w.menu_import = bar.addMenu(QCoreApplication.translate("MainWindow", "导入(&I)"))
    w.menu_export = bar.addMenu(QCoreApplication.translate("MainWindow", "导出(&X)"))
    w.menu_help = bar.addMenu(QCoreApplication.translate("MainWindow", "帮助(&H)"))
    w.act_logs = _action(w, QCoreApplication.translate("MainWindow", "打开日志文件夹"), w.open_log_folder)
    w.act_about = _action(w, QCoreApplication.translate("MainWindow", "关于 RectDesk…"), w.show_about)
    w.menu_help.addAction(w.act_logs)
    w.menu_help.addAction(w.act_about)

    w.toolbar = QToolBar(QCoreApplication.translate("MainWindow", "工具栏"), w)
    w.toolbar.setObjectName("mainToolbar")
    for a in (w.act_open, None, w.act_undo, w.act_redo, None, w.act_add_problem, w.act_add_measure,
              w.act_delete, w.act_move_up, w.act_move_down):
        w.toolbar.addSeparator() if a is None else w.toolbar.addAction(a)
    w.addToolBar(w.toolbar)
    w.menu_view.addAction(w.toolbar.toggleViewAction())
