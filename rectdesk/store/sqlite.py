"""Everything specific to SQLite lives here: pragmas, the BEGIN hook, the online backup API.

A later back end (PostgreSQL) replaces this module's role; nothing else in the store issues
SQLite-only SQL.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path) -> Engine:
    """An engine over one register file: WAL, foreign keys, durable commits, a busy timeout.

    pysqlite's own transaction handling begins a transaction only before the first DML
    statement (and on Python < 3.12 cannot be told otherwise), so reads before a write would
    run outside it. We switch that off and emit BEGIN ourselves (SQLAlchemy's documented
    recipe): BEGIN IMMEDIATE for write transactions, so two writers queue on the busy timeout
    instead of failing with "database is locked" half-way through.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def quick_check(path: Path, *, full: bool = False) -> list[str]:
    """Run quick_check (or integrity_check); return the problems found, [] when the file is ok."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def foreign_key_problems(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()
    return [f"{table} 第 {rowid} 行引用的 {parent} 不存在" for table, rowid, parent, _ in rows]


def table_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def backup_to(source: Path, target: Path) -> None:
    """Copy a (possibly live) register with the online backup API, then fsync the copy.

    Raises RuntimeError when the copy fails its quick_check or its row counts differ.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target.parent)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.part")  # two copies never share one
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(str(tmp))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    try:
        problems = quick_check(tmp)
        if problems or table_counts(tmp) != table_counts(source):
            raise RuntimeError("备份校验失败：" + "；".join(problems or ["行数不一致"]))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


_PART = re.compile(r"\.rectdesk(?:\.(\d+))?\.part$")  # ours only: never a browser's download


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the unfinished copies (`<name>.rectdesk.<pid>.part`) that a killed backup left in
    `folder`: those of a process no longer running, or older than an hour (a copy never takes
    that long; an older version's parts carry no pid)."""
    removed = []
    try:
        parts = list(folder.glob("*.rectdesk*.part"))
    except OSError:
        return []
    for part in parts:
        m = _PART.search(part.name)
        if m is None:
            continue
        try:
            old = time.time() - part.stat().st_mtime > 3600
            if old or (m[1] is not None and not _running(int(m[1]))):
                part.unlink()
                removed.append(part)
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - no cheap check; the age rule cleans up
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
