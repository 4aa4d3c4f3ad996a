"""Editing one evidence item's metadata: title, kind, 文号, date, review."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rectdesk.core.errors import RectDeskError
from rectdesk.core.model import EvidenceKind
from rectdesk.gui import palette

if TYPE_CHECKING:
    from rectdesk.store.evidence import EvidenceRow


class EvidenceEditDialog(QDialog):
    """Shows the row's values; on OK calls `save(**fields)` (a store service) and stays open,
    with the message beside the fields, when the service refuses a value."""

    def __init__(self, row: EvidenceRow, save: Callable[..., Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceEdit")
        self.setWindowTitle(self.tr("编辑佐证材料"))
        self._row, self._save = row, save
        self.title = QLineEdit(row.title)
        self.kind = QComboBox()
        from rectdesk.gui.words import kind_word

        for k in EvidenceKind:
            self.kind.addItem(kind_word(k), k)
        self.kind.setCurrentIndex(list(EvidenceKind).index(row.kind))
        self.doc_number = QLineEdit(row.doc_number)
        self.doc_number.setPlaceholderText(self.tr("例如：宁环党〔2020〕12号"))
        self.doc_date = QLineEdit(row.doc_date.isoformat() if row.doc_date else "")
        self.doc_date.setPlaceholderText(self.tr("例如：2020-11-02 或 2020年11月2日"))
        self.reviewed = QCheckBox(self.tr("已审核"))
        self.reviewed.setChecked(row.reviewed)
        self.review_note = QPlainTextEdit(row.review_note)
        self.review_note.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(f"color: {palette.ERROR}")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("文号"), self.doc_number)
        form.addRow(self.tr("成文日期"), self.doc_date)
        form.addRow("", self.reviewed)
        form.addRow(self.tr("审核意见"), self.review_note)
        form.addRow(self.tr("文件"), QLabel(f"{row.file_name}（{row.owner}）"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(buttons)
        self.resize(460, 360)

    def fields(self) -> dict[str, Any]:
        """Only what the user changed, so the change log records only that."""
        values = {"title": self.title.text(), "kind": self.kind.currentData(),
                  "doc_number": self.doc_number.text(), "doc_date": self.doc_date.text().strip(),
                  "reviewed": self.reviewed.isChecked(),
                  "review_note": self.review_note.toPlainText()}
        row = self._row
        old = {"title": row.title, "kind": row.kind, "doc_number": row.doc_number,
               "doc_date": row.doc_date.isoformat() if row.doc_date else "",
               "reviewed": row.reviewed, "review_note": row.review_note}
        return {k: v for k, v in values.items() if v != old[k]}

    def accept(self) -> None:
        changed = self.fields()
        if changed:
            try:
                self._save(**changed)
            except RectDeskError as exc:
                self.error.setText(str(exc))
                return
        super().accept()
