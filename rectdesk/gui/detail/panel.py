"""The detail panel: a tab for the selected item's form, its progress, its change history;
others add tabs (the evidence panel) through `add_tab`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QWidget,
)

from rectdesk.gui import columns
from rectdesk.gui.detail.forms import MeasureForm, ProblemForm
from rectdesk.gui.detail.history import DetailHistoryModel
from rectdesk.gui.detail.progress_panel import ProgressPanel


class DetailPanel(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.problem_form = ProblemForm()
        self.measure_form = MeasureForm()
        self.placeholder = QLabel(self.tr("请在左侧选择一个问题或整改措施"))
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget()
        for w in (self.placeholder, self.problem_form, self.measure_form):
            self.stack.addWidget(w)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        self.progress = ProgressPanel()
        self.history_model = DetailHistoryModel(self)
        self.history = QTableView()
        self.history.setObjectName("historyTable")
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        columns.wrapping_rows(self.history)
        columns.fit_columns(self.history, (8, 4, 3, 6, 6, 6),  # time, who, action, field, old, new
                            {0: ["2020-12-31 23:59"]})
        columns.FillColumn(self.history, 5, self.history.columnWidth(5))
        self.addTab(scroll, self.tr("详情"))
        self.addTab(self.progress, self.tr("进展"))
        self.addTab(self.history, self.tr("修改记录"))

    def add_tab(self, widget: QWidget, title: str) -> int:
        """An add-on's tab scrolls rather than widening the panel to its own minimum size
        (the evidence panel's ~450 px squeezed the tables at 1366x768)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(widget)
        return self.addTab(scroll, title)

    def show_problem_history(self, reg: Any, problem_id: int) -> None:
        """The problem's changes with its measures', progress, extensions and evidence."""
        from rectdesk.store.history import problem_history

        found = problem_history(reg, problem_id)
        self.history_model.set_rows(found.rows, measure_of=found.measure_of)

    def show_placeholder(self) -> None:
        self.stack.setCurrentWidget(self.placeholder)

    def flush(self) -> None:
        """Commit an edit in progress before the selection moves."""
        current = self.stack.currentWidget()
        if isinstance(current, ProblemForm | MeasureForm):
            current.flush()
