"""The stamp on each row of a department feedback form: which measure, as issued.

    RD2|<measure id>|<version>|<progress id>|<mac>

`mac` is an HMAC-SHA256 (first 16 hex digits) keyed with a secret kept in the register (setting
`form_key`), over the form id and the three numbers. Without the register's key nobody can make
a stamp that passes, so a row cannot be re-pointed at another measure or given the register's
current version to hide a conflict. Forms issued before the key existed carry
`RD1|...|<10 hex>`, an unkeyed hash; those rows are accepted only when their numbers are exactly
the ones issued (store/forms.py compares every row with the issue record either way).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

_STAMP = re.compile(r"^(RD1|RD2)\|(\d{1,12})\|(\d{1,12})\|(\d{1,12})\|([0-9a-f]{10}|[0-9a-f]{16})$")


@dataclass(frozen=True)
class Stamp:
    kind: str  # "RD1" (unkeyed, older forms) or "RD2" (keyed)
    measure_id: int
    version: int
    progress_id: int
    mac: str

    @property
    def text(self) -> str:
        return f"{self.kind}|{self.measure_id}|{self.version}|{self.progress_id}|{self.mac}"


def _message(form_id: str, measure_id: int, version: int, progress_id: int) -> bytes:
    return f"{form_id}|{measure_id}|{version}|{progress_id}".encode()


def unkeyed_check(form_id: str, measure_id: int, version: int, progress_id: int) -> str:
    return hashlib.sha256(_message(form_id, measure_id, version, progress_id)).hexdigest()[:10]


def keyed(key: str, form_id: str, measure_id: int, version: int, progress_id: int) -> str:
    mac = hmac.new(key.encode(), _message(form_id, measure_id, version, progress_id),
                   hashlib.sha256).hexdigest()[:16]
    return Stamp("RD2", measure_id, version, progress_id, mac).text


def parse(text: str) -> Stamp | None:
    """The stamp's parts when it is well formed (RD1 with a sound check); None otherwise."""
    m = _STAMP.match(text.strip())
    if not m or len(m[5]) != (10 if m[1] == "RD1" else 16):
        return None
    return Stamp(m[1], int(m[2]), int(m[3]), int(m[4]), m[5])


def sound(stamp: Stamp, form_id: str, key: str | None) -> bool:
    """Whether the stamp's check matches: RD1 by its hash, RD2 by the register's key."""
    if stamp.kind == "RD1":
        return hmac.compare_digest(
            stamp.mac, unkeyed_check(form_id, stamp.measure_id, stamp.version, stamp.progress_id))
    if not key:
        return False
    expected = keyed(key, form_id, stamp.measure_id, stamp.version, stamp.progress_id)
    return hmac.compare_digest(stamp.text, expected)
