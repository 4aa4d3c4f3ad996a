"""Every colour the GUI shows comes from gui/palette.py: the same meaning, the same colour."""

from __future__ import annotations

import re
from pathlib import Path

import rectdesk.gui as gui

GUI = Path(gui.__file__).parent
LITERAL = re.compile(r"QColor\(|#[0-9a-fA-F]{3,8}\b")


def test_no_colour_literal_outside_the_palette() -> None:
    found = [f"{p.relative_to(GUI)}:{n}: {line.strip()}"
             for p in sorted(GUI.rglob("*.py")) if p.name != "palette.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if LITERAL.search(line)]
    assert not found, found
    forms = GUI.parents[1] / "forms"
    assert not [p.name for p in forms.glob("*.ui") if LITERAL.search(p.read_text(encoding="utf-8"))]


def test_form_error_labels_use_the_palette_error_colour(qtbot) -> None:
    from rectdesk.gui import palette
    from rectdesk.gui.detail.forms import MeasureForm

    form = MeasureForm()
    qtbot.addWidget(form)
    assert form.ui.error_text.styleSheet() == f"color: {palette.ERROR}"


def test_row_tints_name_real_deadline_states():
    """palette keys its tints by the states' words (it loads before the first paint, without
    rectdesk.core): each key must be a DeadlineState, and a state finds its tint."""
    from rectdesk.core.deadlines import DeadlineState
    from rectdesk.gui import palette

    assert {DeadlineState(k) for k in palette.ROW_TINTS} == {
        DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.DONE}
    assert palette.row_tint(DeadlineState.OVERDUE) == palette.qcolor(palette.OVERDUE_TINT)
    assert palette.row_tint(DeadlineState.ON_TRACK) is None
