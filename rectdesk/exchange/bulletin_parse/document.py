"""A whole document's outline -> CampaignData: sections, categories, problems, tail.

What it cannot place with confidence goes to `CampaignData.unparsed`, in reading order.
"""

from __future__ import annotations

import re

from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import CampaignData, MeasureStatus, ProblemData
from rectdesk.core.status import status_words
from rectdesk.exchange.bulletin_parse import outline
from rectdesk.exchange.bulletin_parse.checks import final_flags
from rectdesk.exchange.bulletin_parse.closing import (
    heading_status,
    scope_sentence,
    scope_status,
    take_tail,
)
from rectdesk.exchange.bulletin_parse.cues import ACTION, names_problem
from rectdesk.exchange.bulletin_parse.facts import (
    apply_metadata,
    campaign_title,
    fill_intro_facts,
    take_title,
)
from rectdesk.exchange.bulletin_parse.fields import field_line
from rectdesk.exchange.bulletin_parse.items import ItemStats, build_problem, split_measure_lines
from rectdesk.exchange.bulletin_parse.normalize import clean_paragraphs
from rectdesk.exchange.bulletin_parse.numbering import cn_number
from rectdesk.exchange.bulletin_parse.report import Flag, ImportReport

_ORG = re.compile(r"^(整改)?(工作)?(的)?(组织|领导|部署)|组织(领导|实施|开展|推进|落实)|^(基本|总体|主要)(情况|做法)"
                  r"|工作开展情况|^整改工作(开展|推进|总体|基本)?(情况)?$|主体责任(落实|履行)?情况$|^履行|主要做法|保障措施|组织保障|成效$|^主要成效|^整改成效")
# "审计查出问题整改的总体情况": an overview, whatever words precede it.
_OVERALL = re.compile(r"(总体|基本|整体)(推进)?情况[。：:]?$|总体推进|工作开展情况[。：:]?$")
# A plan's framing sections: kept as text (unparsed), neither problems nor organisation.
_FRAMING = re.compile(r"^(指导思想|总体要求|基本原则|工作原则|整改原则|工作目标|整改目标|工作要求)[。：:]?$")
_NEXT = re.compile(r"^(下一步|下阶段|今后|后续)")
_CONTAINER = re.compile(r"(整改|落实|进展|完成)情况|问题(的)?整改|整改(事项|任务|问题)|问题清单|反馈(意见|问题)"
                        r"|存在(的)?问题|具体(问题|情况)")
_CATEGORY = re.compile(r"(方面|领域)(的)?(问题|存在的问题|突出问题)?[。：:]?$")
_PROBLEM_HEADING = re.compile(r"^关于.+问题|问题[。：:]?$|[。；]一是")
_LIST = re.compile(r"(发现|存在|反馈|指出|查出)的?(主要|突出)?问题[。：:]?$|^(主要|突出)问题[。：:]?$|问题清单[。：:]?$")


class _Doc:
    def __init__(self, ref_year: int | None) -> None:
        self.campaign = CampaignData(title="")
        self.stats = ItemStats()
        self.ref_year = ref_year
        self.flags: list[Flag] = []
        self.whole: list[tuple[MeasureStatus | None, str]] = []  # statuses stated for the whole document

    def problem(self, heading: str, body: list[str], children: list[str], category: str) -> None:
        p = build_problem(heading, body, children, self.ref_year, self.stats, category)
        if not p.title.strip():  # a bare marker ("一、。") names nothing: keep its text instead
            self.campaign.unparsed.extend(x for x in (heading, *body, *children) if x.strip())
            return
        self.campaign.problems.append(p)
        if id(p) in self.stats.joined:
            n = self.stats.joined[id(p)]
            self.flags.append(Flag("several_measures", f"由 {n} 段合为一条：{p.measures[0].text}",
                                   problem=len(self.campaign.problems) - 1, measure=0))

    def category(self, name: str) -> str:
        name = re.sub(r"^关于", "", name.rstrip("。：:；; "))[:100]
        if name not in self.campaign.categories:
            self.campaign.categories.append(name)
        return name

    def scope(self, start: int, status: MeasureStatus | None, source: str) -> None:
        """Problems from `start` on take `status` where their own words state none."""
        if status is None:
            return
        for index in range(start, len(self.campaign.problems)):
            changed = False
            for m in self.campaign.problems[index].measures:
                if m.status_inferred and m.status is MeasureStatus.IN_PROGRESS and not status_words(m.text + m.note):
                    m.status, changed = status, changed or status is not MeasureStatus.IN_PROGRESS
            if changed:
                self.flags.append(Flag("document_status", source, problem=index))


def _is_section(node: outline.Node) -> bool:
    h = node.heading
    if node.rank != 0 or h.startswith("关于") or len(h) > 30 or field_line(h):
        return False
    return bool(_ORG.search(h) or _NEXT.search(h) or _CONTAINER.search(h))


def _names_problems(node: outline.Node) -> bool:
    """Some heading below names a problem."""
    return any(names_problem(c.heading) or _names_problems(c) for c in node.children)


def _kind(node: outline.Node) -> str:
    """'next', 'text' (a plan's framing: 指导思想…), 'list' (problems listed before their
    rectification), 'org' (how the work was organised: 强化政治担当… / 组织整改落实情况) or 'items'."""
    h = node.heading
    if _NEXT.search(h):
        return "next"
    if _FRAMING.search(h):
        return "text"
    if _LIST.search(h) and "整改" not in h:
        return "list"
    if (_ORG.search(h) and not re.search(r"问题|反馈|方面", h)) or _OVERALL.search(h):
        return "org"
    if names_problem(h) or _CONTAINER.search(h) or _has_fields(node.body):
        return "items"
    if node.children and not _names_problems(node):
        actions = sum(1 for c in node.children if ACTION.search(c.heading))
        if actions * 2 >= len(node.children):
            return "org"
    elif not node.children and ACTION.search(h):
        return "org"
    return "items"


def _has_fields(lines: list[str]) -> bool:
    return any(field_line(x) for x in lines)


def _is_category(node: outline.Node) -> bool:
    if _CATEGORY.search(node.heading) or heading_status(node.heading):
        return True
    if not node.children:
        return False
    if any(c.children or _has_fields(c.body) for c in node.children):
        return True
    # Children with text of their own under a bare heading are items (problems with their
    # rectification), not one-paragraph measures: （一）党的政治建设 > 1.理论学习不深入 > 一是…
    with_body = sum(1 for c in node.children if c.body)
    numbered_on = node.children[0].number > 1  # 3. under （二） continues the 1. 2. under （一）
    if _PROBLEM_HEADING.search(node.heading):  # 关于…的问题 > 1. 2.: its measures, one with a second paragraph
        return False
    return not node.body and with_body * 2 >= len(node.children) and (len(node.children) >= 2 or numbered_on)


def _flatten(node: outline.Node) -> str:
    return "".join([node.heading, *node.body, *("".join(c.all_text()) for c in node.children)])


def _items(doc: _Doc, nodes: list[outline.Node], category: str) -> None:
    for node in nodes:
        if _is_category(node):
            start = len(doc.campaign.problems)
            name = doc.category(node.heading)
            if node.children:
                _items(doc, node.children, name)
                _section_body(doc, node, start)
            else:
                _blocks(doc, node.body, name)
            doc.scope(start, heading_status(node.heading), node.heading)
        elif field_line(node.heading) and not node.children:  # a numbered key-value block
            doc.campaign.unparsed.extend(_blocks(doc, [node.heading, *node.body], category))
        else:
            body, said = _trailing_scope(node.body)
            doc.problem(node.heading, body, _children_texts(node), category)
            if said:  # "以上问题已全部整改完成。" after the last item: the items above, not its last measure
                doc.scope(0, scope_status(said), scope_sentence([said]))


def _trailing_scope(body: list[str]) -> tuple[list[str], str]:
    """An item's body without a closing paragraph that speaks for all the items above it."""
    if len(body) >= 2 and re.match(r"^(以上|上述|综上|至此)", body[-1]) and scope_status(body[-1]):
        return body[:-1], body[-1]
    return body, ""


def _section_body(doc: _Doc, node: outline.Node, start: int) -> None:
    """A section's own text: a status sentence for its problems, or text we could not place."""
    status = scope_status("".join(node.body))
    doc.scope(start, status, scope_sentence(node.body))
    if status is None:
        doc.campaign.unparsed.extend(node.body)


def _children_texts(node: outline.Node) -> list[str]:
    """One measure per numbered child (several when a child runs on 一是…二是…); a lone child
    may still run on as ①…②… in one line."""
    if len(node.children) == 1 and not node.children[0].children:
        child = node.children[0]
        return split_measure_lines(["".join([child.raw, *child.body])])
    texts: list[str] = []
    for c in node.children:
        texts.extend(split_measure_lines([_flatten(c)]) if not c.children else [_flatten(c)])
    return texts


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


def _fold_listed_fields(node: outline.Node) -> None:
    """整改完成情况：followed by a numbered list 1、2、3、 (公示 layouts): the list is that field's
    value, not a row of problems."""
    for child in node.children:
        _fold_listed_fields(child)
    if not node.children or any(c.children for c in node.children):
        return
    for index, line in enumerate(node.body):
        found = field_line(line)
        if found and not found[1] and found[0] in ("result", "measures", "goal") and node.children[0].rank >= 2:
            listed = ["".join([c.raw, *c.body]) for c in node.children]
            node.body[index + 1:index + 1] = listed
            node.children = []
            return


def _sections(doc: _Doc, nodes: list[outline.Node]) -> None:
    c = doc.campaign
    org: list[str] = []
    kinds = [_kind(n) for n in nodes]
    has_items = "items" in kinds
    rectified = any(k == "items" and "整改" in n.heading for n, k in zip(nodes, kinds, strict=True))
    section_mode = any(_is_section(n) or k != "items" for n, k in zip(nodes, kinds, strict=True))
    for index, (node, kind) in enumerate(zip(nodes, kinds, strict=True)):
        start = len(c.problems)
        if (kind == "org" and "items" in kinds[:index] and not c.next_steps and "next" not in kinds
                and not _ORG.search(node.heading) and not _OVERALL.search(node.heading)):
            # work described after the problems (持续深化巡视整改…): what comes next
            doc.flags.append(Flag("next_steps", node.heading))
            kind = "next"
        if kind == "next":
            c.next_steps_heading = node.heading
            c.next_steps = "\n".join(node.all_text()[1:])
        elif kind == "org" and has_items:
            org.extend(node.all_text()[1:])
            doc.flags.append(Flag("organisation", node.heading))
            # "反馈的12个问题已全部整改完成" in the organisation text speaks for every problem
            doc.whole.append((scope_status("".join(node.all_text())), scope_sentence(node.all_text())))
        elif kind == "list" and rectified:
            c.intro = "\n".join(filter(None, [c.intro, *node.all_text()]))
            doc.flags.append(Flag("problem_list", f"{node.heading}（{len(node.children)} 项）"))
        elif kind == "list" and node.children:  # the problems found, with no rectification section
            c.unparsed.extend(node.body)
            _items(doc, node.children, "")
        elif kind == "text":
            c.unparsed.extend(node.all_text())
        elif not section_mode:
            _items(doc, [node], "")
        else:
            _section(doc, node)
        if kind != "org":
            doc.scope(start, heading_status(node.heading), node.heading)
    c.organisation = "\n".join(org)


def _section(doc: _Doc, node: outline.Node) -> None:
    c = doc.campaign
    if field_line(node.heading) and not node.children:  # 一、整改任务：… 整改目标：… 整改完成情况：…
        c.unparsed.extend(_blocks(doc, [node.heading, *node.body], ""))
    elif node.children:
        before = len(c.problems)
        if _is_section(node) or heading_status(node.heading):
            _items(doc, node.children, "")
            _section_body(doc, node, before)
        else:
            _items(doc, [node], "")
        if len(c.problems) == before:
            c.unparsed.extend(node.all_text())
    elif _has_fields(node.body):
        c.unparsed.extend(_blocks(doc, node.body, ""))
    elif _PROBLEM_HEADING.search(node.heading) or names_problem(node.heading):
        _items(doc, [node], "")
    else:  # a section we do not know (指导思想, 工作要求 ...): its text is kept, not guessed at
        c.unparsed.extend(node.all_text())


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
    lines, tail = take_tail(take_title(lines, c))
    c.bulletin_date, c.signature, c.contact = tail.date, tail.signature, "\n".join(tail.contact)
    if tail.date is None:  # no signature and date to close the text: the end was found by its words
        doc.flags.extend(Flag("closing", x) for x in [*tail.formulas, *tail.contact, *tail.statuses])
    apply_metadata(c, cleaned.metadata)
    doc.ref_year = c.bulletin_date.year if c.bulletin_date else None
    lines = _number_bare_problems(lines, doc)
    root = outline.build(lines)
    _fold_listed_fields(root)
    intro = _blocks(doc, root.body, "") if _has_fields(root.body) and not root.children else root.body
    _sections(doc, root.children)
    if tail.next_steps:  # "下一步，…" closing the text: the next steps, not the last measure's words
        c.next_steps = "\n".join([*filter(None, [c.next_steps]), *tail.next_steps])
        doc.flags.append(Flag("closing", tail.next_steps[0]))
    _split_next_steps_tail(c)
    if not c.problems and not items_elsewhere:  # with no item found, "intro" is a guess: show the text as unplaced
        c.unparsed[:0] = intro
        intro = []
    c.intro = "\n".join(filter(None, [*intro, c.intro]))
    doc.whole.append((scope_status("".join([*intro, *tail.statuses])), scope_sentence([*intro, *tail.statuses])))
    for status, sentence in doc.whole:
        doc.scope(0, status, sentence)
    fill_intro_facts(c, c.intro, doc.ref_year)
    if c.signature and (not c.issuing_organ or c.issuing_organ == c.signature.replace(" ", "")):
        c.issuing_organ = c.signature  # the signature spells it out (two organs: one space apart)
    c.title = campaign_title(c)
    for number, problem in enumerate(c.problems, start=1):
        problem.number = number
    report = ImportReport(problems=len(c.problems), measures=c.measure_count(), unparsed=len(c.unparsed),
                          inferred_statuses=doc.stats.inferred, owners_found=doc.stats.owners,
                          categories=len(c.categories), notes=cleaned.notes + _dedupe(doc.stats.notes),
                          flags=cleaned.flags + _dedupe_flags(doc.flags) + final_flags(c))
    return c, report


_BARE_PROBLEM = re.compile(r"^关于.{2,80}?问题(的整改(落实)?情况)?[。：:]?$")


def _number_bare_problems(lines: list[str], doc: _Doc) -> list[str]:
    """Problem headings without a number (关于…的问题 as bold lines of a web page or a Word
    bullet): numbered （一）（二）… so that they open items, when nothing else uses that level."""
    bare = [i for i, x in enumerate(lines) if _BARE_PROBLEM.match(x)]
    if len(bare) < 2 or any((m := outline.marker(x)) is not None and m[0] == 1 for x in lines):
        return lines
    numbered = list(lines)
    for n, index in enumerate(bare, start=1):
        numbered[index] = f"（{cn_number(n)}）{lines[index]}"
    doc.flags.append(Flag("source", f"问题标题没有编号，已按“关于……问题”分为 {len(bare)} 条"))
    return numbered


def _dedupe(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))


def _dedupe_flags(flags: list[Flag]) -> list[Flag]:
    seen: set[tuple[str, str, int | None]] = set()
    out: list[Flag] = []
    for f in flags:
        if (f.kind, f.text, f.problem) not in seen:
            seen.add((f.kind, f.text, f.problem))
            out.append(f)
    return out


__all__ = ["parse_document", "ProblemData"]
