"""The change history of a problem as the detail panel shows it: the problem's own entries and
those of its measures, their progress entries, deadline extensions and evidence, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rectdesk.store.register import Register
from rectdesk.store.views import ChangeRow

# (entity, the SQL giving (id, measure number) of that entity's rows under problem :pid)
_UNDER = (
    ("measure", "SELECT m.id, m.position FROM measure m WHERE m.problem_id = :pid"),
    ("progress", "SELECT g.id, m.position FROM progress g JOIN measure m ON m.id = g.measure_id "
                 "WHERE m.problem_id = :pid"),
    ("extension", "SELECT e.id, m.position FROM extension e JOIN measure m ON m.id = e.measure_id "
                  "WHERE m.problem_id = :pid"),
    ("evidence", "SELECT v.id, m.position FROM evidence v JOIN measure m ON m.id = v.measure_id "
                 "WHERE m.problem_id = :pid UNION ALL "
                 "SELECT v.id, 0 FROM evidence v WHERE v.problem_id = :pid"),
)


@dataclass
class History:
    rows: list[ChangeRow] = field(default_factory=list)
    # (entity, id) -> number of the measure an entry concerns (0: the problem itself)
    measure_of: dict[tuple[str, int], int] = field(default_factory=dict)


def problem_history(reg: Register, problem_id: int) -> History:
    from sqlalchemy import text

    out = History()
    with reg.reading() as s:
        for entity, sql in _UNDER:
            for ident, number in s.execute(text(sql), {"pid": problem_id}):
                out.measure_of[(entity, ident)] = number
        ors = " ".join(f"OR (entity = '{entity}' AND entity_id IN (SELECT id FROM ({sql})))"
                       for entity, sql in _UNDER)
        rows = s.execute(text(
            "SELECT at, operator, action, entity, entity_id, field, old_value, new_value "
            f"FROM change_log WHERE problem_id = :pid OR (entity = 'problem' AND entity_id = :pid) {ors} "
            "ORDER BY at DESC, id DESC"), {"pid": problem_id}).all()
    out.rows = [ChangeRow(at if isinstance(at, datetime) else datetime.fromisoformat(str(at)), *rest)
                for at, *rest in rows]
    return out
