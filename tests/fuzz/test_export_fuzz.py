"""Exporters on hostile text, and export -> import round trips.

Documented normalisation (rectdesk.core.text / rectdesk.exchange.cells): characters XML forbids
(C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) are removed, CRLF/CR become LF,
edges are trimmed, and an Excel cell longer than 32,767 characters is cut with a visible mark.
Formula-looking text and 18-digit numbers stay text.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectdesk.core.errors import ImportFormatError
from rectdesk.core.model import CampaignData, MeasureData, MeasureStatus, ProblemData
from rectdesk.core.text import clean_text, strip_forbidden
from rectdesk.exchange.cells import cell_text

sys.path.insert(0, str(Path(__file__).parent))
from strategies import CELL, CJK, EIGHTEEN_DIGITS, FORBIDDEN, FORMULA  # noqa: E402

FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

TITLE = st.one_of(CJK, FORMULA, EIGHTEEN_DIGITS,
                  st.lists(st.one_of(CJK, FORBIDDEN, FORMULA), min_size=1, max_size=5).map("".join))
NAME = st.one_of(CJK, st.sampled_from(["=部门", "+办公室", "@财务科", "-人事处"]))


def normal(text: str) -> str:
    return clean_text(cell_text(text))


def _problem(title: str, texts: list[str], dept: str, status: MeasureStatus) -> ProblemData:
    measures = [MeasureData(text=t, result=t, lead_department=dept, status=status, number=i)
                for i, t in enumerate(texts, 1)]
    return ProblemData(title=title, number=0, measures=measures)


CAMPAIGN = st.builds(
    lambda problems: CampaignData(title="模糊测试整改任务", problems=[
        ProblemData(title=p.title, number=i, measures=p.measures) for i, p in enumerate(problems, 1)]),
    st.lists(st.builds(_problem, TITLE.filter(lambda t: normal(t) != ""),
                       st.lists(CELL.filter(lambda t: normal(t) != ""), min_size=1, max_size=3),
                       NAME, st.sampled_from(list(MeasureStatus))),
             min_size=1, max_size=3))


@FUZZ
@given(campaign=CAMPAIGN)
def test_ledger_round_trip(tmp_path_factory: pytest.TempPathFactory, campaign: CampaignData) -> None:
    from rectdesk.exchange.ledger_import import read_ledger
    from rectdesk.exchange.ledger_xlsx import LedgerOptions, write_ledger

    out = tmp_path_factory.mktemp("ledger") / "台账.xlsx"
    write_ledger(campaign, out, LedgerOptions(today=date(2024, 6, 1)))
    back = read_ledger(out).campaign
    assert [normal(p.title) for p in back.problems] == [normal(p.title) for p in campaign.problems]
    for mine, theirs in zip(campaign.problems, back.problems, strict=True):
        assert [m.text for m in theirs.measures] == [normal(m.text) for m in mine.measures]
        assert [m.lead_department for m in theirs.measures] == [m.lead_department for m in mine.measures]
        assert [m.status for m in theirs.measures] == [m.status for m in mine.measures]


@FUZZ
@given(campaign=CAMPAIGN)
def test_bulletin_docx_export_keeps_every_printable_character(
        tmp_path_factory: pytest.TempPathFactory, campaign: CampaignData) -> None:
    import docx

    from rectdesk.exchange.bulletin_docx import BulletinOptions, write_bulletin

    out = tmp_path_factory.mktemp("bulletin") / "通报.docx"
    # Characters as typed: the punctuation normalisation (tested apart) would change , ; : ( ).
    report = write_bulletin(campaign, out, BulletinOptions(normalize_punctuation=False))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    # Edge whitespace (which includes \x0b and \x0c) is trimmed before writing, so only the
    # forbidden characters inside the trimmed texts reach the counter.
    removed = sum(strip_forbidden(p.title.strip())[1]
                  + sum(strip_forbidden(m.result.strip())[1] for m in p.measures)
                  for p in campaign.problems)
    assert report.removed_characters >= removed
    for p in campaign.problems:
        for m in p.measures:
            # Documented normalisation: CRLF and CR are written as one line break.
            expected = strip_forbidden(m.result)[0].replace("\r\n", "\n").replace("\r", "\n")
            assert expected.strip().rstrip("。") in text


@FUZZ
@given(campaign=CAMPAIGN)
def test_bulletin_export_then_import_succeeds_or_raises_import_error(
        tmp_path_factory: pytest.TempPathFactory, campaign: CampaignData) -> None:
    from rectdesk.exchange.bulletin_docx import write_bulletin
    from rectdesk.exchange.bulletin_import import read_bulletin

    out = tmp_path_factory.mktemp("bulletin") / "通报.docx"
    write_bulletin(campaign, out)
    try:
        read_bulletin(out)
    except ImportFormatError:
        pass


PLAIN_TITLE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=20)


@settings(FUZZ, max_examples=15)
@given(titles=st.lists(PLAIN_TITLE, min_size=1, max_size=4, unique=True),
       results=st.lists(PLAIN_TITLE, min_size=1, max_size=3))
def test_bulletin_round_trip_of_plain_text(tmp_path_factory: pytest.TempPathFactory,
                                           titles: list[str], results: list[str]) -> None:
    from rectdesk.exchange.bulletin_docx import write_bulletin
    from rectdesk.exchange.bulletin_import import read_bulletin

    campaign = CampaignData(title="某局巡察整改", issuing_organ="中共某局党组", problems=[
        ProblemData(title=t, number=i, measures=[
            MeasureData(text=r, result=r + "。", status=MeasureStatus.DONE, number=j)
            for j, r in enumerate(results, 1)]) for i, t in enumerate(titles, 1)])
    out = tmp_path_factory.mktemp("plain") / "通报.docx"
    write_bulletin(campaign, out)
    back, _ = read_bulletin(out)
    assert len(back.problems) == len(titles)
    for title, problem in zip(titles, back.problems, strict=True):
        assert title in problem.title
        assert len(problem.measures) == len(results)
