"""Control characters in imported text: a vertical tab or form feed is a space, bidi overrides go."""

from __future__ import annotations

from pathlib import Path

from rectdesk.exchange.bulletin_import import read_bulletin

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "demo" / "nanjing-eeb-2020-11-02-bulletin.txt"


def test_vertical_tab_form_feed_and_bidi_in_an_imported_title(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    four = next(i for i, line in enumerate(lines) if line.startswith("4. 关于"))
    lines[four] = "4. 关于关于控制\x0b字符\x0c问\u202e题\u202c的整改"
    text = "\n".join(lines)
    path = tmp_path / "通报.txt"
    path.write_text(text, encoding="utf-8")
    campaign, _report = read_bulletin(path)
    titles = [p.title for p in campaign.problems]
    assert len(titles) == 31
    assert titles[3] == "关于控制字符"  # one title: neither split at the VT/FF nor reversed
    assert all("\u202e" not in t and "\x0b" not in t for t in titles)
