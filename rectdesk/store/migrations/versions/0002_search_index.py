"""Full-text search index (FTS5 trigram) and the triggers that keep it current.

SQLite only: on other dialects this revision does nothing (their search is a later concern).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

from rectdesk.store import search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    search.install(conn)
    search.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    search.uninstall(conn)
