"""Deadline rules: how deadlines are read, the state that colours a measure, and extensions."""

from __future__ import annotations

from datetime import date

import pytest

from rectdesk.core.deadlines import DeadlineState, deadline_state, parse_deadline
from rectdesk.core.errors import ValidationError
from rectdesk.core.model import ExtensionData, ExtensionState, MeasureData, MeasureStatus

TODAY = date(2020, 12, 1)


@pytest.mark.parametrize(("text", "due"), [
    ("2020年12月31日", date(2020, 12, 31)),
    ("2020-11-02", date(2020, 11, 2)),
    ("2020.9.30前", date(2020, 9, 30)),
    ("2020年12月", date(2020, 12, 31)),
    ("2020年12月底", date(2020, 12, 31)),
    ("2021年2月底", date(2021, 2, 28)),
    ("2020年2月", date(2020, 2, 29)),  # leap year
    ("2020年底", date(2020, 12, 31)),
    ("2021年上半年", date(2021, 6, 30)),
])
def test_dates_and_months_mean_their_last_day(text: str, due: date) -> None:
    d = parse_deadline(text)
    assert d.due == due
    assert d.text == text  # kept as written: the GUI and the ledger show it so
    assert not d.long_term


def test_year_end_takes_the_reference_year() -> None:
    assert parse_deadline("年底", ref_year=2020).due == date(2020, 12, 31)
    assert parse_deadline("11月底", ref_year=2020).due == date(2020, 11, 30)


def test_year_end_without_a_reference_year_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        parse_deadline("年底")
    assert err.value.field == "deadline"
    assert "年底" in err.value.message


@pytest.mark.parametrize("text", ["长期坚持", "长期", "常态化推进"])
def test_long_term_has_no_date(text: str) -> None:
    d = parse_deadline(text)
    assert d.long_term and d.due is None and d.text == text


def test_an_impossible_date_is_refused_with_a_chinese_message() -> None:
    with pytest.raises(ValidationError, match="2020年2月30日"):
        parse_deadline("2020年2月30日")


@pytest.mark.parametrize(("due", "status", "state"), [
    (date(2020, 11, 30), MeasureStatus.IN_PROGRESS, DeadlineState.OVERDUE),
    (date(2020, 11, 30), MeasureStatus.NOT_STARTED, DeadlineState.OVERDUE),
    (date(2020, 11, 30), MeasureStatus.DONE, DeadlineState.DONE),
    (date(2020, 11, 30), MeasureStatus.LONG_TERM, DeadlineState.LONG_TERM),
    (date(2020, 12, 1), MeasureStatus.IN_PROGRESS, DeadlineState.DUE_SOON),  # due today
    (date(2020, 12, 11), MeasureStatus.IN_PROGRESS, DeadlineState.DUE_SOON),  # 10 days: yellow
    (date(2020, 12, 12), MeasureStatus.IN_PROGRESS, DeadlineState.NOTICE),  # 11 days: notice
    (date(2020, 12, 21), MeasureStatus.IN_PROGRESS, DeadlineState.NOTICE),  # 20 days
    (date(2020, 12, 22), MeasureStatus.IN_PROGRESS, DeadlineState.ON_TRACK),
    (None, MeasureStatus.IN_PROGRESS, DeadlineState.OPEN),
])
def test_state_with_default_windows(due: date | None, status: MeasureStatus, state: DeadlineState) -> None:
    assert deadline_state(due, status, TODAY) is state


def test_long_term_deadline_is_never_overdue() -> None:
    d = parse_deadline("长期坚持")
    assert deadline_state(d.due, MeasureStatus.IN_PROGRESS, TODAY, long_term=d.long_term) \
        is DeadlineState.LONG_TERM


def test_windows_are_configurable() -> None:
    due = date(2020, 12, 16)  # 15 days ahead
    assert deadline_state(due, MeasureStatus.IN_PROGRESS, TODAY) is DeadlineState.NOTICE
    assert deadline_state(due, MeasureStatus.IN_PROGRESS, TODAY, warn_days=15) is DeadlineState.DUE_SOON
    assert deadline_state(due, MeasureStatus.IN_PROGRESS, TODAY, warn_days=3, notice_days=5) \
        is DeadlineState.ON_TRACK


def _measure(*extensions: ExtensionData) -> MeasureData:
    return MeasureData(text="修订制度", deadline=parse_deadline("2020年11月底"),
                       status=MeasureStatus.IN_PROGRESS, extensions=list(extensions))


def _state(m: MeasureData) -> DeadlineState:
    return deadline_state(m.effective_due, m.status, TODAY, long_term=m.deadline.long_term)


def test_an_approved_extension_moves_the_warning_and_keeps_the_original() -> None:
    m = _measure(ExtensionData(date(2021, 1, 31), "等待上级文件", ExtensionState.APPROVED, decided_by="王主任"))
    assert m.deadline.due == date(2020, 11, 30) and m.deadline.text == "2020年11月底"
    assert m.effective_due == date(2021, 1, 31)
    assert _state(m) is DeadlineState.ON_TRACK


@pytest.mark.parametrize("state", [ExtensionState.REJECTED, ExtensionState.PENDING])
def test_a_rejected_or_pending_extension_changes_nothing(state: ExtensionState) -> None:
    m = _measure(ExtensionData(date(2021, 1, 31), "等待上级文件", state))
    assert m.effective_due == date(2020, 11, 30)
    assert _state(m) is DeadlineState.OVERDUE


def test_the_latest_approved_extension_wins() -> None:
    m = _measure(ExtensionData(date(2020, 12, 5), "一", ExtensionState.APPROVED),
                 ExtensionData(date(2021, 3, 1), "二", ExtensionState.REJECTED),
                 ExtensionData(date(2020, 12, 20), "三", ExtensionState.APPROVED))
    assert m.effective_due == date(2020, 12, 20)
    assert _state(m) is DeadlineState.NOTICE
