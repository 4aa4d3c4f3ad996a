"""The clean-close marker: `<register>.closed` records the file's stat and sha256 when the last
process closed it cleanly, so that opening it again proves, cheaply, that the bytes are the ones
closed (store/recovery.py decides what an absent or changed marker means)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Marker = dict[str, Any]  # {"stat": [size, mtime_ns, ctime_ns, inode], "sha256": hex}


def marker_path(register: Path) -> Path:
    return register.with_name(register.name + ".closed")


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def read_marker(register: Path) -> Marker | None:
    try:
        marker = json.loads(marker_path(register).read_text(encoding="utf-8"))
        return {"stat": [int(v) for v in marker["stat"]], "sha256": str(marker["sha256"])}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def marker_state(register: Path, known: Marker | None) -> str:
    """"same" (stat as at the clean close), "touched" (other stat, same bytes), "changed"
    (other bytes) or "missing" (no readable marker)."""
    if known is None:
        return "missing"
    if _stat_key(register.stat()) == known["stat"]:
        return "same"
    return "touched" if file_sha256(register) == known["sha256"] else "changed"


def closed_cleanly(register: Path) -> bool:
    """The file is as the last clean close left it (its stat only, no hash): opening it then
    checks nothing and moves nothing aside."""
    known = read_marker(register)
    try:
        return known is not None and _stat_key(register.stat()) == known["stat"]
    except OSError:
        return False


def write_marker(register: Path, known: Marker | None = None) -> None:
    """Record a clean close: only when no WAL is left (every commit is in the main file).
    `known` is the marker verified on open: when the file's stat has not moved since, its hash
    still holds and the file need not be read again."""
    marker = marker_path(register)
    wal = register.with_name(register.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            marker.unlink(missing_ok=True)
            return
        key = _stat_key(register.stat())
        digest = known["sha256"] if known and known["stat"] == key else file_sha256(register)
        text = json.dumps({"stat": key, "sha256": digest})
        tmp = marker.with_name(marker.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, marker)
    except OSError as exc:  # without a marker the next open simply runs quick_check
        log.warning("could not write %s: %s", marker, exc)
