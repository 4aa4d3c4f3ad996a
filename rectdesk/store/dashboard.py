"""Read models for the dashboard, the open-register summary and the deadline dialogs.

The numbers are what `rectdesk.core.dashboard_rules.build_dashboard` computes over a loaded
campaign, read in SQL by `store.dashboard_sql`; the reminder's (counts, and the first items of
each attention group) by `store.reminder_sql`, lean enough to run whenever any register opens.
This module picks the warning windows from the user's
settings and shapes what the sign-off, extension and re-check dialogs show. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rectdesk import settings
from rectdesk.core.dashboard_rules import REMINDER_SHOWN, DashboardData, ItemRef
from rectdesk.core.errors import NotFound
from rectdesk.core.model import ExtensionData, ExtensionState, RecheckData, SignOff
from rectdesk.store.dashboard_sql import Unpackable, campaign_figures, campaign_lists
from rectdesk.store.deadline_sql import dbapi
from rectdesk.store.register import Register
from rectdesk.store.reminder_sql import Reminder, campaign_reminder
from rectdesk.store.services import get_measure, get_problem, signoff_blockers


def _windows(warn_days: int | None, notice_days: int | None) -> tuple[int, int]:
    values = settings.load()
    warn = int(values["warn_days"]) if warn_days is None else warn_days
    notice = int(values["notice_days"]) if notice_days is None else notice_days
    return warn, max(warn, notice)


def dashboard(reg: Register, campaign_id: int, *, today: date | None = None,
              warn_days: int | None = None, notice_days: int | None = None,
              lists: bool = True) -> DashboardData:
    """The dashboard's numbers for one campaign; warning windows default to the user's settings.
    Without `lists` the overdue / due-soon / notice lists stay empty (their counts are in
    `states`): the window shows the figures first and reads the lists next (dashboard_lists)."""
    warn, notice = _windows(warn_days, notice_days)
    day = today or date.today()
    with reg.reading() as s:
        con = dbapi(s)
        row = con.execute("SELECT title FROM campaign WHERE id = ?", (campaign_id,)).fetchone()
        if row is None:
            raise NotFound(f"整改任务 {campaign_id} 不存在", field="campaign")
        try:
            data = campaign_figures(con, campaign_id, row[0], day, warn_days=warn,
                                    notice_days=notice)
        except Unpackable:
            pass
        else:
            if lists:
                data.overdue, data.due_soon, data.notice = campaign_lists(
                    con, campaign_id, day, warn_days=warn, notice_days=notice)
            return data
    # Ids no packing holds (a crafted register): the rule itself, over the loaded campaign.
    from rectdesk.core.dashboard_rules import build_dashboard
    from rectdesk.store.queries import load_campaign

    return build_dashboard(load_campaign(reg, campaign_id), day, warn_days=warn,
                           notice_days=notice)


def dashboard_lists(reg: Register, campaign_id: int, *, today: date | None = None,
                    warn_days: int | None = None, notice_days: int | None = None
                    ) -> tuple[list[ItemRef], list[ItemRef], list[ItemRef]]:
    """The dashboard's overdue, due-soon and notice items (what dashboard(lists=False) leaves out)."""
    warn, notice = _windows(warn_days, notice_days)
    with reg.reading() as s:
        return campaign_lists(dbapi(s), campaign_id, today or date.today(), warn_days=warn,
                              notice_days=notice)


@dataclass
class CampaignAttention(Reminder):
    """One campaign in the reminder: its Reminder (counts of overdue / due-soon / notice
    measures, the attention groups listing their first `shown` items per kind, re-checks due,
    extensions waiting) with the campaign and the warning windows it was judged by."""

    campaign_id: int = 0
    title: str = ""
    warn_days: int = 0
    notice_days: int = 0

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.notice or self.rechecks_due
                    or self.extensions_pending)


def open_summary(reg: Register, *, today: date | None = None, warn_days: int | None = None,
                 notice_days: int | None = None, shown: int = REMINDER_SHOWN) -> list[CampaignAttention]:
    """What needs attention in every campaign of a register, for the summary shown on opening:
    every count, but only the first `shown` items of each group and kind (see reminder_sql)."""
    warn, notice = _windows(warn_days, notice_days)
    day = today or date.today()
    out = []
    with reg.reading() as s:  # one snapshot for every campaign
        con = dbapi(s)
        for cid, title in con.execute("SELECT id, title FROM campaign ORDER BY id").fetchall():
            r = campaign_reminder(con, cid, day, warn_days=warn, notice_days=notice, shown=shown)
            out.append(CampaignAttention(**vars(r), campaign_id=cid, title=title,
                                         warn_days=warn, notice_days=notice))
    return out


# -- what the deadline dialogs show ------------------------------------------------------------
@dataclass
class SignoffView:
    problem_id: int
    label: str  # 问题 7
    title: str
    measures: list[tuple[str, str, str]]  # (7.1, status, text)
    blockers: list[str]
    sign_off: SignOff | None
    recheck_due: date | None

    @property
    def can_sign_off(self) -> bool:
        return self.sign_off is None and not self.blockers


def signoff_view(reg: Register, problem_id: int, *, require_evidence: bool | None = None) -> SignoffView:
    """A problem's sign-off state and, when it is open, what still blocks its sign-off."""
    if require_evidence is None:
        require_evidence = bool(settings.get("require_evidence_for_signoff"))
    with reg.reading() as s:
        p = get_problem(s, problem_id)
        measures = [(f"{p.position}.{m.position}", m.status.value, m.text or m.result) for m in p.measures]
        signed = SignOff(p.signed_off_on, p.signed_off_by, p.sign_off_opinion) if p.signed_off_on else None
        blockers = [] if signed else signoff_blockers(s, p, require_evidence)
        return SignoffView(p.id, f"问题 {p.position}", p.title, measures, blockers, signed, p.recheck_due)


@dataclass
class MeasureDeadlineView:
    measure_id: int
    label: str  # 7.2
    text: str
    deadline_text: str
    original_due: date | None
    effective_due: date | None
    long_term: bool
    extensions: list[ExtensionData] = field(default_factory=list)

    @property
    def pending(self) -> list[ExtensionData]:
        return [e for e in self.extensions if e.state is ExtensionState.PENDING]


def measure_deadline_view(reg: Register, measure_id: int) -> MeasureDeadlineView:
    """A measure's deadline as written, its date, the date in force, and every extension request."""
    with reg.reading() as s:
        m = get_measure(s, measure_id)
        exts = [ExtensionData(new_due=x.new_due, reason=x.reason, state=x.state,
                              requested_by=x.requested_by, requested_on=x.requested_on,
                              decided_by=x.decided_by, decided_on=x.decided_on, id=x.id)
                for x in m.extensions]
        approved = [e for e in exts if e.state is ExtensionState.APPROVED]
        effective = approved[-1].new_due if approved else m.deadline_due
        return MeasureDeadlineView(m.id, f"{m.problem.position}.{m.position}", m.text or m.result,
                                   m.deadline_text, m.deadline_due, effective, m.long_term, exts)


@dataclass
class RecheckView:
    problem_id: int
    label: str
    title: str
    sign_off: SignOff | None
    recheck_due: date | None
    rechecks: list[RecheckData]


def recheck_view(reg: Register, problem_id: int) -> RecheckView:
    with reg.reading() as s:
        p = get_problem(s, problem_id)
        signed = SignOff(p.signed_off_on, p.signed_off_by, p.sign_off_opinion) if p.signed_off_on else None
        return RecheckView(p.id, f"问题 {p.position}", p.title, signed, p.recheck_due,
                           [RecheckData(r.checked_on, r.result, r.note, r.checked_by) for r in p.rechecks])


def problem_campaign(reg: Register, problem_id: int) -> int:
    with reg.reading() as s:
        return get_problem(s, problem_id).campaign_id


