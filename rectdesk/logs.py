"""Logging to a rotating file in the log dir (and nowhere else: the CLI prints its own lines)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from rectdesk import paths

_configured = False


def log_file() -> Path:
    return paths.log_dir() / "rectdesk.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach the rotating file handler once; returns the log file, None if it cannot be written."""
    global _configured
    target = log_file()
    if _configured:
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=2_000_000, backupCount=5, encoding="utf-8",
                                      errors="backslashreplace")  # non-UTF-8 file names
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
    return target
