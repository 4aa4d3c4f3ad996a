"""What a clerk reaches from the main window's menus, each checked on the screen and in the
register: first run, new register, reopening where one left off, importing the same document
twice, renaming and deleting campaigns with undo, the language round trip with the undo history,
search by number and date, the counts, the once-a-day reminder, the settings' warning windows,
read-only opening beside another writer, and the append-only change log."""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import Driver, wait_for_tasks
from prepared import SAMPLE, WINDOW_TODAY, prepared_files
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication

from rectdesk.store import queries


def menu_action(window, *path: str):  # type: ignore[no-untyped-def]
    """The action under menu texts, e.g. ("文件(&F)", "新建台账…")."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == path[0])
    for text in path[1:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == text)
    found = [a for a in menu.actions() if a.text() == path[-1]]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def open_window(qtbot, path: Path | None = None):  # type: ignore[no-untyped-def]
    from rectdesk.gui.app import startup_register
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(path or startup_register(), today=WINDOW_TODAY)
    qtbot.addWidget(w)
    w.show()
    wait_for_tasks()
    return w


@pytest.fixture
def driver(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    return Driver(files={"txt": [SAMPLE]}, out_dir=out).install(monkeypatch)


def test_first_run_creates_the_default_register_then_a_new_one(qtbot, driver, rectdesk_home):
    from rectdesk import paths

    w = open_window(qtbot)
    assert paths.default_register().is_file()  # folder and file made; no error box
    assert not driver.errors and w.session is not None
    assert w.pages.currentWidget() is w.empty
    menu_action(w, "文件(&F)", "新建台账…").trigger()
    driver.settle()
    assert w.register_path == driver.saved[-1] and w.register_path.is_file()
    assert w.windowTitle().endswith(w.register_path.name)
    # the empty page's text is laid out whole (not squeezed to one narrow column)
    hint = w.empty.hint
    qtbot.waitUntil(lambda: hint.isVisible() and hint.heightForWidth(hint.width()) <= hint.height())
    assert hint.width() >= 300


def test_import_twice_asks_and_update_adds_nothing_twice(qtbot, driver, demo_path):
    w = open_window(qtbot, demo_path)
    before = queries.summary(w.register)
    menu_action(w, "导入(&I)", "通报…").trigger()
    driver.settle()
    assert "QMessageBox" in driver.seen  # 重复导入: update / as new / cancel (update chosen)
    assert any("已更新整改任务" in text for text in driver.infos), driver.infos
    after = queries.summary(w.register)
    assert (after["campaigns"], after["problems"], after["measures"]) == (
        before["campaigns"], before["problems"], before["measures"])


def test_a_new_import_is_announced_and_selected(qtbot, driver, tmp_path):
    w = open_window(qtbot, tmp_path / "new.rectdesk")
    menu_action(w, "导入(&I)", "通报…").trigger()
    driver.settle()
    assert any(text.endswith("已导入 31 个问题、63 条整改措施。") for text in driver.infos), driver.infos
    assert w.current_campaign_id() is not None and w.problem_model.rowCount() == 31
    assert w.pages.currentWidget() is w.main_split


def test_rename_and_delete_a_campaign_with_undo(qtbot, driver, demo_path):
    w = open_window(qtbot, demo_path)
    cid = w.current_campaign_id()
    evidence = prepared_files(demo_path.parent / "in", demo_path)  # noqa: F841 - forms issued
    driver.text_answers.append("第五巡察组反馈问题整改")
    menu = w.campaign_context_menu(QPoint(5, 5))
    next(a for a in menu.actions() if a.text() == "重命名整改任务…").trigger()
    assert w.campaign_model.row_at(0).title == "第五巡察组反馈问题整改"
    menu = w.campaign_context_menu(QPoint(5, 5))
    next(a for a in menu.actions() if a.text() == "删除整改任务…").trigger()
    assert w.campaign_model.rowCount() == 0 and w.pages.currentWidget() is w.empty
    assert queries.campaigns(w.register) == []
    w.act_undo.trigger()  # every row back: problems, measures, owners, forms issued
    assert queries.campaigns(w.register) == [(cid, "第五巡察组反馈问题整改")]
    assert w.problem_model.rowCount() == 31 and queries.summary(w.register)["measures"] == 63
    w.act_undo.trigger()
    assert w.campaign_model.row_at(0).title != "第五巡察组反馈问题整改"
    assert not driver.errors


def test_language_round_trip_keeps_the_undo_history(qtbot, demo_path, monkeypatch):
    from rectdesk.gui.app import switch_language
    from rectdesk.gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "ask_text", lambda *a, **k: "语言切换前新增的问题")
    window = MainWindow(demo_path, today=WINDOW_TODAY)  # not qtbot's: switching deletes it
    window.show()
    window.act_add_problem.trigger()
    assert window.problem_model.rowCount() == 32
    english = switch_language(window, "en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the old window goes
    assert english.windowTitle().startswith("RectDesk Rectification Register")
    chinese = switch_language(english, "zh_CN")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.addWidget(chinese)
    assert chinese.menu_file.title() == "文件(&F)" and chinese.act_undo.isEnabled()
    chinese.act_undo.trigger()  # the stack survived both windows
    assert chinese.problem_model.rowCount() == 31


def test_english_dialogs_show_english_dates_and_blockers(qtbot, window):
    from rectdesk.gui.app import switch_language
    from rectdesk.gui.dialogs.signoff_dialog import SignoffDialog

    english = switch_language(window, "en")
    qtbot.addWidget(english)
    try:
        dialog = SignoffDialog(english.session, english.current_problem_id(), english)
        text = dialog.blockers_label.text()
        assert "Measure 1.1 has no evidence" in text and "措施" not in text
    finally:
        switch_language(english, "zh_CN")


def test_search_by_number_and_date_and_the_empty_hint(qtbot, window):
    window.filter_bar.search.setText("7")
    window.apply_filter()
    assert window.problem_model.row_at(window.problem_view.currentIndex().row()).number == 7
    window.filter_bar.search.setText("7.2")
    window.apply_filter()
    assert window.measure_model.row_at(window.measure_view.currentIndex().row()).number == 2
    assert window.current_measure_id() is not None
    window.filter_bar.search.setText("")
    window.apply_filter()
    model = window.problem_model
    due_col = [c.key for c in model.columns].index("due")
    row = next(i for i in range(model.rowCount()) if model.row_at(i).due is not None)
    due = model.row_at(row).due
    window.filter_bar.search.setText(model.index(row, due_col).data())  # as the table shows it
    window.apply_filter()
    assert window.problem_model.rowCount() >= 1
    assert all(r.due == due for r in window.problem_model.rows())
    window.filter_bar.search.setText("完全不存在的词语")
    window.apply_filter()
    assert window.problem_model.rowCount() == 0
    assert "没有找到" in window.statusBar().currentMessage()


def test_counts_partition_the_problems_and_name_the_unit(window):
    text = window.counts_label.text()
    assert text.startswith("问题 31 个：")
    shown = window.problem_model.rows()
    long_term = sum(1 for r in shown if "长期坚持" in (r.status.value, r.state.value))
    assert f"长期坚持 {long_term}" in text and long_term > 0


def test_reminder_opens_once_a_day_and_always_from_the_menu(qtbot, demo_path):
    from rectdesk.gui.dialogs.open_summary import OpenSummaryDialog

    def shown(w) -> int:  # type: ignore[no-untyped-def]
        return sum(1 for d in w.findChildren(OpenSummaryDialog) if d.isVisible())

    first = open_window(qtbot, demo_path)
    qtbot.waitUntil(lambda: shown(first) == 1)
    first.close()
    second = open_window(qtbot, demo_path)
    wait_for_tasks()
    assert shown(second) == 0  # the same day: not again
    menu_action(second, "视图(&V)", "到期提醒").trigger()
    wait_for_tasks()
    assert shown(second) == 1


def test_the_tables_follow_the_settings_warning_windows(qtbot, driver, window):
    from rectdesk.core.deadlines import DeadlineState

    def states() -> list[DeadlineState]:
        return [r.state for r in window._all_rows]

    before = states().count(DeadlineState.DUE_SOON)

    def wide(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.ui.warn_days.setValue(60)
        dialog.ui.notice_days.setValue(90)
        dialog.accept()

    driver.handlers["SettingsDialog"] = wide
    menu_action(window, "文件(&F)", "设置…").trigger()
    assert window.deadline_days == {"warn_days": 60, "notice_days": 90}
    assert states().count(DeadlineState.DUE_SOON) > before


def test_reopening_without_a_path_returns_to_the_last_register_and_problem(qtbot, demo_path):
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(demo_path, today=WINDOW_TODAY)
    qtbot.addWidget(w)
    w.select_problem(w.problem_model.row_at(6).id)
    pid = w.current_problem_id()
    w.close()
    again = open_window(qtbot)  # `rectdesk` with no --db
    assert again.register_path == demo_path.resolve() or again.register_path == demo_path
    assert again.current_problem_id() == pid


def test_a_register_held_elsewhere_opens_read_only(qtbot, demo_path, monkeypatch):
    import os
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom rectdesk.store.register import Register\n"
        "reg = Register.open(sys.argv[1])\nprint('ready', flush=True)\nsys.stdin.read()\nreg.close()\n"),
        str(demo_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        from rectdesk.gui.main_window import MainWindow

        asked: list[str] = []
        monkeypatch.setattr(MainWindow, "confirm", lambda self, title, q: asked.append(q) or True)
        w = open_window(qtbot, demo_path)
        assert asked and "本机的另一个 RectDesk 窗口" in asked[0]
        assert w.session is not None and w.session.reg.read_only
        assert "（只读）" in w.windowTitle() and w.problem_model.rowCount() == 31
        w.close()
    finally:
        holder.communicate("", timeout=60)


def test_undoing_progress_keeps_both_lines_in_the_history(qtbot, window):
    from PySide6.QtCore import Qt

    window.select_problem(window.problem_model.row_at(0).id)
    window.select_measure(window.measure_model.row_at(0).id)
    panel = window.detail.progress
    panel.ui.text.setPlainText("召开专题会议")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    window.act_undo.trigger()
    window.select_problem(window.problem_model.row_at(1).id)  # away and back: read afresh
    window.select_problem(window.problem_model.row_at(0).id)
    rows = [(r.action, r.entity) for r in window.detail.history_model.rows()]
    assert ("create", "progress") in rows and ("delete", "progress") in rows


def test_the_window_fits_a_1366x768_screen(qtbot, demo_path):
    """Opened no larger than the screen allows, and small enough for 1366x768 less a taskbar."""
    w = open_window(qtbot, demo_path)
    free = QApplication.primaryScreen().availableGeometry()
    minimum = w.minimumSizeHint()
    assert minimum.width() <= 1366 - 20 and minimum.height() <= 768 - 40
    assert w.width() <= max(free.width(), minimum.width())
    assert w.height() <= max(free.height() - 40, minimum.height())


def test_qt_own_dialogs_speak_chinese(qtbot):
    """Qt's own strings (the file dialog's 查找范围, 文件类型) come from the qtbase_zh_CN.qm that
    PySide6 ships and the bundle keeps."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from rectdesk.gui import i18n

    i18n.install("zh_CN")
    dialog = QFileDialog(None, "打开台账")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels, labels


def test_import_preview_lists_and_shades_what_to_check(qtbot, driver, tmp_path):
    """导入 -> 通报… on a document the importer is unsure of: the doubts are listed, their rows
    shaded orange with the reason as tooltip, and clicking one selects its row."""
    from driver import button

    from rectdesk.gui.dialogs.import_preview import FLAGGED, ImportPreviewDialog

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins" / "agencies" / "06_audit_list_then_rectify.txt"
    driver.files["txt"] = [fixture]
    w = open_window(qtbot, tmp_path / "r.rectdesk")
    seen: dict[str, object] = {}

    def look(dialog: ImportPreviewDialog) -> None:
        button(dialog, "选择文件…").click()
        wait_for_tasks()
        lines = dialog.flags_model.stringList()
        first = dialog.model.index(0, 0)
        row = next(i for i, line in enumerate(lines) if "问题 2" in line)
        dialog.flags_view.clicked.emit(dialog.flags_model.index(row, 0))
        seen.update(lines=lines, label=dialog.flags_label.text(), selected=dialog.selected(),
                    colour=first.data(Qt.ItemDataRole.BackgroundRole).color(),
                    tip=first.data(Qt.ItemDataRole.ToolTipRole))
        dialog.reject()

    driver.handlers["ImportPreviewDialog"] = look  # type: ignore[assignment]
    menu_action(w, "导入(&I)", "通报…").trigger()
    driver.settle()
    lines = seen["lines"]
    assert len(lines) == 4 and any(line.startswith("状态由全文或本节的总述推断") for line in lines)  # type: ignore[arg-type]
    assert "需要核对 4 处" in str(seen["label"])
    assert seen["colour"] == FLAGGED and "状态由全文" in str(seen["tip"])
    assert seen["selected"] == [("problem", 1)]


def test_restoring_another_registers_backup_asks_first(qtbot, driver, demo_path, tmp_path):
    """文件 -> 备份与恢复…: a sound backup that is not of this register's lineage (copied into
    its backup folder by hand) is restored only after the user says yes to what it is."""
    from rectdesk import paths
    from rectdesk.store import backup, services
    from rectdesk.store.register import Register

    other = tmp_path / "other.rectdesk"
    with Register.open(other, operator="测试员") as reg:
        services.create_campaign(reg, "另一个台账的整改任务")
    folder = paths.backup_dir(demo_path)
    folder.mkdir(parents=True, exist_ok=True)
    backup.backup_file(other, folder / f"{demo_path.stem}-20990101-000000-manual.rectdesk")
    w = open_window(qtbot, demo_path)
    questions: list[str] = []

    def restore_newest(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.table.selectRow(0)  # the newest: the foreign copy
        dialog.confirm = lambda q: questions.append(q) or True
        dialog.restore_button.click()
        wait_for_tasks()
        dialog.reject()

    driver.handlers["BackupRestoreDialog"] = restore_newest
    menu_action(w, "文件(&F)", "备份与恢复…").trigger()
    driver.settle()
    assert len(questions) == 2 and "另一个台账" in questions[1], (questions, driver.errors, driver.infos, driver.warnings)
    assert w.register is not None, (driver.errors, driver.warnings, driver.infos)
    assert queries.campaigns(w.register) == [(1, "另一个台账的整改任务")]
    assert not driver.errors
