"""Column sizing rules that saved widths must not break: a header never narrower than its
text or than the words its cells show, one text column filling the width the others leave."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

# QStyle alone takes ~20 ms to load into PySide (its enums): fit_combos imports it where used.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

PAD = 12  # room either side of a cell's text, as the style draws it
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
