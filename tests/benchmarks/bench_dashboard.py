"""Dashboard and reminder (到期提醒) figures at 50,000 problems / 150,000 measures (issue 21).

    python tests/benchmarks/bench_dashboard.py [REGISTER] [--problems N] [--today 2025-06-01]
                                               [--runs 5] [--no-gui]

The register is built once by bigregister.py (kept in the temporary folder between runs) and
copied to a private folder, so the shared copy is never opened for writing. Each figure is the
median of `--runs`, printed beside its floor measured in the same run (in turns):

- dashboard_50k: store.dashboard.dashboard() for the campaign; open_summary_50k: the reminder's
  figures for every campaign. Floor: one raw sqlite3 aggregate over the same tables, counting
  the campaign's measures by derived deadline state and lead department (the approved
  extension's date in force), which every dashboard figure needs at least.
- open_summary_50k_peak_mb: the Python memory open_summary() allocates at its peak
  (tracemalloc, in a fresh process with the register already open). Floor: 40 MB, the most
  the reminder may take (it once read every measure, ~120 MB).
- reminder_window_50k: 视图 → 到期提醒 in the real main window, from the menu action to the
  dialog on screen (computed on a worker thread). Floor: open_summary_50k above.

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


def line(name: str, value: float, floor: float) -> None:
    print(f"{name}: {value:.3f} floor: {floor:.3f} ratio: {value / floor:.2f}", flush=True)


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def figures(path: Path, today: date, runs: int) -> float:
    """Print dashboard_50k and open_summary_50k; return the open summary's median. The floor
    and the two figures take turns, so a change in the machine's load touches all three."""
    from rectdesk.store.dashboard import dashboard, open_summary
    from rectdesk.store.register import Register

    con = sqlite3.connect(path)
    params = {"cid": 1, "today": today.isoformat(),
              "warn": (today + timedelta(days=10)).isoformat(),
              "notice": (today + timedelta(days=20)).isoformat()}
    times: dict[str, list[float]] = {"floor": [], "dashboard": [], "summary": []}
    with Register.open(path) as reg:
        data = dashboard(reg, 1, today=today, warn_days=10, notice_days=20)
        print(f"# {data.problems} problems, {data.measures} measures; overdue {len(data.overdue)}, "
              f"due soon {len(data.due_soon)}, notice {len(data.notice)} on {today}", flush=True)
        for _ in range(runs):
            times["floor"].append(_timed(lambda: con.execute(FLOOR_SQL, params).fetchall()))
            times["dashboard"].append(_timed(
                lambda: dashboard(reg, 1, today=today, warn_days=10, notice_days=20)))
            times["summary"].append(_timed(
                lambda: open_summary(reg, today=today, warn_days=10, notice_days=20)))
    con.close()
    floor, board, summary = (statistics.median(times[k]) for k in ("floor", "dashboard", "summary"))
    line("dashboard_50k", board, floor)
    line("open_summary_50k", summary, floor)
    return summary


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


def reminder_window(path: Path, today: date, runs: int, floor: float) -> None:
    """视图 → 到期提醒 in the real window once every row is loaded: action to dialog shown."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from rectdesk.gui import tasks
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
    line("reminder_window_50k", statistics.median(times), floor)
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
        summary = figures(path, args.today, args.runs)
        peak_line(path, args.today)
        if not args.no_gui:
            reminder_window(path, args.today, args.runs, summary)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
