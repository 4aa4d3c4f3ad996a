"""The hostile corpus as a user meets it: every bad input through the command line (issue 16).

Each case is one `rectdesk` command (import-bulletin, import-ledger, import-forms, restore,
attach) given one hostile input, run in a forked child (stderr captured, a CPU limit set) against
a fresh copy of the demo register (cleanly closed, forms issued). A case passes when the command
is refused with exit 2 and exactly one line on stderr (no traceback), within MAX_S seconds and
MAX_MB of memory, and the register's dump (every table, the evidence files) is what it was.

    cases = build_cases(folder)          # name -> argv (with {db} for the register)
    result = run_case(argv, register)    # exit code, stderr, seconds, peak MB, dump equal

tests/fuzz/test_hostile_cli.py runs every case; tests/benchmarks/hostile.py prints the totals.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import sqlite3
import struct
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import LAUGHS, MB, bomb, docx_bytes, rezip, with_doctype, xlsx_bytes, xxe  # noqa: E402
from conftest import add_traversal as _add_traversal  # noqa: E402

MAX_S = 2.0
MAX_MB = 300
CPU_LIMIT_S = 20  # a runaway child is killed by the kernel, not left to the test's timeout
WALL_LIMIT_S = 15  # and one that blocks (on a FIFO) is killed by the parent
BAD_NAME = os.fsdecode("bad-\xd5\xfb\xb8\xc4".encode("latin-1"))  # GBK bytes: not UTF-8


# -- building hostile packages -----------------------------------------------------------------------
def understated(original: bytes, member: str, megabytes: int) -> bytes:
    """`member` holds `megabytes` MB that deflate to almost nothing, while the zip's headers say
    it holds 1,000 bytes (with the CRC of those 1,000): zipfile inflates the whole block anyway."""
    payload = b"<" + b"\0" * (megabytes * MB)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(member, payload)
    return patch_sizes(out.getvalue(), member, 1000, zlib.crc32(payload[:1000]))


def patch_sizes(data: bytes, member: str, size: int, crc: int) -> bytes:
    """Rewrite `member`'s CRC and uncompressed size in its local and central headers."""
    buf = bytearray(data)
    name = member.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        offset = zf.getinfo(member).header_offset
    struct.pack_into("<L", buf, offset + 14, crc)
    struct.pack_into("<L", buf, offset + 22, size)
    central = 0  # scan the central directory for this entry
    while (central := buf.find(b"PK\x01\x02", central)) != -1:
        n = struct.unpack_from("<H", buf, central + 28)[0]
        if bytes(buf[central + 46:central + 46 + n]) == name:
            struct.pack_into("<L", buf, central + 16, crc)
            struct.pack_into("<L", buf, central + 24, size)
            break
        central += 4
    return bytes(buf)


def late_doctype(xml: bytes, doctype: str, ref: str, where: bytes) -> bytes:
    """A DOCTYPE after 6 KB of comment in the prolog: past a check of the first 4 KB only."""
    start = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    body = xml[start:].replace(where, where + ref.encode(), 1)
    return xml[:start] + b"<!--" + b" " * 6000 + b"-->" + doctype.encode() + body


def utf16_doctype(xml: bytes, doctype: str, ref: str, where: bytes) -> bytes:
    text = with_doctype(xml, doctype, ref, where).decode("utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("encoding='UTF-8'", "encoding='UTF-16'")
    return text.encode("utf-16")


def corrupt_member(original: bytes, member: str) -> bytes:
    """Flip bytes inside `member`'s compressed data: the zip still opens, the data is bad."""
    with zipfile.ZipFile(io.BytesIO(original)) as zf:
        info = zf.getinfo(member)
    buf = bytearray(original)
    name_len, extra_len = struct.unpack_from("<HH", buf, info.header_offset + 26)
    data = info.header_offset + 30 + name_len + extra_len
    for k in range(data + 10, data + min(info.compress_size, 200), 7):
        buf[k] ^= 0x5A
    return bytes(buf)


def many_entries(original: bytes, count: int = 10_050) -> bytes:
    def add(zf: zipfile.ZipFile) -> None:
        for i in range(count):
            zf.writestr(f"customXml/filler{i}.xml", "<a/>")
    return rezip(original, extra=add)


def other_method(original: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == member else zipfile.ZIP_DEFLATED
            dst.writestr(info.filename, src.read(info.filename), compress_type=method)
    return out.getvalue()


def without(original: bytes, prefix: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not info.filename.startswith(prefix):
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def nested(original: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("inner.zip", original)
    return out.getvalue()


def package_kinds(good: bytes, main: str, anchor: bytes, secret: Path) -> dict[str, bytes]:
    """The bad variants of one Office package (.docx or .xlsx); `main` is its main XML part."""
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        xml = z.read(main)
    root_open = xml[: xml.index(anchor)]
    return {
        "not-a-zip": "这不是压缩包，只是改了扩展名的文字。\n".encode() * 20,
        "binary-noise": bytes(range(256)) * 64,
        "empty": b"",
        "ole2-header": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "truncated": good[: len(good) // 2],
        "truncated-end": good[:-30],
        "bomb-honest-headers": bomb(good, main, root_open, 120, b"/>"),
        "bomb-understated-headers": understated(good, main, 200),
        "billion-laughs": rezip(good, {main: with_doctype(xml, LAUGHS, "&lol9;", anchor)}),
        "billion-laughs-after-4kb": rezip(good, {main: late_doctype(xml, LAUGHS, "&lol9;", anchor)}),
        "external-entity": rezip(good, {main: with_doctype(xml, xxe(secret), "&xxe;", anchor)}),
        "external-entity-after-4kb": rezip(good, {main: late_doctype(xml, xxe(secret), "&xxe;", anchor)}),
        "doctype-utf16": rezip(good, {main: utf16_doctype(xml, LAUGHS, "&lol9;", anchor)}),
        "truncated-main-xml": rezip(good, {main: xml[: len(xml) * 2 // 3]}),
        "corrupt-deflate": corrupt_member(good, main),
        "ten-thousand-entries": many_entries(good),
        "bzip2-member": other_method(good, main),
        "main-part-missing": without(good, main),
        "zip-in-zip": nested(good),
        "traversal": rezip(good, extra=_add_traversal),
    }


# -- the cases ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]  # "{db}" stands for the register


def _special_paths(folder: Path) -> dict[str, Path]:
    """Paths that are not regular files, or whose names cannot be printed."""
    fifo = folder / "pipe.xlsx"
    if not fifo.exists():
        os.mkfifo(fifo)
    sub = folder / "a-folder.docx"
    sub.mkdir(exist_ok=True)
    dangling = folder / "dangling.xlsx"
    if not dangling.is_symlink():
        dangling.symlink_to(folder / "nowhere.xlsx")
    to_fifo = folder / "link-to-pipe.docx"
    if not to_fifo.is_symlink():
        to_fifo.symlink_to(fifo)
    return {"fifo": fifo, "folder": sub, "missing": folder / "missing.xlsx", "device": Path("/dev/zero"),
            "dangling-link": dangling, "link-to-fifo": to_fifo}


def _bad_name(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / f"{BAD_NAME}{suffix}"
    path.write_bytes(data)
    return path


def build_cases(folder: Path, register: Path, form: Path) -> list[Case]:
    """Write every hostile input into `folder`; `register` is the demo (with forms issued) and
    `form` a genuine form it issued."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "secret.txt"
    secret.write_text("绝密-XXE-标记-7f3a", encoding="utf-8")
    good_docx, good_xlsx = docx_bytes(), xlsx_bytes()
    cases: list[Case] = []

    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    docx_kinds = package_kinds(good_docx, "word/document.xml", "一是制定学习计划".encode(), secret)
    xlsx_kinds = package_kinds(good_xlsx, "xl/worksheets/sheet1.xml", b"<sheetData>", secret)
    for kind, data in docx_kinds.items():
        cases.append(Case(f"import-bulletin/{kind}.docx",
                          ("import-bulletin", str(write(f"{kind}.docx", data)), "--db", "{db}")))
    for kind, data in xlsx_kinds.items():
        path = str(write(f"{kind}.xlsx", data))
        cases.append(Case(f"import-ledger/{kind}.xlsx", ("import-ledger", path, "--db", "{db}")))
        cases.append(Case(f"import-forms/{kind}.xlsx", ("import-forms", path, "--db", "{db}")))
    cases += _text_cases(folder, good_xlsx, good_docx)
    cases += _form_cases(folder, form)
    cases += _restore_cases(folder, register)
    specials = _special_paths(folder)
    for what, path in specials.items():
        for command in ("import-bulletin", "import-ledger", "import-forms", "restore"):
            cases.append(Case(f"{command}/{what}", (command, str(path), "--db", "{db}")))
        if what != "folder":  # a folder is expanded by attach: see below
            cases.append(Case(f"attach/{what}", ("attach", "--measure", "1.1", str(path), "--db", "{db}")))
    bad = {"import-bulletin": _bad_name(folder, "一、整改落实情况\n".encode(), ".txt"),
           "import-ledger": _bad_name(folder, good_xlsx, ".xlsx"),
           "import-forms": _bad_name(folder, form.read_bytes(), "-form.xlsx"),
           "restore": _bad_name(folder, register.read_bytes(), ".rectdesk")}
    for command, path in bad.items():
        cases.append(Case(f"{command}/non-utf8-name", (command, str(path), "--db", "{db}")))
    cases += _attach_cases(folder, specials)
    return cases


def _text_cases(folder: Path, good_xlsx: bytes, good_docx: bytes) -> list[Case]:
    files = {
        "noise.txt": os.urandom(64 * 1024),
        "no-problems.txt": "会议纪要\n今天天气很好。\n".encode(),
        "too-large.txt": b"x" * (51 * MB),
        "fake.pdf": b"%PDF-1.7\n" + os.urandom(20_000),
        "workbook-as-bulletin.docx": good_xlsx,
        "empty.txt": b"",
        "utf16-garbage.txt": "\ufeff".encode("utf-16-le") + os.urandom(5000),
    }
    out = [Case(f"import-bulletin/{n}", ("import-bulletin", str(_w(folder, n, d)), "--db", "{db}"))
           for n, d in files.items()]
    doc = _w(folder, "document-as-ledger.xlsx", good_docx)
    out.append(Case("import-ledger/document-as-ledger.xlsx", ("import-ledger", str(doc), "--db", "{db}")))
    out.append(Case("import-forms/document-as-form.xlsx", ("import-forms", str(doc), "--db", "{db}")))
    out.append(Case("import-forms/plain-workbook.xlsx",
                    ("import-forms", str(_w(folder, "plain.xlsx", good_xlsx)), "--db", "{db}")))
    return out


def _w(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _form_cases(folder: Path, form: Path) -> list[Case]:
    """A genuine issued form, tampered with the ways a department (or an attacker) could."""
    import openpyxl

    from rectdesk.exchange import feedback_forms as ff

    form_id = ff.read_form(form).form_id

    def edited(name: str, change) -> Path:  # type: ignore[no-untyped-def]
        wb = openpyxl.load_workbook(form)
        change(wb, wb[ff.FORM_SHEET])
        target = folder / name
        wb.save(target)
        return target

    def stamp_current(wb, ws) -> None:  # type: ignore[no-untyped-def]
        parts = ws["A4"].value.split("|")  # the unkeyed stamp anyone can compute, current version
        ws["A4"] = ff.stamp(form_id, int(parts[1]), int(parts[2]), int(parts[3]))
        ws["H4"], ws["I4"] = "倒退的进展", "正在推进"

    def forged_mac(wb, ws) -> None:  # type: ignore[no-untyped-def]
        parts = ws["A4"].value.split("|")
        ws["A4"] = "|".join(parts[:2] + [str(int(parts[2]) + 1), parts[3], "0123456789abcdef"])
        ws["H4"] = "伪造"

    def swapped(wb, ws) -> None:  # type: ignore[no-untyped-def]
        ws["A4"], ws["A5"] = ws["A5"].value, ws["A4"].value
        ws["H4"] = "进展"

    def other_register(wb, ws) -> None:  # type: ignore[no-untyped-def]
        meta = wb[ff.META_SHEET]
        for row in meta.iter_rows():
            if row[0].value == "register_id":
                row[1].value = "00000000-0000-0000-0000-000000000000"
        ws["H4"] = "进展"

    def moved_column(wb, ws) -> None:  # type: ignore[no-untyped-def]
        ws.insert_cols(2)

    def no_meta(wb, ws) -> None:  # type: ignore[no-untyped-def]
        del wb[ff.META_SHEET]

    def protected_edit(wb, ws) -> None:  # type: ignore[no-untyped-def]
        ws["D4"] = "改过的措施内容"
        ws["H5"] = "其他行的进展"

    tampered = {"forged-stamp-current-version": stamp_current, "forged-keyed-stamp": forged_mac,
                "swapped-stamps": swapped, "another-register": other_register,
                "column-inserted": moved_column, "metadata-sheet-removed": no_meta,
                "protected-cell-edited": protected_edit}
    out = [Case(f"import-forms/{n}", ("import-forms", str(edited(f"form-{n}.xlsx", f)), "--db", "{db}"))
           for n, f in tampered.items()]
    good = form.read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    variants = {
        "form-truncated-sheet-xml": rezip(good, {"xl/worksheets/sheet1.xml": sheet[: len(sheet) // 2]}),
        "form-doctype-after-4kb": rezip(good, {"xl/worksheets/sheet1.xml": late_doctype(
            sheet, LAUGHS, "", b"<sheetData>")}),
        "form-understated-sizes": understated(good, "xl/worksheets/sheet1.xml", 200),
    }
    out += [Case(f"import-forms/{n}", ("import-forms", str(_w(folder, f"{n}.xlsx", d)), "--db", "{db}"))
            for n, d in variants.items()]
    return out


def _restore_cases(folder: Path, register: Path) -> list[Case]:
    from rectdesk.store.register import Register

    good = register.read_bytes()
    damaged = bytearray(good)
    damaged[len(good) // 2: len(good) // 2 + 4096] = os.urandom(4096)
    newer = _w(folder, "newer-schema.rectdesk", good)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    plain = folder / "plain-sqlite.rectdesk"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    foreign = folder / "another-register.rectdesk"
    if not foreign.exists():
        with Register.open(foreign, operator="别人") as reg:
            from rectdesk.store import services

            services.create_campaign(reg, "别人的整改任务")
    files = {
        "text.rectdesk": "这不是数据库".encode() * 100,
        "empty.rectdesk": b"",
        "truncated.rectdesk": good[: len(good) // 3],
        "damaged-page.rectdesk": bytes(damaged),
        "docx-renamed.rectdesk": docx_bytes(),
    }
    out = [Case(f"restore/{n}", ("restore", str(_w(folder, n, d)), "--db", "{db}")) for n, d in files.items()]
    for path in (newer, plain, foreign):
        out.append(Case(f"restore/{path.name}", ("restore", str(path), "--db", "{db}")))
    out.append(Case("restore/the-register-itself", ("restore", "{db}", "--db", "{db}")))
    return out


def _attach_cases(folder: Path, specials: dict[str, Path]) -> list[Case]:
    with_fifo = folder / "folder-with-a-pipe"
    with_fifo.mkdir(exist_ok=True)
    (with_fifo / "ok.pdf").write_bytes(b"%PDF-1.4 fine")
    if not (with_fifo / "pipe.pdf").exists():
        os.mkfifo(with_fifo / "pipe.pdf")
    with_bad = folder / "folder-with-bad-name"
    with_bad.mkdir(exist_ok=True)
    (with_bad / "ok.pdf").write_bytes(b"%PDF-1.4 fine")
    _bad_name(with_bad, b"%PDF-1.4 bad name", ".pdf")
    bad = _bad_name(folder, b"%PDF-1.4 evidence", ".pdf")
    attach = ("attach", "--measure", "1.1")
    return [Case("attach/folder-with-a-pipe", (*attach, str(with_fifo), "--db", "{db}")),
            Case("attach/folder-with-a-non-utf8-name", (*attach, str(with_bad), "--db", "{db}")),
            Case("attach/non-utf8-name", (*attach, str(bad), "--db", "{db}")),
            Case("attach/good-file-then-pipe", (*attach, str(with_fifo / "ok.pdf"), str(specials["fifo"]),
                                                "--db", "{db}"))]


# -- running one case ---------------------------------------------------------------------------------
def dump(register: Path) -> tuple[object, ...]:
    """Every table's rows and the evidence files: what a user could lose."""
    from rectdesk.store.evidence import store_root

    con = sqlite3.connect(f"file:{register}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        rows = tuple((t, tuple(sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))))) for t in tables)
    finally:
        con.close()
    root = store_root(register)
    files = tuple(sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())) if root.exists() else ()
    return rows, files


@dataclass
class Result:
    code: int
    stderr: str
    seconds: float
    peak_mb: float
    unchanged: bool

    @property
    def clean(self) -> bool:
        return (self.code == 2 and self.stderr.count("\n") == 1 and "Traceback" not in self.stderr
                and self.seconds < MAX_S and self.peak_mb < MAX_MB and self.unchanged)


def _read_until(fd: int, deadline: float, pid: int) -> bytes:
    """The child's stderr; a child still running at the deadline (a FIFO opened for reading
    blocks without using CPU) is killed."""
    import select
    import signal

    chunks = []
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.perf_counter()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                chunks.append(f"\n(killed after {WALL_LIMIT_S:.0f} s)\n".encode())
                break
            data = os.read(fd, 65536)
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_case(case: Case, template: Path, workdir: Path) -> Result:
    """Copy the register, run the command in a forked child, compare the dump."""
    from rectdesk.cli import main
    try:
        from rectdesk.store.marker import marker_path
    except ImportError:  # the benchmark also runs against older checkouts
        from rectdesk.store import recovery

        marker_path = getattr(recovery, "marker_path", None)

    workdir.mkdir(parents=True, exist_ok=True)
    register = workdir / "台账.rectdesk"
    shutil.copy2(template, register)
    if marker_path is not None:
        closed = marker_path(template)
        if closed.exists():
            shutil.copy2(closed, marker_path(register))
    before = dump(register)
    argv = [a.replace("{db}", str(register)) for a in case.argv]
    read_fd, write_fd = os.pipe()
    baseline = _rss()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: the command, with its stderr into the pipe
        code = 70
        try:
            os.close(read_fd)
            os.dup2(write_fd, 2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S))
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", buffering=0), encoding="utf-8",
                                          write_through=True)
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
            os.chdir(workdir)
            code = main(argv)
        except BaseException:  # noqa: BLE001 - a traceback on stderr is the failure we look for
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_fd)
    err = _read_until(read_fd, started + WALL_LIMIT_S, pid).decode("utf-8", "replace")
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    peak = max(0, usage.ru_maxrss * 1024 - baseline) / MB
    unchanged = register.exists() and dump(register) == before
    return Result(code, err, seconds, peak, unchanged)


def prepare(folder: Path) -> tuple[Path, Path]:
    """The demo register, cleanly closed, with the department forms issued; and one form."""
    from rectdesk.commands.register_cmds import create_demo
    from rectdesk.exchange import feedback_forms as ff
    from rectdesk.store import forms
    from rectdesk.store.register import Register

    folder.mkdir(parents=True, exist_ok=True)
    register = folder / "demo.rectdesk"
    if not register.exists():
        create_demo(register)
        with Register.open(register, operator="测试") as reg:
            report = forms.issue_forms(reg, 1, folder, date(2020, 11, 9), write=ff.write_form,
                                       name=ff.form_file_name, today=date(2020, 11, 2))
        for f in report.forms[1:]:
            f.path.unlink()
    form = next(folder.glob("*反馈表*.xlsx"))
    return register, form


def preload() -> None:
    """Import what the commands import before forking, so a child's memory is the input's doing."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401

    import rectdesk.cli
    import rectdesk.exchange.bulletin_import
    import rectdesk.exchange.feedback_forms
    import rectdesk.exchange.ledger_import
    import rectdesk.store.evidence
    import rectdesk.store.forms  # noqa: F401

    rectdesk.cli.build_parser()
