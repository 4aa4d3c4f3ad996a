"""Undo and redo of adding progress and of deletes, driven through the window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from rectdesk.core.model import MeasureStatus
from rectdesk.store import evidence, services
from rectdesk.store.models import ChangeLog, Measure
from rectdesk.store.views import measure_ids, measure_snapshot, progress_entries

TODAY = date(2020, 11, 20)


@pytest.fixture
def window(window, monkeypatch):  # type: ignore[no-untyped-def]
    """The shared window (tests/gui/conftest.py), answering yes to every question."""
    monkeypatch.setattr(window, "confirm", lambda *a: True)
    return window


def select_measure(w, number: int):  # type: ignore[no-untyped-def]
    w.select_problem(w.problem_model.row_at(0).id)
    w.select_measure(w.measure_model.row_at(number - 1).id)
    return w.current_measure_id()


def actions(reg) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with reg.reading() as s:
        return [tuple(r) for r in s.execute(select(ChangeLog.action, ChangeLog.entity)
                                            .order_by(ChangeLog.id))]


def test_adding_progress_is_undone_and_redone(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    mid = select_measure(window, 1)
    reg = window.register
    status = measure_snapshot(reg, mid).status
    panel = window.detail.progress
    count = panel.model.rowCount()
    panel.ui.text.setPlainText("已召开专题会议部署整改")
    panel.ui.status.setCurrentIndex(panel.ui.status.findData("已完成"))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(0, 2).data() == "已召开专题会议部署整改"
    assert window.act_undo.text().endswith("添加进展")

    window.act_undo.trigger()
    assert panel.model.rowCount() == count
    assert [g.text for g in progress_entries(reg, mid)].count("已召开专题会议部署整改") == 0
    assert measure_snapshot(reg, mid).status is status  # the status it moved is put back
    status_column = [c.key for c in window.measure_model.columns].index("status")
    assert window.measure_model.index(0, status_column).data() == status.value
    assert ("delete", "progress") in actions(reg)

    window.act_redo.trigger()
    assert panel.model.index(0, 2).data() == "已召开专题会议部署整改"
    assert measure_snapshot(reg, mid).status.value == "已完成"


def test_undo_of_a_deleted_measure_brings_back_all_it_had(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mid = select_measure(window, 2)
    reg = window.register
    pid = window.current_problem_id()
    services.request_extension(reg, mid, "2021-06-30", "需要跨年度实施", requested_by="办公室")
    services.record_progress(reg, mid, "2020-11-05", "已完成方案起草")
    doc = tmp_path / "方案.pdf"
    doc.write_bytes(b"%PDF-1.4 fake")
    evidence.attach_files(reg, [doc], measure_id=mid, title="整改方案")
    before = measure_snapshot(reg, mid)
    order = measure_ids(reg, pid)

    window.act_delete.trigger()
    assert mid not in measure_ids(reg, pid)
    window.act_undo.trigger()
    assert measure_ids(reg, pid) == order  # same id, same place
    back = measure_snapshot(reg, mid)
    assert back == before  # extensions, progress, leaders, status, deadline
    assert [e.title for e in evidence.list_evidence(reg, measure_id=mid)] == ["整改方案"]
    assert window.measure_model.row_at(1).id == mid
    assert actions(reg)[-1] == ("restore", "measure")

    window.act_redo.trigger()
    assert mid not in measure_ids(reg, pid)
    window.act_undo.trigger()
    assert measure_snapshot(reg, mid) == before


def test_undo_of_a_deleted_problem_is_a_restore_not_an_import(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    reg = window.register
    window.select_problem(window.problem_model.row_at(2).id)
    pid = window.current_problem_id()
    title = window.problem_model.row_at(2).title
    mids = measure_ids(reg, pid)
    imports = actions(reg).count(("import", "campaign"))

    window.act_delete.trigger()
    assert window.problem_model.rowCount() == 30
    window.act_undo.trigger()
    assert window.problem_model.rowCount() == 31
    row = window.problem_model.row_at(2)
    assert (row.id, row.number, row.title) == (pid, 3, title)
    assert measure_ids(reg, pid) == mids
    assert actions(reg)[-1] == ("restore", "problem")
    assert actions(reg).count(("import", "campaign")) == imports


def test_edits_made_after_a_restore_still_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Commands keep the ids they were made with; a restore under a new id is followed."""
    mid = select_measure(window, 1)
    reg = window.register
    window.act_delete.trigger()
    pid = window.current_problem_id()
    with reg.transaction() as s:  # an import outside the undo stack took the freed id
        s.add(Measure(id=mid, problem_id=pid, position=9, text="占位措施", result="",
                      status=MeasureStatus.NOT_STARTED))
    window.act_undo.trigger()
    restored = window.session.ids("measure", mid)
    assert restored != mid
    assert measure_snapshot(reg, restored).number == 1
    assert measure_snapshot(reg, mid).text == "占位措施"
    window.select_measure(restored)
    window.detail.measure_form.ui.deadline.selectAll()
    window.detail.measure_form.ui.deadline.insert("2021年3月底")
    qtbot.keyClick(window.detail.measure_form.ui.deadline, Qt.Key.Key_Return)
    assert measure_snapshot(reg, restored).deadline.text == "2021年3月底"
    window.act_undo.trigger()
    assert measure_snapshot(reg, restored).deadline.text != "2021年3月底"
