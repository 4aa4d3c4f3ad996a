"""A register damaged while it was closed is noticed before any command writes (issue 16).

The demo register is closed cleanly (which leaves the clean-close marker), then one page is
overwritten with random bytes at 20 positions spread over the file. Every command, reading or
writing, must refuse with one line naming the damage and the way back, never a traceback, and
leave the damaged bytes exactly as they were (set aside as .damaged), with nothing stored in the
evidence folder and no export written.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from rectdesk.cli import main
from rectdesk.store import evidence, marker
from rectdesk.store.register import Register

PAGE = 4096
POSITIONS = 20


def _page_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA page_count").fetchone()[0])
    finally:
        con.close()


@pytest.fixture(scope="module")
def closed_demo(tmp_path_factory, demo_template) -> tuple[bytes, bytes, int]:
    """The demo's bytes and marker after a clean close, and its page count."""
    import shutil

    path = tmp_path_factory.mktemp("closed") / "demo.rectdesk"
    shutil.copy2(demo_template, path)
    Register.open(path).close()
    assert marker.read_marker(path) is not None
    return path.read_bytes(), marker.marker_path(path).read_bytes(), _page_count(path)


def _pages(count: int) -> list[int]:
    return sorted({round(i * (count - 1) / (POSITIONS - 1)) for i in range(POSITIONS)})


def test_positions_cover_the_file(closed_demo) -> None:
    assert len(_pages(closed_demo[2])) == POSITIONS


COMMANDS = {
    "summary": ["summary"],
    "export-ledger": ["export-ledger", "--out", "{out}/台账.xlsx"],
    "attach": ["attach", "--measure", "1.1", "{out}/材料.pdf"],
    "extension": ["extension", "request", "--measure", "2.1", "--new-date", "2031-12-31",
                  "--reason", "设备采购"],
    "sign-off": ["sign-off", "--problem", "1", "--approver", "局长"],
}


@pytest.mark.parametrize("marked", [True, False], ids=["clean-close-marker", "no-marker"])
@pytest.mark.parametrize("index", range(POSITIONS))
def test_damage_is_found_before_any_write(capsys, tmp_path: Path, closed_demo, index: int,
                                          marked: bool) -> None:
    """With the marker the changed hash leads to integrity_check; without it (a register last
    closed by an older version, or copied) quick_check runs."""
    clean, closed, count = closed_demo
    page = _pages(count)[index]
    damaged = bytearray(clean)
    damaged[page * PAGE:(page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "材料.pdf").write_bytes(b"%PDF-1.4 evidence")
    for name, argv in COMMANDS.items():
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "demo.rectdesk"
        path.write_bytes(damaged)
        if marked:
            marker.marker_path(path).write_bytes(closed)
        args = [a.replace("{out}", str(out)) for a in argv]
        code = main([*args, "--db", str(path)])
        _, err = capsys.readouterr()
        assert code == 2, f"page {page}, {name}: exit {code}"
        assert err.count("\n") == 1 and "Traceback" not in err, err
        if page == 0 and not marked:  # no SQLite header and nothing says it was ours
            assert "不是 SQLite 数据库" in err
            kept = [path]
        else:
            assert "台账文件已损坏" in err, f"page {page}, {name}: {err}"
            kept = [p for p in folder.iterdir() if p.name.endswith("damaged")]
            assert not path.exists()
        assert [p.read_bytes() == bytes(damaged) for p in kept] == [True], f"page {page}, {name}"
        assert not (out / "台账.xlsx").exists()
        store = evidence.store_root(path)
        assert not store.exists() or not any(p.is_file() for p in store.rglob("*"))


def test_damage_met_while_open_stops_writes_and_the_close_backup(tmp_path: Path, closed_demo) -> None:
    from rectdesk.core.errors import RegisterDamaged
    from rectdesk.store import backup, services

    path = tmp_path / "demo.rectdesk"
    path.write_bytes(closed_demo[0])
    reg = Register.open(path, operator="测试")
    with reg.reading() as s:
        mid = s.execute(__import__("sqlalchemy").text("select min(id) from measure")).scalar()
    services.record_progress(reg, mid, "2024-05-01", "已写入")  # a commit: close would back up
    reg.engine.dispose()  # the page cache goes with the connections
    con = sqlite3.connect(path)
    root = con.execute("select rootpage from sqlite_master where name = 'measure'").fetchone()[0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * PAGE)
        fh.write(random.Random(1).randbytes(PAGE))
    before = path.read_bytes()
    with pytest.raises(RegisterDamaged, match="台账文件已损坏.*rectdesk restore"):
        services.record_progress(reg, mid, "2024-05-02", "不应写入")
    with pytest.raises(RegisterDamaged):
        services.add_problem(reg, 1, "不应写入")
    backups = len(backup.list_backups(path))
    reg.close()
    assert len(backup.list_backups(path)) == backups  # no backup of a damaged file
    assert path.read_bytes() == before and not marker.marker_path(path).exists()
