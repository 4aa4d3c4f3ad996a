"""The main window's own actions, shortcuts and toolbar; where they go is gui/menus.py.

build() makes the menus and the toolbar for the first paint; finish() adds what only shows
later, after that paint: the style's icons (loading QStyle into PySide takes ~20 ms; until then
the toolbar has blank icons of the same size) and the shortcuts (QKeySequence's enums).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import QMenu, QToolBar

from rectdesk.gui import palette

if TYPE_CHECKING:
    from rectdesk.gui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: object, shortcut: str | None = None,
            icon: str | None = None) -> QAction:
    """`shortcut`: a QKeySequence.StandardKey name ("Open") or keys ("Ctrl+Up"); `icon`: a
    QStyle.StandardPixmap name."""
    action = QAction(text, window)
    if shortcut is not None:
        _later(window, "keys").append((action, (shortcut,)))
    if icon is not None:
        _later(window, "icons").append((action, icon))
    action.triggered.connect(slot)
    return action


def _later(window: MainWindow, kind: str) -> list[Any]:
    if not hasattr(window, "_decorations"):
        window._decorations = {"icons": [], "keys": []}
    return window._decorations[kind]


def finish(w: MainWindow) -> None:
    """The icons and shortcuts of the actions build() made."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QStyle

    for action, name in _later(w, "icons"):
        action.setIcon(w.style().standardIcon(getattr(QStyle.StandardPixmap, name)))
    for action, keys in _later(w, "keys"):
        standard = getattr(QKeySequence.StandardKey, keys[0], None)
        if standard is not None:
            action.setShortcuts(standard)  # (setShortcut(QKeySequence) resolves all Qt enums)
        else:
            action.setShortcuts([QKeySequence(k) for k in keys])
    _later(w, "icons").clear()
    _later(w, "keys").clear()


def build(w: MainWindow, *, fill_menus: bool = True) -> None:
    """The menus (declared in gui/menus.py), the frame's own actions placed in them, the toolbar.
    fill_menus=False: the menus' titles only, until w.menus.fill() (see MenuBar)."""
    from rectdesk.gui.menus import MenuBar

    w.menus = bar = MenuBar(w, filled=fill_menus)
    w.menu_file, w.menu_edit, w.menu_view = bar.menu("file"), bar.menu("edit"), bar.menu("view")
    w.menu_import, w.menu_export, w.menu_help = bar.menu("import"), bar.menu("export"), bar.menu("help")
    w.act_new_campaign = _action(w, QCoreApplication.translate("MainWindow", "新建整改任务…"), w.new_campaign, "New")
    w.act_new_register = _action(w, QCoreApplication.translate("MainWindow", "新建台账…"), w.new_register)
    w.act_open = _action(w, QCoreApplication.translate("MainWindow", "打开台账…"), w.choose_register, "Open",
                         "SP_DialogOpenButton")
    w.menu_recent = QMenu(QCoreApplication.translate("MainWindow", "最近打开"), w)
    w.menu_recent.aboutToShow.connect(w.fill_recent_menu)
    w.act_demo = _action(w, QCoreApplication.translate("MainWindow", "打开示例台账"), w.open_demo)
    w.act_settings = _action(w, QCoreApplication.translate("MainWindow", "设置…"), w.show_settings, "Preferences")
    w.act_quit = _action(w, QCoreApplication.translate("MainWindow", "退出"), w.close, "Quit")

    w.act_undo = w.undo_group.createUndoAction(w, QCoreApplication.translate("MainWindow", "撤销"))
    _later(w, "keys").append((w.act_undo, ("Undo",)))
    _later(w, "icons").append((w.act_undo, "SP_ArrowBack"))
    w.act_redo = w.undo_group.createRedoAction(w, QCoreApplication.translate("MainWindow", "重做"))
    _later(w, "keys").append((w.act_redo, ("Ctrl+Shift+Z", "Ctrl+Y")))
    _later(w, "icons").append((w.act_redo, "SP_ArrowForward"))
    w.act_find = _action(w, QCoreApplication.translate("MainWindow", "查找"), w.focus_search, "Find")
    w.act_add_problem = _action(w, QCoreApplication.translate("MainWindow", "新增问题…"), w.add_problem, "Ctrl+Shift+N",
                                "SP_FileIcon")
    w.act_add_measure = _action(w, QCoreApplication.translate("MainWindow", "新增整改措施…"), w.add_measure, "Ctrl+Shift+M",
                                "SP_FileDialogNewFolder")
    w.act_delete = _action(w, QCoreApplication.translate("MainWindow", "删除…"), w.delete_selected, "Ctrl+Delete", "SP_TrashIcon")
    w.act_move_up = _action(w, QCoreApplication.translate("MainWindow", "上移"), lambda: w.move_selected(-1), "Ctrl+Up", "SP_ArrowUp")
    w.act_move_down = _action(w, QCoreApplication.translate("MainWindow", "下移"), lambda: w.move_selected(1), "Ctrl+Down",
                              "SP_ArrowDown")

    w.act_refresh = _action(w, QCoreApplication.translate("MainWindow", "刷新"), w.reload, "Refresh")
    w.act_clear_filters = _action(w, QCoreApplication.translate("MainWindow", "清除筛选"), lambda: w.filter_bar.clear())  # built after the first paint

    w.act_logs = _action(w, QCoreApplication.translate("MainWindow", "打开日志文件夹"), w.open_log_folder)
    w.act_about = _action(w, QCoreApplication.translate("MainWindow", "关于 RectDesk…"), w.show_about)

    w.toolbar = QToolBar(QCoreApplication.translate("MainWindow", "工具栏"), w)
    w.toolbar.setObjectName("mainToolbar")
    for action_id, action in (
            ("new_campaign", w.act_new_campaign), ("new_register", w.act_new_register),
            ("open", w.act_open), ("recent", w.menu_recent.menuAction()), ("demo", w.act_demo),
            ("settings", w.act_settings), ("quit", w.act_quit),
            ("undo", w.act_undo), ("redo", w.act_redo), ("find", w.act_find),
            ("add_problem", w.act_add_problem), ("add_measure", w.act_add_measure),
            ("delete", w.act_delete), ("move_up", w.act_move_up), ("move_down", w.act_move_down),
            ("refresh", w.act_refresh), ("clear_filters", w.act_clear_filters),
            ("toolbar", w.toolbar.toggleViewAction()), ("logs", w.act_logs), ("about", w.act_about)):
        bar.place(action_id, action)
    bar.fill_toolbar(w.toolbar)
    blank = QPixmap(w.toolbar.iconSize())
    blank.fill(palette.qcolor(palette.TRANSPARENT))
    for action, _name in _later(w, "icons"):  # the toolbar keeps its size when they come
        action.setIcon(blank)  # a pixmap: Python's QIcon class loads its enums, ~1 ms
    w.addToolBar(w.toolbar)
