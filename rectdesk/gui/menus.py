"""The menu bar and the toolbar, declared in one place: which menus, in which order, and which
action (by id) goes where, separators included.

The window's own actions (gui/actions.py) and the add-ons' (`host.add_action(id, text, slot)`,
gui/addons.py) are placed by these lists, so the order never depends on who installed first;
an action arrives at its declared slot whenever it comes (add-ons install after the first
paint). An id missing here is an error: a new action is first given its place below.

Separators of slots still empty collapse (QMenu.separatorsCollapsible), so a missing add-on
leaves no double line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

SEP = "-"


class MenuSpec(NamedTuple):  # not a dataclass: this module loads before the first paint
    name: str  # MenuBar.menu(name)
    title: Callable[[], str]  # translated when the bar is built (the window rebuilds on a switch)
    items: tuple[str, ...]  # action ids in order; SEP a separator


# Titles are translated in the "MainWindow" context, as before they moved here.
MENUS: tuple[MenuSpec, ...] = (
    MenuSpec("file", lambda: QCoreApplication.translate("MainWindow", "文件(&F)"), (
        "new_campaign", "new_register", "open", "connect_server",  # connect_server: dialogs/connect_server.py
        "recent", "demo", SEP,
        "backup", "settings", SEP,  # backup: dialogs/backup_restore.py
        "print_ledger", SEP,  # dialogs/ledger_export.py
        "quit")),
    MenuSpec("edit", lambda: QCoreApplication.translate("MainWindow", "编辑(&E)"), (
        "undo", "redo", SEP,
        "find", SEP,
        "add_problem", "add_measure", "delete", "move_up", "move_down", SEP,
        "signoff", "extension", "recheck")),  # dashboard.py
    MenuSpec("view", lambda: QCoreApplication.translate("MainWindow", "视图(&V)"), (
        "refresh", "clear_filters", SEP,
        "toolbar", SEP,
        "dashboard", "open_summary")),  # dashboard.py
    MenuSpec("import", lambda: QCoreApplication.translate("MainWindow", "导入(&I)"), (
        "import_bulletin", "import_plan", "import_feedback",  # dialogs/import_preview.py
        "import_ledger",  # dialogs/ledger_import.py
        "import_forms")),  # dialogs/forms_export.py
    MenuSpec("export", lambda: QCoreApplication.translate("MainWindow", "导出(&X)"), (
        "export_bulletin",  # dialogs/bulletin_export.py
        "export_ledger",  # dialogs/ledger_export.py
        "export_forms", "weekly_report", SEP,  # dialogs/forms_export.py
        "evidence_package")),  # evidence_panel.py
    MenuSpec("help", lambda: QCoreApplication.translate("MainWindow", "帮助(&H)"), (
        "check_register", SEP,  # evidence_panel.py
        "logs", "about")),
)

TOOLBAR: tuple[str, ...] = ("open", SEP, "undo", "redo", SEP, "add_problem", "add_measure",
                            "delete", "move_up", "move_down")


class MenuBar:
    """The window's menus built from MENUS; place(id, action) puts an action at its slot.

    filled=False: the menus start as their titles alone, and place() only notes each action
    until fill() puts them all in (the window does so right after its first paint: no one sees
    a menu's content before, and filling them cost that paint ~1 ms)."""

    def __init__(self, window: QMainWindow, specs: tuple[MenuSpec, ...] = MENUS, *,
                 filled: bool = True) -> None:
        self._specs = {s.name: s for s in specs}
        self._slot = {item: s.name for s in specs for item in s.items if item != SEP}
        self._menus: dict[str, QMenu] = {}
        self._placed: dict[str, list[QAction | None]] = {}  # per slot: its action (SEP: its line)
        self._actions: dict[str, QAction] = {}
        self._filled = False
        bar = window.menuBar()
        for spec in specs:
            menu = bar.addMenu(spec.title())
            menu.setObjectName(f"menu_{spec.name}")
            self._menus[spec.name] = menu
        if filled:
            self.fill()

    def fill(self) -> None:
        """The separators and the actions placed so far, into the menus (once)."""
        if self._filled:
            return
        self._filled = True
        for name, spec in self._specs.items():
            menu = self._menus[name]
            self._placed[name] = [menu.addSeparator() if i == SEP else None for i in spec.items]
        for action_id, action in list(self._actions.items()):
            self.place(action_id, action)

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def place(self, action_id: str, action: QAction) -> QAction:
        """Put `action` at its declared slot (replacing one placed under the same id)."""
        name = self._slot.get(action_id)
        if name is None:
            raise KeyError(f"action {action_id!r} has no place in gui/menus.py MENUS")
        self._actions[action_id] = action
        if not self._filled:
            return action
        menu, spec, placed = self._menus[name], self._specs[name], self._placed[name]
        i = spec.items.index(action_id)
        old = placed[i]
        if old is not None:
            menu.removeAction(old)
        later = next((a for a in placed[i + 1:] if a is not None), None)
        if later is None:
            menu.addAction(action)
        else:
            menu.insertAction(later, action)
        placed[i] = action
        return action

    def fill_toolbar(self, toolbar: QToolBar, items: tuple[str, ...] = TOOLBAR) -> None:
        for item in items:
            if item == SEP:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self._actions[item])
