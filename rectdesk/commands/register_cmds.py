"""Foundation commands: demo, import-bulletin, summary."""

from __future__ import annotations

import argparse
import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

from rectdesk import paths
from rectdesk.commands.common import add_campaign_option, campaign_id, open_register, register_path


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="create the demo register and open it")
    p.add_argument("--no-gui", action="store_true", help="only create the register")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("import-bulletin", parents=[common],
                       help="import a published bulletin (.txt/.docx/.pdf/.html/.mhtml)")
    p.add_argument("file", type=Path)
    again = p.add_mutually_exclusive_group()  # the same document, or a campaign of its title
    again.add_argument("--update", action="store_true",
                       help="merge into the campaign imported before: new problems and measures added")
    again.add_argument("--as-new", action="store_true", help="import as a new campaign all the same")
    p.add_argument("--report", type=Path, metavar="FILE.json",
                   help="also write what the import found and was unsure of, as JSON")
    p.set_defaults(handler=cmd_import_bulletin)

    p = sub.add_parser("summary", parents=[common], help="counts by status, overdue and due soon")
    add_campaign_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--today", help=argparse.SUPPRESS)  # tests pin the date
    p.set_defaults(handler=cmd_summary)


def create_demo(path: Path) -> bool:
    """Create the demo register at `path` unless it exists; True when it was created."""
    if path.exists():
        return False
    from rectdesk.exchange.demo import demo_campaign
    from rectdesk.store import services
    from rectdesk.store.register import Register

    path.parent.mkdir(parents=True, exist_ok=True)
    with Register.open(path) as reg:
        services.import_campaign(reg, demo_campaign(), source="示例通报")
    return True


def cmd_demo(args: argparse.Namespace) -> int:
    path = Path(args.db) if args.db else paths.demo_register()
    created = create_demo(path)
    print(f"{'created' if created else 'exists'}: {path}")
    if args.no_gui:
        return 0
    from rectdesk.commands.gui_cmd import open_gui

    return open_gui(str(path))


_FLAG_LINES = 20


def cmd_import_bulletin(args: argparse.Namespace) -> int:
    from rectdesk.core.errors import ImportFormatError, RectDeskError
    from rectdesk.exchange.bulletin_import import read_bulletin
    from rectdesk.store import services

    try:  # parse fully before touching the register
        campaign, report = read_bulletin(args.file)
    except RectDeskError:
        raise
    except Exception as exc:  # noqa: BLE001 - a file we cannot read is the user's to fix, not a crash
        logging.getLogger(__name__).exception("import-bulletin failed on %s", args.file)
        raise ImportFormatError(f"无法解析该文件（{type(exc).__name__}），详情已写入日志",
                                file=Path(args.file).name) from exc
    with open_register(args, create=True) as reg:
        target = _repeated_campaign(reg, campaign, args)
        changes = services.import_campaign(reg, campaign, into_campaign=target, merge=target is not None,
                                           source=args.file.name, source_name=args.file.name,
                                           backup=True)
    if target is not None:
        added = sum(1 for kind, _ in changes.created if kind == "problem")
        print(f"已更新整改任务 {target}：新增问题 {added} 个，"
              f"新增措施 {len(changes.created) - added} 条，已有内容未改动")
    print(report.summary())
    if report.flags:  # what the importer was unsure of: the office checks these in the register
        print(f"需要核对 {len(report.flags)} 处：")
        for flag in report.flags[:_FLAG_LINES]:
            print(f"  {flag.line()}")
        if len(report.flags) > _FLAG_LINES:
            print(f"  ……另有 {len(report.flags) - _FLAG_LINES} 处" + ("，见 --report 文件" if args.report else ""))
    if args.report:
        args.report.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"register: {register_path(args)}")
    return 0


def _repeated_campaign(reg: Any, campaign: Any, args: argparse.Namespace) -> int | None:
    """The campaign to update, None to add a new one; refused when the document (or a campaign
    of its title) is already in the register and neither --update nor --as-new was given."""
    from rectdesk.core.errors import RectDeskError
    from rectdesk.store.queries import same_campaigns

    found = [] if args.as_new else same_campaigns(reg, campaign.title, campaign.digest())
    if not found:
        if args.update:
            raise RectDeskError("台账中没有以前导入的同一文件或同名整改任务，无法更新；请去掉 --update")
        return None
    cid, title, why = found[0]
    if args.update:
        return int(cid)
    what = "同一文件已导入为" if why == "source" else "已有同名整改任务"
    raise RectDeskError(f"{what}“{title}”（编号 {cid}）：加 --update 更新该整改任务，"
                        "或加 --as-new 作为新的整改任务导入")


def cmd_summary(args: argparse.Namespace) -> int:
    from rectdesk.store.queries import campaigns, summary

    today = date.fromisoformat(args.today) if args.today else date.today()
    with open_register(args, read_only=True) as reg:
        cid = campaign_id(reg, args.campaign) if args.campaign else None
        result = summary(reg, cid, today=today)
        # Item numbers restart in every campaign: name the campaign when there are several.
        per_campaign = ([(cid_, summary(reg, cid_, today=today)) for cid_, _ in campaigns(reg)]
                        if cid is None and result["campaigns"] > 1 else [])
    if args.json:
        if per_campaign:  # item numbers restart per campaign: the lists by campaign id too
            result["by_campaign"] = {str(c): {"overdue": part["overdue"], "due_soon": part["due_soon"]}
                                     for c, part in per_campaign}
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"整改任务 {result['campaigns']} 个，问题 {result['problems']} 个，措施 {result['measures']} 条")
    print("措施状态：" + "，".join(f"{k} {v}" for k, v in result["measures_by_status"].items()))
    for key, caption in (("overdue", "逾期"), ("due_soon", "7 日内到期")):
        print(f"{caption} {len(result[key])} 条：" + _labels(result[key], per_campaign, key))
    print(f"已销号 {result['signed_off']} 个，待回头看 {result['recheck_due']} 个，"
          f"待审批延期 {result['extensions_pending']} 条")
    return 0


def _labels(labels: list[str], per_campaign: list[tuple[int, dict[str, Any]]], key: str) -> str:
    if not labels:
        return "无"
    if not per_campaign:
        return "、".join(labels)
    return "；".join(f"任务 {cid} " + "、".join(part[key]) for cid, part in per_campaign if part[key])
