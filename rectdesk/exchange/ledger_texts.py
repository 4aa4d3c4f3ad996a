"""What the ledger's cells and sheet titles say, shared by the ledger sheet (ledger_xlsx) and
its summary sheets (ledger_summary)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rectdesk.core.deadlines import DeadlineState, deadline_state, format_date_cn
from rectdesk.core.fields import field
from rectdesk.core.model import CampaignData, ExtensionState, MeasureData, ProblemData

LEDGER_SHEET = "整改台账"
SUMMARY_SHEET = "汇总"
OVERDUE_SHEET = "逾期清单"


def column_title(key: str) -> str:
    """A field's column title in the ledger (its label, or the title the layout fixes)."""
    return field(key).ledger_header


NO_LEADER = "未明确" + column_title("leaders")
NO_DEPARTMENT = "未明确" + column_title("lead_department")
EXTENDED_PREFIX = "延期至"


def problem_text(p: ProblemData) -> str:
    return f"{p.title}\n{p.description}" if p.description and p.description != p.title else p.title


def deadline_text(m: MeasureData) -> str:
    """The deadline as written; with an approved extension, the original and the new date."""
    text = m.deadline.text or ("长期坚持" if m.deadline.long_term else format_date_cn(m.deadline.due))
    approved = [e for e in m.extensions if e.state is ExtensionState.APPROVED]
    if approved:
        new = f"{EXTENDED_PREFIX}{format_date_cn(approved[-1].new_due)}"
        text = f"原定{text}\n{new}" if text else new
    return text


def progress_text(m: MeasureData) -> str:
    """The latest progress entry, dated; else the result sentence when it adds something."""
    if m.progress:
        last = max(m.progress, key=lambda g: g.when)
        return f"{format_date_cn(last.when)}：{last.text}"
    return m.result if m.result and m.result != m.text else ""


def evidence_text(items: list[Any]) -> str:
    if not items:
        return ""
    names = [e.title or e.file_name for e in items]
    return f"{len(items)} 份：\n" + "\n".join(f"{i}. {n}" for i, n in enumerate(names, 1))


def sign_off_text(p: ProblemData) -> str:
    if not p.sign_off:
        return ""
    parts = ["已销号", format_date_cn(p.sign_off.signed_on)]
    if p.sign_off.approved_by:
        parts.append(f"审批：{p.sign_off.approved_by}")
    return "\n".join(parts)


def is_overdue(m: MeasureData, today: date) -> bool:
    state = deadline_state(m.effective_due, m.status, today, long_term=m.deadline.long_term)
    return state is DeadlineState.OVERDUE


def title_text(campaign: CampaignData, today: date, what: str = "台账") -> str:
    """"XX整改台账（截至2020年11月2日）"; a title already ending in 整改 is not doubled."""
    name = campaign.title if campaign.title.endswith("整改") else f"{campaign.title}整改"
    return f"{name}{what}（截至{format_date_cn(today)}）"
