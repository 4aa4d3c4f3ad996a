"""`check`: the database, its foreign keys and every evidence file, and pruning."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from rectdesk.core.errors import RectDeskError
from rectdesk.store.check import check
from rectdesk.store.evidence import attach_files, blob_path, remove_evidence, store_root
from rectdesk.store.models import ChangeLog
from rectdesk.store.register import Register


def _attach(reg, tmp_path: Path, name: str, data: bytes, measure_id: int = 1) -> tuple[int, Path]:
    src = tmp_path / name
    src.write_bytes(data)
    eid = attach_files(reg, [src], measure_id=measure_id).added[0]
    return eid, blob_path(reg.path, hashlib.sha256(data).hexdigest())


def _writable(path: Path) -> Path:
    os.chmod(path, 0o644)
    return path


def test_clean_register_passes(demo_register, tmp_path):
    _attach(demo_register, tmp_path, "a.txt", b"a" * 1000)
    _attach(demo_register, tmp_path, "b.txt", b"b" * 2000, measure_id=2)
    report = check(demo_register)
    assert report.ok and not report.damaged
    assert (report.files_checked, report.bytes_checked, report.rows) == (2, 3000, 2)
    assert report.lines()[-1] == "结论：正常"


def test_deleted_modified_and_orphan_files_are_each_reported(demo_register, tmp_path):
    gone_id, gone = _attach(demo_register, tmp_path, "会议纪要.txt", b"minutes")
    _, changed = _attach(demo_register, tmp_path, "照片.jpg", b"photo", measure_id=2)
    _, fine = _attach(demo_register, tmp_path, "fine.txt", b"fine", measure_id=3)
    _writable(gone).unlink()
    _writable(changed).write_bytes(b"photoshopped")
    orphan = store_root(demo_register.path) / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"nobody's")
    stray = store_root(demo_register.path) / "notes.txt"
    stray.write_text("someone put this here")

    report = check(demo_register)
    assert report.damaged and not report.ok
    assert [m.path for m in report.missing] == [gone]
    assert "会议纪要" in report.missing[0].rows[0] and f"id {gone_id}" in report.missing[0].rows[0]
    assert report.missing[0].rows[0].startswith("措施 1.1")
    assert [a.path for a in report.altered] == [changed]
    assert sorted(report.orphans) == sorted([orphan, stray])
    text = "\n".join(report.lines())
    assert "文件缺失" in text and "文件已被改动" in text and "多余文件" in text
    assert fine.exists()


def test_prune_removes_orphans_and_files_only_removed_rows_name(demo_register, tmp_path):
    live_id, live = _attach(demo_register, tmp_path, "live.txt", b"live")
    gone_id, removed = _attach(demo_register, tmp_path, "old.txt", b"old", measure_id=2)
    shared_id, shared = _attach(demo_register, tmp_path, "shared.txt", b"shared", measure_id=3)
    _attach(demo_register, tmp_path, "shared.txt", b"shared", measure_id=4)  # same file, 2 rows
    remove_evidence(demo_register, gone_id)
    remove_evidence(demo_register, shared_id)
    leftover = store_root(demo_register.path) / "tmp" / "123-abc.part"
    leftover.write_bytes(b"half a file")
    orphan = store_root(demo_register.path) / "cd" / ("cd" + "1" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"orphan")

    young = check(demo_register)  # a fresh temporary file may belong to a running attach
    assert young.orphans == [orphan] and young.prunable == [removed] and young.ok is False

    report = check(demo_register, prune=True, temp_grace=0)
    assert sorted(report.pruned) == sorted([orphan, removed, leftover])
    assert report.ok
    assert live.exists() and shared.exists() and not removed.exists() and not orphan.exists()
    assert not leftover.exists()
    with demo_register.reading() as s:
        assert s.scalar(select(ChangeLog.new_value).where(ChangeLog.action == "prune")) == "清理文件 3 个"
    assert check(demo_register).ok


def test_check_by_path_and_damaged_database(demo_path, tmp_path):
    with Register.open(demo_path, operator="测试员") as reg:
        _attach(reg, tmp_path, "a.txt", b"a")
    assert check(demo_path, full=True).ok
    damaged = tmp_path / "damaged.rectdesk"
    data = bytearray(demo_path.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096 * 2):  # scribble over b-tree pages
        data[offset:offset + 200] = b"\xff" * 200
    damaged.write_bytes(bytes(data))
    report = check(damaged)
    assert report.damaged and report.database
    assert "数据库快速检查（quick_check）" in report.lines()[1] and "正常" not in report.lines()[1]
    with pytest.raises(RectDeskError, match="不存在"):
        check(tmp_path / "absent.rectdesk")
