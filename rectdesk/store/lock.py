"""One writer per register: an OS file lock beside the register, shared by the GUI and the CLI.

    handle = acquire(path)        # RegisterLocked when another process holds it
    ...
    handle.release()

The lock is `filelock` (flock on Unix, LockFileEx on Windows): the operating system drops it when
the holding process dies, so a lock left by a killed process is simply taken over. Who holds it is
written to a side file (`<register>.lock.info`: host, pid, user, since), because a locked file
cannot be read on Windows. That side file is removed on a clean release; finding one when we get
the lock means the previous holder did not shut down cleanly (`LockHandle.stale`).

Within one process the lock is shared: a second `acquire` of the same path only counts up. SQLite
itself serialises writers inside a process (BEGIN IMMEDIATE), and tests routinely open one file
twice; what must never happen is two processes (two windows, a window and a CLI command) writing
the same file, possibly from two machines over a share.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rectdesk.core.errors import RegisterLocked

log = logging.getLogger(__name__)

NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "ceph", "glusterfs", "9p",
              "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "ncpfs", "lustre", "gpfs"}

_guard = threading.Lock()
_held: dict[str, _Entry] = {}


@dataclass
class _Entry:
    lock: Any  # filelock.FileLock
    count: int = 0
    stale: dict[str, Any] | None = None


@dataclass
class LockHandle:
    """A held register lock; `stale` is the side-file content a dead holder left behind."""

    path: Path
    stale: dict[str, Any] | None = None
    first_in_process: bool = True
    warning: str = ""
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        if not self._released:
            self._released = True
            _release(self.path)


def lock_path(register: Path) -> Path:
    return register.with_name(register.name + ".lock")


def info_path(register: Path) -> Path:
    return register.with_name(register.name + ".lock.info")


def _key(register: Path) -> str:
    return os.path.normcase(str(Path(register).resolve()))


def held_in_process(register: Path) -> bool:
    with _guard:
        return _key(register) in _held


def holders(register: Path) -> int:
    """How many open handles of this process hold the register's lock."""
    with _guard:
        entry = _held.get(_key(register))
        return 0 if entry is None else entry.count


def acquire(register: Path | str) -> LockHandle:
    """Take the register's lock without waiting; RegisterLocked names who holds it."""
    import filelock

    register = Path(register)
    key = _key(register)
    warning = network_share_warning(register)
    with _guard:
        entry = _held.get(key)
        if entry is not None:
            entry.count += 1
            return LockHandle(register, entry.stale, first_in_process=False, warning=warning)
        lock = filelock.FileLock(str(lock_path(register)), timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise RegisterLocked(locked_message(read_info(register)), file=register.name) from None
        stale = read_info(register)
        if stale is not None and _held_elsewhere(stale):
            # The lock file was deleted while that process held it: we locked a new file of the
            # same name. The side file still names a live holder on this machine.
            lock.release()
            raise RegisterLocked(locked_message(stale), file=register.name)
        if stale is not None:
            log.warning("register %s: lock left by %s taken over", register, stale)
        try:
            _write_info(register)
        except OSError:
            lock.release()
            raise
        _held[key] = _Entry(lock, 1, stale)
    if warning:
        log.warning("register %s: %s", register, warning)
    return LockHandle(register, stale, first_in_process=True, warning=warning)


def _release(register: Path) -> None:
    key = _key(register)
    with _guard:
        entry = _held.get(key)
        if entry is None:
            return
        entry.count -= 1
        if entry.count > 0:
            return
        del _held[key]
        try:
            info_path(register).unlink(missing_ok=True)
        except OSError as exc:  # the lock itself still goes
            log.warning("could not remove %s: %s", info_path(register), exc)
        entry.lock.release()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _write_info(register: Path) -> None:
    info = {"host": socket.gethostname(), "pid": os.getpid(), "user": _user(),
            "since": datetime.now().isoformat(timespec="seconds")}
    target = info_path(register)
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)


def _held_elsewhere(info: dict[str, Any]) -> bool:
    """Whether the side file names another live process on this machine.

    Only POSIX needs this: there a held lock file can be deleted (Windows refuses to delete an
    open file). A process that died leaves its side file, and its pid is then not running."""
    if os.name == "nt" or info.get("host") != socket.gethostname():
        return False
    try:
        pid = int(info.get("pid", 0))
    except (TypeError, ValueError):
        return False
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    return True


def read_info(register: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(info_path(register).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def locked_message(info: dict[str, Any] | None) -> str:
    if not info:
        return "台账正被另一个 RectDesk 窗口或命令打开，同一时间只能有一处修改台账。请先在那里关闭台账后再试"
    if info.get("host") == socket.gethostname() and info.get("user") == _user():
        return (f"台账已在本机的另一个 RectDesk 窗口或命令中打开（进程 {info.get('pid', '?')}），"
                "同一时间只能有一处修改台账。请切换到那个窗口，或先关闭它后再试")
    who = f"计算机“{info.get('host', '?')}”上的进程 {info.get('pid', '?')}"
    if info.get("user"):
        who += f"（用户 {info['user']}）"
    since = str(info.get("since", "")).replace("T", " ")
    when = f"自 {since} 起" if since else ""
    return (f"台账正被{who}{when}打开，同一时间只能有一处修改台账。"
            "请先在那台计算机上关闭台账（或结束该进程）后再试")


# -- network shares ---------------------------------------------------------------------------
def network_share_warning(register: Path, mounts: str | None = None) -> str:
    """A warning when the register lives on a network share, where SQLite locking is unreliable."""
    if not is_network_path(register, mounts):
        return ""
    return ("台账位于网络共享文件夹，SQLite 在网络共享上的文件锁不可靠，多人同时使用可能损坏台账。"
            "建议把台账放在本机磁盘上，通过导出的台账和通报与他人交换")


def is_network_path(register: Path, mounts: str | None = None) -> bool:
    raw = str(register)
    if raw.startswith(("\\\\", "//")):
        return True  # UNC path
    if os.name == "nt":
        return _windows_remote_drive(register)
    return _mount_fstype(Path(os.path.abspath(register)), mounts) in NETWORK_FS


def _windows_remote_drive(register: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(register))[0]
    if not drive:
        return False
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)  # type: ignore[attr-defined]


def _mount_fstype(path: Path, mounts: str | None) -> str:
    """The file-system type of the longest mount point containing `path` (from /proc/mounts)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    best, fstype = "", ""
    text = str(path)
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, fstype = point, parts[2]
    return fstype
