"""Killing an attach at any point leaves no row pointing at a missing or partial file.

A helper process imports RectDesk once, then forks one attaching child per round (so 20 rounds
take seconds, not 20 interpreter start-ups). The child announces each step of the write path
(chunk written, fsync, chmod, link, folder fsync, commit) on its stdout without waiting; the test
reads a random number of steps and SIGKILLs it, so the kill lands anywhere along the path.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest

from rectdesk.store.check import check
from rectdesk.store.register import Register

ROUNDS = 20
ATTACHES = 2  # per round, two files each

HELPER = r"""
import os, sys
from pathlib import Path
from rectdesk.store import evidence
from rectdesk.store.register import Register
from sqlalchemy.orm import Session

db, work = Path(sys.argv[1]), Path(sys.argv[2])

def step(name, fn):
    def wrapped(*a, **k):
        print("step", name, flush=True)
        return fn(*a, **k)
    return wrapped

def child(round_no):
    reg = Register.open(db, operator="crash")
    files = []
    for i in range(ATTACHES * 2):
        f = work / f"{round_no}-{i}.bin"
        f.write_bytes(os.urandom(30_000 + 5_000 * i))
        files.append(f)
    evidence._write_all = step("write", evidence._write_all)
    os.fsync = step("fsync", os.fsync)
    os.chmod = step("chmod", os.chmod)
    os.link = step("link", os.link)
    evidence.fsync_dir = step("fsync_dir", evidence.fsync_dir)
    Session.commit = step("commit", Session.commit)
    print("pid", os.getpid(), flush=True)
    for i in range(ATTACHES):
        evidence.attach_files(reg, files[2 * i:2 * i + 2], measure_id=1 + i % 3)
        print("attached", flush=True)
    print("done", flush=True)

Register.open(db, operator="crash").close()  # warm up (imports, mappers) before forking
print("ready", flush=True)
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            child(int(line))
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
""".replace("ATTACHES", str(ATTACHES))


def _read_until(stream, prefix: str) -> str:
    # A child killed between print()'s two writes leaves "step write" without its newline,
    # and the helper's "reaped" lands on the same line: look inside the line, not at its start.
    for line in stream:
        if prefix in line:
            return line[line.index(prefix):]
    raise AssertionError(f"helper ended before printing {prefix!r}")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_sigkill_during_attach_never_leaves_a_dangling_row(demo_path, tmp_path):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    helper = subprocess.Popen([sys.executable, "-c", HELPER, str(demo_path), str(tmp_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    killed_mid_attach = 0
    try:
        _read_until(helper.stdout, "ready")
        for round_no in range(ROUNDS):
            helper.stdin.write(f"{round_no}\n")
            helper.stdin.flush()
            pid = int(_read_until(helper.stdout, "pid").split()[1])
            steps_before_kill = rng.randrange(0, 14 * ATTACHES)
            seen = 0
            for line in helper.stdout:
                if line.startswith("step"):
                    seen += 1
                if seen >= steps_before_kill or line.startswith("done"):
                    break
            finished = line.startswith("done")
            os.kill(pid, signal.SIGKILL)
            killed_mid_attach += not finished
            _read_until(helper.stdout, "reaped")
            report = check(demo_path, temp_grace=0)
            where = f"seed {seed}, round {round_no}, after {seen} steps"
            assert report.database == [] and report.foreign_keys == [], where
            assert report.missing == [], where
            assert report.altered == [], where
    finally:
        helper.stdin.close()
        helper.kill()
        helper.wait()
    assert killed_mid_attach >= ROUNDS // 2, f"seed {seed}: kills mostly missed the attach"
    with Register.open(demo_path, operator="测试员") as reg:
        final = check(reg, prune=True, temp_grace=0)
    assert final.ok, final.lines()
    assert final.rows > 0  # some attaches did complete: the check had rows to verify
