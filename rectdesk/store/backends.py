"""What differs between the two kinds of register: a SQLite file on one workstation, or a
shared database on a PostgreSQL server (issue 12; its backend, PostgresBackend, lives in
store/postgres.py with the rest of the server code).

Register holds one Backend and asks it for what only one kind can do: how a write transaction
begins, what happens after a commit and on close (automatic backups of a file), how to check
the database. Everything else (models, migrations, services, queries) is the same SQLAlchemy
code on both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rectdesk.store.register import Register

WRITE_LOCK_KEY = 0x52445752  # "RDWR": pg_advisory_xact_lock key held by every write transaction
WRITE_WAIT_S = 30
SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_url(target: object) -> bool:
    """Whether `target` names a database server rather than a register file."""
    return isinstance(target, str) and target.lower().startswith(SERVER_SCHEMES)


class SqliteBackend:
    """A register file: BEGIN IMMEDIATE for writers, daily and on-close backups, quick_check."""

    name = "sqlite"
    begin_options: dict[str, Any] = {"sqlite_begin": "IMMEDIATE"}

    def on_begin_write(self, session: Any) -> None:
        return None  # BEGIN IMMEDIATE already made this the only writer

    def after_commit(self, reg: Register) -> None:
        from rectdesk.store import backup

        backup.after_commit(reg)

    def on_close(self, reg: Register) -> None:
        from rectdesk.store import backup

        backup.on_close(reg)

    def quick_check(self, reg: Register, *, full: bool = False) -> list[str]:
        from rectdesk.store import sqlite

        return sqlite.quick_check(reg.path, full=full)

    def describe(self, reg: Register) -> str:
        return str(reg.path)


SQLITE = SqliteBackend()
