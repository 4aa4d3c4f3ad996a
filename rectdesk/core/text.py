"""Text hygiene and Chinese numbering shared by every importer and exporter."""

from __future__ import annotations

import re

# Characters XML 1.0 forbids (Word and Excel files are XML): C0 controls other than tab, LF and
# CR, the two non-characters U+FFFE/U+FFFF and lone surrogates.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_DIGITS = "零一二三四五六七八九"


def strip_forbidden(text: str) -> tuple[str, int]:
    """Remove characters XML forbids; return the clean text and how many were removed."""
    cleaned, count = _XML_FORBIDDEN.subn("", text)
    return cleaned, count


def clean_text(text: str | None) -> str:
    """Normalise user or imported text: forbidden characters out, CRLF/CR to LF, edges trimmed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, _ = strip_forbidden(text)
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
