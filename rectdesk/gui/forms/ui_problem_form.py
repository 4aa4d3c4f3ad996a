# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'problem_form.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QGridLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QWidget)

class Ui_ProblemForm(object):
    def setupUi(self, ProblemForm):
        if not ProblemForm.objectName():
            ProblemForm.setObjectName(u"ProblemForm")
        ProblemForm.resize(360, 560)
        self.grid = QGridLayout(ProblemForm)
        self.grid.setObjectName(u"grid")
        self.grid.setVerticalSpacing(2)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.error_form = QLabel(ProblemForm)
        self.error_form.setObjectName(u"error_form")
        self.error_form.setVisible(False)
        self.error_form.setWordWrap(True)

        self.grid.addWidget(self.error_form, 100, 0, 1, 2)

        self.label_number = QLabel(ProblemForm)
        self.label_number.setObjectName(u"label_number")

        self.grid.addWidget(self.label_number, 0, 0, 1, 1)

        self.number = QLabel(ProblemForm)
        self.number.setObjectName(u"number")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setWordWrap(True)

        self.grid.addWidget(self.number, 0, 1, 1, 1)

        self.error_number = QLabel(ProblemForm)
        self.error_number.setObjectName(u"error_number")
        self.error_number.setVisible(False)
        self.error_number.setWordWrap(True)

        self.grid.addWidget(self.error_number, 1, 1, 1, 1)

        self.label_title = QLabel(ProblemForm)
        self.label_title.setObjectName(u"label_title")
        self.label_title.setText(u"\u95ee\u9898\u6807\u9898")

        self.grid.addWidget(self.label_title, 2, 0, 1, 1)

        self.title = QLineEdit(ProblemForm)
        self.title.setObjectName(u"title")

        self.grid.addWidget(self.title, 2, 1, 1, 1)

        self.error_title = QLabel(ProblemForm)
        self.error_title.setObjectName(u"error_title")
        self.error_title.setVisible(False)
        self.error_title.setWordWrap(True)

        self.grid.addWidget(self.error_title, 3, 1, 1, 1)

        self.label_description = QLabel(ProblemForm)
        self.label_description.setObjectName(u"label_description")
        self.label_description.setText(u"\u95ee\u9898\u63cf\u8ff0")

        self.grid.addWidget(self.label_description, 4, 0, 1, 1)

        self.description = QPlainTextEdit(ProblemForm)
        self.description.setObjectName(u"description")
        self.description.setTabChangesFocus(True)

        self.grid.addWidget(self.description, 4, 1, 1, 1)

        self.error_description = QLabel(ProblemForm)
        self.error_description.setObjectName(u"error_description")
        self.error_description.setVisible(False)
        self.error_description.setWordWrap(True)

        self.grid.addWidget(self.error_description, 5, 1, 1, 1)

        self.label_category = QLabel(ProblemForm)
        self.label_category.setObjectName(u"label_category")
        self.label_category.setText(u"\u95ee\u9898\u7c7b\u522b")

        self.grid.addWidget(self.label_category, 6, 0, 1, 1)

        self.category = QComboBox(ProblemForm)
        self.category.setObjectName(u"category")
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.grid.addWidget(self.category, 6, 1, 1, 1)

        self.error_category = QLabel(ProblemForm)
        self.error_category.setObjectName(u"error_category")
        self.error_category.setVisible(False)
        self.error_category.setWordWrap(True)

        self.grid.addWidget(self.error_category, 7, 1, 1, 1)

        self.label_recheck_due = QLabel(ProblemForm)
        self.label_recheck_due.setObjectName(u"label_recheck_due")
        self.label_recheck_due.setText(u"\u56de\u5934\u770b\u65e5\u671f")

        self.grid.addWidget(self.label_recheck_due, 8, 0, 1, 1)

        self.recheck_due = QLineEdit(ProblemForm)
        self.recheck_due.setObjectName(u"recheck_due")

        self.grid.addWidget(self.recheck_due, 8, 1, 1, 1)

        self.error_recheck_due = QLabel(ProblemForm)
        self.error_recheck_due.setObjectName(u"error_recheck_due")
        self.error_recheck_due.setVisible(False)
        self.error_recheck_due.setWordWrap(True)

        self.grid.addWidget(self.error_recheck_due, 9, 1, 1, 1)

        self.label_sign_off = QLabel(ProblemForm)
        self.label_sign_off.setObjectName(u"label_sign_off")

        self.grid.addWidget(self.label_sign_off, 10, 0, 1, 1)

        self.sign_off = QLabel(ProblemForm)
        self.sign_off.setObjectName(u"sign_off")
        self.sign_off.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_off.setWordWrap(True)

        self.grid.addWidget(self.sign_off, 10, 1, 1, 1)

        self.error_sign_off = QLabel(ProblemForm)
        self.error_sign_off.setObjectName(u"error_sign_off")
        self.error_sign_off.setVisible(False)
        self.error_sign_off.setWordWrap(True)

        self.grid.addWidget(self.error_sign_off, 11, 1, 1, 1)

#if QT_CONFIG(shortcut)
        self.label_number.setBuddy(self.number)
        self.label_title.setBuddy(self.title)
        self.label_description.setBuddy(self.description)
        self.label_category.setBuddy(self.category)
        self.label_recheck_due.setBuddy(self.recheck_due)
        self.label_sign_off.setBuddy(self.sign_off)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ProblemForm)

        QMetaObject.connectSlotsByName(ProblemForm)
    # setupUi

    def retranslateUi(self, ProblemForm):
        ProblemForm.setWindowTitle(QCoreApplication.translate("ProblemForm", u"\u95ee\u9898", None))
        self.label_number.setText(QCoreApplication.translate("ProblemForm", u"\u7f16\u53f7", None))
        self.recheck_due.setPlaceholderText(QCoreApplication.translate("ProblemForm", u"\u5982 2021-03-31", None))
        self.label_sign_off.setText(QCoreApplication.translate("ProblemForm", u"\u9500\u53f7\u60c5\u51b5", None))
    # retranslateUi

