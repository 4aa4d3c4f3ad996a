"""The domain as plain data: what importers produce, exporters consume and the store persists.

These dataclasses carry no database identity beyond an optional `id`; the store fills them in
(`store.queries.load_campaign`) and writes them (`store.services.import_campaign`). Exporters and
importers in `rectdesk.exchange` only ever see these types, so a round trip is a comparison of
two `CampaignData` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class CampaignKind(StrEnum):
    XUNSHI = "巡视"
    XUNCHA = "巡察"
    XUNCHA_RECHECK = "巡察回头看"
    AUDIT = "审计"
    DUCHA = "督察"
    OTHER = "其他"


class MeasureStatus(StrEnum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "正在推进"
    DONE = "已完成"
    LONG_TERM = "长期坚持"


class ProblemStatus(StrEnum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "正在推进"
    DONE = "已完成"
    LONG_TERM = "长期坚持"
    SIGNED_OFF = "已销号"


class ExtensionState(StrEnum):
    PENDING = "待审批"
    APPROVED = "已批准"
    REJECTED = "已驳回"


class RecheckResult(StrEnum):
    CONSOLIDATED = "巩固"
    RELAPSED = "反弹"


class EvidenceKind(StrEnum):
    RULE = "制度文件"
    MINUTES = "会议纪要"
    NOTICE = "通知"
    PHOTO = "照片"
    LEDGER = "台账"
    OTHER = "其他"


@dataclass
class Deadline:
    """A deadline as written ("2020年12月底", "长期坚持") and the date it means, if any."""

    text: str = ""
    due: date | None = None
    long_term: bool = False

    @property
    def is_set(self) -> bool:
        return bool(self.text) or self.due is not None or self.long_term


@dataclass
class ProgressData:
    when: date
    text: str
    status: MeasureStatus | None = None
    reported_by: str = ""
    source: str = ""
    id: int | None = None


@dataclass
class EvidenceData:
    title: str
    file_name: str
    sha256: str
    size: int = 0
    media_type: str = ""
    kind: EvidenceKind = EvidenceKind.OTHER
    doc_number: str = ""
    doc_date: date | None = None
    added_by: str = ""
    reviewed: bool = False
    review_note: str = ""
    id: int | None = None


@dataclass
class ExtensionData:
    new_due: date
    reason: str
    state: ExtensionState = ExtensionState.PENDING
    requested_by: str = ""
    requested_on: date | None = None
    decided_by: str = ""
    decided_on: date | None = None
    id: int | None = None


@dataclass
class MeasureData:
    text: str
    result: str = ""
    leaders: list[str] = field(default_factory=list)
    lead_department: str = ""
    cooperating: list[str] = field(default_factory=list)
    deadline: Deadline = field(default_factory=Deadline)
    status: MeasureStatus = MeasureStatus.NOT_STARTED
    status_inferred: bool = False
    completed_on: date | None = None
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # core.fields.added_fields(), by key
    progress: list[ProgressData] = field(default_factory=list)
    evidence: list[EvidenceData] = field(default_factory=list)
    extensions: list[ExtensionData] = field(default_factory=list)
    number: int = 0  # 1-based order inside its problem (一是, 二是, ...)
    id: int | None = None

    @property
    def effective_due(self) -> date | None:
        """The approved extension's date if there is one, else the deadline's."""
        approved = [e for e in self.extensions if e.state is ExtensionState.APPROVED]
        if approved:
            return approved[-1].new_due
        return self.deadline.due


@dataclass
class SignOff:
    signed_on: date
    approved_by: str
    opinion: str = ""


@dataclass
class RecheckData:
    checked_on: date
    result: RecheckResult
    note: str = ""
    checked_by: str = ""


@dataclass
class ProblemData:
    title: str
    description: str = ""
    category: str = ""
    number: int = 0  # 1-based number in the campaign, as the ledger prints it
    measures: list[MeasureData] = field(default_factory=list)
    sign_off: SignOff | None = None
    recheck_due: date | None = None
    rechecks: list[RecheckData] = field(default_factory=list)
    evidence: list[EvidenceData] = field(default_factory=list)
    id: int | None = None


@dataclass
class MechanismData:
    """A rule or document issued in response (建章立制), linked to problem numbers."""

    title: str
    doc_number: str = ""
    issued_on: date | None = None
    problem_numbers: list[int] = field(default_factory=list)
    id: int | None = None


@dataclass
class CampaignData:
    title: str
    kind: CampaignKind = CampaignKind.XUNCHA
    inspecting_body: str = ""
    inspected_unit: str = ""
    period_start: date | None = None
    period_end: date | None = None
    feedback_date: date | None = None
    deadline: date | None = None
    notes: str = ""
    # The bulletin's fixed parts.
    issuing_organ: str = ""
    bulletin_title: str = ""
    intro: str = ""
    organisation: str = ""  # 一、整改工作组织情况, paragraphs separated by "\n"
    next_steps_heading: str = ""
    next_steps: str = ""  # 三、下一步..., paragraphs separated by "\n"
    contact: str = ""
    signature: str = ""
    bulletin_date: date | None = None
    marking: str = ""  # e.g. 内部资料 注意保存: the ledger's and the internal documents' marking
    categories: list[str] = field(default_factory=list)
    problems: list[ProblemData] = field(default_factory=list)
    mechanisms: list[MechanismData] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    id: int | None = None

    def measure_count(self) -> int:
        return sum(len(p.measures) for p in self.problems)

    def digest(self) -> str:
        """sha256 of the problems and measures as read, blanks ignored: the same document,
        as .docx or .txt, or re-saved, gives the same digest (noticed on a second import)."""
        import hashlib

        h = hashlib.sha256()
        for p in self.problems:
            h.update(("\x1eP" + "".join(p.title.split())).encode())
            for m in p.measures:
                h.update(("\x1fM" + "".join((m.text or m.result).split())).encode())
        return h.hexdigest()
