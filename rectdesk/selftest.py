"""`rectdesk --selftest`: prove that an installed copy works, end to end, in a temporary folder.

Creates a register, imports the demo, exports a bulletin and a ledger and reads them back,
attaches a file as evidence, runs the register check and builds the main window once (offscreen when there is no display), so a
bundle missing a migration script, a template, a Qt plugin or a hidden import fails here rather
than on a user's desk. Prints one line per step, then `selftest: ok` (exit 0) or the failed steps
(exit 1; tracebacks go to stderr). Writes only to a temporary folder: it runs from a read-only
install folder and leaves the user's data, settings and logs alone.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

OK_LINE = "selftest: ok"
DEMO_BULLETIN = "nanjing-eeb-2020-11-02-bulletin.txt"


@dataclass
class Context:
    """What the steps share: the temporary folder and what earlier steps produced."""

    tmp: Path
    register: Path
    campaign: Any = None  # CampaignData of the demo, loaded by the import step
    campaign_id: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], str]  # returns a short detail for the output line
    required: bool = False  # later steps make no sense without it


# -- steps -----------------------------------------------------------------------------------

def step_resources(ctx: Context) -> str:
    from rectdesk.paths import resource_path
    from rectdesk.store.register import MIGRATIONS_DIR, head_revision

    missing = [p for p in (resource_path("demo", DEMO_BULLETIN), MIGRATIONS_DIR / "env.py")
               if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"missing: {', '.join(map(str, missing))}")
    templates = sorted(p.name for p in resource_path("templates").glob("*.docx"))
    return f"demo bulletin, migrations to {head_revision()}, templates: {', '.join(templates) or 'none'}"


def step_create_register(ctx: Context) -> str:
    from rectdesk.store.register import Register, current_revision, head_revision

    with Register.open(ctx.tmp / "empty.rectdesk", operator="自检") as reg:
        revision = current_revision(reg.engine)
    if revision != head_revision():
        raise AssertionError(f"schema at {revision}, expected {head_revision()}")
    return f"schema {revision}"


def step_import_demo(ctx: Context) -> str:
    from rectdesk.commands.register_cmds import create_demo
    from rectdesk.store import queries
    from rectdesk.store.register import Register

    if not create_demo(ctx.register):
        raise AssertionError(f"{ctx.register} already existed")
    with Register.open(ctx.register, operator="自检") as reg:
        with reg.reading() as s:
            ctx.campaign_id = queries.resolve_campaign(s, None)
        ctx.campaign = queries.load_campaign(reg, ctx.campaign_id)
    problems = ctx.campaign.problems
    measures = sum(len(p.measures) for p in problems)
    if not problems or not measures:
        raise AssertionError("the demo imported no problems or measures")
    return f"{len(problems)} problems, {measures} measures"


def step_summary(ctx: Context) -> str:
    from rectdesk.store.queries import summary
    from rectdesk.store.register import Register

    with Register.open(ctx.register, operator="自检") as reg:
        result = summary(reg, today=date.today())
    expected = len(ctx.campaign.problems)
    if result["problems"] != expected:
        raise AssertionError(f"summary counts {result['problems']} problems, the demo has {expected}")
    return f"{result['problems']} problems, {result['measures']} measures, {len(result['overdue'])} overdue"


def step_bulletin(ctx: Context) -> str:
    from rectdesk.exchange.bulletin_docx import write_bulletin
    from rectdesk.exchange.bulletin_import import read_bulletin

    target = ctx.tmp / "自检通报.docx"  # a Chinese name: the file system encoding must cope
    report = write_bulletin(ctx.campaign, target)
    back, _ = read_bulletin(target)
    if len(back.problems) != report.problems or not report.problems:
        raise AssertionError(f"wrote {report.problems} problems, read back {len(back.problems)}")
    ctx.outputs["bulletin"] = target
    return f"{report.problems} problems, {report.paragraphs} paragraphs, read back"


def step_ledger(ctx: Context) -> str:
    from rectdesk.exchange.ledger_import import read_ledger
    from rectdesk.exchange.ledger_xlsx import LedgerOptions, write_ledger

    target = ctx.tmp / "自检台账.xlsx"
    report = write_ledger(ctx.campaign, target, LedgerOptions(today=date.today()))
    back = read_ledger(target).campaign
    if (len(back.problems), back.measure_count()) != (report.problems, report.measures):
        raise AssertionError(f"wrote {report.problems}/{report.measures} problems/measures, "
                             f"read back {len(back.problems)}/{back.measure_count()}")
    ctx.outputs["ledger"] = target
    return f"{report.problems} problems, {report.measures} measures, {len(report.sheets)} sheets, read back"


def step_evidence(ctx: Context) -> str:
    from rectdesk.store import evidence, queries
    from rectdesk.store.register import Register

    source = ctx.outputs.get("bulletin")
    if source is None:
        raise AssertionError("no exported bulletin to attach")
    with Register.open(ctx.register, operator="自检") as reg:
        with reg.reading() as s:
            problem_id = queries.resolve_problem(s, ctx.campaign_id, 1)
        evidence.attach_files(reg, [source], problem_id=problem_id, title="自检佐证材料")
    stored = [p for p in evidence.store_root(ctx.register).rglob("*") if p.is_file()]
    if len(stored) != 1:
        raise AssertionError(f"{len(stored)} files in the evidence store, expected 1")
    return f"the bulletin attached to problem 1, stored as {stored[0].name[:12]}…"


def step_check(ctx: Context) -> str:
    from rectdesk.store.check import check

    report = check(ctx.register, full=True)
    if not report.ok or report.files_checked != 1:
        raise AssertionError("；".join(report.lines()))
    return f"integrity_check and foreign keys ok, evidence files re-hashed: {report.files_checked}"


def step_main_window(ctx: Context) -> str:
    from rectdesk.gui.probe import construct_main_window

    return construct_main_window(ctx.register)


STEPS: tuple[Step, ...] = (
    Step("resources", step_resources, required=True),
    Step("create register", step_create_register, required=True),
    Step("import demo", step_import_demo, required=True),
    Step("summary", step_summary),
    Step("export bulletin", step_bulletin),
    Step("export ledger", step_ledger),
    Step("attach evidence", step_evidence),
    Step("check", step_check),
    Step("main window", step_main_window),
)


# -- running ---------------------------------------------------------------------------------

@contextmanager
def _private_home(tmp: Path) -> Iterator[None]:
    """Point RECTDESK_HOME (settings, logs, backups) at the temporary folder while running."""
    old = os.environ.get("RECTDESK_HOME")
    os.environ["RECTDESK_HOME"] = str(tmp / "home")
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("RECTDESK_HOME", None)
        else:
            os.environ["RECTDESK_HOME"] = old


def run_steps(steps: tuple[Step, ...], tmp: Path, out: TextIO, err: TextIO) -> list[str]:
    """Run the steps in order, print one line each; returns the names of the failed ones."""
    ctx = Context(tmp=tmp, register=tmp / "demo.rectdesk")
    failed: list[str] = []
    blocked = ""
    for step in steps:
        if blocked:
            print(f"{step.name}: skipped (needs {blocked})", file=out, flush=True)
            failed.append(step.name)
            continue
        start = time.perf_counter()
        try:
            detail = step.run(ctx)
        except Exception as exc:  # report every failure, keep going where that makes sense
            print(f"{step.name}: FAILED: {type(exc).__name__}: {exc}", file=out, flush=True)
            traceback.print_exc(file=err)
            failed.append(step.name)
            if step.required:
                blocked = step.name
            continue
        print(f"{step.name}: ok ({detail}; {time.perf_counter() - start:.2f} s)", file=out, flush=True)
    return failed


def run(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The `--selftest` entry point: 0 when every step passed, 1 otherwise."""
    out = out or sys.stdout
    err = err or sys.stderr
    from rectdesk import APP_NAME, __version__

    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    print(f"{APP_NAME} {__version__}{frozen} selftest, Python {sys.version.split()[0]}, "
          f"{sys.platform}", file=out, flush=True)
    with tempfile.TemporaryDirectory(prefix="rectdesk-selftest-", ignore_cleanup_errors=True) as name:
        tmp = Path(name)
        with _private_home(tmp):
            failed = run_steps(STEPS, tmp, out, err)
    if failed:
        print(f"selftest: FAILED ({', '.join(failed)})", file=out, flush=True)
        return 1
    print(OK_LINE, file=out, flush=True)
    return 0
