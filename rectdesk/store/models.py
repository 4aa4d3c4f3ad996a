"""SQLAlchemy 2 typed models of the register.

Enums are stored as their Chinese values in plain VARCHAR columns (readable in any SQLite browser,
portable to PostgreSQL). Editable rows carry a `version` column used for optimistic locking: a
save naming the version the user saw, when another workstation saved since, raises
store.concurrency.EditConflict (with both versions) instead of overwriting silently.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from rectdesk.core.model import (
    CampaignKind,
    EvidenceKind,
    ExtensionState,
    MeasureStatus,
    RecheckResult,
)


def _enum(kind: type[enum.Enum]) -> Enum:
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e],
                validate_strings=True)


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Register-wide settings (data, not UI state): register id, warning windows, rules."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Department(Base):
    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[str] = mapped_column(String(200), default="")  # 职务


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[CampaignKind] = mapped_column(_enum(CampaignKind), default=CampaignKind.XUNCHA)
    inspecting_body: Mapped[str] = mapped_column(String(200), default="")
    inspected_unit: Mapped[str] = mapped_column(String(200), default="")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    feedback_date: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    issuing_organ: Mapped[str] = mapped_column(String(200), default="")
    bulletin_title: Mapped[str] = mapped_column(String(300), default="")
    intro: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(Text, default="")
    next_steps_heading: Mapped[str] = mapped_column(String(200), default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(String(200), default="")
    bulletin_date: Mapped[date | None] = mapped_column(Date)
    marking: Mapped[str] = mapped_column(String(100), default="")
    unparsed: Mapped[str] = mapped_column(Text, default="")  # import leftovers, one per line
    # The document it was imported from: sha256 of its normalised text, and its file name.
    source_hash: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)
    source_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    categories: Mapped[list[Category]] = relationship(
        back_populates="campaign", order_by="Category.position", cascade="all, delete-orphan")
    problems: Mapped[list[Problem]] = relationship(
        back_populates="campaign", order_by="Problem.position", cascade="all, delete-orphan")
    mechanisms: Mapped[list[Mechanism]] = relationship(
        back_populates="campaign", order_by="Mechanism.id", cascade="all, delete-orphan")

    __mapper_args__: Any = {"version_id_col": version}


class Category(Base):
    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    campaign: Mapped[Campaign] = relationship(back_populates="categories")
    __table_args__ = (UniqueConstraint("campaign_id", "name"),)


mechanism_problem = Table(
    "mechanism_problem",
    Base.metadata,
    Column("mechanism_id", ForeignKey("mechanism.id", ondelete="CASCADE"), primary_key=True),
    Column("problem_id", ForeignKey("problem.id", ondelete="CASCADE"), primary_key=True),
)


class Problem(Base):
    __tablename__ = "problem"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)  # 1-based number in the campaign
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    signed_off_on: Mapped[date | None] = mapped_column(Date)
    signed_off_by: Mapped[str] = mapped_column(String(100), default="")
    sign_off_opinion: Mapped[str] = mapped_column(Text, default="")
    recheck_due: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    campaign: Mapped[Campaign] = relationship(back_populates="problems")
    category: Mapped[Category | None] = relationship()
    measures: Mapped[list[Measure]] = relationship(
        back_populates="problem", order_by="Measure.position", cascade="all, delete-orphan")
    rechecks: Mapped[list[Recheck]] = relationship(
        back_populates="problem", order_by="Recheck.id", cascade="all, delete-orphan")
    mechanisms: Mapped[list[Mechanism]] = relationship(
        secondary=mechanism_problem, back_populates="problems")

    __mapper_args__: Any = {"version_id_col": version}
    __table_args__ = (Index("ix_problem_campaign_position", "campaign_id", "position"),)


measure_leader = Table(
    "measure_leader",
    Base.metadata,
    Column("measure_id", ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="RESTRICT"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)

measure_cooperating = Table(
    "measure_cooperating",
    Base.metadata,
    Column("measure_id", ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("department.id", ondelete="RESTRICT"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)


class Measure(Base):
    __tablename__ = "measure"
    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based: 一是, 二是, ...
    text: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    lead_department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id", ondelete="RESTRICT"), index=True)
    deadline_text: Mapped[str] = mapped_column(String(100), default="")
    deadline_due: Mapped[date | None] = mapped_column(Date, index=True)
    long_term: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[MeasureStatus] = mapped_column(_enum(MeasureStatus), default=MeasureStatus.NOT_STARTED)
    status_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    problem: Mapped[Problem] = relationship(back_populates="measures")
    lead_department: Mapped[Department | None] = relationship()
    # View-only: services write the association rows themselves to keep `position` (the order
    # in which leaders and departments were typed).
    leaders: Mapped[list[Person]] = relationship(
        secondary=measure_leader, order_by=measure_leader.c.position, viewonly=True)
    cooperating: Mapped[list[Department]] = relationship(
        secondary=measure_cooperating, order_by=measure_cooperating.c.position, viewonly=True)
    progress: Mapped[list[Progress]] = relationship(
        back_populates="measure", order_by="(Progress.reported_on, Progress.id)",
        cascade="all, delete-orphan")
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="measure", order_by="Extension.id", cascade="all, delete-orphan")

    __mapper_args__: Any = {"version_id_col": version}


class Extension(Base):
    """A deadline extension request (延期申请); the measure's own deadline is kept."""

    __tablename__ = "extension"
    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), index=True)
    new_due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[ExtensionState] = mapped_column(_enum(ExtensionState), default=ExtensionState.PENDING)
    requested_by: Mapped[str] = mapped_column(String(100), default="")
    requested_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    measure: Mapped[Measure] = relationship(back_populates="extensions")


class Progress(Base):
    __tablename__ = "progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), index=True)
    reported_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[MeasureStatus | None] = mapped_column(_enum(MeasureStatus))
    reported_by: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(500), default="")  # 手工录入 or the form file name
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    measure: Mapped[Measure] = relationship(back_populates="progress")


class Evidence(Base):
    """Metadata of a file in the content-addressed evidence store (佐证材料)."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    measure_id: Mapped[int | None] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer, default=0)
    media_type: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[EvidenceKind] = mapped_column(_enum(EvidenceKind), default=EvidenceKind.OTHER)
    doc_number: Mapped[str] = mapped_column(String(200), default="")
    doc_date: Mapped[date | None] = mapped_column(Date)
    added_by: Mapped[str] = mapped_column(String(100), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    review_note: Mapped[str] = mapped_column(Text, default="")
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)  # file kept until check --prune
    __table_args__ = (
        CheckConstraint("(problem_id IS NULL) <> (measure_id IS NULL)", name="evidence_one_owner"),
    )


class Recheck(Base):
    """A re-check (回头看) of a signed-off problem: 巩固 or 反弹."""

    __tablename__ = "recheck"
    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    checked_on: Mapped[date] = mapped_column(Date)
    result: Mapped[RecheckResult] = mapped_column(_enum(RecheckResult))
    note: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(String(100), default="")
    problem: Mapped[Problem] = relationship(back_populates="rechecks")


class Mechanism(Base):
    """A rule or document issued in response (建章立制)."""

    __tablename__ = "mechanism"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    doc_number: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    campaign: Mapped[Campaign] = relationship(back_populates="mechanisms")
    problems: Mapped[list[Problem]] = relationship(
        secondary=mechanism_problem, back_populates="mechanisms", order_by="Problem.position")


class ChangeLog(Base):
    """留痕: who changed what, when, from which value to which."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, index=True)
    operator: Mapped[str] = mapped_column(String(100))
    workstation: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(32))  # create / update / delete / ...
    entity: Mapped[str] = mapped_column(String(32))  # campaign / problem / measure / ...
    entity_id: Mapped[int | None] = mapped_column(Integer)
    campaign_id: Mapped[int | None] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(64), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    # The problem it concerns (its measures, progress, evidence too): kept after a delete.
    problem_id: Mapped[int | None] = mapped_column(Integer, index=True)
    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)


class Snapshot(Base):
    """A dated snapshot of a campaign's measures (本周), compared by the weekly report."""

    __tablename__ = "snapshot"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    taken_on: Mapped[date] = mapped_column(Date)
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    label: Mapped[str] = mapped_column(String(100), default="")
    payload: Mapped[str] = mapped_column(Text)  # JSON: {measure_id: {status, due, progress_count}}


class FormIssue(Base):
    """A department feedback form sent out (部门反馈表)."""

    __tablename__ = "form_issue"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # uuid printed in the form
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    due: Mapped[date | None] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    payload: Mapped[str] = mapped_column(Text, default="")  # JSON: measure versions as issued


class FormImport(Base):
    """A returned form merged into the register; the hash refuses the same file twice."""

    __tablename__ = "form_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[str] = mapped_column(ForeignKey("form_issue.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    operator: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
