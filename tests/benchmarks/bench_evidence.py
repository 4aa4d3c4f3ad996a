"""Evidence benchmark: attach 1 GiB (200 files of 5 MiB) against the machine's limit.

Attaching reads, hashes and writes every byte, so it can go no faster than the slower of
copying the files and hashing them: the floor is min(copy-only, sha256-only) throughput, both
measured in the same run on the same files.
    sha256-only   evidence.hash_file of each file (read and hash, one thread)
    copy-only     the faster of a read/write loop with the copy's buffer size and the kernel's
                  own copy (os.copy_file_range, where there is one), no hashing, no fsync
Each round hashes, attaches into a fresh register, then copies; the best round of each counts
(the machine may be busy with other work). Attaching also fsyncs each file and its folder and
commits the rows. Target: attach >= 0.95x the floor.

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
    """The faster of the two ways to copy the same bytes (no hashing, no fsync)."""
    return min(copy_loop(files, folder), kernel_copy(files, folder))


def copy_loop(files: list[Path], folder: Path) -> float:
    """Read and write the same bytes through one buffer: what the page cache allows."""
    folder.mkdir()
    buffer = bytearray(evidence.COPY_CHUNK)
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


def kernel_copy(files: list[Path], folder: Path) -> float:
    """The kernel copying file to file (no user-space buffer); inf where it cannot."""
    if not hasattr(os, "copy_file_range"):
        return float("inf")
    folder.mkdir()
    start = time.perf_counter()
    try:
        for i, path in enumerate(files):
            with open(path, "rb") as src, open(folder / str(i), "wb") as dst:
                while os.copy_file_range(src.fileno(), dst.fileno(), 1 << 30):
                    pass
    except OSError:  # a file system without it (EXDEV, ENOSYS ...)
        return float("inf")
    finally:
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
        hashes, takes, copies = [], [], []
        for n in range(args.rounds):
            with Register.open(work / f"bench{n}.rectdesk", operator="bench") as reg:
                create_campaign(reg, "基准测试")
                add_problem(reg, 1, "问题")
                add_measure(reg, 1, "措施")
                hashes.append(hash_only(files))
                takes.append(attach(reg, 1, files))
            copies.append(copy_only(files, work / f"copy{n}"))
            shutil.rmtree(work / f"bench{n}.rectdesk.evidence")  # keep the page cache small
            os.sync()
        hashed, took, copied = min(hashes), min(takes), min(copies)
        rate, hash_rate, copy_rate = total_mb / took, total_mb / hashed, total_mb / copied
        floor_rate = min(hash_rate, copy_rate)
        print(f"evidence_attach_mib_per_s: {rate:.0f} floor: {floor_rate:.0f} "
              f"ratio: {rate / floor_rate:.2f}")
        print(f"evidence_attach_seconds: {took:.2f} floor: {total_mb / floor_rate:.2f} "
              f"ratio: {floor_rate / rate:.2f}")
        print(f"sha256_only_mib_per_s: {hash_rate:.0f}")
        print(f"copy_only_mib_per_s: {copy_rate:.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
