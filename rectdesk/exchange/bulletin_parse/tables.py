"""A 清单 table (序号/问题/措施/责任单位/时限 …) -> problems with owners and deadlines.

Merged cells arrive repeated (sources._grid), so consecutive rows with the same problem text are
one problem with several measures. A row whose cells all hold one text is a category row.
"""

from __future__ import annotations

import re
from functools import partial

from rectdesk.core.model import MeasureData, ProblemData
from rectdesk.core.status import infer_measure_status, parse_status
from rectdesk.exchange.bulletin_parse.fields import Owners, apply_owners, names
from rectdesk.exchange.bulletin_parse.items import ItemStats, split_measure_lines, title_of
from rectdesk.exchange.bulletin_parse.outline import marker

# Checked in order: the first column kind whose words appear in a header cell wins.
_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("序号", "编号")),
    ("category", ("类别", "方面", "领域", "类型")),
    ("leaders", ("责任领导", "牵头领导", "分管领导", "责任人")),
    ("coop", ("配合", "协办", "参与")),
    ("lead", ("责任单位", "责任部门", "牵头单位", "牵头部门", "责任处室", "主责", "责任主体")),
    ("deadline", ("时限", "完成时间", "期限")),
    ("status", ("状态",)),
    ("result", ("完成情况", "进展", "整改情况", "落实情况", "成效")),
    ("goal", ("目标",)),
    ("measures", ("措施", "举措", "整改任务", "任务")),
    ("problem", ("问题", "表现", "事项")),
    ("note", ("备注",)),
)


def header_map(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        text = re.sub(r"\s+", "", cell)
        if not text or len(text) > 20:
            continue
        for kind, words in _COLUMNS:
            if any(w in text for w in words):
                found.setdefault(kind, index)
                break
    return found


def find_header(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid[:5]):
        cols = header_map(row)
        if ("problem" in cols or "measures" in cols) and len(cols) >= 3:
            return index, cols
    return None


def _cell(row: list[str], cols: dict[str, int], kind: str) -> str:
    index = cols.get(kind)
    return row[index].strip() if index is not None and index < len(row) else ""


def _category_row(row: list[str]) -> str:
    filled = {c.strip() for c in row if c.strip()}
    if len(filled) == 1 and len(row) > 1 and sum(1 for c in row if c.strip()) in (1, len(row)):
        text = filled.pop()
        if sum(1 for c in row if c.strip()) == len(row) or re.search(r"方面|领域|类", text):
            found = marker(text)
            return (found[2] if found else text).rstrip("：:。")
    return ""


class _TableReader:
    def __init__(self, cols: dict[str, int], ref_year: int | None, stats: ItemStats) -> None:
        self.cols, self.ref_year, self.stats = cols, ref_year, stats
        self.problems: list[ProblemData] = []
        self.categories: list[str] = []
        self.category = ""
        self.key: tuple[str, str] | None = None

    def row(self, row: list[str]) -> None:
        if category := _category_row(row):
            if "category" in self.cols:
                return  # the category column names the group; the banner row repeats it
            self.category = category
            if category not in self.categories:
                self.categories.append(category)
            return
        cell = partial(_cell, row, self.cols)
        if cell("category"):
            self.category = cell("category")
            if self.category not in self.categories:
                self.categories.append(self.category)
        problem_text = cell("problem")
        key = (cell("number"), problem_text)
        if problem_text and key != self.key:
            found = marker(problem_text)
            title, long_text = title_of(found[2] if found else problem_text)
            self.problems.append(ProblemData(title=title, description=long_text, category=self.category))
            self.key = key
        if not self.problems:
            return
        self._measures(self.problems[-1], row)

    def _measures(self, problem: ProblemData, row: list[str]) -> None:
        cell = partial(_cell, row, self.cols)
        result = cell("result")
        text = cell("measures") or result
        if not text:
            return
        if problem.measures and problem.measures[-1].text == split_measure_lines(text.split("\n"))[-1]:
            return  # a measure cell merged across rows
        lead = names(cell("lead"))
        owners = Owners(lead=lead[:1], coop=lead[1:] + names(cell("coop")), leaders=names(cell("leaders")),
                        deadline=cell("deadline"))
        explicit = parse_status(cell("status").strip("。 ")) or parse_status(result.strip("。 "))
        report = result if cell("measures") and not parse_status(result.strip("。 ")) else ""
        for clause in split_measure_lines(text.split("\n")):
            status = explicit or infer_measure_status(report or clause)
            measure = MeasureData(text=clause, result=clause, status=status, status_inferred=explicit is None,
                                  number=len(problem.measures) + 1,
                                  note="\n".join(filter(None, [f"整改完成情况：{report}" if report else "",
                                                               cell("note")])))
            self.stats.inferred += explicit is None
            if owners.any() and apply_owners(measure, owners, self.ref_year, self.stats.notes):
                self.stats.owners += 1
            problem.measures.append(measure)


def table_problems(grid: list[list[str]], ref_year: int | None,
                   stats: ItemStats) -> tuple[list[ProblemData], list[str]] | None:
    """Problems and categories of a 清单 table; None when the table is not one."""
    header = find_header(grid)
    if header is None:
        return None
    start, cols = header
    reader = _TableReader(cols, ref_year, stats)
    header_row = [c.strip() for c in grid[start]]
    for row in grid[start + 1:]:
        if not any(c.strip() for c in row) or [c.strip() for c in row] == header_row:
            continue
        reader.row(row)
    return reader.problems, reader.categories
