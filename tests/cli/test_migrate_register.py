"""rectdesk migrate-register: the demo (with evidence) to PostgreSQL and back, nothing lost.

The server leg runs when RECTDESK_TEST_PG_URL names a test server (CI starts one); the
file-to-file leg always runs, so the command and its verification are tested everywhere."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from rectdesk.cli import main
from rectdesk.store import evidence, queries
from rectdesk.store.migrate_register import _tables, table_digest
from rectdesk.store.register import Register

PG_URL = os.environ.get("RECTDESK_TEST_PG_URL", "")


@pytest.fixture
def server_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    import psycopg

    monkeypatch.delenv("RECTDESK_EVIDENCE_FOLDER", raising=False)
    name = f"rdt_cli_{uuid.uuid4().hex[:10]}"
    admin = make_url(PG_URL)
    with psycopg.connect(admin.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo_with_evidence(demo_path: Path, tmp_path: Path) -> Path:
    photo = tmp_path / "整改前后对比.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(70_000))
    with Register.open(demo_path, operator="测试员") as reg:
        evidence.attach_files(reg, [photo], problem_id=1, title="整改前后对比照片")
    return demo_path


def digests(target: Path | str) -> dict[str, tuple[int, str]]:
    with Register.open(target, create=False) as reg, reg.engine.connect() as conn:
        return {t.name: table_digest(conn, t) for t in _tables()}


def evidence_ok(target: Path | str) -> list[str]:
    with Register.open(target, create=False) as reg:
        rows = evidence.list_evidence(reg, problem_id=1)
        return [r.title for r in rows if evidence.blob_path(reg.path, r.sha256).is_file()
                and evidence.hash_file(evidence.blob_path(reg.path, r.sha256)) == r.sha256]


def run(capsys, *argv: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_file_to_file_copies_rows_and_evidence(capsys, demo_with_evidence: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    copy = tmp_path / "copy.rectdesk"
    code, out = run(capsys, "migrate-register", "--from", str(demo_with_evidence), "--to", str(copy))
    assert code == 0, out
    assert "核对一致" in out and "佐证材料文件 1 个" in out
    assert digests(copy) == digests(demo_with_evidence)
    assert evidence_ok(copy) == ["整改前后对比照片"]
    code, out = run(capsys, "migrate-register", "--from", str(demo_with_evidence), "--to", str(copy))
    assert code == 2 and "已存在" in out  # never overwrites


def _server_leg(capsys, source: Path, url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    share = tmp_path / "share"
    code, out = run(capsys, "migrate-register", "--from", str(source), "--to", url,
                    "--evidence-folder", str(share))
    assert code == 0, out
    assert digests(url) == digests(source)
    assert evidence_ok(url) == ["整改前后对比照片"]
    with Register.open(source) as a, Register.open(url) as b:
        assert queries.load_campaign(b, 1) == queries.load_campaign(a, 1)
    code, out = run(capsys, "migrate-register", "--from", str(source), "--to", url)
    assert code == 2 and "不是空的" in out  # a second copy onto it is refused
    code, out = run(capsys, "summary", "--db", url, "--json")  # the CLI on the server register
    assert code == 0 and '"problems": 31' in out
    code, out = run(capsys, "check", "--db", url)
    assert code == 0, out
    back = tmp_path / "back.rectdesk"
    code, out = run(capsys, "migrate-register", "--from", url, "--to", str(back))
    assert code == 0, out
    assert digests(back) == digests(source)
    assert evidence_ok(back) == ["整改前后对比照片"]


if PG_URL:  # defined only with a test server, so nothing is reported as skipped without one
    def test_demo_to_postgresql_and_back_loses_nothing(  # type: ignore[no-untyped-def]
            capsys, server_db: str, demo_with_evidence: Path, tmp_path: Path) -> None:
        _server_leg(capsys, demo_with_evidence, server_db, tmp_path)


def _alter_stored_file(source: Path) -> tuple[Path, bytes]:
    """Overwrite the one stored evidence file in place (as a virus or a careless hand would)."""
    [blob] = [p for p in evidence.store_root(source).rglob("*") if p.is_file() and len(p.name) == 64]
    genuine = blob.read_bytes()
    blob.chmod(0o644)
    blob.write_bytes(b"tampered" + genuine[8:])
    return blob, genuine


def test_altered_evidence_stops_the_move_before_any_row_and_a_retry_works(  # type: ignore[no-untyped-def]
        capsys, demo_with_evidence: Path, tmp_path: Path) -> None:
    blob, genuine = _alter_stored_file(demo_with_evidence)
    copy = tmp_path / "copy.rectdesk"
    code, out = run(capsys, "migrate-register", "--from", str(demo_with_evidence), "--to", str(copy))
    assert code == 2 and "佐证文件已被改动" in out and out.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == []
    blob.write_bytes(genuine)  # repaired: the retry is not refused as non-empty
    code, out = run(capsys, "migrate-register", "--from", str(demo_with_evidence), "--to", str(copy))
    assert code == 0, out
    assert digests(copy) == digests(demo_with_evidence)


if PG_URL:
    def test_altered_evidence_leaves_the_server_empty(  # type: ignore[no-untyped-def]
            capsys, server_db: str, demo_with_evidence: Path, tmp_path: Path) -> None:
        blob, genuine = _alter_stored_file(demo_with_evidence)
        share = tmp_path / "share"
        code, out = run(capsys, "migrate-register", "--from", str(demo_with_evidence), "--to", server_db,
                        "--evidence-folder", str(share))
        assert code == 2 and "佐证文件已被改动" in out
        assert not share.exists() or not [p for p in share.rglob("*") if p.is_file()]
        assert digests(server_db)["problem"][0] == 0
        blob.write_bytes(genuine)
        _server_leg(capsys, demo_with_evidence, server_db, tmp_path)
