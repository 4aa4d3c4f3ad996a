"""The deadline rule as SQL fragments, shared by the table rows (views.py) and the dashboard
(dashboard_sql.py); `rectdesk.core.deadlines.deadline_state` is the rule they follow and the
tests hold them equal on SQLite and PostgreSQL.

Plain strings over the measure table aliased `m`, run through the DB-API connection with
`:today`, `:warn` and `:notice` (ISO dates) bound; no SQLAlchemy import here, so the window can
import the row views before its first paint.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from rectdesk.core.deadlines import DeadlineState
from rectdesk.core.model import MeasureStatus, ProblemStatus
from rectdesk.core.status import derive_problem_status

# Worst first: the state that colours a problem is the worst of its measures'.
STATE_RANK = {s: i for i, s in enumerate((
    DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.NOTICE, DeadlineState.ON_TRACK,
    DeadlineState.OPEN, DeadlineState.LONG_TERM, DeadlineState.DONE))}
BY_RANK = tuple(sorted(STATE_RANK, key=STATE_RANK.__getitem__))

# The deadline in force: the approved extension's date (requests must be later than the last
# approved one, so the latest date is the last approved), else the deadline's.
APPROVED_DUE = ("LEFT JOIN (SELECT measure_id, max(new_due) AS due FROM extension "
                "WHERE state = '已批准' GROUP BY measure_id) x ON x.measure_id = m.id")
EFF = "coalesce(x.due, m.deadline_due)"

# A measure's deadline state as its STATE_RANK: 150,000 measures then come back as small
# integers instead of dates and statuses for Python to parse.
RANK_SQL = ("CASE WHEN m.status = '已完成' THEN 6 WHEN m.status = '长期坚持' OR m.long_term <> 0 "
            f"THEN 5 WHEN {EFF} IS NULL THEN 4 WHEN {EFF} < :today THEN 0 "
            f"WHEN {EFF} <= :warn THEN 1 WHEN {EFF} <= :notice THEN 2 ELSE 3 END")
# A measure's status as one bit, so a problem's set of statuses is an OR of its measures'.
BITS_SQL = ("CASE m.status WHEN '未启动' THEN 1 WHEN '正在推进' THEN 2 WHEN '已完成' THEN 4 "
            "WHEN '长期坚持' THEN 8 ELSE 0 END")
BIT_STATUS = {1: MeasureStatus.NOT_STARTED, 2: MeasureStatus.IN_PROGRESS, 4: MeasureStatus.DONE,
              8: MeasureStatus.LONG_TERM}
STATUS_BIT = {st: bit for bit, st in BIT_STATUS.items()}


def window_params(today: date, warn_days: int, notice_days: int) -> dict[str, str]:
    """The parameters RANK_SQL reads: today and the last days of the two warning windows."""
    return {"today": today.isoformat(), "warn": (today + timedelta(days=warn_days)).isoformat(),
            "notice": (today + timedelta(days=notice_days)).isoformat()}


@cache
def status_of(seen: int, signed_off: bool) -> ProblemStatus:
    """The problem status for the set of measure statuses in the bit mask `seen`."""
    return derive_problem_status([st for bit, st in BIT_STATUS.items() if seen & bit], signed_off)


def sole_campaign(con: Any, campaign_id: int) -> bool:
    """The register holds no other campaign (the usual case): then a campaign's measures need
    no filter, which saves a look-up for each of 150,000 measures (~10% of a scan)."""
    (others,) = con.execute("SELECT count(*) FROM campaign WHERE id <> ?", (campaign_id,)).fetchone()
    (exists,) = con.execute("SELECT count(*) FROM campaign WHERE id = ?", (campaign_id,)).fetchone()
    return bool(exists) and not others


def dbapi(session: Any) -> Any:
    """The driver's own connection under a SQLAlchemy session (sqlite3, or psycopg with the
    SQLite-style cursor of pg_compat)."""
    return session.connection().connection.driver_connection
