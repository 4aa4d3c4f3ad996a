"""Automatic backups: when they are made, what they hold, how they are listed and rotated."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rectdesk import paths
from rectdesk.core.errors import RectDeskError
from rectdesk.store import backup, services, sqlite
from rectdesk.store.backup import BackupInfo, BackupPolicy
from rectdesk.store.register import Register


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def _first_measure(reg: Register) -> int:
    with reg.reading() as s:
        return s.execute(__import__("sqlalchemy").text("select min(id) from measure")).scalar()


def test_backup_now_is_a_verified_copy_listed_with_date_and_size(demo_path: Path) -> None:
    info = backup.backup_now(demo_path)
    assert info.path.parent == paths.backup_dir(demo_path)
    assert sqlite.quick_check(info.path) == []
    assert sqlite.table_counts(info.path) == sqlite.table_counts(demo_path)
    listed = backup.list_backups(demo_path)
    assert [b.path for b in listed] == [info.path]
    assert listed[0].size == info.path.stat().st_size > 0
    assert listed[0].reason_label == "手动备份"
    assert listed[0].when_label.startswith(f"{info.when.year}年{info.when.month}月{info.when.day}日")
    assert "KB" in listed[0].size_label


def test_two_backups_in_one_second_both_kept(demo_path: Path) -> None:
    a = backup.backup_now(demo_path)
    b = backup.backup_now(demo_path)
    assert a.path != b.path and a.path.exists() and b.path.exists()
    assert len(backup.list_backups(demo_path)) == 2


def test_first_commit_of_the_day_backs_up_and_holds_the_commit(demo_path: Path) -> None:
    with Register.open(demo_path, operator="测试") as reg:
        mid = _first_measure(reg)
        services.record_progress(reg, mid, date(2024, 5, 1), "第一条进展")
        daily = backup.list_backups(demo_path)
        assert [b.reason for b in daily] == ["daily"]
        services.record_progress(reg, mid, date(2024, 5, 2), "第二条进展")
        assert len(backup.list_backups(demo_path)) == 1  # at most daily
    assert _count(daily[0].path, "progress") == _count(demo_path, "progress") - 1
    reasons = [b.reason for b in backup.list_backups(demo_path)]
    assert reasons == ["close", "daily"]  # closing after a write backs up again
    newest = backup.list_backups(demo_path)[0]
    assert _count(newest.path, "progress") == _count(demo_path, "progress")


def test_closing_after_a_write_leaves_no_connection_open(demo_path: Path) -> None:
    """The backup on close reads its policy through the engine; that connection must close
    with the register, not at some later garbage collection (which then removed -wal/-shm
    under another process's feet, and on Windows keeps the file from being replaced)."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()  # a leaked connection is in a reference cycle: only the collector closes it
    try:
        with Register.open(demo_path, operator="测试") as reg:
            mid = _first_measure(reg)
            services.record_progress(reg, mid, date(2024, 5, 1), "进展")  # the daily backup
            services.record_progress(reg, mid, date(2024, 5, 2), "又一条")  # one on close
        assert "close" in [b.reason for b in backup.list_backups(demo_path)]
        side = [demo_path.with_name(demo_path.name + s) for s in ("-wal", "-shm")]
        assert not any(p.exists() for p in side)  # the last connection closed: WAL folded in
        assert sqlite.quick_check(demo_path) == []
    finally:
        if was_enabled:
            gc.enable()


def test_closing_without_writing_makes_no_backup(demo_path: Path) -> None:
    with Register.open(demo_path) as reg:
        _first_measure(reg)
    assert backup.list_backups(demo_path) == []


def test_backup_before_import(demo_path: Path) -> None:
    from rectdesk.exchange.demo import demo_campaign

    with Register.open(demo_path, operator="测试") as reg:
        info = backup.backup_before(reg, "import")
        services.import_campaign(reg, demo_campaign())
    assert info.reason_label == "导入前备份"
    assert _count(info.path, "campaign") == 1 and _count(demo_path, "campaign") == 2


def test_failed_automatic_backup_does_not_fail_the_commit(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise RectDeskError("磁盘已满")

    monkeypatch.setattr(backup, "backup_file", broken)
    with Register.open(demo_path, operator="测试") as reg:
        services.record_progress(reg, _first_measure(reg), date(2024, 5, 1), "进展")
        assert any("自动备份失败" in w for w in reg.warnings)
    assert _count(demo_path, "progress") >= 1


def test_backup_of_missing_register_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RectDeskError, match="台账文件不存在"):
        backup.backup_now(tmp_path / "none.rectdesk")


def test_policy_comes_from_register_settings(demo_path: Path) -> None:
    with Register.open(demo_path) as reg:
        assert BackupPolicy.of(reg) == BackupPolicy(10, 8, 12)
        reg.set_setting("backup_keep_last", "3")
        reg.set_setting("backup_weeks", "2")
        reg.set_setting("backup_months", "x")
        assert BackupPolicy.of(reg) == BackupPolicy(3, 2, 12)


# -- rotation -----------------------------------------------------------------------------------
def _fake(when: datetime, reason: str = "daily") -> BackupInfo:
    return BackupInfo(Path(f"r-{when:%Y%m%d-%H%M%S}-{reason}.rectdesk"), when, 1, reason)


def test_rotation_keeps_last_ten_weekly_and_monthly() -> None:
    now = datetime(2024, 6, 30, 18, 0)
    backups = [_fake(now - timedelta(hours=12 * i)) for i in range(2 * 400)]  # twice a day, 400 days
    keep = backup.to_keep(backups, BackupPolicy(), now)
    kept = sorted((b for b in backups if b.path in keep), key=lambda b: b.when, reverse=True)
    assert kept[:10] == backups[:10]
    older = kept[10:]
    weeks = {b.when.isocalendar()[:2] for b in older if (now - b.when).days < 56}
    assert len(weeks) >= 7  # one per week for 8 weeks (the newest week is among the last ten)
    months = {(b.when.year, b.when.month) for b in kept}
    assert months == {(2024, m) for m in range(1, 7)} | {(2023, m) for m in range(7, 13)}
    assert min(b.when for b in kept) >= datetime(2023, 7, 1)
    assert len(kept) <= 10 + 8 + 12


def test_rotation_never_drops_migration_backups() -> None:
    now = datetime(2024, 6, 30)
    old = _fake(now - timedelta(days=900), "migration")
    backups = [_fake(now - timedelta(hours=i)) for i in range(30)] + [old]
    assert old.path in backup.to_keep(backups, BackupPolicy(keep_last=1, weeks=0, months=0), now)


def _stamped(register: Path, when: datetime, good: bool = True) -> Path:
    folder = paths.backup_dir(register)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{register.stem}-{when:%Y%m%d-%H%M%S}-daily.rectdesk"
    if good:
        backup.backup_file(register, target)
    else:
        target.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    return target


def test_rotate_deletes_files_outside_policy(demo_path: Path) -> None:
    now = datetime(2024, 6, 30, 12)
    files = [_stamped(demo_path, now - timedelta(days=i)) for i in range(5)]
    deleted = backup.rotate(demo_path, BackupPolicy(keep_last=2, weeks=0, months=0), now)
    assert sorted(deleted) == sorted(files[2:])
    assert [b.path for b in backup.list_backups(demo_path)] == files[:2]


def test_rotate_never_deletes_the_last_good_backup(demo_path: Path) -> None:
    now = datetime(2024, 6, 30, 12)
    good = _stamped(demo_path, now - timedelta(days=800))
    bad = [_stamped(demo_path, now - timedelta(hours=i), good=False) for i in range(3)]
    backup.rotate(demo_path, BackupPolicy(keep_last=2, weeks=1, months=1), now)
    assert good.exists()
    assert bad[0].exists() and bad[1].exists() and not bad[2].exists()
    assert backup.newest_good_backup(demo_path).path == good


def test_listing_ignores_other_files(demo_path: Path) -> None:
    folder = paths.backup_dir(demo_path)
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("x")
    (folder / "demo-20240101-120000-daily.rectdesk.part").write_text("x")
    (folder / "something.rectdesk").write_text("x")
    migration = folder / "demo-before-migration-0001-20240102-080000.rectdesk"
    migration.write_text("x")
    forms = folder / "demo-20240103-080000-2-form-import.rectdesk"
    forms.write_text("x")
    listed = backup.list_backups(demo_path)
    assert [(b.path, b.reason, b.when) for b in listed] == [
        (forms, "form-import", datetime(2024, 1, 3, 8)), (migration, "migration", datetime(2024, 1, 2, 8))]
    assert [b.reason_label for b in listed] == ["导入反馈表前备份", "升级前备份"]


# -- restore ------------------------------------------------------------------------------------
def test_restore_brings_back_the_backup_and_keeps_current_file(demo_path: Path) -> None:
    before = _count(demo_path, "progress")
    saved = backup.backup_now(demo_path)
    with Register.open(demo_path, operator="测试") as reg:
        services.record_progress(reg, _first_measure(reg), date(2024, 5, 1), "恢复后应消失的进展")
    kept = backup.restore(saved.path, demo_path)
    assert kept == demo_path.with_name("demo.rectdesk.before-restore")
    assert _count(demo_path, "progress") == before
    assert _count(kept, "progress") == before + 1
    with Register.open(demo_path) as reg:  # the restored file opens normally
        assert reg.register_id


def test_second_restore_keeps_the_first_before_restore_copy(demo_path: Path) -> None:
    saved = backup.backup_now(demo_path)
    backup.restore(saved.path, demo_path)
    backup.restore(saved.path, demo_path)
    copies = [p for p in demo_path.parent.iterdir() if ".before-restore" in p.name]
    assert len(copies) == 2


def test_restore_refuses_a_damaged_backup_and_leaves_register_alone(demo_path: Path) -> None:
    bad = _stamped(demo_path, datetime(2024, 1, 1), good=False)
    original = demo_path.read_bytes()
    with pytest.raises(RectDeskError, match="备份文件已损坏"):
        backup.restore(bad, demo_path)
    assert demo_path.read_bytes() == original


def test_restore_refuses_while_register_is_open_here(demo_path: Path) -> None:
    saved = backup.backup_now(demo_path)
    with Register.open(demo_path), pytest.raises(RectDeskError, match="请先关闭台账"):
        backup.restore(saved.path, demo_path)


def test_restore_into_missing_register(demo_path: Path, tmp_path: Path) -> None:
    saved = backup.backup_now(demo_path)
    target = tmp_path / "new" / "x.rectdesk"
    target.parent.mkdir()
    assert backup.restore(saved.path, target) is None
    assert sqlite.table_counts(target) == sqlite.table_counts(demo_path)


def test_restore_refuses_a_file_that_is_not_a_register(demo_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"  # a sound SQLite file, but someone else's
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    text = tmp_path / "notes.rectdesk"
    text.write_text("这不是数据库", encoding="utf-8")
    before = demo_path.read_bytes()
    with pytest.raises(RectDeskError, match="缺少台账数据表"):
        backup.restore(other, demo_path)
    with pytest.raises(RectDeskError, match="不是 SQLite 数据库"):
        backup.restore(text, demo_path)
    assert demo_path.read_bytes() == before
    assert not backup.before_restore_path(demo_path).exists()
