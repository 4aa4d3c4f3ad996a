"""Dashboard numbers against a register built here, where every figure can be counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from rectdesk import settings
from rectdesk.core.dashboard_rules import UNASSIGNED, WeekCount
from rectdesk.core.deadlines import DeadlineState
from rectdesk.store import queries, services
from rectdesk.store.dashboard import dashboard, open_summary

TODAY = date(2020, 12, 10)  # a Thursday


@pytest.fixture
def reg(empty_register):
    """Three problems, seven measures, owners and dates chosen so each bucket has something.

    1.1 办公室/张明      done, completed 2020-11-30 (Mon)
    1.2 办公室/张明      done, no date; progress reported 已完成 on 2020-12-02 (Wed)
    2.1 组织人事处/赵丽   in progress, due 2020-11-30: overdue 10 days
    2.2 组织人事处/赵丽、张明  in progress, due 2020-11-30 but extended to 2020-12-15: due in 5 days
    2.3 (no owner)      not started, due 2020-12-25: 15 days, a notice
    3.1 组织人事处/赵丽   long-term
    3.2 办公室/张明      done 2020-12-01, problem 3 is not signed off (3.1 long-term)
    Problem 1 is signed off on 2020-09-01 with its re-check due 2020-12-01.
    """
    r = empty_register
    services.create_campaign(r, "巡察整改", feedback_date="2020-07-13")
    for title in ("问题一", "问题二", "问题三"):
        services.add_problem(r, 1, title)
    p1, p2, p3 = (p.id for p in queries.load_campaign(r, 1).problems)
    office = {"lead_department": "办公室", "leaders": "张明"}
    hr = {"lead_department": "组织人事处", "leaders": "赵丽"}
    services.add_measure(r, p1, "措施1.1", status="已完成", completed_on="2020-11-30", **office)
    services.add_measure(r, p1, "措施1.2", status="正在推进", **office)
    services.add_measure(r, p2, "措施2.1", status="正在推进", deadline="2020年11月底", **hr)
    services.add_measure(r, p2, "措施2.2", status="正在推进", deadline="2020年11月底",
                         lead_department="组织人事处", leaders="赵丽、张明")
    services.add_measure(r, p2, "措施2.3", deadline="2020-12-25")
    services.add_measure(r, p3, "措施3.1", status="长期坚持", deadline="长期坚持", **hr)
    services.add_measure(r, p3, "措施3.2", status="已完成", completed_on="2020-12-01", **office)
    ids = {f"{p.number}.{m.number}": m.id for p in queries.load_campaign(r, 1).problems for m in p.measures}
    services.record_progress(r, ids["1.2"], "2020-12-02", "已印发", status="已完成")
    services.request_extension(r, ids["2.2"], "2020-12-15", "等待上级文件")
    ext = queries.load_campaign(r, 1).problems[1].measures[1].extensions[0].id
    services.decide_extension(r, ext, approve=True, decided_by="王主任")
    services.request_extension(r, ids["2.1"], "2021-01-31", "设备采购周期长")  # pending
    services.sign_off(r, p1, "2020-09-01", "王主任", require_evidence=False, recheck_months=3)
    return r


def test_counts_and_completion_rate(reg):
    d = dashboard(reg, 1, today=TODAY)
    assert (d.problems, d.measures, d.done) == (3, 7, 3)
    assert d.completion_rate == pytest.approx(3 / 7)
    assert d.measures_by_status == {"未启动": 1, "正在推进": 2, "已完成": 3, "长期坚持": 1}
    assert d.problems_by_status == {"未启动": 0, "正在推进": 1, "已完成": 0, "长期坚持": 1, "已销号": 1}
    assert d.problem_completion_rate == pytest.approx(1 / 3)
    assert d.states["逾期"] == 1 and d.states["临期"] == 1 and d.states["即将到期"] == 1
    assert d.states["长期坚持"] == 1 and d.states["已完成"] == 3 and d.states["未设时限"] == 0


def test_by_department_and_leader(reg):
    d = dashboard(reg, 1, today=TODAY)
    depts = {g.name: (g.done, g.in_progress, g.overdue) for g in d.by_department}
    assert depts == {"办公室": (3, 0, 0), "组织人事处": (0, 2, 1), UNASSIGNED: (0, 1, 0)}
    leaders = {g.name: (g.done, g.in_progress, g.overdue) for g in d.by_leader}
    # 2.2 has two leaders and counts for both.
    assert leaders == {"张明": (3, 1, 0), "赵丽": (0, 2, 1), UNASSIGNED: (0, 1, 0)}
    assert [g.name for g in d.by_department] == ["办公室", "组织人事处", UNASSIGNED]


def test_overdue_and_due_soon_lists_follow_the_approved_extension(reg):
    d = dashboard(reg, 1, today=TODAY)
    assert [(i.label, i.days, i.deadline_text) for i in d.overdue] == [("2.1", 10, "2020年11月底")]
    (soon,) = d.due_soon
    assert (soon.label, soon.days, soon.due, soon.original_due, soon.extended) == \
        ("2.2", 5, date(2020, 12, 15), date(2020, 11, 30), True)
    assert set(soon.leaders) == {"赵丽", "张明"} and soon.measure_id is not None
    assert [(i.label, i.days, i.state) for i in d.notice] == [("2.3", 15, DeadlineState.NOTICE)]


def test_warning_windows_come_from_the_settings(reg):
    settings.save(warn_days=20, notice_days=30)
    d = dashboard(reg, 1, today=TODAY)
    assert [i.label for i in d.due_soon] == ["2.2", "2.3"] and d.notice == []
    d = dashboard(reg, 1, today=TODAY, warn_days=3, notice_days=4)
    assert d.due_soon == [] and d.notice == []


def test_signed_off_rechecks_and_pending_extensions(reg):
    d = dashboard(reg, 1, today=TODAY)
    assert d.signed_off == 1
    assert [(r.number, r.due) for r in d.rechecks_due] == [(1, date(2020, 12, 1))]
    assert d.extensions_pending == ["2.1"]
    assert dashboard(reg, 1, today=date(2020, 11, 30)).rechecks_due == []
    s = queries.summary(reg, today=TODAY)  # the CLI's summary agrees
    assert (s["signed_off"], s["recheck_due"], s["extensions_pending"]) == (1, 1, 1)


def test_weekly_completions_from_completed_on_and_progress(reg):
    d = dashboard(reg, 1, today=TODAY)
    # 1.1 on Mon 30 Nov, 3.2 on Tue 1 Dec and 1.2 on Wed 2 Dec (its progress report) fall in one week.
    assert d.weekly == [WeekCount(date(2020, 11, 30), 3), WeekCount(date(2020, 12, 7), 0)]
    assert d.completed_undated == 0
    assert dashboard(reg, 1, today=date(2020, 12, 21)).weekly[-1] == WeekCount(date(2020, 12, 21), 0)


def test_open_summary_groups_by_department_and_leader(reg):
    (camp,) = open_summary(reg, today=TODAY)
    assert camp.title == "巡察整改" and not camp.empty
    rows = [(g.department, g.leaders, [i.label for i in g.overdue], [i.label for i in g.due_soon],
             [i.label for i in g.notice]) for g in camp.groups]
    both = camp.groups[1].due_soon[0].leaders_text  # 赵丽、张明 (order: see the store's leader order)
    assert rows == [("组织人事处", "赵丽", ["2.1"], [], []),
                    ("组织人事处", both, [], ["2.2"], []),
                    (UNASSIGNED, UNASSIGNED, [], [], ["2.3"])]


def test_an_empty_campaign_has_a_zero_rate(empty_register):
    services.create_campaign(empty_register, "空任务")
    d = dashboard(empty_register, 1, today=TODAY)
    assert d.completion_rate == 0.0 and d.weekly == [] and d.by_department == []
    assert open_summary(empty_register, today=TODAY)[0].empty


def test_demo_register_numbers(demo_register):
    d = dashboard(demo_register, 1, today=date(2020, 12, 20))
    s = queries.summary(demo_register, today=date(2020, 12, 20))
    assert d.measures == s["measures"] == 63 and d.problems == 31
    assert [i.label for i in d.overdue] == s["overdue"]
    assert d.measures_by_status == s["measures_by_status"]
    assert sum(g.total for g in d.by_department) == d.measures
    assert d.completed_undated == d.done  # the published bulletin gives no completion dates
