"""Restoring a deleted problem or measure gives back every row it had, logged as a restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from rectdesk.core.errors import NotFound
from rectdesk.core.model import MeasureStatus
from rectdesk.store import evidence, queries, restore, services
from rectdesk.store.models import ChangeLog, Measure
from rectdesk.store.search_index import open_search

SKIP_TABLES = ("change_log", "search_fts")
SKIP_COLUMNS = ("version", "updated_at")  # bumped by renumbering the siblings, twice


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every user table's rows, without the log, the search index and the bookkeeping columns."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"):
            if t.startswith(SKIP_TABLES):
                continue
            cols = [c[1] for c in con.execute(f'PRAGMA table_info("{t}")') if c[1] not in SKIP_COLUMNS]
            names = ", ".join(f'"{c}"' for c in cols)
            out[t] = sorted(con.execute(f'SELECT {names} FROM "{t}"').fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.fixture
def rich(demo_register, tmp_path):
    """Problem 1 of the demo with, on its second measure, everything a measure can carry."""
    reg = demo_register
    p = queries.load_campaign(reg, 1).problems[0]
    m = p.measures[1]
    services.update_measure(reg, m.id, leaders=["王五", "张三"], cooperating=["财务处", "办公室"],
                            deadline="2020年12月底")
    services.record_progress(reg, m.id, "2020-11-01", "已完成方案起草")
    services.request_extension(reg, m.id, "2021-03-31", "设备采购周期长", requested_by="办公室")
    doc = tmp_path / "方案.txt"
    doc.write_text("整改方案", encoding="utf-8")
    evidence.attach_files(reg, [doc], measure_id=m.id, title="整改方案")
    evidence.attach_files(reg, [doc], problem_id=p.id, title="问题佐证")
    services.add_mechanism(reg, 1, "扬尘管控办法", problem_ids=[p.id])
    return reg, p.id, m.id


def last_log(reg):
    with reg.reading() as s:
        return tuple(s.execute(select(ChangeLog.action, ChangeLog.entity, ChangeLog.entity_id)
                               .order_by(ChangeLog.id.desc())).first())


def test_a_deleted_measure_comes_back_whole_at_its_place(rich):
    reg, pid, mid = rich
    before = dump(reg.path)
    saved = restore.capture_measure(reg, mid)
    services.delete_measure(reg, mid)
    assert dump(reg.path) != before
    done = restore.restore(reg, saved)
    assert dump(reg.path) == before  # extensions, progress, evidence rows, leader order, numbers
    assert done.changes.created == {("measure", mid)} and done.ids == {}
    assert last_log(reg) == ("restore", "measure", mid)
    m = queries.load_campaign(reg, 1).problems[0].measures[1]
    assert m.leaders == ["王五", "张三"] and len(m.extensions) == 1
    assert [e.title for e in evidence.list_evidence(reg, measure_id=mid)] == ["整改方案"]
    assert evidence.blob_path(reg.path, evidence.list_evidence(reg, measure_id=mid)[0].sha256).exists()
    assert pid in open_search(reg, 1).search("方案起草")  # the triggers indexed it again


def test_a_deleted_problem_comes_back_whole_with_its_measures(rich):
    reg, pid, mid = rich
    before, imports = dump(reg.path), actions(reg).count("import")
    saved = restore.capture_problem(reg, pid)
    services.delete_problem(reg, pid)
    done = restore.restore(reg, saved)
    assert dump(reg.path) == before  # measures, mechanism link, evidence of both, same ids
    assert done.changes.created == {("problem", pid)} and done.ids == {}
    assert problem_ids_after(reg, pid) <= done.changes.problems  # renumbered ones refresh too
    assert last_log(reg) == ("restore", "problem", pid)
    assert actions(reg).count("import") == imports


def problem_ids_after(reg, pid) -> set[int]:
    return {p.id for p in queries.load_campaign(reg, 1).problems
            if p.number >= next(q.number for q in queries.load_campaign(reg, 1).problems if q.id == pid)}


def actions(reg) -> list[str]:
    with reg.reading() as s:
        return list(s.scalars(select(ChangeLog.action)))


def test_an_id_taken_meanwhile_gets_a_new_one_and_children_follow(rich):
    reg, pid, mid = rich
    saved = restore.capture_measure(reg, mid)
    services.delete_measure(reg, mid)
    with reg.transaction() as s:  # an import, say, took the freed id meanwhile
        s.add(Measure(id=mid, problem_id=pid, position=9, text="别的措施", result="",
                      status=MeasureStatus.NOT_STARTED))
    done = restore.restore(reg, saved)
    moved = done.ids[("measure", mid)]
    assert moved != mid
    measures = queries.load_campaign(reg, 1).problems[0].measures
    back = next(m for m in measures if m.id == moved)
    assert back.number == 2 and [g.text for g in back.progress] == ["已完成方案起草"]
    assert [e.title for e in evidence.list_evidence(reg, measure_id=moved)] == ["整改方案"]


def test_restoring_into_a_deleted_problem_is_refused(rich):
    reg, pid, mid = rich
    saved = restore.capture_measure(reg, mid)
    services.delete_problem(reg, pid)
    with pytest.raises(NotFound):
        restore.restore(reg, saved)
