"""export-bulletin: the Word bulletin (整改进展情况的通报) in the GB/T 9704-2012 format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rectdesk.commands.common import add_campaign_option, campaign_id, open_register


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export-bulletin", parents=[common],
                       help="export the bulletin (整改进展情况的通报) to .docx")
    add_campaign_option(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.docx", help="file to write")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="ignore progress after this date (default: today)")
    p.add_argument("--problems", choices=("all", "with-progress"), default="all",
                   help="all problems, or only those with a result or progress to print")
    p.add_argument("--category", metavar="NAME", help="only the problems of this category (方面)")
    p.add_argument("--status-note", action="store_true", help="print 整改状态 after each item")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="成文日期 (default: the as-of date, else today)")
    p.add_argument("--marking", metavar="TEXT", default="",
                   help="marking printed top left where GB/T 9704 puts 密级 (default: none, the "
                        "bulletin is public; the campaign's marking is for internal documents)")
    p.add_argument("--keep-punctuation", action="store_true",
                   help="print half-width , ; : ( ) as typed (default: full-width in Chinese text)")
    p.add_argument("--template", type=Path, metavar="FILE.docx",
                   help="reference template (default: the one chosen in settings, else the bundled one)")
    p.add_argument("--plain-items", action="store_true", help="“1.” item headings not bold")
    p.set_defaults(handler=cmd_export_bulletin)


def options_from_args(args: argparse.Namespace) -> Any:
    from rectdesk import settings
    from rectdesk.core.deadlines import parse_any_date
    from rectdesk.exchange.bulletin_docx import BulletinOptions, Selection

    as_of = parse_any_date(args.as_of) if args.as_of else None
    selection = Selection.ALL if args.problems == "all" else Selection.WITH_PROGRESS
    if args.category:
        selection = Selection.CATEGORY
    template = args.template or (Path(settings.get("bulletin_template")) if settings.get("bulletin_template") else None)
    return BulletinOptions(
        as_of=as_of, selection=selection, category=args.category or "", status_note=args.status_note,
        heading3_bold=False if args.plain_items else bool(settings.get("heading3_bold")),
        bulletin_date=parse_any_date(args.date) if args.date else None, template=template,
        marking=args.marking, normalize_punctuation=not args.keep_punctuation)


def cmd_export_bulletin(args: argparse.Namespace) -> int:
    from datetime import date

    from rectdesk.core.errors import ValidationError
    from rectdesk.exchange.bulletin_docx import write_bulletin
    from rectdesk.store.queries import load_campaign

    if args.out.suffix.lower() != ".docx":
        raise ValidationError(f"输出文件应以 .docx 结尾：{args.out.name}", field="out")
    options = options_from_args(args)
    with open_register(args, read_only=True) as reg:
        cid = campaign_id(reg, args.campaign)
        data = load_campaign(reg, cid, as_of=options.as_of or date.today())
    if args.category and args.category not in {p.category for p in data.problems}:
        raise ValidationError(f"整改任务中没有类别“{args.category}”的问题", field="category")
    report = write_bulletin(data, args.out, options)
    print(report.summary())
    print(f"file: {args.out}")
    return 0
