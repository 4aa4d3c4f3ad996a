"""What an import did, for the CLI's summary line and the preview dialog.

`flags` lists what the importer was unsure of, each tied to the problem (and measure) it concerns
by index into `CampaignData.problems` as returned, so the preview can highlight those rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Flag kinds, with the caption the CLI and the preview show before the flagged text.
FLAG_CAPTIONS: dict[str, str] = {
    "organisation": "按整改工作组织情况跳过",
    "problem_list": "整改前的问题列表，未作为问题导入",
    "next_steps": "问题之后的工作部署，按下一步工作处理",
    "no_measures": "问题没有整改措施",
    "not_a_problem": "标题不像问题（可能是整改做法或任务）",
    "several_measures": "措施可能包含几条",
    "document_status": "状态由全文或本节的总述推断",
    "closing": "结尾文字，未并入最后一条措施",
    "count_mismatch": "文中所述问题数与导入数不符",
    "unparsed": "未能识别的段落",
    "source": "原文转换",
}


@dataclass
class Flag:
    """One thing to check: `kind` is a key of FLAG_CAPTIONS; `problem`/`measure` are 0-based."""

    kind: str
    text: str = ""
    problem: int | None = None
    measure: int | None = None

    @property
    def caption(self) -> str:
        return FLAG_CAPTIONS.get(self.kind, self.kind)

    def line(self) -> str:
        where = ""
        if self.problem is not None:
            where = f"问题 {self.problem + 1}" + (f" 措施 {self.measure + 1}" if self.measure is not None else "")
            where += "："
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.caption}（{where}{text}）" if text or where else self.caption


@dataclass
class ImportReport:
    problems: int = 0
    measures: int = 0
    unparsed: int = 0
    inferred_statuses: int = 0
    owners_found: int = 0
    categories: int = 0
    layout: str = ""
    notes: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def summary(self) -> str:
        return (f"imported: {self.problems} problems, {self.measures} measures, "
                f"{self.unparsed} unparsed paragraphs")

    def flagged(self, kind: str) -> list[Flag]:
        return [f for f in self.flags if f.kind == kind]

    def at(self, problem: int, measure: int | None = None) -> list[Flag]:
        """The flags of one row of the preview: a problem (measure None) or one of its measures."""
        return [f for f in self.flags if f.problem == problem and f.measure == measure]

    def document_flags(self) -> list[Flag]:
        """Flags tied to no problem (sections skipped, closing lines, unplaced text, the source)."""
        return [f for f in self.flags if f.problem is None]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (`import-bulletin --report FILE.json`)."""
        data = asdict(self)
        data["flags"] = [{**asdict(f), "caption": f.caption} for f in self.flags]
        return data
