"""Start-up of the frozen bundle against the source tree: seconds from launching `rectdesk --db
DEMO` to the main window's first paint, and to "ready" (the demo register loaded and no
background work left), offscreen, via RECTDESK_EXIT_AFTER_SHOW=1 (rectdesk/gui/probe.py). The
floor is the same command run from source (`python -m rectdesk`) in this run; the target is a
ratio of at most 1.2.

    python tests/benchmarks/bench_startup.py [--bundle dist/rectdesk] [--runs 7]

Build the bundle first (`pyinstaller build_installer.spec`). Runs alternate between the two so
a busy machine slows both alike; each side's first run only warms the disk cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to the first paint and to the app idle (register loaded, no work)."""
    launched = time.time()
    result = subprocess.run(cmd, env=env, check=True, timeout=120, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    marks = dict(line.split(": ", 1) for line in result.stderr.splitlines()
                 if line.startswith(("first_paint_at: ", "idle_at: ")))
    return float(marks["first_paint_at"]) - launched, float(marks["idle_at"]) - launched


def line(name: str, value: float, floor: float) -> None:
    print(f"{name}: {value:.3f} floor: {floor:.3f} ratio: {value / floor:.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "rectdesk")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    frozen_exe = args.bundle / ("rectdesk.exe" if sys.platform == "win32" else "rectdesk")
    if not frozen_exe.exists():
        print(f"no bundle at {args.bundle}: run `pyinstaller build_installer.spec` first",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="rectdesk-bench-") as name:
        tmp = Path(name)
        env = dict(os.environ, RECTDESK_HOME=str(tmp / "home"), QT_QPA_PLATFORM="offscreen",
                   RECTDESK_EXIT_AFTER_SHOW="1")
        demo = tmp / "demo.rectdesk"
        subprocess.run([sys.executable, "-m", "rectdesk", "demo", "--no-gui", "--db", str(demo)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {"source": [sys.executable, "-m", "rectdesk", "--db", str(demo)],
                    "frozen": [str(frozen_exe), "--db", str(demo)]}
        times: dict[str, list[tuple[float, float]]] = {"source": [], "frozen": []}
        for run in range(args.runs + 1):
            for side, cmd in commands.items():
                elapsed = timed(cmd, env)
                if run:
                    times[side].append(elapsed)
    for index, name in ((0, "first_paint"), (1, "ready")):
        source, frozen = (statistics.median(t[index] for t in times[s]) for s in ("source", "frozen"))
        line(f"startup_{name}_frozen", frozen, source)
    print(f"(medians of {args.runs} runs; floor: the same start from source)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
