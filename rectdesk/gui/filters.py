"""Filtering and sorting the problem rows in plain Python (no Qt: tested on its own).

A problem passes when it matches every filter that is set: its derived status, its deadline
state (the worst of its measures'), a lead department or leader of any of its measures, its
category, and the search hits.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from operator import attrgetter
from typing import Any

from rectdesk.store.views import ProblemRow


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


def item_number(query: str) -> tuple[int, int | None] | None:
    """"7" -> (7, None), "7.2" or "7．2" -> (7, 2): numbers as the ledger prints them."""
    import re

    m = re.fullmatch(r"\s*(\d{1,6})(?:\s*[.．]\s*(\d{1,4}))?\s*", query)
    return (int(m[1]), int(m[2]) if m[2] else None) if m else None


def query_date(query: str) -> Any:
    """A date typed as the tables show it (2020年12月31日, 2020-12-31), else None."""
    from rectdesk.core.deadlines import parse_any_date
    from rectdesk.core.errors import ValidationError

    if not any(ch.isdigit() for ch in query) or item_number(query):
        return None
    try:
        return parse_any_date(query.strip())
    except (ValidationError, ValueError):
        return None


def special_hits(rows: list[ProblemRow], query: str) -> set[int]:
    """Problems a query names by number or by deadline date (added to the text hits)."""
    number = item_number(query)
    if number is not None:
        return {r.id for r in rows if r.number == number[0]}
    day = query_date(query)
    return {r.id for r in rows if r.due == day} if day is not None else set()


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
    """What the status bar shows, in problems: done / in progress / not started / long term
    partition the total (长期坚持 as the rows show it: a long-term status or deadline);
    overdue is counted across them. The rows are tallied by (status, state) in C, then the
    few distinct pairs are sorted into the figures (50,000 rows: ~5 ms, not ~19)."""
    out = {"total": 0, "done": 0, "in_progress": 0, "not_started": 0, "long_term": 0, "overdue": 0}
    pairs = Counter(map(attrgetter("status", "state"), rows))
    for (status, state), n in pairs.items():
        status, state = status.value, state.value
        out["total"] += n
        if status in ("已完成", "已销号"):
            out["done"] += n
        elif status == "长期坚持" or state == "长期坚持":
            out["long_term"] += n
        elif status == "正在推进":
            out["in_progress"] += n
        else:
            out["not_started"] += n
        if state == "逾期":
            out["overdue"] += n
    return out
