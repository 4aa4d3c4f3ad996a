"""What every sub-command needs: opening the register named by --db, finding the campaign."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rectdesk import paths

if TYPE_CHECKING:
    from rectdesk.store.register import Register


def register_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else paths.default_register()


def open_register(args: argparse.Namespace, *, create: bool = False,
                  read_only: bool = False) -> Register:
    """`read_only` (commands that only read): when a window or another command holds the
    register, read it beside that writer (SQLite's WAL allows it) instead of refusing."""
    if not read_only:
        return _open(args, create=create)
    from rectdesk.core.errors import RegisterLocked
    from rectdesk.store.register import Register

    try:
        return _open(args)
    except RegisterLocked:
        print("rectdesk: 提示：台账正由另一处打开，本命令以只读方式读取", file=sys.stderr)
        return Register.open(register_path(args), read_only=True)


def _open(args: argparse.Namespace, *, create: bool = False) -> Register:
    from rectdesk.store.backends import is_server_url
    from rectdesk.store.register import Register

    if is_server_url(getattr(args, "db", None)):  # --db postgresql://user@host/db
        return Register.open(args.db)
    path = register_path(args)
    if not create and not path.exists():
        from rectdesk.core.errors import RectDeskError

        raise RectDeskError(f"台账文件不存在：{path}（可先运行 rectdesk demo 或 rectdesk import-bulletin）")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Register.open(path, create=create)


def campaign_id(reg: Register, ref: str | None) -> int:
    from rectdesk.store.queries import resolve_campaign

    with reg.reading() as s:
        return resolve_campaign(s, ref)


def add_campaign_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--campaign", metavar="ID", help="campaign id or unique title "
                        "(may be left out when the register holds one campaign)")
