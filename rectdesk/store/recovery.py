"""Noticing a damaged register after an unclean shutdown, and setting it aside.

A register closed cleanly leaves no `-wal` file and no lock side file. When either is found on
open (the previous process was killed, the machine lost power), `check_on_open` runs
`quick_check`; a register that fails it, or that SQLite refuses as corrupt while opening, is
moved aside as `<register>.damaged` (with its WAL) and RegisterDamagedError offers the newest
backup that passes its own check, saying what may be missing since then. Nothing is restored
without the user's word: the GUI asks, the CLI prints the `rectdesk restore` command.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from rectdesk.core.errors import RegisterDamaged
from rectdesk.store.backup import BackupInfo, move_with_journal, newest_good_backup

log = logging.getLogger(__name__)

CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class RegisterDamagedError(RegisterDamaged):
    """The register failed its check and was set aside; `backup` is the one to offer."""

    def __init__(self, register: Path, damaged: Path, problems: list[str],
                 backup: BackupInfo | None) -> None:
        self.register = register
        self.damaged_path = damaged
        self.problems = problems
        self.backup = backup
        super().__init__(damage_message(register, damaged, backup), file=register.name)


def damage_message(register: Path, damaged: Path, backup: BackupInfo | None) -> str:
    text = f"台账文件已损坏，未能打开；损坏的文件已另存为“{damaged.name}”，请勿删除。"
    if backup is None:
        return text + "没有找到可用的备份，请联系技术人员从损坏的文件中抢救数据"
    return (text + f"最新的完好备份是 {backup.when_label} 的{backup.reason_label}"
            f"（{backup.size_label}）。{missing_since(backup.when)}"
            f"恢复命令：rectdesk restore \"{backup.path}\" --db \"{register}\"")


def missing_since(when: datetime) -> str:
    stamp = f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"
    return (f"用它恢复后，{stamp} 之后录入或导入的内容（问题、措施、进展、状态变更、销号、"
            "佐证材料登记等）将不在台账中，需要对照留痕记录和原始材料重新录入。")


def unclean_shutdown(register: Path, stale_lock: dict[str, Any] | None) -> bool:
    """True when the last process using `register` did not close it (call with the lock held)."""
    wal = register.with_name(register.name + "-wal")
    try:
        wal_left = wal.stat().st_size > 0  # a clean close checkpoints it away (or leaves it empty)
    except FileNotFoundError:
        wal_left = False
    return stale_lock is not None or wal_left


def check(register: Path) -> list[str]:
    """quick_check through a normal connection (which also replays a WAL left behind)."""
    try:
        con = sqlite3.connect(str(register), timeout=10)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return [str(exc)]
        raise
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def is_corruption(exc: BaseException) -> bool:
    """Whether an exception (sqlite3 or SQLAlchemy-wrapped) says the file itself is bad."""
    inner = getattr(exc, "orig", None) or exc
    name = getattr(inner, "sqlite_errorname", "")
    return isinstance(inner, sqlite3.DatabaseError) and str(name).startswith(CORRUPT)


def check_on_open(register: Path, stale_lock: dict[str, Any] | None) -> None:
    """After an unclean shutdown, check the file; raise RegisterDamagedError when it is damaged."""
    if not register.exists() or not unclean_shutdown(register, stale_lock):
        return
    log.warning("register %s was not closed cleanly (stale lock: %s); checking it",
                register, stale_lock)
    problems = check(register)
    if problems:
        raise set_aside(register, problems)
    log.info("register %s passed quick_check after an unclean shutdown", register)


def set_aside(register: Path, problems: list[str]) -> RegisterDamagedError:
    """Move the damaged file (and its WAL) to `.damaged` and build the error to raise."""
    damaged = damaged_path(register)
    move_with_journal(register, damaged)
    log.error("register %s is damaged (%s); moved to %s", register, problems[:5], damaged)
    return RegisterDamagedError(register, damaged, problems, newest_good_backup(register))


def damaged_path(register: Path) -> Path:
    target = register.with_name(register.name + ".damaged")
    if target.exists():  # an earlier one: never overwrite evidence
        target = register.with_name(f"{register.name}.{datetime.now():%Y%m%d-%H%M%S}.damaged")
    return target
