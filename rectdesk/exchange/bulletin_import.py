"""Import a published bulletin, rectification plan or feedback (通报/方案/反馈意见) into CampaignData.

The public face of the importer; the work is done in `exchange.bulletin_parse`. Layouts handled:
一、 as sections or as problems, （一） categories, 1./1、/（1）/① numbering, inline 一是…二是…,
label lines (整改情况：), key-value blocks (整改任务：/责任单位：/完成时限：), .docx 清单 tables
with merged cells, text in UTF-8/GB18030/UTF-16, PDF text run on in one line. Anything it cannot
place is kept in `CampaignData.unparsed`, never dropped and never invented.
"""

from __future__ import annotations

from pathlib import Path

from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import CampaignData, ProblemData
from rectdesk.exchange.bulletin_parse import sources
from rectdesk.exchange.bulletin_parse.checks import final_flags
from rectdesk.exchange.bulletin_parse.clauses import split_yishi
from rectdesk.exchange.bulletin_parse.document import parse_document
from rectdesk.exchange.bulletin_parse.items import ItemStats
from rectdesk.exchange.bulletin_parse.report import Flag, ImportReport
from rectdesk.exchange.bulletin_parse.tables import find_header, table_problems
from rectdesk.exchange.bulletin_parse.variants import is_traditional, to_simplified

MAX_BYTES = sources.MAX_BYTES
NO_ITEMS = "没有找到可识别的问题和整改措施（如“1. 关于……问题的整改”“（一）……”或“整改任务：”）"

__all__ = ["Flag", "ImportReport", "MAX_BYTES", "parse_bulletin", "parse_text", "read_bulletin",
           "read_document", "read_text_file", "split_measures"]


def read_text_file(path: Path) -> str:
    """Read a text file in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK."""
    return sources.read_text(Path(path))


def split_measures(body: str) -> list[str]:
    """Split "一是…。二是…。" into clauses; a body without labels is one clause.

    A label counts only at the start or right after a sentence end (。；;), and only in
    sequence (一是, then 二是, ...), so words like 主要是 or 还是 never split.
    """
    return split_yishi(body)


def parse_text(text: str, *, strict: bool = True) -> tuple[CampaignData, ImportReport]:
    """Parse a document's text. With `strict`, a text with no problem is an ImportFormatError."""
    if not isinstance(text, str):
        raise ImportFormatError("导入的内容不是文本")
    if len(text) > MAX_BYTES:
        raise ImportFormatError("文本过长（超过 50 MB），不像是一份通报或整改方案")
    if "\t" in text and (content := sources.tab_tables(text)) is not None and _has_register(content):
        return _from_blocks(content, strict)  # a 清单 table pasted as tab-separated text
    campaign, report = parse_document(text)
    if strict and not campaign.problems:
        raise ImportFormatError(NO_ITEMS)
    return campaign, report


def _has_register(content: sources.DocxContent) -> bool:
    return any(isinstance(b, list) and find_header(b) is not None for b in content.blocks)


def parse_bulletin(text: str) -> tuple[CampaignData, ImportReport]:
    """Parse a bulletin's text. Raises ImportFormatError when no item could be found."""
    return parse_text(text, strict=True)


def read_document(path: Path, *, strict: bool = True) -> tuple[CampaignData, ImportReport]:
    """Parse a .txt, .docx, .pdf or saved web page (.html/.htm/.mhtml), by content and name."""
    path = Path(path)
    try:
        kind = sources.sniff(path)
        if kind == "docx":
            return _from_blocks(sources.read_docx(path), strict)
        if kind == "pdf":
            from rectdesk.exchange.bulletin_parse.pdf import read_pdf

            campaign, report = parse_text(read_pdf(path), strict=strict)
            report.flags.insert(0, Flag("source", "由 PDF 提取文字，已去掉页眉页脚并按行宽重新分段"))
            return campaign, report
        if kind == "html":
            from rectdesk.exchange.bulletin_parse.webpage import read_webpage

            return _from_blocks(read_webpage(path.read_bytes()), strict)
        return parse_text(sources.read_text(path), strict=strict)
    except ImportFormatError as exc:
        exc.file = exc.file or path.name
        raise


def read_bulletin(path: Path) -> tuple[CampaignData, ImportReport]:
    """Parse a bulletin file (.txt, .docx, .pdf, .html/.htm/.mhtml)."""
    return read_document(path, strict=True)


def _from_blocks(content: sources.DocxContent, strict: bool) -> tuple[CampaignData, ImportReport]:
    """A document of paragraphs and tables (.docx, web page): a 清单 table is the register."""
    traditional = is_traditional(content.text())
    if traditional:
        content.blocks = [to_simplified(b) if isinstance(b, str) else [[to_simplified(x) for x in row] for row in b]
                          for b in content.blocks]
    campaign, report = _blocks_campaign(content, strict)
    if traditional:
        report.flags.insert(0, Flag("source", "原文为繁体字，已转换为简体后识别"))
    return campaign, report


def _blocks_campaign(content: sources.DocxContent, strict: bool) -> tuple[CampaignData, ImportReport]:
    stats = ItemStats()
    found: list[ProblemData] = []
    categories: list[str] = []
    table_blocks: set[int] = set()
    for index, block in enumerate(content.blocks):
        if isinstance(block, list) and (result := table_problems(block, None, stats)) and result[0]:
            found.extend(result[0])
            categories.extend(c for c in result[1] if c not in categories)
            table_blocks.add(index)
    text = content.text(frozenset(table_blocks))
    if not found:
        return parse_text(text, strict=strict)
    if text.strip():
        campaign, report = parse_document(text, items_elsewhere=True)
    else:
        campaign, report = CampaignData(title="导入的整改任务"), ImportReport()
    _use_table(campaign, report, found, categories, stats)
    return campaign, report


def _use_table(campaign: CampaignData, report: ImportReport, problems: list[ProblemData],
               categories: list[str], stats: ItemStats) -> None:
    """The 清单 table is the register of record; problems the text also numbered stay as text."""
    if campaign.problems:
        report.notes.append(f"正文中另有 {len(campaign.problems)} 个编号条目，以清单表格为准，正文条目保留为未识别文字")
        for p in campaign.problems:
            campaign.unparsed.append("".join([p.title, p.description, *(m.text for m in p.measures)]))
    campaign.problems = problems
    # The text's own checks spoke of its items; the table's problems are checked afresh.
    report.flags = [f for f in report.flags if f.problem is None and f.kind not in ("unparsed", "count_mismatch")]
    report.flags += final_flags(campaign)
    campaign.categories = categories + [c for c in campaign.categories if c not in categories]
    for number, problem in enumerate(problems, start=1):
        problem.number = number
    report.problems, report.measures = len(problems), campaign.measure_count()
    report.unparsed, report.categories = len(campaign.unparsed), len(campaign.categories)
    report.inferred_statuses = stats.inferred
    report.owners_found = stats.owners
    report.layout = "清单表格"
    report.notes.extend(dict.fromkeys(stats.notes))
