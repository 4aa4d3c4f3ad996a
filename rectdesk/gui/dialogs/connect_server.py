"""文件 -> 连接服务器: open a shared register on a PostgreSQL server (issue 12).

The dialog builds a postgresql:// URL from host, port, database, user and password (the
password is never stored); the connection and any schema migration run through run_task, and
the window then works on the server register as on a file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


def server_url(host: str, port: int, database: str, user: str, password: str) -> str:
    from sqlalchemy.engine import URL

    return URL.create("postgresql", username=user or None, password=password or None,
                      host=host or "localhost", port=port, database=database
                      ).render_as_string(hide_password=False)


class ConnectServerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connect_server")
        self.setWindowTitle(self.tr("连接服务器"))
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("192.168.1.10")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("rectdesk", self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库名"), self.database)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        note = QLabel(self.tr("多台工作站可同时编辑服务器上的同一本台账。佐证材料存放在台账设置的共享文件夹中；"
                              "服务器的备份由信息化部门用 pg_dump 完成。"), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("连接"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(420, 0)

    def url(self) -> str:
        return server_url(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                          self.user.text().strip(), self.password.text())


def open_server_register(window: Any, url: str) -> None:
    """Connect on a worker thread, then put the server register in the window."""
    from rectdesk.gui.errors import show_error
    from rectdesk.gui.session import RegisterSession
    from rectdesk.gui.tasks import run_task
    from rectdesk.store.register import Register

    def done(reg: Any) -> None:
        if window.session is not None:
            window.session.close()
        window.attach(RegisterSession(reg, window))

    def failed(exc: BaseException) -> None:
        show_error(window, exc, QCoreApplication.translate("ConnectServerDialog", "无法连接服务器"))

    run_task(window, Register.open, url, on_done=done, on_error=failed,
             busy=QCoreApplication.translate("ConnectServerDialog", "正在连接服务器…"))


def connect_server(window: Any) -> None:
    dialog = ConnectServerDialog(window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        open_server_register(window, dialog.url())


def install(window: Any) -> None:
    action = QAction(QCoreApplication.translate("ConnectServerDialog", "连接服务器…"), window)
    action.setObjectName("act_connect_server")
    action.triggered.connect(lambda: connect_server(window))
    window.menu_file.insertAction(window.menu_recent.menuAction(), action)  # after 打开
    window.act_connect_server = action
