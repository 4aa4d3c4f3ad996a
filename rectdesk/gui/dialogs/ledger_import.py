"""导入 -> Excel 台账: a wizard in three steps, nothing written before the last.

1. 文件: choose the .xlsx, the sheet and the header row (both detected; the first rows are shown).
2. 列对应: each column's field, guessed from its header by name and synonym; the user fixes it.
3. 预览: the whole file read and checked (off the GUI thread), the problems and measures shown;
   a bad cell is reported with its sheet, row and column and the import cannot proceed.
Finish writes everything through services.import_campaign in one transaction, run by the
window's session (session.run), which announces the changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from rectdesk.gui import palette
from rectdesk.gui.models.base import Column, RowTableModel
from rectdesk.gui.tasks import run_task
from rectdesk.gui.words import field_label

if TYPE_CHECKING:
    from rectdesk.exchange.ledger_import import LedgerImport, LedgerLayout, SheetGuess
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession

class RowsModel(RowTableModel[list[str]]):
    """Plain rows of text with column headers (the file's first rows, or the parsed measures)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []

    def show_table(self, rows: list[list[str]], headers: list[str]) -> None:
        """Show `rows` under `headers`: the columns change too, so one reset covers both."""
        self.beginResetModel()
        self._headers, self._sort = headers, None
        self.columns = [Column(h, _cell(i)) for i, h in enumerate(headers)]
        self._rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return self._headers

    def tooltip(self, row: list[str], column: int) -> str | None:
        return self.columns[column].text(row)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1  # the file's row numbers, as Excel shows them
        return super().headerData(section, orientation, role)


def _cell(i: int) -> Callable[[list[str]], str]:
    """Column `i` of a row ("" where the row is shorter)."""
    return lambda row: row[i] if i < len(row) else ""


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(False)
    view.horizontalHeader().setDefaultSectionSize(120)
    return view


def column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(i + 1))


class LedgerSourcePage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("选择 Excel 台账"))
        self.setSubTitle(self.tr("表头行已自动识别；如不正确，请改为表头（列名）所在的行号。"))
        self.path_label = QLabel(self.tr("尚未选择文件"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose)
        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 30)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.ERROR}")
        self.error.setWordWrap(True)
        self.model = RowsModel(self)
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("工作表"), self.sheet)
        form.addRow(self.tr("表头行"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_table(self.model), 1)
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self.header_row.valueChanged.connect(self.completeChanged)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择 Excel 台账"), "",
                                              self.tr("Excel 工作簿 (*.xlsx *.xlsm)"))
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        from rectdesk.core.errors import RectDeskError
        from rectdesk.exchange.ledger_import import inspect_ledger

        self.w.path, self.w.guesses = path, []
        self.path_label.setText(str(path))
        self.error.clear()
        try:
            self.w.guesses = inspect_ledger(path)
        except RectDeskError as exc:
            self.error.setText(str(exc))
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems([g.name for g in self.w.guesses])
        best = next((i for i, g in enumerate(self.w.guesses) if g.layout), 0)
        self.sheet.setCurrentIndex(best)
        self.sheet.blockSignals(False)
        self._sheet_chosen()

    def guess(self) -> SheetGuess | None:
        i = self.sheet.currentIndex()
        return self.w.guesses[i] if 0 <= i < len(self.w.guesses) else None

    def _sheet_chosen(self, *_: Any) -> None:
        g = self.guess()
        if g is None:
            self.model.show_table([], [])
        else:
            width = max((len(r) for r in g.preview), default=0)
            self.model.show_table(g.preview, [column_letter(i) for i in range(width)])
            self.header_row.setValue(g.layout.header_row if g.layout else 1)
            if g.layout is None:
                self.error.setText(self.tr("没有自动识别出表头行，请填写表头所在的行号。"))
        self.completeChanged.emit()

    def headers(self) -> list[str]:
        g = self.guess()
        row = self.header_row.value() - 1
        return g.preview[row] if g and row < len(g.preview) else []

    def isComplete(self) -> bool:  # noqa: N802
        return any(self.headers())


class LedgerMappingPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("核对列对应"))
        self.setSubTitle(self.tr("左边是台账中的列，右边是导入后的字段；不需要的列选“不导入”。"))
        self.combos: list[QComboBox] = []
        self.form = QFormLayout()
        inner = QWidget()
        inner.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def initializePage(self) -> None:  # noqa: N802
        from rectdesk.exchange.ledger_import import LABELS, guess_mapping

        while self.form.rowCount():
            self.form.removeRow(0)
        headers = self.w.source.headers()
        guess = guess_mapping(headers)
        self.combos = []
        for col, header in enumerate(headers):
            box = QComboBox()
            box.addItem(self.tr("不导入"), "")
            for key, label in LABELS.items():
                box.addItem(label, key)
            box.setCurrentIndex(max(0, box.findData(guess.get(col, ""))))
            box.currentIndexChanged.connect(self.completeChanged)
            self.combos.append(box)
            self.form.addRow(f"{column_letter(col)}  {header or '—'}", box)

    def mapping(self) -> dict[int, str]:
        return {col: box.currentData() for col, box in enumerate(self.combos) if box.currentData()}

    def isComplete(self) -> bool:  # noqa: N802
        return bool({"problem", "measure"} & set(self.mapping().values()))


class LedgerPreviewPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("预览并导入"))
        self.setSubTitle(self.tr("以下是将要导入的内容；点击“完成”才会写入台账。"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.ERROR}")
        self.error.setWordWrap(True)
        self.model = RowsModel(self)
        self.new_campaign = QRadioButton(self.tr("新建整改任务"))
        self.new_campaign.setChecked(True)
        self.title_edit = QLineEdit()  # not `title`: QWizardPage.title() is a method
        self.existing = QRadioButton(self.tr("追加到已有整改任务"))
        self.campaign = QComboBox()
        target = QFormLayout()
        target.addRow(self.new_campaign, self.title_edit)
        target.addRow(self.existing, self.campaign)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(_table(self.model), 1)
        layout.addLayout(target)

    def initializePage(self) -> None:  # noqa: N802
        from rectdesk.store.queries import campaigns

        self.w.parsed = None
        self.error.clear()
        self.summary.setText(self.tr("正在读取…"))
        self.model.show_table([], [])
        self.campaign.clear()
        for cid, title in campaigns(self.w.reg):
            self.campaign.addItem(f"{cid}  {title}", cid)
        self.existing.setEnabled(self.campaign.count() > 0)
        if self.w.campaign_id is not None:
            self.campaign.setCurrentIndex(max(0, self.campaign.findData(self.w.campaign_id)))
        from rectdesk.exchange.ledger_import import read_ledger

        run_task(self, read_ledger, self.w.path, self.w.ledger_layout(), on_done=self._read,
                 on_error=self._failed, busy=self.tr("正在读取台账…"), cancellable=True)

    def _read(self, result: LedgerImport) -> None:
        from rectdesk.core.deadlines import format_date_cn
        from rectdesk.store.queries import same_campaigns

        self.w.parsed = result
        self.summary.setText(result.summary())
        self.title_edit.setText(result.campaign.title)
        found = same_campaigns(self.w.reg, result.campaign.title, result.campaign.digest())
        if found:  # the same ledger again, or a campaign of its title: update it by default
            self.existing.setChecked(True)
            self.campaign.setCurrentIndex(max(0, self.campaign.findData(found[0][0])))
            self.summary.setText(result.summary() + "\n" + self.tr(
                "台账中已有整改任务“%1”：默认补充到该任务（只添加新的问题和措施，已有内容不变）；"
                "也可改选“新建整改任务”。").replace("%1", found[0][1]))
        rows = []
        for p in result.campaign.problems:
            if not p.measures:
                rows.append([str(p.number), p.title, "", "", "", "", ""])
            for m in p.measures:
                due = m.deadline.text or format_date_cn(m.deadline.due)
                rows.append([f"{p.number}.{m.number}", p.title, m.text, "、".join(m.leaders),
                             m.lead_department, due, m.status.value])
        self.model.show_table(rows, [self.tr("编号"), field_label("title"), field_label("text"),
                                   field_label("leaders"), field_label("lead_department"),
                                   field_label("deadline"), field_label("status")])
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import message_for

        self.summary.setText(self.tr("无法导入：请修改 Excel 文件或返回上一步调整后重试。"))
        self.error.setText(message_for(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.w.parsed is not None


class LedgerImportWizard(QWizard):
    """`on_imported(changes)` is called after the write (the session has announced it)."""

    def __init__(self, session: RegisterSession, parent: QWidget | None = None, *,
                 campaign_id: int | None = None,
                 on_imported: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self.session, self.campaign_id, self.on_imported = session, campaign_id, on_imported
        self.reg = session.reg  # read by the pages
        self.path: Path | None = None
        self.guesses: list[SheetGuess] = []
        self.parsed: LedgerImport | None = None
        self.changes: Any = None
        self.setWindowTitle(self.tr("导入 Excel 台账"))
        self.resize(1000, 700)
        self.source, self.mapping, self.preview = LedgerSourcePage(self), LedgerMappingPage(self), LedgerPreviewPage(self)
        for page in (self.source, self.mapping, self.preview):
            self.addPage(page)

    def ledger_layout(self) -> LedgerLayout:
        from rectdesk.exchange.ledger_import import LedgerLayout

        g = self.source.guess()
        return LedgerLayout(g.name if g else "", self.source.header_row.value(),
                            self.mapping.mapping(), self.source.headers())

    def accept(self) -> None:
        from rectdesk.store import services

        if self.parsed is None or self.path is None:
            return
        data = self.parsed.campaign
        into = None
        if self.preview.existing.isChecked():
            into = self.preview.campaign.currentData()
        else:
            data.title = self.preview.title_edit.text().strip() or data.title
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.session.run(self, services.import_campaign, data, into_campaign=into,
                         merge=into is not None, source=self.path.name, source_name=self.path.name,
                         on_done=self._written, on_error=self._failed,
                         busy=self.tr("正在写入台账…"))

    def _written(self, changes: Any) -> None:
        self.changes = changes
        if self.on_imported:
            self.on_imported(changes)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_error(self, exc, self.tr("导入失败"))


def install(host: AddonHost) -> None:
    """Main-window add-on (gui/addons.py): 导入 -> Excel 台账…."""

    def imported(changes: Any) -> None:  # session.run has announced the changes
        host.reload_campaigns(select=next(iter(changes.campaigns), None))
        problems = sum(1 for kind, _ in changes.created if kind == "problem")
        text = QCoreApplication.translate("LedgerImportWizard", "已导入 %1 个问题、%2 条整改措施。").replace(
            "%1", str(problems)).replace("%2", str(len(changes.created) - problems))
        host.show_status(text, 10_000)
        QMessageBox.information(host.window(), QCoreApplication.translate("LedgerImportWizard", "导入完成"), text)

    def open_wizard() -> None:
        if host.session is None:
            return
        wizard = LedgerImportWizard(host.session, host.window(), on_imported=imported,
                                    campaign_id=host.current_campaign_id())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    host.add_action("import_ledger", QCoreApplication.translate("LedgerImportWizard", "Excel 台账…"), open_wizard)
