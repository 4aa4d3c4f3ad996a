"""`rectdesk export-bulletin` on the demo register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from rectdesk.cli import main
from rectdesk.exchange import gbt9704 as gb


def items(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == gb.HEADING3]


def test_export_bulletin_writes_the_demo_bulletin(demo_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "通报.docx"
    code = main(["export-bulletin", "--db", str(demo_path), "--as-of", "2020-11-02", "--out", str(out)])
    assert code == 0
    assert "31 个问题，63 条措施" in capsys.readouterr().out
    found = items(out)
    assert len(found) == 31 and found[0] == "1. 关于对派出机构管理还有缺失问题的整改"


def test_options_status_note_date_and_plain_items(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    assert main(["export-bulletin", "--db", str(demo_path), "--out", str(out), "--status-note",
                 "--date", "2021-01-05", "--plain-items", "--problems", "with-progress"]) == 0
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[-1] == "2021年1月5日"
    assert sum(t.startswith("整改状态：") for t in texts) == 31
    first = next(p for p in document.paragraphs if p.style.name == gb.HEADING3)
    assert first.runs[0].bold is False


@pytest.mark.parametrize(("extra", "message"), [
    (["--category", "无此类别"], "无此类别"),
    (["--as-of", "明天"], "明天"),
])
def test_bad_options_print_one_line_and_exit_2(demo_path: Path, tmp_path: Path, extra: list[str],
                                               message: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.docx"
    assert main(["export-bulletin", "--db", str(demo_path), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
    assert not out.exists()


def test_missing_template_style_is_an_error_naming_it(demo_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "空白.docx"
    docx.Document().save(str(bad))  # python-docx's own template has none of our styles
    out = tmp_path / "x.docx"
    out.write_bytes(b"earlier")
    assert main(["export-bulletin", "--db", str(demo_path), "--out", str(out), "--template", str(bad)]) == 2
    assert "模板缺少样式“公文标题”" in capsys.readouterr().err
    assert out.read_bytes() == b"earlier"


def test_date_defaults_to_as_of_marking_and_punctuation_options(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    assert main(["export-bulletin", "--db", str(demo_path), "--as-of", "2026-12-01", "--out", str(out)]) == 0
    texts = [p.text.replace("\u2060", "") for p in docx.Document(str(out)).paragraphs]
    assert texts[-1] == "2026年12月1日"  # the as-of date, not the imported sample's 2020年11月2日
    assert "电话（传真）：025-83630848；" in texts[-4] and texts[0] != "内部资料"
    assert main(["export-bulletin", "--db", str(demo_path), "--out", str(out), "--marking", "内部资料",
                 "--keep-punctuation"]) == 0
    texts = [p.text.replace("\u2060", "") for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "内部资料" and "电话(传真):025-83630848;" in texts[-4]
    assert texts[-1] == gb.cn_date(date.today())
