from rectdesk.core.model import MeasureStatus, ProblemStatus
from rectdesk.core.status import derive_problem_status, infer_measure_status, parse_status
from rectdesk.core.text import (
    clean_text,
    cn_number,
    join_measures,
    parse_cn_number,
    strip_forbidden,
)


def test_chinese_numbers_round_trip_1_to_99():
    for n in range(1, 100):
        assert parse_cn_number(cn_number(n)) == n
    assert cn_number(10) == "十" and cn_number(21) == "二十一" and cn_number(31) == "三十一"
    assert parse_cn_number("主要") is None and parse_cn_number("零") is None


def test_clean_text_removes_xml_forbidden_and_normalises_line_breaks():
    assert clean_text("a\x00b\x0bc\r\nd\re\ufffe\u2066") == "ab c\nd\ne"  # VT: a space; bidi isolate out
    assert strip_forbidden("x\ud800y") == ("xy", 1)


def test_join_measures_numbers_clauses_like_the_bulletin():
    assert join_measures(["加强领导", "规范执法。"]) == "一是加强领导。二是规范执法。"
    assert join_measures(["只有一条"]) == "只有一条。"


def test_problem_status_derives_from_measures_unless_signed_off():
    done, doing, long = MeasureStatus.DONE, MeasureStatus.IN_PROGRESS, MeasureStatus.LONG_TERM
    assert derive_problem_status([done, done], False) is ProblemStatus.DONE
    assert derive_problem_status([done, long], False) is ProblemStatus.LONG_TERM
    assert derive_problem_status([done, doing], False) is ProblemStatus.IN_PROGRESS
    assert derive_problem_status([doing], True) is ProblemStatus.SIGNED_OFF
    assert derive_problem_status([], False) is ProblemStatus.NOT_STARTED


def test_status_inference_and_parsing():
    assert infer_measure_status("葛塘广场净水站已经建成") is MeasureStatus.DONE
    assert infer_measure_status("大厂污水处理厂迁扩建工程正在施工") is MeasureStatus.IN_PROGRESS
    assert infer_measure_status("做到长期坚持") is MeasureStatus.LONG_TERM
    assert parse_status("已完成") is MeasureStatus.DONE
    assert parse_status("推进中") is MeasureStatus.IN_PROGRESS
    assert parse_status("随便") is None
