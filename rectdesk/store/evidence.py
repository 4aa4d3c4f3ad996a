"""Evidence (佐证材料): a content-addressed file store beside the register, and its services.

Files live in `<register>.evidence/ab/<sha256>`. A file is copied into `tmp/` while it is hashed,
in one pass over its bytes (1 MiB chunks read and written by the calling thread while a second
thread hashes them, also across files), fsynced, dropped from the system cache, made read-only,
then linked to its final name (a link never replaces an existing file); the folders touched are
fsynced once per batch.
Only when every file of a batch is durable in the store does the transaction that adds the rows
commit; a crash at any point can leave an orphan file (reported and pruned by `check`), never a
row pointing at a missing file. The same content attached twice is stored once.

Services (each one transaction writing the change log, returning `Changes`):
    attach_files(reg, paths, problem_id=.. | measure_id=.., title=, kind=, progress=, cancelled=)
    update_evidence(reg, evidence_id, title=, kind=, doc_number=, doc_date=, reviewed=, review_note=)
    remove_evidence(reg, evidence_id)      # sets removed_at; the file stays until check --prune
    restore_evidence(reg, evidence_id)     # undoes a removal while the file is still stored
Reading: list_evidence, get_evidence, blob_path, open_copy (a verified read-only temporary copy).
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rectdesk.core.errors import NotFound, RectDeskError, ValidationError
from rectdesk.core.model import EvidenceKind
from rectdesk.core.text import clean_line
from rectdesk.fileio import check_input_file, fsync_dir
from rectdesk.store import changelog, services, validation
from rectdesk.store.models import Evidence, Measure, Problem
from rectdesk.store.register import Register
from rectdesk.store.services import Changes

log = logging.getLogger(__name__)

CHUNK = 4 << 20  # 4 MiB: large enough that hashing and writing release the GIL for long stretches
COPY_CHUNK = 1 << 20  # the copy's chunk: small enough that 8 of them let reading run ahead of hashing
COPY_BUFFERS = 8
SHA_NAME = re.compile(r"[0-9a-f]{64}")
TMP_DIR = "tmp"
SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})

Progress = Callable[[int, int, str], None]  # (bytes done, bytes in all, current file name)
Cancelled = Callable[[], bool]


class AttachCancelled(RectDeskError):
    """The user cancelled an attach; no row was added."""


# -- where files are ----------------------------------------------------------------------------
def store_root(register_path: Path | str) -> Path:
    path = Path(register_path)
    return path.with_name(path.name + ".evidence")


def blob_path(register_path: Path | str, sha256: str) -> Path:
    if not SHA_NAME.fullmatch(sha256):
        raise ValueError(f"not a sha256: {sha256!r}")
    return store_root(register_path) / sha256[:2] / sha256


# -- writing into the store ---------------------------------------------------------------------
@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    source: Path
    media_type: str
    new: bool  # False when the store already held this content


def hash_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    """sha256 of a file, read in large chunks."""
    h = hashlib.sha256()
    buffer = bytearray(CHUNK)  # reused: a fresh 4 MiB object per read costs page faults
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as fh:
        while n := fh.readinto(buffer):
            h.update(view[:n])
            if progress:
                progress(n)
    return h.hexdigest()


class _Writer:
    """Copies files into the store, reading each byte once.

    The calling thread reads each chunk into a ring of buffers and writes it to the temporary
    file; one hashing thread hashes the chunks in order (hashlib, read and write all release the
    GIL). Reading and writing thus overlap the hash, which is what bounds the copy, and run up to
    COPY_BUFFERS chunks ahead of it, into the next file too: a file's digest is only awaited by
    the two threads that fsync and publish finished files, never by the copy."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / TMP_DIR
        self._hasher = ThreadPoolExecutor(1, thread_name_prefix="evidence-hash")  # one: in order
        self._publish = ThreadPoolExecutor(2, thread_name_prefix="evidence-fsync")
        self._pending: list[Future[tuple[str, bool]]] = []
        # Buffers reused for every chunk of every file (a fresh object per read costs page
        # faults); a buffer is refilled only once the hash of its last chunk is done.
        self._ring = [memoryview(bytearray(COPY_CHUNK)) for _ in range(COPY_BUFFERS)]
        self._hashing: list[Future[None] | None] = [None] * COPY_BUFFERS
        self._next = 0
        self._folders: set[Path] = set()  # to fsync once the batch is linked

    def __enter__(self) -> _Writer:
        for folder in (self.root, self.tmp):
            if not folder.is_dir():
                folder.mkdir(parents=True, exist_ok=True)
                fsync_dir(folder.parent)
        return self

    def __exit__(self, *exc: object) -> None:
        self._hasher.shutdown()
        self._publish.shutdown()  # waits for the fsyncs in flight

    def _free_buffer(self) -> int:
        i, self._next = self._next, (self._next + 1) % COPY_BUFFERS
        hashing = self._hashing[i]
        if hashing is not None:
            hashing.result()
            self._hashing[i] = None
        return i

    def copy(self, source: Path, on_bytes: Callable[[int], None], cancelled: Cancelled | None
             ) -> tuple[int, bytes, Future[tuple[str, bool]]]:
        """Copy `source` to a temporary file while it is hashed; (size, first bytes, a future of
        (sha256, new to the store)): hashing and publishing continue in the background."""
        tmp = self.tmp / f"{os.getpid()}-{uuid.uuid4().hex}.part"
        h = hashlib.sha256()
        size = 0
        head = b""
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            with open(source, "rb", buffering=0) as src:
                before = os.fstat(src.fileno())
                while True:
                    if cancelled is not None and cancelled():
                        raise AttachCancelled("已取消，未添加任何佐证材料")
                    i = self._free_buffer()
                    n = src.readinto(self._ring[i])
                    if not n:
                        break
                    chunk = self._ring[i][:n]
                    self._hashing[i] = self._hasher.submit(h.update, chunk)
                    _write_all(fd, chunk)  # the bytes written are the bytes hashed
                    if not head:
                        head = bytes(chunk[:16])
                    size += n
                    on_bytes(n)
                _refuse_changed(source, before, os.fstat(src.fileno()), size)
        except BaseException:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            raise
        digest = self._hasher.submit(h.hexdigest)  # after this file's chunks: the queue is in order
        future = self._publish.submit(self._finish, fd, tmp, digest, size)
        self._pending.append(future)
        return size, head, future

    def linked(self) -> None:
        """Every file copied so far is fsynced and under its content name when this returns."""
        for future in self._pending:
            future.result()
        self._pending.clear()

    def sync_folders(self) -> Future[None]:
        """Make the names of the files linked so far durable, in the background: one fsync per
        folder touched, after all the links (the first commits the journal for them all, the
        rest find little to do; a fsync per file cost more than the copy)."""
        folders, self._folders = sorted(self._folders), set()
        return self._publish.submit(_fsync_dirs, folders)

    def _finish(self, fd: int, tmp: Path, digest: Future[str], size: int) -> tuple[str, bool]:
        """fsync, then give the file its content name; (sha256, True when new to the store)."""
        try:
            os.fsync(fd)  # while the hash may still be running: they do not depend on each other
            _drop_cached(fd)
        finally:
            os.close(fd)
        sha = digest.result()
        new = publish(self.root, tmp, sha, size, sync=False)
        self._folders.update((self.root, self.root / sha[:2]))
        return sha, new


def _fsync_dirs(folders: list[Path]) -> None:
    for folder in folders:
        fsync_dir(folder)


def _drop_cached(fd: int) -> None:
    """Let the system forget the pages of a stored (fsynced, so clean) file: a gigabyte of
    evidence would otherwise push the register and the user's own files out of the cache, and
    the pages freed are the ones the next file is written into."""
    if hasattr(os, "posix_fadvise"):  # not on Windows, whose cache manager decides alone
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:  # advice only: a file system may not take it
            pass


def _refuse_changed(source: Path, before: os.stat_result, after: os.stat_result, copied: int) -> None:
    """A file written to while it was copied (a scanner still saving it, a sync tool, a
    truncation) would be stored half old, half new, and `check` would call the copy sound:
    its size and modification time must be the same before and after, and all of it copied."""
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or copied != after.st_size:
        raise ValidationError(f"文件“{source.name}”在复制过程中被修改（大小或修改时间变化），未添加："
                              "请等它保存完毕（或关闭正在写它的程序）后重新添加", field="files")


def _write_all(fd: int, view: memoryview) -> None:
    while view:
        view = view[os.write(fd, view):]


def publish(root: Path, tmp: Path, sha: str, size: int, *, sync: bool = True) -> bool:
    """Move a complete, fsynced temporary file to `root/ab/<sha>`; never replace a good file.
    With sync=False the caller fsyncs the folders (root and ab/) before relying on the name."""
    folder = root / sha[:2]
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        if sync:
            fsync_dir(root)
    target = folder / sha
    try:
        os.link(tmp, target)  # fails if the name exists: an atomic "create, never overwrite"
        new = True
    except FileExistsError:
        new = _repair_if_damaged(tmp, target, size)
    except OSError:  # no hard links here (FAT, some network shares)
        new = _rename_unless_present(tmp, target, size)
    tmp.unlink(missing_ok=True)
    # Read-only only now: Windows refuses to delete a read-only file, and a hard link (tmp)
    # shares the attribute with its target.
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    if sync:
        fsync_dir(folder)
    return new


def _rename_unless_present(tmp: Path, target: Path, size: int) -> bool:
    if target.exists():
        return _repair_if_damaged(tmp, target, size)
    try:
        os.rename(tmp, target)  # a racing writer of the same name wrote the same bytes
    except FileExistsError:  # Windows refuses to rename over a file
        return _repair_if_damaged(tmp, target, size)
    return True


def _repair_if_damaged(tmp: Path, target: Path, size: int) -> bool:
    """The content is already stored. A file under its name with other bytes is damage (a hand
    edit, a disk error): the verified copy replaces it, so attaching the original again is the
    way to repair what `check` reports as altered or missing."""
    try:
        ok = target.stat().st_size == size and hash_file(target) == target.name
    except FileNotFoundError:
        ok = False
    if not ok:
        log.warning("evidence file %s was damaged; replaced by a verified copy", target.name)
        _make_writable(target)
        os.replace(tmp, target)
    return False


def _make_writable(path: Path) -> None:
    try:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    except FileNotFoundError:
        pass


# -- attaching ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AttachResult(Changes):
    """What attach_files changed, plus what a person wants to hear about."""

    added: tuple[int, ...] = ()
    skipped: tuple[str, ...] = ()  # files already attached to the same item
    new_files: int = 0
    bytes_stored: int = 0


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, and the files inside given folders (recursively, sorted, hidden and
    system files such as Thumbs.db left out, links not followed)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not path.is_symlink():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(path)
        elif not path.exists():
            raise RectDeskError("文件不存在", file=str(path))
        else:
            raise RectDeskError("不是普通文件，不能作为佐证材料", file=str(path))
    for path in found:  # before any copy: no half-stored batch, no orphan file
        check_input_file(path, noun="佐证材料文件")
    return found


def _walk(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = Path(root, name)
            if name.startswith(".") or name.lower() in SKIPPED_NAMES or full.is_symlink():
                continue
            out.append(full)
    return out


def _owner(s: Session, problem_id: int | None, measure_id: int | None) -> tuple[Problem, Measure | None]:
    if (problem_id is None) == (measure_id is None):
        raise ValidationError("请指定佐证材料所属的问题或整改措施（二者选一）", field="owner")
    if measure_id is not None:
        m = services.get_measure(s, measure_id)
        return m.problem, m
    assert problem_id is not None
    return services.get_problem(s, problem_id), None


def owner_label(problem: Problem, measure: Measure | None) -> str:
    return f"措施 {problem.position}.{measure.position}" if measure else f"问题 {problem.position}"


def attach_files(
    reg: Register,
    paths: Sequence[Path | str],
    *,
    problem_id: int | None = None,
    measure_id: int | None = None,
    title: str | None = None,
    kind: EvidenceKind | str | None = None,
    doc_number: str = "",
    doc_date: date | str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> AttachResult:
    """Store files (folders are expanded) and attach them to one problem or measure.

    Without `title` each file is titled by its name; a title given for several files is numbered.
    Without `kind`, the kind is guessed from the name and type (照片 for images, 通知 ...).
    """
    with reg.reading() as s:
        _owner(s, problem_id, measure_id)  # fail before copying a gigabyte
    files = expand_paths(paths)
    if not files:
        raise ValidationError("没有可添加的文件", field="files")
    chosen_kind = _kind(kind) if kind not in (None, "") else None
    common = {"doc_number": _doc_number(doc_number),
              "doc_date": validation.day(doc_date, "doc_date", "成文日期")}
    titles = _titles(files, title)
    with _Writer(store_root(reg.path)) as writer:
        stored = _copy_all(writer, files, progress, cancelled)
        durable = writer.sync_folders()  # the names made durable while the rows are prepared
        with reg.transaction() as s:
            problem, measure = _owner(s, problem_id, measure_id)
            result = _add_rows(s, reg, problem, measure, stored, titles, chosen_kind, common)
            durable.result()  # before the commit: no row may name a file a crash could lose
            return result


def _store_all(register_path: Path, files: list[Path], progress: Progress | None,
               cancelled: Cancelled | None) -> list[StoredFile]:
    """Store files; their names are durable when this returns."""
    with _Writer(store_root(register_path)) as writer:
        stored = _copy_all(writer, files, progress, cancelled)
        writer.sync_folders().result()
    return stored


def _copy_all(writer: _Writer, files: list[Path], progress: Progress | None,
              cancelled: Cancelled | None) -> list[StoredFile]:
    """Copy files into the store, each under its content name (not yet durable: see
    _Writer.sync_folders)."""
    sizes = [_size(f) for f in files]
    total, done = sum(sizes), 0
    out: list[tuple[Path, int, bytes, Future[tuple[str, bool]]]] = []
    for path in files:
        def on_bytes(n: int, name: str = path.name) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, total, name)

        try:
            size, head, future = writer.copy(path, on_bytes, cancelled)
        except OSError as exc:
            raise RectDeskError(f"无法读取文件：{exc.strerror or exc}", file=str(path)) from exc
        out.append((path, size, head, future))
    writer.linked()
    stored = []
    for path, size, head, future in out:
        sha, new = future.result()
        stored.append(StoredFile(sha, size, path, _media_type(path.name, head), new))
    return stored


def _size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RectDeskError(f"无法读取文件：{exc.strerror or exc}", file=str(path)) from exc
    if size == 0:
        raise ValidationError("文件是空的（0 字节），不能作为佐证材料", field="files", file=str(path))
    return size


def _titles(files: list[Path], title: str | None) -> list[str]:
    given = clean_line(title or "")
    if given and len(files) == 1:
        return [given[: validation.MAX_TITLE]]
    if given:
        return [f"{given}（{i}）"[: validation.MAX_TITLE] for i in range(1, len(files) + 1)]
    return [(clean_line(f.stem) or f.name)[: validation.MAX_TITLE] for f in files]


def _add_rows(s: Session, reg: Register, problem: Problem, measure: Measure | None,
              stored: list[StoredFile], titles: list[str], kind: EvidenceKind | None,
              common: dict[str, Any]) -> AttachResult:
    owner_col = Evidence.measure_id if measure else Evidence.problem_id
    owner_id = measure.id if measure else problem.id
    present = set(s.scalars(select(Evidence.sha256).where(
        owner_col == owner_id, Evidence.removed_at.is_(None))))
    rows: list[tuple[Evidence, StoredFile, str]] = []
    skipped: list[str] = []
    for item, title in zip(stored, titles, strict=True):
        if item.sha256 in present:
            skipped.append(item.source.name)
            continue
        _ensure_blob(reg.path, item)  # under the write lock: a concurrent prune cannot race us
        row = Evidence(problem_id=None if measure else problem.id,
                       measure_id=measure.id if measure else None, sha256=item.sha256,
                       file_name=clean_line(item.source.name)[:500], size=item.size,
                       media_type=item.media_type, title=title,
                       kind=kind or guess_kind(f"{item.source.stem} {title}", item.media_type),
                       added_by=reg.operator, **common)
        s.add(row)
        present.add(item.sha256)
        rows.append((row, item, title))
    s.flush()  # the batch's rows in one go (in order): they get their ids for the log
    for row, item, title in rows:
        changelog.log(s, reg, "create", "evidence", row.id, problem.campaign_id, "title", "",
                      f"{owner_label(problem, measure)}：{title}（{item.source.name}）",
                      problem_id=problem.id)
    added = [row.id for row, _, _ in rows]
    return AttachResult(
        campaigns=frozenset({problem.campaign_id}), problems=frozenset({problem.id}),
        measures=frozenset({measure.id}) if measure else frozenset(),
        created=frozenset(("evidence", i) for i in added), added=tuple(added),
        skipped=tuple(skipped), new_files=sum(1 for x in stored if x.new),
        bytes_stored=sum(x.size for x in stored if x.new))


def _ensure_blob(register_path: Path, item: StoredFile) -> None:
    if not blob_path(register_path, item.sha256).exists():
        log.warning("evidence file %s vanished before its row was written; storing again",
                    item.sha256)
        [again] = _store_all(register_path, [item.source], None, None)
        if again.sha256 != item.sha256:
            raise RectDeskError("文件在添加过程中被修改，请重新添加", file=str(item.source))


# -- kinds and types ----------------------------------------------------------------------------
_KIND_WORDS = (
    (EvidenceKind.MINUTES, ("纪要", "会议记录")),
    (EvidenceKind.RULE, ("制度", "办法", "规定", "细则", "规则", "方案", "意见")),
    (EvidenceKind.NOTICE, ("通知", "通报", "函")),
    (EvidenceKind.LEDGER, ("台账", "清单", "明细")),
    (EvidenceKind.PHOTO, ("照片", "图片", "现场")),
)
_MAGIC = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
          (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"), (b"BM", "image/bmp"))


def _kind(value: EvidenceKind | str) -> EvidenceKind:
    try:
        return EvidenceKind(value)
    except ValueError:
        choices = "、".join(k.value for k in EvidenceKind)
        raise ValidationError(f"无法识别的材料类型“{value}”，应为：{choices}", field="kind") from None


def guess_kind(file_name: str, media_type: str) -> EvidenceKind:
    """Images are photos; otherwise the kind word nearest the end of the name wins, as Chinese
    document titles end with their type (关于印发……方案的通知 is a 通知)."""
    if media_type.startswith("image/"):
        return EvidenceKind.PHOTO
    best, where = EvidenceKind.OTHER, -1
    for kind, words in _KIND_WORDS:
        for w in words:
            at = file_name.rfind(w)
            if at > where:
                best, where = kind, at
    return best


def _media_type(file_name: str, head: bytes) -> str:
    """The type the bytes say (PDF, PNG, JPEG ...), else the one the extension suggests."""
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    guessed, _ = mimetypes.guess_type(file_name, strict=False)
    return guessed or "application/octet-stream"


def _doc_number(value: Any) -> str:
    text = clean_line(str(value) if value is not None else "")
    if len(text) > 200:
        raise ValidationError(f"文号过长（{len(text)} 字，最多 200 字）", field="doc_number")
    return text


# -- editing and removing -----------------------------------------------------------------------
EDITABLE = ("title", "kind", "doc_number", "doc_date", "reviewed", "review_note")


def _get(s: Session, evidence_id: int) -> Evidence:
    found = s.get(Evidence, evidence_id)
    if found is None:
        raise NotFound(f"佐证材料 {evidence_id} 不存在", field="evidence")
    return found


def _campaign_of(s: Session, e: Evidence) -> tuple[int, int, int | None]:
    """(campaign id, problem id, measure id) of an evidence row."""
    if e.measure_id is not None:
        m = services.get_measure(s, e.measure_id)
        return m.problem.campaign_id, m.problem_id, m.id
    assert e.problem_id is not None
    p = services.get_problem(s, e.problem_id)
    return p.campaign_id, p.id, None


def _new_value(key: str, value: Any) -> Any:
    if key == "title":
        return validation.title(value, "title", "材料标题")
    if key == "kind":
        return _kind(value)
    if key == "doc_number":
        return _doc_number(value)
    if key == "doc_date":
        return validation.day(value, "doc_date", "成文日期")
    if key == "reviewed":
        return bool(value)
    if key == "review_note":
        return validation.text(value, "review_note", "审核意见")
    raise ValidationError(f"未知字段 {key}", field=key)


def update_evidence(reg: Register, evidence_id: int, **fields: Any) -> Changes:
    """Edit the metadata of one evidence row (the file itself never changes)."""
    with reg.transaction() as s:
        e = _get(s, evidence_id)
        if e.removed_at is not None:
            raise ValidationError("该佐证材料已删除，不能修改", field="evidence")
        campaign_id, problem_id, measure_id = _campaign_of(s, e)
        for key, value in fields.items():
            new = _new_value(key, value)
            old = getattr(e, key)
            if old != new:
                setattr(e, key, new)
                changelog.log(s, reg, "update", "evidence", e.id, campaign_id, key, old, new)
        return _changes(campaign_id, problem_id, measure_id)


def remove_evidence(reg: Register, evidence_id: int) -> Changes:
    """Take an evidence row off its item; the file stays in the store until `check --prune`."""
    with reg.transaction() as s:
        e = _get(s, evidence_id)
        if e.removed_at is not None:
            raise ValidationError("该佐证材料已删除", field="evidence")
        campaign_id, problem_id, measure_id = _campaign_of(s, e)
        e.removed_at = datetime.now()
        changelog.log(s, reg, "delete", "evidence", e.id, campaign_id, "title", e.title, "")
        changes = _changes(campaign_id, problem_id, measure_id)
        return changes | Changes(deleted=frozenset({("evidence", evidence_id)}))


def restore_evidence(reg: Register, evidence_id: int) -> Changes:
    """Undo a removal, while the file is still in the store (before `check --prune`)."""
    with reg.transaction() as s:
        e = _get(s, evidence_id)
        if e.removed_at is None:
            raise ValidationError("该佐证材料未被删除", field="evidence")
        if not blob_path(reg.path, e.sha256).exists():
            raise RectDeskError("文件已被清理，无法恢复；请重新添加原件", file=e.file_name)
        campaign_id, problem_id, measure_id = _campaign_of(s, e)
        e.removed_at = None
        changelog.log(s, reg, "restore", "evidence", e.id, campaign_id, "title", "", e.title)
        changes = _changes(campaign_id, problem_id, measure_id)
        return changes | Changes(created=frozenset({("evidence", evidence_id)}))


def _changes(campaign_id: int, problem_id: int, measure_id: int | None) -> Changes:
    return Changes(campaigns=frozenset({campaign_id}), problems=frozenset({problem_id}),
                   measures=frozenset({measure_id}) if measure_id else frozenset())


# -- reading ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceRow:
    id: int
    problem_id: int  # the problem it belongs to, directly or through its measure
    measure_id: int | None
    owner: str  # 问题 7 / 措施 7.2
    title: str
    kind: EvidenceKind
    file_name: str
    size: int
    media_type: str
    sha256: str
    doc_number: str = ""
    doc_date: date | None = None
    added_by: str = ""
    added_at: datetime | None = None
    reviewed: bool = False
    review_note: str = ""
    removed_at: datetime | None = None
    sort_key: tuple[int, int, int] = field(default=(0, 0, 0), compare=False)


def list_evidence(reg: Register, *, problem_id: int | None = None, measure_id: int | None = None,
                  include_measures: bool = True, include_removed: bool = False) -> list[EvidenceRow]:
    """Evidence of one measure, or of one problem (with its measures' unless told otherwise)."""
    with reg.reading() as s:
        problem, measure = _owner(s, problem_id, measure_id)
        measures = {m.id: m for m in problem.measures}
        if measure is not None:
            cond = Evidence.measure_id == measure.id
        elif include_measures and measures:
            cond = (Evidence.problem_id == problem.id) | Evidence.measure_id.in_(list(measures))
        else:
            cond = Evidence.problem_id == problem.id
        q = select(Evidence).where(cond)
        if not include_removed:
            q = q.where(Evidence.removed_at.is_(None))
        rows = [_row(e, problem, measures.get(e.measure_id or -1)) for e in s.scalars(q)]
    return sorted(rows, key=lambda r: r.sort_key)


def campaign_has_evidence(reg: Register, campaign_id: int) -> bool:
    """Whether any problem or measure of the campaign has evidence not removed."""
    from sqlalchemy import exists, or_

    with reg.reading() as s:
        problems = select(Problem.id).where(Problem.campaign_id == campaign_id)
        measures = select(Measure.id).where(Measure.problem_id.in_(problems))
        owned = or_(Evidence.problem_id.in_(problems), Evidence.measure_id.in_(measures))
        return bool(s.scalar(select(exists().where(owned, Evidence.removed_at.is_(None)))))


def get_evidence(reg: Register, evidence_id: int) -> EvidenceRow:
    with reg.reading() as s:
        e = _get(s, evidence_id)
        if e.measure_id is not None:
            m = services.get_measure(s, e.measure_id)
            return _row(e, m.problem, m)
        assert e.problem_id is not None
        return _row(e, services.get_problem(s, e.problem_id), None)


def _row(e: Evidence, problem: Problem, measure: Measure | None) -> EvidenceRow:
    return EvidenceRow(
        id=e.id, problem_id=problem.id, measure_id=e.measure_id,
        owner=owner_label(problem, measure), title=e.title, kind=e.kind, file_name=e.file_name,
        size=e.size, media_type=e.media_type, sha256=e.sha256, doc_number=e.doc_number,
        doc_date=e.doc_date, added_by=e.added_by, added_at=e.added_at, reviewed=e.reviewed,
        review_note=e.review_note, removed_at=e.removed_at,
        sort_key=(measure.position if measure else 0, 0, e.id))


# -- opening a copy -----------------------------------------------------------------------------
OPEN_DIR = "rectdesk-open"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def open_copy(reg: Register, evidence_id: int) -> Path:
    """A read-only temporary copy of the file under its original name, checked against its
    hash, for the system viewer: nobody edits the stored file by accident."""
    row = get_evidence(reg, evidence_id)
    source = blob_path(reg.path, row.sha256)
    if not source.exists():
        raise RectDeskError("佐证材料文件缺失，请运行“检查台账”", file=row.file_name)
    base = Path(tempfile.gettempdir()) / OPEN_DIR
    _sweep(base)
    folder = base / f"{evidence_id}-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    target = folder / _plain_name(row.file_name, row.sha256)
    h = hashlib.sha256()
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(CHUNK):
            h.update(chunk)
            dst.write(chunk)
    if h.hexdigest() != row.sha256:
        target.unlink()
        raise RectDeskError("佐证材料文件已被改动（校验值不符），请运行“检查台账”", file=row.file_name)
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return target


def _plain_name(file_name: str, sha256: str) -> str:
    """The original name without anything a file system could choke on (the export uses the
    fuller rules of exchange.safe_names; the store may not import exchange)."""
    name = _UNSAFE.sub("_", file_name).strip(" .")[:120]
    return name or sha256[:12]


def _sweep(base: Path, max_age: float = 24 * 3600) -> None:
    """Delete copies opened more than a day ago (the viewer has long let go of them)."""
    if not base.is_dir():
        return
    cutoff = time.time() - max_age
    for folder in base.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                for f in folder.iterdir():
                    _make_writable(f)
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
