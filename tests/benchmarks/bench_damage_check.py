"""What the damage check costs when a register opens, at 50,000 problems (issue 16).

    python tests/benchmarks/bench_damage_check.py [REGISTER] [--problems N]

The register is built once by bigregister.py (kept in the temporary folder between runs). Each
figure is the median of 5 runs, printed beside its floor: opening the same file without the lock
and without the check (what opening costs anyway).
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


def _median(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    from rectdesk.store import marker, recovery
    from rectdesk.store.register import Register

    ap = argparse.ArgumentParser()
    ap.add_argument("register", nargs="?", type=Path)
    ap.add_argument("--problems", type=int, default=50_000)
    args = ap.parse_args()
    path = args.register or Path(tempfile.gettempdir()) / f"rectdesk-bench-{args.problems}.rectdesk"
    if not path.exists():
        import bigregister

        bigregister.build(path, args.problems)
    os.environ.setdefault("RECTDESK_HOME", tempfile.mkdtemp())
    size_mb = path.stat().st_size / 1e6

    def open_bare() -> None:
        Register.open(path, lock=False).close()

    def open_marked() -> None:  # the usual case: the marker of the last clean close matches
        marker.write_marker(path)
        t = time.perf_counter()
        reg = Register.open(path)
        times.append(time.perf_counter() - t)
        reg.close()

    def open_unmarked() -> None:  # no marker: quick_check
        marker.marker_path(path).unlink(missing_ok=True)
        t = time.perf_counter()
        reg = Register.open(path)
        times.append(time.perf_counter() - t)
        reg.close()

    floor = _median(open_bare)
    results = {}
    for name, fn in (("open_with_marker", open_marked), ("open_quick_check", open_unmarked)):
        times: list[float] = []
        for _ in range(5):
            fn()
        results[name] = statistics.median(times)
    integrity = _median(lambda: recovery.check(path, full=True), 3)
    write_s = _median(lambda: marker.write_marker(path), 3)
    print(f"register: {args.problems} problems, {size_mb:.0f} MB")
    for name, value in results.items():
        print(f"{name}: {value:.3f} floor: {floor:.3f} ratio: {value / floor:.2f}")
    print(f"open_changed_while_closed (hash + integrity_check): {integrity + write_s:.3f} floor: {floor:.3f} "
          f"ratio: {(integrity + write_s) / floor:.2f}")
    print(f"close_write_marker (sha256 of the file): {write_s:.3f}")


if __name__ == "__main__":
    main()
