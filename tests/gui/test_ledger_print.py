"""文件 -> 打印台账: printed to a PDF file, the pages carry the header, marking and page numbers."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from rectdesk.exchange.ledger_xlsx import LedgerFilter, LedgerOptions
from rectdesk.gui.ledger_print import ledger_html, preview_dialog, print_ledger, setup_printer
from rectdesk.store import services
from rectdesk.store.queries import load_campaign


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    # pdftotext names some CJK glyphs by their radical (⻚ for 页): NFKC and this map undo that.
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans("⻚⻅⻓", "页见长"))
    return [p for p in text.split("\f") if p.strip()]


def printer_to(path: Path, paper: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    setup_printer(printer, paper)
    return printer


def test_printed_ledger_repeats_header_and_marking_on_every_page(qtbot, demo_register, tmp_path):
    services.update_campaign(demo_register, 1, marking="内部资料 注意保存")
    campaign = load_campaign(demo_register, 1)
    out = tmp_path / "ledger.pdf"
    printer = printer_to(out, "A4")
    assert printer.pageLayout().orientation().name == "Landscape"
    count = print_ledger(printer, campaign, LedgerOptions(paper="A4", today=date(2020, 11, 2)))
    pages = pdf_pages(out)
    assert count == len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert "内部资料 注意保存" in page
        assert "整改措施" in page and "整改时限" in page and "销号情况" in page  # the header row
        assert re.search(rf"第 {n} 页 共 {count} 页", page)
    assert "对派出机构管理还有缺失" in pages[0]
    assert "整改台账(截至2020年11月2日)" in pages[0]  # NFKC: half-width brackets


def test_a3_needs_fewer_pages_and_filters_apply(qtbot, demo_register, tmp_path):
    campaign = load_campaign(demo_register, 1)
    a4 = print_ledger(printer_to(tmp_path / "a4.pdf", "A4"), campaign, LedgerOptions(paper="A4"))
    a3 = print_ledger(printer_to(tmp_path / "a3.pdf", "A3"), campaign, LedgerOptions(paper="A3"))
    assert a3 < a4
    html = ledger_html(campaign, LedgerOptions(filter=LedgerFilter(leaders=("王强",))))
    assert "王强" in html and "张明" not in html


def test_preview_dialog_is_landscape(qtbot, demo_register):
    dialog = preview_dialog(None, load_campaign(demo_register, 1), LedgerOptions(paper="A3"))
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    assert dialog.printer().pageLayout().orientation().name == "Landscape"
    assert dialog.printer().pageLayout().pageSize().id().name == "A3"
