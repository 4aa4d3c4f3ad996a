"""`rectdesk export-ledger` and `rectdesk import-ledger` as a user runs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl

from rectdesk.cli import main

LEDGERS = Path(__file__).resolve().parents[1] / "fixtures" / "ledgers"


def dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_export_ledger_on_the_demo(demo_path, tmp_path, capsys):
    out = tmp_path / "台账.xlsx"
    code = main(["export-ledger", "--db", str(demo_path), "--out", str(out), "--paper", "A4",
                 "--as-of", "2020-11-02", "--marking", "内部资料 注意保存"])
    assert code == 0
    assert "31 个问题，63 条措施" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["整改台账", "汇总", "逾期清单"]
    ws = wb["整改台账"]
    assert ws.page_setup.paperSize == 9
    assert ws.oddHeader.left.text == "内部资料 注意保存"
    # The marking is kept on the campaign and used by the next export without the option.
    main(["export-ledger", "--db", str(demo_path), "--out", str(out), "--by", "department"])
    wb = openpyxl.load_workbook(out)
    assert "办公室" in wb.sheetnames
    assert wb["办公室"].oddHeader.left.text == "内部资料 注意保存"


def test_export_ledger_filters(demo_path, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["export-ledger", "--db", str(demo_path), "--out", str(out), "--leader", "张明",
                 "--status", "已完成", "--per-problem"]) == 0
    ws = openpyxl.load_workbook(out)["整改台账"]
    assert ws.max_row > 3
    assert all("张明" in ws.cell(r, 5).value for r in range(4, ws.max_row + 1))


def test_import_ledger_into_a_new_register(tmp_path, capsys):
    db = tmp_path / "new.rectdesk"
    code = main(["import-ledger", str(LEDGERS / "handmade_merged.xlsx"), "--db", str(db),
                 "--new-campaign", "区局巡察整改"])
    assert code == 0
    assert "4 个问题，8 条措施" in capsys.readouterr().out
    main(["summary", "--db", str(db), "--json"])
    assert '"measures": 8' in capsys.readouterr().out


def test_import_ledger_appends_to_an_existing_campaign(demo_path, capsys):
    assert main(["import-ledger", str(LEDGERS / "handmade_merged.xlsx"), "--db", str(demo_path),
                 "--campaign", "1"]) == 0
    capsys.readouterr()
    main(["summary", "--db", str(demo_path), "--json"])
    out = capsys.readouterr().out
    assert '"problems": 35' in out and '"campaigns": 1' in out


def test_bad_row_stops_the_import_and_leaves_the_register_unchanged(demo_path, capsys):
    before = dump(demo_path)
    code = main(["import-ledger", str(LEDGERS / "handmade_bad_deadline.xlsx"), "--db", str(demo_path),
                 "--campaign", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "工作表“台账”" in err and "第12行" in err and "G 完成时限" in err
    assert dump(demo_path) == before


def test_dry_run_writes_nothing(demo_path, tmp_path, capsys):
    before = dump(demo_path)
    assert main(["import-ledger", str(LEDGERS / "handmade_merged.xlsx"), "--db", str(demo_path),
                 "--dry-run"]) == 0
    assert "nothing written" in capsys.readouterr().out
    assert dump(demo_path) == before
    assert not (tmp_path / "other.rectdesk").exists()


def test_not_an_xlsx_is_one_line_and_exit_2(tmp_path, capsys):
    fake = tmp_path / "ledger.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    code = main(["import-ledger", str(fake), "--db", str(tmp_path / "r.rectdesk")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "不是 Excel 工作簿" in err
    assert not (tmp_path / "r.rectdesk").exists()


def test_a_named_sheet_without_a_header_is_refused_not_swapped(demo_path, tmp_path, capsys):
    """--sheet names a notes sheet beside the ledger: the CLI says so instead of quietly
    importing the other sheet."""
    book = openpyxl.load_workbook(LEDGERS / "handmade_merged.xlsx")
    notes = book.create_sheet("说明")
    notes["A1"] = "本表由各部门填写后报整改办"
    path = tmp_path / "two_sheets.xlsx"
    book.save(path)
    before = dump(demo_path)
    code = main(["import-ledger", str(path), "--db", str(demo_path), "--campaign", "1",
                 "--sheet", "说明"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "工作表“说明”" in err and "没有找到表头" in err
    assert dump(demo_path) == before
