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
from rectdesk.core.model import CampaignData, EvidenceData, MeasureData, ProblemData
from rectdesk.core.text import cn_number, strip_forbidden
from rectdesk.exchange import gbt9704 as gb

TITLE = "对账销号单"
TYPE_WIDTH = round(156 * gb.MM_TWIPS)  # the 版心 width, twips
LABEL_WIDTH = 1900
SIGN_ROW_TWIPS = 1800  # room for an opinion and a handwritten signature
OPINION_SPACE = "\n\n\n\n"  # a blank paragraph between 意见 and the signature line
SIGN_LINE = "签字：　　　　　　　　　　　年　　月　　日"


@dataclass
class SheetReport:
    path: Path
    measures: int
    evidence: int
    removed: int  # characters XML forbids, stripped

    def summary(self) -> str:
        tail = f"，已去除 {self.removed} 个无法写入 Word 的控制字符" if self.removed else ""
        return f"已生成对账销号单：{self.path}（措施 {self.measures} 条，佐证材料 {self.evidence} 份{tail}）"


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
            f'<w:p><w:pPr><w:pStyle w:val="{self.style}"/>{jc}</w:pPr>'
            f"{gb.run_xml(line, bold=bold or None) if line else ''}</w:p>"
            for line in clean.split("\n\n"))  # a blank line starts a new paragraph in the cell
        valign = '<w:vAlign w:val="center"/>' if center else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>{paras}</w:tc>'

    def row(self, label: str, text: str, *, height: int | None = None) -> None:
        trpr = f'<w:trPr><w:cantSplit/><w:trHeight w:val="{height}"/></w:trPr>' if height else \
            "<w:trPr><w:cantSplit/></w:trPr>"
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


def result_text(m: MeasureData, count: int) -> str:
    """The result, else the latest progress; a bulletin import stores the result as the measure
    text too, and the sheet then points back instead of printing the sentence twice."""
    result = m.result.strip()
    if not result or result == m.text.strip():
        latest = m.progress[-1].text.strip() if m.progress else ""
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


def build_body(template: gb.Template, c: CampaignData, p: ProblemData) -> tuple[gb.Body, int]:
    body = gb.Body(template)
    body.add(gb.Para(gb.TITLE, TITLE))
    body.add(gb.Para(gb.BODY, ""))
    table = _Table(template)
    count = len(p.measures)
    table.row("整改任务", c.title)
    table.row("问题编号", str(p.number) + (f"（{p.category}）" if p.category else ""))
    table.row("反馈问题", p.title + (f"\n\n{p.description.strip()}" if p.description.strip() else ""))
    table.row("整改措施", "\n\n".join(measure_text(m, count) for m in p.measures) or "（无）")
    table.row("整改成效", results_text(p.measures))
    table.row("佐证材料", "\n\n".join(evidence_lines(p)) or "（无）")
    departments = "、".join(dict.fromkeys(m.lead_department for m in p.measures if m.lead_department))
    leaders = "、".join(dict.fromkeys(n for m in p.measures for n in m.leaders))
    table.row("责任部门意见", f"责任部门：{departments or '　'}\n\n意见：{OPINION_SPACE}{SIGN_LINE}", height=SIGN_ROW_TWIPS)
    table.row("责任领导意见", f"责任领导：{leaders or '　'}\n\n意见：{OPINION_SPACE}{SIGN_LINE}", height=SIGN_ROW_TWIPS)
    table.row("整改办意见", _office_box(p), height=SIGN_ROW_TWIPS)
    body.add_xml(table.xml())
    body.add(gb.Para(gb.BODY, ""))  # Word needs a paragraph after a table at the end of a body
    return body, table.removed


def write_signoff_sheet(c: CampaignData, p: ProblemData, out: Path | str,
                        template: Path | str | None = None) -> SheetReport:
    """Write the sheet to `out` (.docx, atomically) using the GB/T 9704 reference template."""
    tpl = gb.load_template(template, required=(gb.TITLE, gb.BODY, gb.TABLE_TEXT))
    body, removed = build_body(tpl, c, p)
    gb.write_docx(tpl, body, out)
    evidence = len(p.evidence) + sum(len(m.evidence) for m in p.measures)
    return SheetReport(Path(out), len(p.measures), evidence, removed + body.removed)
