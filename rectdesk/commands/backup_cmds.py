"""Backup commands: backup, backups (listing), restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rectdesk.commands.common import register_path


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="back up the register now (verified)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="write the backup here instead of the automatic backup folder")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("backups", parents=[common], help="list the register's backups")
    p.set_defaults(handler=cmd_backups)

    p = sub.add_parser("restore", parents=[common],
                       help="replace the register with a backup (keeps it as .before-restore)")
    p.add_argument("backup", type=Path, metavar="BACKUP")
    p.add_argument("--foreign", action="store_true",
                   help="restore even a backup that cannot be verified as a copy of this register")
    p.set_defaults(handler=cmd_restore)


def _existing(args: argparse.Namespace) -> Path:
    from rectdesk.core.errors import RectDeskError

    path = register_path(args)
    if not path.is_file():
        raise RectDeskError(f"台账文件不存在：{path}")
    return path


def cmd_backup(args: argparse.Namespace) -> int:
    from rectdesk.store import backup

    path = _existing(args)
    if args.out is None:
        info = backup.backup_now(path, "manual")
        out, size = info.path, info.size_label
    else:
        out = args.out
        if out.is_dir():
            out = out / f"{path.stem}-backup{path.suffix}"
        _refuse_register_itself(path, out)
        backup.backup_file(path, out)
        size = backup.format_size(out.stat().st_size)
    print(f"已备份（已校验）：{out}（{size}）")
    return 0


def _refuse_register_itself(register: Path, out: Path) -> None:
    from rectdesk.core.errors import RectDeskError

    if out.exists() and out.resolve() == register.resolve():
        raise RectDeskError("备份文件不能是台账文件本身", file=str(out))


def cmd_backups(args: argparse.Namespace) -> int:
    from rectdesk.store import backup

    path = register_path(args)
    found = backup.list_backups(path)
    if not found:
        print(f"没有备份：{path}")
        return 0
    for info in found:
        print(f"{info.when:%Y-%m-%d %H:%M:%S}  {info.size_label:>9}  {info.reason_label}  {info.path}")
    print(f"共 {len(found)} 个备份")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from rectdesk.store import backup

    path = register_path(args)
    kept = backup.restore(args.backup, path, confirm_foreign=args.foreign)
    print(f"已从备份恢复台账：{path}")
    if kept is not None:
        print(f"恢复前的台账已保存为：{kept}")
    return 0
