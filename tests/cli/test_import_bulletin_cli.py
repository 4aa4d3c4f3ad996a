"""`rectdesk import-bulletin FILE --db PATH` as a user runs it: a summary line or one error line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rectdesk.cli import main

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stored(db: Path):
    from rectdesk.store.queries import load_campaign
    from rectdesk.store.register import Register

    with Register.open(db) as reg:
        with reg.reading() as s:
            from rectdesk.store.models import Campaign

            cid = s.query(Campaign.id).scalar()
        return load_campaign(reg, cid)


@pytest.mark.parametrize(("name", "problems", "measures", "unparsed"), [
    ("feedback_sections_categories.gbk.txt", 4, 6, 0),
    ("plan_kv_blocks.txt", 3, 5, 4),
    ("plan_table.docx", 3, 5, 0),
    ("pdf_oneline.txt", 3, 5, 0),
])
def test_import_prints_the_summary_and_writes_the_register(capsys, tmp_path, name, problems, measures, unparsed):
    db = tmp_path / "r.rectdesk"
    code, out, err = run(capsys, "import-bulletin", str(FIX / name), "--db", str(db))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"imported: {problems} problems, {measures} measures, {unparsed} unparsed paragraphs"
    campaign = stored(db)
    assert len(campaign.problems) == problems and campaign.measure_count() == measures
    assert len(campaign.unparsed) == unparsed


def test_owners_and_deadlines_reach_the_register(capsys, tmp_path):
    db = tmp_path / "r.rectdesk"
    assert run(capsys, "import-bulletin", str(FIX / "plan_table.docx"), "--db", str(db))[0] == 0
    first = stored(db).problems[0].measures[1]
    assert (first.lead_department, first.cooperating, first.leaders) == ("办公室", ["法规处"], ["张某"])
    assert first.deadline.text == "2021年12月31日"


@pytest.mark.parametrize("content", [
    b"", b"   \n\n", "随便写的一句话，没有编号。".encode(), bytes(range(256)) * 4, b"%PDF-1.4 junk",
    "一、。\n（一）\n1.\n整改情况：".encode(), "\ufeff".encode(), "一、关于\x00问题".encode("utf-16"),
])
def test_any_text_exits_0_or_2_with_one_line_and_no_traceback(capsys, tmp_path, content):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "import-bulletin", str(path), "--db", str(tmp_path / "r.rectdesk"))
    assert code in (0, 2)
    assert "Traceback" not in out + err
    if code == 2:
        assert out == "" and len(err.strip().splitlines()) == 1 and "x.txt" in err
    else:
        assert out.startswith("imported: ")


def test_refused_file_leaves_no_register_behind(capsys, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("没有结构的文字。", encoding="utf-8")
    db = tmp_path / "r.rectdesk"
    assert run(capsys, "import-bulletin", str(path), "--db", str(db))[0] == 2
    assert not db.exists()


def test_a_zip_that_is_no_word_file_in_a_real_process(tmp_path):
    import zipfile

    path = tmp_path / "方案.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "x")
    proc = subprocess.run([sys.executable, "-m", "rectdesk", "import-bulletin", str(path), "--db",
                           str(tmp_path / "r.rectdesk")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "压缩包" in proc.stderr


def test_a_workbook_or_a_folder_gets_a_pointed_message(capsys, tmp_path):
    import xlsxwriter

    from rectdesk.cli import main

    book = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    wb.add_worksheet().write(0, 0, "序号")
    wb.close()
    assert main(["import-bulletin", str(book), "--db", str(tmp_path / "r.rectdesk")]) == 2
    assert "import-ledger" in capsys.readouterr().err
    folder = tmp_path / "通报们"
    folder.mkdir()
    assert main(["import-bulletin", str(folder), "--db", str(tmp_path / "r.rectdesk")]) == 2
    err = capsys.readouterr().err
    assert "这是一个文件夹" in err and "directory" not in err
    assert not (tmp_path / "r.rectdesk").exists()
