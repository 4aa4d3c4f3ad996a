"""rectdesk backup / backups / restore as a user types them."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from rectdesk.cli import main
from rectdesk.store import backup, lock, services
from rectdesk.store.register import Register


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _progress_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("select count(*) from progress").fetchone()[0]
    finally:
        con.close()


def test_backup_then_list(capsys, demo_path: Path) -> None:
    code, out, err = run(capsys, "backup", "--db", str(demo_path))
    assert code == 0, err
    assert out.startswith("已备份（已校验）：") and "KB" in out
    code, out, _ = run(capsys, "backups", "--db", str(demo_path))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and "手动备份" in lines[0] and lines[1] == "共 1 个备份"
    assert str(backup.list_backups(demo_path)[0].path) in lines[0]


def test_backup_to_a_chosen_file(capsys, demo_path: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "u盘" / "台账备份.rectdesk"
    out_file.parent.mkdir()
    code, out, err = run(capsys, "backup", "--db", str(demo_path), "--out", str(out_file))
    assert code == 0, err
    assert str(out_file) in out
    assert _progress_count(out_file) == _progress_count(demo_path)
    assert backup.list_backups(demo_path) == []  # not in the rotating folder


def test_backup_onto_the_register_itself_is_refused(capsys, demo_path: Path) -> None:
    before = demo_path.read_bytes()
    code, _, err = run(capsys, "backup", "--db", str(demo_path), "--out", str(demo_path))
    assert code == 2 and "不能是台账文件本身" in err
    assert demo_path.read_bytes() == before


def test_no_backups_yet(capsys, demo_path: Path) -> None:
    code, out, _ = run(capsys, "backups", "--db", str(demo_path))
    assert code == 0 and out.startswith("没有备份")


def test_restore_keeps_the_current_file(capsys, demo_path: Path) -> None:
    before = _progress_count(demo_path)
    saved = backup.backup_now(demo_path).path
    with Register.open(demo_path, operator="测试") as reg:
        with reg.reading() as s:
            mid = s.execute(__import__("sqlalchemy").text("select min(id) from measure")).scalar()
        services.record_progress(reg, mid, date(2024, 5, 1), "将被恢复覆盖")
    code, out, err = run(capsys, "restore", str(saved), "--db", str(demo_path))
    assert code == 0, err
    assert "恢复前的台账已保存为" in out and "demo.rectdesk.before-restore" in out
    assert _progress_count(demo_path) == before
    assert _progress_count(demo_path.with_name("demo.rectdesk.before-restore")) == before + 1


def test_restore_missing_backup_is_one_line(capsys, demo_path: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "restore", str(tmp_path / "nope.rectdesk"), "--db", str(demo_path))
    assert code == 2
    assert err.count("\n") == 1 and "备份文件不存在" in err


def test_backup_of_missing_register(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "backup", "--db", str(tmp_path / "x.rectdesk"))
    assert code == 2 and "台账文件不存在" in err


def test_damaged_register_tells_how_to_restore(capsys, demo_path: Path) -> None:
    newest = backup.backup_now(demo_path)
    with open(demo_path, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 32)
    lock.info_path(demo_path).write_text('{"host": "pc", "pid": 999999}', encoding="utf-8")
    code, _, err = run(capsys, "summary", "--db", str(demo_path))
    assert code == 2
    assert "台账文件已损坏" in err and f'rectdesk restore "{newest.path}"' in err
    assert demo_path.with_name("demo.rectdesk.damaged").exists()
    # the printed command works
    code, _, err = run(capsys, "restore", str(newest.path), "--db", str(demo_path))
    assert code == 0, err
    code, out, _ = run(capsys, "summary", "--db", str(demo_path))
    assert code == 0 and "问题 31 个" in out


def _summary(capsys, path: Path) -> str:
    code, out, err = run(capsys, "summary", "--db", str(path))
    assert code == 0, err
    return out.splitlines()[0]


def test_restore_from_the_register_itself_is_refused(capsys, demo_path: Path) -> None:
    before = _summary(capsys, demo_path)
    code, _, err = run(capsys, "restore", str(demo_path), "--db", str(demo_path))
    assert code == 2 and err.count("\n") == 1 and "就是当前台账本身" in err
    assert _summary(capsys, demo_path) == before
    assert not demo_path.with_name(demo_path.name + ".before-restore").exists()


def test_restore_of_a_newer_schema_is_refused(capsys, demo_path: Path) -> None:
    saved = backup.backup_now(demo_path).path
    con = sqlite3.connect(saved)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = _summary(capsys, demo_path)
    code, _, err = run(capsys, "restore", str(saved), "--db", str(demo_path))
    assert code == 2 and "更新版本的 RectDesk" in err
    assert _summary(capsys, demo_path) == before


def test_restore_of_another_register_needs_foreign(capsys, demo_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.rectdesk"
    with Register.open(other, operator="测试") as reg:
        services.create_campaign(reg, "另一个整改任务")
    before = _summary(capsys, demo_path)
    code, _, err = run(capsys, "restore", str(other), "--db", str(demo_path))
    assert code == 2 and "另一个台账" in err and "--foreign" in err
    assert _summary(capsys, demo_path) == before
    code, _, err = run(capsys, "restore", str(other), "--db", str(demo_path), "--foreign")
    assert code == 0, err
    assert _summary(capsys, demo_path).startswith("整改任务 1 个，问题 0 个")


def test_restore_into_a_set_aside_register_checks_the_damaged_copy(capsys, demo_path: Path,
                                                                   tmp_path: Path) -> None:
    saved = backup.backup_now(demo_path).path
    copy = tmp_path / "copy.rectdesk"
    backup.backup_file(saved, copy)  # outside the backup folder, same lineage
    demo_path.rename(demo_path.with_name(demo_path.name + ".damaged"))
    code, _, err = run(capsys, "restore", str(copy), "--db", str(demo_path))
    assert code == 0, err
