"""The reminder (到期提醒) opens by itself for a register of any size: it used to be switched off
above 2,000 problems while it loaded whole campaigns through the ORM."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from driver import wait_for_tasks
from prepared import WINDOW_TODAY

from rectdesk.core.model import CampaignData, Deadline, MeasureData, MeasureStatus, ProblemData

PROBLEMS = 2100
# (problem number, days overdue, measure text): the measures the reminder must name.
OVERDUE = [(7, 3, "完善扬尘治理台账"), (1500, 40, "整改排污许可执法检查"), (2100, 1, "补齐干部档案材料")]
# Another owner with more overdue measures than the reminder lists per group (it counts the rest).
FINANCE = range(1000, 1012)


def _register(path: Path) -> Path:
    """2,100 problems written in one import (bulk inserts): all done but 3 + 12 overdue measures."""
    from rectdesk.store import services
    from rectdesk.store.register import Register

    data = CampaignData(title="大型整改任务")
    late = {n: (days, text) for n, days, text in OVERDUE}
    for n in range(1, PROBLEMS + 1):
        p = ProblemData(title=f"问题{n}", number=n)
        if n in late:
            days, text = late[n]
            due = WINDOW_TODAY - timedelta(days=days)
            p.measures.append(MeasureData(text=text, lead_department="环境监管处", leaders=["周局长"],
                                          deadline=Deadline(f"{due.year}年{due.month}月{due.day}日", due),
                                          status=MeasureStatus.IN_PROGRESS))
        elif n in FINANCE:
            due = WINDOW_TODAY - timedelta(days=n - 990)
            p.measures.append(MeasureData(text=f"财务措施{n}", lead_department="财务处", leaders=["王局长"],
                                          deadline=Deadline(f"{due.year}年{due.month}月{due.day}日", due)))
        else:
            p.measures.append(MeasureData(text=f"措施{n}", lead_department="办公室",
                                          status=MeasureStatus.DONE, completed_on=WINDOW_TODAY))
        data.problems.append(p)
    with Register.open(path, operator="测试员") as reg:
        services.import_campaign(reg, data, source="test")
    return path


def test_reminder_opens_by_itself_above_2000_problems_and_names_the_overdue(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from rectdesk.gui.dialogs.open_summary import OpenSummaryDialog
    from rectdesk.gui.main_window import MainWindow

    w = MainWindow(_register(tmp_path / "big.rectdesk"), today=WINDOW_TODAY)
    qtbot.addWidget(w)
    w.show()
    wait_for_tasks()

    def dialog() -> OpenSummaryDialog | None:
        shown = [d for d in w.findChildren(OpenSummaryDialog) if d.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: dialog() is not None, timeout=20000)
    assert sum(r.problems for r in w.campaign_model.rows()) == PROBLEMS
    text = dialog().browser.toPlainText()  # type: ignore[union-attr]
    assert "整改措施：逾期 15 条" in text and "环境监管处" in text and "周局长" in text
    for number, days, measure in OVERDUE:
        assert f"{number}.1 【逾期 {days} 天】" in text and measure in text
    listed = [n for n in FINANCE if f"财务措施{n}" in text]
    assert listed == list(FINANCE)[:10] and "……另有 2 条" in text
    assert "措施8" not in text  # done measures are not listed
