"""`rectdesk --selftest` from the source tree, and what it prints when something is broken."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rectdesk import selftest
from rectdesk.cli import main


def run_selftest() -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = selftest.run(out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


def test_selftest_passes_and_reports_every_step(qapp: object, rectdesk_home: Path) -> None:
    code, lines, err = run_selftest()
    assert code == 0, "\n".join(lines) + err
    assert lines[-1] == "selftest: ok"
    steps = [line.split(":")[0] for line in lines[1:-1]]
    assert steps == [step.name for step in selftest.STEPS]
    assert {"import demo", "export bulletin", "export ledger", "check", "main window"} <= set(steps)
    assert all(": ok (" in line for line in lines[1:-1])
    assert "31 problems" in next(line for line in lines if line.startswith("import demo"))
    # everything went to its own temporary folder: the user's home is untouched
    assert os.environ["RECTDESK_HOME"] == str(rectdesk_home)
    assert not [p for p in rectdesk_home.rglob("*") if p.is_file()]


def test_a_failed_step_is_named_and_later_dependent_steps_are_skipped(tmp_path: Path) -> None:
    def broken(ctx: selftest.Context) -> str:
        raise FileNotFoundError("resources/templates/gbt9704_reference.docx")

    steps = (selftest.Step("resources", broken, required=True),
             selftest.Step("summary", lambda ctx: "never runs"))
    out, err = io.StringIO(), io.StringIO()
    failed = selftest.run_steps(steps, tmp_path, out, err)
    assert failed == ["resources", "summary"]
    assert out.getvalue().splitlines() == [
        "resources: FAILED: FileNotFoundError: resources/templates/gbt9704_reference.docx",
        "summary: skipped (needs resources)",
    ]
    assert "Traceback" in err.getvalue()


def test_selftest_fails_when_the_bundle_lacks_the_demo(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    """A bundle built without resources/ must say so and exit 1, not pass."""
    from rectdesk import paths

    monkeypatch.setattr(paths, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    code, lines, _ = run_selftest()
    assert code == 1
    assert lines[1].startswith("resources: FAILED: FileNotFoundError: missing: ")
    assert lines[-1].startswith("selftest: FAILED (resources, create register, import demo")


def test_cli_flag_dispatches_to_the_selftest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "run", lambda: 7)
    assert main(["--selftest"]) == 7


def test_exit_after_show_quits_once_the_window_is_painted_and_idle(demo_path: Path,
                                                                  tmp_path: Path) -> None:
    """The start-up benchmark's hook: `rectdesk` paints the window, loads the register, exits 0."""
    env = dict(os.environ, RECTDESK_EXIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen",
               RECTDESK_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "rectdesk", "--db", str(demo_path)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    marks = dict(line.split(": ", 1) for line in result.stderr.splitlines()
                 if line.startswith(("first_paint_at: ", "idle_at: ")))
    assert set(marks) == {"first_paint_at", "idle_at"}
    assert float(marks["first_paint_at"]) <= float(marks["idle_at"])
