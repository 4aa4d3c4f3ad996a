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


def _reference_row(reg, pid: int, today: date) -> tuple:  # type: ignore[no-untyped-def]
    """A problem row rebuilt from its measure rows with the core rules (deadline_state etc.)."""
    from rectdesk.core.status import derive_problem_status

    fields = views.problem_fields(reg, pid)
    measures = views.measure_rows(reg, pid, today)
    signed = fields["signed_off_on"] is not None
    states = [m.state for m in measures]
    state = min(states, key=views.STATE_RANK.__getitem__) if states else DeadlineState.OPEN
    open_dues = [m.due for m in measures if m.due and m.state not in (DeadlineState.DONE,
                                                                       DeadlineState.LONG_TERM)]
    return (pid, fields["number"], fields["category"], fields["title"],
            derive_problem_status([m.status for m in measures], signed),
            DeadlineState.DONE if signed else state, min(open_dues, default=None),
            tuple(dict.fromkeys(m.lead_department for m in measures if m.lead_department)),
            tuple(dict.fromkeys(n for m in measures for n in m.leaders)),
            len(measures), sum(m.status.value == "已完成" for m in measures), signed)


def test_problem_rows_follow_the_core_deadline_and_status_rules(demo_register) -> None:  # type: ignore[no-untyped-def]
    reg = demo_register
    cid = views.campaign_rows(reg)[0].id
    mixed = views.problem_rows(reg, cid, date(2020, 11, 20))[0]
    for who in ("甲", "乙"):
        services.add_measure(reg, mixed.id, f"措施{who}", lead_department=f"{who}处",
                             leaders=f"{who}局长", deadline="2020年11月30日")
    mids = views.measure_ids(reg, mixed.id)
    services.move_measure(reg, mids[-1], 1)  # positions no longer follow ids
    services.request_extension(reg, mids[0], "2030-01-31", "施工期延长")
    services.decide_extension(reg, _extension_id(reg, mids[0]), True, "局长")
    for today in (date(2020, 11, 15), date(2020, 11, 20), date(2020, 12, 15), date(2021, 6, 30),
                  date(2031, 1, 1)):
        rows = views.problem_rows(reg, cid, today)
        assert [r.number for r in rows] == sorted(r.number for r in rows)
        assert {r.state for r in rows} - {DeadlineState.OPEN}  # the dates above mean something
        moved = next(r for r in rows if r.id == mixed.id)
        assert moved.departments[0] == "乙处" and moved.leaders[0] == "乙局长"
        for row in rows:
            assert tuple(row) == _reference_row(reg, row.id, today), row.number
        some = [rows[0].id, rows[-1].id]
        assert views.problem_rows(reg, cid, today, problem_ids=some) == [rows[0], rows[-1]]


def _extension_id(reg, mid: int) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with reg.reading() as s:
        return int(s.execute(text("SELECT max(id) FROM extension WHERE measure_id = :m"),
                             {"m": mid}).scalar_one())


def test_peek_reads_the_first_rows_without_opening(demo_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from rectdesk.store.register import Register

    today = date(2020, 11, 20)
    with Register.open(demo_path) as reg:
        cid = views.campaign_rows(reg)[0].id
        expected = views.problem_rows(reg, cid, today)[:10]
        reg_id = reg.register_id
    peek = views.peek(demo_path, today, 10)
    assert peek is not None
    assert (peek.register_id, [c.id for c in peek.campaigns], peek.rows) == (reg_id, [cid], expected)
    assert views.peek(tmp_path / "missing.rectdesk", today, 10) is None
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE alembic_version SET version_num = '0001'")  # an older schema: open first
    con.commit()
    con.close()
    assert views.peek(demo_path, today, 10) is None


def test_read_ahead_gives_the_rows_and_knows_when_a_write_made_them_stale(demo_path) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.store.register import Register

    today = date(2020, 11, 20)
    with Register.open(demo_path) as reg:
        cid = views.campaign_rows(reg)[0].id
        expected = views.problem_rows(reg, cid, today)
        unchanged = views.read_ahead(demo_path, cid, today)
        assert unchanged is not None and unchanged.rows == expected
        assert unchanged.current()  # the register's opening wrote nothing
        stale = views.read_ahead(demo_path, cid, today)
        assert stale is not None
        services.update_problem(reg, expected[3].id, title="读取之后改的标题")
        assert not stale.current()
    assert views.read_ahead(demo_path.with_name("missing.rectdesk"), cid, today) is None


def test_rows_of_one_campaign_among_several(empty_register) -> None:  # type: ignore[no-untyped-def]
    reg = empty_register
    today = date(2020, 11, 5)
    first = next(iter(services.create_campaign(reg, "任务一").campaigns))
    pid = next(iter(services.add_problem(reg, first, "问题一").problems))
    services.add_measure(reg, pid, "措施一", lead_department="办公室", leaders="张三")
    (alone,) = views.problem_rows(reg, first, today)  # the only campaign: read unfiltered
    second = next(iter(services.create_campaign(reg, "任务二").campaigns))
    other = next(iter(services.add_problem(reg, second, "问题二").problems))
    services.add_measure(reg, other, "措施二", lead_department="财务处", leaders="李四")
    assert views.problem_rows(reg, first, today) == [alone]
    (row,) = views.problem_rows(reg, second, today)
    assert (row.id, row.departments, row.leaders, row.measures) == (other, ("财务处",), ("李四",), 1)
