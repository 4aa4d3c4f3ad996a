"""What an import did, for the CLI's summary line and the preview dialog."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def summary(self) -> str:
        return (f"imported: {self.problems} problems, {self.measures} measures, "
                f"{self.unparsed} unparsed paragraphs")
