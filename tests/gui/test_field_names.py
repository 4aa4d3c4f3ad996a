"""The window names every field by the field table (core/fields.py)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from rectdesk.core import fields
from rectdesk.core.fields import MEASURE_FIELDS, PROBLEM_FIELDS, Field, Kind
from rectdesk.gui.detail.forms import MeasureForm, ProblemForm
from rectdesk.gui.dialogs.conflict import ConflictDialog
from rectdesk.gui.models.tables import HistoryModel, MeasureModel
from rectdesk.store.concurrency import EditConflict
from rectdesk.store.views import ChangeRow


@pytest.mark.parametrize(("form_class", "table"), [(MeasureForm, MEASURE_FIELDS),
                                                   (ProblemForm, PROBLEM_FIELDS)])
def test_each_form_has_every_field_of_its_table_labelled_by_it(qtbot, form_class, table) -> None:
    form = form_class()
    qtbot.addWidget(form)
    assert form.fields == tuple(f.key for f in table)
    for f in table:
        assert form.label(f.key) == f.label
        assert getattr(form.ui, f"error_{f.key}") is not None


def test_measure_table_and_history_use_the_field_names(qtbot) -> None:
    model = MeasureModel()
    headers = dict(zip((c.key for c in model.columns), model.headers(), strict=True))
    for key in ("text", "leaders", "lead_department", "cooperating", "deadline", "status"):
        assert headers[key] == fields.label(key)
    history = HistoryModel()
    history.set_rows([ChangeRow(datetime(2020, 11, 2), "张三", "update", f.entity, 1, f.key, "a", "b")
                      for f in (*PROBLEM_FIELDS, *MEASURE_FIELDS)])
    shown = [history.data(history.index(r, 3), Qt.ItemDataRole.DisplayRole)
             for r in range(history.rowCount())]
    assert sorted(shown) == sorted(f.label for f in (*PROBLEM_FIELDS, *MEASURE_FIELDS))


def test_a_field_added_to_the_table_is_named_in_the_conflict_dialog(qtbot, monkeypatch) -> None:
    monkeypatch.setitem(fields.FIELDS, "verified", Field("verified", "核实情况", Kind.TEXT))
    conflict = EditConflict("measure", 1, 1, 2, {"verified": "已现场核实", "lead_department": "办公室"},
                            {"verified": "", "lead_department": "信息中心"})
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    rows = [tuple(dialog.model.data(dialog.model.index(r, c), Qt.ItemDataRole.DisplayRole)
                  for c in range(3)) for r in range(dialog.model.rowCount())]
    assert rows == [("核实情况", "已现场核实", ""), ("责任部门", "办公室", "信息中心")]
