"""Ledger export and import of 10,000 measures, beside their floors measured in the same run.

    python tests/benchmarks/bench_ledger.py

ledger_export_10k   write_ledger (formats, merges, row heights, summary sheet)
                    floor: XlsxWriter writing the same cell texts with write_string, nothing else
ledger_export_10k_vs_same_layout   the same, against XlsxWriter writing the same cells with the
                    same layout (bordered, wrapped, merged): what our own work costs
ledger_import_10k   read_ledger of that file (header detection, merges, dates, CampaignData):
                    the parse only, the wizard's preview step
                    floor: openpyxl read_only + reset_dimensions iterating the same file's values
ledger_import_10k_whole   what the user waits for from choosing the file to the rows in the
                    register: read_ledger, then services.import_campaign (validation, bulk
                    inserts, the search index, one transaction with its durable commit) into a
                    fresh register
                    floor: the openpyxl read above plus raw sqlite3 executemany of the same rows
                    into the same schema (its search triggers firing), in one transaction
ledger_peak_rss_mb  the process's peak resident memory after both
Each figure is the best of five runs, in CPU seconds of this process (time.process_time): all
the work is single-threaded, and wall time on a shared machine measures the neighbours.
Targets: export <= 1.3x, import <= 1.3x its floor.
"""

from __future__ import annotations

import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rectdesk.core.deadlines import parse_deadline
from rectdesk.core.model import CampaignData, MeasureData, MeasureStatus, ProblemData
from rectdesk.exchange.ledger_xlsx import COLUMNS, LedgerOptions, ledger_sheets, write_ledger

MEASURES = 10_000
PER_PROBLEM = 4
CHARS = "整改落实巡察反馈意见问题措施责任部门领导完成推进制度建设管理监督检查工作机制规范执行情况"
PEOPLE = ["张明", "赵丽", "刘洋", "王强", "李华", "陈刚"]
DEPTS = ["办公室", "组织人事处", "财务处", "大气环境处", "水生态环境处", "机关党委", "审计处"]
# As of 2 November, about one measure in twenty is overdue (a month-end in October, not done),
# as in a register under way; the overdue list on the summary sheet stays a list, not a copy.
DUE_MONTHS = [10] + [11, 12] * 7


def phrase(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(CHARS) for _ in range(n)) + "。"


def campaign() -> CampaignData:
    rng = random.Random(5)
    c = CampaignData(title="基准测试巡察整改")
    for i in range(1, MEASURES // PER_PROBLEM + 1):
        p = ProblemData(title=phrase(rng, 14), number=i, category=f"第{i % 5 + 1}方面")
        for j in range(1, PER_PROBLEM + 1):
            p.measures.append(MeasureData(
                text=phrase(rng, rng.randint(30, 90)), number=j, leaders=[rng.choice(PEOPLE)],
                lead_department=rng.choice(DEPTS), cooperating=[rng.choice(DEPTS)],
                deadline=parse_deadline(f"2020年{rng.choice(DUE_MONTHS)}月底"),
                status=rng.choice(list(MeasureStatus)), note=phrase(rng, 5)))
        c.problems.append(p)
    return c


def best(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def export_floor(data: CampaignData, target: Path, options: LedgerOptions) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(target), {"in_memory": True})
    ws = wb.add_worksheet()
    row = 0
    for sheet in ledger_sheets(data, options):
        for group in sheet.groups:
            for r in group.rows:
                for col, c in enumerate(COLUMNS):
                    text = r.values.get(c.key, "")
                    if text:
                        ws.write_string(row, col, text)
                row += 1
    wb.close()


def export_floor_same_layout(data: CampaignData, target: Path, options: LedgerOptions) -> None:
    """The same cells as the ledger sheet with its layout: every cell bordered and wrapped,
    problems merged, a row height set; no cleaning, no height estimates, no summary."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(target), {"in_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet()
    fmt = wb.add_format({"border": 1, "text_wrap": True, "valign": "top", "font_name": "宋体"})
    keys = {"number", "category", "problem", "sign_off"}
    row = 0
    for sheet in ledger_sheets(data, options):
        for group in sheet.groups:
            merged = len(group.rows) > 1
            for i, r in enumerate(group.rows):
                for col, c in enumerate(COLUMNS):
                    if merged and c.key in keys:
                        if i == 0:
                            ws.merge_range(row, col, row + len(group.rows) - 1, col,
                                           r.values[c.key], fmt)
                        continue
                    text = r.values.get(c.key, "")
                    if text:
                        ws.write_string(row + i, col, text, fmt)
                    else:
                        ws.write_blank(row + i, col, None, fmt)
                ws.set_row(row + i, 60)
            row += len(group.rows)
    wb.close()


def import_floor(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    ws.reset_dimensions()
    for _ in ws.iter_rows(values_only=True):
        pass
    wb.close()


def import_whole(path: Path, folder: Path, runs: int = 3) -> float:
    """read_ledger + import_campaign into a fresh, already open register (opening not timed)."""
    from rectdesk.exchange.ledger_import import read_ledger
    from rectdesk.store.register import Register
    from rectdesk.store.services import import_campaign

    times = []
    for n in range(runs):
        with Register.open(folder / f"whole{n}.rectdesk", operator="bench") as reg:
            start = time.process_time()
            import_campaign(reg, read_ledger(path).campaign, source=path.name)
            times.append(time.process_time() - start)
    return min(times)


def raw_rows(data: CampaignData) -> dict[str, list[tuple[object, ...]]]:
    """The rows import_campaign writes for `data`, as raw sqlite3 parameters (prepared untimed)."""
    depts = sorted({d for p in data.problems for m in p.measures
                    for d in [m.lead_department, *m.cooperating] if d})
    people = sorted({n for p in data.problems for m in p.measures for n in m.leaders})
    dept_id = {n: i for i, n in enumerate(depts, 1)}
    person_id = {n: i for i, n in enumerate(people, 1)}
    cat_id = {n: i for i, n in enumerate(data.categories, 1)}
    now = "2020-11-02 00:00:00.000000"
    rows: dict[str, list[tuple[object, ...]]] = {
        "department": [(n,) for n in depts], "person": [(n,) for n in people],
        "category": [(n, i) for n, i in cat_id.items()],
        "problem": [], "measure": [], "leader": [], "coop": []}
    mid = 0
    for i, p in enumerate(data.problems, 1):
        rows["problem"].append((cat_id.get(p.category), i, p.title, p.description, now, now))
        for j, m in enumerate(p.measures, 1):
            mid += 1
            due = m.deadline.due.isoformat() if m.deadline.due else None
            rows["measure"].append((i, j, m.text, m.result, dept_id.get(m.lead_department),
                                    m.deadline.text, due, int(m.deadline.long_term),
                                    m.status.value, m.note, now))
            rows["leader"] += [(mid, person_id[n], k) for k, n in enumerate(m.leaders)]
            rows["coop"] += [(mid, dept_id[n], k) for k, n in enumerate(m.cooperating)]
    return rows


def raw_insert(folder: Path, rows: dict[str, list[tuple[object, ...]]], runs: int = 3) -> float:
    """The same rows through raw sqlite3 into an empty register of the same schema."""
    from rectdesk.store.register import Register

    times = []
    for n in range(runs):
        path = folder / f"raw{n}.rectdesk"
        Register.open(path).close()
        start = time.process_time()
        _raw_insert(path, rows)
        times.append(time.process_time() - start)
    return min(times)


def _raw_insert(register: Path, rows: dict[str, list[tuple[object, ...]]]) -> None:
    con = sqlite3.connect(register, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO campaign (title, kind, inspecting_body, inspected_unit, notes, issuing_organ, "
                "bulletin_title, intro, organisation, next_steps_heading, next_steps, contact, signature, "
                "marking, unparsed, created_at, version) VALUES ('基准测试巡察整改','巡察','','','','','','',"
                "'','','','','','','',datetime('now'),1)")
    con.executemany("INSERT INTO department (name) VALUES (?)", rows["department"])
    con.executemany("INSERT INTO person (name, position) VALUES (?, '')", rows["person"])
    con.executemany("INSERT INTO category (campaign_id, name, position) VALUES (1,?,?)", rows["category"])
    con.executemany("INSERT INTO problem (campaign_id, category_id, position, title, description, "
                    "signed_off_by, sign_off_opinion, created_at, updated_at, version) "
                    "VALUES (1,?,?,?,?,'','',?,?,1)", rows["problem"])
    con.executemany("INSERT INTO measure (problem_id, position, text, result, lead_department_id, "
                    "deadline_text, deadline_due, long_term, status, status_inferred, note, "
                    "updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,0,?,?,1)", rows["measure"])
    con.executemany("INSERT INTO measure_leader (measure_id, person_id, position) VALUES (?,?,?)",
                    rows["leader"])
    con.executemany("INSERT INTO measure_cooperating (measure_id, department_id, position) "
                    "VALUES (?,?,?)", rows["coop"])
    con.execute("COMMIT")
    con.close()


def line(name: str, value: float, floor: float) -> str:
    return f"{name}: {value:.2f} floor: {floor:.2f} ratio: {value / floor:.2f}"


def main() -> int:
    from rectdesk.exchange.ledger_import import read_ledger

    data = campaign()
    options = LedgerOptions(today=date(2020, 11, 2))
    with tempfile.TemporaryDirectory() as tmp:
        out, floor_out = Path(tmp) / "ledger.xlsx", Path(tmp) / "floor.xlsx"
        export = best(lambda: write_ledger(data, out, options))
        floor = best(lambda: export_floor(data, floor_out, options))
        print(line("ledger_export_10k", export, floor))
        floor = best(lambda: export_floor_same_layout(data, floor_out, options))
        print(line("ledger_export_10k_vs_same_layout", export, floor))
        result = read_ledger(out)
        assert result.campaign.measure_count() == MEASURES, result.summary()
        imp = best(lambda: read_ledger(out))
        floor = best(lambda: import_floor(out))
        print(line("ledger_import_10k", imp, floor))
        folder = Path(tmp)
        os.environ.setdefault("RECTDESK_HOME", str(folder / "home"))
        whole = import_whole(out, folder)
        write_floor = raw_insert(folder, raw_rows(result.campaign))
        print(line("ledger_import_10k_whole", whole, floor + write_floor))
    print(f"ledger_peak_rss_mb: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
