"""Word's automatic list numbers (numbering.xml), rendered as the reader sees them.

A list item's "1." or "（一）" is not in its text: Word draws it from the list definition
(w:num -> w:abstractNum -> w:lvl: start, numFmt, lvlText such as "%1." or "（%1）"). Without it
the importer would see items with no numbers at all.
"""

from __future__ import annotations

from typing import Any

from rectdesk.core.text import parse_cn_number

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_number(n: int) -> str:
    """1..99 in Chinese counting (一, 十, 十一, 二十三)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _format(n: int, fmt: str) -> str:
    if fmt.startswith("chinese") or fmt in ("ideographTraditional", "taiwaneseCounting", "japaneseCounting"):
        return cn_number(n) if n < 100 else str(n)
    if fmt.startswith("decimalEnclosedCircle") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "none":
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth … read the same to the importer


class ListNumbers:
    """Counts list items in document order and renders each one's label."""

    def __init__(self, document: Any, qn: Any) -> None:
        self.qn = qn
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._read(numbering)
        self._read_styles(document)

    def _val(self, el: Any, tag: str) -> str | None:
        found = el.find(self.qn(tag)) if el is not None else None
        return found.get(self.qn("w:val")) if found is not None else None

    def _read(self, numbering: Any) -> None:
        qn = self.qn
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for a in numbering.iterchildren(qn("w:abstractNum")):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in a.iterchildren(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl")) or 0)
                levels[ilvl] = (int(self._val(lvl, "w:start") or 1), self._val(lvl, "w:numFmt") or "decimal",
                                self._val(lvl, "w:lvlText") or "")
            abstract[a.get(qn("w:abstractNumId")) or ""] = levels
        for num in numbering.iterchildren(qn("w:num")):
            levels = dict(abstract.get(self._val(num, "w:abstractNumId") or "", {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")) or 0)
                if (start := self._val(override, "w:startOverride")) and ilvl in levels:
                    levels[ilvl] = (int(start), *levels[ilvl][1:])
            self.levels[num.get(qn("w:numId")) or ""] = levels

    def _read_styles(self, document: Any) -> None:
        qn = self.qn
        try:
            styles = document.styles.element
        except AttributeError:
            return
        for style in styles.iterchildren(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if numpr is not None and (num_id := self._val(numpr, "w:numId")):
                self.style_num[style.get(qn("w:styleId")) or ""] = (num_id, int(self._val(numpr, "w:ilvl") or 0))

    def label(self, p: Any) -> str:
        """The list label Word draws before paragraph `p` ("" when it is no list item)."""
        qn = self.qn
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = None, 0
        if numpr is not None:
            num_id, ilvl = self._val(numpr, "w:numId"), int(self._val(numpr, "w:ilvl") or 0)
        elif ppr is not None and (style := self._val(ppr, "w:pStyle")) in self.style_num:
            num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""
        for k in range(9):
            if f"%{k + 1}" in text:
                n = counters.get(k, levels.get(k, (1, "", ""))[0])
                text = text.replace(f"%{k + 1}", _format(n, levels.get(k, (1, "decimal", ""))[1]))
        return text


__all__ = ["ListNumbers", "cn_number", "parse_cn_number"]
