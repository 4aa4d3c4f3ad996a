"""导出 -> 整改台账 (Excel): options, a count of what will be exported, the export off the GUI thread.

    LedgerExportDialog(session, campaign_id, parent, filter=window_filter).exec()

`filter` is the main window's current filter (gui.filters.Filter: department, leader, status) or
a LedgerFilter: the dialog starts from it, so "export what I see" is the default.  The marking
(e.g. 内部资料 注意保存) is a campaign field: changing it here saves it through
session.call(services.update_campaign), and every later export (and the printout) uses it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.tasks import run_task
from rectdesk.gui.uistate import ask_save_path
from rectdesk.gui.words import date_format, field_label

if TYPE_CHECKING:
    from rectdesk.core.model import CampaignData
    from rectdesk.exchange.ledger_xlsx import ExportReport, LedgerFilter, LedgerOptions
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession

_FOLDER_KEY = "ledger_export"  # QSettings group: the folder last saved to
MEASURE_STATUSES = ("未启动", "正在推进", "已完成", "长期坚持")


def as_ledger_filter(f: Any) -> LedgerFilter:
    """A LedgerFilter from the main window's filter (department/leader/status attributes)."""
    from rectdesk.core.model import MeasureStatus
    from rectdesk.exchange.ledger_xlsx import LedgerFilter

    if f is None or isinstance(f, LedgerFilter):
        return f or LedgerFilter()
    status = getattr(f, "status", "")
    return LedgerFilter(
        departments=(f.department,) if getattr(f, "department", "") else (),
        leaders=(f.leader,) if getattr(f, "leader", "") else (),
        statuses=(MeasureStatus(status),) if status in MEASURE_STATUSES else ())


def _combo(all_text: str, values: list[str], current: str) -> QComboBox:
    box = QComboBox()
    box.addItem(all_text, "")
    for v in values:
        box.addItem(v, v)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class LedgerExportDialog(QDialog):
    def __init__(self, session: RegisterSession, campaign_id: int, parent: QWidget | None = None, *,
                 filter: Any = None, today: date | None = None) -> None:
        super().__init__(parent)
        from rectdesk.store.queries import load_campaign

        self._session, self._reg, self._cid = session, session.reg, campaign_id
        self.campaign: CampaignData = load_campaign(session.reg, campaign_id)
        self.exported: Path | None = None
        self.setWindowTitle(self.tr("导出整改台账"))
        start = as_ledger_filter(filter)
        measures = [m for p in self.campaign.problems for m in p.measures]
        departments = sorted({d for m in measures for d in (m.lead_department, *m.cooperating) if d})
        leaders = sorted({n for m in measures for n in m.leaders})

        today = today or date.today()
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(date_format())
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A3 横向"), "A3")
        self.paper.addItem(self.tr("A4 横向"), "A4")
        self.per_problem = QCheckBox(self.tr("每个问题一行（措施合并在一个单元格）"))
        self.split = QComboBox()
        self.split.addItem(self.tr("不分表"), None)
        self.split.addItem(self.tr("每位责任领导一个工作表"), "leader")
        self.split.addItem(self.tr("每个责任部门一个工作表"), "department")
        self.department = _combo(self.tr("全部部门"), departments, start.departments[0] if start.departments else "")
        self.leader = _combo(self.tr("全部领导"), leaders, start.leaders[0] if start.leaders else "")
        self.status = _combo(self.tr("全部状态"), list(MEASURE_STATUSES),
                             start.statuses[0].value if start.statuses else "")
        self.marking = QLineEdit(self.campaign.marking)
        self.marking.setPlaceholderText(self.tr("例如：内部资料 注意保存（每页页眉，所有导出共用）"))

        form = QFormLayout()
        form.addRow(self.tr("进展截至"), self.as_of)
        form.addRow(self.tr("纸张"), self.paper)
        form.addRow(self.tr("分表"), self.split)
        form.addRow("", self.per_problem)
        form.addRow(field_label("lead_department"), self.department)
        form.addRow(field_label("leaders"), self.leader)
        form.addRow(field_label("status"), self.status)
        form.addRow(self.tr("页眉标注"), self.marking)

        self.counts = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.open_file_button = QPushButton(self.tr("打开文件"))
        self.open_file_button.setVisible(False)
        self.print_button = QPushButton(self.tr("打印预览…"))
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.open_file_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)

        for box in (self.department, self.leader, self.status):
            box.currentIndexChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self.print_preview)
        self.open_file_button.clicked.connect(self.open_file)
        close.clicked.connect(self.reject)
        self.refresh()

    def options(self) -> LedgerOptions:
        from rectdesk.core.model import MeasureStatus
        from rectdesk.exchange.ledger_xlsx import LedgerFilter, LedgerOptions

        q = self.as_of.date()
        dept, leader, status = (self.department.currentData(), self.leader.currentData(),
                                self.status.currentData())
        return LedgerOptions(
            paper=self.paper.currentData(), per_problem=self.per_problem.isChecked(),
            split_by=self.split.currentData(), today=date(q.year(), q.month(), q.day()),
            marking=self.marking.text().strip(),
            filter=LedgerFilter((dept,) if dept else (), (leader,) if leader else (),
                                (MeasureStatus(status),) if status else ()))

    def refresh(self, *_: Any) -> None:
        from rectdesk.exchange.ledger_xlsx import scope_measures

        scope = scope_measures(self.campaign, self.options())
        problems = len({id(p) for p, _ in scope})
        self.counts.setText(self.tr("将导出 %1 个问题，%2 条措施").replace("%1", str(problems))
                            .replace("%2", str(len(scope))))
        self.export_button.setEnabled(bool(scope))
        self.print_button.setEnabled(bool(scope))

    def _save_marking(self) -> None:
        text = self.marking.text().strip()
        if text != self.campaign.marking:
            from rectdesk.store import services

            self._session.call(services.update_campaign, self._cid, marking=text)
            self.campaign.marking = text

    def _loaded(self) -> CampaignData:
        """The campaign with progress up to the chosen date."""
        from rectdesk.store.queries import load_campaign

        return load_campaign(self._reg, self._cid, as_of=self.options().today)

    def export(self) -> None:
        name = f"整改台账{self.options().today:%Y%m%d}.xlsx"
        chosen = ask_save_path(self, _FOLDER_KEY, self.tr("保存台账"), name, self.tr("Excel 工作簿 (*.xlsx)"))
        if chosen:
            self.export_to(chosen[0])

    def export_to(self, path: Path) -> None:
        from rectdesk.exchange.ledger_xlsx import write_ledger

        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._save_marking()
        self.export_button.setEnabled(False)
        run_task(self, write_ledger, self._loaded(), path, self.options(), on_done=self._exported,
                 on_error=self._failed, busy=self.tr("正在导出台账…"))

    def _exported(self, report: ExportReport) -> None:
        self.export_button.setEnabled(True)
        self.exported = report.path
        self.result_label.setText(report.summary())
        self.open_file_button.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self.export_button.setEnabled(True)
        show_error(self, exc, self.tr("导出失败"))

    def print_preview(self) -> None:
        from rectdesk.gui.ledger_print import preview_dialog

        self._save_marking()
        dialog = preview_dialog(self, self._loaded(), self.options())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_file(self) -> None:
        if self.exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported)))


def install(host: AddonHost) -> None:
    """Main-window add-on (gui/addons.py): 导出 -> 整改台账（Excel）… and 文件 -> 打印台账…,
    both starting from the window's current filter."""
    from rectdesk.exchange.ledger_xlsx import LedgerOptions
    from rectdesk.gui.ledger_print import open_print_preview

    def open_dialog() -> None:
        cid = host.current_campaign_id()
        if host.session is None or cid is None:
            return
        dialog = LedgerExportDialog(host.session, cid, parent=host.window(), filter=host.current_filter())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def print_ledger() -> None:
        cid = host.current_campaign_id()
        if host.session is not None and cid is not None:
            open_print_preview(host.window(), host.session.reg, cid,
                               LedgerOptions(filter=as_ledger_filter(host.current_filter())))

    host.add_action("export_ledger", QCoreApplication.translate("LedgerExportDialog", "整改台账（Excel）…"),
                    open_dialog)
    host.add_action("print_ledger", QCoreApplication.translate("LedgerPrint", "打印台账…"), print_ledger)
