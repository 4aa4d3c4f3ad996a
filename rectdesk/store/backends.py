"""What differs between the two kinds of register: a SQLite file on one workstation, or a
shared database on a PostgreSQL server (issue 12).

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


class PostgresBackend:
    """A shared register on a server: the server serialises writers and keeps its own WAL;
    backups are the office's pg_dump (see README), so nothing runs after commits or on close."""

    name = "postgresql"
    begin_options: dict[str, Any] = {}

    def __init__(self, url: str) -> None:
        self.url = url

    def on_begin_write(self, session: Any) -> None:
        """Make this the only writer until it commits, as BEGIN IMMEDIATE does on a file.

        Services check a rule by reading and then write (one pending extension per measure, a
        decision only on a pending request, sign-off only when every measure is done ...). Under
        READ COMMITTED two workstations would both read the old state and both write. A
        transaction-scoped advisory lock taken first thing serialises every write transaction,
        so each one reads what the previous one committed; readers are never blocked. It covers
        every service, present and future, without a retry loop; write transactions are short.
        """
        from sqlalchemy import text
        from sqlalchemy.exc import OperationalError

        from rectdesk.core.errors import RectDeskError

        try:
            session.execute(text(f"SET LOCAL lock_timeout = '{WRITE_WAIT_S}s'"))
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
        except OperationalError as exc:
            raise RectDeskError(f"其他工作站正在保存，{WRITE_WAIT_S} 秒内未轮到本次保存，请稍后重试") from exc

    def after_commit(self, reg: Register) -> None:
        return None

    def on_close(self, reg: Register) -> None:
        return None

    def quick_check(self, reg: Register, *, full: bool = False) -> list[str]:
        from rectdesk.store import postgres

        return postgres.check_connection(reg.engine)

    def describe(self, reg: Register) -> str:
        from rectdesk.store import postgres

        return postgres.safe_url(self.url)


SQLITE = SqliteBackend()
