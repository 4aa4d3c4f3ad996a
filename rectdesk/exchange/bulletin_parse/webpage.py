"""A saved web page (.html, .htm, .mhtml) -> the article's paragraphs and tables, through lxml.

Site furniture (menus, breadcrumbs, share bars, footers, scripts) is dropped; the article is the
element holding the most paragraph text directly. The page title and the disclosure block
(发布机构/来源/发布时间) are kept ahead of it, as the text importer expects.
"""

from __future__ import annotations

import email
import re
from email.message import Message
from typing import Any

from rectdesk.core.errors import ImportFormatError
from rectdesk.exchange.bulletin_parse.sources import DocxContent, Grid

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
         "button", "input", "svg", "object", "embed", "head")
_BOILERPLATE = re.compile(r"nav|menu|header|footer|breadcrumb|crumb|share|sidebar|side-bar|topbar|top-bar|copyright"
                          r"|login|search|related|toolbar|fontsize|font-size|print|location|position|banner|links?$"
                          r"|friend|qrcode|ewm|bottom|foot|sitemap", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "tr", "pre",
          "center", "dd", "dt", "ul", "ol", "table", "main"}
_META = re.compile(r"(发布机构|来源|发布时间|成文日期|发文日期|发布日期|索引号|文号)\s*[:：]")
_TITLE_MARK = re.compile(r"title|biaoti|headline|\btit\b", re.I)
_TITLE_WORDS = ("通报", "报告", "方案", "公示", "公告", "清单", "整改")


def _html_bytes(data: bytes) -> bytes | str:
    """The HTML of an .mhtml archive (its first text/html part), or the bytes as they are."""
    head = data[:2048].lower()
    if b"mime-version" not in head and b"content-type: multipart" not in head:
        return data
    message = email.message_from_bytes(data)
    for part in message.walk():
        if isinstance(part, Message) and part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
    raise ImportFormatError("网页存档（.mhtml）中没有网页正文")


def _tree(data: bytes) -> Any:
    import lxml.html  # lazy: only web-page imports need it

    html = _html_bytes(data)
    if isinstance(html, bytes) and not re.search(rb"<meta[^>]+charset", html[:4096], re.I):
        raw = html
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            html = raw.decode("gb18030", errors="replace")
    if isinstance(html, str):
        html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    return lxml.html.document_fromstring(html)


def _clean(root: Any) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments and processing instructions
            if el.getparent() is not None:
                el.drop_tree()
            continue
        marks = f"{el.get('id', '')} {el.get('class', '')}"
        if el.tag in _DROP or (el.tag not in ("body", "html") and _BOILERPLATE.search(marks)):
            if el.getparent() is not None:
                el.drop_tree()


def _own_text(el: Any) -> int:
    """Text held by the element's direct paragraph children (and loose text), not deeper."""
    total = len((el.text or "").strip())
    for child in el:
        if child.tag in ("p", "span", "font", "strong", "b", "br", "h1", "h2", "h3", "h4", "li", "section"):
            total += len(child.text_content().strip())
        total += len((child.tail or "").strip())
    return total


def _article(root: Any) -> Any:
    best, score = root, 0
    for el in root.iter("div", "td", "article", "section", "main", "body"):
        own = _own_text(el)
        if own > score:
            best, score = el, own
    return best


def _grid(table: Any) -> Grid:
    rows: list[list[str]] = []
    carry: dict[int, tuple[int, str]] = {}  # column -> (rows left, text) for rowspan
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []
        cells = [c for c in tr if c.tag in ("td", "th")]
        for cell in cells:
            while len(row) in carry:
                row.append(_take(carry, len(row)))
            text = "\n".join(x.strip() for x in cell.itertext() if x.strip())
            span = _int(cell.get("colspan"))
            down = _int(cell.get("rowspan"))
            for _ in range(span):
                if down > 1:
                    carry[len(row)] = (down - 1, text)
                row.append(text)
        while len(row) in carry:
            row.append(_take(carry, len(row)))
        rows.append(row)
    return rows


def _take(carry: dict[int, tuple[int, str]], col: int) -> str:
    left, text = carry.pop(col)
    if left > 1:
        carry[col] = (left - 1, text)
    return text


def _int(value: str | None) -> int:
    try:
        return max(1, min(64, int(value or 1)))
    except ValueError:
        return 1


def _blocks(el: Any, out: DocxContent, line: list[str]) -> None:
    """Walk the article: a block element or <br> ends a line; a table becomes a grid."""
    def flush() -> None:
        text = "".join(line).strip()
        if text:
            out.blocks.append(re.sub(r"[ \t\r\n\u00a0]+", " ", text))
        line.clear()

    line.append(el.text or "")
    for child in el:
        if child.tag == "table" and not child.xpath(".//table"):
            flush()
            out.blocks.append(_grid(child))
        elif child.tag == "br":
            flush()
        elif child.tag in _BLOCK:
            flush()
            _blocks(child, out, line)
            flush()
        elif isinstance(child.tag, str):
            _blocks(child, out, line)
        line.append(child.tail or "")


def _page_title(root: Any) -> str:
    """<title> without the site's name ("…的通报_某某区人民政府")."""
    found = root.find(".//title")
    text = re.split(r"\s*[_|｜]\s*|\s+[-—]+\s+", (found.text_content() if found is not None else "").strip())[0]
    return text if any(w in text for w in _TITLE_WORDS) else ""


def read_webpage(data: bytes) -> DocxContent:
    root = _tree(data)
    page_title = _page_title(root)
    _clean(root)
    article = _article(root)
    content = DocxContent()
    rest: list[str] = []
    _blocks(article, content, rest)
    if last := re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(rest)).strip():  # text after the last <br>
        content.blocks.append(last)
    if not any(isinstance(b, list) or b.strip() for b in content.blocks):
        raise ImportFormatError("网页中没有找到正文文字")
    content.blocks[:0] = _before_article(root, article, content, page_title)
    return content


def _before_article(root: Any, article: Any, content: DocxContent, page_title: str) -> list[str | Grid]:
    """The page title and the disclosure lines, when they sit outside the article."""
    inside = {b for b in content.blocks if isinstance(b, str)}
    extra: list[str | Grid] = []
    title = ""
    for el in root.iter("h1", "h2", "h3", "div", "td", "span", "p"):
        if article in el.iterancestors() or el is article:
            continue
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if not text or text in inside or text in extra or len(text) > 200:
            continue
        if el.tag in ("h1", "h2", "h3") or _TITLE_MARK.search(f"{el.get('class', '')} {el.get('id', '')}"):
            if any(w in text for w in _TITLE_WORDS) and not title:
                title = text
        elif _META.match(text) and len(el) == 0:
            extra.append(text)
    title = title or (page_title if page_title not in inside else "")
    return [*extra, title] if title else extra
