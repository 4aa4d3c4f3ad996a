"""Row queries that feed the main window's tables: flat tuples, fast at 50,000 problems.

The window holds these rows in Python lists and filters/sorts them there (a proxy model that
scans every cell is far too slow at this size). A handful of set-based queries per campaign,
aggregated in Python, instead of the ORM's object graph: loading 150,000 measures as ORM objects
takes seconds, as tuples a fraction of one.

SQLAlchemy is imported inside the functions: the window imports this module (for its row
types) before its first paint, and SQLAlchemy's import alone costs a noticeable part of that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from rectdesk.core.deadlines import NOTICE_DAYS, WARN_DAYS, DeadlineState, deadline_state
from rectdesk.core.errors import NotFound
from rectdesk.core.fields import added_fields
from rectdesk.core.model import (
    Deadline,
    ExtensionData,
    MeasureData,
    MeasureStatus,
    ProblemStatus,
    ProgressData,
)
from rectdesk.store.deadline_sql import APPROVED_DUE as _APPROVED_DUE
from rectdesk.store.deadline_sql import BITS_SQL as _BITS_SQL
from rectdesk.store.deadline_sql import BY_RANK as _BY_RANK
from rectdesk.store.deadline_sql import EFF as _EFF
from rectdesk.store.deadline_sql import RANK_SQL as _RANK_SQL
from rectdesk.store.deadline_sql import STATE_RANK as STATE_RANK  # the tables sort by it
from rectdesk.store.deadline_sql import dbapi as _dbapi
from rectdesk.store.deadline_sql import status_of as _status_of
from rectdesk.store.deadline_sql import window_params

if TYPE_CHECKING:
    from rectdesk.store.register import Register


@dataclass(slots=True)
class CampaignRow:
    id: int
    title: str
    kind: str
    problems: int


class ProblemRow(NamedTuple):
    """One problem table row: a plain tuple (cheap to build and hold at 50,000 rows)."""

    id: int
    number: int
    category: str
    title: str
    status: ProblemStatus = ProblemStatus.NOT_STARTED
    state: DeadlineState = DeadlineState.OPEN
    due: date | None = None  # the earliest open deadline of its measures
    departments: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    measures: int = 0
    done: int = 0
    signed_off: bool = False


@dataclass(slots=True)
class MeasureRow:
    id: int
    problem_id: int
    number: int
    text: str
    result: str = ""
    leaders: tuple[str, ...] = ()
    lead_department: str = ""
    cooperating: tuple[str, ...] = ()
    deadline_text: str = ""
    due: date | None = None  # the approved extension's date if any, else the deadline's
    long_term: bool = False
    status: MeasureStatus = MeasureStatus.NOT_STARTED
    status_inferred: bool = False
    completed_on: date | None = None
    note: str = ""
    state: DeadlineState = DeadlineState.OPEN
    progress: int = 0
    extended: bool = False
    extra: dict[str, str] = field(default_factory=dict)  # core.fields.added_fields(), by key


@dataclass(slots=True)
class ChangeRow:
    at: datetime
    operator: str
    action: str
    entity: str
    entity_id: int | None
    field: str
    old: str
    new: str


@dataclass
class Choices:
    """What the detail panel's drop-downs offer (they grow as people type new names)."""

    departments: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def text(sql: str) -> Any:
    from sqlalchemy import text as sql_text

    return sql_text(sql)


def _all(s: Any, sql: str, **params: Any) -> list[Any]:
    return list(s.execute(text(sql), params))


_CAMPAIGNS_SQL = ("SELECT c.id, c.title, c.kind, (SELECT count(*) FROM problem p "
                  "WHERE p.campaign_id = c.id) FROM campaign c ORDER BY c.id")


def campaign_rows(reg: Register) -> list[CampaignRow]:
    with reg.reading() as s:
        rows = _all(s, _CAMPAIGNS_SQL)
    return [CampaignRow(*r) for r in rows]


_APPROVED = ("(SELECT max(x.new_due) FROM extension x WHERE x.measure_id = m.id "
             "AND x.state = '已批准')")


def problem_rows(reg: Register, campaign_id: int, today: date, *,
                 problem_ids: Iterable[int] | None = None, limit: int | None = None,
                 warn_days: int = WARN_DAYS, notice_days: int = NOTICE_DAYS) -> list[ProblemRow]:
    """The problems of a campaign in number order (or only `problem_ids`, or the first
    `limit`), with what their measures say: derived status, worst deadline state, departments
    and leaders.

    Three sequential scans through the DB-API cursor (no ORM, no SQLAlchemy result objects);
    the unary + keeps SQLite on a table scan, far quicker than 150,000 index look-ups."""
    with reg.reading() as s:
        return _problem_rows(_dbapi(s), campaign_id, today, problem_ids, limit, warn_days,
                             notice_days)


def _problem_rows(con: Any, campaign_id: int, today: date, problem_ids: Iterable[int] | None,
                  limit: int | None, warn_days: int = WARN_DAYS,
                  notice_days: int = NOTICE_DAYS) -> list[ProblemRow]:
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    if limit is not None and problem_ids is None:
        problem_ids = [r[0] for r in con.execute(
            "SELECT id FROM problem WHERE campaign_id = ? ORDER BY position LIMIT ?",
            (campaign_id, limit))]
    if problem_ids is None:
        p_where = "+p.campaign_id = :cid"
        m_where = "+m.problem_id IN (SELECT id FROM problem WHERE campaign_id = :cid)"
        l_where = "1 = 1"  # leaders of other campaigns' measures are skipped below
    else:
        ids = ",".join(str(int(i)) for i in sorted(set(problem_ids)))
        if not ids:
            return []
        p_where = f"p.campaign_id = :cid AND p.id IN ({ids})"
        m_where = f"m.problem_id IN ({ids})"
        l_where = f"ml.measure_id IN (SELECT id FROM measure WHERE problem_id IN ({ids}))"
    problems = con.execute("SELECT p.id, p.position, p.category_id, p.title, "
                           f"p.signed_off_on IS NOT NULL FROM problem p WHERE {p_where}",
                           params).fetchall()
    # Streamed, not fetched whole: 150,000 measure tuples at once would raise the peak RSS.
    agg, where = _aggregate(con.execute(
        f"SELECT m.problem_id, m.id, m.position, {_RANK_SQL}, {_BITS_SQL}, "
        f"CASE WHEN {_RANK_SQL} < 4 THEN {_EFF} END, m.lead_department_id "
        f"FROM measure m {_APPROVED_DUE} WHERE {m_where}", params))
    led = _leaders_by_problem(con.execute("SELECT ml.measure_id, ml.position, ml.person_id "
                                          f"FROM measure_leader ml WHERE {l_where}"), where)
    names = _names(con, campaign_id)
    problems.sort(key=itemgetter(1))
    return [_problem_row(p, agg.get(p[0]), led.get(p[0]), names) for p in problems]


@dataclass
class Peek:
    """What a register file shows before it is opened (see peek())."""

    register_id: str
    campaigns: list[CampaignRow]
    rows: list[ProblemRow]  # the first rows of the first campaign


def peek(path: Path, today: date, limit: int, *, warn_days: int = WARN_DAYS,
         notice_days: int = NOTICE_DAYS) -> Peek | None:
    """The campaigns and the first problem rows of a register file, read with plain sqlite3
    (read-only, no SQLAlchemy: its import alone takes longer than the rows), so the window
    shows rows while the register is still being opened. None when the file is missing, not
    at the current schema, or unreadable: then the window waits for the real open."""
    import sqlite3

    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        (version,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if version != _head_revision():
            return None
        (register_id,) = con.execute(
            "SELECT value FROM setting WHERE key = 'register_id'").fetchone() or ("",)
        campaigns = [CampaignRow(*r) for r in con.execute(_CAMPAIGNS_SQL)]
        rows = (_problem_rows(con, campaigns[0].id, today, None, limit, warn_days, notice_days)
                if campaigns else [])
        return Peek(register_id, campaigns, rows)
    except (sqlite3.Error, TypeError):
        return None
    finally:
        con.close()


def _head_revision() -> str:
    """As rectdesk.store.register.head_revision(), without importing SQLAlchemy."""
    versions = Path(__file__).resolve().parent / "migrations" / "versions"
    return max(p.name[:4] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))


def _names(con: Any, campaign_id: int) -> dict[str, dict[int, str]]:
    return {"department": dict(con.execute("SELECT id, name FROM department").fetchall()),
            "person": dict(con.execute("SELECT id, name FROM person").fetchall()),
            "category": dict(con.execute("SELECT id, name FROM category WHERE campaign_id = ?",
                                         (campaign_id,)).fetchall())}


def _aggregate(measures: Iterable[tuple[Any, ...]]) -> tuple[dict[int, list[Any]], dict[int, tuple[int, int]]]:
    """Per problem: [count, done, status bits, worst rank, earliest open due, [(pos, dept)]];
    and where each measure sits (problem, position), for ordering its leaders."""
    agg: dict[int, list[Any]] = {}
    where: dict[int, tuple[int, int]] = {}
    for pid, mid, pos, rank, bits, due, dept in measures:
        a = agg.get(pid)
        if a is None:
            agg[pid] = a = [0, 0, 0, 7, None, []]
        a[0] += 1
        a[1] += bits == 4
        a[2] |= bits
        if rank < a[3]:
            a[3] = rank
        if due is not None and (a[4] is None or due < a[4]):
            a[4] = due
        if dept is not None:
            a[5].append((pos, dept))
        where[mid] = (pid, pos)
    return agg, where


def _leaders_by_problem(leaders: Iterable[tuple[int, int, int]],
                        where: dict[int, tuple[int, int]]) -> dict[int, list[tuple[int, int, int]]]:
    out: dict[int, list[tuple[int, int, int]]] = {}
    for mid, lpos, person in leaders:
        at = where.get(mid)
        if at is not None:
            out.setdefault(at[0], []).append((at[1], lpos, person))
    return out


def _problem_row(p: tuple[Any, ...], a: list[Any] | None, led: list[tuple[int, int, int]] | None,
                 names: dict[str, dict[int, str]]) -> ProblemRow:
    pid, pos, cat, title, signed = p
    signed = bool(signed)
    category = names["category"].get(cat, "") if cat is not None else ""
    leaders: tuple[str, ...] = ()
    if led:
        led.sort()
        person = names["person"]
        leaders = tuple(dict.fromkeys(person[x[2]] for x in led))
    if a is None:
        state = DeadlineState.DONE if signed else DeadlineState.OPEN
        return ProblemRow(pid, pos, category, title, _status_of(0, signed), state, None, (),
                          leaders, 0, 0, signed)
    depts = a[5]
    if len(depts) > 1:
        depts.sort()
    dept = names["department"]
    departments = tuple(dict.fromkeys(n for _, d in depts if (n := dept.get(d))))
    state = DeadlineState.DONE if signed else _BY_RANK[a[3]]
    due = date.fromisoformat(str(a[4])[:10]) if a[4] else None
    return ProblemRow(pid, pos, category, title, _status_of(a[2], signed), state, due, departments,
                      leaders, a[0], a[1], signed)


def measure_rows(reg: Register, problem_id: int, today: date, *, warn_days: int = WARN_DAYS,
                 notice_days: int = NOTICE_DAYS) -> list[MeasureRow]:
    """The measures of one problem in order, with names resolved and deadline state."""
    added = [f.key for f in added_fields()]
    with reg.reading() as s:
        rows = _all(s, f"SELECT m.id, m.problem_id, m.position, m.text, m.result, "
                       "coalesce(d.name, ''), m.deadline_text, m.deadline_due, m.long_term, m.status, "
                       f"m.status_inferred, m.completed_on, m.note, {_APPROVED}, "
                       "(SELECT count(*) FROM progress g WHERE g.measure_id = m.id)"
                       + "".join(f", m.{key}" for key in added) + " "
                       "FROM measure m LEFT JOIN department d ON d.id = m.lead_department_id "
                       "WHERE m.problem_id = :pid ORDER BY m.position", pid=problem_id)
        leaders = _all(s, "SELECT ml.measure_id, pe.name FROM measure_leader ml "
                          "JOIN measure m ON m.id = ml.measure_id JOIN person pe ON pe.id = ml.person_id "
                          "WHERE m.problem_id = :pid ORDER BY ml.position", pid=problem_id)
        coop = _all(s, "SELECT mc.measure_id, d.name FROM measure_cooperating mc "
                       "JOIN measure m ON m.id = mc.measure_id JOIN department d ON d.id = mc.department_id "
                       "WHERE m.problem_id = :pid ORDER BY mc.position", pid=problem_id)
    names: dict[int, list[str]] = {}
    for mid, name in leaders:
        names.setdefault(mid, []).append(name)
    depts: dict[int, list[str]] = {}
    for mid, name in coop:
        depts.setdefault(mid, []).append(name)
    out = []
    for (mid, pid, pos, txt, result, dept, dl_text, dl_due, long_term, status, inferred,
         completed, note, ext, progress, *more) in rows:
        st = MeasureStatus(status)
        due = _date(ext) or _date(dl_due)
        out.append(MeasureRow(
            mid, pid, pos, txt, result, tuple(names.get(mid, ())), dept, tuple(depts.get(mid, ())),
            dl_text, due, bool(long_term), st, bool(inferred), _date(completed), note,
            deadline_state(due, st, today, long_term=bool(long_term), warn_days=warn_days,
                           notice_days=notice_days),
            progress, ext is not None, dict(zip(added, more, strict=True))))
    return out


def progress_entries(reg: Register, measure_id: int) -> list[ProgressData]:
    """A measure's progress, newest first (the timeline reads top-down from today)."""
    with reg.reading() as s:
        rows = _all(s, "SELECT reported_on, text, status, reported_by, source, id FROM progress "
                       "WHERE measure_id = :mid ORDER BY reported_on DESC, id DESC", mid=measure_id)
    return [ProgressData(_date(d) or date.min, t, MeasureStatus(st) if st else None, by, src, i)
            for d, t, st, by, src, i in rows]


def problem_fields(reg: Register, problem_id: int) -> dict[str, Any]:
    """The editable fields of one problem as the detail form shows them."""
    with reg.reading() as s:
        row = s.execute(text(
            "SELECT p.title, p.description, coalesce(c.name, ''), p.recheck_due, p.signed_off_on, "
            "p.signed_off_by, p.sign_off_opinion, p.position, p.campaign_id FROM problem p "
            "LEFT JOIN category c ON c.id = p.category_id WHERE p.id = :pid"),
            {"pid": problem_id}).first()
    if row is None:
        return {}
    keys = ("title", "description", "category", "recheck_due", "signed_off_on", "signed_off_by",
            "sign_off_opinion", "number", "campaign_id")
    out = dict(zip(keys, row, strict=True))
    out["recheck_due"], out["signed_off_on"] = _date(out["recheck_due"]), _date(out["signed_off_on"])
    return out


def history(reg: Register, entity: str, entity_id: int) -> list[ChangeRow]:
    """The change log of one problem or measure (a measure's includes its progress), newest first."""
    extra = ""
    if entity == "measure":
        extra = ("OR (entity = 'progress' AND entity_id IN "
                 "(SELECT id FROM progress WHERE measure_id = :eid))")
    with reg.reading() as s:
        rows = _all(s, "SELECT at, operator, action, entity, entity_id, field, old_value, new_value "
                       f"FROM change_log WHERE (entity = :entity AND entity_id = :eid) {extra} "
                       "ORDER BY at DESC, id DESC", entity=entity, eid=entity_id)
    return [ChangeRow(at if isinstance(at, datetime) else datetime.fromisoformat(str(at)), *rest)
            for at, *rest in rows]


def choices(reg: Register, campaign_id: int | None) -> Choices:
    with reg.reading() as s:
        depts = [r[0] for r in _all(s, "SELECT name FROM department ORDER BY name")]
        people = [r[0] for r in _all(s, "SELECT name FROM person ORDER BY name")]
        cats = [r[0] for r in _all(s, "SELECT name FROM category WHERE campaign_id = :cid "
                                      "ORDER BY position", cid=campaign_id or 0)]
    return Choices(depts, people, cats)


def measure_snapshot(reg: Register, measure_id: int) -> MeasureData:
    """Everything needed to re-create a deleted measure (undo)."""
    with reg.reading() as s:
        pid = s.execute(text("SELECT problem_id FROM measure WHERE id = :mid"),
                        {"mid": measure_id}).scalar()
        if pid is None:
            raise NotFound(f"整改措施 {measure_id} 不存在", field="measure")
        exts = _all(s, "SELECT new_due, reason, state, requested_by, requested_on, decided_by, "
                       "decided_on FROM extension WHERE measure_id = :mid ORDER BY id", mid=measure_id)
    row = next(r for r in measure_rows(reg, pid, date.today()) if r.id == measure_id)
    return MeasureData(
        text=row.text, result=row.result, leaders=list(row.leaders),
        lead_department=row.lead_department, cooperating=list(row.cooperating),
        deadline=Deadline(row.deadline_text, _deadline_due(reg, measure_id), row.long_term),
        status=row.status, status_inferred=row.status_inferred, completed_on=row.completed_on,
        note=row.note, extra=dict(row.extra), number=row.number, id=measure_id,
        progress=list(reversed(progress_entries(reg, measure_id))),
        extensions=[ExtensionData(_date(d) or date.min, why, st, rb, _date(ro), db, _date(do))
                    for d, why, st, rb, ro, db, do in exts])


def _deadline_due(reg: Register, measure_id: int) -> date | None:
    with reg.reading() as s:
        return _date(s.execute(text("SELECT deadline_due FROM measure WHERE id = :mid"),
                               {"mid": measure_id}).scalar())


def problem_of_measure(reg: Register, measure_id: int) -> int:
    with reg.reading() as s:
        return int(s.execute(text("SELECT problem_id FROM measure WHERE id = :mid"),
                             {"mid": measure_id}).scalar_one())


def measure_ids(reg: Register, problem_id: int) -> list[int]:
    with reg.reading() as s:
        return [r[0] for r in _all(s, "SELECT id FROM measure WHERE problem_id = :pid "
                                      "ORDER BY position", pid=problem_id)]
