"""Text hygiene and Chinese numbering shared by every importer and exporter."""

from __future__ import annotations

import re

# Characters XML 1.0 forbids (Word and Excel files are XML): C0 controls other than tab, LF and
# CR, the two non-characters U+FFFE/U+FFFF and lone surrogates.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# A vertical tab or form feed inside a line is a soft break from a word processor or a PDF: a
# space, never a paragraph break (str.splitlines() would split a title there).
_SPACE_CONTROLS = re.compile("[\x0b\x0c]")
# Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reverse text on the
# printed page and have no use in Chinese documents: removed.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

_DIGITS = "零一二三四五六七八九"


def strip_forbidden(text: str) -> tuple[str, int]:
    """Remove characters XML forbids and bidi controls (a vertical tab or form feed becomes a
    space); return the clean text and how many characters were removed."""
    text = _SPACE_CONTROLS.sub(" ", text)
    text, bidi = _BIDI_CONTROLS.subn("", text)
    cleaned, count = _XML_FORBIDDEN.subn("", text)
    return cleaned, count + bidi


_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")  # invisible: zero-width space, word joiner, BOM


def clean_text(text: str | None) -> str:
    """Normalise user or imported text: forbidden, bidi and zero-width characters out, CRLF/CR
    to LF, edges trimmed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, _ = strip_forbidden(_ZERO_WIDTH.sub("", text))
    return text.strip()


def clean_line(text: str | None) -> str:
    """Like clean_text, for single-line fields (names, titles): inner line breaks become spaces."""
    return re.sub(r"\s*\n\s*", " ", clean_text(text))


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 31 -> 三十一 (up to 99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def parse_cn_number(text: str) -> int | None:
    """The inverse of cn_number for 1..99; None when `text` is not such a numeral."""
    if not text or any(ch not in _DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 and text != "零" else None
    head, _, tail = text.partition("十")
    tens = 1 if head == "" else (_DIGITS.index(head) if len(head) == 1 else -1)
    ones = 0 if tail == "" else (_DIGITS.index(tail) if len(tail) == 1 else -1)
    if tens <= 0 or ones < 0:
        return None
    return tens * 10 + ones


def ordinal_label(n: int) -> str:
    """The label a bulletin puts before the n-th measure: 一是, 二是, ..."""
    return f"{cn_number(n)}是"


def join_measures(results: list[str]) -> str:
    """Join measure results the way the bulletin prints them: 一是…。二是…。

    A single result is printed as it is, without 一是.
    """
    texts = [r.strip() for r in results if r and r.strip()]
    if len(texts) <= 1:
        return _end_sentence(texts[0]) if texts else ""
    return "".join(ordinal_label(i) + _end_sentence(t) for i, t in enumerate(texts, start=1))


def _end_sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？", "；", ".", "”")) else text + "。"


def display_width(text: str) -> int:
    """Width in Excel's units: a CJK (wide) character counts as two, anything else as one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# -- Chinese punctuation ------------------------------------------------------------------------
# Half-width marks copied from web pages or English input methods into Chinese text. They are
# made full-width only beside a Chinese character (or a full-width mark), so numbers (1,000,
# 10:30, 2020.11.2), e-mail addresses and URLs, which are kept apart first, stay as they are.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…"
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_KEEP_APART = re.compile(r"(?:https?|ftp)://[!-~]*[A-Za-z0-9/#=_-]|www\.[!-~]*[A-Za-z0-9/#=_-]"
                         r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PAIR = re.compile(r"\(([^()\n]*)\)")
_MARK_AFTER_WIDE = re.compile(f"(?<=[{_WIDE}])[ ]*([,;:?!])[ ]*")
_MARK_BEFORE_WIDE = re.compile(f"[ ]*([,;:?!])[ ]*(?=[{_WIDE}])")
_STOP = re.compile(f"(?<=[{_HAN}])\\.(?=[{_HAN}]|$)")


def normalize_cn_punctuation(text: str) -> str:
    """Half-width , ; : ? ! ( ) . in Chinese text -> ，；：？！（）。 (see above for what stays)."""
    if text.isascii():
        return text
    out, last = [], 0
    for m in _KEEP_APART.finditer(text):
        out.append(_normalize_segment(text[last:m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(_normalize_segment(text[last:]))
    return "".join(out)


def _normalize_segment(text: str) -> str:
    def pair(m: re.Match[str]) -> str:
        # Chinese inside, or a Chinese character right before: 电话(传真), 一是(1); not SUM(A1)。
        inner, start = m.group(1), m.start()
        before = text[start - 1] if start else ""
        if re.search(f"[{_WIDE}]", inner + before):
            return f"（{inner}）"
        return m.group()

    text = _PAIR.sub(pair, text)
    text = _MARK_AFTER_WIDE.sub(lambda m: _FULL[m.group(1)], text)
    text = _MARK_BEFORE_WIDE.sub(lambda m: _FULL[m.group(1)], text)
    return _STOP.sub("。", text)
