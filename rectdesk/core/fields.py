"""The problem and measure fields: one name each, in one table.

Every place that names a field reads it here: the detail forms' labels, the window's tables, the
change history, the conflict dialog, the store's messages, the ledger's column titles and the
headers its importer accepts, the feedback forms. The label is Chinese (the source language); the
GUI shows it through QCoreApplication.translate("Field", label), and i18n_build feeds the labels
to lupdate, so each needs one English line in the translations.

A measure field the table adds beyond the ones `MeasureData` names (an *added* field, see
`added_fields`) needs no code of its own: it is plain text stored in the model's column of the
same name, carried in `MeasureData.extra` / `MeasureRow.extra`, edited in the measure form's
widget of the same name, logged, guarded and shown in the conflict dialog and the history;
`ledger=True` gives it a ledger column (before 备注) that the ledger importer reads back,
`table=True` a column in the window's measure table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    TEXT = "text"  # multi-line text, stored as typed (cleaned)
    LINE = "line"  # one line of text
    NAMES = "names"  # people or departments, in the order typed (张三、李四)
    DEPARTMENT = "department"
    DEADLINE = "deadline"  # as written (2020年12月底, 长期坚持) and the date read from it
    STATUS = "status"
    DATE = "date"
    CATEGORY = "category"


@dataclass(frozen=True)
class Field:
    key: str  # the model's attribute, the change log's `field`, the form's widget name
    label: str  # the one name people read, everywhere
    kind: Kind
    entity: str = "measure"  # "measure" or "problem"
    aliases: tuple[str, ...] = ()  # other names importers accept for it (牵头单位 ...)
    ledger_title: str = ""  # the ledger column's title when its fixed layout names it otherwise
    ledger: bool = False  # an added field: a ledger column of its own
    table: bool = False  # an added field: a column of the window's measure table

    @property
    def ledger_header(self) -> str:
        return self.ledger_title or self.label


PROBLEM_FIELDS: tuple[Field, ...] = (
    Field("title", "问题标题", Kind.LINE, "problem", ledger_title="反馈问题",
          aliases=("反馈问题", "问题", "问题表现", "存在问题", "问题描述", "巡察反馈问题", "巡视反馈问题",
                   "具体问题", "主要问题", "问题清单", "反馈意见", "问题内容")),
    Field("description", "问题描述", Kind.TEXT, "problem"),
    Field("category", "问题类别", Kind.CATEGORY, "problem",
          aliases=("类别", "问题类型", "问题分类", "方面", "问题方面", "分类")),
    Field("recheck_due", "回头看日期", Kind.DATE, "problem"),
)

MEASURE_FIELDS: tuple[Field, ...] = (
    Field("text", "整改措施", Kind.TEXT,
          aliases=("措施", "整改举措", "具体措施", "整改任务", "整改事项", "整改要求", "整改目标及措施")),
    Field("result", "整改成效", Kind.TEXT),
    Field("leaders", "责任领导", Kind.NAMES,
          aliases=("牵头领导", "分管领导", "责任人", "领导", "牵头责任领导")),
    Field("lead_department", "责任部门", Kind.DEPARTMENT,
          aliases=("责任单位", "牵头单位", "牵头部门", "责任处室", "牵头处室", "责任科室", "牵头科室",
                   "主责部门")),
    Field("cooperating", "配合部门", Kind.NAMES,
          aliases=("配合单位", "协办单位", "参与部门", "协同部门", "配合处室", "协办部门", "参与单位")),
    Field("deadline", "整改时限", Kind.DEADLINE,
          aliases=("完成时限", "时限", "整改期限", "完成时间", "整改时间", "完成期限", "时限要求")),
    Field("status", "整改状态", Kind.STATUS,
          aliases=("状态", "完成状态", "是否完成", "整改结果", "进度")),
    Field("completed_on", "完成日期", Kind.DATE),
    Field("note", "备注", Kind.TEXT, aliases=("说明",)),
)

FIELDS: dict[str, Field] = {f.key: f for f in (*PROBLEM_FIELDS, *MEASURE_FIELDS)}


def field(key: str) -> Field:
    return FIELDS[key]


def label(key: str) -> str:
    """The field's name ("" keys and unknown ones are returned as they are)."""
    f = FIELDS.get(key)
    return f.label if f is not None else key


def names(key: str) -> tuple[str, ...]:
    """Every name an importer accepts for the field: its ledger title, its label, its aliases."""
    f = FIELDS[key]
    return tuple(dict.fromkeys((f.ledger_header, f.label, *f.aliases)))


def added_fields() -> tuple[Field, ...]:
    """The measure fields with no code of their own (plain text in a column of their key)."""
    from dataclasses import fields

    from rectdesk.core.model import MeasureData

    named = {f.name for f in fields(MeasureData)}  # the fields with code of their own
    return tuple(f for f in MEASURE_FIELDS if f.key not in named)
