"""Stored Chinese values (statuses, deadline states) shown in the UI language."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

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


def _names() -> dict[str, str]:
    return {
        "未启动": QCoreApplication.translate("Words", "未启动"), "正在推进": QCoreApplication.translate("Words", "正在推进"), "已完成": QCoreApplication.translate("Words", "已完成"),
        "长期坚持": QCoreApplication.translate("Words", "长期坚持"), "已销号": QCoreApplication.translate("Words", "已销号"), "逾期": QCoreApplication.translate("Words", "逾期"), "临期": QCoreApplication.translate("Words", "临期"),
        "即将到期": QCoreApplication.translate("Words", "即将到期"), "正常推进": QCoreApplication.translate("Words", "正常推进"), "未设时限": QCoreApplication.translate("Words", "未设时限"),
    }
