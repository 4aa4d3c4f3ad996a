"""Features that plug into the main window. Each module listed in ADDON_MODULES exposes
`install(host: AddonHost) -> object` (one line per module here, like rectdesk.cli.COMMAND_MODULES).

An add-on sees the window only through AddonHost below: its actions go in by id
(`host.add_action("export_ledger", text, slot)`, placed where gui/menus.py declares that id),
a tab by `host.add_detail_tab`, and it reads the session, the day and the current ids. mypy
(strict on rectdesk/gui) checks every install() against this Protocol, so what add-ons use is
exactly what is listed here.

State: an add-on keeps its own. install() returns the add-on's object (its panel, its poller,
an object holding its windows) or None; the window keeps it in its registry, keyed by module
name, and `window.addon(Type)` finds it (tests use that). Nothing is set on the window. Why a
returned object rather than module-level state: it dies with its window (the parent of its
widgets), and a language switch builds a fresh window with a fresh registry, so nothing leaks
from one window to the next.

install() runs again on a language switch: on the fresh window, whose registry is empty. On the
same window install_all() skips modules already in the registry, so hooks are never doubled,
and an action given again under the same id replaces the old one (gui/menus.py).

Keep install() light: at start-up the add-ons are installed after the first rows are painted,
and anything that reads the register when it opens belongs in
`host.after_register_loaded(hook)`, which runs once all rows are loaded (the window's own
loading must never wait for an add-on; a 50,000-problem register makes that visible).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from rectdesk.gui.filters import Filter
    from rectdesk.gui.session import RegisterSession
    from rectdesk.store.register import Register

log = logging.getLogger(__name__)

ADDON_MODULES: tuple[str, ...] = (
    "rectdesk.gui.dashboard",
    "rectdesk.gui.dialogs.import_preview",
    "rectdesk.gui.evidence_panel",
    "rectdesk.gui.dialogs.forms_export",
    "rectdesk.gui.dialogs.bulletin_export",
    "rectdesk.gui.dialogs.ledger_export",
    "rectdesk.gui.dialogs.ledger_import",
    "rectdesk.gui.dialogs.backup_restore",
    "rectdesk.gui.refresh",
    "rectdesk.gui.dialogs.connect_server",
)


class AddonHost(Protocol):
    """What an add-on may use of the main window (MainWindow implements it)."""

    @property
    def session(self) -> RegisterSession | None:
        """The open register: every write goes through session.call / session.run."""

    @property
    def today(self) -> date: ...

    @property
    def register_path(self) -> Path | None: ...

    def window(self) -> QWidget:
        """The parent for the add-on's dialogs and objects (they die with the window)."""

    def current_campaign_id(self) -> int | None: ...

    def current_problem_id(self) -> int | None: ...

    def current_measure_id(self) -> int | None: ...

    def current_filter(self) -> Filter | None:
        """The filter bar's value (None before it is built)."""

    def select_problem(self, pid: int | None) -> bool: ...

    def select_measure(self, mid: int) -> bool: ...

    def reload_campaigns(self, select: int | None = None) -> None: ...

    def add_action(self, action_id: str, text: str, slot: Callable[[], object]) -> QAction:
        """An action at the place gui/menus.py declares for `action_id`."""

    def add_detail_tab(self, widget: QWidget, title: str) -> int: ...

    def after_register_loaded(self, hook: Callable[[], None]) -> None: ...

    def on_current_changed(self, hook: Callable[[], None]) -> None:
        """Call `hook` when the current problem or measure may have changed."""

    def show_status(self, text: str, msec: int = 10_000) -> None: ...

    def open_register(self, path: Path | str) -> bool: ...

    def use_register(self, reg: Register) -> None:
        """Show `reg` (opened by the add-on, e.g. on a server) in place of the open one."""

    def close_register(self) -> None: ...


def install_all(host: AddonHost, registry: dict[str, object],
                modules: tuple[str, ...] | None = None) -> list[str]:
    """Install each add-on (of ADDON_MODULES unless `modules` is given) not yet in `registry`
    (the window's), keeping what install() returns; one that fails is logged and left out
    (the window still opens). Returns the modules that failed, for the self-test and tests."""
    failed = []
    for name in ADDON_MODULES if modules is None else modules:
        if name in registry:
            continue
        try:
            registry[name] = importlib.import_module(name).install(host)
        except Exception:  # noqa: BLE001 - one broken add-on must not keep the register closed
            log.exception("add-on %s failed to install", name)
            failed.append(name)
    return failed
