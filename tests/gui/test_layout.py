"""Column sizing: headers never cut (also after restoring saved widths), and on a wide screen
the text column, not the last one, takes the room. In English, whose words are longer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from rectdesk.gui import columns, uistate

TODAY = date(2020, 11, 20)


@pytest.fixture
def english(qtbot):  # type: ignore[no-untyped-def]
    from rectdesk.gui import i18n

    assert i18n.install("en")
    yield
    i18n.install("zh_CN")


def make(qtbot, path: Path, width: int):  # type: ignore[no-untyped-def]
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(path, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    w.resize(width, 740)
    qtbot.waitUntil(lambda: w.width() == width)
    return w


def cut_headers(view) -> list[str]:  # type: ignore[no-untyped-def]
    header = view.horizontalHeader()
    return [str(view.model().headerData(i, header.orientation()))
            for i in range(header.count())
            if header.sectionSize(i) < header.sectionSizeFromContents(i).width()]


def test_english_headers_and_status_words_fit(qtbot, english, demo_path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, demo_path, 1366)
    assert w.problem_model.headers()[4] == "Timing"
    for view in (w.problem_view, w.measure_view, w.detail.history, w.detail.progress.table):
        assert cut_headers(view) == []
    status = w.problem_view.columnWidth(3)
    assert status >= w.problem_view.fontMetrics().horizontalAdvance("In progress") + 2 * columns.PAD
    for combo in (w.filter_bar.department, w.filter_bar.category):
        assert combo.width() >= combo.fontMetrics().horizontalAdvance(combo.itemText(0))


def test_saved_narrow_widths_are_widened_to_the_header_text(qtbot, english, demo_path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, demo_path, 1366)
    for i in range(w.problem_model.columnCount()):
        w.problem_view.setColumnWidth(i, 12)  # as an old version (or a careless drag) saved them
    w.save_state()
    assert isinstance(uistate.settings().value("window/problemColumns"), QByteArray)
    w.close()
    again = make(qtbot, demo_path, 1366)
    assert cut_headers(again.problem_view) == []
    assert not again.problem_view.horizontalHeader().stretchLastSection()
    # ...and to the status words the cells show, not only the header ("In progress").
    view = again.problem_view
    need = view.fontMetrics().horizontalAdvance("In progress") + 2 * columns.PAD
    assert view.columnWidth(3) >= need


def test_on_a_wide_screen_the_problem_column_takes_the_room(qtbot, demo_path) -> None:  # type: ignore[no-untyped-def]
    narrow = make(qtbot, demo_path, 1366)
    last = narrow.problem_model.columnCount() - 1
    before = (narrow.problem_view.columnWidth(2), narrow.problem_view.columnWidth(last))
    narrow.resize(1920, 1050)
    qtbot.waitUntil(lambda: narrow.problem_view.columnWidth(2) > before[0] + 300)
    assert narrow.problem_view.columnWidth(last) == before[1]
    view = narrow.problem_view
    used = sum(view.columnWidth(i) for i in range(last + 1))
    assert abs(used - view.viewport().width()) <= 2  # filled, without a horizontal scroll


def test_dashboard_window_fits_a_1366x768_screen(qtbot, monkeypatch):
    """Its preferred size is 1366x860; on a small screen it must not open taller than the screen."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    from rectdesk.gui import uistate

    widget = QWidget()
    qtbot.addWidget(widget)
    monkeypatch.setattr(type(widget.screen()), "availableGeometry", lambda _self: QRect(0, 0, 1366, 728))
    uistate.resize_within_screen(widget, 1366, 860)
    assert widget.width() <= 1366 and widget.height() <= 728
