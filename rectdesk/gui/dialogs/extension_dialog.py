"""延期 dialog: a measure's deadline as written, the date in force, its requests; request a new
date with a reason, or approve / reject the pending request by name."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.dialogs.signoff_dialog import pydate, qdate
from rectdesk.gui.words import date_format, day, word

if TYPE_CHECKING:
    from rectdesk.gui.session import RegisterSession


class ExtensionDialog(QDialog):
    def __init__(self, session: RegisterSession, measure_id: int, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self._session, self._measure_id = session, measure_id
        self._today = today or date.today()
        layout = QVBoxLayout(self)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        layout.addWidget(self.info_label)
        self.request_box = QGroupBox(self.tr("申请延期"))
        form = QFormLayout(self.request_box)
        self.new_date_edit = QDateEdit(qdate(self._today))
        self.new_date_edit.setCalendarPopup(True)
        self.new_date_edit.setDisplayFormat(date_format())
        self.reason_edit = QLineEdit()
        self.requested_by_edit = QLineEdit()
        self.request_button = QPushButton(self.tr("提交申请"))
        self.request_button.clicked.connect(self.submit_request)
        form.addRow(self.tr("延期至"), self.new_date_edit)
        form.addRow(self.tr("延期理由"), self.reason_edit)
        form.addRow(self.tr("申请人"), self.requested_by_edit)
        form.addRow("", self.request_button)
        layout.addWidget(self.request_box)
        self.decide_box = QGroupBox(self.tr("审批延期申请"))
        row = QHBoxLayout(self.decide_box)
        self.decided_by_edit = QLineEdit()
        self.decided_by_edit.setPlaceholderText(self.tr("审批人"))
        self.approve_button = QPushButton(self.tr("批准"))
        self.reject_button = QPushButton(self.tr("驳回"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        for w in (self.decided_by_edit, self.approve_button, self.reject_button):
            row.addWidget(w)
        layout.addWidget(self.decide_box)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        from rectdesk.store.dashboard import measure_deadline_view

        v = self.view = measure_deadline_view(self._session.reg, self._measure_id)
        self.setWindowTitle(self.tr("整改时限与延期 - 措施 {0}").format(v.label))
        lines = [self.tr("整改时限：{0}").format(v.deadline_text or self.tr("未设时限"))]
        if v.effective_due != v.original_due:
            lines.append(self.tr("现行时限：{0}（经批准延期）").format(day(v.effective_due)))
        for e in v.extensions:
            decided = f"，{e.decided_by} {day(e.decided_on)}" if e.decided_by else ""
            lines.append(self.tr("• {0} {1} 申请延期至 {2}：{3}【{4}{5}】").format(
                day(e.requested_on), e.requested_by, day(e.new_due), e.reason, word(e.state), decided))
        self.info_label.setText("<br>".join(lines))
        self.request_box.setEnabled(not v.pending and not v.long_term)
        self.decide_box.setEnabled(bool(v.pending))

    def submit_request(self) -> None:
        from rectdesk.gui.errors import show_error
        from rectdesk.store import services

        try:
            self._session.call(services.request_extension, self._measure_id,
                       pydate(self.new_date_edit.date()), self.reason_edit.text(),
                       self.requested_by_edit.text(), self._today)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        self.reload()

    def decide(self, approve: bool) -> None:
        from rectdesk.gui.errors import show_error
        from rectdesk.store import services

        pending = self.view.pending
        if not pending or pending[0].id is None:
            return
        try:
            self._session.call(services.decide_extension, pending[0].id, approve,
                       self.decided_by_edit.text(), self._today)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.reload()
