"""Corrections a person makes in the import preview before anything is written.

Plain functions over CampaignData so they are tested without Qt. Nothing is ever dropped: text
taken out of the structure goes to `campaign.unparsed`.
"""

from __future__ import annotations

import copy
import re

from rectdesk.core.model import CampaignData, MeasureData, ProblemData
from rectdesk.exchange.bulletin_parse.clauses import split_labelled
from rectdesk.exchange.bulletin_parse.items import title_of


def renumber(c: CampaignData) -> None:
    for pi, problem in enumerate(c.problems, start=1):
        problem.number = pi
        for mi, measure in enumerate(problem.measures, start=1):
            measure.number = mi


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p and p.strip())


def merge_problems(c: CampaignData, indices: list[int]) -> int:
    """The first selected problem takes the others' measures; their titles join its description."""
    indices = sorted(set(indices))
    if len(indices) < 2:
        return indices[0] if indices else -1
    keep = c.problems[indices[0]]
    for index in indices[1:]:
        other = c.problems[index]
        keep.description = _join(keep.description, other.title, other.description)
        keep.measures.extend(other.measures)
    for index in reversed(indices[1:]):
        del c.problems[index]
    renumber(c)
    return indices[0]


def merge_measures(c: CampaignData, problem: int, indices: list[int]) -> None:
    indices = sorted(set(indices))
    if len(indices) < 2:
        return
    measures = c.problems[problem].measures
    keep = measures[indices[0]]
    keep.text = "".join(measures[i].text for i in indices)
    keep.result = "".join(measures[i].result or measures[i].text for i in indices)
    for index in reversed(indices[1:]):
        del measures[index]
    renumber(c)


def split_measure(c: CampaignData, problem: int, index: int) -> int:
    """Split a measure at 一是/1./（1） labels, else at sentence ends; returns how many it became."""
    measures = c.problems[problem].measures
    measure = measures[index]
    parts = split_labelled(measure.text)
    if len(parts) < 2:
        parts = [p for p in re.findall(r"[^。；;！？]+[。；;！？]?", measure.text) if p.strip()]
    if len(parts) < 2:
        return 1
    clones = []
    for text in parts:
        clone = copy.deepcopy(measure)
        clone.text = clone.result = text.strip()
        clones.append(clone)
    measures[index:index + 1] = clones
    renumber(c)
    return len(clones)


def promote_measure(c: CampaignData, problem: int, index: int) -> int:
    """A measure that is really a problem becomes one, right after its former parent."""
    parent = c.problems[problem]
    measure = parent.measures.pop(index)
    title, long_text = title_of(measure.text)
    c.problems.insert(problem + 1, ProblemData(title=title or "（无标题）", description=long_text,
                                               category=parent.category))
    renumber(c)
    return problem + 1


def demote_problem(c: CampaignData, problem: int) -> int:
    """A problem that is really a measure joins the problem before it, with its own measures."""
    if problem <= 0:
        return problem
    target = c.problems[problem - 1]
    moved = c.problems.pop(problem)
    target.measures.append(MeasureData(text=_join(moved.title, moved.description).replace("\n", "。"),
                                       result=moved.title))
    target.measures.extend(moved.measures)
    renumber(c)
    return problem - 1


def to_unparsed(c: CampaignData, problem: int, measure: int | None = None) -> None:
    """Take an item out of the import; its text stays with the campaign as unparsed text."""
    if measure is not None:
        c.unparsed.append(c.problems[problem].measures.pop(measure).text)
    else:
        gone = c.problems.pop(problem)
        c.unparsed.append(_join(gone.title, gone.description, *(m.text for m in gone.measures)))
    renumber(c)


def unparsed_to_problem(c: CampaignData, index: int) -> int:
    """An unparsed paragraph becomes a problem (title from its first sentence) at the end."""
    text = c.unparsed.pop(index)
    title, long_text = title_of(text)
    c.problems.append(ProblemData(title=title or "（无标题）", description=long_text))
    renumber(c)
    return len(c.problems) - 1


