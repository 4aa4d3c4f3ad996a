"""Application start-up: QApplication, language, exception hook, then the main window, shown
before the register is opened (SQLAlchemy is imported only after the first paint)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rectdesk.gui.main_window import MainWindow



def run(db: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from rectdesk import APP_NAME, ORG_NAME, settings
    from rectdesk.gui import i18n
    from rectdesk.gui.errors import install_excepthook
    from rectdesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    install_excepthook()
    i18n.install(str(settings.get("language")))
    window = MainWindow(Path(db) if db else startup_register(), defer=True)
    window.show()
    code = int(app.exec())
    # Let background tasks (exports, the open summary) finish before Python tears Qt down;
    # quitting with one still running aborted the process.
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    return code


def startup_register() -> Path:
    """`rectdesk` without --db: the register used last, if it is still there; else the default
    register, its folder created on a first run (the register file itself is created on open)."""
    from rectdesk import paths, settings

    for item in settings.get("recent_registers"):
        if "://" not in item and Path(item).is_file():
            return Path(item)
    path = paths.default_register()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def switch_language(window: MainWindow, lang: str) -> MainWindow:
    """Install `lang` and rebuild the window in it (MainWindow.switch_language)."""
    fresh: MainWindow = window.switch_language(lang)
    return fresh
