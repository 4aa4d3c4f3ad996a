"""Start-up of the frozen bundle against the source tree: seconds from launching `rectdesk --db
DEMO` to the main window's first paint, and to "ready" (the demo register loaded and no
background work left), offscreen, via RECTDESK_EXIT_AFTER_SHOW=1 (rectdesk/gui/probe.py). The
floor is the same command run from source (`python -m rectdesk`) in this run; the target is a
ratio of at most 1.2.

    python tests/benchmarks/bench_startup.py [--bundle dist/rectdesk] [--runs 7]

Build the bundle first (`pyinstaller build_installer.spec`). Runs alternate between the two so
a busy machine slows both alike; each side's first run only warms the disk cache.

    python tests/benchmarks/bench_startup.py --wine [--bundle dist/windows/rectdesk] [--runs 5]

The Windows bundle (resources/packaging/windows/build_windows.sh) under Wine: the same start of
rectdesk.exe, against the same bundle's console self-test (`rectdesk-cli.exe --selftest`,
which builds a register, exports, checks and paints the window once) as the floor. Wine is
not Windows: the figure is one to watch for regressions of the Windows build, not a
measurement of an office PC.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    # stdout a pipe, not /dev/null: CPython under Wine cannot start on a redirected file
    result = subprocess.run(cmd, env=env, check=True, timeout=300, capture_output=True,
                            encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL)
    marks = dict(line.split(": ", 1) for line in result.stderr.splitlines()
                 if line.startswith(("first_paint_at: ", "idle_at: ")))
    return float(marks["first_paint_at"]) - launched, float(marks["idle_at"]) - launched


def line(name: str, value: float, floor: float) -> None:
    print(f"{name}: {value:.3f} floor: {floor:.3f} ratio: {value / floor:.2f}", flush=True)


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, timeout=600, stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return time.perf_counter() - started


def windows_path(path: Path, env: dict[str, str]) -> str:
    return subprocess.run(["winepath", "-w", str(path)], env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def main_wine(bundle: Path, runs: int) -> int:
    """The Windows bundle's start under Wine, its console self-test as the floor."""
    gui, cli = bundle / "rectdesk.exe", bundle / "rectdesk-cli.exe"
    if not gui.exists() or shutil.which("wine") is None:
        print(f"no Windows bundle at {bundle} or no wine: run "
              "resources/packaging/windows/build_windows.sh first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="rectdesk-bench-") as name:
        tmp = Path(name)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RECTDESK_EXIT_AFTER_SHOW="1",
                   WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
        env.setdefault("WINEPREFIX", str(tmp / "prefix"))
        # Wine does not pass QT_* variables on to Windows programs; its registry environment does
        subprocess.run(["wine", "reg", "add", "HKCU\\Environment", "/v", "QT_QPA_PLATFORM", "/d",
                        "offscreen", "/f"], env=env, check=True, capture_output=True,
                       stdin=subprocess.DEVNULL)
        env["RECTDESK_HOME"] = windows_path(tmp / "home", env)
        demo = tmp / "demo.rectdesk"
        subprocess.run([sys.executable, "-m", "rectdesk", "demo", "--no-gui", "--db", str(demo)],
                       env=dict(os.environ, RECTDESK_HOME=str(tmp / "home")), check=True,
                       stdout=subprocess.DEVNULL)
        start = ["wine", str(gui), "--db", windows_path(demo, env)]
        selftest = ["wine", str(cli), "--selftest"]
        starts, floors = [], []
        for run in range(runs + 1):  # the first round only warms Wine and the disk cache
            elapsed, floor = timed(start, env), wall(selftest, env)
            if run:
                starts.append(elapsed)
                floors.append(floor)
    floor = statistics.median(floors)
    for index, name in ((0, "first_paint"), (1, "ready")):
        line(f"startup_{name}_wine", statistics.median(t[index] for t in starts), floor)
    print(f"(medians of {runs} runs under Wine; floor: the same bundle's rectdesk-cli.exe "
          "--selftest. Wine is not Windows: a figure to watch, not an office PC's)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--wine", action="store_true", help="the Windows bundle under Wine")
    args = parser.parse_args()
    if args.wine:
        return main_wine(args.bundle or REPO / "dist" / "windows" / "rectdesk", args.runs or 5)
    args.bundle = args.bundle or REPO / "dist" / "rectdesk"
    args.runs = args.runs or 7
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
