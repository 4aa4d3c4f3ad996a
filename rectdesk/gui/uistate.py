"""UI state in QSettings (geometry, splitters, column widths, filters): never data."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from rectdesk import paths


def settings() -> QSettings:
    """An INI file in the config dir (RECTDESK_HOME keeps tests and portable installs apart)."""
    return QSettings(str(paths.config_dir() / "ui.ini"), QSettings.Format.IniFormat)
