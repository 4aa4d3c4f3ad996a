"""The main window's menus, toolbar and shortcuts (文件 编辑 视图 导入 导出 帮助).

The icons come from the style (QStyle.standardIcon); loading QStyle into PySide takes ~20 ms,
so build() gives the toolbar blank icons of the right size for the first paint and
set_icons() puts the real ones in afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QToolBar

if TYPE_CHECKING:
    from rectdesk.gui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: object, shortcut: QKeySequence | str | None = None,
            icon: str | None = None) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut is not None:  # setShortcut(QKeySequence) would load the `Qt` enums (~30 ms)
        action.setShortcuts([QKeySequence(shortcut)])
    if icon is not None:  # a QStyle.StandardPixmap name
        _icons(window).append((action, icon))
    action.triggered.connect(slot)
    return action


def _icons(window: MainWindow) -> list[tuple[QAction, str]]:
    if not hasattr(window, "_style_icons"):
        window._style_icons = []
    return window._style_icons


def set_icons(w: MainWindow) -> None:
    """The style's icons for the actions build() made (after the first paint)."""
    from PySide6.QtWidgets import QStyle

    for action, name in _icons(w):
        action.setIcon(w.style().standardIcon(getattr(QStyle.StandardPixmap, name)))
    _icons(w).clear()


def build(w: MainWindow) -> None:
    bar = w.menuBar()
    w.menu_file = bar.addMenu(QCoreApplication.translate("MainWindow", "文件(&F)"))
    w.act_new_campaign = _action(w, QCoreApplication.translate("MainWindow", "新建整改任务…"), w.new_campaign, QKeySequence.StandardKey.New)
    w.act_open = _action(w, QCoreApplication.translate("MainWindow", "打开台账…"), w.choose_register, QKeySequence.StandardKey.Open,
                         "SP_DialogOpenButton")
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
    w.act_undo.setShortcuts(QKeySequence.StandardKey.Undo)
    _icons(w).append((w.act_undo, "SP_ArrowBack"))
    w.act_redo = w.undo_group.createRedoAction(w, QCoreApplication.translate("MainWindow", "重做"))
    w.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    _icons(w).append((w.act_redo, "SP_ArrowForward"))
    w.act_find = _action(w, QCoreApplication.translate("MainWindow", "查找"), w.focus_search, QKeySequence.StandardKey.Find)
    w.act_add_problem = _action(w, QCoreApplication.translate("MainWindow", "新增问题…"), w.add_problem, "Ctrl+Shift+N",
                                "SP_FileIcon")
    w.act_add_measure = _action(w, QCoreApplication.translate("MainWindow", "新增整改措施…"), w.add_measure, "Ctrl+Shift+M",
                                "SP_FileDialogNewFolder")
    w.act_delete = _action(w, QCoreApplication.translate("MainWindow", "删除…"), w.delete_selected, "Ctrl+Delete", "SP_TrashIcon")
    w.act_move_up = _action(w, QCoreApplication.translate("MainWindow", "上移"), lambda: w.move_selected(-1), "Ctrl+Up", "SP_ArrowUp")
    w.act_move_down = _action(w, QCoreApplication.translate("MainWindow", "下移"), lambda: w.move_selected(1), "Ctrl+Down",
                              "SP_ArrowDown")
    for a in (w.act_undo, w.act_redo, None, w.act_find, None, w.act_add_problem, w.act_add_measure,
              w.act_delete, w.act_move_up, w.act_move_down):
        w.menu_edit.addSeparator() if a is None else w.menu_edit.addAction(a)

    w.menu_view = bar.addMenu(QCoreApplication.translate("MainWindow", "视图(&V)"))
    w.act_refresh = _action(w, QCoreApplication.translate("MainWindow", "刷新"), w.reload, QKeySequence.StandardKey.Refresh)
    w.act_clear_filters = _action(w, QCoreApplication.translate("MainWindow", "清除筛选"), lambda: w.filter_bar.clear())  # built after the first paint
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
    blank = QPixmap(w.toolbar.iconSize())
    blank.fill(QColor(0, 0, 0, 0))  # transparent (without loading the `Qt` enums)
    for action, _name in _icons(w):  # the toolbar's height and button widths of the real ones
        action.setIcon(QIcon(blank))
    w.addToolBar(w.toolbar)
    w.menu_view.addAction(w.toolbar.toggleViewAction())
