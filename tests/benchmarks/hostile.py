"""The hostile corpus through the command line, with its totals (issue 16).

    python tests/benchmarks/hostile.py [--list]

Builds the corpus of tests/fuzz/hostile_cli.py in a temporary folder, runs every case in a
forked child against a fresh copy of the demo register and prints

    hostile: N cases, N refused cleanly, max_s X, max_mb Y

("refused cleanly": exit 2, one line on stderr, under 2 s and 300 MB, register dump unchanged),
then one line per case that was not.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true", help="print every case with its figures")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rectdesk-hostile-"))
    os.environ["RECTDESK_HOME"] = str(folder / "home")
    import hostile_cli

    hostile_cli.preload()
    register, form = hostile_cli.prepare(folder / "register")
    cases = hostile_cli.build_cases(folder / "cases", register, form)
    results = [(c, hostile_cli.run_case(c, register, folder / "runs" / str(i))) for i, c in enumerate(cases)]
    clean = sum(r.clean for _, r in results)
    max_s = max(r.seconds for _, r in results)
    max_mb = max(r.peak_mb for _, r in results)
    print(f"hostile: {len(results)} cases, {clean} refused cleanly, max_s {max_s:.2f}, max_mb {max_mb:.0f}")
    for case, r in results:
        if args.list or not r.clean:
            first = r.stderr.strip().splitlines()[-1][:160] if r.stderr.strip() else ""
            print(f"  {'ok ' if r.clean else 'BAD'} {case.name}: exit {r.code}, {r.seconds:.2f} s, "
                  f"{r.peak_mb:.0f} MB, unchanged {r.unchanged}, {r.stderr.count(chr(10))} lines: {first}")
    return 0 if clean == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
