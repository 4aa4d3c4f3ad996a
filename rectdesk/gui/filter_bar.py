"""The search box and filter drop-downs above the problem table."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QToolButton, QWidget

from rectdesk.core.deadlines import DeadlineState
from rectdesk.core.model import ProblemStatus
from rectdesk.gui.filters import Filter
from rectdesk.gui.words import field_label, word

SEARCH_DELAY_MS = 150  # typing pauses this long before a slow search runs
QUICK_MS = 100  # after a filter quicker than this, the next keystroke filters at once


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("查找：编号、文字、人员、部门、日期"))
        self.search.setToolTip(self.tr("按编号（7 或 7.2）、问题和措施的文字、进展、人员、部门或日期查找"))
        hint = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(min(max(160, hint + 48), 320))  # the placeholder whole (English)
        # Each keystroke (or text an input method commits) filters at once while filtering is
        # quick; after a slow filter, typing pauses SEARCH_DELAY_MS first so that a burst of
        # keys costs one filter. A zero timer still merges keys already queued.
        self.last_cost = 0.0  # seconds the last filter took
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._typed)
        self.search.returnPressed.connect(self.apply_now)
        self.status = self._combo(self.tr("状态"), [(word(s), s.value) for s in ProblemStatus])
        self.state = self._combo(self.tr("时限"), [(word(s), s.value) for s in DeadlineState])
        self.department = self._combo(field_label("lead_department"), [])
        self.leader = self._combo(field_label("leaders"), [])
        self.category = self._combo(self.tr("类别"), [])
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in (self.status, self.state, self.department, self.leader, self.category):
            layout.addWidget(combo, 1)
        layout.addWidget(self.clear_button)

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.addItem(everything, "")
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self._emit())
        return combo

    def _typed(self, _text: str) -> None:
        self._timer.start(0 if self.last_cost * 1000 < QUICK_MS else SEARCH_DELAY_MS)

    def _emit(self) -> None:
        """Filter now (the window's apply_filter runs inside), timing it for _typed."""
        start = time.perf_counter()
        self.changed.emit()
        self.last_cost = time.perf_counter() - start

    def apply_now(self) -> None:
        self._timer.stop()
        self._emit()

    def set_options(self, departments: list[str], leaders: list[str], categories: list[str]) -> None:
        for combo, names in ((self.department, departments), (self.leader, leaders),
                             (self.category, categories)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for name in names:
                combo.addItem(name, name)
            i = combo.findData(current)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

    def value(self) -> Filter:
        return Filter(query=self.search.text().strip(), status=self.status.currentData() or "",
                      state=self.state.currentData() or "",
                      department=self.department.currentData() or "",
                      leader=self.leader.currentData() or "",
                      category=self.category.currentData() or "")

    def set_value(self, f: Filter) -> None:
        """Show a saved filter without emitting a change per widget."""
        self.blockSignals(True)
        self.search.setText(f.query)
        for combo, data in ((self.status, f.status), (self.state, f.state),
                            (self.department, f.department), (self.leader, f.leader),
                            (self.category, f.category)):
            combo.setCurrentIndex(max(combo.findData(data), 0) if data else 0)
        self._timer.stop()
        self.blockSignals(False)

    def clear(self) -> None:
        self.set_value(Filter())
        self._emit()
