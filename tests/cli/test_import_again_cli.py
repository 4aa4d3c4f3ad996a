"""The same document imported twice: refused with the campaign named, unless --update (merge:
only new problems and measures) or --as-new."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rectdesk.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def counts(capsys, db: Path) -> dict:  # type: ignore[type-arg]
    code, out, _ = run(capsys, "summary", "--db", str(db), "--json")
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_second_import_of_the_same_document_is_refused_naming_the_campaign(capsys, tmp_path: Path):
    db = tmp_path / "r.rectdesk"
    assert run(capsys, "import-bulletin", str(SAMPLE), "--db", str(db))[0] == 0
    before = counts(capsys, db)
    copy = tmp_path / "另存的通报.txt"  # renamed: the content is what counts
    shutil.copy(SAMPLE, copy)
    code, _, err = run(capsys, "import-bulletin", str(copy), "--db", str(db))
    assert code == 2
    assert "同一文件已导入为" in err and "编号 1" in err and "--update" in err and err.endswith("\n")
    assert counts(capsys, db) == before


def test_update_adds_only_what_is_new_and_as_new_adds_a_campaign(capsys, tmp_path: Path):
    db = tmp_path / "r.rectdesk"
    assert run(capsys, "import-bulletin", str(SAMPLE), "--db", str(db))[0] == 0
    # a later version of the document: one more measure for problem 1 and one more problem
    text = SAMPLE.read_text(encoding="utf-8")
    later = tmp_path / "later.txt"
    marker = "32. 关于新发现问题的整改\n该问题已完成整改。一是建立问题台账。\n"
    anchor = text.index("\n三、下一步") + 1
    later.write_text(text[:anchor] + marker + text[anchor:], encoding="utf-8")
    code, _, err = run(capsys, "import-bulletin", str(later), "--db", str(db))
    assert code == 2 and "已有同名整改任务" in err
    code, out, _ = run(capsys, "import-bulletin", str(later), "--db", str(db), "--update")
    assert code == 0, out
    assert "新增问题 1 个" in out and "新增措施 1 条" in out
    after = counts(capsys, db)
    assert (after["campaigns"], after["problems"], after["measures"]) == (1, 32, 64)
    assert run(capsys, "import-bulletin", str(SAMPLE), "--db", str(db), "--as-new")[0] == 0
    assert counts(capsys, db)["campaigns"] == 2
