"""Put a deleted campaign, problem or measure back exactly as it was (undo of a delete).

`capture_*` reads every row a delete will remove: the item, its measures, leaders and
cooperating departments (in their order), progress, deadline extensions, re-checks, mechanism
links and evidence metadata. `restore` writes them back in one transaction under their old ids
when those are still free (so the change log's history of the item stays attached to it), shifts
the siblings to make room at the old position, and logs a "restore". Evidence files are never
removed by a delete (only `check --prune`, which needs the writer lock), so re-linking the
metadata rows brings the files back too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select, update

from rectdesk.core.errors import NotFound
from rectdesk.store import changelog
from rectdesk.store.models import (
    Campaign,
    Category,
    Evidence,
    Extension,
    FormImport,
    FormIssue,
    Measure,
    Mechanism,
    Problem,
    Progress,
    Recheck,
    Snapshot,
    measure_cooperating,
    measure_leader,
    mechanism_problem,
)
from rectdesk.store.register import Register
from rectdesk.store.services import Changes

Row = dict[str, Any]


@dataclass(frozen=True)
class Removed:
    """The rows of one deleted problem or measure, in the order they go back in."""

    kind: str  # "problem" or "measure"
    root: Row
    rows: list[tuple[Table, Row]] = field(default_factory=list)


@dataclass(frozen=True)
class Restored:
    changes: Changes
    ids: dict[tuple[str, int], int]  # (kind, old id) -> new id, only where they differ


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


_MEASURE_CHILDREN = (measure_leader, measure_cooperating, _table(Progress), _table(Extension))


def _rows(s: Any, table: Table, column: str, ids: list[int]) -> list[tuple[Table, Row]]:
    if not ids:
        return []
    found = s.execute(select(table).where(table.c[column].in_(ids))).mappings()
    return [(table, dict(r)) for r in found]


def _measure_rows(s: Any, measure_ids: list[int]) -> list[tuple[Table, Row]]:
    out = _rows(s, _table(Measure), "id", measure_ids)
    out.sort(key=lambda tr: tr[1]["position"])
    for table in _MEASURE_CHILDREN:
        out += _rows(s, table, "measure_id", measure_ids)
    return out + _rows(s, _table(Evidence), "measure_id", measure_ids)


def capture_measure(reg: Register, measure_id: int) -> Removed:
    with reg.reading() as s:
        rows = _measure_rows(s, [measure_id])
    if not rows:
        raise NotFound(f"整改措施 {measure_id} 不存在", field="measure")
    return Removed("measure", rows[0][1], rows[1:])


def capture_problem(reg: Register, problem_id: int) -> Removed:
    with reg.reading() as s:
        root = _rows(s, _table(Problem), "id", [problem_id])
        if not root:
            raise NotFound(f"问题 {problem_id} 不存在", field="problem")
        rows = _problem_children(s, [problem_id])
    return Removed("problem", root[0][1], rows)


def _problem_children(s: Any, problem_ids: list[int]) -> list[tuple[Table, Row]]:
    mids = list(s.scalars(select(Measure.id).where(Measure.problem_id.in_(problem_ids))))
    rows = _measure_rows(s, mids)
    for table, column in ((_table(Recheck), "problem_id"), (mechanism_problem, "problem_id"),
                          (_table(Evidence), "problem_id")):
        rows += _rows(s, table, column, problem_ids)
    return rows


def capture_campaign(reg: Register, campaign_id: int) -> Removed:
    """Everything a campaign's delete removes (its rows cascade): categories, mechanisms,
    problems with all beneath them, snapshots, issued forms and their imports."""
    with reg.reading() as s:
        root = _rows(s, _table(Campaign), "id", [campaign_id])
        if not root:
            raise NotFound(f"整改任务 {campaign_id} 不存在", field="campaign")
        rows = _rows(s, _table(Category), "campaign_id", [campaign_id])
        rows += _rows(s, _table(Mechanism), "campaign_id", [campaign_id])
        problems = _rows(s, _table(Problem), "campaign_id", [campaign_id])
        rows += sorted(problems, key=lambda tr: tr[1]["position"])
        rows += _problem_children(s, [r["id"] for _, r in problems])
        rows += _rows(s, _table(Snapshot), "campaign_id", [campaign_id])
        forms = _rows(s, _table(FormIssue), "campaign_id", [campaign_id])
        rows += forms + _rows(s, _table(FormImport), "form_id", [r["id"] for _, r in forms])
    return Removed("campaign", root[0][1], rows)


# -- writing back ---------------------------------------------------------------------------------
_KIND = ("campaign", "category", "mechanism", "problem", "measure")  # ids other rows refer to
_PARENT = {"problem": ("campaign_id", _table(Problem)), "measure": ("problem_id", _table(Measure))}


def _free(s: Any, table: Table, ident: int) -> bool:
    return s.execute(select(table.c.id).where(table.c.id == ident)).first() is None


def _insert(s: Any, table: Table, row: Row, ids: dict[tuple[str, int], int]) -> int | None:
    """Insert one row, re-pointing its references through `ids`; returns its (new) id."""
    row = dict(row)
    for kind in _KIND:
        ref = f"{kind}_id"
        if row.get(ref) is not None:
            row[ref] = ids.get((kind, row[ref]), row[ref])
    if "id" not in table.c:  # a link table
        s.execute(table.insert().values(**row))
        return None
    old = row["id"]
    if not _free(s, table, old):
        del row["id"]
    new = s.execute(table.insert().values(**row)).inserted_primary_key[0]
    if table.name in _KIND and new != old:
        ids[(table.name, old)] = new
    return new if isinstance(new, int) else None  # form_issue's ids are uuids


def _make_room(s: Any, kind: str, root: Row) -> tuple[int, set[int]]:
    """Shift the siblings at and after the old position down one; returns the position used
    and the ids of the siblings moved (their numbers changed: views must refresh them)."""
    column, table = _PARENT[kind]
    parent = root[column]
    owner = Problem if kind == "measure" else Campaign
    if s.get(owner, parent) is None:
        raise NotFound("所属的问题或整改任务已不存在，无法恢复", field=column.removesuffix("_id"))
    siblings = table.c[column] == parent
    count = len(s.execute(select(table.c.id).where(siblings)).all())
    pos = max(1, min(int(root["position"]), count + 1))
    after = (siblings, table.c.position >= pos)
    moved = set(s.scalars(select(table.c.id).where(*after)))
    s.execute(update(table).where(*after)
              .values(position=table.c.position + 1, version=table.c.version + 1))
    return pos, moved


def restore(reg: Register, removed: Removed) -> Restored:
    """Write a captured campaign, problem or measure back; logs one "restore" entry."""
    kind = removed.kind
    if kind == "campaign":
        return _restore_campaign(reg, removed)
    with reg.transaction() as s:
        pos, moved = _make_room(s, kind, removed.root)
        root = dict(removed.root, position=pos)
        ids: dict[tuple[str, int], int] = {}
        new_id = _insert(s, _PARENT[kind][1], root, ids)
        assert new_id is not None  # the root row always gets an id
        measures: set[int] = {new_id} if kind == "measure" else set()
        for table, row in removed.rows:
            new = _insert(s, table, row, ids)
            if table.name == "measure" and new is not None:
                measures.add(new)
        pid: int = new_id if kind == "problem" else root["problem_id"]
        campaign = s.get_one(Problem, pid).campaign_id
        field_name = "title" if kind == "problem" else "text"
        changelog.log(s, reg, "restore", kind, new_id, campaign, field_name, "", root[field_name])
        if kind == "measure":
            measures |= moved
        problems = {pid} | (moved if kind == "problem" else set())
        changes = Changes(campaigns=frozenset({campaign}), problems=frozenset(problems),
                          measures=frozenset(measures), created=frozenset({(kind, new_id)}))
    return Restored(changes, ids)


def _restore_campaign(reg: Register, removed: Removed) -> Restored:
    with reg.transaction() as s:
        ids: dict[tuple[str, int], int] = {}
        cid = _insert(s, _table(Campaign), removed.root, ids)
        assert cid is not None
        problems: set[int] = set()
        for table, row in removed.rows:  # categories and mechanisms before what refers to them
            new = _insert(s, table, row, ids)
            if table.name == "problem" and new is not None:
                problems.add(new)
        changelog.log(s, reg, "restore", "campaign", cid, cid, "title", "", removed.root["title"])
        changes = Changes(campaigns=frozenset({cid}), problems=frozenset(problems),
                          created=frozenset({("campaign", cid)}))
    return Restored(changes, ids)
