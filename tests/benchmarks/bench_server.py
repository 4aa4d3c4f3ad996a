"""Shared register benchmark (issue 12): open, search and save latencies at 50,000 problems on
PostgreSQL over loopback, each printed beside the same figure on a SQLite file (the floor)
measured in the same run. The register is built as a file (tests/benchmarks/bigregister.py)
and moved to the server with migrate-register.

    RECTDESK_TEST_PG_URL=postgresql://user:pw@127.0.0.1/db python tests/benchmarks/bench_server.py
    [--problems 50000]

The URL names a database the user may connect to with CREATEDB rights; the benchmark creates
and drops its own database next to it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bigregister import build  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from rectdesk.store import services  # noqa: E402
from rectdesk.store.migrate_register import migrate_register  # noqa: E402
from rectdesk.store.register import Register  # noqa: E402
from rectdesk.store.search_index import open_search  # noqa: E402

QUERIES = {"search_long": "扬尘治理", "search_two_terms": "工地 水质", "search_short": "噪声"}


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def figures(target: Path | str, repeat: int) -> dict[str, float]:
    out = {"open_ms": median_ms(lambda: Register.open(target).close(), repeat)}
    with Register.open(target, operator="基准") as reg:
        for name, query in QUERIES.items():
            # a fresh index per search: the first search of a window, what a user waits for
            out[name + "_ms"] = median_ms(lambda q=query: open_search(reg, 1).search(q), repeat)
        n = iter(range(10**6))
        out["save_ms"] = median_ms(
            lambda: services.update_measure(reg, 777, note=f"基准备注{next(n)}"), repeat * 4)
    return out


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(plain, autocommit=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--problems", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    base = os.environ.get("RECTDESK_TEST_PG_URL")
    if not base:
        sys.exit("set RECTDESK_TEST_PG_URL to a PostgreSQL database this user may CREATEDB from")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RECTDESK_HOME"] = tmp
        os.environ["RECTDESK_EVIDENCE_FOLDER"] = str(Path(tmp) / "share")
        file = build(Path(tmp) / "big.rectdesk", args.problems)
        db = f"rectdesk_bench_{os.getpid()}"
        with _admin(base) as con:
            con.execute(f'CREATE DATABASE "{db}"')
        url = make_url(base).set(database=db).render_as_string(hide_password=False)
        try:
            t = time.perf_counter()
            migrate_register(file, url)
            print(f"# migrate-register {args.problems} problems to the server: "
                  f"{time.perf_counter() - t:.1f} s", flush=True)
            floor = figures(file, args.repeat)
            server = figures(url, args.repeat)
        finally:
            with _admin(base) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    for name, value in server.items():
        print(f"{name}: {value:.2f} floor: {floor[name]:.2f} ratio: {value / floor[name]:.2f}")


if __name__ == "__main__":
    main()
