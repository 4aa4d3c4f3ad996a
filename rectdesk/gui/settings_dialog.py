"""File > 设置: language, operator name, the two warning windows (stored by rectdesk.settings);
the main tables, the dashboard and the reminder all use them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from rectdesk import settings
from rectdesk.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from rectdesk.gui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        values = settings.load()
        for code, name in LANGUAGES.items():
            self.ui.language.addItem(name, code)
        self.ui.language.setCurrentIndex(max(self.ui.language.findData(values["language"]), 0))
        self.ui.operator.setText(values["operator"])
        self.ui.warn_days.setValue(int(values["warn_days"]))
        self.ui.notice_days.setValue(int(values["notice_days"]))

    def save(self) -> None:
        settings.save(language=str(self.ui.language.currentData()),
                      operator=self.ui.operator.text().strip(),
                      warn_days=int(self.ui.warn_days.value()),
                      notice_days=max(int(self.ui.notice_days.value()), int(self.ui.warn_days.value())))
