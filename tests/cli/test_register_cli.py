"""The foundation commands as a user types them: demo, summary, import-bulletin, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rectdesk import __version__
from rectdesk.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_summary_json(capsys, tmp_path: Path):
    db = tmp_path / "d.rectdesk"
    assert run(capsys, "demo", "--db", str(db), "--no-gui")[0] == 0
    code, out, _ = run(capsys, "summary", "--db", str(db), "--json", "--today", "2020-11-02")
    assert code == 0
    result = json.loads(out)
    assert (result["campaigns"], result["problems"]) == (1, 31)
    assert result["measures"] >= 55
    assert sum(result["measures_by_status"].values()) == result["measures"]
    assert {"overdue", "due_soon", "signed_off", "recheck_due", "extensions_pending"} <= result.keys()
    # Problem 5 (deadline 2020年10月底) is still in progress on 2 November 2020: overdue.
    assert "5.1" in result["overdue"]
    # A second `demo` keeps the existing register.
    code, out, _ = run(capsys, "demo", "--db", str(db), "--no-gui")
    assert code == 0 and out.startswith("exists")


def test_demo_titles_match_the_sample(tmp_path: Path, capsys):
    from rectdesk.store import queries
    from rectdesk.store.register import Register

    db = tmp_path / "d.rectdesk"
    run(capsys, "demo", "--db", str(db), "--no-gui")
    sample_titles = [line.split("关于", 1)[1].removesuffix("问题的整改")
                     for line in SAMPLE.read_text(encoding="utf-8").splitlines()
                     if line[:1].isdigit() and line.rstrip().endswith("问题的整改")]
    with Register.open(db) as reg:
        data = queries.load_campaign(reg, 1)
    assert [p.title for p in data.problems] == sample_titles
    assert data.problems[6].title == "市控入江支流治理成效不明显"
    assert data.problems[0].measures[0].lead_department == "办公室"
    assert data.signature == "中共南京市生态环境局党组" and data.bulletin_date.isoformat() == "2020-11-02"


def test_import_bulletin_into_a_new_register(capsys, tmp_path: Path):
    db = tmp_path / "new.rectdesk"
    code, out, _ = run(capsys, "import-bulletin", str(SAMPLE), "--db", str(db))
    assert code == 0
    assert "imported: 31 problems" in out
    code, out, _ = run(capsys, "summary", "--db", str(db), "--json")
    assert json.loads(out)["problems"] == 31


def test_summary_text_and_campaign_by_title(capsys, demo_path: Path):
    code, out, _ = run(capsys, "summary", "--db", str(demo_path), "--campaign",
                       "市委第五巡察组巡察“回头看”反馈意见整改")
    assert code == 0 and "问题 31 个" in out


@pytest.mark.parametrize("argv, message", [
    (["summary", "--db", "{tmp}/missing.rectdesk"], "台账文件不存在"),
    (["summary", "--db", "{demo}", "--campaign", "99"], "找不到整改任务"),
    (["import-bulletin", "{tmp}/nothing.txt", "--db", "{tmp}/x.rectdesk"], "文件不存在"),
    (["import-bulletin", "{tmp}/notes.txt", "--db", "{tmp}/x.rectdesk"], "没有找到"),
    (["summary", "--db", "{tmp}/notes.txt"], "不是 RectDesk 台账文件"),
])
def test_errors_are_one_line_and_exit_2(capsys, tmp_path: Path, demo_path: Path, argv, message):
    (tmp_path / "notes.txt").write_text("随便写的一些文字\n没有结构", encoding="utf-8")
    args = [a.format(tmp=tmp_path, demo=demo_path) for a in argv]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.rectdesk").exists()  # a failed import creates no register


def test_usage_error_exits_2(capsys):
    code, _, err = run(capsys, "summary", "--bogus")
    assert code == 2 and "usage" in err


def test_version_and_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "rectdesk", "--version"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"RectDesk {__version__}"


def test_import_into_a_register_with_data_backs_it_up_first(capsys, demo_path: Path):
    from rectdesk.store.backup import list_backups

    before = len(list_backups(demo_path))
    code, out, _ = run(capsys, "import-bulletin", str(SAMPLE), "--db", str(demo_path), "--as-new")
    assert code == 0
    backups = list_backups(demo_path)
    assert len(backups) > before and any("import" in b.path.name for b in backups)


def test_summary_text_names_the_campaign_when_there_are_several(capsys, demo_path: Path, tmp_path: Path):
    ledger = str(tmp_path / "l.xlsx")  # a second campaign with the same numbers and deadlines
    assert run(capsys, "export-ledger", "--db", str(demo_path), "--out", ledger)[0] == 0
    assert run(capsys, "import-ledger", ledger, "--db", str(demo_path), "--new-campaign", "副本")[0] == 0
    code, out, _ = run(capsys, "summary", "--db", str(demo_path), "--today", "2020-12-15")
    assert code == 0
    overdue = next(line for line in out.splitlines() if line.startswith("逾期"))
    # the same numbers exist in both campaigns: each group says which campaign it is
    assert "任务 1 " in overdue and "任务 2 " in overdue
    first, second = overdue.split("：", 1)[1].split("；")
    assert first.removeprefix("任务 1 ") == second.removeprefix("任务 2 ")
    assert "7 日内到期 0 条：无" in out
    code, out, _ = run(capsys, "summary", "--db", str(demo_path), "--today", "2020-12-15", "--json")
    by_campaign = json.loads(out)["by_campaign"]
    assert set(by_campaign) == {"1", "2"} and by_campaign["1"]["overdue"] == by_campaign["2"]["overdue"]
    assert "5.1" in by_campaign["1"]["overdue"]


def test_summary_text_for_one_campaign_lists_plain_numbers(capsys, demo_path: Path):
    code, out, _ = run(capsys, "summary", "--db", str(demo_path), "--today", "2020-12-15")
    overdue = next(line for line in out.splitlines() if line.startswith("逾期"))
    assert "任务" not in overdue and "13.1" in overdue.split("：")[1].split("、")
