"""The 修改记录 tab: a problem's history includes its measures' changes and progress, newest first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

TODAY = date(2020, 11, 20)


def shown(w) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    m = w.detail.history_model
    return [(m.index(i, 2).data(), m.index(i, 3).data(), m.index(i, 5).data())
            for i in range(m.rowCount())]


def click_row(qtbot, view, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_problem_history_shows_its_measures_changes_and_progress(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_problem(window.problem_model.row_at(0).id)
    click_row(qtbot, window.measure_view, 1)
    form = window.detail.measure_form
    line = form.ui.lead_department.lineEdit()
    line.selectAll()
    line.insert("信息中心")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    panel = window.detail.progress
    panel.ui.text.setPlainText("已召开专题会议部署整改")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    click_row(qtbot, window.problem_view, 0)
    assert window.current_measure_id() is None
    rows = shown(window)
    assert rows[0] == ("新增", "措施2进展：内容", "已召开专题会议部署整改")
    assert rows[1] == ("修改", "措施2：责任部门", "信息中心")
    times = [window.detail.history_model.row_at(i).at for i in range(len(rows))]
    assert times == sorted(times, reverse=True)

    click_row(qtbot, window.measure_view, 1)  # a measure's own history: no prefix needed
    assert shown(window)[1] == ("修改", "责任部门", "信息中心")


def test_a_restored_measure_keeps_its_history(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(window, "confirm", lambda *a: True)
    window.select_problem(window.problem_model.row_at(0).id)
    click_row(qtbot, window.measure_view, 0)
    form = window.detail.measure_form
    form.ui.deadline.selectAll()
    form.ui.deadline.insert("2021年3月底")
    qtbot.keyClick(form.ui.deadline, Qt.Key.Key_Return)
    window.act_delete.trigger()
    window.act_undo.trigger()
    click_row(qtbot, window.problem_view, 0)
    rows = shown(window)
    assert rows[0][:2] == ("恢复", "措施1：整改措施")
    assert rows[1][:2] == ("删除", "措施1：整改措施")
    assert ("修改", "措施1：整改时限", "2021年3月底") in rows
