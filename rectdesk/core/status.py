"""Status rules: inferring a measure's status from its text, deriving a problem's."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rectdesk.core.model import MeasureStatus, ProblemStatus

# Checked in order: the first group with a hit decides. Long-term words win over "done" words
# because a text like "已完成...做到长期坚持" describes ongoing work; "in progress" words win over
# "done" words because "已建成...正在施工" is not finished.
_LONG_TERM = ("长期坚持", "长期推进", "常态化", "持续推进", "持续开展", "持续加强")
_IN_PROGRESS = ("未完成", "尚未", "未整改", "未到位", "正在", "推进中", "加快", "加快推进", "待征求意见", "基本完成", "部分整改",
                "阶段性", "进行中", "拟制", "启动", "持续整改", "整改中")
_DONE = ("已完成", "已建成", "已全部", "建成投用", "投入使用", "已全部整改", "整改到位", "已全部完成", "已投入运行", "已经建成", "完成整改", "已整改", "已销号", "已印发",
         "已成立", "印发了", "修订了", "制定下发", "完成了", "已经成立")


def status_words(text: str) -> MeasureStatus | None:
    """The status the words of `text` state, or None when they state none."""
    if any(w in text for w in _LONG_TERM):
        return MeasureStatus.LONG_TERM
    if any(w in text for w in _IN_PROGRESS):
        return MeasureStatus.IN_PROGRESS
    if any(w in text for w in _DONE):
        return MeasureStatus.DONE
    return None


def infer_measure_status(text: str) -> MeasureStatus:
    """Guess a measure's status from the words of its text; the caller marks it as inferred."""
    return status_words(text) or MeasureStatus.IN_PROGRESS


# A body that opens with a verdict ("该问题已完成整改。") states the status of the whole item.
_LEAD = re.compile(r"^[（(【\[]?(?:该|此|本)?(?:项|条)?(?:问题)?(?:已经|已)?"
                   r"(已完成整改|完成整改|整改完成|已整改到位|整改到位|已整改|已完成|已销号|完成|"
                   r"正在整改|正在推进|持续整改|整改中|基本完成|部分完成|部分整改|"
                   r"长期坚持|长期推进|常态化推进|常态化)"
                   r"(?:[）)】\]]|[。；;，,：:]|$)")
_LEAD_WORDS = {"已完成整改": MeasureStatus.DONE, "完成整改": MeasureStatus.DONE,
               "整改完成": MeasureStatus.DONE, "已整改到位": MeasureStatus.DONE,
               "整改到位": MeasureStatus.DONE, "已整改": MeasureStatus.DONE,
               "已完成": MeasureStatus.DONE, "已销号": MeasureStatus.DONE, "完成": MeasureStatus.DONE,
               "部分完成": MeasureStatus.IN_PROGRESS}


def leading_status(text: str) -> MeasureStatus | None:
    """The status an item's body declares in its first words, e.g. "该问题已完成整改。"."""
    m = _LEAD.match((text or "").strip())
    if not m:
        return None
    word = m.group(1)
    return _LEAD_WORDS.get(word) or parse_status(word) or infer_measure_status(word)


def derive_problem_status(statuses: Iterable[MeasureStatus], signed_off: bool) -> ProblemStatus:
    """A problem's status follows its measures unless it has been signed off (销号)."""
    if signed_off:
        return ProblemStatus.SIGNED_OFF
    found = set(statuses)
    if not found or found == {MeasureStatus.NOT_STARTED}:
        return ProblemStatus.NOT_STARTED
    if found <= {MeasureStatus.DONE}:
        return ProblemStatus.DONE
    if found <= {MeasureStatus.DONE, MeasureStatus.LONG_TERM}:
        return ProblemStatus.LONG_TERM
    return ProblemStatus.IN_PROGRESS


def parse_status(text: str) -> MeasureStatus | None:
    """Read a status as people write it in forms and ledgers; None when it is not one."""
    return _STATUS_WORDS.get((text or "").strip())


_STATUS_WORDS: dict[str, MeasureStatus] = {
    "完成": MeasureStatus.DONE, "已整改": MeasureStatus.DONE, "完成整改": MeasureStatus.DONE,
    "已销号": MeasureStatus.DONE, "整改完成": MeasureStatus.DONE,
    "推进中": MeasureStatus.IN_PROGRESS, "正在整改": MeasureStatus.IN_PROGRESS,
    "整改中": MeasureStatus.IN_PROGRESS, "进行中": MeasureStatus.IN_PROGRESS,
    "持续整改": MeasureStatus.IN_PROGRESS, "基本完成": MeasureStatus.IN_PROGRESS,
    "长期": MeasureStatus.LONG_TERM, "长期推进": MeasureStatus.LONG_TERM,
    "常态化": MeasureStatus.LONG_TERM, "常态化推进": MeasureStatus.LONG_TERM,
    "正在推进": MeasureStatus.IN_PROGRESS, "部分整改": MeasureStatus.IN_PROGRESS,
    "已完成整改": MeasureStatus.DONE, "整改到位": MeasureStatus.DONE, "未开始": MeasureStatus.NOT_STARTED,
    "未启动": MeasureStatus.NOT_STARTED,
} | {status.value: status for status in MeasureStatus}  # the status names themselves win
