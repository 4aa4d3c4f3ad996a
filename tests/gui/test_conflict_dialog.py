"""Two workstations on one register, seen from the window: a stale save shows both versions
and the user's choice decides; other workstations' edits appear after a poll."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rectdesk.gui.dialogs import conflict
from rectdesk.store import concurrency, queries, services
from rectdesk.store.register import Register

TODAY = date(2020, 11, 20)


@pytest.fixture
def other(demo_path: Path):  # type: ignore[no-untyped-def]
    """Workstation B: a second Register on the same register (one process may share a file)."""
    reg = Register.open(demo_path, operator="乙")
    reg.workstation = "WS-B"
    yield reg
    reg.close()


@pytest.fixture
def window(window):  # type: ignore[no-untyped-def]
    """The shared window (tests/gui/conftest.py) as workstation A."""
    window.session.reg.operator, window.session.reg.workstation = "甲", "WS-A"
    return window


def a_conflict() -> concurrency.EditConflict:
    return concurrency.EditConflict("measure", 1, 2, 3, {"text": "每周巡河两次", "leaders": ["张三"]},
                                    {"text": "每日巡河一次", "leaders": ["李四", "王五"]})


def test_dialog_shows_both_versions_and_the_choice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = conflict.ConflictDialog(a_conflict())
    qtbot.addWidget(dialog)
    dialog.show()
    m = dialog.model
    shown = [[m.index(r, c).data() for c in range(3)] for r in range(m.rowCount())]
    assert shown == [["整改措施", "每周巡河两次", "每日巡河一次"], ["责任领导", "张三", "李四、王五"]]
    assert "第 2 版" in dialog.message.text() and "第 3 版" in dialog.message.text()
    dialog.grab().save(str(tmp_path / "conflict.png"))
    dialog.keep_mine.click()
    assert dialog.choice == conflict.KEEP_MINE and dialog.result() == dialog.DialogCode.Accepted


@pytest.mark.parametrize("choice", [conflict.KEEP_MINE, conflict.KEEP_THEIRS])
def test_stale_save_from_the_window_asks_and_loses_nothing(window, other, monkeypatch,  # type: ignore[no-untyped-def]
                                                           choice: str) -> None:
    session = window.session
    mid = queries.load_campaign(other, 1).problems[0].measures[0].id
    session.seen[("measure", mid)] = concurrency.version_of(session.reg, "measure", mid)
    services.update_measure(other, mid, note="乙先保存的备注")  # B saves while A looks at v.n
    asked: list[concurrency.EditConflict] = []
    monkeypatch.setattr(conflict, "ask", lambda _parent, c: asked.append(c) or choice)
    session.call(services.update_measure, mid, note="甲的备注")
    assert len(asked) == 1 and asked[0].theirs == {"note": "乙先保存的备注"}
    assert asked[0].mine == {"note": "甲的备注"}
    stored = queries.load_campaign(other, 1).problems[0].measures[0].note
    assert stored == ("甲的备注" if choice == conflict.KEEP_MINE else "乙先保存的备注")
    session.call(services.update_measure, mid, note="甲再改一次")  # now current: no question
    assert len(asked) == 1


def test_poll_shows_other_workstations_edits(window, other) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui.refresh import RefreshPoller

    poller = window.addon(RefreshPoller)
    poller.files_too = True
    poller.poll()  # baseline
    pid = window.problem_model.row_at(0).id
    services.update_problem(other, pid, title="乙改过的问题标题")
    assert window.problem_model.row_at(0).title != "乙改过的问题标题"
    poller.poll()
    assert window.problem_model.row_at(0).title == "乙改过的问题标题"


def test_connect_server_builds_the_url_and_sits_in_the_file_menu(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.gui.dialogs.connect_server import ConnectServerDialog

    assert window.action("connect_server") in window.menu_file.actions()
    dialog = ConnectServerDialog(window)
    qtbot.addWidget(dialog)
    dialog.host.setText("10.1.2.3")
    dialog.database.setText("zhenggai")
    dialog.user.setText("office")
    dialog.password.setText("p@ss")
    assert dialog.url() == "postgresql://office:p%40ss@10.1.2.3:5432/zhenggai"
