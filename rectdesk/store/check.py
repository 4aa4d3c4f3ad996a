"""Checking a register (检查台账): the SQLite file, its foreign keys and every evidence file.

    report = check(reg_or_path, full=False, prune=False)
    report.ok        # False when anything is damaged or left over
    report.lines()   # what a person reads, in Chinese

Every stored file is re-hashed. A file a live row needs that is gone is *missing*; one whose
bytes no longer match its name is *altered*; a file no row names, or a temporary file left by an
interrupted attach, is an *orphan*. `prune=True` deletes orphans and the files only removed rows
name, under the write lock, so an attach running at the same time cannot lose its file (it checks
its files under the same lock before adding its rows).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from rectdesk.core.errors import RectDeskError
from rectdesk.store import changelog, evidence, sqlite
from rectdesk.store.models import Evidence, Measure, Problem
from rectdesk.store.register import Register

log = logging.getLogger(__name__)

TEMP_GRACE_SECONDS = 3600.0  # an attach may still be writing a younger temporary file


@dataclass(frozen=True)
class FileIssue:
    sha256: str
    path: Path
    rows: tuple[str, ...] = ()  # '措施 7.2《会议纪要》(id 12)' for each live row naming it


@dataclass
class CheckReport:
    register: Path
    full: bool = False
    database: list[str] = field(default_factory=list)  # quick_check / integrity_check
    foreign_keys: list[str] = field(default_factory=list)
    missing: list[FileIssue] = field(default_factory=list)
    altered: list[FileIssue] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)
    prunable: list[Path] = field(default_factory=list)  # only removed rows name these
    pruned: list[Path] = field(default_factory=list)
    files_checked: int = 0
    bytes_checked: int = 0
    rows: int = 0

    @property
    def damaged(self) -> bool:
        return bool(self.database or self.foreign_keys or self.missing or self.altered)

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.orphans

    def lines(self) -> list[str]:
        out = [f"台账：{self.register}"]
        kind = "完整性检查（integrity_check）" if self.full else "快速检查（quick_check）"
        out += [f"数据库{kind}：{p}" for p in self.database] or [f"数据库{kind}：正常"]
        out += [f"外键检查：{p}" for p in self.foreign_keys] or ["外键检查：正常"]
        for issue in self.missing:
            out.append(f"文件缺失：{issue.sha256}（{'；'.join(issue.rows)}）")
        for issue in self.altered:
            out.append(f"文件已被改动：{issue.path}（{'；'.join(issue.rows)}）")
        if self.missing or self.altered:
            out.append("修复方法：找回原件，重新添加到同一问题或措施（rectdesk attach），文件即恢复")
        out += [f"多余文件（无记录引用）：{p}" for p in self.orphans]
        out.append(f"已校验佐证材料文件 {self.files_checked} 个，共 {_mb(self.bytes_checked)}；"
                   f"记录 {self.rows} 条")
        if self.prunable:
            out.append(f"已删除的材料仍占用文件 {len(self.prunable)} 个，可用 --prune 清理")
        if self.pruned:
            out.append(f"已清理文件 {len(self.pruned)} 个")
        out.append("结论：" + ("正常" if self.ok else "发现问题" if self.damaged else "有多余文件"))
        return out


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def check(target: Register | Path | str, *, full: bool = False, prune: bool = False,
          progress: Callable[[int, int, str], None] | None = None,
          cancelled: Callable[[], bool] | None = None,
          temp_grace: float = TEMP_GRACE_SECONDS) -> CheckReport:
    """Check the register file and its evidence store; optionally prune what no row needs."""
    if isinstance(target, Register):
        return _check(target, full, prune, progress, cancelled, temp_grace)
    path = Path(target)
    if not path.is_file():
        raise RectDeskError("台账文件不存在", file=str(path))
    database = sqlite.quick_check(path, full=full)
    if database:  # do not open (or migrate) a damaged file: report it and stop
        return CheckReport(register=path, full=full, database=database)
    # Only reading: no lock, so the check also runs while the window has the register open.
    with Register.open(path, create=False, lock=prune) as reg:
        return _check(reg, full, prune, progress, cancelled, temp_grace)


def _check(reg: Register, full: bool, prune: bool,
           progress: Callable[[int, int, str], None] | None,
           cancelled: Callable[[], bool] | None, temp_grace: float) -> CheckReport:
    report = CheckReport(register=reg.path, full=full)
    report.database = reg.backend.quick_check(reg, full=full)
    # PostgreSQL enforces foreign keys on every write; SQLite can hold violations, so look.
    report.foreign_keys = sqlite.foreign_key_problems(reg.path) if reg.backend.name == "sqlite" else []
    live, removed_only, report.rows = _needed(reg)
    root = evidence.store_root(reg.path)
    stored = _stored_files(root)
    total = sum(size for _, size in stored.values())
    done = 0
    for sha, (path, size) in sorted(stored.items()):
        if cancelled is not None and cancelled():
            raise RectDeskError("检查已取消")
        if sha not in live:
            (report.prunable if sha in removed_only else report.orphans).append(path)
            continue
        actual = evidence.hash_file(path)
        done += size
        report.files_checked += 1
        report.bytes_checked += size
        if progress:
            progress(done, total, path.name)
        if actual != sha:
            report.altered.append(FileIssue(sha, path, tuple(live[sha])))
    for sha in sorted(set(live) - set(stored)):
        report.missing.append(FileIssue(sha, evidence.blob_path(reg.path, sha), tuple(live[sha])))
    report.orphans += _stray_files(root, stored, temp_grace)
    if prune:
        _prune(reg, report)
    return report


def _needed(reg: Register) -> tuple[dict[str, list[str]], set[str], int]:
    """Hashes live rows name (with a label per row), hashes only removed rows name, row count."""
    live: dict[str, list[str]] = {}
    removed: set[str] = set()
    count = 0
    with reg.reading() as s:
        q = (select(Evidence.id, Evidence.sha256, Evidence.title, Evidence.removed_at,
                    Problem.position, Measure.position)
             .outerjoin(Measure, Measure.id == Evidence.measure_id)
             .outerjoin(Problem, Problem.id == func.coalesce(Evidence.problem_id, Measure.problem_id)))
        for eid, sha, title, removed_at, ppos, mpos in s.execute(q):
            count += 1
            if removed_at is not None:
                removed.add(sha)
                continue
            owner = f"措施 {ppos}.{mpos}" if mpos is not None else f"问题 {ppos}"
            live.setdefault(sha, []).append(f"{owner}《{title}》(id {eid})")
    return live, removed - set(live), count


def _stored_files(root: Path) -> dict[str, tuple[Path, int]]:
    """Files under their content name in the right sub-folder: sha -> (path, size)."""
    found: dict[str, tuple[Path, int]] = {}
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        if folder.name == evidence.TMP_DIR or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if (path.is_file() and evidence.SHA_NAME.fullmatch(path.name)
                    and path.name[:2] == folder.name):
                found[path.name] = (path, path.stat().st_size)
    return found


def _stray_files(root: Path, stored: dict[str, tuple[Path, int]], grace: float) -> list[Path]:
    """Anything else in the store: temporary files of interrupted attaches (older than `grace`
    seconds, so a running attach is left alone) and files under names we never give."""
    if not root.is_dir():
        return []
    known = {p for p, _ in stored.values()}
    cutoff = time.time() - grace
    stray = []
    for dirpath, _dirs, files in os.walk(root):
        for name in sorted(files):
            path = Path(dirpath, name)
            if path in known:
                continue
            is_temp = Path(dirpath) == root / evidence.TMP_DIR
            if not is_temp or path.stat().st_mtime <= cutoff:
                stray.append(path)
    return sorted(stray)


def _prune(reg: Register, report: CheckReport) -> None:
    """Delete orphans and files only removed rows need, holding the write lock."""
    if report.database or report.foreign_keys:
        raise RectDeskError("台账数据库有损坏，为安全起见不清理文件；请先从备份恢复")
    candidates = report.orphans + report.prunable
    if not candidates:
        return
    with reg.transaction() as s:
        needed = set(s.scalars(select(Evidence.sha256).where(Evidence.removed_at.is_(None))))
        for path in candidates:
            if path.name in needed:
                continue  # attached again since we looked
            evidence._make_writable(path)
            path.unlink(missing_ok=True)
            report.pruned.append(path)
        changelog.log(s, reg, "prune", "evidence_store", None, None, "files", "",
                      f"清理文件 {len(report.pruned)} 个")
    pruned = set(report.pruned)
    report.orphans = [p for p in report.orphans if p not in pruned]
    report.prunable = [p for p in report.prunable if p not in pruned]
