"""Opening the main window from the command line."""

from __future__ import annotations


def open_gui(db: str | None) -> int:
    from rectdesk.gui.app import run

    return run(db)
