"""Opening a shared register on a PostgreSQL server (issue 12).

    reg = Register.open("postgresql://user:pw@host/db")   # Register.open dispatches here

The same Alembic migrations as a file create or upgrade the schema (under an advisory lock, so
two workstations opening a new server at once do not both migrate); 0003 adds the pg_trgm
search indexes. Evidence files go to a shared folder: the `evidence_folder` setting stored in
the register (what every workstation sees), or RECTDESK_EVIDENCE_FOLDER where a workstation
mounts the share elsewhere; the register's `path` is `<folder>/<database>.rectdesk`, so the
evidence store (`<path>.evidence`) and its hashing and checks are those of a file register.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from rectdesk import paths
from rectdesk.core.errors import RectDeskError, SchemaTooNew
from rectdesk.store.backends import WRITE_LOCK_KEY, WRITE_WAIT_S

if TYPE_CHECKING:
    from rectdesk.store.register import Register

log = logging.getLogger(__name__)

EVIDENCE_SETTING = "evidence_folder"
EVIDENCE_ENV = "RECTDESK_EVIDENCE_FOLDER"
_MIGRATION_LOCK = 0x52454354  # "RECT": pg_advisory_xact_lock key while migrating


def driver_url(url: str) -> str:
    """The URL with our driver (psycopg 3) named, whatever the user typed."""
    u = make_url(url.replace("postgres://", "postgresql://", 1))
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def safe_url(url: str) -> str:
    """The URL for messages and window titles: no password."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)


def database_name(url: str) -> str:
    return make_url(url).database or "rectdesk"


def make_engine(url: str) -> Engine:
    from rectdesk.store.pg_compat import SqliteStyleCursor

    return create_engine(driver_url(url), pool_pre_ping=True,
                         connect_args={"connect_timeout": 10, "application_name": "RectDesk",
                                       "cursor_factory": SqliteStyleCursor})


def check_connection(engine: Engine) -> list[str]:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return [f"无法连接数据库服务器：{exc}"]
    return []


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def open_register(cls: type[Register], url: str, *, create: bool = True,
                  operator: str | None = None) -> Register:
    """Connect, create or migrate the schema, and wrap the engine in a Register."""
    try:
        engine = make_engine(url)
        revision = current_revision(engine)
    except ImportError as exc:
        raise RectDeskError("未安装 PostgreSQL 驱动（psycopg），无法连接服务器") from exc
    except Exception as exc:
        raise RectDeskError(f"无法连接数据库服务器 {safe_url(url)}：{_reason(exc)}") from exc
    if revision is None and not create:
        engine.dispose()
        raise RectDeskError(f"服务器上的数据库还不是 RectDesk 台账：{safe_url(url)}")
    try:
        migrate(engine, url, revision)
    except BaseException:
        engine.dispose()
        raise
    reg = cls(evidence_anchor(engine, url), engine, operator=operator)
    reg.backend = PostgresBackend(url)
    return reg


def _reason(exc: Exception) -> str:
    inner = getattr(exc, "orig", None) or exc
    return str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__


def migrate(engine: Engine, url: str, revision: str | None) -> None:
    from alembic import command

    from rectdesk.store import schema

    head = schema.head_revision()
    if revision == head:
        return
    if revision is not None and revision not in schema.known_revisions():
        raise SchemaTooNew(f"此台账由更新版本的 RectDesk 创建（数据库版本 {revision}），"
                           "请升级 RectDesk 后再连接", file=safe_url(url))
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        command.upgrade(schema.alembic_config(conn), "head")  # type: ignore[arg-type]
    schema.ensure_register_id(engine)
    log.info("server register %s migrated from %s to %s", safe_url(url), revision, head)


def evidence_folder(engine: Engine, url: str) -> Path:
    """Where this workstation finds the register's evidence files."""
    if value := os.environ.get(EVIDENCE_ENV):
        return Path(value)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT value FROM setting WHERE key = :k"),
                              {"k": EVIDENCE_SETTING}).scalar()
    if stored:
        return Path(stored)
    host = make_url(url).host or "local"
    return paths.data_dir() / "server-evidence" / host


def evidence_anchor(engine: Engine, url: str) -> Path:
    """The register's stand-in path: evidence lives at `<anchor>.evidence`."""
    return evidence_folder(engine, url) / f"{database_name(url)}{paths.REGISTER_SUFFIX}"


def set_evidence_folder(reg: Register, folder: Path | str) -> None:
    """Record the shared evidence folder for every workstation and use it from now on."""
    folder = Path(folder)
    reg.set_setting(EVIDENCE_SETTING, str(folder))
    url = getattr(reg.backend, "url", "")
    reg.path = folder / f"{database_name(url)}{paths.REGISTER_SUFFIX}"


def reset_sequences(conn: Any) -> None:
    """After rows were copied in with their ids: each table's id sequence continues past them."""
    rows = conn.execute(text("SELECT table_name FROM information_schema.columns "
                             "WHERE table_schema = current_schema() AND column_name = 'id'"))
    for table in [r[0] for r in rows]:
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
        if seq:
            conn.execute(text(f'SELECT setval(:s, coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)'),
                         {"s": seq})


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
        return check_connection(reg.engine)

    def describe(self, reg: Register) -> str:
        return safe_url(self.url)
