"""Where RectDesk keeps things: data, backups, logs and bundled resources.

Set RECTDESK_HOME to keep everything under one folder (tests and portable installs do).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rectdesk import APP_NAME

REGISTER_SUFFIX = ".rectdesk"


def _home() -> Path | None:
    value = os.environ.get("RECTDESK_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    if home := _home():
        return home / "data"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    if home := _home():
        return home / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    if home := _home():
        return home / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def default_register() -> Path:
    return data_dir() / f"register{REGISTER_SUFFIX}"


def demo_register() -> Path:
    return data_dir() / f"demo{REGISTER_SUFFIX}"


def backup_dir(register: Path) -> Path:
    """Backups of one register: a folder in the data dir named after it and its location."""
    import hashlib  # here, not at the top: this module loads before the window's first paint

    resolved = str(Path(register).resolve())
    tag = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return data_dir() / "backups" / f"{Path(register).stem}-{tag}"


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a source checkout, an installed package or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    return Path(__file__).resolve().parent.parent.joinpath("resources", *parts)
