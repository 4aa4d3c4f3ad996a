"""Files that are not sound .xlsx workbooks are refused with a clear message, before openpyxl."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from rectdesk.core.errors import ImportFormatError
from rectdesk.exchange.ledger_import import inspect_ledger, read_ledger
from rectdesk.exchange.xlsx_guard import check_xlsx

HANDMADE = Path(__file__).resolve().parents[1] / "fixtures" / "ledgers" / "handmade_merged.xlsx"


def refused(path: Path, **limits) -> str:
    with pytest.raises(ImportFormatError) as info:
        check_xlsx(path, **limits)
    return str(info.value)


def test_sound_workbook_passes():
    check_xlsx(HANDMADE)


def test_text_file_is_not_a_workbook(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_text("序号,问题\n1,x\n", encoding="utf-8")
    assert "不是 Excel 工作簿" in refused(path)


def test_old_xls_is_named(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert ".xls" in refused(path)


def test_truncated_download_is_refused(tmp_path):
    data = HANDMADE.read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "不完整" in refused(path)


def test_zip_without_a_workbook_is_refused(tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    assert "没有工作簿" in refused(path)


def test_zip_bomb_is_refused_by_ratio_and_by_total_size(tmp_path):
    path = tmp_path / "bomb.xlsx"
    shutil.copy(HANDMADE, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/zeros.bin", b"\0" * (20 * 1024 * 1024))
    assert "压缩比异常" in refused(path)
    assert "超出上限" in refused(path, max_uncompressed=10 * 1024 * 1024, max_ratio=10**9)


def test_hostile_xml_entities_are_refused(tmp_path):
    path = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(HANDMADE) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # a "billion laughs" prolog
                data = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;">]>' + data)
            zout.writestr(item, data)
    with pytest.raises(ImportFormatError, match="不安全的 XML"):
        inspect_ledger(path)


def test_missing_file_and_missing_sheet(tmp_path):
    assert "不存在" in refused(tmp_path / "nope.xlsx")
    from rectdesk.exchange.ledger_import import LedgerLayout

    with pytest.raises(ImportFormatError, match="没有名为“其他”的工作表"):
        read_ledger(HANDMADE, LedgerLayout("其他", 3, {1: "problem"}))


def test_a_merge_over_a_million_rows_costs_nothing_up_front(tmp_path):
    import time

    path = tmp_path / "merge.xlsx"
    with zipfile.ZipFile(HANDMADE) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<mergeCell ref="B5:B7"/>',
                                    b'<mergeCell ref="B5:B7"/><mergeCell ref="B10:B1048576"/>')
            zout.writestr(item, data)
    start = time.process_time()
    result = read_ledger(path)
    assert time.process_time() - start < 5
    # Problem 3's cell now spans every row below it: problem 4's measures join problem 3.
    titles = [(p.title, len(p.measures)) for p in result.campaign.problems]
    assert titles == [("党组议事规则不健全", 3), ("意识形态工作责任制落实不到位", 1),
                      ('=HYPERLINK("http://x","y")', 4)]
