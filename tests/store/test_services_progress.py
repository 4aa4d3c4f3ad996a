"""delete_progress: removes one entry, logs it, leaves the rest (and the search index) in step."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from rectdesk.core.errors import NotFound
from rectdesk.core.model import MeasureStatus
from rectdesk.store import queries, services
from rectdesk.store.models import ChangeLog, Progress
from rectdesk.store.search_index import open_search


@pytest.fixture
def measure(empty_register):
    reg = empty_register
    services.create_campaign(reg, "整改任务")
    services.add_problem(reg, 1, "问题")
    pid = queries.load_campaign(reg, 1).problems[0].id
    services.add_measure(reg, pid, "措施")
    return reg, queries.load_campaign(reg, 1).problems[0].measures[0].id


def problem_id(reg):
    return queries.load_campaign(reg, 1).problems[0].id


def progress_ids(reg, mid):
    with reg.reading() as s:
        return list(s.scalars(select(Progress.id).where(Progress.measure_id == mid)
                              .order_by(Progress.id)))


def test_delete_progress_removes_one_entry_and_logs_it(measure):
    reg, mid = measure
    services.record_progress(reg, mid, "2020-10-09", "已完成招标工作")
    services.record_progress(reg, mid, date(2020, 10, 16), "扬尘监测平台已建成", status="已完成")
    first, second = progress_ids(reg, mid)
    changes = services.delete_progress(reg, second)
    assert changes.measures == {mid}
    m = queries.load_campaign(reg, 1).problems[0].measures[0]
    assert [g.text for g in m.progress] == ["已完成招标工作"]
    assert m.status is MeasureStatus.DONE  # the status is the measure's own field: left as is
    with reg.reading() as s:
        last = s.execute(select(ChangeLog.action, ChangeLog.entity, ChangeLog.entity_id,
                                ChangeLog.old_value).order_by(ChangeLog.id.desc())).first()
    assert tuple(last) == (
        "delete", "progress", second, "扬尘监测平台已建成")
    index = open_search(reg, 1)
    assert index.search("扬尘") == set()
    assert index.search("监测平台") == set()
    assert index.search("招标工作") == {problem_id(reg)}


def test_delete_progress_of_a_missing_entry_is_not_found(measure):
    reg, mid = measure
    services.record_progress(reg, mid, "2020-10-09", "已完成招标")
    (gid,) = progress_ids(reg, mid)
    services.delete_progress(reg, gid)
    with pytest.raises(NotFound) as err:
        services.delete_progress(reg, gid)
    assert "进展记录" in err.value.message
    assert progress_ids(reg, mid) == []
