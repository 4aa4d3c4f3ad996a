"""Views follow other workstations' edits on a shared (server) register (issue 12).

An add-on: every few seconds it reads the change counter (the newest change-log id); when
another workstation has written, it announces what changed through the session's `changed`
signal, so the window refreshes those rows and the detail exactly as after its own writes. It
also records the version of the item the user is looking at (`session.seen`): a save made from
a stale view is then a guarded save and shows the conflict dialog (dialogs/conflict.py).

A register file is open in one process at a time, so on files this only records versions.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 3000


class RefreshPoller(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session: Any = None
        self.counter = 0
        self.files_too = False  # tests share a file between two Registers in one process
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        for view in (window.problem_view, window.measure_view):
            view.selectionModel().currentRowChanged.connect(lambda *_a: self.remember_current())

    def _attach(self) -> bool:
        """Follow the window's current session; False when there is none."""
        session = self.window.session
        if session is None:
            return False
        if session is not self.session:
            from rectdesk.store import concurrency

            self.session = session
            self.counter = concurrency.change_counter(session.reg)
        return True

    def remember_current(self) -> None:
        from rectdesk.store import concurrency

        if not self._attach():
            return
        for entity, ident in (("problem", self.window.current_problem_id()),
                              ("measure", self.window.current_measure_id())):
            if ident is not None:
                try:
                    self.session.seen[(entity, ident)] = concurrency.version_of(
                        self.session.reg, entity, ident)
                except Exception:  # noqa: BLE001 - deleted meanwhile: the next poll says so
                    self.session.seen.pop((entity, ident), None)

    def poll(self) -> None:
        from rectdesk.store import concurrency

        if not self._attach() or not (self.files_too or self.session.reg.backend.name == "postgresql"):
            return
        try:
            newest, changes = concurrency.changes_since(
                self.session.reg, self.counter, skip_workstation=self.session.reg.workstation)
        except Exception:  # noqa: BLE001 - server unreachable for a moment: try again later
            log.warning("polling the shared register failed", exc_info=True)
            return
        if newest == self.counter:
            return
        self.counter = newest
        if changes.problems or changes.campaigns:
            self.session.changed.emit(changes)
            self.remember_current()


def install(window: Any) -> None:
    old = getattr(window, "refresh_poller", None)
    if old is not None:  # install() runs again after a language switch
        old.timer.stop()
        old.deleteLater()
    window.refresh_poller = RefreshPoller(window)
