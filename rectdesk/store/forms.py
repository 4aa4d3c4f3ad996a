"""Department feedback forms in the register: issuing them, and merging returned ones.

    report = issue_forms(reg, cid, out_dir, due, write=feedback_forms.write_form,
                         name=feedback_forms.form_file_name)      # one FormIssue row per file
    form = feedback_forms.read_form(path)                         # the exchange layer reads the file
    preview = preview_import(reg, form, path)                     # every change, old -> new; refusals raise
    result = apply_import(reg, preview, decisions)                # one transaction, one FormImport row

The store and exchange layers do not import each other, so the writer is passed in and the
returned form arrives as plain data (an exchange.feedback_forms.ReturnedForm).

A conflict is a measure that changed in the register after its form was issued: its version
moved (any edit of the measure) or it got a newer progress entry. Such a row is never applied
without a decision: Decision.TAKE_FORM adds the department's entry anyway, KEEP_REGISTER skips it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from rectdesk.core import form_stamp
from rectdesk.core.deadlines import format_date_cn
from rectdesk.core.errors import ImportFormatError, RectDeskError, ValidationError
from rectdesk.core.fields import label
from rectdesk.core.model import MeasureStatus
from rectdesk.store import changelog, services
from rectdesk.store.models import (
    ChangeLog,
    Department,
    FormImport,
    FormIssue,
    Measure,
    Problem,
    Progress,
    Setting,
)
from rectdesk.store.register import Register

SOURCE_PREFIX = "部门反馈表："


# -- issuing ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssuedForm:
    form_id: str
    department: str
    path: Path
    rows: int


@dataclass
class IssueReport:
    out_dir: Path
    forms: list[IssuedForm] = field(default_factory=list)
    without_department: list[str] = field(default_factory=list)  # measure labels left out

    def summary(self) -> str:
        rows = sum(f.rows for f in self.forms)
        text = f"已生成 {len(self.forms)} 份部门反馈表（共 {rows} 条措施）：{self.out_dir}"
        if self.without_department:
            text += (f"；{len(self.without_department)} 条措施未明确责任部门，未列入："
                     + "、".join(self.without_department))
        return text


def _deadline(m: Measure) -> str:
    text = m.deadline_text or ("长期坚持" if m.long_term else format_date_cn(m.deadline_due))
    from rectdesk.core.model import ExtensionState

    approved = [e.new_due for e in m.extensions if e.state is ExtensionState.APPROVED]
    return f"{text}（延期至{format_date_cn(max(approved))}）" if approved else text


def _last_progress(m: Measure) -> tuple[int, str]:
    if not m.progress:
        return 0, ""
    last = max(m.progress, key=lambda g: (g.reported_on, g.id))
    return last.id, f"{format_date_cn(last.reported_on)}：{last.text}"


def form_rows(s: Session, campaign_id: int, *, include_done: bool = False
              ) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Rows of every lead department's form, and the labels of measures with no department."""
    problems = s.scalars(
        select(Problem).where(Problem.campaign_id == campaign_id).order_by(Problem.position)
        .options(selectinload(Problem.measures).selectinload(Measure.lead_department),
                 selectinload(Problem.measures).selectinload(Measure.progress),
                 selectinload(Problem.measures).selectinload(Measure.extensions))).all()
    by_dept: dict[str, list[dict[str, Any]]] = {}
    orphans = []
    for p in problems:
        if p.signed_off_on is not None:
            continue
        for m in p.measures:
            if m.status is MeasureStatus.DONE and not include_done:
                continue
            label = f"{p.position}.{m.position}"
            if m.lead_department is None:
                orphans.append(label)
                continue
            pid, last = _last_progress(m)
            by_dept.setdefault(m.lead_department.name, []).append({
                "id": m.id, "version": m.version, "progress_id": pid, "label": label,
                "problem": p.title, "measure": m.text or m.result, "deadline": _deadline(m),
                "status": m.status.value, "last_progress": last})
    return by_dept, orphans


def issue_forms(reg: Register, campaign_id: int, out_dir: Path | str, due: date | None = None, *,
                write: Callable[[dict[str, Any], Path], object],
                name: Callable[[str, date | None], str],
                departments: Iterable[str] | None = None, include_done: bool = False,
                today: date | None = None) -> IssueReport:
    """Write one form per lead department into `out_dir` and record each as a FormIssue.

    Files are written inside the transaction: a failure part-way removes the files already
    written and records none, so the register never lists a form that was not delivered.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise RectDeskError(f"文件夹不存在：{out_dir}", file=str(out_dir))
    today = today or date.today()
    wanted = set(departments) if departments else None
    report = IssueReport(out_dir)
    written: list[Path] = []
    try:
        with reg.transaction() as s:
            campaign = services.get_campaign(s, campaign_id)
            by_dept, report.without_department = form_rows(s, campaign_id, include_done=include_done)
            key = form_key(s)
            for dept, rows in by_dept.items():
                if wanted is not None and dept not in wanted:
                    continue
                form_id = str(uuid.uuid4())
                for row in rows:
                    row["stamp"] = form_stamp.keyed(key, form_id, row["id"], row["version"],
                                                    row["progress_id"])
                payload = {"format": 1, "form_id": form_id, "register_id": reg.register_id,
                           "campaign_id": campaign_id, "campaign_title": campaign.title,
                           "marking": campaign.marking, "department": dept, "due": due.isoformat() if due else None,
                           "issued_on": today.isoformat(), "rows": rows}
                path = out_dir / name(dept, due)
                write(payload, path)
                written.append(path)
                s.add(FormIssue(id=form_id, campaign_id=campaign_id, department=dept, due=due,
                                file_name=path.name, payload=json.dumps(payload, ensure_ascii=False)))
                report.forms.append(IssuedForm(form_id, dept, path, len(rows)))
            if not report.forms:
                raise ValidationError("没有需要反馈的措施（所选部门没有未完成的措施）", field="department")
            changelog.log(s, reg, "issue", "form", None, campaign_id, "department", "",
                          "、".join(f.department for f in report.forms))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return report


FORM_KEY = "form_key"


def form_key(s: Session) -> str:
    """The register's secret for the forms' row stamps, made on first use (inside the caller's
    write transaction). It never leaves the register: not in a form, not in an issue record."""
    row = s.get(Setting, FORM_KEY)
    if row is None:
        row = Setting(key=FORM_KEY, value=secrets.token_hex(32))
        s.add(row)
        s.flush()
    return row.value


def lead_departments(reg: Register, campaign_id: int) -> list[str]:
    """Lead departments with at least one measure in the campaign, by name."""
    with reg.reading() as s:
        rows = s.scalars(select(Department.name).join(Measure, Measure.lead_department_id == Department.id)
                         .join(Problem).where(Problem.campaign_id == campaign_id)
                         .distinct().order_by(Department.name)).all()
    return list(rows)


# -- previewing an import -----------------------------------------------------------------------
class Decision(StrEnum):
    ACCEPT = "accept"  # a row without conflict: apply
    REJECT = "reject"  # leave the row out
    TAKE_FORM = "form"  # a conflict: apply the department's entry anyway
    KEEP_REGISTER = "register"  # a conflict: keep the register as it is


@dataclass
class RowChange:
    """What one returned row would change, and what the register holds now."""

    measure_id: int
    label: str
    excel_row: int
    measure_text: str
    old_status: MeasureStatus
    new_status: MeasureStatus | None
    old_completed: date | None
    new_completed: date | None
    entry: str  # the progress entry to add
    reported_by: str
    register_progress: str  # latest progress in the register now
    version: int  # the measure's version now (apply re-checks it)
    progress_id: int  # its latest progress id now
    conflict: str = ""  # what changed in the register since the form was issued
    problems: list[Any] = field(default_factory=list)  # FormProblem: bad values in the row
    already_applied: bool = False  # the register already holds this entry (a resent form)

    @property
    def applicable(self) -> bool:
        return bool(self.entry) and not self.problems and not self.already_applied

    @property
    def default(self) -> Decision | None:
        """ACCEPT/REJECT for an ordinary row; None for a conflict, which needs a choice."""
        if not self.applicable:
            return Decision.REJECT
        return None if self.conflict else Decision.ACCEPT

    def status_change(self) -> str:
        if self.new_status is None or self.new_status is self.old_status:
            return self.old_status.value
        return f"{self.old_status.value} → {self.new_status.value}"


@dataclass
class ImportPreview:
    path: Path
    sha256: str
    form_id: str
    department: str
    campaign_id: int
    issued_at: datetime
    rows: list[RowChange]
    problems: list[Any]  # FormProblem: added/deleted rows, edited protected cells, bad values
    blank_rows: int = 0  # rows the department left empty

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def conflicts(self) -> list[RowChange]:
        return [r for r in self.rows if r.conflict and r.applicable]

    def lines(self) -> list[str]:
        """The preview as text, one line per change or problem (the CLI prints these)."""
        out = [f"{self.file_name}：{self.department}，{len(self.rows)} 条措施有反馈，"
               f"{len(self.conflicts)} 处冲突，{len(self.problems)} 个问题"]
        for r in self.rows:
            mark = ("冲突" if r.conflict and r.applicable else "可导入" if r.applicable
                    else "已在台账中" if r.already_applied else "不导入")
            out.append(f"  [{mark}] 措施 {r.label}（第{r.excel_row}行）：状态 {r.status_change()}；"
                       f"进展 “{_short(r.register_progress) or '（无）'}” → “{_short(r.entry)}”")
            if r.conflict and r.applicable:
                out.append(f"      台账在下发后已修改：{r.conflict}")
        out.extend(f"  问题：{p}" for p in self.problems)
        return out


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def preview_import(reg: Register, form: Any, path: Path | str) -> ImportPreview:
    """Check a returned form (exchange.feedback_forms.ReturnedForm) against the register.

    Refuses (ImportFormatError) a form from another register or campaign, one never issued
    here, and a file already imported; everything else is reported row by row.
    """
    path = Path(path)
    digest = file_sha256(path)
    with reg.reading() as s:
        issue = _issue_for(s, reg, form.meta, path.name)
        _refuse_repeat(s, digest, path.name)
        payload = json.loads(issue.payload)
        issued = {r["id"]: r for r in payload["rows"]}
        problems = list(form.problems) + list(form.check_against(payload))
        key = s.scalar(select(Setting.value).where(Setting.key == FORM_KEY))
        rows, blank = [], 0
        for returned in form.rows:
            if returned.measure_id not in issued:
                continue  # reported by check_against as an added row
            _refuse_forged(returned, issued[returned.measure_id], issue.id, key, path.name)
            _refuse_mismatch(returned, issued[returned.measure_id], path.name)
            problems.extend(returned.problems)
            if not returned.filled and not returned.problems:
                blank += 1
                continue
            m = s.get(Measure, returned.measure_id)
            if m is None:
                problems.append(StoreProblem("deleted_measure", "该措施已从台账中删除，不能导入",
                                             returned.excel_row))
                continue
            rows.append(_row_change(s, m, returned, issued[m.id], issue.issued_at))
        _hold_for_decision(rows, problems)
        return ImportPreview(path, digest, issue.id, issue.department, issue.campaign_id,
                             issue.issued_at, rows, problems, blank)


def _refuse_forged(returned: Any, issued: dict[str, Any], form_id: str, key: str | None,
                   name: str) -> None:
    """Every row's stamp must be the one issued for that measure: keyed with the register's
    secret, and carrying the version and progress id the form went out with. A stamp that
    claims the register's current version would otherwise hide a conflict and let an old form
    revert a newer entry."""
    stamp = form_stamp.parse(returned.stamp)
    if "stamp" in issued:
        good = stamp is not None and returned.stamp == issued["stamp"] and \
            form_stamp.sound(stamp, form_id, key)
    else:  # issued before stamps were keyed: the numbers must be the issued ones
        good = stamp is not None and form_stamp.sound(stamp, form_id, None) and \
            (stamp.version, stamp.progress_id) == (issued.get("version"), issued.get("progress_id") or 0)
    if not good:
        raise ImportFormatError("隐藏的 RectDesk 标识列被修改（与下发记录不符），无法确认这一行对应哪条措施及其下发时的"
                                "版本。为防止旧内容覆盖台账，整份表单拒绝导入：请使用下发的原表重新填写",
                                file=name, row=returned.excel_row, column="RectDesk标识")


def _hold_for_decision(rows: list[RowChange], problems: list[Any]) -> None:
    """A form whose protected cells were edited is not trusted row by row: every row it would
    write waits for the user's decision, as a conflict does."""
    edits = [p for p in problems if getattr(p, "kind", "") == "protected_edit"]
    if not edits:
        return
    where = "、".join(f"第{p.row}行“{p.column}”列" for p in edits[:3]) + ("等" if len(edits) > 3 else "")
    note = f"表单中受保护的内容被修改（{where}），请确认是否采用本行"
    for r in rows:
        if r.applicable:
            r.conflict = f"{r.conflict}；{note}" if r.conflict else note


@dataclass(frozen=True)
class StoreProblem:
    """A problem found against the register; shaped like exchange's FormProblem."""

    kind: str
    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        return (f"第{self.row}行：" if self.row is not None else "") + self.message


def _refuse_mismatch(returned: Any, issued: dict[str, Any], name: str) -> None:
    """A sound stamp on the wrong row (stamps swapped or rows re-sorted) would put progress on the
    wrong measure: the row's printed number must be the one issued with that stamp."""
    if returned.protected.get("label", "") != str(issued.get("label", "")):
        raise ImportFormatError(f"隐藏的 RectDesk 标识列与“序号”列不一致（该行标识属于措施 {issued.get('label')}，"
                                f"序号却是 {returned.protected.get('label') or '空'}）：标识列或行顺序被改动，"
                                "整份表单拒绝导入，请使用下发的原表重新填写",
                                file=name, row=returned.excel_row, column="RectDesk标识")


def _issue_for(s: Session, reg: Register, meta: dict[str, str], name: str) -> FormIssue:
    if meta.get("register_id") != reg.register_id:
        raise ImportFormatError("该表单是从另一个台账下发的（台账标识不符），不能导入本台账：请在下发它的台账中导入",
                                file=name)
    issue = s.get(FormIssue, meta.get("form_id", ""))
    if issue is None:
        raise ImportFormatError(f"本台账没有下发过编号为 {meta.get('form_id')} 的反馈表"
                                "（可能是从台账的旧副本或备份下发的）", file=name)
    if str(issue.campaign_id) != meta.get("campaign_id"):
        raise ImportFormatError(f"该表单属于另一个整改任务（编号 {meta.get('campaign_id')}），"
                                f"与下发记录（编号 {issue.campaign_id}）不符，不能导入", file=name)
    return issue


def _refuse_repeat(s: Session, digest: str, name: str) -> None:
    done = s.scalar(select(FormImport).where(FormImport.sha256 == digest))
    if done is not None:
        raise ImportFormatError(f"这个文件已于 {done.imported_at:%Y-%m-%d %H:%M} 导入过"
                                f"（操作员：{done.operator or '未知'}，当时的文件名：{done.file_name}），"
                                "不能重复导入", file=name)


def _row_change(s: Session, m: Measure, returned: Any, issued: dict[str, Any],
                issued_at: datetime) -> RowChange:
    progress_id, register_progress = _last_progress(m)
    entry = returned.entry_text()
    # A resent, corrected copy of a form whose good rows were already merged: those rows are
    # the register's own newer entries, not a conflict the user must settle again.
    already = bool(entry) and returned.status in (None, m.status) and any(
        g.id > returned.progress_id and g.text == entry for g in m.progress)
    conflict = "" if already else _conflict(s, m, returned, progress_id, issued_at)
    new_completed = returned.completed_on
    if returned.status is MeasureStatus.DONE and new_completed is None and m.completed_on is None:
        new_completed = date.today()
    return RowChange(
        measure_id=m.id, label=issued.get("label", str(m.id)), excel_row=returned.excel_row,
        measure_text=m.text or m.result, old_status=m.status, new_status=returned.status,
        old_completed=m.completed_on, new_completed=new_completed or m.completed_on,
        entry=entry, reported_by=returned.reported_by(), already_applied=already,
        register_progress=register_progress, version=m.version, progress_id=progress_id,
        conflict=conflict, problems=list(returned.problems))


def _conflict(s: Session, m: Measure, returned: Any, progress_id: int, issued_at: datetime) -> str:
    """What changed since the form was issued, in words; "" when nothing did."""
    if m.version == returned.version and progress_id == returned.progress_id:
        return ""
    parts = []
    logs = s.scalars(select(ChangeLog).where(ChangeLog.entity == "measure", ChangeLog.entity_id == m.id,
                                             ChangeLog.at >= issued_at).order_by(ChangeLog.id)).all()
    for log in logs:
        parts.append(f"{log.at:%m-%d} {log.operator} 修改{label(log.field)}："
                     f"“{_short(log.old_value, 20)}” → “{_short(log.new_value, 20)}”")
    newer = [g for g in m.progress if g.id > returned.progress_id]
    for g in newer:
        parts.append(f"新增进展（{format_date_cn(g.reported_on)}，{g.source or '手工录入'}）：{_short(g.text, 30)}")
    return "；".join(parts) or "措施在下发后被修改"


# -- applying -----------------------------------------------------------------------------------
@dataclass
class ImportResult:
    file_name: str
    applied: list[str]  # measure labels
    rejected: list[str]
    kept_register: list[str]
    changes: services.Changes
    import_id: int

    def summary(self) -> str:
        text = f"已导入 {self.file_name}：{len(self.applied)} 条措施写入进展"
        if self.kept_register:
            text += f"，{len(self.kept_register)} 条冲突保留台账内容"
        if self.rejected:
            text += f"，{len(self.rejected)} 条未导入"
        return text


def decisions_for(preview: ImportPreview, on_conflict: Decision | None = None) -> dict[int, Decision]:
    """Every row's default decision; conflicts get `on_conflict` (or stay undecided)."""
    out = {}
    for r in preview.rows:
        choice = r.default or on_conflict
        if choice is not None:
            out[r.measure_id] = choice
    return out


def apply_import(reg: Register, preview: ImportPreview, decisions: dict[int, Decision] | None = None,
                 *, today: date | None = None, backup: bool = True) -> ImportResult:
    """Apply the accepted rows in one transaction; each becomes a progress entry from the form."""
    decisions = decisions_for(preview) if decisions is None else decisions
    undecided = [r.label for r in preview.conflicts if decisions.get(r.measure_id) not in
                 (Decision.TAKE_FORM, Decision.KEEP_REGISTER)]
    if undecided:
        raise ValidationError(f"措施 {'、'.join(undecided)} 在表单下发后已在台账中修改（冲突）："
                              "请逐条选择采用表单内容或保留台账内容", field="conflict", file=preview.file_name)
    if backup:
        from rectdesk.store.backup import backup_before

        backup_before(reg, "form-import")
    today = today or date.today()
    applied, rejected, kept = [], [], []
    with reg.transaction() as s:
        _refuse_repeat(s, preview.sha256, preview.file_name)
        measures, problems = set(), set()
        for r in preview.rows:
            choice = decisions.get(r.measure_id, Decision.REJECT)
            if choice is Decision.KEEP_REGISTER:
                kept.append(r.label)
                continue
            if choice is Decision.REJECT or not r.applicable:
                rejected.append(r.label)
                continue
            m = services.get_measure(s, r.measure_id)
            _refuse_stale(m, r, preview.file_name)
            _apply_row(s, reg, m, r, preview, today)
            applied.append(r.label)
            measures.add(m.id)
            problems.add(m.problem_id)
        record = FormImport(form_id=preview.form_id, sha256=preview.sha256, file_name=preview.file_name,
                            operator=reg.operator, summary=json.dumps(
                                {"applied": applied, "rejected": rejected, "kept_register": kept,
                                 "problems": [str(p) for p in preview.problems]}, ensure_ascii=False))
        s.add(record)
        s.flush()
        changelog.log(s, reg, "import", "form", record.id, preview.campaign_id, "file_name", "",
                      f"{preview.file_name}（{preview.department}，{len(applied)} 条）")
        changes = services.Changes(measures=frozenset(measures), problems=frozenset(problems))
        return ImportResult(preview.file_name, applied, rejected, kept, changes, record.id)


def _refuse_stale(m: Measure, r: RowChange, name: str) -> None:
    latest = max((g.id for g in m.progress), default=0)
    if m.version != r.version or latest != r.progress_id:
        raise ValidationError(f"措施 {r.label} 在预览之后又被修改，请重新预览后再导入",
                              field="conflict", file=name)


def _apply_row(s: Session, reg: Register, m: Measure, r: RowChange, preview: ImportPreview,
               today: date) -> None:
    campaign_id = preview.campaign_id
    entry = Progress(reported_on=today, text=r.entry, status=r.new_status,
                     reported_by=r.reported_by or preview.department,
                     source=f"{SOURCE_PREFIX}{preview.file_name}")
    m.progress.append(entry)
    s.flush()
    changelog.log(s, reg, "create", "progress", entry.id, campaign_id, "text", "", r.entry)
    if r.new_status is not None and r.new_status is not m.status:
        changelog.log(s, reg, "update", "measure", m.id, campaign_id, "status", m.status, r.new_status)
        m.status = r.new_status
        m.status_inferred = False
    completed = r.new_completed if m.status is MeasureStatus.DONE else None
    if m.status is MeasureStatus.DONE and completed is None:
        completed = today
    if completed != m.completed_on and (m.status is MeasureStatus.DONE or m.completed_on is not None):
        changelog.log(s, reg, "update", "measure", m.id, campaign_id, "completed_on", m.completed_on,
                      completed)
        m.completed_on = completed
