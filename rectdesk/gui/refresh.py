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
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from rectdesk.gui.addons import AddonHost
    from rectdesk.gui.session import RegisterSession

log = logging.getLogger(__name__)

INTERVAL_MS = 3000


class RefreshPoller(QObject):
    """The add-on's object (window.addon(RefreshPoller)): a child of the window, so its timer
    stops with it."""

    def __init__(self, host: AddonHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.session: RegisterSession | None = None
        self.counter = 0
        self.files_too = False  # tests share a file between two Registers in one process
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        host.on_current_changed(self.remember_current)

    def _attach(self) -> bool:
        """Follow the window's current session; False when there is none."""
        session = self.host.session
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
        assert self.session is not None
        for entity, ident in (("problem", self.host.current_problem_id()),
                              ("measure", self.host.current_measure_id())):
            if ident is not None:
                try:
                    self.session.seen[(entity, ident)] = concurrency.version_of(
                        self.session.reg, entity, ident)
                except Exception:  # noqa: BLE001 - deleted meanwhile: the next poll says so
                    self.session.seen.pop((entity, ident), None)

    def poll(self) -> None:
        from rectdesk.store import concurrency

        if not self._attach():
            return
        assert self.session is not None
        if not (self.files_too or self.session.reg.backend.name == "postgresql"):
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
            self.session.announce(changes)
            self.remember_current()


def install(host: AddonHost) -> RefreshPoller:
    return RefreshPoller(host)
