"""The main window: campaigns on the left, the problem table with the selected problem's
measures beneath it in the centre, the detail panel on the right.

Why two flat tables rather than a tree: both stay plain QAbstractTableModels over Python lists,
so filtering and sorting 50,000 problems is a list operation and a model reset; and the measure
table can show the columns a measure needs (leaders, departments, deadline) that a problem row
does not. A problem passes a filter when any of its measures does.

Other features plug in as add-ons (gui/addons.py): the window implements addons.AddonHost
(the "public API for add-ons" section below) and keeps what each add-on's install() returns
(`addon(Type)`). The menus and the toolbar are declared in gui/menus.py. Every write goes
through self.session.call(service, ...), and the tables refresh from the Changes it announces.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rectdesk.gui import actions, uistate
from rectdesk.gui.window_ops import WindowOps

# Only Qt and the frame's own modules load before the first paint: the models, filters, detail
# panel and forms (and through them core and store) are imported by _build_rest(). Not even
# PySide's `Qt` namespace: its ~120 enums take ~30 ms to create (a bare window never does).
# Nor logging or operator: PySide reads the source of each module first imported after it.
if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QAction, QCloseEvent
    from PySide6.QtWidgets import QMenu, QToolBar

    from rectdesk.gui.detail.panel import DetailPanel
    from rectdesk.gui.filter_bar import FilterBar
    from rectdesk.gui.filters import Filter
    from rectdesk.gui.menus import MenuBar
    from rectdesk.gui.models.tables import CampaignModel, MeasureModel, ProblemModel
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.register import Register
    from rectdesk.store.search import SearchIndex
    from rectdesk.store.views import Peek, ProblemRow


T = TypeVar("T")


class DeadlineDays(TypedDict):
    """The settings' warning windows, passed on to the row views."""

    warn_days: int
    notice_days: int


FIRST_ROWS = 200  # shown at once when a campaign opens; the rest load on a worker thread
MERGE_LIMIT = 2000  # a write touching more problems than this reloads all rows
VERTICAL = 2  # Qt.Orientation.Vertical, set as a property (an int) so `Qt` need not load


def _table(name: str) -> QTableView:
    """An empty table for the first paint; its model comes with _build_rest()."""
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _attach_model(view: QTableView, model: Any) -> None:
    from PySide6.QtCore import Qt

    view.setModel(model)
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)  # sorts by the indicator: number order, ascending


def _widths(view: QTableView, widths: tuple[int, ...], words: dict[int, list[str]],
            fill: int) -> None:
    """Never narrower than the header text or the status words (English is longer); column
    `fill` takes the width the others leave (not the last column, stretched across 1920)."""
    from rectdesk.gui import columns

    columns.fit_columns(view, widths, words)
    columns.FillColumn(view, fill, view.columnWidth(fill))


class _ReadAheadState:
    """A read of all rows started before the register was open (see _start_read_ahead)."""

    def __init__(self, path: Path, cid: int, today: date, days: DeadlineDays) -> None:
        self.path, self.cid, self.today = path.resolve(), cid, today
        self.days = (days["warn_days"], days["notice_days"])
        self.arrived = False
        self.result: Any = None  # a views.ReadAhead, or None when the read failed
        self.waiting: int | None = None  # the load generation it stands for
        self.discarded = False

    def discard(self) -> None:
        """Not wanted: its connection closes now, or when the read arrives."""
        self.discarded = True
        if self.result is not None:
            self.result.close()

    def serves(self, path: Path, cid: int, today: date, days: DeadlineDays) -> bool:
        return (path.resolve(), cid, today, (days["warn_days"], days["notice_days"])) == (
            self.path, self.cid, self.today, self.days)


class MainWindow(WindowOps):
    """defer=True (how `rectdesk` starts): the frame (menus, toolbar, empty tables) paints
    first; the models, filter bar, detail panel, the register and the add-ons follow on the
    turns of the event loop after that paint, and `built` is emitted once the widgets exist.
    defer=False builds everything before returning."""

    built = Signal()
    # Made by gui/actions.py: the menus, the frame's own actions and the toolbar.
    menus: MenuBar
    menu_file: QMenu
    menu_recent: QMenu
    menu_edit: QMenu
    menu_view: QMenu
    menu_import: QMenu
    menu_export: QMenu
    menu_help: QMenu
    toolbar: QToolBar
    act_new_campaign: QAction
    act_new_register: QAction
    act_open: QAction
    act_demo: QAction
    act_settings: QAction
    act_quit: QAction
    act_undo: QAction
    act_redo: QAction
    act_find: QAction
    act_add_problem: QAction
    act_add_measure: QAction
    act_delete: QAction
    act_move_up: QAction
    act_move_down: QAction
    act_refresh: QAction
    act_clear_filters: QAction
    act_logs: QAction
    act_about: QAction
    _decorations: dict[str, list[Any]]
    problem_model: ProblemModel
    measure_model: MeasureModel
    campaign_model: CampaignModel
    filter_bar: FilterBar
    detail: DetailPanel

    def __init__(self, register: Path | None = None, *, session: RegisterSession | None = None,
                 today: date | None = None, defer: bool = False) -> None:
        super().__init__()
        self._today = today  # None: the day the window first asks (see today)
        self.session: RegisterSession | None = None
        self.register_path: Path | None = None
        self._campaign_id: int | None = None
        self._all_rows: list[ProblemRow] = []
        self._counts: dict[str, int] | None = None  # of _all_rows, kept until it changes
        self._search: SearchIndex | None = None
        self._selected_kind = "problem"
        self._shown_problem: int | None = None  # whose measures and detail are loaded
        self._resetting = False  # the problem table is being reset: ignore its row signals
        self._load_gen = 0  # the background load of all rows that is current
        self._loading = False
        self._dirty: set[int] = set()  # problems written while that load ran
        self._pending_problem: int | None = None  # asked for before its row had arrived
        self._read_ahead: _ReadAheadState | None = None  # all rows, read beside the opening
        self._ready_hooks: list[Callable[[], None]] = []
        self._register_ready = False  # the open register's rows are all loaded
        self.undo_group = QUndoGroup(self)
        self._deadline_days: DeadlineDays | None = None  # read on first use (deadline_days)
        self._built = False
        self._build()
        actions.build(self, fill_menus=not defer)
        self.addon_failures: list[str] = []
        self._addons: dict[str, object] = {}  # module name -> what its install() returned
        self._after_paint: list[Any] = []
        self._restore_state()
        self._update_title()
        if defer:
            self._after_paint += [self.menus.fill, self._build_rest]
        else:
            self._build_rest()
            self._install_addons()
        if session is not None:
            self.attach(session)
        elif register is not None:
            if defer:  # show the window first; SQLAlchemy and the register load after
                self._after_paint.append(lambda: self._peek_then_open(register))
            else:
                self.open_register(register)
        if defer:  # add-ons import their own libraries: after the rows have been painted
            self._after_paint.append(lambda: QTimer.singleShot(0, self._install_addons))

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._after_paint:
            work, self._after_paint = self._after_paint, []
            QTimer.singleShot(0, lambda: [w() for w in work])

    def _install_addons(self) -> None:
        from rectdesk.gui import addons

        self.addon_failures = addons.install_all(self, self._addons)

    # -- opening at start-up ---------------------------------------------------------------------
    def _peek_then_open(self, path: Path) -> None:
        """The first rows straight from the file (read-only, before SQLAlchemy is imported),
        then the real open on the next turn of the event loop."""
        self._show_peek(path)
        QTimer.singleShot(0, lambda: self._open_after_peek(path))

    def _show_peek(self, path: Path) -> None:
        from rectdesk.gui import filters
        from rectdesk.store import views

        peek = views.peek(Path(path), self.today, FIRST_ROWS, **self.deadline_days)
        if peek is None or not peek.campaigns:
            return
        saved = filters.Filter.from_json(self._saved_filter(peek.campaigns[0].id, peek.register_id))
        if saved.query:
            self._start_read_ahead(path, peek)
            return  # a search needs the index: wait for the open
        self.campaign_model.set_rows(peek.campaigns)
        self.pages.setCurrentWidget(self.main_split)
        selection = self.campaign_view.selectionModel()
        selection.blockSignals(True)  # no campaign is "selected" until the register is open
        self.campaign_view.setCurrentIndex(self.campaign_model.index(0, 0))
        selection.blockSignals(False)
        self.filter_bar.set_value(saved)
        self._loading = True  # no counts from the first rows
        self._set_all_rows(peek.rows)
        self._show_rows(filters.apply(self._all_rows, saved, None))
        self._start_read_ahead(path, peek)

    def _start_read_ahead(self, path: Path, peek: Peek) -> None:
        """All rows of a large first campaign on a worker thread while the register opens (the
        opening is mostly imports; the read is mostly SQLite, which leaves the GIL). Only for
        a file closed cleanly: another is checked as it opens and may be moved aside, which a
        connection of ours must not hold open (Windows refuses the move)."""
        from rectdesk.gui.tasks import run_task
        from rectdesk.store import marker, views

        if len(peek.rows) < FIRST_ROWS or not marker.closed_cleanly(path):
            return
        cid = peek.campaigns[0].id
        state = _ReadAheadState(path, cid, self.today, self.deadline_days)
        self._read_ahead = state
        run_task(self, views.read_ahead, path, cid, self.today, **self.deadline_days,
                 on_done=lambda result: self._read_ahead_done(state, result),
                 on_error=lambda exc: self._read_ahead_done(state, None))

    def _read_ahead_done(self, state: _ReadAheadState, result: Any) -> None:
        state.arrived, state.result = True, result
        if state.waiting is not None:
            self._adopt_read_ahead(state)
        elif state.discarded:
            state.discard()

    def _open_after_peek(self, path: Path) -> None:
        if not self.open_register(path):  # refused (locked, damaged...): show nothing from it
            if self._read_ahead is not None:
                self._read_ahead.discard()
                self._read_ahead = None
            self._loading = False
            self._set_all_rows([])
            self._show_rows([])
            self.campaign_model.set_rows([])

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        """The frame of the first paint: campaign list, empty tables, placeholders for the
        filter bar and the detail panel (filled by _build_rest)."""
        self.setObjectName("mainWindow")
        self.campaign_view = QListView()
        self.campaign_view.setObjectName("campaigns")
        self.campaign_view.setWordWrap(True)
        self.problem_view = _table("problems")
        self.measure_view = _table("measures")
        self.filter_slot = QWidget()
        self._filter_box = QHBoxLayout(self.filter_slot)
        self._filter_box.setContentsMargins(0, 0, 0, 0)
        self.filter_slot.setMinimumHeight(QLineEdit().sizeHint().height())  # no jump later
        self.detail_slot = QWidget()

        centre = QWidget()
        box = QVBoxLayout(centre)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filter_slot)
        self.table_split = QSplitter()
        self.table_split.setProperty("orientation", VERTICAL)
        self.table_split.setObjectName("tableSplit")
        self.table_split.addWidget(self.problem_view)
        self.table_split.addWidget(self.measure_view)
        self.table_split.setSizes([500, 250])
        box.addWidget(self.table_split)
        self.main_split = QSplitter()  # horizontal
        self.main_split.setObjectName("mainSplit")
        for w in (self.campaign_view, centre, self.detail_slot):
            self.main_split.addWidget(w)
        self.main_split.setStretchFactor(1, 3)  # a wider screen widens the detail panel too
        self.main_split.setStretchFactor(2, 1)
        self.main_split.setSizes([170, 760, 360])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.main_split)
        self.setCentralWidget(self.pages)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts_label)
        uistate.resize_within_screen(self, 1280, 800)  # a 1366x768 laptop: status bar on screen

    def _build_rest(self) -> None:
        """Models, filter bar and detail panel: everything that imports core and store."""
        from rectdesk.core.deadlines import DeadlineState
        from rectdesk.core.model import MeasureStatus, ProblemStatus
        from rectdesk.gui import columns
        from rectdesk.gui.detail.panel import DetailPanel
        from rectdesk.gui.empty_state import EmptyState
        from rectdesk.gui.filter_bar import FilterBar
        from rectdesk.gui.models.tables import CampaignModel, MeasureModel, ProblemModel
        from rectdesk.gui.words import word

        if self._built:
            return
        from PySide6.QtCore import Qt

        self.campaign_model = CampaignModel(self)
        self.campaign_view.setModel(self.campaign_model)
        self.campaign_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.campaign_view.customContextMenuRequested.connect(self._show_campaign_menu)
        self.campaign_view.selectionModel().currentRowChanged.connect(self._on_campaign_row)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.apply_filter)
        self._filter_box.addWidget(self.filter_bar)
        self.problem_model = ProblemModel(self)
        _attach_model(self.problem_view, self.problem_model)
        self.problem_view.selectionModel().currentRowChanged.connect(self._on_problem_row)
        self.problem_view.clicked.connect(lambda _i: self._select_kind("problem"))
        self.measure_model = MeasureModel(self)
        _attach_model(self.measure_view, self.measure_model)
        self.measure_view.selectionModel().currentRowChanged.connect(self._on_measure_row)
        self.measure_view.clicked.connect(lambda _i: self._select_kind("measure"))
        states = [word(s) for s in DeadlineState]
        _widths(self.problem_view, (3, 5, 12, 5, 5, 6, 7, 5, 5),
                {3: [word(s) for s in ProblemStatus], 4: states}, 2)
        _widths(self.measure_view, (3, 14, 5, 7, 8, 7, 5, 5, 3),
                {5: ["2020年12月31日"], 6: [word(s) for s in MeasureStatus], 7: states}, 1)
        columns.fit_combos((self.filter_bar.status, self.filter_bar.state,
                            self.filter_bar.department, self.filter_bar.leader,
                            self.filter_bar.category))
        self.detail = DetailPanel()
        self.main_split.replaceWidget(2, self.detail)  # keeps the placeholder's size
        self.detail_slot.deleteLater()
        self.empty = EmptyState()
        self.empty.new_button.clicked.connect(self.new_campaign)
        self.empty.demo_button.clicked.connect(self.open_demo)
        self.empty.set_import_menu(self.menu_import)
        self.pages.addWidget(self.empty)
        actions.finish(self)
        self._restore_columns()
        self._built = True
        self.built.emit()

    @property
    def today(self) -> date:
        """The day the rows' deadlines are measured against: fixed once first asked, which is
        after the first paint (datetime need not load before it)."""
        if self._today is None:
            from datetime import date

            self._today = date.today()
        return self._today

    @property
    def deadline_days(self) -> DeadlineDays:
        """The settings' warning windows, read when first needed: nothing before the first
        paint needs them, and the settings module (json, ~9 ms to import) can load after it."""
        if self._deadline_days is None:
            self._deadline_days = self.read_deadline_days()
        return self._deadline_days

    @deadline_days.setter
    def deadline_days(self, days: DeadlineDays) -> None:
        self._deadline_days = days

    @staticmethod
    def read_deadline_days() -> DeadlineDays:
        """临期预警 and 提前提示 windows from the settings (the dashboard uses the same)."""
        from rectdesk import settings

        values = settings.load()
        return DeadlineDays(warn_days=int(values["warn_days"]), notice_days=int(values["notice_days"]))

    # -- public API for add-ons ------------------------------------------------------------------
    @property
    def register(self) -> Register | None:
        return self.session.reg if self.session else None

    def current_campaign_id(self) -> int | None:
        return self._campaign_id

    def current_problem_id(self) -> int | None:
        index = self.problem_view.currentIndex()
        return self.problem_model.row_at(index.row()).id if index.isValid() else None

    def current_measure_id(self) -> int | None:
        index = self.measure_view.currentIndex()
        if not index.isValid() or self._selected_kind != "measure":
            return None
        return self.measure_model.row_at(index.row()).id

    def current_filter(self) -> Filter | None:
        return self.filter_bar.value() if self._built else None

    def add_action(self, action_id: str, text: str, slot: Callable[[], object]) -> QAction:
        """An action at the place gui/menus.py declares for `action_id` (one given again
        under the same id replaces the old)."""
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        action.setObjectName(f"act_{action_id}")
        action.triggered.connect(lambda _checked=False: slot())
        old = self.menus.actions().get(action_id)
        self.menus.place(action_id, action)
        if old is not None and old.parent() is self:
            old.deleteLater()
        return action

    def action(self, action_id: str) -> QAction:
        """The action placed under `action_id` (gui/menus.py)."""
        return self.menus.action(action_id)

    def addon(self, kind: type[T]) -> T:
        """The object an add-on's install() returned, by its type."""
        found = next((a for a in self._addons.values() if isinstance(a, kind)), None)
        if found is None:
            raise LookupError(f"no add-on of type {kind.__name__} is installed")
        return found

    def add_detail_tab(self, widget: QWidget, title: str) -> int:
        return self.detail.add_tab(widget, title)

    def on_current_changed(self, hook: Callable[[], None]) -> None:
        """Call `hook` when the current problem or measure may have changed (a new current
        row, or a click that moves between the problem and the measure)."""
        for view in (self.problem_view, self.measure_view):
            view.selectionModel().currentRowChanged.connect(lambda *_: hook())
            view.clicked.connect(lambda *_: hook())

    def show_status(self, text: str, msec: int = 10_000) -> None:
        self.statusBar().showMessage(text, msec)

    def after_register_loaded(self, hook: Callable[[], None]) -> None:
        """Call `hook` once the rows of each register opened from now on are all loaded (and
        now, if they already are): the place for an add-on's work at opening, so that it
        never delays the rows."""
        self._ready_hooks.append(hook)
        if self._register_ready:
            hook()

    def _announce_ready(self) -> None:
        if not self._register_ready and self.session is not None:
            self._register_ready = True
            for hook in list(self._ready_hooks):
                hook()

    # -- campaigns ------------------------------------------------------------------------------
    def reload_campaigns(self, select: int | None = None) -> None:
        from rectdesk.store import views

        if self.session is None:
            return
        rows = views.campaign_rows(self.session.reg)
        keep = select or self._campaign_id
        self._campaign_id = None
        self.campaign_model.set_rows(rows)
        self.pages.setCurrentWidget(self.main_split if rows else self.empty)
        if not rows:
            self._show_rows([])
            return
        i = max(self.campaign_model.find(lambda r: r.id == keep), 0)
        self.campaign_view.setCurrentIndex(self.campaign_model.index(i, 0))

    def _on_campaign_row(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self.select_campaign(self.campaign_model.row_at(current.row()).id)

    def select_campaign(self, cid: int) -> None:
        from rectdesk.gui import filters
        from rectdesk.store import views
        from rectdesk.store.search_index import open_search

        if self.session is None or cid == self._campaign_id:
            return
        ahead, self._read_ahead = self._read_ahead, None  # made for the first campaign shown
        self._campaign_id = cid
        self._shown_problem = None
        self._search = open_search(self.session.reg, cid)
        choices = views.choices(self.session.reg, cid)
        self._choices = choices
        self.filter_bar.set_options(choices.departments, choices.people, choices.categories)
        self.filter_bar.set_value(filters.Filter.from_json(self._saved_filter(cid)))
        # The first screenful at once; all rows (50,000 take a second or two) and the search
        # text follow on a worker thread, so the window never waits for them.
        first = views.problem_rows(self.session.reg, cid, self.today, limit=FIRST_ROWS,
                                   **self.deadline_days)
        self._set_all_rows(first)
        self._loading = len(first) >= FIRST_ROWS
        self.apply_filter()
        if self.problem_model.rowCount() and not self.problem_view.currentIndex().isValid():
            self.problem_view.setCurrentIndex(self.problem_model.index(0, 0))
        if self._loading:
            self._load_all_rows(cid, ahead)
        else:
            if ahead is not None:
                ahead.discard()
            self._preload_search()

    def _set_all_rows(self, rows: list[ProblemRow]) -> None:
        self._all_rows = self.problem_model.set_source(rows)
        self._counts = None

    def _load_all_rows(self, cid: int, ahead: _ReadAheadState | None = None) -> None:
        assert self.session is not None
        self._load_gen += 1
        gen, self._dirty = self._load_gen, set()
        if ahead is not None and ahead.serves(self.session.reg.path, cid, self.today,
                                              self.deadline_days):
            ahead.waiting = gen
            if ahead.arrived:
                self._adopt_read_ahead(ahead)
            return
        if ahead is not None:
            ahead.discard()
        self._read_all_rows(gen, cid)

    def _read_all_rows(self, gen: int, cid: int) -> None:
        from rectdesk.gui.tasks import run_task
        from rectdesk.store import views

        assert self.session is not None
        run_task(self, views.problem_rows, self.session.reg, cid, self.today, **self.deadline_days,
                 on_done=lambda rows: self._all_rows_loaded(gen, cid, rows),
                 on_error=lambda exc: self._all_rows_failed(gen, exc))

    def _adopt_read_ahead(self, ahead: _ReadAheadState) -> None:
        """The rows read beside the opening when nothing was written to the file since; else
        (a write, a restored backup, a failed read) the ordinary load."""
        gen, result = ahead.waiting, ahead.result
        if gen != self._load_gen or self.session is None or ahead.cid != self._campaign_id:
            ahead.discard()
        elif result is not None and result.current():
            self._all_rows_loaded(gen, ahead.cid, result.rows)
        else:
            self._dirty = set()  # the ordinary load reads after those writes
            self._read_all_rows(gen, ahead.cid)

    def _all_rows_loaded(self, gen: int, cid: int, rows: list[ProblemRow]) -> None:
        if gen != self._load_gen or cid != self._campaign_id or self.session is None:
            return  # another campaign or register by now
        self._loading = False
        if self._dirty:  # written meanwhile: the load may predate those writes
            rows = self._merge_rows(rows, self._dirty)
        self._set_all_rows(rows)
        self.apply_filter()
        pending, self._pending_problem = self._pending_problem, None
        if pending is not None:
            self.select_problem(pending)
        QTimer.singleShot(0, self._preload_search)  # after the rows are painted, not beside
        self._announce_ready()

    def _all_rows_failed(self, gen: int, exc: BaseException) -> None:
        from rectdesk.gui.errors import show_error

        if gen == self._load_gen and self.session is not None:  # not a register closed meanwhile
            self._loading = False
            show_error(self, exc)

    def _preload_search(self) -> None:
        import logging

        from rectdesk.gui.tasks import run_task

        if self._search is not None and not self._search.loaded:
            run_task(self, self._search.preload, on_error=lambda exc: logging.getLogger(
                __name__).warning("search preload failed: %s", exc))

    def _merge_rows(self, rows: list[ProblemRow], ids: set[int]) -> list[ProblemRow]:
        """`rows` with the rows of problems `ids` read again (deleted ones drop out, new ones
        come in), in number order."""
        from operator import attrgetter

        from rectdesk.store import views

        assert self.session is not None and self._campaign_id is not None
        fresh = views.problem_rows(self.session.reg, self._campaign_id, self.today, **self.deadline_days,
                                   problem_ids=ids)
        merged = [r for r in rows if r.id not in ids] + fresh
        merged.sort(key=attrgetter("number"))
        return merged

    # -- filtering ------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        from rectdesk.gui import filters

        f = self.filter_bar.value()
        hits = self._search.search(f.query) if self._search and f.query else None
        number = filters.item_number(f.query) if f.query else None
        if f.query:  # 7, 7.2 and dates as the tables show them find their items too
            hits = (hits or set()) | filters.special_hits(self._all_rows, f.query)
        shown = filters.apply(self._all_rows, f, hits)
        self._show_rows(shown)
        if number is not None:
            self._select_number(*number)
        if f.query and not shown and not self._loading:
            self.statusBar().showMessage(self.tr(
                "没有找到与“%1”相符的问题。可按编号（如 7 或 7.2）、文字、人名、部门或日期查找；"
                "视图 → 清除筛选 显示全部。").replace("%1", f.query), 15_000)
        elif f.query:
            self.statusBar().clearMessage()
        if self._campaign_id is not None:
            key, value = self._filter_key(self._campaign_id), f.to_json()
            if self._saved_filter(self._campaign_id) != value:
                uistate.set_soon(key, value)  # written a moment later: off the keystroke

    def _show_rows(self, rows: list[ProblemRow]) -> None:
        """Show `rows` (a filtered subset of _all_rows, so already sorted), keeping the current
        problem; its measures, detail and history load again only when it changed."""
        keep = self.current_problem_id()
        self._resetting = True
        try:
            self.problem_model.set_rows(rows, presorted=True)
            i = self.problem_model.index_of(keep)
            if i >= 0:
                # The same problem stays current: tell nobody (add-ons reload their panels on
                # currentRowChanged, ~10-20 ms a keystroke); the reset repaints the view anyway.
                selection = self.problem_view.selectionModel()
                blocker = QSignalBlocker(selection) if keep == self._shown_problem else None
                selection.setCurrentIndex(
                    self.problem_model.index(i, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                if blocker is not None:
                    blocker.unblock()
        finally:
            self._resetting = False
        self._on_problem_row(self.problem_view.currentIndex(), None)
        self._update_counts(rows)

    def _update_counts(self, shown: list[ProblemRow]) -> None:
        from rectdesk.gui import filters

        if self._loading or self._campaign_id is None:  # a first screenful would mislead
            self.counts_label.setText("")
            return
        if self._counts is None:
            self._counts = filters.counts(self._all_rows)
        c = self._counts
        text = self.tr("问题 %1 个：已完成 %2 · 正在推进 %3 · 未启动 %4 · 长期坚持 %5 · 其中逾期 %6")
        keys = ("total", "done", "in_progress", "not_started", "long_term", "overdue")
        for i, key in enumerate(keys, start=1):
            text = text.replace(f"%{i}", str(c[key]))
        if len(shown) != len(self._all_rows):
            text += self.tr("（显示 %1 个）").replace("%1", str(len(shown)))
        self.counts_label.setText(text)

    def _filter_key(self, cid: int, reg_id: str | None = None) -> str:
        if reg_id is None:  # read once per register (a query each time cost a keystroke ~2 ms)
            reg_id = getattr(self, "_register_id", "") if self.session else ""
        return f"filters/{reg_id}/{cid}"

    def _saved_filter(self, cid: int, reg_id: str | None = None) -> str | None:
        value = uistate.value(self._filter_key(cid, reg_id))
        return str(value) if value else None

    # -- selection ------------------------------------------------------------------------------
    def _select_kind(self, kind: str) -> None:
        if kind != self._selected_kind:
            self._selected_kind = kind
            self._show_detail()

    def _on_problem_row(self, current: Any, _previous: Any) -> None:
        from rectdesk.store import views

        if self._resetting:
            return
        pid = self.problem_model.row_at(current.row()).id if current.isValid() else None
        if pid is not None and pid == self._shown_problem:
            return  # the same problem after a filter or sort: nothing to load again
        self._shown_problem = pid
        self.detail.flush()
        self._selected_kind = "problem"
        if self.session is None or not current.isValid():
            self.measure_model.set_rows([])
            self._show_detail()
            return
        row = self.problem_model.row_at(current.row())
        self.measure_model.problem_number = row.number
        self.measure_model.set_rows(views.measure_rows(self.session.reg, row.id, self.today,
                                                        **self.deadline_days))
        self._show_detail()

    def _on_measure_row(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self.detail.flush()
            self._selected_kind = "measure"
            self._show_detail()

    def _show_detail(self) -> None:
        from rectdesk.store import views

        pid, mid = self.current_problem_id(), self.current_measure_id()
        if self.session is None or pid is None:
            self.detail.show_placeholder()
            self.detail.progress.show_measure(None, None)
            self.detail.history_model.set_rows([])
            return
        reg = self.session.reg
        choices = getattr(self, "_choices", None) or views.choices(reg, self._campaign_id)
        if mid is not None:
            row = self.measure_model.row_at(self.measure_view.currentIndex().row())
            self.detail.measure_form.show_measure(self.session, row, self.measure_model.problem_number,
                                                  choices)
            self.detail.stack.setCurrentWidget(self.detail.measure_form)
            self.detail.history_model.set_rows(views.history(reg, "measure", mid))
        else:
            self.detail.problem_form.show_problem(self.session, pid, views.problem_fields(reg, pid),
                                                  choices)
            self.detail.stack.setCurrentWidget(self.detail.problem_form)
            self.detail.show_problem_history(reg, pid)
        self.detail.progress.show_measure(self.session, mid)

    # -- refreshing after writes ------------------------------------------------------------------
    def _on_changed(self, changes: Any) -> None:
        """Refresh what a write touched: its problems' rows, the measures beneath, the detail."""
        from rectdesk.store import views

        if self.session is None:
            return
        if changes.campaigns and self._campaign_list_changed(changes):
            return  # another campaign is shown now, loaded afresh
        if self._campaign_id is None:
            return
        if self._search is not None:
            self._search.invalidate(changes.problems)
        self._choices = views.choices(self.session.reg, self._campaign_id)
        if self._loading:  # the background load may predate this write
            self._dirty |= set(changes.problems)
        if len(changes.problems) > MERGE_LIMIT or (changes.campaigns and not changes.problems):
            self._set_all_rows(views.problem_rows(self.session.reg, self._campaign_id, self.today,
                                                  **self.deadline_days))
        elif changes.problems:
            self._set_all_rows(self._merge_rows(self._all_rows, set(changes.problems)))
        keep_measure = self.current_measure_id()
        self.apply_filter()
        self._reselect_measure(keep_measure, changes)

    def _campaign_list_changed(self, changes: Any) -> bool:
        """Refresh the campaign list after a campaign was created, renamed, deleted or
        restored; returns True when the shown campaign changed (it was reloaded)."""
        from rectdesk.store import views

        assert self.session is not None
        rows = views.campaign_rows(self.session.reg)
        created = [i for kind, i in changes.created if kind == "campaign"]
        if created or self._campaign_id not in {r.id for r in rows}:
            self.reload_campaigns(select=created[0] if created else None)
            return True
        selection = self.campaign_view.selectionModel()
        with QSignalBlocker(selection):  # the same campaign stays selected: no reload
            self.campaign_model.set_rows(rows)
            i = self.campaign_model.find(lambda r: r.id == self._campaign_id)
            self.campaign_view.setCurrentIndex(self.campaign_model.index(i, 0))
        return False

    def _reselect_measure(self, keep: int | None, changes: Any) -> None:
        from rectdesk.store import views

        pid = self.current_problem_id()
        if self.session is None or pid is None:
            return
        self.measure_model.set_rows(views.measure_rows(self.session.reg, pid, self.today,
                                                    **self.deadline_days))
        created = [i for k, i in changes.created if k == "measure"]
        target = created[0] if created else keep
        i = self.measure_model.find(lambda r: r.id == target) if target is not None else -1
        if i >= 0:
            self._selected_kind = "measure"
            self.measure_view.selectionModel().blockSignals(True)
            self.measure_view.setCurrentIndex(self.measure_model.index(i, 0))
            self.measure_view.selectionModel().blockSignals(False)
        else:
            self._selected_kind = "problem"
        self._show_detail()

    def reload(self) -> None:
        cid, self._campaign_id = self._campaign_id, None
        self._shown_problem = None
        if cid is not None:
            self.select_campaign(cid)

    # -- window state ---------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.register_path.name if self.register_path else ""
        if name and self.session is not None and self.session.reg.read_only:
            name += self.tr("（只读）")
        app = self.tr("整改台账")
        self.setWindowTitle(f"{app} - {name}" if name else app)

    def _restore_state(self) -> None:
        self._restore(("geometry", self.restoreGeometry), ("state", self.restoreState),
                      ("mainSplit", self.main_split.restoreState),
                      ("tableSplit", self.table_split.restoreState))

    def _restore_columns(self) -> None:
        """Column widths, once the tables have their models (and so their columns)."""
        self._restore(("problemColumns", self.problem_view.horizontalHeader().restoreState),
                      ("measureColumns", self.measure_view.horizontalHeader().restoreState))
        from rectdesk.gui import columns

        columns.settle(self.problem_view)  # saved widths never hide header text
        columns.settle(self.measure_view)

    @staticmethod
    def _restore(*items: tuple[str, Callable[[QByteArray], Any]]) -> None:
        s = uistate.settings()
        for key, restore in items:
            value = s.value(f"window/{key}")
            if isinstance(value, QByteArray):
                restore(value)

    def save_state(self) -> None:
        self.remember_selection()
        uistate.flush()
        s = uistate.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/mainSplit", self.main_split.saveState())
        s.setValue("window/tableSplit", self.table_split.saveState())
        if self._built:  # else the tables have no columns yet: keep the saved widths
            s.setValue("window/problemColumns", self.problem_view.horizontalHeader().saveState())
            s.setValue("window/measureColumns", self.measure_view.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._built:
            self.detail.flush()
        self.save_state()
        if self.session is not None and not getattr(self, "_keep_session", False):
            self.session.close()
            self.session = None
        super().closeEvent(event)

    def select_problem(self, pid: int | None) -> bool:
        """Make problem `pid` the current row (if it passes the filters)."""
        i = self.problem_model.index_of(pid)
        if i >= 0:
            self.problem_view.setCurrentIndex(self.problem_model.index(i, 0))
        elif self._loading:  # its row may still be on its way (beyond the first screenful)
            self._pending_problem = pid
        return i >= 0

    def _select_number(self, problem: int, measure: int | None) -> None:
        i = self.problem_model.find(lambda r: r.number == problem)
        if i < 0:
            return
        self.problem_view.setCurrentIndex(self.problem_model.index(i, 0))
        if measure is not None:
            j = self.measure_model.find(lambda r: r.number == measure)
            if j >= 0:
                self.select_measure(self.measure_model.row_at(j).id)

    def select_measure(self, mid: int) -> bool:
        i = self.measure_model.find(lambda r: r.id == mid)
        if i >= 0:
            self.measure_view.setCurrentIndex(self.measure_model.index(i, 0))
            self._select_kind("measure")
        return i >= 0
