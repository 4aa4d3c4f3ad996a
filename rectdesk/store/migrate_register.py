"""Moving a register between a file and a PostgreSQL server, either way (issue 12).

    report = migrate_register("office.rectdesk", "postgresql://user@host/rectdesk")
    report = migrate_register("postgresql://user@host/rectdesk", "back.rectdesk")

The target is created (a new file) or must be an empty register (a server database). All or
nothing: first the evidence files are copied into the target's evidence store, each hashed as it
is copied and given its name only when the bytes hash to it (an altered source file stops the
move before any row is written); then every table is copied row by row with its ids in one
transaction, and each table's row count and a digest of its rows are compared with the source's
inside that transaction, before it commits. Any failure rolls the rows back, removes the
evidence files this move added and, for a new file, the file itself, so a retry starts clean.
The source is only read.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select

from rectdesk.core.errors import RectDeskError
from rectdesk.store import evidence
from rectdesk.store.backends import is_server_url
from rectdesk.store.models import Base, Evidence
from rectdesk.store.register import Register

CHUNK = 2000
KEPT_SETTINGS = {"evidence_folder"}  # where this target keeps its files, not the source's


@dataclass
class MoveReport:
    source: str
    target: str
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0
    missing: list[str] = field(default_factory=list)  # hashes the source itself lacks

    def summary(self) -> str:
        rows = sum(self.counts.values())
        text = (f"已迁移台账：{self.source} -> {self.target}（{len(self.counts)} 个表，{rows} 行，"
                f"佐证材料文件 {self.files} 个，{self.bytes} 字节；行数、内容摘要与文件哈希均已核对一致）")
        if self.missing:
            text += f"；源台账缺少 {len(self.missing)} 个佐证文件，未能复制"
        return text


def _label(target: Path | str) -> str:
    if is_server_url(target):
        from rectdesk.store.postgres import safe_url

        return safe_url(str(target))
    return str(target)


def migrate_register(source: Path | str, target: Path | str) -> MoveReport:
    new_file = not is_server_url(target)
    if new_file and Path(target).exists():
        raise RectDeskError("目标台账文件已存在，请指定一个新文件", file=str(target))
    src = Register.open(source, create=False)
    added: list[Path] = []  # evidence files this move created: removed again on failure
    dst: Register | None = None
    try:
        dst = Register.open(target)
        report = MoveReport(_label(source), _label(target))
        _refuse_non_empty(dst, target)
        _copy_evidence(src, dst, report, added)
        with src.engine.connect() as sc, dst.engine.begin() as dc:
            for table in _tables():
                report.counts[table.name] = _copy_table(sc, dc, table)
            if dc.dialect.name == "postgresql":
                from rectdesk.store.postgres import reset_sequences

                reset_sequences(dc)
            _verify(sc, dc)  # before the commit: a difference rolls every row back
        if dst.engine.dialect.name == "postgresql":
            with dst.engine.begin() as dc:
                dc.exec_driver_sql("ANALYZE")  # planner statistics for the bulk-loaded rows
        return report
    except BaseException:
        _undo(dst, Path(target) if new_file else None, added)
        dst = None
        raise
    finally:
        if dst is not None:
            dst.close()
        src.close()


def _undo(dst: Register | None, new_file: Path | None, added: list[Path]) -> None:
    """Leave the target as it was: no evidence file of ours, no new register file."""
    if dst is not None:
        dst.close()
    for path in added:
        path.unlink(missing_ok=True)
    if new_file is None:
        return
    for suffix in ("", "-wal", "-shm", ".closed", ".lock", ".lock.info"):
        new_file.with_name(new_file.name + suffix).unlink(missing_ok=True)
    root = evidence.store_root(new_file)
    if root.is_dir() and not any(p.is_file() for p in root.rglob("*")):
        shutil.rmtree(root, ignore_errors=True)


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]


def _refuse_non_empty(dst: Register, target: Path | str) -> None:
    with dst.engine.connect() as conn:
        for table in _tables():
            if table.name != "setting" and conn.scalar(select(func.count()).select_from(table)):
                raise RectDeskError(f"目标台账不是空的（表 {table.name} 已有数据），未迁移",
                                    file=_label(target))


def _ordered(table: Table) -> Any:
    return select(table).order_by(*table.primary_key.columns)


def _copy_table(sc: Connection, dc: Connection, table: Table) -> int:
    if table.name == "setting":
        dc.execute(delete(table).where(table.c.key.not_in(KEPT_SETTINGS)))
    count = 0
    result = sc.execution_options(yield_per=CHUNK).execute(_ordered(table))
    for rows in result.partitions(CHUNK):
        batch = [dict(r._mapping) for r in rows]
        if table.name == "setting":
            batch = [r for r in batch if r["key"] not in KEPT_SETTINGS]
        if batch:
            dc.execute(table.insert(), batch)
        count += len(rows)
    return count


def _copy_evidence(src: Register, dst: Register, report: MoveReport, added: list[Path]) -> None:
    with src.reading() as s:
        hashes = sorted(set(s.scalars(select(Evidence.sha256))))
    for sha in hashes:
        source = evidence.blob_path(src.path, sha)
        target = evidence.blob_path(dst.path, sha)
        if not source.exists():
            report.missing.append(sha)
            continue
        if not (target.exists() and _sha256(target) == sha):
            _copy_verified(source, target, sha)
            added.append(target)
        report.files += 1
        report.bytes += target.stat().st_size


def _copy_verified(source: Path, target: Path, sha: str) -> None:
    """Copy under a temporary name, hashing the bytes as they are copied; the file gets its
    name (its hash) only when they match, so altered bytes are never stored as genuine."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.part")
    h = hashlib.sha256()
    try:
        with open(source, "rb") as fin, open(tmp, "wb") as fout:
            while block := fin.read(1 << 20):
                h.update(block)
                fout.write(block)
            fout.flush()
            os.fsync(fout.fileno())
        if h.hexdigest() != sha:
            raise RectDeskError(f"源台账的佐证文件已被改动（内容与登记的哈希 {sha[:12]}… 不符），"
                                "迁移未进行，目标未写入任何内容：请先运行 rectdesk check 查明", file=str(source))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def table_digest(conn: Connection, table: Table) -> tuple[int, str]:
    """Row count and a digest of every row's values (settings kept by the target excluded)."""
    h = hashlib.sha256()
    count = 0
    for row in conn.execute(_ordered(table)):
        if table.name == "setting" and row[0] in KEPT_SETTINGS:
            continue
        h.update(repr(tuple(_plain(v) for v in row)).encode("utf-8"))
        count += 1
    return count, h.hexdigest()


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") and not isinstance(value, (int, str)) else value


def _verify(sc: Connection, dc: Connection) -> None:
    for table in _tables():
        a, b = table_digest(sc, table), table_digest(dc, table)
        if a != b:
            raise RectDeskError(f"迁移校验失败：表 {table.name} 源 {a[0]} 行，目标 {b[0]} 行"
                                + ("，内容不一致" if a[0] == b[0] else "") + "；目标未写入任何内容")
