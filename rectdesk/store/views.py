"""Row queries that feed the main window's tables: flat tuples, fast at 50,000 problems.

The window holds these rows in Python lists and filters/sorts them there (a proxy model that
scans every cell is far too slow at this size). A handful of set-based queries per campaign,
aggregated in Python, instead of the ORM's object graph: loading 150,000 measures as ORM objects
takes seconds, as tuples a fraction of one.

SQLAlchemy is imported inside the functions: the window imports this module (for its row
types) before its first paint, and SQLAlchemy's import alone costs a noticeable part of that.
"""

from __future__ import annotations

import json
import sqlite3
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
from rectdesk.store.deadline_sql import (
    APPROVED_DUE,
    BITS_SQL,
    BY_RANK,
    EFF,
    RANK_SQL,
    dbapi,
    sole_campaign,
    status_of,
    window_params,
)
from rectdesk.store.deadline_sql import (
    STATE_RANK as STATE_RANK,  # the tables sort by it (gui imports it from here)
)

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

    One query through the DB-API cursor (no ORM, no SQLAlchemy result objects) aggregating the
    measures in the database; the unary + keeps SQLite on a table scan of the problems."""
    with reg.reading() as s:
        return _problem_rows(dbapi(s), campaign_id, today, problem_ids, limit, warn_days,
                             notice_days)


# What the measures say, one row per problem, aggregated by the database. The status bits are
# distinct powers of two, so their sum(DISTINCT) is their bitwise or. Departments and leaders
# come as "sort key:id" lists that Python orders (group_concat keeps no documented order
# before SQLite 3.44); the same list recurs across problems, so each is resolved once.
# {concat} is group_concat on SQLite, string_agg on PostgreSQL (same arguments). Three
# queries joined in Python: joining them in SQL costs SQLite two temporary indexes (~15%).
_PROBLEMS_SQL = ("SELECT p.id AS id, p.position AS pos, coalesce(c.name, '') AS category, "
                 "p.title AS title, CASE WHEN p.signed_off_on IS NULL THEN 0 ELSE 1 END AS signed "
                 "FROM problem p LEFT JOIN category c ON c.id = p.category_id WHERE {p_where}")
_MEASURES_SQL = (
    "SELECT m.problem_id AS pid, count(*) AS n, "
    "sum(CASE WHEN m.status = '已完成' THEN 1 ELSE 0 END) AS done, "
    f"sum(DISTINCT {BITS_SQL}) AS bits, min({RANK_SQL}) AS rank, "
    f"min(CASE WHEN {RANK_SQL} < 4 THEN {EFF} END) AS due, "
    "{concat}(m.position || ':' || m.lead_department_id, ',') AS depts "
    f"FROM measure m {APPROVED_DUE} WHERE {{m_where}} GROUP BY m.problem_id")
_LEADERS_SQL = ("SELECT m.problem_id AS pid, {concat}((m.position * 1000000 + ml.position) "
                "|| ':' || ml.person_id, ',') AS names FROM measure_leader ml "
                "JOIN measure m ON m.id = ml.measure_id WHERE {m_where} GROUP BY m.problem_id")
_COLUMNS = {_PROBLEMS_SQL: "id, pos, category, title, signed",
            _MEASURES_SQL: "pid, n, done, bits, rank, due, depts", _LEADERS_SQL: "pid, names"}
# On SQLite each answer comes as one JSON text: computed in a single step with the GIL
# released, so the window's thread runs on meanwhile. Row by row, each of 50,000 steps would
# wait for the GIL behind that thread, busy importing while the register opens.
_JSON_SQL = "SELECT json_group_array(json_array({columns})) FROM ({rows})"


def _problem_rows(con: Any, campaign_id: int, today: date, problem_ids: Iterable[int] | None,
                  limit: int | None, warn_days: int = WARN_DAYS,
                  notice_days: int = NOTICE_DAYS) -> list[ProblemRow]:
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    if limit is not None and problem_ids is None:
        problem_ids = [r[0] for r in con.execute(
            "SELECT id FROM problem WHERE campaign_id = ? ORDER BY position LIMIT ?",
            (campaign_id, limit))]
    if problem_ids is None and sole_campaign(con, campaign_id):
        p_where, m_where = "1 = 1", "1 = 1"  # every measure is this campaign's: no look-ups
    elif problem_ids is None:
        p_where = "+p.campaign_id = :cid"
        m_where = "+m.problem_id IN (SELECT id FROM problem WHERE campaign_id = :cid)"
    else:
        ids = ",".join(str(int(i)) for i in sorted(set(problem_ids)))
        if not ids:
            return []
        p_where = f"p.campaign_id = :cid AND p.id IN ({ids})"
        m_where = f"m.problem_id IN ({ids})"
    concat = "group_concat" if isinstance(con, sqlite3.Connection) else "string_agg"
    problems = _fetch(con, _PROBLEMS_SQL, params, p_where=p_where)
    measures = _fetch(con, _MEASURES_SQL, params, m_where=m_where, concat=concat)
    leaders = _fetch(con, _LEADERS_SQL, params, m_where=m_where, concat=concat)
    problems.sort(key=itemgetter(1))
    return _build_rows(problems, {m[0]: m for m in measures}, dict(leaders), _Names(con))


def _fetch(con: Any, sql: str, params: dict[str, Any], **parts: str) -> list[Any]:
    rows = sql.format(**parts)
    if isinstance(con, sqlite3.Connection):
        try:
            (found,) = con.execute(_JSON_SQL.format(columns=_COLUMNS[sql], rows=rows),
                                   params).fetchone()
            return list(json.loads(found))
        except sqlite3.OperationalError:  # an SQLite built without JSON: row by row
            pass
    return list(con.execute(rows, params).fetchall())


class _Listed(dict[str, tuple[str, ...]]):
    """A "key:id,key:id" list -> the names of its ids in key order, each once, parsed on first
    use (the same lists and items recur across problems: lookups, not parsing, per row)."""

    def __init__(self, names: dict[int, str]) -> None:
        super().__init__()
        self._items = _Items(names)

    def __missing__(self, listed: str) -> tuple[str, ...]:
        items = sorted(map(self._items.__getitem__, listed.split(",")))
        found = dict.fromkeys(map(itemgetter(2), items))
        found.pop(None, None)  # an id without a name
        self[listed] = out = tuple(found)
        return out


class _Items(dict[str, tuple[int, int, str | None]]):
    def __init__(self, names: dict[int, str]) -> None:
        super().__init__()
        self._names = names

    def __missing__(self, item: str) -> tuple[int, int, str | None]:
        key, ident = map(int, item.split(":"))
        self[item] = out = (key, ident, self._names.get(ident))
        return out


class _Names:
    """Department and person names for the "key:id" lists of the row query."""

    def __init__(self, con: Any) -> None:
        self.departments = _Listed(dict(con.execute("SELECT id, name FROM department").fetchall()))
        self.leaders = _Listed(dict(con.execute("SELECT id, name FROM person").fetchall()))


def _build_rows(problems: list[Any], measures: dict[int, Any], leaders: dict[int, str],
                names: _Names) -> list[ProblemRow]:
    new = tuple.__new__  # ProblemRow(...) goes through a Python-level __new__: twice as slow
    done_state, open_state, by_rank, derive = (DeadlineState.DONE, DeadlineState.OPEN,
                                               BY_RANK, status_of)
    departments, leader_names, get_leaders = names.departments, names.leaders, leaders.get
    days: dict[Any, date] = {}
    out = []
    for pid, pos, category, title, signed in problems:
        signed = bool(signed)
        m = measures.get(pid)
        if m is None:  # no measures
            out.append(new(ProblemRow, (pid, pos, category, title, derive(0, signed),
                                        done_state if signed else open_state, None, (), (), 0, 0,
                                        signed)))
            continue
        _, count, done, bits, rank, due, depts = m
        if due is not None:
            day = days.get(due)
            if day is None:
                day = days[due] = date.fromisoformat(str(due)[:10])
            due = day
        led = get_leaders(pid)
        out.append(new(ProblemRow, (pid, pos, category, title, derive(bits, signed),
                                    done_state if signed else by_rank[rank], due,
                                    departments[depts] if depts else (),
                                    leader_names[led] if led else (), count, done, signed)))
    return out


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


class ReadAhead:
    """All problem rows of a campaign, read from the file while the register is still being
    opened (see read_ahead()), and what tells whether they are still current once it is."""

    def __init__(self, path: Path, rows: list[ProblemRow], con: Any, version: int,
                 file_id: tuple[int, int]) -> None:
        self.path, self.rows = path, rows
        self._con, self._version, self._file_id = con, version, file_id

    def current(self) -> bool:
        """True when nothing has been committed to the file since the rows were read and the
        path still names the same file (not a backup restored over it): then the rows are what
        problem_rows() would return. Closes the connection; call it once, on any thread."""
        try:
            st = self.path.stat()
            (version,) = self._con.execute("PRAGMA data_version").fetchone()
            return version == self._version and (st.st_dev, st.st_ino) == self._file_id
        except (OSError, sqlite3.Error):
            return False
        finally:
            self.close()

    def close(self) -> None:
        self._con.close()


def read_ahead(path: Path, campaign_id: int, today: date, *, warn_days: int = WARN_DAYS,
               notice_days: int = NOTICE_DAYS) -> ReadAhead | None:
    """problem_rows() of `campaign_id` straight from the file, read-only, for a worker thread
    to run beside the register's opening (SQLAlchemy's import and the checks take ~0.3 s; most
    of this is SQLite, which leaves the GIL to the window). PRAGMA data_version, read in the
    same read transaction as the rows, changes when any other connection commits: ReadAhead
    .current() compares it again once the register is open. None when unreadable."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2,
                              check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        st = path.stat()
        con.execute("BEGIN")  # one snapshot for the rows and the version
        rows = _problem_rows(con, campaign_id, today, None, None, warn_days, notice_days)
        (version,) = con.execute("PRAGMA data_version").fetchone()
        con.execute("COMMIT")
    except (OSError, sqlite3.Error):
        con.close()
        return None
    return ReadAhead(path, rows, con, version, (st.st_dev, st.st_ino))


def _head_revision() -> str:
    """As rectdesk.store.register.head_revision(), without importing SQLAlchemy."""
    versions = Path(__file__).resolve().parent / "migrations" / "versions"
    return max(p.name[:4] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))


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
