"""Checking and cleaning what a user or a file gives the store: titles, texts, dates, statuses
and lists of names, each refused with a Chinese message naming the field."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rectdesk.core.errors import ValidationError
from rectdesk.core.fields import label
from rectdesk.core.model import MeasureStatus
from rectdesk.core.text import clean_line, clean_text

MAX_TITLE = 500
MAX_NAME = 100
MAX_TEXT = 100_000


def title(value: Any, field: str, label: str, limit: int = MAX_TITLE) -> str:
    text = clean_line(str(value) if value is not None else "")
    if not text:
        raise ValidationError(f"{label}不能为空", field=field)
    if len(text) > limit:
        raise ValidationError(f"{label}过长（{len(text)} 字，最多 {limit} 字）", field=field)
    return text


def text(value: Any, field: str, label: str) -> str:
    cleaned = clean_text(str(value) if value is not None else "")
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(f"{label}过长（{len(cleaned)} 字，最多 {MAX_TEXT} 字）", field=field)
    return cleaned


def day(value: Any, field: str, label: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    from rectdesk.core.deadlines import parse_any_date

    try:
        return parse_any_date(value)
    except ValidationError as exc:
        raise ValidationError(f"{label}：{exc.message}", field=field) from None


def status(value: Any, field: str = "status") -> MeasureStatus:
    if isinstance(value, MeasureStatus):
        return value
    from rectdesk.core.status import parse_status

    status = parse_status(str(value))
    if status is None:
        choices = "、".join(s.value for s in MeasureStatus)
        raise ValidationError(f"无法识别的{label('status')}“{value}”，应为：{choices}", field=field)
    return status


def names(values: Iterable[str] | str | None) -> list[str]:
    """Split a list of names as typed ("张三、李四", "张三,李四") and drop duplicates."""
    if values is None:
        return []
    if isinstance(values, str):
        import re

        values = re.split(r"[、，,;；/\n]+", values)
    out: list[str] = []
    for v in values:
        v = clean_line(v)
        if v and v not in out:
            out.append(v)
    return out
