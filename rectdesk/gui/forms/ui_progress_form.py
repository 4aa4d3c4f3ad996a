# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'progress_form.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QGridLayout,
    QLabel, QPlainTextEdit, QSizePolicy, QWidget)

class Ui_ProgressForm(object):
    def setupUi(self, ProgressForm):
        if not ProgressForm.objectName():
            ProgressForm.setObjectName(u"ProgressForm")
        ProgressForm.resize(360, 560)
        self.grid = QGridLayout(ProgressForm)
        self.grid.setObjectName(u"grid")
        self.grid.setVerticalSpacing(2)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.error_form = QLabel(ProgressForm)
        self.error_form.setObjectName(u"error_form")
        self.error_form.setVisible(False)
        self.error_form.setWordWrap(True)

        self.grid.addWidget(self.error_form, 100, 0, 1, 2)

        self.label_when = QLabel(ProgressForm)
        self.label_when.setObjectName(u"label_when")

        self.grid.addWidget(self.label_when, 0, 0, 1, 1)

        self.when = QDateEdit(ProgressForm)
        self.when.setObjectName(u"when")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(u"yyyy-MM-dd")

        self.grid.addWidget(self.when, 0, 1, 1, 1)

        self.error_when = QLabel(ProgressForm)
        self.error_when.setObjectName(u"error_when")
        self.error_when.setVisible(False)
        self.error_when.setWordWrap(True)

        self.grid.addWidget(self.error_when, 1, 1, 1, 1)

        self.label_text = QLabel(ProgressForm)
        self.label_text.setObjectName(u"label_text")

        self.grid.addWidget(self.label_text, 2, 0, 1, 1)

        self.text = QPlainTextEdit(ProgressForm)
        self.text.setObjectName(u"text")
        self.text.setTabChangesFocus(True)

        self.grid.addWidget(self.text, 2, 1, 1, 1)

        self.error_text = QLabel(ProgressForm)
        self.error_text.setObjectName(u"error_text")
        self.error_text.setVisible(False)
        self.error_text.setWordWrap(True)

        self.grid.addWidget(self.error_text, 3, 1, 1, 1)

        self.label_status = QLabel(ProgressForm)
        self.label_status.setObjectName(u"label_status")

        self.grid.addWidget(self.label_status, 4, 0, 1, 1)

        self.status = QComboBox(ProgressForm)
        self.status.setObjectName(u"status")

        self.grid.addWidget(self.status, 4, 1, 1, 1)

        self.error_status = QLabel(ProgressForm)
        self.error_status.setObjectName(u"error_status")
        self.error_status.setVisible(False)
        self.error_status.setWordWrap(True)

        self.grid.addWidget(self.error_status, 5, 1, 1, 1)

#if QT_CONFIG(shortcut)
        self.label_when.setBuddy(self.when)
        self.label_text.setBuddy(self.text)
        self.label_status.setBuddy(self.status)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ProgressForm)

        QMetaObject.connectSlotsByName(ProgressForm)
    # setupUi

    def retranslateUi(self, ProgressForm):
        ProgressForm.setWindowTitle(QCoreApplication.translate("ProgressForm", u"\u6dfb\u52a0\u8fdb\u5c55", None))
        self.label_when.setText(QCoreApplication.translate("ProgressForm", u"\u8fdb\u5c55\u65e5\u671f", None))
        self.label_text.setText(QCoreApplication.translate("ProgressForm", u"\u8fdb\u5c55\u60c5\u51b5", None))
        self.label_status.setText(QCoreApplication.translate("ProgressForm", u"\u6574\u6539\u72b6\u6001", None))
    # retranslateUi

