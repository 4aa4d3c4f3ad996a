"""Documents in the GB/T 9704-2012 official-document format, filled into a reference template.

The page setup (A4, margins 37/35/28/26 mm, 22 lines of 28 characters), the styles and the
page-number footers (odd pages right, even pages left) live in a reference .docx that an office
may restyle in Word (resources/templates/gbt9704_reference.docx, built by
resources/templates/build_template.py). Generating a document keeps everything in the template
except the body, which is replaced by our paragraphs. Styles are found by *name* (Word keeps the
names when an office restyles them), never by id.

Usage (what the bulletin and the sign-off sheet do)::

    from rectdesk.exchange import gbt9704 as gb

    template = gb.load_template(path_or_None, required=(gb.TITLE, gb.BODY))  # TemplateError names a missing style
    body = gb.Body(template)
    for line in gb.break_title("中共……关于……情况的通报"):       # phrase-boundary title lines
        ...
    body.add(gb.Para(gb.TITLE, "第一行\\n第二行"))                  # "\\n" inside a paragraph = line break
    body.add(gb.Para(gb.BODY, "正文……"))                           # forbidden XML characters are removed
    body.add(gb.Para(gb.HEADING3, "1. 关于……", bold=False))         # direct bold override
    sig, day = gb.signature_indents("发文机关", gb.cn_date(d))      # GB/T 9704 7.3.5.2 placement
    body.add(gb.Para(gb.SIGNATURE, "发文机关", right_chars=sig))
    gb.write_docx(template, body, out)                              # atomic: an earlier file survives a failure
    body.removed                                                    # how many characters were stripped

Tables (e.g. a sign-off sheet) can be appended as raw WordprocessingML with `Body.add_xml`
(use `run_xml`/`paragraph_xml` for cell paragraphs and the 表格文字 style).

Lower-level values (twips, half-points) are module constants so tests and other writers share
one source: `PAGE`, `BODY_PT`, `LINE_PITCH_TWIPS`, `FONTS`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from rectdesk.core.errors import RectDeskError
from rectdesk.core.text import strip_forbidden
from rectdesk.fileio import atomic_write

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DEFAULT_TEMPLATE = ("templates", "gbt9704_reference.docx")

# -- the format's numbers -------------------------------------------------------------------
MM_TWIPS = 1440 / 25.4


@dataclass(frozen=True)
class PageSetup:
    width: int = 11906  # A4 210 mm, twips
    height: int = 16838  # 297 mm
    top: int = round(37 * MM_TWIPS)  # 2098
    bottom: int = round(35 * MM_TWIPS)  # 1984
    left: int = round(28 * MM_TWIPS)  # 1587
    right: int = round(26 * MM_TWIPS)  # 1474
    header: int = round(15 * MM_TWIPS)
    # The page number's em dashes sit about 7 mm under the type area (checked in a render).
    footer: int = round(25 * MM_TWIPS)


PAGE = PageSetup()
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
LINE_PITCH_TWIPS = 579  # 28.95 pt exact: 22 lines in the 225 mm type area
# 28 characters a line need a pitch under 15.79 pt. Word's way is the document grid
# (linesAndChars, charSpace=-848), but LibreOffice 7.4 lays out negative charSpace values as
# 1 to 14 characters a line (rendered here: 28 pages instead of 15). Condensing the characters by
# 0.25 pt (w:spacing -5 in twentieths) gives 28 a line in Word, WPS and LibreOffice alike.
CHAR_SPACING = -5
TITLE_CHARS = 20  # 2号 characters that fit the 156 mm type width
LINE_CHARS = 28  # body characters a line
KEEP_WHOLE_LINES = 4  # a last paragraph up to this many lines moves whole with the signature

FONTS = {
    "body": "仿宋_GB2312",
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "heading3": "仿宋_GB2312",
    "page_number": "宋体",
}

# -- style names in the reference template ----------------------------------------------------
TITLE = "公文标题"
BODY = "公文正文"  # Normal + two-character first-line indent
HEADING1 = "一级标题"  # 一、 黑体
HEADING2 = "二级标题"  # （一） 楷体_GB2312
HEADING3 = "三级标题"  # 1. 仿宋_GB2312 (bold in the default template)
SIGNATURE = "发文机关署名"
DATE = "成文日期"
PAGE_NUMBER = "页码"
TABLE_TEXT = "表格文字"
ALL_STYLES = (TITLE, BODY, HEADING1, HEADING2, HEADING3, SIGNATURE, DATE, PAGE_NUMBER, TABLE_TEXT)


class TemplateError(RectDeskError):
    """The reference template cannot be used; the message says why."""


# -- text helpers ---------------------------------------------------------------------------
def cn_date(d: date) -> str:
    """成文日期: Arabic numerals, no leading zeros: 2020年11月2日."""
    return f"{d.year}年{d.month}月{d.day}日"


def text_width(text: str) -> float:
    """Width in characters (em) of the body font: CJK and full-width count 1, the rest 1/2."""
    return sum(1.0 if _is_wide(ch) else 0.5 for ch in text)


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in "“”‘’—…"


def printed_width(text: str) -> float:
    """text_width plus the quarter-em gap Word and LibreOffice insert between CJK and digits
    or Latin letters (autoSpaceDE/DN, on by default)."""
    gaps = sum(1 for a, b in zip(text, text[1:], strict=False)
               if _is_wide(a) != _is_wide(b) and not a.isspace() and not b.isspace())
    return text_width(text) + 0.25 * gaps


def signature_indents(signature: str, date_text: str) -> tuple[float, float]:
    """Right indents (in characters) for 发文机关署名 and 成文日期 without a seal.

    GB/T 9704 7.3.5.2: the signature is set right with two characters to spare; the date one
    line below starts two characters right of the signature's start. When the date is the
    longer one, the date keeps two characters to spare and the signature moves left.
    """
    s, d = printed_width(signature), printed_width(date_text)
    return max(2.0, 4.0 + d - s), max(2.0, s - d)


def closing_paras(signature: str, when: date) -> list[Para]:
    """A blank line, 发文机关署名 and 成文日期 (GB/T 9704 7.3.5), kept together on one page and
    with the paragraph before them (mark that one keep_next too)."""
    day = cn_date(when)
    sig_chars, date_chars = signature_indents(signature, day)
    paras = [Para(BODY, keep_next=True)]  # one blank line between the text and the signature
    if signature:
        paras.append(Para(SIGNATURE, signature, right_chars=sig_chars, keep_next=True))
    paras.append(Para(DATE, day, right_chars=date_chars if signature else 2.0))
    return paras


def marking_paras(marking: str) -> list[Para]:
    """The marking (内部资料 注意保存) where GB/T 9704 puts 密级 and 保密期限: the first line of
    the type area, top left, 3号黑体, no indent; a blank line before the title."""
    marking = marking.strip()
    if not marking:
        return []
    return [Para(BODY, marking, flush_left=True, font=FONTS["heading1"]), Para(BODY)]


def keep_with_closing(paras: list[Para]) -> list[Para]:
    """GB/T 9704 7.3.5: the signature and date share a page with body text. The last body
    paragraph is kept with the closing block (whole when it is short, else its last lines)."""
    if not paras:
        return paras
    last = paras[-1]
    short = text_width(last.text) <= KEEP_WHOLE_LINES * LINE_CHARS
    return [*paras[:-1], replace(last, keep_next=True, keep_lines=short)]


# Break before these (a new phrase starts) / after these (a phrase ends); cost 0 is best.
_BREAK_BEFORE = {"关于": 0, "对": 3, "在": 3, "巡察": 3, "巡视": 3, "审计": 3, "督察": 3,
                 "整改": 4, "反馈": 4, "落实": 4, "进展": 5, "工作": 5, "情况": 6}
_BREAK_AFTER = {"、": 0, "，": 0, "；": 0, "党组": 1, "党委": 1, "委员会": 1, "政府": 1,
                "办公室": 1, "办公厅": 1, "局": 2, "厅": 2, "部": 3, "委": 3}
_OPENERS, _CLOSERS = "《“（(‘「", "》”）)’」、，。；：！？"
_OTHER_BREAK = 12
_EXTRA_LINE = 30


def _break_cost(text: str, i: int) -> int | None:
    """Cost of breaking `text` before index i; None where a break is not allowed."""
    if text[i] in _CLOSERS or text[i - 1] in _OPENERS:
        return None
    depth = 0
    for ch in text[:i]:
        depth += (ch in "《“（(") - (ch in "》”）)")
    if depth > 0:
        return None  # never inside a quoted name or brackets
    costs = [c for w, c in _BREAK_BEFORE.items() if text.startswith(w, i)]
    costs += [c for w, c in _BREAK_AFTER.items() if text[:i].endswith(w)]
    return min(costs) if costs else _OTHER_BREAK


def break_title(text: str, max_chars: float = TITLE_CHARS) -> list[str]:
    """Split a title into lines at phrase boundaries (GB/T 9704: 词意完整，排列对称).

    Lines fit `max_chars`; among the breaks giving the fewest lines the cheapest wins (before
    关于, after 、，, after an organ's name ...), then balanced lengths, upper lines not longer
    than the lower ones (梯形). A title without an allowed break falls back to any position.
    """
    text = text.strip()
    if text_width(text) <= max_chars or len(text) < 2:
        return [text]
    n = len(text)
    costs = {i: _break_cost(text, i) for i in range(1, n)}
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for end in range(1, n + 1):
        if end < n and costs[end] is None:
            continue
        for start, (score, cuts) in list(best.items()):
            if start >= end or text_width(text[start:end]) > max_chars:
                continue
            line_cost = (costs[end] or 0) if end < n else 0
            shape = _shape_penalty(text, cuts, start, end)
            total = score + line_cost + _EXTRA_LINE + shape
            if end not in best or total < best[end][0]:
                best[end] = (total, [*cuts, end])
    if n not in best:  # no allowed break fits: cut at the width
        return _hard_break(text, max_chars)
    cuts = [0, *best[n][1]]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _shape_penalty(text: str, cuts: list[int], start: int, end: int) -> float:
    """Uneven neighbours cost a little, an upper line longer than the next a little more."""
    if not cuts:
        return 0.0
    prev_start = cuts[-2] if len(cuts) > 1 else 0
    upper, lower = text_width(text[prev_start:start]), text_width(text[start:end])
    return abs(upper - lower) * 1.0 + (2.0 if upper > lower + 1 else 0.0)


def _hard_break(text: str, max_chars: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if text_width(line + ch) > max_chars:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


# -- paragraphs -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: a template style name and its text ("\\n" inside = a line break)."""

    style: str
    text: str = ""
    bold: bool | None = None  # None: as the style says
    right_chars: float | None = None  # right indent in body characters (signature, date)
    flush_left: bool = False  # no first-line indent (the 密级/marking line at the top left)
    font: str | None = None  # a direct font for the run (the marking's 黑体)
    keep_next: bool = False  # on the same page as the next paragraph (the closing block)
    keep_lines: bool = False  # not split across a page end
    align: str | None = None  # w:jc value overriding the style ("left": not stretched)
    unbroken: bool = False  # no line break at a hyphen between digits (phone numbers: 025-83630848)


_SPLIT = re.compile(r"(\n|\t)")
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def run_xml(text: str, *, bold: bool | None = None, font: str | None = None,
            size_pt: float | None = None) -> str:
    """A w:r for already clean text; tabs and line breaks become w:tab / w:br."""
    rpr = ""
    if font:
        f = escape(font, {'"': "&quot;"})
        rpr += (f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" '
                'w:hint="eastAsia"/>')
    if bold is not None:
        rpr += "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    if size_pt is not None:
        rpr += f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>'
    parts = []
    for piece in _SPLIT.split(text):
        if piece == "\n":
            parts.append("<w:br/>")
        elif piece == "\t":
            parts.append("<w:tab/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{''.join(parts)}</w:r>"


def paragraph_xml(style_id: str, text: str, *, bold: bool | None = None,
                  right_chars: float | None = None, flush_left: bool = False,
                  para: Para | None = None) -> str:
    ind = ""
    if right_chars is not None:
        twips = round(right_chars * BODY_PT * 20)
        ind = f'<w:ind w:right="{twips}" w:rightChars="{round(right_chars * 100)}"/>'
    elif flush_left:
        ind = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    keep = jc = ""
    font = None
    if para is not None:  # schema order: keepNext, keepLines, ..., ind, ..., jc
        keep = ("<w:keepNext/>" if para.keep_next else "") + ("<w:keepLines/>" if para.keep_lines else "")
        jc = f'<w:jc w:val="{para.align}"/>' if para.align else ""
        font = para.font
        if para.unbroken:  # word joiners (U+2060) on both sides: LibreOffice breaks after a
            text = _DIGIT_HYPHEN.sub("\u2060-\u2060", text)  # w:noBreakHyphen, not at these
    run = run_xml(text, bold=bold, font=font) if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}{ind}{jc}</w:pPr>{run}</w:p>'


# -- the template ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Template:
    """A checked reference template: its path and its style ids by style name."""

    path: Path
    style_ids: dict[str, str]

    def style_id(self, name: str) -> str:
        try:
            return self.style_ids[name]
        except KeyError:
            raise _missing_style(self.path, name) from None


def default_template_path() -> Path:
    from rectdesk.paths import resource_path

    return resource_path(*DEFAULT_TEMPLATE)


def _missing_style(path: Path, name: str) -> TemplateError:
    return TemplateError(f"模板缺少样式“{name}”：请在 Word 中按原名新建该样式，或在设置中改用默认模板",
                         file=path.name)


def load_template(path: Path | str | None = None, required: Iterable[str] = ALL_STYLES) -> Template:
    """Open and check a reference template (None: the bundled default)."""
    from lxml import etree

    path = Path(path) if path else default_template_path()
    if not path.is_file():
        raise TemplateError("模板文件不存在", file=str(path))
    try:
        with zipfile.ZipFile(path) as z:
            styles = etree.fromstring(z.read("word/styles.xml"))
            z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError("不是有效的 Word 模板（.docx），或文件已损坏", file=path.name) from exc
    ids: dict[str, str] = {}
    for style in styles.iterfind(f"{{{W_NS}}}style"):
        name = style.find(f"{{{W_NS}}}name")
        if name is not None and style.get(f"{{{W_NS}}}type") == "paragraph":
            ids[str(name.get(f"{{{W_NS}}}val"))] = str(style.get(f"{{{W_NS}}}styleId"))
    for needed in required:
        if needed not in ids:
            raise _missing_style(path, needed)
    return Template(path, ids)


@dataclass
class Body:
    """The paragraphs of a document body, as WordprocessingML, with forbidden characters out."""

    template: Template
    parts: list[str] = field(default_factory=list)
    removed: int = 0  # characters XML forbids, stripped from the texts
    paragraphs: int = 0

    def add(self, para: Para) -> None:
        text = para.text.replace("\r\n", "\n").replace("\r", "\n")
        text, count = strip_forbidden(text)
        self.removed += count
        self.parts.append(paragraph_xml(self.template.style_id(para.style), text,
                                        bold=para.bold, right_chars=para.right_chars,
                                        flush_left=para.flush_left, para=para))
        self.paragraphs += 1

    def extend(self, paras: Iterable[Para]) -> None:
        for para in paras:
            self.add(para)

    def add_xml(self, xml: str) -> None:
        """Raw body content (a w:tbl, say) using the w: prefix; the caller cleans its text."""
        self.parts.append(xml)

    def xml(self) -> str:
        return "".join(self.parts)


_BODY_OPEN = re.compile(r"<w:body(?:\s[^>]*)?>")
_SECT_PR = re.compile(r"<w:sectPr[ >](?:(?!<w:sectPr[ >]).)*</w:sectPr>\s*</w:body>", re.S)


def _fill_document(document_xml: str, body_xml: str, path: Path) -> str:
    """The template's document.xml with its body content replaced, its final sectPr kept."""
    if f'xmlns:w="{W_NS}"' not in document_xml:
        raise TemplateError("模板的正文部分格式无法识别（缺少 w 命名空间）", file=path.name)
    opening = _BODY_OPEN.search(document_xml)
    section = _SECT_PR.search(document_xml)
    if opening is None or section is None:
        raise TemplateError("模板缺少页面设置（w:sectPr），请用 Word 重新保存模板", file=path.name)
    return document_xml[:opening.end()] + body_xml + document_xml[section.start():]


@dataclass(frozen=True)
class DocProps:
    """The document's properties (File -> Properties; a PDF made from it shows the title)."""

    title: str
    subject: str = ""
    author: str = ""  # the issuing organ or office


_CORE = "docProps/core.xml"
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def core_xml(props: DocProps, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def el(tag: str, value: str) -> str:
        return f"<{tag}>{escape(strip_forbidden(value)[0])}</{tag}>" if value else ""

    w3c = ' xsi:type="dcterms:W3CDTF"'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"{el('dc:title', props.title)}{el('dc:subject', props.subject)}"
            f"{el('dc:creator', props.author)}{el('cp:lastModifiedBy', props.author)}"
            f"<dcterms:created{w3c}>{stamp}</dcterms:created>"
            f"<dcterms:modified{w3c}>{stamp}</dcterms:modified></cp:coreProperties>")


def _with_core_part(name: str, data: bytes) -> bytes:
    """[Content_Types].xml and _rels/.rels of a template without docProps/core.xml, declaring it."""
    text = data.decode("utf-8")
    if name == "[Content_Types].xml" and "/docProps/core.xml" not in text:
        text = text.replace("</Types>", f'<Override PartName="/{_CORE}" ContentType="{_CORE_TYPE}"/></Types>')
    elif name == "_rels/.rels" and _CORE_REL not in text:
        text = text.replace("</Relationships>", f'<Relationship Id="rIdRectDeskCore" Type="{_CORE_REL}" '
                                                f'Target="{_CORE}"/></Relationships>')
    return text.encode("utf-8")


def write_docx(template: Template, body: Body, out: Path | str, props: DocProps | None = None) -> None:
    """Write the template with `body` as its content to `out`, atomically; `props` replace the
    template's own title and author."""
    out = Path(out)
    with zipfile.ZipFile(template.path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    names = {info.filename for info, _ in entries}
    with atomic_write(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED,
                                                  compresslevel=5) as dst:
        for info, data in entries:
            if info.filename == "word/document.xml":
                filled = _fill_document(data.decode("utf-8"), body.xml(), template.path)
                data = filled.encode("utf-8")
            elif props is not None and info.filename == _CORE:
                data = core_xml(props).encode("utf-8")
            elif props is not None and _CORE not in names and info.filename in ("[Content_Types].xml",
                                                                                 "_rels/.rels"):
                data = _with_core_part(info.filename, data)
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        if props is not None and _CORE not in names:
            dst.writestr(_CORE, core_xml(props))
