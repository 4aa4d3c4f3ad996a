"""Undo/redo over the store services: every command's redo and undo are service calls.

A command runs once before it is pushed (so a ValidationError reaches the form and nothing is
pushed); QUndoStack's first redo() is then skipped. Deletes capture the item's data first and
undo re-creates it (with a new id, recorded in the session's IdMap).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QUndoCommand

from rectdesk.gui.session import RegisterSession

Step = Callable[[], Any]


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, do: Step, undo: Step) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._do()

    def undo(self) -> None:
        self._undo()


def execute(session: RegisterSession, text: str, do: Step, undo: Step) -> Any:
    """Run `do` now; if it succeeds, push a command that can undo and redo it."""
    result = do()
    session.undo_stack.push(ServiceCommand(text, do, undo))
    return result


def _svc() -> Any:
    from rectdesk.store import services

    return services


def edit_problem(session: RegisterSession, pid: int, field: str, old: Any, new: Any,
                 text: str) -> None:
    s = _svc()
    execute(session, text,
            lambda: session.call(s.update_problem, session.ids("problem", pid), **{field: new}),
            lambda: session.call(s.update_problem, session.ids("problem", pid), **{field: old}))


def edit_measure(session: RegisterSession, mid: int, field: str, old: Any, new: Any,
                 text: str) -> None:
    s = _svc()
    execute(session, text,
            lambda: session.call(s.update_measure, session.ids("measure", mid), **{field: new}),
            lambda: session.call(s.update_measure, session.ids("measure", mid), **{field: old}))


def move(session: RegisterSession, kind: str, ident: int, old: int, new: int, text: str) -> None:
    s = _svc()
    service = s.move_problem if kind == "problem" else s.move_measure
    execute(session, text,
            lambda: session.call(service, session.ids(kind, ident), new),
            lambda: session.call(service, session.ids(kind, ident), old))


def _created(changes: Any, kind: str) -> int:
    return next(i for k, i in changes.created if k == kind)


def add_problem(session: RegisterSession, cid: int, title: str, text: str) -> int:
    s = _svc()
    first: list[int] = []

    def do() -> int:
        new = _created(session.call(s.add_problem, session.ids("campaign", cid), title), "problem")
        if first:
            session.ids.alias("problem", first[0], new)
        else:
            first.append(new)
        return new

    return int(execute(session, text, do,
                       lambda: session.call(s.delete_problem, session.ids("problem", first[0]))))


def add_measure(session: RegisterSession, pid: int, measure_text: str, text: str) -> int:
    s = _svc()
    first: list[int] = []

    def do() -> int:
        new = _created(session.call(s.add_measure, session.ids("problem", pid), measure_text),
                       "measure")
        if first:
            session.ids.alias("measure", first[0], new)
        else:
            first.append(new)
        return new

    return int(execute(session, text, do,
                       lambda: session.call(s.delete_measure, session.ids("measure", first[0]))))


def delete_measure(session: RegisterSession, mid: int, text: str) -> None:
    from rectdesk.store import views

    s = _svc()
    snap = views.measure_snapshot(session.reg, session.ids("measure", mid))
    pid = views.problem_of_measure(session.reg, session.ids("measure", mid))

    def restore() -> None:
        new = recreate_measure(session, session.ids("problem", pid), snap)
        session.ids.alias("measure", mid, new)

    execute(session, text, lambda: session.call(s.delete_measure, session.ids("measure", mid)),
            restore)


def recreate_measure(session: RegisterSession, pid: int, snap: Any) -> int:
    """Add a measure back from its snapshot: fields, then progress, then the final status."""
    s = _svc()
    reg = session.reg
    changes = s.add_measure(reg, pid, snap.text, position=snap.number, result=snap.result,
                            leaders=snap.leaders, lead_department=snap.lead_department,
                            cooperating=snap.cooperating, deadline=snap.deadline.text,
                            note=snap.note)
    new = _created(changes, "measure")
    for g in snap.progress:
        s.record_progress(reg, new, g.when, g.text, None, g.reported_by, g.source)
    done: date | None = snap.completed_on
    session.call(s.update_measure, new, status=snap.status.value,
                 completed_on=done if done else "")
    return new


def delete_problem(session: RegisterSession, pid: int, text: str) -> None:
    from rectdesk.store import views

    s = _svc()
    snap = views.problem_snapshot(session.reg, session.ids("problem", pid))
    cid = views.campaign_of_problem(session.reg, session.ids("problem", pid))

    def restore() -> None:
        from rectdesk.core.model import CampaignData

        changes = s.import_campaign(session.reg, CampaignData(title="", problems=[snap]),
                                    into_campaign=cid, source="撤销删除")
        new = next(iter(changes.problems))
        session.ids.alias("problem", pid, new)
        session.call(s.move_problem, new, snap.number)
        for old_m, new_m in zip(snap.measures, views.measure_ids(session.reg, new), strict=False):
            if old_m.id is not None:
                session.ids.alias("measure", old_m.id, new_m)

    execute(session, text, lambda: session.call(s.delete_problem, session.ids("problem", pid)),
            restore)
