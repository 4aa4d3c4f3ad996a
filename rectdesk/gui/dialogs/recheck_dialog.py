"""回头看 dialog: the sign-off, earlier re-checks, and a new one (巩固 keeps the sign-off,
反弹 reopens the problem with its history kept)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.dialogs.signoff_dialog import pydate, qdate
from rectdesk.gui.words import date_format, day, message, word

if TYPE_CHECKING:
    from rectdesk.gui.session import RegisterSession


class RecheckDialog(QDialog):
    def __init__(self, session: RegisterSession, problem_id: int, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        from rectdesk.store.dashboard import recheck_view

        self._session = session
        v = self.view = recheck_view(session.reg, problem_id)
        self.setWindowTitle(self.tr("回头看 - {0}").format(message(v.label)))
        layout = QVBoxLayout(self)
        lines = [f"<b>{message(v.label)}</b>　{v.title}"]
        if v.sign_off is None:
            lines.append(self.tr("该问题尚未销号，不能回头看。"))
        else:
            lines.append(self.tr("已于 {0} 销号（{1}）").format(day(v.sign_off.signed_on),
                                                          v.sign_off.approved_by))
            if v.recheck_due:
                lines.append(self.tr("回头看日期：{0}").format(day(v.recheck_due)))
        lines += [f"• {day(r.checked_on)} {word(r.result)} {r.checked_by}：{r.note}"
                  for r in v.rechecks]
        info = QLabel("<br>".join(lines))
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        self.date_edit = QDateEdit(qdate(today or date.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_format())
        self.result_combo = QComboBox()
        self.result_combo.addItem(self.tr("巩固"), "巩固")
        self.result_combo.addItem(self.tr("反弹（重新打开问题）"), "反弹")
        self.note_edit = QLineEdit()
        self.checked_by_edit = QLineEdit()
        form.addRow(self.tr("回头看日期"), self.date_edit)
        form.addRow(self.tr("结论"), self.result_combo)
        form.addRow(self.tr("情况说明"), self.note_edit)
        form.addRow(self.tr("检查人"), self.checked_by_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(v.sign_off is not None)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        from rectdesk.gui.errors import show_error
        from rectdesk.store import services

        try:
            self._session.call(services.add_recheck, self.view.problem_id, pydate(self.date_edit.date()),
                       self.result_combo.currentData(), self.note_edit.text(), self.checked_by_edit.text())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        super().accept()
