"""Application start-up: QApplication, translations, the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run(db: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from rectdesk import APP_NAME, ORG_NAME, paths
    from rectdesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    window = MainWindow(Path(db) if db else paths.default_register())
    window.show()
    return int(app.exec())
