"""The open register as the window sees it: the Register, its undo stack, and a signal that
says what each write changed (the store services' `Changes`), so views refresh only that."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
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
