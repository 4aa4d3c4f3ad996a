"""The menu bar is what gui/menus.py declares, whatever order the add-ons install in, and the
add-ons reach the window only through gui/addons.AddonHost."""

from __future__ import annotations

import pytest

from rectdesk.gui import addons
from rectdesk.gui.menus import MENUS, SEP, TOOLBAR


def _ids(window, actions) -> list[str]:  # type: ignore[no-untyped-def]
    by_action = {id(a): i for i, a in window.menus.actions().items()}
    return [by_action.get(id(a), a.text()) for a in actions if not a.isSeparator()]


def _assert_declared(window) -> None:  # type: ignore[no-untyped-def]
    assert window.addon_failures == []
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "导入(&I)", "导出(&X)", "帮助(&H)"]
    for spec in MENUS:
        menu = window.menus.menu(spec.name).actions()
        assert _ids(window, menu) == [i for i in spec.items if i != SEP], spec.name
        assert sum(a.isSeparator() for a in menu) == spec.items.count(SEP), spec.name
    assert _ids(window, window.toolbar.actions()) == [i for i in TOOLBAR if i != SEP]


def test_menus_hold_the_declared_actions_in_the_declared_order(window) -> None:  # type: ignore[no-untyped-def]
    _assert_declared(window)


def test_menus_filled_after_the_first_paint_hold_the_same(qtbot, demo_path) -> None:  # type: ignore[no-untyped-def]
    """As `rectdesk` starts: the menus' titles paint first, their actions come right after."""
    from PySide6.QtCore import QThreadPool

    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(demo_path, defer=True)
    qtbot.addWidget(w)
    assert [a.text() for a in w.menuBar().actions()][0] == "文件(&F)"
    assert w.menus.menu("file").actions() == []  # nothing in them before the first paint
    w.show()
    qtbot.waitUntil(lambda: w._built and len(w._addons) == len(addons.ADDON_MODULES))
    _assert_declared(w)
    QThreadPool.globalInstance().waitForDone()


def test_the_order_does_not_depend_on_install_order(qtbot, demo_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui.main_window import MainWindow

    monkeypatch.setattr(addons, "ADDON_MODULES", tuple(reversed(addons.ADDON_MODULES)))
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    assert w.addon_failures == []
    exported = [a.text() for a in w.menu_export.actions() if not a.isSeparator()]
    assert exported == ["整改进展通报…", "整改台账（Excel）…", "部门反馈表…", "周报…", "佐证材料包…"]
    file_menu = [a.text() for a in w.menu_file.actions() if not a.isSeparator()]
    assert file_menu[-2:] == ["打印台账…", "退出"]


def test_installing_again_doubles_nothing_and_sets_nothing_on_the_window(window) -> None:  # type: ignore[no-untyped-def]
    before = {m.title(): [a.text() for a in m.actions()] for m in (window.menus.menu(s.name) for s in MENUS)}
    attributes = set(vars(window))
    window._install_addons()  # what a second call does: the registry says they are in
    assert addons.install_all(window, {}) == []  # and even a fresh install on the same window
    after = {m.title(): [a.text() for a in m.actions()] for m in (window.menus.menu(s.name) for s in MENUS)}
    assert after == before  # an action given again under its id replaces the old one
    assert set(vars(window)) == attributes  # add-ons keep their own state


def test_an_undeclared_action_is_refused(window) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match="menus.py"):
        window.add_action("no_such_action", "无", lambda: None)
