"""A save that lost a race with another workstation (issue 12): both versions side by side,
and the user chooses which to keep. Nothing is overwritten without that choice.

RegisterSession.call guards saves of an item the window has shown (the services listed in
store.concurrency.GUARDED): the save names the version the user saw (`session.seen`), so a newer
one on the server raises EditConflict, and the session asks `ask` (set by the window as the
session's resolve_conflict): 保留我的修改 (save again on top of theirs; theirs stays in the
change log) or 采用对方的内容 (drop mine, show theirs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.models.base import Column, RowTableModel
from rectdesk.gui.session import KEEP_MINE, KEEP_THEIRS
from rectdesk.gui.words import field_label

if TYPE_CHECKING:
    from rectdesk.store.concurrency import EditConflict

__all__ = ["KEEP_MINE", "KEEP_THEIRS", "ConflictDialog", "ask"]


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(getattr(value, "value", value))


@dataclass(frozen=True)
class FieldRow:
    key: str
    mine: str
    theirs: str


class ConflictModel(RowTableModel[FieldRow]):
    columns = (
        Column("field", lambda r: field_label(r.key)),
        Column("mine", lambda r: r.mine),
        Column("theirs", lambda r: r.theirs),
    )

    def headers(self) -> list[str]:
        return [self.tr("内容"), self.tr("我的修改（未保存）"), self.tr("其他工作站已保存的")]


class ConflictDialog(QDialog):
    def __init__(self, conflict: EditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = KEEP_THEIRS
        self.setWindowTitle(self.tr("保存冲突"))
        self.setObjectName("conflict_dialog")
        self.message = QLabel(self.tr("另一台工作站在您编辑期间保存了同一项内容（您打开的是第 %1 版，"
                                      "现为第 %2 版）。您的修改尚未保存，请选择保留哪一方：")
                              .replace("%1", str(conflict.expected))
                              .replace("%2", str(conflict.current)))
        self.message.setWordWrap(True)
        self.model = ConflictModel(self)
        self.model.set_rows([FieldRow(k, _show(v), _show(conflict.theirs.get(k)))
                             for k, v in conflict.mine.items()], presorted=True)
        self.view = QTableView(self)
        self.view.setObjectName("conflict_fields")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(self)
        self.keep_mine = buttons.addButton(self.tr("保留我的修改"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs = buttons.addButton(self.tr("采用对方的内容"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_mine.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.keep_theirs.clicked.connect(lambda: self._choose(KEEP_THEIRS))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(640, 280)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.view.resizeRowsToContents()  # column widths are known only now

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice == KEEP_MINE else self.reject()


def ask(parent: QWidget | None, conflict: EditConflict) -> str:
    """Show the dialog (tests replace this) and return KEEP_MINE or KEEP_THEIRS."""
    dialog = ConflictDialog(conflict, parent)
    dialog.exec()
    return dialog.choice
