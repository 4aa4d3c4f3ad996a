"""PostgreSQL: pg_trgm search indexes, and boolean/integer comparisons for shared raw SQL.

On SQLite this revision does nothing (its search index is 0002's FTS5 table).

The read paths that hand SQL straight to the driver were written for SQLite, where a boolean
column is an integer (`m.long_term <> 0`); the two operators below let the same SQL run on
PostgreSQL.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

from rectdesk.store import search_pg

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_OPS = (("=", "rectdesk_bool_eq_int", "$1::int = $2"),
        ("<>", "rectdesk_bool_ne_int", "$1::int <> $2"))


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    search_pg.install(conn)
    for symbol, func, body in _OPS:
        conn.exec_driver_sql(f"CREATE OR REPLACE FUNCTION {func}(boolean, integer) RETURNS boolean "
                             f"LANGUAGE sql IMMUTABLE AS 'SELECT {body}'")
        conn.exec_driver_sql(f"CREATE OPERATOR {symbol} (LEFTARG = boolean, RIGHTARG = integer, "
                             f"FUNCTION = {func})")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    for symbol, func, _body in _OPS:
        conn.exec_driver_sql(f"DROP OPERATOR IF EXISTS {symbol} (boolean, integer)")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {func}(boolean, integer)")
    search_pg.uninstall(conn)
