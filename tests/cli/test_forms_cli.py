"""export-forms, import-forms, snapshot and weekly-report on the demo register, as a user types them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from rectdesk.cli import main
from rectdesk.exchange import feedback_forms as ff
from rectdesk.store.queries import load_campaign
from rectdesk.store.register import Register

WATER = "水生态环境处-整改进展反馈表-20201109.xlsx"


def export(demo_path: Path, out: Path) -> Path:
    assert main(["export-forms", "--db", str(demo_path), "--out", str(out), "--due", "2020-11-09"]) == 0
    return out / WATER


def fill(form: Path, target: Path, **cells: object) -> Path:
    wb = openpyxl.load_workbook(form)
    for ref, value in cells.items():
        wb[ff.FORM_SHEET][ref] = value
    wb.save(target)
    return target


def progress(demo_path: Path, label: str) -> list[str]:
    with Register.open(demo_path) as reg:
        c = load_campaign(reg, 1)
    p, m = (int(x) for x in label.split("."))
    return [g.text for g in c.problems[p - 1].measures[m - 1].progress]


def test_export_import_and_weekly_report(demo_path, tmp_path, capsys):
    assert main(["snapshot", "--db", str(demo_path), "--date", "2020-11-02"]) == 0
    form = export(demo_path, tmp_path / "forms")
    assert "已生成 13 份部门反馈表" in capsys.readouterr().out
    back = fill(form, tmp_path / "back.xlsx", H4="完成整治方案", I4="已完成", J4=date(2020, 11, 5))

    assert main(["import-forms", str(back), "--db", str(demo_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "[可导入] 措施 7.1（第4行）：状态 正在推进 → 已完成" in out and "dry run" in out
    assert progress(demo_path, "7.1") == []

    assert main(["import-forms", str(back), "--db", str(demo_path)]) == 0
    assert "已导入 back.xlsx：1 条措施写入进展" in capsys.readouterr().out
    assert progress(demo_path, "7.1") == ["完成整治方案"]

    assert main(["import-forms", str(back), "--db", str(demo_path)]) == 2
    assert "不能重复导入" in capsys.readouterr().err

    report = tmp_path / "周报.docx"
    assert main(["weekly-report", "--db", str(demo_path), "--out", str(report)]) == 0
    assert "变化的措施：7.1" in capsys.readouterr().out
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "措施7.1（水生态环境处；2020年11月5日完成）" in text


def test_conflict_needs_an_explicit_choice(demo_path, tmp_path, capsys):
    form = export(demo_path, tmp_path / "forms")
    capsys.readouterr()
    with Register.open(demo_path) as reg:
        from rectdesk.store import services
        from rectdesk.store.queries import resolve_measure

        with reg.reading() as s:
            mid = resolve_measure(s, 1, "7.1")
        services.update_measure(reg, mid, note="办公室改动")
    back = fill(form, tmp_path / "back.xlsx", H4="部门进展", H5="另一条")
    assert main(["import-forms", str(back), "--db", str(demo_path)]) == 2
    captured = capsys.readouterr()
    assert "[冲突] 措施 7.1" in captured.out and "办公室改动" in captured.out
    assert "--keep-register-on-conflict" in captured.err
    assert progress(demo_path, "7.2") == []  # nothing written
    assert main(["import-forms", str(back), "--db", str(demo_path), "--keep-register-on-conflict"]) == 0
    assert progress(demo_path, "7.1") == [] and progress(demo_path, "7.2") == ["另一条"]


def test_bad_input_is_one_line_and_exit_2(demo_path, tmp_path, capsys):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("hello")
    assert main(["import-forms", str(junk), "--db", str(demo_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["weekly-report", "--db", str(demo_path), "--since", "2000-01-01",
                 "--out", str(tmp_path / "w.xlsx")]) == 2  # nothing to compare with that early
    assert "rectdesk snapshot" in capsys.readouterr().err
    assert main(["weekly-report", "--db", str(demo_path), "--out", str(tmp_path / "w.pdf")]) == 2


def test_weekly_report_before_any_snapshot_compares_with_the_import(demo_path, tmp_path, capsys):
    from docx import Document

    assert main(["weekly-report", "--db", str(demo_path), "--out", str(tmp_path / "w.docx"),
                 "--signature", "市生态环境局巡察整改办", "--marking", ""]) == 0
    assert "已导出周报" in capsys.readouterr().out
    paras = [p.text for p in Document(str(tmp_path / "w.docx")).paragraphs if p.text]
    assert "与台账导入时的状态比较" in paras[1]
    assert paras[-2] == "市生态环境局巡察整改办"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_weekly_report_formats(demo_path, tmp_path, suffix):
    assert main(["snapshot", "--db", str(demo_path)]) == 0
    out = tmp_path / f"w{suffix}"
    assert main(["weekly-report", "--db", str(demo_path), "--out", str(out), "--snapshot"]) == 0
    assert out.stat().st_size > 0
