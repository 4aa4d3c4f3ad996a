"""The evidence store and its services: attach, dedupe, edit, remove, open a copy."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from rectdesk.core.errors import NotFound, RectDeskError, ValidationError
from rectdesk.core.model import EvidenceKind
from rectdesk.store import evidence, services
from rectdesk.store.evidence import (
    AttachCancelled,
    attach_files,
    blob_path,
    list_evidence,
    open_copy,
    remove_evidence,
    store_root,
    update_evidence,
)
from rectdesk.store.models import ChangeLog, Evidence
from rectdesk.store.queries import load_campaign, resolve_measure, resolve_problem


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _ids(reg, number: str) -> dict[str, int]:
    with reg.reading() as s:
        if "." in number:
            return {"measure_id": resolve_measure(s, 1, number)}
        return {"problem_id": resolve_problem(s, 1, number)}


def _store_files(reg) -> list[Path]:
    root = store_root(reg.path)
    return sorted(p for p in root.rglob("*") if p.is_file() and p.parent.name != "tmp")


def test_attach_stores_file_by_hash_and_records_metadata(demo_register, tmp_path):
    data = b"%PDF-1.4 " + os.urandom(300_000)
    src = _write(tmp_path / "关于印发河长制工作方案的通知.pdf", data)
    seen = []
    result = attach_files(demo_register, [src], doc_number="宁环党〔2020〕12号",
                          doc_date="2020年11月2日", progress=lambda d, t, n: seen.append((d, t, n)),
                          **_ids(demo_register, "7.2"))
    sha = hashlib.sha256(data).hexdigest()
    stored = blob_path(demo_register.path, sha)
    assert stored == demo_register.path.with_name("demo.rectdesk.evidence") / sha[:2] / sha
    assert stored.read_bytes() == data
    assert not os.access(stored, os.W_OK) or os.geteuid() == 0  # read-only (root ignores modes)
    assert not stat.S_IMODE(stored.stat().st_mode) & 0o222
    [row] = list_evidence(demo_register, **_ids(demo_register, "7.2"))
    assert (row.title, row.file_name, row.size, row.media_type) == (
        "关于印发河长制工作方案的通知", src.name, len(data), "application/pdf")
    assert (row.kind, row.doc_number, str(row.doc_date)) == (
        EvidenceKind.NOTICE, "宁环党〔2020〕12号", "2020-11-02")
    assert row.added_by == "测试员" and row.owner == "措施 7.2" and row.sha256 == sha
    assert seen[-1] == (len(data), len(data), src.name)
    assert result.added == (row.id,) and result.new_files == 1
    assert result.measures == frozenset({row.measure_id})
    # The measure now shows the evidence wherever the campaign is loaded (ledger, bulletin).
    campaign = load_campaign(demo_register, 1)
    assert [e.title for e in campaign.problems[6].measures[1].evidence] == [row.title]
    with demo_register.reading() as s:
        logged = s.execute(select(ChangeLog.action, ChangeLog.entity_id, ChangeLog.operator,
                                  ChangeLog.new_value).where(ChangeLog.entity == "evidence")).all()
    assert [tuple(c[:3]) for c in logged] == [("create", row.id, "测试员")]
    assert "措施 7.2" in logged[0].new_value


def test_same_content_is_stored_once(demo_register, tmp_path):
    data = os.urandom(50_000)
    a = _write(tmp_path / "a" / "照片1.jpg", data)
    b = _write(tmp_path / "b" / "现场照片.jpg", data)
    first = attach_files(demo_register, [a], **_ids(demo_register, "1.1"))
    second = attach_files(demo_register, [b], **_ids(demo_register, "2.1"))
    again = attach_files(demo_register, [a], **_ids(demo_register, "1.1"))
    assert (first.new_files, second.new_files) == (1, 0)
    assert len(_store_files(demo_register)) == 1
    assert again.added == () and again.skipped == ("照片1.jpg",)  # already on this measure
    with demo_register.reading() as s:
        assert s.scalar(select(Evidence.id).where(Evidence.id > second.added[0])) is None


def test_folders_expand_and_titles_number_when_one_title_is_given(demo_register, tmp_path):
    _write(tmp_path / "材料" / "1.txt", b"one")
    _write(tmp_path / "材料" / "子目录" / "2.txt", b"two")
    _write(tmp_path / "材料" / "Thumbs.db", b"junk")
    _write(tmp_path / "材料" / ".hidden", b"junk")
    attach_files(demo_register, [tmp_path / "材料"], title="整改台账", kind="台账",
                 **_ids(demo_register, "3"))
    rows = list_evidence(demo_register, **_ids(demo_register, "3"))
    assert [(r.title, r.file_name, r.kind) for r in rows] == [
        ("整改台账（1）", "1.txt", EvidenceKind.LEDGER), ("整改台账（2）", "2.txt", EvidenceKind.LEDGER)]


def test_a_batch_is_logged_file_by_file_under_its_problem(demo_register, tmp_path):
    """Many files in one attach: one row and one change-log entry each, in the order given,
    each entry under the problem (also when the files go to one of its measures); a file
    given twice is stored and attached once."""
    names = [f"材料{i}.bin" for i in range(5)]
    files = [_write(tmp_path / n, os.urandom(3_000_000 + i)) for i, n in enumerate(names)]
    owner = _ids(demo_register, "7.2")
    result = attach_files(demo_register, [*files, files[0]], **owner)
    with demo_register.reading() as s:
        problem_id = s.scalar(select(Evidence.measure_id).where(Evidence.id == result.added[0]))
        problem_id = services.get_measure(s, problem_id).problem_id
        logged = s.execute(select(ChangeLog.entity_id, ChangeLog.problem_id, ChangeLog.new_value)
                           .where(ChangeLog.entity == "evidence").order_by(ChangeLog.id)).all()
        shas = s.scalars(select(Evidence.sha256).where(Evidence.id.in_(result.added))
                         .order_by(Evidence.id)).all()
    assert len(result.added) == 5 and result.skipped == ("材料0.bin",)
    assert list(result.added) == sorted(result.added)
    assert [(e, p) for e, p, _ in logged] == [(i, problem_id) for i in result.added]
    assert [v for _, _, v in logged] == [f"措施 7.2：{n[:-4]}（{n}）" for n in names]
    assert shas == [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    assert all(blob_path(demo_register.path, h).read_bytes() == f.read_bytes()
               for h, f in zip(shas, files, strict=True))


def test_problem_list_includes_its_measures_evidence(demo_register, tmp_path):
    attach_files(demo_register, [_write(tmp_path / "m.txt", b"m")], **_ids(demo_register, "7.1"))
    attach_files(demo_register, [_write(tmp_path / "p.txt", b"p")], **_ids(demo_register, "7"))
    rows = list_evidence(demo_register, **_ids(demo_register, "7"))
    assert [(r.owner, r.title) for r in rows] == [("问题 7", "p"), ("措施 7.1", "m")]
    own = list_evidence(demo_register, include_measures=False, **_ids(demo_register, "7"))
    assert [r.title for r in own] == ["p"]


def test_kind_is_guessed_from_type_and_name(demo_register, tmp_path):
    files = [_write(tmp_path / "IMG_001.PNG", b"\x89PNG\r\n\x1a\n...."),
             _write(tmp_path / "局党组会议纪要.docx", b"PK.."),
             _write(tmp_path / "河长制管理办法.pdf", b"%PDF-1.7 x"),
             _write(tmp_path / "其它.bin", b"\x00\x01")]
    attach_files(demo_register, files, **_ids(demo_register, "4"))
    rows = list_evidence(demo_register, **_ids(demo_register, "4"))
    assert [(r.kind, r.media_type) for r in rows] == [
        (EvidenceKind.PHOTO, "image/png"),
        (EvidenceKind.MINUTES,
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (EvidenceKind.RULE, "application/pdf"),
        (EvidenceKind.OTHER, "application/octet-stream")]


def test_metadata_edit_is_logged_and_validated(demo_register, tmp_path):
    result = attach_files(demo_register, [_write(tmp_path / "x.pdf", b"%PDF-x")],
                          **_ids(demo_register, "5.1"))
    eid = result.added[0]
    changes = update_evidence(demo_register, eid, title="局党组会议纪要", kind="会议纪要",
                              doc_number="党组纪要〔2020〕3号", doc_date="2020-10-9",
                              reviewed=True, review_note="符合要求")
    row = evidence.get_evidence(demo_register, eid)
    assert (row.title, row.kind, row.doc_number, str(row.doc_date), row.reviewed, row.review_note) == (
        "局党组会议纪要", EvidenceKind.MINUTES, "党组纪要〔2020〕3号", "2020-10-09", True, "符合要求")
    assert row.measure_id in changes.measures
    with demo_register.reading() as s:
        fields = s.scalars(select(ChangeLog.field).where(
            ChangeLog.entity == "evidence", ChangeLog.action == "update")).all()
    assert sorted(fields) == sorted(["title", "kind", "doc_number", "doc_date", "reviewed",
                                     "review_note"])
    with pytest.raises(ValidationError) as err:
        update_evidence(demo_register, eid, title="  ", reviewed=False)
    assert err.value.field == "title"
    assert evidence.get_evidence(demo_register, eid).reviewed is True  # nothing half-written
    with pytest.raises(ValidationError, match="材料类型"):
        update_evidence(demo_register, eid, kind="录音")
    with pytest.raises(NotFound):
        update_evidence(demo_register, 9999, title="x")


def test_remove_keeps_the_file_until_prune(demo_register, tmp_path):
    result = attach_files(demo_register, [_write(tmp_path / "x.txt", b"keep me")],
                          **_ids(demo_register, "6.1"))
    eid = result.added[0]
    changes = remove_evidence(demo_register, eid)
    assert ("evidence", eid) in changes.deleted
    assert list_evidence(demo_register, **_ids(demo_register, "6.1")) == []
    [removed] = list_evidence(demo_register, include_removed=True, **_ids(demo_register, "6.1"))
    assert removed.removed_at is not None
    assert blob_path(demo_register.path, removed.sha256).read_bytes() == b"keep me"
    assert load_campaign(demo_register, 1).problems[5].measures[0].evidence == []
    with pytest.raises(ValidationError, match="已删除"):
        remove_evidence(demo_register, eid)


def test_restore_undoes_a_removal_until_the_file_is_pruned(demo_register, tmp_path):
    from rectdesk.store.check import check
    from rectdesk.store.evidence import restore_evidence

    ids = _ids(demo_register, "8.1")
    eid = attach_files(demo_register, [_write(tmp_path / "x.txt", b"back")], **ids).added[0]
    remove_evidence(demo_register, eid)
    changes = restore_evidence(demo_register, eid)
    assert ("evidence", eid) in changes.created
    assert [r.id for r in list_evidence(demo_register, **ids)] == [eid]
    with pytest.raises(ValidationError, match="未被删除"):
        restore_evidence(demo_register, eid)
    remove_evidence(demo_register, eid)
    check(demo_register, prune=True)
    with pytest.raises(RectDeskError, match="已被清理"):
        restore_evidence(demo_register, eid)
    assert list_evidence(demo_register, **ids) == []


def test_open_copy_is_a_read_only_verified_copy(demo_register, tmp_path):
    result = attach_files(demo_register, [_write(tmp_path / "a:b?.txt", b"hello")],
                          **_ids(demo_register, "1"))
    copy = open_copy(demo_register, result.added[0])
    assert copy.read_bytes() == b"hello" and copy.name == "a_b_.txt"
    assert not stat.S_IMODE(copy.stat().st_mode) & 0o222
    # A stored file altered behind our back is refused, not shown as if it were the evidence.
    stored = blob_path(demo_register.path, hashlib.sha256(b"hello").hexdigest())
    os.chmod(stored, 0o644)
    stored.write_bytes(b"HELLO")
    with pytest.raises(RectDeskError, match="已被改动"):
        open_copy(demo_register, result.added[0])


def test_bad_input_fails_before_anything_is_stored(demo_register, tmp_path):
    good = _write(tmp_path / "ok.txt", b"ok")
    with pytest.raises(RectDeskError, match="文件不存在") as err:
        attach_files(demo_register, [good, tmp_path / "gone.pdf"], **_ids(demo_register, "1"))
    assert "gone.pdf" in str(err.value)
    with pytest.raises(ValidationError, match="空的"):
        attach_files(demo_register, [_write(tmp_path / "empty.txt", b"")], **_ids(demo_register, "1"))
    with pytest.raises(NotFound):
        attach_files(demo_register, [good], measure_id=99999)
    with pytest.raises(ValidationError, match="二者选一"):
        attach_files(demo_register, [good])
    assert _store_files(demo_register) == []


def test_cancelled_attach_adds_no_row_and_leaves_no_temporary_file(demo_register, tmp_path):
    files = [_write(tmp_path / f"{i}.bin", os.urandom(10_000)) for i in range(3)]
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # cancel while the third file is copied

    with pytest.raises(AttachCancelled):
        attach_files(demo_register, files, cancelled=cancelled, **_ids(demo_register, "2"))
    assert list_evidence(demo_register, **_ids(demo_register, "2")) == []
    assert list((store_root(demo_register.path) / "tmp").iterdir()) == []


def test_file_pruned_between_store_and_commit_is_stored_again(demo_register, tmp_path, monkeypatch):
    """A prune running while an attach copies may delete the not-yet-referenced file; the
    attach checks under the write lock and stores it again, so its row never dangles."""
    src = _write(tmp_path / "race.txt", b"race")
    real = evidence._add_rows

    def prune_first(s, reg, problem, measure, stored, *rest):
        for item in stored:
            path = blob_path(reg.path, item.sha256)
            os.chmod(path, 0o644)
            path.unlink()
        return real(s, reg, problem, measure, stored, *rest)

    monkeypatch.setattr(evidence, "_add_rows", prune_first)
    result = attach_files(demo_register, [src], **_ids(demo_register, "3"))
    row = evidence.get_evidence(demo_register, result.added[0])
    assert blob_path(demo_register.path, row.sha256).read_bytes() == b"race"


@pytest.mark.parametrize("damage", ["truncated", "same size", "deleted"])
def test_attaching_the_original_again_repairs_the_stored_file(demo_register, tmp_path, damage):
    data = os.urandom(20_000)
    src = _write(tmp_path / "x.bin", data)
    attach_files(demo_register, [src], **_ids(demo_register, "1"))
    stored = blob_path(demo_register.path, hashlib.sha256(data).hexdigest())
    os.chmod(stored, 0o644)
    if damage == "deleted":
        stored.unlink()
    else:
        stored.write_bytes(data[:100] if damage == "truncated" else b"x" * len(data))
    again = attach_files(demo_register, [src], **_ids(demo_register, "1"))
    assert again.skipped == ("x.bin",)  # no second row on the same item ...
    assert stored.read_bytes() == data  # ... but the stored bytes are right again


def test_evidence_keeps_measure_sign_off_rule_working(demo_register, tmp_path):
    """sign_off counts live evidence rows: a removed one no longer counts."""
    ids = _ids(demo_register, "1.1")
    eid = attach_files(demo_register, [_write(tmp_path / "a.txt", b"a")], **ids).added[0]
    with demo_register.reading() as s:
        p = services.get_problem(s, resolve_problem(s, 1, "1"))
        assert not any("1.1 没有佐证材料" in r for r in services.signoff_blockers(s, p, True))
    remove_evidence(demo_register, eid)
    with demo_register.reading() as s:
        p = services.get_problem(s, resolve_problem(s, 1, "1"))
        assert any("1.1 没有佐证材料" in r for r in services.signoff_blockers(s, p, True))


@pytest.mark.parametrize("change", ["shrinks", "grows"])
def test_a_file_changed_while_it_is_copied_is_refused(demo_register, tmp_path, change):
    source = tmp_path / "扫描件.pdf"
    source.write_bytes(os.urandom(9 << 20))  # three chunks: the change lands mid-copy
    changed = []

    def progress(done: int, total: int, name: str) -> None:
        if not changed:  # the scanner is still writing the file
            changed.append(done)
            with open(source, "r+b") as fh:
                if change == "shrinks":
                    fh.truncate(1 << 20)
                else:
                    fh.seek(0, os.SEEK_END)
                    fh.write(b"more pages")

    mid = demo_register_measure(demo_register)
    with pytest.raises(ValidationError, match="复制过程中被修改"):
        attach_files(demo_register, [source], measure_id=mid, progress=progress)
    assert list_evidence(demo_register, measure_id=mid) == []
    root = store_root(demo_register.path)
    stored = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    assert stored == []  # neither the partial copy nor a temporary file


def demo_register_measure(reg) -> int:
    with reg.reading() as s:
        return resolve_measure(s, 1, "1.1")


@pytest.mark.parametrize("links", [True, False], ids=["hard link", "rename"])
def test_attach_never_deletes_a_read_only_file(demo_register, tmp_path, monkeypatch, links):
    """Windows refuses to delete a read-only file (found by the Wine self-test): the temporary
    copy is deleted before the stored file is made read-only, and the result is read-only."""
    real_unlink = Path.unlink

    def windows_unlink(path, missing_ok=False):
        if path.exists() and not stat.S_IMODE(path.stat().st_mode) & stat.S_IWUSR:
            raise PermissionError(13, "Access is denied", str(path))
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", windows_unlink)
    if not links:
        monkeypatch.setattr(evidence.os, "link", lambda *a: (_ for _ in ()).throw(OSError("FAT")))
    data = os.urandom(5_000)
    result = attach_files(demo_register, [_write(tmp_path / "证明.pdf", data)],
                          **_ids(demo_register, "4"))
    stored = blob_path(demo_register.path, hashlib.sha256(data).hexdigest())
    assert result.new_files == 1 and stored.read_bytes() == data
    assert not stat.S_IMODE(stored.stat().st_mode) & 0o222
    assert list((store_root(demo_register.path) / "tmp").iterdir()) == []


def test_attach_works_where_the_cache_cannot_be_advised(demo_register, tmp_path, monkeypatch):
    """Stored files are dropped from the system cache once durable; a file system that refuses
    the advice (or a system without it) still stores the file whole."""
    def refuse(*args):
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(evidence.os, "posix_fadvise", refuse, raising=False)
    data = os.urandom(2_500_000)
    result = attach_files(demo_register, [_write(tmp_path / "a.bin", data)], **_ids(demo_register, "1.1"))
    assert result.new_files == 1
    assert blob_path(demo_register.path, hashlib.sha256(data).hexdigest()).read_bytes() == data


def test_every_stored_name_is_durable_before_the_rows_commit(demo_register, tmp_path, monkeypatch):
    """The folders are fsynced in the background while the rows are prepared: the commit must
    still come after the fsync of the store's root and of every ab/ folder a file went to."""
    from sqlalchemy.orm import Session

    events: list[object] = []
    real_fsync_dir, real_commit = evidence.fsync_dir, Session.commit

    def fsync_dir(folder):
        real_fsync_dir(folder)
        events.append(Path(folder))

    def commit(self):
        events.append("commit")
        return real_commit(self)

    monkeypatch.setattr(evidence, "fsync_dir", fsync_dir)
    monkeypatch.setattr(Session, "commit", commit)
    files = [_write(tmp_path / f"{i}.bin", os.urandom(100_000)) for i in range(6)]
    result = attach_files(demo_register, files, **_ids(demo_register, "2.1"))
    root = store_root(demo_register.path)
    shas = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    needed = {root} | {root / sha[:2] for sha in shas}
    commit_at = events.index("commit")
    assert needed <= set(events[:commit_at])
    assert len(result.added) == 6
