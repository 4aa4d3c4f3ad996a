"""What the reminder (到期提醒) shows, read lean: per attention group (lead department and
leaders) the overdue / due-soon / notice counts and the first few items of each kind.

dashboard_sql.campaign_lists builds every listed item (75,000 at 50,000 problems when all
is overdue) and the rule then groups them; the reminder lists ten per group and kind. Here the
listed measures stream from the cursor as small tuples without their texts, each group and kind
keeps a short sorted list of its first items and counts the rest, and only the kept items' texts
are read (id IN (...)). tests/store/test_reminder_sql.py holds the result equal to
attention_groups(build_dashboard(load_campaign(...))), shortened, on SQLite and PostgreSQL.
"""

from __future__ import annotations

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
from rectdesk.store.dashboard_sql import (
    LISTED_ROWS_SQL,
    PENDING_SQL,
    RECHECKS_SQL,
    Days,
    Names,
    concat,
)
from rectdesk.store.deadline_sql import BY_RANK, window_params

# What a kept item prints, read for those alone.
_TEXTS = ("SELECT m.id, p.id, p.title, CASE WHEN m.text <> '' THEN m.text ELSE m.result END, "
          "m.deadline_text, m.deadline_due FROM measure m JOIN problem p ON p.id = m.problem_id "
          "WHERE m.id IN ({ids})")
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


def campaign_reminder(con: Any, campaign_id: int, today: date, *, warn_days: int,
                      notice_days: int, shown: int) -> Reminder:
    """The reminder for one campaign: every count, and `shown` items per group and kind."""
    params = {"cid": campaign_id, **window_params(today, warn_days, notice_days)}
    names = Names(con)
    # No ORDER BY: sorting 75,000 rows costs SQLite more than the scan, and each group keeps
    # its own first items; no texts: only the kept items' are read.
    listed = LISTED_ROWS_SQL.format(concat=concat(con), texts="")
    totals, kept = _first_items(con.execute(listed, params), names, shown)
    items = _items(con, kept, names, today)
    groups = [AttentionGroup(dept, who, items.get((dept, who, 0), []), items.get((dept, who, 1), []),
                             items.get((dept, who, 2), []), counts)
              for (dept, who), counts in totals.items()]
    groups.sort(key=attention_order)
    days = Days()
    rechecks = [RecheckRef(number, pid, title, due) for pid, number, title, recheck
                in con.execute(RECHECKS_SQL, params) if (due := days(recheck)) is not None]
    pending = [f"{p}.{m}" for p, m in con.execute(PENDING_SQL, params)]
    overdue, due_soon, notice = (sum(c[k] for c in totals.values()) for k in range(3))
    return Reminder(overdue, due_soon, notice, groups, rechecks, pending)


_Key = tuple[str, str, int]  # department, leaders text, rank
_Row = tuple[Any, ...]


def _first_items(rows: Iterable[_Row], names: Names, shown: int
                 ) -> tuple[dict[tuple[str, str], tuple[int, int, int]], dict[_Key, list[_Row]]]:
    """Each group's counts by kind and its first `shown` rows of each kind, as the rule orders
    them: overdue by (problem, measure) number, the others by date in force, then number. A
    list is sorted and cut whenever it grows past a few times `shown`, so memory stays small."""
    counts: dict[_Key, int] = {}
    firsts: dict[_Key, list[_Row]] = {}
    texts: dict[str | None, str] = {}
    depts, cut = names.departments, 4 * shown
    for number, pos, _pid, mid, rank, dept, eff, pairs in rows:
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


def _items(con: Any, kept: dict[_Key, list[_Row]], names: Names, today: date
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
