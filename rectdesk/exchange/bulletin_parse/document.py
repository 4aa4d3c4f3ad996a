"""A whole document's outline -> CampaignData: sections, categories, problems, tail.

What it cannot place with confidence goes to `CampaignData.unparsed`, in reading order.
"""

from __future__ import annotations

import re
from datetime import date

from rectdesk.core.deadlines import parse_any_date, parse_cn_date
from rectdesk.core.errors import ImportFormatError, RectDeskError
from rectdesk.core.model import CampaignData, CampaignKind, ProblemData
from rectdesk.exchange.bulletin_parse import outline
from rectdesk.exchange.bulletin_parse.fields import field_line
from rectdesk.exchange.bulletin_parse.items import ItemStats, build_problem, split_measure_lines
from rectdesk.exchange.bulletin_parse.normalize import clean_paragraphs
from rectdesk.exchange.bulletin_parse.report import ImportReport

_ORG = re.compile(r"^(整改)?(工作)?(的)?(组织|领导|部署)|组织(领导|实施|开展|推进)情况|^(基本|总体|主要)(情况|做法)"
                  r"|工作开展情况|^整改工作(开展|推进)?情况$")
_NEXT = re.compile(r"^(下一步|下阶段|今后|后续)")
_CONTAINER = re.compile(r"(整改|落实|进展|完成)情况|问题(的)?整改|整改(事项|任务|问题)|问题清单|反馈(意见|问题)"
                        r"|存在(的)?问题|具体(问题|情况)")
_CATEGORY = re.compile(r"(方面|领域)(的)?(问题|存在的问题|突出问题)?[。：:]?$")
_PROBLEM_HEADING = re.compile(r"^关于.+问题|问题[。：:]?$|[。；]一是")
_TITLE_WORDS = ("通报", "报告", "方案", "意见", "关于", "清单")
_ORG_BODY = re.compile(r"([^，,。；;]*?巡[视察]组|[^，,。；;]*?督察组|[^，,。；;]*?审计组|[^，,。；;]*?审计[厅局署])")


class _Doc:
    def __init__(self, ref_year: int | None) -> None:
        self.campaign = CampaignData(title="")
        self.stats = ItemStats()
        self.ref_year = ref_year

    def problem(self, heading: str, body: list[str], children: list[str], category: str) -> None:
        p = build_problem(heading, body, children, self.ref_year, self.stats, category)
        if not p.title.strip():  # a bare marker ("一、。") names nothing: keep its text instead
            self.campaign.unparsed.extend(x for x in (heading, *body, *children) if x.strip())
            return
        self.campaign.problems.append(p)

    def category(self, name: str) -> str:
        name = re.sub(r"^关于", "", name.rstrip("。：:；; "))[:100]
        if name not in self.campaign.categories:
            self.campaign.categories.append(name)
        return name


def _is_section(node: outline.Node) -> bool:
    h = node.heading
    if node.rank != 0 or h.startswith("关于") or len(h) > 30:
        return False
    return bool(_ORG.search(h) or _NEXT.search(h) or _CONTAINER.search(h))


def _has_fields(lines: list[str]) -> bool:
    return any(field_line(x) for x in lines)


def _is_category(node: outline.Node) -> bool:
    if _CATEGORY.search(node.heading):
        return True
    if not node.children:
        return False
    return any(c.children or _has_fields(c.body) for c in node.children)


def _flatten(node: outline.Node) -> str:
    return "".join([node.heading, *node.body, *("".join(c.all_text()) for c in node.children)])


def _items(doc: _Doc, nodes: list[outline.Node], category: str) -> None:
    for node in nodes:
        if _is_category(node):
            name = doc.category(node.heading)
            if node.children:
                doc.campaign.unparsed.extend(node.body)
                _items(doc, node.children, name)
            else:
                _blocks(doc, node.body, name)
        else:
            doc.problem(node.heading, node.body, _children_texts(node), category)


def _children_texts(node: outline.Node) -> list[str]:
    """One measure per numbered child; a lone child may still run on as ①…②… in one line."""
    if len(node.children) == 1 and not node.children[0].children:
        child = node.children[0]
        return split_measure_lines(["".join([child.raw, *child.body])])
    return [_flatten(c) for c in node.children]


def _blocks(doc: _Doc, lines: list[str], category: str) -> list[str]:
    """Key-value blocks (问题：/整改任务：/整改措施：/责任单位：…) -> problems; returns the lines before."""
    starts: list[int] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        found = field_line(line)
        if not found:
            continue
        key = found[0]
        if key == "problem" or (key in ("task", "measures") and key in seen) or (key == "task" and not starts):
            starts.append(i)
            seen = set()
        seen.add(key)
    if not starts:
        doc.campaign.unparsed.extend(lines)
        return []
    for a, b in zip(starts, starts[1:] + [len(lines)], strict=True):
        found = field_line(lines[a])
        assert found is not None
        head, body = (found[1], lines[a + 1:b]) if found[0] == "problem" else ("", lines[a:b])
        if not head:  # a block led by 整改任务: its task names the problem
            head = next((v for k, v in map(_pair, body) if k == "task" and v), "")
        if head:
            doc.problem(head, body, [], category)
        else:
            doc.campaign.unparsed.extend(lines[a:b])
    return lines[:starts[0]]


def _pair(line: str) -> tuple[str, str]:
    return field_line(line) or ("", "")


def _sections(doc: _Doc, nodes: list[outline.Node]) -> None:
    c = doc.campaign
    org: list[str] = []
    for node in nodes:
        if _NEXT.search(node.heading) and not node.children:
            c.next_steps_heading = node.heading
            c.next_steps = "\n".join(node.body)
        elif _NEXT.search(node.heading) or (_ORG.search(node.heading) and not _CONTAINER.search(node.heading)):
            if _NEXT.search(node.heading):
                c.next_steps_heading = node.heading
                c.next_steps = "\n".join(node.all_text()[1:])
            else:
                org.extend(node.all_text()[1:])
        elif node.children:
            before = len(c.problems)
            if _is_section(node):
                c.unparsed.extend(node.body)
                _items(doc, node.children, "")
            else:
                _items(doc, [node], "")
            if len(c.problems) == before:
                c.unparsed.extend(node.all_text())
        elif _has_fields(node.body):
            c.unparsed.extend(_blocks(doc, node.body, ""))
        elif _PROBLEM_HEADING.search(node.heading):
            _items(doc, [node], "")
        else:  # a section we do not know (指导思想, 工作要求 ...): its text is kept, not guessed at
            c.unparsed.extend(node.all_text())
    c.organisation = "\n".join(org)


def _take_title(lines: list[str], c: CampaignData) -> list[str]:
    first = lines[0]
    if (any(w in first for w in _TITLE_WORDS) and len(first) <= 100 and not first.endswith("。")
            and outline.marker(first) is None and not field_line(first)):
        c.bulletin_title = first
        c.issuing_organ = first.split("关于", 1)[0] if "关于" in first else ""
        return lines[1:]
    return lines


def _take_tail(lines: list[str], c: CampaignData) -> list[str]:
    """The date, the signature and the contact line at the end (only when a date closes it)."""
    if not lines or len(lines[-1]) > 16 or not (d := parse_cn_date(lines[-1])):
        return lines
    c.bulletin_date = d
    lines = lines[:-1]
    if lines and len(lines[-1]) <= 40 and not lines[-1].endswith("。") and outline.marker(lines[-1]) is None:
        c.signature = lines[-1]
        lines = lines[:-1]
    if lines and re.search(r"电话|信箱|邮箱|地址|联系", lines[-1]) and not field_line(lines[-1]):
        c.contact = lines[-1]
        lines = lines[:-1]
    return lines


def _split_next_steps_tail(c: CampaignData) -> None:
    """In the sample the contact line closes section 三; it belongs to the contact field."""
    steps = c.next_steps.split("\n") if c.next_steps else []
    if not c.contact and steps and re.search(r"电话|信箱|邮箱|地址", steps[-1]):
        c.contact = steps.pop()
        c.next_steps = "\n".join(steps)


def parse_document(text: str, *, items_elsewhere: bool = False) -> tuple[CampaignData, ImportReport]:
    """Everything the text shows; problems may be empty (the preview lets the user fix that).

    `items_elsewhere`: the items come from a table, so the text's preamble is the intro even
    when the text itself numbers no item."""
    cleaned = clean_paragraphs(text)
    lines = cleaned.paragraphs
    if not lines:
        raise ImportFormatError("文件是空的，没有可导入的内容")
    doc = _Doc(ref_year=None)
    c = doc.campaign
    lines = _take_tail(_take_title(lines, c), c)
    _apply_metadata(c, cleaned.metadata)
    doc.ref_year = c.bulletin_date.year if c.bulletin_date else None
    root = outline.build(lines)
    if _has_fields(root.body) and not root.children:
        intro = _blocks(doc, root.body, "")
    else:
        intro = root.body
    if any(_is_section(n) for n in root.children):
        _sections(doc, root.children)
    else:
        _items(doc, root.children, "")
    _split_next_steps_tail(c)
    if not c.problems and not items_elsewhere:  # with no item found, "intro" is a guess: show the text as unplaced
        c.unparsed[:0] = intro
        intro = []
    c.intro = "\n".join(intro)
    _fill_intro_facts(c, c.intro, doc.ref_year)
    if not c.issuing_organ and c.signature:
        c.issuing_organ = c.signature
    c.title = _campaign_title(c)
    for number, problem in enumerate(c.problems, start=1):
        problem.number = number
    report = ImportReport(problems=len(c.problems), measures=c.measure_count(), unparsed=len(c.unparsed),
                          inferred_statuses=doc.stats.inferred, owners_found=doc.stats.owners,
                          categories=len(c.categories), notes=cleaned.notes + _dedupe(doc.stats.notes))
    return c, report


def _dedupe(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))


def _apply_metadata(c: CampaignData, meta: dict[str, str]) -> None:
    if not c.bulletin_date and (raw := meta.get("成文日期") or meta.get("发文日期") or meta.get("发布日期")):
        c.bulletin_date = parse_cn_date(raw) or _loose_date(raw)
    if not c.issuing_organ and meta.get("发布机构"):
        c.issuing_organ = meta["发布机构"][:100]


def _loose_date(raw: str) -> date | None:
    try:
        return parse_any_date(raw.replace("/", "-").replace(".", "-"))
    except RectDeskError:
        return None


def _fill_intro_facts(campaign: CampaignData, intro: str, year: int | None) -> None:
    """Inspecting body, inspected unit, period and feedback date from the intro sentence."""
    if m := _ORG_BODY.search(intro):
        campaign.inspecting_body = re.sub(r"^.*(部署|要求|安排|落实|根据|按照)", "", m.group(1)).strip("，, ")[:100]
    period = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", intro)
    try:
        if period:
            y1 = int(period[1])
            y2 = int(period[4]) if period[4] else y1
            campaign.period_start = date(y1, int(period[2]), int(period[3]))
            campaign.period_end = date(y2, int(period[5]), int(period[6]))
            year = y2
        if m := re.search(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[^。，,]*?反馈", intro):
            fy = int(m[1]) if m[1] else year
            if fy:
                campaign.feedback_date = date(fy, int(m[2]), int(m[3]))
    except ValueError:
        pass  # an impossible date in the text: leave the field empty rather than guess
    if m := re.search(r"对(.{2,60}?)进行了", intro):
        campaign.inspected_unit = m.group(1)
    for word, kind in (("回头看", CampaignKind.XUNCHA_RECHECK), ("巡视", CampaignKind.XUNSHI),
                       ("巡察", CampaignKind.XUNCHA), ("督察", CampaignKind.DUCHA), ("审计", CampaignKind.AUDIT)):
        if word in intro:
            campaign.kind = kind
            break


def _campaign_title(campaign: CampaignData) -> str:
    if campaign.inspecting_body:
        kind = "巡察“回头看”" if campaign.kind is CampaignKind.XUNCHA_RECHECK else campaign.kind.value
        return f"{campaign.inspecting_body}{kind}反馈意见整改"[:200]
    if campaign.bulletin_title:
        return campaign.bulletin_title.removesuffix("的通报")[:200]
    return "导入的整改任务"


__all__ = ["parse_document", "ProblemData"]
