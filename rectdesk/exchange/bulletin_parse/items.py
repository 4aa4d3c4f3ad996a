"""One numbered item (heading + body) or one key-value block -> a problem and its measures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rectdesk.core.model import MeasureData, MeasureStatus, ProblemData
from rectdesk.core.status import infer_measure_status, leading_status, status_words
from rectdesk.exchange.bulletin_parse.clauses import first_sentence, split_with_lead
from rectdesk.exchange.bulletin_parse.fields import (
    SINGLE_LINE,
    apply_owners,
    field_line,
    inline_owners,
    owners_from,
)

MAX_TITLE = 120
_ABOUT = re.compile(r"^关于(.+?)(?:的)?问题的整改(?:落实)?(?:情况)?[。：:]?$")
_ABOUT_PROBLEM = re.compile(r"^关于(.+?)的问题[。：:]?$")
_RECTIFIED = re.compile(r"^(.{4,100}?)(?:的问题|问题)?的整改(?:落实)?情况[。：:]?$")
_PLAIN_PROBLEM = re.compile(r"^(.{4,100}?)的问题[。：:]?$")
_PROBLEM_THEN_TEXT = re.compile(r"^(.{4,100}?)(?:的)?问题[。：:](.+)$")
_SENTENCE_THEN_TEXT = re.compile(r"^([^。]{4,100})。(.+?。?)$")
_TITLE_THEN_MEASURES = re.compile(r"[。：:](?=一是)")
_DESCRIPTION_CUE = re.compile(r"^(巡[视察]组?(发现|指出)|经查|主要表现|具体表现|表现为|存在的问题|问题表现)")


@dataclass
class ItemStats:
    inferred: int = 0
    owners: int = 0
    notes: list[str] = field(default_factory=list)
    joined: dict[int, int] = field(default_factory=dict)  # id(problem) -> paragraphs its one measure joins


def title_of(heading: str) -> tuple[str, str]:
    """(short title, the full text when the heading was too long to be a title)."""
    heading = heading.strip()
    if m := _ABOUT.match(heading):
        return m.group(1).strip(), ""
    if m := _ABOUT_PROBLEM.match(heading):
        return m.group(1).strip(), ""
    if m := _RECTIFIED.match(heading) or _PLAIN_PROBLEM.match(heading):
        return m.group(1).strip(), ""
    title = heading.rstrip("。；;：:，, ")
    if len(title) <= MAX_TITLE:
        return title, ""
    short = first_sentence(title)
    if len(short) > MAX_TITLE:
        short = short[:MAX_TITLE - 1] + "…"
    return short, heading


def group_fields(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Lines before the first label, and each label's value with its continuation lines."""
    free: list[str] = []
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        found = field_line(line)
        if found:
            current = found[0]
            bucket = fields.setdefault(current, [])
            if found[1]:
                bucket.append(found[1])
        elif current is None or current in SINGLE_LINE:
            target = free if current is None else fields.setdefault("extra", [])
            target.append(line)
        else:
            fields[current].append(line)
    return free, fields


_NUMBERED = re.compile(r"^(?:[（(]?\d{1,2}[)）.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[)）]|[①-⑳]"
                       r"|[一二三四五六七八九十]{1,3}是)\s*")


_FIRST_LABEL = re.compile(r"^(?:[（(]?1[)）.．、](?!\d)|①)\s*")


def measures_and_lead(lines: list[str]) -> tuple[str, list[str]]:
    """(a lead sentence before the labels, the measures): one per numbered line, else split at
    sequential labels (一是…二是…, also after "该问题已完成整改。")."""
    if not lines:
        return "", []
    if len(lines) > 1 and all(_NUMBERED.match(x) for x in lines):
        return "", [t for t in (_NUMBERED.sub("", x, count=1).strip() for x in lines) if t]
    lead, clauses = split_with_lead("".join(lines))
    if len(clauses) == 1 and not lead and _FIRST_LABEL.match(clauses[0]):  # a list of one: "1.完成…"
        clauses = [_FIRST_LABEL.sub("", clauses[0], count=1).strip()]
    return lead, clauses


def split_measure_lines(lines: list[str]) -> list[str]:
    """Measures from their lines; a lead sentence stays at the head of the first."""
    lead, clauses = measures_and_lead(lines)
    if lead and clauses:
        clauses[0] = lead + clauses[0]
    return clauses


_STATUS_ONLY = 20  # a lead this short that states a status ("该问题已完成整改。") is the status, not text


def build_problem(heading: str, body: list[str], children: list[str], ref_year: int | None,
                  stats: ItemStats, category: str = "") -> ProblemData:
    """A problem from its heading, body lines and (already flattened) numbered children."""
    title, long_text = title_of(heading)
    rest = ""
    if not long_text and (cut := _TITLE_THEN_MEASURES.search(heading)):
        title, _ = title_of(heading[:cut.start()])
        rest = heading[cut.end():]
    elif m := _PROBLEM_THEN_TEXT.match(heading):  # "（一）X的问题。已对…进行清理。"
        title, long_text = title_of(m.group(1))
        rest = m.group(2)
    elif not body and not children and (m := _SENTENCE_THEN_TEXT.match(heading)):
        # "（一）部分专项资金闲置。已将闲置资金…统筹使用，已整改。": the problem, then what was done
        title, long_text = title_of(m.group(1))
        rest = m.group(2)
    problem = ProblemData(title=title, description=long_text, category=category)
    free, fields = group_fields(body)
    measure_lines, result_lines = _measure_source(free, fields, problem)
    if rest:
        measure_lines = [rest, *measure_lines]
    if children:
        texts = children
    else:
        lead_text, texts = measures_and_lead(measure_lines)
        if len(texts) == 1 and len(measure_lines) > 1:  # several paragraphs, no labels: one measure or several?
            stats.joined[id(problem)] = len(measure_lines)
        if lead_text and not (len(lead_text) <= _STATUS_ONLY and leading_status(lead_text)):
            problem.description = "\n".join(filter(None, [problem.description, lead_text]))
    lead = leading_status(" ".join(measure_lines)) or leading_status(" ".join(result_lines))
    if lead and status_words(first_sentence(" ".join(result_lines or measure_lines))) is MeasureStatus.LONG_TERM:
        lead = MeasureStatus.LONG_TERM  # "已经完成，长期坚持。"
    owners = owners_from(fields)
    for n, text in enumerate(texts, start=1):
        problem.measures.append(_measure(text, n, lead, result_lines, ref_year, stats))
    for measure in problem.measures:
        if owners.any() and apply_owners(measure, owners, ref_year, stats.notes):
            stats.owners += 1
    if fields.get("status") and problem.measures:
        _explicit_status(problem, " ".join(fields["status"]))
    if fields.get("extra"):
        problem.description = "\n".join(filter(None, [problem.description, *fields["extra"]]))
    return problem


def _measure_source(free: list[str], fields: dict[str, list[str]],
                    problem: ProblemData) -> tuple[list[str], list[str]]:
    """Which lines hold the measures, and which report on their result."""
    described = [x for x in free if _DESCRIPTION_CUE.match(x)]
    plain = [x for x in free if not _DESCRIPTION_CUE.match(x)]
    result = fields.get("result", [])
    if "measures" in fields:  # even empty: a numbered list under "整改措施：" follows it
        measures = fields["measures"]
        description = [*plain, *described, *fields.get("problem", []), *fields.get("task", [])]
    elif result:
        measures, result = result, []
        description = [*plain, *described, *fields.get("problem", []), *fields.get("task", [])]
    elif fields.get("task"):
        measures = fields["task"]
        description = [*plain, *described, *fields.get("problem", [])]
    else:
        measures = plain
        description = [*described, *fields.get("problem", [])]
    if fields.get("goal"):
        description.append("整改目标：" + "".join(fields["goal"]))
    problem.description = "\n".join(filter(None, [problem.description, *description]))
    return measures, result


def _measure(text: str, n: int, lead: MeasureStatus | None, result: list[str],
             ref_year: int | None, stats: ItemStats) -> MeasureData:
    text, inline = inline_owners(text)
    report = "".join(result)
    own = status_words(text)  # a measure's own 长期坚持 outlasts the item's "已完成整改"
    status = (own if own is MeasureStatus.LONG_TERM else None) or lead or (
        infer_measure_status(report) if report else infer_measure_status(text))
    measure = MeasureData(text=text, result=text, status=status, status_inferred=True, number=n,
                          note=f"整改完成情况：{report}" if report else "")
    stats.inferred += 1
    if inline is not None and apply_owners(measure, inline, ref_year, stats.notes):
        stats.owners += 1
    return measure


def _explicit_status(problem: ProblemData, word: str) -> None:
    from rectdesk.core.status import parse_status

    status = parse_status(word.strip("。； "))
    if status is None:
        return
    for measure in problem.measures:
        measure.status, measure.status_inferred = status, False
