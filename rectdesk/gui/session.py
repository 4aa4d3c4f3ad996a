"""The open register as the window sees it: the Register, its undo stack, and a signal that
says what each write changed (the store services' `Changes`), so views refresh only that.

The window's one write path: `call` (a service now, on the GUI thread) and `run` (a long write,
an import, on a worker thread) supply the register and the conflict guard and announce what
changed; the undoable edits wrap `call` in gui/undo.py, which pushes on `undo_stack`. Only
`announce` emits without a write of ours: changes another workstation made (gui/refresh.py).
Dialogs receive the session, never a Register plus a callable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from rectdesk.store.concurrency import EditConflict
    from rectdesk.store.register import Register
    from rectdesk.store.services import Changes


class IdMap:
    """Undoing a delete re-creates the item under a new id; later commands still hold the old
    one. Every command resolves its ids through this map."""

    def __init__(self) -> None:
        self._map: dict[tuple[str, int], int] = {}

    def alias(self, kind: str, old: int, new: int) -> None:
        if old != new:
            self._map[(kind, old)] = new

    def __call__(self, kind: str, ident: int) -> int:
        seen = set()
        while (kind, ident) in self._map and ident not in seen:
            seen.add(ident)
            ident = self._map[(kind, ident)]
        return ident


KEEP_MINE, KEEP_THEIRS = "mine", "theirs"  # the answers to a save conflict


class RegisterSession(QObject):
    """The window's one way to change data: `call(service, *args)` supplies the register,
    guards saves of items whose shown version is known (another workstation may have saved
    meanwhile: `resolve_conflict` asks the user, the window sets it to the conflict dialog)
    and announces what changed."""

    changed = Signal(object)  # Changes

    def __init__(self, reg: Register, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reg = reg
        self.undo_stack = QUndoStack(self)
        self.ids = IdMap()
        self.seen: dict[tuple[str, int], int] = {}  # versions shown: saves are guarded
        self.resolve_conflict: Callable[[EditConflict], str] = lambda _c: KEEP_THEIRS

    def call(self, service: Callable[..., Changes], *args: Any, **kwargs: Any) -> Changes:
        """Run a store service on this register and announce what it changed."""
        from rectdesk.store import concurrency

        entity = concurrency.guarded_entity(service)
        key = (entity, args[0]) if entity and args else None
        seen = self.seen.get(key) if key else None
        if key is None or seen is None:
            changes = service(self.reg, *args, **kwargs)
        else:
            changes = self._guarded(key, seen, service, args, kwargs)
        self.changed.emit(changes)
        return changes

    def run(self, parent: QWidget | None, service: Callable[..., Any], *args: Any,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            changes_of: Callable[[Any], Changes] | None = None, **task: Any) -> None:
        """Run a long store service (an import) on this register off the GUI thread
        (gui/tasks.run_task: `task` takes its busy=, cancellable= and the service's keywords);
        when it ends, announce what it changed (`changes_of(result)`, or the result itself)
        on the GUI thread, then call `on_done(result)`."""
        from rectdesk.gui.tasks import run_task

        def done(result: Any) -> None:
            self.changed.emit(result if changes_of is None else changes_of(result))
            if on_done is not None:
                on_done(result)

        run_task(parent, service, self.reg, *args, on_done=done, on_error=on_error, **task)

    def announce(self, changes: Changes) -> None:
        """Tell the views about changes made elsewhere (another workstation's writes, found by
        gui/refresh.py); this window's writes are announced by call() and run()."""
        self.changed.emit(changes)

    def _guarded(self, key: tuple[str, int], seen: int, service: Callable[..., Changes],
                 args: tuple[Any, ...], kwargs: dict[str, Any]) -> Changes:
        from rectdesk.store import concurrency, views
        from rectdesk.store.services import Changes

        entity, ident = key
        try:
            changes = concurrency.guarded(self.reg, entity, ident, seen, service, *args, **kwargs)
        except concurrency.EditConflict as conflict:
            if self.resolve_conflict(conflict) == KEEP_MINE:  # save again on top of theirs
                changes = concurrency.guarded(self.reg, entity, ident, conflict.current, service,
                                              *args, **kwargs)
            else:  # theirs stays: show it
                problem = ident if entity == "problem" else views.problem_of_measure(self.reg, ident)
                changes = Changes(measures=frozenset({ident}) if entity == "measure" else frozenset(),
                                  problems=frozenset({problem}))
        self.seen[key] = concurrency.version_of(self.reg, entity, ident)
        return changes

    def close(self) -> None:
        self.undo_stack.clear()
        self.reg.close()
