"""Files written whole or not at all.

    with atomic_write(target) as tmp:   # a temporary name in the same folder
        workbook.save(tmp)              # on success: fsync, then os.replace onto target

A failure (or an exception from the caller) removes the temporary file and leaves any earlier
`target` byte-identical.
"""

from __future__ import annotations

import os
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
