"""Shared-register commands (issue 12): migrate-register between a file and a server."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("migrate-register", parents=[common],
                       help="copy a register (evidence included) between a .rectdesk file and "
                            "a postgresql:// server database, verifying counts and hashes")
    p.add_argument("--from", dest="source", required=True, metavar="FILE|URL")
    p.add_argument("--to", dest="target", required=True, metavar="URL|FILE")
    p.add_argument("--evidence-folder", metavar="DIR",
                   help="shared folder for the evidence files of a server register")
    p.set_defaults(handler=cmd_migrate_register)


def cmd_migrate_register(args: argparse.Namespace) -> int:
    from rectdesk.store.backends import is_server_url
    from rectdesk.store.migrate_register import migrate_register

    if args.evidence_folder and is_server_url(args.target):
        from rectdesk.store import postgres
        from rectdesk.store.register import Register

        with Register.open(args.target) as reg:
            postgres.set_evidence_folder(reg, args.evidence_folder)
    report = migrate_register(args.source, args.target)
    print(report.summary())
    return 0
