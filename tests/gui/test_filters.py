"""The status bar's counts over problem rows (plain Python, no widget)."""

from __future__ import annotations

from itertools import product

from rectdesk.core.deadlines import DeadlineState
from rectdesk.core.model import ProblemStatus
from rectdesk.gui import filters
from rectdesk.store.views import ProblemRow


def _one_by_one(rows: list[ProblemRow]) -> dict[str, int]:
    """The rule, row by row: the partition by status (long term by status or deadline) and
    overdue across it."""
    out = dict.fromkeys(("total", "done", "in_progress", "not_started", "long_term", "overdue"), 0)
    for r in rows:
        out["total"] += 1
        if r.status in (ProblemStatus.DONE, ProblemStatus.SIGNED_OFF):
            out["done"] += 1
        elif r.status is ProblemStatus.LONG_TERM or r.state is DeadlineState.LONG_TERM:
            out["long_term"] += 1
        elif r.status is ProblemStatus.IN_PROGRESS:
            out["in_progress"] += 1
        else:
            out["not_started"] += 1
        out["overdue"] += r.state is DeadlineState.OVERDUE
    return out


def test_counts_partition_every_status_and_state() -> None:
    rows = [ProblemRow(i, i, "", f"问题{i}", status, state)
            for i, (status, state) in enumerate(list(product(ProblemStatus, DeadlineState)) * 3)]
    got = filters.counts(rows)
    assert got == _one_by_one(rows)
    assert got["total"] == got["done"] + got["in_progress"] + got["not_started"] + got["long_term"]
    assert filters.counts([]) == dict.fromkeys(got, 0)
