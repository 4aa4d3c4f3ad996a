"""导出 -> 周报: record this week's snapshot, pick the snapshot to compare with, see what changed,
and export the report as Word (GB/T 9704) or Excel.

    dialog = WeeklyReportDialog(session, campaign_id, parent, today=date(...))
    dialog.take_snapshot()         # 记录本周快照
    dialog.export_to(Path("周报.docx"))
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.tasks import run_task
from rectdesk.gui.uistate import ask_save_path

if TYPE_CHECKING:
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.weekly import WeeklyData

_FOLDER_KEY = "weekly_report"  # QSettings group: the folder last saved to


class WeeklyReportDialog(QDialog):
    def __init__(self, session: RegisterSession, campaign_id: int, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self._session, self._reg, self._cid = session, session.reg, campaign_id
        self.today = today or date.today()
        self.data: WeeklyData | None = None
        self.exported: Path | None = None
        self.setWindowTitle(self.tr("整改进展周报"))
        self.resize(760, 600)
        self.since = QComboBox()
        self.since.setMinimumWidth(220)
        self.snapshot_button = QPushButton(self.tr("记录本周快照"))
        from rectdesk.store.weekly import DEFAULT_SIGNATURE

        self.signature = QLineEdit(DEFAULT_SIGNATURE)
        self.signature.setMinimumWidth(220)
        # The report is internal: the campaign's marking by default, or none.
        self.marking = QComboBox(editable=True)
        campaign_marking = self._campaign_marking()
        if campaign_marking:
            self.marking.addItem(campaign_marking, campaign_marking)
        self.marking.addItem(self.tr("（无）"), "")
        self.marking.setMinimumWidth(220)
        self.preview = QPlainTextEdit(readOnly=True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开文件"))
        self.open_button.setVisible(False)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))

        row = QHBoxLayout()
        row.addWidget(self.since)
        row.addWidget(self.snapshot_button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("与此快照比较"), row)
        form.addRow(self.tr("署名"), self.signature)
        form.addRow(self.tr("密级/标注"), self.marking)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

        self.since.currentIndexChanged.connect(self.refresh)
        self.signature.editingFinished.connect(self.refresh)
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.export_button.clicked.connect(self.export)
        self.open_button.clicked.connect(self.open_file)
        close.clicked.connect(self.reject)
        self._fill_snapshots()

    def _fill_snapshots(self, select: int | None = None) -> None:
        from rectdesk.store.weekly import snapshots

        found = snapshots(self._reg, self._cid)
        self.since.blockSignals(True)
        self.since.clear()
        for info in reversed(found):
            self.since.addItem(f"{info.label}（{info.taken_at:%Y-%m-%d %H:%M}）", info.taken_on)
        if not found:  # the change log gives the register as it was after its import
            self.since.addItem(self.tr("导入台账时（尚无快照）"), None)
        self.since.blockSignals(False)
        self.refresh()

    def take_snapshot(self) -> None:
        from rectdesk.store.weekly import take_snapshot

        take_snapshot(self._reg, self._cid, self.today)
        self._fill_snapshots()

    def _campaign_marking(self) -> str:
        from rectdesk.store import services

        with self._reg.reading() as s:
            return services.get_campaign(s, self._cid).marking.strip()

    def marking_text(self) -> str:
        index = self.marking.findText(self.marking.currentText())
        if index >= 0:
            return str(self.marking.itemData(index) or "")
        return self.marking.currentText().strip()

    def refresh(self, *_: Any) -> None:
        from rectdesk.core.errors import RectDeskError
        from rectdesk.store.weekly import DEFAULT_SIGNATURE, weekly_data

        try:
            self.data = weekly_data(self._reg, self._cid, since=self.since.currentData(),
                                    today=self.today,
                                    signature=self.signature.text().strip() or DEFAULT_SIGNATURE)
        except RectDeskError as exc:
            self.data = None
            self.preview.setPlainText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.preview.setPlainText(preview_text(self.data))
        self.export_button.setEnabled(True)

    def export(self) -> None:
        name = f"整改进展周报{self.today:%Y%m%d}.docx"
        answer = ask_save_path(self, _FOLDER_KEY, self.tr("保存周报"), name,
                               self.tr("Word 文档 (*.docx);;Excel 工作簿 (*.xlsx)"))
        if answer:
            target, chosen = answer
            if target.suffix.lower() not in (".docx", ".xlsx"):
                target = target.with_name(target.name + (".xlsx" if "xlsx" in chosen else ".docx"))
            self.export_to(target)

    def export_to(self, path: Path) -> None:
        from rectdesk.exchange.weekly_report import write_weekly_docx, write_weekly_xlsx

        if self.data is None:
            return
        write = write_weekly_xlsx if path.suffix.lower() == ".xlsx" else write_weekly_docx
        self.export_button.setEnabled(False)
        run_task(self, write, self.data, path, marking=self.marking_text(), on_done=self._exported,
                 on_error=self._failed, busy=self.tr("正在生成周报…"))

    def _exported(self, report: Any) -> None:
        self.export_button.setEnabled(True)
        self.exported = report.path
        self.result_label.setText(report.summary())
        self.open_button.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self.export_button.setEnabled(True)
        show_error(self, exc, self.tr("导出失败"))

    def open_file(self) -> None:
        if self.exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported)))


def preview_text(data: WeeklyData) -> str:
    """The report's sections as plain text (the same sections the files print)."""
    from rectdesk.exchange.weekly_report import overview, sections, title

    lines = [title(data), "", overview(data)]
    for section in sections(data):
        lines += ["", section.heading]
        if section.note:
            lines.append(section.note)
        lines += [f"  {i.noun}{i.label}（{'；'.join(x for x in (i.department, i.status) if x)}）：{i.text}"
                  if i.department or i.status else f"  {i.noun}{i.label}：{i.text}" for i in section.items]
    return "\n".join(lines)
