"""Use cases that change the register. Each runs in one transaction, writes the change log
(留痕) and returns `Changes` naming what it touched, so views refresh only that.

Validation failures raise ValidationError with a Chinese message and the field name; because the
check happens inside the transaction, nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from rectdesk.core import fields as field_table
from rectdesk.core.deadlines import parse_deadline
from rectdesk.core.errors import NotFound, ValidationError
from rectdesk.core.fields import Kind, label
from rectdesk.core.model import (
    CampaignData,
    CampaignKind,
    ExtensionState,
    MeasureStatus,
    ProblemData,
    RecheckResult,
)
from rectdesk.core.text import clean_line
from rectdesk.store.changelog import log as _log
from rectdesk.store.models import (
    Campaign,
    Category,
    Department,
    Evidence,
    Extension,
    Measure,
    Mechanism,
    Person,
    Problem,
    Progress,
    Recheck,
    measure_cooperating,
    measure_leader,
)
from rectdesk.store.register import Register
from rectdesk.store.validation import (
    MAX_NAME,
)
from rectdesk.store.validation import day as _date
from rectdesk.store.validation import names as _names
from rectdesk.store.validation import status as _status
from rectdesk.store.validation import text as _text
from rectdesk.store.validation import title as _title


@dataclass(frozen=True)
class Changes:
    campaigns: frozenset[int] = frozenset()
    problems: frozenset[int] = frozenset()
    measures: frozenset[int] = frozenset()
    created: frozenset[tuple[str, int]] = frozenset()  # ("problem", id) / ("measure", id) ...
    deleted: frozenset[tuple[str, int]] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.campaigns | other.campaigns, self.problems | other.problems,
                       self.measures | other.measures, self.created | other.created,
                       self.deleted | other.deleted)


# -- helpers ----------------------------------------------------------------------------------
def department(s: Session, name: str) -> Department:
    name = _title(name, "department", "部门名称", 200)
    found = s.scalar(select(Department).where(Department.name == name))
    if found is None:
        found = Department(name=name)
        s.add(found)
        s.flush()
    return found


def person(s: Session, name: str) -> Person:
    name = _title(name, "leader", label("leaders") + "姓名", MAX_NAME)
    found = s.scalar(select(Person).where(Person.name == name))
    if found is None:
        found = Person(name=name)
        s.add(found)
        s.flush()
    return found


def get_campaign(s: Session, campaign_id: int) -> Campaign:
    found = s.get(Campaign, campaign_id)
    if found is None:
        raise NotFound(f"整改任务 {campaign_id} 不存在", field="campaign")
    return found


def get_problem(s: Session, problem_id: int) -> Problem:
    found = s.get(Problem, problem_id)
    if found is None:
        raise NotFound(f"问题 {problem_id} 不存在", field="problem")
    return found


def get_measure(s: Session, measure_id: int) -> Measure:
    found = s.get(Measure, measure_id)
    if found is None:
        raise NotFound(f"整改措施 {measure_id} 不存在", field="measure")
    return found


def _ref_year(campaign: Campaign) -> int:
    for d in (campaign.feedback_date, campaign.period_end, campaign.bulletin_date):
        if d:
            return d.year
    return date.today().year


# -- campaigns ----------------------------------------------------------------------------------
CAMPAIGN_TEXT_FIELDS = {
    "inspecting_body": "巡察（巡视）组", "inspected_unit": "被巡察单位", "notes": "备注",
    "issuing_organ": "发文机关", "bulletin_title": "通报标题", "intro": "通报导语",
    "organisation": "整改工作组织情况", "next_steps_heading": "下一步标题", "next_steps": "下一步计划",
    "contact": "联系方式", "signature": "发文机关署名", "marking": "密级/标注", "unparsed": "未识别内容",
}
CAMPAIGN_DATE_FIELDS = {
    "period_start": "巡察开始日期", "period_end": "巡察结束日期", "feedback_date": "反馈日期",
    "deadline": "整改期限", "bulletin_date": "成文日期",
}


def _apply_campaign_fields(s: Session, reg: Register, c: Campaign, fields: dict[str, Any],
                           log: bool) -> None:
    for key, value in fields.items():
        if key == "title":
            new: Any = _title(value, "title", "整改任务名称", 300)
        elif key == "kind":
            try:
                new = CampaignKind(value)
            except ValueError:
                raise ValidationError(f"无法识别的整改任务类型“{value}”", field="kind") from None
        elif key in CAMPAIGN_TEXT_FIELDS:
            new = _text(value, key, CAMPAIGN_TEXT_FIELDS[key])
        elif key in CAMPAIGN_DATE_FIELDS:
            new = _date(value, key, CAMPAIGN_DATE_FIELDS[key])
        else:
            raise ValidationError(f"未知字段 {key}", field=key)
        old = getattr(c, key)
        if old != new:
            setattr(c, key, new)
            if log:
                _log(s, reg, "update", "campaign", c.id, c.id, key, old, new)
    if c.period_start and c.period_end and c.period_end < c.period_start:
        raise ValidationError("巡察结束日期早于开始日期", field="period_end")


def create_campaign(reg: Register, title: str, **fields: Any) -> Changes:
    with reg.transaction() as s:
        c = Campaign(title="")
        s.add(c)
        _apply_campaign_fields(s, reg, c, {"title": title, **fields}, log=False)
        s.flush()
        _log(s, reg, "create", "campaign", c.id, c.id, "title", "", c.title)
        return Changes(campaigns=frozenset({c.id}), created=frozenset({("campaign", c.id)}))


def update_campaign(reg: Register, campaign_id: int, **fields: Any) -> Changes:
    with reg.transaction() as s:
        c = get_campaign(s, campaign_id)
        _apply_campaign_fields(s, reg, c, fields, log=True)
        return Changes(campaigns=frozenset({c.id}))


def delete_campaign(reg: Register, campaign_id: int) -> Changes:
    with reg.transaction() as s:
        c = get_campaign(s, campaign_id)
        _log(s, reg, "delete", "campaign", c.id, c.id, "title", c.title, "")
        s.delete(c)
        return Changes(campaigns=frozenset({campaign_id}), deleted=frozenset({("campaign", campaign_id)}))


def _category(s: Session, campaign: Campaign, name: str | None) -> Category | None:
    name = clean_line(name or "")
    if not name:
        return None
    for cat in campaign.categories:
        if cat.name == name:
            return cat
    cat = Category(name=_title(name, "category", label("category"), 200), position=len(campaign.categories) + 1)
    campaign.categories.append(cat)
    s.flush()
    return cat


# -- problems -----------------------------------------------------------------------------------
def add_problem(reg: Register, campaign_id: int, title: str, description: str = "",
                category: str | None = None, position: int | None = None) -> Changes:
    """Add a problem at `position` (1-based; default: last), renumbering those after it."""
    with reg.transaction() as s:
        c = get_campaign(s, campaign_id)
        count = len(c.problems)
        pos = count + 1 if position is None else max(1, min(position, count + 1))
        p = Problem(title=_title(title, "title", label("title")),
                    description=_text(description, "description", label("description")),
                    position=pos, category=_category(s, c, category))
        for other in c.problems:
            if other.position >= pos:
                other.position += 1
        c.problems.append(p)
        s.flush()
        _log(s, reg, "create", "problem", p.id, c.id, "title", "", p.title)
        return Changes(campaigns=frozenset({c.id}), problems=frozenset({p.id}),
                       created=frozenset({("problem", p.id)}))


def update_problem(reg: Register, problem_id: int, **fields: Any) -> Changes:
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        for key, value in fields.items():
            old: Any
            if key == "title":
                new: Any = _title(value, "title", label("title"))
            elif key == "description":
                new = _text(value, "description", label("description"))
            elif key == "category":
                cat = _category(s, p.campaign, value)
                old, new = (p.category.name if p.category else ""), (cat.name if cat else "")
                if old != new:
                    p.category = cat
                    _log(s, reg, "update", "problem", p.id, p.campaign_id, key, old, new)
                continue
            elif key == "recheck_due":
                new = _date(value, key, label(key))
            else:
                raise ValidationError(f"未知字段 {key}", field=key)
            old = getattr(p, key)
            if old != new:
                setattr(p, key, new)
                _log(s, reg, "update", "problem", p.id, p.campaign_id, key, old, new)
        return Changes(problems=frozenset({p.id}), campaigns=frozenset({p.campaign_id}))


def move_problem(reg: Register, problem_id: int, new_position: int) -> Changes:
    """Move a problem to `new_position` (1-based); the others keep their order."""
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        ordered = [x for x in p.campaign.problems if x.id != p.id]
        pos = max(1, min(new_position, len(ordered) + 1))
        ordered.insert(pos - 1, p)
        old = p.position
        touched = _renumber(ordered)
        _log(s, reg, "move", "problem", p.id, p.campaign_id, "position", old, pos)
        return Changes(problems=frozenset(touched | {p.id}), campaigns=frozenset({p.campaign_id}))


def _renumber(items: list[Any]) -> set[int]:
    touched = set()
    for i, item in enumerate(items, start=1):
        if item.position != i:
            item.position = i
            touched.add(item.id)
    return touched


def delete_problem(reg: Register, problem_id: int) -> Changes:
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        campaign = p.campaign
        measure_ids = frozenset(m.id for m in p.measures)
        _log(s, reg, "delete", "problem", p.id, campaign.id, "title", p.title, "")
        campaign.problems.remove(p)  # delete-orphan cascade deletes it and its measures
        s.flush()
        touched = _renumber(list(campaign.problems))
        return Changes(campaigns=frozenset({campaign.id}), problems=frozenset(touched | {problem_id}),
                       measures=measure_ids, deleted=frozenset({("problem", problem_id)}))


# -- measures -----------------------------------------------------------------------------------
MEASURE_FIELDS = tuple(f.key for f in field_table.MEASURE_FIELDS)


def _measure_value(m: Measure, key: str) -> Any:
    if key == "leaders":
        return [p.name for p in m.leaders]
    if key == "cooperating":
        return [d.name for d in m.cooperating]
    if key == "lead_department":
        return m.lead_department.name if m.lead_department else ""
    if key == "deadline":
        return m.deadline_text
    return getattr(m, key)


def _set_measure_field(s: Session, m: Measure, key: str, value: Any) -> None:
    f = field_table.FIELDS.get(key)
    if f is None or f.entity != "measure":
        raise ValidationError(f"未知字段 {key}", field=key)
    if f.kind is Kind.TEXT:  # text, result, note and the fields the table adds
        setattr(m, key, _text(value, key, f.label))
    elif key == "leaders":
        _set_links(s, m, measure_leader, "person_id", [person(s, n).id for n in _names(value)])
    elif key == "cooperating":
        _set_links(s, m, measure_cooperating, "department_id",
                   [department(s, n).id for n in _names(value)])
    elif key == "lead_department":
        name = clean_line(value or "")
        m.lead_department = department(s, name) if name else None
    elif key == "deadline":
        d = parse_deadline(value, _ref_year(m.problem.campaign))
        m.deadline_text, m.deadline_due, m.long_term = d.text, d.due, d.long_term
    elif key == "status":
        m.status = _status(value)
        m.status_inferred = False
    elif key == "completed_on":
        m.completed_on = _date(value, key, f.label)
    else:
        raise ValidationError(f"未知字段 {key}", field=key)


def _set_links(s: Session, m: Measure, table: Table, column: str, ids: list[int]) -> None:
    """Replace a measure's leaders or cooperating departments, keeping the order typed.

    The ORM cannot fill the association's `position` column, so the rows are written directly
    and the (view-only) relationship is reloaded.
    """
    s.flush()  # the measure needs its id
    s.execute(delete(table).where(table.c.measure_id == m.id))
    if ids:
        s.execute(insert(table), [{"measure_id": m.id, column: ref, "position": k}
                                  for k, ref in enumerate(ids)])
    s.expire(m, ["leaders" if table is measure_leader else "cooperating"])


def _check_measure(m: Measure) -> None:
    if not m.text.strip() and not m.result.strip():
        raise ValidationError(f"{label('text')}不能为空", field="text")
    if m.status is MeasureStatus.DONE and m.completed_on is None:
        m.completed_on = date.today()
    if m.status is not MeasureStatus.DONE:
        m.completed_on = None if m.status is MeasureStatus.NOT_STARTED else m.completed_on


def add_measure(reg: Register, problem_id: int, text: str, position: int | None = None,
                **fields: Any) -> Changes:
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        count = len(p.measures)
        pos = count + 1 if position is None else max(1, min(position, count + 1))
        m = Measure(position=pos, text="", result="", status=MeasureStatus.NOT_STARTED)
        for other in p.measures:
            if other.position >= pos:
                other.position += 1
        p.measures.append(m)
        _set_measure_field(s, m, "text", text)
        for key, value in fields.items():
            _set_measure_field(s, m, key, value)
        _check_measure(m)
        s.flush()
        _log(s, reg, "create", "measure", m.id, p.campaign_id, "text", "", m.text)
        return Changes(problems=frozenset({p.id}), measures=frozenset({m.id}),
                       created=frozenset({("measure", m.id)}))


def update_measure(reg: Register, measure_id: int, **fields: Any) -> Changes:
    with reg.transaction() as s:
        m = get_measure(s, measure_id)
        campaign_id = m.problem.campaign_id
        for key, value in fields.items():
            old = _measure_value(m, key) if key in MEASURE_FIELDS else None
            _set_measure_field(s, m, key, value)
            new = _measure_value(m, key)
            if old != new:
                _log(s, reg, "update", "measure", m.id, campaign_id, key, old, new)
        _check_measure(m)
        return Changes(measures=frozenset({m.id}), problems=frozenset({m.problem_id}))


def set_status(reg: Register, measure_id: int, status: MeasureStatus | str,
               completed_on: date | None = None) -> Changes:
    fields: dict[str, Any] = {"status": status}
    if completed_on is not None:
        fields["completed_on"] = completed_on
    return update_measure(reg, measure_id, **fields)


def move_measure(reg: Register, measure_id: int, new_position: int) -> Changes:
    with reg.transaction() as s:
        m = get_measure(s, measure_id)
        ordered = [x for x in m.problem.measures if x.id != m.id]
        pos = max(1, min(new_position, len(ordered) + 1))
        ordered.insert(pos - 1, m)
        old = m.position
        touched = _renumber(ordered)
        _log(s, reg, "move", "measure", m.id, m.problem.campaign_id, "position", old, pos)
        return Changes(measures=frozenset(touched | {m.id}), problems=frozenset({m.problem_id}))


def delete_measure(reg: Register, measure_id: int) -> Changes:
    with reg.transaction() as s:
        m = get_measure(s, measure_id)
        p = m.problem
        _log(s, reg, "delete", "measure", m.id, p.campaign_id, "text", m.text, "")
        p.measures.remove(m)  # delete-orphan cascade
        s.flush()
        touched = _renumber(list(p.measures))
        return Changes(problems=frozenset({p.id}), measures=frozenset(touched | {measure_id}),
                       deleted=frozenset({("measure", measure_id)}))


def record_progress(reg: Register, measure_id: int, when: date | str, text: str,
                    status: MeasureStatus | str | None = None, reported_by: str = "",
                    source: str = "手工录入") -> Changes:
    """Add a dated progress entry; optionally move the measure to a new status."""
    with reg.transaction() as s:
        m = get_measure(s, measure_id)
        day = _date(when, "date", "进展日期")
        if day is None:
            raise ValidationError("请填写进展日期", field="date")
        body = _text(text, "text", "进展情况")
        if not body:
            raise ValidationError("进展情况不能为空", field="text")
        new_status = _status(status) if status not in (None, "") else None
        entry = Progress(reported_on=day, text=body, status=new_status,
                         reported_by=clean_line(reported_by) or reg.operator, source=clean_line(source))
        m.progress.append(entry)
        s.flush()
        campaign_id = m.problem.campaign_id
        _log(s, reg, "create", "progress", entry.id, campaign_id, "text", "", body)
        if new_status is not None and new_status is not m.status:
            _log(s, reg, "update", "measure", m.id, campaign_id, "status", m.status, new_status)
            m.status = new_status
            m.status_inferred = False
            if new_status is MeasureStatus.DONE and m.completed_on is None:
                m.completed_on = day
        return Changes(measures=frozenset({m.id}), problems=frozenset({m.problem_id}))


def delete_progress(reg: Register, progress_id: int) -> Changes:
    """Remove one progress entry (undo of "add progress"); the measure's status is left as is."""
    with reg.transaction() as s:
        entry = s.get(Progress, progress_id)
        if entry is None:
            raise NotFound(f"进展记录 {progress_id} 不存在", field="progress")
        m = entry.measure
        _log(s, reg, "delete", "progress", entry.id, m.problem.campaign_id, "text", entry.text, "")
        m.progress.remove(entry)  # delete-orphan cascade
        return Changes(measures=frozenset({m.id}), problems=frozenset({m.problem_id}))


# -- deadlines: extensions --------------------------------------------------------------------
def request_extension(reg: Register, measure_id: int, new_due: date | str, reason: str,
                      requested_by: str = "", requested_on: date | None = None) -> Changes:
    with reg.transaction() as s:
        m = get_measure(s, measure_id)
        due = _date(new_due, "new_due", "延期后时限")
        if due is None:
            raise ValidationError("请填写延期后的整改时限", field="new_due")
        if m.deadline_due and due <= m.deadline_due:
            raise ValidationError("延期后的时限应晚于原整改时限", field="new_due")
        # A second extension must also go past the one already granted, so the latest approved
        # date is always the latest date (MeasureData.effective_due and summary() rely on it).
        granted = [e.new_due for e in m.extensions if e.state is ExtensionState.APPROVED]
        if granted and due <= max(granted):
            raise ValidationError("延期后的时限应晚于已批准的延期时限", field="new_due")
        why = _text(reason, "reason", "延期理由")
        if not why:
            raise ValidationError("请填写延期理由", field="reason")
        if any(e.state is ExtensionState.PENDING for e in m.extensions):
            raise ValidationError("该措施已有待审批的延期申请", field="new_due")
        ext = Extension(new_due=due, reason=why, state=ExtensionState.PENDING,
                        requested_by=clean_line(requested_by) or reg.operator,
                        requested_on=requested_on or date.today())
        m.extensions.append(ext)
        s.flush()
        _log(s, reg, "request", "extension", ext.id, m.problem.campaign_id, "new_due", "", due)
        return Changes(measures=frozenset({m.id}), problems=frozenset({m.problem_id}))


def decide_extension(reg: Register, extension_id: int, approve: bool, decided_by: str,
                     decided_on: date | None = None) -> Changes:
    with reg.transaction() as s:
        ext = s.get(Extension, extension_id)
        if ext is None:
            raise NotFound(f"延期申请 {extension_id} 不存在", field="extension")
        if ext.state is not ExtensionState.PENDING:
            raise ValidationError(f"该延期申请已{ext.state.value[1:]}，不能再次审批", field="extension")
        who = clean_line(decided_by)
        if not who:
            raise ValidationError("请填写审批人", field="decided_by")
        ext.state = ExtensionState.APPROVED if approve else ExtensionState.REJECTED
        ext.decided_by = who
        ext.decided_on = decided_on or date.today()
        m = ext.measure
        _log(s, reg, "decide", "extension", ext.id, m.problem.campaign_id, "state",
             ExtensionState.PENDING, ext.state)
        return Changes(measures=frozenset({m.id}), problems=frozenset({m.problem_id}))


# -- sign-off and re-checks -------------------------------------------------------------------
def signoff_blockers(s: Session, p: Problem, require_evidence: bool) -> list[str]:
    """Why a problem cannot be signed off yet; [] when it can."""
    reasons = []
    if not p.measures:
        reasons.append("该问题没有整改措施")
    for m in p.measures:
        label = f"措施 {p.position}.{m.position}"
        if m.status is MeasureStatus.LONG_TERM:
            if not (m.result.strip() or m.progress):
                reasons.append(f"{label} 为长期坚持，但尚无阶段性成果")
        elif m.status is not MeasureStatus.DONE:
            reasons.append(f"{label} 尚未完成（{m.status.value}）")
        if require_evidence:
            count = s.scalar(select(func.count(Evidence.id)).where(
                Evidence.measure_id == m.id, Evidence.removed_at.is_(None)))
            if not count:
                reasons.append(f"{label} 没有佐证材料")
    return reasons


def sign_off(reg: Register, problem_id: int, signed_on: date | str, approved_by: str,
             opinion: str = "", *, require_evidence: bool = True, recheck_months: int = 3) -> Changes:
    """销号: only when every measure is done (or long-term with a stage result) and has evidence."""
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        if p.signed_off_on is not None:
            raise ValidationError("该问题已销号", field="sign_off")
        day = _date(signed_on, "signed_on", "销号日期")
        if day is None:
            raise ValidationError("请填写销号日期", field="signed_on")
        who = clean_line(approved_by)
        if not who:
            raise ValidationError("请填写销号审批人", field="approved_by")
        blockers = signoff_blockers(s, p, require_evidence)
        if blockers:
            raise ValidationError("不能销号：" + "；".join(blockers), field="sign_off")
        p.signed_off_on, p.signed_off_by = day, who
        p.sign_off_opinion = _text(opinion, "opinion", "销号意见")
        p.recheck_due = _add_months(day, recheck_months) if recheck_months > 0 else None
        _log(s, reg, "sign_off", "problem", p.id, p.campaign_id, "signed_off_on", "", day)
        return Changes(problems=frozenset({p.id}), campaigns=frozenset({p.campaign_id}))


def reopen(reg: Register, problem_id: int, reason: str) -> Changes:
    """Undo a sign-off (e.g. after a 反弹); the history stays in the change log."""
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        _reopen(s, reg, p, reason)
        return Changes(problems=frozenset({p.id}), campaigns=frozenset({p.campaign_id}))


def _reopen(s: Session, reg: Register, p: Problem, reason: str) -> None:
    if p.signed_off_on is None:
        raise ValidationError("该问题尚未销号", field="sign_off")
    why = _text(reason, "reason", "重新打开的原因")
    if not why:
        raise ValidationError("请填写重新打开的原因", field="reason")
    _log(s, reg, "reopen", "problem", p.id, p.campaign_id, "signed_off_on", p.signed_off_on, why)
    p.signed_off_on, p.signed_off_by, p.sign_off_opinion, p.recheck_due = None, "", "", None


def add_recheck(reg: Register, problem_id: int, checked_on: date | str, result: RecheckResult | str,
                note: str = "", checked_by: str = "") -> Changes:
    """回头看: 巩固 keeps the sign-off; 反弹 reopens the problem, its history kept."""
    with reg.transaction() as s:
        p = get_problem(s, problem_id)
        if p.signed_off_on is None:
            raise ValidationError("只有已销号的问题才能回头看", field="recheck")
        day = _date(checked_on, "checked_on", "回头看日期")
        if day is None:
            raise ValidationError("请填写回头看日期", field="checked_on")
        try:
            outcome = RecheckResult(result)
        except ValueError:
            raise ValidationError("回头看结论应为“巩固”或“反弹”", field="result") from None
        p.rechecks.append(Recheck(checked_on=day, result=outcome, note=_text(note, "note", "说明"),
                                  checked_by=clean_line(checked_by) or reg.operator))
        _log(s, reg, "recheck", "problem", p.id, p.campaign_id, "result", "", outcome)
        if outcome is RecheckResult.RELAPSED:
            _reopen(s, reg, p, f"回头看发现反弹：{note}" if note else "回头看发现反弹")
            for m in p.measures:
                if m.status is MeasureStatus.DONE:
                    m.status = MeasureStatus.IN_PROGRESS
        else:
            p.recheck_due = None
        return Changes(problems=frozenset({p.id}), campaigns=frozenset({p.campaign_id}))


def _add_months(d: date, months: int) -> date:
    import calendar

    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# -- mechanisms ---------------------------------------------------------------------------------
def add_mechanism(reg: Register, campaign_id: int, title: str, doc_number: str = "",
                  issued_on: date | str | None = None, problem_ids: Iterable[int] = ()) -> Changes:
    with reg.transaction() as s:
        c = get_campaign(s, campaign_id)
        mech = Mechanism(title=_title(title, "title", "制度名称"),
                         doc_number=clean_line(doc_number), issued_on=_date(issued_on, "issued_on", "印发日期"))
        c.mechanisms.append(mech)
        mech.problems = [get_problem(s, pid) for pid in problem_ids]
        s.flush()
        _log(s, reg, "create", "mechanism", mech.id, c.id, "title", "", mech.title)
        return Changes(campaigns=frozenset({c.id}), problems=frozenset(problem_ids))


def _holds_data(reg: Register) -> bool:
    with reg.reading() as s:
        return s.scalar(select(func.count(Campaign.id))) != 0


# -- bulk import --------------------------------------------------------------------------------
def import_campaign(reg: Register, data: CampaignData, *, into_campaign: int | None = None,
                    merge: bool = False, source: str = "", source_name: str = "",
                    backup: bool = False) -> Changes:
    """Write a parsed campaign (from a bulletin or a ledger) in one transaction.

    With `into_campaign`, its problems are appended to an existing campaign; otherwise a new
    campaign is created from `data`'s own fields. With `merge` too (the same document imported
    again, to update), a problem whose title is already there only adds the measures it does
    not have yet; the texts already in the register are kept (they may have been edited).
    The campaign remembers the document (data.digest(), `source_name`) so that importing it
    again is noticed (queries.same_campaigns). Departments and people are matched by name.
    Rows go in with bulk INSERTs (rectdesk.store.bulk): the ORM unit of work is ~17x slower.
    With `backup` (user-started imports), a register that already holds a campaign is backed
    up first; a failed backup stops the import.
    """
    from rectdesk.store.bulk import insert_problems

    if backup and _holds_data(reg):
        from rectdesk.store.backup import backup_before

        backup_before(reg, "import")

    with reg.transaction() as s:
        if into_campaign is None:
            c = Campaign(title="")
            s.add(c)
            fields = {k: getattr(data, k) for k in
                      ("title", "kind", *CAMPAIGN_TEXT_FIELDS, *CAMPAIGN_DATE_FIELDS)
                      if k != "unparsed"}
            fields["unparsed"] = "\n".join(data.unparsed)
            fields["title"] = data.title or "导入的整改任务"
            _apply_campaign_fields(s, reg, c, fields, log=False)
            s.flush()
        else:
            c = get_campaign(s, into_campaign)
        if into_campaign is None or merge:  # the document this campaign now reflects
            c.source_hash, c.source_name = data.digest(), clean_line(source_name)[:300]
        for name in data.categories:
            _category(s, c, name)
        categories = {cat.name: cat.id for cat in c.categories}
        for pd in data.problems:
            if clean_line(pd.category) and clean_line(pd.category) not in categories:
                categories[clean_line(pd.category)] = _category(s, c, pd.category).id  # type: ignore[union-attr]
        problems = list(data.problems)
        merged: list[int] = []
        touched: set[int] = set()
        if merge:
            problems, merged, touched = _merge_measures(s, reg, c, problems)
        start = len(c.problems)
        problem_ids, measure_ids = insert_problems(s, c.id, start, problems, categories, source)
        by_number = {pd.number or i: pid
                     for i, (pd, pid) in enumerate(zip(problems, problem_ids, strict=True), start=1)}
        for md_ in data.mechanisms:
            mech = Mechanism(title=_title(md_.title, "title", "制度名称"), doc_number=md_.doc_number,
                             issued_on=md_.issued_on)
            c.mechanisms.append(mech)
            mech.problems = [s.get_one(Problem, by_number[n]) for n in md_.problem_numbers if n in by_number]
        s.flush()
        added = len(measure_ids) + len(merged)
        _log(s, reg, "import", "campaign", c.id, c.id, "problems", "",
             f"{len(problem_ids)} 个问题，{added} 条措施" + (f"（{source}）" if source else ""))
        created = {("problem", i) for i in problem_ids} | {("measure", i) for i in (*measure_ids, *merged)}
        return Changes(campaigns=frozenset({c.id}), problems=frozenset({*problem_ids, *touched}),
                       measures=frozenset({*measure_ids, *merged}), created=frozenset(created))


def _merge_measures(s: Session, reg: Register, c: Campaign, problems: list[ProblemData]
                    ) -> tuple[list[ProblemData], list[int], set[int]]:
    """For a re-import: add to the problems already there the measures they lack. Returns the
    problems that are new, the ids of the measures added and the problems they went to."""
    def key(text: str) -> str:
        return "".join(text.split())

    existing = {key(p.title): p for p in c.problems}
    new: list[ProblemData] = []
    added: list[int] = []
    touched: set[int] = set()
    for pd in problems:
        p = existing.get(key(pd.title))
        if p is None:
            new.append(pd)
            continue
        known = {key(m.text) for m in p.measures} | {key(m.result) for m in p.measures}
        for md in pd.measures:
            if key(md.text or md.result) in known:
                continue
            m = Measure(position=len(p.measures) + 1, text="", result="", status=md.status,
                        status_inferred=md.status_inferred)
            p.measures.append(m)
            _set_measure_field(s, m, "text", md.text or md.result)
            m.result = _text(md.result, "result", label("result"))
            for field_name in ("lead_department", "leaders", "cooperating", *md.extra):
                value = md.extra[field_name] if field_name in md.extra else getattr(md, field_name)
                if value:
                    _set_measure_field(s, m, field_name, value)
            m.deadline_text, m.deadline_due, m.long_term = (
                clean_line(md.deadline.text), md.deadline.due, md.deadline.long_term)
            _check_measure(m)
            s.flush()
            _log(s, reg, "create", "measure", m.id, c.id, "text", "", m.text)
            added.append(m.id)
            touched.add(p.id)
    return new, added, touched
