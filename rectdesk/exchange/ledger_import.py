"""Taking in an office's own Excel ledger (整改台账) as a CampaignData, without writing anything.

    guesses = inspect_ledger(path)               # sheets, header row, column mapping, first rows
    result = read_ledger(path, guesses[0].layout)  # the whole file, validated
    services.import_campaign(reg, result.campaign, source=path.name)

Offices' ledgers differ: the header is in row 1 to 30 under a title, columns are named with
synonyms (问题表现 for 反馈问题, 牵头单位 for 责任部门, 完成时限 for 整改时限, ...), a problem's
cells are merged over its measures (or repeated, or left blank below), deadlines are dates, text
(2020年12月底, 长期坚持) or numbers (2020.12).  The first cell that cannot be understood raises
ImportFormatError naming sheet, row and column; nothing is half-read.

openpyxl reads with `read_only=True` after `ws.reset_dimensions()` (a sheet that declares a wrong
size otherwise yields two rows of a million columns, silently).  Read-only sheets do not expose
merged cells, so their ranges are read from the sheet's XML by `merged_ranges`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from rectdesk.core import collector
from rectdesk.core.deadlines import parse_any_date, parse_cn_date, parse_deadline
from rectdesk.core.errors import ImportFormatError, RectDeskError
from rectdesk.core.fields import added_fields, names
from rectdesk.core.model import (
    CampaignData,
    Deadline,
    ExtensionData,
    ExtensionState,
    MeasureData,
    MeasureStatus,
    ProblemData,
    ProgressData,
    SignOff,
)
from rectdesk.core.status import infer_measure_status, parse_status
from rectdesk.core.text import clean_line, clean_text, parse_cn_number
from rectdesk.exchange.ledger_texts import column_title
from rectdesk.exchange.ledger_xlsx import CONTINUED  # a problem continued on a new page
from rectdesk.exchange.xlsx_guard import check_xlsx, reading_sheet

HEADER_SCAN_ROWS = 30
IGNORE = ""


def _field(key: str) -> tuple[str, tuple[str, ...]]:
    """A field's ledger title and every header that names it (core.fields: label, aliases)."""
    return column_title(key), names(key)


# The fields the table adds with ledger=True, read back from their own columns.
ADDED = tuple(f.key for f in added_fields() if f.ledger)
# column -> (label, synonyms); a header matches a column when, normalised, it equals a synonym or
# contains one (the longest synonym found wins, so 问题类别 is a category, not a problem).
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("序号", ("序号", "编号", "问题序号", "问题编号", "序")),
    "category": _field("category"),
    "problem": _field("title"),
    "measure": _field("text"),
    "leaders": _field("leaders"),
    "lead_department": _field("lead_department"),
    "cooperating": _field("cooperating"),
    "deadline": _field("deadline"),
    "progress": ("整改进展", ("整改进展", "进展情况", "整改进展情况", "进展", "整改情况", "落实情况",
                           "完成情况", "整改落实情况", "整改成效")),
    "status": _field("status"),
    "evidence": ("佐证材料", ("佐证材料", "佐证", "证明材料", "支撑材料")),
    "sign_off": ("销号情况", ("销号情况", "销号", "是否销号", "销号时间")),
    **{key: _field(key) for key in ADDED},
    "note": _field("note"),
}
LABELS = {key: label for key, (label, _) in FIELDS.items()}
_SYNONYMS = sorted(((syn, key) for key, (_, syns) in FIELDS.items() for syn in syns),
                   key=lambda sk: -len(sk[0]))
_HEADING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[）)]?[、.．]?|第[一二三四五六七八九十]+[部分方面]+)\s*")
_DATED = re.compile(r"^\s*(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\s*[：:，,]?\s*")
_TITLE_TAIL = re.compile(r"台账\s*(?:[（(][^）)]*[）)])?\s*$")
_FOOTER = re.compile(r"^\s*(?:注[：:]|说明[：:]|填表人|制表人|审核人|填报人|联系人|填表日期)")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_NAMES = re.compile(r"[、，,;；/\n]+|\s{1,}")
_BY_DATE = re.compile(r"(底|末)(?:之?前)$")  # 2020年12月底前 -> 2020年12月底


@dataclass
class LedgerLayout:
    """Where the ledger is in the workbook: sheet, header row (1-based), column -> field."""

    sheet: str
    header_row: int
    mapping: dict[int, str]  # 0-based column -> field key (IGNORE or absent: not read)
    headers: list[str] = field(default_factory=list)  # the sheet's own header texts, for messages


@dataclass
class SheetGuess:
    name: str
    layout: LedgerLayout | None  # None: no header found in the first rows
    headers: list[str]
    title: str
    preview: list[list[str]]  # the first rows as text, for the wizard
    score: int = 0


@dataclass
class LedgerImport:
    campaign: CampaignData
    layout: LedgerLayout
    rows: int  # data rows read
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        c = self.campaign
        text = f"工作表“{self.layout.sheet}”：{len(c.problems)} 个问题，{c.measure_count()} 条措施"
        return text + ("；" + "；".join(self.warnings) if self.warnings else "")


# -- headers ----------------------------------------------------------------------------------
def normalise_header(text: Any) -> str:
    t = clean_text(str(text)) if text is not None else ""
    t = re.sub(r"[（(][^）)]*[）)]", "", t)  # 整改时限（年月日） -> 整改时限
    return re.sub(r"[\s*＊:：]", "", t)


def match_header(text: Any) -> str | None:
    """The field a header cell names, or None."""
    t = normalise_header(text)
    if not t or len(t) > 20:
        return None
    for syn, key in _SYNONYMS:
        if t == syn:
            return key
    for syn, key in _SYNONYMS:
        if len(syn) > 1 and syn in t:
            return key
    return None


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column -> field by header names; a field is taken by its first column only."""
    mapping: dict[int, str] = {}
    for col, h in enumerate(headers):
        key = match_header(h)
        if key and key not in mapping.values():
            mapping[col] = key
    return mapping


def _score(mapping: dict[int, str]) -> int:
    keys = set(mapping.values())
    return len(keys) if keys & {"problem", "measure"} else 0


# -- opening ----------------------------------------------------------------------------------
def _open(path: Path) -> Any:
    import openpyxl

    check_xlsx(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except RectDeskError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a bad file; all mean the same
        raise ImportFormatError(f"无法读取工作簿（{type(exc).__name__}）：文件可能已损坏、"
                                "不是 Excel 工作簿或包含不安全的内容", file=path.name) from exc


def _sheet(wb: Any, name: str | None, path: Path) -> Any:
    if name is None:
        ws = wb.worksheets[0]
    elif name in wb.sheetnames:
        ws = wb[name]
    else:
        raise ImportFormatError(f"没有名为“{name}”的工作表（有：{'、'.join(wb.sheetnames)}）",
                                file=path.name)
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    return ws


def merged_ranges(wb: Any, ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col), 1-based, of the merged cells of a read-only sheet."""
    from openpyxl.utils import column_index_from_string

    archive, part = getattr(wb, "_archive", None), getattr(ws, "_worksheet_path", None)
    if archive is None or part is None:
        return [(r.min_row, r.min_col, r.max_row, r.max_col)
                for r in getattr(ws, "merged_cells", None) or []]
    found, tail = [], b""
    with archive.open(part) as fh:  # merge cells come after the sheet data: scan as it streams
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            if b"mergeCell" in data:  # a plain search skips the sheet data quickly
                for m in _MERGE.finditer(data):
                    c1, r1 = column_index_from_string(m[1].decode()), int(m[2])
                    c2, r2 = (column_index_from_string(m[3].decode()), int(m[4])) if m[3] else (c1, r1)
                    found.append((r1, c1, r2, c2))
            # A tag cut by the chunk's end is whole in the next data (one found twice is one).
            tail = data[-200:]
    return sorted(set(found))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # XML cannot carry forbidden characters: only line ends and edges
        return (value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value).strip()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


# -- inspecting -------------------------------------------------------------------------------
def inspect_ledger(path: Path | str, scan_rows: int = HEADER_SCAN_ROWS) -> list[SheetGuess]:
    """Each sheet's likely header row and column mapping, from its first `scan_rows` rows."""
    path = Path(path)
    wb = _open(path)
    try:
        with reading_sheet(path.name):
            return [_inspect_sheet(wb, name, path, scan_rows) for name in wb.sheetnames]
    finally:
        wb.close()


def _inspect_sheet(wb: Any, name: str, path: Path, scan_rows: int) -> SheetGuess:
    ws = _sheet(wb, name, path)
    preview: list[list[str]] = []
    for values in ws.iter_rows(max_row=scan_rows, values_only=True):
        preview.append([_text(v) for v in values])
    width = max((len(r) for r in preview), default=0)
    preview = [r + [""] * (width - len(r)) for r in preview]
    best, best_row = 0, None
    for i, row in enumerate(preview):
        score = _score(guess_mapping(row))
        if score > best:
            best, best_row = score, i
    if best_row is None or best < 2:
        return SheetGuess(name, None, [], _title_from(preview, len(preview)), preview)
    headers = preview[best_row]
    layout = LedgerLayout(name, best_row + 1, guess_mapping(headers), headers)
    return SheetGuess(name, layout, headers, _title_from(preview, best_row), preview, best)


def _title_from(preview: list[list[str]], header_index: int) -> str:
    for row in preview[:header_index]:
        texts = [t for t in row if t]
        if texts:
            return clean_line(texts[0])
    return ""


def campaign_title(sheet_title: str, fallback: str) -> str:
    """"XX整改台账（截至2020年11月2日）" -> "XX整改"."""
    title = _TITLE_TAIL.sub("", sheet_title).strip()
    return title or fallback


def best_guess(guesses: list[SheetGuess], sheet: str | None = None) -> SheetGuess:
    """The sheet to import: the one named, else the first with a header."""
    for g in guesses:
        if (sheet is None and g.layout is not None) or g.name == sheet:
            return g
    if sheet is not None:
        raise ImportFormatError(f"没有名为“{sheet}”的工作表（有：{'、'.join(g.name for g in guesses)}）")
    raise ImportFormatError(f"在各工作表的前 {HEADER_SCAN_ROWS} 行中没有找到表头：表头应包含"
                            "“反馈问题”或“整改措施”等列名")


# -- reading ----------------------------------------------------------------------------------
def read_ledger(path: Path | str, layout: LedgerLayout | None = None, *, title: str | None = None,
                ref_year: int | None = None, cancelled: Any = None) -> LedgerImport:
    """Read the whole ledger into a CampaignData; raise ImportFormatError at the first bad cell."""
    path = Path(path)
    with collector.paused():
        return _read_ledger(path, layout, title, ref_year, cancelled)


def _read_ledger(path: Path, layout: LedgerLayout | None, title: str | None, ref_year: int | None,
                 cancelled: Any) -> LedgerImport:
    wb = _open(path)  # once: opening reads the whole shared-string table
    try:
        if layout is None:
            guesses = [_inspect_sheet(wb, name, path, HEADER_SCAN_ROWS) for name in wb.sheetnames]
            layout = best_guess(guesses).layout
            assert layout is not None
        if not {"problem", "measure"} & set(layout.mapping.values()):
            raise ImportFormatError("请至少指定“反馈问题”或“整改措施”所在的列", file=path.name,
                                    sheet=layout.sheet)
        ws = _sheet(wb, layout.sheet, path)
        reader = _Reader(path, layout, ref_year, cancelled)
        with reading_sheet(path.name, layout.sheet):
            reader.read(ws, merged_ranges(wb, ws))
            reader.resolve(ws)
    except zipfile.BadZipFile as exc:
        raise ImportFormatError("文件已损坏或不完整，无法读取", file=path.name) from exc
    finally:
        wb.close()
    data = CampaignData(title=title or campaign_title(reader.title, path.stem),
                        categories=reader.categories, problems=reader.problems)
    if not data.problems:
        raise ImportFormatError("表头下没有读到任何问题", file=path.name, sheet=layout.sheet)
    return LedgerImport(data, layout, reader.rows, reader.warnings)


class _Reader:
    def __init__(self, path: Path, layout: LedgerLayout, ref_year: int | None, cancelled: Any) -> None:
        self.path, self.layout, self.ref_year, self.cancelled = path, layout, ref_year, cancelled
        self.cols = {key: col for col, key in layout.mapping.items() if key}
        self._fields = tuple(self.cols.items())
        # Ledgers repeat the same few deadlines, departments and leaders thousands of times:
        # each distinct cell is read once (only readings that succeeded are remembered).
        self._deadlines: dict[tuple[type, Any, str, int | None], dict[str, Any]] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        self.problems: list[ProblemData] = []
        self.categories: list[str] = []
        self.category = ""
        self.warnings: list[str] = []
        self.rows = 0
        self.title = ""
        self._problem_cell: tuple[int, int] | None = None  # the cell the current problem came from
        self._problem_text = ""
        self._problem_number = ""
        self.pending: dict[int, MeasureData] = {}  # row -> measure whose deadline needs its format

    def fail(self, row: int, key: str, message: str) -> ImportFormatError:
        from openpyxl.utils import get_column_letter

        col = self.cols[key]
        own = self.layout.headers[col] if col < len(self.layout.headers) else ""
        column = f"{get_column_letter(col + 1)} {normalise_header(own) or LABELS[key]}"
        return ImportFormatError(message, file=self.path.name, sheet=self.layout.sheet, row=row,
                                 column=column)

    def read(self, ws: Any, merged: list[tuple[int, int, int, int]]) -> None:
        header = self.layout.header_row
        width = max(self.cols.values()) + 1
        # Merged ranges below the header, by first row; while a range is active, its value
        # (from its top-left cell) fills the cells it covers.  Walking ranges row by row keeps
        # a hostile range of a million rows from costing a million entries up front.
        starts: dict[int, list[tuple[int, int, int, int]]] = {}
        for r1, c1, r2, c2 in merged:
            if r2 > header and c1 <= width and r1 > header:
                starts.setdefault(r1, []).append((r1, c1 - 1, r2, min(c2, width) - 1))
        # (last row, first column, last column, top-left cell, its value) of the active ranges
        active: list[tuple[int, int, int, tuple[int, int], Any]] = []
        ends = 0  # the first row after which an active range ends
        # Values only (as fast as openpyxl reads); read-only sheets fill in missing rows, so
        # the row number is the position.
        for rnum, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            if rnum < header:
                if not self.title:
                    self.title = next((_text(v) for v in cells if v is not None), "")
                    found = parse_cn_date(self.title)  # 截至2020年11月2日: the year of 年底
                    self.ref_year = self.ref_year or (found.year if found else None)
                continue
            if rnum == header:
                continue
            if self.cancelled and rnum % 500 == 0 and self.cancelled():
                raise RectDeskError("已取消导入")
            row: list[Any] = list(cells[:width])
            row.extend([None] * (width - len(row)))
            span = 0
            if active and ends < rnum:
                active = [a for a in active if a[0] >= rnum]
                ends = min((a[0] for a in active), default=0)
            for r1, c1, r2, c2 in starts.get(rnum, ()):
                active.append((r2, c1, c2, (r1, c1), row[c1]))
                ends = min(ends, r2) if len(active) > 1 else r2
                span = max(span, c2 - c1 + 1)
            merged_from: dict[int, tuple[int, int]] = {}
            for _, c1, c2, origin, value in active:
                for col in range(c1, c2 + 1):
                    if col != c1 or origin[0] != rnum:  # the top-left cell holds the value
                        row[col] = value
                        merged_from[col] = origin
            self.row(rnum, row, merged_from, span)

    def row(self, rnum: int, row: list[Any], merged_from: dict[int, tuple[int, int]],
            span: int) -> None:
        texts = {}
        for key, col in self._fields:
            value = row[col]
            # A plain string is the common cell: _text's first case, without the call.
            texts[key] = value.strip() if type(value) is str and "\r" not in value else _text(value)
        filled = [t for t in texts.values() if t]
        if not filled:
            return
        if self._is_heading(texts, filled, span):
            self.category = _HEADING.sub("", filled[0]).strip() or filled[0]
            if self.category not in self.categories:
                self.categories.append(self.category)
            self._problem_key = None
            return
        if len(set(filled)) == 1 and _FOOTER.match(filled[0]):
            return
        self.rows += 1
        problem = self._problem(rnum, row, texts, merged_from)
        if texts.get("measure") or any(texts.get(k) for k in ("leaders", "lead_department", "deadline",
                                                             "status", "progress")):
            problem.measures.append(self._measure(rnum, row, texts, len(problem.measures) + 1))

    def _is_heading(self, texts: dict[str, str], filled: list[str], span: int) -> bool:
        """A category row: one text across the row (merged, or alone) like 一、政治建设方面."""
        if len(set(filled)) != 1 or not _HEADING.match(filled[0]):
            return False
        return span >= 3 or (len(filled) == 1 and not texts.get("measure"))

    def _problem(self, rnum: int, row: list[Any], texts: dict[str, str],
                 merged_from: dict[int, tuple[int, int]]) -> ProblemData:
        """The row's problem: a new one, or the current one when the problem cell is merged with
        it, repeats its text, or is blank (hand-made ledgers do all three)."""
        text, number = texts.get("problem", ""), texts.get("number", "")
        pcol = self.cols.get("problem", -1)
        cell = merged_from.get(pcol, (rnum, pcol))
        ncol = self.cols.get("number", -1)
        own_number = bool(number) and ncol not in merged_from and number != self._problem_number
        # A repeated text is the same problem, unless its own 序号 says otherwise (two problems
        # may share a title: "制度不健全" under two different numbers).
        if self.problems and (not text or cell == self._problem_cell
                              or (text == self._problem_text and not own_number)
                              or self._continues(text, number)):
            return self.problems[-1]
        if not text and "problem" in self.cols:
            raise self.fail(rnum, "problem",
                            "第一条措施之前没有反馈问题：请填写问题，或检查表头行和列对应是否正确")
        self._problem_cell, self._problem_text, self._problem_number = cell, text, number
        title, description = split_problem(text or f"问题{number}")
        category = texts.get("category") or self.category
        if category and category not in self.categories:
            self.categories.append(category)
        p = ProblemData(title=title, description=description, category=category,
                        number=_number(number) or len(self.problems) + 1)
        p.sign_off = self._sign_off(rnum, texts.get("sign_off", ""))
        self.problems.append(p)
        return p

    def _continues(self, text: str, number: str) -> bool:
        """A problem our ledger continues on a new page: its title and number marked （续）."""
        title = text.strip()
        if not title.endswith(CONTINUED):
            return False
        last = self.problems[-1]
        return title[:-len(CONTINUED)] == last.title and (
            not number or number.replace("\n", "").strip() == f"{last.number}{CONTINUED}")

    def _sign_off(self, rnum: int, text: str) -> SignOff | None:
        if "已销号" not in text and not text.startswith("销号"):
            return None
        when = parse_cn_date(text)
        if when is None:
            m = _DATED.search(text.replace("\n", " "))
            when = _safe_date(m) if m else None
        if when is None:
            self.warnings.append(f"第{rnum}行的销号情况没有日期，未导入销号")
            return None
        who = re.search(r"审批[：:]\s*(\S+)", text)
        return SignOff(when, who[1] if who else "")

    def _measure(self, rnum: int, row: list[Any], texts: dict[str, str], number: int) -> MeasureData:
        deadline, extensions = self._deadline(rnum, row)
        departments = self._split_names(texts.get("lead_department", ""))
        cooperating = departments[1:] + [n for n in self._split_names(texts.get("cooperating", ""))
                                         if n not in departments]
        m = MeasureData(text=texts.get("measure", ""), leaders=self._split_names(texts.get("leaders", "")),
                        lead_department=departments[0] if departments else "",
                        cooperating=cooperating, deadline=deadline, extensions=extensions,
                        note=texts.get("note", ""), number=number,
                        extra={key: texts.get(key, "") for key in ADDED})
        if _ambiguous(row[self.cols["deadline"]] if "deadline" in self.cols else None):
            self.pending[rnum] = m  # 2020.1: January, or October shown as 2020.10? see resolve()
        self._progress(rnum, m, texts.get("progress", ""))
        self._status(rnum, m, texts.get("status", ""))
        if not m.text:
            m.text = m.result or "（未填写整改措施）"
        return m

    def _deadline(self, rnum: int, row: list[Any]) -> tuple[Deadline, list[ExtensionData]]:
        col = self.cols.get("deadline")
        value = row[col] if col is not None else None
        return self._read_deadline(rnum, value, "General")

    def _split_names(self, text: str) -> list[str]:
        names = self._names.get(text)
        if names is None:
            names = self._names[text] = tuple(split_names(text))
        return list(names)  # a list of its own for each measure

    def _read_deadline(self, rnum: int, value: Any, number_format: str
                       ) -> tuple[Deadline, list[ExtensionData]]:
        if value is None:
            return Deadline(), []
        key = (type(value), value, number_format, self.ref_year)
        known = self._deadlines.get(key)
        if known is not None:  # a Deadline of its own for each measure
            return Deadline(**known), []
        try:
            deadline, extensions = read_deadline(value, number_format, self.ref_year)
        except RectDeskError as exc:
            raise self.fail(rnum, "deadline", exc.message) from None
        if not extensions:
            self._deadlines[key] = dict(vars(deadline))
        return deadline, extensions

    def resolve(self, ws: Any) -> None:
        """Re-read the number format of deadlines such as 2020.1, which the value alone leaves
        ambiguous: a second pass over the sheet, only when there are any (rare)."""
        if not self.pending:
            return
        col = self.cols["deadline"]
        first, last = min(self.pending), max(self.pending)
        for rnum, cells in enumerate(ws.iter_rows(min_row=first, max_row=last), start=first):
            m = self.pending.get(rnum)
            if m is not None and col < len(cells):
                cell = cells[col]
                m.deadline, m.extensions = self._read_deadline(rnum, cell.value, cell.number_format)

    def _progress(self, rnum: int, m: MeasureData, text: str) -> None:
        if not text:
            return
        match = _DATED.match(text)
        when = _safe_date(match) if match else None
        if match and when:
            m.progress.append(ProgressData(when=when, text=text[match.end():].strip() or text,
                                           source="台账导入"))
        else:
            m.result = text

    def _status(self, rnum: int, m: MeasureData, text: str) -> None:
        if text:
            status = parse_status(text)
            if status is None:
                allowed = "、".join(s.value for s in MeasureStatus)
                raise self.fail(rnum, "status", f"无法识别的整改状态“{text}”：应为 {allowed}")
            m.status = status
        elif m.deadline.long_term:
            m.status, m.status_inferred = MeasureStatus.LONG_TERM, True
        elif m.progress or m.result:
            m.status = infer_measure_status(m.progress[-1].text if m.progress else m.result)
            m.status_inferred = True


def _ambiguous(value: Any) -> bool:
    """A number like 2020.1 whose month depends on the cell's format (2020.1 or 2020.10)."""
    return isinstance(value, float) and not value.is_integer() and round(value * 10) == value * 10


def _number(text: str) -> int:
    t = text.strip().rstrip("、.．")
    if t.isdigit():
        return int(t)
    return parse_cn_number(t) or 0


def _safe_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def split_problem(text: str) -> tuple[str, str]:
    """A problem cell as (title, description): the first line, or the first sentence if long."""
    text = clean_text(text)
    first, _, rest = text.partition("\n")
    first = first.strip()
    if len(first) > 120:
        cut = re.search(r"[。；;！？]", first)
        end = cut.end() if cut and cut.end() <= 120 else 60
        return first[:end].rstrip("。；;") + ("" if cut and cut.end() <= 120 else "…"), text
    return first, rest.strip()


def split_names(text: str) -> list[str]:
    out: list[str] = []
    for name in _NAMES.split(text or ""):
        name = name.strip()
        if name and name not in out:
            out.append(name)
    return out


def read_deadline(value: Any, number_format: str = "General",
                  ref_year: int | None = None) -> tuple[Deadline, list[ExtensionData]]:
    """A deadline cell: a date, a number such as 2020.12, or text (2020年12月底, 长期坚持, and
    the ledger export's "原定2020年12月底\\n延期至2021年3月31日")."""
    if isinstance(value, datetime | date):
        return parse_deadline(value), []
    if isinstance(value, int | float):
        return parse_deadline(_number_text(value, number_format), ref_year), []
    text = _BY_DATE.sub(r"\1", clean_text(str(value)))  # 2020年12月底前
    if "延期至" in text:
        original, _, new = text.partition("延期至")
        due = parse_any_date(new.strip().splitlines()[0])
        if due is None:
            raise ImportFormatError(f"无法识别延期后的时限“{new}”")
        base = parse_deadline(original.strip().removeprefix("原定").strip(), ref_year)
        ext = ExtensionData(new_due=due, reason="自台账导入（原台账已注明延期）",
                            state=ExtensionState.APPROVED)
        return base, [ext]
    return parse_deadline(text, ref_year), []


def _number_text(value: float, number_format: str) -> str:
    """2020.12 as shown: a General 2020.1 is ambiguous (2020年1月 or 10月): the format decides."""
    if 20000 <= value <= 80000 and float(value).is_integer():  # an Excel date serial without format
        d = date(1899, 12, 30) + timedelta(days=int(value))
        return f"{d.year}年{d.month}月{d.day}日"
    decimals = re.search(r"\.(0+)", number_format or "")
    if decimals:
        return f"{value:.{len(decimals[1])}f}"
    return repr(float(value)) if not float(value).is_integer() else str(int(value))
