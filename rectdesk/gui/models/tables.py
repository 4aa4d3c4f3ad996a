"""The window's tables: campaigns, problems, measures, progress timeline, change history."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt

from rectdesk.core.deadlines import DeadlineState
from rectdesk.core.fields import FIELDS, added_fields
from rectdesk.core.model import ProgressData
from rectdesk.gui.models.base import Column, Index, RowTableModel, sort_date
from rectdesk.gui.words import day, field_label, word
from rectdesk.store.views import STATE_RANK, CampaignRow, ChangeRow, MeasureRow, ProblemRow


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def _names(names: tuple[str, ...]) -> str:
    return "、".join(names)


class CampaignModel(RowTableModel[CampaignRow]):
    columns = (Column[CampaignRow]("title", lambda r: r.title),)

    def headers(self) -> list[str]:
        return [self.tr("整改任务")]

    def tooltip(self, row: CampaignRow, column: int) -> str | None:
        return self.tr("%1，%2 个问题").replace("%1", row.kind).replace("%2", str(row.problems))


class ProblemModel(RowTableModel[ProblemRow]):
    """Sorting sorts the campaign's whole row list (the window filters that list, so a filter
    change keeps the order without sorting again), then shows the rows that pass."""

    columns = (
        Column[ProblemRow]("number", lambda r: str(r.number), attrgetter("number"), True),
        Column[ProblemRow]("category", lambda r: r.category, attrgetter("category")),
        Column[ProblemRow]("title", lambda r: r.title, attrgetter("title")),
        Column[ProblemRow]("status", lambda r: word(r.status), attrgetter("status")),
        Column[ProblemRow]("state", lambda r: word(r.state), lambda r: STATE_RANK[r.state]),
        Column[ProblemRow]("due", lambda r: _d(r.due), lambda r: sort_date(r.due)),
        Column[ProblemRow]("departments", lambda r: _names(r.departments),
                           attrgetter("departments")),  # the tuple: compared in C, no join
        Column[ProblemRow]("leaders", lambda r: _names(r.leaders), attrgetter("leaders")),
        Column[ProblemRow]("measures", lambda r: f"{r.done}/{r.measures}",
                           lambda r: (r.done / r.measures if r.measures else 0.0), True),
    )

    def headers(self) -> list[str]:
        return [self.tr("序号"), self.tr("类别"), self.tr("问题"), self.tr("状态"),
                self.tr("时限状态"), self.tr("最近时限"), field_label("lead_department"),
                field_label("leaders"), self.tr("已完成/措施")]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: list[ProblemRow] = []

    def set_source(self, rows: list[ProblemRow]) -> list[ProblemRow]:
        """Hold the campaign's rows (sorted as shown); returns them for filtering."""
        self._source = self.sorted_rows(rows)
        return self._source

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if self._rows is self._source:
            self._sort_list(self._rows, column, order)
            return
        self._sort_list(self._source, column, order)
        if len(self._rows) * 4 < len(self._source):  # a few rows shown: sort just those
            self._sort_list(self._rows, column, order)
        else:
            shown = {r.id for r in self._rows}
            self._rows = [r for r in self._source if r.id in shown]

    def row_state(self, row: ProblemRow) -> DeadlineState | None:
        return row.state

    def tooltip(self, row: ProblemRow, column: int) -> str | None:
        return row.title if column == 2 else None


def _added_column(key: str) -> Column[MeasureRow]:
    return Column[MeasureRow](key, lambda r: r.extra.get(key, "").replace("\n", " "))


class MeasureModel(RowTableModel[MeasureRow]):
    """The field columns are titled by the field table (core.fields); a field it adds with
    table=True gets a column before the status."""

    problem_number = 0
    columns = (
        Column[MeasureRow]("number", lambda r: str(r.number), lambda r: r.number, True),
        Column[MeasureRow]("text", lambda r: r.text.replace("\n", " ")),
        Column[MeasureRow]("leaders", lambda r: _names(r.leaders)),
        Column[MeasureRow]("lead_department", lambda r: r.lead_department),
        Column[MeasureRow]("cooperating", lambda r: _names(r.cooperating)),
        Column[MeasureRow]("deadline", lambda r: r.deadline_text, lambda r: sort_date(r.due)),
        *(_added_column(f.key) for f in added_fields() if f.table),
        Column[MeasureRow]("status", lambda r: word(r.status), lambda r: r.status.value),
        Column[MeasureRow]("state", lambda r: word(r.state), lambda r: STATE_RANK[r.state]),
        Column[MeasureRow]("progress", lambda r: str(r.progress), lambda r: r.progress, True),
    )

    def headers(self) -> list[str]:
        own = {"number": self.tr("序号"), "state": self.tr("时限状态"), "progress": self.tr("进展")}
        return [own.get(c.key) or field_label(c.key) for c in self.columns]

    def row_state(self, row: MeasureRow) -> DeadlineState | None:
        return row.state

    def tooltip(self, row: MeasureRow, column: int) -> str | None:
        return row.text if column == 1 else None


class ProgressModel(RowTableModel[ProgressData]):
    columns = (
        Column[ProgressData]("when", lambda r: day(r.when), lambda r: r.when),
        Column[ProgressData]("status", lambda r: word(r.status) if r.status else ""),
        Column[ProgressData]("text", lambda r: r.text.replace("\n", " ")),
        Column[ProgressData]("reported_by", lambda r: r.reported_by),
        Column[ProgressData]("source", lambda r: r.source),
    )

    def headers(self) -> list[str]:
        return [self.tr("日期"), self.tr("状态"), self.tr("进展情况"), self.tr("报告人"),
                self.tr("来源")]

    def tooltip(self, row: ProgressData, column: int) -> str | None:
        return row.text if column == 2 else None


class HistoryModel(RowTableModel[ChangeRow]):
    columns = (
        Column[ChangeRow]("at", lambda r: r.at.strftime("%Y-%m-%d %H:%M"), lambda r: r.at),
        Column[ChangeRow]("operator", lambda r: r.operator),
        Column[ChangeRow]("action", lambda r: r.action),
        Column[ChangeRow]("field", lambda r: r.field),
        Column[ChangeRow]("old", lambda r: r.old.replace("\n", " ")),
        Column[ChangeRow]("new", lambda r: r.new.replace("\n", " ")),
    )

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("字段"), self.tr("原值"),
                self.tr("新值")]

    def data(self, index: Index, role: int = 0) -> Any:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 2:
            return self.label(value)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 3:
            return self.field_name(self.row_at(index.row()).entity, value)
        return value

    def field_name(self, entity: str, key: str) -> str:
        """A problem's or measure's field by its name in the field table; others in words."""
        f = FIELDS.get(key)
        return field_label(key) if f is not None and f.entity == entity else self.label(key)

    def label(self, word: str) -> str:
        """Action names of the change log, and the fields of entries about other things."""
        words = {
            "create": self.tr("新增"), "update": self.tr("修改"), "delete": self.tr("删除"),
            "move": self.tr("调整顺序"), "import": self.tr("导入"), "sign_off": self.tr("销号"),
            "reopen": self.tr("重新打开"), "recheck": self.tr("回头看"), "request": self.tr("申请"),
            "decide": self.tr("审批"), "title": self.tr("标题"), "text": self.tr("内容"),
            "position": self.tr("序号"),
        }
        return words.get(word, word)
