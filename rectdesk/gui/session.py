"""The open register as the window sees it: the Register, its undo stack, and a signal that
says what each write changed (the store services' `Changes`), so views refresh only that."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
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


class RegisterSession(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, reg: Register, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reg = reg
        self.undo_stack = QUndoStack(self)
        self.ids = IdMap()
        self.seen: dict[tuple[str, int], int] = {}  # versions shown: saves are guarded (conflict.py)

    def call(self, service: Callable[..., Changes], *args: Any, **kwargs: Any) -> Changes:
        """Run a store service on this register and announce what it changed."""
        from rectdesk.gui.dialogs.conflict import guarded_call  # another workstation may have saved

        changes = guarded_call(self, service, *args, **kwargs)
        self.changed.emit(changes)
        return changes

    def close(self) -> None:
        self.undo_stack.clear()
        self.reg.close()
