"""Reading the register: addressing items by number, loading a campaign as plain data, counts."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from rectdesk.core.deadlines import DeadlineState, deadline_state, due_within
from rectdesk.core.errors import NotFound, ValidationError
from rectdesk.core.fields import added_fields
from rectdesk.core.model import (
    CampaignData,
    Deadline,
    EvidenceData,
    ExtensionData,
    ExtensionState,
    MeasureData,
    MeasureStatus,
    MechanismData,
    ProblemData,
    ProgressData,
    RecheckData,
    SignOff,
)
from rectdesk.core.status import derive_problem_status
from rectdesk.store.models import Campaign, Evidence, Extension, Measure, Problem
from rectdesk.store.register import Register


def resolve_campaign(s: Session, ref: str | int | None) -> int:
    """A campaign id from an id, a unique title, or nothing when the register holds one."""
    if ref is None or str(ref).strip() == "":
        ids = s.scalars(select(Campaign.id).order_by(Campaign.id)).all()
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise NotFound("台账中还没有整改任务", field="campaign")
        raise ValidationError(f"台账中有 {len(ids)} 个整改任务，请用 --campaign 指定编号或名称",
                              field="campaign")
    text = str(ref).strip()
    if text.isdigit() and s.get(Campaign, int(text)) is not None:
        return int(text)
    ids = s.scalars(select(Campaign.id).where(Campaign.title == text)).all()
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise ValidationError(f"有 {len(ids)} 个整改任务名为“{text}”，请用编号指定", field="campaign")
    raise NotFound(f"找不到整改任务“{text}”", field="campaign")


def resolve_problem(s: Session, campaign_id: int, number: str | int) -> int:
    text = str(number).strip()
    if not text.isdigit():
        raise ValidationError(f"问题编号应为数字，例如 7（收到“{text}”）", field="problem")
    pid = s.scalar(select(Problem.id).where(Problem.campaign_id == campaign_id,
                                            Problem.position == int(text)))
    if pid is None:
        raise NotFound(f"没有第 {text} 个问题", field="problem")
    return pid


def resolve_measure(s: Session, campaign_id: int, number: str) -> int:
    """'7.2' is the second measure of problem 7."""
    m = re.fullmatch(r"\s*(\d+)\s*[.．]\s*(\d+)\s*", str(number))
    if not m:
        raise ValidationError(f"措施编号应写成 问题号.措施号，例如 7.2（收到“{number}”）", field="measure")
    pid = resolve_problem(s, campaign_id, m[1])
    mid = s.scalar(select(Measure.id).where(Measure.problem_id == pid, Measure.position == int(m[2])))
    if mid is None:
        raise NotFound(f"第 {m[1]} 个问题没有第 {m[2]} 条措施", field="measure")
    return mid


def campaigns(reg: Register) -> list[tuple[int, str]]:
    with reg.reading() as s:
        return [(r.id, r.title) for r in s.execute(select(Campaign.id, Campaign.title).order_by(Campaign.id))]


def same_campaigns(reg: Register, title: str, source_hash: str) -> list[tuple[int, str, str]]:
    """Campaigns an import may repeat: (id, title, why) with why "source" (the same document
    was imported before) or "title" (a campaign of that title exists)."""
    key = "".join(title.split())
    found: list[tuple[int, str, str]] = []
    with reg.reading() as s:
        for cid, ctitle, chash in s.execute(select(Campaign.id, Campaign.title, Campaign.source_hash)
                                            .order_by(Campaign.id)):
            if source_hash and chash == source_hash:
                found.append((cid, ctitle, "source"))
            elif key and "".join(ctitle.split()) == key:
                found.append((cid, ctitle, "title"))
    return found


def load_campaign(reg: Register, campaign_id: int, *, as_of: date | None = None) -> CampaignData:
    """The whole campaign as plain data; progress dated after `as_of` is left out."""
    added = added_fields()
    with reg.reading() as s:
        c = s.get(Campaign, campaign_id)
        if c is None:
            raise NotFound(f"整改任务 {campaign_id} 不存在", field="campaign")
        problems = s.scalars(
            select(Problem).where(Problem.campaign_id == campaign_id).order_by(Problem.position)
            .options(selectinload(Problem.category), selectinload(Problem.rechecks),
                     selectinload(Problem.measures).selectinload(Measure.leaders),
                     selectinload(Problem.measures).selectinload(Measure.cooperating),
                     selectinload(Problem.measures).selectinload(Measure.lead_department),
                     selectinload(Problem.measures).selectinload(Measure.progress),
                     selectinload(Problem.measures).selectinload(Measure.extensions))
        ).all()
        evidence = s.scalars(
            select(Evidence).join(Problem, Problem.id == Evidence.problem_id, isouter=True)
            .where(Evidence.removed_at.is_(None)).order_by(Evidence.id)).all()
        by_measure: dict[int, list[EvidenceData]] = {}
        by_problem: dict[int, list[EvidenceData]] = {}
        for e in evidence:
            item = _evidence_data(e)
            if e.measure_id is not None:
                by_measure.setdefault(e.measure_id, []).append(item)
            elif e.problem_id is not None:
                by_problem.setdefault(e.problem_id, []).append(item)
        data = CampaignData(
            id=c.id, title=c.title, kind=c.kind, inspecting_body=c.inspecting_body,
            inspected_unit=c.inspected_unit, period_start=c.period_start, period_end=c.period_end,
            feedback_date=c.feedback_date, deadline=c.deadline, notes=c.notes,
            issuing_organ=c.issuing_organ, bulletin_title=c.bulletin_title, intro=c.intro,
            organisation=c.organisation, next_steps_heading=c.next_steps_heading,
            next_steps=c.next_steps, contact=c.contact, signature=c.signature,
            bulletin_date=c.bulletin_date, marking=c.marking,
            categories=[cat.name for cat in c.categories],
            unparsed=[line for line in c.unparsed.split("\n") if line],
        )
        for p in problems:
            pd = ProblemData(id=p.id, number=p.position, title=p.title, description=p.description,
                             category=p.category.name if p.category else "",
                             recheck_due=p.recheck_due, evidence=by_problem.get(p.id, []),
                             rechecks=[RecheckData(r.checked_on, r.result, r.note, r.checked_by)
                                       for r in p.rechecks])
            if p.signed_off_on:
                pd.sign_off = SignOff(p.signed_off_on, p.signed_off_by, p.sign_off_opinion)
            for m in p.measures:
                pd.measures.append(MeasureData(
                    id=m.id, number=m.position, text=m.text, result=m.result,
                    leaders=[x.name for x in m.leaders],
                    lead_department=m.lead_department.name if m.lead_department else "",
                    cooperating=[d.name for d in m.cooperating],
                    deadline=Deadline(m.deadline_text, m.deadline_due, m.long_term),
                    status=m.status, status_inferred=m.status_inferred, completed_on=m.completed_on,
                    note=m.note, extra={f.key: getattr(m, f.key) for f in added},
                    evidence=by_measure.get(m.id, []),
                    progress=[ProgressData(when=g.reported_on, text=g.text, status=g.status,
                                           reported_by=g.reported_by, source=g.source, id=g.id)
                              for g in m.progress if as_of is None or g.reported_on <= as_of],
                    extensions=[ExtensionData(new_due=x.new_due, reason=x.reason, state=x.state,
                                              requested_by=x.requested_by, requested_on=x.requested_on,
                                              decided_by=x.decided_by, decided_on=x.decided_on, id=x.id)
                                for x in m.extensions]))
            data.problems.append(pd)
        for mech in c.mechanisms:
            data.mechanisms.append(MechanismData(title=mech.title, doc_number=mech.doc_number,
                                                 issued_on=mech.issued_on, id=mech.id,
                                                 problem_numbers=[p.position for p in mech.problems]))
        return data


def _evidence_data(e: Evidence) -> EvidenceData:
    return EvidenceData(title=e.title, file_name=e.file_name, sha256=e.sha256, size=e.size,
                        media_type=e.media_type, kind=e.kind, doc_number=e.doc_number,
                        doc_date=e.doc_date, added_by=e.added_by, reviewed=e.reviewed,
                        review_note=e.review_note, id=e.id)


def summary(reg: Register, campaign_id: int | None = None, *, today: date | None = None,
            due_days: int = 7) -> dict[str, Any]:
    """Counts for `rectdesk summary`: problems and measures by status, overdue, due soon."""
    today = today or date.today()
    with reg.reading() as s:
        cq = select(Campaign.id, Campaign.title).order_by(Campaign.id)
        if campaign_id is not None:
            cq = cq.where(Campaign.id == campaign_id)
        camps = s.execute(cq).all()
        ids = [c.id for c in camps]
        approved = (select(Extension.measure_id, func.max(Extension.new_due).label("due"))
                    .where(Extension.state == ExtensionState.APPROVED)
                    .group_by(Extension.measure_id).subquery())
        rows = s.execute(
            select(Measure.id, Measure.problem_id, Measure.position, Problem.position.label("pnum"),
                   Measure.status, Measure.deadline_due, Measure.long_term, approved.c.due,
                   Problem.signed_off_on, Problem.recheck_due)
            .join(Problem, Problem.id == Measure.problem_id)
            .join(approved, approved.c.measure_id == Measure.id, isouter=True)
            .where(Problem.campaign_id.in_(ids))).all()
        problem_rows = s.execute(select(Problem.id, Problem.signed_off_on, Problem.recheck_due)
                                 .where(Problem.campaign_id.in_(ids))).all()
        pending = s.scalar(select(func.count(Extension.id)).join(Measure).join(Problem)
                           .where(Problem.campaign_id.in_(ids),
                                  Extension.state == ExtensionState.PENDING)) or 0
    by_status: Counter[str] = Counter({st.value: 0 for st in MeasureStatus})
    per_problem: dict[int, list[MeasureStatus]] = {}
    overdue, due_soon = [], []
    for r in rows:
        by_status[r.status.value] += 1
        per_problem.setdefault(r.problem_id, []).append(r.status)
        due = r.due or r.deadline_due
        state = deadline_state(due, r.status, today, long_term=r.long_term)
        label = f"{r.pnum}.{r.position}"
        if state is DeadlineState.OVERDUE:
            overdue.append(label)
        elif due_within(due, r.status, today, due_days) and not r.long_term:
            due_soon.append(label)
    problems_by_status: Counter[str] = Counter()
    for p in problem_rows:
        problems_by_status[derive_problem_status(per_problem.get(p.id, []), p.signed_off_on is not None).value] += 1
    key = _label_key
    return {
        "campaigns": len(camps),
        "problems": len(problem_rows),
        "measures": len(rows),
        "measures_by_status": dict(by_status),
        "problems_by_status": dict(problems_by_status),
        "overdue": sorted(overdue, key=key),
        "due_soon": sorted(due_soon, key=key),
        "signed_off": sum(1 for p in problem_rows if p.signed_off_on is not None),
        "recheck_due": sum(1 for p in problem_rows if p.signed_off_on and p.recheck_due and p.recheck_due <= today),
        "extensions_pending": pending,
    }


def _label_key(label: str) -> tuple[int, ...]:
    return tuple(int(x) for x in label.split("."))


