"""Automatic, rotating, verified backups of a register, and restoring one.

Every backup is made with SQLite's online backup API, fsynced and checked (`quick_check` and row
counts) by `sqlite.backup_to` before it gets its final name. Backups of a register live in
`paths.backup_dir(register)`, named `<stem>-<YYYYmmdd-HHMMSS>-<reason>.rectdesk`, so a listing
needs no index file. When they are made:

- `after_commit(reg)`: at most once a day while a register is open and being written to;
- `on_close(reg)`: when a register that was written to is closed;
- `backup_before(reg, reason)`: importers call it before a bulk import;
- before a migration (register.py; those copies are never rotated away);
- by hand: `backup_now(path)`, `rectdesk backup`, 文件 -> 备份与恢复.

Rotation keeps the last N plus the newest of each of the last W weeks and M months (the policy
is stored in the register's settings and can be changed there), and never deletes the newest
backup that passes quick_check. The evidence store is append-only, so a register backup plus the
evidence folder as it is later is still consistent.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rectdesk import paths
from rectdesk.core.errors import RectDeskError
from rectdesk.store import sqlite

if TYPE_CHECKING:
    from rectdesk.store.register import Register

log = logging.getLogger(__name__)

STAMP = "%Y%m%d-%H%M%S"
_STAMP_RE = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?(?:-([a-z][a-z-]*))?$")
DAILY = timedelta(days=1)
NEVER_ROTATED = {"migration"}

REASONS = {
    "close": "关闭时自动备份",
    "daily": "每日自动备份",
    "import": "导入前备份",
    "form-import": "导入反馈表前备份",
    "migration": "升级前备份",
    "manual": "手动备份",
    "restore": "恢复前备份",
}


@dataclass(frozen=True)
class BackupPolicy:
    keep_last: int = 10
    weeks: int = 8
    months: int = 12

    @classmethod
    def of(cls, reg: Register) -> BackupPolicy:
        """The register's policy: settings `backup_keep_last`, `backup_weeks`, `backup_months`."""
        def number(key: str, default: int) -> int:
            try:
                return max(1 if key == "backup_keep_last" else 0, int(reg.get_setting(key, str(default))))
            except ValueError:
                return default

        d = cls()
        return cls(number("backup_keep_last", d.keep_last), number("backup_weeks", d.weeks),
                   number("backup_months", d.months))


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: datetime
    size: int
    reason: str

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason or "备份")

    @property
    def when_label(self) -> str:
        w = self.when
        return f"{w.year}年{w.month}月{w.day}日 {w:%H:%M:%S}"

    @property
    def size_label(self) -> str:
        return format_size(self.size)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# -- listing ----------------------------------------------------------------------------------
def parse_name(path: Path) -> tuple[datetime, str] | None:
    """(time, reason) from a backup's file name; None for files that are not backups."""
    if path.suffix != paths.REGISTER_SUFFIX:
        return None
    m = _STAMP_RE.search(path.stem)
    if m is None:
        return None
    try:
        when = datetime.strptime(m.group(1), STAMP)
    except ValueError:
        return None
    reason = "migration" if "-before-migration-" in path.stem else (m.group(2) or "")
    return when, reason


def list_backups(register: Path | str, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of `register`, newest first."""
    folder = folder or paths.backup_dir(Path(register))
    found: list[tuple[datetime, int, BackupInfo]] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    for entry in entries:
        parsed = parse_name(Path(entry.path))
        if parsed is None or not entry.is_file():
            continue
        stat = entry.stat()
        found.append((parsed[0], stat.st_mtime_ns,
                      BackupInfo(Path(entry.path), parsed[0], stat.st_size, parsed[1])))
    found.sort(key=lambda t: t[:2], reverse=True)  # names hold seconds; mtime orders within one
    return [t[2] for t in found]


def newest_good_backup(register: Path | str) -> BackupInfo | None:
    for info in list_backups(register):
        if not sqlite.quick_check(info.path):
            return info
        log.warning("backup %s fails quick_check; skipped", info.path)
    return None


# -- making backups ---------------------------------------------------------------------------
def backup_now(register: Path | str, reason: str = "manual", *,
               policy: BackupPolicy | None = None) -> BackupInfo:
    """Back up `register` into its backup folder, verify the copy, then rotate."""
    register = Path(register)
    if not register.is_file():
        raise RectDeskError(f"台账文件不存在：{register}", file=str(register))
    folder = paths.backup_dir(register)
    now = datetime.now()
    target = _free_name(folder, f"{register.stem}-{now:{STAMP}}", reason)
    backup_file(register, target)
    info = BackupInfo(target, now.replace(microsecond=0), target.stat().st_size, reason)
    log.info("backed up %s to %s (%s)", register, target, reason)
    rotate(register, policy or BackupPolicy())
    return info


def backup_file(register: Path, target: Path) -> None:
    """The verified online copy; a failure is a RectDeskError naming the file."""
    try:
        sqlite.backup_to(register, target)
    except RuntimeError as exc:
        raise RectDeskError(f"备份未通过校验，未保存：{exc}", file=str(target)) from exc
    except Exception as exc:  # sqlite3.Error: damaged or unreadable source
        if isinstance(exc, RectDeskError | OSError):
            raise
        raise RectDeskError(f"无法备份台账：{exc}", file=str(register)) from exc


def _free_name(folder: Path, base: str, reason: str) -> Path:
    target = folder / f"{base}-{reason}{paths.REGISTER_SUFFIX}"
    n = 2
    while target.exists():
        target = folder / f"{base}-{n}-{reason}{paths.REGISTER_SUFFIX}"
        n += 1
    return target


def backup_before(reg: Register, reason: str = "import") -> BackupInfo | None:
    """Importers call this before a bulk import; it raises when the backup cannot be made.

    A register on a database server is backed up by the office's pg_dump (README): None."""
    if reg.backend.name != "sqlite":
        return None
    info = backup_now(reg.path, reason, policy=BackupPolicy.of(reg))
    _mark_backed_up(reg)
    return info


def after_commit(reg: Register) -> None:
    """Called after each commit: a backup when the newest one is a day old (checked hourly)."""
    reg._commits_since_backup += 1
    if time.monotonic() < reg._next_backup_check:
        return
    reg._next_backup_check = time.monotonic() + 3600
    newest = list_backups(reg.path)
    if newest and datetime.now() - newest[0].when < DAILY:
        return
    _quietly(reg, "daily")


def on_close(reg: Register) -> None:
    """Called by Register.close: back up when something was written since the last backup."""
    if reg._commits_since_backup > 0:
        _quietly(reg, "close")


def _quietly(reg: Register, reason: str) -> None:
    """An automatic backup: a failure is logged and kept in reg.warnings, never raised, because
    the commit it follows has already succeeded."""
    try:
        backup_now(reg.path, reason, policy=BackupPolicy.of(reg))
    except Exception as exc:  # noqa: BLE001
        log.error("automatic backup of %s failed", reg.path, exc_info=True)
        reg.warnings.append(f"自动备份失败：{exc}")
        return
    _mark_backed_up(reg)


def _mark_backed_up(reg: Register) -> None:
    reg._commits_since_backup = 0
    reg._next_backup_check = time.monotonic() + 3600


# -- rotation ---------------------------------------------------------------------------------
def to_keep(backups: list[BackupInfo], policy: BackupPolicy, now: datetime) -> set[Path]:
    """Grandfather-father-son: the last N, the newest per week and per month within range."""
    ordered = sorted(backups, key=lambda b: b.when, reverse=True)
    keep = {b.path for b in ordered[: policy.keep_last]}
    keep |= {b.path for b in ordered if b.reason in NEVER_ROTATED}
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for b in ordered:
        week = b.when.isocalendar()[:2]
        if (now - b.when).days < policy.weeks * 7 and week not in weeks:
            weeks.add(week)
            keep.add(b.path)
        month = (b.when.year, b.when.month)
        months_ago = (now.year - b.when.year) * 12 + now.month - b.when.month
        if months_ago < policy.months and month not in months:
            months.add(month)
            keep.add(b.path)
    return keep


def rotate(register: Path, policy: BackupPolicy, now: datetime | None = None) -> list[Path]:
    """Delete backups the policy no longer keeps; never the newest good one. Returns the deleted."""
    backups = list_backups(register)
    keep = to_keep(backups, policy, now or datetime.now())
    doomed = [b for b in backups if b.path not in keep]
    if not doomed:
        return []
    last_good = _newest_good(backups)
    deleted = []
    for b in doomed:
        if b.path == last_good:
            continue
        try:
            b.path.unlink()
            deleted.append(b.path)
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", b.path, exc)
    return deleted


def _newest_good(backups: list[BackupInfo]) -> Path | None:
    for b in backups:  # newest first
        if not sqlite.quick_check(b.path):
            return b.path
    return None


# -- restoring --------------------------------------------------------------------------------
def before_restore_path(register: Path) -> Path:
    return register.with_name(register.name + ".before-restore")


class ForeignBackup(RectDeskError):
    """The backup is sound but not proven to be a copy of this register; restoring it needs the
    user's explicit word (`restore(..., confirm_foreign=True)`, `rectdesk restore --foreign`)."""


def restore(backup: Path | str, register: Path | str, *, confirm_foreign: bool = False) -> Path | None:
    """Replace `register` with a verified copy of `backup`.

    The current file (with its WAL, which may hold committed data) is kept as
    `<register>.before-restore`; returns that path, or None when there was no current file.
    The register must be closed here and in every other process (RegisterLocked otherwise).
    Refused: the register itself, a backup written by a newer schema, and (unless
    `confirm_foreign`) a backup of another register or one whose lineage cannot be verified.
    """
    from rectdesk.fileio import check_input_file
    from rectdesk.store import lock

    backup, register = Path(backup), Path(register)
    if not backup.exists():
        raise RectDeskError(f"备份文件不存在：{backup}", file=str(backup))
    check_input_file(backup, noun="备份文件")
    _refuse_itself(backup, register)
    _check_restorable(backup)
    if lock.held_in_process(register):
        raise RectDeskError("请先关闭台账再恢复备份", file=register.name)
    handle = lock.acquire(register)
    try:
        if not confirm_foreign:
            _check_lineage(backup, register)
        kept = _set_current_aside(register)
        try:
            backup_file(backup, register)
        except BaseException:
            if kept is not None and not register.exists():
                move_with_journal(kept, register)  # put the current file back
            raise
        from rectdesk.store.marker import write_marker

        write_marker(register)  # a verified copy: as good as a clean close
    finally:
        handle.release()
    log.info("restored %s from %s (previous file kept as %s)", register, backup, kept)
    return kept


_REGISTER_TABLES = {"alembic_version", "campaign", "problem", "measure"}


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def _check_restorable(backup: Path) -> None:
    """Refuse a file that is not a sound RectDesk register before the current one is set aside:
    any SQLite file passes quick_check, and opening it afterwards would migrate it into an
    empty register, so the user's data would seem gone."""
    if not _is_sqlite_file(backup):
        raise RectDeskError("这不是 RectDesk 台账备份（不是 SQLite 数据库），不能用于恢复", file=backup.name)
    problems = sqlite.quick_check(backup)
    if problems:
        raise RectDeskError("备份文件已损坏，不能用于恢复：" + "；".join(" ".join(p.split()) for p in problems[:3]),
                            file=backup.name)
    missing = _REGISTER_TABLES - set(sqlite.table_counts(backup))
    if missing:
        raise RectDeskError("这不是 RectDesk 台账备份（缺少台账数据表："
                            + "、".join(sorted(missing)) + "），不能用于恢复", file=backup.name)
    from rectdesk.store.schema import known_revisions

    revision = _read_value(backup, "SELECT version_num FROM alembic_version")
    if revision not in known_revisions():
        raise RectDeskError(f"该备份由更新版本的 RectDesk 创建（数据库版本 {revision}），本版本无法使用它，"
                            "不能用于恢复：请升级 RectDesk 后再恢复", file=backup.name)


def _refuse_itself(backup: Path, register: Path) -> None:
    """Restoring a register from itself would set it aside and copy nothing back."""
    for own in (register, register.with_name(register.name + "-wal"),
                register.with_name(register.name + "-shm")):
        try:
            same = own.exists() and os.path.samefile(backup, own)
        except OSError:
            same = False
        if same:
            raise RectDeskError("所选文件就是当前台账本身，不是备份，不能用于恢复：请选择备份文件夹中的备份",
                                file=backup.name)


def _read_value(path: Path, sql: str) -> str | None:
    """One value from a register file opened read-only; None when it cannot be read."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=sqlite.BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        row = con.execute(sql).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return None if row is None or row[0] is None else str(row[0])


_ID_SQL = "SELECT value FROM setting WHERE key = 'register_id'"


def damaged_candidates(register: Path) -> list[Path]:
    """Damaged copies set aside for `register` (store/recovery.py), newest first."""
    import glob

    found = register.parent.glob(glob.escape(register.name) + ".*damaged")
    return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def _lineage_id(register: Path) -> str | None:
    """The register id of the current file, or of the damaged copy set aside in its place."""
    for candidate in (register, *damaged_candidates(register)):
        if candidate.is_file():
            found = _read_value(candidate, _ID_SQL)
            if found:
                return found
    return None


def _check_lineage(backup: Path, register: Path) -> None:
    """A backup replaces a register without a question only when it provably belongs to it: the
    same register id as the current (or set-aside damaged) file, or, with no readable current
    file, when it lies in this register's own backup folder. Restoring into a new file (nothing
    there, nothing set aside) replaces nothing and needs no question."""
    theirs = _read_value(backup, _ID_SQL)
    ours = _lineage_id(register)
    if ours is not None and theirs == ours:
        return
    if ours is None and backup.resolve().parent == paths.backup_dir(register).resolve():
        return
    if ours is None and not register.exists() and not damaged_candidates(register):
        return
    why = ("该备份来自另一个台账（台账标识不符）" if ours is not None and theirs
           else "无法确认该备份属于此台账（缺少台账标识）")
    raise ForeignBackup(f"{why}，恢复后当前台账的内容将被它替换。如确认要用它替换，"
                        "请在命令后加 --foreign 重新运行（当前台账仍会保存为 .before-restore）",
                        file=backup.name)


def _set_current_aside(register: Path) -> Path | None:
    if not register.exists():
        return None
    target = before_restore_path(register)
    if target.exists():  # an earlier restore's copy: keep it too, under its own date
        stamp = datetime.fromtimestamp(target.stat().st_mtime).strftime(STAMP)
        move_with_journal(target, target.with_name(f"{target.name}-{stamp}"))
    move_with_journal(register, target)
    return target


def move_with_journal(source: Path, target: Path) -> None:
    """Rename a database file together with its WAL, which may hold part of its content."""
    from rectdesk.fileio import fsync_dir

    wal = source.with_name(source.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:  # may hold committed transactions
        os.replace(wal, target.with_name(target.name + "-wal"))
    wal.unlink(missing_ok=True)
    source.with_name(source.name + "-shm").unlink(missing_ok=True)  # an index SQLite rebuilds
    os.replace(source, target)
    fsync_dir(target.parent)
