"""Every service: what it writes, what it logs, and that a validation error leaves nothing behind."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import func, select

from rectdesk.core.errors import NotFound, ValidationError
from rectdesk.core.model import ExtensionState, MeasureStatus, RecheckResult
from rectdesk.store import queries, services
from rectdesk.store.models import ChangeLog, Evidence, Measure, Problem


def dump(path) -> list[tuple]:
    """Every row of every user table: what 'unchanged' means."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        return [(t, con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]
    finally:
        con.close()


@pytest.fixture
def reg(empty_register):
    services.create_campaign(empty_register, "市委第五巡察组巡察反馈意见整改", kind="巡察",
                             feedback_date="2020-07-13")
    return empty_register


def problem_ids(reg, cid=1):
    with reg.reading() as s:
        return list(s.scalars(select(Problem.id).where(Problem.campaign_id == cid).order_by(Problem.position)))


def titles(reg, cid=1):
    return [p.title for p in queries.load_campaign(reg, cid).problems]


def log_entries(reg, entity):
    with reg.reading() as s:
        return s.execute(select(ChangeLog.action, ChangeLog.field, ChangeLog.old_value, ChangeLog.new_value,
                                ChangeLog.operator).where(ChangeLog.entity == entity)
                         .order_by(ChangeLog.id)).all()


def test_create_and_update_campaign_logs_each_field(reg):
    changes = services.update_campaign(reg, 1, inspecting_body="市委第五巡察组", marking="内部资料 注意保存")
    assert changes.campaigns == {1}
    data = queries.load_campaign(reg, 1)
    assert data.inspecting_body == "市委第五巡察组" and data.feedback_date == date(2020, 7, 13)
    fields = [e.field for e in log_entries(reg, "campaign") if e.action == "update"]
    assert fields == ["inspecting_body", "marking"]
    assert {e.operator for e in log_entries(reg, "campaign")} == {"测试员"}


def test_campaign_validation_rolls_back(reg, empty_register):
    before = dump(reg.path)
    with pytest.raises(ValidationError) as info:
        services.update_campaign(reg, 1, inspecting_body="新的组", period_start="2020-06-01",
                                 period_end="2020-05-01")
    assert info.value.field == "period_end"
    assert dump(reg.path) == before
    with pytest.raises(ValidationError):
        services.create_campaign(reg, "   ")
    with pytest.raises(ValidationError) as info:
        services.update_campaign(reg, 1, feedback_date="2020-13-45")
    assert info.value.field == "feedback_date"
    assert dump(reg.path) == before


def test_add_problems_in_order_and_insert_renumbers(reg):
    services.add_problem(reg, 1, "对派出机构管理还有缺失")
    services.add_problem(reg, 1, "执法机构改革进度缓慢")
    services.add_problem(reg, 1, "属地责任未调整到位", position=2, category="党的建设方面")
    assert titles(reg) == ["对派出机构管理还有缺失", "属地责任未调整到位", "执法机构改革进度缓慢"]
    data = queries.load_campaign(reg, 1)
    assert [p.number for p in data.problems] == [1, 2, 3]
    assert data.problems[1].category == "党的建设方面" and data.categories == ["党的建设方面"]


def test_move_and_delete_problem_keep_numbers_dense(reg):
    for t in ("甲", "乙", "丙", "丁"):
        services.add_problem(reg, 1, f"问题{t}")
    ids = problem_ids(reg)
    services.move_problem(reg, ids[3], 1)
    assert titles(reg) == ["问题丁", "问题甲", "问题乙", "问题丙"]
    changes = services.delete_problem(reg, ids[0])
    assert ("problem", ids[0]) in changes.deleted
    assert titles(reg) == ["问题丁", "问题乙", "问题丙"]
    assert [p.number for p in queries.load_campaign(reg, 1).problems] == [1, 2, 3]
    assert [e.action for e in log_entries(reg, "problem")][-2:] == ["move", "delete"]


def test_update_problem_fields_and_unknown_field(reg):
    services.add_problem(reg, 1, "旧标题")
    pid = problem_ids(reg)[0]
    services.update_problem(reg, pid, title="新标题", description="巡察发现……", category="作风方面")
    p = queries.load_campaign(reg, 1).problems[0]
    assert (p.title, p.description, p.category) == ("新标题", "巡察发现……", "作风方面")
    with pytest.raises(ValidationError):
        services.update_problem(reg, pid, colour="red")
    with pytest.raises(NotFound):
        services.update_problem(reg, 999, title="x")


def test_measures_full_fields_and_people_lists(reg):
    services.add_problem(reg, 1, "市控入江支流治理成效不明显")
    pid = problem_ids(reg)[0]
    services.add_measure(reg, pid, "加强入江支流治理", leaders="王强、李华", lead_department="水生态环境处",
                         cooperating=["生态环境监测处", "综合规划处", "生态环境监测处"], deadline="2020年12月底")
    services.add_measure(reg, pid, "加强水质自动站建设", deadline="长期坚持", status="正在推进")
    m1, m2 = queries.load_campaign(reg, 1).problems[0].measures
    assert m1.leaders == ["王强", "李华"] and m1.lead_department == "水生态环境处"
    assert m1.cooperating == ["生态环境监测处", "综合规划处"]
    assert m1.deadline.text == "2020年12月底" and m1.deadline.due == date(2020, 12, 31)
    assert m2.deadline.long_term and m2.status is MeasureStatus.IN_PROGRESS
    services.update_measure(reg, m1.id, leaders="赵丽、张明", cooperating="综合规划处、办公室")
    m1 = queries.load_campaign(reg, 1).problems[0].measures[0]
    assert m1.leaders == ["赵丽", "张明"]  # the order typed, not the order of creation
    assert m1.cooperating == ["综合规划处", "办公室"]
    services.update_measure(reg, m1.id, leaders=["李华"], status="已完成", completed_on="2020-11-30")
    m1 = queries.load_campaign(reg, 1).problems[0].measures[0]
    assert m1.leaders == ["李华"] and m1.status is MeasureStatus.DONE and m1.completed_on == date(2020, 11, 30)
    logged = [(e.field, e.old_value, e.new_value) for e in log_entries(reg, "measure") if e.action == "update"]
    assert ("leaders", "赵丽、张明", "李华") in logged and ("status", "未启动", "已完成") in logged


def test_measure_validation_rolls_back_every_field(reg):
    services.add_problem(reg, 1, "问题")
    pid = problem_ids(reg)[0]
    services.add_measure(reg, pid, "措施", lead_department="办公室")
    mid = queries.load_campaign(reg, 1).problems[0].measures[0].id
    before = dump(reg.path)
    # The department is created first, then the deadline fails: nothing of it may remain.
    with pytest.raises(ValidationError) as info:
        services.update_measure(reg, mid, lead_department="新部门", deadline="下辈子")
    assert info.value.field == "deadline"
    with pytest.raises(ValidationError) as info:
        services.update_measure(reg, mid, status="差不多")
    assert info.value.field == "status"
    with pytest.raises(ValidationError):
        services.add_measure(reg, pid, "   ")
    assert dump(reg.path) == before


def test_move_and_delete_measure(reg):
    services.add_problem(reg, 1, "问题")
    pid = problem_ids(reg)[0]
    for t in ("一", "二", "三"):
        services.add_measure(reg, pid, f"措施{t}")
    ids = [m.id for m in queries.load_campaign(reg, 1).problems[0].measures]
    services.move_measure(reg, ids[2], 1)
    services.delete_measure(reg, ids[0])
    ms = queries.load_campaign(reg, 1).problems[0].measures
    assert [(m.number, m.text) for m in ms] == [(1, "措施三"), (2, "措施二")]


def test_record_progress_moves_status_and_sets_completion(reg):
    services.add_problem(reg, 1, "问题")
    services.add_measure(reg, problem_ids(reg)[0], "措施")
    mid = queries.load_campaign(reg, 1).problems[0].measures[0].id
    services.record_progress(reg, mid, "2020-10-09", "已完成招标", reported_by="办公室 张三")
    services.record_progress(reg, mid, date(2020, 10, 16), "平台已建成", status="已完成")
    m = queries.load_campaign(reg, 1).problems[0].measures[0]
    assert [p.text for p in m.progress] == ["已完成招标", "平台已建成"]
    assert m.status is MeasureStatus.DONE and m.completed_on == date(2020, 10, 16)
    assert queries.load_campaign(reg, 1, as_of=date(2020, 10, 10)).problems[0].measures[0].progress[0].text == "已完成招标"
    assert len(queries.load_campaign(reg, 1, as_of=date(2020, 10, 10)).problems[0].measures[0].progress) == 1
    before = dump(reg.path)
    for bad in ({"when": "", "text": "x"}, {"when": "2020-10-20", "text": "  "},
                {"when": "2020-10-20", "text": "x", "status": "乱写"}):
        with pytest.raises(ValidationError):
            services.record_progress(reg, mid, **bad)
    assert dump(reg.path) == before


def test_set_status(reg):
    services.add_problem(reg, 1, "问题")
    services.add_measure(reg, problem_ids(reg)[0], "措施")
    mid = queries.load_campaign(reg, 1).problems[0].measures[0].id
    services.set_status(reg, mid, MeasureStatus.LONG_TERM)
    assert queries.load_campaign(reg, 1).problems[0].measures[0].status is MeasureStatus.LONG_TERM


def test_extensions_request_and_decide(reg):
    services.add_problem(reg, 1, "问题")
    services.add_measure(reg, problem_ids(reg)[0], "措施", deadline="2020年10月底")
    mid = queries.load_campaign(reg, 1).problems[0].measures[0].id
    with pytest.raises(ValidationError):
        services.request_extension(reg, mid, "2020-09-30", "早于原时限")
    with pytest.raises(ValidationError):
        services.request_extension(reg, mid, "2020-12-31", "")
    services.request_extension(reg, mid, "2020-12-31", "设备采购周期长", requested_by="水生态环境处")
    with pytest.raises(ValidationError):
        services.request_extension(reg, mid, "2021-01-31", "再申请一次")
    m = queries.load_campaign(reg, 1).problems[0].measures[0]
    assert m.effective_due == date(2020, 10, 31)  # pending: the original deadline still rules
    services.decide_extension(reg, m.extensions[0].id, approve=True, decided_by="张明")
    m = queries.load_campaign(reg, 1).problems[0].measures[0]
    assert m.extensions[0].state is ExtensionState.APPROVED and m.effective_due == date(2020, 12, 31)
    assert m.deadline.due == date(2020, 10, 31)  # the original is kept
    with pytest.raises(ValidationError):
        services.decide_extension(reg, m.extensions[0].id, approve=False, decided_by="张明")


def test_sign_off_requires_done_measures_and_evidence(reg):
    services.add_problem(reg, 1, "问题")
    pid = problem_ids(reg)[0]
    services.add_measure(reg, pid, "措施", status="正在推进")
    mid = queries.load_campaign(reg, 1).problems[0].measures[0].id
    with pytest.raises(ValidationError, match="尚未完成"):
        services.sign_off(reg, pid, "2020-11-30", "张明")
    services.set_status(reg, mid, "已完成")
    with pytest.raises(ValidationError, match="没有佐证材料"):
        services.sign_off(reg, pid, "2020-11-30", "张明")
    with reg.transaction() as s:
        s.add(Evidence(measure_id=mid, sha256="0" * 64, file_name="通知.pdf", title="通知"))
    services.sign_off(reg, pid, "2020-11-30", "张明", "整改到位")
    p = queries.load_campaign(reg, 1).problems[0]
    assert p.sign_off.approved_by == "张明" and p.recheck_due == date(2021, 2, 28)
    assert queries.summary(reg)["signed_off"] == 1
    with pytest.raises(ValidationError):
        services.sign_off(reg, pid, "2020-12-01", "张明")


def test_sign_off_relaxed_and_reopen(reg):
    services.add_problem(reg, 1, "问题")
    pid = problem_ids(reg)[0]
    services.add_measure(reg, pid, "措施", status="已完成")
    services.sign_off(reg, pid, "2020-11-30", "张明", require_evidence=False)
    with pytest.raises(ValidationError):
        services.reopen(reg, pid, "")
    services.reopen(reg, pid, "发现新情况")
    assert queries.load_campaign(reg, 1).problems[0].sign_off is None
    assert [e.action for e in log_entries(reg, "problem")][-2:] == ["sign_off", "reopen"]


def test_recheck_relapse_reopens_with_history(reg):
    services.add_problem(reg, 1, "问题")
    pid = problem_ids(reg)[0]
    services.add_measure(reg, pid, "措施", status="已完成")
    with pytest.raises(ValidationError):
        services.add_recheck(reg, pid, "2021-03-01", "巩固")
    services.sign_off(reg, pid, "2020-11-30", "张明", require_evidence=False)
    services.add_recheck(reg, pid, "2021-03-01", RecheckResult.RELAPSED, "问题反弹")
    p = queries.load_campaign(reg, 1).problems[0]
    assert p.sign_off is None and p.rechecks[0].result is RecheckResult.RELAPSED
    assert p.measures[0].status is MeasureStatus.IN_PROGRESS


def test_mechanism_links_problems(reg):
    services.add_problem(reg, 1, "问题一")
    services.add_problem(reg, 1, "问题二")
    ids = problem_ids(reg)
    services.add_mechanism(reg, 1, "《南京市生态环境局工作规则》", doc_number="宁环发〔2020〕1号",
                           issued_on="2020-08-01", problem_ids=[ids[1]])
    mech = queries.load_campaign(reg, 1).mechanisms[0]
    assert mech.problem_numbers == [2] and mech.issued_on == date(2020, 8, 1)


def test_delete_campaign_cascades(reg):
    services.add_problem(reg, 1, "问题")
    services.add_measure(reg, problem_ids(reg)[0], "措施")
    services.delete_campaign(reg, 1)
    with reg.reading() as s:
        assert s.scalar(select(func.count(Measure.id))) == 0


def test_import_campaign_is_all_or_nothing(empty_register):
    from rectdesk.core.model import CampaignData, MeasureData, ProblemData

    reg = empty_register
    good = ProblemData(title="好问题", measures=[MeasureData(text="好措施", lead_department="办公室")])
    bad = ProblemData(title="", measures=[MeasureData(text="措施")])
    before = dump(reg.path)
    with pytest.raises(ValidationError):
        services.import_campaign(reg, CampaignData(title="任务", problems=[good, bad]))
    assert dump(reg.path) == before


def test_control_characters_and_formula_text_are_stored_as_text(reg):
    services.add_problem(reg, 1, "=1+1\x07问题\x00")
    services.add_measure(reg, problem_ids(reg)[0], '=HYPERLINK("http://x","y")\x0b')
    p = queries.load_campaign(reg, 1).problems[0]
    assert p.title == "=1+1问题" and p.measures[0].text == '=HYPERLINK("http://x","y")'
