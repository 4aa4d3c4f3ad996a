"""The search index follows every write; 2-character terms are scanned, longer ones indexed."""

from __future__ import annotations

from rectdesk.store import services
from rectdesk.store.search import SearchIndex


def _campaign(reg) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    cid = next(iter(services.create_campaign(reg, "测试任务").campaigns))
    pid = next(iter(services.add_problem(reg, cid, "工地扬尘管控不到位").problems))
    mid = next(i for k, i in services.add_measure(reg, pid, "开展道路保洁专项行动",
                                                  lead_department="城管处", leaders="王五").created)
    return cid, pid, mid


def test_two_character_chinese_term_is_found(empty_register) -> None:  # type: ignore[no-untyped-def]
    cid, pid, _ = _campaign(empty_register)
    index = SearchIndex(empty_register, cid)
    assert index.search("扬尘") == {pid}
    assert index.search("王五") == {pid}
    assert index.search("水质") == set()


def test_long_terms_and_names_follow_edits(empty_register) -> None:  # type: ignore[no-untyped-def]
    reg = empty_register
    cid, pid, mid = _campaign(reg)
    index = SearchIndex(reg, cid)
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
