"""The field table (core/fields.py): one name per field, and every exporter and importer reads it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from rectdesk.core import fields
from rectdesk.core.fields import MEASURE_FIELDS, PROBLEM_FIELDS, Kind
from rectdesk.exchange import ledger_import, ledger_summary, ledger_xlsx

ROOT = Path(__file__).resolve().parents[2]


def test_one_name_per_field_and_no_name_claimed_twice() -> None:
    everything = (*PROBLEM_FIELDS, *MEASURE_FIELDS)
    assert len({f.key for f in everything}) == len(everything)
    assert len({f.label for f in everything}) == len(everything)
    owner: dict[str, str] = {}
    for f in MEASURE_FIELDS:  # the ledger importer must know which column a header names
        for name in fields.names(f.key):
            assert owner.setdefault(name, f.key) == f.key, f"{name} names {owner[name]} and {f.key}"


def test_the_lead_department_is_called_one_thing() -> None:
    assert fields.label("lead_department") == "责任部门"
    for old in ("牵头单位", "牵头部门", "责任单位"):  # still read from offices' ledgers
        assert ledger_import.match_header(old) == "lead_department"


def test_the_ledger_titles_its_field_columns_from_the_table() -> None:
    headers = dict(zip((c.key for c in ledger_xlsx.COLUMNS), ledger_xlsx.HEADERS, strict=True))
    column_of = {"title": "problem", "text": "measure"}  # the ledger's own keys for these two
    for f in (*MEASURE_FIELDS, *PROBLEM_FIELDS):
        key = column_of.get(f.key, f.key)
        if key in headers:
            assert headers[key] == f.ledger_header
            assert ledger_import.match_header(f.ledger_header) == key
    assert headers["problem"] == "反馈问题"  # the layout's own title, declared in the table
    assert ("责任部门", 1) in ledger_summary.OVERDUE_COLUMNS


def test_added_fields_are_plain_text() -> None:
    assert all(f.kind is Kind.TEXT for f in fields.added_fields())


def test_a_field_added_to_the_table_reaches_the_ledger_and_comes_back(tmp_path: Path) -> None:
    """Run in a fresh interpreter: the ledger's columns are laid out once, at import."""
    script = textwrap.dedent(f"""
        from datetime import date
        from rectdesk.core import fields
        extra = fields.Field("verified", "核实情况", fields.Kind.TEXT, aliases=("核实",), ledger=True)
        fields.MEASURE_FIELDS = (*fields.MEASURE_FIELDS, extra)
        fields.FIELDS["verified"] = extra
        from openpyxl import load_workbook
        from rectdesk.core.model import CampaignData, MeasureData, ProblemData
        from rectdesk.exchange import ledger_import, ledger_xlsx
        m = MeasureData("建立台账", lead_department="办公室", extra={{"verified": "已现场核实"}})
        c = CampaignData("测试", problems=[ProblemData("问题一", number=1, measures=[m])])
        path = {str(tmp_path / "ledger.xlsx")!r}
        ledger_xlsx.write_ledger(c, path, ledger_xlsx.LedgerOptions(today=date(2020, 11, 2)))
        ws = load_workbook(path, read_only=True)["整改台账"]
        header, first = [list(r) for r in ws.iter_rows(min_row=3, max_row=4, values_only=True)]
        assert header.index("核实情况") == header.index("备注") - 1, header
        assert first[header.index("核实情况")] == "已现场核实", first
        layout = ledger_import.inspect_ledger(path)[0].layout
        back = ledger_import.read_ledger(path, layout).campaign.problems[0].measures[0]
        assert back.extra.get("verified") == "已现场核实", back.extra
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr
