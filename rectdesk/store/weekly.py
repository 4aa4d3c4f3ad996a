"""The weekly rhythm (周报制度): dated snapshots of a campaign and what changed since the last one.

    take_snapshot(reg, cid)                     # 本周: status, due date and progress of every measure
    data = weekly_data(reg, cid, since=None)    # compared with the latest snapshot (on or before `since`)
    exchange.weekly_report.write_weekly_docx(data, out) / write_weekly_xlsx(data, out)

A measure "changed" when its status moved or it got a progress entry after the snapshot; progress
is compared by entry id (ids only grow), so a back-dated entry still counts as this week's news.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from rectdesk.core.deadlines import WARN_DAYS, DeadlineState, deadline_state, due_within
from rectdesk.core.errors import NotFound
from rectdesk.core.model import ExtensionState, MeasureStatus
from rectdesk.store import services
from rectdesk.store.models import FormImport, FormIssue, Measure, Problem, Progress, Snapshot
from rectdesk.store.register import Register


# -- snapshots ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    campaign_id: int
    taken_on: date
    taken_at: datetime
    label: str
    measures: int


def _measures(s: Session, campaign_id: int) -> list[tuple[Problem, Measure]]:
    problems = s.scalars(
        select(Problem).where(Problem.campaign_id == campaign_id).order_by(Problem.position)
        .options(selectinload(Problem.measures).selectinload(Measure.lead_department),
                 selectinload(Problem.measures).selectinload(Measure.progress),
                 selectinload(Problem.measures).selectinload(Measure.extensions))).all()
    return [(p, m) for p in problems for m in p.measures]


def _due(m: Measure) -> date | None:
    approved = [e.new_due for e in m.extensions if e.state is ExtensionState.APPROVED]
    return max(approved) if approved else m.deadline_due


def _state(m: Measure) -> dict[str, Any]:
    due = _due(m)
    return {"status": m.status.value, "due": due.isoformat() if due else None, "long_term": m.long_term,
            "progress_count": len(m.progress),
            "last_progress_id": max((g.id for g in m.progress), default=0),
            "completed_on": m.completed_on.isoformat() if m.completed_on else None}


def take_snapshot(reg: Register, campaign_id: int, taken_on: date | None = None,
                  label: str = "") -> SnapshotInfo:
    """Record every measure's status, due date and progress as of now, dated `taken_on`."""
    taken_on = taken_on or date.today()
    with reg.transaction() as s:
        services.get_campaign(s, campaign_id)
        rows = _measures(s, campaign_id)
        max_progress = s.scalar(select(func.max(Progress.id))) or 0
        payload = {"max_progress_id": max_progress,
                   "measures": {str(m.id): _state(m) for _p, m in rows}}
        snap = Snapshot(campaign_id=campaign_id, taken_on=taken_on, label=label or f"{taken_on:%Y-%m-%d}",
                        payload=json.dumps(payload, ensure_ascii=False))
        s.add(snap)
        s.flush()
        services._log(s, reg, "snapshot", "campaign", campaign_id, campaign_id, "snapshot", "",
                      snap.label)
        return SnapshotInfo(snap.id, campaign_id, taken_on, snap.taken_at, snap.label, len(rows))


def snapshots(reg: Register, campaign_id: int) -> list[SnapshotInfo]:
    with reg.reading() as s:
        rows = s.scalars(select(Snapshot).where(Snapshot.campaign_id == campaign_id)
                         .order_by(Snapshot.taken_on, Snapshot.id)).all()
        return [SnapshotInfo(r.id, campaign_id, r.taken_on, r.taken_at, r.label,
                             len(json.loads(r.payload).get("measures", {}))) for r in rows]


def _baseline(s: Session, campaign_id: int, since: date | None) -> Snapshot:
    q = select(Snapshot).where(Snapshot.campaign_id == campaign_id)
    if since is not None:
        q = q.where(Snapshot.taken_on <= since)
    snap = s.scalar(q.order_by(Snapshot.taken_on.desc(), Snapshot.id.desc()).limit(1))
    if snap is None:
        when = f"{since:%Y-%m-%d} 或之前" if since else ""
        raise NotFound(f"没有{when}的快照可供比较：请先运行 rectdesk snapshot（或在周报窗口中点击“记录本周快照”）",
                       field="since")
    return snap


# -- the weekly report's data ---------------------------------------------------------------------
@dataclass(frozen=True)
class MeasureLine:
    label: str  # "7.2"
    department: str
    problem: str
    text: str
    status: MeasureStatus
    due: date | None
    deadline_text: str
    completed_on: date | None = None


@dataclass(frozen=True)
class ProgressLine:
    label: str
    reported_on: date
    text: str
    status: MeasureStatus | None
    source: str


@dataclass
class DepartmentProgress:
    department: str
    entries: list[ProgressLine] = field(default_factory=list)
    reported: bool = False  # a form came back from this department since the snapshot


@dataclass
class WeeklyData:
    campaign_title: str
    signature: str
    since: date  # the snapshot compared with
    until: date
    warn_days: int
    totals: dict[str, int]  # measures by status now, plus "逾期"
    changed: list[MeasureLine]  # status moved or new progress since the snapshot
    newly_completed: list[MeasureLine]
    newly_overdue: list[MeasureLine]
    due_soon: list[MeasureLine]
    silent_departments: list[str]
    departments: list[DepartmentProgress]
    marking: str = ""

    @property
    def changed_labels(self) -> list[str]:
        return [m.label for m in self.changed]


def _line(p: Problem, m: Measure) -> MeasureLine:
    return MeasureLine(f"{p.position}.{m.position}", m.lead_department.name if m.lead_department else "",
                       p.title, m.text or m.result, m.status, _due(m), m.deadline_text, m.completed_on)


def _was_overdue(old: dict[str, Any], on: date) -> bool:
    due = date.fromisoformat(old["due"]) if old.get("due") else None
    state = deadline_state(due, MeasureStatus(old["status"]), on, long_term=bool(old.get("long_term")))
    return state is DeadlineState.OVERDUE


def weekly_data(reg: Register, campaign_id: int, *, since: date | None = None,
                today: date | None = None, warn_days: int = WARN_DAYS) -> WeeklyData:
    """What changed since the snapshot taken on or before `since` (default: the latest one)."""
    today = today or date.today()
    with reg.reading() as s:
        c = services.get_campaign(s, campaign_id)
        snap = _baseline(s, campaign_id, since)
        base = json.loads(snap.payload)
        old_states: dict[str, dict[str, Any]] = base.get("measures", {})
        max_progress = int(base.get("max_progress_id", 0))
        data = WeeklyData(c.title, c.signature or c.issuing_organ, snap.taken_on, today, warn_days,
                          {st.value: 0 for st in MeasureStatus} | {"逾期": 0}, [], [], [], [], [], [],
                          marking=c.marking)
        by_dept: dict[str, DepartmentProgress] = {}
        open_depts: set[str] = set()
        for p, m in _measures(s, campaign_id):
            _add_measure(data, by_dept, open_depts, p, m, old_states.get(str(m.id)), max_progress,
                         snap.taken_on, today)
        reported = set(s.scalars(select(FormIssue.department).join(FormImport)
                                 .where(FormIssue.campaign_id == campaign_id,
                                        FormImport.imported_at >= snap.taken_at)).all())
    for dept in by_dept.values():
        dept.reported = dept.department in reported
    data.silent_departments = sorted(d for d in open_depts if d not in reported)
    data.departments = [by_dept[k] for k in sorted(by_dept)]
    return data


def _add_measure(data: WeeklyData, by_dept: dict[str, DepartmentProgress], open_depts: set[str],
                 p: Problem, m: Measure, old: dict[str, Any] | None, max_progress: int,
                 since: date, today: date) -> None:
    line = _line(p, m)
    data.totals[m.status.value] += 1
    overdue = deadline_state(line.due, m.status, today, long_term=m.long_term) is DeadlineState.OVERDUE
    data.totals["逾期"] += overdue
    if m.status not in (MeasureStatus.DONE, MeasureStatus.LONG_TERM) and line.department:
        open_depts.add(line.department)
    new_entries = [g for g in m.progress if g.id > max_progress]
    status_moved = old is None or old["status"] != m.status.value
    if status_moved or new_entries:
        data.changed.append(line)
    if m.status is MeasureStatus.DONE and (old is None or old["status"] != MeasureStatus.DONE.value):
        data.newly_completed.append(line)
    if overdue and (old is None or not _was_overdue(old, since)):
        data.newly_overdue.append(line)
    if not overdue and not m.long_term and due_within(line.due, m.status, today, data.warn_days):
        data.due_soon.append(line)
    if new_entries:
        dept = by_dept.setdefault(line.department or "未明确责任部门",
                                  DepartmentProgress(line.department or "未明确责任部门"))
        dept.entries.extend(ProgressLine(line.label, g.reported_on, g.text, g.status, g.source)
                            for g in sorted(new_entries, key=lambda g: g.id))
