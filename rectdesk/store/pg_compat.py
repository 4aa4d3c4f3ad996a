"""SQLite-style raw SQL through the DB-API on PostgreSQL.

Some hot read paths (store/views.py, store/search.py) skip SQLAlchemy and hand SQL with qmark
(`?`) or named (`:cid`) parameters straight to the driver, which is SQLite's style. psycopg
wants `%s` / `%(cid)s`. The PostgreSQL engine's connections get this cursor, which rewrites such
statements (outside string literals) before running them; SQLAlchemy's own statements already
use psycopg's style and pass through untouched.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

_NAME = re.compile(r"[A-Za-z_]\w*")


def translate(sql: str) -> str:
    """`?` -> `%s`, `:name` -> `%(name)s`, `%` -> `%%`; string literals and `::` casts kept."""
    out: list[str] = []
    i, quoted = 0, False
    while i < len(sql):
        c = sql[i]
        if c == "'":
            quoted = not quoted
            out.append(c)
        elif c == "%":
            out.append("%%")
        elif quoted:
            out.append(c)
        elif c == "?":
            out.append("%s")
        elif c == ":" and sql[i - 1:i] != ":" and (m := _NAME.match(sql, i + 1)):
            out.append(f"%({m.group()})s")
            i = m.end() - 1
        elif c == ":" and sql[i + 1:i + 2] == ":":
            out.append("::")
            i += 1
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _sqlite_style(sql: Any, params: Any) -> bool:
    return (isinstance(sql, str) and params is not None
            and "%s" not in sql and "%(" not in sql and "%b" not in sql)


class SqliteStyleCursor(psycopg.Cursor[Any]):
    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        if _sqlite_style(query, params):
            query = translate(query)
            if not isinstance(params, dict):
                params = tuple(params)
        return super().execute(query, params, **kwargs)
