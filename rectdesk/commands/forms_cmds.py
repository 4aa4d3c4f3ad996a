"""Department feedback forms and the weekly report: export-forms, import-forms, snapshot,
weekly-report.

import-forms never overwrites a register change without a choice: when a measure changed in the
register after its form was issued, the import stops (exit 2, nothing written) and prints both
sides unless --keep-register-on-conflict or --take-form-on-conflict says which one wins.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rectdesk.commands.common import add_campaign_option, campaign_id, open_register


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export-forms", parents=[common],
                       help="write one feedback form (.xlsx) per lead department")
    add_campaign_option(p)
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write into")
    p.add_argument("--due", metavar="DATE", help="date the forms are due back (default: in 7 days)")
    p.add_argument("--department", action="append", default=[], metavar="NAME",
                   help="only this lead department (repeatable)")
    p.add_argument("--include-done", action="store_true", help="also list completed measures")
    p.set_defaults(handler=cmd_export_forms)

    p = sub.add_parser("import-forms", parents=[common], help="merge returned feedback forms")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show every change; write nothing")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--keep-register-on-conflict", action="store_true",
                        help="a measure changed in the register since the form was issued: keep the register")
    choice.add_argument("--take-form-on-conflict", action="store_true",
                        help="a measure changed in the register since the form was issued: add the form's entry anyway")
    p.set_defaults(handler=cmd_import_forms)

    p = sub.add_parser("snapshot", parents=[common], help="record this week's state (本周快照)")
    add_campaign_option(p)
    p.add_argument("--date", metavar="DATE", help="date of the snapshot (default: today)")
    p.set_defaults(handler=cmd_snapshot)

    p = sub.add_parser("weekly-report", parents=[common],
                       help="what changed since the last snapshot (.docx or .xlsx)")
    add_campaign_option(p)
    p.add_argument("--since", metavar="DATE", help="compare with the snapshot taken on or before DATE "
                   "(default: the latest)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.docx|.xlsx")
    p.add_argument("--snapshot", action="store_true", help="take a new snapshot after writing the report")
    p.add_argument("--signature", metavar="TEXT", default="整改办",
                   help="who signs the report (default: 整改办, the office that writes it)")
    p.add_argument("--marking", metavar="TEXT",
                   help="marking printed top left (default: the campaign's; '' for none)")
    p.set_defaults(handler=cmd_weekly_report)


def _date(text: str | None, default: date | None = None) -> date | None:
    from rectdesk.core.deadlines import parse_any_date

    return parse_any_date(text) if text else default


def cmd_export_forms(args: argparse.Namespace) -> int:
    from rectdesk.exchange.feedback_forms import form_file_name, write_form
    from rectdesk.store.forms import issue_forms

    due = _date(args.due, date.today() + timedelta(days=7))
    args.out.mkdir(parents=True, exist_ok=True)
    with open_register(args) as reg:
        cid = campaign_id(reg, args.campaign)
        report = issue_forms(reg, cid, args.out, due, write=write_form, name=form_file_name,
                             departments=args.department or None, include_done=args.include_done)
    print(report.summary())
    for f in report.forms:
        print(f"  {f.department}：{f.path.name}（{f.rows} 条）")
    return 0


def cmd_import_forms(args: argparse.Namespace) -> int:
    from rectdesk.core.errors import RectDeskError

    failed = 0
    with open_register(args) as reg:
        for path in args.files:
            try:
                _import_one(reg, path, args)
            except RectDeskError as exc:
                failed += 1
                print(f"rectdesk: 错误：{exc}", file=sys.stderr)
    return 2 if failed else 0


def _import_one(reg: Any, path: Path, args: argparse.Namespace) -> None:
    from rectdesk.core.errors import ValidationError
    from rectdesk.exchange.feedback_forms import read_form
    from rectdesk.store import forms

    preview = forms.preview_import(reg, read_form(path), path)
    for line in preview.lines():
        print(line)
    if args.dry_run:
        print("dry run: nothing written")
        return
    on_conflict = (forms.Decision.KEEP_REGISTER if args.keep_register_on_conflict else
                   forms.Decision.TAKE_FORM if args.take_form_on_conflict else None)
    if preview.conflicts and on_conflict is None:
        raise ValidationError(f"{len(preview.conflicts)} 条措施在表单下发后已在台账中修改，未导入任何内容："
                              "请加 --keep-register-on-conflict（保留台账）或 --take-form-on-conflict"
                              "（采用表单）后重新导入", file=path.name)
    result = forms.apply_import(reg, preview, forms.decisions_for(preview, on_conflict))
    print(result.summary())


def cmd_snapshot(args: argparse.Namespace) -> int:
    from rectdesk.store.weekly import take_snapshot

    with open_register(args) as reg:
        info = take_snapshot(reg, campaign_id(reg, args.campaign), _date(args.date))
    print(f"已记录快照：{info.label}（{info.measures} 条措施）")
    return 0


def cmd_weekly_report(args: argparse.Namespace) -> int:
    from rectdesk.core.errors import ValidationError
    from rectdesk.exchange.weekly_report import write_weekly_docx, write_weekly_xlsx
    from rectdesk.store.weekly import take_snapshot, weekly_data

    suffix = args.out.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise ValidationError("周报文件应以 .docx 或 .xlsx 结尾", field="out", file=str(args.out))
    with open_register(args, read_only=True) as reg:
        cid = campaign_id(reg, args.campaign)
        data = weekly_data(reg, cid, since=_date(args.since), signature=args.signature)
        write = write_weekly_docx if suffix == ".docx" else write_weekly_xlsx
        report = write(data, args.out, marking=args.marking)
        if args.snapshot:
            take_snapshot(reg, cid)
    print(report.summary())
    if data.changed:
        print("变化的措施：" + "、".join(data.changed_labels))
    return 0
