"""Search on a PostgreSQL register: ILIKE over the searchable columns, served by pg_trgm GIN
indexes (migration 0003) for terms of three characters or more, a scan for shorter ones.

What a term matches is what the SQLite index holds (store/search.py): a problem's title,
description and category; its measures' text, result, note, deadline and lead department; their
progress entries and reporters; their leaders and cooperating departments. Terms are
whitespace-separated and must all match (AND), case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import text

from rectdesk.store.register import Register
from rectdesk.store.search import SearchIndex, terms

# (table, column) pairs with a trigram index; the name tables are small and scanned.
TRGM_COLUMNS = (("problem", "title"), ("problem", "description"), ("measure", "text"),
                ("measure", "result"), ("measure", "note"), ("measure", "deadline_text"),
                ("progress", "text"), ("progress", "reported_by"))

# Each branch filters on one table's own columns, so the planner can combine that table's
# trigram indexes (a BitmapOr); an OR across a join would scan every row instead.
_OF_CAMPAIGN = "(SELECT id FROM problem WHERE campaign_id = :cid)"
_NAMED = "(SELECT id FROM {0} WHERE name ILIKE :pat)"
_OWN = "m.problem_id IN " + _OF_CAMPAIGN
_MATCH = f"""
SELECT p.id FROM problem p WHERE p.campaign_id = :cid
   AND (p.title ILIKE :pat OR p.description ILIKE :pat)
UNION SELECT p.id FROM problem p WHERE p.campaign_id = :cid
   AND p.category_id IN {_NAMED.format("category")}
UNION SELECT m.problem_id FROM measure m WHERE {_OWN}
   AND (m.text ILIKE :pat OR m.result ILIKE :pat OR m.note ILIKE :pat OR m.deadline_text ILIKE :pat)
UNION SELECT m.problem_id FROM measure m WHERE {_OWN}
   AND m.lead_department_id IN {_NAMED.format("department")}
UNION SELECT m.problem_id FROM progress g JOIN measure m ON m.id = g.measure_id WHERE {_OWN}
   AND (g.text ILIKE :pat OR g.reported_by ILIKE :pat)
UNION SELECT m.problem_id FROM measure_leader l JOIN measure m ON m.id = l.measure_id WHERE {_OWN}
   AND l.person_id IN {_NAMED.format("person")}
UNION SELECT m.problem_id FROM measure_cooperating l JOIN measure m ON m.id = l.measure_id
 WHERE {_OWN} AND l.department_id IN {_NAMED.format("department")}
"""


def install(conn: Any) -> None:
    """pg_trgm and one GIN trigram index per searchable text column (idempotent)."""
    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in TRGM_COLUMNS:
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{table}_{column}_trgm "
                             f"ON {table} USING gin ({column} gin_trgm_ops)")


def uninstall(conn: Any) -> None:
    for table, column in TRGM_COLUMNS:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table}_{column}_trgm")


def pattern(term: str) -> str:
    """An ILIKE pattern for a literal substring (backslash is ILIKE's default escape)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match(reg: Register, campaign_id: int, term: str) -> set[int]:
    with reg.reading() as s:
        return set(s.scalars(text(_MATCH), {"cid": campaign_id, "pat": pattern(term)}))


class PgSearchIndex(SearchIndex):
    """SearchIndex's interface on PostgreSQL: every search asks the server, so there is
    nothing to preload or invalidate (other workstations' edits are found at once)."""

    def search(self, query: str) -> set[int] | None:
        words = terms(query)
        if not words:
            return None
        found: set[int] | None = None
        for word in sorted(set(words), key=len, reverse=True):
            hits = match(self.reg, self.campaign_id, word)
            found = hits if found is None else found & hits
            if not found:
                return set()
        return found

    _preloaded = False

    @property
    def loaded(self) -> bool:
        return self._preloaded

    def preload(self) -> None:
        self._preloaded = True  # nothing to load: the server holds the index

    def invalidate(self, problem_ids: Iterable[int]) -> None:
        return None
