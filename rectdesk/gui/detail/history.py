"""The 修改记录 tab: the change log of the selected problem (with its measures' entries) or measure."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from rectdesk.gui.models.base import Index
from rectdesk.gui.models.tables import HistoryModel
from rectdesk.store.views import ChangeRow


class DetailHistoryModel(HistoryModel):
    """The change-log table; a problem's entries about its measures say which measure."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.measure_of: dict[tuple[str, int], int] = {}

    def set_rows(self, rows: list[ChangeRow], *, presorted: bool = False,
                 measure_of: dict[tuple[str, int], int] | None = None) -> None:
        self.measure_of = measure_of or {}
        super().set_rows(rows, presorted=presorted)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 3 and self.measure_of:
            row = self.row_at(index.row())
            where = self.where(row.entity, self.measure_of.get((row.entity, row.entity_id or 0)))
            if where:
                return self.tr("%1：%2").replace("%1", where).replace("%2", value) if value else where
        return value

    def where(self, entity: str, number: int | None) -> str:
        """Which part of the problem an entry concerns ("" for the problem itself)."""
        if number is None:
            return ""
        labels = {"measure": self.tr("措施%1"), "progress": self.tr("措施%1进展"),
                  "extension": self.tr("措施%1延期"), "evidence": self.tr("措施%1佐证材料")}
        if number == 0:
            return self.tr("佐证材料") if entity == "evidence" else ""
        return labels.get(entity, "").replace("%1", str(number))

    def label(self, word: str) -> str:
        return self.tr("恢复") if word == "restore" else super().label(word)
