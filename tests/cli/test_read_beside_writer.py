"""Commands that only read work while another process (a window) holds the register: SQLite's
WAL lets readers beside the writer. Commands that write are still refused with the holder named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rectdesk.cli import main

HOLDER = """
import sys
from rectdesk.store.register import Register
reg = Register.open(sys.argv[1], operator="甲")
print("ready", flush=True)
sys.stdin.read()
reg.close()
"""


@pytest.fixture
def held(demo_path: Path):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield demo_path
    proc.communicate("", timeout=60)


def test_readers_work_beside_the_window_and_writers_are_refused(capsys, held: Path, tmp_path: Path):
    assert main(["summary", "--db", str(held), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["problems"] == 31
    assert "只读" in err
    ledger = tmp_path / "台账.xlsx"
    assert main(["export-ledger", "--db", str(held), "--out", str(ledger)]) == 0
    assert ledger.stat().st_size > 10_000
    assert main(["dashboard", "--db", str(held)]) == 0
    capsys.readouterr()
    evidence = tmp_path / "a.txt"
    evidence.write_text("x", encoding="utf-8")
    assert main(["attach", "--db", str(held), "--measure", "1.1", str(evidence)]) == 2
    _, err = capsys.readouterr()
    assert "本机的另一个 RectDesk 窗口或命令中打开" in err and err.endswith("\n")


def test_a_read_only_register_refuses_every_write(demo_path: Path):
    from rectdesk.core.errors import RectDeskError
    from rectdesk.store import services
    from rectdesk.store.register import Register

    with Register.open(demo_path, read_only=True) as reg:
        assert reg.read_only
        with pytest.raises(RectDeskError, match="只读"):
            services.create_campaign(reg, "新任务")
