"""What the reminder (到期提醒) shows, read lean: per attention group (lead department and
leaders) the overdue / due-soon / notice counts and the first few items of each kind.

dashboard_sql.campaign_dashboard builds every listed item (75,000 at 50,000 problems when all
is overdue) and the rule then groups them; the reminder lists ten per group and kind. Here the
listed measures stream from the cursor as small tuples without their texts, each group and kind
keeps a short sorted list of its first items and counts the rest, and only the kept items' texts
are read (id IN (...)). tests/store/test_reminder_sql.py holds the result equal to
attention_groups(build_dashboard(load_campaign(...))), shortened, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rectdesk.core.dashboard_rules import (
    UNASSIGNED,
    AttentionGroup,
    ItemRef,
    RecheckRef,
    attention_order,
)
from rectdesk.store.dashboard_sql import LISTED_SQL, Days
from rectdesk.store.deadline_sql import APPROVED_DUE, BY_RANK, EFF, RANK_SQL, window_params

# Every measure the lists show: where it sits, its rank (0 overdue, 1 due soon, 2 notice), its
# department, the date in force and its leaders as "position:person" pairs ({concat} keeps no
# documented order; Python sorts each distinct list once). No ORDER BY: sorting 75,000 rows
# costs SQLite more than the scan, and each group keeps its own first items.
_LISTED = (
    f"SELECT m.id, p.position, m.position, {RANK_SQL}, m.lead_department_id, {EFF}, "
    "(SELECT {concat}(l.position || ':' || l.person_id, ',') FROM measure_leader l "
    "WHERE l.measure_id = m.id) "
    f"FROM measure m JOIN problem p ON p.id = m.problem_id {APPROVED_DUE} "
    f"WHERE p.campaign_id = :cid AND {LISTED_SQL}")
# What a kept item prints, read for those alone.
_TEXTS = ("SELECT m.id, p.id, p.title, CASE WHEN m.text <> '' THEN m.text ELSE m.result END, "
          "m.deadline_text, m.deadline_due FROM measure m JOIN problem p ON p.id = m.problem_id "
          "WHERE m.id IN ({ids})")
_RECHECKS = ("SELECT id, position, title, recheck_due FROM problem WHERE campaign_id = :cid "
             "AND signed_off_on IS NOT NULL AND recheck_due <= :today ORDER BY position")
_PENDING = ("SELECT DISTINCT p.position, m.position FROM extension e "
            "JOIN measure m ON m.id = e.measure_id JOIN problem p ON p.id = m.problem_id "
            "WHERE e.state = '待审批' AND p.campaign_id = :cid ORDER BY 1, 2")
_CHUNK = 500  # ids per IN (...): well under every SQLite build's limit on parameters


@dataclass
class Reminder:
    """One campaign's reminder: the three counts, the groups (first items only), re-checks due
    and the labels of measures with an extension waiting for a decision."""

    overdue: int
    due_soon: int
    notice: int
    groups: list[AttentionGroup]
    rechecks_due: list[RecheckRef]
    extensions_pending: list[str]


class _Names:
    """Department names and leaders texts, each distinct leaders list resolved once."""

    def __init__(self, con: Any) -> None:
        self.departments: dict[int | None, str] = {
            k: v or UNASSIGNED for k, v in con.execute("SELECT id, name FROM department")}
        self.departments[None] = UNASSIGNED
        self.people: dict[int, str] = dict(con.execute("SELECT id, name FROM person"))
        self._leaders: dict[str | None, tuple[str, ...]] = {None: ()}

    def leaders(self, pairs: str | None) -> tuple[str, ...]:
        try:
            return self._leaders[pairs]
        except KeyError:
            assert pairs is not None
            ordered = sorted(tuple(map(int, p.split(":"))) for p in pairs.split(","))
            who = self._leaders[pairs] = tuple(self.people[person] for _, person in ordered)
            return who


def campaign_reminder(con: Any, campaign_id: int, today: date, *, warn_days: int,
                      notice_days: int, shown: int) -> Reminder:
    """The reminder for one campaign: every count, and `shown` items per group and kind."""
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    names = _Names(con)
    concat = "group_concat" if isinstance(con, sqlite3.Connection) else "string_agg"
    totals, kept = _first_items(con.execute(_LISTED.format(concat=concat), params), names, shown)
    items = _items(con, kept, names, today)
    groups = [AttentionGroup(dept, who, items.get((dept, who, 0), []), items.get((dept, who, 1), []),
                             items.get((dept, who, 2), []), counts)
              for (dept, who), counts in totals.items()]
    groups.sort(key=attention_order)
    days = Days()
    rechecks = [RecheckRef(number, pid, title, due) for pid, number, title, recheck
                in con.execute(_RECHECKS, params) if (due := days(recheck)) is not None]
    pending = [f"{p}.{m}" for p, m in con.execute(_PENDING, params)]
    overdue, due_soon, notice = (sum(c[k] for c in totals.values()) for k in range(3))
    return Reminder(overdue, due_soon, notice, groups, rechecks, pending)


_Key = tuple[str, str, int]  # department, leaders text, rank
_Row = tuple[Any, ...]


def _first_items(rows: Iterable[_Row], names: _Names, shown: int
                 ) -> tuple[dict[tuple[str, str], tuple[int, int, int]], dict[_Key, list[_Row]]]:
    """Each group's counts by kind and its first `shown` rows of each kind, as the rule orders
    them: overdue by (problem, measure) number, the others by date in force, then number. A
    list is sorted and cut whenever it grows past a few times `shown`, so memory stays small."""
    counts: dict[_Key, int] = {}
    firsts: dict[_Key, list[_Row]] = {}
    texts: dict[str | None, str] = {}
    depts, cut = names.departments, 4 * shown
    for mid, number, pos, rank, dept, eff, pairs in rows:
        try:
            who = texts[pairs]
        except KeyError:
            who = texts[pairs] = "、".join(names.leaders(pairs)) or UNASSIGNED
        key = (depts.get(dept, UNASSIGNED), who, rank)
        # The sort key first (overdue ones have no date key), the row's other values after.
        row = (number, pos, mid, eff, pairs) if rank == 0 else (eff, number, pos, mid, pairs)
        try:
            counts[key] += 1
            first = firsts[key]
            first.append(row)
            if len(first) > cut:
                first.sort()
                del first[shown:]
        except KeyError:
            counts[key] = 1
            firsts[key] = [row]
    by_group: dict[tuple[str, str], list[int]] = {}
    for (dept, who, rank), n in counts.items():
        by_group.setdefault((dept, who), [0, 0, 0])[rank] = n
    totals = {key: (n[0], n[1], n[2]) for key, n in by_group.items()}
    for first in firsts.values():
        first.sort()
        del first[shown:]
    return totals, firsts


def _items(con: Any, kept: dict[_Key, list[_Row]], names: _Names, today: date
           ) -> dict[_Key, list[ItemRef]]:
    """The kept rows as the ItemRefs build_dashboard makes, their texts read by id."""
    ids = sorted(r[2] if key[2] == 0 else r[3] for key, rows in kept.items() for r in rows)
    texts: dict[int, tuple[Any, ...]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ",".join(str(int(x)) for x in ids[i:i + _CHUNK])
        texts.update((r[0], r[1:]) for r in con.execute(_TEXTS.format(ids=chunk)))
    days = Days()
    out: dict[_Key, list[ItemRef]] = {}
    for (dept, who, rank), rows in kept.items():
        items = out[(dept, who, rank)] = []
        for row in rows:
            number, pos, mid, eff, pairs = row if rank == 0 else (*row[1:4], row[0], row[4])
            pid, title, text, deadline_text, original = texts[mid]
            due = days(eff)
            assert due is not None
            left = (due - today).days
            items.append(ItemRef(
                f"{number}.{pos}", pid, mid, title, text, dept, names.leaders(pairs),
                deadline_text, days(original), due, BY_RANK[rank], -left if rank == 0 else left))
    return out
