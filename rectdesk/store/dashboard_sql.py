"""The dashboard's numbers from SQL: what `core.dashboard_rules.build_dashboard` computes over a
loaded campaign, read instead through the DB-API cursor in a few scans (no ORM objects), so
the dashboard and the reminder cost a fraction of a second at 50,000 problems.

The deadline state comes from the shared SQL rule (deadline_sql.RANK_SQL); Python counts the
returned tuples with C-level tools (Counter over itemgetter maps) and builds an ItemRef only
for the measures a list shows. tests/store/test_dashboard_sql.py holds the result equal to
build_dashboard(load_campaign(...)) on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
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
    status_of,
    window_params,
)

_OVERDUE, _LISTED, _DONE = (STATE_RANK[DeadlineState.OVERDUE], STATE_RANK[DeadlineState.ON_TRACK],
                            STATE_RANK[DeadlineState.DONE])

_PROBLEMS = ("SELECT p.id, p.position, p.title, p.signed_off_on IS NOT NULL, p.recheck_due "
             "FROM problem p WHERE +p.campaign_id = :cid")
# A measure the lists show: RANK_SQL below ON_TRACK (overdue, due soon or notice), written out
# as the cheaper test it comes to (every status is one of the four).
LISTED_SQL = f"m.status IN ('未启动', '正在推进') AND m.long_term = 0 AND {EFF} <= :notice"
# One row per measure of the campaign: where it sits, its deadline rank and status bit, its
# department, when a done one was completed (completed_on, else the first progress reporting
# 已完成), and, only for a measure the lists show, what the list prints (NULL otherwise: each
# value costs a Python object, 150,000 rows over).
_MEASURES = (
    f"SELECT m.problem_id, m.id, m.position, {RANK_SQL}, {BITS_SQL}, m.lead_department_id, "
    "CASE WHEN m.status = '已完成' THEN coalesce(m.completed_on, (SELECT min(g.reported_on) "
    "FROM progress g WHERE g.measure_id = m.id AND g.status = '已完成')) END, "
    f"CASE WHEN {LISTED_SQL} THEN CASE WHEN m.text <> '' THEN m.text ELSE m.result END END, "
    f"CASE WHEN {LISTED_SQL} THEN m.deadline_text END, "
    f"CASE WHEN {LISTED_SQL} THEN m.deadline_due END, CASE WHEN {LISTED_SQL} THEN {EFF} END "
    f"FROM measure m {APPROVED_DUE} "
    "WHERE +m.problem_id IN (SELECT id FROM problem WHERE campaign_id = :cid)")
_PENDING = ("SELECT DISTINCT m.problem_id, m.position FROM extension e JOIN measure m "
            "ON m.id = e.measure_id WHERE e.state = '待审批' "
            "AND m.problem_id IN (SELECT id FROM problem WHERE campaign_id = :cid)")


@dataclass
class Names:
    """What the campaigns of one register share: department and person names, measure leaders
    (read once for the reminder's every campaign)."""

    departments: dict[int, str]
    people: dict[int, str]
    leaders: list[tuple[int, int, int]]  # (measure id, position, person id)

    @classmethod
    def read(cls, con: Any) -> Names:
        return cls(dict(con.execute("SELECT id, name FROM department").fetchall()),
                   dict(con.execute("SELECT id, name FROM person").fetchall()),
                   con.execute("SELECT measure_id, position, person_id FROM measure_leader").fetchall())

    @cached_property
    def led(self) -> list[int]:
        """The measure of each leader row."""
        return list(map(itemgetter(0), self.leaders))

    @cached_property
    def department_names(self) -> dict[int | None, str]:
        names: dict[int | None, str] = {k: v or UNASSIGNED for k, v in self.departments.items()}
        names[None] = UNASSIGNED
        return names

    @cached_property
    def leaders_of(self) -> dict[int, tuple[str, ...]]:
        """Every measure's leaders in the order they were typed; one leader (the usual case) is
        a C-level dictionary build, measures with several are sorted by position."""
        people: dict[int, tuple[str, ...]] = {k: (v,) for k, v in self.people.items()}
        who = dict(zip(self.led, map(people.__getitem__, map(itemgetter(2), self.leaders)),
                       strict=True))
        if len(who) < len(self.leaders):
            several: dict[int, list[tuple[int, int]]] = {
                mid: [] for mid, n in Counter(self.led).items() if n > 1}
            for mid, pos, person in self.leaders:
                if mid in several:
                    several[mid].append((pos, person))
            for mid, pairs in several.items():
                who[mid] = tuple(self.people[p] for _, p in sorted(pairs))
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


def campaign_dashboard(con: Any, campaign_id: int, title: str, today: date, *, warn_days: int,
                       notice_days: int, names: Names | None = None) -> DashboardData:
    """build_dashboard's DashboardData for one campaign, read through the DB-API connection."""
    with collector.paused():
        return _campaign_dashboard(con, campaign_id, title, today, warn_days, notice_days,
                                   names or Names.read(con))


def _campaign_dashboard(con: Any, campaign_id: int, title: str, today: date, warn_days: int,
                        notice_days: int, names: Names) -> DashboardData:
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    problems = con.execute(_PROBLEMS, params).fetchall()
    rows = con.execute(_MEASURES, params).fetchall()
    (mechanisms,) = con.execute("SELECT count(*) FROM mechanism WHERE campaign_id = :cid",
                                params).fetchone()
    data = DashboardData(today=today, campaign_title=title, problems=len(problems),
                         measures=len(rows), mechanisms=int(mechanisms), warn_days=warn_days,
                         notice_days=notice_days)
    days = Days()
    at = {p[0]: (p[1], p[2]) for p in problems}  # problem id -> (number, title)
    _measure_counts(data, rows, names)
    _problem_counts(data, problems, rows, today, days)
    _leader_counts(data, rows, names)
    _lists(data, rows, at, names, today, days)
    _completions(data, rows, today, days)
    pending = con.execute(_PENDING, params).fetchall()
    data.extensions_pending = [f"{at[pid][0]}.{pos}" for pid, pos in
                               sorted(pending, key=lambda r: (at[r[0]][0], r[1]))]
    return data


def _measure_counts(data: DashboardData, rows: list[Any], names: Names) -> None:
    """Measures by status and by deadline state, and the lead departments' done / in progress /
    overdue, from one Counter over (rank, status bit, department)."""
    by_status = dict.fromkeys((s.value for s in MeasureStatus), 0)
    states = dict.fromkeys((s.value for s in DeadlineState), 0)
    depts: dict[str, GroupCounts] = {}
    for (rank, bits, dept), n in Counter(map(itemgetter(3, 4, 5), rows)).items():
        by_status[BIT_STATUS[bits].value] += n
        states[BY_RANK[rank].value] += n
        _add(depts, names.departments.get(dept) or UNASSIGNED, rank, n)
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


def _problem_counts(data: DashboardData, problems: list[Any], rows: list[Any], today: date,
                    days: Days) -> None:
    """Problems by derived status (the OR of their measures' status bits), signed off, and the
    signed-off problems whose re-check has fallen due."""
    seen = dict.fromkeys((p[0] for p in problems), 0)
    for pid, bits in map(itemgetter(0, 4), rows):
        seen[pid] |= bits
    by_problem = dict.fromkeys((s.value for s in ProblemStatus), 0)
    for (mask, signed), n in Counter((seen[p[0]], bool(p[3])) for p in problems).items():
        by_problem[status_of(mask, signed).value] += n
    data.problems_by_status = by_problem
    signed_off = sorted((p for p in problems if p[3]), key=itemgetter(1))
    data.signed_off = len(signed_off)
    for pid, number, title, _signed, recheck in signed_off:
        due = days(recheck)
        if due is not None and due <= today:
            data.rechecks_due.append(RecheckRef(number, pid, title, due))


def _leader_counts(data: DashboardData, rows: list[Any], names: Names) -> None:
    """Each leader's done / in progress / overdue (a measure counts for every leader it names);
    measures naming none count under UNASSIGNED. Other campaigns' leaders map to rank None."""
    rank_of = dict(map(itemgetter(1, 3), rows))
    pairs = Counter(zip(map(itemgetter(2), names.leaders), map(rank_of.get, names.led), strict=True))
    groups: dict[str, GroupCounts] = {}
    for (person, rank), n in pairs.items():
        if rank is not None:
            _add(groups, names.people[person], rank, n)
    for rank, n in Counter(map(rank_of.__getitem__, rank_of.keys() - set(names.led))).items():
        _add(groups, UNASSIGNED, rank, n)
    data.by_leader = _ordered(groups)


def _lists(data: DashboardData, rows: list[Any], at: dict[int, tuple[int, str]], names: Names,
           today: date, days: Days) -> None:
    """The overdue list in problem and measure order; due soon and notice by days left.

    Up to 75,000 items at 50,000 problems: the loop does dictionary look-ups only (dates and
    day counts parsed once per distinct date), and builds each ItemRef with tuple.__new__
    (a NamedTuple's own __new__ is a Python function, a third of the loop's time)."""
    listed = [r for r in rows if r[3] < _LISTED]
    _in_list_order(listed, at)
    who, dept = names.leaders_of, names.department_names
    due_of = {v: days(v) for v in set(map(itemgetter(10), listed))}
    left = {v: (d - today).days for v, d in due_of.items() if d is not None}
    original = {v: days(v) for v in set(map(itemgetter(9), listed))}
    lists: tuple[list[ItemRef], ...] = ([], [], [])
    state, new, none = BY_RANK, tuple.__new__, ()
    for pid, mid, pos, rank, _bits, dep, _done, text, dl_text, dl_due, eff in listed:
        number, title = at[pid]
        lists[rank].append(new(ItemRef, (  # the fields in ItemRef's order
            f"{number}.{pos}", pid, mid, title, text, dept[dep], who.get(mid, none), dl_text,
            original[dl_due], due_of[eff], state[rank],
            -left[eff] if rank == _OVERDUE else left[eff])))
    data.overdue, data.due_soon, data.notice = lists
    for items in (data.due_soon, data.notice):
        items.sort(key=lambda i: (i.days or 0, *map(int, i.label.split("."))))


def _in_list_order(listed: list[Any], at: dict[int, tuple[int, str]]) -> None:
    """Sort by (problem number, measure number): skipped when the rows already are, as they
    are when problems were numbered in the order they were added (checked in C, no lambda)."""
    numbers = list(map(itemgetter(0), map(at.__getitem__, map(itemgetter(0), listed))))
    keys = list(zip(numbers, map(itemgetter(2), listed), strict=True))
    if keys != sorted(keys):
        listed.sort(key=lambda r: (at[r[0]][0], r[2]))


def _completions(data: DashboardData, rows: list[Any], today: date, days: Days) -> None:
    """Done measures per week from their completion dates; those with none are counted apart."""
    dated = Counter(map(itemgetter(6), rows))
    dated.pop(None, None)
    data.completed_undated = data.done - sum(dated.values())
    data.weekly = weekly_completions(_repeat(dated, days), today)


def _repeat(counts: Counter[Any], days: Days) -> Iterable[date]:
    for value, n in counts.items():
        d = days(value)
        assert d is not None
        yield from (d,) * n
