"""The weekly report (整改进展周报): Word in the GB/T 9704 format, or a print-ready Excel sheet.

    write_weekly_docx(data, out)    # the bulletin's reference template and styles (gbt9704.py)
    write_weekly_xlsx(data, out)    # one landscape sheet, one page wide, like the ledger

`data` is the plain value store.weekly.weekly_data returns (attributes: campaign_title,
signature, since, until, warn_days, totals, changed, newly_completed, newly_overdue, due_soon,
silent_departments, departments, marking); exchange does not import the store, so it is not
typed here. Both formats print the same sections, from `sections(data)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rectdesk.core.deadlines import format_date_cn
from rectdesk.core.fields import label
from rectdesk.core.text import cn_number
from rectdesk.exchange import cells
from rectdesk.exchange import gbt9704 as gb
from rectdesk.fileio import atomic_write

NONE_TEXT = "无。"
PROGRESS_HEADING = "各部门整改进展"


@dataclass(frozen=True)
class Item:
    """One printed entry: the measure's number, its department and the sentence."""

    label: str
    department: str
    text: str
    status: str = ""
    deadline: str = ""
    done_on: str = ""  # "2020年11月5日完成" for a completed measure
    noun: str = "措施"  # 问题 for sign-offs and re-checks (labelled by the problem's number)

    @property
    def when(self) -> str:
        return self.done_on or self.deadline


@dataclass(frozen=True)
class Section:
    heading: str
    items: list[Item]
    note: str = ""  # a paragraph printed instead of, or before, the items
    short: str = ""  # the 类别 cell of the Excel sheet


def _measure_item(m: Any, what: str) -> Item:
    deadline = m.deadline_text or format_date_cn(m.due)
    return Item(m.label, m.department, f"{m.text}{what}", m.status.value, deadline)


def title(data: Any) -> str:
    name = data.campaign_title if data.campaign_title.endswith("整改") else f"{data.campaign_title}整改"
    return f"{name}进展周报"


def period(data: Any) -> str:
    return f"{format_date_cn(data.since)}至{format_date_cn(data.until)}"


def baseline_note(data: Any) -> str:
    if getattr(data, "from_import", False):
        return "（尚无周快照，与台账导入时的状态比较）"
    return ""


def overview(data: Any) -> str:
    t = data.totals
    total = sum(v for k, v in t.items() if k != "逾期")
    return (f"本期统计时段为{period(data)}{baseline_note(data)}。截至{format_date_cn(data.until)}，共有整改措施{total}条，"
            f"其中已完成{t.get('已完成', 0)}条、正在推进{t.get('正在推进', 0)}条、长期坚持{t.get('长期坚持', 0)}条、"
            f"未启动{t.get('未启动', 0)}条，逾期未完成{t.get('逾期', 0)}条。本期有{len(data.changed)}条措施"
            f"报送了新进展或状态发生变化。")


def _events(lines: list[Any], noun: str) -> list[Item]:
    return [Item(e.label, "", f"{e.title}：{e.text}", noun=noun) for e in lines]


def sections(data: Any) -> list[Section]:
    done = [Item(m.label, m.department, m.text, m.status.value,
                 done_on=f"{format_date_cn(m.completed_on)}完成" if m.completed_on else "")
            for m in data.newly_completed]
    overdue = [_measure_item(m, "") for m in data.newly_overdue]
    soon = [_measure_item(m, "") for m in data.due_soon]
    progress = []
    for dept in data.departments:
        for e in dept.entries:
            # The status goes with the measure label, not after the text: a sentence ending in
            # 佐证材料：会议纪要 would otherwise read 会议纪要（已完成）.
            progress.append(Item(e.label, dept.department, e.text, e.status.value if e.status else ""))
    silent = "、".join(data.silent_departments) + "。" if data.silent_departments else NONE_TEXT
    signed, rechecked, extended = (_events(data.sign_offs, "问题"), _events(data.rechecks, "问题"),
                                   _events(data.extensions, "措施"))
    return [
        Section(f"本期新完成的整改措施（{len(done)}条）", done, short="本期完成"),
        Section(f"本期销号的问题（{len(signed)}个）", signed, short="本期销号"),
        Section(f"本期回头看（{len(rechecked)}个）", rechecked, short="回头看"),
        Section(f"本期审批的延期申请（{len(extended)}条）", extended, short="延期审批"),
        Section(f"新增逾期的整改措施（{len(overdue)}条）", overdue, short="新增逾期"),
        Section(f"{data.warn_days}日内到期的整改措施（{len(soon)}条）", soon, short="即将到期"),
        Section(f"已下发反馈表但未报送的部门（{len(data.silent_departments)}个）", [], silent,
                short="未报送部门"),
        Section(PROGRESS_HEADING, progress, short="本期进展"),
    ]


# -- Word -------------------------------------------------------------------------------------
@dataclass
class WeeklyReport:
    path: Path
    changed: int
    removed: int = 0

    def summary(self) -> str:
        return f"已导出周报：{self.path}（本期变化的措施 {self.changed} 条）"


def docx_paragraphs(data: Any, marking: str | None = None) -> list[gb.Para]:
    paras = gb.marking_paras(data.marking if marking is None else marking)
    paras += [gb.Para(gb.TITLE, "\n".join(gb.break_title(title(data)))), gb.Para(gb.BODY, ""),
             gb.Para(gb.BODY, overview(data))]
    for n, section in enumerate(sections(data), start=1):
        paras.append(gb.Para(gb.HEADING1, f"{cn_number(n)}、{section.heading}"))
        if section.note:
            paras.append(gb.Para(gb.BODY, section.note))
        if section.heading == PROGRESS_HEADING:
            paras.extend(_by_department(section.items))
            continue
        if not section.items and not section.note:
            paras.append(gb.Para(gb.BODY, NONE_TEXT))
        for i, item in enumerate(section.items, start=1):
            when = item.done_on or (f"时限：{item.deadline}" if item.deadline else "")
            extra = "；".join(x for x in (item.department, when) if x)
            paras.append(gb.Para(gb.BODY, f"{i}. {item.noun}{item.label}{f'（{extra}）' if extra else ''}："
                                          f"{_sentence(item.text)}"))
    return gb.keep_with_closing(paras)


def _by_department(items: list[Item]) -> list[gb.Para]:
    if not items:
        return [gb.Para(gb.BODY, "本期各部门未报送新的整改进展。")]
    paras, order = [], list(dict.fromkeys(i.department for i in items))
    for n, dept in enumerate(order, start=1):
        paras.append(gb.Para(gb.HEADING2, f"（{cn_number(n)}）{dept}"))
        for item in (i for i in items if i.department == dept):
            status = f"（{item.status}）" if item.status else ""
            paras.append(gb.Para(gb.BODY, f"措施{item.label}{status}：{_sentence(item.text)}"))
    return paras


def _sentence(text: str) -> str:
    text = " ".join(text.split("\n")).strip()
    return text if text.endswith(("。", "！", "？", "；", "）", "”")) else text + "。"


def write_weekly_docx(data: Any, out: Path | str, template: Path | str | None = None,
                      marking: str | None = None) -> WeeklyReport:
    """`marking` None: the campaign's (the report is internal); "" for none."""
    tpl = gb.load_template(template, required=(gb.TITLE, gb.BODY, gb.HEADING1, gb.HEADING2,
                                               gb.SIGNATURE, gb.DATE))
    body = gb.Body(tpl)
    body.extend(docx_paragraphs(data, marking))
    body.extend(gb.closing_paras(data.signature, data.until))
    gb.write_docx(tpl, body, out, gb.DocProps(title(data), data.campaign_title, data.signature))
    return WeeklyReport(Path(out), len(data.changed), body.removed)


# -- Excel ------------------------------------------------------------------------------------
XLSX_COLUMNS = (("序号", 5), ("类别", 10), ("措施编号", 8), (label("lead_department"), 14), ("内容", 60),
                ("时限/完成", 13), ("状态", 9))
FONT = "宋体"


def xlsx_rows(data: Any) -> list[tuple[str, ...]]:
    """The sheet's rows: (类别, 措施编号, 责任部门, 内容, 整改时限/完成日期, 状态)."""
    rows: list[tuple[str, ...]] = []
    for section in sections(data):
        kind = section.short
        if section.note and not section.items:
            rows.append((kind, "", "", section.note, "", ""))
        for item in section.items:
            rows.append((kind, item.label, item.department, item.text, item.when, item.status))
    return rows


def write_weekly_xlsx(data: Any, out: Path | str, marking: str | None = None) -> WeeklyReport:
    """`marking` None: the campaign's, in the page header; "" for none."""
    import xlsxwriter

    out = Path(out)
    with atomic_write(out) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
        _sheet(wb, data, data.marking if marking is None else marking)
        wb.set_properties({"title": title(data), "subject": data.campaign_title,
                           "author": data.signature or "RectDesk"})
        wb.close()
    return WeeklyReport(out, len(data.changed))


def _sheet(wb: Any, data: Any, marking: str) -> None:
    base = {"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top", "border": 1}
    fmt = wb.add_format(base)
    centre = wb.add_format(base | {"align": "center", "valign": "vcenter"})
    quoted = wb.add_format(base | {"quote_prefix": True})
    header = wb.add_format(base | {"align": "center", "valign": "vcenter", "bold": True, "bg_color": "#E7E6E6"})
    big = wb.add_format({"font_name": FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"})
    small = wb.add_format({"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet("周报")
    last = len(XLSX_COLUMNS) - 1
    widths = [w for _h, w in XLSX_COLUMNS]
    ws.merge_range(0, 0, 0, last, "", big)
    cells.write_text(ws, 0, 0, title(data), big)
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, last, "", small)
    cells.write_text(ws, 1, 0, overview(data), small)
    ws.set_row(1, cells.row_height([(overview(data), sum(widths))], 10))
    for col, (text, width) in enumerate(XLSX_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(2, col, text, header)
    for i, values in enumerate(xlsx_rows(data), start=1):
        r = 2 + i
        ws.write_number(r, 0, i, centre)
        for col, value in enumerate(values, start=1):
            text = cells.cell_text(value)
            f = quoted if col == 4 and cells.looks_like_formula(text) else (fmt if col == 4 else centre)
            cells.write_text(ws, r, col, text, f)
        ws.set_row(r, cells.row_height(zip(values, widths[1:], strict=True), 10))
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    ws.freeze_panes(3, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    ws.set_footer('&C&"宋体,Regular"&10第 &P 页 共 &N 页', {"margin": 0.25})
    if marking.strip():
        ws.set_header(f'&L&"黑体,Regular"&12{cells.header_footer_text(marking.strip())}', {"margin": 0.25})
