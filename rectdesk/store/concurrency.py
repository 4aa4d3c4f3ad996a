"""Optimistic locking for several workstations on one register (issue 12).

Editable rows (campaign, problem, measure) carry a `version` column that SQLAlchemy checks on
every UPDATE (`version_id_col`). A save made from what a user saw names the version seen:

    concurrency.update_measure(reg, mid, expected_version=3, text="...")

If the row has moved on (another workstation saved first) nothing is written and EditConflict
is raised, carrying the user's values and the ones now stored, so the GUI can show both and let
the user choose; choosing "mine" saves again with the newer version. A commit that slips in
between our read and our write makes the versioned UPDATE match no row: the same conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from rectdesk.core.errors import RectDeskError
from rectdesk.store import services
from rectdesk.store.models import Campaign, Measure, Problem
from rectdesk.store.register import Register

ENTITIES: dict[str, Any] = {"campaign": Campaign, "problem": Problem, "measure": Measure}
LABELS = {"campaign": "整改任务", "problem": "问题", "measure": "整改措施"}
_expected: ContextVar[dict[tuple[str, int], int] | None] = ContextVar("rectdesk_expected",
                                                                      default=None)


class EditConflict(RectDeskError):
    """Another workstation saved this item after the user opened it; nothing was written."""

    def __init__(self, entity: str, entity_id: int, expected: int, current: int,
                 mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        label = LABELS.get(entity, entity)
        super().__init__(f"保存冲突：此{label}已被其他工作站修改（您打开的是第 {expected} 版，"
                         f"现为第 {current} 版），您的修改尚未保存，请选择保留哪一方的内容",
                         field=next(iter(mine), None))
        self.entity, self.entity_id = entity, entity_id
        self.expected, self.current = expected, current
        self.mine, self.theirs = mine, theirs


# The services whose saves are guarded by the version the user saw, and the item kind their
# first argument names: declared here, beside the guard, for the window's one write path.
GUARDED: dict[Callable[..., Any], str] = {
    services.update_measure: "measure",
    services.update_problem: "problem",
}


def guarded_entity(service: Callable[..., Any]) -> str | None:
    return GUARDED.get(service)


def version_of(reg: Register, entity: str, entity_id: int) -> int:
    with reg.reading() as s:
        obj = s.get(ENTITIES[entity], entity_id)
        if obj is None:
            raise RectDeskError(f"{LABELS[entity]}不存在（编号 {entity_id}）")
        return int(obj.version)


def _check_expected(session: Session, _context: Any, _instances: Any) -> None:
    expected = _expected.get()
    if not expected:
        return
    checked = session.info.setdefault("rectdesk_checked", set())  # later flushes: our own bump
    obj: Any
    for obj in list(session.identity_map.values()):
        entity = next((k for k, cls in ENTITIES.items() if isinstance(obj, cls)), None)
        want = expected.get((entity, obj.id)) if entity else None
        if want is None or (entity, obj.id) in checked:
            continue
        checked.add((entity, obj.id))
        if obj.version != want:
            raise StaleDataError(f"{entity} {obj.id} is at version {obj.version}, not {want}")
        if obj not in session.dirty:  # links-only edits still move the row's version on
            flag_modified(obj, "updated_at")


def _install(reg: Register) -> None:
    if not getattr(reg, "_conflict_hook", False):
        event.listen(reg._sessions, "before_flush", _check_expected)
        reg._conflict_hook = True  # type: ignore[attr-defined]


@contextmanager
def expecting(reg: Register, entity: str, entity_id: int, version: int) -> Iterator[None]:
    """Services run inside fail with StaleDataError unless the row is still at `version`."""
    _install(reg)
    token = _expected.set({**(_expected.get() or {}), (entity, entity_id): version})
    try:
        yield
    finally:
        _expected.reset(token)


def guarded(reg: Register, entity: str, entity_id: int, expected_version: int,
            service: Callable[..., services.Changes], *args: Any,
            **fields: Any) -> services.Changes:
    """Run `service(reg, *args, **fields)` as a save of `entity` made at `expected_version`."""
    try:
        with expecting(reg, entity, entity_id, expected_version):
            return service(reg, *args, **fields)
    except StaleDataError:
        raise _conflict(reg, entity, entity_id, expected_version, fields) from None


def update_measure(reg: Register, measure_id: int, expected_version: int,
                   **fields: Any) -> services.Changes:
    return guarded(reg, "measure", measure_id, expected_version, services.update_measure,
                   measure_id, **fields)


def update_problem(reg: Register, problem_id: int, expected_version: int,
                   **fields: Any) -> services.Changes:
    return guarded(reg, "problem", problem_id, expected_version, services.update_problem,
                   problem_id, **fields)


def _conflict(reg: Register, entity: str, entity_id: int, expected: int,
              mine: dict[str, Any]) -> EditConflict:
    with reg.reading() as s:
        obj = s.get(ENTITIES[entity], entity_id)
        if obj is None:
            raise RectDeskError(f"此{LABELS[entity]}已被其他工作站删除，您的修改未保存")
        theirs = {k: _value(obj, entity, k) for k in mine}
        return EditConflict(entity, entity_id, expected, int(obj.version), dict(mine), theirs)


def _value(obj: Any, entity: str, key: str) -> Any:
    if entity == "measure":
        return services._measure_value(obj, key)
    value = getattr(obj, key, None)
    return getattr(value, "name", value) if key == "category" else value


# -- other workstations' changes --------------------------------------------------------------
def change_counter(reg: Register) -> int:
    """The newest change-log id: it moves whenever any workstation writes."""
    from sqlalchemy import func, select

    from rectdesk.store.models import ChangeLog

    with reg.reading() as s:
        return int(s.scalar(select(func.max(ChangeLog.id))) or 0)


def changes_since(reg: Register, after: int, *,
                  skip_workstation: str | None = None) -> tuple[int, services.Changes]:
    """What the change log says was written after id `after` (by other workstations when
    `skip_workstation` is given), as the Changes a window refreshes from, and the newest id."""
    from sqlalchemy import select

    from rectdesk.store.models import ChangeLog

    with reg.reading() as s:
        rows = s.execute(select(ChangeLog.id, ChangeLog.entity, ChangeLog.entity_id,
                                ChangeLog.campaign_id, ChangeLog.workstation)
                         .where(ChangeLog.id > after).order_by(ChangeLog.id)).all()
        newest = rows[-1].id if rows else after
        rows = [r for r in rows if r.workstation != skip_workstation]
        measures = {r.entity_id for r in rows if r.entity == "measure" and r.entity_id}
        problems = {r.entity_id for r in rows if r.entity == "problem" and r.entity_id}
        if measures:
            problems |= set(s.scalars(select(Measure.problem_id).where(Measure.id.in_(measures))))
        campaigns = {r.campaign_id for r in rows if r.campaign_id is not None
                     and r.entity not in ("problem", "measure")}
    return newest, services.Changes(campaigns=frozenset(campaigns), problems=frozenset(problems),
                                    measures=frozenset(measures))
