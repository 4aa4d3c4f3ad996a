"""attach, export-evidence and check as a user types them, with their exit codes."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from rectdesk.cli import main
from rectdesk.store.evidence import list_evidence, store_root
from rectdesk.store.queries import resolve_measure
from rectdesk.store.register import Register


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_attach_export_and_check(capsys, demo_path, tmp_path):
    db = str(demo_path)
    minutes = _file(tmp_path, "党组会议纪要.pdf", b"%PDF-1.4 minutes")
    photo = _file(tmp_path, "现场.jpg", b"\xff\xd8\xff photo")
    code, out, _ = run(capsys, "attach", "--db", db, "--measure", "7.2", minutes, photo,
                       "--title", "整改落实材料", "--kind", "会议纪要", "--doc-number", "党组纪要〔2020〕3号")
    assert code == 0 and "措施 7.2 添加佐证材料 2 份" in out
    code, out, _ = run(capsys, "attach", "--db", db, "--problem", "7", minutes)
    assert code == 0 and "新存入文件 0 个" in out  # the same bytes are stored once
    with Register.open(demo_path) as reg:
        with reg.reading() as s:
            mid = resolve_measure(s, 1, "7.2")
        rows = list_evidence(reg, measure_id=mid)
    assert [(r.title, r.kind.value, r.doc_number) for r in rows] == [
        ("整改落实材料（1）", "会议纪要", "党组纪要〔2020〕3号"),
        ("整改落实材料（2）", "会议纪要", "党组纪要〔2020〕3号")]

    out_zip = tmp_path / "佐证材料汇编.zip"
    code, out, _ = run(capsys, "export-evidence", "--db", db, "--out", str(out_zip))
    assert code == 0 and "3 份" in out
    with zipfile.ZipFile(out_zip) as zf:
        names = zf.namelist()
        assert "07 市控入江支流治理成效不明显/01-党组会议纪要.pdf" in names
        assert zf.read("07 市控入江支流治理成效不明显/03-整改落实材料（2）.jpg") == b"\xff\xd8\xff photo"

    code, out, err = run(capsys, "check", "--db", db)
    assert (code, err) == (0, "") and out.splitlines()[-1] == "结论：正常"


def test_check_exits_1_listing_damage_and_prune_clears_orphans(capsys, demo_path, tmp_path):
    db = str(demo_path)
    orphan_db = tmp_path / "o.rectdesk"
    orphan_db.write_bytes(demo_path.read_bytes())
    data = b"will be deleted"
    run(capsys, "attach", "--db", db, "--measure", "1.1", _file(tmp_path, "a.txt", data))
    stored = store_root(demo_path) / hashlib.sha256(data).hexdigest()[:2] / hashlib.sha256(data).hexdigest()
    os.chmod(stored, 0o644)
    stored.unlink()
    code, _, err = run(capsys, "check", "--db", db)
    assert code == 1 and "文件缺失" in err and "措施 1.1《a》" in err

    orphan = store_root(orphan_db) / "ef" / ("ef" * 32)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"stray")
    code, _, err = run(capsys, "check", "--db", str(orphan_db), "--full")
    assert code == 1 and "多余文件" in err and "integrity_check" in err
    code, out, _ = run(capsys, "check", "--db", str(orphan_db), "--prune")
    assert code == 0 and "已清理文件 1 个" in out and not orphan.exists()


def test_usage_errors_exit_2(capsys, demo_path, tmp_path):
    db = str(demo_path)
    f = _file(tmp_path, "a.txt", b"a")
    assert run(capsys, "attach", "--db", db, f)[0] == 2  # neither --problem nor --measure
    assert run(capsys, "attach", "--db", db, "--problem", "1", "--measure", "1.1", f)[0] == 2
    code, _, err = run(capsys, "attach", "--db", db, "--measure", "99.1", f)
    assert code == 2 and "没有第 99 个问题" in err
    code, _, err = run(capsys, "attach", "--db", db, "--problem", "1", str(tmp_path / "none.pdf"))
    assert code == 2 and "none.pdf" in err and "不存在" in err
    assert run(capsys, "attach", "--db", db, "--problem", "1", f, "--kind", "录音")[0] == 2
    code, _, err = run(capsys, "check", "--db", str(tmp_path / "absent.rectdesk"))
    assert code == 2 and "不存在" in err
    code, _, err = run(capsys, "export-evidence", "--db", db, "--out", str(tmp_path / "p.zip"))
    assert code == 2 and "还没有佐证材料" in err
    code, _, err = run(capsys, "export-evidence", "--db", db, "--out", str(tmp_path / "no" / "p.zip"))
    assert code == 2


def test_check_runs_while_another_process_holds_the_register(capsys, demo_path):
    """The window keeps its register locked; a read-only check still runs, a prune refuses."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from rectdesk.store.register import Register; "
         "r = Register.open(sys.argv[1]); print('open', flush=True); sys.stdin.read()",
         str(demo_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        code, out, _ = run(capsys, "check", "--db", str(demo_path))
        assert code == 0 and "结论：正常" in out
        code, _, err = run(capsys, "check", "--db", str(demo_path), "--prune")
        assert code == 2 and err
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
