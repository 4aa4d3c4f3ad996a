"""Hypothesis strategies for text users and foreign files put in cells and paragraphs."""

from __future__ import annotations

from hypothesis import strategies as st

CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=30)
FORBIDDEN = st.sampled_from(["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f",
                             "\ufffe", "\uffff", "\ud800", "\udbff", "\udc00", "\udfff"])
FORMULA = st.sampled_from(["=SUM(A1:A9)", "+1", "-2", "@cmd", '=HYPERLINK("http://x","点我")',
                           "=1+1", "\t=1", "-", "=", "+86 138 0000 0000", "@", "=cmd|' /C calc'!A0"])
EIGHTEEN_DIGITS = st.integers(10**17, 10**18 - 1).map(str)
NUMBERISH = st.sampled_from(["0012", "1e5", "1.50", "3/4", "2020.12", "12月", "TRUE", "#N/A", "1,000"])
LONG = st.builds(lambda ch, n: ch * n, st.sampled_from(["长", "a", "整改。"]),
                 st.sampled_from([32_767, 40_000]))
MARKERS = st.sampled_from(["一、", "（一）", "1.", "1、", "（1）", "①", "一是", "二是", "整改措施：",
                           "责任单位：", "完成时限：", "2020年12月底", "长期坚持", "已完成", "\n", "。"])

# One cell or paragraph: plain, hostile, or a mix of both.
PIECE = st.one_of(CJK, FORBIDDEN, FORMULA, EIGHTEEN_DIGITS, NUMBERISH, MARKERS,
                  st.text(max_size=20))
CELL = st.one_of(CJK, FORMULA, EIGHTEEN_DIGITS, NUMBERISH, st.just(""), LONG,
                 st.lists(PIECE, min_size=1, max_size=8).map("".join))
# A bulletin-like document: lines made of markers, Chinese text and noise.
DOCUMENT = st.lists(st.lists(PIECE, min_size=1, max_size=4).map("".join), max_size=16).map("\n".join)
