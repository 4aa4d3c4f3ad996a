"""Labelled lines ("整改情况：", "责任单位：") and the owners and deadlines they carry."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rectdesk.core.deadlines import parse_deadline
from rectdesk.core.errors import ValidationError
from rectdesk.core.model import Deadline, MeasureData

# Canonical field -> the labels people write for it (longest first when matching).
_KEYS: dict[str, tuple[str, ...]] = {
    "problem": ("存在问题", "反馈问题", "问题表现", "问题描述", "主要问题", "具体问题", "问题清单", "问题"),
    "task": ("整改任务", "整改事项", "整改要求"),
    "goal": ("整改目标", "目标要求"),
    "measures": ("整改措施", "整改举措", "具体措施", "主要措施", "工作措施"),
    "result": ("整改措施及成效", "整改落实情况", "整改进展情况", "整改完成情况", "整改情况", "整改进展",
               "整改成效", "落实情况", "完成情况", "整改结果", "进展情况"),
    "lead": ("责任单位", "责任部门", "牵头单位", "牵头部门", "责任处室", "主责单位", "责任主体"),
    "coop": ("配合单位", "配合部门", "协办单位", "协同单位", "参与部门", "参与单位"),
    "leaders": ("责任领导", "牵头领导", "分管领导", "责任人"),
    "deadline": ("完成时限", "整改时限", "完成时间", "整改期限", "时限要求", "时限"),
    "status": ("整改状态", "完成状态", "状态"),
}
_LABEL_TO_KEY = {label: key for key, labels in _KEYS.items() for label in labels}
_ALTERNATION = "|".join(sorted(_LABEL_TO_KEY, key=len, reverse=True))
_LINE = re.compile(rf"^(?:【({_ALTERNATION})】\s*[:：]?|({_ALTERNATION})\s*[:：]"
                   r"|【(问题[一二三四五六七八九十\d]{1,3})】\s*[:：]?|(问题[一二三四五六七八九十\d]{1,3})\s*[:：])\s*")
_INLINE_OWNER = re.compile(
    r"[（(]([^（）()]*?(?:责任单位|责任部门|牵头单位|牵头部门|责任领导|牵头领导|责任人|完成时限|整改时限|时限)"
    r"\s*[:：][^（）()]*)[)）]")
_NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
SINGLE_LINE = frozenset({"lead", "coop", "leaders", "deadline", "status"})


@dataclass
class Owners:
    lead: list[str]
    coop: list[str]
    leaders: list[str]
    deadline: str

    def any(self) -> bool:
        return bool(self.lead or self.coop or self.leaders or self.deadline)


def field_line(line: str) -> tuple[str, str] | None:
    """(canonical key, value) when `line` starts with a known label."""
    m = _LINE.match(line)
    if not m:
        return None
    label = m.group(1) or m.group(2)
    key = _LABEL_TO_KEY[label] if label else "problem"
    return key, line[m.end():].strip()


def names(text: str) -> list[str]:
    out: list[str] = []
    for part in _NAME_SPLIT.split(text.strip("。；; ")):
        part = part.strip("：:（）() ")
        if part and part not in out and len(part) <= 50:
            out.append(part)
    return out


def owners_from(fields: dict[str, list[str]]) -> Owners:
    lead = names("、".join(fields.get("lead", [])))
    return Owners(lead=lead[:1], coop=lead[1:] + names("、".join(fields.get("coop", []))),
                  leaders=names("、".join(fields.get("leaders", []))),
                  deadline="；".join(fields.get("deadline", [])).strip("。； "))


def inline_owners(text: str) -> tuple[str, Owners | None]:
    """Take "（责任单位：办公室；完成时限：2020年12月底）" out of a measure's text."""
    m = _INLINE_OWNER.search(text)
    if not m:
        return text, None
    fields: dict[str, list[str]] = {}
    for part in re.split(r"[；;]", m.group(1)):
        found = field_line(part.strip())
        if found and found[0] in SINGLE_LINE:
            fields.setdefault(found[0], []).append(found[1])
    if not fields:
        return text, None
    return (text[:m.start()] + text[m.end():]).strip(), owners_from(fields)


def read_deadline(text: str, ref_year: int | None, notes: list[str]) -> Deadline:
    """The deadline as written; when it names no date we keep the words and say so."""
    if not text:
        return Deadline()
    try:
        return parse_deadline(text, ref_year)
    except ValidationError:
        notes.append(f"时限“{text}”无法换算为日期，已按原文保留")
        return Deadline(text=text[:100])


def apply_owners(measure: MeasureData, owners: Owners, ref_year: int | None, notes: list[str]) -> bool:
    """Fill the measure's owners from `owners` where it has none yet; True when any was set."""
    changed = False
    if owners.lead and not measure.lead_department:
        measure.lead_department, changed = owners.lead[0], True
    if owners.coop and not measure.cooperating:
        measure.cooperating, changed = list(owners.coop), True
    if owners.leaders and not measure.leaders:
        measure.leaders, changed = list(owners.leaders), True
    if owners.deadline and not measure.deadline.is_set:
        measure.deadline, changed = read_deadline(owners.deadline, ref_year, notes), True
    return changed
