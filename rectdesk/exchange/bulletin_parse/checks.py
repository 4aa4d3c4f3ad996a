"""What the importer was unsure of, checked on the finished campaign (see report.Flag)."""

from __future__ import annotations

import re

from rectdesk.core.model import CampaignData
from rectdesk.core.text import parse_cn_number
from rectdesk.exchange.bulletin_parse.cues import names_problem
from rectdesk.exchange.bulletin_parse.report import Flag

# A second label of a sequence after a sentence end: the measure probably holds several.
_SECOND_LABEL = re.compile(r"[。；;！？，,][\s\u3000]*(二是|[（(]2[)）]|2[.．、](?!\d)|②|第二[，,、])")
_LONG_MEASURE = 600
# "反馈问题23个" / "共发现15个问题" / "涉及……共计50项具体问题"
_STATED = re.compile(r"(?:反馈|发现|指出|移交|涉及|共|计|梳理出?)[^。；]{0,24}?"
                     r"(\d{1,3}|[一二三四五六七八九十百]{1,4})\s*(?:个|项|条)(?:具体)?(?:问题|整改任务|整改事项)"
                     r"|(?:问题|整改任务)(\d{1,3}|[一二三四五六七八九十百]{1,4})\s*(?:个|项|条)(?!方面|类|领域|大类)")


def measure_flags(c: CampaignData) -> list[Flag]:
    flags: list[Flag] = []
    for pi, problem in enumerate(c.problems):
        if not problem.measures:
            flags.append(Flag("no_measures", problem.title, problem=pi))
        if not names_problem(problem.title) and not (problem.description and names_problem(problem.description)):
            flags.append(Flag("not_a_problem", problem.title, problem=pi))
        for mi, measure in enumerate(problem.measures):
            if _SECOND_LABEL.search(measure.text) or len(measure.text) > _LONG_MEASURE:
                flags.append(Flag("several_measures", measure.text, problem=pi, measure=mi))
    return flags


def stated_counts(text: str) -> list[int]:
    counts: list[int] = []
    for m in _STATED.finditer(text):
        token = m.group(1) or m.group(2)
        n = int(token) if token.isdigit() else parse_cn_number(token)
        if n:
            counts.append(n)
    return counts


def count_flags(c: CampaignData) -> list[Flag]:
    """The intro states how many problems there are, and we found another number."""
    counts = stated_counts("\n".join([c.intro, c.organisation, *c.unparsed]))
    if counts and len(c.problems) not in counts:
        return [Flag("count_mismatch", f"文中为 {'、'.join(map(str, counts))} 个，导入 {len(c.problems)} 个")]
    return []


def unparsed_flags(c: CampaignData) -> list[Flag]:
    return [Flag("unparsed", text) for text in c.unparsed]


def final_flags(c: CampaignData) -> list[Flag]:
    return measure_flags(c) + count_flags(c) + unparsed_flags(c)
