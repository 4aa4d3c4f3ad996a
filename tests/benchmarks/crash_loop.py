"""The crash test, longer: `python tests/benchmarks/crash_loop.py --rounds 200`.

Prints `0 integrity failures, 0 lost commits, ...` when every round recovered cleanly; exits 1
otherwise, listing what went wrong. See tests/test_crash.py for what one round does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rectdesk-crash-") as tmp:
        os.environ["RECTDESK_HOME"] = str(Path(tmp) / "home")
        import logging

        logging.disable(logging.WARNING)  # each round takes over a stale lock: expected, noisy
        from test_crash import run_rounds

        started = time.perf_counter()
        tally = run_rounds(Path(tmp) / "crash.rectdesk", args.rounds, args.seed)
        elapsed = time.perf_counter() - started
    print(tally.line())
    print(f"crash_loop_round: {elapsed / max(tally.rounds, 1):.3f} seconds (seed {args.seed})")
    for note in tally.notes[:20]:
        print("  " + note)
    ok = not (tally.integrity_failures or tally.lost_commits or tally.partial)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
