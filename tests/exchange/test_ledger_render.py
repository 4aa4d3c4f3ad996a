"""The ledger as LibreOffice prints it: row heights against the rendered text, page breaks."""

from __future__ import annotations

import copy
import random
import re
import statistics
import subprocess
from dataclasses import replace
from datetime import date

import pytest
import xlsxwriter

from rectdesk.exchange import cells
from rectdesk.exchange.ledger_xlsx import COLUMNS, LedgerOptions, ledger_sheets, write_ledger
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


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _ten_times(campaign):  # type: ignore[no-untyped-def]
    """The demo's problems ten times over, numbered on (310 problems, 630 measures)."""
    big = copy.deepcopy(campaign)
    n = len(campaign.problems)
    big.problems = [replace(copy.deepcopy(p), number=k * n + p.number)
                    for k in range(10) for p in campaign.problems]
    return big


@pytest.mark.skipif(not _carlito(), reason="needs fonts-crosextra-carlito (Calibri's metrics)")
@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_every_printed_page_says_which_problem_it_shows(demo_register, tmp_path, paper):
    """Ten times the demo, rendered by LibreOffice: on every page of the ledger the first row
    under the repeated header carries a 序号 and a 反馈问题 (the problem's own, or its （续）)."""
    out = tmp_path / f"台账{paper}.xlsx"
    write_ledger(_ten_times(load_campaign(demo_register, 1)), out,
                 LedgerOptions(today=TODAY, paper=paper))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=600)
    layout = subprocess.run(["pdftotext", "-bbox", str(out.with_suffix(".pdf")), "-"],
                            capture_output=True, text=True, check=True).stdout
    ledger_pages, continued = 0, 0
    for page in re.findall(r"<page.*?</page>", layout, re.S):
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(page)]
        head = {w: (x0, y0, x1, y1) for x0, y0, x1, y1, w in words}
        if "整改措施" not in head or "序号" not in head:
            continue  # the summary and overdue sheets
        ledger_pages += 1
        top = head["序号"][3]
        category_x0, category_x1, measure_x0 = head["问题类别"][0], head["问题类别"][2], head["整改措施"][0]
        below = [w for w in words if w[1] > top + 1 and w[1] < top + 400]
        number = [w for w in below if w[2] < category_x0]
        problem = sorted((w for w in below if category_x1 < w[0] < measure_x0), key=lambda w: w[1])
        assert number, f"page {ledger_pages}: no 序号"
        assert problem and problem[0][1] - top < 12, f"page {ledger_pages}: no 反馈问题 in its first row"
        continued += any("续" in w[4] for w in number)
    assert ledger_pages > 30 and continued > 5
