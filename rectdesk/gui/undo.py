"""Undo/redo over the store services: every command's redo and undo are service calls.

A command runs once before it is pushed (so a ValidationError reaches the form and nothing is
pushed); QUndoStack's first redo() is then skipped. Deletes capture the item's rows first and
undo writes them back (store.restore: under the old ids when free, else new ones recorded in
the session's IdMap), logged as a restore.
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
    record(session, text, do, undo)
    return result


def record(session: RegisterSession, text: str, redo: Step, undo: Step) -> None:
    """Push a command for a write already made (one that ran off the GUI thread)."""
    session.undo_stack.push(ServiceCommand(text, redo, undo))


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
    return int(next(i for k, i in changes.created if k == kind))


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


def _restore(session: RegisterSession, saved: Any, *aliases: tuple[str, int, int]) -> int:
    """Write a captured item back; point every id commands may hold at where it now lives."""
    from rectdesk.store import restore

    restored: list[Any] = []

    def write(reg: Any) -> Any:  # through the session: it announces the changes
        restored.append(restore.restore(reg, saved))
        return restored[0].changes

    session.call(write)
    done = restored[0]
    new = _created(done.changes, saved.kind)
    for kind, old, current in aliases:
        session.ids.alias(kind, old, new)
        session.ids.alias(kind, current, new)
    for (kind, old), moved in done.ids.items():
        session.ids.alias(kind, old, moved)
    return new


def delete_measure(session: RegisterSession, mid: int, text: str) -> None:
    """Undo puts back the measure with its leaders, progress, extensions and evidence rows."""
    from rectdesk.store import restore

    s = _svc()
    saved: list[tuple[Any, int]] = []

    def do() -> None:
        current = session.ids("measure", mid)
        saved[:] = [(restore.capture_measure(session.reg, current), current)]
        session.call(s.delete_measure, current)

    def undo() -> None:
        snap, current = saved[0]
        _restore(session, snap, ("measure", mid, current))

    execute(session, text, do, undo)


def delete_problem(session: RegisterSession, pid: int, text: str) -> None:
    """Undo puts back the problem with its measures and everything beneath them."""
    from rectdesk.store import restore

    s = _svc()
    saved: list[tuple[Any, int]] = []

    def do() -> None:
        current = session.ids("problem", pid)
        saved[:] = [(restore.capture_problem(session.reg, current), current)]
        session.call(s.delete_problem, current)

    def undo() -> None:
        snap, current = saved[0]
        _restore(session, snap, ("problem", pid, current))

    execute(session, text, do, undo)


def add_progress(session: RegisterSession, mid: int, when: date, body: str, status: str | None,
                 text: str) -> None:
    """Record a progress entry; undo deletes it and puts back the status it may have moved."""
    from rectdesk.store import views

    s = _svc()
    state: dict[str, Any] = {}

    def do() -> None:
        current = session.ids("measure", mid)
        before = views.measure_snapshot(session.reg, current)
        session.call(s.record_progress, current, when, body, status)
        entries = views.progress_entries(session.reg, current)
        state.update(entry=max(e.id for e in entries if e.id is not None),
                     status=before.status, completed_on=before.completed_on)

    def undo() -> None:
        current = session.ids("measure", mid)
        session.call(s.delete_progress, state["entry"])
        after = views.measure_snapshot(session.reg, current)
        if (after.status, after.completed_on) != (state["status"], state["completed_on"]):
            session.call(s.update_measure, current, status=state["status"].value,
                         completed_on=state["completed_on"] or "")

    execute(session, text, do, undo)


def rename_campaign(session: RegisterSession, cid: int, old: str, new: str, text: str) -> None:
    s = _svc()
    execute(session, text,
            lambda: session.call(s.update_campaign, session.ids("campaign", cid), title=new),
            lambda: session.call(s.update_campaign, session.ids("campaign", cid), title=old))


def delete_campaign(session: RegisterSession, cid: int, text: str) -> None:
    """Delete a whole campaign; undo writes every row of it back (store.restore)."""
    from rectdesk.store import restore

    s = _svc()
    saved: list[Any] = []

    def do() -> None:
        current = session.ids("campaign", cid)
        saved[:] = [(restore.capture_campaign(session.reg, current), current)]
        session.call(s.delete_campaign, current)

    def undo() -> None:
        snap, current = saved[0]
        _restore(session, snap, ("campaign", cid, current))

    execute(session, text, do, undo)


# -- evidence (佐证材料): the evidence panel's writes -------------------------------------------
def _each(service: Callable[[Any, int], Any], ids: tuple[int, ...]) -> Callable[[Any], Any]:
    """One service call over several evidence rows, as one write with the union of Changes."""
    def run(reg: Any) -> Any:
        from rectdesk.store.services import Changes

        out = Changes()
        for i in ids:
            out = out | service(reg, i)
        return out

    return run


def attached_evidence(session: RegisterSession, ids: tuple[int, ...], text: str) -> None:
    """After an attach (made off the GUI thread): undo removes its rows (the files stay until
    a prune), redo restores them."""
    from rectdesk.store.evidence import remove_evidence, restore_evidence

    record(session, text, lambda: session.call(_each(restore_evidence, ids)),
           lambda: session.call(_each(remove_evidence, ids)))


def edit_evidence(session: RegisterSession, eid: int, old: dict[str, Any], new: dict[str, Any],
                  text: str) -> None:
    from rectdesk.store.evidence import update_evidence

    execute(session, text, lambda: session.call(update_evidence, eid, **new),
            lambda: session.call(update_evidence, eid, **old))


def remove_evidence(session: RegisterSession, eid: int, text: str) -> None:
    from rectdesk.store import evidence

    execute(session, text, lambda: session.call(evidence.remove_evidence, eid),
            lambda: session.call(evidence.restore_evidence, eid))
