"""Two workstations save the same measure: the second sees a conflict, neither edit is lost.

Runs on SQLite and (with RECTDESK_TEST_PG_URL) on PostgreSQL: see tests/store/conftest.py."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rectdesk.core.errors import RectDeskError
from rectdesk.store import concurrency, queries, services
from rectdesk.store.models import ChangeLog
from rectdesk.store.register import Register


@pytest.fixture
def two(empty_register):  # type: ignore[no-untyped-def]
    """Workstations A and B on one register (the same file, or the same server database)."""
    a = empty_register
    target = getattr(a.backend, "url", None) or a.path
    b = Register.open(target, operator="乙")
    a.operator, a.workstation, b.workstation = "甲", "WS-A", "WS-B"
    services.create_campaign(a, "巡察反馈意见整改", kind="巡察", feedback_date="2020-07-13")
    services.add_problem(a, 1, "河道垃圾清理不及时")
    services.add_measure(a, 1, "每周巡河一次", lead_department="区水务局")
    yield a, b
    b.close()


def measure(reg):  # type: ignore[no-untyped-def]
    return queries.load_campaign(reg, 1).problems[0].measures[0]


def test_second_save_sees_both_versions_and_neither_edit_is_lost(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    seen_a = concurrency.version_of(a, "measure", 1)
    seen_b = concurrency.version_of(b, "measure", 1)
    concurrency.update_measure(a, 1, seen_a, text="每日巡河一次")
    with pytest.raises(concurrency.EditConflict) as info:
        concurrency.update_measure(b, 1, seen_b, text="每周巡河两次", result="已清理")
    conflict = info.value
    assert isinstance(conflict, RectDeskError) and "保存冲突" in str(conflict)
    assert (conflict.expected, conflict.current) == (seen_b, seen_b + 1)
    assert conflict.mine == {"text": "每周巡河两次", "result": "已清理"}
    assert conflict.theirs == {"text": "每日巡河一次", "result": ""}
    assert measure(a).text == "每日巡河一次" and measure(a).result == ""  # nothing of B's written
    # B keeps its own version after seeing A's: saved on top of A's, which stays in the log.
    concurrency.update_measure(b, 1, conflict.current, **conflict.mine)
    assert (measure(a).text, measure(a).result) == ("每周巡河两次", "已清理")
    with a.reading() as s:
        log = s.execute(select(ChangeLog.operator, ChangeLog.workstation, ChangeLog.old_value,
                               ChangeLog.new_value).where(ChangeLog.entity == "measure",
                                                          ChangeLog.field == "text")
                        .order_by(ChangeLog.id)).all()
    assert [tuple(r) for r in log[-2:]] == [("甲", "WS-A", "每周巡河一次", "每日巡河一次"),
                                           ("乙", "WS-B", "每日巡河一次", "每周巡河两次")]


def test_links_only_edit_moves_the_version_and_is_checked(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    seen = concurrency.version_of(b, "measure", 1)
    concurrency.update_measure(a, 1, seen, leaders=["张三"])
    assert concurrency.version_of(b, "measure", 1) == seen + 1
    with pytest.raises(concurrency.EditConflict) as info:
        concurrency.update_measure(b, 1, seen, leaders=["李四"])
    assert info.value.theirs == {"leaders": ["张三"]}
    assert measure(a).leaders == ["张三"]


def test_unguarded_services_still_save_last_writer(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    services.update_measure(a, 1, note="甲的备注")
    services.update_measure(b, 1, note="乙的备注")
    assert measure(a).note == "乙的备注"


def test_changes_since_names_what_other_workstations_wrote(two) -> None:  # type: ignore[no-untyped-def]
    a, b = two
    start = concurrency.change_counter(b)
    services.update_measure(a, 1, note="甲改了备注")
    services.update_measure(b, 1, result="乙自己的修改")
    newest, changes = concurrency.changes_since(b, start, skip_workstation="WS-B")
    assert newest == concurrency.change_counter(a) > start
    assert (set(changes.measures), set(changes.problems)) == ({1}, {1})
    assert concurrency.changes_since(b, newest, skip_workstation="WS-B")[1] == services.Changes()
