"""The dashboard as a user sees it on the demo register: cards, charts, lists, PNG, printing."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from rectdesk.core.dashboard_rules import ItemRef
from rectdesk.core.deadlines import DeadlineState
from rectdesk.gui import palette, tasks
from rectdesk.gui.dashboard import (
    Col,
    DashboardWidget,
    ItemListModel,
)
from rectdesk.gui.session import RegisterSession
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
    assert model.index(0, Col.LABEL).data(Qt.ItemDataRole.BackgroundRole) == QColor(palette.OVERDUE_TINT)
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
    assert "5.1" not in [widget.overdue_model.row_at(r).label for r in range(widget.overdue_model.rowCount())]
    model = widget.due_soon_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).label == "5.1")
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
    assert any(_near(c, QColor(palette.OVERDUE)) for c in colours) and any(_near(c, QColor(palette.DONE)) for c in colours)
    lower = {page.pixelColor(x, y).name() for x in range(0, page.width(), 2)
             for y in range(page.height() * 3 // 4, page.height() * 9 // 10)}
    assert any(_near(c, QColor(palette.OVERDUE_TINT)) for c in lower)
    assert widget.page.parent() is not None  # back in its scroll area


def _near(name: str, colour, tolerance: int = 24) -> bool:
    from PySide6.QtGui import QColor

    c = QColor(name)
    return all(abs(a - b) <= tolerance for a, b in ((c.red(), colour.red()), (c.green(), colour.green()),
                                                  (c.blue(), colour.blue())))


def test_item_model_passes_the_model_tester(qtmodeltester):
    model = ItemListModel(overdue=False)
    model.set_rows([ItemRef("1.1", 1, 1, "问题", "措施", "办公室", ("张明",), "2020年12月底",
                             date(2020, 12, 31), date(2020, 12, 31), DeadlineState.DUE_SOON, 3)])
    qtmodeltester.check(model)
    assert model.index(0, Col.LEADERS).data() == "张明"


# -- deadline dialogs, the open-register summary and the main-window wiring ---------------------
def test_signoff_dialog_shows_blockers_then_signs_off(qtbot, demo_register):
    from PySide6.QtWidgets import QDialogButtonBox

    from rectdesk import settings
    from rectdesk.gui.dialogs.signoff_dialog import SignoffDialog

    pid = queries.load_campaign(demo_register, 1).problems[0].id
    dialog = SignoffDialog(RegisterSession(demo_register), pid, today=date(2020, 11, 30))
    qtbot.addWidget(dialog)
    assert "措施 1.1 没有佐证材料" in dialog.blockers_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    settings.save(require_evidence_for_signoff=False)
    dialog = SignoffDialog(RegisterSession(demo_register), pid, today=date(2020, 11, 30))
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.approver_edit.setText("王主任")
    dialog.opinion_edit.setPlainText("整改到位")
    dialog.accept()
    p = queries.load_campaign(demo_register, 1).problems[0]
    assert (p.sign_off.signed_on, p.sign_off.approved_by, p.sign_off.opinion) == \
        (date(2020, 11, 30), "王主任", "整改到位")


def test_signoff_dialog_exports_the_sheet(qtbot, demo_register, tmp_path):
    import docx

    from rectdesk.gui.dialogs.signoff_dialog import SignoffDialog

    pid = queries.load_campaign(demo_register, 1).problems[2].id
    dialog = SignoffDialog(RegisterSession(demo_register), pid)
    qtbot.addWidget(dialog)
    report = dialog.export_sheet(str(tmp_path / "s.docx"))
    rows = {r.cells[0].text: r.cells[1].text for r in docx.Document(str(report.path)).tables[0].rows}
    assert rows["问题编号"] == "3　执法机构改革进度缓慢"  # the number with its title (repeated on every page)


def test_extension_dialog_request_then_approve(qtbot, demo_register):
    from PySide6.QtCore import QDate

    from rectdesk.gui.dialogs.extension_dialog import ExtensionDialog

    mid = queries.load_campaign(demo_register, 1).problems[4].measures[0].id  # 5.1, 2020年10月底
    dialog = ExtensionDialog(RegisterSession(demo_register), mid, today=date(2020, 10, 25))
    qtbot.addWidget(dialog)
    assert "整改时限：2020年10月底" in dialog.info_label.text() and not dialog.decide_box.isEnabled()
    dialog.new_date_edit.setDate(QDate(2020, 12, 31))
    dialog.reason_edit.setText("等待上级文件")
    dialog.submit_request()
    assert dialog.decide_box.isEnabled() and not dialog.request_box.isEnabled()
    assert "待审批" in dialog.info_label.text()
    dialog.decided_by_edit.setText("王主任")
    dialog.decide(True)
    assert "现行时限：2020年12月31日（经批准延期）" in dialog.info_label.text()
    assert queries.load_campaign(demo_register, 1).problems[4].measures[0].effective_due == date(2020, 12, 31)


def test_recheck_dialog_relapse_reopens(qtbot, demo_register):
    from rectdesk.gui.dialogs.recheck_dialog import RecheckDialog

    pid = queries.load_campaign(demo_register, 1).problems[0].id
    services.sign_off(demo_register, pid, "2020-11-30", "王主任", require_evidence=False)
    dialog = RecheckDialog(RegisterSession(demo_register), pid, today=date(2021, 3, 1))
    qtbot.addWidget(dialog)
    dialog.result_combo.setCurrentIndex(dialog.result_combo.findData("反弹"))
    dialog.note_edit.setText("制度未落实")
    dialog.accept()
    p = queries.load_campaign(demo_register, 1).problems[0]
    assert p.sign_off is None and p.rechecks[0].note == "制度未落实"


def test_open_summary_groups_and_jumps(qtbot, demo_register):
    from PySide6.QtCore import QUrl

    from rectdesk.gui.dialogs.open_summary import OpenSummaryDialog
    from rectdesk.store.dashboard import open_summary

    dialog = OpenSummaryDialog(open_summary(demo_register, today=TODAY))
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "逾期 14 条" in text
    assert text.index("机关党委") < text.index("财务处")  # most overdue first
    assert "22.1" in text and "逾期 81 天" in text
    item = open_summary(demo_register, today=TODAY)[0].groups[0].overdue[0]
    with qtbot.waitSignal(dialog.item_activated) as blocker:
        dialog.browser.anchorClicked.emit(QUrl(f"item:{item.problem_id}:{item.measure_id}"))
    assert blocker.args == [item.problem_id, item.measure_id]


def test_main_window_wiring(qtbot, demo_path, inline_tasks):
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(demo_path, today=TODAY)
    qtbot.addWidget(w)
    assert w.addon_failures == []
    from rectdesk.gui.dashboard import DashboardAddon
    from rectdesk.gui.dialogs.open_summary import OpenSummaryDialog

    (summary,) = w.findChildren(OpenSummaryDialog)  # shown on opening: the demo has overdue items
    assert summary.isVisible() and "逾期 14 条" in summary.browser.toPlainText()
    (action,) = [a for a in w.menu_view.actions() if a.text() == "仪表盘"]
    action.trigger()
    dash = w.addon(DashboardAddon).widget
    assert dash is not None
    assert dash.card_text("overdue") == "14"
    item = dash.overdue_model.row_at(0)  # 5.1
    dash.item_activated.emit(item.problem_id, item.measure_id)
    assert w.current_problem_id() == item.problem_id and w.current_measure_id() == item.measure_id
    assert {"销号…", "整改时限与延期…", "回头看…"} <= {a.text() for a in w.menu_edit.actions()}


def test_menu_dashboard_shows_figures_then_lists_from_worker_threads(qtbot, demo_path):
    """视图 → 仪表盘 with real worker threads: the cards come first (figures_shown), the lists
    next (refreshed); a second refresh asked for meanwhile leaves one set of lists."""
    from rectdesk.gui.dashboard import DashboardAddon
    from rectdesk.gui.main_window import MainWindow

    tasks.set_inline(False)
    w = MainWindow(demo_path, today=TODAY)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not tasks.pending(), timeout=10_000)
    (action,) = [a for a in w.menu_view.actions() if a.text() == "仪表盘"]
    action.trigger()
    dash = w.addon(DashboardAddon).widget
    assert dash is not None
    with qtbot.waitSignal(dash.figures_shown, timeout=10_000):
        pass
    assert dash.card_text("overdue") == "14" and dash.card_text("notice") == "27"
    with qtbot.waitSignal(dash.refreshed, timeout=10_000):
        dash.refresh()  # asked again before the first lists arrive
    qtbot.waitUntil(lambda: not tasks.pending(), timeout=10_000)
    assert dash.overdue_model.rowCount() == 14
    assert dash.due_soon_model.rowCount() == 27
    assert dash.overdue_model.row_at(0).label == "5.1"
