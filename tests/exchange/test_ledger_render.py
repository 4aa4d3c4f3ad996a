"""The ledger as LibreOffice prints it: row heights against the rendered text, page breaks."""

from __future__ import annotations

import random
import re
import statistics
import subprocess
from datetime import date

import pytest
import xlsxwriter

from rectdesk.exchange import cells
from rectdesk.exchange.ledger_xlsx import COLUMNS, LedgerOptions, ledger_sheets
from rectdesk.store.queries import load_campaign

TODAY = date(2020, 11, 2)
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def _carlito() -> bool:
    """Excel's column unit is Calibri's digit width; LibreOffice matches it only with Carlito."""
    found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
    return "Carlito" in found


def _samples(campaign) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    found = []
    for paper in ("A3", "A4"):
        options = LedgerOptions(today=TODAY, paper=paper)
        widths = options.widths()
        for group in ledger_sheets(campaign, options)[0].groups:
            for row in group.rows:
                found += [(row.values[c.key], widths[i]) for i, c in enumerate(COLUMNS)
                          if len(row.values[c.key]) > 6]
    return random.Random(18).sample(found, 60)


@pytest.mark.skipif(not _carlito(), reason="needs fonts-crosextra-carlito (Calibri's metrics)")
def test_estimated_row_heights_are_within_ten_percent_of_the_rendered_text(demo_register, tmp_path):
    """Each sample cell alone on a page at the ledger's font and column width; LibreOffice's PDF
    gives the lines it wrapped into and their height, compared with cells.row_height."""
    samples = _samples(load_campaign(demo_register, 1))
    path = tmp_path / "samples.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    fmt = wb.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "top"})
    for n, (text, width) in enumerate(samples):
        ws = wb.add_worksheet(f"s{n}")
        ws.set_column(0, 0, width)
        ws.write_string(0, 0, text, fmt)
        ws.write_string(0, 1, "X")  # marks where the column ends
        ws.set_row(0, 409)
        ws.set_paper(8)
        ws.set_landscape()
    wb.close()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(tmp_path / "samples.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    pages = re.findall(r"<page.*?</page>", layout, re.S)
    assert len(pages) == len(samples)
    ratios, cut = [], []
    for (text, width), page in zip(samples, pages, strict=True):
        lines = [tuple(map(float, m)) for m in _LINE.findall(page)]
        marker = max(x0 for x0, *_ in lines)
        body = [ln for ln in lines if ln[0] < marker - 1]
        rendered = max(ln[3] for ln in body) - min(ln[1] for ln in body) + cells.ROW_PADDING_PT
        ratios.append(cells.row_height([(text, width)], 10) / rendered)
        if len({round(ln[1]) for ln in body}) > cells.wrapped_lines(text, width):
            cut.append(text)
    assert not cut  # never fewer lines than LibreOffice wraps: no printed row cuts its text
    assert 0.95 <= statistics.median(ratios) <= 1.10
    assert sum(0.9 <= r <= 1.1 for r in ratios) >= 0.8 * len(ratios)
