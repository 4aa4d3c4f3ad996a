"""UI state in QSettings (geometry, splitters, column widths, filters): never data; and the
column sizing rules that saved widths must not break (a header never narrower than its text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

# QStyle alone takes ~20 ms to load into PySide (its enums): imported where used, after the
# main window's first paint.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QWidget

PAD = 12  # room either side of a cell's text, as the style draws it


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


_SAMPLE_NEEDS = "_rectdesk_sample_widths"  # on the view: width each column's cell words need


def header_width(view: QTableView, column: int) -> int:
    """Width a column needs to show its header text whole: Qt's own measure (bold text, margins
    and the sort arrow), plus a little slack for fonts that render wider than they measure."""
    return view.horizontalHeader().sectionSizeFromContents(column).width() + 4


def fit_columns(view: QTableView, ems: Iterable[int],
                samples: Mapping[int, Iterable[str]] | None = None) -> None:
    """Default widths: `ems` Chinese characters, widened to the header text and to the widest
    of `samples` (translated words such as "In progress" that a cell may show)."""
    em = view.fontMetrics().horizontalAdvance("中")
    needs: dict[int, int] = {}
    for i, w in enumerate(ems):
        texts = (samples or {}).get(i, ())
        needs[i] = max((view.fontMetrics().horizontalAdvance(t) + 2 * PAD for t in texts), default=0)
        view.setColumnWidth(i, max(w * em, needs[i], header_width(view, i)))
    setattr(view, _SAMPLE_NEEDS, needs)  # kept for keep_header_text after a restore


def wrapping_rows(view: QTableView) -> None:
    """Cells wrap their text and rows grow to it (the detail panel's narrow tables): nothing
    is cut off with "…" where a clerk reads progress and history."""
    view.setWordWrap(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def keep_header_text(view: QTableView) -> None:
    """After restoring saved widths: widen any column left narrower than its header text or
    than the words its cells show (saved in Chinese, now shown in English: "In progress")."""
    header = view.horizontalHeader()
    needs: dict[int, int] = getattr(view, _SAMPLE_NEEDS, {})
    for i in range(header.count()):
        need = max(header_width(view, i), needs.get(i, 0))
        if not header.isSectionHidden(i) and header.sectionSize(i) < need:
            header.resizeSection(i, need)


def settle(view: QTableView) -> None:
    """After restoring a saved header state (which brings back old resize modes and widths)."""
    keep_header_text(view)
    for fill in view.findChildren(FillColumn):
        fill.setup()
        fill.fill()


class FillColumn(QObject):
    """Give one column (the text one) whatever width the others leave, never less than
    `minimum` pixels: the last column no longer stretches across a wide screen, and the other
    columns stay user-resizable (QHeaderView's Stretch mode would lock the text column)."""

    def __init__(self, view: QTableView, column: int, minimum: int) -> None:
        super().__init__(view)
        self.view, self.column, self.minimum = view, column, minimum
        self._busy = False
        self.setup()
        view.horizontalHeader().sectionResized.connect(self._on_section)
        view.viewport().installEventFilter(self)

    def setup(self) -> None:
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fill()
        return False

    def _on_section(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self.fill()

    def fill(self) -> None:
        if self._busy:
            return
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i != self.column and not header.isSectionHidden(i))
        want = max(self.minimum, self.view.viewport().width() - others)
        self._busy = True
        try:
            header.resizeSection(self.column, want)
        finally:
            self._busy = False


def fit_combos(combos: Iterable[QComboBox]) -> None:
    """A filter drop-down is never narrower than its first entry (its name: "Lead dept.")."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    for combo in combos:
        opt = QStyleOptionComboBox()
        opt.initFrom(combo)
        fm = combo.fontMetrics()
        text = QSize(fm.horizontalAdvance(combo.itemText(0)) + PAD // 2, fm.height())
        hint = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, text, combo)
        combo.setMinimumWidth(hint.width())


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
