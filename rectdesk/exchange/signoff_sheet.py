"""对账销号单: a problem's sign-off sheet, in the bulletin's GB/T 9704 page setup.

One table under the title: the task, the problem, each measure with its owner and deadline (as
written, with an approved extension beside it), the results, the evidence list, and three
signature boxes (responsible department, responsible leader, rectification office). A problem
already signed off prints its sign-off date, approver and opinion in the office's box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rectdesk.core.deadlines import format_date_cn
from rectdesk.core.fields import label
from rectdesk.core.model import CampaignData, EvidenceData, MeasureData, ProblemData
from rectdesk.core.text import cn_number, strip_forbidden
from rectdesk.exchange import gbt9704 as gb

TITLE = "对账销号单"
TYPE_WIDTH = round(156 * gb.MM_TWIPS)  # the 版心 width, twips
LABEL_WIDTH = 1900
SIGN_ROW_TWIPS = 900  # room for an opinion and a handwritten signature
OPINION_SPACE = "\n\n\n"  # a blank paragraph between 意见 and the signature line
# 五号 (10.5 pt), single-spaced and off the body's 22-line grid: a problem with up to six measures
# fits one page; longer ones flow on, the task and problem rows repeated on every page.
CELL_PT = 10.5
CELL_SPACING = '<w:spacing w:before="0" w:after="0" w:line="250" w:lineRule="exact"/>'  # 12.5 pt
DRAFT = "（未销号　草稿）"
_NOT_RESULTS = ("存在困难：", "佐证材料：")  # form remarks and evidence, printed elsewhere
SIGN_LINE = "签字：　　　　　　　　　　　年　　月　　日"


@dataclass
class SheetReport:
    path: Path
    measures: int
    evidence: int
    removed: int  # characters XML forbids, stripped

    draft: bool = False  # the problem is not signed off

    def summary(self) -> str:
        tail = f"，已去除 {self.removed} 个无法写入 Word 的控制字符" if self.removed else ""
        draft = "；问题尚未销号，已标注“未销号 草稿”" if self.draft else ""
        return (f"已生成对账销号单：{self.path}（措施 {self.measures} 条，佐证材料 {self.evidence} 份"
                f"{tail}）{draft}")


class _Table:
    def __init__(self, template: gb.Template) -> None:
        self.style = template.style_id(gb.TABLE_TEXT)
        self.rows: list[str] = []
        self.removed = 0

    def _cell(self, text: str, width: int, *, bold: bool = False, center: bool = False) -> str:
        clean, count = strip_forbidden(text.replace("\r\n", "\n"))
        self.removed += count
        jc = '<w:jc w:val="center"/>' if center else ""
        paras = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="{self.style}"/><w:snapToGrid w:val="0"/>{CELL_SPACING}{jc}</w:pPr>'
            f"{gb.run_xml(line, bold=bold or None, size_pt=CELL_PT) if line else ''}</w:p>"
            for line in clean.split("\n\n"))  # a blank line starts a new paragraph in the cell
        valign = '<w:vAlign w:val="center"/>' if center else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>{paras}</w:tc>'

    def row(self, label: str, text: str, *, height: int | None = None, header: bool = False,
            flows: bool = False) -> None:
        """`header`: repeated at the top of every page; `flows`: may continue on the next page."""
        props = ("" if flows else "<w:cantSplit/>") + (f'<w:trHeight w:val="{height}"/>' if height else "")
        props += "<w:tblHeader/>" if header else ""
        trpr = f"<w:trPr>{props}</w:trPr>"
        self.rows.append(f"<w:tr>{trpr}{self._cell(label, LABEL_WIDTH, bold=True, center=True)}"
                         f"{self._cell(text, TYPE_WIDTH - LABEL_WIDTH)}</w:tr>")

    def xml(self) -> str:
        border = "".join(f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
                         for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        grid = f'<w:gridCol w:w="{LABEL_WIDTH}"/><w:gridCol w:w="{TYPE_WIDTH - LABEL_WIDTH}"/>'
        return (f'<w:tbl><w:tblPr><w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>'
                f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                f'<w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>'
                f"</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(self.rows)}</w:tbl>")


def _label(i: int, count: int) -> str:
    return f"{cn_number(i)}是" if count > 1 else ""


def measure_text(m: MeasureData, count: int) -> str:
    owner = "、".join(x for x in (m.lead_department, "、".join(m.leaders)) if x)
    deadline = m.deadline.text or "未设时限"
    if m.effective_due and m.effective_due != m.deadline.due:
        deadline += f"（经批准延期至{format_date_cn(m.effective_due)}）"
    facts = "；".join(x for x in (f"牵头：{owner}" if owner else "", f"时限：{deadline}",
                                 f"状态：{m.status.value}") if x)
    return f"{_label(m.number or 1, count)}{m.text.strip()}（{facts}）"


def results_only(text: str) -> str:
    """A progress entry without the form's remarks (存在困难：…) and evidence list (佐证材料：…)."""
    return "\n".join(line for line in text.split("\n")
                     if line.strip() and not line.strip().startswith(_NOT_RESULTS)).strip()


def result_text(m: MeasureData, count: int) -> str:
    """The result, else the latest progress (its results only); a bulletin import stores the
    result as the measure text too, and the sheet then points back instead of printing the
    sentence twice."""
    result = m.result.strip()
    if not result or result == m.text.strip():
        latest = results_only(m.progress[-1].text) if m.progress else ""
        result = latest or ("同整改措施所述" if result else "（尚未填写整改成效）")
    done = f"（{format_date_cn(m.completed_on)}完成）" if m.completed_on else ""
    return f"{_label(m.number or 1, count)}{result}{done}"


def results_text(measures: list[MeasureData]) -> str:
    """One line per measure; a single 同整改措施所述 when every result only repeats its measure
    (bulletin imports) and nothing more is known, instead of that phrase once per measure."""
    if not measures:
        return "（无）"
    if all(_points_back(m) for m in measures):
        return "同整改措施所述"
    return "\n\n".join(result_text(m, len(measures)) for m in measures)


def _points_back(m: MeasureData) -> bool:
    result = m.result.strip()
    return bool(result) and result == m.text.strip() and not m.progress and m.completed_on is None


def evidence_line(n: int, e: EvidenceData, owner: str) -> str:
    parts = [f"{n}. {e.title or e.file_name}"]
    if e.doc_number:
        parts.append(f"（{e.doc_number}）")
    if e.doc_date:
        parts.append(f"，{format_date_cn(e.doc_date)}")
    parts.append(f"〔{owner}〕")
    return "".join(parts)


def evidence_lines(p: ProblemData) -> list[str]:
    items = [(e, "问题") for e in p.evidence]
    items += [(e, f"措施{p.number}.{m.number}") for m in p.measures for e in m.evidence]
    return [evidence_line(i, e, owner) for i, (e, owner) in enumerate(items, start=1)]


def _office_box(p: ProblemData) -> str:
    if p.sign_off is None:
        return f"意见：{OPINION_SPACE}{SIGN_LINE}"
    s = p.sign_off
    opinion = s.opinion or "同意销号。"
    return (f"意见：{opinion}\n\n审批人：{s.approved_by}　　销号日期：{format_date_cn(s.signed_on)}"
            + (f"\n\n回头看日期：{format_date_cn(p.recheck_due)}" if p.recheck_due else ""))


def _spacer(template: gb.Template, twips: int) -> str:
    """An empty paragraph exactly `twips` high, off the body's line grid."""
    return (f'<w:p><w:pPr><w:pStyle w:val="{template.style_id(gb.BODY)}"/><w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{twips}" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def build_body(template: gb.Template, c: CampaignData, p: ProblemData,
               marking: str = "") -> tuple[gb.Body, int]:
    body = gb.Body(template)
    if marking.strip():  # 密级's place; a small gap, not a body line, to keep the table on one page
        body.add(gb.marking_paras(marking)[0])
        body.add_xml(_spacer(template, 120))
    body.add(gb.Para(gb.TITLE, TITLE if p.sign_off is not None else TITLE + DRAFT))
    body.add_xml(_spacer(template, 240))  # 12 pt under the title (a body line would take 29)
    table = _Table(template)
    count = len(p.measures)
    table.row("整改任务", c.title, header=True)
    table.row("问题编号", f"{p.number}　{p.title}" + (f"（{p.category}）" if p.category else ""), header=True)
    if p.description.strip() and p.description.strip() != p.title.strip():
        table.row("反馈问题", p.description.strip())
    table.row(label("text"), "\n\n".join(measure_text(m, count) for m in p.measures) or "（无）", flows=True)
    table.row(label("result"), results_text(p.measures), flows=True)
    table.row("佐证材料", "\n\n".join(evidence_lines(p)) or "（无）", flows=True)
    departments = "、".join(dict.fromkeys(m.lead_department for m in p.measures if m.lead_department))
    leaders = "、".join(dict.fromkeys(n for m in p.measures for n in m.leaders))
    department, leader = label("lead_department"), label("leaders")
    table.row(f"{department}意见", f"{department}：{departments or '　'}　　意见：{OPINION_SPACE}{SIGN_LINE}",
              height=SIGN_ROW_TWIPS)
    table.row(f"{leader}意见", f"{leader}：{leaders or '　'}　　意见：{OPINION_SPACE}{SIGN_LINE}",
              height=SIGN_ROW_TWIPS)
    table.row("整改办意见", _office_box(p), height=SIGN_ROW_TWIPS)
    body.add_xml(table.xml())
    # Word needs a paragraph after a table at the end of a body; 1 pt high, so a table that
    # fills the page does not push an empty last page out.
    body.add_xml(_spacer(template, 20))
    return body, table.removed


def write_signoff_sheet(c: CampaignData, p: ProblemData, out: Path | str,
                        template: Path | str | None = None, marking: str | None = None) -> SheetReport:
    """Write the sheet to `out` (.docx, atomically) using the GB/T 9704 reference template.
    `marking` None: the campaign's (the sheet is internal); "" for none. A problem not signed
    off prints as a draft (未销号 草稿)."""
    tpl = gb.load_template(template, required=(gb.TITLE, gb.BODY, gb.TABLE_TEXT))
    body, removed = build_body(tpl, c, p, c.marking if marking is None else marking)
    gb.write_docx(tpl, body, out, gb.DocProps(f"{TITLE}：{p.number} {p.title}", c.title,
                                              (c.signature or c.issuing_organ or "整改办").strip()))
    evidence = len(p.evidence) + sum(len(m.evidence) for m in p.measures)
    return SheetReport(Path(out), len(p.measures), evidence, removed + body.removed, p.sign_off is None)
