"""Every colour the GUI shows, in one place: the tables' row tints, the dashboard's charts and
lists, the reminder's HTML, the printed ledger, the dialogs' marks and error text.

Two families: light tints (backgrounds under dark text; the same tint means the same thing in
every table and printout) and strong colours (chart bars, coloured text). Hex strings, for
HTML and style sheets; qcolor() for models and charts.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from rectdesk.core.deadlines import DeadlineState

# -- tints: backgrounds under TEXT_ON_TINT ----------------------------------------------------
OVERDUE_TINT = "#f8d7da"  # overdue rows: tables, dashboard list, printed ledger
ATTENTION_TINT = "#fff3cd"  # due soon; a value to check (a status read from words, a conflict)
NOTICE_TINT = "#fffbe6"  # due later on (the dashboard's 即将到期)
GOOD_TINT = "#d4edda"  # done; a value the document stated
FLAGGED_TINT = "#ffd8a8"  # a row the importer was unsure of
MUTED_TINT = "#eeeeee"  # a row that cannot be used
HEADER_TINT = "#e7e6e6"  # printed table headers
TEXT_ON_TINT = "#1f1f1f"  # readable on every tint in any theme

# -- strong colours: chart bars and coloured text ---------------------------------------------
OVERDUE = "#c62828"  # overdue counts, bars and days; also error text
DUE_SOON = "#8d6e00"
MUTED = "#555555"
DONE = "#43a047"
IN_PROGRESS = "#1e88e5"
ERROR = OVERDUE
RULE = "#000000"  # the printed ledger's table lines
TRANSPARENT = "#00000000"  # #AARRGGBB: the toolbar's blank icons before the real ones load

# Keyed by DeadlineState's values (a StrEnum: a state looks itself up): this module loads before
# the first paint, and importing rectdesk.core.deadlines there cost ~17 ms of it.
ROW_TINTS: dict[str, str] = {"逾期": OVERDUE_TINT, "临期": ATTENTION_TINT, "已完成": GOOD_TINT}


@cache
def qcolor(hex_colour: str) -> QColor:
    """The QColor of a palette entry (made once: models return it on every repaint)."""
    return QColor(hex_colour)


def row_tint(state: DeadlineState | None) -> QColor | None:
    """The background of a row in this deadline state (None: the view's own)."""
    tint = ROW_TINTS.get(state) if state is not None else None
    return qcolor(tint) if tint is not None else None


def colour_error_labels(form: QWidget) -> None:
    """Give a Designer form's message labels (named error_*) the error colour; the .ui files
    hold no colours of their own."""
    for label in form.findChildren(QLabel):
        if label.objectName().startswith("error_"):
            label.setStyleSheet(f"color: {ERROR}")
