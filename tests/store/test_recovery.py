"""A register whose bytes were damaged is noticed on open, set aside, and a backup offered."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from rectdesk import paths
from rectdesk.core.errors import RegisterDamaged
from rectdesk.store import backup, lock, recovery
from rectdesk.store.recovery import RegisterDamagedError
from rectdesk.store.register import Register

PAGE = 4096


def _root_page(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("select rootpage from sqlite_master where name = ?", (table,)).fetchone()[0]
    finally:
        con.close()


def _backups(register: Path) -> tuple[Path, Path]:
    """An older and a newer good backup with known dates."""
    folder = paths.backup_dir(register)
    folder.mkdir(parents=True)
    older = folder / f"{register.stem}-20240301-090000-daily.rectdesk"
    newer = folder / f"{register.stem}-20240415-173005-close.rectdesk"
    backup.backup_file(register, older)
    backup.backup_file(register, newer)
    return older, newer


def _crash_marks(register: Path) -> None:
    """What a killed process leaves: its lock side file (the OS lock itself died with it)."""
    info = {"host": "办公室-PC", "pid": 999_999, "user": "甲", "since": "2024-04-16T08:00:00"}
    lock.info_path(register).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def _damage(path: Path, offset: int, length: int = 64) -> bytes:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(b"\xff" * length)
    return path.read_bytes()


POSITIONS = {
    "page size in the header": lambda p: 16,
    "first b-tree page header": lambda p: 100,
    "root of the problem table": lambda p: (_root_page(p, "problem") - 1) * PAGE,
    "root of the measure table": lambda p: (_root_page(p, "measure") - 1) * PAGE,
    "root of the change log": lambda p: (_root_page(p, "change_log") - 1) * PAGE,
}


@pytest.mark.parametrize("where", list(POSITIONS))
def test_damage_after_crash_is_detected_set_aside_and_backup_offered(demo_path: Path, where: str) -> None:
    _older, newer = _backups(demo_path)
    damaged_bytes = _damage(demo_path, POSITIONS[where](demo_path))
    _crash_marks(demo_path)
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(demo_path)
    err = caught.value
    assert isinstance(err, RegisterDamaged)
    assert not demo_path.exists()
    assert err.damaged_path == demo_path.with_name("demo.rectdesk.damaged")
    assert err.damaged_path.read_bytes() == damaged_bytes  # kept as it was, for rescue
    assert err.backup is not None and err.backup.path == newer
    message = str(err)
    assert "台账文件已损坏" in message and "demo.rectdesk.damaged" in message
    assert "2024年4月15日 17:30:05" in message
    assert "2024年4月15日 17:30 之后录入或导入的内容" in message
    assert f'rectdesk restore "{newer}"' in message
    assert not lock.held_in_process(demo_path)
    # the offered backup restores to a register that opens
    backup.restore(err.backup.path, demo_path)
    with Register.open(demo_path) as reg:
        assert reg.register_id


@pytest.mark.parametrize("where", ["page size in the header", "first b-tree page header"])
def test_damage_found_while_opening_even_after_a_clean_close(demo_path: Path, where: str) -> None:
    _backups(demo_path)
    _damage(demo_path, POSITIONS[where](demo_path))
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(demo_path)
    assert caught.value.damaged_path.exists() and not demo_path.exists()


def test_newest_backup_that_is_itself_damaged_is_skipped(demo_path: Path) -> None:
    older, newer = _backups(demo_path)
    _damage(newer, 100)
    _damage(demo_path, 100)
    _crash_marks(demo_path)
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(demo_path)
    assert caught.value.backup is not None and caught.value.backup.path == older
    assert "2024年3月1日 09:00:00" in str(caught.value)


def test_no_backup_says_so(demo_path: Path) -> None:
    _damage(demo_path, 100)
    _crash_marks(demo_path)
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(demo_path)
    assert caught.value.backup is None
    assert "没有找到可用的备份" in str(caught.value)


def test_an_earlier_damaged_copy_is_not_overwritten(demo_path: Path) -> None:
    earlier = demo_path.with_name("demo.rectdesk.damaged")
    earlier.write_bytes(b"earlier")
    _damage(demo_path, 100)
    _crash_marks(demo_path)
    with pytest.raises(RegisterDamagedError) as caught:
        Register.open(demo_path)
    assert earlier.read_bytes() == b"earlier"
    assert caught.value.damaged_path.name.endswith(".damaged")
    assert caught.value.damaged_path != earlier


def test_unclean_shutdown_of_a_sound_register_opens_normally(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    _crash_marks(demo_path)
    with Register.open(demo_path) as reg:
        assert reg.register_id
    assert demo_path.read_bytes() == before
    assert not demo_path.with_name("demo.rectdesk.damaged").exists()


def test_wal_left_behind_counts_as_unclean(demo_path: Path) -> None:
    wal = demo_path.with_name("demo.rectdesk-wal")
    assert not recovery.unclean_shutdown(demo_path, None)
    wal.write_bytes(b"")
    assert not recovery.unclean_shutdown(demo_path, None)  # an empty one is what a clean close leaves
    wal.write_bytes(b"x" * 32)
    assert recovery.unclean_shutdown(demo_path, None)


def test_missing_since_names_the_backup_time() -> None:
    text = recovery.missing_since(datetime(2024, 1, 9, 8, 5))
    assert text.startswith("用它恢复后，2024年1月9日 08:05 之后录入或导入的内容")


def test_closed_cleanly_only_while_the_file_is_as_its_clean_close_left_it(demo_path: Path) -> None:
    import os

    from rectdesk.store import marker

    assert not marker.closed_cleanly(demo_path)  # a copy: no marker yet
    Register.open(demo_path).close()
    assert marker.closed_cleanly(demo_path)
    with Register.open(demo_path):
        assert not marker.closed_cleanly(demo_path)  # in use: the marker is gone
    assert marker.closed_cleanly(demo_path)
    st = demo_path.stat()
    os.utime(demo_path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # touched since
    assert not marker.closed_cleanly(demo_path)
