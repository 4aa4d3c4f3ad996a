"""Dashboard numbers as plain rules over a loaded campaign (no Qt, no SQLAlchemy).

The store loads a `CampaignData` and calls `build_dashboard`; the GUI, the CLI and the
open-register summary all read the resulting `DashboardData`, so the numbers a user sees in
every place are the same numbers.

Buckets used by the charts: a measure is *done* when its status is 已完成, *overdue* when its
effective deadline (the approved extension's date, if any) has passed and it is not done or
long-term, and *in progress* otherwise (未启动, 正在推进 and 长期坚持 included).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from rectdesk.core.deadlines import NOTICE_DAYS, WARN_DAYS, DeadlineState, deadline_state
from rectdesk.core.model import (
    CampaignData,
    ExtensionState,
    MeasureData,
    MeasureStatus,
    ProblemData,
    ProblemStatus,
)
from rectdesk.core.status import derive_problem_status

UNASSIGNED = "（未指定）"
# Items the reminder (到期提醒) lists per attention group and kind; the rest are counted. A
# register of 50,000 problems can have 75,000 overdue measures, and nobody reads them there
# (the dashboard lists them all, sortable).
REMINDER_SHOWN = 10


class ItemRef(NamedTuple):
    """One measure in an overdue / due-soon list, with what a reader needs to act on it.

    A tuple, not a dataclass: a 50,000-problem register can list 75,000 overdue measures, and
    a frozen dataclass costs several times as much to build."""

    label: str  # "7.2": problem 7, measure 2
    problem_id: int | None
    measure_id: int | None
    problem_title: str
    text: str
    lead_department: str
    leaders: tuple[str, ...]
    deadline_text: str  # as written: 2020年12月底
    original_due: date | None
    due: date | None  # effective: the approved extension's date if there is one
    state: DeadlineState
    days: int | None  # days overdue for an overdue item, else days left

    @property
    def extended(self) -> bool:
        return self.due != self.original_due

    @property
    def leaders_text(self) -> str:
        return "、".join(self.leaders) or UNASSIGNED


@dataclass
class GroupCounts:
    """Done / in progress / overdue measures of one lead department or one leader."""

    name: str
    done: int = 0
    in_progress: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.overdue


@dataclass(frozen=True)
class WeekCount:
    week_start: date  # a Monday
    count: int


@dataclass(frozen=True)
class RecheckRef:
    number: int
    problem_id: int | None
    title: str
    due: date


@dataclass
class DashboardData:
    today: date
    campaign_title: str = ""
    problems: int = 0
    measures: int = 0
    measures_by_status: dict[str, int] = field(default_factory=dict)
    problems_by_status: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)  # DeadlineState value -> measures
    by_department: list[GroupCounts] = field(default_factory=list)
    by_leader: list[GroupCounts] = field(default_factory=list)
    overdue: list[ItemRef] = field(default_factory=list)
    due_soon: list[ItemRef] = field(default_factory=list)  # within warn_days
    notice: list[ItemRef] = field(default_factory=list)  # within notice_days, beyond warn_days
    weekly: list[WeekCount] = field(default_factory=list)
    completed_undated: int = 0  # done measures whose completion date nobody recorded
    signed_off: int = 0
    rechecks_due: list[RecheckRef] = field(default_factory=list)
    extensions_pending: list[str] = field(default_factory=list)  # measure labels
    mechanisms: int = 0
    warn_days: int = WARN_DAYS
    notice_days: int = NOTICE_DAYS

    @property
    def done(self) -> int:
        return self.measures_by_status.get(MeasureStatus.DONE.value, 0)

    def state_count(self, state: DeadlineState) -> int:
        """Measures in a deadline state: the length of its list, when the lists are read."""
        return self.states.get(state.value, 0)

    @property
    def completion_rate(self) -> float:
        """Done measures over all measures (0.0 for an empty campaign)."""
        return self.done / self.measures if self.measures else 0.0

    @property
    def problem_completion_rate(self) -> float:
        """Problems done or signed off over all problems."""
        closed = (self.problems_by_status.get(ProblemStatus.DONE.value, 0)
                  + self.problems_by_status.get(ProblemStatus.SIGNED_OFF.value, 0))
        return closed / self.problems if self.problems else 0.0


@dataclass
class AttentionGroup:
    """What one department and leader pair has overdue or due soon (the open-register summary).

    `totals` counts the overdue, due-soon and notice items; the lists may hold only the first
    of them (see `shortened`)."""

    department: str
    leaders: str
    overdue: list[ItemRef] = field(default_factory=list)
    due_soon: list[ItemRef] = field(default_factory=list)
    notice: list[ItemRef] = field(default_factory=list)
    totals: tuple[int, int, int] = (0, 0, 0)

    def shortened(self, shown: int) -> AttentionGroup:
        """The same group listing only the first `shown` items of each kind, totals kept."""
        return AttentionGroup(self.department, self.leaders, self.overdue[:shown],
                              self.due_soon[:shown], self.notice[:shown], self.totals)


def attention_order(g: AttentionGroup) -> tuple[int, int, bool, str, str]:
    """Most overdue first, then most due soon, then by department (unassigned last) and leaders."""
    return (-g.totals[0], -g.totals[1], g.department == UNASSIGNED, g.department, g.leaders)


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def completion_date(m: MeasureData) -> date | None:
    """When a done measure was completed: its completed_on, else the first progress reporting 已完成."""
    if m.completed_on is not None:
        return m.completed_on
    reported = [g.when for g in m.progress if g.status is MeasureStatus.DONE]
    return min(reported) if reported else None


def weekly_completions(dates: Iterable[date], today: date) -> list[WeekCount]:
    """Completions per week (Monday first), every week from the first completion to today's."""
    counts = Counter(week_start(d) for d in dates if d <= today)
    if not counts:
        return []
    week, last = min(counts), week_start(today)
    out = []
    while week <= last:
        out.append(WeekCount(week, counts.get(week, 0)))
        week += timedelta(days=7)
    return out


def measure_item(p: ProblemData, m: MeasureData, today: date, *, warn_days: int = WARN_DAYS,
                 notice_days: int = NOTICE_DAYS) -> ItemRef:
    due = m.effective_due
    state = deadline_state(due, m.status, today, long_term=m.deadline.long_term,
                           warn_days=warn_days, notice_days=notice_days)
    days = None if due is None else ((today - due).days if state is DeadlineState.OVERDUE
                                     else (due - today).days)
    return ItemRef(label=f"{p.number}.{m.number}", problem_id=p.id, measure_id=m.id,
                   problem_title=p.title, text=m.text or m.result,
                   lead_department=m.lead_department or UNASSIGNED,
                   leaders=tuple(m.leaders), deadline_text=m.deadline.text,
                   original_due=m.deadline.due, due=due, state=state, days=days)


def _bucket(group: GroupCounts, m: MeasureData, state: DeadlineState) -> None:
    if m.status is MeasureStatus.DONE:
        group.done += 1
    elif state is DeadlineState.OVERDUE:
        group.overdue += 1
    else:
        group.in_progress += 1


def _group(groups: dict[str, GroupCounts], name: str) -> GroupCounts:
    if name not in groups:
        groups[name] = GroupCounts(name)
    return groups[name]


def _ordered(groups: dict[str, GroupCounts]) -> list[GroupCounts]:
    """Most measures first, then by name, so the charts put the big owners on top."""
    return sorted(groups.values(), key=lambda g: (-g.total, g.name == UNASSIGNED, g.name))


def build_dashboard(c: CampaignData, today: date, *, warn_days: int = WARN_DAYS,
                    notice_days: int = NOTICE_DAYS) -> DashboardData:
    data = DashboardData(today=today, campaign_title=c.title, problems=len(c.problems),
                         mechanisms=len(c.mechanisms), warn_days=warn_days, notice_days=notice_days)
    by_status: Counter[str] = Counter({s.value: 0 for s in MeasureStatus})
    by_problem: Counter[str] = Counter({s.value: 0 for s in ProblemStatus})
    states: Counter[str] = Counter({s.value: 0 for s in DeadlineState})
    departments: dict[str, GroupCounts] = {}
    leaders: dict[str, GroupCounts] = {}
    completed: list[date] = []
    for p in c.problems:
        by_problem[derive_problem_status((m.status for m in p.measures), p.sign_off is not None).value] += 1
        if p.sign_off is not None:
            data.signed_off += 1
            if p.recheck_due is not None and p.recheck_due <= today:
                data.rechecks_due.append(RecheckRef(p.number, p.id, p.title, p.recheck_due))
        for m in p.measures:
            item = measure_item(p, m, today, warn_days=warn_days, notice_days=notice_days)
            data.measures += 1
            by_status[m.status.value] += 1
            states[item.state.value] += 1
            _bucket(_group(departments, item.lead_department), m, item.state)
            for name in m.leaders or [UNASSIGNED]:
                _bucket(_group(leaders, name), m, item.state)
            if item.state is DeadlineState.OVERDUE:
                data.overdue.append(item)
            elif item.state is DeadlineState.DUE_SOON:
                data.due_soon.append(item)
            elif item.state is DeadlineState.NOTICE:
                data.notice.append(item)
            if any(e.state is ExtensionState.PENDING for e in m.extensions):
                data.extensions_pending.append(item.label)
            if m.status is MeasureStatus.DONE:
                when = completion_date(m)
                if when is None:
                    data.completed_undated += 1
                else:
                    completed.append(when)
    data.measures_by_status = dict(by_status)
    data.problems_by_status = dict(by_problem)
    data.states = dict(states)
    data.by_department = _ordered(departments)
    data.by_leader = _ordered(leaders)
    data.due_soon.sort(key=lambda i: (i.days or 0, _label_key(i.label)))
    data.notice.sort(key=lambda i: (i.days or 0, _label_key(i.label)))
    data.weekly = weekly_completions(completed, today)
    return data


def attention_groups(data: DashboardData) -> list[AttentionGroup]:
    """Overdue, due-soon and notice items grouped by lead department, then by leader(s)."""
    groups: dict[tuple[str, str], AttentionGroup] = {}

    def group(item: ItemRef) -> AttentionGroup:
        key = (item.lead_department, item.leaders_text)
        if key not in groups:
            groups[key] = AttentionGroup(*key)
        return groups[key]

    for item in data.overdue:
        group(item).overdue.append(item)
    for item in data.due_soon:
        group(item).due_soon.append(item)
    for item in data.notice:
        group(item).notice.append(item)
    for g in groups.values():
        g.totals = (len(g.overdue), len(g.due_soon), len(g.notice))
    return sorted(groups.values(), key=attention_order)


def _label_key(label: str) -> tuple[int, ...]:
    return tuple(int(x) for x in label.split("."))
