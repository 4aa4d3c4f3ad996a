"""Deadline rules: reading deadlines as people write them, and the state of a measure.

Deadlines are kept as written ("2020年12月底", "年底", "长期坚持") together with the date they
mean; a month means its last day, 年底 the 31 December of the reference year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from enum import StrEnum

from rectdesk.core.errors import ValidationError
from rectdesk.core.model import Deadline, MeasureStatus

WARN_DAYS = 10  # yellow
NOTICE_DAYS = 20  # an earlier notice

_LONG_TERM_WORDS = ("长期坚持", "长期", "持续推进", "常态化", "长期推进")
_FULL = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?(?:前|之前|底)?$")
_MONTH = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*月?\s*(?:底|末|前|之前|份)?$")
_YEAR = re.compile(r"^(\d{4})\s*年\s*(?:底|末|年底)$")
_HALF = re.compile(r"^(\d{4})\s*年\s*(上|下)半年(?:底|末)?$")


class DeadlineState(StrEnum):
    OVERDUE = "逾期"
    DUE_SOON = "临期"
    NOTICE = "即将到期"
    ON_TRACK = "正常推进"
    DONE = "已完成"
    LONG_TERM = "长期坚持"
    OPEN = "未设时限"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str | date | datetime | None, ref_year: int | None = None) -> Deadline:
    """Read a deadline; raise ValidationError (field="deadline") when it cannot be understood."""
    if text is None:
        return Deadline()
    if isinstance(text, datetime):
        return Deadline(text=f"{text.year}年{text.month}月{text.day}日", due=text.date())
    if isinstance(text, date):
        return Deadline(text=f"{text.year}年{text.month}月{text.day}日", due=text)
    raw = str(text).strip()
    if not raw:
        return Deadline()
    t = raw.replace("．", ".").replace("－", "-").replace("／", "/").replace(" ", "")
    if any(w in t for w in _LONG_TERM_WORDS):
        return Deadline(text=raw, long_term=True)
    try:
        if m := _FULL.match(t):
            return Deadline(text=raw, due=date(int(m[1]), int(m[2]), int(m[3])))
        if m := _MONTH.match(t):
            return Deadline(text=raw, due=_month_end(int(m[1]), int(m[2])))
        if m := _YEAR.match(t):
            return Deadline(text=raw, due=date(int(m[1]), 12, 31))
        if m := _HALF.match(t):
            return Deadline(text=raw, due=_month_end(int(m[1]), 6 if m[2] == "上" else 12))
        if t in ("年底", "年末", "今年底", "本年底") and ref_year:
            return Deadline(text=raw, due=date(ref_year, 12, 31))
        if (m := re.match(r"^(\d{1,2})月(?:底|末)?$", t)) and ref_year:
            return Deadline(text=raw, due=_month_end(ref_year, int(m[1])))
    except ValueError:
        pass  # an impossible date such as 2020年2月30日 falls through to the error below
    if t in ("立行立改", "立即", "即知即改"):
        return Deadline(text=raw)
    raise ValidationError(f"无法识别的整改时限“{raw}”：请写成 2020年12月31日、2020年12月底、年底或长期坚持",
                          field="deadline")


def deadline_state(
    due: date | None,
    status: MeasureStatus,
    today: date,
    *,
    long_term: bool = False,
    warn_days: int = WARN_DAYS,
    notice_days: int = NOTICE_DAYS,
) -> DeadlineState:
    """The state that colours a measure: overdue red, due soon yellow, done green."""
    if status is MeasureStatus.DONE:
        return DeadlineState.DONE
    if status is MeasureStatus.LONG_TERM or long_term:
        return DeadlineState.LONG_TERM
    if due is None:
        return DeadlineState.OPEN
    if due < today:
        return DeadlineState.OVERDUE
    left = (due - today).days
    if left <= warn_days:
        return DeadlineState.DUE_SOON
    if left <= notice_days:
        return DeadlineState.NOTICE
    return DeadlineState.ON_TRACK


def is_overdue(due: date | None, status: MeasureStatus, today: date) -> bool:
    return deadline_state(due, status, today) is DeadlineState.OVERDUE


def due_within(due: date | None, status: MeasureStatus, today: date, days: int) -> bool:
    """Open, not yet overdue, and due within `days` days."""
    if due is None or status in (MeasureStatus.DONE, MeasureStatus.LONG_TERM):
        return False
    return today <= due <= today + timedelta(days=days)


def format_date_cn(d: date | None) -> str:
    """2020年11月2日: Arabic numerals, no leading zeros (GB/T 9704 成文日期)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_cn_date(text: str) -> date | None:
    """Find the first 2020年11月2日-style date in `text`."""
    m = _CN_DATE.search(text or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_any_date(value: object) -> date | None:
    """A date from a cell or a string: date, datetime, 2020-11-02, 2020/11/2, 2020.11.2, 2020年11月2日.

    Returns None for empty input; raises ValidationError for text that is no date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    t = str(value).strip()
    if not t:
        return None
    m = _FULL.match(t.replace(" ", ""))
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise ValidationError(f"无法识别的日期“{t}”：请写成 2020-11-02 或 2020年11月2日", field="date")
