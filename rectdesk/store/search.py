"""Full-text search over a register: SQLite FTS5 with the trigram tokenizer, plus a scan for
terms of one or two characters (trigram finds nothing for them, silently: 扬尘, 水质).

One FTS row per searchable item, its rowid encoding the item (key * 8 + kind): problems
(title, description, category), measures (text, result, note, deadline, lead department),
progress entries (text, reporter), and each leader and cooperating department of a measure. Triggers keep the
index in step with every write, whoever makes it; the migration 0002 creates them and fills
the index. Every SQLite-only statement of the search lives in this module.

Note for later migrations: Alembic's batch mode rebuilds a table by copying it, which drops its
triggers; call `uninstall(conn)` before and `install(conn)` after such a migration.
"""

from __future__ import annotations

import json
import threading
from array import array
from collections.abc import Iterable
from typing import Any

from rectdesk.store.register import Register

KIND_PROBLEM, KIND_MEASURE, KIND_PROGRESS, KIND_LEADER, KIND_COOPERATING = 1, 2, 3, 4, 5
SHORT = 3  # terms shorter than this are scanned, longer ones go through the trigram index

# Leaders and cooperating departments are rows of their own (keyed by the link row) so that
# adding a name indexes a name, not the whole measure again: bulk imports stay quick.
_NL = " || char(10) || "
_MEASURE_OF = "(SELECT m.problem_id FROM measure m WHERE m.id = {0}.measure_id)"
_INSERT = "INSERT INTO search_fts(rowid, body, problem_id, measure_id) "
_DOCS = {
    "problem": ("SELECT p.id*8+1, " + _NL.join((
        "p.title", "p.description",
        "coalesce((SELECT c.name FROM category c WHERE c.id = p.category_id), '')"))
        + ", p.id, 0 FROM problem p WHERE {where}"),
    "measure": ("SELECT m.id*8+2, " + _NL.join((
        "m.text", "m.result", "m.note", "m.deadline_text",
        "coalesce((SELECT d.name FROM department d WHERE d.id = m.lead_department_id), '')"))
        + ", m.problem_id, m.id FROM measure m WHERE {where}"),
    "progress": ("SELECT g.id*8+3, g.text || char(10) || g.reported_by, "
                 + _MEASURE_OF.format("g") + ", g.measure_id FROM progress g WHERE {where}"),
    "leader": ("SELECT (l.measure_id*16777216 + l.person_id)*8+4, "
               "(SELECT pe.name FROM person pe WHERE pe.id = l.person_id), "
               + _MEASURE_OF.format("l") + ", l.measure_id FROM measure_leader l WHERE {where}"),
    "cooperating": ("SELECT (l.measure_id*16777216 + l.department_id)*8+5, "
                    "(SELECT d.name FROM department d WHERE d.id = l.department_id), "
                    + _MEASURE_OF.format("l") + ", l.measure_id FROM measure_cooperating l "
                    "WHERE {where}"),
}
_ROWID = {"problem": "{0}.id*8+1", "measure": "{0}.id*8+2", "progress": "{0}.id*8+3",
          "leader": "({0}.measure_id*16777216 + {0}.person_id)*8+4",
          "cooperating": "({0}.measure_id*16777216 + {0}.department_id)*8+5"}
_ALIAS = {"problem": "p", "measure": "m", "progress": "g", "leader": "l", "cooperating": "l"}


def _add(entity: str) -> str:
    """AFTER INSERT: index the new row."""
    key = {"leader": "l.measure_id = NEW.measure_id AND l.person_id = NEW.person_id",
           "cooperating": "l.measure_id = NEW.measure_id AND l.department_id = NEW.department_id"}
    where = key.get(entity, f"{_ALIAS[entity]}.id = NEW.id")
    return f"{_INSERT}{_DOCS[entity].format(where=where)};"


def _drop(entity: str) -> str:
    """AFTER DELETE: remove the row's index entry."""
    return f"DELETE FROM search_fts WHERE rowid = {_ROWID[entity].format('OLD')};"


def _refresh(entity: str, where: str) -> str:
    """Rebuild the index entries of the rows of `entity` that `where` selects."""
    a = _ALIAS[entity]
    table = {"leader": "measure_leader", "cooperating": "measure_cooperating"}.get(entity, entity)
    return (f"DELETE FROM search_fts WHERE rowid IN (SELECT {_ROWID[entity].format(a)} "
            f"FROM {table} {a} WHERE {where});\n"
            f"  {_INSERT}{_DOCS[entity].format(where=where)};")


# (name, table, event, body)
_TRIGGERS: tuple[tuple[str, str, str, str], ...] = (
    ("problem_ai", "problem", "AFTER INSERT", _add("problem")),
    ("problem_au", "problem", "AFTER UPDATE OF title, description, category_id",
     _refresh("problem", "p.id = NEW.id")),
    ("problem_ad", "problem", "AFTER DELETE", _drop("problem")),
    ("measure_ai", "measure", "AFTER INSERT", _add("measure")),
    ("measure_au", "measure",
     "AFTER UPDATE OF text, result, note, deadline_text, lead_department_id, problem_id",
     _refresh("measure", "m.id = NEW.id")),
    ("measure_ad", "measure", "AFTER DELETE", _drop("measure")),
    ("progress_ai", "progress", "AFTER INSERT", _add("progress")),
    ("progress_au", "progress", "AFTER UPDATE OF text, reported_by, measure_id",
     _refresh("progress", "g.id = NEW.id")),
    ("progress_ad", "progress", "AFTER DELETE", _drop("progress")),
    ("leader_ai", "measure_leader", "AFTER INSERT", _add("leader")),
    ("leader_ad", "measure_leader", "AFTER DELETE", _drop("leader")),
    ("coop_ai", "measure_cooperating", "AFTER INSERT", _add("cooperating")),
    ("coop_ad", "measure_cooperating", "AFTER DELETE", _drop("cooperating")),
    ("category_au", "category", "AFTER UPDATE OF name",
     _refresh("problem", "p.category_id = NEW.id")),
    ("person_au", "person", "AFTER UPDATE OF name", _refresh("leader", "l.person_id = NEW.id")),
    ("department_au", "department", "AFTER UPDATE OF name",
     _refresh("measure", "m.lead_department_id = NEW.id") + "\n  "
     + _refresh("cooperating", "l.department_id = NEW.id")),
)

CREATE_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
                "body, problem_id UNINDEXED, measure_id UNINDEXED, tokenize='trigram')")


def trigger_statements() -> list[str]:
    return [f"CREATE TRIGGER IF NOT EXISTS search_{name} {event} ON {table} BEGIN\n  {body}\nEND"
            for name, table, event, body in _TRIGGERS]


def install(conn: Any) -> None:
    """Create the index and its triggers (idempotent); `conn` is a SQLAlchemy connection."""
    conn.exec_driver_sql(CREATE_TABLE)
    for sql in trigger_statements():
        conn.exec_driver_sql(sql)


def uninstall(conn: Any) -> None:
    for name, *_ in _TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{name}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")


def rebuild(conn: Any) -> None:
    """Fill the index from scratch (after install, or to repair it)."""
    conn.exec_driver_sql("DELETE FROM search_fts")
    for entity in _DOCS:
        conn.exec_driver_sql(_INSERT + _DOCS[entity].format(where="1"))


# -- bulk inserts ----------------------------------------------------------------------------
# Row-by-row triggers make a 50,000-problem import ~2.6x slower than the inserts alone. An
# import drops the AFTER INSERT triggers, indexes its new rows with one INSERT ... SELECT per
# kind, and puts the triggers back, all in its own transaction (SQLite DDL is transactional,
# so a failed import rolls the drop back too).
_ON_INSERT = ("problem_ai", "measure_ai", "progress_ai", "leader_ai", "coop_ai")
_IDS = "(SELECT value FROM json_each(?))"


def suspend_insert_triggers(conn: Any) -> bool:
    """Drop the AFTER INSERT triggers (SQLite with the index only); True when they were."""
    if conn.dialect.name != "sqlite" or not conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'").first():
        return False
    for name in _ON_INSERT:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{name}")
    return True


def index_new_rows(conn: Any, problem_ids: Iterable[int], measure_ids: Iterable[int]) -> None:
    """Index new problems and new measures with their progress, leaders and cooperating
    departments: what the suspended triggers would have done, set-based."""
    pids = json.dumps(list(problem_ids))
    mids = json.dumps(list(measure_ids))
    for entity, column, ids in (("problem", "p.id", pids), ("measure", "m.id", mids),
                                ("progress", "g.measure_id", mids), ("leader", "l.measure_id", mids),
                                ("cooperating", "l.measure_id", mids)):
        conn.exec_driver_sql(_INSERT + _DOCS[entity].format(where=f"{column} IN {_IDS}"), (ids,))


def restore_insert_triggers(conn: Any) -> None:
    wanted = {f"search_{name}" for name in _ON_INSERT}
    for sql in trigger_statements():
        if sql.split()[5] in wanted:  # CREATE TRIGGER IF NOT EXISTS <name> ...
            conn.exec_driver_sql(sql)


# -- querying ------------------------------------------------------------------------------
def terms(query: str) -> list[str]:
    """The words of a query (whitespace-separated, full-width space included), lower-cased."""
    return [t.lower() for t in query.split() if t]


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _dbapi(session: Any) -> Any:
    return session.connection().connection.driver_connection


def match_long(reg: Register, term: str) -> set[int]:
    """Problem ids whose problem, measures or progress contain `term` (3+ characters)."""
    with reg.reading() as s:
        rows = _dbapi(s).execute("SELECT problem_id FROM search_fts WHERE search_fts MATCH ?",
                                 (_phrase(term),)).fetchall()
    return {r[0] for r in rows}


def _match_keys(reg: Register, term: str) -> list[int]:
    """The index rowids matching `term`: read from the index alone, where fetching the
    problem_id column costs a content-table look-up per hit (~5x slower at 50k problems)."""
    with reg.reading() as s:
        return [r[0] for r in _dbapi(s).execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (_phrase(term),))]


class _Owners:
    """Which problem each measure belongs to and which measure each progress entry, as arrays
    indexed by id (about 1 MB each at 150,000 rows), to turn index rowids into problem ids."""

    def __init__(self) -> None:
        self.problem_of = array("q")  # by measure id; 0 = unknown
        self.measure_of = array("q")  # by progress id

    @staticmethod
    def _put(table: array[int], key: int, value: int) -> None:
        if key >= len(table):
            table.frombytes(bytes(8 * (key + 1 - len(table) + 1024)))  # zeros, with room
        table[key] = value

    def load(self, con: Any, where: str = "1 = 1", params: tuple[Any, ...] = ()) -> None:
        for mid, pid in con.execute(f"SELECT id, problem_id FROM measure WHERE {where}", params):
            self._put(self.problem_of, mid, pid)
        for gid, mid in con.execute("SELECT g.id, g.measure_id FROM progress g WHERE g.measure_id IN "
                                    f"(SELECT id FROM measure WHERE {where})", params):
            self._put(self.measure_of, gid, mid)

    def problem(self, key: int) -> int:
        """The problem of an index rowid (key * 8 + kind); 0 when not known here."""
        kind, ident = key & 7, key >> 3
        if kind == KIND_PROBLEM:
            return ident
        if kind == KIND_PROGRESS:
            ident = self.measure_of[ident] if ident < len(self.measure_of) else 0
        elif kind in (KIND_LEADER, KIND_COOPERATING):
            ident >>= 24  # (measure_id * 16777216 + other id)
        return self.problem_of[ident] if 0 < ident < len(self.problem_of) else 0


class SearchIndex:
    """Searches one campaign. Long terms use FTS5; short ones scan an in-memory copy of the
    campaign's text (one lower-cased string per problem, ~50 MB at 50,000 problems).

    `preload()` fills that copy (and the id maps that turn index hits into problems) and may
    run on a worker thread: the window starts it once the rows are shown, so the first short
    search does not wait. `invalidate(problem_ids)` keeps both in step after edits."""

    def __init__(self, reg: Register, campaign_id: int) -> None:
        self.reg = reg
        self.campaign_id = campaign_id
        self._docs: dict[int, str] | None = None
        self._owners: _Owners | None = None
        self._lock = threading.Lock()  # a search waits for a preload in progress
        # The last short term scanned across the campaign and its hits: the next keystroke's
        # term, if it contains that one, can only match among them (扬, then 扬尘).
        self._last_scan: tuple[str, set[int]] | None = None

    def search(self, query: str) -> set[int] | None:
        """Problem ids matching every term of `query`; None for an empty query."""
        words = terms(query)
        if not words:
            return None
        found: set[int] | None = None
        for word in sorted(words, key=len, reverse=True):  # the longest term narrows most
            hits = self._match(word) if len(word) >= SHORT else self._scan(word, found)
            found = hits if found is None else found & hits
            if not found:
                return set()
        return found

    def _match(self, term: str) -> set[int]:
        owners = self._owners
        if owners is None:
            return match_long(self.reg, term)
        keys = _match_keys(self.reg, term)
        problem = owners.problem
        found = {problem(k) for k in keys}
        if 0 in found:  # items created since the maps were loaded: ask the index
            found.discard(0)
            unknown = [k for k in keys if not problem(k)]
            with self.reg.reading() as s:
                con = _dbapi(s)
                for i in range(0, len(unknown), 500):
                    chunk = unknown[i:i + 500]
                    found.update(r[0] for r in con.execute(
                        "SELECT problem_id FROM search_fts WHERE rowid IN "
                        f"({','.join('?' * len(chunk))})", chunk))
        return found

    def _scan(self, term: str, within: set[int] | None) -> set[int]:
        docs = self.docs()
        if within is not None:
            return {pid for pid in within if term in docs.get(pid, "")}
        last = self._last_scan
        if last is not None and last[0] in term:
            hits = {pid for pid in last[1] if term in docs.get(pid, "")}
        else:
            hits = {pid for pid, text in docs.items() if term in text}
        self._last_scan = (term, hits)
        return hits

    @property
    def loaded(self) -> bool:
        return self._docs is not None

    def preload(self) -> None:
        """Load the short-term text and the id maps now (safe on a worker thread)."""
        self.docs()

    def docs(self) -> dict[int, str]:
        with self._lock:
            if self._docs is None:
                with self.reg.reading() as s:
                    con = _dbapi(s)
                    owners = _Owners()
                    owners.load(con, "problem_id IN (SELECT id FROM problem WHERE campaign_id = ?)",
                                (self.campaign_id,))
                    self._docs = _load_docs(con, "IN (SELECT id FROM problem WHERE campaign_id = ?)",
                                            (self.campaign_id,))
                    self._owners = owners
            return self._docs

    def invalidate(self, problem_ids: Iterable[int]) -> None:
        """Reload the text of these problems (after an edit); deleted ones are dropped."""
        ids = sorted(set(problem_ids))
        with self._lock:
            if self._docs is None or not ids:
                return
            self._last_scan = None  # its hits predate the edit
            if len(ids) > 1000:  # an import: load everything again when next needed
                self._docs = self._owners = None
                return
            for pid in ids:
                self._docs.pop(pid, None)
            marks = ",".join("?" * len(ids))
            with self.reg.reading() as s:
                con = _dbapi(s)
                parts: dict[int, list[str]] = {}
                for pid, body in _rows_for(con, ids):
                    parts.setdefault(pid, []).append(body)
                self._docs.update({pid: "\n".join(b).lower() for pid, b in parts.items()})
                if self._owners is not None:
                    self._owners.load(con, f"problem_id IN ({marks})", tuple(ids))


def _rows_for(con: Any, problem_ids: list[int]) -> list[tuple[int, str]]:
    """The index rows of some problems, found through their keys (problem_id is not indexed)."""
    out: list[tuple[int, str]] = []
    for pid in problem_ids:
        mids = [r[0] for r in con.execute("SELECT id FROM measure WHERE problem_id = ?", (pid,))]
        keys = [pid * 8 + KIND_PROBLEM] + [m * 8 + KIND_MEASURE for m in mids]
        for m in mids:
            keys += [r[0] * 8 + KIND_PROGRESS for r in con.execute(
                "SELECT id FROM progress WHERE measure_id = ?", (m,))]
            keys += [(m * 16777216 + r[0]) * 8 + KIND_LEADER for r in con.execute(
                "SELECT person_id FROM measure_leader WHERE measure_id = ?", (m,))]
            keys += [(m * 16777216 + r[0]) * 8 + KIND_COOPERATING for r in con.execute(
                "SELECT department_id FROM measure_cooperating WHERE measure_id = ?", (m,))]
        out += con.execute(f"SELECT problem_id, body FROM search_fts WHERE rowid IN "
                           f"({','.join('?' * len(keys))})", keys).fetchall()
    return out


def _load_docs(con: Any, problems: str, params: tuple[Any, ...]) -> dict[int, str]:
    """One lower-cased string per problem: its index rows joined. SQLite groups them, so only
    one string per problem reaches Python (not 350,000 pieces)."""
    rows = con.execute("SELECT problem_id, group_concat(body, char(10)) FROM search_fts "
                       f"WHERE problem_id {problems} GROUP BY problem_id", params)
    return {pid: text.lower() for pid, text in rows}
