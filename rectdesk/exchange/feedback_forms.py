"""Department feedback forms (部门反馈表): the .xlsx sent to a lead department, and reading it back.

    payload = {...}                          # built by store.forms from the register (see below)
    write_form(payload, target)              # XlsxWriter, atomic; protected except the fill-in columns
    form = read_form(path)                   # openpyxl read_only, after xlsx_guard; plain data
    checks = form.check_against(payload)     # added/deleted rows, edited protected cells

The payload is the JSON the register keeps in FormIssue.payload, so the file and the record
describe the same form::

    {"format": 1, "form_id": uuid, "register_id": uuid, "campaign_id": int,
     "campaign_title": str, "marking": str, "department": str, "due": "YYYY-MM-DD" | None,
     "issued_on": "YYYY-MM-DD",
     "rows": [{"id": measure id, "version": Measure.version, "progress_id": latest progress id or 0,
               "label": "7.2", "problem": str, "measure": str, "deadline": str,
               "status": str, "last_progress": str}]}

Where the form keeps its identity: column A of the form sheet is hidden and locked and holds a
stamp per row (core/form_stamp.py: "RD2|measure id|version|progress id|mac", an HMAC keyed with a
secret the register keeps; the store puts it in each row as "stamp" and checks it, and every
row's stamp against the issue record, on import); a very hidden, protected
sheet holds the form id, register id and campaign id (the form id is also printed in the header).
Sheet protection has no password: it guards against slips, not against intent; intent is caught
on import by comparing every protected cell with the payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rectdesk.core import form_stamp
from rectdesk.core.deadlines import format_date_cn, parse_any_date
from rectdesk.core.errors import ImportFormatError, ValidationError
from rectdesk.core.fields import label, names
from rectdesk.core.model import MeasureStatus
from rectdesk.core.status import parse_status
from rectdesk.exchange import cells
from rectdesk.exchange.safe_names import safe_file_name
from rectdesk.fileio import atomic_write

FORMAT = 1
FORM_SHEET = "反馈表"
HELP_SHEET = "填表说明"
META_SHEET = "RectDesk"
FONT = "宋体"
FILL = "#FFF2CC"  # the cells a department writes in
HEADER_FILL = "#E7E6E6"
HEADER_ROW = 2  # 0-based: title, information line, header
FIRST_ROW = HEADER_ROW + 1
STATUS_CHOICES = tuple(s.value for s in MeasureStatus if s is not MeasureStatus.NOT_STARTED)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    fill: bool = False  # written by the department (unlocked)
    centred: bool = False
    field: str = ""  # the field (core.fields) it shows: its title is the field's label


COLUMNS = (
    Column("stamp", "RectDesk标识", 12),
    Column("label", "序号", 6, centred=True),
    Column("problem", "反馈问题", 26),
    Column("measure", label("text"), 32, field="text"),
    Column("deadline", label("deadline"), 11, centred=True, field="deadline"),
    Column("status", "当前状态", 9, centred=True),
    Column("last_progress", "最近一次进展", 26),
    Column("progress", "本周进展", 32, fill=True),
    Column("new_status", "状态", 10, fill=True, centred=True),
    Column("completed_on", label("completed_on"), 12, fill=True, centred=True, field="completed_on"),
    Column("evidence", "佐证材料清单", 20, fill=True),
    Column("difficulties", "存在困难", 18, fill=True),
    Column("reporter", "填报人", 9, fill=True, centred=True),
    Column("phone", "联系电话", 13, fill=True, centred=True),
)
COL = {c.key: i for i, c in enumerate(COLUMNS)}
HEADERS = tuple(c.header for c in COLUMNS)
PROTECTED_KEYS = ("label", "problem", "measure", "deadline", "status", "last_progress")
FILL_KEYS = tuple(c.key for c in COLUMNS if c.fill)
HEADER_OF = {c.key: c.header for c in COLUMNS}
META_KEYS = ("format", "form_id", "register_id", "campaign_id", "department", "due", "issued_on")

HELP_LINES = (
    "本表由整改办通过 RectDesk 整改台账系统生成，用于各责任部门每周反馈整改进展。",
    "请只填写黄色底色的七列：本周进展、状态、完成日期、佐证材料清单、存在困难、填报人、联系电话。其他单元格已锁定，无需也不能修改。",
    "本周进展：写明本周做了什么、取得了什么成效；没有进展的措施可留空，留空的行不导入。",
    "状态：从下拉列表中选择“正在推进”“已完成”或“长期坚持”；不改变状态可留空。",
    "完成日期：状态为“已完成”时填写，格式如 2020-11-02。",
    "佐证材料清单：列出可证明整改成效的文件名称、文号（如会议纪要、制度文件、照片），材料本身另行报送。",
    "存在困难：需要协调解决的问题；没有可留空。",
    "请勿增加、删除行或调整行的顺序，请勿修改工作表名称；如有表中未列的措施，请在“存在困难”中说明。",
    "请保存为 Excel 工作簿（.xlsx）格式后报送，不要改存为 .xls、.et 或 PDF，也不要设置打开密码。",
    "表头中的表单编号用于核对，请勿删除；同一份表单请只报送一次，如需更正请联系整改办。",
)



# -- naming and stamps ------------------------------------------------------------------------
def form_file_name(department: str, due: date | None) -> str:
    """'大气环境处-整改进展反馈表-20201109.xlsx', safe on Windows."""
    day = f"-{due:%Y%m%d}" if due else ""
    return safe_file_name(f"{department}-整改进展反馈表{day}", ".xlsx")


def stamp(form_id: str, measure_id: int, version: int, progress_id: int) -> str:
    """The unkeyed stamp of forms issued before the register kept a key (and of payloads
    without a "stamp", which only tests write)."""
    check = form_stamp.unkeyed_check(form_id, measure_id, version, progress_id)
    return f"RD1|{measure_id}|{version}|{progress_id}|{check}"


def parse_stamp(form_id: str, text: str) -> form_stamp.Stamp | None:
    """The stamp's parts; None when it is malformed or an RD1 stamp fails its check (an RD2
    stamp's key is the register's: store/forms.py checks it)."""
    found = form_stamp.parse(text)
    if found is None or (found.kind == "RD1" and not form_stamp.sound(found, form_id, None)):
        return None
    return found


# -- writing ----------------------------------------------------------------------------------
@dataclass
class WrittenForm:
    path: Path
    department: str
    rows: int
    removed_chars: int = 0


class _Formats:
    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self._cache: dict[tuple[Any, ...], Any] = {}

    def get(self, *, fill: bool = False, centred: bool = False, header: bool = False,
            border: bool = True, bold: bool = False, size: float = 10, date_: bool = False,
            quote: bool = False, align: str = "") -> Any:
        key = (fill, centred, header, border, bold, size, date_, quote, align)
        if key not in self._cache:
            props: dict[str, Any] = {"font_name": FONT, "font_size": size, "text_wrap": True,
                                     "valign": "top", "locked": not fill}
            if border:
                props["border"] = 1
            if centred or header:
                props.update(align="center", valign="vcenter")
            if align:
                props["align"] = align
            if header:
                props.update(bold=True, bg_color=HEADER_FILL)
            if bold:
                props["bold"] = True
            if fill:
                props["bg_color"] = FILL
            if date_:
                props["num_format"] = "yyyy-mm-dd"
            if quote:
                props["quote_prefix"] = True
            self._cache[key] = self.wb.add_format(props)
        return self._cache[key]


class _FormWriter:
    def __init__(self, wb: Any, payload: dict[str, Any]) -> None:
        self.wb, self.payload = wb, payload
        self.fmt = _Formats(wb)
        self.removed = 0

    def text(self, ws: Any, row: int, col: int, value: Any, **fmt: Any) -> None:
        text = cells.cell_text(value)
        self.removed += cells.forbidden_count(str(value or ""))
        cells.write_text(ws, row, col, text, self.fmt.get(quote=cells.looks_like_formula(text), **fmt))

    def form_sheet(self) -> None:
        p = self.payload
        ws = self.wb.add_worksheet(FORM_SHEET)
        last = len(COLUMNS) - 1
        title = f"{p.get('campaign_title', '')}进展反馈表（{p['department']}）"
        big = self.fmt.get(border=False, bold=True, size=16, centred=True)
        ws.merge_range(0, 1, 0, last, "", big)
        self.text(ws, 0, 1, title, border=False, bold=True, size=16, centred=True)
        ws.set_row(0, 30)
        due = _day(p.get("due"))
        info = (f"{label('lead_department')}：{p['department']}　　报送截止：{format_date_cn(due) or '—'}　　"
                f"表单编号：{p['form_id']}　　（填写前请阅读“{HELP_SHEET}”工作表，只填黄色单元格）")
        ws.merge_range(1, 1, 1, last, "", self.fmt.get(border=False))
        self.text(ws, 1, 1, info, border=False)
        ws.set_row(1, 18)
        for col, c in enumerate(COLUMNS):
            ws.set_column(col, col, c.width, None, {"hidden": c.key == "stamp"})
            ws.write_string(HEADER_ROW, col, c.header, self.fmt.get(header=True))
        ws.set_row(HEADER_ROW, 22)
        for i, row in enumerate(p["rows"]):
            self.data_row(ws, FIRST_ROW + i, row)
        self.validation(ws, FIRST_ROW, FIRST_ROW + max(0, len(p["rows"]) - 1))
        ws.freeze_panes(FIRST_ROW, 2)
        ws.set_landscape()
        ws.set_paper(8)  # A3
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer('&C&"宋体,Regular"&10第 &P 页 共 &N 页', {"margin": 0.25})
        if str(p.get("marking", "")).strip():  # an internal document: the campaign's marking
            ws.set_header(f'&L&"黑体,Regular"&12{cells.header_footer_text(str(p["marking"]).strip())}',
                          {"margin": 0.25})
        # Selecting locked cells stays allowed (people read them); row heights may change so a
        # long entry can be read; nothing else: no column unhiding, no inserted or deleted rows.
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                        "format_rows": True})
        ws.activate()

    def data_row(self, ws: Any, r: int, row: dict[str, Any]) -> None:
        p = self.payload
        self.text(ws, r, COL["stamp"], row.get("stamp") or stamp(
            p["form_id"], row["id"], row["version"], row.get("progress_id") or 0))
        for key in PROTECTED_KEYS:
            self.text(ws, r, COL[key], row.get(key, ""), centred=COLUMNS[COL[key]].centred)
        for key in FILL_KEYS:
            ws.write_blank(r, COL[key], None, self.fmt.get(fill=True, centred=COLUMNS[COL[key]].centred,
                                                            date_=key == "completed_on"))
        height = cells.row_height(((str(row.get(k, "")), COLUMNS[COL[k]].width)
                                   for k in PROTECTED_KEYS), 10, minimum=48)
        ws.set_row(r, height)

    def validation(self, ws: Any, first: int, last: int) -> None:
        if not self.payload["rows"]:
            return
        ws.data_validation(first, COL["new_status"], last, COL["new_status"], {
            "validate": "list", "source": list(STATUS_CHOICES),
            "input_title": "状态", "input_message": "不改变状态可留空",
            "error_title": "状态", "error_message": "请从下拉列表中选择：" + "、".join(STATUS_CHOICES)})
        ws.data_validation(first, COL["completed_on"], last, COL["completed_on"], {
            "validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
            "maximum": date(2099, 12, 31), "input_title": HEADER_OF["completed_on"],
            "input_message": "状态为“已完成”时填写，如 2020-11-02",
            "error_title": HEADER_OF["completed_on"], "error_message": "请填写日期，如 2020-11-02"})

    def help_sheet(self) -> None:
        ws = self.wb.add_worksheet(HELP_SHEET)
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 100)
        self.text(ws, 0, 1, "填表说明", border=False, bold=True, size=16)
        ws.set_row(0, 30)
        for i, line in enumerate(HELP_LINES, start=1):
            ws.write_string(i, 0, f"{i}.", self.fmt.get(border=False, align="right"))
            self.text(ws, i, 1, line, border=False)
            ws.set_row(i, cells.row_height([(line, 100)], 10))
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})

    def meta_sheet(self) -> None:
        ws = self.wb.add_worksheet(META_SHEET)
        for i, key in enumerate(META_KEYS):
            value = self.payload.get(key)
            ws.write_string(i, 0, key)
            ws.write_string(i, 1, "" if value is None else str(value))
        ws.protect("")
        ws.very_hidden()


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def write_form(payload: dict[str, Any], target: Path | str) -> WrittenForm:
    """Write one department's form to `target` atomically."""
    import xlsxwriter

    target = Path(target)
    with atomic_write(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
        writer = _FormWriter(wb, payload)
        writer.form_sheet()
        writer.help_sheet()
        writer.meta_sheet()
        wb.set_properties({"title": f"{payload['department']}整改进展反馈表", "author": "RectDesk",
                           "comments": "由 RectDesk 整改台账桌面系统生成"})
        wb.close()
    return WrittenForm(target, payload["department"], len(payload["rows"]), writer.removed)


# -- reading back -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FormProblem:
    """Something wrong with a returned form, named by row and column as the user sees them."""

    kind: str  # bad_value / added_row / deleted_row / protected_edit / duplicate_row
    message: str
    row: int | None = None  # 1-based Excel row
    column: str = ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"“{self.column}”列")
        return ("".join(where) + "：" if where else "") + self.message


@dataclass
class ReturnedRow:
    """One measure's row as the department returned it."""

    excel_row: int
    measure_id: int
    version: int
    progress_id: int
    protected: dict[str, str]
    progress: str = ""
    status: MeasureStatus | None = None
    completed_on: date | None = None
    evidence: str = ""
    difficulties: str = ""
    reporter: str = ""
    phone: str = ""
    problems: list[FormProblem] = field(default_factory=list)  # bad values in this row
    stamp: str = ""  # as found in the hidden column (the store checks it against the issue)

    @property
    def filled(self) -> bool:
        return any((self.progress, self.status, self.completed_on, self.evidence,
                    self.difficulties))

    @property
    def valid(self) -> bool:
        return not any(p.kind == "bad_value" for p in self.problems)

    def entry_text(self) -> str:
        """The progress entry the row becomes: the week's progress, evidence and difficulties."""
        parts = [self.progress]
        if self.evidence:
            parts.append(f"佐证材料：{self.evidence}")
        if self.difficulties:
            parts.append(f"存在困难：{self.difficulties}")
        text = "\n".join(p for p in parts if p)
        if not text and self.status is not None:
            text = f"状态更新为{self.status.value}"
        return text

    def reported_by(self) -> str:
        return f"{self.reporter}（{self.phone}）" if self.reporter and self.phone else \
            self.reporter or self.phone


@dataclass
class ReturnedForm:
    file_name: str
    meta: dict[str, str]
    rows: list[ReturnedRow]
    problems: list[FormProblem] = field(default_factory=list)  # rows added by the department

    @property
    def form_id(self) -> str:
        return str(self.meta.get("form_id", ""))

    def check_against(self, payload: dict[str, Any]) -> list[FormProblem]:
        """Rows deleted, and protected cells edited, compared with the form as issued."""
        issued = {r["id"]: r for r in payload.get("rows", [])}
        found: list[FormProblem] = []
        returned = {r.measure_id for r in self.rows}
        for r in self.rows:
            row = issued.get(r.measure_id)
            if row is None:
                found.append(FormProblem("added_row", "该行不是本表下发的措施，已忽略", r.excel_row))
                continue
            for key in PROTECTED_KEYS:
                if _same(r.protected.get(key, ""), str(row.get(key, ""))):
                    continue
                found.append(FormProblem("protected_edit", "受保护的内容被修改（已忽略，以台账为准）："
                                         f"下发时为“{_short(row.get(key, ''))}”，报回为"
                                         f"“{_short(r.protected.get(key, ''))}”", r.excel_row,
                                         HEADER_OF[key]))
        for mid, row in issued.items():
            if mid not in returned:
                found.append(FormProblem("deleted_row", f"措施 {row.get('label', mid)} 的行被删除，"
                                         "该措施本次无反馈"))
        return found


def _same(a: str, b: str) -> bool:
    return cells.cell_text(a).strip() == cells.cell_text(b).strip()


def _short(value: Any, limit: int = 30) -> str:
    text = str(value or "")
    return text if len(text) <= limit else text[:limit] + "…"


def read_form(path: Path | str) -> ReturnedForm:
    """Read a returned form; refuse anything that is not one of ours or whose stamps were edited."""
    from rectdesk.exchange.xlsx_guard import check_xlsx, reading_sheet

    path = Path(path)
    check_xlsx(path)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        typed = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file to the user
        raise ImportFormatError(f"无法读取工作簿：{exc}", file=path.name) from exc
    try:
        with reading_sheet(path.name):  # a truncated sheet XML fails while rows are read
            meta = _read_meta(wb, path.name)
            if FORM_SHEET not in wb.sheetnames:
                raise ImportFormatError(f"找不到工作表“{FORM_SHEET}”（工作表被改名或删除？）", file=path.name)
            rows = list(wb[FORM_SHEET].iter_rows(values_only=True))
            formulas = list(typed[FORM_SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
        typed.close()
    return _parse_rows(path.name, meta, _typed_text(rows, formulas))


TEXT_KEYS = ("progress", "evidence", "difficulties", "reporter", "phone")


def _typed_text(rows: list[tuple[Any, ...]], formulas: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """A department typing `=1+1` in 本周进展 made Excel store a formula: its value may be
    missing (no cached result) or a number. What was typed is the text to import."""
    text_cols = [COL[k] for k in TEXT_KEYS]
    out = []
    for row, typed in zip(rows, formulas, strict=False):
        values = list(row)
        for col in text_cols:
            if col < len(typed) and col < len(values) and isinstance(typed[col], str) \
                    and typed[col].startswith("="):
                values[col] = typed[col]
        out.append(tuple(values))
    return out + rows[len(out):]


def _read_meta(wb: Any, name: str) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        raise ImportFormatError("这不是 RectDesk 下发的部门反馈表（缺少表单标识），无法导入", file=name)
    meta = {}
    for row in wb[META_SHEET].iter_rows(max_col=2, values_only=True):
        if row and row[0] is not None:
            meta[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    if not meta.get("form_id") or meta.get("format") != str(FORMAT):
        raise ImportFormatError("表单标识不完整或格式版本不受支持，无法导入", file=name)
    return meta


def _parse_rows(name: str, meta: dict[str, str], rows: list[tuple[Any, ...]]) -> ReturnedForm:
    header = [cells.cell_text(v).strip() for v in (rows[HEADER_ROW] if len(rows) > HEADER_ROW else ())]
    for i, (expected, c) in enumerate(zip(HEADERS, COLUMNS, strict=True)):
        got = header[i] if i < len(header) else ""
        # A form issued before a field was renamed carries the field's old name, now an alias.
        if got != expected and not (c.field and got in names(c.field)):
            raise ImportFormatError(f"表头第 {i + 1} 列应为“{expected}”，实为“{got}”：表格的列被增删或移动，"
                                    "请使用下发的原表填写", file=name, sheet=FORM_SHEET, row=HEADER_ROW + 1)
    form = ReturnedForm(name, meta, [])
    seen: set[int] = set()
    for offset, values in enumerate(rows[FIRST_ROW:]):
        excel_row = FIRST_ROW + offset + 1
        values = tuple(values) + (None,) * (len(COLUMNS) - len(values))
        if all(v is None or str(v).strip() == "" for v in values[: len(COLUMNS)]):
            continue
        raw = cells.cell_text(values[COL["stamp"]]).strip()
        if not raw:
            form.problems.append(FormProblem("added_row", "新增的行（没有 RectDesk 标识），已忽略", excel_row))
            continue
        parsed = parse_stamp(meta["form_id"], raw)
        if parsed is None:
            raise ImportFormatError("隐藏的 RectDesk 标识列被修改，无法确认这一行对应哪条措施。为防止进展记到"
                                    "错误的措施上，整份表单拒绝导入：请使用下发的原表重新填写",
                                    file=name, sheet=FORM_SHEET, row=excel_row, column=HEADER_OF["stamp"])
        if parsed.measure_id in seen:
            form.problems.append(FormProblem("duplicate_row", "复制出的重复行，已忽略", excel_row))
            continue
        seen.add(parsed.measure_id)
        form.rows.append(_row(excel_row, parsed, values))
    return form


def _row(excel_row: int, parsed: form_stamp.Stamp, values: tuple[Any, ...]) -> ReturnedRow:
    def text(key: str) -> str:
        v = values[COL[key]]
        if isinstance(v, datetime | date):
            return v.strftime("%Y-%m-%d")
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return cells.cell_text(v).strip()

    row = ReturnedRow(excel_row, parsed.measure_id, parsed.version, parsed.progress_id,
                      stamp=parsed.text, protected={k: text(k) for k in PROTECTED_KEYS},
                      progress=text("progress"), evidence=text("evidence"),
                      difficulties=text("difficulties"), reporter=text("reporter"), phone=text("phone"))
    status_text = text("new_status")
    if status_text:
        row.status = parse_status(status_text)
        if row.status is None:
            row.problems.append(FormProblem("bad_value", f"无法识别的状态“{status_text}”，应为："
                                            + "、".join(STATUS_CHOICES), excel_row, HEADER_OF["new_status"]))
    raw_day = values[COL["completed_on"]]
    if raw_day not in (None, ""):
        try:
            row.completed_on = _cell_date(raw_day)
        except ValidationError as exc:
            row.problems.append(FormProblem("bad_value", exc.message, excel_row, HEADER_OF["completed_on"]))
    if row.completed_on and row.status not in (None, MeasureStatus.DONE):
        row.problems.append(FormProblem("bad_value", f"填写了完成日期，但状态为“{row.status.value}”"
                                        "：已完成的措施请把状态选为“已完成”", excel_row,
                                        HEADER_OF["completed_on"]))
    return row


def _cell_date(value: Any) -> date | None:
    """A date typed in a cell: a real date, an Excel serial number, or text like 2020年11月2日."""
    if isinstance(value, datetime | date):
        return parse_any_date(value)
    if isinstance(value, int | float) and 30000 < value < 80000:  # a serial the reader kept as a number
        from datetime import timedelta

        return date(1899, 12, 30) + timedelta(days=int(value))
    return parse_any_date(str(value))
