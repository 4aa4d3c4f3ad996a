"""The problem and measure forms (designed in forms/*.ui): load a row, commit each edited field
as one undoable service call, show a ValidationError next to its field.

Each field of the field table (core.fields) has, in its form's .ui, an editor named by its key,
a `label_<key>` (its text set here from the table) and an `error_<key>` label."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from rectdesk.core.errors import RectDeskError
from rectdesk.core.fields import MEASURE_FIELDS, PROBLEM_FIELDS
from rectdesk.core.model import MeasureStatus
from rectdesk.gui import palette, undo
from rectdesk.gui.detail.fields import FieldBinder, Rejected, set_choices
from rectdesk.gui.forms.ui_measure_form import Ui_MeasureForm
from rectdesk.gui.forms.ui_problem_form import Ui_ProblemForm
from rectdesk.gui.session import RegisterSession
from rectdesk.gui.words import day, field_label, word
from rectdesk.store.views import Choices, MeasureRow


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def status_text(status: MeasureStatus | str) -> str:
    return word(status)


class _Form(QWidget):
    # Each form defines apply(key, old, new): the undoable service call that saves one field.
    apply: Callable[[str, str, str], None]
    fields: tuple[str, ...] = ()
    ui: Any

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: RegisterSession | None = None
        self.ident: int | None = None
        self._values: dict[str, str] = {}
        self.binder = FieldBinder(self._commit, self)

    def _bind(self) -> None:
        for key in self.fields:
            self.binder.bind(key, getattr(self.ui, key), getattr(self.ui, f"error_{key}"))
            getattr(self.ui, f"label_{key}").setText(field_label(key))

    def _commit(self, key: str, value: str) -> None:
        if self.session is None or self.ident is None:
            return
        self.binder.clear_errors()
        self.ui.error_form.setVisible(False)
        try:
            self.apply(key, self._values.get(key, ""), value)
        except RectDeskError as exc:
            target = exc.field if exc.field in self.fields else key
            self.binder.show_error(target, exc.message, self.ui.error_form)
            raise Rejected from exc
        self._values[key] = value

    def label(self, key: str) -> str:
        widget = getattr(self.ui, f"label_{key}", None)
        return widget.text() if isinstance(widget, QLabel) else key

    def error_text(self, key: str) -> str:
        """The message shown next to a field ("" when none): what tests and people read."""
        label = getattr(self.ui, f"error_{key}")
        return str(label.text()) if not label.isHidden() else ""

    def flush(self) -> None:
        self.binder.flush()


class ProblemForm(_Form):
    fields = tuple(f.key for f in PROBLEM_FIELDS)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ProblemForm()
        self.ui.setupUi(self)
        palette.colour_error_labels(self)
        self._bind()

    def show_problem(self, session: RegisterSession, pid: int, fields: dict[str, Any],
                     choices: Choices) -> None:
        self.session, self.ident = session, pid
        set_choices(self.ui.category, choices.categories)
        self._values = {"title": fields["title"], "description": fields["description"],
                        "category": fields["category"], "recheck_due": _d(fields["recheck_due"])}
        self.binder.load(self._values)
        self.ui.number.setText(str(fields["number"]))
        if fields["signed_off_on"]:
            self.ui.sign_off.setText(self.tr("%1 由 %2 批准销号").replace(
                "%1", day(fields["signed_off_on"])).replace("%2", fields["signed_off_by"]))
        else:
            self.ui.sign_off.setText(self.tr("未销号"))

    def apply(self, key: str, old: str, new: str) -> None:
        assert self.session is not None and self.ident is not None
        undo.edit_problem(self.session, self.ident, key, old, new,
                          self.tr("修改问题的“%1”").replace("%1", self.label(key)))


class MeasureForm(_Form):
    fields = tuple(f.key for f in MEASURE_FIELDS)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MeasureForm()
        self.ui.setupUi(self)
        palette.colour_error_labels(self)
        for status in MeasureStatus:
            self.ui.status.addItem(status_text(status), status.value)
        self._bind()

    def show_measure(self, session: RegisterSession, row: MeasureRow, problem_number: int,
                     choices: Choices) -> None:
        self.session, self.ident = session, row.id
        set_choices(self.ui.leaders, choices.people, multi=True)
        set_choices(self.ui.cooperating, choices.departments, multi=True)
        set_choices(self.ui.lead_department, choices.departments)
        self._values = {
            "text": row.text, "result": row.result, "leaders": "、".join(row.leaders),
            "lead_department": row.lead_department, "cooperating": "、".join(row.cooperating),
            "deadline": row.deadline_text, "status": row.status.value,
            "completed_on": _d(row.completed_on), "note": row.note, **row.extra,
        }
        self.binder.load(self._values)
        label = f"{problem_number}.{row.number}"
        if row.extended and row.due:
            label += "  " + self.tr("（已批准延期至 %1）").replace("%1", day(row.due))
        self.ui.number.setText(label)

    def apply(self, key: str, old: str, new: str) -> None:
        assert self.session is not None and self.ident is not None
        undo.edit_measure(self.session, self.ident, key, old, new,
                          self.tr("修改措施的“%1”").replace("%1", self.label(key)))
