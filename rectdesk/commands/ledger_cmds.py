"""Excel ledger commands: export-ledger and import-ledger."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from rectdesk.commands.common import add_campaign_option, campaign_id, open_register, register_path

STATUSES = ("未启动", "正在推进", "已完成", "长期坚持")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export-ledger", parents=[common], help="export the ledger (整改台账) to .xlsx")
    add_campaign_option(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help="file to write")
    p.add_argument("--paper", choices=("A3", "A4"), default="A3", help="paper size (landscape)")
    p.add_argument("--per-problem", action="store_true", help="one row per problem, not per measure")
    p.add_argument("--by", choices=("leader", "department"), help="one sheet per leader or department")
    p.add_argument("--department", action="append", default=[], metavar="NAME",
                   help="only measures of this lead or cooperating department (repeatable)")
    p.add_argument("--leader", action="append", default=[], metavar="NAME",
                   help="only measures of this leader (repeatable)")
    p.add_argument("--status", action="append", default=[], choices=STATUSES,
                   help="only measures in this status (repeatable)")
    p.add_argument("--as-of", metavar="DATE", help="progress up to this date; overdue as of it "
                   "(default: today)")
    p.add_argument("--marking", metavar="TEXT", help="set the campaign's marking (e.g. 内部资料 "
                   "注意保存), printed at the top of every page of the ledger and the internal "
                   "documents (not the public bulletin unless asked); '' clears it")
    p.set_defaults(handler=cmd_export_ledger)

    p = sub.add_parser("import-ledger", parents=[common], help="import an Excel ledger (.xlsx)")
    p.add_argument("file", type=Path)
    target = p.add_mutually_exclusive_group()
    target.add_argument("--campaign", metavar="ID", help="append to this campaign (id or title)")
    target.add_argument("--new-campaign", metavar="TITLE", help="title of the new campaign "
                        "(default: the ledger's title row)")
    p.add_argument("--sheet", metavar="NAME", help="worksheet to read (default: the first with a header)")
    p.add_argument("--header-row", type=int, metavar="N", help="header row number (default: detected)")
    p.add_argument("--dry-run", action="store_true", help="read and check only; write nothing")
    p.set_defaults(handler=cmd_import_ledger)


def cmd_export_ledger(args: argparse.Namespace) -> int:
    from rectdesk.core.deadlines import parse_any_date
    from rectdesk.core.model import MeasureStatus
    from rectdesk.exchange.ledger_xlsx import LedgerFilter, LedgerOptions, write_ledger
    from rectdesk.store import services
    from rectdesk.store.queries import load_campaign

    as_of = parse_any_date(args.as_of) if args.as_of else date.today()
    with open_register(args, read_only=True) as reg:
        cid = campaign_id(reg, args.campaign)
        if args.marking is not None:
            services.update_campaign(reg, cid, marking=args.marking)
        data = load_campaign(reg, cid, as_of=as_of)
    options = LedgerOptions(
        paper=args.paper, per_problem=args.per_problem, split_by=args.by, today=as_of,
        filter=LedgerFilter(tuple(args.department), tuple(args.leader),
                            tuple(MeasureStatus(s) for s in args.status)))
    report = write_ledger(data, args.out, options)
    print(report.summary())
    return 0


def cmd_import_ledger(args: argparse.Namespace) -> int:
    from rectdesk.exchange.ledger_import import best_guess, inspect_ledger, read_ledger

    guess = best_guess(inspect_ledger(args.file), args.sheet)
    layout = guess.layout
    if args.header_row:
        from rectdesk.exchange.ledger_import import LedgerLayout, guess_mapping

        if not 1 <= args.header_row <= len(guess.preview):
            from rectdesk.core.errors import ValidationError

            raise ValidationError(f"表头行应在 1 到 {len(guess.preview)} 之间", field="header_row")
        headers = guess.preview[args.header_row - 1]
        layout = LedgerLayout(guess.name, args.header_row, guess_mapping(headers), headers)
    if layout is None:  # the named sheet has no header: never read another sheet in its place
        from rectdesk.exchange.ledger_import import HEADER_SCAN_ROWS, ImportFormatError

        raise ImportFormatError(f"工作表“{guess.name}”的前 {HEADER_SCAN_ROWS} 行中没有找到表头："
                                "可用 --header-row 指明表头所在的行")
    if args.dry_run:
        result = read_ledger(args.file, layout, title=args.new_campaign)
        print(result.summary())
        print("dry run: nothing written")
        return 0
    from rectdesk.store import services

    with open_register(args, create=args.campaign is None) as reg:
        cid = campaign_id(reg, args.campaign) if args.campaign else None
        ref_year = _ref_year(reg, cid)
        result = read_ledger(args.file, layout, title=args.new_campaign, ref_year=ref_year)
        changes = services.import_campaign(reg, result.campaign, into_campaign=cid,
                                           source=args.file.name)
    print(result.summary())
    print(f"campaign: {next(iter(changes.campaigns))}  register: {register_path(args)}")
    return 0


def _ref_year(reg: Any, cid: int | None) -> int | None:
    """The year that 年底 / 12月底 refer to when importing into an existing campaign."""
    if cid is None:
        return None
    from rectdesk.store.queries import load_campaign

    c = load_campaign(reg, cid)
    for d in (c.feedback_date, c.period_end, c.bulletin_date):
        if d:
            return d.year
    return None
