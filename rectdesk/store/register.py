"""Opening a register file: create or migrate it, and hand out transactions.

    reg = Register.open(path)               # creates, or backs up and migrates, as needed
    with reg.transaction() as s:            # BEGIN IMMEDIATE ... COMMIT, rolled back on error
        s.add(...)
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from rectdesk import paths
from rectdesk.core.errors import RectDeskError, SchemaTooNew
from rectdesk.store import sqlite
from rectdesk.store.models import Setting

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config(connection: object) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


class Register:
    """One open register file."""

    def __init__(self, path: Path, engine: Engine, *, operator: str | None = None) -> None:
        self.path = Path(path)
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._operator = operator
        self.workstation = socket.gethostname()

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, operator: str | None = None) -> Register:
        """Open (and if needed create or migrate) the register at `path`."""
        path = Path(path)
        if not path.exists():
            if not create:
                raise RectDeskError(f"台账文件不存在：{path}", file=str(path))
            if not path.parent.exists():
                raise RectDeskError(f"文件夹不存在：{path.parent}", file=str(path))
        elif path.is_dir():
            raise RectDeskError("这是一个文件夹，不是台账文件", file=str(path))
        elif not _looks_like_sqlite(path):
            raise RectDeskError("这不是 RectDesk 台账文件（不是 SQLite 数据库）", file=path.name)
        engine = sqlite.make_engine(path)
        try:
            migrate(engine, path)
        except Exception:
            engine.dispose()
            raise
        return cls(path, engine, operator=operator)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back whole on any exception."""
        with self._sessions() as session:
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (one consistent snapshot)."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    # -- identity and settings -----------------------------------------------------------------
    @property
    def operator(self) -> str:
        if self._operator is None:
            from rectdesk import settings

            self._operator = settings.operator_name()
        return self._operator

    @operator.setter
    def operator(self, name: str) -> None:
        self._operator = name

    def get_setting(self, key: str, default: str = "") -> str:
        with self.reading() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as s:
            s.merge(Setting(key=key, value=value))

    @property
    def register_id(self) -> str:
        return self.get_setting("register_id")


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise RectDeskError(f"无法读取台账文件：{exc.strerror or exc}", file=str(path)) from exc
    return header == b"SQLite format 3\x00" or header == b""


def migrate(engine: Engine, path: Path) -> None:
    """Bring the file to the current schema; back it up first when it already holds data."""
    from alembic import command

    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"此台账由更新版本的 RectDesk 创建（数据库版本 {current}），请升级 RectDesk 后再打开",
            file=path.name)
    if current is not None:
        backup_before_migration(path, current)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")  # type: ignore[arg-type]
    _ensure_register_id(engine)
    log.info("register %s migrated from %s to %s", path, current, head)


def backup_before_migration(path: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backup_dir(path) / f"{path.stem}-before-migration-{revision}-{stamp}{paths.REGISTER_SUFFIX}"
    sqlite.backup_to(path, target)
    log.info("backed up %s to %s before migrating", path, target)
    return target


def _ensure_register_id(engine: Engine) -> None:
    import uuid

    with Session(engine) as s, s.begin():
        if s.get(Setting, "register_id") is None:
            s.add(Setting(key="register_id", value=str(uuid.uuid4())))
