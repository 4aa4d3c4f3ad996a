"""Long work off the GUI thread, with a progress dialog; tests can run it inline.

    run_task(parent, export_ledger, reg, cid, out, on_done=self._show_result,
             busy="正在导出台账…")

`busy` is the progress dialog's text. It is not called `progress`: a function's own `progress`
callback (attach_files) passes through to it, and a name shared with run_task was swallowed.

The function runs in QThreadPool; its result (or exception) comes back to the GUI thread by
signal. With `set_inline(True)` (tests) the function runs synchronously and callbacks fire before
run_task returns. A cancellable task receives a `cancelled` callable as keyword `cancelled` when
its signature asks for it, and should check it between steps.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

_inline = False
_running: set[_Task] = set()  # keep tasks alive until their signals are delivered


def set_inline(value: bool) -> None:
    global _inline
    _inline = value


def pending() -> int:
    """Tasks started and not yet finished (their callbacks not yet run): tests wait for 0."""
    return len(_running)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
            log.info("task %s failed", getattr(self.fn, "__name__", self.fn), exc_info=True)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def run_task(
    parent: QWidget | None,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    busy: str | None = None,
    cancellable: bool = False,
    **kwargs: Any,
) -> None:
    if on_error is None:
        from rectdesk.gui.errors import show_error

        def on_error(exc: BaseException) -> None:
            show_error(parent, exc)

    task = _Task(fn, args, kwargs)
    if cancellable and "cancelled" in inspect.signature(fn).parameters:
        kwargs["cancelled"] = task.cancel_event.is_set
    if _inline:
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            on_error(exc)
        else:
            if on_done:
                on_done(result)
        return

    dialog: QProgressDialog | None = None
    if busy:
        dialog = QProgressDialog(busy, "取消" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.cancel_event.set)

    def finish() -> None:
        _running.discard(task)
        if dialog is not None and shiboken6.isValid(dialog):  # deleted with a closed parent
            dialog.reset()
            dialog.deleteLater()

    def parent_gone() -> bool:
        # The window that started the task may have been closed and deleted meanwhile (the
        # language switch rebuilds it): its callbacks must not run against dead widgets.
        return parent is not None and not shiboken6.isValid(parent)

    def done(result: Any) -> None:
        finish()
        if on_done and not parent_gone():
            on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        if parent_gone():
            log.info("task failed after its window was closed", exc_info=exc)
            return
        on_error(exc)

    task.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
    task.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _running.add(task)
    QThreadPool.globalInstance().start(task)
