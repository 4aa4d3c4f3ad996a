"""Evidence commands: attach, export-evidence, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rectdesk.commands.common import add_campaign_option, campaign_id, open_register, register_path

KINDS = ("制度文件", "会议纪要", "通知", "照片", "台账", "其他")  # core.model.EvidenceKind values


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("attach", parents=[common], help="attach evidence files to a problem or measure")
    add_campaign_option(p)
    owner = p.add_mutually_exclusive_group(required=True)
    owner.add_argument("--problem", metavar="N", help="problem number, e.g. 7")
    owner.add_argument("--measure", metavar="N.M", help="measure number, e.g. 7.2")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files or folders")
    p.add_argument("--title", help="title (numbered when several files are given)")
    p.add_argument("--kind", choices=KINDS, help="kind of document (default: guessed)")
    p.add_argument("--doc-number", default="", help="文号, e.g. 宁环党〔2020〕12号")
    p.add_argument("--doc-date", help="document date, e.g. 2020-11-02")
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("export-evidence", parents=[common], help="write the evidence package (zip)")
    add_campaign_option(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    p.set_defaults(handler=cmd_export_evidence)

    p = sub.add_parser("check", parents=[common],
                       help="check the register and re-hash its evidence (exit 1 on damage)")
    p.add_argument("--full", action="store_true", help="integrity_check instead of quick_check")
    p.add_argument("--prune", action="store_true",
                   help="delete orphan files and files of removed evidence")
    p.set_defaults(handler=cmd_check)


def cmd_attach(args: argparse.Namespace) -> int:
    from rectdesk.store.evidence import attach_files
    from rectdesk.store.queries import resolve_measure, resolve_problem

    with open_register(args) as reg:
        cid = campaign_id(reg, args.campaign)
        with reg.reading() as s:
            owner = ({"measure_id": resolve_measure(s, cid, args.measure)} if args.measure
                     else {"problem_id": resolve_problem(s, cid, args.problem)})
        result = attach_files(reg, args.files, title=args.title, kind=args.kind,
                              doc_number=args.doc_number, doc_date=args.doc_date, **owner)
    target = f"措施 {args.measure}" if args.measure else f"问题 {args.problem}"
    print(f"已为{target} 添加佐证材料 {len(result.added)} 份"
          f"（新存入文件 {result.new_files} 个，{result.bytes_stored / (1 << 20):.1f} MB）")
    for name in result.skipped:
        print(f"已存在，跳过：{name}")
    return 0


def cmd_export_evidence(args: argparse.Namespace) -> int:
    from rectdesk.exchange.evidence_package import write_evidence_package
    from rectdesk.store.evidence import blob_path
    from rectdesk.store.queries import load_campaign

    with open_register(args, read_only=True) as reg:
        data = load_campaign(reg, campaign_id(reg, args.campaign))
        report = write_evidence_package(data, lambda e: blob_path(reg.path, e.sha256), args.out)
    print(report.summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from rectdesk.core.errors import RectDeskError
    from rectdesk.store.backends import is_server_url
    from rectdesk.store.check import check

    if is_server_url(args.db):  # a server register: checked through its connection
        with open_register(args) as reg:
            report = check(reg, full=args.full, prune=args.prune)
    else:
        path = register_path(args)
        if not path.is_file():
            raise RectDeskError(f"台账文件不存在：{path}")
        report = check(path, full=args.full, prune=args.prune)
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.lines():
        print(line, file=stream)
    return 0 if report.ok else 1
