"""A measure's progress timeline (newest first) and the "add progress" form beneath it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.core.errors import RectDeskError
from rectdesk.core.model import MeasureStatus
from rectdesk.gui import columns, palette
from rectdesk.gui.forms.ui_progress_form import Ui_ProgressForm
from rectdesk.gui.models.tables import ProgressModel
from rectdesk.gui.session import RegisterSession
from rectdesk.gui.words import day, word


class ProgressPanel(QWidget):
    added = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: RegisterSession | None = None
        self.measure_id: int | None = None
        self.model = ProgressModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("progressTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        columns.wrapping_rows(self.table)  # the text is read whole in a narrow panel
        columns.fit_columns(self.table, (7, 4, 8, 4, 4),  # date, status, text, by, source
                            {0: [day(date(2020, 12, 31))], 1: [word(s) for s in MeasureStatus]})
        columns.FillColumn(self.table, 2, self.table.columnWidth(2))
        self.form = QWidget(self)
        self.ui = Ui_ProgressForm()
        self.ui.setupUi(self.form)
        palette.colour_error_labels(self.form)
        self.ui.status.addItem(self.tr("（状态不变）"), "")
        for status in MeasureStatus:
            self.ui.status.addItem(word(status), status.value)
        self.ui.text.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("添加进展"), self)
        self.add_button.clicked.connect(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addWidget(self.add_button)
        self.set_today(date.today())
        self.setEnabled(False)

    def set_today(self, today: date) -> None:
        self.ui.when.setDate(QDate(today.year, today.month, today.day))

    def show_measure(self, session: RegisterSession | None, measure_id: int | None) -> None:
        from rectdesk.store.views import progress_entries

        self.session, self.measure_id = session, measure_id
        self.setEnabled(measure_id is not None)
        rows = progress_entries(session.reg, measure_id) if session and measure_id else []
        self.model.set_rows(rows)

    def add(self) -> None:
        """Record the entry through the store service, as an undoable command."""
        if self.session is None or self.measure_id is None:
            return
        from rectdesk.gui import undo

        q = self.ui.when.date()
        try:
            undo.add_progress(self.session, self.measure_id, date(q.year(), q.month(), q.day()),
                              self.ui.text.toPlainText(), self.ui.status.currentData() or None,
                              self.tr("添加进展"))
        except RectDeskError as exc:
            self.ui.error_form.setText(exc.message)
            self.ui.error_form.setVisible(True)
            return
        self.ui.error_form.setVisible(False)
        self.ui.text.clear()
        self.ui.status.setCurrentIndex(0)
        self.added.emit()
