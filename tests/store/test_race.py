"""Two processes at once cannot break a rule a service checks before it writes (issue 16).

50 rounds per rule (two extension requests, approve against reject, two sign-offs, two 反弹
re-checks, two reorders, the same department form imported twice), each with a barrier that holds the first transaction after its read
until the second has read too (race_harness.py), on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import race_harness

ROUNDS = 50
PG_URL = os.environ.get("RECTDESK_TEST_PG_URL", "")


def _check(target: str) -> None:
    verdicts = race_harness.run(target, ROUNDS)
    line = race_harness.report(verdicts)
    print(line)
    notes = [n for v in verdicts.values() for n in v.notes]
    assert line == "race: 0 broken rules, 0 lost decisions", notes[:5]


def test_race_on_a_register_file(tmp_path: Path) -> None:
    _check(str(tmp_path / "race.rectdesk"))


@pytest.mark.skipif(not PG_URL, reason="RECTDESK_TEST_PG_URL is not set")
def test_race_on_postgresql(request: pytest.FixtureRequest) -> None:
    _check(request.getfixturevalue("pg_url"))
