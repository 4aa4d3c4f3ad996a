# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'measure_form.ui'
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

class Ui_MeasureForm(object):
    def setupUi(self, MeasureForm):
        if not MeasureForm.objectName():
            MeasureForm.setObjectName(u"MeasureForm")
        MeasureForm.resize(360, 560)
        self.grid = QGridLayout(MeasureForm)
        self.grid.setObjectName(u"grid")
        self.grid.setVerticalSpacing(2)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.error_form = QLabel(MeasureForm)
        self.error_form.setObjectName(u"error_form")
        self.error_form.setVisible(False)
        self.error_form.setWordWrap(True)

        self.grid.addWidget(self.error_form, 100, 0, 1, 2)

        self.label_number = QLabel(MeasureForm)
        self.label_number.setObjectName(u"label_number")

        self.grid.addWidget(self.label_number, 0, 0, 1, 1)

        self.number = QLabel(MeasureForm)
        self.number.setObjectName(u"number")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setWordWrap(True)

        self.grid.addWidget(self.number, 0, 1, 1, 1)

        self.error_number = QLabel(MeasureForm)
        self.error_number.setObjectName(u"error_number")
        self.error_number.setVisible(False)
        self.error_number.setWordWrap(True)

        self.grid.addWidget(self.error_number, 1, 1, 1, 1)

        self.label_text = QLabel(MeasureForm)
        self.label_text.setObjectName(u"label_text")
        self.label_text.setText(u"\u6574\u6539\u63aa\u65bd")

        self.grid.addWidget(self.label_text, 2, 0, 1, 1)

        self.text = QPlainTextEdit(MeasureForm)
        self.text.setObjectName(u"text")
        self.text.setTabChangesFocus(True)

        self.grid.addWidget(self.text, 2, 1, 1, 1)

        self.error_text = QLabel(MeasureForm)
        self.error_text.setObjectName(u"error_text")
        self.error_text.setVisible(False)
        self.error_text.setWordWrap(True)

        self.grid.addWidget(self.error_text, 3, 1, 1, 1)

        self.label_result = QLabel(MeasureForm)
        self.label_result.setObjectName(u"label_result")
        self.label_result.setText(u"\u6574\u6539\u6210\u6548")

        self.grid.addWidget(self.label_result, 4, 0, 1, 1)

        self.result = QPlainTextEdit(MeasureForm)
        self.result.setObjectName(u"result")
        self.result.setTabChangesFocus(True)

        self.grid.addWidget(self.result, 4, 1, 1, 1)

        self.error_result = QLabel(MeasureForm)
        self.error_result.setObjectName(u"error_result")
        self.error_result.setVisible(False)
        self.error_result.setWordWrap(True)

        self.grid.addWidget(self.error_result, 5, 1, 1, 1)

        self.label_leaders = QLabel(MeasureForm)
        self.label_leaders.setObjectName(u"label_leaders")
        self.label_leaders.setText(u"\u8d23\u4efb\u9886\u5bfc")

        self.grid.addWidget(self.label_leaders, 6, 0, 1, 1)

        self.leaders = QLineEdit(MeasureForm)
        self.leaders.setObjectName(u"leaders")

        self.grid.addWidget(self.leaders, 6, 1, 1, 1)

        self.error_leaders = QLabel(MeasureForm)
        self.error_leaders.setObjectName(u"error_leaders")
        self.error_leaders.setVisible(False)
        self.error_leaders.setWordWrap(True)

        self.grid.addWidget(self.error_leaders, 7, 1, 1, 1)

        self.label_lead_department = QLabel(MeasureForm)
        self.label_lead_department.setObjectName(u"label_lead_department")
        self.label_lead_department.setText(u"\u8d23\u4efb\u90e8\u95e8")

        self.grid.addWidget(self.label_lead_department, 8, 0, 1, 1)

        self.lead_department = QComboBox(MeasureForm)
        self.lead_department.setObjectName(u"lead_department")
        self.lead_department.setEditable(True)
        self.lead_department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.grid.addWidget(self.lead_department, 8, 1, 1, 1)

        self.error_lead_department = QLabel(MeasureForm)
        self.error_lead_department.setObjectName(u"error_lead_department")
        self.error_lead_department.setVisible(False)
        self.error_lead_department.setWordWrap(True)

        self.grid.addWidget(self.error_lead_department, 9, 1, 1, 1)

        self.label_cooperating = QLabel(MeasureForm)
        self.label_cooperating.setObjectName(u"label_cooperating")
        self.label_cooperating.setText(u"\u914d\u5408\u90e8\u95e8")

        self.grid.addWidget(self.label_cooperating, 10, 0, 1, 1)

        self.cooperating = QLineEdit(MeasureForm)
        self.cooperating.setObjectName(u"cooperating")

        self.grid.addWidget(self.cooperating, 10, 1, 1, 1)

        self.error_cooperating = QLabel(MeasureForm)
        self.error_cooperating.setObjectName(u"error_cooperating")
        self.error_cooperating.setVisible(False)
        self.error_cooperating.setWordWrap(True)

        self.grid.addWidget(self.error_cooperating, 11, 1, 1, 1)

        self.label_deadline = QLabel(MeasureForm)
        self.label_deadline.setObjectName(u"label_deadline")
        self.label_deadline.setText(u"\u6574\u6539\u65f6\u9650")

        self.grid.addWidget(self.label_deadline, 12, 0, 1, 1)

        self.deadline = QLineEdit(MeasureForm)
        self.deadline.setObjectName(u"deadline")

        self.grid.addWidget(self.deadline, 12, 1, 1, 1)

        self.error_deadline = QLabel(MeasureForm)
        self.error_deadline.setObjectName(u"error_deadline")
        self.error_deadline.setVisible(False)
        self.error_deadline.setWordWrap(True)

        self.grid.addWidget(self.error_deadline, 13, 1, 1, 1)

        self.label_status = QLabel(MeasureForm)
        self.label_status.setObjectName(u"label_status")
        self.label_status.setText(u"\u6574\u6539\u72b6\u6001")

        self.grid.addWidget(self.label_status, 14, 0, 1, 1)

        self.status = QComboBox(MeasureForm)
        self.status.setObjectName(u"status")

        self.grid.addWidget(self.status, 14, 1, 1, 1)

        self.error_status = QLabel(MeasureForm)
        self.error_status.setObjectName(u"error_status")
        self.error_status.setVisible(False)
        self.error_status.setWordWrap(True)

        self.grid.addWidget(self.error_status, 15, 1, 1, 1)

        self.label_completed_on = QLabel(MeasureForm)
        self.label_completed_on.setObjectName(u"label_completed_on")
        self.label_completed_on.setText(u"\u5b8c\u6210\u65e5\u671f")

        self.grid.addWidget(self.label_completed_on, 16, 0, 1, 1)

        self.completed_on = QLineEdit(MeasureForm)
        self.completed_on.setObjectName(u"completed_on")

        self.grid.addWidget(self.completed_on, 16, 1, 1, 1)

        self.error_completed_on = QLabel(MeasureForm)
        self.error_completed_on.setObjectName(u"error_completed_on")
        self.error_completed_on.setVisible(False)
        self.error_completed_on.setWordWrap(True)

        self.grid.addWidget(self.error_completed_on, 17, 1, 1, 1)

        self.label_note = QLabel(MeasureForm)
        self.label_note.setObjectName(u"label_note")
        self.label_note.setText(u"\u5907\u6ce8")

        self.grid.addWidget(self.label_note, 18, 0, 1, 1)

        self.note = QPlainTextEdit(MeasureForm)
        self.note.setObjectName(u"note")
        self.note.setTabChangesFocus(True)

        self.grid.addWidget(self.note, 18, 1, 1, 1)

        self.error_note = QLabel(MeasureForm)
        self.error_note.setObjectName(u"error_note")
        self.error_note.setVisible(False)
        self.error_note.setWordWrap(True)

        self.grid.addWidget(self.error_note, 19, 1, 1, 1)

#if QT_CONFIG(shortcut)
        self.label_number.setBuddy(self.number)
        self.label_text.setBuddy(self.text)
        self.label_result.setBuddy(self.result)
        self.label_leaders.setBuddy(self.leaders)
        self.label_lead_department.setBuddy(self.lead_department)
        self.label_cooperating.setBuddy(self.cooperating)
        self.label_deadline.setBuddy(self.deadline)
        self.label_status.setBuddy(self.status)
        self.label_completed_on.setBuddy(self.completed_on)
        self.label_note.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MeasureForm)

        QMetaObject.connectSlotsByName(MeasureForm)
    # setupUi

    def retranslateUi(self, MeasureForm):
        MeasureForm.setWindowTitle(QCoreApplication.translate("MeasureForm", u"\u6574\u6539\u63aa\u65bd", None))
        self.label_number.setText(QCoreApplication.translate("MeasureForm", u"\u7f16\u53f7", None))
        self.leaders.setPlaceholderText(QCoreApplication.translate("MeasureForm", u"\u591a\u4eba\u7528\u201c\u3001\u201d\u5206\u9694", None))
        self.cooperating.setPlaceholderText(QCoreApplication.translate("MeasureForm", u"\u591a\u4e2a\u90e8\u95e8\u7528\u201c\u3001\u201d\u5206\u9694", None))
        self.deadline.setPlaceholderText(QCoreApplication.translate("MeasureForm", u"\u5982 2020\u5e7412\u6708\u5e95\u3001\u957f\u671f\u575a\u6301", None))
        self.completed_on.setPlaceholderText(QCoreApplication.translate("MeasureForm", u"\u5982 2020-11-02", None))
    # retranslateUi

