"""Placeholder main window (the real one is built in the main-window issue)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow


class MainWindow(QMainWindow):
    def __init__(self, register: Path) -> None:
        super().__init__()
        self.setWindowTitle(f"整改台账 - {register.name}")
        self.setCentralWidget(QLabel(str(register)))
        self.resize(1200, 800)
