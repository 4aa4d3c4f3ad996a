"""UI state in QSettings (geometry, splitters, column widths, filters): never data. The column
sizing rules that saved widths must not break are in gui/columns.py (loaded after the first
paint: this module loads before it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def settings() -> QSettings:
    """An INI file in the config dir (RECTDESK_HOME keeps tests and portable installs apart)."""
    return QSettings(_ini(), QSettings.Format.IniFormat)


def _ini() -> str:
    from rectdesk import paths

    return str(paths.config_dir() / "ui.ini")


# Values saved a moment later (see set_soon): a QSettings that was written to rewrites and
# syncs the whole file when it goes away, 5-20 ms: too much for every keystroke in a search.
_pending: dict[tuple[str, str], object] = {}
_flush_timer: list[QTimer] = []  # made on first use (it needs the application)
FLUSH_MS = 1000


def set_soon(key: str, value: object) -> None:
    """settings().setValue(key, value) within FLUSH_MS, or at flush(); value() sees it now."""
    _pending[(_ini(), key)] = value
    if not _flush_timer:
        timer = QTimer(singleShot=True, interval=FLUSH_MS)
        timer.timeout.connect(flush)
        _flush_timer.append(timer)
    _flush_timer[0].start()


def value(key: str) -> object:
    """settings().value(key), values not yet written by set_soon() included."""
    try:
        return _pending[(_ini(), key)]
    except KeyError:
        return settings().value(key)


def flush() -> None:
    """Write what set_soon() holds (the window calls this when it saves its state)."""
    if _flush_timer:
        _flush_timer[0].stop()
    by_file: dict[str, list[tuple[str, object]]] = {}
    for (ini, key), v in _pending.items():
        by_file.setdefault(ini, []).append((key, v))
    _pending.clear()
    for ini, items in by_file.items():
        s = QSettings(ini, QSettings.Format.IniFormat)
        for key, v in items:
            s.setValue(key, v)
        s.sync()


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to its preferred size, but never past the available screen
    (a 1366x768 laptop loses the taskbar's height too)."""
    from PySide6.QtGui import QGuiApplication

    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 20), min(height, free.height() - 40)
    widget.resize(width, height)


def ask_save_path(parent: QWidget, key: str, title: str, name: str,
                  filters: str) -> tuple[Path, str] | None:
    """A save dialog opening in the folder last used for `key` (remembered in ui.ini);
    the chosen path and filter, or None when the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    folder = str(settings().value(f"{key}/folder", str(Path.home())))
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name), filters)
    if not path:
        return None
    settings().setValue(f"{key}/folder", str(Path(path).parent))
    return Path(path), chosen
