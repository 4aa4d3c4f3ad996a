"""Stored Chinese values (statuses, deadline states), dates and the store's rule messages
shown in the UI language."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum

from PySide6.QtCore import QCoreApplication

from rectdesk.core.fields import label

_cache: dict[str, str] = {}


def reset() -> None:
    """Forget the translated words (after the language changed)."""
    _cache.clear()


def word(value: str | Enum) -> str:
    """The UI-language word for a status or deadline state (its stored value is Chinese)."""
    key = str(value.value) if isinstance(value, Enum) else value
    if not _cache:
        _cache.update(_names())
    return _cache.get(key, key)


def field_label(key: str) -> str:
    """A problem or measure field's name (core.fields) in the UI language; i18n_build hands the
    table's labels to lupdate in the "Field" context."""
    return QCoreApplication.translate("Field", label(key))


def _names() -> dict[str, str]:
    return {
        "未启动": QCoreApplication.translate("Words", "未启动"), "正在推进": QCoreApplication.translate("Words", "正在推进"), "已完成": QCoreApplication.translate("Words", "已完成"),
        "长期坚持": QCoreApplication.translate("Words", "长期坚持"), "已销号": QCoreApplication.translate("Words", "已销号"), "逾期": QCoreApplication.translate("Words", "逾期"), "临期": QCoreApplication.translate("Words", "临期"),
        "即将到期": QCoreApplication.translate("Words", "即将到期"), "正常推进": QCoreApplication.translate("Words", "正常推进"), "未设时限": QCoreApplication.translate("Words", "未设时限"),
        "待审批": QCoreApplication.translate("Words", "待审批"), "已批准": QCoreApplication.translate("Words", "已批准"),
        "已驳回": QCoreApplication.translate("Words", "已驳回"), "巩固": QCoreApplication.translate("Words", "巩固"),
        "反弹": QCoreApplication.translate("Words", "反弹"),
    }


def date_format() -> str:
    """The QDate format of dates in the UI language (date edits use it too)."""
    return QCoreApplication.translate("Words", "yyyy年M月d日")


def day(d: date | None) -> str:
    """A date as the UI language writes it: 2020年11月2日 / 2 Nov 2020."""
    if d is None:
        return ""
    from PySide6.QtCore import QDate

    return QDate(d.year, d.month, d.day).toString(date_format())


def message(text: str) -> str:
    """A rule message of the store (Chinese) in the UI language, for the ones a window shows
    as lists (sign-off blockers); unknown text stays as it is."""
    for pattern, template in _messages():
        m = re.fullmatch(pattern, text)
        if m:
            out = template
            for i, part in enumerate(m.groups(), start=1):
                out = out.replace(f"%{i}", word(part))
            return out
    return text


def _messages() -> list[tuple[str, str]]:
    return [
        (r"该问题没有整改措施", QCoreApplication.translate("Words", "该问题没有整改措施")),
        (r"问题 (\d+)", QCoreApplication.translate("Words", "问题 %1")),
        (r"措施 ([\d.]+)", QCoreApplication.translate("Words", "措施 %1")),
        (r"措施 (\S+) 为长期坚持，但尚无阶段性成果",
         QCoreApplication.translate("Words", "措施 %1 为长期坚持，但尚无阶段性成果")),
        (r"措施 (\S+) 尚未完成（(.+)）", QCoreApplication.translate("Words", "措施 %1 尚未完成（%2）")),
        (r"措施 (\S+) 没有佐证材料", QCoreApplication.translate("Words", "措施 %1 没有佐证材料")),
    ]


def kind_word(kind: object) -> str:
    """An evidence kind (stored in Chinese) in the UI language."""
    words = {"制度文件": QCoreApplication.translate("EvidencePanel", "制度文件"), "会议纪要": QCoreApplication.translate("EvidencePanel", "会议纪要"),
             "通知": QCoreApplication.translate("EvidencePanel", "通知"), "照片": QCoreApplication.translate("EvidencePanel", "照片"),
             "台账": QCoreApplication.translate("EvidencePanel", "台账"), "其他": QCoreApplication.translate("EvidencePanel", "其他")}
    value = str(getattr(kind, "value", kind))
    return words.get(value, value)
