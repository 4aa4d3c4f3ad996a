"""The table rows: a problem shows what its measures say."""

from __future__ import annotations

from datetime import date

from rectdesk.core.deadlines import DeadlineState
from rectdesk.core.model import ProblemStatus
from rectdesk.store import services, views


def test_problem_row_aggregates_its_measures(empty_register) -> None:  # type: ignore[no-untyped-def]
    reg = empty_register
    cid = next(iter(services.create_campaign(reg, "任务", feedback_date="2020-09-01").campaigns))
    pid = next(iter(services.add_problem(reg, cid, "问题一", category="党建方面").problems))
    services.add_measure(reg, pid, "措施一", deadline="2020年10月底", lead_department="办公室",
                         leaders="张三", status="正在推进")
    services.add_measure(reg, pid, "措施二", deadline="2020年12月底", lead_department="财务处",
                         leaders="李四、张三", status="已完成")
    (row,) = views.problem_rows(reg, cid, date(2020, 11, 5))
    assert (row.number, row.category, row.measures, row.done) == (1, "党建方面", 2, 1)
    assert row.status is ProblemStatus.IN_PROGRESS
    assert row.state is DeadlineState.OVERDUE
    assert row.due == date(2020, 10, 31)
    assert row.departments == ("办公室", "财务处")
    assert row.leaders == ("张三", "李四")
    measures = views.measure_rows(reg, pid, date(2020, 11, 5))
    assert [m.state for m in measures] == [DeadlineState.OVERDUE, DeadlineState.DONE]
    assert set(measures[1].leaders) == {"李四", "张三"}  # the link table keeps no order yet
