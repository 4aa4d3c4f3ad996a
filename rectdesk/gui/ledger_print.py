"""文件 -> 打印台账: the ledger printed straight from RectDesk, with a print preview.

    pages = print_ledger(printer, campaign, LedgerOptions(paper="A3"))

The rows are the Excel export's (`exchange.ledger_xlsx.ledger_sheets`), laid out as an HTML table
in a QTextDocument: its <thead> becomes the table's header rows, which Qt's layout repeats at the
top of every page.  Pages are painted one by one so each gets the campaign's marking at the top
left and "第 n 页 共 N 页" at the bottom, as the Excel ledger does.  Landscape, A3 or A4.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from rectdesk.exchange.ledger_texts import title_text
from rectdesk.exchange.ledger_xlsx import (
    COLUMNS,
    PROBLEM_KEYS,
    LedgerOptions,
    ledger_sheets,
)
from rectdesk.gui import palette

if TYPE_CHECKING:
    from rectdesk.core.model import CampaignData
    from rectdesk.store.register import Register

FONT_FAMILIES = ["SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"]
BODY_PT = 8.5
MARGIN_MM = 10.0
BAND_MM = 7.0  # room above and below the table for the marking and the page number


def ledger_html(campaign: CampaignData, options: LedgerOptions) -> str:
    """The ledger as one HTML document (every sheet of a split ledger, one after another)."""
    today = options.today or date.today()
    widths = options.widths()
    total = sum(widths)
    head = "".join(f'<th width="{w / total:.1%}">{escape(c.header)}</th>'
                   for c, w in zip(COLUMNS, widths, strict=True))
    parts = [f'<p align="center" style="font-size:14pt; font-weight:bold">'
             f"{escape(title_text(campaign, today))}</p>"]
    for sheet in ledger_sheets(campaign, options):
        if len(parts) > 1 or options.split_by:
            parts.append(f'<p style="font-weight:bold">{escape(sheet.name)}</p>')
        parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%" '
                     f'style="border-collapse:collapse; border-color:{palette.RULE}">')
        parts.append(f'<thead><tr style="background:{palette.HEADER_TINT}">{head}</tr></thead><tbody>')
        for group in sheet.groups:
            span = len(group.rows)
            for i, row in enumerate(group.rows):
                shade = f' style="background:{palette.OVERDUE_TINT}"' if row.overdue else ""
                cells = []
                for c in COLUMNS:
                    if c.key in PROBLEM_KEYS and span > 1:
                        if i:
                            continue
                        attrs = f' rowspan="{span}"'
                    else:
                        attrs = shade
                    align = ' align="center"' if c.centred else ""
                    text = escape(row.values.get(c.key, "")).replace("\n", "<br>")
                    cells.append(f"<td{attrs}{align}>{text}</td>")
                parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    return "".join(parts)


def setup_printer(printer: QPrinter, paper: str) -> None:
    """Landscape A3/A4 with narrow margins (the marking and page number sit inside them)."""
    size = QPageSize(QPageSize.PageSizeId.A4 if paper == "A4" else QPageSize.PageSizeId.A3)
    layout = QPageLayout(size, QPageLayout.Orientation.Landscape,
                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                         QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)


def _document(printer: QPrinter, html: str, size: QSizeF) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)  # lay out in the printer's resolution
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setPageSize(size)  # a page size makes the layout paginate and repeat the <thead>
    return doc


def print_ledger(printer: QPrinter, campaign: CampaignData, options: LedgerOptions,
                 marking: str | None = None) -> int:
    """Paint the ledger on `printer` (set up by the caller or setup_printer); return the pages."""
    marking = campaign.marking if marking is None else marking
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    band = BAND_MM / 25.4 * printer.resolution()
    body = QRectF(0, band, page.width(), page.height() - 2 * band)
    doc = _document(printer, ledger_html(campaign, options), body.size())
    count = doc.pageCount()
    small = QFont()
    small.setFamilies(FONT_FAMILIES)
    small.setPointSizeF(9)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for n in range(count):
            if n:
                printer.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - n * body.height())
            doc.drawContents(painter, QRectF(0, n * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(small)
            if marking:
                painter.drawText(QRectF(0, 0, page.width(), band),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, marking)
            footer = f"第 {n + 1} 页 共 {count} 页"
            painter.drawText(QRectF(0, page.height() - band, page.width(), band),
                             Qt.AlignmentFlag.AlignCenter, footer)
    finally:
        painter.end()
    return count


def preview_dialog(parent: QWidget | None, campaign: CampaignData,
                   options: LedgerOptions) -> QPrintPreviewDialog:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, options.paper)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog._printer = printer  # type: ignore[attr-defined]  # the dialog does not own it: keep it alive
    dialog.setWindowTitle(QCoreApplication.translate("LedgerPrint", "打印台账"))
    dialog.paintRequested.connect(lambda p: print_ledger(p, campaign, options))
    dialog.resize(1100, 800)
    return dialog


def open_print_preview(parent: QWidget, reg: Register, campaign_id: int,
                       options: LedgerOptions) -> QPrintPreviewDialog:
    """文件 -> 打印台账…: the campaign's ledger (with progress up to options.today) in a
    print preview."""
    from rectdesk.store.queries import load_campaign

    campaign = load_campaign(reg, campaign_id, as_of=options.today)
    dialog = preview_dialog(parent, campaign, options)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
