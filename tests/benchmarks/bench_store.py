"""Store benchmark: create a register of 50,000 problems and 150,000 measures, load the first page.

Each figure is printed beside its floor measured in the same run: raw sqlite3 executemany into
the same tables (with the same pragmas), and the same first-page query through raw sqlite3.

    python tests/benchmarks/bench_store.py [--problems 50000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rectdesk.core.model import CampaignData, Deadline, MeasureData, MeasureStatus, ProblemData
from rectdesk.store import services
from rectdesk.store.register import Register

DEPTS = [f"部门{i:02d}" for i in range(40)]
LEADERS = [f"领导{i:02d}" for i in range(12)]
STATUSES = list(MeasureStatus)

FIRST_PAGE_SQL = """
SELECT p.position, p.title, m.position, m.text, d.name, m.deadline_text, m.status
FROM measure m JOIN problem p ON p.id = m.problem_id
LEFT JOIN department d ON d.id = m.lead_department_id
WHERE p.campaign_id = ? ORDER BY p.position, m.position LIMIT 200
"""


def make_data(n_problems: int) -> CampaignData:
    problems = []
    for i in range(n_problems):
        measures = [MeasureData(text=f"第{i}个问题的第{j}条整改措施：加强制度建设，完善工作机制，落实整改责任。",
                                lead_department=DEPTS[(i + j) % len(DEPTS)], leaders=[LEADERS[i % len(LEADERS)]],
                                deadline=Deadline("2020年12月底", date(2020, 12, 31)),
                                status=STATUSES[(i + j) % len(STATUSES)]) for j in range(3)]
        problems.append(ProblemData(title=f"问题{i}：对派出机构管理还有缺失", measures=measures))
    return CampaignData(title="基准测试", problems=problems)


def floor_create(path: Path, data: CampaignData) -> float:
    """Raw sqlite3 into the same schema (created by an empty Register first, not timed)."""
    Register.open(path).close()
    start = time.perf_counter()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO campaign (title, kind, inspecting_body, inspected_unit, notes, issuing_organ, "
                "bulletin_title, intro, organisation, next_steps_heading, next_steps, contact, signature, "
                "marking, unparsed, created_at, version) VALUES ('基准测试','巡察','','','','','','','','','','',"
                "'','','',datetime('now'),1)")
    dept_ids = {n: con.execute("INSERT INTO department (name) VALUES (?)", (n,)).lastrowid for n in DEPTS}
    person_ids = {n: con.execute("INSERT INTO person (name, position) VALUES (?, '')", (n,)).lastrowid
                  for n in LEADERS}
    now = "2020-11-02 00:00:00"
    con.executemany("INSERT INTO problem (campaign_id, position, title, description, signed_off_by, "
                    "sign_off_opinion, created_at, updated_at, version) VALUES (1,?,?,'','','',?,?,1)",
                    [(i + 1, p.title, now, now) for i, p in enumerate(data.problems)])
    rows, leaders = [], []
    mid = 0
    for i, p in enumerate(data.problems):
        for j, m in enumerate(p.measures):
            mid += 1
            rows.append((i + 1, j + 1, m.text, dept_ids[m.lead_department], m.deadline.text,
                         m.deadline.due.isoformat(), m.status.value, now))
            leaders.append((mid, person_ids[m.leaders[0]]))
    con.executemany("INSERT INTO measure (problem_id, position, text, result, lead_department_id, deadline_text, "
                    "deadline_due, long_term, status, status_inferred, note, updated_at, version) "
                    "VALUES (?,?,?,'',?,?,?,0,?,0,'',?,1)", rows)
    con.executemany("INSERT INTO measure_leader (measure_id, person_id, position) VALUES (?,?,0)", leaders)
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - start


def ours_create(path: Path, data: CampaignData) -> float:
    reg = Register.open(path)
    start = time.perf_counter()
    services.import_campaign(reg, data)
    elapsed = time.perf_counter() - start
    reg.close()
    return elapsed


def floor_first_page(path: Path) -> float:
    start = time.perf_counter()
    con = sqlite3.connect(path)
    rows = con.execute(FIRST_PAGE_SQL, (1,)).fetchall()
    con.close()
    assert len(rows) == 200
    return time.perf_counter() - start


def ours_first_page(path: Path) -> float:
    """Open the register through the store (pragmas, migration check) and fetch the first page."""
    from sqlalchemy import text

    start = time.perf_counter()
    reg = Register.open(path)
    with reg.reading() as s:
        rows = s.execute(text(FIRST_PAGE_SQL.replace("?", ":c")), {"c": 1}).all()
    elapsed = time.perf_counter() - start
    reg.close()
    assert len(rows) == 200
    return elapsed


def report(name: str, value: float, floor: float) -> None:
    print(f"{name}: {value:.3f} floor: {floor:.3f} ratio: {value / floor:.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("RECTDESK_HOME", tmp)
        data = make_data(args.problems)
        ours_path, floor_path = Path(tmp, "ours.rectdesk"), Path(tmp, "floor.rectdesk")
        report(f"store_create_{args.problems // 1000}k", ours_create(ours_path, data),
               floor_create(floor_path, data))
        report("store_first_page", min(ours_first_page(ours_path) for _ in range(3)),
               min(floor_first_page(floor_path) for _ in range(3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
