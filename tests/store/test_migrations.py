"""Every released schema version opens, upgrades and loses nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from rectdesk import paths
from rectdesk.core.errors import RectDeskError, SchemaTooNew
from rectdesk.store import queries
from rectdesk.store.register import Register, current_revision, head_revision

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "schema").glob("*.rectdesk"))


def counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts%' AND name != 'alembic_version'")]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def test_there_is_a_fixture_for_the_current_head():
    assert head_revision() in {f.stem for f in FIXTURES}, (
        "run tests/fixtures/schema/make_fixture.py after adding a migration")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_old_register_upgrades_without_loss(fixture: Path, tmp_path: Path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = counts(path)
    assert before["problem"] == 31
    with Register.open(path) as reg:
        assert current_revision(reg.engine) == head_revision()
        after = counts(path)
        assert {k: after[k] for k in before} == before
        data = queries.load_campaign(reg, 1)
        assert data.problems[6].title == "市控入江支流治理成效不明显"
        assert data.measure_count() == before["measure"]
    backups = list(paths.backup_dir(path).glob("*.rectdesk"))
    if fixture.stem != head_revision():
        assert len(backups) == 1 and counts(backups[0]) == before  # backed up before migrating
    else:
        assert backups == []  # nothing to migrate, nothing to back up


def test_register_from_a_newer_version_is_refused(tmp_path: Path, demo_path: Path):
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNew, match="更新版本"):
        Register.open(demo_path)


def test_a_file_that_is_not_a_register_is_refused(tmp_path: Path):
    bogus = tmp_path / "notes.rectdesk"
    bogus.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(RectDeskError, match="不是 RectDesk 台账文件"):
        Register.open(bogus)
    assert bogus.read_text(encoding="utf-8") == "这不是数据库"


def test_register_file_settings(demo_path: Path):
    with Register.open(demo_path) as reg:
        with reg.engine.connect() as conn:
            pragmas = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                       for p in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 10000}


def test_transaction_begins_before_the_first_read(demo_path: Path):
    """A write transaction holds the write lock from its start: a second writer must wait."""
    with Register.open(demo_path) as reg:
        with reg.transaction() as s:
            s.execute(queries.select(queries.Campaign.id)).all()  # a read only
            other = sqlite3.connect(demo_path, timeout=0.1)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()


def test_revision_numbering_matches_alembic():
    """register.py reads the head from file names; Alembic must agree and history be linear."""
    from alembic.script import ScriptDirectory

    from rectdesk.store.register import MIGRATIONS_DIR, known_revisions

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    assert script.get_current_head() == head_revision()
    revisions = {r.revision for r in script.walk_revisions()}
    assert revisions == known_revisions()
    for rev in script.walk_revisions():
        assert rev.down_revision is None or isinstance(rev.down_revision, str)  # no merges
