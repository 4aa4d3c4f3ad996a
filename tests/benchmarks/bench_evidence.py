"""Evidence benchmark: attach 1 GiB (200 files of 5 MiB) and compare with hashing alone.

The floor is sha256 of the same files read in the same chunks, measured in the same run. Each
round hashes, then attaches into a fresh register; the best round of each counts (the machine
may be busy with other work). Attaching also writes every byte, fsyncs each file and its folder
and commits the rows; the target is at least 0.8x the hashing rate.

    python tests/benchmarks/bench_evidence.py [--files 200] [--mib 5] [--rounds 3] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from rectdesk.store import evidence
from rectdesk.store.register import Register
from rectdesk.store.services import add_measure, add_problem, create_campaign


def make_files(folder: Path, count: int, size: int) -> list[Path]:
    folder.mkdir(parents=True)
    block = os.urandom(size)
    files = []
    for i in range(count):
        path = folder / f"材料{i:03d}.bin"
        path.write_bytes(i.to_bytes(8, "little") + block[8:])  # distinct content per file
        files.append(path)
    os.sync()  # a user's files are on disk already: no write-back of them during the run
    return files


def hash_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        evidence.hash_file(path)
    return time.perf_counter() - start


def copy_only(files: list[Path], folder: Path) -> float:
    """Read and write the same bytes, no hashing, no fsync: what the machine's page cache allows
    (a reference: when this is slower than hashing, hashing is not what bounds attaching)."""
    folder.mkdir()
    buffer = bytearray(evidence.CHUNK)
    view = memoryview(buffer)
    start = time.perf_counter()
    for i, path in enumerate(files):
        fd = os.open(folder / str(i), os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0))
        with open(path, "rb", buffering=0) as src:
            while n := src.readinto(buffer):
                os.write(fd, view[:n])
        os.close(fd)
    took = time.perf_counter() - start
    shutil.rmtree(folder)
    return took


def attach(reg: Register, measure_id: int, files: list[Path]) -> float:
    start = time.perf_counter()
    result = evidence.attach_files(reg, files, measure_id=measure_id)
    elapsed = time.perf_counter() - start
    assert len(result.added) == len(files) and result.new_files == len(files)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--mib", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="where to work (default: a temporary folder)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-evidence-", dir=args.dir))
    os.environ.setdefault("RECTDESK_HOME", str(work / "home"))
    try:
        files = make_files(work / "src", args.files, args.mib << 20)
        total_mb = args.files * args.mib
        floors, takes, copies = [], [], []
        for n in range(args.rounds):
            with Register.open(work / f"bench{n}.rectdesk", operator="bench") as reg:
                create_campaign(reg, "基准测试")
                add_problem(reg, 1, "问题")
                add_measure(reg, 1, "措施")
                floors.append(hash_only(files))
                takes.append(attach(reg, 1, files))
            copies.append(copy_only(files, work / f"copy{n}"))
            shutil.rmtree(work / f"bench{n}.rectdesk.evidence")  # keep the page cache small
            os.sync()
        floor, took, copied = min(floors), min(takes), min(copies)
        print(f"evidence_attach_seconds: {took:.2f} floor: {floor:.2f} ratio: {took / floor:.2f}")
        rate, floor_rate = total_mb / took, total_mb / floor
        print(f"evidence_attach_mib_per_s: {rate:.0f} floor: {floor_rate:.0f} "
              f"ratio: {rate / floor_rate:.2f}")
        copy_rate = total_mb / copied
        print(f"copy_only_mib_per_s: {copy_rate:.0f} floor: {floor_rate:.0f} "
              f"ratio: {copy_rate / floor_rate:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
