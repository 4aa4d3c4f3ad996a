"""文件 -> 连接服务器: open a shared register on a PostgreSQL server (issue 12).

The dialog builds a postgresql:// URL from host, port, database, user and password (the
password is never stored); the connection and any schema migration run through run_task, and
the window then works on the server register as on a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
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

if TYPE_CHECKING:
    from rectdesk.gui.addons import AddonHost


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


def open_server_register(host: AddonHost, url: str) -> None:
    """Connect on a worker thread, then put the server register in the window."""
    from rectdesk.gui.errors import show_error
    from rectdesk.gui.tasks import run_task
    from rectdesk.store.register import Register

    parent = host.window()

    def failed(exc: BaseException) -> None:
        show_error(parent, exc, QCoreApplication.translate("ConnectServerDialog", "无法连接服务器"))

    run_task(parent, Register.open, url, on_done=host.use_register, on_error=failed,
             busy=QCoreApplication.translate("ConnectServerDialog", "正在连接服务器…"))


def connect_server(host: AddonHost) -> None:
    dialog = ConnectServerDialog(host.window())
    if dialog.exec() == QDialog.DialogCode.Accepted:
        open_server_register(host, dialog.url())


def install(host: AddonHost) -> None:
    """文件 -> 连接服务器… (its place: gui/menus.py)."""
    host.add_action("connect_server", QCoreApplication.translate("ConnectServerDialog", "连接服务器…"),
                    lambda: connect_server(host))
