"""The bulletin (整改进展情况的通报) as a Word document in the GB/T 9704-2012 format.

    paras = bulletin_paragraphs(campaign, options)     # what will be printed, style by style
    preview_text(campaign, options)                    # the same as plain text (GUI preview)
    report = write_bulletin(campaign, out, options)    # fills the reference template, atomically

Structure (the sample bulletin in resources/demo is the model): title; intro; 一、整改工作组织情况;
二、整改落实情况 with one item per problem, "N. 关于{title}问题的整改" and its measures joined as
一是…。二是…。 (under （一）…方面 headings when the campaign has categories); 三、{next steps};
the contact line; the signature and the date. Empty free-text sections are left out and the
remaining sections are numbered in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from rectdesk.core.model import (
    CampaignData,
    CampaignKind,
    MeasureData,
    MeasureStatus,
    ProblemData,
    ProblemStatus,
)
from rectdesk.core.status import derive_problem_status
from rectdesk.core.text import cn_number, join_measures, normalize_cn_punctuation
from rectdesk.exchange import gbt9704 as gb

REQUIRED_STYLES = (gb.TITLE, gb.BODY, gb.HEADING1, gb.HEADING2, gb.HEADING3, gb.SIGNATURE, gb.DATE)
_LINES = re.compile(r"\r\n|\r|\n")


class Selection(StrEnum):
    ALL = "all"
    WITH_PROGRESS = "with-progress"  # problems with something to print as of the date
    CATEGORY = "category"


@dataclass(frozen=True)
class BulletinOptions:
    as_of: date | None = None  # progress dated after it is ignored
    selection: Selection = Selection.ALL
    category: str = ""  # with Selection.CATEGORY
    status_note: bool = False  # a "整改状态：…" line after each item
    heading3_bold: bool | None = None  # None: as the template's 三级标题 style says
    bulletin_date: date | None = None  # 成文日期; None: the as-of date, else today
    template: Path | None = None  # None: the bundled reference template
    # Printed where GB/T 9704 puts 密级 (top left, 3号黑体). The bulletin is public (予以公布):
    # none unless asked for, whatever marking the campaign's internal documents carry.
    marking: str = ""
    normalize_punctuation: bool = True  # , ; : ( ) between Chinese characters -> ，；：（）


@dataclass
class ExportReport:
    path: Path | None = None
    problems: int = 0
    measures: int = 0  # measures printed
    paragraphs: int = 0
    removed_characters: int = 0  # characters XML forbids, stripped
    empty_problems: list[int] = field(default_factory=list)  # numbers with nothing to print
    skipped_measures: int = 0  # measures with neither a result nor progress up to as_of

    def summary(self) -> str:
        lines = [f"已导出通报：{self.problems} 个问题，{self.measures} 条措施"]
        if self.removed_characters:
            lines.append(f"已删除 {self.removed_characters} 个 Word 无法保存的控制字符")
        if self.skipped_measures:
            lines.append(f"{self.skipped_measures} 条措施既无整改成效也无进展，未写入")
        if self.empty_problems:
            lines.append("以下问题没有可写入的整改情况：第 "
                         + "、".join(str(n) for n in self.empty_problems) + " 个")
        return "\n".join(lines)


# -- choosing what to print ------------------------------------------------------------------
def measure_text(measure: MeasureData, as_of: date | None) -> str:
    """The sentence printed for a measure.

    Its `result` (the sentence the office wrote for the bulletin) when there is one; otherwise
    the text of its latest progress entry up to `as_of` (latest date, the last entered on a tie),
    since that is what has been done so far; otherwise nothing: the planned measure text is not
    printed because it would read as if the work were done.
    """
    if measure.result.strip():
        return measure.result.strip()
    entries = [p for p in measure.progress if p.text.strip() and (as_of is None or p.when <= as_of)]
    if not entries:
        return ""
    latest = max(enumerate(entries), key=lambda pair: (pair[1].when, pair[0]))[1]
    return latest.text.strip()


def measure_status(measure: MeasureData, as_of: date | None) -> MeasureStatus:
    """The status last reported up to `as_of`, else the measure's own."""
    if as_of is not None:
        reported = [p for p in measure.progress if p.status is not None and p.when <= as_of]
        if reported:
            status = max(enumerate(reported), key=lambda pair: (pair[1].when, pair[0]))[1].status
            assert status is not None
            return status
    return measure.status


def problem_status(problem: ProblemData, as_of: date | None) -> ProblemStatus:
    signed = problem.sign_off is not None and (as_of is None or problem.sign_off.signed_on <= as_of)
    return derive_problem_status((measure_status(m, as_of) for m in problem.measures), signed)


def selected_problems(campaign: CampaignData, options: BulletinOptions) -> list[ProblemData]:
    problems = campaign.problems
    if options.selection is Selection.CATEGORY:
        problems = [p for p in problems if p.category == options.category]
    elif options.selection is Selection.WITH_PROGRESS:
        problems = [p for p in problems
                    if any(measure_text(m, options.as_of) for m in p.measures)]
    return problems


# -- the texts ------------------------------------------------------------------------------
def _kind_word(kind: CampaignKind) -> str:
    return {CampaignKind.XUNCHA_RECHECK: "巡察“回头看”", CampaignKind.OTHER: "检查"}.get(kind, kind.value)


def bulletin_title(campaign: CampaignData) -> str:
    if campaign.bulletin_title.strip():
        return campaign.bulletin_title.strip()
    kind = "巡察" if campaign.kind is CampaignKind.XUNCHA_RECHECK else _kind_word(campaign.kind)
    return f"{campaign.issuing_organ}关于{kind}整改进展情况的通报"


def _period(start: date | None, end: date | None) -> str:
    if start and end:
        tail = f"{end.month}月{end.day}日" if end.year == start.year else gb.cn_date(end)
        return f"{gb.cn_date(start)}至{tail}"
    return gb.cn_date(start or end) if (start or end) else ""  # type: ignore[arg-type]


def intro_text(campaign: CampaignData) -> str:
    """The campaign's own intro, else one sentence filled from its facts (the sample's wording)."""
    if campaign.intro.strip():
        return campaign.intro.strip()
    kind = _kind_word(campaign.kind)
    who = campaign.inspecting_body or "上级"
    when = _period(campaign.period_start, campaign.period_end)
    unit = campaign.inspected_unit or campaign.issuing_organ or "我单位"
    text = f"{who}{when}对{unit}进行了{kind}"
    if campaign.feedback_date:
        same_year = campaign.period_end and campaign.period_end.year == campaign.feedback_date.year
        fb = f"{campaign.feedback_date.month}月{campaign.feedback_date.day}日" if same_year \
            else gb.cn_date(campaign.feedback_date)
        text += f"，{fb}反馈了{kind}意见"
    return f"{text}。按照党务公开原则和{kind}工作有关要求，现将{kind}整改进展情况予以公布。"


def _paragraphs(text: str, style: str) -> list[gb.Para]:
    """Free text: each line (CRLF, CR or LF) one paragraph; blank lines dropped."""
    return [gb.Para(style, line.strip()) for line in _LINES.split(text) if line.strip()]


def _category_heading(index: int, name: str) -> str:
    return f"（{cn_number(index)}）{name if name.endswith('方面') else name + '方面'}"


def _groups(campaign: CampaignData, problems: list[ProblemData]) -> list[tuple[str, list[ProblemData]]]:
    """Problems grouped by the campaign's categories, in their order; no headings without any."""
    if not campaign.categories:
        return [("", problems)]
    order = {name: i for i, name in enumerate(campaign.categories)}
    groups: dict[str, list[ProblemData]] = {}
    for p in sorted(problems, key=lambda p: (order.get(p.category, len(order)), p.number)):
        groups.setdefault(p.category if p.category in order else "其他", []).append(p)
    return list(groups.items())


@dataclass
class _Items:
    paras: list[gb.Para] = field(default_factory=list)
    problems: int = 0
    measures: int = 0
    skipped: int = 0
    empty: list[int] = field(default_factory=list)


def _items(campaign: CampaignData, options: BulletinOptions) -> _Items:
    out = _Items()
    groups = _groups(campaign, selected_problems(campaign, options))
    for g, (category, problems) in enumerate(groups, start=1):
        if category:
            out.paras.append(gb.Para(gb.HEADING2, _category_heading(g, category)))
        for problem in problems:
            out.problems += 1  # numbered 1..N in the bulletin, whatever the register numbers
            out.paras.append(gb.Para(gb.HEADING3, f"{out.problems}. 关于{problem.title}问题的整改",
                                     bold=options.heading3_bold))
            texts = [measure_text(m, options.as_of) for m in problem.measures]
            printed = [t for t in texts if t]
            out.measures += len(printed)
            out.skipped += len(texts) - len(printed)
            if not printed:
                out.empty.append(problem.number)
            out.paras += _paragraphs(join_measures(printed), gb.BODY)
            if options.status_note:
                status = problem_status(problem, options.as_of)
                out.paras.append(gb.Para(gb.BODY, f"整改状态：{status.value}。"))
    return out


def _build(campaign: CampaignData, options: BulletinOptions) -> tuple[list[gb.Para], _Items]:
    paras = gb.marking_paras(options.marking)
    paras += [gb.Para(gb.TITLE, "\n".join(gb.break_title(bulletin_title(campaign)))),
              gb.Para(gb.BODY)]  # one blank line under the title
    paras += _paragraphs(intro_text(campaign), gb.BODY)
    items = _items(campaign, options)
    sections = [("整改工作组织情况", _paragraphs(campaign.organisation, gb.BODY)),
                ("整改落实情况", items.paras),
                (campaign.next_steps_heading.strip() or "下一步工作打算",
                 _paragraphs(campaign.next_steps, gb.BODY))]
    number = 0
    for heading, body in sections:
        if body:
            number += 1
            paras.append(gb.Para(gb.HEADING1, f"{cn_number(number)}、{heading}"))
            paras += body
    # The contact line: not stretched by justification, phone numbers never broken.
    paras += [replace(p, align="left", unbroken=True) for p in _paragraphs(campaign.contact, gb.BODY)]
    paras = gb.keep_with_closing(paras) + _closing(campaign, options)
    if options.normalize_punctuation:
        paras = [replace(p, text=normalize_cn_punctuation(p.text)) for p in paras]
    return paras, items


def _closing(campaign: CampaignData, options: BulletinOptions) -> list[gb.Para]:
    signature = (campaign.signature or campaign.issuing_organ).strip()
    return gb.closing_paras(signature, options.bulletin_date or options.as_of or date.today())


def bulletin_paragraphs(campaign: CampaignData, options: BulletinOptions | None = None) -> list[gb.Para]:
    return _build(campaign, options or BulletinOptions())[0]


def preview_text(campaign: CampaignData, options: BulletinOptions | None = None) -> str:
    """The bulletin's text, one paragraph a line, as it will be printed."""
    return "\n".join(p.text for p in bulletin_paragraphs(campaign, options))


def write_bulletin(campaign: CampaignData, out: Path | str,
                   options: BulletinOptions | None = None) -> ExportReport:
    """Write the bulletin to `out` (.docx); an earlier file is replaced only on success."""
    options = options or BulletinOptions()
    template = gb.load_template(options.template, REQUIRED_STYLES)
    paras, items = _build(campaign, options)
    body = gb.Body(template)
    body.extend(paras)
    author = (campaign.signature or campaign.issuing_organ).strip()
    gb.write_docx(template, body, out, gb.DocProps(bulletin_title(campaign), campaign.title, author))
    return ExportReport(path=Path(out), problems=items.problems, measures=items.measures,
                        paragraphs=body.paragraphs, removed_characters=body.removed,
                        empty_problems=items.empty, skipped_measures=items.skipped)
