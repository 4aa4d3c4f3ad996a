"""Deadline commands: sign-off (销号) and its sheet, extensions, re-checks (回头看), the dashboard.

Thin wrappers over rectdesk.store.services; items are addressed by their numbers (--problem 7,
--measure 7.2) as the ledger prints them.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectdesk.commands.common import add_campaign_option, campaign_id, open_register
from rectdesk.core.fields import label

if TYPE_CHECKING:
    from rectdesk.core.dashboard_rules import DashboardData
    from rectdesk.store.register import Register


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sign-off", parents=[common], help="sign a problem off (销号)")
    _problem_args(p)
    p.add_argument("--approver", required=True, help="who approves the sign-off")
    p.add_argument("--date", help="sign-off date (default: today)")
    p.add_argument("--opinion", default="", help="sign-off opinion (销号意见)")
    p.set_defaults(handler=cmd_sign_off)

    p = sub.add_parser("signoff-sheet", parents=[common], help="write a problem's sign-off sheet (.docx)")
    _problem_args(p)
    p.add_argument("--out", required=True, type=Path, help="the .docx file to write")
    p.add_argument("--marking", metavar="TEXT",
                   help="marking printed top left (default: the campaign's; '' for none)")
    p.set_defaults(handler=cmd_signoff_sheet)

    p = sub.add_parser("recheck", parents=[common], help="record a re-check (回头看) of a signed-off problem")
    _problem_args(p)
    p.add_argument("--result", required=True, choices=["巩固", "反弹"], help="反弹 reopens the problem")
    p.add_argument("--date", help="re-check date (default: today)")
    p.add_argument("--note", default="", help="what the re-check found")
    p.add_argument("--by", default="", help="who checked (default: the operator)")
    p.set_defaults(handler=cmd_recheck)

    p = sub.add_parser("extension", parents=[common], help="request or decide a deadline extension")
    ext = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = ext.add_parser("request", parents=[common], help="request a later deadline for a measure")
    _measure_args(q)
    q.add_argument("--new-date", required=True, help="the requested deadline")
    q.add_argument("--reason", required=True)
    q.add_argument("--by", default="", help="who asks (default: the operator)")
    q.add_argument("--date", help="request date (default: today)")
    q.set_defaults(handler=cmd_extension_request)
    q = ext.add_parser("decide", parents=[common], help="approve or reject a measure's pending request")
    _measure_args(q)
    verdict = q.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    q.add_argument("--by", required=True, help="who decides")
    q.add_argument("--date", help="decision date (default: today)")
    q.set_defaults(handler=cmd_extension_decide)

    p = sub.add_parser("dashboard", parents=[common], help="completion rate, owners, overdue and due soon")
    add_campaign_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--today", help=argparse.SUPPRESS)  # tests pin the date
    p.set_defaults(handler=cmd_dashboard)


def _problem_args(p: argparse.ArgumentParser) -> None:
    add_campaign_option(p)
    p.add_argument("--problem", required=True, metavar="N", help="problem number, e.g. 7")


def _measure_args(p: argparse.ArgumentParser) -> None:
    add_campaign_option(p)
    p.add_argument("--measure", required=True, metavar="N.M", help="measure number, e.g. 7.2")


def _problem_id(reg: Register, args: argparse.Namespace) -> int:
    from rectdesk.store.queries import resolve_problem

    cid = campaign_id(reg, args.campaign)
    with reg.reading() as s:
        return resolve_problem(s, cid, args.problem)


def _measure_id(reg: Register, args: argparse.Namespace) -> int:
    from rectdesk.store.queries import resolve_measure

    cid = campaign_id(reg, args.campaign)
    with reg.reading() as s:
        return resolve_measure(s, cid, args.measure)


def _day(value: str | None) -> date | str:
    return value if value else date.today()


def cmd_sign_off(args: argparse.Namespace) -> int:
    from rectdesk import settings
    from rectdesk.store import services

    values = settings.load()
    with open_register(args) as reg:
        pid = _problem_id(reg, args)
        services.sign_off(reg, pid, _day(args.date), args.approver, args.opinion,
                          require_evidence=bool(values["require_evidence_for_signoff"]),
                          recheck_months=int(values["recheck_months"]))
        from rectdesk.store.dashboard import recheck_view

        view = recheck_view(reg, pid)
    assert view.sign_off is not None
    due = f"，回头看日期 {view.recheck_due.isoformat()}" if view.recheck_due else ""
    print(f"问题 {args.problem} 已销号（{view.sign_off.signed_on.isoformat()}，{view.sign_off.approved_by}）{due}")
    return 0


def cmd_signoff_sheet(args: argparse.Namespace) -> int:
    from rectdesk.exchange.signoff_sheet import write_signoff_sheet
    from rectdesk.store.queries import load_campaign

    with open_register(args, read_only=True) as reg:
        pid = _problem_id(reg, args)
        cid = campaign_id(reg, args.campaign)
        data = load_campaign(reg, cid)
    problem = next(p for p in data.problems if p.id == pid)
    report = write_signoff_sheet(data, problem, args.out, marking=args.marking)
    print(report.summary())
    return 0


def cmd_recheck(args: argparse.Namespace) -> int:
    from rectdesk.store import services

    with open_register(args) as reg:
        pid = _problem_id(reg, args)
        services.add_recheck(reg, pid, _day(args.date), args.result, args.note, args.by)
    tail = "，问题已重新打开" if args.result == "反弹" else ""
    print(f"问题 {args.problem} 回头看：{args.result}{tail}")
    return 0


def cmd_extension_request(args: argparse.Namespace) -> int:
    from rectdesk.core.deadlines import parse_any_date
    from rectdesk.store import services
    from rectdesk.store.dashboard import measure_deadline_view

    with open_register(args) as reg:
        mid = _measure_id(reg, args)
        requested_on = parse_any_date(args.date)
        services.request_extension(reg, mid, args.new_date, args.reason, args.by, requested_on)
        view = measure_deadline_view(reg, mid)
    print(f"措施 {view.label} 延期申请已登记：{view.deadline_text or '未设时限'} → "
          f"{view.pending[0].new_due.isoformat()}（待审批）")
    return 0


def cmd_extension_decide(args: argparse.Namespace) -> int:
    from rectdesk.core.deadlines import parse_any_date
    from rectdesk.core.errors import ValidationError
    from rectdesk.store import services
    from rectdesk.store.dashboard import measure_deadline_view

    with open_register(args) as reg:
        mid = _measure_id(reg, args)
        view = measure_deadline_view(reg, mid)
        if not view.pending:
            raise ValidationError(f"措施 {view.label} 没有待审批的延期申请", field="extension")
        decided_on = parse_any_date(args.date)
        ext_id = view.pending[0].id
        assert ext_id is not None
        services.decide_extension(reg, ext_id, bool(args.approve), args.by, decided_on)
        view = measure_deadline_view(reg, mid)
    due = view.effective_due.isoformat() if view.effective_due else "未设时限"
    print(f"措施 {view.label} 延期申请{'已批准' if args.approve else '已驳回'}，现行时限 {due}")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from rectdesk.store.dashboard import dashboard

    today = date.fromisoformat(args.today) if args.today else date.today()
    with open_register(args, read_only=True) as reg:
        data = dashboard(reg, campaign_id(reg, args.campaign), today=today)
    if args.json:
        print(json.dumps(dashboard_json(data), ensure_ascii=False))
        return 0
    for line in dashboard_lines(data):
        print(line)
    return 0


def dashboard_json(d: DashboardData) -> dict[str, Any]:
    def item(i: Any) -> dict[str, Any]:
        return {"label": i.label, "lead_department": i.lead_department, "leaders": list(i.leaders),
                "deadline": i.deadline_text, "due": i.due.isoformat() if i.due else None,
                "extended": i.extended, "days": i.days}

    return {
        "today": d.today.isoformat(), "campaign": d.campaign_title,
        "problems": d.problems, "measures": d.measures,
        "completion_rate": round(d.completion_rate, 4),
        "problem_completion_rate": round(d.problem_completion_rate, 4),
        "measures_by_status": d.measures_by_status, "problems_by_status": d.problems_by_status,
        "deadline_states": d.states,
        "by_department": [asdict(g) for g in d.by_department],
        "by_leader": [asdict(g) for g in d.by_leader],
        "overdue": [item(i) for i in d.overdue], "due_soon": [item(i) for i in d.due_soon],
        "notice": [item(i) for i in d.notice],
        "weekly_completions": [{"week": w.week_start.isoformat(), "count": w.count} for w in d.weekly],
        "completed_undated": d.completed_undated, "signed_off": d.signed_off,
        "recheck_due": [r.number for r in d.rechecks_due],
        "extensions_pending": d.extensions_pending, "mechanisms": d.mechanisms,
    }


def dashboard_lines(d: DashboardData) -> list[str]:
    def labels(items: list[Any]) -> str:
        return "、".join(i.label for i in items) or "无"

    return [
        f"{d.campaign_title}（{d.today.isoformat()}）",
        f"措施 {d.measures} 条，已完成 {d.done} 条，完成率 {d.completion_rate:.1%}；"
        f"问题 {d.problems} 个，已销号 {d.signed_off} 个",
        "措施状态：" + "，".join(f"{k} {v}" for k, v in d.measures_by_status.items()),
        f"逾期 {len(d.overdue)} 条：{labels(d.overdue)}",
        f"{d.warn_days} 日内到期 {len(d.due_soon)} 条：{labels(d.due_soon)}",
        f"{d.warn_days + 1}–{d.notice_days} 日内到期 {len(d.notice)} 条：{labels(d.notice)}",
        f"按{label('lead_department')}（完成/推进/逾期）：" + "；".join(
            f"{g.name} {g.done}/{g.in_progress}/{g.overdue}" for g in d.by_department),
        f"按{label('leaders')}（完成/推进/逾期）：" + "；".join(
            f"{g.name} {g.done}/{g.in_progress}/{g.overdue}" for g in d.by_leader),
        f"待回头看 {len(d.rechecks_due)} 个，待审批延期 {len(d.extensions_pending)} 条",
    ]
