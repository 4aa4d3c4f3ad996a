"""Files written whole or not at all.

    with atomic_write(target) as tmp:   # a temporary name in the same folder
        workbook.save(tmp)              # on success: fsync, then os.replace onto target

A failure (or an exception from the caller) removes the temporary file and leaves any earlier
`target` byte-identical.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rectdesk.core.errors import RectDeskError

_REPLACE_RETRIES = 10  # Windows: antivirus or an indexer may hold the target for a moment


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(source: Path, target: Path) -> None:
    """os.replace with a short retry on PermissionError (Windows sharing violations)."""
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextmanager
def atomic_write(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `target`; move it into place when the block succeeds."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise RectDeskError(f"保存位置不存在：{folder}", file=str(target))
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        yield tmp
        if not tmp.exists():
            raise RectDeskError("文件未能生成", file=target.name)
        fsync_file(tmp)
        replace(tmp, target)
        fsync_dir(folder)
    except PermissionError as exc:
        raise RectDeskError("无法写入文件：文件可能正在 Word/WPS/Excel 中打开，请关闭后重试",
                            file=target.name) from exc
    finally:
        tmp.unlink(missing_ok=True)


def shown_name(path: Path | str) -> str:
    """A path as it can be printed and logged: undecodable bytes of a file name (a name made on
    a GBK system, read on a UTF-8 one) become U+FFFD instead of failing every print."""
    try:
        return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from a file name's bytes
        return str(path).encode("utf-8", "replace").decode("utf-8")


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_input_file(path: Path | str, *, noun: str = "文件",
                     error: type[RectDeskError] = RectDeskError) -> Path:
    """Refuse, before anything opens it, what cannot be read as a file the user chose: a name
    that is not valid UTF-8, a missing file, a folder, a FIFO, device or socket (opening a FIFO
    waits for a writer for ever). Returns the path; raises `error` with one line."""
    path = Path(path)
    if _undecodable(str(path)):
        raise error(f"{noun}名包含无法识别的字符（不是 UTF-8 编码，可能来自其他语言的系统），"
                            "请把文件改名（只用中文、字母和数字）后再试", file=shown_name(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error(f"{noun}不存在", file=str(path)) from None
    except OSError as exc:
        raise error(f"无法读取{noun}：{exc.strerror or exc}", file=str(path)) from None
    if stat.S_ISDIR(mode):
        raise error(f"这是一个文件夹，不是{noun}：请选择其中的文件", file=str(path))
    if not stat.S_ISREG(mode):
        raise error(f"这不是普通{noun}（是管道、设备或套接字），拒绝读取", file=str(path))
    return path
