"""Features that plug into the main window: each module listed here exposes
`install(window: MainWindow) -> None` and adds its QAction(s) to the window's menus
(window.menu_file / menu_edit / menu_view / menu_import / menu_export / menu_help) or a detail
tab (window.add_detail_tab). Add one line per module, like rectdesk.cli.COMMAND_MODULES.

The window also rebuilds itself on a language switch, so install() runs again then: build
everything there, nothing at import time.

Keep install() light: at start-up the add-ons are installed after the first rows are painted,
and anything that reads the register when it opens belongs in
`window.after_register_loaded(hook)`, which runs once all rows are loaded (the window's own
loading must never wait for an add-on; a 50,000-problem register makes that visible).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

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


def install_all(window: Any, modules: tuple[str, ...] = ADDON_MODULES) -> list[str]:
    """Install each add-on; one that fails is logged and left out (the window still opens).
    Returns the modules that failed, for the self-test and tests to assert on."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name).install(window)
        except Exception:  # noqa: BLE001 - one broken add-on must not keep the register closed
            log.exception("add-on %s failed to install", name)
            failed.append(name)
    return failed
