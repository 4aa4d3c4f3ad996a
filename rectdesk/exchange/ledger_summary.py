"""The ledger's summary sheet (汇总): counts and completion rates by status, lead department and
leader, and the list of overdue measures, over the same measures the ledger sheets print."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rectdesk.core.deadlines import format_date_cn
from rectdesk.core.model import MeasureData, MeasureStatus, ProblemData, ProblemStatus
from rectdesk.core.status import derive_problem_status
from rectdesk.exchange import cells
from rectdesk.exchange.ledger_texts import (
    NO_DEPARTMENT,
    NO_LEADER,
    OVERDUE_SHEET,
    SUMMARY_SHEET,
    column_title,
    deadline_text,
    is_overdue,
    problem_text,
    title_text,
)

if TYPE_CHECKING:
    from rectdesk.exchange.ledger_xlsx import _Writer

GROUP_HEADERS = ("措施数", "已完成", "长期坚持", "正在推进", "未启动", "逾期", "完成率")
# The sheet is a grid of one name column and eleven narrow ones; the overdue list's long texts
# span several narrow columns, so the count tables above it keep even, narrow columns.
WIDTHS = (22, *([11] * 11))
OVERDUE_COLUMNS = (("编号", 1), (column_title("title"), 2), (column_title("text"), 4), (column_title("leaders"), 1),
                   (column_title("lead_department"), 1), (column_title("deadline"), 1), ("逾期天数", 1),
                   (column_title("status"), 1))


@dataclass
class Tally:
    """Measure counts for one status, department or leader."""

    total: int = 0
    by_status: Counter[MeasureStatus] = field(default_factory=Counter)
    overdue: int = 0

    def add(self, m: MeasureData, overdue: bool) -> None:
        self.total += 1
        self.by_status[m.status] += 1
        self.overdue += int(overdue)

    @property
    def completion(self) -> float:
        """Done over all: long-term measures are not "complete" (they are reported apart)."""
        return self.by_status[MeasureStatus.DONE] / self.total if self.total else 0.0


@dataclass
class Summary:
    measures: Tally
    problems: Counter[ProblemStatus]
    departments: dict[str, Tally]
    leaders: dict[str, Tally]
    overdue: list[tuple[ProblemData, MeasureData]]


def summarise(scope: list[tuple[ProblemData, MeasureData]], today: date) -> Summary:

    total = Tally()
    departments: dict[str, Tally] = {}
    leaders: dict[str, Tally] = {}
    per_problem: dict[int, tuple[ProblemData, list[MeasureStatus]]] = {}
    overdue = []
    for p, m in scope:
        late = is_overdue(m, today)
        total.add(m, late)
        _tally(departments, m.lead_department or NO_DEPARTMENT).add(m, late)
        for name in m.leaders or [NO_LEADER]:
            _tally(leaders, name).add(m, late)
        per_problem.setdefault(id(p), (p, []))[1].append(m.status)
        if late:
            overdue.append((p, m))
    problems = Counter(derive_problem_status(st, p.sign_off is not None)
                       for p, st in per_problem.values())
    overdue.sort(key=lambda pm: (pm[1].effective_due or today, pm[0].number, pm[1].number))
    return Summary(total, problems, departments, leaders, overdue)


def _tally(tallies: dict[str, Tally], key: str) -> Tally:
    """tallies[key], made on first use (setdefault would build a Tally for every measure)."""
    found = tallies.get(key)
    if found is None:
        found = tallies[key] = Tally()
    return found


def write_summary(writer: _Writer, scope: list[tuple[ProblemData, MeasureData]]) -> None:

    s = summarise(scope, writer.today)
    ws = writer.wb.add_worksheet(SUMMARY_SHEET)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    title = title_text(writer.campaign, writer.today, "情况汇总")
    rate = f"{s.measures.completion:.1%}"
    writer.title_rows(ws, title, f"措施 {s.measures.total} 条，已完成 {s.measures.by_status[MeasureStatus.DONE]} 条，"
                      f"完成率 {rate}（已完成 ÷ 措施总数；长期坚持另计）", len(WIDTHS) - 1)
    row = _status_table(writer, ws, s, 3)
    department, leader = column_title("lead_department"), column_title("leaders")
    row = _group_table(writer, ws, f"二、按{department}", department, s.departments, row + 1)
    _group_table(writer, ws, f"三、按{leader}", leader, s.leaders, row + 1)
    writer.page_setup(ws, None)
    _overdue_sheet(writer, s)


def _overdue_sheet(writer: _Writer, s: Summary) -> None:
    """逾期措施清单 on a sheet of its own, so that its column header repeats on every
    printed page (Excel repeats rows only from the top of a sheet)."""

    ws = writer.wb.add_worksheet(OVERDUE_SHEET)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    title = title_text(writer.campaign, writer.today, "逾期清单")
    writer.title_rows(ws, title, f"逾期措施 {len(s.overdue)} 条（截至{format_date_cn(writer.today)}）",
                      len(WIDTHS) - 1)
    _overdue_table(writer, ws, s, 2)
    writer.page_setup(ws, 3)  # the heading is row 3, the column header row 4


def _heading(writer: _Writer, ws: Any, row: int, text: str) -> int:
    fmt = writer.fmt.get(bold=True, border=False, size=writer.options.font_size + 2)
    ws.merge_range(row, 0, row, len(WIDTHS) - 1, "", fmt)
    ws.write_string(row, 0, text, fmt)
    ws.set_row(row, cells.lines_height(1, writer.options.font_size + 2))
    return row + 1


def _header(writer: _Writer, ws: Any, row: int, headers: tuple[str, ...]) -> int:
    for col, h in enumerate(headers):
        ws.write_string(row, col, h, writer.fmt.get(header=True))
    ws.set_row(row, cells.row_height(zip(headers, WIDTHS, strict=False), writer.options.font_size))
    return row + 1


def _status_table(writer: _Writer, ws: Any, s: Summary, row: int) -> int:
    row = _heading(writer, ws, row, f"一、按{column_title('status')}")
    row = _header(writer, ws, row, (column_title("status"), "问题数", "措施数", "措施占比"))
    num, pct = writer.fmt.get(centred=True), writer.fmt.get(centred=True, num_format="0.0%")
    for status in ProblemStatus:
        ws.write_string(row, 0, status.value, writer.fmt.get(centred=True))
        ws.write_number(row, 1, s.problems[status], num)
        if status is ProblemStatus.SIGNED_OFF:
            ws.write_string(row, 2, "—", num)
            ws.write_string(row, 3, "—", num)
        else:
            count = s.measures.by_status[MeasureStatus(status.value)]
            ws.write_number(row, 2, count, num)
            ws.write_number(row, 3, count / s.measures.total if s.measures.total else 0, pct)
        row += 1
    ws.write_string(row, 0, "合计", writer.fmt.get(centred=True, bold=True))
    ws.write_number(row, 1, sum(s.problems.values()), num)
    ws.write_number(row, 2, s.measures.total, num)
    ws.write_number(row, 3, 1 if s.measures.total else 0, pct)
    return row + 1


def _group_table(writer: _Writer, ws: Any, heading: str, label: str, tallies: dict[str, Tally],
                 row: int) -> int:
    row = _heading(writer, ws, row, heading)
    row = _header(writer, ws, row, (label, *GROUP_HEADERS))
    num, pct = writer.fmt.get(centred=True), writer.fmt.get(centred=True, num_format="0.0%")
    for name, t in tallies.items():
        writer.text(ws, row, 0, name, writer.fmt.get())
        counts = [t.total, *(t.by_status[st] for st in (MeasureStatus.DONE, MeasureStatus.LONG_TERM,
                                                          MeasureStatus.IN_PROGRESS,
                                                          MeasureStatus.NOT_STARTED)), t.overdue]
        for col, value in enumerate(counts, start=1):
            ws.write_number(row, col, value, num)
        ws.write_number(row, len(counts) + 1, t.completion, pct)
        ws.set_row(row, cells.row_height([(name, WIDTHS[0])], writer.options.font_size))
        row += 1
    return row


def _overdue_table(writer: _Writer, ws: Any, s: Summary, row: int) -> int:

    row = _heading(writer, ws, row, f"逾期措施清单（{len(s.overdue)} 条）")
    header = writer.fmt.get(header=True)
    _spanned_row(writer, ws, row, [h for h, _ in OVERDUE_COLUMNS], [header] * len(OVERDUE_COLUMNS))
    row += 1
    text, centred = writer.fmt.get(), writer.fmt.get(centred=True)
    fmts = [centred, text, text, centred, centred, centred, centred, centred]
    for p, m in s.overdue:
        due = m.effective_due
        late: str | int = (writer.today - due).days if due else ""  # a number: sortable, summable
        values = [f"{p.number}.{m.number}", problem_text(p), m.text or m.result, "、".join(m.leaders),
                  m.lead_department, deadline_text(m), late, m.status.value]
        _spanned_row(writer, ws, row, values, fmts)
        row += 1
    if not s.overdue:
        ws.write_string(row, 0, f"截至{format_date_cn(writer.today)}无逾期措施。",
                        writer.fmt.get(border=False))
        row += 1
    return row


def _spanned_row(writer: _Writer, ws: Any, row: int, values: list[str | int], fmts: list[Any]) -> None:
    """One overdue-list row: each value over its span of grid columns; height from the text."""
    col, sized = 0, []
    for value, fmt, (_, span) in zip(values, fmts, OVERDUE_COLUMNS, strict=True):
        if span > 1:
            ws.merge_range(row, col, row, col + span - 1, "", fmt)
        if isinstance(value, int):
            ws.write_number(row, col, value, fmt)
        else:
            writer.text(ws, row, col, value, fmt)
        sized.append((str(value), float(sum(WIDTHS[col:col + span]))))
        col += span
    ws.set_row(row, cells.row_height(sized, writer.options.font_size))
