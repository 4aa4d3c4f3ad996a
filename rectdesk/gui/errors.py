"""Showing errors to people: RectDeskError's Chinese message as it is; anything else as an
unexpected error naming the log file (the traceback goes to the log)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from rectdesk.core.errors import RectDeskError

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    if isinstance(exc, RectDeskError):
        return str(exc)
    from rectdesk.logs import log_file

    return f"发生意外错误：{exc}\n\n详细信息已写入日志文件：\n{log_file()}"


def show_error(parent: QWidget | None, exc: BaseException, title: str = "错误") -> None:
    if not isinstance(exc, RectDeskError):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    QMessageBox.critical(parent, title, message_for(exc))


def install_excepthook() -> None:
    """Log any uncaught exception and show it in a dialog instead of dying silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        try:
            show_error(None, exc, "意外错误")
        except Exception:  # noqa: BLE001 - never raise from the hook
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
