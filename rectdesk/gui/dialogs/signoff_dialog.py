"""销号 dialog: what blocks the sign-off, or the date, approver and opinion that record it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui import palette
from rectdesk.gui.words import date_format, day, message, word

if TYPE_CHECKING:
    from rectdesk.gui.session import RegisterSession


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class SignoffDialog(QDialog):
    """Writes through `session.call` (the window's one write path: register, conflict guard,
    change notice)."""

    def __init__(self, session: RegisterSession, problem_id: int, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        from rectdesk import settings
        from rectdesk.store.dashboard import signoff_view

        self._session = session
        reg = self._reg = session.reg
        self._settings = settings.load()
        self.view = signoff_view(reg, problem_id,
                                 require_evidence=bool(self._settings["require_evidence_for_signoff"]))
        self.setWindowTitle(self.tr("销号 - {0}").format(message(self.view.label)))
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{message(self.view.label)}</b>　{self.view.title}")
        head.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(QLabel("<br>".join(f"{n}【{word(s)}】{_short(t)}" for n, s, t in self.view.measures)))
        self.blockers_label = QLabel()
        self.blockers_label.setWordWrap(True)
        layout.addWidget(self.blockers_label)
        form = QFormLayout()
        self.date_edit = QDateEdit(qdate(today or date.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_format())
        self.approver_edit = QLineEdit()
        self.opinion_edit = QPlainTextEdit()
        self.opinion_edit.setPlaceholderText(self.tr("例如：整改到位，同意销号"))
        self.opinion_edit.setMaximumHeight(80)
        form.addRow(self.tr("销号日期"), self.date_edit)
        form.addRow(self.tr("审批人"), self.approver_edit)
        form.addRow(self.tr("销号意见"), self.opinion_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("销号"))
        self.sheet_button = QPushButton(self.tr("导出对账销号单…"))
        self.buttons.addButton(self.sheet_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sheet_button.clicked.connect(self.export_sheet_dialog)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_state()

    def _show_state(self) -> None:
        v = self.view
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if v.sign_off is not None:
            self.blockers_label.setText(self.tr("已于 {0} 销号（审批人：{1}）").format(
                day(v.sign_off.signed_on), v.sign_off.approved_by))
        elif v.blockers:
            self.blockers_label.setText(self.tr("暂不能销号：") + "<br>" + "<br>".join(
                f'<span style="color:{palette.ERROR}">• {message(b)}</span>' for b in v.blockers))
        else:
            self.blockers_label.setText(self.tr("各项措施均已完成并有佐证材料，可以销号。"))
        ok.setEnabled(v.can_sign_off)
        for w in (self.date_edit, self.approver_edit, self.opinion_edit):
            w.setEnabled(v.can_sign_off)

    def accept(self) -> None:
        from rectdesk.gui.errors import show_error
        from rectdesk.store import services

        try:
            self._session.call(services.sign_off, self.view.problem_id, pydate(self.date_edit.date()),
                       self.approver_edit.text(), self.opinion_edit.toPlainText(),
                       require_evidence=bool(self._settings["require_evidence_for_signoff"]),
                       recheck_months=int(self._settings["recheck_months"]))
        except Exception as exc:  # noqa: BLE001 - shown to the user; the dialog stays open
            show_error(self, exc)
            return
        super().accept()

    def export_sheet(self, path: str) -> Any:
        from rectdesk.exchange.signoff_sheet import write_signoff_sheet
        from rectdesk.store.dashboard import problem_campaign
        from rectdesk.store.queries import load_campaign

        data = load_campaign(self._reg, problem_campaign(self._reg, self.view.problem_id))
        problem = next(p for p in data.problems if p.id == self.view.problem_id)
        return write_signoff_sheet(data, problem, path)

    def export_sheet_dialog(self) -> None:
        from rectdesk.gui.tasks import run_task

        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出对账销号单"),
                                              self.tr("对账销号单-{0}.docx").format(self.view.label),
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            run_task(self, self.export_sheet, path, busy=self.tr("正在生成对账销号单…"))


def _short(text: str, limit: int = 36) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
