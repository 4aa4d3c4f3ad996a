"""Raw text to clean paragraphs: the noise of real documents removed, nothing else changed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rectdesk.core.text import clean_text
from rectdesk.exchange.bulletin_parse.report import Flag
from rectdesk.exchange.bulletin_parse.variants import is_traditional, to_simplified

# Page footers as GB/T 9704 prints them ("— 1 —"), possibly glued into extracted text.
_FOOTER = re.compile(r"(?<!\d)[ \t\u3000]*(?:[—－]{1,2}[ \t\u3000]*\d{1,4}[ \t\u3000]*[—－]{1,2}"
                     r"|[-–]{1,2}[ \t\u3000]+\d{1,4}[ \t\u3000]+[-–]{1,2})(?!\d)[ \t\u3000]*")
_PAGE_LINE = re.compile(r"^第\s*\d{1,4}\s*页([,，/\s]*共\s*\d{1,4}\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$")
_META_KEYS = ("索引号", "发布机构", "成文日期", "发文日期", "发布日期", "主题分类", "发文字号", "文号",
              "生效日期", "有效性", "主题词", "来源", "更新时间", "发布时间", "字号", "公开方式",
              "公开范围", "所属机构", "信息分类", "体裁分类", "组配分类", "名称")
_META_ALT = "|".join(_META_KEYS)
_META_LINE = re.compile(rf"^({_META_ALT})\s*[:：]")
_META_PAIR = re.compile(rf"({_META_ALT})\s*[:：]\s*(\S*)")
_CJK = "\u3400-\u9fff\uf900-\ufaff，。；：、！？（）“”‘’《》【】—…"
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[{_CJK}])")
# Where a heading can start inside run-on text: after a sentence end or a space.
_RUN_ON_MARK = re.compile(
    r"(?<=[。；;！？”：:\s])\s*(?=(?:[一二三四五六七八九十]{1,3}[、]"
    r"|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]"
    r"|(?:整改情况|整改措施及成效|整改落实情况|整改措施|整改任务|整改目标|整改完成情况|责任单位"
    r"|责任领导|责任部门|牵头单位|完成时限|整改时限)[:：])\s*\S)")
_TITLE_END = re.compile(r"^(.{6,80}?(?:的通报|情况的报告|的报告|整改方案|反馈意见|的意见|情况通报))\s+(?=\S)")
_LONG_LINE = 300


@dataclass
class Cleaned:
    paragraphs: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def _remove_spaces(line: str) -> str:
    return _STRAY_SPACE.sub("", line).strip(" \t\u3000\u00a0")


def _is_run_on(lines: list[str]) -> bool:
    """Text extracted from a PDF as one line (or a handful of very long lines)."""
    if not lines or len(lines) > 8:
        return False
    longest = max(lines, key=len)
    return len(longest) >= _LONG_LINE and len(_RUN_ON_MARK.findall(longest)) >= 2


def _split_run_on(line: str) -> list[str]:
    head = _TITLE_END.match(line)
    parts: list[str] = []
    if head:
        parts.append(head.group(1))
        line = line[head.end():]
    for part in _RUN_ON_MARK.split(line):
        if part.strip():
            parts.extend(_split_heading(part.strip()))
    return parts


# In run-on text a heading is followed by its body after a space; only these safe cases are cut.
_RUN_ON_HEADS = (
    re.compile(r"^([一二三四五六七八九十]{1,3}、[^\s。；，]{2,20})\s+(\S.*)$"),
    re.compile(r"^(.{2,80}?问题的整改(?:情况)?)\s+(\S.*)$"),
    re.compile(r"^(.{2,80}?)\s+(一是.*)$"),
)
_RUN_ON_TAIL = re.compile(r"^(.*[。！？”])\s+([^\s。；，]{2,40})\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")


def _split_heading(part: str) -> list[str]:
    if m := _RUN_ON_TAIL.match(part):
        return [*_split_heading(m.group(1)), m.group(2), m.group(3)]
    for pattern in _RUN_ON_HEADS:
        if m := pattern.match(part):
            return [m.group(1), m.group(2)]
    return [part]


def _take_metadata(lines: list[str], meta: dict[str, str]) -> list[str]:
    """Drop the info-disclosure block (索引号/发布机构/成文日期…) before the first numbered heading."""
    out: list[str] = []
    for index, line in enumerate(lines):
        if index < 15 and _META_LINE.match(line):
            for key, value in _META_PAIR.findall(line):
                meta.setdefault(key, value)
            continue
        out.append(line)
    return out


def _strip_meta_prefix(line: str, meta: dict[str, str]) -> str:
    """A run-on line that starts with "索引号：… 发布机构：… 成文日期：…"."""
    while m := re.match(r"\s*" + _META_PAIR.pattern + r"\s*", line):
        meta.setdefault(m.group(1), m.group(2))
        line = line[m.end():]
    return line


_PAGE_BREAK = re.compile(r"(?:(?<=\n)|^)\x0c|\x0c(?=\n|$)")


def clean_paragraphs(text: str) -> Cleaned:
    """Paragraphs of a document's text, each stripped of indentation, footers and stray spaces."""
    result = Cleaned(paragraphs=[])
    # A form feed at a line's edge is pdftotext's page break; one inside a line becomes a space
    # in clean_text, so it cannot split a title in two paragraphs.
    raw = clean_text(_PAGE_BREAK.sub("\n", text))
    if is_traditional(raw):
        raw = to_simplified(raw)
        result.flags.append(Flag("source", "原文为繁体字，已转换为简体后识别"))
    lines = [ln for ln in (_drop_footers(x) for x in raw.split("\n")) if ln.strip()]
    if _is_run_on(lines):
        result.notes.append("文本没有分段（可能由 PDF 复制而来），已按编号自动分段")
        result.flags.append(Flag("source", result.notes[-1]))
        split: list[str] = []
        for line in lines:
            split.extend(_split_run_on(_strip_meta_prefix(line, result.metadata)))
        lines = split
    lines = [_remove_spaces(x) for x in lines]
    lines = [x for x in lines if x]
    result.paragraphs = _take_metadata(lines, result.metadata)
    return result


def _drop_footers(line: str) -> str:
    if _PAGE_LINE.match(line.strip()):  # 第 3 页 共 5 页, 3/5: a page number copied with the text
        return ""
    return _FOOTER.sub(" ", line)
