"""One writer per register: a second process is refused with a message naming the holder."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rectdesk.core.errors import RegisterLocked
from rectdesk.store import lock
from rectdesk.store.register import Register

HOLDER = """
import sys
from rectdesk.store.register import Register
reg = Register.open(sys.argv[1], operator="甲")
print("ready", flush=True)
sys.stdin.read()
reg.close()
"""

OPENER = """
import sys
from rectdesk.core.errors import RegisterLocked
from rectdesk.store.register import Register
try:
    Register.open(sys.argv[1]).close()
except RegisterLocked as exc:
    print(exc)
    sys.exit(3)
print("opened")
"""


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_second_process_gets_message_naming_holder(demo_path: Path) -> None:
    with Register.open(demo_path):
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-c", OPENER, str(demo_path)], capture_output=True,
                             text=True, timeout=60, env=os.environ.copy())
        waited = time.monotonic() - started
    assert run.returncode == 3, run.stderr
    # the same computer and user: no "close it on that computer", but "switch to that window"
    assert f"本机的另一个 RectDesk 窗口或命令中打开（进程 {os.getpid()}）" in run.stdout
    assert "请切换到那个窗口" in run.stdout and "那台计算机" not in run.stdout
    assert "同一时间只能有一处修改台账" in run.stdout
    assert waited < 15  # refused at once (interpreter start-up included), never waits on the lock


def test_open_while_other_process_holds_it_then_after_it_closes(demo_path: Path) -> None:
    proc = _holder(demo_path)
    try:
        with pytest.raises(RegisterLocked) as caught:
            Register.open(demo_path)
        assert f"进程 {proc.pid}" in str(caught.value)
        assert caught.value.file == demo_path.name
    finally:
        proc.communicate("", timeout=60)  # clean close
    with Register.open(demo_path) as reg:
        assert reg._lock is not None and reg._lock.stale is None  # nothing left behind


def test_lock_of_killed_process_is_taken_over(demo_path: Path) -> None:
    proc = _holder(demo_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert lock.read_info(demo_path)["pid"] == proc.pid  # the dead holder's side file is left
    with Register.open(demo_path) as reg:
        assert reg._lock is not None and reg._lock.stale is not None
        assert reg._lock.stale["pid"] == proc.pid
        assert lock.read_info(demo_path)["pid"] == os.getpid()
        with reg.reading() as s:
            assert s.execute(__import__("sqlalchemy").text("select count(*) from measure")).scalar() > 0
    assert lock.read_info(demo_path) is None  # a clean close removes it


def test_same_process_shares_the_lock_until_last_close(demo_path: Path) -> None:
    first = Register.open(demo_path)
    second = Register.open(demo_path)
    first.close()
    assert lock.held_in_process(demo_path)
    second.close()
    assert not lock.held_in_process(demo_path)
    assert not lock.info_path(demo_path).exists()


def test_open_without_lock_leaves_no_lock(demo_path: Path) -> None:
    with Register.open(demo_path, lock=False):
        assert not lock.held_in_process(demo_path)
        assert lock.read_info(demo_path) is None


def test_failed_open_releases_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "new.rectdesk"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)  # header only: SQLite refuses it
    with pytest.raises(Exception):  # noqa: B017 - whatever the open raises, the lock must go
        Register.open(path)
    assert not lock.held_in_process(path)


def test_message_without_side_file_still_says_what_to_do() -> None:
    assert "另一个 RectDesk" in lock.locked_message(None)


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/整改办 /mnt/office cifs rw,vers=3.0 0 0
server:/export /mnt/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/office/local ext4 rw 0 0
/dev/sdc1 /mnt/my\\040disk ext4 rw 0 0
"""


@pytest.mark.parametrize(("path", "network"), [
    ("/mnt/office/台账.rectdesk", True),
    ("/mnt/nfs/a/b.rectdesk", True),
    ("/mnt/office/local/b.rectdesk", False),   # a local disk mounted inside the share
    ("/mnt/officer/b.rectdesk", False),        # a prefix, not a parent
    ("/mnt/my disk/b.rectdesk", False),
    ("/home/user/b.rectdesk", False),
    ("//fileserver/share/b.rectdesk", True),   # UNC
    ("\\\\fileserver\\share\\b.rectdesk", True),
])
def test_network_share_detection(path: str, network: bool) -> None:
    assert lock.is_network_path(Path(path), MOUNTS) is network
    warning = lock.network_share_warning(Path(path), MOUNTS)
    assert ("网络共享" in warning) is network


def test_register_on_share_opens_with_a_warning(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mounts = f"/dev/sda1 / ext4 rw 0 0\n//srv/s {demo_path.parent} cifs rw 0 0\n"
    real = lock.network_share_warning
    monkeypatch.setattr(lock, "network_share_warning", lambda p, m=None: real(p, mounts))
    with Register.open(demo_path) as reg:
        assert any("网络共享" in w for w in reg.warnings)


def test_side_file_names_this_process(demo_path: Path) -> None:
    with Register.open(demo_path):
        info = json.loads(lock.info_path(demo_path).read_text(encoding="utf-8"))
    assert info["host"] == socket.gethostname() and info["pid"] == os.getpid()


def test_deleting_a_held_lock_file_does_not_let_a_second_writer_in(demo_path: Path) -> None:
    proc = _holder(demo_path)
    try:
        lock.lock_path(demo_path).unlink()  # someone tidies the folder while it is open
        with pytest.raises(RegisterLocked) as caught:
            Register.open(demo_path)
        assert f"进程 {proc.pid}" in str(caught.value)
    finally:
        proc.communicate("", timeout=60)
    with Register.open(demo_path):  # after the holder closed, it opens as usual
        pass


KILLED_BACKUP = """
import sys
from pathlib import Path
from rectdesk.store import backup, sqlite

def stop(path, full=False):  # the copy is written and fsynced: wait here to be killed
    print("copied", flush=True)
    sys.stdin.read()
    return []

sqlite.quick_check = stop
backup.backup_now(Path(sys.argv[1]))
"""


def test_a_killed_backup_leaves_no_part_file_behind(demo_path: Path) -> None:
    from rectdesk import paths
    from rectdesk.store import backup

    proc = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, str(demo_path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdout is not None and proc.stdout.readline().strip() == "copied"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    folder = paths.backup_dir(demo_path)
    [left] = list(folder.glob("*.part"))  # what the kill leaves: a full-size unfinished copy
    assert f".{proc.pid}.part" in left.name and left.stat().st_size > 0
    running = folder / f"demo-20240101-120001-daily.rectdesk.{os.getpid()}.part"
    running.write_bytes(b"in progress")  # a copy this process is making: left alone
    foreign = folder / "film.mkv.part"
    foreign.write_bytes(b"not ours")
    backup.backup_now(demo_path)
    assert not left.exists() and running.exists() and foreign.exists()
    assert [p.name for p in folder.glob("*.rectdesk")] == [backup.list_backups(demo_path)[0].path.name]
