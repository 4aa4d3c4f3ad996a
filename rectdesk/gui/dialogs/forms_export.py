"""导出 -> 部门反馈表: choose departments and the due date, write one form each into a folder.

    FormsExportDialog(session, campaign_id, parent).exec()
    install(window)   # adds 导出 -> 部门反馈表… / 周报… and 导入 -> 部门反馈表… to a main window

Writing runs off the GUI thread through store.forms.issue_forms, which records each form issued.
"""

from __future__ import annotations

from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.models.base import CheckableRowTableModel, Column
from rectdesk.gui.tasks import run_task
from rectdesk.gui.words import date_format, field_label

if TYPE_CHECKING:
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.forms import IssueReport
    from rectdesk.store.register import Register

_FOLDER_KEY = "forms_export/folder"
Count = tuple[str, int]  # a lead department and its number of measures to report on


class DepartmentModel(CheckableRowTableModel[Count]):
    """Lead departments with a check box each and their number of open measures; a department
    with none is greyed out."""

    columns = (Column("lead_department", itemgetter(0)),
               Column("measures", lambda r: str(r[1]), itemgetter(1), align_right=True))

    def __init__(self, rows: list[Count], parent: Any = None) -> None:
        super().__init__(parent)
        self.checked = {name for name, count in rows if count}
        self.set_rows(rows)

    def headers(self) -> list[str]:
        return [field_label("lead_department"), self.tr("需反馈的措施")]

    def set_counts(self, rows: list[Count], *, check_all: bool) -> None:
        """New counts; a department stays checked (or, `check_all`, becomes checked) while it
        has measures."""
        keep = self.checked
        self.checked = {n for n, c in rows if c and (check_all or n in keep)}
        self.set_rows(rows)

    def check_state(self, row: Count) -> Qt.CheckState:
        return Qt.CheckState.Checked if row[0] in self.checked else Qt.CheckState.Unchecked

    def row_enabled(self, row: Count) -> bool:
        return bool(row[1])

    def set_checked(self, row: int, checked: bool) -> bool:
        name = self.row_at(row)[0]
        if checked:
            self.checked.add(name)
        else:
            self.checked.discard(name)
        self.row_changed(row)
        return True

    def selected(self) -> list[str]:
        return [name for name, _ in self.rows() if name in self.checked]


def _counts(reg: Register, campaign_id: int, include_done: bool) -> list[tuple[str, int]]:
    from rectdesk.store.forms import form_rows, lead_departments

    with reg.reading() as s:
        by_dept, _ = form_rows(s, campaign_id, include_done=include_done)
    return [(name, len(by_dept.get(name, []))) for name in lead_departments(reg, campaign_id)]


class FormsExportDialog(QDialog):
    def __init__(self, session: RegisterSession, campaign_id: int, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self._session, self._reg, self._cid = session, session.reg, campaign_id
        self.report: IssueReport | None = None
        self.setWindowTitle(self.tr("导出部门反馈表"))
        self.resize(560, 560)
        due = (today or date.today()) + timedelta(days=7)
        self.due = QDateEdit(QDate(due.year, due.month, due.day))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_format())
        self.include_done = QCheckBox(self.tr("也列出已完成的措施"))
        self.model = DepartmentModel(_counts(session.reg, campaign_id, False), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.open_folder_button = QPushButton(self.tr("打开文件夹"))
        self.open_folder_button.setVisible(False)
        self.export_button = QPushButton(self.tr("导出到文件夹…"))
        self.export_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))

        form = QFormLayout()
        form.addRow(self.tr("报送截止日期"), self.due)
        form.addRow("", self.include_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("每个勾选的责任部门生成一份反馈表（文件名为部门名称和报送截止日期）：")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)

        self.include_done.toggled.connect(self._reload)
        self.export_button.clicked.connect(self.export)
        self.open_folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)

    def _reload(self, include_done: bool) -> None:
        self.model.set_counts(_counts(self._reg, self._cid, include_done), check_all=include_done)

    def due_date(self) -> date:
        q = self.due.date()
        return date(q.year(), q.month(), q.day())

    def export(self) -> None:
        folder = str(QSettings().value(_FOLDER_KEY, str(Path.home())))
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择保存反馈表的文件夹"), folder)
        if chosen:
            QSettings().setValue(_FOLDER_KEY, chosen)
            self.export_to(Path(chosen))

    def export_to(self, folder: Path) -> None:
        from rectdesk.exchange.feedback_forms import form_file_name, write_form
        from rectdesk.store.forms import issue_forms

        departments = self.model.selected()
        if not departments:
            self.result_label.setText(self.tr("请至少勾选一个部门"))
            return
        self.export_button.setEnabled(False)
        run_task(self, issue_forms, self._reg, self._cid, folder, self.due_date(), write=write_form,
                 name=form_file_name, departments=departments,
                 include_done=self.include_done.isChecked(), on_done=self._exported,
                 on_error=self._failed, busy=self.tr("正在生成反馈表…"))

    def _exported(self, report: IssueReport) -> None:
        self.report = report
        self.export_button.setEnabled(True)
        self.result_label.setText(report.summary())
        self.open_folder_button.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self.export_button.setEnabled(True)
        show_error(self, exc, self.tr("导出失败"))

    def open_folder(self) -> None:
        if self.report:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.out_dir)))


def install(host: AddonHost) -> None:
    """Main-window add-on (gui/addons.py): 导出 -> 部门反馈表… and 周报…, 导入 -> 部门反馈表…."""
    from rectdesk.gui.dialogs.forms_import import open_import_dialog
    from rectdesk.gui.dialogs.weekly_report import WeeklyReportDialog

    def open_dialog(kind: type[FormsExportDialog] | type[WeeklyReportDialog]) -> None:
        cid = host.current_campaign_id()
        if host.session is not None and cid is not None:
            dialog = kind(host.session, cid, parent=host.window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    host.add_action("export_forms", QCoreApplication.translate("FormsExportDialog", "部门反馈表…"),
                    lambda: open_dialog(FormsExportDialog))
    host.add_action("weekly_report", QCoreApplication.translate("FormsExportDialog", "周报…"),
                    lambda: open_dialog(WeeklyReportDialog))
    host.add_action("import_forms", QCoreApplication.translate("FormsExportDialog", "部门反馈表…"),
                    lambda: open_import_dialog(host.window(), host.session))
