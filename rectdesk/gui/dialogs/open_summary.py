"""Shown when a register opens: what is overdue or due soon, grouped by department and leader,
plus re-checks due and extensions waiting for a decision. A click on an item jumps to it."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from rectdesk.core.dashboard_rules import REMINDER_SHOWN
from rectdesk.gui import palette

if TYPE_CHECKING:
    from rectdesk.core.dashboard_rules import ItemRef
    from rectdesk.store.dashboard import CampaignAttention


class OpenSummaryDialog(QDialog):
    item_activated = Signal(int, int)  # problem id, measure id
    # Items listed per group and kind; the rest are counted (open_summary reads no more). A
    # register of 50,000 problems can have 75,000 overdue measures: as HTML they took seconds
    # to lay out, and nobody reads them there (the dashboard lists them all, sortable).
    SHOWN = REMINDER_SHOWN

    def __init__(self, campaigns: list[CampaignAttention], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("到期提醒"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open)
        self.browser.setHtml(self.html(campaigns))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def html(self, campaigns: list[CampaignAttention]) -> str:
        parts = []
        for camp in campaigns:
            if camp.empty:
                continue
            parts.append(f"<h3>{escape(camp.title)}</h3>")
            parts.append("<p>" + self.tr("整改措施：逾期 {0} 条，{1} 天内到期 {2} 条，{3} 天内到期 {4} 条").format(
                camp.overdue, camp.warn_days, camp.due_soon, camp.notice_days, camp.notice) + "</p>")
            for g in camp.groups:
                parts.append(f"<h4>{escape(g.department)}　{escape(g.leaders)}</h4><ul>")
                parts += self._lis(g.overdue, g.totals[0], self.tr("逾期 {0} 天"), palette.OVERDUE)
                parts += self._lis(g.due_soon, g.totals[1], self.tr("剩 {0} 天"), palette.DUE_SOON)
                parts += self._lis(g.notice, g.totals[2], self.tr("剩 {0} 天"), palette.MUTED)
                parts.append("</ul>")
            if camp.rechecks_due:
                parts.append("<p>" + self.tr("待回头看：") + "、".join(
                    f"{self.tr('问题')} {r.number}" for r in camp.rechecks_due) + "</p>")
            if camp.extensions_pending:
                parts.append("<p>" + self.tr("待审批延期：") + "、".join(camp.extensions_pending) + "</p>")
        return "".join(parts) or "<p>" + self.tr("没有逾期或即将到期的措施。") + "</p>"

    def _lis(self, items: list[ItemRef], total: int, when: str, colour: str) -> list[str]:
        """The first items, then how many more there are (`total` counts them all)."""
        shown = items[:self.SHOWN]
        out = [self._li(i, when.format(i.days), colour) for i in shown]
        if total > len(shown):
            out.append(f'<li style="color:{colour}">' + self.tr("……另有 {0} 条（见 视图 → 仪表盘）").format(
                total - len(shown)) + "</li>")
        return out

    @staticmethod
    def _li(item: ItemRef, when: str, colour: str) -> str:
        text = " ".join(item.text.split())[:40]
        return (f'<li><a href="item:{item.problem_id}:{item.measure_id}">{item.label}</a> '
                f'<span style="color:{colour}">【{when}】</span> {escape(item.deadline_text)} {escape(text)}</li>')

    def _open(self, url: QUrl) -> None:
        parts = url.toString().split(":")
        if len(parts) == 3 and parts[0] == "item":
            self.item_activated.emit(int(parts[1]), int(parts[2]))
