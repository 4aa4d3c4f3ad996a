"""Full-text search over a register: SQLite FTS5 with the trigram tokenizer, plus a scan for
terms of one or two characters (trigram finds nothing for them, silently: 扬尘, 水质).

One FTS row per searchable item, its rowid encoding the item (id * 4 + kind):
problems (title, description, category), measures (text, result, note, deadline, lead and
cooperating departments, leaders) and progress entries (text, reporter). Triggers keep the
index in step with every write, whoever makes it; the migration 0002 creates them and fills
the index. Every SQLite-only statement of the search lives in this module.

Note for later migrations: Alembic's batch mode rebuilds a table by copying it, which drops its
triggers; call `uninstall(conn)` before and `install(conn)` after such a migration.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rectdesk.store.register import Register

KIND_PROBLEM, KIND_MEASURE, KIND_PROGRESS = 1, 2, 3
SHORT = 3  # terms shorter than this are scanned, longer ones go through the trigram index

_NL = " || char(10) || "
_PROBLEM_BODY = _NL.join((
    "p.title", "p.description",
    "coalesce((SELECT c.name FROM category c WHERE c.id = p.category_id), '')"))
_MEASURE_BODY = _NL.join((
    "m.text", "m.result", "m.note", "m.deadline_text",
    "coalesce((SELECT d.name FROM department d WHERE d.id = m.lead_department_id), '')",
    "coalesce((SELECT group_concat(pe.name, '、') FROM measure_leader ml"
    " JOIN person pe ON pe.id = ml.person_id WHERE ml.measure_id = m.id), '')",
    "coalesce((SELECT group_concat(dd.name, '、') FROM measure_cooperating mc"
    " JOIN department dd ON dd.id = mc.department_id WHERE mc.measure_id = m.id), '')"))
_PROGRESS_BODY = "g.text || char(10) || g.reported_by"

_INSERT = "INSERT INTO search_fts(rowid, body, problem_id, measure_id) "
_DOCS = {
    "problem": f"SELECT p.id*4+1, {_PROBLEM_BODY}, p.id, 0 FROM problem p WHERE {{where}}",
    "measure": f"SELECT m.id*4+2, {_MEASURE_BODY}, m.problem_id, m.id FROM measure m WHERE {{where}}",
    "progress": (f"SELECT g.id*4+3, {_PROGRESS_BODY}, "
                 "(SELECT m.problem_id FROM measure m WHERE m.id = g.measure_id), g.measure_id "
                 "FROM progress g WHERE {where}"),
}
_ALIAS = {"problem": "p", "measure": "m", "progress": "g"}
_KIND = {"problem": KIND_PROBLEM, "measure": KIND_MEASURE, "progress": KIND_PROGRESS}


def _refresh(entity: str, ids_sql: str) -> str:
    """Statements that rebuild the FTS rows of `entity` whose ids `ids_sql` selects."""
    k, a = _KIND[entity], _ALIAS[entity]
    return (f"DELETE FROM search_fts WHERE rowid IN (SELECT x*4+{k} FROM ({ids_sql}) AS t(x));\n"
            f"  {_INSERT}{_DOCS[entity].format(where=f'{a}.id IN ({ids_sql})')};")


def _drop(entity: str, id_expr: str) -> str:
    return f"DELETE FROM search_fts WHERE rowid = {id_expr}*4+{_KIND[entity]};"


# (name, table, event, body)
_TRIGGERS: tuple[tuple[str, str, str, str], ...] = (
    ("problem_ai", "problem", "AFTER INSERT", _refresh("problem", "SELECT NEW.id")),
    ("problem_au", "problem", "AFTER UPDATE OF title, description, category_id",
     _refresh("problem", "SELECT NEW.id")),
    ("problem_ad", "problem", "AFTER DELETE", _drop("problem", "OLD.id")),
    ("measure_ai", "measure", "AFTER INSERT", _refresh("measure", "SELECT NEW.id")),
    ("measure_au", "measure",
     "AFTER UPDATE OF text, result, note, deadline_text, lead_department_id, problem_id",
     _refresh("measure", "SELECT NEW.id")),
    ("measure_ad", "measure", "AFTER DELETE", _drop("measure", "OLD.id")),
    ("leader_ai", "measure_leader", "AFTER INSERT", _refresh("measure", "SELECT NEW.measure_id")),
    ("leader_ad", "measure_leader", "AFTER DELETE", _refresh("measure", "SELECT OLD.measure_id")),
    ("coop_ai", "measure_cooperating", "AFTER INSERT", _refresh("measure", "SELECT NEW.measure_id")),
    ("coop_ad", "measure_cooperating", "AFTER DELETE", _refresh("measure", "SELECT OLD.measure_id")),
    ("progress_ai", "progress", "AFTER INSERT", _refresh("progress", "SELECT NEW.id")),
    ("progress_au", "progress", "AFTER UPDATE OF text, reported_by, measure_id",
     _refresh("progress", "SELECT NEW.id")),
    ("progress_ad", "progress", "AFTER DELETE", _drop("progress", "OLD.id")),
    ("category_au", "category", "AFTER UPDATE OF name",
     _refresh("problem", "SELECT id FROM problem WHERE category_id = NEW.id")),
    ("person_au", "person", "AFTER UPDATE OF name",
     _refresh("measure", "SELECT measure_id FROM measure_leader WHERE person_id = NEW.id")),
    ("department_au", "department", "AFTER UPDATE OF name",
     _refresh("measure", "SELECT id FROM measure WHERE lead_department_id = NEW.id UNION "
                         "SELECT measure_id FROM measure_cooperating WHERE department_id = NEW.id")),
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
    for entity in ("problem", "measure", "progress"):
        conn.exec_driver_sql(_INSERT + _DOCS[entity].format(where="1"))


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


class SearchIndex:
    """Searches one campaign. Long terms use FTS5; short ones scan an in-memory copy of the
    campaign's text (one string per problem), loaded on first use and kept in step through
    `invalidate(problem_ids)` after edits."""

    def __init__(self, reg: Register, campaign_id: int) -> None:
        self.reg = reg
        self.campaign_id = campaign_id
        self._docs: dict[int, str] | None = None

    def search(self, query: str) -> set[int] | None:
        """Problem ids matching every term of `query`; None for an empty query."""
        words = terms(query)
        if not words:
            return None
        found: set[int] | None = None
        for word in sorted(words, key=len, reverse=True):  # the longest term narrows most
            hits = match_long(self.reg, word) if len(word) >= SHORT else self._scan(word, found)
            found = hits if found is None else found & hits
            if not found:
                return set()
        return found

    def _scan(self, term: str, within: set[int] | None) -> set[int]:
        docs = self.docs()
        if within is not None:
            return {pid for pid in within if term in docs.get(pid, "")}
        return {pid for pid, text in docs.items() if term in text}

    @property
    def loaded(self) -> bool:
        return self._docs is not None

    def docs(self) -> dict[int, str]:
        if self._docs is None:
            self._docs = self._load(None)
        return self._docs

    def invalidate(self, problem_ids: Iterable[int]) -> None:
        """Reload the text of these problems (after an edit); deleted ones are dropped."""
        if self._docs is None:
            return
        ids = list(problem_ids)
        for pid in ids:
            self._docs.pop(pid, None)
        if ids:
            self._docs.update(self._load(ids))

    def _load(self, problem_ids: list[int] | None) -> dict[int, str]:
        parts: dict[int, list[str]] = {}
        with self.reg.reading() as s:
            con = _dbapi(s)
            if problem_ids is None:
                where, args = "problem_id IN (SELECT id FROM problem WHERE campaign_id = ?)", [self.campaign_id]
                rows = con.execute(f"SELECT problem_id, body FROM search_fts WHERE rowid IN "
                                   f"(SELECT id*4+1 FROM problem WHERE campaign_id = ?) OR {where}",
                                   (self.campaign_id, *args))
            else:
                rows = _rows_for(con, problem_ids)
            for pid, body in rows:
                parts.setdefault(pid, []).append(body)
        return {pid: "\n".join(bodies).lower() for pid, bodies in parts.items()}


def _rows_for(con: Any, problem_ids: list[int]) -> list[tuple[int, str]]:
    marks = ",".join("?" * len(problem_ids))
    rowids = [pid * 4 + KIND_PROBLEM for pid in problem_ids]
    rowids += [r[0] * 4 + KIND_MEASURE for r in con.execute(
        f"SELECT id FROM measure WHERE problem_id IN ({marks})", problem_ids)]
    rowids += [r[0] * 4 + KIND_PROGRESS for r in con.execute(
        f"SELECT g.id FROM progress g JOIN measure m ON m.id = g.measure_id "
        f"WHERE m.problem_id IN ({marks})", problem_ids)]
    out: list[tuple[int, str]] = []
    for i in range(0, len(rowids), 500):
        chunk = rowids[i:i + 500]
        out += con.execute(f"SELECT problem_id, body FROM search_fts WHERE rowid IN "
                           f"({','.join('?' * len(chunk))})", chunk).fetchall()
    return out
