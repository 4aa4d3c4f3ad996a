"""The `rectdesk` command: no sub-command opens the GUI; sub-commands never do (except `demo`).

Each group of sub-commands lives in a module of rectdesk.commands exposing `add_commands(sub,
common)`; a handler takes the parsed arguments and returns the exit code. Bad input prints one
line on stderr and exits 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from rectdesk import APP_NAME, __version__
from rectdesk.core.errors import RectDeskError
from rectdesk.fileio import shown_name

log = logging.getLogger(__name__)

COMMAND_MODULES = (
    "rectdesk.commands.register_cmds",
    "rectdesk.commands.ledger_cmds",
    "rectdesk.commands.deadline_cmds",
    "rectdesk.commands.evidence_cmds",
    "rectdesk.commands.bulletin_cmds",
    "rectdesk.commands.backup_cmds",
    "rectdesk.commands.forms_cmds",
    "rectdesk.commands.server_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", help="register file (default: the user data dir)")
    parser = argparse.ArgumentParser(
        prog="rectdesk", parents=[common],
        description=f"{APP_NAME} 整改台账桌面系统. Without a command, opens the main window.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--selftest", action="store_true",
                        help="check this installation in a temporary folder and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub, common)
    return parser


def _one_line(exc: Exception) -> str:
    """The message on one line (SQLite's check reports span lines), printable whatever the
    file names in it."""
    return " ".join(shown_name(str(exc)).split("\n"))


def main(argv: Sequence[str] | None = None) -> int:
    from rectdesk.logs import setup_logging

    setup_logging()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its message
        return int(exc.code or 0) if exc.code in (0, None) else 2
    handler = getattr(args, "handler", None)
    try:
        if args.selftest:
            from rectdesk.selftest import run as run_selftest

            return run_selftest()
        if handler is None:
            from rectdesk.commands.gui_cmd import open_gui
            from rectdesk.gui.probe import arm_exit_after_show

            arm_exit_after_show()  # RECTDESK_EXIT_AFTER_SHOW=1: start-up timing only

            return open_gui(args.db)
        return int(handler(args))
    except RectDeskError as exc:
        log.info("command failed: %s", exc)
        print(f"rectdesk: 错误：{_one_line(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:
        log.info("command failed: %s", exc)
        where = f"：{shown_name(exc.filename)}" if getattr(exc, "filename", None) else ""
        print(f"rectdesk: 文件错误{where}：{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from rectdesk.store.recovery import is_corruption

        if not is_corruption(exc):
            raise
        log.error("command failed: damaged register", exc_info=True)
        print(f"rectdesk: 错误：台账文件已损坏（{exc.__class__.__name__}），本次操作未完成。"
              f"请运行 rectdesk check --db \"{getattr(args, 'db', '') or ''}\" 检查，"
              "并用 rectdesk backups 列出备份、rectdesk restore 从完好的备份恢复", file=sys.stderr)
        return 2
