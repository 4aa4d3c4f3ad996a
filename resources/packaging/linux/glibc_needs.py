#!/usr/bin/env python3
"""The newest glibc each ELF file of a bundle needs, and a check against the oldest target.

    glibc_needs.py BUNDLE_DIR [--max 2.31]     one line per ELF file, newest first; exit 1 above --max
    glibc_needs.py BUNDLE_DIR --highest        only the newest version (for the .deb's Depends)

"Needs" is the highest GLIBC_x.y version of the symbols the file imports (`objdump -T`, the
*UND* entries): the dynamic loader refuses to start a program when the system's glibc lacks
one of them. Symlinks are skipped (their targets are listed under their own names).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

GLIBC = re.compile(r"\*UND\*.*\bGLIBC_(\d+(?:\.\d+)+)\b")


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def glibc_needed(path: Path) -> tuple[int, ...] | None:
    """Highest GLIBC_ version among the file's imported symbols; None when it imports none."""
    out = subprocess.run(["objdump", "-T", str(path)], check=True, capture_output=True,
                         text=True).stdout
    found = [version(m.group(1)) for m in GLIBC.finditer(out)]
    return max(found) if found else None


def bundle_needs(bundle: Path) -> list[tuple[tuple[int, ...], Path]]:
    needs = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            needed = glibc_needed(path)
            if needed:
                needs.append((needed, path.relative_to(bundle)))
    return sorted(needs, key=lambda item: (item[0], str(item[1])), reverse=True)


def dotted(v: tuple[int, ...]) -> str:
    return ".".join(map(str, v))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max", help="fail when a file needs a newer glibc than this (e.g. 2.31)")
    parser.add_argument("--highest", action="store_true", help="print only the newest version")
    args = parser.parse_args(argv)
    needs = bundle_needs(args.bundle)
    if not needs:
        print(f"glibc_needs: no ELF file importing glibc under {args.bundle}", file=sys.stderr)
        return 1
    if args.highest:
        print(dotted(needs[0][0]))
        return 0
    for needed, path in needs:
        print(f"GLIBC_{dotted(needed):<6} {path}")
    print(f"{len(needs)} ELF files; the newest glibc needed: {dotted(needs[0][0])}")
    if args.max:
        over = [path for needed, path in needs if needed > version(args.max)]
        if over:
            print(f"glibc_needs: {len(over)} files need a glibc newer than {args.max}: "
                  + ", ".join(map(str, over[:10])), file=sys.stderr)
            return 1
        print(f"glibc_needs: every file runs on glibc {args.max}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
