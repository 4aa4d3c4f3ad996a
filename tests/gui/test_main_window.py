"""The main window driven through its widgets, on a copy of the demo register."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from rectdesk.gui import palette

TODAY = date(2020, 11, 20)


def titles(w) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.problem_model.index(i, 2).data() for i in range(w.problem_model.rowCount())]


def search(qtbot, w, text: str) -> None:  # type: ignore[no-untyped-def]
    w.filter_bar.search.clear()
    w.filter_bar.search.insert(text)  # as typed (QTest cannot type Chinese key by key)
    qtbot.keyClick(w.filter_bar.search, Qt.Key.Key_Return)


def test_opens_on_the_campaign_with_its_problems_in_order(window) -> None:  # type: ignore[no-untyped-def]
    assert window.campaign_model.rowCount() == 1
    numbers = [window.problem_model.row_at(i).number for i in range(window.problem_model.rowCount())]
    assert numbers == list(range(1, 32))
    assert window.current_problem_id() is not None
    assert window.measure_model.rowCount() >= 1
    assert window.counts_label.text().startswith("问题 31 个")


def test_rows_are_coloured_by_deadline_state(window) -> None:  # type: ignore[no-untyped-def]
    colours = {window.problem_model.row_at(i).state.value:
               window.problem_model.index(i, 0).data(Qt.ItemDataRole.BackgroundRole)
               for i in range(window.problem_model.rowCount())}
    assert colours["逾期"] == QColor(palette.OVERDUE_TINT)
    window.select_problem(window.problem_model.row_at(30).id)
    states = {window.measure_model.row_at(i).status.value:
              window.measure_model.index(i, 0).data(Qt.ItemDataRole.BackgroundRole)
              for i in range(window.measure_model.rowCount())}
    assert states.get("已完成") == QColor(palette.GOOD_TINT)


def test_two_and_four_character_searches(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    search(qtbot, window, "扬尘")
    two = titles(window)
    assert two and len(two) < 31
    search(qtbot, window, "巡察整改")
    four = titles(window)
    assert 0 < len(four) < 31
    search(qtbot, window, "不存在的词语")
    assert window.problem_model.rowCount() == 0
    assert "显示 0 个" in window.counts_label.text()


def test_typing_filters_on_each_key_without_waiting(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A quick filter runs on the next turn of the event loop after each key, not 150 ms later."""
    from PySide6.QtCore import QCoreApplication

    box = window.filter_bar.search
    box.setFocus()
    qtbot.keyClicks(box, "1")
    QCoreApplication.processEvents()  # one turn: no time passes
    ones = titles(window)
    assert 0 < len(ones) < 31
    assert window.problem_model.row_at(window.problem_view.currentIndex().row()).number == 1
    qtbot.keyClicks(box, "5")
    QCoreApplication.processEvents()
    assert window.problem_model.rowCount() < len(ones)
    assert window.problem_model.row_at(window.problem_view.currentIndex().row()).number == 15
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    QCoreApplication.processEvents()
    assert titles(window) == ones


def test_after_a_slow_filter_typing_pauses_before_filtering(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from rectdesk.gui import filter_bar

    window.filter_bar.last_cost = 2 * filter_bar.QUICK_MS / 1000  # e.g. a first search of 50,000
    qtbot.keyClicks(window.filter_bar.search, "1")
    QCoreApplication.processEvents()
    assert window.problem_model.rowCount() == 31  # one filter for a burst of keys
    qtbot.waitUntil(lambda: window.problem_model.rowCount() < 31)
    assert window.filter_bar.last_cost * 1000 < filter_bar.QUICK_MS  # quick again: no pause


def test_text_an_input_method_commits_filters_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Chinese is typed through an input method: the composing text is not searched, the text
    it commits is, without a key event."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    box = window.filter_bar.search
    box.setFocus()
    QCoreApplication.sendEvent(box, QInputMethodEvent("yangchen", []))  # composing
    QCoreApplication.processEvents()
    assert box.text() == "" and window.problem_model.rowCount() == 31
    commit = QInputMethodEvent()
    commit.setCommitString("扬尘")
    QCoreApplication.sendEvent(box, commit)
    QCoreApplication.processEvents()
    found = titles(window)
    assert found and len(found) < 31
    assert all("扬尘" in window.problem_model.row_at(i).title or window.problem_model.row_at(i).id
               in window._search.search("扬尘") for i in range(len(found)))


def test_typed_filter_is_saved_when_the_window_closes(qtbot, demo_path) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui import filters, tasks, uistate
    from rectdesk.gui.main_window import MainWindow

    tasks.set_inline(True)
    try:
        w = MainWindow(demo_path, today=TODAY)
        qtbot.addWidget(w)
        qtbot.keyClicks(w.filter_bar.search, "12")
        qtbot.waitUntil(lambda: w.problem_model.rowCount() < 31)
        key = w._filter_key(w.current_campaign_id())
        w.close()
        saved = uistate.settings().value(key)  # the file, as the next start reads it
        assert filters.Filter.from_json(str(saved)).query == "12"
    finally:
        tasks.set_inline(False)


def test_filters_combine_and_persist_per_campaign(qtbot, window, demo_path) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui.main_window import MainWindow

    bar = window.filter_bar
    bar.department.setCurrentIndex(bar.department.findData("财务处"))
    by_dept = window.problem_model.rowCount()
    assert 0 < by_dept < 31
    assert all("财务处" in window.problem_model.row_at(i).departments for i in range(by_dept))
    bar.state.setCurrentIndex(bar.state.findData("逾期"))
    both = window.problem_model.rowCount()
    assert both <= by_dept
    assert all(window.problem_model.row_at(i).state.value == "逾期" for i in range(both))
    window.session.close()
    window.session = None
    again = MainWindow(demo_path, today=TODAY)
    qtbot.addWidget(again)
    assert again.filter_bar.department.currentData() == "财务处"
    assert again.problem_model.rowCount() == both
    again.filter_bar.clear()
    assert again.problem_model.rowCount() == 31


def test_sorting_by_a_column_is_a_list_sort(window) -> None:  # type: ignore[no-untyped-def]
    window.problem_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert window.problem_model.row_at(0).number == 31
    window.problem_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert window.problem_model.row_at(0).number == 1


def _measure_form(window, number: int = 1):  # type: ignore[no-untyped-def]
    window.select_problem(window.problem_model.row_at(0).id)
    window.select_measure(window.measure_model.row_at(number - 1).id)
    return window.detail.measure_form


def _lead_department(reg, mid: int) -> str:  # type: ignore[no-untyped-def]
    from rectdesk.store.views import measure_snapshot

    return measure_snapshot(reg, mid).lead_department


def test_edit_a_field_then_undo_and_redo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = _measure_form(window)
    mid = window.current_measure_id()
    before = form.ui.lead_department.currentText()
    line = form.ui.lead_department.lineEdit()
    line.selectAll()
    line.insert("信息中心")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert _lead_department(window.register, mid) == "信息中心"
    assert window.measure_model.index(0, 3).data() == "信息中心"
    assert window.detail.history_model.index(0, 5).data() == "信息中心"
    window.act_undo.trigger()
    assert _lead_department(window.register, mid) == before
    assert form.ui.lead_department.currentText() == before
    window.act_redo.trigger()
    assert _lead_department(window.register, mid) == "信息中心"
    assert window.act_redo.shortcuts()[0].toString() == "Ctrl+Shift+Z"


def test_invalid_deadline_is_explained_next_to_the_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = _measure_form(window)
    form.ui.deadline.selectAll()
    form.ui.deadline.insert("下个月吧")
    qtbot.keyClick(form.ui.deadline, Qt.Key.Key_Return)
    assert "无法识别的整改时限" in form.error_text("deadline")
    assert window.session.undo_stack.count() == 0


def test_add_progress_shows_in_the_timeline(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _measure_form(window)
    panel = window.detail.progress
    count = panel.model.rowCount()
    panel.ui.text.setPlainText("已召开专题会议部署整改")
    panel.ui.status.setCurrentIndex(panel.ui.status.findData("已完成"))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == count + 1
    assert panel.model.index(0, 2).data() == "已召开专题会议部署整改"
    status_column = [c.key for c in window.measure_model.columns].index("status")
    assert window.measure_model.index(0, status_column).data() == "已完成"


def test_add_and_delete_a_measure_with_undo(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.store.views import measure_ids

    window.select_problem(window.problem_model.row_at(0).id)
    pid = window.current_problem_id()
    start = measure_ids(window.register, pid)
    monkeypatch.setattr(window, "ask_text", lambda *a, **k: "建立扬尘治理长效机制")
    window.act_add_measure.trigger()
    after_add = measure_ids(window.register, pid)
    assert len(after_add) == len(start) + 1
    assert window.measure_model.index(len(start), 1).data() == "建立扬尘治理长效机制"
    assert window.current_measure_id() == after_add[-1]

    monkeypatch.setattr(window, "confirm", lambda *a: True)
    window.act_delete.trigger()
    assert measure_ids(window.register, pid) == start
    window.act_undo.trigger()  # the delete
    assert len(measure_ids(window.register, pid)) == len(start) + 1
    window.act_undo.trigger()  # the add
    assert measure_ids(window.register, pid) == start


def test_delete_asks_and_no_keeps_the_problem(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(window, "confirm", lambda *a: False)
    window.act_delete.trigger()
    assert window.problem_model.rowCount() == 31


def test_switch_language_to_english_and_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui.app import switch_language

    pid = window.current_problem_id()
    english = switch_language(window, "en")
    qtbot.addWidget(english)
    assert english.menu_file.title() == "&File"
    assert english.problem_model.headerData(2, Qt.Orientation.Horizontal) == "Problem"
    assert english.counts_label.text().startswith("Problems 31")
    assert english.current_problem_id() == pid
    chinese = switch_language(english, "zh_CN")
    qtbot.addWidget(chinese)
    assert chinese.menu_file.title() == "文件(&F)"


def test_empty_register_offers_new_campaign_and_demo(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(tmp_path / "new.rectdesk", today=TODAY)
    qtbot.addWidget(w)
    assert w.pages.currentWidget() is w.empty
    monkeypatch.setattr(w, "ask_text", lambda *a, **k: "2024年巡察整改")
    qtbot.mouseClick(w.empty.new_button, Qt.MouseButton.LeftButton)
    assert w.pages.currentWidget() is w.main_split
    assert w.campaign_model.index(0, 0).data() == "2024年巡察整改"


def test_menus_and_selection_api_for_add_ons(window) -> None:  # type: ignore[no-untyped-def]
    titles_ = [m.title() for m in (window.menu_file, window.menu_edit, window.menu_view,
                                   window.menu_import, window.menu_export, window.menu_help)]
    assert titles_ == ["文件(&F)", "编辑(&E)", "视图(&V)", "导入(&I)", "导出(&X)", "帮助(&H)"]
    assert window.current_campaign_id() is not None
    from PySide6.QtWidgets import QLabel

    index = window.add_detail_tab(QLabel("佐证"), "佐证材料")
    assert window.detail.tabText(index) == "佐证材料"
    assert window.addon_failures == []


def test_sorting_and_filtering_keep_the_selected_problem(window) -> None:  # type: ignore[no-untyped-def]
    row = window.problem_model.row_at(5)
    window.select_problem(row.id)
    window.problem_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert window.current_problem_id() == row.id
    at = window.problem_model.index_of(row.id)
    assert window.problem_view.selectionModel().isRowSelected(at)
    assert window.problem_model.row_at(at) == row
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(row.status.value))
    assert window.current_problem_id() == row.id
    assert {window.measure_model.row_at(i).problem_id
            for i in range(window.measure_model.rowCount())} == {row.id}
    titles_now = titles(window)
    assert titles_now == sorted(titles_now, reverse=True)  # the filter kept the sort order


def test_large_campaign_shows_its_first_rows_then_all(qtbot, demo_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool

    from rectdesk.gui import main_window
    from rectdesk.store import services

    monkeypatch.setattr(main_window, "FIRST_ROWS", 10)
    w = main_window.MainWindow(demo_path, today=TODAY)  # not inline: the rest loads on a worker
    qtbot.addWidget(w)
    assert w.problem_model.rowCount() == 10
    assert w.counts_label.text() == ""  # no counts from a partial list
    from rectdesk.store.views import problem_rows

    twentieth = problem_rows(w.register, w.current_campaign_id(), TODAY)[19]
    w.session.call(services.update_problem, twentieth.id, title="边加载边修改的问题")
    later = problem_rows(w.register, w.current_campaign_id(), TODAY)[25]
    w.select_problem(later.id)  # e.g. after a language switch: kept until its row arrives
    qtbot.waitUntil(lambda: w.problem_model.rowCount() == 31 and not w._loading)
    assert w.current_problem_id() == later.id
    assert w.counts_label.text().startswith("问题 31 个")
    assert titles(w)[19] == "边加载边修改的问题"  # the write during the load is not lost
    assert [w.problem_model.row_at(i).number for i in range(31)] == list(range(1, 32))
    qtbot.waitUntil(lambda: w._search.loaded)
    QThreadPool.globalInstance().waitForDone()


def test_rows_read_while_the_register_opens_are_read_again_after_a_write(qtbot, demo_path,  # type: ignore[no-untyped-def]
                                                                         monkeypatch) -> None:
    """All rows are read beside the opening; a write that lands after that read (here another
    program's, once the register is open) is not lost: the window reads them again."""
    import sqlite3
    import threading

    from PySide6.QtCore import QThreadPool

    from rectdesk.gui import main_window
    from rectdesk.store import views

    monkeypatch.setattr(main_window, "FIRST_ROWS", 10)
    _close_cleanly(demo_path)
    real, read, written = views.read_ahead, threading.Event(), threading.Event()

    def read_then_wait(*args, **kwargs):  # type: ignore[no-untyped-def]
        ahead = real(*args, **kwargs)
        read.set()
        written.wait(10)
        return ahead

    monkeypatch.setattr(views, "read_ahead", read_then_wait)
    w = main_window.MainWindow(demo_path, today=TODAY, defer=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: read.is_set() and w.session is not None)
    assert w._loading  # waiting for the rows read beside the opening
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE problem SET title = '读取之后改的标题' WHERE position = 20")
    con.commit()
    con.close()
    written.set()
    qtbot.waitUntil(lambda: not w._loading)
    assert titles(w)[19] == "读取之后改的标题"
    assert w.counts_label.text().startswith("问题 31 个")
    QThreadPool.globalInstance().waitForDone()


def _close_cleanly(path) -> None:  # type: ignore[no-untyped-def]
    """As after a session that ended well: the clean-close marker beside the file."""
    from rectdesk.store.register import Register

    Register.open(path).close()


@pytest.mark.parametrize("clean", [True, False])
def test_started_window_adopts_the_rows_read_beside_the_opening(qtbot, demo_path,  # type: ignore[no-untyped-def]
                                                                monkeypatch, clean) -> None:
    """A file closed cleanly has all its rows read beside the opening; any other (a copy, a
    crash) is checked first as it opens, and its rows are read after that."""
    from PySide6.QtCore import QThreadPool

    from rectdesk.gui import main_window
    from rectdesk.store import views

    monkeypatch.setattr(main_window, "FIRST_ROWS", 10)
    if clean:
        _close_cleanly(demo_path)
    reads: list[str] = []
    for name in ("read_ahead", "problem_rows"):
        real = getattr(views, name)
        monkeypatch.setattr(views, name, lambda *a, _f=real, _n=name, **k: (
            reads.append(_n if k.get("limit") is None and not k.get("problem_ids") else "first"),
            _f(*a, **k))[1])
    w = main_window.MainWindow(demo_path, today=TODAY, defer=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.session is not None and not w._loading)
    assert w.problem_model.rowCount() == 31
    assert w.counts_label.text().startswith("问题 31 个")
    assert reads.count("read_ahead" if clean else "problem_rows") == 1  # all rows read once
    assert ("problem_rows" if clean else "read_ahead") not in reads
    QThreadPool.globalInstance().waitForDone()


def test_started_window_reads_ahead_under_a_saved_search_too(qtbot, demo_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool

    from rectdesk.gui import filters, main_window, uistate
    from rectdesk.store import views

    monkeypatch.setattr(main_window, "FIRST_ROWS", 10)
    _close_cleanly(demo_path)
    peek = views.peek(demo_path, TODAY, 10)
    assert peek is not None
    uistate.settings().setValue(f"filters/{peek.register_id}/{peek.campaigns[0].id}",
                                filters.Filter(query="扬尘").to_json())
    reads: list[str] = []
    real = views.read_ahead
    monkeypatch.setattr(views, "read_ahead", lambda *a, **k: (reads.append("ahead"), real(*a, **k))[1])
    w = main_window.MainWindow(demo_path, today=TODAY, defer=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.session is not None and not w._loading)
    assert reads == ["ahead"]
    assert w.filter_bar.search.text() == "扬尘"
    assert 0 < w.problem_model.rowCount() < 31
    assert w.counts_label.text().startswith("问题 31 个")
    QThreadPool.globalInstance().waitForDone()


def test_started_window_shows_rows_before_the_register_is_open(qtbot, demo_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool

    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(demo_path, today=TODAY, defer=True)  # as `rectdesk` starts
    qtbot.addWidget(w)
    seen: list[tuple[bool, list[str]]] = []  # (register open?, titles) when rows first show
    assert not w._built  # the frame paints first; the tables' models come after that paint
    w.built.connect(lambda: w.problem_model.modelReset.connect(
        lambda: seen or not w.problem_model.rowCount() or seen.append((w.session is not None,
                                                                       titles(w)))))
    w.show()
    qtbot.waitUntil(lambda: bool(seen))
    opened, first = seen[0]
    assert not opened  # read straight from the file; SQLAlchemy and the register come after
    qtbot.waitUntil(lambda: w.session is not None and w.counts_label.text().startswith("问题 31 个"))
    assert titles(w) == first
    assert w.current_problem_id() == w.problem_model.row_at(0).id
    assert w.measure_model.rowCount() >= 1
    qtbot.waitUntil(lambda: w.addon_failures == [] and w.detail.count() > 1)  # add-ons after
    QThreadPool.globalInstance().waitForDone()
