"""Dashboard and reminder (到期提醒) figures at 50,000 problems / 150,000 measures (issue 21).

    python tests/benchmarks/bench_dashboard.py [REGISTER] [--problems N] [--today 2025-06-01]
                                               [--runs 5] [--no-gui]

The register is built once by bigregister.py (kept in the temporary folder between runs) and
copied to a private folder, so the shared copy is never opened for writing. Each figure is the
median of `--runs`, printed beside its floor measured in the same run (in turns):

- dashboard_50k: store.dashboard.dashboard(lists=False), every figure the dashboard shows
  first (cards and charts); open_summary_50k: the reminder's figures for every campaign.
  Floor: one raw sqlite3 aggregate over the same tables, counting the campaign's measures by
  derived deadline state and lead department (the approved extension's date in force), which
  every dashboard figure needs at least.
- dashboard_lists_50k: store.dashboard.dashboard_lists(), the overdue, due-soon and notice
  items the dashboard reads next. Floor: a raw sqlite3 read of those measures' rows with the
  columns the items print.
- open_summary_50k_peak_mb: the Python memory open_summary() allocates at its peak
  (tracemalloc, in a fresh process with the register already open). Floor: 40 MB, the most
  the reminder may take (it once read every measure, ~120 MB).
- reminder_window_50k: 视图 → 到期提醒 in the real main window, from the menu action to the
  dialog on screen (computed on a worker thread). Floor: open_summary_50k above.
- dashboard_window_50k / dashboard_window_lists_50k: 视图 → 仪表盘 in the real main window,
  from the menu action to the cards and charts shown / to the lists shown too (a fresh
  dashboard window each run). Floor: dashboard_50k above.

--today picks the day the deadlines are judged against: the default puts the bench register's
deadlines (2024-01 .. 2026-06) on every side of it; a later day makes every open measure
overdue (75,000 items in the lists, the heaviest case).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FLOOR_SQL = """
SELECT m.lead_department_id,
       CASE WHEN m.status = '已完成' THEN 'done'
            WHEN m.status = '长期坚持' OR m.long_term <> 0 THEN 'long'
            WHEN coalesce(x.due, m.deadline_due) IS NULL THEN 'open'
            WHEN coalesce(x.due, m.deadline_due) < :today THEN 'overdue'
            WHEN coalesce(x.due, m.deadline_due) <= :warn THEN 'soon'
            WHEN coalesce(x.due, m.deadline_due) <= :notice THEN 'notice'
            ELSE 'on track' END,
       count(*)
FROM measure m
LEFT JOIN (SELECT measure_id, max(new_due) AS due FROM extension WHERE state = '已批准'
           GROUP BY measure_id) x ON x.measure_id = m.id
WHERE m.problem_id IN (SELECT id FROM problem WHERE campaign_id = :cid)
GROUP BY 1, 2
"""
LIST_FLOOR_SQL = """
SELECT m.id, p.position, m.position, p.title, m.text, m.deadline_text, m.deadline_due,
       coalesce(x.due, m.deadline_due), m.lead_department_id
FROM measure m JOIN problem p ON p.id = m.problem_id
LEFT JOIN (SELECT measure_id, max(new_due) AS due FROM extension WHERE state = '已批准'
           GROUP BY measure_id) x ON x.measure_id = m.id
WHERE p.campaign_id = :cid AND m.status IN ('未启动', '正在推进') AND m.long_term = 0
  AND coalesce(x.due, m.deadline_due) <= :notice
"""


def line(name: str, value: float, floor: float) -> None:
    print(f"{name}: {value:.3f} floor: {floor:.3f} ratio: {value / floor:.2f}", flush=True)


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def figures(path: Path, today: date, runs: int) -> tuple[float, float]:
    """Print dashboard_50k, dashboard_lists_50k and open_summary_50k; return the dashboard's
    and the open summary's medians. Floors and figures take turns, so a change in the
    machine's load touches all of them."""
    from rectdesk.store.dashboard import dashboard, dashboard_lists, open_summary
    from rectdesk.store.register import Register

    con = sqlite3.connect(path)
    params = {"cid": 1, "today": today.isoformat(),
              "warn": (today + timedelta(days=10)).isoformat(),
              "notice": (today + timedelta(days=20)).isoformat()}
    times: dict[str, list[float]] = {k: [] for k in ("floor", "dashboard", "lists_floor",
                                                     "lists", "summary")}
    with Register.open(path) as reg:
        data = dashboard(reg, 1, today=today, warn_days=10, notice_days=20)
        print(f"# {data.problems} problems, {data.measures} measures; overdue {len(data.overdue)}, "
              f"due soon {len(data.due_soon)}, notice {len(data.notice)} on {today}", flush=True)
        for _ in range(runs):
            times["floor"].append(_timed(lambda: con.execute(FLOOR_SQL, params).fetchall()))
            times["dashboard"].append(_timed(lambda: dashboard(
                reg, 1, today=today, warn_days=10, notice_days=20, lists=False)))
            times["lists_floor"].append(_timed(
                lambda: con.execute(LIST_FLOOR_SQL, params).fetchall()))
            times["lists"].append(_timed(
                lambda: dashboard_lists(reg, 1, today=today, warn_days=10, notice_days=20)))
            times["summary"].append(_timed(
                lambda: open_summary(reg, today=today, warn_days=10, notice_days=20)))
    con.close()
    median = {k: statistics.median(v) for k, v in times.items()}
    line("dashboard_50k", median["dashboard"], median["floor"])
    line("dashboard_lists_50k", median["lists"], median["lists_floor"])
    line("open_summary_50k", median["summary"], median["floor"])
    return median["dashboard"], median["summary"]


PEAK_FLOOR_MB = 40.0


def summary_peak(path: Path, today: date) -> float:
    """open_summary's tracemalloc peak in MB, measured in this (fresh) process."""
    from rectdesk.store.dashboard import open_summary
    from rectdesk.store.register import Register

    with Register.open(path) as reg:
        tracemalloc.start()
        open_summary(reg, today=today, warn_days=10, notice_days=20)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 2**20


def peak_line(path: Path, today: date) -> None:
    """open_summary_50k_peak_mb from a fresh process, so nothing earlier counts towards it."""
    out = subprocess.run([sys.executable, __file__, str(path), "--today", today.isoformat(),
                          "--peak-only"], check=True, capture_output=True, text=True).stdout
    line("open_summary_50k_peak_mb", float(out.split()[-1]), PEAK_FLOOR_MB)


def windows(path: Path, today: date, runs: int, board: float, summary: float) -> None:
    """视图 → 到期提醒 and 视图 → 仪表盘 in the real window once every row is loaded: action to
    the reminder shown, to the dashboard's figures shown and to its lists shown."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from rectdesk.gui import tasks
    from rectdesk.gui.dashboard import DashboardAddon
    from rectdesk.gui.dialogs.open_summary import OpenSummaryDialog
    from rectdesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])

    def wait(done: Callable[[], bool]) -> None:
        if done():
            return
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(2)
        timer.timeout.connect(lambda: loop.quit() if done() else None)
        timer.start()
        loop.exec()

    def shown() -> object:  # the reminder is a child of the window (the tests find it so too)
        return next((d for d in w.findChildren(OpenSummaryDialog) if d.isVisible()), None)

    w = MainWindow(path, today=today)
    w.resize(1366, 768)
    w.show()
    # It opens by itself (once a day); then wait for the window's background work (the
    # search index preload) so the figure is the reminder's alone.
    wait(lambda: not w._loading and shown() is not None and not tasks.pending())
    action = next(a for a in w.menu_view.actions() if a.text() == "到期提醒")
    times = []
    for _ in range(runs):
        before = shown()
        before.close()  # type: ignore[attr-defined]
        app.processEvents()
        t = time.perf_counter()
        action.trigger()
        wait(lambda old=before: shown() not in (None, old))
        times.append(time.perf_counter() - t)
    line("reminder_window_50k", statistics.median(times), summary)
    shown().close()  # type: ignore[attr-defined]
    addon = w.addon(DashboardAddon)
    action = next(a for a in w.menu_view.actions() if a.text() == "仪表盘")
    figures, lists = [], []
    for _ in range(runs):
        if addon.widget is not None:  # a fresh window each run, as on the first opening
            addon.widget.close()
            addon.widget.deleteLater()
            addon.widget = None
        app.processEvents()
        shown_at: list[float] = []  # figures_shown fires again with the lists: the first counts
        read_at: list[float] = []
        t = time.perf_counter()
        action.trigger()
        assert addon.widget is not None
        addon.widget.figures_shown.connect(lambda s=shown_at: s.append(time.perf_counter()))
        addon.widget.refreshed.connect(lambda r=read_at: r.append(time.perf_counter()))
        wait(lambda r=read_at: bool(r))
        figures.append(shown_at[0] - t)
        lists.append(read_at[0] - t)
    line("dashboard_window_50k", statistics.median(figures), board)
    line("dashboard_window_lists_50k", statistics.median(lists), board)
    w.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("register", nargs="?", type=Path)
    ap.add_argument("--problems", type=int, default=50_000)
    ap.add_argument("--today", type=date.fromisoformat, default=date(2025, 6, 1))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-gui", action="store_true")
    ap.add_argument("--peak-only", action="store_true", help=argparse.SUPPRESS)  # peak_line's child
    args = ap.parse_args()
    if args.peak_only:
        print(f"{summary_peak(args.register, args.today):.2f}")
        return 0
    shared = args.register or Path(tempfile.gettempdir()) / f"rectdesk-bench-{args.problems}.rectdesk"
    if not shared.exists():
        import bigregister

        bigregister.build(shared, args.problems)
    work = Path(tempfile.mkdtemp(prefix="rectdesk-bench-dashboard-"))
    os.environ["RECTDESK_HOME"] = str(work / "home")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = work / "register.rectdesk"
    shutil.copyfile(shared, path)
    try:
        board, summary = figures(path, args.today, args.runs)
        peak_line(path, args.today)
        if not args.no_gui:
            windows(path, args.today, args.runs, board, summary)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
