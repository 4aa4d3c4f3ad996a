"""Splitting a body into measures at sequential labels: 一是…二是…, 1.…2.…, （1）…（2）…, ①…②…."""

from __future__ import annotations

import re
from collections.abc import Callable

from rectdesk.core.text import parse_cn_number

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_SENTENCE_END = "。；;！？!?：:\n"
# (label pattern, number of a match); a label counts at the start or right after a sentence end.
_FAMILIES: tuple[tuple[re.Pattern[str], Callable[[str], int | None]], ...] = (
    (re.compile(r"([一二三四五六七八九十]{1,3})是"), parse_cn_number),
    (re.compile(r"[（(](\d{1,2})[)）]"), int),
    (re.compile(r"(\d{1,2})[.．、](?!\d)"), int),
    (re.compile(rf"([{_CIRCLED}])"), lambda s: _CIRCLED.index(s) + 1),
    (re.compile(r"(第[一二三四五六七八九十]{1,3})[，,、]"), lambda s: parse_cn_number(s[1:])),
)


_LEAD_MAX = 160  # a lead sentence before the first label ("该问题已完成整改。一是…")


def _first(text: str, pattern: re.Pattern[str], number: Callable[[str], int | None]) -> re.Match[str] | None:
    """The label numbered 1: at the start, or after a lead of at most two sentences."""
    for m in pattern.finditer(text[:_LEAD_MAX + 8]):
        if number(m.group(1)) != 1:
            continue
        before = text[:m.start()].rstrip(" \u3000")
        if not before:
            return m
        if m.start() <= _LEAD_MAX and before[-1] in _SENTENCE_END and sum(before.count(c) for c in "。！？!?") <= 2:
            return m
    return None


def _cuts(text: str, pattern: re.Pattern[str], number: Callable[[str], int | None]) -> list[int]:
    first = _first(text, pattern, number)
    if not first:
        return []
    cuts, expected = [first.start()], 2
    for m in pattern.finditer(text, first.end()):
        if number(m.group(1)) != expected:
            continue
        before = text[:m.start()].rstrip(" \u3000")
        if before and before[-1] not in _SENTENCE_END:
            continue
        cuts.append(m.start())
        expected += 1
    return cuts if len(cuts) > 1 else []


def split_with_lead(text: str) -> tuple[str, list[str]]:
    """(the sentence before the first label, the labelled clauses); ("", [text]) without labels.

    A label counts only at the start or right after a sentence end, and only in sequence, so
    words like 主要是 or 还是, and figures like 1.8万吨, never split. Labels are removed.
    """
    text = text.strip()
    if not text:
        return "", []
    for pattern, number in _FAMILIES:
        cuts = _cuts(text, pattern, number)
        if cuts:
            parts = [text[a:b] for a, b in zip(cuts, cuts[1:] + [len(text)], strict=True)]
            clauses = [c for c in (pattern.sub("", p, count=1).strip(" \u3000\n，,、") for p in parts) if c]
            return text[:cuts[0]].strip(), clauses
    return "", [text]


def split_labelled(text: str) -> list[str]:
    """Clauses of `text` split at the first label family that numbers at least two in sequence;
    a lead sentence before the first label stays at the head of the first clause."""
    lead, clauses = split_with_lead(text)
    if lead and clauses:
        clauses[0] = lead + clauses[0]
    return clauses


def split_yishi(body: str) -> list[str]:
    """Only the 一是/二是 family (the sample bulletin's layout)."""
    pattern, number = _FAMILIES[0]
    body = body.strip()
    cuts = _cuts(body, pattern, number)
    if not cuts:
        return [body] if body else []
    parts = [body[a:b] for a, b in zip(cuts, cuts[1:] + [len(body)], strict=True)]
    clauses = [c for c in (pattern.sub("", p, count=1).strip() for p in parts) if c]
    if body[:cuts[0]].strip() and clauses:
        clauses[0] = body[:cuts[0]].strip() + clauses[0]
    return clauses


def first_sentence(text: str) -> str:
    m = re.match(r"^(.+?[。；;！？])", text)
    return m.group(1).rstrip("。；;") if m else text
