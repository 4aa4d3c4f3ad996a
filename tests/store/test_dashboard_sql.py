"""The dashboard computed in SQL equals the pure rule (core.dashboard_rules.build_dashboard over
the loaded campaign) on the demo and on a register built to touch every case of the rule."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from rectdesk.core.dashboard_rules import (
    REMINDER_SHOWN,
    DashboardData,
    attention_groups,
    build_dashboard,
)
from rectdesk.core.model import (
    CampaignData,
    Deadline,
    ExtensionData,
    ExtensionState,
    MeasureData,
    MeasureStatus,
    ProblemData,
    ProgressData,
    SignOff,
)
from rectdesk.store import queries, services
from rectdesk.store.dashboard import dashboard, open_summary

TODAY = date(2021, 3, 10)
WINDOWS = [(10, 20), (3, 30), (0, 0), (15, 15)]
DEPTS = ["办公室", "组织人事处", "财务处", ""]  # "" : no lead department
LEADERS = [[], ["张明"], ["赵丽"], ["赵丽", "张明"], ["王强", "李四", "张明"]]


def _boundaries(warn: int, notice: int) -> list[date | None]:
    """Deadlines on each side of every edge of the two windows, and none at all."""
    days = {-30, -1, 0, 1, warn - 1, warn, warn + 1, notice - 1, notice, notice + 1, 60}
    return [TODAY + timedelta(days=d) for d in sorted(days)] + [None]


def _measure(rng: random.Random, status: MeasureStatus, due: date | None) -> MeasureData:
    long_term = rng.random() < 0.1  # 长期坚持 as the deadline, whatever the status says
    m = MeasureData(text=rng.choice(["措施正文", ""]), result="阶段成果",
                    leaders=list(rng.choice(LEADERS)), lead_department=rng.choice(DEPTS),
                    deadline=Deadline("长期坚持", None, True) if long_term
                    else Deadline(f"{due}" if due else "立行立改", due), status=status)
    if status is MeasureStatus.DONE:
        how = rng.randrange(4)  # completed_on / progress says 已完成 / no date / after today
        if how == 0:
            m.completed_on = TODAY - timedelta(days=rng.randrange(90))
        elif how == 1:
            m.progress += [ProgressData(TODAY - timedelta(days=rng.randrange(60)), "已完成", MeasureStatus.DONE),
                           ProgressData(TODAY - timedelta(days=70), "再次报告", MeasureStatus.DONE)]
        elif how == 3:
            m.completed_on = TODAY + timedelta(days=5)
    elif rng.random() < 0.3:  # a progress report that says done does not make the measure done
        m.progress.append(ProgressData(TODAY - timedelta(days=3), "已完成", MeasureStatus.DONE))
    _extensions(rng, m, due)
    return m


def _extensions(rng: random.Random, m: MeasureData, due: date | None) -> None:
    if due is None:
        return
    kind = rng.randrange(5)  # none / approved / two approved / rejected / pending
    later = [due + timedelta(days=d) for d in sorted(rng.sample(range(1, 40), 2))]
    if kind == 1:
        m.extensions.append(ExtensionData(later[0], "理由", ExtensionState.APPROVED))
    elif kind == 2:
        m.extensions += [ExtensionData(later[0], "理由", ExtensionState.APPROVED),
                         ExtensionData(later[1], "再延", ExtensionState.APPROVED)]
    elif kind == 3:
        m.extensions.append(ExtensionData(later[0], "理由", ExtensionState.REJECTED))
    elif kind == 4:
        m.extensions.append(ExtensionData(later[1], "理由", ExtensionState.PENDING))


def _campaign(title: str, seed: int) -> CampaignData:
    rng = random.Random(seed)
    data = CampaignData(title=title, categories=["第一方面", "第二方面"])
    dues = sorted({d for w, n in WINDOWS for d in _boundaries(w, n) if d}) + [None]
    problems: list[ProblemData] = []
    for status in MeasureStatus:  # every status against every deadline
        for due in dues:
            if not problems or rng.random() < 0.4:
                problems.append(ProblemData(title=f"问题{len(problems) + 1}", number=len(problems) + 1))
            problems[-1].measures.append(_measure(rng, status, due))
    problems.append(ProblemData(title="没有措施的问题", number=len(problems) + 1))
    for n, done in enumerate((True, True, False)):  # signed off: re-check past, today, to come
        p = ProblemData(title=f"已销号问题{n}", number=len(problems) + 1,
                        sign_off=SignOff(TODAY - timedelta(days=100), "王主任"),
                        recheck_due=TODAY - timedelta(days=1 - n))
        p.measures.append(_measure(rng, MeasureStatus.DONE if done else MeasureStatus.IN_PROGRESS,
                                   TODAY - timedelta(days=5)))
        problems.append(p)
    problems.append(ProblemData(title="已销号未定回头看", number=len(problems) + 1,
                                sign_off=SignOff(TODAY, "王主任")))
    data.problems = problems
    return data


@pytest.fixture
def varied(empty_register):  # type: ignore[no-untyped-def]
    reg = empty_register
    services.import_campaign(reg, _campaign("第一轮巡察整改", 1), source="test")
    services.import_campaign(reg, _campaign("第二轮巡察整改", 2), source="test")
    services.add_mechanism(reg, 1, "制度一")
    first = queries.load_campaign(reg, 1).problems
    services.move_problem(reg, first[-1].id, 1)  # numbers no longer follow ids
    services.move_measure(reg, first[3].measures[-1].id, 1)
    return reg


def _assert_same(got: DashboardData, want: DashboardData) -> None:
    assert got == want
    for name in ("measures_by_status", "problems_by_status", "states"):  # same order as well
        assert list(getattr(got, name).items()) == list(getattr(want, name).items())


@pytest.mark.parametrize(("warn", "notice"), WINDOWS)
def test_sql_dashboard_equals_the_rule_on_every_case(varied, warn, notice) -> None:  # type: ignore[no-untyped-def]
    for cid in (1, 2):
        for today in (TODAY, TODAY + timedelta(days=1), TODAY - timedelta(days=warn)):
            want = build_dashboard(queries.load_campaign(varied, cid), today, warn_days=warn,
                                   notice_days=notice)
            got = dashboard(varied, cid, today=today, warn_days=warn, notice_days=notice)
            _assert_same(got, want)
    # What the register covers, so the equality above is not over empty lists.
    d = dashboard(varied, 1, today=TODAY, warn_days=warn, notice_days=notice)
    assert d.overdue and d.rechecks_due and d.extensions_pending and d.weekly
    assert d.completed_undated and d.signed_off == 4 and d.mechanisms == 1
    assert any(len(i.leaders) == 3 for i in d.overdue) and any(g.name == "（未指定）" for g in d.by_leader)
    if notice > warn:
        assert d.due_soon and d.notice


@pytest.mark.parametrize(("warn", "notice"), WINDOWS)
@pytest.mark.parametrize("shown", [1, 2, REMINDER_SHOWN])
def test_open_summary_equals_the_rule_for_every_campaign(varied, warn, notice, shown) -> None:  # type: ignore[no-untyped-def]
    """The lean reminder: every count, and the first `shown` items of each group and kind in
    the rule's order (shown=1 and 2 cut every list this small register has)."""
    listed = []
    for today in (TODAY, TODAY - timedelta(days=warn)):
        summary = open_summary(varied, today=today, warn_days=warn, notice_days=notice, shown=shown)
        assert [c.title for c in summary] == ["第一轮巡察整改", "第二轮巡察整改"]
        for camp in summary:
            want = build_dashboard(queries.load_campaign(varied, camp.campaign_id), today,
                                   warn_days=warn, notice_days=notice)
            assert (camp.overdue, camp.due_soon, camp.notice) == (
                len(want.overdue), len(want.due_soon), len(want.notice))
            assert (camp.rechecks_due, camp.extensions_pending) == (
                want.rechecks_due, want.extensions_pending)
            assert (camp.warn_days, camp.notice_days) == (warn, notice)
            groups = attention_groups(want)
            assert camp.groups == [g.shortened(shown) for g in groups]
            assert sum(len(g.overdue) for g in groups) == camp.overdue > 0
            listed += [(sum(g.totals), len(g.overdue) + len(g.due_soon) + len(g.notice))
                       for g in camp.groups]
    if shown == 1:  # the cut dropped items while the totals kept them
        assert any(total > kept for total, kept in listed)


@pytest.mark.parametrize("today", [date(2020, 11, 20), date(2020, 12, 31), date(2021, 6, 30)])
def test_sql_dashboard_equals_the_rule_on_the_demo(demo_register, today) -> None:  # type: ignore[no-untyped-def]
    reg = demo_register
    cid = queries.load_campaign(reg, 1).id
    want = build_dashboard(queries.load_campaign(reg, cid), today, warn_days=10, notice_days=20)
    _assert_same(dashboard(reg, cid, today=today, warn_days=10, notice_days=20), want)


def test_ids_too_large_to_pack_fall_back_to_the_rule(varied) -> None:  # type: ignore[no-untyped-def]
    """A crafted register whose problem ids reach 2^30 (the figures pack ids into integers):
    the dashboard is the rule's, not numbers decoded from an overflowed key."""
    from sqlalchemy import text

    reg = varied
    empty = next(p for p in queries.load_campaign(reg, 1).problems if p.title == "没有措施的问题")
    assert not empty.measures
    with reg.transaction() as s:
        s.execute(text("UPDATE problem SET id = :big WHERE id = :id"), {"big": 2**30 + 5, "id": empty.id})
    want = build_dashboard(queries.load_campaign(reg, 1), TODAY, warn_days=10, notice_days=20)
    assert want.problems == len(queries.load_campaign(reg, 1).problems)
    _assert_same(dashboard(reg, 1, today=TODAY, warn_days=10, notice_days=20), want)
