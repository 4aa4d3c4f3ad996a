"""Import a published rectification bulletin (整改进展情况的通报) into CampaignData.

Handles the layout of the sample bulletin (resources/demo/): a title line, an intro, section
一 (organisation), section 二 with items "N. 关于…问题的整改" whose bodies list measures as
一是…二是…, section 三 (next steps), a contact paragraph, the signature and the date. Anything
it cannot place is kept in `CampaignData.unparsed`, never dropped and never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rectdesk.core.deadlines import parse_cn_date
from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import CampaignData, CampaignKind, MeasureData, ProblemData
from rectdesk.core.status import infer_measure_status
from rectdesk.core.text import clean_text, parse_cn_number

MAX_BYTES = 50 * 1024 * 1024

_SECTION = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*(.+)$")
_ITEM = re.compile(r"^(\d{1,3})\s*[.．、]\s*关于(.+?)问题的整改\s*$")
_LABEL = re.compile(r"([一二三四五六七八九十]{1,3})是")
_META = re.compile(r"^(来源|更新时间|发布时间|索引号|发布机构|成文日期|字号)\s*[:：]")
_ORG_BODY = re.compile(r"([^，,。；;]*?巡[视察]组|[^，,。；;]*?督察组|[^，,。；;]*?审计组|[^，,。；;]*?审计[厅局署])")


@dataclass
class ImportReport:
    problems: int = 0
    measures: int = 0
    unparsed: int = 0
    inferred_statuses: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"imported: {self.problems} problems, {self.measures} measures, "
                f"{self.unparsed} unparsed paragraphs")


def read_text_file(path: Path) -> str:
    """Read a text file in UTF-8 (with or without BOM), UTF-16 (BOM) or GB18030."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFormatError(f"无法读取文件：{exc.strerror or exc}", file=path.name) from exc
    if size > MAX_BYTES:
        raise ImportFormatError("文件过大（超过 50 MB），不像是一份通报", file=path.name)
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFormatError("无法识别文件编码：请另存为 UTF-8 或 GBK 文本", file=path.name)


def read_docx_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a .docx, tables' cells included in reading order."""
    import zipfile

    try:
        import docx  # lazy: python-docx is heavy

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFormatError("不是有效的 Word 文档（.docx），或文件已损坏", file=path.name) from exc
    return [p.text for p in document.paragraphs]


def read_bulletin(path: Path) -> tuple[CampaignData, ImportReport]:
    """Parse a bulletin file (.txt or .docx)."""
    path = Path(path)
    if not path.exists():
        raise ImportFormatError("文件不存在", file=str(path))
    if path.suffix.lower() == ".docx":
        text = "\n".join(read_docx_paragraphs(path))
    elif path.suffix.lower() in (".txt", ".text", ""):
        text = read_text_file(path)
    else:
        raise ImportFormatError("只能导入 .txt 或 .docx 格式的通报", file=path.name)
    try:
        return parse_bulletin(text)
    except ImportFormatError as exc:
        exc.file = exc.file or path.name
        raise


def split_measures(body: str) -> list[str]:
    """Split "一是…。二是…。" into clauses; a body without labels is one clause.

    A label counts only at the start or right after a sentence end (。；;), and only in
    sequence (一是, then 二是, ...), so words like 主要是 or 还是 never split.
    """
    body = body.strip()
    first = _LABEL.match(body)
    if not first or parse_cn_number(first.group(1)) != 1:
        return [body] if body else []
    cuts = [0]
    expected = 2
    for m in _LABEL.finditer(body, first.end()):
        if parse_cn_number(m.group(1)) != expected:
            continue
        if body[m.start() - 1] not in "。；;！":
            continue
        cuts.append(m.start())
        expected += 1
    parts = [body[a:b] for a, b in zip(cuts, cuts[1:] + [len(body)], strict=True)]
    return [_LABEL.sub("", p, count=1).strip() for p in parts if p.strip()]


def _fill_intro_facts(campaign: CampaignData, intro: str, year: int | None) -> None:
    """Inspecting body, inspected unit, period and feedback date from the intro sentence."""
    if m := _ORG_BODY.search(intro):
        campaign.inspecting_body = re.sub(r"^.*?(部署|要求|安排)", "", m.group(1)).strip("，, ")
    period = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", intro)
    if period:
        y1 = int(period[1])
        y2 = int(period[4]) if period[4] else y1
        campaign.period_start = date(y1, int(period[2]), int(period[3]))
        campaign.period_end = date(y2, int(period[5]), int(period[6]))
        year = y2
    if m := re.search(r"对(.+?)进行了", intro):
        campaign.inspected_unit = m.group(1)
    if m := re.search(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[^。，,]*?反馈", intro):
        fy = int(m[1]) if m[1] else year
        if fy:
            campaign.feedback_date = date(fy, int(m[2]), int(m[3]))
    if "回头看" in intro:
        campaign.kind = CampaignKind.XUNCHA_RECHECK
    elif "巡视" in intro:
        campaign.kind = CampaignKind.XUNSHI
    elif "督察" in intro:
        campaign.kind = CampaignKind.DUCHA
    elif "审计" in intro:
        campaign.kind = CampaignKind.AUDIT


def parse_bulletin(text: str) -> tuple[CampaignData, ImportReport]:
    """Parse a bulletin's text. Raises ImportFormatError when no item could be found."""
    lines = [clean_text(line) for line in clean_text(text).split("\n")]
    lines = [line for line in lines if line and not _META.match(line)]
    if not lines:
        raise ImportFormatError("文件是空的，没有可导入的内容")
    report = ImportReport()
    campaign = CampaignData(title="")
    title = lines[0] if "通报" in lines[0] or "关于" in lines[0] else ""
    if title:
        campaign.bulletin_title = title
        campaign.issuing_organ = title.split("关于", 1)[0] if "关于" in title else ""
        lines = lines[1:]

    section = 0
    intro: list[str] = []
    organisation: list[str] = []
    next_steps: list[str] = []
    problem: ProblemData | None = None
    bodies: dict[int, list[str]] = {}
    for line in lines:
        sec = _SECTION.match(line)
        if sec and not line.startswith(tuple(f"{d}是" for d in "一二三四五六七八九")):
            number = parse_cn_number(sec.group(1))
            if number is not None and number == section + 1 and len(sec.group(2)) <= 40:
                section = number
                if section == 3:
                    campaign.next_steps_heading = sec.group(2).strip()
                problem = None
                continue
        if section == 0:
            intro.append(line)
        elif section == 1:
            organisation.append(line)
        elif section == 2:
            item = _ITEM.match(line)
            if item:
                problem = ProblemData(title=item.group(2).strip(), number=int(item.group(1)))
                campaign.problems.append(problem)
                bodies[len(campaign.problems) - 1] = []
            elif problem is not None:
                bodies[len(campaign.problems) - 1].append(line)
            else:
                campaign.unparsed.append(line)
        else:
            next_steps.append(line)

    if not campaign.problems:
        raise ImportFormatError("没有找到“1. 关于……问题的整改”形式的整改事项，无法按通报格式导入")

    for index, problem in enumerate(campaign.problems):
        problem.number = index + 1
        for n, clause in enumerate(split_measures("".join(bodies[index])), start=1):
            status = infer_measure_status(clause)
            problem.measures.append(MeasureData(text=clause, result=clause, status=status,
                                                status_inferred=True, number=n))
            report.inferred_statuses += 1

    _split_tail(campaign, next_steps)
    campaign.intro = "\n".join(intro)
    campaign.organisation = "\n".join(organisation)
    year = campaign.bulletin_date.year if campaign.bulletin_date else None
    _fill_intro_facts(campaign, campaign.intro, year)
    campaign.title = _campaign_title(campaign)
    report.problems = len(campaign.problems)
    report.measures = campaign.measure_count()
    report.unparsed = len(campaign.unparsed)
    return campaign, report


def _split_tail(campaign: CampaignData, tail: list[str]) -> None:
    """Section 三's paragraphs, then the contact line, the signature and the date."""
    if tail and (d := parse_cn_date(tail[-1])) and len(tail[-1]) <= 16:
        campaign.bulletin_date = d
        tail = tail[:-1]
    if tail and len(tail[-1]) <= 40 and not tail[-1].endswith("。"):
        campaign.signature = tail[-1]
        tail = tail[:-1]
    if tail and re.search(r"电话|信箱|邮箱|地址|联系", tail[-1]):
        campaign.contact = tail[-1]
        tail = tail[:-1]
    campaign.next_steps = "\n".join(tail)
    if not campaign.issuing_organ and campaign.signature:
        campaign.issuing_organ = campaign.signature


def _campaign_title(campaign: CampaignData) -> str:
    if campaign.inspecting_body:
        kind = "巡察“回头看”" if campaign.kind is CampaignKind.XUNCHA_RECHECK else campaign.kind.value
        return f"{campaign.inspecting_body}{kind}反馈意见整改"
    if campaign.bulletin_title:
        return campaign.bulletin_title.removesuffix("的通报")
    return "导入的整改任务"
