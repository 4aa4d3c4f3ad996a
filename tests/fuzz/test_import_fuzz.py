"""Importers on arbitrary text: they succeed or raise the typed import error, and a failed import
leaves the register exactly as it was."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rectdesk.core.errors import ImportFormatError, RectDeskError
from rectdesk.exchange.bulletin_import import parse_bulletin, read_bulletin
from rectdesk.store import services, sqlite
from rectdesk.store.register import Register

sys.path.insert(0, str(Path(__file__).parent))
from strategies import DOCUMENT, FORBIDDEN, MARKERS  # noqa: E402

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.rectdesk"
    reg = Register.open(path, operator="模糊测试")
    yield reg
    reg.close()


@FUZZ
@given(text=DOCUMENT)
@example(text="1. 关于学习不到位问题的整改\n一是制定计划。")
def test_parse_bulletin_succeeds_or_raises_import_error(text: str) -> None:
    try:
        campaign, report = parse_bulletin(text)
    except ImportFormatError as exc:
        assert str(exc)  # a message for people
        return
    assert campaign.problems and report.problems == len(campaign.problems)


@settings(FUZZ, max_examples=60)
@given(text=DOCUMENT.filter(lambda t: "1." in t or "（一）" in t or "一、" in t))
@example(text="1. 关于学习不到位问题的整改\n一是制定计划。二是开展学习。")
@example(text="1. 关于\x00问题的整改\n一是" + "长" * 200_000)  # too long for the register
def test_import_into_register_is_whole_or_nothing(register: Register, text: str) -> None:
    try:
        campaign, _ = parse_bulletin(text)
    except ImportFormatError:
        return
    before = sqlite.table_counts(register.path)
    try:
        services.import_campaign(register, campaign, source="模糊测试")
    except RectDeskError:
        assert sqlite.table_counts(register.path) == before  # nothing half-written
        return
    after = sqlite.table_counts(register.path)
    assert after["problem"] == before["problem"] + len(campaign.problems)
    assert after["measure"] == before["measure"] + campaign.measure_count()


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=2000), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe",
                                                              b"\xfe\xff", b"PK\x03\x04", b"%PDF"]))
def test_read_bulletin_on_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                          prefix: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "通报.txt"
    path.write_bytes(prefix + data)
    try:
        read_bulletin(path)
    except ImportFormatError as exc:
        assert exc.file == path.name


@settings(FUZZ, max_examples=60)
@given(lines=st.lists(st.tuples(MARKERS, FORBIDDEN, st.text(max_size=10)), min_size=1, max_size=20),
       encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_read_bulletin_on_encoded_text(tmp_path_factory: pytest.TempPathFactory,
                                       lines: list[tuple[str, str, str]], encoding: str) -> None:
    text = "\n".join("".join(parts) for parts in lines)
    path = tmp_path_factory.mktemp("enc") / "通报.txt"
    try:
        path.write_bytes(text.encode(encoding, errors="surrogatepass" if encoding != "gb18030" else "replace"))
    except UnicodeEncodeError:
        return
    try:
        read_bulletin(path)
    except ImportFormatError:
        pass
