# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(420, 220)
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.label_language = QLabel(SettingsDialog)
        self.label_language.setObjectName(u"label_language")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_language)

        self.language = QComboBox(SettingsDialog)
        self.language.setObjectName(u"language")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.language)

        self.label_operator = QLabel(SettingsDialog)
        self.label_operator.setObjectName(u"label_operator")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_operator)

        self.operator = QLineEdit(SettingsDialog)
        self.operator.setObjectName(u"operator")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.operator)

        self.label_warn_days = QLabel(SettingsDialog)
        self.label_warn_days.setObjectName(u"label_warn_days")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_warn_days)

        self.warn_days = QSpinBox(SettingsDialog)
        self.warn_days.setObjectName(u"warn_days")
        self.warn_days.setMinimum(1)
        self.warn_days.setMaximum(90)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.warn_days)

        self.label_notice_days = QLabel(SettingsDialog)
        self.label_notice_days.setObjectName(u"label_notice_days")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_notice_days)

        self.notice_days = QSpinBox(SettingsDialog)
        self.notice_days.setObjectName(u"notice_days")
        self.notice_days.setMinimum(1)
        self.notice_days.setMaximum(180)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notice_days)


        self.layout.addLayout(self.form)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_language.setBuddy(self.language)
        self.label_operator.setBuddy(self.operator)
        self.label_warn_days.setBuddy(self.warn_days)
        self.label_notice_days.setBuddy(self.notice_days)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)
        self.buttons.accepted.connect(SettingsDialog.accept)
        self.buttons.rejected.connect(SettingsDialog.reject)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"\u8bbe\u7f6e", None))
        self.label_language.setText(QCoreApplication.translate("SettingsDialog", u"\u754c\u9762\u8bed\u8a00", None))
        self.label_operator.setText(QCoreApplication.translate("SettingsDialog", u"\u64cd\u4f5c\u4eba", None))
        self.operator.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u7559\u75d5\u4e2d\u663e\u793a\u7684\u59d3\u540d", None))
        self.label_warn_days.setText(QCoreApplication.translate("SettingsDialog", u"\u4e34\u671f\u9884\u8b66\u5929\u6570", None))
        self.label_notice_days.setText(QCoreApplication.translate("SettingsDialog", u"\u63d0\u524d\u63d0\u793a\u5929\u6570", None))
    # retranslateUi

