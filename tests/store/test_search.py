"""The search index follows every write; 2-character terms are scanned, longer ones indexed."""

from __future__ import annotations

from datetime import date

from rectdesk.store import services
from rectdesk.store.search_index import open_search


def _campaign(reg) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    cid = next(iter(services.create_campaign(reg, "测试任务").campaigns))
    pid = next(iter(services.add_problem(reg, cid, "工地扬尘管控不到位").problems))
    mid = next(i for k, i in services.add_measure(reg, pid, "开展道路保洁专项行动",
                                                  lead_department="城管处", leaders="王五").created)
    return cid, pid, mid


def test_two_character_chinese_term_is_found(empty_register) -> None:  # type: ignore[no-untyped-def]
    cid, pid, _ = _campaign(empty_register)
    index = open_search(empty_register, cid)
    assert index.search("扬尘") == {pid}
    assert index.search("王五") == {pid}
    assert index.search("水质") == set()


def test_typing_on_from_a_short_term_finds_what_a_fresh_search_does(empty_register) -> None:  # type: ignore[no-untyped-def]
    reg = empty_register
    cid, pid, _ = _campaign(reg)
    sail = next(iter(services.add_problem(reg, cid, "扬帆起航宣传不足").problems))
    water = next(iter(services.add_problem(reg, cid, "水质监测不到位").problems))
    index = open_search(reg, cid)
    assert index.search("扬") == {pid, sail}
    assert index.search("扬尘") == {pid}  # looked for among the hits of 扬 only
    assert index.search("扬") == {pid, sail}
    services.update_problem(reg, water, title="水质和扬尘监测不到位")
    index.invalidate({water})
    assert index.search("扬尘") == {pid, water}  # an edit: the campaign is scanned again
    assert index.search("尘") == {pid, water}


def test_long_terms_and_names_follow_edits(empty_register) -> None:  # type: ignore[no-untyped-def]
    reg = empty_register
    cid, pid, mid = _campaign(reg)
    index = open_search(reg, cid)
    assert index.search("道路保洁") == {pid}
    assert index.search("城管处") == {pid}
    services.update_measure(reg, mid, text="建立渣土车辆冲洗台账", lead_department="交通处")
    index.invalidate({pid})
    assert index.search("道路保洁") == set()
    assert index.search("交通处") == {pid}
    services.record_progress(reg, mid, "2021-01-05", "已完成冲洗设施安装")
    index.invalidate({pid})
    assert index.search("冲洗设施") == {pid}
    assert index.search("设施 渣土") == {pid}  # every term must match
    services.delete_problem(reg, pid)
    index.invalidate({pid})
    assert index.search("渣土车辆") == set()
    assert index.search("扬尘") == set()


def test_preloaded_index_answers_as_the_database_does(demo_register) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.store import views

    reg = demo_register
    cid = views.campaign_rows(reg)[0].id
    cold = open_search(reg, cid)  # long terms straight from FTS5's problem_id column
    warm = open_search(reg, cid)
    warm.preload()  # long terms through the in-memory id maps
    assert warm.loaded and not cold.loaded
    words = ["整改", "巡察整改", "办公室", "完成", "不存在的词语", "问题 整改"]
    words += [r.leaders[0] for r in views.problem_rows(reg, cid, date.today()) if r.leaders][:3]
    for word in words:
        assert warm.search(word) == cold.search(word), word
    assert any(warm.search(w) for w in words)


def test_preloaded_index_finds_items_added_after_it_was_loaded(empty_register) -> None:  # type: ignore[no-untyped-def]
    reg = empty_register
    cid, pid, mid = _campaign(reg)
    services.add_measure(reg, pid, "落实网格化管理", leaders="欧阳明月", cooperating="环境督察处")
    index = open_search(reg, cid)
    index.preload()
    assert index.search("欧阳明月") == {pid}  # a leader's own index row
    assert index.search("环境督察") == {pid}  # a cooperating department's
    other = next(iter(services.add_problem(reg, cid, "第二个问题").problems))
    new = next(i for k, i in services.add_measure(reg, other, "建设雨污分流管网").created)
    services.record_progress(reg, new, "2021-03-01", "管网铺设过半", reported_by="赵六")
    assert index.search("雨污分流") == {other}  # not yet in the maps: asked of the index
    assert index.search("管网铺设") == {other}
    index.invalidate({other})
    assert index.search("雨污分流") == {other}
    assert index.search("赵六") == {other}  # short term: the text was reloaded
    assert index.search("道路保洁") == {pid}


def _index_rows(reg) -> list[tuple]:  # type: ignore[no-untyped-def]
    with reg.reading() as s:
        return list(s.connection().exec_driver_sql(
            "SELECT rowid, body, problem_id, measure_id FROM search_fts ORDER BY rowid"))


def _triggers(reg) -> set[str]:  # type: ignore[no-untyped-def]
    with reg.reading() as s:
        return {r[0] for r in s.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'")}


def test_import_indexes_its_rows_as_the_triggers_would(empty_register) -> None:  # type: ignore[no-untyped-def]
    from rectdesk.core.model import ProgressData
    from rectdesk.exchange.demo import demo_campaign
    from rectdesk.store import search

    reg = empty_register
    cid, pid, _ = _campaign(reg)
    triggers = _triggers(reg)
    assert len(triggers) == 16
    data = demo_campaign()
    for i, problem in enumerate(data.problems[:5]):
        problem.measures[0].progress.append(ProgressData(date(2020, 12, i + 1), f"第{i}次调度会议"))
    changes = services.import_campaign(reg, data, source="示例通报")
    imported = _index_rows(reg)
    with reg.transaction() as s:
        search.rebuild(s.connection())  # what the row-by-row triggers produce
    assert imported == _index_rows(reg)
    assert len(imported) > 200
    assert sum(1 for row in imported if row[0] % 8 == 3) == 5  # the progress entries
    assert _triggers(reg) == triggers  # back in place after the import
    new_cid = next(iter(changes.campaigns - {cid}))
    some = next(iter(changes.problems))
    services.add_measure(reg, some, "设立雨燕巢穴保护点")
    assert open_search(reg, new_cid).search("雨燕巢穴") == {some}  # triggers work again
    assert open_search(reg, cid).search("道路保洁") == {pid}


def test_failed_import_keeps_the_triggers(empty_register, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from rectdesk.exchange.demo import demo_campaign
    from rectdesk.store import search

    reg = empty_register
    _campaign(reg)
    before, triggers = _index_rows(reg), _triggers(reg)

    def broken(*_a: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(search, "index_new_rows", broken)
    with pytest.raises(RuntimeError):
        services.import_campaign(reg, demo_campaign(), source="示例通报")
    assert _index_rows(reg) == before
    assert _triggers(reg) == triggers
