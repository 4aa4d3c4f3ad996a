"""Sign-off (销号), re-checks (回头看) and extensions as the register records them, and the
counts `rectdesk summary` reports for them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from rectdesk.core.errors import ValidationError
from rectdesk.core.model import ExtensionState, MeasureStatus, RecheckResult
from rectdesk.store import queries, services
from rectdesk.store.dashboard import measure_deadline_view, recheck_view, signoff_view
from rectdesk.store.models import ChangeLog, Evidence


@pytest.fixture
def reg(empty_register):
    services.create_campaign(empty_register, "巡察整改", feedback_date="2020-07-13")
    services.add_problem(empty_register, 1, "对派出机构管理还有缺失")
    return empty_register


def problem(reg, number=1):
    return queries.load_campaign(reg, 1).problems[number - 1]


def add_measures(reg, *specs):
    pid = problem(reg).id
    for text, fields in specs:
        services.add_measure(reg, pid, text, **fields)
    return pid, [m.id for m in problem(reg).measures]


def attach(reg, measure_id, name="通知.pdf"):
    with reg.transaction() as s:
        s.add(Evidence(measure_id=measure_id, sha256="a" * 64, file_name=name, title=name))


def test_blockers_name_each_measure_that_is_not_ready(reg):
    pid, (m1, m2, m3) = add_measures(
        reg, ("修订制度", {"status": "已完成"}), ("开展培训", {"status": "正在推进"}),
        ("常态化检查", {"status": "长期坚持"}))
    attach(reg, m1)
    view = signoff_view(reg, pid, require_evidence=True)
    assert not view.can_sign_off
    assert view.blockers == ["措施 1.2 尚未完成（正在推进）", "措施 1.2 没有佐证材料",
                             "措施 1.3 为长期坚持，但尚无阶段性成果", "措施 1.3 没有佐证材料"]
    assert signoff_view(reg, pid, require_evidence=False).blockers == [
        "措施 1.2 尚未完成（正在推进）", "措施 1.3 为长期坚持，但尚无阶段性成果"]


def test_long_term_with_a_stage_result_and_evidence_can_be_signed_off(reg):
    pid, (m1, m2) = add_measures(reg, ("修订制度", {"status": "已完成"}),
                                 ("常态化检查", {"status": "长期坚持"}))
    attach(reg, m1)
    attach(reg, m2, "检查记录.pdf")
    with pytest.raises(ValidationError, match="阶段性成果"):
        services.sign_off(reg, pid, "2020-12-01", "王主任")
    services.record_progress(reg, m2, "2020-11-20", "已开展两轮专项检查")
    assert signoff_view(reg, pid).can_sign_off
    services.sign_off(reg, pid, "2020-12-01", "王主任", "整改到位，同意销号", recheck_months=3)
    p = problem(reg)
    assert (p.sign_off.signed_on, p.sign_off.approved_by, p.sign_off.opinion) == \
        (date(2020, 12, 1), "王主任", "整改到位，同意销号")
    assert p.recheck_due == date(2021, 3, 1)
    view = signoff_view(reg, pid)
    assert view.sign_off is not None and not view.can_sign_off and view.blockers == []


def test_removed_evidence_does_not_count(reg):
    pid, (m1,) = add_measures(reg, ("修订制度", {"status": "已完成"}))
    with reg.transaction() as s:
        s.add(Evidence(measure_id=m1, sha256="b" * 64, file_name="旧.pdf", removed_at=datetime(2020, 11, 1, 9, 0)))
    assert signoff_view(reg, pid, require_evidence=True).blockers == ["措施 1.1 没有佐证材料"]


def test_a_failed_sign_off_writes_nothing(reg):
    pid, _ = add_measures(reg, ("修订制度", {"status": "正在推进"}))
    with pytest.raises(ValidationError):
        services.sign_off(reg, pid, "2020-12-01", "王主任", require_evidence=False)
    assert problem(reg).sign_off is None and problem(reg).recheck_due is None
    with reg.reading() as s:
        assert "sign_off" not in s.scalars(select(ChangeLog.action)).all()


def test_consolidated_recheck_keeps_the_sign_off_and_clears_the_due_date(reg):
    pid, _ = add_measures(reg, ("修订制度", {"status": "已完成"}))
    services.sign_off(reg, pid, "2020-12-01", "王主任", require_evidence=False)
    assert queries.summary(reg, today=date(2021, 2, 28))["recheck_due"] == 0
    assert queries.summary(reg, today=date(2021, 3, 1))["recheck_due"] == 1
    services.add_recheck(reg, pid, "2021-03-02", "巩固", "制度执行良好", checked_by="督查室")
    p = problem(reg)
    assert p.sign_off is not None and p.recheck_due is None
    assert [(r.result, r.checked_by) for r in p.rechecks] == [(RecheckResult.CONSOLIDATED, "督查室")]
    assert queries.summary(reg, today=date(2021, 6, 1))["recheck_due"] == 0


def test_relapse_reopens_keeps_history_and_allows_a_second_sign_off(reg):
    pid, (m1,) = add_measures(reg, ("修订制度", {"status": "已完成"}))
    services.sign_off(reg, pid, "2020-12-01", "王主任", require_evidence=False)
    services.add_recheck(reg, pid, "2021-03-02", "反弹", "制度未执行")
    p = problem(reg)
    assert p.sign_off is None and p.measures[0].status is MeasureStatus.IN_PROGRESS
    assert queries.summary(reg)["signed_off"] == 0
    view = recheck_view(reg, pid)
    assert [(r.result, r.note) for r in view.rechecks] == [(RecheckResult.RELAPSED, "制度未执行")]
    with reg.reading() as s:
        log = s.execute(select(ChangeLog.action, ChangeLog.new_value)
                        .where(ChangeLog.entity == "problem").order_by(ChangeLog.id)).all()
    assert [a for a, _ in log][-3:] == ["sign_off", "recheck", "reopen"]
    assert "制度未执行" in log[-1].new_value
    services.set_status(reg, m1, "已完成")
    services.sign_off(reg, pid, "2021-04-01", "王主任", require_evidence=False)
    assert problem(reg).sign_off.signed_on == date(2021, 4, 1)
    assert len(recheck_view(reg, pid).rechecks) == 1  # the relapse is still on record


def test_extension_rejected_keeps_the_original_deadline_in_force(reg):
    _, (m1,) = add_measures(reg, ("修订制度", {"deadline": "2020年11月底", "status": "正在推进"}))
    services.request_extension(reg, m1, "2021-01-31", "等待上级文件", requested_by="办公室",
                               requested_on=date(2020, 11, 20))
    assert queries.summary(reg, today=date(2020, 12, 5))["extensions_pending"] == 1
    assert measure_deadline_view(reg, m1).pending[0].reason == "等待上级文件"
    ext_id = measure_deadline_view(reg, m1).extensions[0].id
    services.decide_extension(reg, ext_id, approve=False, decided_by="王主任", decided_on=date(2020, 11, 25))
    view = measure_deadline_view(reg, m1)
    assert view.effective_due == view.original_due == date(2020, 11, 30)
    assert view.extensions[0].state is ExtensionState.REJECTED and view.extensions[0].decided_by == "王主任"
    s = queries.summary(reg, today=date(2020, 12, 5))
    assert s["overdue"] == ["1.1"] and s["extensions_pending"] == 0


def test_approved_extension_moves_the_summary_and_a_second_must_go_further(reg):
    _, (m1,) = add_measures(reg, ("修订制度", {"deadline": "2020年11月底", "status": "正在推进"}))
    services.request_extension(reg, m1, "2020-12-31", "等待上级文件")
    services.decide_extension(reg, measure_deadline_view(reg, m1).extensions[0].id, True, "王主任")
    s = queries.summary(reg, today=date(2020, 12, 28))
    assert s["overdue"] == [] and s["due_soon"] == ["1.1"]
    view = measure_deadline_view(reg, m1)
    assert (view.deadline_text, view.original_due, view.effective_due) == \
        ("2020年11月底", date(2020, 11, 30), date(2020, 12, 31))
    with pytest.raises(ValidationError, match="已批准的延期"):
        services.request_extension(reg, m1, "2020-12-15", "再延一次")
    services.request_extension(reg, m1, "2021-02-28", "再延一次")
    services.decide_extension(reg, measure_deadline_view(reg, m1).pending[0].id, True, "王主任")
    assert measure_deadline_view(reg, m1).effective_due == date(2021, 2, 28)
    assert problem(reg).measures[0].effective_due == date(2021, 2, 28)
