"""Two processes breaking the rules a service checks before it writes (issue 16).

Two worker processes open the same register (a SQLite file, or a PostgreSQL database) and, in
each round, call a service at the same moment. A barrier inside the transaction, right after its
first read, makes the two overlap: without a write lock both read the old state, both pass the
rule and both write. With it, the second worker cannot read before the first commits, the first
one's barrier wait times out (OVERLAP_WAIT), and the rule holds.

    python tests/store/race_harness.py [REGISTER.rectdesk | postgresql://...] [--rounds 50]

prints `race: N broken rules, M lost decisions` (and one line per rule).
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

OVERLAP_WAIT = 0.02  # seconds the first reader waits for the second inside its transaction
RULES = ("extension-request", "extension-decide", "sign-off", "recheck", "reorder", "form-import")


def _open(target: str) -> Any:
    from rectdesk.store.backends import is_server_url
    from rectdesk.store.register import Register

    if is_server_url(target):
        return Register.open(target, operator="竞争测试")
    return Register.open(Path(target), operator="竞争测试", lock=False)  # two writers on purpose


def _arm_overlap(reg: Any, overlap: Any) -> Callable[[], None]:
    """After the first read of the next write transaction, wait for the other worker."""
    from sqlalchemy import event

    armed = threading.Event()

    def after(_conn: Any, _cursor: Any, statement: str, *_a: Any) -> None:
        text = statement.lstrip().upper()
        if armed.is_set() and text.startswith("SELECT") and "PG_ADVISORY" not in text:
            armed.clear()
            try:
                overlap.wait(OVERLAP_WAIT)
            except threading.BrokenBarrierError:
                pass

    event.listen(reg.engine, "after_cursor_execute", after)
    return armed.set


def _call(reg: Any, rule: str, worker: int, arg: Any, arm: Callable[[], None]) -> None:
    from rectdesk.store import services

    if rule == "form-import":  # the preview reads outside the write transaction: arm after it
        from rectdesk.exchange import feedback_forms as ff
        from rectdesk.store import forms

        path = Path(arg)
        preview = forms.preview_import(reg, ff.read_form(path), path)
        arm()
        forms.apply_import(reg, preview, forms.decisions_for(preview, forms.Decision.TAKE_FORM),
                           backup=False)
        return
    arm()
    if rule == "extension-request":
        services.request_extension(reg, arg, date(2031, 1, 1 + worker), f"理由{worker}")
    elif rule == "extension-decide":
        services.decide_extension(reg, arg, approve=worker == 0, decided_by=f"审批人{worker}")
    elif rule == "sign-off":
        services.sign_off(reg, arg, date(2024, 6, 1), f"局长{worker}", require_evidence=False)
    elif rule == "recheck":
        services.add_recheck(reg, arg, date(2024, 9, 1), "反弹", note=f"复查{worker}")
    elif rule == "reorder":
        first, last = arg
        services.move_measure(reg, first if worker == 0 else last, 3 if worker == 0 else 1)


def worker(target: str, index: int, start: Any, overlap: Any, tasks: Any, results: Any) -> None:
    import os

    from rectdesk.core.errors import RectDeskError

    if os.environ.get("RACE_WITHOUT_WRITE_LOCK"):  # show what the harness finds without the fix
        from rectdesk.store import postgres

        postgres.PostgresBackend.on_begin_write = lambda self, session: None  # type: ignore[method-assign]
    reg = _open(target)
    arm = _arm_overlap(reg, overlap)
    try:
        while (task := tasks.get()) is not None:
            rule, arg = task
            start.wait(30)
            try:
                _call(reg, rule, index, arg, arm)
                results.put((index, True, ""))
            except RectDeskError as exc:
                results.put((index, False, str(exc)))
            except Exception as exc:  # noqa: BLE001 - a database error is a failed call too
                results.put((index, False, f"{type(exc).__name__}: {str(exc)[:200]}"))
    finally:
        reg.close()


# -- setting up the rounds and judging them --------------------------------------------------------
def _campaign(reg: Any, rule: str, rounds: int) -> list[int]:
    """One campaign per rule, imported in one transaction; the ids of its problems in order."""
    from sqlalchemy import select

    from rectdesk.core.model import (
        CampaignData,
        ExtensionData,
        MeasureData,
        MeasureStatus,
        ProblemData,
        SignOff,
    )
    from rectdesk.store import services
    from rectdesk.store.models import Problem

    done = rule in ("sign-off", "recheck")
    data = CampaignData(title=f"竞争测试 {rule}")
    for i in range(rounds):
        p = ProblemData(title=f"问题{i}", number=i + 1)
        if rule == "recheck":
            p.sign_off = SignOff(date(2024, 6, 1), "局长")
        for j in range(3):
            m = MeasureData(text=f"措施{i}.{j}")
            if done:
                m.status, m.completed_on = MeasureStatus.DONE, date(2024, 5, 1)
            if rule == "extension-decide" and j == 0:
                m.extensions.append(ExtensionData(date(2030, 1, 1), "待审批"))
            p.measures.append(m)
        data.problems.append(p)
    cid = next(iter(services.import_campaign(reg, data).campaigns))
    with reg.reading() as s:
        return [int(i) for i in s.scalars(select(Problem.id).where(Problem.campaign_id == cid)
                                          .order_by(Problem.position))]


def _measures(reg: Any, pid: int) -> list[tuple[int, int]]:
    from sqlalchemy import select

    from rectdesk.store.models import Measure

    with reg.reading() as s:
        rows = s.execute(select(Measure.id, Measure.position)
                         .where(Measure.problem_id == pid).order_by(Measure.position)).all()
    return [(int(a), int(b)) for a, b in rows]


def _forms(reg: Any, rounds: int) -> list[str]:
    """One measure of 办公室; a form issued and filled in for it per round (distinct files)."""
    import tempfile

    import openpyxl

    from rectdesk.core.model import CampaignData, MeasureData, ProblemData
    from rectdesk.exchange import feedback_forms as ff
    from rectdesk.store import forms, services

    data = CampaignData(title="竞争测试 form-import", problems=[ProblemData(
        title="问题", number=1, measures=[MeasureData(text="措施", lead_department="办公室")])])
    cid = next(iter(services.import_campaign(reg, data).campaigns))
    folder = Path(tempfile.mkdtemp(prefix="rectdesk-race-forms-"))
    out = []
    for i in range(rounds):
        report = forms.issue_forms(reg, cid, folder, write=ff.write_form,
                                   name=lambda _d, _due, i=i: f"办公室-{i}.xlsx")
        path = report.forms[0].path
        wb = openpyxl.load_workbook(path)
        wb[ff.FORM_SHEET]["H4"] = f"第{i}轮进展"
        wb.save(path)
        out.append(str(path))
    return out


def setup(reg: Any, rule: str, rounds: int) -> list[Any]:
    if rule == "form-import":
        return _forms(reg, rounds)
    pids = _campaign(reg, rule, rounds)
    if rule in ("sign-off", "recheck"):
        return pids
    if rule == "reorder":
        return [(ms[0][0], ms[-1][0]) for ms in (_measures(reg, p) for p in pids)]
    mids = [_measures(reg, p)[0][0] for p in pids]
    return mids if rule == "extension-request" else [_pending(reg, mid) for mid in mids]


def _pending(reg: Any, mid: int) -> int:
    from sqlalchemy import select

    from rectdesk.store.models import Extension

    with reg.reading() as s:
        return int(s.scalar(select(Extension.id).where(Extension.measure_id == mid)))


@dataclass
class Verdict:
    broken: int = 0  # rounds where the register ended in a state the rule forbids
    lost: int = 0  # rounds where a decision reported as saved is not what the register holds
    notes: list[str] = field(default_factory=list)


def judge(reg: Any, rule: str, arg: Any, outcome: dict[int, tuple[bool, str]], v: Verdict) -> None:
    from sqlalchemy import func, select

    from rectdesk.core.model import ExtensionState
    from rectdesk.store.models import Extension, FormImport, Problem, Progress, Recheck

    ok = [i for i, (success, _) in outcome.items() if success]
    with reg.reading() as s:
        if rule == "extension-request":
            pending = s.scalar(select(func.count(Extension.id)).where(
                Extension.measure_id == arg, Extension.state == ExtensionState.PENDING))
            bad = pending != 1 or len(ok) != 1
        elif rule == "extension-decide":
            state = s.get_one(Extension, arg).state
            bad = len(ok) != 1
            want = ExtensionState.APPROVED if ok == [0] else ExtensionState.REJECTED
            if len(ok) != 1 or state is not want:
                v.lost += 1
        elif rule == "sign-off":
            bad = len(ok) != 1 or s.get_one(Problem, arg).signed_off_by != f"局长{ok[0] if ok else '?'}"
        elif rule == "recheck":
            count = s.scalar(select(func.count(Recheck.id)).where(Recheck.problem_id == arg))
            bad = len(ok) != 1 or count != 1
        elif rule == "form-import":
            name = Path(arg).name
            imports = s.scalar(select(func.count(FormImport.id)).where(FormImport.file_name == name))
            entries = s.scalar(select(func.count(Progress.id)).where(Progress.source.endswith(name)))
            bad = len(ok) != 1 or imports != 1 or entries != 1
        else:
            pid = s.get_one(Problem, _problem_of(s, arg[0])).id
            positions = [p for _, p in _measures(reg, pid)]
            bad = positions != list(range(1, len(positions) + 1)) or len(ok) != 2
    if bad:
        v.broken += 1
        v.notes.append(f"{rule} {arg}: {outcome}")


def _problem_of(s: Any, mid: int) -> int:
    from rectdesk.store.models import Measure

    return int(s.get_one(Measure, mid).problem_id)


def run(target: str, rounds: int = 50, rules: tuple[str, ...] = RULES) -> dict[str, Verdict]:
    ctx = mp.get_context("spawn")
    start, overlap = ctx.Barrier(2), ctx.Barrier(2)
    queues = [ctx.Queue(), ctx.Queue()]
    results = ctx.Queue()
    procs = [ctx.Process(target=worker, args=(target, i, start, overlap, queues[i], results))
             for i in range(2)]
    reg = _open(target)
    verdicts: dict[str, Verdict] = {}
    try:
        plans = {rule: setup(reg, rule, rounds) for rule in rules}
        for p in procs:
            p.start()
        for rule in rules:
            v = verdicts[rule] = Verdict()
            for arg in plans[rule]:
                overlap.reset()
                for q in queues:
                    q.put((rule, arg))
                outcome = {}
                for _ in range(2):
                    index, success, message = results.get(timeout=60)
                    outcome[index] = (success, message)
                judge(reg, rule, arg, outcome, v)
    finally:
        for q in queues:
            q.put(None)
        for p in procs:
            p.join(30)
            if p.is_alive():
                p.kill()
        reg.close()
    return verdicts


def report(verdicts: dict[str, Verdict]) -> str:
    broken = sum(v.broken for v in verdicts.values())
    lost = sum(v.lost for v in verdicts.values())
    return f"race: {broken} broken rules, {lost} lost decisions"


if __name__ == "__main__":
    import argparse
    import tempfile

    ap = argparse.ArgumentParser()
    ap.add_argument("target", nargs="?")
    ap.add_argument("--rounds", type=int, default=50)
    a = ap.parse_args()
    target = a.target or str(Path(tempfile.mkdtemp()) / "race.rectdesk")
    found = run(target, a.rounds)
    for rule, v in found.items():
        print(f"  {rule}: {v.broken} broken, {v.lost} lost")
    print(report(found))
