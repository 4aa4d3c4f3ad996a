"""What a register without campaigns shows: the two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("这个台账还没有整改任务"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        hint = QLabel(self.tr("新建一个整改任务开始录入问题和整改措施，或先打开示例台账看看。"))
        hint.setWordWrap(True)
        self.new_button = QPushButton(self.tr("新建整改任务"))
        self.demo_button = QPushButton(self.tr("打开示例台账"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (title, hint, self.new_button, self.demo_button):
            layout.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
