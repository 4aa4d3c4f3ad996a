"""Any text either parses or raises ImportFormatError: never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectdesk.core.errors import ImportFormatError
from rectdesk.exchange.bulletin_import import parse_bulletin, parse_text

# Pieces of real layouts, so the generator reaches the interesting branches quickly.
_PIECES = ["一、", "二、", "（一）", "(二)", "1.", "2、", "3．", "（1）", "(2)", "①", "②", "一是", "二是",
           "。", "；", "：", ":", "\n", " ", "\u3000", "— 1 —", "关于", "问题的整改", "整改情况：",
           "整改措施：", "责任单位：", "责任领导：", "完成时限：", "2020年12月底", "2020年2月30日", "长期坚持",
           "已完成", "正在推进", "方面", "索引号：", "成文日期：2021-13-45", "中共某某党组", "2020年11月2日",
           "问题一：", "整改任务：", "“", "”", "\r", "\x00", "\ud800", "下一步工作", "整改落实情况", "通报"]

text_strategy = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_any_text_parses_or_raises_import_format_error(text):
    try:
        campaign, report = parse_bulletin(text)
    except ImportFormatError as exc:
        assert str(exc)
        return
    assert report.problems == len(campaign.problems) > 0
    assert all(p.title for p in campaign.problems)
    assert report.measures == campaign.measure_count()


@settings(max_examples=150, deadline=None)
@given(text_strategy)
def test_lenient_parse_never_loses_a_problem_count(text):
    try:
        campaign, report = parse_text(text, strict=False)
    except ImportFormatError:
        return
    assert report.unparsed == len(campaign.unparsed)
