"""Opening a register file: create or migrate it, and hand out transactions.

    reg = Register.open(path)               # creates, or backs up and migrates, as needed
    with reg.transaction() as s:            # BEGIN IMMEDIATE ... COMMIT, rolled back on error
        s.add(...)

Opening takes the register's one-writer lock (store/lock.py; `lock=False` skips it, for tools that
only read). The lock is shared within a process, so opening one file twice in one process (tests
do) works; a second process gets RegisterLocked. After an unclean shutdown the file is checked
and a damaged one is set aside (store/recovery.py). Closing a register that was written to
backs it up (store/backup.py), and so does the first commit of a day.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from rectdesk import paths
from rectdesk.core.errors import RectDeskError, RegisterDamaged, SchemaTooNew
from rectdesk.store import backends, marker, recovery, sqlite
from rectdesk.store import lock as register_lock
from rectdesk.store.models import Setting
from rectdesk.store.schema import (  # noqa: F401 - register.head_revision is public
    MIGRATIONS_DIR,
    alembic_config,
    ensure_register_id,
    head_revision,
    known_revisions,
)

if TYPE_CHECKING:
    from rectdesk.store.postgres import PostgresBackend

log = logging.getLogger(__name__)

def current_revision(engine: Engine) -> str | None:
    if engine.dialect.name != "sqlite":
        from rectdesk.store import postgres

        return postgres.current_revision(engine)
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").first()
        if not has_table:
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


class Register:
    """One open register file."""

    def __init__(self, path: Path, engine: Engine, *, operator: str | None = None) -> None:
        self.path = Path(path)
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._operator = operator
        self.workstation = socket.gethostname()
        self.warnings: list[str] = []  # shown once by the GUI: network share, failed auto-backup
        self._lock: register_lock.LockHandle | None = None
        self._closed = False
        self._commits_since_backup = 0  # backup.after_commit / on_close keep these
        self._next_backup_check = 0.0
        self.backend: backends.SqliteBackend | PostgresBackend = backends.SQLITE
        self.damaged: RegisterDamaged | None = None  # set when SQLite reported the file corrupt
        self.read_only = False  # opened beside the process that holds the lock (WAL readers)
        self._clean_marker: marker.Marker | None = None  # verified on open (store/recovery.py)

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, operator: str | None = None,
             lock: bool = True, read_only: bool = False) -> Register:
        """Open (and if needed create or migrate) the register at `path`, or on the server a
        `postgresql://` URL names (store/postgres.py). `read_only`: beside the writer that
        holds the lock (a window): no lock, no migration, no backup, every write refused."""
        if read_only:
            return cls._open_read_only(Path(path), operator)
        if backends.is_server_url(path):
            from rectdesk.store import postgres

            return postgres.open_register(cls, str(path), create=create, operator=operator)
        path = Path(path)
        if not path.exists():
            if not create:
                raise RectDeskError(f"台账文件不存在：{path}", file=str(path))
            if not path.parent.exists():
                raise RectDeskError(f"文件夹不存在：{path.parent}", file=str(path))
        elif path.is_dir():
            raise RectDeskError("这是一个文件夹，不是台账文件", file=str(path))
        elif not path.is_file():  # a FIFO or a device: reading its header would block
            raise RectDeskError("这不是普通文件（管道或设备），不是台账文件", file=str(path))
        elif not _looks_like_sqlite(path):
            if marker.read_marker(path) is not None:  # ours when it was last closed
                _refuse_damaged_header(path, lock)
            raise RectDeskError("这不是 RectDesk 台账文件（不是 SQLite 数据库）", file=path.name)
        handle = register_lock.acquire(path) if lock else None
        try:
            engine, warnings, clean = _open_checked(path, handle)
        except BaseException:
            if handle is not None:
                handle.release()
            raise
        reg = cls(path, engine, operator=operator)
        reg._lock = handle
        reg.warnings.extend(warnings)
        reg._clean_marker = clean
        if handle is not None and handle.warning:
            reg.warnings.append(handle.warning)
        return reg

    @classmethod
    def _open_read_only(cls, path: Path, operator: str | None) -> Register:
        if not path.is_file() or not _looks_like_sqlite(path):
            raise RectDeskError("台账文件不存在或不是 RectDesk 台账", file=str(path))
        engine = sqlite.make_engine(path)
        try:
            if current_revision(engine) != head_revision():
                raise RectDeskError("台账需要升级，但正被另一处打开：请先在那里关闭台账后再试",
                                    file=path.name)
        except BaseException:
            engine.dispose()
            raise
        reg = cls(path, engine, operator=operator)
        reg.read_only = True
        return reg

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if not self.read_only and self.damaged is None:
                self.backend.on_close(self)  # the backup reads its policy through the engine
        finally:
            # After the backup: disposed before it, the connection it opened stayed open until
            # garbage collection, which then removed -wal/-shm at some later moment (and kept
            # the file open, which Windows would not let a restore replace).
            self.engine.dispose()
        if self.read_only:
            return  # nothing of ours to back up or mark: the writer does that
        try:
            if self.damaged is None and self._lock is not None \
                    and register_lock.holders(self.path) == 1:
                marker.write_marker(self.path, self._clean_marker)  # last close in process
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back whole on any exception."""
        if self.damaged is not None:  # never write into a file SQLite called corrupt
            raise self.damaged
        if self.read_only:
            raise RectDeskError("台账以只读方式打开（另一处正在修改它），不能保存修改；"
                                "请在那里关闭台账后重新打开", file=self.path.name)
        with self._sessions() as session, self._corruption_guard():
            session.connection(execution_options=self.backend.begin_options)
            self.backend.on_begin_write(session)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
        self.backend.after_commit(self)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (one consistent snapshot)."""
        with self._sessions() as session, self._corruption_guard():
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def _corruption_guard(self) -> Iterator[None]:
        """SQLite calling the file corrupt, anywhere: the register takes no more writes, makes
        no backup on close, and the user gets the one-line message with the recovery step."""
        try:
            yield
        except Exception as exc:
            if self.backend.name != "sqlite" or not recovery.is_corruption(exc):
                raise
            self.damaged = recovery.damaged_in_use(self.path, exc)
            raise self.damaged from exc

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


def _open_checked(path: Path, handle: register_lock.LockHandle | None
                  ) -> tuple[Engine, list[str], marker.Marker | None]:
    """Engine over a migrated file, warnings and the verified clean-close marker; with our lock
    held, a damaged file is set aside and refused (before anything is written into it)."""
    owner = handle is not None and handle.first_in_process
    warnings, clean = recovery.check_on_open(path, handle.stale if handle else None) if owner \
        else ([], None)
    engine = sqlite.make_engine(path)
    try:
        migrate(engine, path)
    except Exception as exc:
        engine.dispose()
        if owner and recovery.is_corruption(exc):
            raise recovery.set_aside(path, [str(exc)]) from exc
        raise
    return engine, warnings, clean


def _refuse_damaged_header(path: Path, lock: bool) -> None:
    """A file RectDesk closed cleanly whose header no longer reads as SQLite: damaged, not foreign."""
    handle = register_lock.acquire(path) if lock else None
    try:
        raise recovery.set_aside(path, ["文件头已损坏（不再是 SQLite 数据库）"])
    finally:
        if handle is not None:
            handle.release()


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise RectDeskError(f"无法读取台账文件：{exc.strerror or exc}", file=str(path)) from exc
    return header == b"SQLite format 3\x00" or header == b""


def migrate(engine: Engine, path: Path) -> None:
    """Bring the file to the current schema; back it up first when it already holds data."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return  # the usual case: Alembic (0.15-0.25 s of imports) is not needed
    from alembic import command

    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"此台账由更新版本的 RectDesk 创建（数据库版本 {current}），请升级 RectDesk 后再打开",
            file=path.name)
    if current is not None:
        backup_before_migration(path, current)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
    ensure_register_id(engine)
    log.info("register %s migrated from %s to %s", path, current, head)


def backup_before_migration(path: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backup_dir(path) / f"{path.stem}-before-migration-{revision}-{stamp}{paths.REGISTER_SUFFIX}"
    sqlite.backup_to(path, target)
    log.info("backed up %s to %s before migrating", path, target)
    return target


