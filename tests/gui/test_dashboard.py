"""The dashboard as a user sees it on the demo register: cards, charts, lists, PNG, printing."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from rectdesk.core.dashboard_rules import ItemRef
from rectdesk.core.deadlines import DeadlineState
from rectdesk.gui import tasks
from rectdesk.gui.dashboard import (
    DONE_GREEN,
    OVERDUE_RED,
    OVERDUE_TINT,
    Col,
    DashboardWidget,
    ItemListModel,
)
from rectdesk.store import queries, services

TODAY = date(2020, 12, 20)


@pytest.fixture
def inline_tasks():
    tasks.set_inline(True)
    yield
    tasks.set_inline(False)


@pytest.fixture
def widget(qtbot, demo_register, inline_tasks):
    w = DashboardWidget(demo_register, 1, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.refresh()
    return w


def bars(widget, key):
    """{set label: [values]} of the chart's bar series."""
    (series,) = widget.charts[key].chart().series()
    assert isinstance(series, QAbstractBarSeries)
    return {s.label(): [int(s.at(i)) for i in range(s.count())] for s in series.barSets()}


def categories(widget, key):
    axis = widget.charts[key].chart().axes(Qt.Orientation.Vertical if key == "department"
                                           else Qt.Orientation.Horizontal)[0]
    return axis.categories()


def test_cards_show_rate_and_counts(widget):
    assert widget.card_text("rate") == "23.8%"  # 15 of 63 measures done
    assert widget.card_text("measures") == "63"
    assert widget.card_text("已完成") == "15" and widget.card_text("正在推进") == "46"
    assert widget.card_text("overdue") == "14"
    assert widget.card_text("notice") == "27" and widget.captions["notice"].text() == "即将到期（20 天内）"
    assert "2020年12月20日" in widget.title_label.text()


def test_department_and_leader_charts(widget):
    depts = categories(widget, "department")
    values = bars(widget, "department")
    assert set(values) == {"已完成", "推进中", "逾期"}
    # The biggest owner is drawn on top (the last category of a horizontal axis).
    row = depts.index("机关党委")
    assert (values["已完成"][row], values["推进中"][row], values["逾期"][row]) == (1, 2, 5)
    assert sum(sum(v) for v in values.values()) == 63
    leaders = categories(widget, "leader")
    lv = bars(widget, "leader")
    i = leaders.index("陈刚")
    assert (lv["已完成"][i], lv["推进中"][i], lv["逾期"][i]) == (6, 5, 5)


def test_overdue_list_and_jump_to_item(widget, qtbot):
    model = widget.overdue_model
    assert model.rowCount() == 14
    assert model.index(0, Col.LABEL).data() == "5.1"
    assert model.index(0, Col.DEADLINE).data() == "2020年10月底"
    assert model.index(0, Col.DAYS).data() == "50"
    assert model.index(0, Col.LABEL).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_TINT
    item = model.index(0, 0).data(ItemListModel.RowRole)
    with qtbot.waitSignal(widget.item_activated) as blocker:
        widget.overdue_view.doubleClicked.emit(model.index(0, Col.TEXT))
    assert blocker.args == [item.problem_id, item.measure_id]
    assert widget.due_soon_model.rowCount() == 27


def test_extension_shows_both_dates_and_leaves_the_overdue_list(demo_register, widget):
    mid = queries.load_campaign(demo_register, 1).problems[4].measures[0].id  # 5.1
    services.request_extension(demo_register, mid, "2020-12-25", "等待上级文件")
    ext = queries.load_campaign(demo_register, 1).problems[4].measures[0].extensions[0].id
    services.decide_extension(demo_register, ext, approve=True, decided_by="王主任")
    widget.refresh()
    assert "5.1" not in [widget.overdue_model.item(r).label for r in range(widget.overdue_model.rowCount())]
    model = widget.due_soon_model
    row = next(r for r in range(model.rowCount()) if model.item(r).label == "5.1")
    assert model.index(row, Col.DEADLINE).data() == "2020年10月底"
    assert model.index(row, Col.DUE).data() == "2020年12月25日（已延期）"
    assert model.index(row, Col.DAYS).data() == "5"


def test_weekly_trend_counts_recorded_completions(demo_register, widget):
    c = queries.load_campaign(demo_register, 1)
    services.record_progress(demo_register, c.problems[1].measures[0].id, "2020-12-02", "已完成", status="已完成")
    services.record_progress(demo_register, c.problems[2].measures[0].id, "2020-12-03", "已完成", status="已完成")
    services.record_progress(demo_register, c.problems[2].measures[1].id, "2020-12-14", "已完成", status="已完成")
    widget.refresh()
    assert categories(widget, "trend") == ["11/30", "12/7", "12/14"]
    assert bars(widget, "trend") == {"完成数": [2, 0, 1]}
    assert "另有 15 项未记录完成日期" in widget.charts["trend"].chart().title()


def test_save_chart_as_png(widget, tmp_path):
    target = widget.save_chart("department", tmp_path / "部门")
    assert target.name == "部门.png"
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 200 and image.height() > 200


def test_print_to_pdf_gives_one_page_with_the_charts(widget, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "dashboard.pdf"
    printer.setOutputFileName(str(out))
    widget.print_to(printer)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "page")], check=True)
    page = QImage(str(tmp_path / "page-1.png"))
    assert page.width() > page.height()  # landscape
    # The overdue bars (red) and the done bars (green) made it onto paper, in the lower half too
    # (the lists), so the whole dashboard was laid out, not just the part scrolled into view.
    colours = {page.pixelColor(x, y).name() for x in range(0, page.width(), 2)
               for y in range(0, page.height(), 2)}
    assert any(_near(c, OVERDUE_RED) for c in colours) and any(_near(c, DONE_GREEN) for c in colours)
    lower = {page.pixelColor(x, y).name() for x in range(0, page.width(), 2)
             for y in range(page.height() * 3 // 4, page.height() * 9 // 10)}
    assert any(_near(c, OVERDUE_TINT) for c in lower)
    assert widget.page.parent() is not None  # back in its scroll area


def _near(name: str, colour, tolerance: int = 24) -> bool:
    from PySide6.QtGui import QColor

    c = QColor(name)
    return all(abs(a - b) <= tolerance for a, b in ((c.red(), colour.red()), (c.green(), colour.green()),
                                                  (c.blue(), colour.blue())))


def test_item_model_passes_the_model_tester(qtmodeltester):
    model = ItemListModel(overdue=False)
    model.set_items([ItemRef("1.1", 1, 1, "问题", "措施", "办公室", ("张明",), "2020年12月底",
                             date(2020, 12, 31), date(2020, 12, 31), DeadlineState.DUE_SOON, 3)])
    qtmodeltester.check(model)
    assert model.index(0, Col.LEADERS).data() == "张明"
