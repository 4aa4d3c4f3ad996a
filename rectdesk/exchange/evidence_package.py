"""The evidence package (佐证材料汇编): one zip an inspection team can open anywhere.

    07 市控入江支流治理成效不明显/01-关于印发《河长制工作方案》的通知.pdf
    07 市控入江支流治理成效不明显/02-现场照片.jpg
    佐证材料目录.xlsx      number, problem, measure, title, 文号, date, file, size, sha256
    SHA256SUMS            `sha256sum -c SHA256SUMS` checks every file after unzipping

A folder per problem that has evidence, files numbered inside it (the problem's own evidence
first, then each measure's in order). Names are made safe for Windows (exchange.safe_names) and
each path stays under MAX_PATH characters; names are stored as UTF-8 with the zip UTF-8 flag, so
Chinese names open correctly in Windows Explorer and on UOS/Kylin. Each file's bytes are hashed
while they go into the zip and must match the register's hash, so the package never carries a
file that was altered in the store. The zip is written through fileio.atomic_write.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rectdesk.core.errors import RectDeskError
from rectdesk.core.model import CampaignData, EvidenceData, MeasureData, ProblemData
from rectdesk.exchange.safe_names import (
    UniqueNames,
    safe_component,
    safe_file_name,
    split_name,
    utf16_len,
)
from rectdesk.fileio import atomic_write

INDEX_NAME = "佐证材料目录.xlsx"
SUMS_NAME = "SHA256SUMS"
MAX_PATH = 199  # characters inside the zip, so the unzipped path has room for a parent folder
FOLDER_LEN = 60
CHUNK = 4 << 20
ZIP64_FROM = 1 << 31
STORED_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".pdf", ".zip", ".rar", ".7z", ".docx", ".xlsx",
                ".pptx", ".mp4", ".mp3", ".ofd")  # already compressed: deflating wastes time

FileFor = Callable[[EvidenceData], Path]


@dataclass(frozen=True)
class PackageEntry:
    number: int
    problem: str  # "7 市控入江支流治理成效不明显"
    measure: str  # "7.2" or ""
    evidence: EvidenceData
    path: str  # inside the zip


@dataclass
class PackageReport:
    out: Path
    entries: list[PackageEntry] = field(default_factory=list)
    bytes: int = 0

    def summary(self) -> str:
        folders = len({e.path.split("/", 1)[0] for e in self.entries})
        return (f"已导出佐证材料 {len(self.entries)} 份（{folders} 个问题，"
                f"{self.bytes / (1 << 20):.1f} MB）：{self.out}")


def plan_entries(campaign: CampaignData) -> list[PackageEntry]:
    """Where each evidence file goes in the package, in the order the index lists them."""
    entries: list[PackageEntry] = []
    folders = UniqueNames(FOLDER_LEN)
    for problem in campaign.problems:
        items = _items(problem)
        if not items:
            continue
        folder = folders.name(safe_component(f"{problem.number:02d} {problem.title}", FOLDER_LEN))
        names = UniqueNames(MAX_PATH - utf16_len(folder) - 1)
        width = max(2, len(str(len(items))))
        for i, (measure, ev) in enumerate(items, start=1):
            stem, ext = split_name(ev.file_name)
            title = ev.title or stem
            room = MAX_PATH - utf16_len(folder) - 1
            name = names.name(safe_file_name(f"{i:0{width}d}-{title}", ext, min(room, 120)))
            entries.append(PackageEntry(
                number=len(entries) + 1, problem=f"{problem.number} {problem.title}",
                measure=f"{problem.number}.{measure.number}" if measure else "", evidence=ev,
                path=f"{folder}/{name}"))
    return entries


def _items(problem: ProblemData) -> list[tuple[MeasureData | None, EvidenceData]]:
    items: list[tuple[MeasureData | None, EvidenceData]] = [(None, e) for e in problem.evidence]
    for m in problem.measures:
        items += [(m, e) for e in m.evidence]
    return items


def write_evidence_package(
    campaign: CampaignData,
    file_for: FileFor,
    out: Path | str,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> PackageReport:
    """Write the package of `campaign`'s evidence to `out`; `file_for` locates each file."""
    out = Path(out)
    entries = plan_entries(campaign)
    if not entries:
        raise RectDeskError("该整改任务还没有佐证材料，无需导出", field="campaign")
    stamp = (now or datetime.now()).timetuple()[:6]
    total = sum(e.evidence.size for e in entries)
    report = PackageReport(out=out, entries=entries)
    sums: list[str] = []
    with atomic_write(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry in entries:
            if cancelled is not None and cancelled():
                raise RectDeskError("已取消导出")
            sha = _add_file(zf, entry, file_for(entry.evidence), stamp)
            sums.append(f"{sha}  {entry.path}")
            report.bytes += entry.evidence.size
            if progress:
                progress(report.bytes, total, entry.path)
        index = index_workbook(campaign, entries)
        _add_bytes(zf, INDEX_NAME, index, stamp)
        sums.append(f"{hashlib.sha256(index).hexdigest()}  {INDEX_NAME}")
        _add_bytes(zf, SUMS_NAME, ("\n".join(sums) + "\n").encode("utf-8"), stamp)
    return report


def _info(name: str, stamp: tuple[int, ...], compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    # zipfile stores a non-ASCII name as UTF-8 and sets the UTF-8 flag (bit 11) for it
    return info


def _add_file(zf: zipfile.ZipFile, entry: PackageEntry, source: Path,
              stamp: tuple[int, ...]) -> str:
    ev = entry.evidence
    compress = zipfile.ZIP_STORED if entry.path.lower().endswith(STORED_TYPES) else zipfile.ZIP_DEFLATED
    h = hashlib.sha256()
    try:
        with open(source, "rb") as src, zf.open(_info(entry.path, stamp, compress), "w",
                                                force_zip64=ev.size >= ZIP64_FROM) as dst:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                dst.write(chunk)
    except FileNotFoundError:
        raise RectDeskError(f"佐证材料“{ev.title}”的文件缺失，请先运行“检查台账”",
                            file=ev.file_name) from None
    if h.hexdigest() != ev.sha256:
        raise RectDeskError(f"佐证材料“{ev.title}”的文件已被改动（校验值不符），请先运行“检查台账”",
                            file=ev.file_name)
    return ev.sha256


def _add_bytes(zf: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...]) -> None:
    zf.writestr(_info(name, stamp, zipfile.ZIP_DEFLATED), data)


# -- the index workbook -------------------------------------------------------------------------
COLUMNS = (  # header, width in characters
    ("序号", 6), ("问题", 28), ("措施", 7), ("材料标题", 32), ("类型", 9), ("文号", 18),
    ("成文日期", 12), ("文件", 40), ("大小", 10), ("SHA256", 30),
)


def index_workbook(campaign: CampaignData, entries: list[PackageEntry]) -> bytes:
    """佐证材料目录 as .xlsx bytes: printable (A4 landscape, one page wide, header repeated)."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("佐证材料目录")
    base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "border": 1, "text_wrap": True}
    title_fmt = wb.add_format({"font_name": "方正小标宋简体", "font_size": 16, "align": "center",
                               "valign": "vcenter"})
    head_fmt = wb.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9D9D9"})
    cell = wb.add_format(base)
    centre = wb.add_format({**base, "align": "center"})
    mono = wb.add_format({**base, "font_name": "Consolas", "font_size": 8})
    ws.merge_range(0, 0, 0, len(COLUMNS) - 1, f"{campaign.title}佐证材料目录", title_fmt)
    ws.set_row(0, 30)
    for col, (header, width) in enumerate(COLUMNS):
        ws.write_string(1, col, header, head_fmt)
        ws.set_column(col, col, width)
    for row, entry in enumerate(entries, start=2):
        ev = entry.evidence
        values = (str(entry.number), entry.problem, entry.measure, ev.title, ev.kind.value,
                  ev.doc_number, _cn_date(ev), entry.path, _size(ev.size), ev.sha256)
        for col, value in enumerate(values):
            fmt = mono if col == 9 else centre if col in (0, 2, 4, 6, 8) else cell
            ws.write_string(row, col, value, fmt)  # always text: no "=..." becomes a formula
        ws.set_row(row, _row_height(values))
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.autofilter(1, 0, 1 + len(entries), len(COLUMNS) - 1)
    wb.close()
    return buffer.getvalue()


def _cn_date(ev: EvidenceData) -> str:
    d = ev.doc_date
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1 << 20:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1 << 20):.1f} MB"


def _row_height(values: tuple[str, ...]) -> float:
    """Enough lines for the longest cell (CJK characters count two width units)."""
    lines = 1
    for (_, width), value in zip(COLUMNS, values, strict=True):
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)
        lines = max(lines, -(-units // max(1, int(width * 1.1))))
    return 14.0 * min(lines, 12) + 4
