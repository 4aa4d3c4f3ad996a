"""The hostile corpus through the command line: every case refused cleanly (issue 16).

Built at test time by hostile_cli.py (nothing large is committed): bad packages of every kind
(not a zip, truncated, zip bombs with honest and with understated headers, DTD/entities in the
prolog, after 4 KB and in UTF-16, a cut-off sheet, corrupt data, 10,000 entries, other
compression, traversal), bad text, tampered department forms, bad backups, and paths that are
FIFOs, folders, devices, links or not UTF-8, given to import-bulletin, import-ledger,
import-forms, restore and attach. Each runs in a forked child and must exit 2 with one line on
stderr, in under 2 s and 300 MB, and leave the register's dump as it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import hostile_cli  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
COMMANDS = ("import-bulletin", "import-ledger", "import-forms", "restore", "attach")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[hostile_cli.Case]]:
    hostile_cli.preload()
    register, form = hostile_cli.prepare(tmp_path_factory.mktemp("hostile-register"))
    return register, hostile_cli.build_cases(tmp_path_factory.mktemp("hostile-cli"), register, form)


def test_the_corpus_has_at_least_120_cases_over_five_commands(corpus) -> None:
    cases = corpus[1]
    assert len(cases) >= 120
    assert {c.argv[0] for c in cases} == set(COMMANDS)
    assert len({c.name for c in cases}) == len(cases)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_hostile_input_is_refused_cleanly(corpus, command: str, tmp_path: Path) -> None:
    register, cases = corpus
    failed = []
    for i, case in enumerate(c for c in cases if c.argv[0] == command):
        result = hostile_cli.run_case(case, register, tmp_path / str(i))
        if not result.clean:
            failed.append(f"{case.name}: exit {result.code}, {result.seconds:.2f} s, "
                          f"{result.peak_mb:.0f} MB, unchanged {result.unchanged}: {result.stderr[-400:]}")
    assert not failed, "\n".join(failed)
