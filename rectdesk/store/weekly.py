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

from rectdesk.core.deadlines import (
    WARN_DAYS,
    DeadlineState,
    deadline_state,
    due_within,
    format_date_cn,
)
from rectdesk.core.errors import NotFound
from rectdesk.core.model import ExtensionState, MeasureStatus
from rectdesk.store import changelog, services
from rectdesk.store.models import (
    ChangeLog,
    Extension,
    FormImport,
    FormIssue,
    Measure,
    Problem,
    Progress,
    Recheck,
    Snapshot,
)
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


def _due(m: Measure, skip_extensions: set[int] | frozenset[int] = frozenset()) -> date | None:
    approved = [e.new_due for e in m.extensions
                if e.state is ExtensionState.APPROVED and e.id not in skip_extensions]
    return max(approved) if approved else m.deadline_due


def _state(m: Measure, skip_extensions: set[int] | frozenset[int] = frozenset()) -> dict[str, Any]:
    due = _due(m, skip_extensions)
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
        changelog.log(s, reg, "snapshot", "campaign", campaign_id, campaign_id, "snapshot", "",
                      snap.label)
        return SnapshotInfo(snap.id, campaign_id, taken_on, snap.taken_at, snap.label, len(rows))


def snapshots(reg: Register, campaign_id: int) -> list[SnapshotInfo]:
    with reg.reading() as s:
        rows = s.scalars(select(Snapshot).where(Snapshot.campaign_id == campaign_id)
                         .order_by(Snapshot.taken_on, Snapshot.id)).all()
        return [SnapshotInfo(r.id, campaign_id, r.taken_on, r.taken_at, r.label,
                             len(json.loads(r.payload).get("measures", {}))) for r in rows]


@dataclass(frozen=True)
class Baseline:
    """What the report compares with: a snapshot, or the register as imported (no snapshot yet)."""

    taken_on: date
    taken_at: datetime
    measures: dict[str, dict[str, Any]]  # measure id -> _state() as it was
    max_progress: int  # progress entries with a larger id are news
    label: str = ""
    from_import: bool = False


def _baseline(s: Session, campaign_id: int, since: date | None) -> Baseline:
    q = select(Snapshot).where(Snapshot.campaign_id == campaign_id)
    if since is not None:
        q = q.where(Snapshot.taken_on <= since)
    snap = s.scalar(q.order_by(Snapshot.taken_on.desc(), Snapshot.id.desc()).limit(1))
    if snap is None:
        return _import_baseline(s, campaign_id, since)
    base = json.loads(snap.payload)
    return Baseline(snap.taken_on, snap.taken_at, base.get("measures", {}),
                    int(base.get("max_progress_id", 0)), snap.label)


def _import_baseline(s: Session, campaign_id: int, since: date | None) -> Baseline:
    """No snapshot yet: the register as it was right after its import, rebuilt from the change
    log (statuses changed since then are logged with their old value; later progress entries,
    measures and approvals are logged with their time)."""
    log = select(ChangeLog).where(ChangeLog.campaign_id == campaign_id)
    first = s.scalar(log.where(ChangeLog.action.in_(("import", "create")),
                               ChangeLog.entity == "campaign").order_by(ChangeLog.id).limit(1)) \
        or s.scalar(log.order_by(ChangeLog.id).limit(1))
    if first is None or (since is not None and first.at.date() > since):
        when = f"{since:%Y-%m-%d} 或之前" if since else ""
        raise NotFound(f"没有{when}的快照或台账导入记录可供比较：请先运行 rectdesk snapshot"
                       "（或在周报窗口中点击“记录本周快照”）", field="since")
    later = s.scalars(log.where(ChangeLog.id > first.id).order_by(ChangeLog.id)).all()
    old_status: dict[int, str] = {}
    created: set[int] = set()
    decided: set[int] = set()
    for row in later:
        if row.entity == "measure" and row.action == "update" and row.field == "status":
            old_status.setdefault(int(row.entity_id or 0), row.old_value)
        elif row.entity == "measure" and row.action == "create":
            created.add(int(row.entity_id or 0))
        elif row.entity == "extension" and row.action == "decide":
            decided.add(int(row.entity_id or 0))
    max_progress = s.scalar(select(func.max(Progress.id)).where(Progress.created_at <= first.at)) or 0
    states = {}
    for _p, m in _measures(s, campaign_id):
        if m.id in created:
            continue
        state = _state(m, skip_extensions=decided)
        state["status"] = old_status.get(m.id, state["status"])
        states[str(m.id)] = state
    return Baseline(first.at.date(), first.at, states, max_progress, "导入台账时", from_import=True)


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


@dataclass(frozen=True)
class EventLine:
    """A sign-off, re-check or extension decision in the period."""

    label: str  # the problem's number, or the measure's "7.2"
    title: str
    text: str
    when: date | None = None


DEFAULT_SIGNATURE = "整改办"  # the office that writes the report signs it


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
    baseline: str = ""  # the snapshot's label, or 导入台账时
    from_import: bool = False  # no snapshot yet: compared with the register as imported
    sign_offs: list[EventLine] = field(default_factory=list)
    rechecks: list[EventLine] = field(default_factory=list)
    extensions: list[EventLine] = field(default_factory=list)

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
                today: date | None = None, warn_days: int = WARN_DAYS,
                signature: str = DEFAULT_SIGNATURE) -> WeeklyData:
    """What changed since the snapshot taken on or before `since` (default: the latest one; with
    no snapshot, the register as it was after its import)."""
    today = today or date.today()
    with reg.reading() as s:
        c = services.get_campaign(s, campaign_id)
        base = _baseline(s, campaign_id, since)
        data = WeeklyData(c.title, signature.strip(), base.taken_on, today, warn_days,
                          {st.value: 0 for st in MeasureStatus} | {"逾期": 0}, [], [], [], [], [], [],
                          marking=c.marking, baseline=base.label, from_import=base.from_import)
        by_dept: dict[str, DepartmentProgress] = {}
        for p, m in _measures(s, campaign_id):
            _add_measure(data, by_dept, p, m, base.measures.get(str(m.id)), base.max_progress,
                         base.taken_on, today)
        reported = set(s.scalars(select(FormIssue.department).join(FormImport)
                                 .where(FormIssue.campaign_id == campaign_id,
                                        FormImport.imported_at >= base.taken_at)).all())
        data.silent_departments = _silent(s, campaign_id, base.taken_at)
        _events(s, data, campaign_id, base.taken_at)
    for dept in by_dept.values():
        dept.reported = dept.department in reported
    data.departments = [by_dept[k] for k in sorted(by_dept)]
    return data


def _silent(s: Session, campaign_id: int, since: datetime) -> list[str]:
    """Departments sent a form in the period that have returned none of them; a department
    never sent a form is not late."""
    issued = s.execute(select(FormIssue.department, FormIssue.id)
                       .where(FormIssue.campaign_id == campaign_id, FormIssue.issued_at >= since)).all()
    returned = set(s.scalars(select(FormImport.form_id).where(
        FormImport.form_id.in_([form_id for _d, form_id in issued]))).all())
    answered = {d for d, form_id in issued if form_id in returned}
    return sorted({d for d, _id in issued} - answered)


def _events(s: Session, data: WeeklyData, campaign_id: int, since: datetime) -> None:
    """Sign-offs, re-checks and decided extensions logged in the period, in the order done."""
    rows = s.scalars(select(ChangeLog).where(
        ChangeLog.campaign_id == campaign_id, ChangeLog.at >= since,
        ChangeLog.action.in_(("sign_off", "recheck", "decide"))).order_by(ChangeLog.id)).all()
    for row in rows:
        if row.action == "decide":
            ext = s.get(Extension, row.entity_id)
            if ext is None:
                continue
            m = ext.measure
            label = f"{m.problem.position}.{m.position}"
            text = (f"延期至{format_date_cn(ext.new_due)}，{ext.state.value}（{ext.decided_by}）；"
                    f"理由：{ext.reason}")
            data.extensions.append(EventLine(label, m.text or m.result, text, ext.decided_on))
            continue
        p = s.get(Problem, row.entity_id)
        if p is None:
            continue
        if row.action == "sign_off" and p.signed_off_on is not None:
            text = f"{format_date_cn(p.signed_off_on)}销号，审批人：{p.signed_off_by}"
            data.sign_offs.append(EventLine(str(p.position), p.title, text, p.signed_off_on))
        elif row.action == "recheck":
            check = s.scalar(select(Recheck).where(Recheck.problem_id == p.id)
                             .order_by(Recheck.checked_on.desc(), Recheck.id.desc()).limit(1))
            note = f"，{check.note}" if check is not None and check.note else ""
            when = check.checked_on if check is not None else row.at.date()
            data.rechecks.append(EventLine(str(p.position), p.title,
                                           f"{format_date_cn(when)}回头看：{row.new_value}{note}", when))


def _add_measure(data: WeeklyData, by_dept: dict[str, DepartmentProgress],
                 p: Problem, m: Measure, old: dict[str, Any] | None, max_progress: int,
                 since: date, today: date) -> None:
    line = _line(p, m)
    data.totals[m.status.value] += 1
    overdue = deadline_state(line.due, m.status, today, long_term=m.long_term) is DeadlineState.OVERDUE
    data.totals["逾期"] += overdue
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
