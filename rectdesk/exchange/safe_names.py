"""File and folder names that are safe on Windows, UOS/Kylin and in zip files.

    namer = UniqueNames()
    folder = namer.name(safe_component("07 市控入江支流治理成效不明显", 60))
    inner = UniqueNames()
    name = inner.name(safe_file_name("关于印发<办法>的通知", ".pdf", 80))  # 关于印发＜办法＞的通知.pdf

Characters Windows forbids (<>:"/\\|?*) become their full-width forms, which read naturally in
Chinese titles; control and format characters (including bidi overrides that could disguise an
extension) are dropped; trailing dots and spaces are trimmed; reserved device names (CON, NUL,
COM1 ...) get a leading underscore. Lengths are counted in UTF-16 code units, as Windows counts.
"""

from __future__ import annotations

import re
import unicodedata

_FULL_WIDTH = str.maketrans({
    "<": "＜", ">": "＞", ":": "：", '"': "＂", "/": "／", "\\": "＼", "|": "｜", "?": "？",
    "*": "＊",
})
_SUPERSCRIPTS = "¹²³"
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", *_SUPERSCRIPTS)}
)
_EXT = re.compile(r"\.[A-Za-z0-9]{1,10}")
FALLBACK = "未命名"
MAX_BYTES = 240  # per name, in UTF-8, below ext4's 255 with room to spare


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _truncate(text: str, limit: int, byte_limit: int = MAX_BYTES) -> str:
    """Cut `text` to at most `limit` UTF-16 code units (Windows) and `byte_limit` UTF-8 bytes
    (ext4 and most Linux file systems allow 255 bytes: 85 Chinese characters)."""
    while text and (utf16_len(text) > limit or len(text.encode("utf-8")) > byte_limit):
        text = text[:-1]
    return text


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        kept.append(" " if cat in ("Zl", "Zp") or ch.isspace() else ch)
    return re.sub(r" {2,}", " ", "".join(kept)).strip(" .")


def _unreserve(name: str) -> str:
    base = name.split(".", 1)[0].rstrip(" ").upper()
    return "_" + name if base in RESERVED else name


def safe_component(name: str, max_len: int = 80, fallback: str = FALLBACK,
                   max_bytes: int = MAX_BYTES) -> str:
    """One folder or file name (no extension handling) safe on Windows and Linux, at most
    `max_len` characters (UTF-16 units) and `max_bytes` UTF-8 bytes."""
    text = _truncate(_tidy(name), max_len, max_bytes).rstrip(" .")
    text = _unreserve(text or fallback)
    return _truncate(text, max_len, max_bytes).rstrip(" .") or fallback


def safe_extension(ext: str) -> str:
    """'.PDF' -> '.pdf'; anything that is not a short alphanumeric extension -> ''."""
    ext = ext if ext.startswith(".") else "." + ext
    return ext.lower() if _EXT.fullmatch(ext) else ""


def split_name(file_name: str) -> tuple[str, str]:
    """'通知.2020.PDF' -> ('通知.2020', '.pdf'); an unsafe or missing extension gives ''."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        return base, ""
    safe = safe_extension(ext)
    return (stem, safe) if safe else (base, "")


def safe_file_name(stem: str, ext: str = "", max_len: int = 120, fallback: str = FALLBACK) -> str:
    """`stem` made safe and cut so that stem + extension fits in `max_len`."""
    ext = safe_extension(ext) if ext else ""
    room = max(1, max_len - utf16_len(ext))
    return safe_component(stem, room, fallback, MAX_BYTES - len(ext)) + ext


class UniqueNames:
    """Hands out names unique within one folder, compared as Windows does (case-insensitive).

    A repeated name becomes 'name (2).ext', 'name (3).ext' ..., still within `max_len`.
    """

    def __init__(self, max_len: int = 120) -> None:
        self.max_len = max_len
        self._taken: set[str] = set()

    def name(self, candidate: str) -> str:
        stem, ext = split_name(candidate)
        result, n = candidate, 1
        while result.casefold() in self._taken:
            n += 1
            suffix = f" ({n})"
            room = max(1, self.max_len - utf16_len(suffix) - utf16_len(ext))
            result = safe_component(stem, room, max_bytes=MAX_BYTES - len(suffix + ext)) + suffix + ext
        self._taken.add(result.casefold())
        return result
