"""留痕: the change log, append-only. Every write records who, from which workstation, what
(entity, field, old and new value) and the problem it concerns, kept after a delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rectdesk.store.models import ChangeLog, Evidence, Extension, Measure, Progress

if TYPE_CHECKING:
    from rectdesk.store.register import Register


def log(s: Session, reg: Register, action: str, entity: str, entity_id: int | None,
         campaign_id: int | None, field: str = "", old: Any = "", new: Any = "", *,
         problem_id: int | None = None) -> None:
    """Add an entry; `problem_id`, when the caller knows it, saves looking it up (a batch of
    entries then goes to the register in one flush, not one query each)."""
    if problem_id is None:
        problem_id = problem_of(s, entity, entity_id)
    s.add(ChangeLog(operator=reg.operator, workstation=reg.workstation, action=action,
                    entity=entity, entity_id=entity_id, campaign_id=campaign_id, field=field,
                    old_value=show(old), new_value=show(new), problem_id=problem_id))


_UNDER_MEASURE = {"measure": None, "progress": Progress, "extension": Extension}


def problem_of(s: Session, entity: str, entity_id: int | None) -> int | None:
    """The problem an entry concerns, kept in the log so that it stays in the problem's
    history after the item is deleted (the log is append-only: an undo is a new entry)."""
    if entity_id is None:
        return None
    if entity == "problem":
        return entity_id
    if entity in _UNDER_MEASURE:
        child = _UNDER_MEASURE[entity]
        mid = entity_id if child is None else s.scalar(select(child.measure_id).where(child.id == entity_id))
        return s.scalar(select(Measure.problem_id).where(Measure.id == mid)) if mid else None
    if entity == "evidence":
        row = s.execute(select(Evidence.problem_id, Evidence.measure_id).where(Evidence.id == entity_id)).first()
        if row is None:
            return None
        return row[0] or s.scalar(select(Measure.problem_id).where(Measure.id == row[1]))
    return None


def show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)
