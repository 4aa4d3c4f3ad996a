"""Paragraphs to a tree of numbered headings.

Chinese official documents number their levels 一、 > （一） > 1. > （1） > ①. A paragraph that
starts with such a marker opens a node only when its number continues the count at that level
(the next sibling, a first child "1", or the next number of a list that runs on across parents),
so a sentence that happens to start with "2." in the middle of a body stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rectdesk.core.text import parse_cn_number
from rectdesk.exchange.bulletin_parse.fields import field_line

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# (rank, pattern); the number is group 1, the heading text follows the match.
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．]\s*")),
    (1, re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[)）]\s*[、.．，,]?\s*")),
    (2, re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    (3, re.compile(r"^[（(]\s*(\d{1,3})\s*[)）]\s*[、.．]?\s*")),
    (4, re.compile(rf"^([{_CIRCLED}])\s*[、.．]?\s*")),
)


@dataclass
class Node:
    rank: int  # -1 for the root
    number: int
    heading: str
    raw: str = ""  # the heading line as written, marker included
    body: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def all_text(self) -> list[str]:
        """The node's paragraphs in reading order, headings included."""
        out = [self.heading] if self.heading else []
        out.extend(self.body)
        for child in self.children:
            out.extend(child.all_text())
        return out


def _number(rank: int, token: str) -> int | None:
    if rank in (0, 1):
        return parse_cn_number(token)
    if rank == 4:
        return _CIRCLED.index(token) + 1
    return int(token)


def marker(line: str) -> tuple[int, int, str] | None:
    """(rank, number, heading text) when `line` starts with a numbering marker."""
    for rank, pattern in _MARKERS:
        m = pattern.match(line)
        if not m:
            continue
        number = _number(rank, m.group(1))
        rest = line[m.end():].strip()
        if number is None or not rest:
            return None
        return rank, number, rest
    return None


class _Builder:
    def __init__(self) -> None:
        self.root = Node(rank=-1, number=0, heading="")
        self.stack: list[Node] = [self.root]
        self.last: dict[int, int] = {}  # last number seen at each rank, across parents

    def _accepts(self, rank: int, number: int) -> bool:
        open_same = next((n for n in reversed(self.stack) if n.rank == rank), None)
        if open_same is not None:
            return number == open_same.number + 1
        return number == 1 or number == self.last.get(rank, 0) + 1

    def add(self, line: str) -> None:
        found = marker(line)
        if found and self._accepts(found[0], found[1]):
            rank, number, heading = found
            while self.stack[-1].rank >= rank:
                self.stack.pop()
            node = Node(rank=rank, number=number, heading=heading, raw=line)
            self.stack[-1].children.append(node)
            self.stack.append(node)
            self.last[rank] = number
            return
        if field_line(line):
            self._back_to_fields()
        self.stack[-1].body.append(line)

    def _back_to_fields(self) -> None:
        """A labelled line after a numbered list ("整改措施：（1）…（2）…责任单位：…") continues
        the item whose labels introduced the list, not the list's last entry."""
        for depth in range(len(self.stack) - 1, 0, -1):
            if any(field_line(x) for x in self.stack[depth].body):
                del self.stack[depth + 1:]
                return


def build(paragraphs: list[str]) -> Node:
    """The outline of a document; paragraphs before the first heading are the root's body."""
    builder = _Builder()
    for line in paragraphs:
        builder.add(line)
    return builder.root
