"""What a register without campaigns shows: the ways to begin (a new campaign, an import of
the inspection's documents, the demo register)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

TEXT_WIDTH = 460  # the hint wraps at a readable width instead of squeezing to its shortest line


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("这个台账还没有整改任务"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self.tr("新建一个整改任务开始录入问题和整改措施；已有巡视巡察反馈意见、整改方案或"
                                   "整改台账的，可直接导入；也可以先打开示例台账看看。"))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setFixedWidth(TEXT_WIDTH)
        # A layout cell with an alignment ignores heightForWidth: the wrapped text was cut to
        # one line. Its width is fixed, so its height is known.
        self.hint.setFixedHeight(self.hint.heightForWidth(TEXT_WIDTH))
        self.new_button = QPushButton(self.tr("新建整改任务…"))
        self.import_button = QPushButton(self.tr("导入通报、方案或台账…"))
        self.demo_button = QPushButton(self.tr("打开示例台账"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        for button in (self.new_button, self.import_button, self.demo_button):
            button.setMinimumWidth(TEXT_WIDTH // 2)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_import_menu(self, menu: QMenu) -> None:
        """The window's 导入 menu, dropped down from the import button."""
        self.import_button.setMenu(menu)
