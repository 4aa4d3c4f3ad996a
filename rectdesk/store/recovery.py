"""Noticing a damaged register after an unclean shutdown, and setting it aside.

A register closed cleanly leaves no `-wal` file and no lock side file. When either is found on
open (the previous process was killed, the machine lost power), `check_on_open` runs
`quick_check`; a register that fails it, or that SQLite refuses as corrupt while opening, is
moved aside as `<register>.damaged` (with its WAL) and RegisterDamagedError offers the newest
backup that passes its own check, saying what may be missing since then. Nothing is restored
without the user's word: the GUI asks, the CLI prints the `rectdesk restore` command.

Damage done while the register was closed (bytes overwritten by a failing disk, a sync tool, a
stray program) leaves no WAL and no lock side file. So the last close in a process writes a
marker beside the register (`<register>.closed`: size, mtime, ctime, inode and SHA-256 of the
bytes as closed). Opening compares the file's stat with it: the same -> no check is needed (a
stat, at any size); different -> the bytes are hashed, and a hash that differs means the file
was changed while closed, so the full integrity_check runs; no marker (first open by this
version, a copied file, a killed process) -> quick_check. The marker is removed on open, since
from then on the file is in use.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from rectdesk.core.errors import RegisterDamaged
from rectdesk.store.backup import BackupInfo, move_with_journal, newest_good_backup
from rectdesk.store.marker import (
    Marker,
    _stat_key,
    marker_path,
    marker_state,
    read_marker,
)

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


def check(register: Path, *, full: bool = False) -> list[str]:
    """quick_check (integrity_check with `full`) through a normal connection (which also
    replays a WAL left behind)."""
    try:
        con = sqlite3.connect(str(register), timeout=10)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
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




def check_on_open(register: Path, stale_lock: dict[str, Any] | None
                  ) -> tuple[list[str], Marker | None]:
    """Check the file unless the marker of a clean close proves it unchanged; raise
    RegisterDamagedError when it is damaged. Returns warnings for the user (a sound file that
    another program changed while it was closed) and the verified marker, if there was one
    (closing without a write then needs no new hash)."""
    if not register.exists():
        return [], None
    marker = marker_path(register)
    unclean = unclean_shutdown(register, stale_lock)
    known = None if unclean else read_marker(register)
    state = "unclean" if unclean else marker_state(register, known)
    warnings: list[str] = []
    if state in ("same", "touched"):
        problems = []
    elif state == "changed":  # bytes differ from the clean close: look at every page
        log.warning("register %s changed while closed; running integrity_check", register)
        problems = check(register, full=True)
        if not problems:
            warnings.append("台账文件在上次正常关闭之后被其他程序修改过（检查未发现损坏）。"
                            "如非有意为之，请核对近期内容，必要时从备份恢复")
    else:  # unclean shutdown, or no marker (first open by this version, a copied file)
        log.info("register %s: %s; running quick_check", register, state)
        problems = check(register)
    if problems:
        raise set_aside(register, problems)
    marker.unlink(missing_ok=True)  # in use from now on
    if state in ("same", "touched") and known is not None:
        return warnings, {"stat": _stat_key(register.stat()), "sha256": known["sha256"]}
    return warnings, None


def damaged_in_use(register: Path, exc: BaseException) -> RegisterDamaged:
    """The error for damage SQLite reports while the register is open (it cannot be moved aside
    while in use): what happened and what to do, in one line."""
    log.error("register %s reported corrupt while in use: %s", register, exc)
    good = newest_good_backup(register)
    step = (f"请关闭台账后运行 rectdesk check --db \"{register}\" 确认，"
            + (f"再用最新的完好备份（{good.when_label} 的{good.reason_label}）恢复："
               f"rectdesk restore \"{good.path}\" --db \"{register}\"" if good is not None
               else "没有找到可用的备份，请联系技术人员从损坏的文件中抢救数据"))
    return RegisterDamaged(f"台账文件已损坏（{exc.__class__.__name__}：{getattr(exc, 'orig', exc)}），"
                           f"本次操作未写入任何内容。{step}", file=register.name)


def set_aside(register: Path, problems: list[str]) -> RegisterDamagedError:
    """Move the damaged file (and its WAL) to `.damaged` and build the error to raise."""
    damaged = damaged_path(register)
    move_with_journal(register, damaged)
    marker_path(register).unlink(missing_ok=True)  # it described the file moved away
    log.error("register %s is damaged (%s); moved to %s", register, problems[:5], damaged)
    return RegisterDamagedError(register, damaged, problems, newest_good_backup(register))


def damaged_path(register: Path) -> Path:
    target = register.with_name(register.name + ".damaged")
    if target.exists():  # an earlier one: never overwrite evidence
        target = register.with_name(f"{register.name}.{datetime.now():%Y%m%d-%H%M%S}.damaged")
    return target
