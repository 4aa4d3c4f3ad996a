"""Crash test: a writer killed with SIGKILL at random moments loses nothing it acknowledged.

A child process runs bulk imports (services.import_campaign), new problems and progress entries
against one register, sending an acknowledgement on a pipe after each commit returns. The parent
kills it at a random moment, then opens the register as a user would (taking over the dead
process's lock, checking the file) and verifies: integrity_check is ok, every acknowledged commit
is there, and no transaction is visible in part (every imported campaign is whole, every progress
entry has its change-log row). The same file goes through every round, so each round also starts
from the previous round's recovery.

SIGKILL tests process crashes only: the OS still writes out what SQLite handed it, so this says
nothing about power loss (synchronous=FULL is what covers that).

`tests/benchmarks/crash_loop.py` runs the same rounds for longer.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rectdesk.store import services, sqlite
from rectdesk.store.register import Register

SOURCE = "崩溃测试"


def _child(path: str, ack: Any, seed: int, measure_ids: list[int], data: Any) -> None:
    rnd = random.Random(seed)
    reg = Register.open(path, operator=SOURCE)
    campaigns: list[int] = []
    n = 0
    while True:
        n += 1
        roll = rnd.random()
        if roll < 0.2:
            changes = services.import_campaign(reg, data, source=f"{SOURCE}-{seed}-{n}")
            cid = next(iter(changes.campaigns))
            campaigns.append(cid)
            ack.send(("import", cid))
        elif roll < 0.45 and campaigns:
            changes = services.add_problem(reg, rnd.choice(campaigns), f"新增问题 {seed}-{n}")
            ack.send(("problem", next(iter(changes.problems))))
        else:
            token = f"进展 {seed}-{n}"
            status = rnd.choice([None, "正在推进", "已完成"])
            services.record_progress(reg, rnd.choice(measure_ids), date(2024, 5, 1), token, status)
            ack.send(("progress", token))


@dataclass
class Tally:
    rounds: int = 0
    integrity_failures: int = 0
    lost_commits: int = 0
    partial: int = 0
    acknowledged: int = 0
    lost: set[tuple[str, Any]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.integrity_failures} integrity failures, {self.lost_commits} lost commits, "
                f"{self.partial} partial transactions ({self.rounds} rounds, "
                f"{self.acknowledged} acknowledged commits)")


def _context() -> Any:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def crash_once(path: Path, rnd: random.Random, measure_ids: list[int], data: Any,
               acked: list[tuple[str, Any]]) -> None:
    """Start a writer, wait for a few acknowledgements and a random moment, SIGKILL it."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), sender, rnd.randrange(10**9), measure_ids, data))
    proc.start()
    sender.close()
    try:
        for _ in range(rnd.randint(0, 3)):
            if not receiver.poll(60):
                raise AssertionError("writer gave no acknowledgement within 60 s")
            acked.append(receiver.recv())
        receiver.poll(rnd.uniform(0, 0.03))  # a random moment, mid-transaction or not
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(60)
        while True:  # what it acknowledged before dying is still in the pipe
            try:
                acked.append(receiver.recv())
            except (EOFError, OSError):
                break
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
            proc.join()
    assert proc.exitcode == -signal.SIGKILL, proc.exitcode


def verify(path: Path, acked: list[tuple[str, Any]], expected: tuple[int, int], tally: Tally) -> None:
    """Open as a user would, then check integrity, acknowledged commits and whole transactions."""
    with Register.open(path, operator="检查") as reg:
        assert reg._lock is not None
    problems = sqlite.quick_check(path, full=True)
    if problems:
        tally.integrity_failures += 1
        tally.notes.append("; ".join(problems[:3]))
        return
    con = sqlite3.connect(path)
    try:
        _verify_rows(con, acked, expected, tally)
    finally:
        con.close()


def _verify_rows(con: sqlite3.Connection, acked: list[tuple[str, Any]], expected: tuple[int, int],
                 tally: Tally) -> None:
    campaigns = {row[0] for row in con.execute("select id from campaign")}
    problems = {row[0] for row in con.execute("select id from problem")}
    progress = {row[0] for row in con.execute("select text from progress")}
    for kind, value in acked:
        present = {"import": campaigns, "problem": problems, "progress": progress}[kind]
        if value not in present and (kind, value) not in tally.lost:
            tally.lost.add((kind, value))
            tally.notes.append(f"lost {kind} {value}")
    tally.lost_commits = len(tally.lost)
    n_problems, n_measures = expected
    imported = con.execute(  # every campaign but the demo one came from a crash-round import
        "select c.id, (select count(*) from problem p where p.campaign_id = c.id "
        "              and p.title not like '新增问题 %'), "
        "       (select count(*) from measure m join problem p on m.problem_id = p.id "
        "              where p.campaign_id = c.id), "
        "       (select count(*) from change_log l where l.campaign_id = c.id and l.action = 'import') "
        "from campaign c where c.id > (select min(id) from campaign)")
    for cid, p_count, m_count, logged in imported:
        if (p_count, m_count, logged) != (n_problems, n_measures, 1):
            _partial(tally, f"campaign {cid}: {p_count} problems, {m_count} measures, {logged} log rows")
    orphans = con.execute(
        "select pr.text from progress pr where pr.text like '进展 %' and not exists "
        "(select 1 from change_log l where l.entity = 'progress' and l.entity_id = pr.id)")
    for (text,) in orphans:
        _partial(tally, f"progress without its change-log row: {text}")


def _partial(tally: Tally, note: str) -> None:
    if note not in tally.notes:
        tally.partial += 1
        tally.notes.append(note)


def prepare(path: Path) -> tuple[list[int], Any, tuple[int, int]]:
    """A register holding the demo campaign; the measures to edit and the campaign to import."""
    from rectdesk.commands.register_cmds import create_demo
    from rectdesk.exchange.demo import demo_campaign

    create_demo(path)
    con = sqlite3.connect(path)
    try:
        measure_ids = [row[0] for row in con.execute("select id from measure")]
    finally:
        con.close()
    data = demo_campaign()
    data.problems = data.problems[:8]  # still one bulk transaction, in a fraction of the time
    data.mechanisms = []
    return measure_ids, data, (len(data.problems), data.measure_count())


def run_rounds(path: Path, rounds: int, seed: int) -> Tally:
    measure_ids, data, expected = prepare(path)
    rnd = random.Random(seed)
    tally = Tally()
    acked: list[tuple[str, Any]] = []
    for _ in range(rounds):
        crash_once(path, rnd, measure_ids, data, acked)
        tally.rounds += 1
        verify(path, acked, expected, tally)
    tally.acknowledged = len(acked)
    return tally


def test_sigkill_loses_no_acknowledged_commit(tmp_path: Path) -> None:
    tally = run_rounds(tmp_path / "crash.rectdesk", rounds=20, seed=20240501)
    assert tally.line().startswith("0 integrity failures, 0 lost commits, 0 partial"), tally.notes
    assert tally.acknowledged >= 20  # the writer did real work between kills
