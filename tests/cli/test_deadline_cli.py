"""Deadline commands as a user types them: sign-off, extensions, re-checks, dashboard, sheet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rectdesk import settings
from rectdesk.cli import main
from rectdesk.store import queries
from rectdesk.store.register import Register


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(demo_path: Path) -> str:
    return str(demo_path)


def problem(db: str, number: int):
    with Register.open(db) as reg:
        return queries.load_campaign(reg, 1).problems[number - 1]


def test_sign_off_refused_then_allowed_when_the_setting_relaxes_evidence(capsys, db):
    # Problem 1 of the demo: both measures done, no evidence attached.
    code, _, err = run(capsys, "sign-off", "--db", db, "--problem", "1", "--approver", "王主任")
    assert code == 2
    assert err.count("\n") == 1 and "措施 1.1 没有佐证材料" in err
    assert problem(db, 1).sign_off is None
    settings.save(require_evidence_for_signoff=False, recheck_months=6)
    code, out, _ = run(capsys, "sign-off", "--db", db, "--problem", "1", "--approver", "王主任",
                       "--date", "2020-11-30", "--opinion", "整改到位")
    assert code == 0 and "已销号" in out and "2021-05-30" in out
    p = problem(db, 1)
    assert (p.sign_off.signed_on, p.sign_off.approved_by, p.sign_off.opinion) == \
        (date(2020, 11, 30), "王主任", "整改到位")
    code, out, _ = run(capsys, "summary", "--db", db, "--json", "--today", "2021-06-01")
    s = json.loads(out)
    assert (s["signed_off"], s["recheck_due"]) == (1, 1)


def test_sign_off_of_an_unfinished_problem_names_the_measure(capsys, db):
    code, _, err = run(capsys, "sign-off", "--db", db, "--problem", "5", "--approver", "王主任")
    assert code == 2 and "措施 5.1 尚未完成（正在推进）" in err


def test_recheck_relapse_reopens(capsys, db):
    settings.save(require_evidence_for_signoff=False)
    assert run(capsys, "sign-off", "--db", db, "--problem", "1", "--approver", "王主任",
               "--date", "2020-11-30")[0] == 0
    code, out, _ = run(capsys, "recheck", "--db", db, "--problem", "1", "--result", "反弹",
                       "--date", "2021-03-01", "--note", "制度未落实")
    assert code == 0 and "重新打开" in out
    p = problem(db, 1)
    assert p.sign_off is None and p.rechecks[0].note == "制度未落实"
    code, _, err = run(capsys, "recheck", "--db", db, "--problem", "1", "--result", "巩固")
    assert code == 2 and "只有已销号的问题才能回头看" in err


def test_extension_request_and_decide(capsys, db):
    code, out, _ = run(capsys, "extension", "request", "--db", db, "--measure", "5.1",
                       "--new-date", "2021-01-31", "--reason", "等待上级文件", "--by", "组织人事处")
    assert code == 0 and "待审批" in out
    _, out, _ = run(capsys, "summary", "--db", db, "--json", "--today", "2020-12-20")
    s = json.loads(out)
    assert s["extensions_pending"] == 1 and "5.1" in s["overdue"]
    code, out, _ = run(capsys, "extension", "decide", "--db", db, "--measure", "5.1", "--approve",
                       "--by", "王主任", "--date", "2020-11-05")
    assert code == 0 and "2021-01-31" in out
    _, out, _ = run(capsys, "summary", "--db", db, "--json", "--today", "2020-12-20")
    s = json.loads(out)
    assert s["extensions_pending"] == 0 and "5.1" not in s["overdue"]
    ext = problem(db, 5).measures[0].extensions[0]
    assert (ext.decided_by, ext.decided_on, ext.requested_by) == ("王主任", date(2020, 11, 5), "组织人事处")
    code, _, err = run(capsys, "extension", "decide", "--db", db, "--measure", "5.1", "--reject",
                       "--by", "王主任")
    assert code == 2 and "没有待审批的延期申请" in err


def test_extension_rejected_keeps_the_measure_overdue(capsys, db):
    run(capsys, "extension", "request", "--db", db, "--measure", "5.1", "--new-date", "2021-01-31",
        "--reason", "等待")
    assert run(capsys, "extension", "decide", "--db", db, "--measure", "5.1", "--reject", "--by", "王主任")[0] == 0
    _, out, _ = run(capsys, "summary", "--db", db, "--json", "--today", "2020-12-20")
    assert "5.1" in json.loads(out)["overdue"]


def test_bad_numbers_and_dates_exit_2(capsys, db):
    assert run(capsys, "sign-off", "--db", db, "--problem", "99", "--approver", "王")[0] == 2
    code, _, err = run(capsys, "extension", "request", "--db", db, "--measure", "5.1",
                       "--new-date", "明年", "--reason", "x")
    assert code == 2 and "明年" in err


def test_dashboard_json_and_text(capsys, db):
    code, out, _ = run(capsys, "dashboard", "--db", db, "--json", "--today", "2020-12-20")
    assert code == 0
    d = json.loads(out)
    assert (d["measures"], d["problems"]) == (63, 31)
    assert d["completion_rate"] == round(d["measures_by_status"]["已完成"] / 63, 4)
    assert [i["label"] for i in d["overdue"]][:2] == ["5.1", "13.1"]
    assert sum(g["done"] + g["in_progress"] + g["overdue"] for g in d["by_department"]) == 63
    code, out, _ = run(capsys, "dashboard", "--db", db, "--today", "2020-12-20")
    assert code == 0 and "完成率 23.8%" in out and "逾期 14 条" in out


def test_signoff_sheet_command(capsys, db, tmp_path):
    import docx

    out = tmp_path / "问题1销号单.docx"
    code, stdout, _ = run(capsys, "signoff-sheet", "--db", db, "--problem", "1", "--out", str(out))
    assert code == 0 and "对账销号单" in stdout and "未销号" in stdout  # problem 1 is not signed off
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "对账销号单（未销号　草稿）"
    (table,) = document.tables
    rows = {r.cells[0].text: r.cells[1].text for r in table.rows}
    assert rows["问题编号"] == "1　对派出机构管理还有缺失" and "办公室" in rows["责任部门意见"]
    code, _, err = run(capsys, "signoff-sheet", "--db", db, "--problem", "40", "--out", str(out))
    assert code == 2 and "没有第 40 个问题" in err
