"""The dashboard's numbers from SQL: what `core.dashboard_rules.build_dashboard` computes over a
loaded campaign, read instead through the DB-API connection (no ORM objects).

Two steps, so the dashboard shows its figures before its lists are built:

- `campaign_figures`: every count, chart and card. One scan of the campaign's measures
  returns, per measure, one integer packing its id, lead department, status bit and deadline
  rank (the shared rule, deadline_sql.RANK_SQL), inside one text list; Python counts those with
  C-level tools. 150,000 rows cost SQLite ~70 ms this way against ~180 ms as row tuples.
- `campaign_lists`: the overdue, due-soon and notice items, read for the listed measures alone.

tests/store/test_dashboard_sql.py holds the result equal to build_dashboard(load_campaign(...))
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import Any

from rectdesk.core import collector
from rectdesk.core.dashboard_rules import (
    UNASSIGNED,
    DashboardData,
    GroupCounts,
    ItemRef,
    RecheckRef,
    weekly_completions,
)
from rectdesk.core.deadlines import DeadlineState
from rectdesk.core.model import MeasureStatus, ProblemStatus
from rectdesk.store.deadline_sql import (
    APPROVED_DUE,
    BIT_STATUS,
    BITS_SQL,
    BY_RANK,
    EFF,
    RANK_SQL,
    STATE_RANK,
    sole_campaign,
    status_of,
    window_params,
)

_OVERDUE, _DONE = STATE_RANK[DeadlineState.OVERDUE], STATE_RANK[DeadlineState.DONE]

# A measure the lists show: RANK_SQL below ON_TRACK (overdue, due soon or notice), written out
# as the cheaper test it comes to (every status is one of the four).
LISTED_SQL = f"m.status IN ('未启动', '正在推进') AND m.long_term = 0 AND {EFF} <= :notice"
RECHECKS_SQL = ("SELECT id, position, title, recheck_due FROM problem WHERE campaign_id = :cid "
                "AND signed_off_on IS NOT NULL AND recheck_due <= :today ORDER BY position")
PENDING_SQL = ("SELECT DISTINCT p.position, m.position FROM extension e "
               "JOIN measure m ON m.id = e.measure_id JOIN problem p ON p.id = m.problem_id "
               # +: from the (few) extensions, not from every measure of the campaign
               "WHERE e.state = '待审批' AND +p.campaign_id = :cid ORDER BY 1, 2")


class Unpackable(Exception):
    """Row ids too large (or negative) to pack, as only a crafted register has them: the
    caller falls back to the rule over the loaded campaign."""


# -- figures -------------------------------------------------------------------------------
# Packing: measure = ((id * 2^24 + department) * 16 + status bit) * 8 + rank; problem of a
# measure = problem id * 16 + status bit; leader = measure id * 2^24 + person. Ids below 2^30
# keep every value under 2^62; a department or person id out of range (a dangling reference)
# reads as none.
_ID_LIMIT, _NAME_SPAN = 2**30, 2**24
_MEASURE_SPAN = _NAME_SPAN * 128  # a measure key's id part: key // _MEASURE_SPAN
_NAME = "CASE WHEN {0} BETWEEN 1 AND 16777215 THEN {0} ELSE 0 END"
_BOUNDS = ("SELECT (SELECT min(id) FROM measure), (SELECT max(id) FROM measure), "
           "(SELECT min(id) FROM problem), (SELECT max(id) FROM problem)")
_MEASURES = (
    "SELECT {agg[0]}CAST(m.id AS BIGINT) * 2147483648 + "
    f"{_NAME.format('m.lead_department_id')} * 128 + ({BITS_SQL}) * 8 + {RANK_SQL}{{agg[1]}}, "
    f"{{agg[0]}}CAST(m.problem_id AS BIGINT) * 16 + {BITS_SQL}{{agg[1]}}, "
    # when a done measure was completed: completed_on, else the first progress saying 已完成
    "{agg[0]}CASE WHEN m.status = '已完成' THEN coalesce(m.completed_on, (SELECT "
    "min(g.reported_on) FROM progress g WHERE g.measure_id = m.id AND g.status = '已完成')) "
    "END{agg[1]} "
    f"FROM measure m {APPROVED_DUE} WHERE {{where}}")
_PROBLEMS = ("SELECT count(*), {agg[0]}CASE WHEN signed_off_on IS NOT NULL THEN id END{agg[1]} "
             "FROM problem WHERE campaign_id = :cid")
_LEADERS = ("SELECT {agg[0]}CAST(measure_id AS BIGINT) * 16777216 + "
            f"{_NAME.format('person_id')}{{agg[1]}} FROM measure_leader")


def _agg(con: Any) -> tuple[str, str]:
    """The text list aggregate around an integer or date expression."""
    if isinstance(con, sqlite3.Connection):
        return "group_concat(", ")"
    return "string_agg(CAST(", " AS TEXT), ',')"


def _ints(text: str | None) -> list[int]:
    return list(map(int, text.split(","))) if text else []


def campaign_figures(con: Any, campaign_id: int, title: str, today: date, *, warn_days: int,
                     notice_days: int) -> DashboardData:
    """Every number of the dashboard for one campaign, its three item lists left empty (the
    counts of their states are in `states`)."""
    low_m, high_m, low_p, high_p = con.execute(_BOUNDS).fetchone()
    if high_m is not None and not (0 <= low_m and high_m < _ID_LIMIT and 0 <= low_p
                                   and high_p < _ID_LIMIT):
        raise Unpackable(f"ids {low_m}..{high_m}, {low_p}..{high_p}")
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    agg = _agg(con)
    where = ("1 = 1" if sole_campaign(con, campaign_id)
             else "+m.problem_id IN (SELECT id FROM problem WHERE campaign_id = :cid)")
    with collector.paused():
        measures, problem_bits, done_on = con.execute(
            _MEASURES.format(agg=agg, where=where), params).fetchone()
        keys = _ints(measures)
        (mechanisms,) = con.execute("SELECT count(*) FROM mechanism WHERE campaign_id = :cid",
                                    params).fetchone()
        data = DashboardData(today=today, campaign_title=title, measures=len(keys),
                             mechanisms=int(mechanisms), warn_days=warn_days,
                             notice_days=notice_days)
        names = Names(con)
        _measure_counts(data, keys, names)
        _problem_counts(data, con, agg, params, _ints(problem_bits))
        _leader_counts(data, keys, _ints(con.execute(_LEADERS.format(agg=agg)).fetchone()[0]),
                       names)
        _completions(data, done_on, today)
        days = Days()
        data.rechecks_due = [RecheckRef(number, pid, title, due) for pid, number, title, recheck
                             in con.execute(RECHECKS_SQL, params)
                             if (due := days(recheck)) is not None]
        data.extensions_pending = [f"{p}.{m}" for p, m in con.execute(PENDING_SQL, params)]
    return data


def _measure_counts(data: DashboardData, keys: list[int], names: Names) -> None:
    """Measures by status and by deadline state, and the lead departments' done / in progress /
    overdue, from one Counter over (department, status bit, rank)."""
    by_status = dict.fromkeys((s.value for s in MeasureStatus), 0)
    states = dict.fromkeys((s.value for s in DeadlineState), 0)
    depts: dict[str, GroupCounts] = {}
    for key, n in Counter(map(_MEASURE_SPAN.__rmod__, keys)).items():
        dept, rest = divmod(key, 128)
        bits, rank = divmod(rest, 8)
        by_status[BIT_STATUS[bits].value] += n
        states[BY_RANK[rank].value] += n
        _add(depts, names.departments.get(dept, UNASSIGNED), rank, n)
    data.measures_by_status, data.states = by_status, states
    data.by_department = _ordered(depts)


def _add(groups: dict[str, GroupCounts], name: str, rank: int | None, n: int) -> None:
    """As dashboard_rules._bucket: done first (its rank says so), then overdue, else in progress."""
    group = groups.get(name)
    if group is None:
        groups[name] = group = GroupCounts(name)
    if rank == _DONE:
        group.done += n
    elif rank == _OVERDUE:
        group.overdue += n
    else:
        group.in_progress += n


def _ordered(groups: dict[str, GroupCounts]) -> list[GroupCounts]:
    return sorted(groups.values(), key=lambda g: (-g.total, g.name == UNASSIGNED, g.name))


def _problem_counts(data: DashboardData, con: Any, agg: tuple[str, str], params: dict[str, Any],
                    problem_bits: list[int]) -> None:
    """Problems by derived status: signed off, else the OR of their measures' status bits (a
    problem with none has none)."""
    seen: dict[int, int] = {}
    get = seen.get
    for key in set(problem_bits):  # (problem, bit) pairs, each once
        pid = key >> 4
        seen[pid] = get(pid, 0) | (key & 15)
    count, signed = con.execute(_PROBLEMS.format(agg=agg), params).fetchone()
    signed_ids = _ints(signed)
    for pid in signed_ids:
        seen.pop(pid, None)
    by_problem = dict.fromkeys((s.value for s in ProblemStatus), 0)
    masks = Counter(seen.values())
    masks[0] += count - len(signed_ids) - len(seen)  # open problems without measures
    for mask, n in masks.items():
        by_problem[status_of(mask, False).value] += n
    by_problem[ProblemStatus.SIGNED_OFF.value] += len(signed_ids)
    data.problems, data.signed_off = int(count), len(signed_ids)
    data.problems_by_status = by_problem


def _leader_counts(data: DashboardData, keys: list[int], leaders: list[int], names: Names) -> None:
    """Each leader's done / in progress / overdue (a measure counts for every leader it names);
    measures naming none count under UNASSIGNED. Other campaigns' leaders map to rank None."""
    rank_of = dict(zip(map(_MEASURE_SPAN.__rfloordiv__, keys), map((8).__rmod__, keys),
                       strict=True))
    led = list(map(_NAME_SPAN.__rfloordiv__, leaders))
    pairs = Counter(zip(map(_NAME_SPAN.__rmod__, leaders), map(rank_of.get, led), strict=True))
    groups: dict[str, GroupCounts] = {}
    for (person, rank), n in pairs.items():
        if rank is not None:
            _add(groups, names.people.get(person, UNASSIGNED), rank, n)
    for rank, n in Counter(map(rank_of.__getitem__, rank_of.keys() - set(led))).items():
        _add(groups, UNASSIGNED, rank, n)
    data.by_leader = _ordered(groups)


def _completions(data: DashboardData, done_on: str | None, today: date) -> None:
    """Done measures per week from their completion dates; those with none are counted apart."""
    dated = Counter(done_on.split(",")) if done_on else Counter[str]()
    data.completed_undated = data.done - sum(dated.values())
    days = Days()
    data.weekly = weekly_completions(_repeat(dated, days), today)


def _repeat(counts: Counter[Any], days: Days) -> Iterable[date]:
    for value, n in counts.items():
        d = days(value)
        assert d is not None
        yield from (d,) * n


# -- lists ---------------------------------------------------------------------------------
# Every listed measure with what its item prints; its leaders as "position:person" pairs
# ({concat} keeps no documented order: Names sorts each distinct list once).
LISTED_ROWS_SQL = (
    f"SELECT p.position, m.position, p.id, m.id, {RANK_SQL}, m.lead_department_id, {EFF}, "
    "(SELECT {concat}(l.position || ':' || l.person_id, ',') FROM measure_leader l "
    "WHERE l.measure_id = m.id) {texts}"
    f"FROM measure m JOIN problem p ON p.id = m.problem_id {APPROVED_DUE} "
    f"WHERE p.campaign_id = :cid AND {LISTED_SQL}")
_TEXTS = (", p.title, CASE WHEN m.text <> '' THEN m.text ELSE m.result END, m.deadline_text, "
          "m.deadline_due ")


def concat(con: Any) -> str:
    """group_concat on SQLite, string_agg on PostgreSQL (same arguments)."""
    return "group_concat" if isinstance(con, sqlite3.Connection) else "string_agg"


def campaign_lists(con: Any, campaign_id: int, today: date, *, warn_days: int,
                   notice_days: int) -> tuple[list[ItemRef], list[ItemRef], list[ItemRef]]:
    """The overdue list in problem and measure order; due soon and notice by days left, then
    number. Up to 75,000 items at 50,000 problems: each is built with tuple.__new__ (a
    NamedTuple's own __new__ is a Python function, a third of the loop's time)."""
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    sql = LISTED_ROWS_SQL.format(concat=concat(con), texts=_TEXTS)
    with collector.paused():
        rows = con.execute(sql, params).fetchall()
        rows.sort(key=itemgetter(0, 1))
        names, days = Names(con), Days()
        dept = names.departments
        due_of = {v: days(v) for v in set(map(itemgetter(6), rows))}
        left = {v: (d - today).days for v, d in due_of.items() if d is not None}
        lists: tuple[list[ItemRef], ...] = ([], [], [])
        state, new = BY_RANK, tuple.__new__
        for number, pos, pid, mid, rank, dep, eff, pairs, title, text, dl_text, dl_due in rows:
            lists[rank].append(new(ItemRef, (  # the fields in ItemRef's order
                f"{number}.{pos}", pid, mid, title, text, dept.get(dep, UNASSIGNED),
                names.leaders(pairs), dl_text, days(dl_due), due_of[eff], state[rank],
                -left[eff] if rank == _OVERDUE else left[eff])))
    overdue, due_soon, notice = lists
    for items in (due_soon, notice):  # stable: number order within a day
        items.sort(key=lambda i: i.days or 0)
    return overdue, due_soon, notice


# -- shared with the reminder --------------------------------------------------------------
class Names:
    """Department and person names; each distinct "position:person" leaders list resolved once."""

    def __init__(self, con: Any) -> None:
        self.departments: dict[int | None, str] = {
            k: v or UNASSIGNED for k, v in con.execute("SELECT id, name FROM department")}
        self.departments[None] = UNASSIGNED
        self.people: dict[int, str] = dict(con.execute("SELECT id, name FROM person"))
        self._leaders: dict[str | None, tuple[str, ...]] = {None: ()}

    def leaders(self, pairs: str | None) -> tuple[str, ...]:
        try:
            return self._leaders[pairs]
        except KeyError:
            assert pairs is not None
            ordered = sorted(tuple(map(int, p.split(":"))) for p in pairs.split(","))
            who = self._leaders[pairs] = tuple(self.people.get(person, UNASSIGNED)
                                               for _, person in ordered)
            return who


class Days:
    """ISO strings (SQLite) or dates (PostgreSQL) to dates, each distinct value parsed once."""

    def __init__(self) -> None:
        self._seen: dict[Any, date | None] = {None: None}

    def __call__(self, value: Any) -> date | None:
        try:
            return self._seen[value]
        except KeyError:
            d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
            self._seen[value] = d
            return d
