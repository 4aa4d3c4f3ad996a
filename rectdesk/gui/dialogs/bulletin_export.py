"""导出 -> 整改进展通报: options, a text preview, the export off the GUI thread, then open it.

    BulletinExportDialog(session, campaign_id, parent).exec()

The campaign is loaded (per as-of date) on the GUI thread, which is quick; writing the .docx runs
through gui.tasks.run_task. Everything printed comes from rectdesk.exchange.bulletin_docx, so the
preview shows exactly the paragraphs the file will hold.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui.tasks import run_task
from rectdesk.gui.uistate import ask_save_path
from rectdesk.gui.words import date_format

if TYPE_CHECKING:
    from rectdesk.core.model import CampaignData
    from rectdesk.exchange.bulletin_docx import BulletinOptions, ExportReport
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession

_FOLDER_KEY = "bulletin_export"  # QSettings group: the folder last saved to


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class BulletinExportDialog(QDialog):
    def __init__(self, session: RegisterSession, campaign_id: int, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        from rectdesk import settings

        self._session, self._reg, self._cid = session, session.reg, campaign_id
        self._cache: dict[date, CampaignData] = {}
        self._template = str(settings.get("bulletin_template") or "")
        self.exported: Path | None = None
        self.setWindowTitle(self.tr("导出整改进展通报"))
        self.resize(900, 680)
        today = today or date.today()
        campaign = self._campaign(today)

        self.as_of = QDateEdit(_qdate(today))

        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(date_format())
        # 成文日期 follows the as-of date until the user sets it (never the imported sample's date).
        self.signed_on = QDateEdit(_qdate(today))
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat(date_format())
        self._date_set_by_user = False
        self.selection = QComboBox()
        self.selection.addItem(self.tr("全部问题"), "all")
        self.selection.addItem(self.tr("有整改进展的问题"), "with-progress")
        self.selection.addItem(self.tr("按类别"), "category")
        self.category = QComboBox()
        self.category.addItems(campaign.categories)
        if not campaign.categories:  # nothing to choose: keep the item, but disabled
            self.selection.model().item(2).setEnabled(False)  # type: ignore[attr-defined]
        for widget in (self.as_of, self.signed_on, self.selection, self.category):
            widget.setMinimumWidth(180)
        self.status_note = QCheckBox(self.tr("每项后注明整改状态"))
        self.bold_items = QCheckBox(self.tr("“1.”级标题加粗"))
        self.bold_items.setChecked(bool(settings.get("heading3_bold")))
        # The bulletin is public: no marking unless chosen (the campaign's is offered).
        self.marking = QComboBox(editable=True)
        self.marking.addItem(self.tr("（无）"), "")
        if campaign.marking.strip():
            self.marking.addItem(campaign.marking.strip(), campaign.marking.strip())
        self.marking.setMinimumWidth(180)
        self.punctuation = QCheckBox(self.tr("规范中文标点（半角，；：（）改为全角，数字、网址除外）"))
        self.punctuation.setChecked(True)
        template = self._template or self.tr("默认模板（GB/T 9704-2012）")
        self.template_label = QLabel(template)
        self.template_label.setToolTip(template)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("进展截至"), self.as_of)
        form.addRow(self.tr("成文日期"), self.signed_on)
        choose = QHBoxLayout()
        choose.addWidget(self.selection)
        choose.addWidget(self.category)
        choose.addStretch(1)
        form.addRow(self.tr("包括"), choose)
        form.addRow("", self.status_note)
        form.addRow("", self.bold_items)
        form.addRow(self.tr("密级/标注"), self.marking)
        form.addRow("", self.punctuation)
        form.addRow(self.tr("模板"), self.template_label)

        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setFont(QFont("Noto Serif CJK SC", 11))
        self.counts = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.open_file_button = QPushButton(self.tr("打开文件"))
        self.open_folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))

        result = QHBoxLayout()
        result.addWidget(self.result_label, 1)
        result.addWidget(self.open_file_button)
        result.addWidget(self.open_folder_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("预览（正文文字，格式以导出的 Word 文件为准）")))
        layout.addWidget(self.preview, 1)
        layout.addLayout(result)
        layout.addLayout(buttons)
        self._show_result(False)

        for signal in (self.as_of.dateChanged, self.signed_on.dateChanged,
                       self.selection.currentIndexChanged, self.category.currentIndexChanged,
                       self.status_note.toggled, self.bold_items.toggled,
                       self.marking.currentTextChanged, self.punctuation.toggled):
            signal.connect(self.refresh)
        self.as_of.dateChanged.connect(self._follow_as_of)
        self.signed_on.dateChanged.connect(self._date_edited)
        self.export_button.clicked.connect(self.export)
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)
        self.refresh()

    # -- data ----------------------------------------------------------------------------------
    def _campaign(self, as_of: date) -> CampaignData:
        if as_of not in self._cache:
            from rectdesk.store.queries import load_campaign

            self._cache[as_of] = load_campaign(self._reg, self._cid, as_of=as_of)
        return self._cache[as_of]

    def _follow_as_of(self, value: QDate) -> None:
        if not self._date_set_by_user:
            self.signed_on.blockSignals(True)
            self.signed_on.setDate(value)
            self.signed_on.blockSignals(False)
            self.refresh()

    def _date_edited(self, _value: QDate) -> None:
        self._date_set_by_user = True

    def marking_text(self) -> str:
        index = self.marking.findText(self.marking.currentText())
        if index >= 0:
            return str(self.marking.itemData(index) or "")
        return self.marking.currentText().strip()  # typed by the user

    def options(self) -> BulletinOptions:
        from rectdesk.exchange.bulletin_docx import BulletinOptions, Selection

        kind = Selection(self.selection.currentData())
        self.category.setEnabled(kind is Selection.CATEGORY)
        return BulletinOptions(
            as_of=_pydate(self.as_of.date()), selection=kind, category=self.category.currentText(),
            status_note=self.status_note.isChecked(), heading3_bold=self.bold_items.isChecked(),
            bulletin_date=_pydate(self.signed_on.date()),
            template=Path(self._template) if self._template else None,
            marking=self.marking_text(), normalize_punctuation=self.punctuation.isChecked())

    def refresh(self, *_: Any) -> None:
        from rectdesk.exchange.bulletin_docx import preview_text, selected_problems

        options = self.options()
        campaign = self._campaign(options.as_of or date.today())
        self.preview.setPlainText(preview_text(campaign, options))
        problems = selected_problems(campaign, options)
        self.counts.setText(self.tr("共 %n 个问题", "", len(problems)))
        self.export_button.setEnabled(bool(problems))

    # -- exporting -----------------------------------------------------------------------------
    def export(self) -> None:
        name = f"整改进展情况通报{_pydate(self.as_of.date()):%Y%m%d}.docx"
        chosen = ask_save_path(self, _FOLDER_KEY, self.tr("保存通报"), name, self.tr("Word 文档 (*.docx)"))
        if chosen:
            self.export_to(chosen[0])

    def export_to(self, path: Path) -> None:
        from rectdesk.exchange.bulletin_docx import write_bulletin

        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        options = self.options()
        campaign = self._campaign(options.as_of or date.today())
        self._show_result(False)
        self.export_button.setEnabled(False)
        run_task(self, write_bulletin, campaign, path, options, on_done=self._exported,
                 on_error=self._failed, busy=self.tr("正在生成通报…"))

    def _exported(self, report: ExportReport) -> None:
        self.export_button.setEnabled(True)
        self.exported = report.path
        self.result_label.setText(self.tr("已导出：%1\n%2").replace("%1", str(report.path))
                                  .replace("%2", report.summary()))
        self._show_result(True)

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self.export_button.setEnabled(True)
        show_error(self, exc, self.tr("导出失败"))

    def _show_result(self, visible: bool) -> None:
        for widget in (self.result_label, self.open_file_button, self.open_folder_button):
            widget.setVisible(visible)

    def open_file(self) -> None:
        if self.exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported)))

    def open_folder(self) -> None:
        if self.exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported.parent)))


def install(host: AddonHost) -> None:
    """Main-window add-on (gui/addons.py): 导出 -> 整改进展通报…."""

    def open_dialog() -> None:
        cid = host.current_campaign_id()
        if host.session is None or cid is None:
            return
        dialog = BulletinExportDialog(host.session, cid, parent=host.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    host.add_action("export_bulletin", QCoreApplication.translate("BulletinExportDialog", "整改进展通报…"),
                    open_dialog)
