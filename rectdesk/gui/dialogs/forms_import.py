"""导入 -> 部门反馈表: preview every change per measure, accept or reject each row, choose on
conflicts, then apply in one transaction.

    dialog = FormsImportDialog(session, parent)
    dialog.load(path)          # reads and checks off the GUI thread; refusals show as errors
    dialog.apply()             # store.forms.apply_import with the decisions shown in the table,
                               # run by session.run (which announces what changed)

The first column's check box is the decision: for an ordinary row checked = import, unchecked =
leave out; for a conflict (the measure changed in the register after the form was issued) it
starts half-checked = undecided, and 导入 stays disabled until every conflict is either checked
(采用表单) or unchecked (保留台账). The 台账现有进展 and 表单进展 columns show both sides.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui import palette
from rectdesk.gui.columns import wrapping_rows
from rectdesk.gui.models.base import CheckableRowTableModel, Column
from rectdesk.gui.tasks import run_task

if TYPE_CHECKING:
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.forms import ImportPreview, ImportResult, RowChange
    from rectdesk.store.register import Register

CONFLICT_TINT = palette.ATTENTION_TINT
INVALID_TINT = palette.MUTED_TINT
_FOLDER_KEY = "forms_import/folder"
DECISION_COLUMN = 6


class PreviewModel(CheckableRowTableModel["RowChange"]):
    """One row per measure the form would change; the check state is the decision."""

    decisions_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.decisions: dict[int, Any] = {}  # measure id -> store.forms.Decision
        self.columns = (
            Column("measure", attrgetter("label")),
            Column("row", lambda r: str(r.excel_row), attrgetter("excel_row")),
            Column("status", lambda r: r.status_change()),
            Column("register_progress", attrgetter("register_progress")),
            Column("entry", attrgetter("entry")),
            Column("conflict", lambda r: r.conflict if self._is_conflict(r) else ""),
            Column("decision", self.decision_text),
        )

    def headers(self) -> list[str]:
        return [self.tr("措施"), self.tr("行号"), self.tr("状态（原 → 新）"), self.tr("台账现有进展"),
                self.tr("表单进展"), self.tr("冲突（台账在下发后的修改）"), self.tr("处理")]

    def set_preview(self, preview: ImportPreview | None) -> None:
        from rectdesk.store.forms import decisions_for

        self.decisions = decisions_for(preview) if preview else {}
        self.set_rows(list(preview.rows) if preview else [])
        self.decisions_changed.emit()

    @staticmethod
    def _is_conflict(r: RowChange) -> bool:
        return bool(r.conflict) and r.applicable

    def decision_text(self, r: RowChange) -> str:
        from rectdesk.store.forms import Decision

        if r.already_applied:
            return self.tr("已在台账中（此前已导入）")
        if not r.applicable:
            return self.tr("不能导入：") + "；".join(str(p) for p in r.problems) if r.problems else \
                self.tr("未填写")
        choice = self.decisions.get(r.measure_id)
        return {Decision.ACCEPT: self.tr("导入"), Decision.REJECT: self.tr("不导入"),
                Decision.TAKE_FORM: self.tr("采用表单"), Decision.KEEP_REGISTER: self.tr("保留台账"),
                None: self.tr("请选择：采用表单或保留台账")}[choice]

    # -- RowTableModel hooks -------------------------------------------------------------------
    def tooltip(self, row: RowChange, column: int) -> str | None:
        return self.columns[column].text(row) if column >= 3 else None  # the long texts

    def row_tint(self, row: RowChange) -> str | None:
        if not row.applicable:
            return INVALID_TINT
        return CONFLICT_TINT if self._is_conflict(row) else None

    def check_state(self, row: RowChange) -> Qt.CheckState:
        from rectdesk.store.forms import Decision

        choice = self.decisions.get(row.measure_id)
        if choice in (Decision.ACCEPT, Decision.TAKE_FORM):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked if choice is None else Qt.CheckState.Unchecked

    def can_check(self, row: RowChange) -> bool:
        return row.applicable

    def set_checked(self, row: int, checked: bool) -> bool:
        return self.decide(row, take=checked)

    # -- decisions -----------------------------------------------------------------------------
    def decide(self, row: int, *, take: bool) -> bool:
        """Import (take=True) or leave out a row; for a conflict: form or register."""
        from rectdesk.store.forms import Decision

        r = self.row_at(row)
        if not r.applicable:
            return False
        if self._is_conflict(r):
            self.decisions[r.measure_id] = Decision.TAKE_FORM if take else Decision.KEEP_REGISTER
        else:
            self.decisions[r.measure_id] = Decision.ACCEPT if take else Decision.REJECT
        self.row_changed(row)
        self.decisions_changed.emit()
        return True

    def undecided(self) -> list[str]:
        return [r.label for r in self.rows() if self._is_conflict(r) and r.measure_id not in self.decisions]

    def accepted(self) -> int:
        from rectdesk.store.forms import Decision

        return sum(1 for d in self.decisions.values() if d in (Decision.ACCEPT, Decision.TAKE_FORM))


class WrappingHeader(QHeaderView):
    """A horizontal header whose titles wrap onto further lines when their column is narrow
    (at 1366 pixels wide the conflict column's long title no longer fits on one line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap))
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSectionsClickable(True)

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802
        size = super().sectionSizeFromContents(logical)
        model = self.model()
        text = str(model.headerData(logical, self.orientation()) or "") if model else ""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        width = self.sectionSize(logical) - 2 * margin
        if width <= 0 or self.fontMetrics().horizontalAdvance(text) <= width:
            return size  # fits on one line
        box = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000),
                                              int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), box.height() + 2 * margin))

    def sizeHint(self) -> QSize:  # noqa: N802
        """As tall as the tallest wrapped title (the table asks again after columns resize)."""
        hint = super().sizeHint()
        tallest = max((self.sectionSizeFromContents(i).height() for i in range(self.count())), default=0)
        return QSize(hint.width(), max(hint.height(), tallest))


def fit_columns(header: QHeaderView) -> None:
    """The short columns (measure, row, status) take their contents' width, the four texts
    share the rest: every column stays on screen, however wide the dialog."""
    for col in range(header.count()):
        mode = QHeaderView.ResizeMode.ResizeToContents if col < 3 else QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(col, mode)


class FormsImportDialog(QDialog):
    imported = Signal(object)  # store.forms.ImportResult

    def __init__(self, session: RegisterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._reg = session, session.reg
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.setWindowTitle(self.tr("导入部门反馈表"))
        self.resize(1100, 640)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        wrapping_rows(self.table)  # rows grow when the columns narrow
        self.table.verticalHeader().hide()
        self.table.setHorizontalHeader(WrappingHeader(self.table))
        fit_columns(self.table.horizontalHeader())
        self.file_label = QLabel(self.tr("请选择各部门报回的反馈表（.xlsx）"))
        self.file_label.setWordWrap(True)
        self.problems = QPlainTextEdit(readOnly=True)
        self.problems.setPlaceholderText(self.tr("表单检查发现的问题会列在这里"))
        self.counts = QLabel()
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.take_button = QPushButton(self.tr("导入 / 采用表单"))
        self.keep_button = QPushButton(self.tr("不导入 / 保留台账"))
        self.apply_button = QPushButton(self.tr("导入"))
        self.apply_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.problems)
        split.setSizes([460, 120])
        rows = QHBoxLayout()
        rows.addWidget(QLabel(self.tr("所选行：")))
        rows.addWidget(self.take_button)
        rows.addWidget(self.keep_button)
        rows.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(rows)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose)
        self.take_button.clicked.connect(lambda: self._decide_selected(True))
        self.keep_button.clicked.connect(lambda: self._decide_selected(False))
        self.apply_button.clicked.connect(self.apply)
        close.clicked.connect(self.reject)
        self.model.decisions_changed.connect(self._update_counts)
        self._update_counts()

    # -- loading -------------------------------------------------------------------------------
    def choose(self) -> None:
        folder = str(QSettings().value(_FOLDER_KEY, str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择部门反馈表"), folder,
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            QSettings().setValue(_FOLDER_KEY, str(Path(path).parent))
            self.load(Path(path))

    def load(self, path: Path) -> None:
        self.model.set_preview(None)
        self.preview = None
        self.import_result = None
        self.file_label.setText(str(path))
        run_task(self, _read_and_preview, self._reg, path, on_done=self._show_preview,
                 on_error=self._failed, busy=self.tr("正在检查反馈表…"))

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.model.set_preview(preview)
        self.table.resizeRowsToContents()
        head = self.tr("%1（%2）：%3 条措施有反馈，%4 处冲突").replace("%1", preview.file_name) \
            .replace("%2", preview.department).replace("%3", str(len(preview.rows))) \
            .replace("%4", str(len(preview.conflicts)))
        self.file_label.setText(head)
        self.problems.setPlainText("\n".join(str(p) for p in preview.problems)
                                   or self.tr("未发现问题。"))

    def _failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self.file_label.setText(self.tr("未能导入：%1").replace("%1", str(exc)))
        show_error(self, exc, self.tr("不能导入"))
        self._update_counts()

    # -- deciding and applying -----------------------------------------------------------------
    def _decide_selected(self, take: bool) -> None:
        for index in self.table.selectionModel().selectedRows():
            self.model.decide(index.row(), take=take)

    def _update_counts(self) -> None:
        undecided = self.model.undecided()
        if self.preview is None:
            self.counts.setText("")
        elif undecided:
            self.counts.setText(self.tr("措施 %1 存在冲突，请逐条选择采用表单或保留台账")
                                .replace("%1", "、".join(undecided)))
        else:
            self.counts.setText(self.tr("将导入 %1 条").replace("%1", str(self.model.accepted())))
        self.apply_button.setEnabled(self.preview is not None and not undecided and self.import_result is None)

    def apply(self) -> None:
        from rectdesk.store.forms import apply_import

        if self.preview is None or self.model.undecided():
            return
        self.apply_button.setEnabled(False)
        self._session.run(self, apply_import, self.preview, dict(self.model.decisions),
                          changes_of=attrgetter("changes"), on_done=self._applied,
                          on_error=self._apply_failed, busy=self.tr("正在导入…"))

    def _applied(self, result: ImportResult) -> None:
        self.import_result = result
        self.counts.setText(result.summary())
        self.apply_button.setEnabled(False)
        self.imported.emit(result)

    def _apply_failed(self, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        self._update_counts()
        show_error(self, exc, self.tr("导入失败"))


def _read_and_preview(reg: Register, path: Path) -> ImportPreview:
    from rectdesk.exchange.feedback_forms import read_form
    from rectdesk.store.forms import preview_import

    return preview_import(reg, read_form(path), path)


def open_import_dialog(parent: QWidget, session: RegisterSession | None) -> FormsImportDialog | None:
    """Open the dialog over `parent`; None when no register is open."""
    if session is None:
        return None
    dialog = FormsImportDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
