"""Qt checks for packaging: the self-test's main-window step and the start-up timing hook.

Neither is part of normal use: `rectdesk --selftest` calls construct_main_window, and
RECTDESK_EXIT_AFTER_SHOW=1 makes `rectdesk` quit once the main window has painted and its
background work is done, so a benchmark can time start-up of the frozen bundle against the
source tree.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, QTimer
from PySide6.QtGui import QIcon, QImageReader
from PySide6.QtWidgets import QApplication, QMainWindow

EXIT_AFTER_SHOW = "RECTDESK_EXIT_AFTER_SHOW"
GRAB_TO = "RECTDESK_SELFTEST_GRAB"  # a .png path: the self-test saves the painted window there
_armed: list[QObject] = []


def _choose_platform() -> None:
    """Offscreen when no display is reachable: Qt would abort the process instead of raising."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _application() -> QApplication:
    _choose_platform()
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "rectdesk"])
    assert isinstance(app, QApplication)
    return app


def construct_main_window(register: Path) -> str:
    """Build and paint (without showing) the main window on `register`, as the app would.

    Fails when an add-on did not install (a module or Qt library missing from the bundle), a
    translation does not load, or the SVG image plugin is absent. UI state goes where
    RECTDESK_HOME says (the self-test points it at its temporary folder).
    """
    from rectdesk.gui import i18n
    from rectdesk.gui.main_window import MainWindow
    from rectdesk.paths import resource_path

    app = _application()
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise RuntimeError(f"Qt image formats lack svg: {sorted(formats)}")
    if QIcon(str(resource_path("icons", "rectdesk.svg"))).isNull():
        raise RuntimeError("the application icon does not load")
    try:
        missing = [lang for lang in i18n.LANGUAGES if lang != "zh_CN" and not i18n.install(lang)]
    finally:
        i18n.install("zh_CN")
    if missing:
        raise RuntimeError(f"translations do not load: {', '.join(missing)}")
    window = MainWindow(register)
    try:
        if window.addon_failures:
            raise RuntimeError(f"add-ons failed to install: {', '.join(window.addon_failures)}")
        window.resize(1200, 800)
        picture = window.grab()  # paints every child: fonts, styles, delegates
        if picture.isNull():
            raise RuntimeError("the main window did not paint")
        if target := os.environ.get(GRAB_TO):  # CI keeps a picture of the frozen window
            picture.save(target)
        _settle(app)  # let the window's timers and background tasks finish while it is alive
        title = window.windowTitle()
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return f"platform {app.platformName()}, Qt {_qt_version()}, title {title!r}"


def _settle(app: QApplication, rounds: int = 5) -> None:
    """Run queued events and wait for the thread pool until both are quiet: add-ons start work
    (the open summary, the evidence list) whose results must not reach a deleted window."""
    pool = QThreadPool.globalInstance()
    for _ in range(rounds):
        app.processEvents()
        if not pool.waitForDone(10_000):
            raise RuntimeError("background work did not finish within 10 s")
        app.processEvents()
        if pool.activeThreadCount() == 0:
            return


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return str(qVersion())


class _FirstPaint(QObject):
    """Application-wide event filter: note the first paint of a main window, then quit once the
    background work it started (opening the register) is over, so nothing outlives the app.

    Prints `first_paint_at: T` and `idle_at: T` (seconds since the epoch) on stderr; the
    benchmark subtracts the time it launched the process.
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._idle_polls = 0
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print(f"first_paint_at: {time.time():.4f}", file=sys.stderr, flush=True)
            self._app.removeEventFilter(self)
            self._timer.start()
        return False

    def _poll(self) -> None:
        busy = QThreadPool.globalInstance().activeThreadCount() > 0
        self._idle_polls = 0 if busy else self._idle_polls + 1
        if self._idle_polls >= 3:
            self._timer.stop()
            print(f"idle_at: {time.time():.4f}", file=sys.stderr, flush=True)
            self._app.quit()


def arm_exit_after_show() -> None:
    """With RECTDESK_EXIT_AFTER_SHOW=1, create the QApplication now and quit after first paint."""
    if os.environ.get(EXIT_AFTER_SHOW) != "1":
        return
    app = _application()
    watcher = _FirstPaint(app)
    _armed.append(watcher)  # keep the Python wrapper alive as long as the filter is installed
    app.installEventFilter(watcher)
