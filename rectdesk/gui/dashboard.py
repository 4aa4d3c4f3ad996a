"""The dashboard (仪表盘): completion rate, counts by status, owners' bar charts, the overdue and
due-soon lists, and the weekly completion trend.

Numbers come from rectdesk.store.dashboard (computed off the GUI thread by run_task); this module
only shows them. Any chart can be saved as PNG and the whole dashboard printed.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QCoreApplication,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rectdesk.core.dashboard_rules import DashboardData, GroupCounts, ItemRef
from rectdesk.core.deadlines import DeadlineState
from rectdesk.gui import palette
from rectdesk.gui.models.base import Column, RowTableModel, sort_date
from rectdesk.gui.words import day, field_label

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.dialogs.recheck_dialog import RecheckDialog
    from rectdesk.gui.dialogs.signoff_dialog import SignoffDialog
    from rectdesk.store.register import Register

CHART_MIN_HEIGHT = 260
LIST_MIN_HEIGHT = 220
TREND_WEEKS = 26  # the trend chart shows at most this many recent weeks
PRINT_WIDTH = 1500  # logical pixels the dashboard is laid out at for printing
_Index = QModelIndex | QPersistentModelIndex
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)


class Col(IntEnum):
    LABEL = 0
    TEXT = 1
    DEPARTMENT = 2
    LEADERS = 3
    DEADLINE = 4
    DUE = 5
    DAYS = 6


def _due_text(item: ItemRef) -> str:
    text = day(item.due)
    return QCoreApplication.translate("Dashboard", "{0}（已延期）").format(text) if item.extended else text


# Every row is tinted: overdue, due soon, or (the rest of the list) due later on.
_TINTS = {DeadlineState.OVERDUE: palette.OVERDUE_TINT, DeadlineState.DUE_SOON: palette.ATTENTION_TINT}


class ItemListModel(RowTableModel[ItemRef]):
    """Overdue or due-soon measures (gui/models/base.py); the row's ItemRef is under RowRole."""

    columns = (
        Column[ItemRef]("label", attrgetter("label"), lambda i: tuple(int(x) for x in i.label.split("."))),
        Column[ItemRef]("text", lambda i: _short(i.text, 40), attrgetter("text")),
        Column[ItemRef]("department", attrgetter("lead_department")),
        Column[ItemRef]("leaders", attrgetter("leaders_text")),
        Column[ItemRef]("deadline", attrgetter("deadline_text")),  # as written: 2020年12月底
        Column[ItemRef]("due", _due_text, lambda i: sort_date(i.due)),
        Column[ItemRef]("days", lambda i: "" if i.days is None else str(i.days),
                        lambda i: i.days if i.days is not None else 10**6),
    )

    def __init__(self, overdue: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self._overdue = overdue

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("Dashboard", "编号"), field_label("text"),
                field_label("lead_department"), field_label("leaders"),
                field_label("deadline"), QCoreApplication.translate("Dashboard", "现行时限"),
                QCoreApplication.translate("Dashboard", "逾期天数") if self._overdue
                else QCoreApplication.translate("Dashboard", "剩余天数")]

    def tooltip(self, row: ItemRef, column: int) -> str | None:
        return row.text if column == Col.TEXT else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and int(role) == _FOREGROUND:
            return palette.qcolor(palette.TEXT_ON_TINT)
        if index.isValid() and int(role) == _BACKGROUND:
            return palette.qcolor(_TINTS.get(self.row_at(index.row()).state, palette.NOTICE_TINT))
        return super().data(index, role)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- charts ------------------------------------------------------------------------------------
def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _bar_set(label: str, color: QColor, values: list[int]) -> QBarSet:
    s = QBarSet(label)
    s.setColor(color)
    s.setBorderColor(color)
    s.append([float(v) for v in values])
    return s


def _category_axis(names: list[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(names)
    axis.setTruncateLabels(False)  # department names are long; eliding them hides who is who
    font = QFont(axis.labelsFont())
    font.setPointSize(8)
    axis.setLabelsFont(font)
    return axis


def _count_axis(top: int) -> QValueAxis:
    """A value axis of whole numbers: small counts get one tick per unit, never 0.5."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    if top <= 10:
        axis.setRange(0, top)
        axis.setTickCount(top + 1)
    else:
        step = -(-top // 5)
        axis.setRange(0, step * 5)
        axis.setTickCount(6)
    return axis


def owners_chart(title: str, groups: list[GroupCounts], horizontal: bool) -> QChart:
    """Stacked bars per owner: done (green), in progress (blue), overdue (red)."""
    chart = _chart(title)
    series: QHorizontalStackedBarSeries | QStackedBarSeries = (
        QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries())
    ordered = list(reversed(groups)) if horizontal else groups  # biggest on top / on the left
    series.append(_bar_set(QCoreApplication.translate("Dashboard", "已完成"), palette.qcolor(palette.DONE), [g.done for g in ordered]))
    series.append(_bar_set(QCoreApplication.translate("Dashboard", "推进中"), palette.qcolor(palette.IN_PROGRESS), [g.in_progress for g in ordered]))
    series.append(_bar_set(QCoreApplication.translate("Dashboard", "逾期"), palette.qcolor(palette.OVERDUE), [g.overdue for g in ordered]))
    series.setBarWidth(0.7)
    chart.addSeries(series)
    categories = _category_axis([g.name for g in ordered])
    values = _count_axis(max([g.total for g in groups] + [1]))
    category_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom) if horizontal
                                 else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
    chart.addAxis(categories, category_side)
    chart.addAxis(values, value_side)
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart


def trend_chart(data: DashboardData) -> QChart:
    weeks = data.weekly[-TREND_WEEKS:]
    title = QCoreApplication.translate("Dashboard", "每周完成措施数")
    if data.completed_undated:
        title += QCoreApplication.translate("Dashboard", "（另有 {0} 项未记录完成日期）").format(data.completed_undated)
    chart = _chart(title)
    series = QBarSeries()
    series.append(_bar_set(QCoreApplication.translate("Dashboard", "完成数"), palette.qcolor(palette.DONE), [w.count for w in weeks]))
    chart.addSeries(series)
    categories = _category_axis([f"{w.week_start.month}/{w.week_start.day}" for w in weeks] or [QCoreApplication.translate("Dashboard", "暂无")])
    if len(weeks) > 8:
        categories.setLabelsAngle(-90)
    values = _count_axis(max([w.count for w in weeks] + [1]))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    chart.legend().setVisible(False)
    return chart


# -- the widget --------------------------------------------------------------------------------
class DashboardWidget(QWidget):
    """Give it a register and a campaign; `refresh()` recomputes off the GUI thread."""

    item_activated = Signal(int, int)  # problem id, measure id: jump to the item
    figures_shown = Signal()  # cards and charts (the lists follow)
    refreshed = Signal()  # figures and lists

    def __init__(self, register: Register | None = None, campaign_id: int | None = None,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self._register, self._campaign_id, self._today = register, campaign_id, today
        self.data: DashboardData | None = None
        self._generation = 0  # of refresh(): a late answer of an older one is dropped
        self.charts: dict[str, QChartView] = {}
        self._save_buttons: list[QToolButton] = []
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = QWidget()
        header.setLayout(self._header())
        outer.addWidget(header)
        self.page = QWidget()  # everything below the header scrolls, and is what gets printed
        page = QVBoxLayout(self.page)
        page.addLayout(self._cards())
        # Department and leader charts side by side, the trend beneath across the width: three
        # in a row were cut on the right at 1366x768 (English captions are longer).
        charts = QGridLayout()
        charts.addWidget(self._chart_box("department", self.tr("按责任部门")), 0, 0)
        charts.addWidget(self._chart_box("leader", self.tr("按责任领导")), 0, 1)
        charts.addWidget(self._chart_box("trend", self.tr("完成趋势")), 1, 0, 1, 2)
        charts.setColumnStretch(0, 3)
        charts.setColumnStretch(1, 2)
        page.addLayout(charts, 3)
        lists = QHBoxLayout()
        self.overdue_model = ItemListModel(overdue=True, parent=self)
        self.due_soon_model = ItemListModel(overdue=False, parent=self)
        self.overdue_view = self._list_box(lists, self.tr("逾期措施"), self.overdue_model)
        self.due_soon_view = self._list_box(lists, self.tr("临期及即将到期措施"), self.due_soon_model)
        page.addLayout(lists, 2)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self.page)
        outer.addWidget(self._scroll, 1)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSize(13)
        font.setBold(True)
        self.title_label.setFont(font)
        row.addWidget(self.title_label, 1)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button = QPushButton(self.tr("打印仪表盘…"))
        self.print_button.clicked.connect(self.print_dashboard)
        row.addWidget(self.refresh_button)
        row.addWidget(self.print_button)
        return row

    def _cards(self) -> QGridLayout:
        grid = QGridLayout()
        self.cards: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        specs = [("rate", self.tr("措施完成率")), ("problem_rate", self.tr("问题完成率")),
                 ("measures", self.tr("整改措施")), ("已完成", self.tr("已完成")),
                 ("正在推进", self.tr("正在推进")), ("未启动", self.tr("未启动")),
                 ("长期坚持", self.tr("长期坚持")), ("overdue", self.tr("逾期")),
                 ("due_soon", self.tr("临期")), ("notice", self.tr("即将到期")),
                 ("signed_off", self.tr("已销号问题")),
                 ("recheck", self.tr("待回头看")), ("extensions", self.tr("待审批延期"))]
        per_row = (len(specs) + 1) // 2  # two rows: one row of 13 did not fit 1366 pixels
        for i, (key, caption) in enumerate(specs):
            grid.addWidget(self._card(key, caption), i // per_row, i % per_row)
        return grid

    def _card(self, key: str, caption: str) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.setContentsMargins(6, 4, 6, 4)
        value = QLabel("–")
        font = QFont(value.font())
        font.setPointSize(16)
        font.setBold(True)
        value.setFont(font)
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(caption)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(value)
        box.addWidget(label)
        self.cards[key], self.captions[key] = value, label
        return frame

    def _chart_box(self, key: str, title: str) -> QFrame:
        box = QFrame()
        box.setObjectName(f"chart_{key}")
        box.setToolTip(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(CHART_MIN_HEIGHT)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(view)
        save = QToolButton()
        save.setAutoRaise(True)
        save.setText(self.tr("另存为图片…"))
        save.clicked.connect(lambda: self.save_chart_dialog(key))
        self._save_buttons.append(save)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        self.charts[key] = view
        return box

    def _list_box(self, row: QHBoxLayout, title: str, model: ItemListModel) -> QTableView:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        view = QTableView()
        view.setMinimumHeight(LIST_MIN_HEIGHT)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        view.activated.connect(lambda index: self._activate(model, index))
        view.doubleClicked.connect(lambda index: self._activate(model, index))
        layout.addWidget(view)
        row.addWidget(box)
        return view

    # -- data ------------------------------------------------------------------------------
    def set_source(self, register: Register, campaign_id: int) -> None:
        self._register, self._campaign_id = register, campaign_id
        self.refresh()

    def refresh(self) -> None:
        """The figures first (cards and charts), then the lists (up to 75,000 items at 50,000
        problems, read in a second task): both off the GUI thread. `refreshed` is emitted when
        both are shown; a refresh asked for meanwhile drops the older one's lists."""
        if self._register is None or self._campaign_id is None:
            return
        from rectdesk.gui.tasks import run_task
        from rectdesk.store.dashboard import dashboard

        self._generation += 1
        generation = self._generation

        def read(data: DashboardData) -> None:
            self._figures_read(data, generation)

        run_task(self, dashboard, self._register, self._campaign_id, today=self._today,
                 lists=False, on_done=read)

    def _figures_read(self, data: DashboardData, generation: int) -> None:
        if generation != self._generation or self._register is None or self._campaign_id is None:
            return
        from rectdesk.gui.tasks import run_task
        from rectdesk.store.dashboard import dashboard_lists

        self.show_figures(data)
        run_task(self, dashboard_lists, self._register, self._campaign_id, today=data.today,
                 warn_days=data.warn_days, notice_days=data.notice_days,
                 on_done=lambda lists: self._lists_read(data, lists, generation))

    def _lists_read(self, data: DashboardData, lists: tuple[list[ItemRef], ...],
                    generation: int) -> None:
        if generation == self._generation:
            data.overdue, data.due_soon, data.notice = lists
            self.set_data(data)

    def set_data(self, data: DashboardData) -> None:
        """Show a whole DashboardData: figures and lists."""
        self.show_figures(data)
        self.overdue_model.set_rows(list(data.overdue))
        self.due_soon_model.set_rows(data.due_soon + data.notice)
        self.refreshed.emit()

    def show_figures(self, data: DashboardData) -> None:
        """Cards, charts and title; the lists are left as they are."""
        self.data = data
        self.title_label.setText(self.tr("{0}　截至 {1}").format(data.campaign_title, day(data.today)))
        self._fill_cards(data)
        self._set_chart("department", owners_chart(self.tr("各责任部门措施（完成 / 推进中 / 逾期）"),
                                                   data.by_department, horizontal=True))
        rows = max(len(data.by_department), 1)
        self.charts["department"].setMinimumHeight(max(CHART_MIN_HEIGHT, 22 * rows + 120))
        self._set_chart("leader", owners_chart(self.tr("各责任领导措施（完成 / 推进中 / 逾期）"),
                                               data.by_leader, horizontal=False))
        self._set_chart("trend", trend_chart(data))
        self.figures_shown.emit()

    def _fill_cards(self, d: DashboardData) -> None:
        values = {"rate": f"{d.completion_rate:.1%}", "problem_rate": f"{d.problem_completion_rate:.1%}",
                  "measures": str(d.measures), "overdue": str(d.state_count(DeadlineState.OVERDUE)),
                  "due_soon": str(d.state_count(DeadlineState.DUE_SOON)),
                  "notice": str(d.state_count(DeadlineState.NOTICE)),
                  "signed_off": str(d.signed_off),
                  "recheck": str(len(d.rechecks_due)), "extensions": str(len(d.extensions_pending))}
        values.update({k: str(v) for k, v in d.measures_by_status.items()})
        for key, label in self.cards.items():
            label.setText(values.get(key, "0"))
        self.cards["overdue"].setStyleSheet(
            f"color: {palette.OVERDUE}" if d.state_count(DeadlineState.OVERDUE) else "")
        self.captions["due_soon"].setText(self.tr("临期（{0} 天内）").format(d.warn_days))
        self.captions["notice"].setText(self.tr("即将到期（{0} 天内）").format(d.notice_days))

    def _set_chart(self, key: str, chart: QChart) -> None:
        view = self.charts[key]
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def card_text(self, key: str) -> str:
        return self.cards[key].text()

    def _activate(self, model: ItemListModel, index: QModelIndex) -> None:
        item = model.row_at(index.row())
        if item.problem_id is not None and item.measure_id is not None:
            self.item_activated.emit(item.problem_id, item.measure_id)

    # -- output ----------------------------------------------------------------------------
    def save_chart(self, key: str, path: Path | str) -> Path:
        """Write one chart as PNG (atomically); returns the path written."""
        from rectdesk.core.errors import RectDeskError
        from rectdesk.fileio import atomic_write

        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        pixmap = self.charts[key].grab()
        with atomic_write(target) as tmp:
            if not pixmap.save(str(tmp), "PNG"):
                raise RectDeskError(self.tr("无法保存图片"), file=str(target))
        return target

    def save_chart_dialog(self, key: str) -> None:
        names = {"department": self.tr("按责任部门"), "leader": self.tr("按责任领导"),
                 "trend": self.tr("完成趋势")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存图表"), f"{names[key]}.png",
                                              self.tr("PNG 图片 (*.png)"))
        if path:
            try:
                self.save_chart(key, path)
            except Exception as exc:  # noqa: BLE001 - shown to the user
                from rectdesk.gui.errors import show_error

                show_error(self, exc)

    def print_to(self, printer: QPrinter) -> None:
        """Render the whole dashboard (not just the part scrolled into view) on one landscape page."""
        from PySide6.QtGui import QPageLayout

        from rectdesk.core.errors import RectDeskError

        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        paper = printer.pageLayout().paintRectPixels(printer.resolution())
        # Lay the page out at a print size with the paper's proportions, never below its minimum:
        # taken out of the scroll area and shown off-screen, so its layout really applies.
        page = self._scroll.takeWidget()
        page.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        for button in self._save_buttons:
            button.hide()
        width = max(PRINT_WIDTH, page.minimumSizeHint().width())
        height = max(round(width * paper.height() / paper.width()), page.minimumSizeHint().height())
        page.resize(width, height)
        page.show()
        layout = page.layout()
        if layout is not None:
            layout.activate()
        painter = QPainter()
        try:
            if not painter.begin(printer):
                raise RectDeskError(self.tr("无法开始打印"))
            scale = min(paper.width() / width, paper.height() / height)
            painter.scale(scale, scale)
            page.render(painter, QPoint(0, 0))
            painter.end()
        finally:
            page.hide()
            for button in self._save_buttons:
                button.show()
            page.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
            self._scroll.setWidget(page)

    def print_dashboard(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印仪表盘"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)


# -- main-window add-on (rectdesk.gui.addons) ----------------------------------------------------
class DashboardAddon:
    """The add-on's state (window.addon(DashboardAddon)): the dashboard window, made once."""

    def __init__(self, host: AddonHost) -> None:
        self.host = host
        self.widget: DashboardWidget | None = None

    def open_dashboard(self) -> DashboardWidget | None:
        host = self.host
        cid = host.current_campaign_id()
        if host.session is None or cid is None:
            return None
        if self.widget is None:
            widget = DashboardWidget(parent=host.window(), today=host.today)
            widget.setWindowFlag(Qt.WindowType.Window)
            widget.setWindowTitle(QCoreApplication.translate("Dashboard", "仪表盘"))
            from rectdesk.gui.uistate import resize_within_screen

            resize_within_screen(widget, 1366, 860)
            widget.item_activated.connect(lambda p, m: _jump(host, p, m))
            self.widget = widget
        self.widget.set_source(host.session.reg, cid)
        self.widget.show()
        self.widget.raise_()
        return self.widget


def install(host: AddonHost) -> DashboardAddon:
    """视图 → 仪表盘 / 到期提醒; 编辑 → 销号 / 延期 / 回头看 (their places: gui/menus.py); the
    due-date summary when a register opens."""
    addon = DashboardAddon(host)
    host.add_action("dashboard", QCoreApplication.translate("Dashboard", "仪表盘"), addon.open_dashboard)
    host.add_action("signoff", QCoreApplication.translate("Dashboard", "销号…"), lambda: _problem_dialog(host, "signoff"))
    host.add_action("extension", QCoreApplication.translate("Dashboard", "整改时限与延期…"), lambda: _measure_dialog(host))
    host.add_action("recheck", QCoreApplication.translate("Dashboard", "回头看…"), lambda: _problem_dialog(host, "recheck"))
    host.add_action("open_summary", QCoreApplication.translate("Dashboard", "到期提醒"),
                    lambda: show_open_summary(host, always=True))
    host.after_register_loaded(lambda: _summary_at_opening(host))
    return addon


def _summary_at_opening(host: AddonHost) -> None:
    """Runs once the window's rows are all loaded (MainWindow.after_register_loaded): the
    reminder opens by itself once a day per register (视图 → 到期提醒 shows it any time)."""
    from rectdesk.gui import uistate

    key = f"reminder/{host.session.reg.register_id}" if host.session is not None else ""
    today = host.today.isoformat()
    if not key or uistate.settings().value(key) == today:
        return
    uistate.settings().setValue(key, today)
    show_open_summary(host)  # read lean in SQL: about a quarter of a second at 50,000 problems


def _jump(host: AddonHost, problem_id: int, measure_id: int) -> None:
    if host.select_problem(problem_id):
        host.select_measure(measure_id)
    host.window().raise_()
    host.window().activateWindow()


def _problem_dialog(host: AddonHost, kind: str) -> None:
    pid = host.current_problem_id()
    if host.session is None or pid is None:
        return
    dialog: SignoffDialog | RecheckDialog
    if kind == "signoff":
        from rectdesk.gui.dialogs.signoff_dialog import SignoffDialog

        dialog = SignoffDialog(host.session, pid, host.window(), today=host.today)
    else:
        from rectdesk.gui.dialogs.recheck_dialog import RecheckDialog

        dialog = RecheckDialog(host.session, pid, host.window(), today=host.today)
    dialog.exec()


def _measure_dialog(host: AddonHost) -> None:
    mid = host.current_measure_id()
    if host.session is None or mid is None:
        return
    from rectdesk.gui.dialogs.extension_dialog import ExtensionDialog

    ExtensionDialog(host.session, mid, host.window(), today=host.today).exec()


def show_open_summary(host: AddonHost, *, always: bool = False) -> None:
    """Computed off the GUI thread; shown non-modal (a child of the window: tests find it by
    type), and only when something needs attention (unless asked for from the menu)."""
    session = host.session
    if session is None:
        return
    from rectdesk.gui.tasks import run_task
    from rectdesk.store.dashboard import open_summary

    def show(campaigns: Any) -> None:
        if host.session is not session or (not always and all(c.empty for c in campaigns)):
            return
        from rectdesk.gui.dialogs.open_summary import OpenSummaryDialog

        dialog = OpenSummaryDialog(campaigns, host.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.item_activated.connect(lambda p, m: _jump(host, p, m))
        dialog.show()

    run_task(host.window(), open_summary, session.reg, today=host.today, on_done=show)
