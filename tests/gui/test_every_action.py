"""Every action of the real main window, triggered once on the demo register.

The actions are enumerated from the widgets (menus, toolbar, the campaign list's context menu,
the buttons of the detail tabs), so a new action is covered without editing this test. File
dialogs get prepared files of the kind they ask for, every dialog is filled and accepted once
(tests/gui/driver.py), and the test fails on any error box, any exception reaching Qt's event
loop (pytest-qt) and any Qt warning about argument types. Actions that replace the register,
switch the language or end the program run last.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import Driver
from prepared import WINDOW_TODAY, prepared_files
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu

# Triggered after the others, in this order: they replace the register, end the program or
# rebuild the window.
LAST = ("打开台账…", "新建台账…", "打开示例台账", "连接服务器…", "设置…", "退出")


def menu_actions(window) -> list[tuple[str, QAction]]:  # type: ignore[no-untyped-def]
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        menu.aboutToShow.emit()  # menus filled when shown (最近打开)
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {action.text()}")
            else:
                found.append((f"{path} > {action.text()}", action))

    for top in window.menuBar().actions():
        walk(top.menu(), top.text())
    for action in window.toolbar.actions():
        if not action.isSeparator():
            found.append((f"工具栏 > {action.text()}", action))
    return found


def select_first_measure(window) -> None:  # type: ignore[no-untyped-def]
    """The demo campaign's first problem that has measures, and its first measure."""
    if window.session is None or not window.campaign_model.rowCount():
        return
    window.campaign_view.setCurrentIndex(window.campaign_model.index(0, 0))
    for row in range(window.problem_model.rowCount()):
        window.problem_view.setCurrentIndex(window.problem_model.index(row, 0))
        if window.measure_model.rowCount():
            window.select_measure(window.measure_model.row_at(0).id)
            break
    QCoreApplication.processEvents()  # panels follow the selection on the next turn


@pytest.fixture
def prepared(tmp_path: Path, demo_path: Path):  # type: ignore[no-untyped-def]
    return prepared_files(tmp_path / "in", demo_path)


def test_every_action_works_from_the_window(qtbot, qtlog, monkeypatch, tmp_path, demo_path,
                                            prepared):
    from rectdesk.gui.main_window import MainWindow

    out = tmp_path / "out"
    out.mkdir()
    driver = Driver(files=prepared.files, out_dir=out, folder=prepared.evidence_folder,
                    by_caption=prepared.by_caption).install(monkeypatch)
    window = MainWindow(demo_path, today=WINDOW_TODAY)
    qtbot.addWidget(window)
    window.show()
    done: set[str] = set()

    def trigger(name: str, action: QAction) -> None:
        select_first_measure(window)
        action.trigger()
        driver.settle()
        assert not driver.errors, f"{name}: {driver.errors} after {sorted(done)} {driver.seen}"
        done.add(name)

    driver.settle()  # the rows load and the reminder opens, as for a user
    for _ in range(2):  # a second round for what the first enabled (撤销, 重做)
        for name, widget in detail_buttons(window):  # first: evidence for the exports
            select_first_measure(window)
            if name not in done and widget.isEnabled():
                widget.click()
                driver.settle()
                assert not driver.errors, f"{name}: {driver.errors}"
                done.add(name)
        # The edits (删除… removes the measure holding the evidence) after the exports.
        for name, action in sorted(menu_actions(window), key=lambda na: na[0].startswith(("编辑", "工具栏"))):
            if name in done or not action.isEnabled() or action.text() in LAST:
                continue
            trigger(name, action)
        for name, action in campaign_context_actions(window):
            if name not in done and action.isEnabled():
                trigger(name, action)
    for text in LAST:
        window = _main_window(window)
        for name, action in menu_actions(window):
            if action.text() == text and action.isEnabled():
                trigger(name, action)

    expected = {"文件(&F) > 新建整改任务…", "编辑(&E) > 销号…", "编辑(&E) > 回头看…",
                "编辑(&E) > 整改时限与延期…", "导入(&I) > 通报…", "导出(&X) > 整改进展通报…",
                "佐证材料 > 添加文件…", "佐证材料 > 添加文件夹…", "进展 > 添加进展", "文件(&F) > 退出"}
    assert expected <= done, expected - done
    assert any(name.startswith("编辑(&E) > 撤销") for name in done)
    bad = [r.message for r in qtlog.records if "argument" in r.message.lower()]
    assert not bad
    assert {"SignoffDialog", "RecheckDialog", "ExtensionDialog", "ImportPreviewDialog"} <= set(driver.seen)
    exported = {p.suffix for p in driver.saved if p.exists()}
    assert {".docx", ".xlsx", ".zip"} <= exported, driver.saved


def detail_buttons(window) -> list[tuple[str, QAbstractButton]]:  # type: ignore[no-untyped-def]
    """The push buttons of the detail panel's tabs, named by tab (佐证材料 > 添加文件…)."""
    found = []
    tabs = window.detail
    for i in range(tabs.count()):
        for b in tabs.widget(i).findChildren(QAbstractButton):
            if type(b).__name__ == "QPushButton" and b.text() and b.isVisibleTo(tabs.widget(i)):
                found.append((f"{tabs.tabText(i)} > {b.text()}", b))
    return found


def campaign_context_actions(window) -> list[tuple[str, QAction]]:  # type: ignore[no-untyped-def]
    menu = window.campaign_context_menu(QPoint(5, 5)) if hasattr(window, "campaign_context_menu") else None
    return [(f"整改任务 > {a.text()}", a) for a in (menu.actions() if menu else []) if not a.isSeparator()]


def _main_window(fallback):  # type: ignore[no-untyped-def]
    """The live main window (a language switch replaces it)."""
    from rectdesk.gui.main_window import MainWindow

    live = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return live[-1] if live else fallback
