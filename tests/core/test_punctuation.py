"""Chinese punctuation normalisation: what changes and what an office expects to stay."""

from __future__ import annotations

import pytest

from rectdesk.core.text import normalize_cn_punctuation as normalize


@pytest.mark.parametrize(("typed", "printed"), [
    ("审计工作已完成,并出具报告;下一步:巩固。", "审计工作已完成，并出具报告；下一步：巩固。"),
    ("电话(传真):025-83630848;地址:江东中路259号", "电话（传真）：025-83630848；地址：江东中路259号"),
    ("已完成.下一步", "已完成。下一步"),
    ("是否完成?是!", "是否完成？是！"),
    ("完成 , 下一步", "完成，下一步"),
])
def test_half_width_marks_between_chinese_become_full_width(typed: str, printed: str) -> None:
    assert normalize(typed) == printed


@pytest.mark.parametrize("kept", [
    "共计1,000元", "10:30开会", "2020.11.2印发", "信箱njhbjgdw@163.com", "见https://a.gov.cn/x,y;z",
    "(see note)", "Hello, world: ok", "第3.2条",
])
def test_numbers_dates_urls_and_mail_addresses_stay(kept: str) -> None:
    assert normalize(kept) == kept


def test_brackets_after_ascii_stay_half_width() -> None:
    assert normalize("=SUM(A1:A9)。") == "=SUM(A1:A9)。"
    assert normalize("一是(1)完成") == "一是（1）完成"
